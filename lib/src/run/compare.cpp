#include "sbc/run/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "render/pieces.hpp"

namespace sbc {

bool Comparison::differs() const {
  return a_outcome != b_outcome || a_path != b_path || a_amount != b_amount;
}

namespace {

// Results by id, in the order they came; merged so that A's order comes first, then B's new ids.
using Results = std::vector<std::pair<std::string, std::string>>;

void add_changes(const Results& a, const Results& b, std::vector<ChangedRule>& out) {
  auto find = [](const Results& r, const std::string& id) -> std::string {
    for (const auto& [k, v] : r)
      if (k == id) return v;
    return "";  // the pack has no such rule
  };
  for (const auto& [id, value] : a)
    if (std::string other = find(b, id); other != value) out.push_back({id, value, other});
  for (const auto& [id, value] : b)
    if (find(a, id).empty()) out.push_back({id, "", value});
}

void add_conditions(const std::vector<ConditionResult>& conditions, const std::string& prefix,
                    Results& out) {
  for (const ConditionResult& c : conditions)
    out.emplace_back(prefix + c.condition->id, to_string(c.result));
}

// What a subsidy verdict is made of, as comparable strings: case-level conditions, each policy's
// counted amount, each award's result and amount.
Results subsidy_results(const SubsidyVerdict& v) {
  Results out;
  add_conditions(v.conditions, "", out);
  if (v.pack->compensation && !v.pack->compensation->materials.citation.id.empty())
    out.emplace_back("materials", to_string(v.materials.result));
  for (const PolicyResult& p : v.policies)
    out.emplace_back("policy " + p.number,
                     p.counted == Tri::pass ? plain(*p.subsidy) : to_string(p.counted));
  for (const AwardResult& a : v.awards) {
    add_conditions(a.conditions, a.award->citation.id + ": ", out);
    out.emplace_back(a.award->citation.id,
                     a.result == Tri::pass ? plain(a.amount) : to_string(a.result));
  }
  return out;
}

const RulePack& judging_pack(RuleLibrary& rules, const std::string& id, bool subsidy) {
  const RulePack& p = rules.get(id);
  if (auto why = p.unusable_for(subsidy))
    throw InputError(Diagnostic{Severity::error, id, {}, "", *why});
  return p;
}

// The change of verdict, as the summary counts it: "eligible → ineligible".
std::string flip(const Comparison& c) {
  return c.a_outcome + " → " + c.b_outcome;
}

std::string outcome_text(const std::string& outcome, const std::string& path,
                         const std::optional<Money>& amount) {
  std::string out = outcome;
  if (!path.empty()) out += " (" + path + ")";
  if (amount) out += " " + yuan(*amount);
  return out;
}

std::string render_text(const Case& c, const Comparison& cmp, const CompareOptions& o) {
  std::optional<Money> a_amount, b_amount;
  if (o.subsidy) a_amount = cmp.a_amount, b_amount = cmp.b_amount;
  std::string out =
      fmt::format("{}: {} → {}\n", case_name(c), outcome_text(cmp.a_outcome, cmp.a_path, a_amount),
                  outcome_text(cmp.b_outcome, cmp.b_path, b_amount));
  if (o.common.output.quiet) return out;
  auto shown = [](const std::string& result) { return result.empty() ? std::string("—") : result; };
  for (const ChangedRule& r : cmp.changed)
    out += fmt::format("  {}: {} → {}\n", r.id, shown(r.a), shown(r.b));
  return out;
}

std::string render_json(const Case& c, const Comparison& cmp, const CompareOptions& o,
                        bool pretty) {
  JsonWriter j(pretty, pretty ? 1 : 0);
  j.begin_object().key("case").value(c.file).key("index").value(c.index).key("changed").value(
      cmp.differs());
  for (const auto& [key, id, outcome, path, amount] :
       {std::tuple{"a", &o.a, &cmp.a_outcome, &cmp.a_path, cmp.a_amount},
        std::tuple{"b", &o.b, &cmp.b_outcome, &cmp.b_path, cmp.b_amount}}) {
    j.key(key).begin_object().key("rules").value(*id).key("verdict").value(*outcome);
    if (o.subsidy)
      j.key("subsidy").value(plain(amount));
    else
      j.key("path").string_or_null(*path);
    j.end_object();
  }
  j.key("conditions").begin_array();
  for (const ChangedRule& r : cmp.changed)
    j.begin_object()
        .key("id")
        .value(r.id)
        .key("a")
        .string_or_null(r.a)
        .key("b")
        .string_or_null(r.b)
        .end_object();
  j.end_array();
  return j.end_object().release();
}

// The counts and totals the summary reports, filled by the workers in any order.
struct Tally {
  std::mutex mutex;
  size_t cases = 0, changed = 0, errors = 0;
  std::map<std::string, size_t> flips;  // sorted, so the summary does not depend on -j
  Money a_total, b_total;

