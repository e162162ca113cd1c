#include "sbc/review/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "render/pieces.hpp"
#include "sbc/review/round_report.hpp"
#include "sbc/review/workbook.hpp"

namespace sbc {
namespace {

// A cell as the page shows it; money as ¥1,234.00.
std::string shown(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::money:
      return yuan(c.money);
    case Cell::Kind::date:
      return format(c.date);
    case Cell::Kind::number:
      return std::to_string(c.number);
    case Cell::Kind::text:
      break;
  }
  return c.text;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  const std::string sep = "；";
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + sep.size();
  }
  return out;
}

// The charts' geometry: labels on the left, bars from kBars, at most kBarLength long.
constexpr int kWidth = 940, kBars = 470;
constexpr double kBarLength = 360;

// A label that fits before the bars: about 36 wide characters, then an ellipsis.
std::string clipped(const std::string& s) {
  size_t width = 0, at = 0;
  while (at < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[at]);
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    width += n >= 3 ? 2 : 1;
    if (width > 72) return s.substr(0, at) + "…";
    at += n;
  }
  return s;
}

const char* kStyle = R"(
:root { --fail: #c0392b; --unknown: #d68910; --pass: #1e8449; --line: #d5d8dc; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif;
       margin: 2em; color: #1b2631; line-height: 1.5; }
.report { display: flex; flex-direction: column; gap: 1.5em; }
.report > header { order: -2; }
.summary { order: -1; }  /* written last (it is known only at the end), shown first */
.round { order: -1; }    /* the round's section, known at the end too: after the summary */
h1 { font-size: 1.5em; margin: 0; } h2 { font-size: 1.2em; border-bottom: 2px solid var(--line); padding-bottom: .2em; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border: 1px solid var(--line); padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f4f6f7; white-space: nowrap; } table.sortable th { cursor: pointer; }
table.sortable td:nth-child(2) { min-width: 18em; word-break: break-all; } table.sortable td:nth-child(3) { min-width: 9em; }
td.money, th.money { text-align: right; white-space: nowrap; }
.eligible, .granted, .pass { color: var(--pass); font-weight: bold; }
.ineligible, .denied, .fail, .error { color: var(--fail); font-weight: bold; }
.undetermined, .unknown { color: var(--unknown); font-weight: bold; }
.counts { display: flex; flex-wrap: wrap; gap: 1em; } .counts div { border: 1px solid var(--line); padding: .5em 1em; border-radius: .3em; }
.counts b { display: block; font-size: 1.4em; }
details { border: 1px solid var(--line); border-radius: .3em; padding: .3em .6em; margin: .4em 0; }
details summary { cursor: pointer; }
pre { white-space: pre-wrap; margin: 0; font-family: inherit; }
footer { color: #566573; font-size: .85em; border-top: 1px solid var(--line); padding-top: .5em; }
svg text { font-size: 12px; fill: #1b2631; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; } .summary { break-after: page; } details { break-inside: avoid; } }
)";

const char* kScript = R"(
document.querySelectorAll("table.sortable th").forEach(function (th, i) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var dir = th.getAttribute("data-dir") === "asc" ? -1 : 1;
    th.setAttribute("data-dir", dir === 1 ? "asc" : "desc");
    var key = function (r) { var c = r.cells[i]; var s = c.getAttribute("data-sort");
                             return s !== null ? parseFloat(s) : c.textContent; };
    rows.sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details").forEach(function (d) { d.open = true; });
});
)";

}  // namespace

