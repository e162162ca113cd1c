// The formats CI systems read: JUnit XML (a test per case and condition), SARIF 2.1.0 (code-
// scanning results with the file and line of the offending key), and GitHub workflow commands
// (::error file=…,line=…::). The tools turn their results into CiCase; this file renders them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sbc/base/diagnostic.hpp"
#include "sbc/render/check.hpp"
#include "sbc/render/output.hpp"

namespace sbc {

enum class CiFormat { junit, sarif, github };

// One check of one case: a condition, a problem of the file, or the verdict itself.
struct CiTest {
  // skipped: not decided (a fact is missing), a warning; not_needed: failed or unknown off the
  // path that decides the verdict, which only JUnit lists (as skipped).
  enum class Result { passed, failed, skipped, not_needed, error };
  std::string name;  // e.g. general.rd_spend, or "verdict"
  Result result = Result::passed;
  Mark mark;  // where in the file (1-based); line 0: the case as a whole
  std::string message;
};

struct CiCase {
  std::string file;
  std::string name;  // "file" or "file[i]"
  std::vector<CiTest> tests;
};

// What goes before the first case, between two cases, and after the last.
std::string ci_header(CiFormat f, const std::string& tool);
std::string ci_separator(CiFormat f);
std::string ci_footer(CiFormat f);

// One case: a <testsuite>, SARIF results (passed tests give none), or workflow commands. Empty when
// the format has nothing to say about it.
std::string render_ci(const CiCase& c, CiFormat f, const std::string& tool);

// The CI format `f` stands for, if it is one (junit, sarif, github).
std::optional<CiFormat> ci_format(Format f);
// A result as CI sees it: a test "verdict" (passed when eligible, failed when ineligible, skipped
// when undetermined), then a test per condition: failed when the nearest path needs it fixed,
// skipped when it is unknown there, not_needed when it fails off that path, else passed; an
// unreadable case is one error per problem. Each is located at the first fact it read (else the
// case's start).
CiCase ci_case(const CheckResult& r, Lang lang);

}  // namespace sbc
