#include "base/spelling.hpp"

#include <algorithm>
#include <numeric>

namespace sbc {
namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest_spelling(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.size() > 64) return {};  // a 10 MB key gets no suggestion, and costs nothing
  size_t best = std::max<size_t>(1, word.size() / 3) + 1;
  std::string found;
  for (const std::string& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best) best = d, found = c;
  }
  return found;
}

}  // namespace sbc
