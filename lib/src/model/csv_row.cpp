// A spreadsheet row as a case: each header names a fact by its path (software.rd_spend, list items
// by index: insurance.policies[1].premium) or by its Chinese label (研发费用支出); each non-empty
// cell is put at that place in a document, which the case reader then reads as any YAML case.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/spelling.hpp"
#include "base/strings.hpp"
#include "sbc/model/case.hpp"

namespace sbc {
namespace {

// Where a column's cells go: the path's parts, each a key and, for a list, an item's index.
struct Step {
  std::string key;
  int index = -1;
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
    f = f->child(step.key);
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
  std::vector<std::string> header;
  std::vector<std::optional<Column>> columns;
  std::vector<Text> errors;
  std::vector<int> same_as;  // the earlier column that names the same fact, else 0
};

// The fact a column names, as a key: "insurance.policies[0].number.".
std::string fact_key(const Column& col);

const ResolvedHeader& resolved(const std::vector<std::string>& header) {
  thread_local ResolvedHeader last;
  if (last.header == header && !last.columns.empty()) return last;
  last = ResolvedHeader{header, {}, {}, {}};
  size_t unknown = 0;
  std::map<std::string, int> seen;  // a fact named by two headers
  for (const std::string& cell : header) {
    last.columns.push_back(resolve(cell));
    // Only the messages that will be shown (cap_problems) get a did-you-mean, the dear part.
    last.errors.push_back(last.columns.back() ? Text{}
                          : ++unknown <= 20
                              ? unknown_header(cell)
                              : Text{"表头不是案例格式中的事实", "the header names no fact"});
    int column = static_cast<int>(last.columns.size());
    last.same_as.push_back(0);
    if (const std::optional<Column>& col = last.columns.back())
      if (auto [it, fresh] = seen.emplace(fact_key(*col), column); !fresh)
        last.same_as.back() = it->second;
  }
  return last;
}

// The fact a column names, as a key: "insurance.policies[0].number.".
std::string fact_key(const Column& col) {
  std::string key;
  for (const Step& s : col.steps)
    key += s.key + (s.index >= 0 ? fmt::format("[{}]", s.index) : "") + ".";
  return key;
}

// What is wrong with a cell's text as a YAML value of the same text would be told: too long, or
// not UTF-8.
std::optional<Text> cell_problem(const std::string& cell, const Limits& limits) {
  if (cell.size() > limits.max_scalar_bytes)
    return value_too_long(cell.size(), limits.max_scalar_bytes);
  if (std::string why = bad_text(cell); !why.empty())
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
  Tree root;
  const ResolvedHeader& names = resolved(header);
  for (size_t i = 0; i < header.size(); ++i) {
    const std::optional<Column>& col = names.columns[i];
    int column = static_cast<int>(i) + 1;
    if (!col) {
      fail(Mark{1, column}, names.errors[i]);
      continue;
    }
    if (int first = names.same_as[i])
      fail(Mark{1, column},
           {fmt::format("表头“{}”与第 {} 列指同一事实", header[i], first),
            fmt::format("header '{}' names the same fact as column {}", header[i], first)});
    if (i >= raw.csv_cells.size()) continue;
    std::string cell = std::string(trim(raw.csv_cells[i]));
    if (cell.empty()) continue;  // not given: unknown
    if (std::optional<Text> why = cell_problem(cell, options.limits)) {
      fail(Mark{raw.first_line, column}, *why);
      continue;
    }
    node_at(root, *col).value = typed_line_node(cell, *col->field, Mark{raw.first_line, column});
  }
  if (!c.problems.empty()) {
    cap_problems(c.problems);
    return c;
  }
  Document doc;
  doc.root = to_node(root, Mark{raw.first_line, 1});
  doc.index = raw.index;
  Case read = read_case(doc, raw.file, options);
  read.index = raw.index;
  read.mark = c.mark;
  return read;
}

}  // namespace sbc
