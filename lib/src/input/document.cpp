#include "sbc/input/document.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cstdint>
#include <cstring>
#include <istream>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "base/bytes.hpp"
#include "base/utf8.hpp"
#include "input/text_buffer.hpp"

namespace sbc {

bool Limits::set(std::string_view assignment) {
  size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) return false;
  std::string_view name = assignment.substr(0, eq), value = assignment.substr(eq + 1);
  if (value.empty() || value.size() > 12 ||
      value.find_first_not_of("0123456789") != std::string_view::npos)
    return false;
  size_t n = std::stoull(std::string(value));
  if (n == 0) return false;
  if (name == "max_file_bytes")
    max_file_bytes = n;
  else if (name == "max_document_bytes")
    max_document_bytes = n;
  else if (name == "max_scalar_bytes")
    max_scalar_bytes = n;
  else if (name == "max_depth" && n < 10'000)
    max_depth = static_cast<int>(n);
  else if (name == "max_nodes")
    max_nodes = n;
  else if (name == "max_pack_bytes")
    max_pack_bytes = n;
  else if (name == "max_records_bytes")
    max_records_bytes = n;
  else
    return false;
  return true;
}

const Node* Node::find(std::string_view key) const {
  if (kind != Kind::map) return nullptr;
  for (size_t i = 0; i + 1 < children.size(); i += 2)
    if (children[i].scalar == key) return &children[i + 1];
  return nullptr;
}

// Each node: kind letter (n s q S M: null, plain scalar, quoted scalar, sequence, map), then
// "line,column,length:" and the scalar's bytes, then ";children," and the children.
std::string encode(const Node& node) {
  static const char kinds[] = {'n', 's', 'S', 'M'};
  char kind =
      node.kind == Node::Kind::scalar && !node.plain ? 'q' : kinds[static_cast<int>(node.kind)];
  std::string out =
      fmt::format("{}{},{},{}:", kind, node.mark.line, node.mark.column, node.scalar.size());
  out += node.scalar;
  out += fmt::format(";{},", node.children.size());
  for (const Node& child : node.children) out += encode(child);
  return out;
}

namespace {

// The digits up to `end` (1 to 9 of them), in one pass: the tools decode every built-in pack's
// tree this way at start.
int read_number(std::string_view& in, char end) {
  size_t i = 0;
  int n = 0;
  for (; i < in.size() && i < 10 && in[i] >= '0' && in[i] <= '9'; ++i) n = n * 10 + (in[i] - '0');
  if (i == 0 || i > 9 || i == in.size() || in[i] != end)
    throw std::invalid_argument("bad node encoding");
  in.remove_prefix(i + 1);
  return n;
}

Node decode_one(std::string_view& in) {
  if (in.empty()) throw std::invalid_argument("bad node encoding");
  Node n;
  char kind = in.front();
  in.remove_prefix(1);
  n.kind = kind == 'M'   ? Node::Kind::map
           : kind == 'S' ? Node::Kind::sequence
           : kind == 'n' ? Node::Kind::null
                         : Node::Kind::scalar;
  n.plain = kind != 'q';
  n.mark.line = read_number(in, ',');
  n.mark.column = read_number(in, ',');
  size_t length = static_cast<size_t>(read_number(in, ':'));
  if (length > in.size()) throw std::invalid_argument("bad node encoding");
  n.scalar = std::string(in.substr(0, length));
  in.remove_prefix(length);
  if (in.empty() || in.front() != ';') throw std::invalid_argument("bad node encoding");
  in.remove_prefix(1);
  int children = read_number(in, ',');
  n.children.reserve(static_cast<size_t>(children));
  for (int i = 0; i < children; ++i) n.children.push_back(decode_one(in));
  return n;
}

}  // namespace

Node decode(std::string_view encoded) {
  Node n = decode_one(encoded);
  if (!encoded.empty()) throw std::invalid_argument("bad node encoding");
  return n;
}

namespace {

// bad_text's work; `decode`: check the UTF-8 too (else the text is known to be UTF-8).
std::string find_bad_text(std::string_view s, bool decode) {
  // Printable text needs no closer look, and most values (amounts, dates, codes) are: no control
  // character and (when the UTF-8 is to be checked) nothing but ASCII.
  size_t i =
      decode ? first_marked(s, [](Block b) { return Block(control_character(b) | not_ascii(b)); })
             : first_marked(s, control_character);
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c >= 0x20 && c < 0x7f) || (c >= 0x80 && !decode)) {  // printable, or known UTF-8
      ++i;
      continue;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
      return fmt::format("control character U+{:04X}", c);
    if (c == 0x7f) return "control character U+007F";
    if (c < 0x80) {  // a tab or line break
      ++i;
      continue;
    }
    // utf8proc's strict decoding: an overlong form, a surrogate or a code point past U+10FFFF is
    // as invalid as a stray byte.
    size_t len = utf8_sequence(std::string_view(s).substr(i));
    if (len == 0) return fmt::format("invalid UTF-8 at byte {} of the value (0x{:02X})", i + 1, c);
    i += len;
  }
  return "";
}

}  // namespace

