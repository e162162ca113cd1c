// sbc-validate --test: a pack's tests as data. Each test is its base case (a file, or facts given
// inline) with edits applied to the YAML itself (`set: {fact.path: value}`, `unset: [fact.path]`),
// so that its values are read as any case's are (money in 万, dates as people write them); then the
// case is judged as sbc-check or sbc-subsidy judges it and the test's `expect` compared with what
// came out. yaml-cpp's node tree suits this: test files are small, and edited as trees.
#include "sbc/run/pack_tests.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "base/spelling.hpp"
#include "run/pack_coverage.hpp"
#include "sbc/input/inputs.hpp"
#include "sbc/render/ci.hpp"
#include "sbc/run/check.hpp"
#include "sbc/run/subsidy.hpp"
#include "sbc/values/date.hpp"
#include "sbc/values/money.hpp"

namespace sbc {
namespace {

namespace fs = std::filesystem;

// A mistake in a test file, where it is.
struct TestFileError {
  Mark mark;
  std::string message;
};

Mark mark_of(const YAML::Node& n) {
  return {n.Mark().line + 1, n.Mark().column + 1};
}

[[noreturn]] void fail_at(const YAML::Node& n, std::string message) {
  throw TestFileError{mark_of(n), std::move(message)};
}

// A key a mapping of the test file may not have: a typo in `expect` would otherwise make a test
// that cannot fail.
void check_keys(const YAML::Node& map, const std::vector<std::string>& known, const char* where) {
  if (!map.IsMap()) fail_at(map, fmt::format("{}: expected a mapping", where));
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string guess = closest_spelling(key, known);
    fail_at(entry.first, fmt::format("{}: unknown key '{}'{}", where, key,
                                     guess.empty() ? "" : "; did you mean '" + guess + "'?"));
  }
}

const std::vector<std::string> kFileKeys = {"pack", "base", "tests"};
const std::vector<std::string> kTestKeys = {"name", "set",   "unset", "base",
                                            "case", "as_of", "expect"};
const std::vector<std::string> kExpectKeys = {"tool",       "verdict", "path",
                                              "conditions", "subsidy", "compensation",
                                              "awards",     "missing", "effective"};

std::string read_file(const fs::path& path, size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TestFileError{{}, fmt::format("cannot read {}", path.string())};
  std::string text(limit + 1, '\0');  // at most one byte over the limit: /dev/zero ends too
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > limit)
    throw TestFileError{{}, fmt::format("{} is over {} bytes", path.string(), limit)};
  return text;
}

// The node at a fact's path ("insurance.policies[0].premium") under `root`, made on the way when
// `make`; an undefined node when it is not there.
YAML::Node at_path(YAML::Node root, const std::string& path, bool make, const YAML::Node& where) {
  YAML::Node n = root;
  std::stringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '.')) {
    std::string key = part.substr(0, part.find('['));
    if (key.empty()) fail_at(where, fmt::format("'{}' is not a fact's path", path));
    if (n.IsDefined() && !n.IsNull() && !n.IsMap())
      fail_at(where, fmt::format("'{}': '{}' is inside a value that is not a mapping", path, key));
    if (!make && !n[key]) return YAML::Node(YAML::NodeType::Undefined);
    n.reset(n[key]);
    for (size_t at = part.find('['); at != std::string::npos; at = part.find('[', at + 1)) {
      size_t index = std::strtoul(part.c_str() + at + 1, nullptr, 10);
      if (!n.IsSequence() || index > n.size() || (index == n.size() && !make)) {
        if (!make) return YAML::Node(YAML::NodeType::Undefined);
        fail_at(where, fmt::format("'{}': no item {} to edit", path, index));
      }
      if (index == n.size()) n.push_back(YAML::Node(YAML::NodeType::Map));
      n.reset(n[index]);
    }
  }
  return n;
}

