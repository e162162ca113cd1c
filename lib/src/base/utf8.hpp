// Strict UTF-8, by utf8proc's decoder: no overlong forms, no surrogates, nothing past U+10FFFF.
#pragma once

#include <cstddef>
#include <string_view>

namespace sbc {

// The length of the UTF-8 sequence that begins `s`, or 0 when `s` does not begin with one.
size_t utf8_sequence(std::string_view s);

// The byte offset of the first byte of `s` that does not begin a UTF-8 sequence, or npos.
size_t invalid_utf8_at(std::string_view s);

}  // namespace sbc
