// The quick way to a case, for a document with nothing to report (private to the library).
#pragma once

#include <string_view>

#include "sbc/model/case.hpp"

namespace sbc {

// Reads `text`, one YAML document starting at line `first_line` of its file, into `out` (its
// facts and marks; not its file or index) straight from the parser's events. Returns false when
// the document has anything read_case() would report, or anything DocumentStream would: `out`
// is then to be dropped and the document read the full way.
bool read_plain_case(std::string_view text, int first_line, const ReadOptions& options, Case& out);

}  // namespace sbc
