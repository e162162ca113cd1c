#include "sbc/render/ci.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "render/pieces.hpp"
#include "sbc/base/json.hpp"
#include "sbc/judge/verdict.hpp"

namespace sbc {
namespace {

// XML attribute text: HTML's escapes, and line breaks kept as character references.
std::string xml_escaped(std::string_view s) {
  std::string out;
  for (char c : html_escaped(std::string(s)))
    out += c == '\n' ? std::string("&#10;") : std::string(1, c);
  return out;
}

// GitHub's workflow commands: the data escapes %, CR and LF; a property also : and ,.
std::string command_escaped(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else if (property && c == ':')
      out += "%3A";
    else if (property && c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

using Result = CiTest::Result;

std::string junit(const CiCase& c) {
  int failures = 0, errors = 0, skipped = 0;
  for (const CiTest& t : c.tests) {
    failures += t.result == Result::failed;
    errors += t.result == Result::error;
    skipped += t.result == Result::skipped || t.result == Result::not_needed;
  }
  std::string out = fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
      xml_escaped(c.name), c.tests.size(), failures, errors, skipped);
  for (const CiTest& t : c.tests) {
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", xml_escaped(c.name),
                       xml_escaped(t.name));
    if (t.mark.line > 0)
      out += fmt::format(" file=\"{}\" line=\"{}\"", xml_escaped(c.file), t.mark.line);
    const char* element = t.result == Result::failed  ? "failure"
                          : t.result == Result::error ? "error"
                          : t.result == Result::skipped || t.result == Result::not_needed
                              ? "skipped"
                              : nullptr;
    if (element == nullptr) {
      out += "/>\n";
      continue;
    }
    out += fmt::format(">\n      <{} message=\"{}\"/>\n    </testcase>\n", element,
                       xml_escaped(t.message));
  }
  return out + "  </testsuite>\n";
}

const char* level(Result r) {
  return r == Result::skipped ? "warning" : "error";
}

std::string sarif(const CiCase& c, const std::string& tool) {
  std::string out;
  for (const CiTest& t : c.tests) {
    if (t.result == Result::passed || t.result == Result::not_needed) continue;
    JsonWriter j(false, 0);
    j.begin_object().key("ruleId").value(tool + "/" + t.name).key("level").value(level(t.result));
    j.key("message")
        .begin_object()
        .key("text")
        .value(fmt::format("{}: {}", c.name, t.message))
        .end_object();
    j.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
    j.key("artifactLocation").begin_object().key("uri").value(c.file).end_object();
    j.key("region").begin_object().key("startLine").value(std::max(t.mark.line, 1));
    if (t.mark.column > 0) j.key("startColumn").value(t.mark.column);
    j.end_object().end_object().end_object().end_array().end_object();
    out += (out.empty() ? "\n        " : ",\n        ") + j.str();
  }
  return out;
}

std::string github(const CiCase& c, const std::string& tool) {
  std::string out;
  for (const CiTest& t : c.tests) {
    if (t.result == Result::passed || t.result == Result::not_needed) continue;
    std::string where = "file=" + command_escaped(c.file, true);
    if (t.mark.line > 0) where += fmt::format(",line={}", t.mark.line);
    if (t.mark.column > 0) where += fmt::format(",col={}", t.mark.column);
    out += fmt::format("::{} {},title={}::{}\n", level(t.result), where,
                       command_escaped(tool + " " + t.name, true),
                       command_escaped(c.name + ": " + t.message, false));
  }
  return out;
}

}  // namespace

std::string ci_header(CiFormat f, const std::string& tool) {
  switch (f) {
    case CiFormat::junit:
      return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\">\n",
                         tool);
    case CiFormat::sarif:
      return fmt::format(
          "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": "
          "\"2.1.0\",\n"
          "  \"runs\": [\n    {{\n      \"tool\": {{\"driver\": {{\"name\": \"{}\", \"version\": "
          "\"{}\"}}}},\n"
          "      \"results\": [",
          tool, SBC_VERSION);
    case CiFormat::github:
      return "";
  }
  return "";
}

std::string ci_separator(CiFormat f) {
  return f == CiFormat::sarif ? "," : "";
}

std::string ci_footer(CiFormat f) {
  switch (f) {
    case CiFormat::junit:
      return "</testsuites>\n";
    case CiFormat::sarif:
      return "\n      ]\n    }\n  ]\n}\n";
    case CiFormat::github:
      return "";
  }
  return "";
}

std::string render_ci(const CiCase& c, CiFormat f, const std::string& tool) {
  switch (f) {
    case CiFormat::junit:
      return junit(c);
    case CiFormat::sarif:
      return sarif(c, tool);
    case CiFormat::github:
      return github(c, tool);
  }
  return "";
}

std::optional<CiFormat> ci_format(Format f) {
  switch (f) {
    case Format::junit:
      return CiFormat::junit;
    case Format::sarif:
      return CiFormat::sarif;
    case Format::github:
      return CiFormat::github;
    default:
      return std::nullopt;
  }
}

CiCase ci_case(const CheckResult& r, Lang lang) {
  CiCase out{r.input.file, case_name(r.input), {}};
  using Result = CiTest::Result;
  if (!r.verdict) {
    for (const Diagnostic& d : r.errors)
      out.tests.push_back(
          {d.path.empty() ? "case" : d.path, Result::error, d.mark, d.message.in(lang)});
    return out;
  }
  const Verdict& v = *r.verdict;
  Result verdict = v.outcome == Outcome::eligible     ? Result::passed
                   : v.outcome == Outcome::ineligible ? Result::failed
                                                      : Result::skipped;
  std::string why = v.outcome == Outcome::eligible
                        ? std::string(to_string(v.outcome)) + " (" + v.path + ")"
                        : std::string(to_string(v.outcome));
  if (v.nearest && !v.nearest->failing.empty())
    why += "; to meet: " + fmt::format("{}", fmt::join(v.nearest->failing, ", "));
  if (!v.missing.empty())
    why += "; facts to supply: " + fmt::format("{}", fmt::join(v.missing, ", "));
  out.tests.push_back({"verdict", verdict, r.input.mark, why});
  auto listed = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  for (const ConditionResult& c : v.conditions) {
    Mark where = r.input.mark;
    for (const FactUse& f : c.facts)
      if (const Value* fact = r.input.fact(f.path.substr(0, f.path.find('[')))) {
        where = fact->mark;
        break;
      }
    Result result = Result::passed;
    if (c.result != Tri::pass) {
      bool needed = v.nearest && (listed(v.nearest->failing, c.condition->id) ||
                                  listed(v.nearest->unknown, c.condition->id));
      result = !needed                 ? Result::not_needed
               : c.result == Tri::fail ? Result::failed
                                       : Result::skipped;
    }
    out.tests.push_back(
        {c.condition->id, result, where,
         fmt::format("{} ({}): {}", to_string(c.result), c.condition->clause, c.message.in(lang))});
  }
  return out;
}

}  // namespace sbc
