#include "sbc/base/json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

#include "base/bytes.hpp"

namespace sbc {

namespace {

// The bytes a JSON string cannot hold as they are: the control characters, the quote and the
// backslash.
constexpr auto kEscaped = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

}  // namespace

void append_json_quoted(std::string& out, std::string_view s) {
  out += '"';
  size_t run = 0;  // the start of the characters not yet copied: they need no escape
  size_t i = first_marked(s, json_special);
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i++]);
    if (!kEscaped[c]) continue;
    out.append(s.data() + run, i - 1 - run);
    run = i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += fmt::format("\\u{:04x}", c);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

std::string json_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_json_quoted(out, s);
  return out;
}

bool needs_json_escape(std::string_view s) {
  return first_marked(s, json_special) != s.size();
}

void JsonWriter::grow(size_t at_least) {
  out_.resize(std::max(out_.size() * 2, size_ + at_least));
}

void JsonWriter::quoted(std::string_view s) {
  if (needs_json_escape(s)) {  // rare in output: a quote or a line break in a fact's text
    std::string escaped;
    append_json_quoted(escaped, s);
    return put(escaped);
  }
  if (out_.size() - size_ < s.size() + 2) grow(s.size() + 2);
  out_[size_] = '"';
  std::memcpy(out_.data() + size_ + 1, s.data(), s.size());
  out_[size_ + 1 + s.size()] = '"';
  size_ += s.size() + 2;
}

void JsonWriter::newline() {
  if (!pretty_) return;
  put('\n');
  size_t spaces = static_cast<size_t>(2 * (indent_ + static_cast<int>(first_.size())));
  if (out_.size() - size_ < spaces) grow(spaces);
  std::memset(out_.data() + size_, ' ', spaces);
  size_ += spaces;
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_.empty()) return;
  if (!first_.back()) put(',');
  first_.back() = false;
  newline();
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  put('{');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  put('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  put('[');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  return end_object(), out_[size_ - 1] = ']', *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  before_value();
  quoted(k);
  put(pretty_ ? std::string_view(": ") : std::string_view(":"));
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  quoted(s);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  put(b ? std::string_view("true") : std::string_view("false"));
  return *this;
}

JsonWriter& JsonWriter::value(long long n) {
  before_value();
  char digits[24];
  std::to_chars_result written = std::to_chars(digits, digits + sizeof digits, n);
  put(std::string_view(digits, static_cast<size_t>(written.ptr - digits)));
  return *this;
}

JsonWriter& JsonWriter::number(std::string_view literal) {
  before_value();
  put(literal);
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  put("null");
  return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& items) {
  begin_array();
  for (const std::string& s : items) value(s);
  return end_array();
}

}  // namespace sbc
