// Where cases come from: files, directories, standard input; cut into one text per document.
#pragma once

#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbc/base/diagnostic.hpp"
#include "sbc/input/csv.hpp"
#include "sbc/input/document.hpp"

namespace sbc {

// Expands the command line's inputs in order: "-" stays (standard input), a directory becomes
// every *.yaml / *.yml below it in name order (or itself, to be reported, when it has none),
// anything else stays as given (a missing file is reported when read, so the rest of the batch
// still runs).
std::vector<std::string> expand_inputs(const std::vector<std::string>& args);

// Every regular file below `dir` whose name ends in one of `endings` (".csv"), in name order;
// linked directories are not followed.
std::vector<std::string> files_below(const std::string& dir,
                                     const std::vector<std::string_view>& endings);

// The text of one YAML document, cut out of its file at the `---` / `...` lines (where YAML
// itself ends a document), so that documents can be parsed apart, on any thread, and a broken one
// does not take the rest of its file with it. `unreadable` is set instead for an input that
// cannot be read at all.
struct RawDocument {
  std::string file;
  int index = 0;       // 0-based position among the file's documents (a CSV file's rows)
  int first_line = 1;  // the line of `text` in the file
  std::string text;
  std::optional<Diagnostic> unreadable;
  // A row of a CSV file instead of YAML text: the file's header row (shared by its rows) and
  // the row's cells.
  std::shared_ptr<const std::vector<std::string>> csv_header;
  CsvCells csv_cells;
  // The file holds no control character (but tabs and line breaks): no cell needs a look for one.
  bool csv_control_free = false;
};

// How an input is read: by its name (.csv is a spreadsheet, anything else YAML), or as told
// (--input-format, for standard input).
enum class InputFormat { by_name, yaml, csv };

// Cuts one input into documents, calling `sink` with each as soon as it is complete; memory
// holds one document at a time.
void split_documents(const std::string& input, std::istream& standard_input, const Limits& limits,
                     const std::function<void(RawDocument&&)>& sink,
                     InputFormat format = InputFormat::by_name);

}  // namespace sbc
