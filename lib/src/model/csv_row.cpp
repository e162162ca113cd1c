// A spreadsheet row as a case: each header names a fact by its path (software.rd_spend, list items
// by index: insurance.policies[1].premium) or by its Chinese label (研发费用支出). Each non-empty
// cell goes straight to its fact's place in the case (fill_row); a row with anything to report is
// put in a document instead, which the case reader reads as any YAML case and reports on.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>

#include "base/spelling.hpp"
#include "base/strings.hpp"
#include "model/plain_case.hpp"
#include "sbc/model/case.hpp"

namespace sbc {
namespace {

// Where a column's cells go: the path's parts, each a key and, for a list, an item's index.
struct Step {
  std::string key;
  int index = -1;
  int list = -1;  // with an index: which of the header's lists (insurance.sales[1].invoices: one)
  const Field* field = nullptr;  // the key's
};
struct Column {
  std::vector<Step> steps;
  const Field* field = nullptr;  // the fact: a scalar or a list of scalars
};

// Every fact a header may name: its path (items as [0]) and, when no other fact shares it, its
// label.
void names(const Field& record, const std::string& prefix,
           std::vector<std::pair<std::string, std::string>>& out) {
  for (const Field& f : record.fields) {
    std::string path = prefix.empty() ? f.key : prefix + "." + f.key;
    if (f.type == Type::record)
      names(f, path, out);
    else if (f.type == Type::list && f.item().type == Type::record)
      names(f.item(), path + "[0]", out);
    else
      out.emplace_back(path, f.label.zh);
  }
}

const std::vector<std::pair<std::string, std::string>>& all_names() {
  static const auto list = [] {
    std::vector<std::pair<std::string, std::string>> out;
    names(case_schema(), "", out);
    return out;
  }();
  return list;
}

// The path a label names, if exactly one fact outside the lists has it.
std::optional<std::string> by_label(const std::string& label) {
  std::optional<std::string> found;
  for (const auto& [path, zh] : all_names()) {
    if (zh != label || path.find('[') != std::string::npos) continue;
    if (found) return std::nullopt;
    found = path;
  }
  return found;
}

std::optional<Column> resolve(const std::string& header) {
  std::string path = std::string(trim(header));
  if (auto labelled = by_label(path)) path = *labelled;
  Column col;
  const Field* f = &case_schema();
  for (const std::string& part : split(path, '.')) {
    Step step{part, -1};
    size_t open = part.find('[');
    if (open != std::string::npos) {
      std::string digits = part.substr(open + 1, part.size() - open - 2);
      if (part.back() != ']' || digits.empty() || digits.size() > 4 ||
          digits.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
      step = {part.substr(0, open), std::stoi(digits)};
    }
    f = step.field = f->child(step.key);
    if (f == nullptr) return std::nullopt;
    if (step.index >= 0) {
      if (f->type != Type::list || f->item().type != Type::record) return std::nullopt;
      f = &f->item();
    }
    col.steps.push_back(std::move(step));
  }
  // A list of records takes `none` or `[]` in a column of its own (its items' facts have theirs).
  if (f->type == Type::record) return std::nullopt;
  col.field = f;
  return col;
}

// A document under construction: a record's fields in the order columns name them, a list's items
// by the index the header gave (renumbered from 0 when the document is made). Parallel vectors:
// a standard container of a still incomplete type is only sure to work as a vector.
struct Tree {
  std::vector<std::string> keys;
  std::vector<Tree> fields;
  std::vector<int> indices;  // ascending
  std::vector<Tree> items;
  std::optional<Node> value;

  Tree& field(const std::string& key);
  Tree& item(int index);
};

Tree& Tree::field(const std::string& key) {
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return fields[i];
  keys.push_back(key);
  fields.emplace_back();
  return fields.back();
}

Tree& Tree::item(int index) {
  auto at = std::lower_bound(indices.begin(), indices.end(), index);
  size_t i = static_cast<size_t>(at - indices.begin());
  if (at == indices.end() || *at != index) {
    indices.insert(at, index);
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(i), Tree{});
  }
  return items[i];
}

Node scalar(std::string text, Mark mark) {
  Node n;
  n.kind = Node::Kind::scalar;
  n.scalar = std::move(text);
  n.mark = mark;
  return n;
}

// The tree as a document's nodes, moved out of it (the tree is done with once the row is read).
Node to_node(Tree& t, Mark mark) {
  if (t.value) return std::move(*t.value);
  Node n;
  n.mark = mark;
  if (!t.items.empty()) {
    n.kind = Node::Kind::sequence;
    n.children.reserve(t.items.size());
    for (Tree& item : t.items) n.children.push_back(to_node(item, mark));
    return n;
  }
  n.kind = Node::Kind::map;
  n.children.reserve(2 * t.keys.size());
  for (size_t i = 0; i < t.keys.size(); ++i) {
    n.children.push_back(scalar(std::move(t.keys[i]), mark));
    n.children.push_back(to_node(t.fields[i], mark));
  }
  return n;
}

Text unknown_header(const std::string& header) {
  std::vector<std::string> candidates;
  for (const auto& [path, zh] : all_names()) {
    candidates.push_back(path);
    candidates.push_back(zh);
  }
  std::string guess = closest_spelling(std::string(trim(header)), candidates);
  return {
      fmt::format("表头“{}”不是案例格式中的事实（路径如 software.rd_spend、列表项如 "
                  "insurance.policies[0].premium，或中文名如 研发费用支出）{}",
                  header, guess.empty() ? "" : "；是否应为“" + guess + "”？"),
      fmt::format("header '{}' names no fact of the case format (a path such as software.rd_spend, "
                  "a list item such "
                  "as insurance.policies[0].premium, or a Chinese label such as 研发费用支出){}",
                  header, guess.empty() ? "" : "; did you mean '" + guess + "'?")};
}

// A header resolved once per file and thread: its columns, or the message of a header that names
// no fact (a did-you-mean over every fact is too dear to repeat for each of 10,000 rows).
struct ResolvedHeader {
  // The file's header, held: a row of the same file is known by the pointer alone (comparing a
  // hundred cells a row cost more than filling some rows).
  std::shared_ptr<const std::vector<std::string>> header;
  std::vector<std::optional<Column>> columns;
  std::vector<Text> errors;
  std::vector<int> same_as;  // the earlier column that names the same fact, else 0
};

// The fact a column names, as a key: "insurance.policies[0].number.".
std::string fact_key(const Column& col);
void number_lists(Column& col, std::map<std::string, int>& lists);

const ResolvedHeader& resolved(const std::shared_ptr<const std::vector<std::string>>& file_header) {
  thread_local ResolvedHeader last;
  if (last.header == file_header && !last.columns.empty()) return last;
  const std::vector<std::string>& header = *file_header;
  if (last.header && *last.header == header && !last.columns.empty()) {
    last.header = file_header;  // another file with the same header
    return last;
  }
  last = ResolvedHeader{file_header, {}, {}, {}};
  size_t unknown = 0;
  std::map<std::string, int> seen;   // a fact named by two headers
  std::map<std::string, int> lists;  // the lists the header's paths pass through
  for (const std::string& cell : header) {
    last.columns.push_back(resolve(cell));
    // Only the messages that will be shown (cap_problems) get a did-you-mean, the dear part.
    last.errors.push_back(last.columns.back() ? Text{}
                          : ++unknown <= 20
                              ? unknown_header(cell)
                              : Text{"表头不是案例格式中的事实", "the header names no fact"});
    int column = static_cast<int>(last.columns.size());
    last.same_as.push_back(0);
    if (std::optional<Column>& col = last.columns.back()) {
      number_lists(*col, lists);
      if (auto [it, fresh] = seen.emplace(fact_key(*col), column); !fresh)
        last.same_as.back() = it->second;
    }
  }
  return last;
}

// Gives each list the column's path passes through an id, the same for every column through it.
void number_lists(Column& col, std::map<std::string, int>& lists) {
  std::string path;
  for (Step& s : col.steps) {
    path += s.key;
    if (s.index >= 0) s.list = lists.emplace(path, static_cast<int>(lists.size())).first->second;
    path += s.index >= 0 ? fmt::format("[{}].", s.index) : ".";
  }
}

// The fact a column names, as a key: "insurance.policies[0].number.".
std::string fact_key(const Column& col) {
  std::string key;
  for (const Step& s : col.steps)
    key += s.key + (s.index >= 0 ? fmt::format("[{}]", s.index) : "") + ".";
  return key;
}

// What is wrong with a cell's text as a YAML value of the same text would be told: too long, or
// holding a control character (unless its file has none: `control_free`).
std::optional<Text> cell_problem(std::string_view cell, const Limits& limits, bool control_free) {
  if (cell.size() > limits.max_scalar_bytes)
    return value_too_long(cell.size(), limits.max_scalar_bytes);
  if (control_free) return std::nullopt;
  if (std::string why = bad_text_in_utf8(cell); !why.empty())
    return Text{"值含有非法字节：" + why, "value holds " + why};
  return std::nullopt;
}

// The node of the tree a column's value goes to, made on the way.
Tree& node_at(Tree& root, const Column& col) {
  Tree* at = &root;
  for (const Step& s : col.steps) {
    at = &at->field(s.key);
    if (s.index >= 0) at = &at->item(s.index);
  }
  return *at;
}

// The quick way, for a row with nothing to report: each cell read into its fact's value, made on
// the way, as the case reader would make it from the row's document (the same keys in the same
// order, the same marks, list items in the order of the header's indices, then the false defaults).
class RowFiller {
 public:
  RowFiller(Case& c, int line) : case_(c), line_(line) {
    c.root.kind = Value::Kind::record;
    c.root.mark = Mark{line, 1};
    c.root.fields.reserve(case_schema().fields.size());
  }