std::string bad_text(std::string_view s) {
  return find_bad_text(s, true);
}

std::string bad_text_in_utf8(std::string_view s) {
  return find_bad_text(s, false);
}

Text value_too_long(size_t size, size_t limit) {
  return {
      fmt::format("值长 {} 字节，超过上限 {}（可用 --limit max_scalar_bytes=N 放宽）", size, limit),
      fmt::format(
          "value of {} bytes exceeds the limit of {} (raise it with --limit max_scalar_bytes=N)",
          size, limit)};
}

void cap_problems(std::vector<Diagnostic>& problems, size_t keep) {
  if (problems.size() <= keep) return;
  size_t more = problems.size() - keep;
  Diagnostic last = problems[keep];
  // An error among those left out keeps the document in error: a case is unreadable or not by all.
  for (size_t i = keep; i < problems.size(); ++i)
    if (problems[i].severity == Severity::error) last.severity = Severity::error;
  problems.resize(keep);
  last.path.clear();
  last.message = {fmt::format("…… 另有 {} 个同类问题", more),
                  fmt::format("… and {} more like it", more)};
  problems.push_back(std::move(last));
}

namespace {

Mark to_mark(const YAML::Mark& m, int first_line) {
  if (m.is_null() || m.line < 0) return Mark{};
  return Mark{m.line + first_line, m.column + 1};
}

// Whether the quoted scalar whose opening quote is at byte `pos` of `source` is closed before the
// text ends ("..." with backslash escapes, '...' with '' for a quote). Block scalars and unknown
// positions count as closed.
bool quote_closed(std::string_view source, int pos) {
  if (source.empty() || pos < 0 || static_cast<size_t>(pos) >= source.size()) return true;
  char quote = source[static_cast<size_t>(pos)];
  if (quote != '"' && quote != '\'') return true;
  for (size_t i = static_cast<size_t>(pos) + 1; i < source.size(); ++i) {
    if (quote == '"' && source[i] == '\\')
      ++i;
    else if (source[i] == quote && quote == '\'' && i + 1 < source.size() && source[i + 1] == '\'')
      ++i;
    else if (source[i] == quote)
      return true;
  }
  return false;
}

size_t count_nodes(const Node& n) {
  size_t total = 1;
  for (const Node& c : n.children) total += count_nodes(c);
  return total;
}

// yaml-cpp's four container events as open(kind, mark, anchor) and close(), which each reader
// below defines.
template <class Reader>
class ContainerEvents : public YAML::EventHandler {
 public:
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    static_cast<Reader*>(this)->open(Node::Kind::sequence, mark, anchor);
  }
  void OnSequenceEnd() override { static_cast<Reader*>(this)->close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    static_cast<Reader*>(this)->open(Node::Kind::map, mark, anchor);
  }
  void OnMapEnd() override { static_cast<Reader*>(this)->close(); }
};

// Builds a Node tree from parser events. Limits are enforced as the events arrive, so an
// oversized or self-referencing document is refused before it costs memory.
class TreeBuilder : public ContainerEvents<TreeBuilder> {
  friend class ContainerEvents<TreeBuilder>;

 public:
  TreeBuilder(const std::string& file, const Limits& limits, int first_line,
              std::string_view source, Document& doc)
      : file_(file),
        limits_(limits),
        first_line_(first_line),
        source_(source),
        doc_(doc),
        base_(pending_.size()) {
    stack_.reserve(8);  // a case nests four or five deep
  }
  // After an error too: what was pending is dropped.
  ~TreeBuilder() override {
    pending_.resize(base_);
    if (base_ == 0 && pending_.capacity() > kKeptPending) std::vector<Node>().swap(pending_);
  }
  TreeBuilder(const TreeBuilder&) = delete;
  TreeBuilder& operator=(const TreeBuilder&) = delete;

