// Another program using the installed library: it loads a built-in pack through the public API,
// which needs the packs compiled into libsbc.a as well as the library's own objects.
#include <iostream>
#include <sbc/rules/rules.hpp>

int main() {
  sbc::RuleLibrary library;
  const sbc::RulePack& pack = library.get("shandong-2020");
  std::cout << pack.id << ' ' << pack.origin << '\n';
  return 0;
}
