// Builds cases for unit tests from YAML text: an example file with some lines replaced, so each
// test states only the facts it is about.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sbc/case.hpp"
#include "sbc/inputs.hpp"

namespace sbc::testing {

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(SBC_SOURCE_DIR) + "/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  REQUIRE_MESSAGE(!text.str().empty(), "cannot read ", relative);
  return text.str();
}

// `text` with each `from` replaced by `to` (each must occur, or the test is wrong).
inline std::string patched(std::string text, const std::vector<std::pair<std::string, std::string>>& edits) {
  for (const auto& [from, to] : edits) {
    size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "the base case has no \"", from, "\"");
    text.replace(at, from.size(), to);
  }
  return text;
}

// The first case of `yaml`, which must be readable.
inline Case parse_case(const std::string& yaml) {
  std::istringstream in(yaml);
  std::vector<Case> cases;
  read_cases("-", in, ReadOptions{}, [&](Case&& c) { cases.push_back(std::move(c)); });
  REQUIRE(!cases.empty());
  for (const Diagnostic& d : cases.front().problems) INFO(format_gnu(d, Lang::en));
  REQUIRE(cases.front().readable());
  return std::move(cases.front());
}

}  // namespace sbc::testing