  void OnDocumentStart(const YAML::Mark& mark) override {
    doc_.root.mark = to_mark(mark, first_line_);
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    slot().mark = to_mark(mark, first_line_);
    place(anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      fail(to_mark(mark, first_line_),
           {"别名指向包含它自身或尚未完成的节点",
            "alias refers to a node that contains it or is not complete"});
    nodes_ += it->second.size;
    check_nodes(to_mark(mark, first_line_));
    Node& copy = slot();
    copy = it->second.node;
    copy.mark = to_mark(mark, first_line_);
    place(0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node& n = slot();
    n.kind = Node::Kind::scalar;
    n.plain = tag == "?";
    n.mark = to_mark(mark, first_line_);
    if (value.size() > limits_.max_scalar_bytes) {
      problem(n.mark, value_too_long(value.size(), limits_.max_scalar_bytes));
    } else if (std::string why = bad_text(value); !why.empty()) {
      problem(n.mark, {"值含有非法字节：" + why, "value holds " + why});
    } else {
      n.scalar = value;
    }
    if (!n.plain && !quote_closed(source_, mark.pos))
      fail(n.mark, {"引号未闭合", "the quoted string is never closed"});
    place(anchor);
  }

 private:
  struct Frame {
    Node node;  // its children wait in pending_ from `first` on until it closes
    size_t first;
    YAML::anchor_t anchor;
    std::unordered_set<std::string> keys;  // only filled for large maps, see add_key()
    bool skip_value = false;
    std::string skipped_key;  // the duplicate key whose value is being skipped
  };
  struct Anchored {
    Node node;
    size_t size;
  };

  [[noreturn]] void fail(Mark mark, Text message) {
    throw InputError(Diagnostic{Severity::error, file_, mark, "", std::move(message)});
  }
  void check_nodes(Mark mark) {
    if (nodes_ > limits_.max_nodes)
      fail(mark,
           {fmt::format("文档节点数超过上限 {}（含展开的别名；可用 --limit max_nodes=N 放宽）",
                        limits_.max_nodes),
            fmt::format("document has more than {} nodes, aliases expanded (raise it with --limit "
                        "max_nodes=N)",
                        limits_.max_nodes)});
  }

  void open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      fail(to_mark(mark, first_line_),
           {fmt::format("嵌套深度超过上限 {}（可用 --limit max_depth=N 放宽）", limits_.max_depth),
            fmt::format("nesting deeper than {} levels (raise it with --limit max_depth=N)",
                        limits_.max_depth)});
    Frame f{Node{}, pending_.size(), anchor, {}, false, {}};
    f.node.kind = kind;
    f.node.mark = to_mark(mark, first_line_);
    stack_.push_back(std::move(f));
  }
  void close() {
    Frame& f = stack_.back();
    auto first = pending_.begin() + static_cast<std::ptrdiff_t>(f.first);
    f.node.children.assign(std::make_move_iterator(first), std::make_move_iterator(pending_.end()));
    pending_.erase(first, pending_.end());
    YAML::anchor_t anchor = f.anchor;
    Node& to = stack_.size() == 1 ? doc_.root : pending_.emplace_back();  // stack_ is not pending_
    to = std::move(f.node);
    stack_.pop_back();
    place(anchor);
  }

  // Where the next node is built, in place: at the end of pending_ inside a map or list, else as
  // the root. place() then files it.
  Node& slot() {
    if (!stack_.empty()) return pending_.emplace_back();
    doc_.root = Node{};
    return doc_.root;
  }

  // The children the frame at `depth` has so far.
  size_t child_count(size_t depth) const {
    size_t end = depth + 1 < stack_.size() ? stack_[depth + 1].first : pending_.size();
    return end - stack_[depth].first;
  }
  const Node& last_child(size_t depth) const {
    return pending_[stack_[depth].first + child_count(depth) - 1];
  }

  // Files the node just built in slot(): counts it, records its anchor, and drops it again when
  // it is the value of a duplicate key or a key that cannot be one.
  void place(YAML::anchor_t anchor) {
    Node& n = stack_.empty() ? doc_.root : pending_.back();
    ++nodes_;
    check_nodes(n.mark);
    if (anchor != 0) anchors_[anchor] = Anchored{n, count_nodes(n)};
    if (stack_.empty()) return;
    Frame& top = stack_.back();
    if (top.skip_value) {  // the value of a duplicate key: parsed, reported, dropped
      top.skip_value = false;
      pending_.pop_back();
      return;
    }
    bool map = top.node.kind == Node::Kind::map;
    size_t count = pending_.size() - top.first;  // n included
    if (map && count % 2 == 1) {
      if (!accept_key(top)) pending_.pop_back();
      return;
    }
    // yaml-cpp places an empty value ("insurer:" at the end of its line) at the next token, often
    // the next key or past the document: it belongs on its key's line, so it is marked at its key.
    if (n.kind == Node::Kind::null && map) {
      const Node& key = pending_[pending_.size() - 2];
      if (n.mark.line > key.mark.line) n.mark = key.mark;
    }
  }

  // The key path of the open frames ("software.patents[0]"), for messages about the key just
  // read (the last of pending_, not yet part of the path); the case reader spells paths the same
  // way.
  std::string key_path() const {
    std::string out;
    for (size_t depth = 0; depth < stack_.size(); ++depth) {
      const Frame& f = stack_[depth];
      bool innermost = depth + 1 == stack_.size();
      size_t children = child_count(depth) - (innermost ? 1 : 0);
      std::string_view step;
      if (f.node.kind == Node::Kind::sequence) {
        out += fmt::format("[{}]", children);
        continue;
      }
      if (f.skip_value)
        step = f.skipped_key;
      else if (children % 2 == 1)
        step = last_child(depth).scalar;
      if (step.empty())
        continue;  // the map receiving a key, or the value of a key that is not text
      if (!out.empty()) out += '.';
      out += step;
    }
    return out;
  }

  // Whether the node just placed in a map (the last of pending_) may be its next key; if not,
  // says why, and the key's value will be dropped.
  bool accept_key(Frame& top) {
    const Node& key = pending_.back();
    size_t end = pending_.size() - 1;  // the keys before it: top.first, top.first + 2, ... < end
    if (key.kind != Node::Kind::scalar) {
      problem(key.mark, key_path(), {"键必须是字符串", "a key must be a plain string"});
      top.skip_value = true;  // its value is parsed and dropped
      top.skipped_key.clear();
      return false;
    }
    bool duplicate = false;
    // Linear search is fastest for the maps of a case (a section has up to some 40 keys); a set
    // keeps 100,000 keys linear.
    if (end - top.first < 2 * kLinearKeys) {
      for (size_t i = top.first; i < end && !duplicate; i += 2)
        duplicate = pending_[i].scalar == key.scalar;
    } else {
      if (top.keys.empty())
        for (size_t i = top.first; i < end; i += 2) top.keys.insert(pending_[i].scalar);
      duplicate = !top.keys.insert(key.scalar).second;
    }
    if (!duplicate) return true;
    int first_line = 0;
    for (size_t i = top.first; i < end; i += 2)
      if (pending_[i].scalar == key.scalar) first_line = pending_[i].mark.line;
    std::string path = key_path();
    problem(key.mark, path.empty() ? key.scalar : path + "." + key.scalar,
            {fmt::format("重复的键“{}”（第 {} 行已有）", key.scalar, first_line),
             fmt::format("duplicate key '{}' (first at line {})", key.scalar, first_line)});
    top.skip_value = true;  // keep the first value
    top.skipped_key = key.scalar;
    return false;
  }

  void problem(Mark mark, Text message) { problem(mark, "", std::move(message)); }
  void problem(Mark mark, std::string path, Text message) {
    doc_.problems.push_back(
        Diagnostic{Severity::error, file_, mark, std::move(path), std::move(message)});
  }

  const std::string& file_;
  const Limits& limits_;
  int first_line_;
  std::string_view source_;
  Document& doc_;
  std::vector<Frame> stack_;
  // The children of the open maps and sequences, in order, each frame's after its parent's: a
  // closed container takes its own in one allocation of the right size (growing each container
  // as its children arrive cost several). Per thread, so that its room serves every document.
  static thread_local std::vector<Node> pending_;
  static constexpr size_t kKeptPending =
      4096;                                  // more room than this is given back after a document
  static constexpr size_t kLinearKeys = 64;  // a map with more keys finds duplicates in a set
  size_t base_;                              // pending_'s size when this builder began
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  size_t nodes_ = 0;
};

thread_local std::vector<Node> TreeBuilder::pending_;

}  // namespace

