// Small string helpers shared by the parsers (private to the library).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sbc {

inline bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
inline std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// The parts of `s` between the `sep`s, one at a time, as split() cuts them (one empty part for an
// empty text), without a string for each: a dotted path walked for every fact of every case.
class Parts {
 public:
  Parts(std::string_view s, char sep) : rest_(s), sep_(sep) {}
  // The next part into `part`; false when every part has been given.
  bool next(std::string_view& part) {
    if (done_) return false;
    size_t at = rest_.find(sep_);
    part = rest_.substr(0, at);
    if (at == std::string_view::npos)
      done_ = true;
    else
      rest_.remove_prefix(at + 1);
    return true;
  }

 private:
  std::string_view rest_;
  char sep_;
  bool done_ = false;
};

// The pieces joined, in one allocation: for the messages of every condition of every case, where
// a format string costs more to interpret than the copying itself.
inline std::string concat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (std::string_view p : parts) out += p;
  return out;
}

}  // namespace sbc
