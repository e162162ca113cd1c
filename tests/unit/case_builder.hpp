// Builds cases for unit tests from YAML text, so each test states only the facts it is about: an
// example file with some lines replaced (patched), or a base case of "section.key" facts with some
// set or dropped (CaseYaml).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sbc/input/document.hpp"
#include "sbc/input/inputs.hpp"
#include "sbc/model/case.hpp"

namespace sbc::testing {

// Whether every key of `v` (of the case format's field `f`) is a view of that field's own key in
// case_schema(), as Entry requires: a key that viewed the text it was read from would dangle once
// the document is gone.
inline bool keys_from_schema(const Value& v, const Field& f = case_schema()) {
  if (v.kind == Value::Kind::list && f.type == Type::list)
    return std::all_of(v.items.begin(), v.items.end(),
                       [&](const Value& item) { return keys_from_schema(item, f.item()); });
  return std::all_of(v.fields.begin(), v.fields.end(), [&](const Entry& e) {
    const Field* child = f.child(e.key);
    return child != nullptr && e.key.data() == child->key.data() &&
           keys_from_schema(e.value, *child);
  });
}

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(SBC_SOURCE_DIR) + "/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  REQUIRE_MESSAGE(!text.str().empty(), "cannot read ", relative);
  return text.str();
}

// `text` with each `from` replaced by `to` (each must occur, or the test is wrong).
inline std::string patched(std::string text,
                           const std::vector<std::pair<std::string, std::string>>& edits) {
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

// The one document of `yaml` read as a case: DocumentStream, then read_case, as "case.yaml".
// Problems are kept in the case for the test to look at.
inline Case read_case_text(const std::string& yaml, const ReadOptions& options = {}) {
  std::istringstream in(yaml);
  DocumentStream stream(in, "case.yaml", options.limits);
  Document doc;
  REQUIRE(stream.next(doc));
  return read_case(doc, "case.yaml", options);
}

// A case written as "section.key" facts with YAML values, so that a test can take a base case and
// state only the facts it is about: base.with("software.rd_spend", "999999.99").
class CaseYaml {
 public:
  using Facts = std::vector<std::pair<std::string, std::string>>;
  explicit CaseYaml(Facts facts) : facts_(std::move(facts)) {}

  // This case with the fact at `path` set to `value` (YAML text), added when it is new.
  CaseYaml with(const std::string& path, const std::string& value) const {
    REQUIRE_MESSAGE(std::count(path.begin(), path.end(), '.') == 1, "not section.key: ", path);
    CaseYaml out = *this;
    for (auto& [p, v] : out.facts_)
      if (p == path) {
        v = value;
        return out;
      }
    out.facts_.emplace_back(path, value);
    return out;
  }
  // This case without the fact at `path`, which it must have.
  CaseYaml without(const std::string& path) const {
    CaseYaml out = *this;
    auto it = std::find_if(out.facts_.begin(), out.facts_.end(),
                           [&](const auto& f) { return f.first == path; });
    REQUIRE_MESSAGE(it != out.facts_.end(), "the case has no fact ", path);
    out.facts_.erase(it);
    return out;
  }
  // The YAML text: each section once, in the order its first fact was given.
  std::string yaml() const {
    std::vector<std::string> sections;
    for (const auto& [path, value] : facts_) {
      std::string section = path.substr(0, path.find('.'));
      if (std::find(sections.begin(), sections.end(), section) == sections.end())
        sections.push_back(section);
    }
    std::string out;
    for (const std::string& section : sections) {
      out += section + ":\n";
      for (const auto& [path, value] : facts_)
        if (path.compare(0, section.size() + 1, section + ".") == 0)
          out += "  " + path.substr(section.size() + 1) + ": " + value + "\n";
    }
    return out;
  }

 private:
  Facts facts_;
};

}  // namespace sbc::testing
