// The exit statuses of every tool (shared/cli.md), in one place.
#pragma once

namespace sbc {

enum class ExitStatus {
  ok = 0,            // every case passes
  failed = 1,        // some case fails the rules
  error = 2,         // some case or input could not be evaluated, or a bad command line
  undetermined = 3,  // nothing failed or broke, but facts are missing
};

// The worse of two statuses, in the order 2 > 1 > 3 > 0.
inline ExitStatus worst(ExitStatus a, ExitStatus b) {
  auto weight = [](ExitStatus s) {
    switch (s) {
      case ExitStatus::error:
        return 3;
      case ExitStatus::failed:
        return 2;
      case ExitStatus::undetermined:
        return 1;
      case ExitStatus::ok:
        return 0;
    }
    return 0;
  };
  return weight(a) >= weight(b) ? a : b;
}

}  // namespace sbc
