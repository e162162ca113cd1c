// A minimal streaming JSON writer: output only, keys in the order written, no floating point.
#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sbc {

class JsonWriter {
 public:
  // pretty: two-space indentation; otherwise one line.
  // A case's object is a few kilobytes: room for it at once spares the string's regrowths.
  explicit JsonWriter(bool pretty, int base_indent = 0) : pretty_(pretty), indent_(base_indent) {
    out_.resize(8192);
  }

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  // A key the code spells as a literal ("id", "result"): none needs an escape, and its length is
  // known here, so it is copied with a few moves (a case's JSON has a few hundred such keys).
  template <size_t N>
  JsonWriter& key(const char (&k)[N]) {
    before_value();
    constexpr size_t n = N - 1;
    if (out_.size() - size_ < n + 4) grow(n + 4);
    char* at = out_.data() + size_;
    at[0] = '"';
    std::memcpy(at + 1, k, n);
    std::memcpy(at + 1 + n, "\": ", 3);
    size_ += n + (pretty_ ? 4 : 3);
    after_key_ = true;
    return *this;
  }
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(long long n);
  JsonWriter& value(int n) { return value(static_cast<long long>(n)); }
  JsonWriter& null();
  // A number written as given ("0.01"): for decimal constants, never computed in floating point.
  JsonWriter& number(std::string_view literal);
  // A string value, or null when empty.
  JsonWriter& string_or_null(std::string_view s) { return s.empty() ? null() : value(s); }
  JsonWriter& strings(const std::vector<std::string>& items);

  // The text written so far.
  const std::string& str() {
    out_.resize(size_);
    return out_;
  }
  // The text written, moved out: for the writer's last use (a case's JSON is kilobytes to copy).
  std::string release() {
    out_.resize(size_);
    size_ = 0;
    return std::move(out_);
  }

 private:
  void before_value();
  void newline();
  // Bytes written at the end of the text. The string is used as a buffer, its first size_ bytes
  // the text: a key or value is a check of room and a copy, not a call into std::string's append
  // (a case's JSON is a few hundred of them).
  void put(char c) {
    if (size_ == out_.size()) grow(1);
    out_[size_++] = c;
  }
  void put(std::string_view s) {
    if (out_.size() - size_ < s.size()) grow(s.size());
    std::memcpy(out_.data() + size_, s.data(), s.size());
    size_ += s.size();
  }
  void grow(size_t at_least);
  void quoted(std::string_view s);  // s as a JSON string

  bool pretty_;
  int indent_;
  std::string out_;  // its first size_ bytes are the text; the rest, room
  size_t size_ = 0;
  // Per open container: no element written yet. Bytes, not vector<bool>: every key and value
  // reads and writes the last one, and a bit costs several instructions each time.
  std::vector<unsigned char> first_;
  bool after_key_ = false;
};

// s as a JSON string literal, quotes included.
std::string json_quote(std::string_view s);
// The same, appended to `out` (no temporary string: the JSON outputs quote every key and value).
void append_json_quoted(std::string& out, std::string_view s);
// Whether some byte of s needs an escape in a JSON string.
bool needs_json_escape(std::string_view s);

}  // namespace sbc
