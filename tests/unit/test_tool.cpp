// What the three mains share: the command line's words made into options, the language from the
// locale, where a workbook goes, the progress line, the run at a terminal, main's boundary.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>

#include "sbc/intake/interview.hpp"
#include "sbc/intake/template.hpp"
#include "sbc/run/tool.hpp"

namespace {

// An environment with exactly these variables set.
sbc::Environment with(std::map<std::string, std::string> vars, bool stdout_terminal = false) {
  sbc::Environment env;
  env.variable = [vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
  env.stdout_terminal = stdout_terminal;
  env.cores = 2;
  return env;
}

using Clock = sbc::Progress::Clock;
Clock::time_point at(Clock::time_point start, int ms) {
  return start + std::chrono::milliseconds(ms);
}

}  // namespace

TEST_CASE(
    "tool: the language is --lang, else the first locale variable set, English only when it says "
    "en") {
  CHECK(sbc::language("en", with({{"LANG", "zh_CN.UTF-8"}})) == sbc::Lang::en);
  CHECK(sbc::language("zh", with({{"LANG", "en_US.UTF-8"}})) == sbc::Lang::zh);
  CHECK(sbc::language("", with({})) == sbc::Lang::zh);  // the contract's default
  CHECK(sbc::language("", with({{"LANG", "en_GB.UTF-8"}})) == sbc::Lang::en);
  CHECK(sbc::language("", with({{"LANG", "de_DE.UTF-8"}})) == sbc::Lang::zh);
  // LC_ALL before LC_MESSAGES before LANG, as gettext reads them; an empty one does not count.
  CHECK(sbc::language("", with({{"LC_ALL", "zh_CN.UTF-8"}, {"LANG", "en_US.UTF-8"}})) ==
        sbc::Lang::zh);
  CHECK(sbc::language("", with({{"LC_MESSAGES", "en_US"}, {"LANG", "zh_CN"}})) == sbc::Lang::en);
  CHECK(sbc::language("", with({{"LC_ALL", ""}, {"LANG", "en_US"}})) == sbc::Lang::en);
}

TEST_CASE("tool: the command line as typed, the program by its base name, spaced words quoted") {
  CHECK(sbc::command_line({"/usr/bin/sbc-subsidy", "--format", "xlsx", "a b.yaml"}) ==
        "sbc-subsidy --format xlsx 'a b.yaml'");
  CHECK(sbc::command_line({"sbc-check"}) == "sbc-check");
}

TEST_CASE("tool: the shared words become the library's options") {
  sbc::ToolArguments a;
  a.format = "jsonl";
  a.as_of = "2021-06-30";
  a.limits = {"max_depth=8"};
  a.input_format = "csv";
  a.no_round = true;
  sbc::CheckOptions o;
  REQUIRE_FALSE(sbc::to_options(a, o, with({})).has_value());
  CHECK(o.output.format == sbc::Format::jsonl);
  CHECK(sbc::format(*o.as_of) == "2021-06-30");
  CHECK(o.read.limits.max_depth == 8);
  CHECK(o.read.format == sbc::InputFormat::csv);
  CHECK_FALSE(o.round);
  CHECK(o.jobs == 2);  // every core when -j is not given

  a.as_of = "2021-02-30";
  std::optional<std::string> bad = sbc::to_options(a, o, with({}));
  REQUIRE(bad.has_value());
  CHECK(bad->rfind("--as-of: ", 0) == 0);
  a.as_of.clear();
  a.limits = {"max_depth=0"};
  CHECK(sbc::to_options(a, o, with({})) ==
        std::optional<std::string>(
            "--limit：应为 NAME=N（已知的 NAME，正整数 N），而不是 max_depth=0"));
}

TEST_CASE("tool: colour at a terminal unless NO_COLOR or TERM=dumb; always and never as they say") {
  sbc::ToolArguments a;
  sbc::CheckOptions o;
  auto colour = [&](const std::string& option, sbc::Environment env) {
    a.color = option;
    REQUIRE_FALSE(sbc::to_options(a, o, env).has_value());
    return o.output.color;
  };
  CHECK(colour("auto", with({}, true)));
  CHECK_FALSE(colour("auto", with({}, false)));
  CHECK_FALSE(colour("auto", with({{"NO_COLOR", "1"}}, true)));
  CHECK_FALSE(colour("auto", with({{"TERM", "dumb"}}, true)));
  CHECK(colour("always", with({}, false)));
  CHECK_FALSE(colour("never", with({}, true)));
}

TEST_CASE(
    "tool: a workbook goes to --output, else through a temporary file to standard output, never a "
    "terminal") {
  sbc::ToolArguments a;
  a.format = "xlsx";
  a.command_line = "sbc-check --format xlsx x.yaml";
  sbc::CheckOptions o;

  a.output = "out.xlsx";
  REQUIRE_FALSE(sbc::to_options(a, o, with({}, true)).has_value());
  CHECK(o.output.file == "out.xlsx");
  CHECK(o.output.command_line == a.command_line);
  CHECK_FALSE(sbc::workbook_to_stdout(a, o));

  a.output.clear();
  o = {};
  CHECK(sbc::to_options(a, o, with({{"LANG", "en_US"}}, true)) ==
        std::optional<std::string>(
            "an xlsx workbook is a file: give --output FILE, or redirect standard output to one"));

  o = {};
  REQUIRE_FALSE(sbc::to_options(a, o, with({}, false)).has_value());
  CHECK(o.output.file.rfind("/tmp/sbc-workbook-", 0) == 0);
  CHECK(std::filesystem::exists(o.output.file));
  CHECK(sbc::workbook_to_stdout(a, o));
  std::filesystem::remove(o.output.file);

  a.format = "json";  // no workbook: no file
  o = {};
  REQUIRE_FALSE(sbc::to_options(a, o, with({}, false)).has_value());
  CHECK(o.output.file.empty());
  CHECK_FALSE(sbc::workbook_to_stdout(a, o));
}

TEST_CASE("tool: the progress line at 0, some and all cases") {
  CHECK(sbc::progress_line(0, 1.0) == "\r\x1b[K0 cases, 0/s");
  CHECK(sbc::progress_line(1500, 1.5) == "\r\x1b[K1500 cases, 1000/s");
  CHECK(sbc::progress_line(7, 0.0) == "\r\x1b[K7 cases, 0/s");

  std::ostringstream err;
  Clock::time_point t0 = Clock::now();
  sbc::Progress progress(err, true, t0);
  progress.update(0, at(t0, 10));
  progress.update(900, at(t0, 999));
  CHECK(err.str().empty());  // nothing in the first second
  progress.update(1000, at(t0, 1000));
  CHECK(err.str() == "\r\x1b[K1000 cases, 1000/s");
  progress.update(1050, at(t0, 1050));  // within a tenth of a second: not redrawn
  CHECK(err.str() == "\r\x1b[K1000 cases, 1000/s");
  progress.update(2500, at(t0, 1250));
  CHECK(err.str() == "\r\x1b[K1000 cases, 1000/s\r\x1b[K2500 cases, 2000/s");
  progress.clear();  // all cases done: the line is erased before the summary
  CHECK(err.str() == "\r\x1b[K1000 cases, 1000/s\r\x1b[K2500 cases, 2000/s\r\x1b[K");
  CHECK(progress.seconds(at(t0, 2500)) == doctest::Approx(2.5));

  std::ostringstream quiet;
  sbc::Progress hidden(quiet, false, t0);
  hidden.update(5000, at(t0, 5000));
  hidden.clear();
  CHECK(quiet.str().empty());  // not a terminal, or -q
}

TEST_CASE(
    "tool: run_tool stops on a bad pack or no case before any case, and shows the summary to a "
    "person") {
  sbc::RuleLibrary rules;
  sbc::ToolArguments a;
  sbc::CheckOptions o;
  std::ostringstream out, err;
  int runs = 0;
  sbc::ToolRun run = [&](std::function<void(size_t)> progress) {
    ++runs;
    progress(2);
    sbc::BatchSummary s;
    s.cases = 2;
    s.verdicts = {{"eligible", 2}};
    return s;
  };

  CHECK(sbc::run_tool("sbc-check", a, o, false, rules, run, {out, err, false}) == 2);
  CHECK(err.str() == "sbc-check: 未给出案例（文件、目录或 -）；见 --help\n");

  a.inputs = {"x.yaml"};
  o.rules = "no-such-pack";
  err.str("");
  CHECK(sbc::run_tool("sbc-check", a, o, false, rules, run, {out, err, false}) == 2);
  CHECK(err.str().rfind("sbc-check: ", 0) == 0);
  CHECK(err.str().find("no-such-pack") != std::string::npos);
  CHECK(runs == 0);

  o.rules.clear();
  err.str("");
  CHECK(sbc::run_tool("sbc-check", a, o, false, rules, run, {out, err, false}) == 0);
  CHECK(err.str().empty());  // standard error is no terminal: no summary
  CHECK(sbc::run_tool("sbc-check", a, o, false, rules, run, {out, err, true}) == 0);
  CHECK(err.str().rfind("2 ", 0) == 0);  // the summary, for a person
  CHECK(runs == 2);

  a.list_rules = true;
  CHECK(sbc::run_tool("sbc-check", a, o, false, rules, run, {out, err, false}) == 0);
  CHECK(out.str().find("shandong-2020") != std::string::npos);
  CHECK(runs == 2);
}

TEST_CASE(
    "tool: --template prints yaml or csv only, --interview only at a terminal and without case "
    "files") {
  sbc::RuleLibrary rules;
  sbc::CheckOptions o;
  std::ostringstream out, err;
  sbc::Date day = *sbc::parse_date("2021-06-30").value;
  CHECK(sbc::template_command("sbc-check", o, "json", false, rules, day, {out, err, false}) == 2);
  CHECK(err.str() == "sbc-check: --template 只输出 yaml 或 csv\n");
  CHECK(sbc::template_command("sbc-check", o, "csv", false, rules, day, {out, err, false}) == 0);
  CHECK(out.str().rfind("rules,", 0) == 0);

  sbc::ToolArguments a;
  sbc::SubsidyOptions so;
  so.common.output.lang = sbc::Lang::en;
  std::istringstream in;
  err.str("");
  a.inputs = {"x.yaml"};
  CHECK(sbc::interview_command("sbc-subsidy", a, so, "f.yaml", true, rules, with({}), day, in,
                               {out, err, false}) == 2);
  CHECK(err.str() == "sbc-subsidy: --interview takes no case files\n");
  a.inputs.clear();
  err.str("");
  CHECK(sbc::interview_command("sbc-subsidy", a, so, "f.yaml", true, rules, with({}), day, in,
                               {out, err, false}) == 2);
  CHECK(err.str().find("needs answers typed at a terminal") != std::string::npos);
}

TEST_CASE("tool: whatever escapes main is one line and status 2") {
  CHECK(sbc::guarded("sbc-check", [] { return 3; }) == 3);
  CHECK(sbc::guarded("sbc-check", []() -> int { throw std::bad_alloc(); }) == 2);
  CHECK(sbc::guarded("sbc-check", []() -> int { throw std::runtime_error("disk full"); }) == 2);
  CHECK(sbc::guarded("sbc-check", []() -> int { throw 42; }) == 2);
}

TEST_CASE("tool: sbc-subsidy's --window is two dates in order, --form a package style") {
  sbc::SubsidyOptions o;
  CHECK_FALSE(sbc::to_subsidy_options({}, "", {}, with({}), o).has_value());
  CHECK_FALSE(o.window.has_value());
  CHECK(o.form == sbc::FormStyle::none);
  REQUIRE_FALSE(
      sbc::to_subsidy_options({"2020-01-01", "2020-12-31"}, "html", {}, with({}), o).has_value());
  CHECK(sbc::format(o.window->start) == "2020-01-01");
  CHECK(sbc::format(o.window->end) == "2020-12-31");
  CHECK(o.form == sbc::FormStyle::html);
  REQUIRE_FALSE(sbc::to_subsidy_options({"2020-01-01", "2020-01-01"}, "markdown", {}, with({}), o)
                    .has_value());  // one day
  CHECK(o.form == sbc::FormStyle::markdown);
  o.common.output.lang = sbc::Lang::en;
  CHECK(sbc::to_subsidy_options({"2020-12-31", "2020-01-01"}, "", {}, with({}), o) ==
        std::optional<std::string>("--window: expected START END as YYYY-MM-DD, START <= END"));
  CHECK(sbc::to_subsidy_options({"2020-02-30", "2020-12-31"}, "", {}, with({}), o).has_value());
}

TEST_CASE("tool: --form pdf writes to --output, else to standard output, never to a terminal") {
  sbc::SubsidyOptions o;
  sbc::ToolArguments a;
  REQUIRE_FALSE(sbc::to_subsidy_options({}, "pdf", a, with({}, false), o).has_value());
  CHECK(o.form == sbc::FormStyle::pdf);
  CHECK(o.common.output.file.empty());  // standard output
  o.common.output.lang = sbc::Lang::en;
  CHECK(sbc::to_subsidy_options({}, "pdf", a, with({}, true), o) ==
        std::optional<std::string>(
            "a PDF is a file: give --output FILE (or DIR), or redirect standard output"));
  a.output = "packages/";
  REQUIRE_FALSE(sbc::to_subsidy_options({}, "pdf", a, with({}, true), o).has_value());
  CHECK(o.common.output.file == "packages/");
}

TEST_CASE("tool: --form docx goes where a PDF goes, and is refused at a terminal alike") {
  sbc::SubsidyOptions o;
  sbc::ToolArguments a;
  o.common.output.lang = sbc::Lang::en;
  CHECK(sbc::to_subsidy_options({}, "docx", a, with({}, true), o) ==
        std::optional<std::string>(
            "a Word document is a file: give --output FILE (or DIR), or redirect standard output"));
  CHECK(o.form == sbc::FormStyle::docx);
  CHECK(sbc::is_file_form(o.form));
  CHECK(std::string(sbc::file_form_extension(o.form)) == ".docx");
  a.output = "s02.docx";
  REQUIRE_FALSE(sbc::to_subsidy_options({}, "docx", a, with({}, true), o).has_value());
  CHECK(o.common.output.file == "s02.docx");
  CHECK_FALSE(sbc::is_file_form(sbc::FormStyle::html));
}