void unset_path(YAML::Node root, const std::string& path, const YAML::Node& where) {
  size_t dot = path.rfind('.');
  std::string last = dot == std::string::npos ? path : path.substr(dot + 1);
  YAML::Node parent =
      dot == std::string::npos ? root : at_path(root, path.substr(0, dot), false, where);
  if (!parent || last.find('[') != std::string::npos || !parent.IsMap() || !parent[last])
    fail_at(where, fmt::format("'{}': no such fact in the base case to unset", path));
  parent.remove(last);
}

// A base case: facts inline, or the file a path names (relative to the test file).
YAML::Node base_case(const YAML::Node& base, const fs::path& file, const Limits& limits) {
  if (base.IsMap()) return base;
  fs::path path = file.parent_path() / base.as<std::string>();
  YAML::Node loaded = YAML::Load(read_file(path, limits.max_document_bytes));
  if (!loaded.IsMap()) fail_at(base, fmt::format("{} is not a case", path.string()));
  return loaded;
}

// The test's case: the file's base, the test's own `base`, or its whole `case`, with its edits.
Case test_case(const YAML::Node& test, const YAML::Node& base, const fs::path& file,
               const Limits& limits) {
  YAML::Node c = test["case"]   ? YAML::Clone(test["case"])
                 : test["base"] ? YAML::Clone(base_case(test["base"], file, limits))
                                : YAML::Clone(base);
  if (const YAML::Node set = test["set"]) {
    if (!set.IsMap()) fail_at(set, "set: expected a mapping of fact paths to values");
    for (const auto& edit : set) {
      YAML::Node slot = at_path(c, edit.first.as<std::string>(), true, edit.first);
      slot = YAML::Clone(edit.second);
    }
  }
  if (const YAML::Node unset = test["unset"]) {
    if (!unset.IsSequence()) fail_at(unset, "unset: expected a list of fact paths");
    for (const auto& path : unset) unset_path(c, path.as<std::string>(), path);
  }
  YAML::Emitter emitted;
  emitted << c;
  RawDocument raw{file.string(), 0, 1, emitted.c_str(), std::nullopt, nullptr, {}};
  ReadOptions read;
  read.limits = limits;
  return parse_document(raw, read);
}

// What a test saw: the recognition verdict, the subsidy, or the errors that kept the case from
// either.
struct Seen {
  std::optional<CheckResult> checked;
  std::optional<SubsidyResult> paid;
  std::vector<const ConditionResult*> conditions() const {
    std::vector<const ConditionResult*> out;
    if (checked && checked->verdict)
      for (const ConditionResult& c : checked->verdict->conditions) out.push_back(&c);
    if (paid && paid->verdict) {
      for (const ConditionResult& c : paid->verdict->conditions) out.push_back(&c);
      for (const AwardResult& a : paid->verdict->awards)
        for (const ConditionResult& c : a.conditions) out.push_back(&c);
    }
    return out;
  }
};

bool wants_subsidy(const YAML::Node& expect, const RulePack& pack) {
  if (const YAML::Node tool = expect["tool"]) return tool.as<std::string>() == "subsidy";
  if (expect["subsidy"] || expect["compensation"] || expect["awards"]) return true;
  if (const YAML::Node v = expect["verdict"]) {
    std::string verdict = v.as<std::string>();
    if (verdict == "granted" || verdict == "denied") return true;
    if (verdict == "eligible" || verdict == "ineligible") return false;
  }
  if (const YAML::Node conditions = expect["conditions"]) {  // a condition of the subsidy's
    const std::vector<Condition>& recognition = pack.recognition.conditions;
    for (const auto& c : conditions)
      if (std::none_of(recognition.begin(), recognition.end(),
                       [&](const Condition& r) { return r.id == c.first.Scalar(); }))
        return true;
  }
  return !pack.recognises();
}

