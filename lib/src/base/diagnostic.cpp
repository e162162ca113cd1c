#include "sbc/base/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sbc {

std::string format_gnu(const Diagnostic& d, Lang lang) {
  std::string where = d.file;
  if (d.mark.line > 0) where += fmt::format(":{}:{}", d.mark.line, d.mark.column);
  // "error"/"warning" stay English in both languages: editors and CI match these words.
  const char* kind = d.severity == Severity::error ? "error" : "warning";
  std::string path = d.path.empty() ? "" : d.path + ": ";
  return fmt::format("{}: {}: {}{}", where, kind, path, d.message.in(lang));
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace sbc
