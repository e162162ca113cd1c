// Cases from their inputs: the documents that input/ cuts out of files, parsed and typed.
#include <fmt/format.h>

#include <istream>

#include "base/strings.hpp"
#include "input/text_buffer.hpp"
#include "model/plain_case.hpp"
#include "sbc/model/case.hpp"

namespace sbc {

Case parse_document(const RawDocument& raw, const ReadOptions& options) {
  if (raw.unreadable) {
    Case c;
    c.file = raw.file;
    c.index = raw.index;
    c.problems.push_back(*raw.unreadable);
    return c;
  }
  if (raw.csv_header) return read_csv_row(raw, options);
  // The quote check maps the parser's positions to bytes: only for plain UTF-8 (no BOM, no
  // UTF-16), where the two agree.
  bool utf8 =
      raw.text.compare(0, 3, "\xEF\xBB\xBF") != 0 && raw.text.find('\0') == std::string::npos;
  if (utf8) {
    Case c;
    if (read_plain_case(raw.text, raw.first_line, options, c)) {
      c.file = raw.file;
      c.index = raw.index;
      return c;
    }
  }
  TextBuffer buffer(raw.text);
  std::istream in(&buffer);
  Document doc;
  try {
    DocumentStream stream(in, raw.file, options.limits, raw.first_line,
                          utf8 ? std::string_view(raw.text) : "");
    if (!stream.next(doc)) doc = Document{};  // "---" and nothing: an empty document
    doc.index = raw.index;
    Case c = read_case(doc, raw.file, options);
    Document extra;
    if (stream.next(extra))
      c.problems.push_back(
          Diagnostic{Severity::error,
                     raw.file,
                     extra.root.mark,
                     "",
                     {"一个文档中出现了第二个文档", "a second document inside one document"}});
    return c;
  } catch (const InputError& e) {
    Case c;
    c.file = raw.file;
    c.index = raw.index;
    c.mark = Mark{raw.first_line, 1};
    c.problems.push_back(e.diagnostic());
    // yaml-cpp's messages do not say that a tab indents a line, the commonest cause of them.
    if (starts_with(e.diagnostic().message.en, "YAML syntax error") &&
        (starts_with(raw.text, "\t") || raw.text.find("\n\t") != std::string::npos ||
         raw.text.find("\n \t") != std::string::npos)) {
      c.problems.back().message.zh += "（YAML 不能用制表符缩进）";
      c.problems.back().message.en += " (a tab indents a line: YAML indents with spaces only)";
    }
    return c;
  }
}

void read_cases(const std::string& input, std::istream& standard_input, const ReadOptions& options,
                const std::function<void(Case&&)>& sink) {
  split_documents(
      input, standard_input, options.limits,
      [&](RawDocument&& raw) { sink(parse_document(raw, options)); }, options.format);
}

}  // namespace sbc