namespace {

// Why the plain reader stops: the document needs DocumentStream, or its reader gave up.
struct NotPlain {};

// The events of a plain document handed on, checked as TreeBuilder checks them: whatever
// TreeBuilder would report or refuse stops the reading instead.
class PlainReader : public ContainerEvents<PlainReader> {
  friend class ContainerEvents<PlainReader>;

 public:
  PlainReader(std::string_view source, int first_line, const Limits& limits, DocumentEvents& events)
      : source_(source), first_line_(first_line), limits_(limits), events_(events) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { throw NotPlain{}; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { throw NotPlain{}; }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (anchor != 0 || value.size() > limits_.max_scalar_bytes || !bad_text(value).empty())
      throw NotPlain{};
    if (tag != "?" && !quote_closed(source_, mark.pos)) throw NotPlain{};
    count();
    if (!events_.scalar(to_mark(mark, first_line_), value)) throw NotPlain{};
  }

 private:
  void open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != 0 || ++depth_ > limits_.max_depth) throw NotPlain{};
    count();
    if (!events_.begin(kind, to_mark(mark, first_line_))) throw NotPlain{};
  }
  void close() {
    --depth_;
    if (!events_.end()) throw NotPlain{};
  }
  void count() {
    if (++nodes_ > limits_.max_nodes) throw NotPlain{};
  }

  std::string_view source_;
  int first_line_;
  const Limits& limits_;
  DocumentEvents& events_;
  int depth_ = 0;
  size_t nodes_ = 0;
};

}  // namespace

