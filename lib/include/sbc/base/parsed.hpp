// The result of parsing one scalar: a value, or a bilingual reason it is not one.
#pragma once

#include <optional>
#include <utility>

#include "sbc/base/text.hpp"

namespace sbc {

template <class T>
struct Parsed {
  std::optional<T> value;
  Text error;  // what was expected, set when value is empty

  static Parsed ok(T v) { return Parsed{std::move(v), {}}; }
  static Parsed fail(Text why) { return Parsed{std::nullopt, std::move(why)}; }
  explicit operator bool() const { return value.has_value(); }
};

}  // namespace sbc