  // Reads one cell into the case; false where the case reader would report something (a value it
  // cannot read, a list both stated whole and given item by item).
  bool put(const Column& col, std::string_view cell, int column) {
    // The records on the way: those the previous column's path shares are where it left them
    // (a header names a record's facts side by side), the rest are found or made. What this
    // column makes lies below the shared ones, so an item inserted on its way moves none of them
    // (records are made at their full size and never move).
    size_t shared = 0;
    if (previous_ != nullptr)
      while (shared + 1 < col.steps.size() && shared + 1 < previous_->steps.size() &&
             same_step(col.steps[shared], previous_->steps[shared]))
        ++shared;
    way_.resize(shared);
    Value* at = shared == 0 ? &case_.root : way_.back();
    for (size_t i = shared; i + 1 < col.steps.size(); ++i) {
      const Step& s = col.steps[i];
      at = s.index < 0 ? &record_field(*at, *s.field) : list_item(*at, *s.field, s);
      if (at == nullptr) return false;
      way_.push_back(at);
    }
    previous_ = &col;
    // Only a list of maps may be named twice: whole in a cell of its own, and by its items'
    // columns (two columns naming one fact are an error of the header).
    bool whole_list = col.field->type == Type::list && col.field->item().type == Type::record;
    if (whole_list && at->find(col.steps.back().key) != nullptr) return false;
    Entry& leaf = at->fields.emplace_back();
    leaf.key = col.steps.back().field->key;
    return read_leaf(cell, *col.field, Mark{line_, column}, leaf.value);
  }