bool read_plain_document(std::string_view text, int first_line, const Limits& limits,
                         DocumentEvents& events) {
  TextBuffer buffer(text);
  std::istream in(&buffer);
  PlainReader reader(text, first_line, limits, events);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(reader)) return false;  // no document: DocumentStream says so
    return !parser.HandleNextDocument(reader);             // a second one (or a stuck parser)
  } catch (const NotPlain&) {
    return false;
  } catch (const YAML::Exception&) {
    return false;
  }
}

struct DocumentStream::Impl {
  std::string file;
  Limits limits;
  int first_line;
  std::string_view source;
  YAML::Parser parser;
  int next_index = 0;
  bool done = false;
  std::optional<Mark> last_start;  // where the previous document began
};

DocumentStream::DocumentStream(std::istream& in, std::string file, Limits limits, int first_line,
                               std::string_view source)
    : impl_(new Impl{std::move(file), limits, first_line, source, YAML::Parser(), 0, false,
                     std::nullopt}) {
  try {
    impl_->parser.Load(in);
  } catch (const YAML::Exception& e) {
    impl_->done = true;
    throw InputError(Diagnostic{Severity::error,
                                impl_->file,
                                to_mark(e.mark, impl_->first_line),
                                "",
                                {"YAML 语法错误：" + e.msg, "YAML syntax error: " + e.msg}});
  }
}

DocumentStream::~DocumentStream() = default;

bool DocumentStream::next(Document& doc) {
  if (impl_->done) return false;
  doc = Document{};
  doc.index = impl_->next_index;
  TreeBuilder builder(impl_->file, impl_->limits, impl_->first_line, impl_->source, doc);
  try {
    if (!impl_->parser.HandleNextDocument(builder)) {
      impl_->done = true;
      return false;
    }
  } catch (const YAML::Exception& e) {
    impl_->done = true;
    throw InputError(Diagnostic{Severity::error,
                                impl_->file,
                                to_mark(e.mark, impl_->first_line),
                                "",
                                {"YAML 语法错误：" + e.msg, "YAML syntax error: " + e.msg}});
  } catch (const InputError&) {
    impl_->done = true;
    throw;
  }
  // yaml-cpp 0.7 can report the same document again and again without consuming input (a
  // lone "," is enough): a document that starts where the previous one did ends the stream.
  Mark start = doc.root.mark;
  if (impl_->last_start && impl_->last_start->line == start.line &&
      impl_->last_start->column == start.column) {
    impl_->done = true;
    throw InputError(Diagnostic{Severity::error,
                                impl_->file,
                                start,
                                "",
                                {"YAML 解析器在此处无法继续（如多余的逗号）",
                                 "the YAML parser makes no progress here (a stray comma?)"}});
  }
  impl_->last_start = start;
  ++impl_->next_index;
  return true;
}

}  // namespace sbc
