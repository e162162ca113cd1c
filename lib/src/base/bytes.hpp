// Looking at text 16 bytes at a time for the few bytes that need a closer look: a JSON string's
// quote, a control character, a byte of a multi-byte UTF-8 sequence. Most of what the tools read
// and write (amounts, dates, codes, keys) has none, and is passed over a block at a time.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sbc {

// 16 bytes as one value (GCC's and Clang's vector extension: SSE2 on x86-64, NEON on ARM).
// Comparing a Block with a byte gives, for each byte, all ones where it holds and zero elsewhere.
using Block = unsigned char __attribute__((vector_size(16)));

// Whether some byte of a comparison's result is set.
inline bool any_set(Block marks) {
  std::uint64_t low, high;
  std::memcpy(&low, &marks, 8);
  std::memcpy(&high, reinterpret_cast<const char*>(&marks) + 8, 8);
  return (low | high) != 0;
}

// The start of the first block of `s` in which `marked` (a Block → Block function) marks a byte,
// or s.size() when it marks none: the bytes before it need no closer look. The last block
// overlaps the one before it, and text under 16 bytes is padded with spaces, which `marked`
// must never mark.
template <class Marked>
size_t unmarked_prefix(std::string_view s, Marked marked) {
  Block b;
  if (s.size() < sizeof b) {
    b = Block{} + ' ';
    std::memcpy(&b, s.data(), s.size());
    return any_set(marked(b)) ? 0 : s.size();
  }
  size_t i = 0;
  for (; i + sizeof b <= s.size(); i += sizeof b) {
    std::memcpy(&b, s.data() + i, sizeof b);
    if (any_set(marked(b))) return i;
  }
  if (i == s.size()) return i;
  std::memcpy(&b, s.data() + s.size() - sizeof b, sizeof b);
  return any_set(marked(b)) ? s.size() - sizeof b : s.size();
}

// The marks: what JSON must escape in a string, the control characters text must not hold (all
// but tab, line feed and carriage return; DEL too), and the bytes of multi-byte UTF-8. (Lambdas,
// each a type of its own, so that unmarked_prefix is made for each with the mark inlined.)
inline constexpr auto json_special = [](Block b) {
  return Block((b < 0x20) | (b == '"') | (b == '\\'));
};
inline constexpr auto control_character = [](Block b) {
  return Block(((b < 0x20) & (b != '\t') & (b != '\n') & (b != '\r')) | (b == 0x7f));
};
inline constexpr auto not_ascii = [](Block b) { return Block(b >= 0x80); };

}  // namespace sbc
