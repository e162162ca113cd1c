#include "sbc/input/inputs.hpp"

#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>

#include "base/bytes.hpp"
#include "base/strings.hpp"
#include "sbc/input/csv.hpp"

namespace sbc {

namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view name, std::string_view ending) {
  return name.size() > ending.size() && name.substr(name.size() - ending.size()) == ending;
}

// Every file below `dir` whose name ends in one of `endings`: regular files (or links to them);
// linked directories are not followed, unreadable ones are passed over. POSIX's directory calls
// rather than std::filesystem: libstdc++'s directory iterators allocate inside noexcept functions,
// so memory running out there ends the program instead of reporting it.
void find_files(const std::string& dir, const std::vector<std::string_view>& endings,
                std::vector<std::string>& found, int depth) {
  if (depth > 64) return;  // deeper than any input tree: a loop of bind mounts, say
  DIR* handle = opendir(dir.c_str());
  if (handle == nullptr) return;
  std::unique_ptr<DIR, int (*)(DIR*)> closing(handle, closedir);
  while (const dirent* entry = readdir(handle)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    std::string path = dir;
    if (path.back() != '/') path += '/';
    path += name;
    struct stat link, target;
    if (lstat(path.c_str(), &link) != 0) continue;
    if (S_ISDIR(link.st_mode))
      find_files(path, endings, found, depth + 1);
    else if (std::any_of(endings.begin(), endings.end(),
                         [&](std::string_view e) { return ends_with(name, e); }) &&
             stat(path.c_str(), &target) == 0 && S_ISREG(target.st_mode))
      found.push_back(std::move(path));
  }
}

}  // namespace

