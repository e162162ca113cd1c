#include "sbc/values/credit_code.hpp"

#include <fmt/format.h>

namespace sbc {

namespace {
// GB 32100-2015 §4: the alphabet (no I, O, S, V, Z) and the weights of positions 1 to 17.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
}  // namespace

std::optional<Text> credit_code_problem(std::string_view code) {
  if (code.size() != 18)
    return Text{fmt::format("统一社会信用代码为 {} 位，应为 18 位", code.size()),
                fmt::format("has {} characters, not 18", code.size())};
  int sum = 0;
  for (size_t i = 0; i < 18; ++i) {
    size_t value = kAlphabet.find(code[i]);
    if (value == std::string_view::npos)
      return Text{
          fmt::format("第 {} 位“{}”不是代码字符（0-9 与 A-Y，不含 I、O、S、V、Z）", i + 1, code[i]),
          fmt::format("character {} ('{}') is not in the code's alphabet (0-9 and A-Y without I, "
                      "O, S, V, Z)",
                      i + 1, code[i])};
    if (i < 17) sum += static_cast<int>(value) * kWeights[i];
  }
  char expected = kAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
  if (code[17] != expected)
    return Text{fmt::format("校验码为“{}”，应为“{}”（GB 32100-2015）", code[17], expected),
                fmt::format("the check character is '{}', it should be '{}'", code[17], expected)};
  return std::nullopt;
}

}  // namespace sbc