  std::string render(const CompareOptions& o) const {
    bool zh = o.common.output.lang == Lang::zh;
    std::string out =
        fmt::format(fmt::runtime(zh ? "\n{} → {}：{} 个案例，{} 个有变化，{} 个无法评估\n"
                                    : "\n{} → {}: {} cases, {} changed, {} could not be judged\n"),
                    o.a, o.b, cases, changed, errors);
    for (const auto& [what, n] : flips) out += fmt::format("  {}: {}\n", what, n);
    if (o.subsidy)
      out += fmt::format(fmt::runtime(zh ? "  合计：{} {}，{} {}\n" : "  total: {} {}, {} {}\n"),
                         o.a, yuan(a_total), o.b, yuan(b_total));
    return out;
  }
};

}  // namespace

Comparison compare_case(const RulePack& a, const RulePack& b, const Case& c,
                        const CompareOptions& options) {
  Comparison cmp;
  const std::optional<Date>& as_of = options.common.as_of;
  if (options.subsidy) {
    SubsidyVerdict va = compute_subsidy(a, c, as_of, options.window);
    SubsidyVerdict vb = compute_subsidy(b, c, as_of, options.window);
    cmp.a_outcome = to_string(va.outcome), cmp.b_outcome = to_string(vb.outcome);
    cmp.a_amount = va.subsidy, cmp.b_amount = vb.subsidy;
    add_changes(subsidy_results(va), subsidy_results(vb), cmp.changed);
  } else {
    Verdict va = evaluate(a, c, as_of);
    Verdict vb = evaluate(b, c, as_of);
    cmp.a_outcome = to_string(va.outcome), cmp.b_outcome = to_string(vb.outcome);
    cmp.a_path = va.path, cmp.b_path = vb.path;
    Results ra, rb;
    add_conditions(va.conditions, "", ra);
    add_conditions(vb.conditions, "", rb);
    add_changes(ra, rb, cmp.changed);
  }
  return cmp;
}

BatchSummary run_compare(const std::vector<std::string>& inputs, const CompareOptions& options,
                         RuleLibrary& rules, std::istream& in, std::ostream& out,
                         std::function<void(size_t)> on_progress) {
  const OutputOptions& format = options.common.output;
  if (format.format != Format::text && format.format != Format::json &&
      format.format != Format::jsonl)
    throw InputError(Diagnostic{Severity::error,
                                "--compare-rules",
                                {},
                                "",
                                {"--compare-rules 只输出 text、json 或 jsonl",
                                 "--compare-rules prints text, json or jsonl only"}});
  const RulePack& a = judging_pack(rules, options.a, options.subsidy);
  const RulePack& b = judging_pack(rules, options.b, options.subsidy);
  const OutputOptions& o = options.common.output;
  Tally tally;
  BatchOptions batch{options.common.read,
                     options.common.jobs,
                     o.format == Format::json,
                     "",
                     std::move(on_progress),
                     "",
                     {},
                     nullptr,
                     {}};
  BatchSummary summary = run_batch(inputs, batch, in, out, [&](Case&& c) {
    std::vector<Diagnostic> errors = c.errors();
    std::optional<Comparison> cmp;
    settle(c, options.common);
    if (errors.empty()) cmp = compare_case(a, b, c, options);
    {
      std::lock_guard<std::mutex> lock(tally.mutex);
      ++tally.cases;
      if (!cmp) ++tally.errors;
      if (cmp && cmp->differs()) ++tally.changed;
      if (cmp && cmp->a_outcome != cmp->b_outcome) ++tally.flips[flip(*cmp)];
      if (cmp)
        tally.a_total = tally.a_total + cmp->a_amount,
        tally.b_total = tally.b_total + cmp->b_amount;
    }
    if (!cmp) {
      std::string text =
          o.format == Format::text
              ? fmt::format("{}: {}\n", case_name(c), format_gnu(errors.front(), o.lang))
              : error_json(c, errors, o.lang, o.format == Format::json) +
                    (o.format == Format::jsonl ? "\n" : "");
      return Rendered{std::move(text), ExitStatus::error, "error", {}, {}, {}};
    }
    if (!cmp->differs()) return Rendered{"", ExitStatus::ok, "unchanged", {}, {}, {}};
    std::string text = o.format == Format::text
                           ? render_text(c, *cmp, options)
                           : render_json(c, *cmp, options, o.format == Format::json) +
                                 (o.format == Format::jsonl ? "\n" : "");
    return Rendered{std::move(text), ExitStatus::failed, "changed", {}, {}, {}};
  });
  if (o.format == Format::text) out << tally.render(options);
  return summary;
}

}  // namespace sbc
