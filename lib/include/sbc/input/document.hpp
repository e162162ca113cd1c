// YAML documents as a small tree of our own, built from the parser's events so that duplicate
// keys, nesting depth and aliases are checked here (yaml-cpp accepts duplicates silently).
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "sbc/base/diagnostic.hpp"

namespace sbc {

struct Node {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  bool plain = true;   // a scalar written without quotes (so "123" and 123 can be told apart)
  std::string scalar;  // the scalar's text
  Mark mark;
  // sequence: the items; map: key, value, key, value, ... (keys are scalars, in file order)
  std::vector<Node> children;

  size_t map_size() const { return children.size() / 2; }
  const Node& key(size_t i) const { return children[2 * i]; }
  const Node& value(size_t i) const { return children[2 * i + 1]; }
  // The value under a key of a map, or nullptr.
  const Node* find(std::string_view key) const;
};

// What a file may cost before it is refused; each limit is named in the message that enforces it.
struct Limits {
  size_t max_file_bytes = 1u << 30;      // 1 GiB (documents are read one at a time)
  size_t max_document_bytes = 4u << 20;  // 4 MiB
  size_t max_scalar_bytes = 64u << 10;   // 64 KiB: no fact of a case is longer
  int max_depth = 32;                    // nested maps and sequences
  size_t max_nodes = 200'000;            // per document, aliases expanded
  size_t max_pack_bytes = 4u << 20;      // 4 MiB: a rule pack file (the built-in ones are ~20 KiB)
  // 16 MiB: a record file (10,000 rows are ~1 MiB; a row read holds ~280 bytes, so a hostile
  // file of minimal rows costs ~200 MB of memory rather than the ~800 MB of 64 MiB)
  size_t max_records_bytes = 16u << 20;

  // Sets one limit from "name=value" (the --limit option); returns false for an unknown name
  // or a value that is not a positive whole number.
  bool set(std::string_view assignment);
};

// Why a value cannot be taken as text: bytes that are not UTF-8 (strictly, by utf8proc), or
// control characters (a NUL, an escape) that no fact contains and that would garble every
// output, such as "invalid UTF-8 at byte 7 of the value (0xC0)". Empty if fine. For YAML scalars,
// spreadsheet cells and interview answers alike.
std::string bad_text(std::string_view s);
// The same for text known to be UTF-8 (a CSV file's cells: the file is checked whole as it is
// decoded), in which only control characters remain to be found.
std::string bad_text_in_utf8(std::string_view s);

// "value of N bytes exceeds the limit of M (raise it with --limit max_scalar_bytes=N)": for a YAML
// scalar and a spreadsheet cell alike.
Text value_too_long(size_t size, size_t limit);

// At most `keep` problems of one document: the first ones, then one line saying how many more
// there were ("… and 199,980 more like it"), so that a hostile document cannot flood the output.
void cap_problems(std::vector<Diagnostic>& problems, size_t keep = 20);

// One document of a stream: its tree and what was wrong with it (duplicate keys, non-scalar keys).
struct Document {
  Node root;
  int index = 0;  // 0-based position in its file
  std::vector<Diagnostic> problems;
};

// A node tree as a compact string and back, so that the built-in rule packs are parsed when the
// tools are built rather than every time they start. decode() throws std::invalid_argument on a
// string encode() did not make.
std::string encode(const Node& node);
Node decode(std::string_view encoded);

// The events of a document, for a reader that builds what it needs straight from them rather
// than from a tree (a case: see read_plain_document). Each returns false to give up.
class DocumentEvents {
 public:
  virtual ~DocumentEvents() = default;
  virtual bool begin(Node::Kind kind, Mark mark) = 0;  // a map or a sequence opens
  virtual bool end() = 0;                              // the innermost one closes
  virtual bool scalar(Mark mark, const std::string& text) = 0;
};

// Reads `text`, one document (a RawDocument's), into `events` when it is plain: no anchor or
// alias, no empty value, no limit exceeded, no scalar that DocumentStream would report, no syntax
// error and nothing after it. Returns false at the first such thing, or when `events` gives up;
// the caller then drops what `events` received and reads the text with DocumentStream, which
// reports each problem. `first_line` is the line of the file where `text` starts.
bool read_plain_document(std::string_view text, int first_line, const Limits& limits,
                         DocumentEvents& events);

// Reads the documents of one YAML stream one at a time, so memory does not grow with the file.
class DocumentStream {
 public:
  // `in` must outlive the stream. `file` names the input in messages; `first_line` is the line
  // of the file where `in` starts (for a document cut out of a larger stream). `source`, when
  // given, is the text `in` reads: with it, a quoted string left open at the end of the text
  // (which yaml-cpp 0.7 closes silently) is reported.
  DocumentStream(std::istream& in, std::string file, Limits limits = {}, int first_line = 1,
                 std::string_view source = {});
  ~DocumentStream();
  DocumentStream(const DocumentStream&) = delete;
  DocumentStream& operator=(const DocumentStream&) = delete;

  // Reads the next document into `doc`; returns false at the end of the stream. A syntax error
  // or an exceeded limit throws InputError, after which the stream is finished.
  bool next(Document& doc);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sbc
