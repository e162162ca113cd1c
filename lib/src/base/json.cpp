#include "sbc/base/json.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>

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

// Whether one of the 8 bytes of `w` may need an escape: a byte below 0x20, '"' or '\\'. Exact
// about whether there is one (the bit tricks of "Bit Twiddling Hacks", hasless and haszero), so a
// clean block of text is copied without looking at its bytes one by one.
constexpr bool may_need_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
  return ((w - ones * 0x20) & ~w & highs) | has_zero(w ^ (ones * '"')) |
         has_zero(w ^ (ones * '\\'));
}

void append_json_quoted(std::string& out, std::string_view s) {
  out += '"';
  size_t run = 0;  // the start of the characters not yet copied: they need no escape
  size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {
      std::uint64_t block;
      std::memcpy(&block, s.data() + i, 8);
      if (!may_need_escape(block)) {
        i += 8;
        continue;
      }
    }
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

void JsonWriter::newline() {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(static_cast<size_t>(2 * (indent_ + static_cast<int>(first_.size()))), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_.empty()) return;
  if (!first_.back()) out_ += ',';
  first_.back() = false;
  newline();
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_ += '}';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  return end_object(), out_.back() = ']', *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  before_value();
  append_json_quoted(out_, k);
  out_.append(pretty_ ? ": " : ":", pretty_ ? 2 : 1);
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::literal_key(std::string_view k) {
  before_value();
  // "key": put together on the stack and appended at once (one check of the string's room).
  char quoted[64];
  if (k.size() + 4 > sizeof quoted) {
    append_json_quoted(out_, k);
    out_.append(pretty_ ? ": " : ":", pretty_ ? 2 : 1);
  } else {
    quoted[0] = '"';
    std::memcpy(quoted + 1, k.data(), k.size());
    std::memcpy(quoted + 1 + k.size(), "\": ", 3);
    out_.append(quoted, k.size() + (pretty_ ? 4 : 3));
  }
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  append_json_quoted(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(long long n) {
  before_value();
  out_ += std::to_string(n);
  return *this;
}

JsonWriter& JsonWriter::number(std::string_view literal) {
  before_value();
  out_ += literal;
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& items) {
  begin_array();
  for (const std::string& s : items) value(s);
  return end_array();
}

}  // namespace sbc
