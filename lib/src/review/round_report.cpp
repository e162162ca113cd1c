// What each case brings to the round, and what the round says of it in each output format. The
// outputs are rendered before the round is resolved (they wait in a temporary file), so the round
// is written into them at fixed places: the end of a JSON object or a CSV row, the verdict line
// and the end of a text block, the end of a Markdown section, the summary row of the workbook.
#include "sbc/review/round_report.hpp"

#include <fmt/format.h>

#include "render/pieces.hpp"
#include "sbc/base/json.hpp"
#include "sbc/review/workbook.hpp"

namespace sbc {
namespace {

std::string text_of(const Value* v) {
  return v ? render_value(*v) : std::string();
}
int line_of(const Value* v) {
  return v ? v->mark.line : 0;
}

// The claims of both tools: the product (name and version).
RoundEntry common_entry(const Case& c) {
  RoundEntry e;
  e.file = c.file;
  e.index = c.index;
  e.company = text_of(c.fact("applicant.name"));
  e.credit_code = text_of(c.fact("applicant.credit_code"));
  const Value* name = c.fact("software.name");
  if (name && !name->text.empty()) {
    std::string version = text_of(c.fact("software.version"));
    e.claims.push_back({ClaimKind::product,
                        normalized_name(name->text) + '\x1f' + normalized_name(version),
                        version.empty() ? name->text : name->text + " " + version, line_of(name)});
  }
  return e;
}

// The policies, invoices and contracts a compensation case claims.
void add_insurance_claims(const Case& c, RoundEntry& e) {
  if (const Value* policies = c.fact("insurance.policies"))
    for (const Value& p : policies->items)
      if (const Value* number = p.find("number"); number && !number->text.empty())
        e.claims.push_back(
            {ClaimKind::policy, normalized_name(number->text), number->text, line_of(number)});
  const Value* sales = c.fact("insurance.sales");
  if (!sales) return;
  for (const Value& s : sales->items) {
    const Value* buyer = s.find("buyer");
    std::string buyer_key = buyer ? normalized_name(buyer->text) : "";
    if (const Value* contract = s.find("contract");
        contract && !contract->text.empty() && !buyer_key.empty())
      e.claims.push_back({ClaimKind::contract, normalized_name(contract->text) + '\x1f' + buyer_key,
                          contract->text + "（" + buyer->text + "）", line_of(contract)});
    const Value* invoices = s.find("invoices");
    if (!invoices) continue;
    for (const Value& inv : invoices->items) {
      const Value* number = inv.find("number");
      const Value* date = inv.find("date");
      const Value* amount = inv.find("amount");
      if (number && !number->text.empty())
        e.claims.push_back({ClaimKind::invoice, "no\x1f" + normalized_name(number->text),
                            number->text, line_of(number)});
      else if (!buyer_key.empty() && date && amount)  // no number: the same buyer, date and amount
        e.claims.push_back(
            {ClaimKind::invoice,
             fmt::format("by\x1f{}\x1f{}\x1f{}", buyer_key, date->date.days, amount->money.fen),
             fmt::format("{} {} {}", buyer->text, format(date->date), yuan(amount->money)),
             line_of(date)});
    }
  }
}

}  // namespace

RoundEntry round_entry(const CheckResult& r) {
  if (!r.verdict) return {};
  RoundEntry e = common_entry(r.input);
  e.judged = true;
  e.programme = r.verdict->pack->id;
  return e;
}

RoundEntry round_entry(const SubsidyResult& r) {
  if (!r.verdict) return {};
  const SubsidyVerdict& v = *r.verdict;
  RoundEntry e = common_entry(r.input);
  e.judged = true;
  e.programme = v.pack->id;
  add_insurance_claims(r.input, e);
  if (const auto& comp = v.pack->compensation; comp && comp->parameters.enterprise_cap) {
    e.cap = comp->parameters.enterprise_cap;
    const Citation& rule = comp->rule("amount.enterprise_cap");
    e.cap_rule = rule.id;
    e.cap_clause = rule.clause;
    e.paid_in_year = r.input.paid_in_year;  // the records' payments of the year (round.md C)
    e.paid_source = r.input.paid_in_year_source;
  }
  Money awarded;
  for (const AwardResult& a : v.awards) awarded = awarded + a.amount;
  e.subsidy = v.subsidy;
  e.capped_part = v.subsidy - awarded;  // the compensation, where the subsidy counts it
  e.undetermined = v.outcome == Grant::undetermined;
  return e;
}

const char* flag_kind_label(ClaimKind k, Lang lang) {
  bool zh = lang == Lang::zh;
  switch (k) {
    case ClaimKind::policy:
      return zh ? "同一保单号" : "the same policy number";
    case ClaimKind::invoice:
      return zh ? "同一销售发票" : "the same sales invoice";
    case ClaimKind::contract:
      return zh ? "不同企业申报同一销售合同（同一购买方）"
                : "one sales contract (same buyer) in two enterprises' applications";
    case ClaimKind::product:
      return zh ? "同一产品重复申报" : "the same product applied for twice";
    default:
      return "";
  }
}

namespace {

std::string place(const FlagPlace& p) {
  return p.line > 0 ? fmt::format("{}:{}", p.file, p.line) : p.name;
}

// A case's own lines name at most this many other cases, then say how many more: a round where
// one enterprise (or one policy number) has a thousand applications would otherwise repeat a
// thousand names in each of them. The round's section lists every case once.
constexpr size_t kOthersNamed = 5;

// Names joined as the language lists them, the first `most` of them and then "等 N 个".
class NameList {
 public:
  NameList(Lang lang, size_t most) : lang_(lang), most_(most) {}
  void add(const std::string& name) {
    if (count_++ < most_) out_ += (out_.empty() ? "" : lang_ == Lang::zh ? "、" : ", ") + name;
  }
  std::string text() const {
    if (count_ <= most_) return out_;
    size_t more = count_ - most_;
    return out_ + (lang_ == Lang::zh ? fmt::format(" 等另 {} 个", more)
                                     : fmt::format(" and {} more", more));
  }

