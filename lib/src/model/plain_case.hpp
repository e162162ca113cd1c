// The quick way to a case, for a document or a spreadsheet row with nothing to report, and what it
// shares with the full way (private to the library).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbc/model/case.hpp"

namespace sbc {

// Reads `text`, one YAML document starting at line `first_line` of its file, into `out` (its
// facts and marks; not its file or index) straight from the parser's events. Returns false when
// the document has anything read_case() would report, or anything DocumentStream would: `out`
// is then to be dropped and the document read the full way.
bool read_plain_case(std::string_view text, int first_line, const ReadOptions& options, Case& out);

// Reads a scalar as `field` into `v`, or says why it cannot (and leaves `v` as it was but for its
// mark).
std::optional<Text> read_scalar_into(std::string_view s, Mark mark, const Field& field, Value& v);

// "none", "never", 无, 从未: a list or a date stated to be empty.
bool is_none_word(std::string_view s);

// The record's booleans that are false unless set, added as false where the case is silent.
void add_false_defaults(const Field& f, Value& record);

// A spreadsheet cell's list: its items, split at commas (either width), 、 and semicolons, trimmed.
std::vector<std::string_view> line_items(std::string_view text);

}  // namespace sbc
