#include "sbc/run/tool.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <thread>

namespace sbc {

Environment Environment::of_process() {
  Environment env;
  env.variable = [](const char* name) -> const char* { return std::getenv(name); };
  env.stdin_terminal = isatty(STDIN_FILENO);
  env.stdout_terminal = isatty(STDOUT_FILENO);
  env.stderr_terminal = isatty(STDERR_FILENO);
  env.cores = std::max(1u, std::thread::hardware_concurrency());
  return env;
}

namespace {

const char* variable(const Environment& env, const char* name) {
  return env.variable ? env.variable(name) : nullptr;
}

Format format_named(const std::string& name) {
  static const std::pair<const char*, Format> kNames[] = {
      {"json", Format::json},         {"jsonl", Format::jsonl}, {"csv", Format::csv},
      {"markdown", Format::markdown}, {"junit", Format::junit}, {"sarif", Format::sarif},
      {"github", Format::github},     {"xlsx", Format::xlsx},   {"html", Format::html}};
  for (const auto& [n, f] : kNames)
    if (name == n) return f;
  return Format::text;  // text, and yaml (--template's own)
}

// NO_COLOR (no-color.org) and TERM=dumb turn colour off even at a terminal.
bool colour_wanted(const std::string& option, const Environment& env) {
  if (option != "auto") return option == "always";
  const char* term = variable(env, "TERM");
  return env.stdout_terminal && variable(env, "NO_COLOR") == nullptr &&
         !(term && std::strcmp(term, "dumb") == 0);
}

// Where an xlsx workbook goes: --output, else a temporary file copied to standard output, which
// must not be a terminal.
std::optional<std::string> workbook_destination(const ToolArguments& a, CheckOptions& o,
                                                const Environment& env) {
  if (o.output.format != Format::xlsx) return std::nullopt;
  o.output.command_line = a.command_line;
  if (!a.output.empty()) {
    o.output.file = a.output;
    return std::nullopt;
  }
  if (env.stdout_terminal)
    return Text{
        "xlsx 工作簿是文件：请用 --output FILE，或把标准输出重定向到文件",
        "an xlsx workbook is a file: give --output FILE, or redirect standard output to one"}
        .in(o.output.lang);
  char name[] = "/tmp/sbc-workbook-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) return std::string("cannot create a temporary file: ") + std::strerror(errno);
  close(fd);
  o.output.file = name;
  return std::nullopt;
}

}  // namespace

Lang language(const std::string& option, const Environment& env) {
  if (!option.empty()) return option == "en" ? Lang::en : Lang::zh;
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = variable(env, name);
    if (value == nullptr || *value == '\0') continue;
    return std::strncmp(value, "en", 2) == 0 ? Lang::en : Lang::zh;
  }
  return Lang::zh;
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string out;
  for (size_t i = 0; i < argv.size(); ++i) {
    std::string a = i == 0 ? argv[0].substr(argv[0].rfind('/') + 1) : argv[i];
    if (a.find_first_of(" \t'\"") != std::string::npos) a = "'" + a + "'";
    out += (out.empty() ? "" : " ") + a;
  }
  return out;
}

std::optional<std::string> to_options(const ToolArguments& a, CheckOptions& o,
                                      const Environment& env) {
  o.rules = a.rules;
  o.round = !a.no_round;
  o.output.format = format_named(a.format);
  o.output.lang = language(a.lang, env);
  if (!a.as_of.empty()) {
    Parsed<Date> d = parse_date(a.as_of);
    if (!d) return "--as-of: " + d.error.in(o.output.lang);
    o.as_of = d.value;
  }
  o.read.format = a.input_format == "csv"    ? InputFormat::csv
                  : a.input_format == "yaml" ? InputFormat::yaml
                                             : InputFormat::by_name;
  for (const std::string& limit : a.limits)
    if (!o.read.limits.set(limit))
      return Text{"--limit：应为 NAME=N（已知的 NAME，正整数 N），而不是 " + limit,
                  "--limit: expected NAME=N with a known NAME and a positive N, not " + limit}
          .in(o.output.lang);
  o.output.color = colour_wanted(a.color, env);
  o.jobs = a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, env.cores));
  return workbook_destination(a, o, env);
}