HtmlReportWriter::HtmlReportWriter(std::ostream& out, const HtmlReportInfo& info)
    : out_(out), info_(info) {
  details_ = std::tmpfile();
  bool zh = info.lang == Lang::zh;
  std::string title =
      info.subsidy
          ? (zh ? "首版次保险补偿评审汇总" : "First-edition insurance compensation: the round")
          : (zh ? "首版次认定评审汇总" : "First-edition recognition: the round");
  out_ << "<!DOCTYPE html>\n<html lang=\"" << (zh ? "zh-CN" : "en")
       << "\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
       << html_escaped(title) << "</title>\n<style>" << kStyle
       << "</style>\n</head>\n<body>\n<main class=\"report\">\n"
       << "<header><h1>" << html_escaped(title) << "</h1></header>\n";
  out_ << "<section class=\"table\" id=\"table\">\n<h2>" << (zh ? "汇总表" : "Summary table")
       << "</h2>\n"
       << "<table class=\"sortable\">\n<thead><tr>";
  std::vector<std::string> heads = {
      zh ? "序号" : "#",
      zh ? "案例" : "case",
      zh ? "企业名称" : "company",
      zh ? "产品及版本" : "product",
      zh ? "结论" : "verdict",
      info.subsidy ? (zh ? "补助金额" : "subsidy") : (zh ? "认定途径" : "path"),
      info.subsidy ? (zh ? "不满足的规则" : "rules failed")
                   : (zh ? "不满足的条件" : "conditions failed")};
  if (info.round && info.subsidy) heads.push_back(zh ? "本轮应付" : "payable");
  if (info.round) heads.push_back(zh ? "本轮说明及疑点" : "round notes and flags");
  for (size_t i = 0; i < heads.size(); ++i)
    out_ << "<th scope=\"col\"" << ((i == 5 || i == 7) && info.subsidy ? " class=\"money\"" : "")
         << " title=\"" << (zh ? "点击排序" : "click to sort") << "\">" << html_escaped(heads[i])
         << "</th>";
  out_ << "</tr></thead>\n<tbody>\n";
}

HtmlReportWriter::~HtmlReportWriter() {
  if (details_) std::fclose(details_);
}

void HtmlReportWriter::add(const std::vector<TableRow>& rows) {
  const TableRow* summary = nullptr;
  for (const TableRow& r : rows)
    if (r.sheet == kSummarySheet) summary = &r;
  if (summary == nullptr) return;
  // file, index, company, product, date, verdict, code, path|subsidy, failing, unknown, error
  const std::vector<Cell>& c = summary->cells;
  size_t n = ++cases_;
  std::string name = c[0].text + (c[1].number > 0 ? fmt::format("[{}]", c[1].number) : "");
  tally(c, name);
  write_row(c, n, name);
  for (const TableRow& r : rows) {
    if (r.sheet == kAboutSheet) {
      std::vector<std::string> pack{r.cells[0].text, std::to_string(r.cells[1].number),
                                    r.cells[2].text, r.cells[3].text};
      if (std::find(packs_.begin(), packs_.end(), pack) == packs_.end()) packs_.push_back(pack);
    }
    if (r.sheet == kStatsSheet && r.cells[0].number) ++capped_;
  }
  // The details, to the temporary file until the table is complete.
  std::string d = fmt::format(
      "<details id=\"c{}\"><summary><b>{}</b> {} — <span class=\"{}\">{}</span> <a "
      "href=\"#r{}\">↑</a></summary>\n",
      n, html_escaped(name), html_escaped(c[2].text), html_escaped(c[6].text),
      html_escaped(c[5].text), n);
  if (!c[10].text.empty()) d += "<pre class=\"error\">" + html_escaped(c[10].text) + "</pre>\n";
  d += condition_table(rows) + policy_table(rows) + "</details>\n";
  std::fwrite(d.data(), 1, d.size(), details_);
}

