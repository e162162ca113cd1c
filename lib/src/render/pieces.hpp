// Pieces of output that sbc-check and sbc-subsidy render alike (private to the library).
#pragma once

#include <fmt/format.h>

#include <string>

#include "sbc/base/json.hpp"
#include "sbc/judge/verdict.hpp"
#include "sbc/model/case.hpp"

namespace sbc {

// "file" for a file's first case, "file[i]" for the others (i as in the JSON "index").
inline std::string case_name(const Case& c) {
  return c.index == 0 ? c.file : fmt::format("{}[{}]", c.file, c.index);
}

inline std::string paint(const std::string& s, const char* ansi, bool color) {
  return color ? fmt::format("\x1b[{}m{}\x1b[0m", ansi, s) : s;
}

inline const char* tri_mark(Tri t) {
  return t == Tri::pass ? "✓" : t == Tri::fail ? "✗" : "?";
}

// One condition as a JSON object: id, clause, group, status, result, message, facts, short_by,
// missing, notes; and "sources" ({fact: "file:line"}) when a record gave a fact it read.
void write_condition(JsonWriter& j, const ConditionResult& c, Lang lang);

// The JSON of a case that could not be judged: case, index, error {line, column, path, message},
// and every error as a GNU-style line.
std::string error_json(const Case& c, const std::vector<Diagnostic>& errors, Lang lang,
                       bool pretty);

// Text as HTML shows it: & < > " escaped, so a company name cannot become markup.
inline std::string html_escaped(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Text from a case as Markdown shows it, inert: HTML's & < > " as entities (no tag reaches a
// Markdown viewer), Markdown's punctuation behind a backslash (no emphasis, link, code or table
// cell boundary), a line break as <br> (a table cell stays one line).
inline std::string markdown_escaped(std::string_view s) {
  std::string out;
  for (char c : html_escaped(std::string(s))) {
    if (c == '\n') {
      out += "<br>";
      continue;
    }
    if (std::string_view("\\`*_[]#|~!").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// One CSV line (RFC 4180: fields with a comma, quote or line break are quoted), ending in \n. A
// field that a spreadsheet would take for a formula (it begins with =, +, -, @, a tab or a
// carriage return: what an applicant writes could run in the reviewer's Excel or WPS) begins
// with ' instead, which the spreadsheet shows as text (OWASP's guard against CSV injection).
inline std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    std::string guarded;
    bool formula = !fields[i].empty() &&
                   std::string_view("=+-@\t\r").find(fields[i][0]) != std::string_view::npos;
    if (formula) guarded = "'" + fields[i];
    const std::string& f = formula ? guarded : fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
  }
  return out + "\n";
}

// The case's own warnings (unknown keys, empty values) as GNU-style lines.
std::vector<std::string> case_warnings(const Case& c, Lang lang);

// With --records and --explain: a line for each fact the records spoke to, with its source.
std::string records_lines(const Case& c, Lang lang);
// With --records: "records": [{fact, effect, source, message}], when the records spoke to any fact.
void write_records(JsonWriter& j, const Case& c, Lang lang);

}  // namespace sbc
