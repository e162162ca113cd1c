// "Did you mean …" for misspelt keys and names (after ninja's SpellcheckString).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sbc {

// The candidate nearest to `word` by edit distance, if it is near enough to be a likely typo
// (at most a third of the word's length, at least 1); otherwise empty.
std::string closest_spelling(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace sbc