// The counts the summary and its charts show.
void HtmlReportWriter::tally(const std::vector<Cell>& c, const std::string& name) {
  const std::string& code = c[6].text;
  auto it = std::find_if(verdicts_.begin(), verdicts_.end(),
                         [&](const auto& v) { return v.first == code; });
  if (it == verdicts_.end())
    verdicts_.emplace_back(code, 1);
  else
    ++it->second;
  for (const std::string& f : split_list(c[8].text)) ++clauses_[f].first;
  if (!info_.subsidy) {
    for (const std::string& u : split_list(c[9].text)) ++clauses_[u].second;
    return;
  }
  Money amount = c[7].kind == Cell::Kind::money ? c[7].money : Money{};
  // In a round, the total and the chart count what is payable after it.
  Money payable = info_.round && c[11].kind == Cell::Kind::money ? c[11].money : amount;
  total_ = total_ + payable;
  if (payable.fen > 0) top_.emplace_back(payable, c[2].text.empty() ? name : c[2].text);
  std::sort(top_.begin(), top_.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  if (top_.size() > 20) top_.pop_back();
}

// The case's row of the 汇总表.
void HtmlReportWriter::write_row(const std::vector<Cell>& c, size_t n, const std::string& name) {
  bool zh = info_.lang == Lang::zh;
  const std::string& code = c[6].text;
  out_ << fmt::format(
              "<tr id=\"r{}\"><td data-sort=\"{}\">{}</td><td><a "
              "href=\"#c{}\">{}</a></td><td>{}</td><td>{}</td>",
              n, n, n, n, html_escaped(name), html_escaped(c[2].text), html_escaped(c[3].text))
       << fmt::format("<td class=\"{}\">{}</td>", html_escaped(code), html_escaped(c[5].text));
  if (info_.subsidy) {
    Money amount = c[7].kind == Cell::Kind::money ? c[7].money : Money{};
    out_ << fmt::format("<td class=\"money\" data-sort=\"{}\">{}</td>", amount.fen,
                        html_escaped(shown(c[7])));
  } else {
    out_ << "<td>" << html_escaped(c[7].text) << "</td>";
  }
  out_ << "<td>" << html_escaped(c[8].text) << "</td>";
  if (info_.round && info_.subsidy) {
    Money payable = c[11].kind == Cell::Kind::money ? c[11].money : Money{};
    out_ << fmt::format("<td class=\"money\" data-sort=\"{}\">{}</td>", payable.fen,
                        html_escaped(shown(c[11])));
  }
  if (info_.round) {  // short: the round's section and the case's details say the rest
    bool shared = info_.subsidy && c[7].kind == Cell::Kind::money &&
                  c[11].kind == Cell::Kind::money && c[11].money < c[7].money;
    std::string notes = shared ? (zh ? "按企业上限分摊" : "shares the enterprise cap") : "";
    if (c.back().number > 0)
      notes += (notes.empty() ? ""
                : zh          ? "；"
                              : "; ") +
               fmt::format(fmt::runtime(zh ? "⚑ {} 个疑点" : "⚑ {} flags"), c.back().number);
    out_ << "<td>" << (notes.empty() ? "" : "<a href=\"#round\">" + html_escaped(notes) + "</a>")
         << "</td>";
  }
  out_ << "</tr>\n";
}

// The conditions of a case as a table (empty when it has none).
std::string HtmlReportWriter::condition_table(const std::vector<TableRow>& rows) const {
  bool zh = info_.lang == Lang::zh;
  std::string d;
  bool head = false;
  for (const TableRow& r : rows) {
    if (r.sheet != kDetailSheet) continue;
    if (!head)
      d +=
          zh ? "<table><tr><th>条件</th><th>条款</th><th>结果</th><th>事实</th><th>说明</th></tr>\n"
             : "<table><tr><th>condition</th><th>clause</th><th>result</th><th>facts</"
               "th><th>message</th></tr>\n";
    head = true;
    d += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td></tr>\n",
        html_escaped(r.cells[2].text), html_escaped(r.cells[3].text), html_escaped(r.cells[4].text),
        html_escaped(r.cells[4].text), html_escaped(r.cells[5].text),
        html_escaped(r.cells[6].text));
  }
  if (head) d += "</table>\n";
  return d;
}

// The policies of a case as a table (empty when it has none).
std::string HtmlReportWriter::policy_table(const std::vector<TableRow>& rows) const {
  bool zh = info_.lang == Lang::zh;
  std::string d;
  bool head = false;
  for (const TableRow& r : rows) {
    if (r.sheet != kPolicySheet) continue;
    if (!head)
      d += zh ? "<table><tr><th>保单号</th><th>险种</th><th "
                "class=\"money\">保险费</th><th>费率</th><th>计算费率</th>"
                "<th class=\"money\">计入限额</th><th class=\"money\">补偿基数</th><th "
                "class=\"money\">补助</th><th>计入</th><th>原因</th></tr>\n"
              : "<table><tr><th>policy</th><th>kind</th><th "
                "class=\"money\">premium</th><th>rate</th><th>capped rate</th>"
                "<th class=\"money\">eligible limit</th><th class=\"money\">base</th><th "
                "class=\"money\">subsidy</th><th>counted</th><th>reasons</th></tr>\n";
    head = true;
    d += "<tr>";
    for (size_t i = 2; i < r.cells.size(); ++i) {
      const Cell& x = r.cells[i];
      std::string cls = x.kind == Cell::Kind::money ? " class=\"money\""
                        : i == 10                   ? " class=\"" + html_escaped(x.text) + "\""
                                                    : "";
      d += "<td" + cls + ">" +
           (i == 11 ? "<pre>" + html_escaped(shown(x)) + "</pre>" : html_escaped(shown(x))) +
           "</td>";
    }
    d += "</tr>\n";
  }
  if (head) d += "</table>\n";
  return d;
}