// What decided the verdict, in a few words: the failing conditions of the nearest path to
// recognition, or the failing case-level conditions of a subsidy.
std::string failing_conditions(const Seen& seen) {
  std::string out;
  auto add = [&](const std::string& id, Tri r) {
    out += (out.empty() ? "" : ", ") + id + ": " + to_string(r);
  };
  if (seen.checked && seen.checked->verdict->nearest) {
    for (const std::string& id : seen.checked->verdict->nearest->failing) add(id, Tri::fail);
  } else if (seen.checked && seen.checked->verdict->outcome == Outcome::eligible) {
    add("path " + seen.checked->verdict->path, Tri::pass);
  } else {
    for (const ConditionResult* c : seen.conditions())
      if (c->result == Tri::fail) add(c->condition->id, Tri::fail);
  }
  return out.empty() ? "" : " (" + out + ")";
}

std::optional<std::string> amount_mismatch(const YAML::Node& expect, const Seen& seen);

// The test's expectations against what it saw: the first that does not hold, or nothing.
std::optional<std::string> mismatch(const YAML::Node& expect, const Seen& seen) {
  if (seen.checked && !seen.checked->verdict)
    return fmt::format("the case cannot be judged: {}", seen.checked->errors.front().message.en);
  if (seen.paid && !seen.paid->verdict)
    return fmt::format("the case cannot be judged: {}", seen.paid->errors.front().message.en);
  if (const YAML::Node v = expect["verdict"]) {
    std::string got = seen.checked ? to_string(seen.checked->verdict->outcome)
                                   : to_string(seen.paid->verdict->outcome);
    if (got != v.as<std::string>())
      return fmt::format("expected {}, got {}{}", v.as<std::string>(), got,
                         failing_conditions(seen));
  }
  if (const YAML::Node p = expect["path"]; p && !seen.checked)
    fail_at(p, "path: a recognition verdict's, which this test does not judge");
  if (const YAML::Node p = expect["path"]; p && seen.checked) {
    if (seen.checked->verdict->path != p.as<std::string>())
      return fmt::format(
          "expected the path {}, got {}", p.as<std::string>(),
          seen.checked->verdict->path.empty() ? "none" : seen.checked->verdict->path);
  }
  if (const YAML::Node conditions = expect["conditions"]) {
    for (const auto& want : conditions) {
      std::string id = want.first.as<std::string>(), result = want.second.as<std::string>();
      std::vector<const ConditionResult*> all = seen.conditions();
      auto found = std::find_if(all.begin(), all.end(),
                                [&](const ConditionResult* c) { return c->condition->id == id; });
      if (found == all.end()) return fmt::format("no condition {} was judged", id);
      if (to_string((*found)->result) != result)
        return fmt::format("expected {}: {}, got {}", id, result, to_string((*found)->result));
    }
  }
  return amount_mismatch(expect, seen);
}

