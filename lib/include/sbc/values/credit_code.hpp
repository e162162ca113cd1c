// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
// 31-letter alphabet, the last a check character over the first 17.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sbc/base/text.hpp"

namespace sbc {

// Why `code` is not a valid credit code (its length, a character outside the alphabet, or the
// check character that it should end in), or nullopt when it is valid.
std::optional<Text> credit_code_problem(std::string_view code);

}  // namespace sbc
