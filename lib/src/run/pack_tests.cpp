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

#include "sbc/input/inputs.hpp"
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

struct Tally {
  int passed = 0, failed = 0;
  std::map<std::string, ConditionCoverage> coverage;  // by condition id
};

void judge_test(const YAML::Node& test, const std::string& name, const YAML::Node& base,
                const fs::path& file, RuleLibrary& rules, const std::string& pack_ref,
                const PackTestOptions& o, Tally& tally, std::ostream& out);

// One test: judged, or, when the test itself is wrong, a failure that says where.
void run_test(const YAML::Node& test, const YAML::Node& base, const fs::path& file,
              RuleLibrary& rules, const std::string& pack_ref, const PackTestOptions& o,
              Tally& tally, std::ostream& out) {
  const YAML::Node name = test["name"];
  try {
    if (!name) fail_at(test, "a test needs a name");
    judge_test(test, name.as<std::string>(), base, file, rules, pack_ref, o, tally, out);
  } catch (const TestFileError& e) {  // a mistake in this test: the others still run
    ++tally.failed;
    Mark m = e.mark.line > 0 ? e.mark : mark_of(test);
    out << fmt::format("{}:{}:{}: error: {}{}\n", file.string(), m.line, m.column,
                       name && name.IsScalar() ? "'" + name.Scalar() + "': " : "", e.message);
  } catch (const YAML::Exception& e) {  // a value of the wrong type
    ++tally.failed;
    out << fmt::format("{}:{}:{}: error: {}{}: expected a single value\n", file.string(),
                       e.mark.line + 1, e.mark.column + 1,
                       name && name.IsScalar() ? "'" + name.Scalar() + "': " : "", e.msg);
  }
}

void judge_test(const YAML::Node& test, const std::string& name, const YAML::Node& base,
                const fs::path& file, RuleLibrary& rules, const std::string& pack_ref,
                const PackTestOptions& o, Tally& tally, std::ostream& out) {
  const YAML::Node expect = test["expect"];
  if (!expect || !expect.IsMap()) fail_at(test, "expect: is missing");
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
  for (const ConditionResult* r : seen.conditions()) {
    ConditionCoverage& cov = tally.coverage[r->condition->id];
    cov.pass |= r->result == Tri::pass;
    cov.fail |= r->result == Tri::fail;
  }
  if (std::optional<std::string> why = mismatch(expect, seen)) {
    ++tally.failed;
    Mark m = mark_of(test);
    out << fmt::format("{}:{}:{}: error: '{}': {}\n", file.string(), m.line, m.column, name, *why);
  } else {
    ++tally.passed;
  }
}

// One test file: its pack, its base case, its tests. False when the file itself is wrong.
bool run_file(const fs::path& file, RuleLibrary& rules, const PackTestOptions& o, Tally& tally,
              std::ostream& out, std::set<std::string>& packs) {
  try {
    YAML::Node doc = YAML::Load(read_file(file, o.limits.max_pack_bytes));
    if (!doc.IsMap()) throw TestFileError{{1, 1}, "expected a mapping with pack, base and tests"};
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
    for (const auto& test : tests) run_test(test, base, file, rules, pack_ref, o, tally, out);
    return true;
  } catch (const TestFileError& e) {
    if (e.mark.line > 0)
      out << fmt::format("{}:{}:{}: error: {}\n", file.string(), e.mark.line, e.mark.column,
                         e.message);
    else
      out << fmt::format("{}: error: {}\n", file.string(), e.message);
  } catch (const YAML::Exception& e) {
    out << fmt::format("{}:{}:{}: error: {}\n", file.string(), e.mark.line + 1, e.mark.column + 1,
                       e.msg);
  } catch (const InputError& e) {  // the pack the file names cannot be loaded
    out << fmt::format("{}: error: pack {}\n", file.string(), format_gnu(e.diagnostic(), Lang::en));
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

// The pack's conditions that no test saw pass, or fail; and the share that both did.
void print_coverage(RuleLibrary& rules, const std::set<std::string>& packs, const Tally& tally,
                    std::ostream& out) {
  for (const std::string& ref : packs) {
    const RulePack& pack = rules.get(ref);
    std::vector<const Condition*> all;
    for (const Condition& c : pack.recognition.conditions) all.push_back(&c);
    if (pack.compensation)
      for (const Condition& c : pack.compensation->conditions) all.push_back(&c);
    for (const Award& a : pack.awards)
      for (const Condition& c : a.conditions) all.push_back(&c);
    std::set<std::string> ids;  // a condition shared by awards (a YAML alias) counts once
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const Condition* c) { return !ids.insert(c->id).second; }),
              all.end());
    size_t covered = 0;
    std::string gaps;
    for (const Condition* c : all) {
      auto seen = tally.coverage.find(c->id);
      bool pass = seen != tally.coverage.end() && seen->second.pass;
      bool fail = seen != tally.coverage.end() && seen->second.fail;
      if (pass && fail) {
        ++covered;
        continue;
      }
      gaps += fmt::format("  {:<32} {}\n", c->id,
                          !pass && !fail ? "never passes nor fails"
                          : !pass        ? "never passes"
                                         : "never fails");
    }
    out << fmt::format("coverage {}: {} of {} conditions seen both pass and fail ({}%)\n{}",
                       pack.id, covered, all.size(), all.empty() ? 100 : covered * 100 / all.size(),
                       gaps);
  }
}

}  // namespace

ExitStatus run_pack_tests(const std::vector<std::string>& inputs, const PackTestOptions& options,
                          RuleLibrary& rules, std::ostream& out) {
  Tally tally;
  std::set<std::string> packs;
  bool readable = true;
  for (const fs::path& file : test_files(inputs))
    readable = run_file(file, rules, options, tally, out, packs) && readable;
  out << fmt::format("{} passed, {} failed\n", tally.passed, tally.failed);
  if (options.coverage) print_coverage(rules, packs, tally, out);
  if (!readable) return ExitStatus::error;
  return tally.failed > 0 ? ExitStatus::failed : ExitStatus::ok;
}

}  // namespace sbc