// The rest of the expectations: amounts, awards, the effective period, the missing facts.
std::optional<std::string> amount_mismatch(const YAML::Node& expect, const Seen& seen) {
  for (const char* key : {"subsidy", "compensation"}) {
    const YAML::Node amount = expect[key];
    if (!amount || !seen.paid) continue;
    Parsed<Money> want = parse_money(amount.as<std::string>());
    if (!want) fail_at(amount, fmt::format("{}: {}", key, want.error.en));
    Money got = std::string(key) == "subsidy" ? seen.paid->verdict->subsidy
                                              : seen.paid->verdict->compensation;
    if (got != *want.value)
      return fmt::format("expected the {} {}, got {}", key, yuan(*want.value), yuan(got));
  }
  if (const YAML::Node awards = expect["awards"]; awards && seen.paid) {
    for (const auto& want : awards) {
      std::string id = want.first.as<std::string>();
      Parsed<Money> amount = parse_money(want.second.as<std::string>());
      if (!amount) fail_at(want.second, fmt::format("{}: {}", id, amount.error.en));
      const std::vector<AwardResult>& got = seen.paid->verdict->awards;
      auto found = std::find_if(got.begin(), got.end(),
                                [&](const AwardResult& a) { return a.award->citation.id == id; });
      if (found == got.end()) return fmt::format("the pack has no award {}", id);
      if (found->amount != *amount.value)
        return fmt::format("expected the award {} {}, got {}", id, yuan(*amount.value),
                           yuan(found->amount));
    }
  }
  if (const YAML::Node effective = expect["effective"]) {
    // The pack's effective period, as the verdict's warning says when the date lies outside it.
    const std::vector<Text>& warnings =
        seen.checked ? seen.checked->verdict->warnings : seen.paid->verdict->warnings;
    bool outside = std::any_of(warnings.begin(), warnings.end(), [](const Text& w) {
      return w.en.find("outside the effective period") != std::string::npos;
    });
    if (outside == effective.as<bool>())
      return fmt::format("expected the date {} the pack's effective period",
                         effective.as<bool>() ? "inside" : "outside");
  }
  if (const YAML::Node missing = expect["missing"]) {
    std::set<std::string> want, got;
    for (const auto& m : missing) want.insert(m.as<std::string>());
    const std::vector<std::string>& listed =
        seen.checked ? seen.checked->verdict->missing : seen.paid->verdict->missing;
    got.insert(listed.begin(), listed.end());
    if (want != got) {
      std::string names;
      for (const std::string& m : got) names += (names.empty() ? "" : ", ") + m;
      return fmt::format("expected other missing facts; got [{}]", names);
    }
  }
  return std::nullopt;
}

// What the tests of a run came to. Text: a line per failing test as it fails. A CI format (JUnit,
// SARIF, GitHub): a test per test, the file's tests gathered and written when the file ends.
// What a test saw goes to its pack's coverage; the amounts only when it passed, as they are then
// pinned: the compensation by `compensation` or `subsidy`, an award by `awards` or `subsidy`.
void record_coverage(PackCoverage& coverage, const Seen& seen, const YAML::Node& expect,
                     bool passed) {
  if (seen.checked && seen.checked->verdict)
    coverage.add_conditions(seen.checked->verdict->conditions);
  if (!seen.paid || !seen.paid->verdict) return;
  const SubsidyVerdict& v = *seen.paid->verdict;
  bool pinned = passed && (expect["compensation"] || expect["subsidy"]);
  std::vector<std::string> awards;
  for (const AwardResult& a : v.awards)
    if (passed &&
        (expect["subsidy"] || (expect["awards"] && expect["awards"][a.award->citation.id])))
      awards.push_back(a.award->citation.id);
  coverage.add_subsidy(v, pinned, awards);
}

struct Tally {
  std::optional<CiFormat> ci;
  CiCase file;  // the file being run, for a CI format
  std::ostream* out = nullptr;
  std::vector<Diagnostic>* mistakes = nullptr;  // linting: the file's and its tests' mistakes only
  int passed = 0, failed = 0;

  void report(const Mark& at, const std::string& name, const std::optional<std::string>& why,
              CiTest::Result failure = CiTest::Result::failed) {
    ++(why ? failed : passed);
    if (mistakes) {
      if (why && failure == CiTest::Result::error)
        file_error(at, name.empty() ? *why : "'" + name + "': " + *why);
      return;
    }
    if (ci) {
      file.tests.push_back({name.empty() ? "test" : name, why ? failure : CiTest::Result::passed,
                            at, why.value_or("")});
      return;
    }
    if (why)
      *out << fmt::format("{}:{}:{}: error: {}{}\n", file.file, at.line, at.column,
                          name.empty() ? "" : "'" + name + "': ", *why);
  }
  // A file that cannot be read or run: one error, where it is.
  void file_error(const Mark& at, const std::string& why) {
    if (mistakes) {
      mistakes->push_back(Diagnostic{Severity::error, file.file, at, "", Text{why, why}});
      return;
    }
    if (ci) {
      file.tests.push_back({"file", CiTest::Result::error, at, why});
      return;
    }
    if (at.line > 0)
      *out << fmt::format("{}:{}:{}: error: {}\n", file.file, at.line, at.column, why);
    else
      *out << fmt::format("{}: error: {}\n", file.file, why);
  }
  // By pack: two packs may both have a basic.entity, each tested by its own file.
  std::map<std::string, PackCoverage> coverage;
};

