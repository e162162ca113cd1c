// The pack compiler runs before the built-in packs exist: it links this empty list instead.
#include "sbc/rules/rules.hpp"

namespace sbc {
const std::vector<BuiltinPack>& builtin_packs() {
  static const std::vector<BuiltinPack> none;
  return none;
}
}  // namespace sbc
