// The floor for a one-case run: a C++ hello-world built with the same compiler and flags, so the
// benchmark can say how much longer than any C++ program's start sbc takes for one small case.
#include <iostream>

int main() {
  std::cout << "hello\n";
  return 0;
}