void HtmlReportWriter::summary_section() {
  bool zh = info_.lang == Lang::zh;
  out_ << "<section class=\"summary\" id=\"summary\">\n<h2>" << (zh ? "概况" : "Summary")
       << "</h2>\n<div class=\"counts\">\n";
  out_ << fmt::format("<div><b>{}</b>{}</div>\n", cases_, zh ? "案例" : "cases");
  for (const auto& [code, count] : verdicts_)
    out_ << fmt::format("<div class=\"{}\"><b>{}</b>{}</div>\n", html_escaped(code), count,
                        html_escaped(verdict_name(code).in(info_.lang)));
  if (info_.subsidy) {
    out_ << fmt::format("<div><b>{}</b>{}</div>\n", yuan(total_),
                        info_.round ? (zh ? "本轮应付合计" : "total payable after the round")
                                    : (zh ? "补助合计" : "total subsidy"));
    out_ << fmt::format("<div><b>{}</b>{}</div>\n", capped_,
                        zh ? "达到企业上限" : "reached the enterprise cap");
  }
  out_ << "</div>\n";
  often_chart();
  top_chart();
  out_ << "</section>\n";
}

// A bar chart: its caption, then `count` rows that `row(i, y)` draws at height y.
void HtmlReportWriter::chart(const std::string& caption, size_t count,
                             const std::function<void(size_t, int)>& row) {
  int height = static_cast<int>(count) * 22 + 30;
  out_ << "<figure>\n<figcaption>" << html_escaped(caption) << "</figcaption>\n"
       << fmt::format(
              "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 "
              "0 {} {}\" role=\"img\">\n",
              kWidth, height, kWidth, height);
  for (size_t i = 0; i < count; ++i) row(i, 10 + static_cast<int>(i) * 22);
  out_ << "</svg>\n</figure>\n";
}

// The conditions that fail (red) or stay unknown (orange) most often.
void HtmlReportWriter::often_chart() {
  bool zh = info_.lang == Lang::zh;
  std::vector<std::pair<std::string, std::pair<size_t, size_t>>> often(clauses_.begin(),
                                                                       clauses_.end());
  std::stable_sort(often.begin(), often.end(), [](const auto& a, const auto& b) {
    return a.second.first + a.second.second > b.second.first + b.second.second;
  });
  if (often.size() > 15) often.resize(15);
  if (often.empty()) return;
  size_t most = often.front().second.first + often.front().second.second;
  chart(zh ? "不满足（红）或未知（橙）最多的条件，按条款"
           : "Conditions that fail (red) or stay unknown (orange) most often, by clause",
        often.size(), [&](size_t i, int y) {
          const auto& [label, counts] = often[i];
          double scale = kBarLength / static_cast<double>(std::max<size_t>(most, 1));
          double failing = counts.first * scale, unknown = counts.second * scale;
          out_ << fmt::format("<text x=\"0\" y=\"{}\">{}</text>", y + 13,
                              html_escaped(clipped(label)))
               << fmt::format(
                      "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"16\" fill=\"#c0392b\"/>",
                      kBars, y, failing)
               << fmt::format(
                      "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"16\" "
                      "fill=\"#d68910\"/>",
                      kBars + failing, y, unknown)
               << fmt::format("<text x=\"{:.1f}\" y=\"{}\">{}</text>\n",
                              kBars + 6 + failing + unknown, y + 13, counts.first + counts.second);
        });
}

// The largest subsidies (sbc-subsidy).
void HtmlReportWriter::top_chart() {
  bool zh = info_.lang == Lang::zh;
  if (info_.subsidy && !top_.empty() && top_.front().first.fen > 0) {
    double most = static_cast<double>(top_.front().first.fen);
    chart(zh ? "补助金额最高的案例" : "The largest subsidies", top_.size(), [&](size_t i, int y) {
      const auto& [amount, label] = top_[i];
      double w = kBarLength * static_cast<double>(amount.fen) / most;
      out_ << fmt::format("<text x=\"0\" y=\"{}\">{}</text>", y + 13, html_escaped(clipped(label)))
           << fmt::format(
                  "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"16\" fill=\"#1e8449\"/>",
                  kBars, y, w)
           << fmt::format("<text x=\"{:.1f}\" y=\"{}\">{}</text>\n", kBars + 6 + w, y + 13,
                          yuan(amount));
    });
  }
}

