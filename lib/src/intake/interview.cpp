// The interview: ask for the facts that decide the verdict, nearest path first, check each answer
// as the case reader does, judge again, and keep FILE written after every answer.
#include "sbc/intake/interview.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "base/files.hpp"
#include "base/strings.hpp"
#include "sbc/intake/template.hpp"

namespace sbc {
namespace {

namespace fs = std::filesystem;

bool has_comments(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::string_view t = trim(line);
    if (starts_with(t, "#") || line.find(" #") != std::string::npos) return true;
  }
  return false;
}

// An answer as a YAML node: a list of records (or any list) in YAML flow form, [a, b] or {…};
// anything else as a spreadsheet cell is read (typed_line_node).
std::optional<Node> answer_node(const std::string& answer, const Field& f, Text& error) {
  if (std::string why = bad_text(answer); !why.empty()) {  // as a case file's value would be
    error = {"回答含有非法字节：" + why, "the answer holds " + why};
    return std::nullopt;
  }
  if (f.type != Type::list || !(starts_with(answer, "[") || starts_with(answer, "{")))
    return typed_line_node(answer, f, Mark{});
  std::istringstream in(answer);
  try {
    DocumentStream stream(in, "answer", {}, 1, answer);
    Document doc;
    if (stream.next(doc) && doc.problems.empty()) return doc.root;
    error = doc.problems.empty() ? Text{"没有内容", "nothing there"} : doc.problems.front().message;
  } catch (const InputError& e) {
    error = e.diagnostic().message;
  }
  return std::nullopt;
}

class Interview {
 public:
  Interview(const InterviewOptions& o, RuleLibrary& rules, std::istream& in, std::ostream& out,
            std::ostream& err)
      : o_(o), lang_(o.tool.common.output.lang), rules_(rules), in_(in), out_(out), err_(err) {
    root_.kind = Value::Kind::record;
  }

  ExitStatus run() {
    if (!load()) return ExitStatus::error;
    const RulePack& pack = choose_pack();
    for (const PackFact& f : facts_read(pack, o_.subsidy)) facts_.emplace(f.path, f);
    index_rule_texts(pack);
    say(fmt::format("{} — {} v{}\n", o_.file, pack.id, pack.version),
        fmt::format("{} — {} v{}\n", o_.file, pack.id, pack.version));
    say("每次回答后都会保存文件。回车跳过一项，? 查看条文原文，q 结束。\n",
        "The file is saved after every answer. Enter skips a question, ? shows the clause's text, "
        "q stops.\n");
    int asked = 0;
    while (true) {
      std::vector<std::string> decisive = judge(asked > 0);
      std::optional<std::string> next = next_fact(decisive);
      if (!next) break;
      if (!ask(*next, ++asked)) break;
      if (failed_) return ExitStatus::error;
    }
    return finish();
  }

 private:
  void say(const std::string& zh, const std::string& en) { out_ << (lang_ == Lang::zh ? zh : en); }