 private:
  Lang lang_;
  size_t most_;
  size_t count_ = 0;
  std::string out_;
};

constexpr size_t kNoCase = static_cast<size_t>(-1);

// The flag's places but the case `except`'s, at most `most` of them named.
std::string places(const Flag& f, Lang lang, size_t except = kNoCase, size_t most = kNoCase) {
  NameList out(lang, most);
  for (const FlagPlace& p : f.places)
    if (p.ordinal != except) out.add(place(p));
  return out.text();
}

// The flag as the case `ordinal` shows it: what it shares, and with which other cases.
std::string flag_for_case(const Flag& f, size_t ordinal, Lang lang) {
  return lang == Lang::zh ? fmt::format("疑点：{} {}，亦见于 {}", flag_kind_label(f.kind, lang),
                                        f.shown, places(f, lang, ordinal, kOthersNamed))
                          : fmt::format("flag: {} {}, also in {}", flag_kind_label(f.kind, lang),
                                        f.shown, places(f, lang, ordinal, kOthersNamed));
}

std::string names_except(const EnterpriseRound& g, size_t position, Lang lang) {
  NameList out(lang, kOthersNamed);
  for (size_t i = 0; i < g.cases.size(); ++i)
    if (i != position) out.add(g.name(i));
  return out.text();
}

}  // namespace

std::string flag_text(const Flag& f, Lang lang, size_t most) {
  return fmt::format("{} {}{}{}", flag_kind_label(f.kind, lang), f.shown,
                     lang == Lang::zh ? "：" : ": ", places(f, lang, kNoCase, most));
}

Text enterprise_cap_line(const EnterpriseRound& g) {
  Text out;
  if (g.paid_in_year.fen > 0) {
    out.zh = fmt::format("本年度已获补偿 {}（记录 {}），上限余 {}；", yuan(g.paid_in_year),
                         g.paid_source, yuan(g.room()));
    out.en = fmt::format("paid {} earlier this year (records {}), {} left under the cap; ",
                         yuan(g.paid_in_year), g.paid_source, yuan(g.room()));
  }
  if (g.capped && g.cases.size() == 1) {
    out.zh += fmt::format("补偿 {} 超过上限所余 {}（{}，{}）", yuan(g.total), yuan(g.room()),
                          g.cap_rule, g.cap_clause);
    out.en += fmt::format("compensation {} over the cap's room {} ({}, {})", yuan(g.total),
                          yuan(g.room()), g.cap_rule, g.cap_clause);
  } else if (g.capped) {
    out.zh += fmt::format("补偿合计 {} 超过上限 {}，按比例分摊（{}，{}）", yuan(g.total),
                          yuan(g.room()), g.cap_rule, g.cap_clause);
    out.en += fmt::format("compensation {} over the cap {}: shared in proportion ({}, {})",
                          yuan(g.total), yuan(g.room()), g.cap_rule, g.cap_clause);
  } else {
    out.zh += fmt::format("补偿合计 {}，未超过上限", yuan(g.total));
    out.en += fmt::format("compensation {}, within the cap", yuan(g.total));
  }
  return out;
}

Text cap_finding(const EnterpriseRound& g, size_t i) {
  Money room = g.room();
  Money exact = apply_half_up(room, Rate::of(g.amounts[i].fen, g.total.fen));
  bool several = g.cases.size() > 1, paid = g.paid_in_year.fen > 0;
  std::string zh = several
                       ? fmt::format("同一企业本轮 {} 个申请（另见 {}）补偿合计 {}", g.cases.size(),
                                     names_except(g, i, Lang::zh), yuan(g.total))
                       : fmt::format("本申请补偿 {}", yuan(g.total));
  std::string en = several ? fmt::format(
                                 "the enterprise's {} applications in this round (also {}) total "
                                 "{} in compensation",
                                 g.cases.size(), names_except(g, i, Lang::en), yuan(g.total))
                           : fmt::format("this application's compensation {}", yuan(g.total));
  if (paid) {
    zh += fmt::format("，超过单个企业上限 {} 减本年度已获补偿 {}（记录 {}）后的余额 {}",
                      yuan(*g.cap), yuan(g.paid_in_year), g.paid_source, yuan(room));
    en += fmt::format(
        " is over what the per-enterprise cap {} leaves after {} paid earlier this year (records "
        "{}): {}",
        yuan(*g.cap), yuan(g.paid_in_year), g.paid_source, yuan(room));
  } else {
    zh += fmt::format("，超过单个企业上限 {}", yuan(*g.cap));
    en += fmt::format(", over the per-enterprise cap {}", yuan(*g.cap));
  }
  if (several) {
    zh += fmt::format("：按比例分摊，本案 {} × {} ÷ {} = {}", yuan(room), yuan(g.amounts[i]),
                      yuan(g.total), yuan(exact));
    en += fmt::format(": shared in proportion, this case {} × {} ÷ {} = {}", yuan(room),
                      yuan(g.amounts[i]), yuan(g.total), yuan(exact));
  } else {
    zh += fmt::format("：本案应付 {}", yuan(exact));
    en += fmt::format(": this case is paid {}", yuan(exact));
  }
  if (g.shares[i] != exact) {
    zh += fmt::format("，加分摊尾差 {} 为 {}", yuan(g.shares[i] - exact), yuan(g.shares[i]));
    en += fmt::format(", with the rounding's leftover {}: {}", yuan(g.shares[i] - exact),
                      yuan(g.shares[i]));
  }
  if (g.by_name) {
    zh += "；按企业名称认定为同一企业（有申请未给出统一社会信用代码）";
    en += "; matched by the company name (an application gives no credit code)";
  }
  if (g.undetermined) {
    zh += "；其中有待定案例，按已确定金额计，分摊可能变化";
    en += "; an undetermined case counts with its amount proven so far: the shares may change";
  }
  return {zh, en};
}

namespace {

bool reduced(const CaseRound& cr) {
  return cr.enterprise && cr.enterprise->capped;
}

// The lines a case's text block ends with: the enterprise cap's finding, then its flags.
std::string case_lines(const CaseRound& cr, size_t ordinal, const Round& round,
                       const RoundStyle& style, const char* prefix) {
  Lang lang = style.output->lang;
  std::string out;
  if (style.subsidy && reduced(cr)) {
    const EnterpriseRound& g = *cr.enterprise;
    out += fmt::format("{}! {} ({}): {}\n", prefix, g.cap_rule, g.cap_clause,
                       cap_finding(g, cr.position).in(lang));
  }
  for (size_t f : cr.flags)
    out += fmt::format("{}⚑ {}\n", prefix, flag_for_case(round.flags()[f], ordinal, lang));
  return out;
}

// Inserts `keys` (written by a writer of the case's depth) as the last keys of the JSON object
// that `out` holds.
template <class Keys>
void append_json_keys(std::string& out, bool pretty, Keys keys) {
  size_t close = out.rfind('}');
  if (close == std::string::npos) return;
  JsonWriter j(pretty, pretty ? 1 : 0);
  j.begin_object();
  keys(j);
  j.end_object();
  const std::string& s = j.str();
  std::string inner = s.substr(1, s.rfind('}') - 1);
  inner.erase(inner.find_last_not_of(" \n") + 1);
  size_t at = out.find_last_not_of(" \n", close - 1) + 1;
  out.insert(at, "," + inner);
}

// A case's JSON lists the first of its enterprise's (or its flag's) cases, and itself, but not a
// thousand of them in each of a thousand cases: `case_count` says how many there are.
constexpr size_t kJsonCases = 50;

void write_flags(JsonWriter& j, const CaseRound* cr, size_t ordinal, const Round& round,
                 Lang lang) {
  j.key("flags").begin_array();
  if (cr)
    for (size_t f : cr->flags) {
      const Flag& flag = round.flags()[f];
      j.begin_object().key("kind").value(to_string(flag.kind)).key("value").value(flag.shown);
      j.key("case_count")
          .value(static_cast<long long>(flag.places.size()))
          .key("cases")
          .begin_array();
      for (size_t k = 0; k < flag.places.size(); ++k) {
        const FlagPlace& p = flag.places[k];
        if (k >= kJsonCases && p.ordinal != ordinal) continue;
        j.begin_object().key("case").value(p.file).key("index").value(p.index).key("line");
        if (p.line > 0)
          j.value(p.line);
        else
          j.null();
        j.end_object();
      }
      j.end_array().key("message").value(flag_for_case(flag, ordinal, lang)).end_object();
    }
  j.end_array();
}

void write_enterprise(JsonWriter& j, const CaseRound* cr, Lang lang) {
  j.key("enterprise");
  if (!cr || !cr->enterprise) {
    j.null();
    return;
  }
  const EnterpriseRound& g = *cr->enterprise;
  j.begin_object().key("company").value(g.company).key("credit_code").string_or_null(g.credit_code);
  j.key("matched_by")
      .value(g.by_name               ? "company"
             : g.credit_code.empty() ? "company"
                                     : "credit_code");
  j.key("rules").value(g.programme).key("case_count").value(static_cast<long long>(g.cases.size()));
  j.key("cases").begin_array();
  for (size_t i = 0; i < g.cases.size(); ++i) {
    if (i >= kJsonCases && i != cr->position) continue;
    j.begin_object().key("case").value(g.files[i]).key("index").value(g.indexes[i]);
    j.key("subsidy").value(plain(g.subsidies[i]));
    j.key("capped_part").value(plain(g.amounts[i])).key("share").value(plain(g.shares[i]));
    j.key("payable").value(plain(g.subsidies[i] - g.amounts[i] + g.shares[i])).end_object();
  }
  j.end_array()
      .key("total")
      .value(plain(g.total))
      .key("cap")
      .string_or_null(g.cap ? plain(*g.cap) : "");
  j.key("paid_in_year").string_or_null(g.paid_in_year.fen > 0 ? plain(g.paid_in_year) : "");
  j.key("paid_in_year_source").string_or_null(g.paid_source);
  j.key("capped").value(g.capped).key("payable").value(plain(g.payable));
  j.key("finding");
  if (g.capped) {
    j.begin_object().key("id").value(g.cap_rule).key("clause").value(g.cap_clause);
    j.key("message").value(cap_finding(g, cr->position).in(lang)).end_object();
  } else {
    j.null();
  }
  j.end_object();
}

std::string flags_cell(const CaseRound* cr, const Round& round, Lang lang) {
  std::string out;
  if (cr)
    for (size_t f : cr->flags)
      out += (out.empty() ? "" : "; ") + flag_text(round.flags()[f], lang, kOthersNamed + 1);
  return out;
}

void finish_rows(Rendered& r, const CaseRound* cr, const Round& round, const RoundStyle& style,
                 Money payable) {
  Lang lang = style.output->lang;
  for (TableRow& row : r.rows) {
    if (row.sheet != kSummarySheet) continue;
    bool judged = r.verdict != "error";
    if (style.subsidy)
      row.cells.push_back(judged ? Cell{Cell::Kind::money, "", payable, {}, 0} : Cell{});
    std::string notes = flags_cell(cr, round, lang);
    if (style.subsidy && cr && reduced(*cr))
      notes = cr->enterprise->cap_rule + ": " +
              cap_finding(*cr->enterprise, cr->position).in(lang) +
              (notes.empty() ? "" : "\n" + notes);
    // The number of flags rides along for the HTML report, whose table shows a short form.
    row.cells.push_back(
        Cell{Cell::Kind::text, notes, {}, {}, cr ? static_cast<long long>(cr->flags.size()) : 0});
    break;
  }
  // After an enterprise's last case: its subtotal (an enterprise in the round only for what it was
  // paid earlier in the year has one case: its row is its subtotal).
  if (!style.subsidy || !cr || !cr->enterprise || cr->enterprise->cases.size() < 2 ||
      cr->position + 1 != cr->enterprise->cases.size())
    return;
  const EnterpriseRound& g = *cr->enterprise;
  Money subsidies;
  for (Money m : g.subsidies) subsidies = subsidies + m;
  auto text = [](std::string s) { return Cell{Cell::Kind::text, std::move(s), {}, {}, 0}; };
  auto money = [](Money m) { return Cell{Cell::Kind::money, "", m, {}, 0}; };
  std::string what = lang == Lang::zh
                         ? fmt::format("企业小计：{} 个申请", g.cases.size())
                         : fmt::format("enterprise subtotal: {} applications", g.cases.size());
  r.rows.push_back({kEnterpriseRow,
                    {text(""), text(""), text(g.company), text(what), text(""),
                     text(verdict_name("subtotal").in(lang)), text("subtotal"), money(subsidies),
                     text(""), text(""), text(""), money(g.payable),
                     text(g.capped ? fmt::format("{} ({}): {} → {}", g.cap_rule, g.cap_clause,
                                                 yuan(g.total), yuan(g.room()))
                                   : "")}});
}

// The package's 申请表 keeps the case's own amount; a note says what the round made of it.
void finish_package(Rendered& r, const CaseRound* cr, const RoundStyle& style) {
  // A PDF or Word file is made with its note (run_subsidy reads a round's cases twice).
  if (!cr || !reduced(*cr) || is_file_form(style.form)) return;
  std::string note = package_round_note(*cr->enterprise, cr->position);
  if (style.form == FormStyle::html) {
    const std::string anchor =
        "<p class=\"note\">注：投保产品名称及版次应与省首版次高端软件认定名单内一致。</p>\n";
    size_t at = r.output.find(anchor);
    if (at != std::string::npos)
      r.output.insert(at + anchor.size(),
                      "<p class=\"note round\">" + html_escaped(note) + "</p>\n");
  } else {
    const std::string anchor = "| 合计申请保险费补贴金额（元） |";
    size_t at = r.output.find(anchor);
    if (at != std::string::npos) at = r.output.find("\n\n", at);
    if (at != std::string::npos) r.output.insert(at + 2, "> " + html_escaped(note) + "\n\n");
  }
}

}  // namespace

std::string package_round_note(const EnterpriseRound& g, size_t position) {
  Money payable = g.subsidies[position] - g.amounts[position] + g.shares[position];
  return fmt::format(
      "本轮说明：{}（{}）。申请表所列为本申请单独计算的金额；本轮同一企业合计按上限计，本申请应付 "
      "{}。",
      cap_finding(g, position).zh, g.cap_clause, yuan(payable));
}

void close_tables(std::optional<WorkbookWriter>& book, std::optional<HtmlReportWriter>& page,
                  const Round* round) {
  if (book) {
    if (round) book->add_flags(*round);
    book->close();
  }
  if (page) {
    if (round) page->add_round(*round);
    page->close();
  }
}

const char* round_csv_columns(bool subsidy) {
  return subsidy ? ",payable,enterprise_payable,flags" : ",flags";
}

namespace {

// JSON and JSONL: payable and enterprise (sbc-subsidy) and flags, before the object's last }.
void finish_json(Rendered& r, const CaseRound* cr, size_t ordinal, const Round& round,
                 const RoundStyle& style, Money payable) {
  const OutputOptions& o = *style.output;
  if (!cr) {  // nearly every case of a round: the keys of a case the round did not touch, spelt out
    bool pretty = o.format == Format::json;
    const char* between = pretty ? ",\n    " : ",";
    const char* colon = pretty ? ": " : ":";
    std::string keys;
    if (style.subsidy)
      keys = fmt::format("{0}\"payable\"{1}\"{2}\"{0}\"enterprise\"{1}null", between, colon,
                         plain(payable));
    keys += fmt::format("{}\"flags\"{}[]", between, colon);
    size_t close = r.output.rfind('}');
    if (close != std::string::npos)
      r.output.insert(r.output.find_last_not_of(" \n", close - 1) + 1, keys);
    return;
  }
  append_json_keys(r.output, o.format == Format::json, [&](JsonWriter& j) {
    if (style.subsidy) {
      j.key("payable").value(plain(payable));
      write_enterprise(j, cr, o.lang);
    }
    write_flags(j, cr, ordinal, round, o.lang);
  });
}

// CSV: the round's cells at the end of the row.
void finish_csv(Rendered& r, const CaseRound* cr, const Round& round, const RoundStyle& style,
                Money payable) {
  std::vector<std::string> cells;
  if (style.subsidy) {
    cells.push_back(plain(payable));
    cells.push_back(plain(cr && cr->enterprise ? cr->enterprise->payable : payable));
  }
  cells.push_back(flags_cell(cr, round, style.output->lang));
  if (r.output.empty() || r.output.back() != '\n') return;
  r.output.back() = ',';  // the row's line break: the round's cells follow, with their own
  r.output += csv_row(cells);
}

// Markdown: the round's lines, and the payable amount when the round reduced it, as list items.
void finish_markdown(Rendered& r, const CaseRound& cr, size_t ordinal, const Round& round,
                     const RoundStyle& style, Money payable) {
  std::string lines = case_lines(cr, ordinal, round, style, "- ");
  if (style.subsidy && reduced(cr))
    lines += fmt::format(
        fmt::runtime(style.output->lang == Lang::zh ? "- **本轮应付：{}**\n"
                                                    : "- **payable after the round: {}**\n"),
        yuan(payable));
  r.output.insert(r.output.size() - 1, html_escaped(lines));
}

// Text: the payable amount on the verdict line when the round reduced it, the round's lines under
// the case (not with -q).
void finish_text(Rendered& r, const CaseRound& cr, size_t ordinal, const Round& round,
                 const RoundStyle& style, Money payable) {
  const OutputOptions& o = *style.output;
  if (style.subsidy && reduced(cr)) {
    size_t eol = r.output.find('\n');
    r.output.insert(eol,
                    fmt::format(fmt::runtime(o.lang == Lang::zh ? " → 本轮应付 {}"
                                                                : " → payable {} after the round"),
                                yuan(payable)));
  }
  if (!o.quiet) r.output += case_lines(cr, ordinal, round, style, "  ");
}

}  // namespace

void finish_for_round(Rendered& r, size_t ordinal, const Round& round, const RoundStyle& style) {
  const CaseRound* cr = round.of(ordinal);
  Money payable = cr ? cr->payable : r.amount;
  const OutputOptions& o = *style.output;
  if (style.subsidy) r.amount = payable;
  if (!r.rows.empty()) return finish_rows(r, cr, round, style, payable);
  if (r.verdict == "error") {  // not judged: nothing to say, but a CSV row keeps every column
    if (o.format == Format::csv && style.form == FormStyle::none && !r.output.empty() &&
        r.output.back() == '\n')
      r.output.insert(r.output.size() - 1, style.subsidy ? ",,," : ",");
    return;
  }
  if (style.form != FormStyle::none) return finish_package(r, cr, style);
  switch (o.format) {
    case Format::json:
    case Format::jsonl:
      return finish_json(r, cr, ordinal, round, style, payable);
    case Format::csv:
      return finish_csv(r, cr, round, style, payable);
    case Format::markdown:
      if (cr) finish_markdown(r, *cr, ordinal, round, style, payable);
      return;
    case Format::text:
      if (cr) finish_text(r, *cr, ordinal, round, style, payable);
      return;
    default:
      return;
  }
}

std::string round_text(const Round& round, const OutputOptions& o, bool subsidy,
                       Money payable_total) {
  bool zh = o.lang == Lang::zh;
  if (round.flags().empty() && (!subsidy || round.enterprises().empty())) return "";
  std::string out = zh ? fmt::format("\n本轮：{} 个案例", round.cases())
                       : fmt::format("\nThe round: {} cases", round.cases());
  if (subsidy) {
    size_t several = 0, paid = 0;
    for (const EnterpriseRound& g : round.enterprises()) {
      several += g.cases.size() > 1;
      paid += g.paid_in_year.fen > 0;
    }
    out += zh ? fmt::format("，{} 家企业有多个申请", several)
              : fmt::format("; enterprises with several applications: {}", several);
    if (paid > 0)
      out += zh ? fmt::format("，{} 家企业本年度已获补偿（记录）", paid)
                : fmt::format("; enterprises paid earlier this year (records): {}", paid);
  }
  out += zh ? fmt::format("，{} 个疑点\n", round.flags().size())
            : fmt::format("; flags: {}\n", round.flags().size());
  if (subsidy)
    for (const EnterpriseRound& g : round.enterprises()) {
      std::string who = g.company + (g.credit_code.empty() ? ""
                                     : zh                  ? "（" + g.credit_code + "）"
                                                           : " (" + g.credit_code + ")");
      if (g.by_name) who += zh ? "，按名称匹配" : ", matched by name";
      out += fmt::format("  {} {} [{}]{}", zh ? "企业" : "enterprise", who, g.programme,
                         zh ? "：" : ": ");
      out += enterprise_cap_line(g).in(o.lang) + "\n";
      for (size_t i = 0; i < g.cases.size(); ++i)
        out += fmt::format("    {}  {} → {}\n", g.name(i), yuan(g.subsidies[i]),
                           yuan(g.subsidies[i] - g.amounts[i] + g.shares[i]));
      out += fmt::format("    {} {}\n", zh ? "企业应付" : "payable to the enterprise",
                         yuan(g.payable));
    }
  for (const Flag& f : round.flags()) out += fmt::format("  ⚑ {}\n", flag_text(f, o.lang));
  if (subsidy)
    out +=
        fmt::format("  {} {}\n", zh ? "本轮应付合计" : "payable in the round", yuan(payable_total));
  return out;
}

}  // namespace sbc