  // The false defaults of every record, once the row's cells are in.
  void finish() { add_defaults(case_schema(), case_.root); }

 private:
  // The field `f` of `record`, made (empty, as a map or list) if the row has not named it yet.
  Value& record_field(Value& record, const Field& f) {
    for (Entry& e : record.fields)
      if (e.key == f.key) return e.value;
    Entry& e = record.fields.emplace_back();
    e.key = f.key;
    e.value.mark = Mark{line_, 1};
    if (f.type == Type::record) {
      e.value.kind = Value::Kind::record;
      e.value.fields.reserve(f.fields.size());  // its entries never move while the row is read
    } else {
      e.value.kind = Value::Kind::list;
    }
    return e.value;
  }

  // The item of the list field `f` of `record` that step `s` numbers, in its place among the
  // items the row has made (ascending by the header's indices); nullptr when a cell has stated the
  // list whole.
  Value* list_item(Value& record, const Field& f, const Step& s) {
    bool stated = record.find(f.key) != nullptr;
    Value& list = record_field(record, f);
    // The row's items so far, sorted by list and index: this list's begin at `first`, and the
    // item sits where `at` is among them (a header of thousands of items costs no scan per cell).
    auto first = std::lower_bound(items_.begin(), items_.end(), Item{s.list, -1});
    auto at = std::lower_bound(first, items_.end(), Item{s.list, s.index});
    auto before = at - first;
    if (at != items_.end() && *at == Item{s.list, s.index}) return &list.items[before];
    if (stated && (first == items_.end() || first->first != s.list)) return nullptr;
    items_.insert(at, {s.list, s.index});
    if (list.items.empty()) list.items.reserve(4);  // room for the usual few, inserted in place
    Value& item = *list.items.emplace(list.items.begin() + before);
    item.kind = Value::Kind::record;
    item.mark = Mark{line_, 1};
    item.fields.reserve(f.item().fields.size());
    return &item;
  }