  bool load() {
    std::error_code ec;
    if (!fs::exists(o_.file, ec)) return true;
    std::ifstream file(o_.file, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    original_ = text.str();
    existed_ = true;
    std::istringstream in(original_);
    std::vector<Case> cases;
    read_cases("-", in, o_.tool.common.read, [&](Case&& c) { cases.push_back(std::move(c)); });
    if (cases.size() != 1) {
      err_ << Text{fmt::format("{}：访谈只处理一个案例，文件中有 {} 个", o_.file, cases.size()),
                   fmt::format("{}: an interview takes one case; the file holds {}", o_.file,
                               cases.size())}
                  .in(lang_)
           << "\n";
      return false;
    }
    bool unknown_keys = false;
    for (Diagnostic& d : cases[0].problems) {
      d.file = o_.file;
      unknown_keys = unknown_keys || d.severity == Severity::warning;
      if (d.severity == Severity::error) err_ << format_gnu(d, lang_) << "\n";
    }
    if (!cases[0].readable()) return false;
    root_ = cases[0].root;
    if (has_comments(original_) || unknown_keys)
      say(fmt::format("注意：{} 中的注释{}在第一次保存时不会保留；原文件另存为 {}~。\n", o_.file,
                      unknown_keys ? "和未知的键" : "", o_.file),
          fmt::format("Note: the comments{} of {} are not kept when it is first saved; the "
                      "original stays as {}~.\n",
                      unknown_keys ? " and unknown keys" : "", o_.file, o_.file));
    return true;
  }

  // --rules, else the file's rules: key, else the pack for its province and date, else the
  // Shandong pack in force today. The choice is written into the file, so later runs agree.
  const RulePack& choose_pack() {
    CheckOptions& common = tool_.common;
    tool_ = o_.tool;
    std::string ref = common.rules;
    if (ref.empty())
      if (const Value* named = root_.find("rules")) ref = named->text;
    const RulePack* pack = nullptr;
    if (!ref.empty()) {
      pack = &rules_.get(ref);
    } else {
      Case c;
      c.file = o_.file;
      c.root = root_;
      try {
        pack = &rules_.for_case(c, common.as_of);
        if (pack->unusable_for(o_.subsidy)) pack = nullptr;
      } catch (const InputError&) {
      }
      if (pack == nullptr) pack = &default_template_pack(rules_, "shandong", o_.subsidy, o_.today);
      ref = pack->reference();
    }
    Value named;
    named.kind = Value::Kind::text;
    named.text = ref;
    set_fact(root_, "rules", named);
    common.rules = ref;
    return *pack;
  }

  void index_rule_texts(const RulePack& pack) {
    auto add = [&](const std::string& id, const std::string& clause, const Text& text) {
      rule_texts_.emplace(id, fmt::format("{} {}: {}", id, clause, text.in(lang_)));
    };
    for (const Condition& c : pack.recognition.conditions) add(c.id, c.clause, c.text);
    if (pack.compensation) {
      for (const Citation& r : pack.compensation->rules) add(r.id, r.clause, r.text);
      for (const Condition& c : pack.compensation->conditions) add(c.id, c.clause, c.text);
      const Citation& m = pack.compensation->materials.citation;
      if (!m.id.empty()) add(m.id, m.clause, m.text);
    }
    for (const Award& a : pack.awards) {
      add(a.citation.id, a.citation.clause, a.citation.text);
      for (const Condition& c : a.conditions) add(c.id, c.clause, c.text);
    }
  }

  Case current() const {
    Case c;
    c.file = o_.file;
    c.root = root_;
    return c;
  }

  // Judges the case as it stands; prints the running verdict after an answer; returns the facts
  // that could still change it.
  std::vector<std::string> judge(bool show) {
    OutputOptions quiet = tool_.common.output;
    quiet.quiet = true;
    quiet.format = Format::text;
    std::string line;
    std::vector<std::string> decisive;
    if (o_.subsidy) {
      SubsidyResult r = subsidy_case(current(), rules_, tool_);
      line = render_text(r, quiet);
      if (r.verdict) decisive = r.verdict->decisive;
    } else {
      CheckResult r = check_case(current(), rules_, tool_.common);
      line = render_text(r, quiet);
      if (r.verdict) decisive = r.verdict->decisive;
    }
    if (!show) return decisive;
    out_ << "  → " << line;
    if (!decisive.empty())
      say(fmt::format("    还有 {} 项事实可能改变结论\n", decisive.size()),
          fmt::format("    {} fact(s) could still change it\n", decisive.size()));
    return decisive;
  }

  // The first fact not yet asked that one of `decisive` names: itself, the list it is an item
  // of, or the facts of the section it names.
  std::optional<std::string> next_fact(const std::vector<std::string>& decisive) {
    for (const std::string& d : decisive) {
      std::string path = d.substr(0, d.find('['));
      std::vector<std::string> candidates;
      if (facts_.count(path))
        candidates.push_back(path);
      else
        for (const auto& [p, f] : facts_)
          if (starts_with(p, path + ".") && p.find("[]") == std::string::npos)
            candidates.push_back(p);
      if (candidates.empty()) {
        const Field* f = find_field(case_schema(), path);
        if (f && f->type != Type::record) candidates.push_back(path);
      }
      for (const std::string& c : candidates)
        if (!asked_.count(c)) return c;
    }
    return std::nullopt;
  }

  void show_question(const std::string& path, const Field& f, int number) {
    out_ << fmt::format("\n[{}] {}  {}\n", number, question(f).in(lang_), path);
    auto it = facts_.find(path);
    if (it != facts_.end() && !it->second.refs.empty()) {
      std::string refs;
      for (const FactRef& r : it->second.refs)
        refs += (refs.empty() ? "" : "; ") + r.id + " " + r.clause;
      say("    条文：" + refs + "\n", "    clause: " + refs + "\n");
    }
    Text forms = accepted_forms(f);
    say("    可写：" + forms.zh + "\n", "    forms: " + forms.en + "\n");
    if (f.type == Type::list && f.item().type == Type::record) {
      std::string example = item_example(path, f.item());
      say("    每项写作 YAML，如 [" + example + "]；[] 表示没有\n",
          "    items in YAML, such as [" + example + "]; [] for none\n");
    }
    const Value* now = current().fact(path);
    std::string shown = now ? render_value(*now) : (lang_ == Lang::zh ? "未知" : "unknown");
    say("    目前：" + shown + "\n", "    now: " + shown + "\n");
  }

  // One item of a list of records as its answer could be written: the fields the pack reads.
  std::string item_example(const std::string& path, const Field& item) const {
    std::string out;
    for (const Field& f : item.fields) {
      if (!facts_.count(path + "[]." + f.key)) continue;
      std::string value = f.type == Type::enumeration ? f.enumeration->values.back().zh
                          : f.type == Type::date      ? "2020-05-15"
                          : f.type == Type::money     ? "10万"
                          : f.type == Type::boolean   ? "true"
                          : f.type == Type::list      ? "[]"
                                                      : "…";
      out += (out.empty() ? "" : ", ") + f.key + ": " + value;
    }
    return "{" + out + "}";
  }

  // One question until it is answered, skipped or the interview stops (false).
  bool ask(const std::string& path, int number) {
    const Field* f = find_field(case_schema(), path);
    show_question(path, *f, number);
    while (true) {
      out_ << "> " << std::flush;
      std::string line;
      if (!std::getline(in_, line)) {
        out_ << "\n";
        return false;
      }
      std::string answer(trim(line));
      if (answer == "q" || answer == "Q") return false;
      if (answer == "?" || answer == "？") {
        auto it = facts_.find(path);
        if (it != facts_.end())
          for (const FactRef& r : it->second.refs) out_ << "    " << rule_texts_[r.id] << "\n";
        continue;
      }
      asked_.insert(path);
      if (answer.empty()) {
        say("    已跳过，保持未知\n", "    skipped: it stays unknown\n");
        return true;
      }
      std::optional<Value> value = read_answer(path, answer);
      if (!value) {
        asked_.erase(path);
        continue;
      }
      set_fact(root_, path, std::move(*value));
      save();
      return true;
    }
  }

  // The answer read as the case reader reads the fact; its message and nullopt when it cannot be.
  std::optional<Value> read_answer(const std::string& path, const std::string& answer) {
    Parsed<Value> v = sbc::read_answer(path, answer);
    if (v) return std::move(*v.value);
    out_ << "    ✗ " << v.error.in(lang_) << "\n";
    return std::nullopt;
  }

  void save() {
    std::string header = lang_ == Lang::zh
                             ? "# 由 sbc --interview 写入（格式见 man 5 sbc-case）\n"
                             : "# Written by sbc --interview (format: man 5 sbc-case)\n";
    if (existed_ && !backed_up_) {
      if (auto why = write_atomically(o_.file + "~", original_)) return fail(o_.file + "~", *why);
      backed_up_ = true;
    }
    if (auto why = write_atomically(o_.file, header + write_case_yaml(root_))) fail(o_.file, *why);
  }

  void fail(const std::string& file, const std::string& why) {
    err_ << Text{fmt::format("无法写入 {}：{}", file, why),
                 fmt::format("cannot write {}: {}", file, why)}
                .in(lang_)
         << "\n";
    failed_ = true;
  }

  ExitStatus finish() {
    out_ << "\n";
    OutputOptions output = tool_.common.output;
    output.format = Format::text;
    if (o_.subsidy) {
      SubsidyResult r = subsidy_case(current(), rules_, tool_);
      out_ << render_text(r, output);
      return exit_status(r);
    }
    CheckResult r = check_case(current(), rules_, tool_.common);
    out_ << render_text(r, output);
    return exit_status(r);
  }

  const InterviewOptions& o_;
  Lang lang_;
  RuleLibrary& rules_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
  SubsidyOptions tool_;
  Value root_;
  std::string original_;
  bool existed_ = false;
  bool backed_up_ = false;
  bool failed_ = false;
  std::map<std::string, PackFact> facts_;
  std::map<std::string, std::string> rule_texts_;
  std::set<std::string> asked_;
};

}  // namespace

Parsed<Value> read_answer(const std::string& path, const std::string& answer) {
  const Field* f = find_field(case_schema(), path);
  if (f == nullptr || f->type == Type::record)
    return Parsed<Value>::fail({fmt::format("{} 不是可回答的事实", path),
                                fmt::format("{} is not a fact to answer", path)});
  Text error;
  std::optional<Node> node = answer_node(std::string(trim(answer)), *f, error);
  if (!node) return Parsed<Value>::fail({"无法读取：" + error.zh, "cannot read it: " + error.en});
  // The answer at its place in a document, so the reader checks it exactly as in a file.
  Node leaf = std::move(*node);
  std::vector<std::string> keys = split(path, '.');
  for (size_t i = keys.size(); i-- > 0;) {
    Node key, map;
    key.kind = Node::Kind::scalar;
    key.scalar = keys[i];
    map.kind = Node::Kind::map;
    map.children.push_back(std::move(key));
    map.children.push_back(std::move(leaf));
    leaf = std::move(map);
  }
  Document doc;
  doc.root = std::move(leaf);
  Case c = read_case(doc, "answer", ReadOptions{});
  Text messages;
  for (const Diagnostic& d : c.problems) {
    messages.zh += (messages.zh.empty() ? "" : "；") + d.message.zh;
    messages.en += (messages.en.empty() ? "" : "; ") + d.message.en;
  }
  const Value* v = c.fact(path);
  if (!c.readable() || v == nullptr)
    return Parsed<Value>::fail(messages.zh.empty() ? Text{"没有值", "no value"} : messages);
  return Parsed<Value>::ok(*v);
}

ExitStatus run_interview(const InterviewOptions& options, RuleLibrary& rules, std::istream& in,
                         std::ostream& out, std::ostream& err) {
  try {
    return Interview(options, rules, in, out, err).run();
  } catch (const InputError& e) {
    err << format_gnu(e.diagnostic(), options.tool.common.output.lang) << "\n";
    return ExitStatus::error;
  }
}

int interview_command(const char* name, const ToolArguments& a, const SubsidyOptions& o,
                      const std::string& file, bool subsidy, RuleLibrary& rules,
                      const Environment& env, Date today, std::istream& in,
                      const Console& console) {
  Lang lang = o.common.output.lang;
  if (!a.inputs.empty()) {
    console.err << name << ": "
                << Text{"--interview 不与案例文件同用", "--interview takes no case files"}.in(lang)
                << "\n";
    return static_cast<int>(ExitStatus::error);
  }
  if (!env.stdin_terminal) {
    console.err << name << ": "
                << Text{"--interview 需要在终端上回答（标准输入不是终端）；脚本请直接处理案例文件",
                        "--interview needs answers typed at a terminal (standard input is not "
                        "one); scripts use "
                        "the case files"}
                       .in(lang)
                << "\n";
    return static_cast<int>(ExitStatus::error);
  }
  InterviewOptions options{file, subsidy, o, today};
  return static_cast<int>(run_interview(options, rules, in, console.out, console.err));
}

}  // namespace sbc