std::vector<std::string> files_below(const std::string& dir,
                                     const std::vector<std::string_view>& endings) {
  std::vector<std::string> found;
  find_files(dir, endings, found, 0);
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    struct stat st;
    if (arg == "-" || arg.empty() || stat(arg.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found = files_below(arg, {".yaml", ".yml"});
    if (found.empty()) found.push_back(arg);  // reported in its place, not dropped silently
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

namespace {

RawDocument unreadable(const std::string& file, int index, Text message) {
  RawDocument raw;
  raw.file = file;
  raw.index = index;
  raw.unreadable = Diagnostic{Severity::error, file, {}, "", std::move(message)};
  return raw;
}

// "---" or "..." at the start of a line, followed by nothing or white space (YAML's markers).
bool is_marker(const std::string& line, const char* marker) {
  return line.compare(0, 3, marker) == 0 &&
         (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
}

// Only blank lines, comments and directives: no document of its own.
bool holds_no_content(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#' || line[0] == '%') continue;
    if (first == 0 && line.compare(0, 3, "\xEF\xBB\xBF") == 0 && line.size() == 3)
      continue;  // a lone BOM
    return false;
  }
  return true;
}

void split_stream(std::istream& in, const std::string& name, const Limits& limits,
                  const std::function<void(RawDocument&&)>& sink) {
  int index = 0, line_number = 0;
  RawDocument current{name, 0, 1, "", {}, {}, {}};
  bool opened = false;    // the current text began with "---": a document even if empty
  bool too_long = false;  // the current document outgrew the limit: its text is dropped
  auto emit = [&](int next_first_line) {
    if (too_long) {
      RawDocument refused = unreadable(
          name, index++,
          {fmt::format("文档超过 {} 字节（可用 --limit max_document_bytes=N 放宽）",
                       limits.max_document_bytes),
           fmt::format("document exceeds {} bytes (raise it with --limit max_document_bytes=N)",
                       limits.max_document_bytes)});
      refused.unreadable->mark = Mark{current.first_line, 1};
      sink(std::move(refused));
    } else if (opened || !holds_no_content(current.text)) {
      current.index = index++;
      sink(std::move(current));
    }
    too_long = false;
    current = RawDocument{name, 0, next_first_line, "", {}, {}, {}};
    opened = false;
  };
  std::string line;
  while (std::getline(in, line)) {
    ++line_number;
    if (is_marker(line, "---")) {
      if (opened || !holds_no_content(current.text)) {
        emit(line_number);
      } else if (current.text.find("\n%") == std::string::npos &&
                 current.text.compare(0, 1, "%") != 0) {
        current = RawDocument{name, 0, line_number, "", {}, {}, {}};  // comments only: drop them
      }  // else: directives belong to the document this marker opens
      opened = true;
    }
    if (!too_long) {
      current.text += line;
      current.text += '\n';
      if (current.text.size() > limits.max_document_bytes) {
        too_long = true;
        current.text.clear();
        current.text.shrink_to_fit();
      }
    }
    if (is_marker(line, "...")) emit(line_number + 1);
  }
  emit(line_number + 1);
  if (index == 0)
    sink(unreadable(name, 0, {"文件中没有案例（空文件）", "the file holds no case (it is empty)"}));
}

}  // namespace

namespace {

bool named_csv(const std::string& input) {
  if (input.size() < 4) return false;
  std::string ext = input.substr(input.size() - 4);
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext == ".csv";
}

// A CSV file's rows as documents, each carrying the header row. The file is read whole (its
// quoted cells may span lines); its rows are handed on one at a time.
void split_csv_file(std::istream& in, const std::string& name, const Limits& limits,
                    const std::function<void(RawDocument&&)>& sink) {
  std::string bytes;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<size_t>(in.gcount()));
    if (bytes.size() > limits.max_file_bytes)
      return sink(unreadable(
          name, 0,
          {fmt::format("文件超过上限 {} 字节（可用 --limit max_file_bytes=N 放宽）",
                       limits.max_file_bytes),
           fmt::format(
               "the file exceeds the limit of {} bytes (raise it with --limit max_file_bytes=N)",
               limits.max_file_bytes)}));
  }
  int bad_line = 0;
  std::optional<std::string> text = csv_to_utf8(std::move(bytes), bad_line);
  if (!text)
    return sink(unreadable(
        name, 0,
        {fmt::format("第 {} 行有既非 UTF-8 也非 GB18030 的字节", bad_line),
         fmt::format("line {} has bytes that are neither UTF-8 nor GB18030", bad_line)}));
  std::shared_ptr<const std::vector<std::string>> header;
  int index = 0;
  const bool control_free = first_marked(*text, control_character) == text->size();
  std::optional<Text> broken = split_csv(*text, [&](CsvRow&& row) {
    if (!header) {
      header = std::make_shared<const std::vector<std::string>>(row.cells.strings());
      return;
    }
    // A row is a case: held to a document's limit.
    if (row.cells.bytes() > limits.max_document_bytes) {
      RawDocument refused = unreadable(
          name, index++,
          {fmt::format("这一行超过 {} 字节（可用 --limit max_document_bytes=N 放宽）",
                       limits.max_document_bytes),
           fmt::format("the row exceeds {} bytes (raise it with --limit max_document_bytes=N)",
                       limits.max_document_bytes)});
      refused.first_line = row.line;
      if (refused.unreadable) refused.unreadable->mark = Mark{row.line, 1};
      return sink(std::move(refused));
    }
    RawDocument raw;
    raw.file = name;
    raw.index = index++;
    raw.first_line = row.line;
    raw.csv_header = header;
    raw.csv_cells = std::move(row.cells);
    raw.csv_control_free = control_free;
    sink(std::move(raw));
  });
  if (broken)
    sink(unreadable(name, index, *broken));
  else if (!header)
    sink(unreadable(name, 0, {"文件中没有表头行", "the file has no header row"}));
  else if (index == 0)
    sink(unreadable(name, 0, {"表头之后没有数据行", "no row after the header"}));
}

}  // namespace

void split_documents(const std::string& input, std::istream& standard_input, const Limits& limits,
                     const std::function<void(RawDocument&&)>& sink, InputFormat format) {
  bool csv = format == InputFormat::csv || (format == InputFormat::by_name && named_csv(input));
  if (input == "-")
    return csv ? split_csv_file(standard_input, "-", limits, sink)
               : split_stream(standard_input, "-", limits, sink);
  std::error_code ec;
  fs::file_status status = fs::status(input, ec);
  if (ec || !fs::exists(status)) return sink(unreadable(input, 0, {"文件不存在", "no such file"}));
  if (fs::is_directory(status))
    return sink(unreadable(input, 0,
                           {"是目录，其中没有 .yaml 或 .yml 文件",
                            "is a directory with no .yaml or .yml file in it"}));
  if (fs::is_regular_file(status)) {
    auto size = fs::file_size(input, ec);
    if (!ec && size > limits.max_file_bytes)
      return sink(unreadable(
          input, 0,
          {fmt::format("文件大小 {} 字节超过上限 {} 字节（可用 --limit max_file_bytes=N 放宽）",
                       size, limits.max_file_bytes),
           fmt::format(
               "file of {} bytes exceeds the limit of {} (raise it with --limit max_file_bytes=N)",
               size, limits.max_file_bytes)}));
  }
  std::ifstream in(input, std::ios::binary);
  if (!in) return sink(unreadable(input, 0, {"无法读取文件", "cannot read the file"}));
  if (csv) return split_csv_file(in, input, limits, sink);
  split_stream(in, input, limits, sink);
}

}  // namespace sbc