  static bool read_leaf(std::string_view cell, const Field& f, Mark mark, Value& v) {
    if (f.type != Type::list) return !read_scalar_into(cell, mark, f, v);
    v.kind = Value::Kind::list;
    v.mark = mark;
    if (is_none_word(cell) || cell == "[]") return true;  // stated: none
    if (f.item().type == Type::record) return false;      // a list of maps in one cell
    std::vector<std::string_view> items = line_items(cell);
    v.items.reserve(items.size());
    for (std::string_view text : items)
      if (read_scalar_into(text, mark, f.item(), v.items.emplace_back())) return false;
    return true;
  }

  static void add_defaults(const Field& f, Value& v) {
    if (v.kind == Value::Kind::list && f.type == Type::list)
      for (Value& item : v.items) add_defaults(f.item(), item);
    if (v.kind != Value::Kind::record) return;
    for (Entry& e : v.fields)  // (a scalar holds no record)
      if (e.value.kind == Value::Kind::record || e.value.kind == Value::Kind::list)
        add_defaults(*f.child(e.key), e.value);
    add_false_defaults(f, v);
  }

  static bool same_step(const Step& a, const Step& b) {
    return a.field == b.field && a.index == b.index;
  }

  using Item = std::pair<int, int>;  // a list item the row has made: its list's id, its index
  Case& case_;
  int line_;
  std::vector<Item> items_;
  const Column* previous_ = nullptr;  // the column put last, whose records way_ holds
  std::vector<Value*> way_;           // the records its path passed through, step by step
};

// The row as a document: each non-empty cell (trimmed) at its place, list items renumbered
// from 0.
Node row_document(const std::vector<std::string_view>& cells, int line,
                  const ResolvedHeader& names) {
  Tree root;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].empty()) continue;  // not given: unknown
    const Column& col = *names.columns[i];
    node_at(root, col).value =
        typed_line_node(std::string(cells[i]), *col.field, Mark{line, static_cast<int>(i) + 1});
  }
  return to_node(root, Mark{line, 1});
}

// The row's case the quick way, or false (and `c` to be dropped) where it has anything to report.
bool fill_row(const std::vector<std::string_view>& cells, int line, const ResolvedHeader& names,
              Case& c) {
  RowFiller filler(c, line);
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].empty()) continue;
    if (!filler.put(*names.columns[i], cells[i], static_cast<int>(i) + 1)) return false;
  }
  filler.finish();
  return true;
}

}  // namespace

Case read_csv_row(const RawDocument& raw, const ReadOptions& options) {
  Case c;
  c.file = raw.file;
  c.index = raw.index;
  c.mark = Mark{raw.first_line, 1};
  const std::vector<std::string>& header = *raw.csv_header;
  // A header's problem is on line 1, at its column; a row's on the row's line.
  auto fail = [&](Mark at, Text message) {
    c.problems.push_back(Diagnostic{Severity::error, raw.file, at, "", std::move(message)});
  };
  if (raw.csv_cells.size() > header.size()) {
    fail(Mark{raw.first_line, static_cast<int>(header.size()) + 1},
         {fmt::format("这一行有 {} 格，表头只有 {} 格", raw.csv_cells.size(), header.size()),
          fmt::format("the row has {} cells, the header {}", raw.csv_cells.size(), header.size())});
    return c;
  }
  const ResolvedHeader& names = resolved(raw.csv_header);
  std::vector<std::string_view> cells(raw.csv_cells.size());  // trimmed once, for every use
  for (size_t i = 0; i < header.size(); ++i) {
    int column = static_cast<int>(i) + 1;
    if (!names.columns[i]) {
      fail(Mark{1, column}, names.errors[i]);
      continue;
    }
    if (int first = names.same_as[i])
      fail(Mark{1, column},
           {fmt::format("表头“{}”与第 {} 列指同一事实", header[i], first),
            fmt::format("header '{}' names the same fact as column {}", header[i], first)});
    if (i >= cells.size()) continue;
    cells[i] = trim(raw.csv_cells[i]);
    if (std::optional<Text> why = cell_problem(cells[i], options.limits, raw.csv_control_free))
      fail(Mark{raw.first_line, column}, *why);
  }
  if (!c.problems.empty()) {
    cap_problems(c.problems);
    return c;
  }
  if (fill_row(cells, raw.first_line, names, c)) return c;
  // The full way, for the case reader's messages: the row as a document.
  Document doc;
  doc.root = row_document(cells, raw.first_line, names);
  doc.index = raw.index;
  Case read = read_case(doc, raw.file, options);
  read.index = raw.index;
  read.mark = c.mark;
  return read;
}

}  // namespace sbc
