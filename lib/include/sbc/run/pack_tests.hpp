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

// Runs the test files (a directory: its *.yaml) and prints a line per failing test as
// FILE:LINE:COL, then a summary; with `coverage`, the conditions that no test sees pass or fail.
// With a CI format (output.format junit, sarif, github) `out` gets that document, a test per
// test, and `err` the summary and the coverage. 0 when every test passes, 1 when one fails, 2
// when a file cannot be read or names no pack.
ExitStatus run_pack_tests(const std::vector<std::string>& inputs, const PackTestOptions& options,
                          RuleLibrary& rules, std::ostream& out, std::ostream& err);

// Whether a YAML text is a test file rather than a pack (it has tests: and no id:).
bool is_pack_test_file(const std::string& text);
// A test file's mistakes, for --lint-rules: the file's (keys, its pack, its base) and each
// test's (an unknown key, an edit of a list item that is not there, an amount that is not one).
// Whether the tests' expectations hold is --test's to say.
std::vector<Diagnostic> lint_pack_tests(const std::string& file, RuleLibrary& rules,
                                        const Limits& limits);

}  // namespace sbc
