// A verdict on a case: its conditions judged, the paths to recognition combined three-valued, the
// warnings, and for a case not recognised the nearest way there.
#include "sbc/judge/verdict.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <span>

namespace sbc {

Tri tri_and(Tri a, Tri b) {
  if (a == Tri::fail || b == Tri::fail) return Tri::fail;
  if (a == Tri::unknown || b == Tri::unknown) return Tri::unknown;
  return Tri::pass;
}

Tri tri_or(Tri a, Tri b) {
  if (a == Tri::pass || b == Tri::pass) return Tri::pass;
  if (a == Tri::unknown || b == Tri::unknown) return Tri::unknown;
  return Tri::fail;
}

const char* to_string(Tri t) {
  switch (t) {
    case Tri::pass:
      return "pass";
    case Tri::fail:
      return "fail";
    case Tri::unknown:
      return "unknown";
  }
  return "";
}

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::eligible:
      return "eligible";
    case Outcome::ineligible:
      return "ineligible";
    case Outcome::undetermined:
      return "undetermined";
  }
  return "";
}

namespace {

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const std::string& s : from)
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

using Results = std::vector<const ConditionResult*>;
using ResultsView = std::span<const ConditionResult* const>;

Tri all_of(ResultsView rs) {
  Tri t = Tri::pass;
  for (const ConditionResult* r : rs) t = tri_and(t, r->result);
  return t;
}

// One way to recognition, expanded from the pack's paths: a group as a whole, or one condition of
// a group alone.
struct Candidate {
  std::string_view name;  // the pack's group or condition id
  std::string_view group;
  ResultsView conditions;  // in the group's results (made before the candidates, never changed)
};

// The results of each group, by the pack's group names.
using ByGroup = std::map<std::string_view, Results>;

std::vector<Candidate> candidates(const Recognition& rec, ByGroup& by_group) {
  std::vector<Candidate> out;
  for (const PathSpec& spec : rec.paths) {
    if (!spec.each) {
      out.push_back({spec.group, spec.group, by_group[spec.group]});
      continue;
    }
    for (const ConditionResult*& r : by_group[spec.group])
      out.push_back({r->condition->id, spec.group, ResultsView(&r, 1)});
  }
  return out;
}

// The pack's validity, the conditions' notes, and the warning-only conditions that fail.
void add_warnings(const RulePack& pack, Verdict& v) {
  if (auto warning = pack.validity_warning(v.as_of)) v.warnings.push_back(*warning);
  for (const ConditionResult& r : v.conditions) {
    for (const Text& note : r.notes)
      v.warnings.push_back({r.condition->id + "：" + note.zh, r.condition->id + ": " + note.en});
    if (r.condition->warning_only && r.result == Tri::fail)
      v.warnings.push_back(
          {fmt::format("{}（{}）不满足：{}", r.condition->id, r.condition->clause, r.message.zh),
           fmt::format("{} ({}) fails: {}", r.condition->id, r.condition->clause, r.message.en)});
  }
}

// An eligible verdict resting on a path whose pack warns of conditions that still fail.
void add_path_warnings(const Recognition& rec, const Candidate& carrying, Verdict& v) {
  for (const PathWarning& w : rec.warnings) {
    if (w.group != carrying.group) continue;
    std::vector<std::string> failed;
    for (const ConditionResult& r : v.conditions)
      if (r.result == Tri::fail &&
          std::find(w.failed.begin(), w.failed.end(), r.condition->id) != w.failed.end())
        failed.push_back(r.condition->id);
    if (!failed.empty())
      v.warnings.push_back({fmt::format("{}（不满足：{}）", w.text.zh, fmt::join(failed, "、")),
                            fmt::format("{} (failing: {})", w.text.en, fmt::join(failed, ", "))});
  }
}

