#include "sbc/inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace sbc {

namespace fs = std::filesystem;

std::vector<std::string> expand_inputs(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (arg == "-" || !fs::is_directory(arg, ec)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(arg, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& p = it->path();
      if (it->is_regular_file(ec) && (p.extension() == ".yaml" || p.extension() == ".yml"))
        found.push_back(p.generic_string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

namespace {

Case unreadable(const std::string& file, int index, Diagnostic d) {
  Case c;
  c.file = file;
  c.index = index;
  d.file = file;
  c.problems.push_back(std::move(d));
  return c;
}

Diagnostic whole_file(Text message) { return Diagnostic{Severity::error, "", {}, "", std::move(message)}; }

void read_stream(std::istream& in, const std::string& name, const ReadOptions& options,
                 const std::function<void(Case&&)>& sink) {
  int index = 0;
  try {
    DocumentStream stream(in, name, options.limits);
    Document doc;
    while (stream.next(doc)) {
      sink(read_case(doc, name, options));
      index = doc.index + 1;
    }
  } catch (const InputError& e) {
    sink(unreadable(name, index, e.diagnostic()));
    return;
  }
  if (index == 0) sink(unreadable(name, 0, whole_file({"文件中没有案例（空文件）", "the file holds no case (it is empty)"})));
}

}  // namespace

void read_cases(const std::string& input, std::istream& standard_input, const ReadOptions& options,
                const std::function<void(Case&&)>& sink) {
  if (input == "-") return read_stream(standard_input, "-", options, sink);
  std::error_code ec;
  fs::file_status status = fs::status(input, ec);
  if (ec || !fs::exists(status))
    return sink(unreadable(input, 0, whole_file({"文件不存在", "no such file"})));
  if (fs::is_directory(status))
    return sink(unreadable(input, 0, whole_file({"是目录，不是文件", "is a directory, not a file"})));
  if (fs::is_regular_file(status)) {
    auto size = fs::file_size(input, ec);
    if (!ec && size > options.limits.max_file_bytes)
      return sink(unreadable(
          input, 0,
          whole_file({fmt::format("文件大小 {} 字节超过上限 {} 字节", size, options.limits.max_file_bytes),
                      fmt::format("file of {} bytes exceeds the limit of {} bytes (max_file_bytes)", size,
                                  options.limits.max_file_bytes)})));
  }
  std::ifstream in(input, std::ios::binary);
  if (!in) return sink(unreadable(input, 0, whole_file({"无法读取文件", "cannot read the file"})));
  read_stream(in, input, options, sink);
}

}  // namespace sbc
