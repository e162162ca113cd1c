// Looking at text 16 bytes at a time for the few bytes that need a closer look: a JSON string's
// quote, a control character, a byte of a multi-byte UTF-8 sequence, the comma that ends a CSV
// cell. Most of what the tools read and write (amounts, dates, codes, keys) has none, and is passed
// over a block at a time.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace sbc {

// 16 bytes as one value (GCC's and Clang's vector extension: SSE2 on x86-64, NEON on ARM).
// Comparing a Block with a byte gives, for each byte, all ones where it holds and zero elsewhere.
using Block = unsigned char __attribute__((vector_size(16)));

// A bit for each byte of a comparison's result that is set: bit k for byte k.
inline unsigned set_bytes(Block marks) {
#ifdef __SSE2__
  __m128i m;
  std::memcpy(&m, &marks, sizeof m);
  return static_cast<unsigned>(_mm_movemask_epi8(m));
#else
  unsigned bits = 0;
  for (unsigned k = 0; k < sizeof marks; ++k) bits |= (marks[k] != 0 ? 1u : 0u) << k;
  return bits;
#endif
}

// The first byte of `s` at or after `from` that `marked` (a Block → Block function) marks, or
// s.size() when it marks none: the bytes before it need no closer look. The last block overlaps
// the one before it, and text under 16 bytes is padded with spaces, which `marked` must never
// mark.
template <class Marked>
size_t first_marked(std::string_view s, Marked marked, size_t from = 0) {
  Block b;
  size_t i = from;
  for (; i + sizeof b <= s.size(); i += sizeof b) {
    std::memcpy(&b, s.data() + i, sizeof b);
    if (unsigned bits = set_bytes(marked(b))) return i + static_cast<size_t>(__builtin_ctz(bits));
  }
  if (i >= s.size()) return s.size();
  size_t start = 0;  // of the last block, which holds s[i] to the end
  if (s.size() >= sizeof b) {
    start = s.size() - sizeof b;
    std::memcpy(&b, s.data() + start, sizeof b);
  } else {
    b = Block{} + ' ';
    std::memcpy(&b, s.data(), s.size());
  }
  unsigned bits = set_bytes(marked(b)) >> (i - start);
  return bits != 0 ? i + static_cast<size_t>(__builtin_ctz(bits)) : s.size();
}

// The marks: what JSON must escape in a string, the control characters text must not hold (all
// but tab, line feed and carriage return; DEL too), and the bytes of multi-byte UTF-8. (Lambdas,
// each a type of its own, so that first_marked is made for each with the mark inlined.)
inline constexpr auto json_special = [](Block b) {
  return Block((b < 0x20) | (b == '"') | (b == '\\'));
};
inline constexpr auto control_character = [](Block b) {
  return Block(((b < 0x20) & (b != '\t') & (b != '\n') & (b != '\r')) | (b == 0x7f));
};
inline constexpr auto not_ascii = [](Block b) { return Block(b >= 0x80); };
// Where an unquoted CSV cell ends (a quote inside one is the cell's).
inline constexpr auto csv_cell_end = [](Block b) {
  return Block((b == ',') | (b == '\n') | (b == '\r'));
};

}  // namespace sbc