void judge_test(const YAML::Node& test, const std::string& name, const YAML::Node& base,
                const fs::path& file, RuleLibrary& rules, const std::string& pack_ref,
                const PackTestOptions& o, Tally& tally);

// One test: judged, or, when the test itself is wrong, a failure that says where.
void run_test(const YAML::Node& test, const YAML::Node& base, const fs::path& file,
              RuleLibrary& rules, const std::string& pack_ref, const PackTestOptions& o,
              Tally& tally) {
  const YAML::Node name = test["name"];
  const std::string shown = name && name.IsScalar() ? name.Scalar() : "";
  try {
    if (!name) fail_at(test, "a test needs a name");
    judge_test(test, name.as<std::string>(), base, file, rules, pack_ref, o, tally);
  } catch (const TestFileError& e) {  // a mistake in this test: the others still run
    tally.report(e.mark.line > 0 ? e.mark : mark_of(test), shown, e.message, CiTest::Result::error);
  } catch (const YAML::Exception& e) {  // a value of the wrong type
    tally.report({e.mark.line + 1, e.mark.column + 1}, shown, e.msg + ": expected a single value",
                 CiTest::Result::error);
  }
}

void judge_test(const YAML::Node& test, const std::string& name, const YAML::Node& base,
                const fs::path& file, RuleLibrary& rules, const std::string& pack_ref,
                const PackTestOptions& o, Tally& tally) {
  check_keys(test, kTestKeys, "a test");
  const YAML::Node expect = test["expect"];
  if (!expect || !expect.IsMap()) fail_at(test, "expect: is missing");
  check_keys(expect, kExpectKeys, "expect");
  if (expect.size() == 0) fail_at(expect, "expect: says nothing to check");
  const RulePack& pack = rules.get(pack_ref);
  CheckOptions options;
  options.rules = pack_ref;
  if (const YAML::Node as_of = test["as_of"]) {
    Parsed<Date> d = parse_date(as_of.as<std::string>());
    if (!d) fail_at(as_of, "as_of: " + d.error.en);
    options.as_of = d.value;
  }
  Case c = test_case(test, base, file, o.limits);
  Seen seen;
  if (wants_subsidy(expect, pack))
    seen.paid = subsidy_case(std::move(c), rules, SubsidyOptions{options, std::nullopt, {}});
  else
    seen.checked = check_case(std::move(c), rules, options);
  std::optional<std::string> why = mismatch(expect, seen);
  record_coverage(tally.coverage[pack.id], seen, expect, !why);
  tally.report(mark_of(test), name, why);
}

// One test file: its pack, its base case, its tests. False when the file itself is wrong.
bool run_file(const fs::path& file, RuleLibrary& rules, const PackTestOptions& o, Tally& tally,
              std::set<std::string>& packs) {
  try {
    YAML::Node doc = YAML::Load(read_file(file, o.limits.max_pack_bytes));
    if (!doc.IsMap()) throw TestFileError{{1, 1}, "expected a mapping with pack, base and tests"};
    check_keys(doc, kFileKeys, "the test file");
    std::string pack_ref = o.rules;
    if (pack_ref.empty()) {
      if (!doc["pack"]) fail_at(doc, "pack: is missing (the id of the pack the tests are for)");
      pack_ref = doc["pack"].as<std::string>();
    }
    rules.get(pack_ref);     // a pack that cannot be loaded stops the file here (InputError)
    packs.insert(pack_ref);  // and stays out of the coverage
    YAML::Node base(YAML::NodeType::Map);
    if (const YAML::Node b = doc["base"]) base = base_case(b, file, o.limits);
    const YAML::Node tests = doc["tests"];
    if (!tests || !tests.IsSequence()) fail_at(doc, "tests: expected a list of tests");
    for (const auto& test : tests) run_test(test, base, file, rules, pack_ref, o, tally);
    return true;
  } catch (const TestFileError& e) {
    tally.file_error(e.mark, e.message);
  } catch (const YAML::Exception& e) {
    tally.file_error({e.mark.line + 1, e.mark.column + 1}, e.msg);
  } catch (const InputError& e) {  // the pack the file names cannot be loaded
    tally.file_error({}, "pack " + format_gnu(e.diagnostic(), Lang::en));
  }
  return false;
}