std::optional<std::string> to_subsidy_options(const std::vector<std::string>& window,
                                              const std::string& form, const ToolArguments& a,
                                              const Environment& env, SubsidyOptions& o) {
  o.form = form == "html"       ? FormStyle::html
           : form == "markdown" ? FormStyle::markdown
           : form == "pdf"      ? FormStyle::pdf
           : form == "docx"     ? FormStyle::docx
                                : FormStyle::none;
  if (is_file_form(o.form)) {
    o.common.output.file = a.output;
    bool pdf = o.form == FormStyle::pdf;
    if (a.output.empty() && env.stdout_terminal)
      return Text{std::string(pdf ? "PDF" : "Word 文档") +
                      " 是文件：请用 --output FILE（或目录），或把标准输出重定向到文件",
                  std::string(pdf ? "a PDF" : "a Word document") +
                      " is a file: give --output FILE (or DIR), or redirect standard output"}
          .in(o.common.output.lang);
  }
  if (window.empty()) return std::nullopt;
  Parsed<Date> start = window.size() == 2 ? parse_date(window[0]) : Parsed<Date>{};
  Parsed<Date> end = window.size() == 2 ? parse_date(window[1]) : Parsed<Date>{};
  if (!start || !end || *end.value < *start.value)
    return Text{"--window：应为 START END（YYYY-MM-DD），且 START <= END",
                "--window: expected START END as YYYY-MM-DD, START <= END"}
        .in(o.common.output.lang);
  o.window = DateRange{*start.value, *end.value};
  return std::nullopt;
}

bool workbook_to_stdout(const ToolArguments& a, const CheckOptions& o) {
  return o.output.format == Format::xlsx && a.output.empty() && !o.output.file.empty();
}

Progress::Progress(std::ostream& err, bool shown, Clock::time_point start)
    : err_(err), shown_(shown), start_(start), last_(start) {}

void Progress::update(size_t done, Clock::time_point now) {
  if (!shown_) return;
  double elapsed = seconds(now);
  if (elapsed < 1.0 || now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  err_ << progress_line(done, elapsed) << std::flush;
  drawn_ = true;
}

void Progress::clear() {
  if (drawn_) err_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

double Progress::seconds(Clock::time_point now) const {
  return std::chrono::duration<double>(now - start_).count();
}

std::string progress_line(size_t done, double seconds) {
  long rate = seconds > 0 ? static_cast<long>(static_cast<double>(done) / seconds) : 0;
  return fmt::format("\r\x1b[K{} cases, {}/s", done, rate);
}

int run_tool(const char* name, const ToolArguments& a, const CheckOptions& o, bool with_total,
             RuleLibrary& rules, const ToolRun& run, const Console& console) {
  try {
    if (a.list_rules) {
      list_rules(rules, o.output, console.out);
      return 0;
    }
    if (!o.rules.empty()) rules.get(o.rules);
    if (a.inputs.empty()) {
      console.err << name << ": "
                  << Text{"未给出案例（文件、目录或 -）；见 --help",
                          "no case given (a file, a directory or -); see --help"}
                         .in(o.output.lang)
                  << "\n";
      return static_cast<int>(ExitStatus::error);
    }
    bool for_people = console.err_terminal && !o.output.quiet;
    Progress progress(console.err, for_people);
    BatchSummary summary = run([&progress](size_t done) { progress.update(done); });
    progress.clear();
    if (workbook_to_stdout(a, o)) {
      std::ifstream book(o.output.file, std::ios::binary);
      console.out << book.rdbuf() << std::flush;
      std::remove(o.output.file.c_str());
    }
    if (for_people && summary.cases > 1)
      console.err << render_summary(summary, o.output.lang, with_total, progress.seconds()) << "\n";
    ExitStatus status = summary.status;
    if (o.records_unreadable) status = worst(status, ExitStatus::error);
    return static_cast<int>(status);
  } catch (const InputError& e) {
    console.err << name << ": " << format_gnu(e.diagnostic(), o.output.lang) << "\n";
    return static_cast<int>(ExitStatus::error);
  }
}

Date today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date{static_cast<int>(now.time_since_epoch().count())};
}

int guarded(const char* name, const std::function<int()>& body) {
  // Output to a file or a pipe goes in 64 KiB writes rather than stdio's 4 KiB: a batch's
  // 30 MB of JSON is 460 system calls, not 7,400 (a round writes them all after its last case, so
  // they are not hidden behind the judging). A terminal keeps its line buffering.
  static char out_buffer[1 << 16];
  if (!isatty(STDOUT_FILENO)) std::setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
  // The line is written with stdio, which needs no memory of its own for an unbuffered stream.
  try {
    return body();
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "%s: error: out of memory\n", name);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: error: %s\n", name, e.what());
  } catch (...) {
    std::fprintf(stderr, "%s: error: an unexpected failure\n", name);
  }
  std::fflush(stdout);
  return static_cast<int>(ExitStatus::error);
}

}  // namespace sbc
