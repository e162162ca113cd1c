// A rule pack's tests as data (sbc-validate --test, man 5 sbc-tests): a YAML file that names a pack
// and a base case, then tests that each edit the base and say what the verdict must be. Run
// against the pack they name, or another (--rules FILE): how a pack's author sees what a change
// breaks without writing C++.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "sbc/base/exit_status.hpp"
#include "sbc/render/output.hpp"
#include "sbc/rules/rules.hpp"

namespace sbc {

struct PackTestOptions {
  std::string rules;  // --rules: a pack (id or file) instead of the one each test file names
  bool coverage = false;
  OutputOptions output;
  Limits limits;
};

// What the tests of one run saw of a pack's conditions: each passing, each failing.
struct ConditionCoverage {
  std::string id;
  bool pass = false, fail = false;
};

// Runs the test files (a directory: its *.yaml) and prints a line per failing test as
// FILE:LINE:COL, then a summary; with `coverage`, the conditions that no test sees pass or fail.
// 0 when every test passes, 1 when one fails, 2 when a file cannot be read or names no pack.
ExitStatus run_pack_tests(const std::vector<std::string>& inputs, const PackTestOptions& options,
                          RuleLibrary& rules, std::ostream& out);

}  // namespace sbc