// The nearest way: the candidate needing the fewest fixes, then the fewest facts. Scored first,
// spelt out only for the one chosen.
Nearest nearest(const std::vector<Candidate>& candidates, const Results& required) {
  auto needed = [&](const Candidate& cand) {
    Results all = required;
    for (const ConditionResult* r : cand.conditions)  // a path may be of the required group itself
      if (std::find(all.begin(), all.end(), r) == all.end()) all.push_back(r);
    return all;
  };
  // The score of needed(cand), counted in place (a copy of the required results for each of a
  // dozen candidates was most of a verdict's allocations).
  auto score_of = [&](const Candidate& cand) {
    std::pair<size_t, size_t> score{0, 0};
    auto count = [&](const ConditionResult* r) {
      score.first += r->result == Tri::fail;
      score.second += r->result == Tri::unknown;
    };
    for (const ConditionResult* r : required) count(r);
    for (const ConditionResult* r : cand.conditions)
      if (std::find(required.begin(), required.end(), r) == required.end()) count(r);
    return score;
  };
  const Candidate* best = nullptr;
  std::pair<size_t, size_t> best_score;
  for (const Candidate& cand : candidates) {
    std::pair<size_t, size_t> score = score_of(cand);
    if (best == nullptr || score < best_score) {
      best = &cand;
      best_score = score;
    }
  }
  Nearest n;
  if (best == nullptr) return n;
  n.path = best->name;
  for (const ConditionResult* r : needed(*best)) {
    if (r->result == Tri::fail) n.failing.push_back(r->condition->id);
    if (r->result == Tri::unknown) {
      n.unknown.push_back(r->condition->id);
      add_unique(n.missing, r->missing);
    }
  }
  return n;
}

// The facts of unknown conditions that still count: required ones, and those of paths that no
// failing condition has closed; the nearest path's facts first, then the paths closest to passing.
std::vector<std::string> decisive(const std::vector<Candidate>& ways, const Results& required,
                                  const std::vector<std::string>& nearest_first) {
  std::vector<std::string> out = nearest_first;
  auto add = [&](ResultsView rs) {
    for (const ConditionResult* r : rs)
      if (r->result == Tri::unknown) add_unique(out, r->missing);
  };
  add(required);
  // The open paths, those with the fewest conditions left to establish first.
  std::vector<const Candidate*> open;
  for (const Candidate& cand : ways)
    if (all_of(cand.conditions) != Tri::fail) open.push_back(&cand);
  auto unknowns = [](const Candidate* c) {
    return std::count_if(c->conditions.begin(), c->conditions.end(),
                         [](const ConditionResult* r) { return r->result == Tri::unknown; });
  };
  std::stable_sort(open.begin(), open.end(), [&](const Candidate* a, const Candidate* b) {
    return unknowns(a) < unknowns(b);
  });
  for (const Candidate* cand : open) add(cand->conditions);
  return out;
}

}  // namespace

Verdict evaluate(const RulePack& pack, const Case& c, std::optional<Date> as_of, Languages langs) {
  Verdict v;
  v.pack = &pack;
  const Recognition& rec = pack.recognition;
  ByGroup by_group;
  v.conditions.reserve(rec.conditions.size());  // by_group points into it
  for (const Condition& condition : rec.conditions) {
    v.conditions.push_back(judge(condition, c, as_of, langs));
    const ConditionResult& r = v.conditions.back();
    if (!condition.warning_only) by_group[condition.group].push_back(&r);
    if (r.result == Tri::unknown) add_unique(v.missing, r.missing);
  }

  std::vector<Candidate> ways = candidates(rec, by_group);
  Results required;
  for (const std::string& g : rec.required)
    for (const ConditionResult* r : by_group[g]) required.push_back(r);
  Tri paths = Tri::fail;
  const Candidate* carrying = nullptr;
  for (const Candidate& cand : ways) {
    Tri t = all_of(cand.conditions);
    paths = tri_or(paths, t);
    if (t == Tri::pass && carrying == nullptr) carrying = &cand;
  }
  Tri overall = tri_and(all_of(required), paths);
  v.outcome = overall == Tri::pass   ? Outcome::eligible
              : overall == Tri::fail ? Outcome::ineligible
                                     : Outcome::undetermined;

  // The date the case is judged at, and whether the pack covers it.
  v.as_of = as_of;
  if (!v.as_of)
    if (const Value* applied = c.fact("application.date")) v.as_of = applied->date;
  add_warnings(pack, v);
  if (v.outcome == Outcome::eligible) {
    v.path = carrying->name;
    add_path_warnings(rec, *carrying, v);
  } else {
    v.nearest = nearest(ways, required);
  }
  if (v.outcome == Outcome::undetermined) v.decisive = decisive(ways, required, v.nearest->missing);
  return v;
}

}  // namespace sbc
