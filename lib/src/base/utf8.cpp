#include "base/utf8.hpp"

#include <utf8proc.h>

#include <algorithm>

#include "base/bytes.hpp"

namespace sbc {

size_t utf8_sequence(std::string_view s) {
  if (s.empty()) return 0;
  if (static_cast<unsigned char>(s[0]) < 0x80) return 1;
  utf8proc_int32_t code_point;
  utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                       static_cast<utf8proc_ssize_t>(s.size() < 4 ? s.size() : 4), &code_point);
  return n > 0 ? static_cast<size_t>(n) : 0;
}

size_t invalid_utf8_at(std::string_view s) {
  for (size_t at = 0; at < s.size();) {
    // ASCII, a block at a time: most of a CSV file (its commas, amounts, dates and codes) is.
    at = first_marked(s, not_ascii, at);
    // A block that is not all ASCII, a character at a time.
    for (size_t end = std::min(s.size(), at + sizeof(Block)); at < end;) {
      size_t n = utf8_sequence(s.substr(at));
      if (n == 0) return at;
      at += n;
    }
  }
  return std::string_view::npos;
}

}  // namespace sbc
