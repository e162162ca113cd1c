// A minimal streaming JSON writer: output only, keys in the order written, no floating point.
#pragma once

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
    out_.reserve(8192);
  }

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  // A key the code spells as a literal ("id", "result"): none needs an escape, so it is copied as
  // it is, without the look at its bytes (a case's JSON has a few hundred such keys).
  template <size_t N>
  JsonWriter& key(const char (&k)[N]) {
    return literal_key(std::string_view(k, N - 1));
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

  const std::string& str() const { return out_; }
  // The text written, moved out: for the writer's last use (a case's JSON is kilobytes to copy).
  std::string release() { return std::move(out_); }

 private:
  void before_value();
  void newline();
  JsonWriter& literal_key(std::string_view k);

  bool pretty_;
  int indent_;
  std::string out_;
  // Per open container: no element written yet. Bytes, not vector<bool>: every key and value
  // reads and writes the last one, and a bit costs several instructions each time.
  std::vector<unsigned char> first_;
  bool after_key_ = false;
};

// s as a JSON string literal, quotes included.
std::string json_quote(std::string_view s);
// The same, appended to `out` (no temporary string: the JSON outputs quote every key and value).
void append_json_quoted(std::string& out, std::string_view s);

}  // namespace sbc