std::vector<fs::path> test_files(const std::vector<std::string>& inputs) {
  std::vector<fs::path> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (!fs::is_directory(input, ec)) {
      files.emplace_back(input);
      continue;
    }
    std::vector<fs::path> in_dir;
    for (const auto& e : fs::directory_iterator(input, ec))
      if (e.path().extension() == ".yaml" || e.path().extension() == ".yml")
        in_dir.push_back(e.path());
    std::sort(in_dir.begin(), in_dir.end());
    files.insert(files.end(), in_dir.begin(), in_dir.end());
  }
  return files;
}

// Each pack's coverage: a figure, and a line for what no test saw.
// False when some pack's is not complete.
bool print_coverage(RuleLibrary& rules, const std::set<std::string>& packs, const Tally& tally,
                    std::ostream& out) {
  bool complete = true;
  for (const std::string& ref : packs) {
    const RulePack& pack = rules.get(ref);
    auto it = tally.coverage.find(pack.id);
    PackCoverage::Report r =
        (it == tally.coverage.end() ? PackCoverage{} : it->second).report(pack);
    out << r.text;
    complete = complete && r.complete;
  }
  return complete;
}

}  // namespace

bool is_pack_test_file(const std::string& text) {
  try {
    YAML::Node doc = YAML::Load(text);
    return doc.IsMap() && doc["tests"] && !doc["id"];
  } catch (const YAML::Exception&) {
    return false;  // the pack's loader says what is wrong with it
  }
}

std::vector<Diagnostic> lint_pack_tests(const std::string& file, RuleLibrary& rules,
                                        const Limits& limits) {
  std::vector<Diagnostic> mistakes;
  Tally tally;
  tally.mistakes = &mistakes;
  tally.file.file = file;
  PackTestOptions options;
  options.limits = limits;
  std::set<std::string> packs;
  run_file(file, rules, options, tally, packs);
  return mistakes;
}

ExitStatus run_pack_tests(const std::vector<std::string>& inputs, const PackTestOptions& options,
                          RuleLibrary& rules, std::ostream& out, std::ostream& err) {
  Tally tally;
  tally.out = &out;
  tally.ci = ci_format(options.output.format);
  std::set<std::string> packs;
  bool readable = true;
  if (tally.ci) out << ci_header(*tally.ci, "sbc-validate");
  bool first = true;
  for (const fs::path& file : test_files(inputs)) {
    tally.file = CiCase{file.string(), file.string(), {}};
    readable = run_file(file, rules, options, tally, packs) && readable;
    if (!tally.ci) continue;
    std::string rendered = render_ci(tally.file, *tally.ci, "sbc-validate");
    if (rendered.empty()) continue;
    out << (first ? "" : ci_separator(*tally.ci)) << rendered;
    first = false;
  }
  // A CI format's document is the output; the summary and the coverage then go to `summary`.
  std::ostream& summary = tally.ci ? err : out;
  if (tally.ci) out << ci_footer(*tally.ci);
  summary << fmt::format("{} passed, {} failed\n", tally.passed, tally.failed);
  // A rule that no test sees at work fails the run as a failing test does: a change to it would
  // pass unnoticed.
  bool complete = !options.coverage || print_coverage(rules, packs, tally, summary);
  if (!readable) return ExitStatus::error;
  return tally.failed > 0 || !complete ? ExitStatus::failed : ExitStatus::ok;
}

}  // namespace sbc
