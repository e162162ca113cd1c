#include "sbc/render/subsidy.hpp"

#include <fmt/format.h>

#include "render/pieces.hpp"

namespace sbc {

ExitStatus exit_status(const SubsidyResult& r) {
  if (!r.verdict) return ExitStatus::error;
  switch (r.verdict->outcome) {
    case Grant::granted:
      return ExitStatus::ok;
    case Grant::denied:
      return ExitStatus::failed;
    case Grant::undetermined:
      return ExitStatus::undetermined;
  }
  return ExitStatus::error;
}

namespace {

std::string money_or(const std::optional<Money>& m, const char* none = "—") {
  return m ? yuan(*m) : none;
}
std::string rate_or(const std::optional<Rate>& r) {
  return r ? format_rate(*r) : "—";
}

const char* verdict_word(Grant g, Lang lang) {
  bool zh = lang == Lang::zh;
  switch (g) {
    case Grant::granted:
      return zh ? "准予补助 (granted)" : "granted";
    case Grant::denied:
      return zh ? "不予补助 (denied)" : "denied";
    case Grant::undetermined:
      return zh ? "待定，缺少事实 (undetermined)" : "undetermined: facts missing";
  }
  return "";
}

// The arithmetic of one counted policy, line by line, so that every yuan can be checked by hand.
std::string arithmetic(const PolicyResult& p, const CompensationParameters& params, Lang lang) {
  bool zh = lang == Lang::zh;
  std::string out;
  out += fmt::format("    {} {} ÷ {} {} = {} {}\n", zh ? "年度保费" : "annual premium",
                     money_or(p.annual_premium), zh ? "限额" : "limit", money_or(p.liability_limit),
                     zh ? "费率" : "rate", rate_or(p.rate));
  out += fmt::format("    {} min({}, {}) = {}\n", zh ? "计补费率" : "capped rate", rate_or(p.rate),
                     format_rate(params.rate_cap), rate_or(p.capped_rate));
  if (params.limit_multiple)
    out += fmt::format("    {} min({}, {} × {}) = {}\n", zh ? "可计限额" : "eligible limit",
                       money_or(p.liability_limit), *params.limit_multiple,
                       money_or(p.covered_sales), money_or(p.eligible_limit));
  bool part_of_year = p.year_share && p.year_share != p.annual_premium;
  if (p.year)
    out += fmt::format(
        "    {} {} .. {}: {} {} × {} ÷ {} = {}\n", zh ? "补偿年度" : "compensated year",
        format(p.year->start), format(p.year->end),
        zh ? "保险期间在内天数 × 已付保费 ÷ 全期天数"
           : "paid premium × days inside ÷ days of the term",
        money_or(p.paid_premium), p.days_in_year, p.days_in_term, money_or(p.year_share));
  if (part_of_year)  // the rate cap scales the share as it would a year's premium
    out += fmt::format("    {} {} × min(1, {} ÷ {}) = {}\n", zh ? "补偿基数" : "base",
                       money_or(p.year_share), rate_or(p.capped_rate), rate_or(p.rate),
                       money_or(p.base));
  else
    out += fmt::format("    {} {} × {} = {}\n", zh ? "补偿基数" : "base",
                       money_or(p.eligible_limit), rate_or(p.capped_rate), money_or(p.base));
  out += fmt::format("    {} {} × {} = {}\n", zh ? "补助" : "subsidy", money_or(p.base),
                     format_rate(params.subsidy_share), money_or(p.subsidy));
  return out;
}

std::string finding_line(const Finding& f, Lang lang) {
  return fmt::format("    {} {} ({}): {}\n", tri_mark(f.result), f.id, f.clause,
                     f.message.in(lang));
}

}  // namespace

namespace {
std::string compensation_markdown(const SubsidyVerdict& v, const OutputOptions& o);
std::string compensation_text(const SubsidyVerdict& v, const OutputOptions& o);
std::string award_text(const AwardResult& a, const OutputOptions& o);
}  // namespace

std::string render_text(const SubsidyResult& r, const OutputOptions& o) {
  bool zh = o.lang == Lang::zh;
  if (!r.verdict) {
    std::string out = fmt::format("{}: {}\n", case_name(r.input),
                                  paint(zh ? "无法评估 (error)" : "error", "1;31", o.color));
    if (!o.quiet)
      for (const Diagnostic& d : r.errors) out += "  " + format_gnu(d, o.lang) + "\n";
    return out;
  }
  const SubsidyVerdict& v = *r.verdict;
  const char* ansi = v.outcome == Grant::granted  ? "1;32"
                     : v.outcome == Grant::denied ? "1;31"
                                                  : "1;33";
  std::string out = fmt::format("{}: {} {} [{}]\n", case_name(r.input),
                                paint(verdict_word(v.outcome, o.lang), ansi, o.color),
                                yuan(v.subsidy), v.pack->id);
  if (o.quiet) return out;
  for (const std::string& w : case_warnings(r.input, o.lang)) out += "  " + w + "\n";
  if (o.explain) out += records_lines(r.input, o.lang);
  if (v.window)
    out += fmt::format("  {} {} .. {} ({})\n", zh ? "投保时限" : "window", format(v.window->start),
                       format(v.window->end), v.window_source);
  if (v.pack->compensation) out += compensation_text(v, o);
  for (const AwardResult& a : v.awards) out += award_text(a, o);
  if (v.pack->compensation && !v.awards.empty())
    out += fmt::format("  {} {}\n", zh ? "总计（补偿与奖补）" : "total (compensation and awards)",
                       yuan(v.subsidy));
  if (!v.missing.empty())
    out +=
        fmt::format("  {}{}\n", zh ? "需补充：" : "facts to supply: ", fmt::join(v.missing, ", "));
  for (const Text& w : v.warnings)
    out += fmt::format("  {}{}\n", zh ? "! 注意：" : "! warning: ", w.in(o.lang));
  return out;
}

namespace {

std::string condition_lines(const std::vector<ConditionResult>& conditions, const OutputOptions& o,
                            const char* indent) {
  std::string out;
  for (const ConditionResult& c : conditions)
    if (o.explain || c.result != Tri::pass)
      out += fmt::format("{}{} {} ({}): {}\n", indent, tri_mark(c.result), c.condition->id,
                         c.condition->clause, c.message.in(o.lang));
  return out;
}

std::string compensation_text(const SubsidyVerdict& v, const OutputOptions& o) {
  bool zh = o.lang == Lang::zh;
  std::string out = condition_lines(v.conditions, o, "  ");
  if ((o.explain || v.materials.result != Tri::pass) &&
      !v.pack->compensation->materials.citation.id.empty())
    out += fmt::format("  {} {} ({}): {}\n", tri_mark(v.materials.result),
                       v.pack->compensation->materials.citation.id,
                       v.pack->compensation->materials.citation.clause,
                       v.materials.message.in(o.lang));
  for (const SaleResult& s : v.sales) {
    if (!o.explain && s.counts == Tri::pass) continue;
    out += fmt::format("  {} {} {}: {} {}, {} {}\n", tri_mark(s.counts), zh ? "销售" : "sale",
                       s.contract, zh ? "合同" : "contract", money_or(s.amount),
                       zh ? "销售日期" : "sale date", s.sale_date ? format(*s.sale_date) : "—");
    for (const Finding& f : s.findings) out += finding_line(f, o.lang);
  }
  const CompensationParameters& params = v.pack->compensation->parameters;
  for (const PolicyResult& p : v.policies) {
    const char* state = p.counted == Tri::pass   ? (zh ? "计入" : "counted")
                        : p.counted == Tri::fail ? (zh ? "不计入" : "not counted")
                                                 : (zh ? "待定" : "undetermined");
    out += fmt::format("  {} {} {} ({}): {} {}\n", tri_mark(p.counted), zh ? "保单" : "policy",
                       p.number, p.kind, state, p.counted == Tri::pass ? money_or(p.subsidy) : "");
    for (const Finding& f : p.findings) out += finding_line(f, o.lang);
    if (p.subsidy && (p.counted == Tri::pass || o.explain)) out += arithmetic(p, params, o.lang);
  }
  std::string after;
  if (v.cap_applied)
    after =
        fmt::format(fmt::runtime(zh ? "，按上限 {} 补助" : ", capped at {}"), yuan(v.compensation));
  if (v.compensation.fen == 0 && v.total_before_cap.fen > 0 && !v.cap_applied)
    after = zh ? "，但案例层面条件不满足，补助为 ¥0.00"
               : ", but a case-level condition fails: the subsidy is ¥0.00";
  out += fmt::format("  {} {}{}\n", zh ? "合计" : "total", yuan(v.total_before_cap), after);
  return out;
}

// An award: its conditions, then base × tiers = amount, capped, so it can be checked by hand.
std::string award_text(const AwardResult& a, const OutputOptions& o) {
  bool zh = o.lang == Lang::zh;
  const Award& award = *a.award;
  const char* whom = award.beneficiary == "developer" ? (zh ? "研制企业" : "developer")
                                                      : (zh ? "首购用户" : "first user");
  const char* state = a.result == Tri::pass   ? (zh ? "奖补" : "award")
                      : a.result == Tri::fail ? (zh ? "不予奖补" : "no award")
                                              : (zh ? "待定" : "undetermined");
  std::string out = fmt::format("  {} {} ({}) [{}]: {}{}\n", tri_mark(a.result), award.citation.id,
                                award.citation.clause, whom, state,
                                a.result == Tri::pass ? " " + yuan(a.amount) : "");
  out += condition_lines(a.conditions, o, "    ");
  if (!a.base || (!o.explain && a.result != Tri::pass)) return out;
  out += fmt::format("    {} {}\n", zh ? "基数" : "base", a.base_text.in(o.lang));
  std::vector<std::string> terms;
  for (size_t i = 0; i < award.tiers.size(); ++i)
    if (a.tier_parts[i].fen > 0 || i == 0)
      terms.push_back(
          fmt::format("{} × {}", format_rate(award.tiers[i].share), yuan(a.tier_parts[i])));
  out += fmt::format("    {} = {}\n", fmt::join(terms, " + "), money_or(a.before_cap));
  if (a.cap_applied)
    out += fmt::format("    {} min({}, {}) = {}\n", zh ? "上限" : "cap", money_or(a.before_cap),
                       yuan(*award.cap), yuan(*award.cap));
  return out;
}

}  // namespace

namespace {

void write_tri(JsonWriter& j, Tri t) {
  if (t == Tri::unknown)
    j.null();
  else
    j.value(t == Tri::pass);
}

void write_money(JsonWriter& j, const std::optional<Money>& m) {
  j.string_or_null(m ? plain(*m) : "");
}
void write_rate(JsonWriter& j, const std::optional<Rate>& r) {
  j.string_or_null(r ? format_rate(*r) : "");
}

void write_findings(JsonWriter& j, const std::vector<Finding>& findings, Lang lang) {
  j.begin_array();
  for (const Finding& f : findings) {
    j.begin_object().key("id").value(f.id).key("clause").value(f.clause).key("result").value(
        to_string(f.result));
    j.key("message").value(f.message.in(lang)).key("missing").strings(f.missing).end_object();
  }
  j.end_array();
}

void write_window(JsonWriter& j, const SubsidyVerdict& v) {
  if (!v.window) {
    j.null();
    return;
  }
  j.begin_object().key("start").value(format(v.window->start));
  j.key("end").value(format(v.window->end));
  j.key("source").value(v.window_source).end_object();
}

void write_sale(JsonWriter& j, const SaleResult& s, Lang lang) {
  j.begin_object().key("contract").value(s.contract).key("amount");
  write_money(j, s.amount);
  j.key("invoiced");
  write_money(j, s.invoiced);
  j.key("sale_date").string_or_null(s.sale_date ? format(*s.sale_date) : "").key("counts");
  write_tri(j, s.counts);
  j.key("reasons");
  write_findings(j, s.findings, lang);
  j.end_object();
}

// amount.one_year (Henan): the year compensated, the days of the term inside it, the share.
void write_compensated_year(JsonWriter& j, const PolicyResult& p) {
  if (!p.year) {
    j.null();
    return;
  }
  j.begin_object().key("start").value(format(p.year->start));
  j.key("end").value(format(p.year->end));
  j.key("days_in_year").value(p.days_in_year);
  j.key("days_in_term").value(p.days_in_term);
  j.key("share");
  write_money(j, p.year_share);
  j.end_object();
}

void write_policy(JsonWriter& j, const PolicyResult& p, Lang lang) {
  j.begin_object().key("number").value(p.number).key("kind").value(p.kind);
  for (const auto& [key, amount] : {std::pair{"premium", &p.premium},
                                    {"annual_premium", &p.annual_premium},
                                    {"liability_limit", &p.liability_limit}}) {
    j.key(key);
    write_money(j, *amount);
  }
  j.key("rate");
  write_rate(j, p.rate);
  j.key("capped_rate");
  write_rate(j, p.capped_rate);
  j.key("covered").strings(p.covered);
  for (const auto& [key, amount] : {std::pair{"covered_sales", &p.covered_sales},
                                    {"eligible_limit", &p.eligible_limit},
                                    {"base", &p.base},
                                    {"subsidy", &p.subsidy}}) {
    j.key(key);
    write_money(j, *amount);
  }
  j.key("compensated_year");
  write_compensated_year(j, p);
  j.key("counted");
  write_tri(j, p.counted);
  j.key("reasons");
  write_findings(j, p.findings, lang);
  j.key("warnings").begin_array();
  for (const Text& w : p.warnings) j.value(w.in(lang));
  j.end_array().end_object();
}

void write_award(JsonWriter& j, const AwardResult& a, Lang lang) {
  const Award& award = *a.award;
  j.begin_object().key("id").value(award.citation.id).key("clause").value(award.citation.clause);
  j.key("beneficiary").value(award.beneficiary);
  j.key("result").value(to_string(a.result));
  j.key("base");
  write_money(j, a.base);
  j.key("before_cap");
  write_money(j, a.before_cap);
  j.key("amount").value(plain(a.amount)).key("cap_applied").value(a.cap_applied);
  j.key("conditions").begin_array();
  for (const ConditionResult& c : a.conditions) write_condition(j, c, lang);
  j.end_array().key("missing").strings(a.missing).end_object();
}

void write_materials(JsonWriter& j, const MaterialsResult& m, Lang lang) {
  j.begin_object().key("result").value(to_string(m.result));
  j.key("required").strings(m.required).key("missing").strings(m.missing);
  j.key("message").value(m.message.in(lang)).end_object();
}

}  // namespace

// The case, its pack, the verdict and amounts, then a record each: condition, sale, policy, award.
std::string render_json(const SubsidyResult& r, const OutputOptions& o, bool pretty) {
  if (!r.verdict) return error_json(r.input, r.errors, o.lang, pretty);
  const SubsidyVerdict& v = *r.verdict;
  JsonWriter j(pretty, pretty ? 1 : 0);
  j.begin_object().key("case").value(r.input.file).key("index").value(r.input.index);
  j.key("rules").value(v.pack->id).key("rules_version").value(v.pack->version);
  j.key("rules_sha256").value(v.pack->sha256).key("sbc_version").value(SBC_VERSION);
  j.key("as_of").string_or_null(v.as_of ? format(*v.as_of) : "");
  j.key("verdict").value(to_string(v.outcome));
  j.key("subsidy").value(plain(v.subsidy)).key("currency").value("CNY");
  j.key("compensation").value(plain(v.compensation));
  j.key("total_before_cap").value(plain(v.total_before_cap));
  j.key("cap_applied").value(v.cap_applied);
  j.key("window");
  write_window(j, v);
  j.key("conditions").begin_array();
  for (const ConditionResult& c : v.conditions) write_condition(j, c, o.lang);
  j.end_array().key("materials");
  write_materials(j, v.materials, o.lang);
  j.key("sales").begin_array();
  for (const SaleResult& s : v.sales) write_sale(j, s, o.lang);
  j.end_array().key("policies").begin_array();
  for (const PolicyResult& p : v.policies) write_policy(j, p, o.lang);
  j.end_array().key("awards").begin_array();
  for (const AwardResult& a : v.awards) write_award(j, a, o.lang);
  j.end_array().key("missing").strings(v.missing);
  write_records(j, r.input, o.lang);
  std::vector<std::string> warnings = case_warnings(r.input, o.lang);
  for (const Text& w : v.warnings) warnings.push_back(w.in(o.lang));
  j.key("warnings").strings(warnings);
  return j.end_object().release();
}

std::string render_markdown(const SubsidyResult& r, const OutputOptions& o) {
  bool zh = o.lang == Lang::zh;
  std::string out = fmt::format("## {}\n\n", markdown_escaped(case_name(r.input)));
  if (!r.verdict) {
    for (const Diagnostic& d : r.errors)
      out += "- " + markdown_escaped(format_gnu(d, o.lang)) + "\n";
    return out + "\n";
  }
  const SubsidyVerdict& v = *r.verdict;
  out += fmt::format("**{}: {}** ({}{})\n\n", verdict_word(v.outcome, o.lang), yuan(v.subsidy),
                     zh ? "规则包 " : "rule pack ", v.pack->id);
  if (v.pack->compensation) out += compensation_markdown(v, o);
  for (const AwardResult& a : v.awards)
    out += fmt::format("- {} `{}` ({}, {}): {}\n", tri_mark(a.result), a.award->citation.id,
                       a.award->citation.clause, a.award->beneficiary,
                       a.result == Tri::pass ? yuan(a.amount) : (zh ? "无" : "none"));
  if (!v.awards.empty()) out += "\n";
  for (const Text& w : v.warnings) out += fmt::format("- ! {}\n", markdown_escaped(w.in(o.lang)));
  return out + "\n";
}

namespace {

std::string compensation_markdown(const SubsidyVerdict& v, const OutputOptions& o) {
  bool zh = o.lang == Lang::zh;
  std::string out = zh ? "| 保单号 | 险种 | 保费 | 年度保费 | 费率 | 计补费率 | 可计限额 | "
                         "补偿基数 | 补助 | 计入 |\n"
                       : "| policy | kind | premium | annual premium | rate | capped rate | "
                         "eligible limit | base | subsidy | counted |\n";
  out += "|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n";
  for (const PolicyResult& p : v.policies)
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                       markdown_escaped(p.number), markdown_escaped(p.kind), money_or(p.premium),
                       money_or(p.annual_premium), rate_or(p.rate), rate_or(p.capped_rate),
                       money_or(p.eligible_limit), money_or(p.base), money_or(p.subsidy),
                       tri_mark(p.counted));
  out += fmt::format("\n{} {}{}\n\n", zh ? "合计：" : "Total:", yuan(v.total_before_cap),
                     v.cap_applied
                         ? fmt::format(fmt::runtime(zh ? "，按上限补助 {}" : ", capped at {}"),
                                       yuan(v.compensation))
                         : "");
  for (const ConditionResult& c : v.conditions)
    if (c.result != Tri::pass)
      out += fmt::format("- {} `{}` ({}): {}\n", tri_mark(c.result), c.condition->id,
                         c.condition->clause, markdown_escaped(c.message.in(o.lang)));
  if (v.materials.result != Tri::pass && !v.pack->compensation->materials.citation.id.empty())
    out += fmt::format("- {} `materials`: {}\n", tri_mark(v.materials.result),
                       markdown_escaped(v.materials.message.in(o.lang)));
  for (const PolicyResult& p : v.policies)
    for (const Finding& f : p.findings)
      out += fmt::format("- {} {} `{}` ({}): {}\n", tri_mark(f.result), markdown_escaped(p.number),
                         f.id, f.clause, markdown_escaped(f.message.in(o.lang)));
  for (const SaleResult& s : v.sales)
    for (const Finding& f : s.findings)
      out += fmt::format("- {} {} `{}` ({}): {}\n", tri_mark(f.result), s.contract, f.id, f.clause,
                         f.message.in(o.lang));
  return out;
}

}  // namespace