void HtmlReportWriter::add_round(const Round& round) {
  bool zh = info_.lang == Lang::zh;
  if (round.flags().empty() && (!info_.subsidy || round.enterprises().empty())) return;
  auto link = [](size_t ordinal, const std::string& name) {
    return fmt::format("<a href=\"#c{}\">{}</a>", ordinal + 1, html_escaped(name));
  };
  std::string& out = round_;
  out = "<section class=\"round\" id=\"round\">\n<h2>" + std::string(zh ? "本轮" : "The round") +
        "</h2>\n";
  if (info_.subsidy && !round.enterprises().empty()) {
    bool paid = std::any_of(round.enterprises().begin(), round.enterprises().end(),
                            [](const EnterpriseRound& g) { return g.paid_in_year.fen > 0; });
    out += zh ? (paid ? "<h3>同一企业的多个申请及本年度已获补偿的企业</h3>\n"
                      : "<h3>同一企业的多个申请</h3>\n")
              : (paid ? "<h3>Enterprises with several applications or paid earlier this year</h3>\n"
                      : "<h3>Enterprises with several applications</h3>\n");
    for (const EnterpriseRound& g : round.enterprises()) {
      out += "<table><tr><th colspan=\"4\">" + html_escaped(g.company) +
             (g.credit_code.empty() ? "" : " (" + html_escaped(g.credit_code) + ")") + " [" +
             html_escaped(g.programme) + "]" +
             html_escaped(" — " + enterprise_cap_line(g).in(info_.lang)) + "</th></tr>\n";
      out += zh ? "<tr><th>案例</th><th class=\"money\">单独评估</th><th "
                  "class=\"money\">计入上限部分</th><th class=\"money\">本轮应付</th></tr>\n"
                : "<tr><th>case</th><th class=\"money\">judged alone</th><th class=\"money\">under "
                  "the cap</th><th class=\"money\">payable</th></tr>\n";
      for (size_t i = 0; i < g.cases.size(); ++i)
        out += fmt::format(
            "<tr><td>{}</td><td class=\"money\">{}</td><td class=\"money\">{}</td><td "
            "class=\"money\">{}</td></tr>\n",
            link(g.cases[i], g.name(i)), yuan(g.subsidies[i]), yuan(g.amounts[i]),
            yuan(g.subsidies[i] - g.amounts[i] + g.shares[i]));
      out += fmt::format(
          "<tr><th>{}</th><td></td><td class=\"money\">{}</td><td "
          "class=\"money\"><b>{}</b></td></tr>\n</table>\n",
          zh ? "企业合计" : "enterprise", yuan(g.total), yuan(g.payable));
    }
  }
  if (!round.flags().empty()) {
    out += zh ? "<h3>疑点（请人工核实）</h3>\n<ul>\n"
              : "<h3>Flags (for a person to look at)</h3>\n<ul>\n";
    for (const Flag& f : round.flags()) {
      std::string where;
      for (const FlagPlace& p : f.places)
        where += (where.empty() ? ""
                  : zh          ? "、"
                                : ", ") +
                 link(p.ordinal, p.line > 0 ? fmt::format("{}:{}", p.file, p.line) : p.name);
      out += "<li>" + html_escaped(flag_kind_label(f.kind, info_.lang)) + " <code>" +
             html_escaped(f.shown) + "</code>" + (zh ? "：" : ": ") + where + "</li>\n";
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

void HtmlReportWriter::close() {
  bool zh = info_.lang == Lang::zh;
  out_ << "</tbody>\n</table>\n</section>\n<section class=\"details\" id=\"details\">\n<h2>"
       << (zh ? "各案例明细" : "Each case") << "</h2>\n";
  std::rewind(details_);
  char buffer[65536];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, details_)) > 0;)
    out_.write(buffer, static_cast<std::streamsize>(n));
  out_ << "</section>\n";
  summary_section();
  out_ << round_;
  out_ << "<footer>\n<p>" << (zh ? "决策记录：" : "Decision record: ") << "sbc " << SBC_VERSION
       << "; " << (zh ? "评估日期：" : "as of: ")
       << html_escaped(info_.as_of.empty()
                           ? (zh ? "各案例的申请日期" : "each case's application date")
                           : info_.as_of)
       << "; " << (zh ? "命令：" : "command: ") << "<code>" << html_escaped(info_.command_line)
       << "</code></p>\n<ul>\n";
  for (const auto& p : packs_)
    out_ << fmt::format("<li>{} v{} — {} — SHA-256 <code>{}</code></li>\n", html_escaped(p[0]),
                        html_escaped(p[1]), html_escaped(p[3]), html_escaped(p[2]));
  out_ << "</ul>\n</footer>\n</main>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
  out_.flush();
}

}  // namespace sbc