const char* const kSubsidyCsvHeader = "file,index,applicant,product,verdict,subsidy,excluded\n";

std::string render_csv(const SubsidyResult& r) {
  auto fact = [&](const char* path) {
    const Value* v = r.input.fact(path);
    return v ? render_value(*v) : std::string();
  };
  std::vector<std::string> excluded;
  if (r.verdict) {
    for (const ConditionResult& c : r.verdict->conditions)
      if (c.result == Tri::fail) excluded.push_back(c.condition->id);
    if (r.verdict->materials.result == Tri::fail) excluded.push_back("materials");
    for (const SaleResult& sale : r.verdict->sales)
      for (const Finding& f : sale.findings)
        if (f.result == Tri::fail) excluded.push_back(sale.contract + ":" + f.id);
    for (const PolicyResult& p : r.verdict->policies)
      for (const Finding& f : p.findings)
        if (f.result == Tri::fail) excluded.push_back(p.number + ":" + f.id);
    for (const AwardResult& a : r.verdict->awards)
      if (a.result == Tri::fail) excluded.push_back(a.award->citation.id);
  }
  return csv_row({r.input.file, std::to_string(r.input.index), fact("applicant.name"),
                  fact("software.name") +
                      (fact("software.version").empty() ? "" : " " + fact("software.version")),
                  r.verdict ? to_string(r.verdict->outcome) : "error",
                  r.verdict ? plain(r.verdict->subsidy) : "",
                  fmt::format("{}", fmt::join(excluded, " "))});
}

}  // namespace sbc
