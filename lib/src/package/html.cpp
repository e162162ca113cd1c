// The application package as print-ready HTML: one A4 sheet per <section class="page">, each
// numbered in its foot as build_package paginated it. Self-contained: no script, no network, no
// external font (a 仿宋 stack that falls back on Debian's Noto CJK).
#include <fmt/format.h>

#include <cstring>

#include "package/common.hpp"
#include "render/pieces.hpp"
#include "sbc/package/package.hpp"

namespace sbc {
namespace {

const char* kStyle = R"(
@page { size: A4; margin: 0; }
html { background: #d5d8dc; }
body { margin: 0; color: #000;
       font: 12pt/1.6 "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC",
             "Source Han Serif SC", "AR PL UMing CN", "Noto Sans CJK SC", serif; }
.page { box-sizing: border-box; width: 210mm; height: 296.5mm; padding: 22mm 20mm 20mm; margin: 6mm auto;
        background: #fff; position: relative; box-shadow: 0 1mm 3mm rgba(0,0,0,.25); break-before: page; }
body > .page:first-child, .package:first-child > .page:first-child { break-before: auto; }
@media screen and (min-width: 1300px) {  /* a wide screen shows the sheets side by side */
  .package { display: flex; flex-wrap: wrap; justify-content: center; column-gap: 6mm; }
  .page { margin: 6mm 0; } }
@media print { html { background: none; } .page { margin: 0; box-shadow: none; } }
h1 { font: bold 22pt/1.5 "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; text-align: center; margin: 45mm 0 50mm; }
h2 { font: bold 16pt/1.5 "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; text-align: center; margin: 0 0 5mm; }
.cover dl { width: 150mm; margin: 0 auto; font-size: 15pt; }
.cover dl div { display: flex; border-bottom: 0.3mm solid #000; margin: 0 0 7mm; }
.cover dt { width: 52mm; flex: none; }
.cover dd { margin: 0; flex: 1; }
.notes { font-size: 10.5pt; margin-top: 18mm; }
.notes ol { padding-left: 6mm; margin: 2mm 0; }
.contents > ol { list-style: none; padding: 0; margin: 8mm 10mm; }
.contents li { display: flex; margin: 0 0 4mm; }
.contents li .leader { flex: 1; border-bottom: 0.3mm dotted #000; margin: 0 2mm 1.6mm; }
.contents li.sub { margin-left: 8mm; font-size: 10.5pt; }
.stamp { text-align: right; margin: 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 10.5pt; line-height: 1.45; }
th, td { border: 0.3mm solid #000; padding: 1.1mm 1.5mm; overflow-wrap: anywhere; vertical-align: middle; }
th { font-weight: normal; background: #f2f3f4; }
td.number { text-align: right; }
tr.total td { font-weight: bold; }
.filled { text-align: right; margin: 0 0 2mm; }
.form th.side { width: 12mm; }
.sign { height: 30mm; vertical-align: top; }
.sign p { margin: 0; }
.letter p { text-indent: 2em; margin: 0 0 3mm; }
.letter .to { text-indent: 0; margin-top: 8mm; }
.letter .signatures { display: flex; justify-content: space-between; margin-top: 30mm; text-indent: 0; }
.folio { position: absolute; left: 0; right: 0; bottom: 9mm; text-align: center; font-size: 10.5pt; }
.note { font-size: 10.5pt; }
.notice { width: 150mm; margin: 20mm auto 0; padding: 3mm; border: 0.4mm solid #a00; color: #a00; font-size: 10.5pt; }
@media print { .notice { color: #000; border-color: #000; } }
.error { color: #a00; white-space: pre-wrap; }
)";

std::string esc(const std::string& s) {
  std::string out = html_escaped(s), lines;
  for (char ch : out) lines += ch == '\n' ? std::string("<br>") : std::string(1, ch);
  return lines;
}

std::string folio(int page) {
  return fmt::format("<div class=\"folio\">— {} —</div>\n", page);
}

std::string colgroup(const PackageTable& t) {
  std::string out = "<colgroup>";
  for (int w : t.widths_mm) out += fmt::format("<col style=\"width:{}mm\">", w);
  return out + "</colgroup>\n";
}

// Rows [from, to) of a table with its header; the totals row on its last page. Columns whose
// header names an amount are right-aligned. In the merged columns an empty cell joins the one
// above (rowspan) on the same page; a page that begins inside such a run repeats its value.
std::string table_rows(const PackageTable& t, size_t from, size_t to) {
  std::string out =
      fmt::format("<table style=\"font-size:{}pt\">\n", t.font_pt) + colgroup(t) + "<thead><tr>";
  for (const std::string& h : t.header) out += "<th>" + esc(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  auto cell = [&](size_t column, const std::string& text, size_t rowspan) {
    bool number = t.header[column].find("金额") != std::string::npos || t.header[column] == "数量";
    return fmt::format("<td{}{}>{}</td>",
                       rowspan > 1 ? fmt::format(" rowspan=\"{}\"", rowspan) : "",
                       number ? " class=\"number\"" : "", esc(text));
  };
  for (size_t i = from; i < to; ++i) {
    out += "<tr>";
    for (size_t c = 0; c < t.rows[i].size(); ++c) {
      if (c >= t.merged_columns) {
        out += cell(c, t.rows[i][c], 1);
        continue;
      }
      if (t.rows[i][c].empty() && i > from) continue;  // inside the run above
      size_t start = i;
      while (t.rows[start][c].empty() && start > 0)
        --start;  // the run's value, from an earlier page
      size_t span = 1;
      while (i + span < to && t.rows[i + span][c].empty()) ++span;
      out += cell(c, t.rows[start][c], span);
    }
    out += "</tr>\n";
  }
  if (to == t.rows.size() && !t.total.empty()) {
    out += "<tr class=\"total\">";
    for (size_t c = 0; c < t.total.size(); ++c) out += cell(c, t.total[c], 1);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// A part made of one table, a page per page_starts, "（续）" after the title on the pages after its
// first.
std::string table_part(const PackagePart& part, const PackageTable& t, const std::string& before) {
  std::string out;
  for (size_t page = 0; page < t.page_starts.size(); ++page) {
    size_t to = page + 1 < t.page_starts.size() ? t.page_starts[page + 1] : t.rows.size();
    out += "<section class=\"page\">\n";
    out += fmt::format("<h2>{}{}</h2>\n", esc(part.title), page ? "（续）" : "");
    if (page == 0) out += before;
    out += table_rows(t, t.page_starts[page], to) +
           folio(part.first_page + static_cast<int>(page)) + "</section>\n";
  }
  return out;
}

std::string cover(const ApplicationPackage& p) {
  std::string out = "<section class=\"page cover\">\n";
  out += "<h1>" + esc(p.title) + "</h1>\n<dl>\n";
  auto line = [&](const char* label, const std::string& value, const char* after) {
    out += fmt::format("<div><dt>{}</dt><dd>{}{}</dd></div>\n", label, esc(value), after);
  };
  line("软件名称及版本号：", p.product, "");
  line("申　报　单　位：", p.company, "（公章）");
  line("联系人及电话：", p.contact, "");
  line("申　报　日　期：", p.declared_on.empty() ? "　　年　　月　　日" : p.declared_on, "");
  out += "</dl>\n";
  if (!p.notice.empty()) out += "<p class=\"notice\">" + esc(p.notice) + "</p>\n";
  return out + "</section>\n";
}

std::string contents(const ApplicationPackage& p) {
  std::string out = "<section class=\"page contents\">\n<h2>目　录</h2>\n<ol>\n";
  for (const PackagePart& part : p.parts)
    out += fmt::format("<li><span>{}</span><span class=\"leader\"></span><span>{}</span></li>\n",
                       esc(part.title), part.first_page);
  out +=
      "</ol>\n<div class=\"notes\"><p>填报说明（附3-2）：</p><ol>"
      "<li>统一用A4纸，双面印刷；文字叙述部分用小四号仿宋字体。</li>"
      "<li>按格式要求填写，除另有说明外，栏目内容不得空缺；申报材料要求盖章处，须加盖公章。</li>"
      "<li>支撑材料复印件按支撑材料清单的顺序装订于本册之后，页码由申报单位续编并填入清单；"
      "按顺序合并简装（勿使用塑料封皮），加盖骑缝章。</li></ol></div>\n";
  return out + "</section>\n";
}

std::string form(const ApplicationPackage& p, const PackagePart& part) {
  const PackageTable& t = p.policies;
  std::string out;
  for (size_t page = 0; page < t.page_starts.size(); ++page) {
    size_t from = t.page_starts[page],
           to = page + 1 < t.page_starts.size() ? t.page_starts[page + 1] : t.rows.size();
    out += "<section class=\"page form\">\n";
    if (page > 0) {  // the policies that did not fit on the form: a continued table
      out += "<h2>" + esc(part.title) + "（续表：投保险种）</h2>\n" + table_rows(t, from, to);
      out += folio(part.first_page + static_cast<int>(page)) + "</section>\n";
      continue;
    }
    out += "<h2>" + esc(part.title) + "</h2>\n";
    out += "<p class=\"filled\">填报时间：" +
           esc(p.filled_on.empty() ? "　　年　　月　　日" : p.filled_on) + "</p>\n";
    out +=
        "<table>\n<colgroup><col style=\"width:20mm\"><col style=\"width:38mm\"><col "
        "style=\"width:48mm\">"
        "<col style=\"width:30mm\"><col style=\"width:34mm\"></colgroup>\n";
    out += "<tr><th>企业名称</th><td colspan=\"4\">" + esc(p.company) + "</td></tr>\n";
    out += "<tr><th rowspan=\"2\">产品信息</th><th>投保产品名称及版次</th><td colspan=\"3\">" +
           esc(p.product) + "</td></tr>\n";
    out += "<tr><th>首版次产品认定批次</th><td colspan=\"3\">" + esc(p.batch) + "</td></tr>\n";
    size_t rows = to - from;
    out += fmt::format("<tr><th rowspan=\"{}\">投保险种</th>", rows + 1);
    for (const std::string& h : t.header) out += "<th>" + esc(h) + "</th>";
    out += "</tr>\n";
    for (size_t i = from; i < to; ++i) {
      const auto& r = t.rows[i];
      std::string period = esc(r[3]);  // a date per line: 2020年4月1日至<br>2021年3月31日
      if (size_t to_at = period.find("至"); to_at != std::string::npos)
        period.insert(to_at + std::strlen("至"), "<br>");
      out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"number\">{}</td><td>{}</td></tr>\n",
                         esc(r[0]), esc(r[1]), esc(r[2]), period);
    }
    if (t.page_starts.size() > 1) out += "<tr><td colspan=\"5\">其余保单见续表</td></tr>\n";
    out += "<tr><th colspan=\"2\">已缴纳保险费金额（元）</th><td class=\"number\">" + esc(p.paid) +
           "</td><th>合计申请保险费<br>补贴金额（元）</th><td class=\"number\">" + esc(p.applied) +
           "</td></tr>\n";
    out +=
        "<tr><th>申报单位</th><td colspan=\"4\" class=\"sign\"><p>企业法人（签名）：</p>"
        "<p class=\"stamp\">（企业公章）</p><p class=\"stamp\">年　　月　　日</p></td></tr>\n";
    out +=
        "<tr><th>审核单位</th><td colspan=\"4\" class=\"sign\"><p>市工信部门审查意见：</p>"
        "<p class=\"stamp\">（盖章）</p><p class=\"stamp\">年　　月　　日</p></td></tr>\n";
    out +=
        "</table>\n<p "
        "class=\"note\">注：投保产品名称及版次应与省首版次高端软件认定名单内一致。</p>\n";
    out += folio(part.first_page) + "</section>\n";
  }
  return out;
}

std::string letter(const ApplicationPackage& p, const PackagePart& part) {
  std::string product = p.product.empty() ? "　　　　　　　　　　" : p.product;
  return "<section class=\"page letter\">\n<h2>" + esc(part.title) + "</h2>\n" +
         "<p class=\"to\">省工业和信息化厅、山东银保监局：</p>\n"
         "<p>我单位申报的“" +
         esc(product) +
         "”申请材料内容和所附资料均真实、合法，如有不实之处，愿负相应的法律责任，并承担由此产生的一"
         "切后果。</p>\n"
         "<p>特此声明！</p>\n<p "
         "class=\"signatures\"><span>单位（盖章）</span><span>单位法定代表人（签字）</span></p>\n"
         "<p class=\"stamp\">年　　月　　日</p>\n" +
         folio(part.first_page) + "</section>\n";
}

std::string package_body(const ApplicationPackage& p) {
  std::string out = cover(p) + contents(p);
  for (const PackagePart& part : p.parts) {
    switch (part.kind) {
      case PartKind::form:
        out += form(p, part);
        break;
      case PartKind::correspondence:
        out += table_part(
            part, p.correspondence,
            "<p class=\"note\">分期付款的销售，备注已开发票金额与合同金额的比例。</p>\n");
        break;
      case PartKind::letter:
        out += letter(p, part);
        break;
      case PartKind::invoices:
        out += table_part(part, p.invoices, "");
        break;
      case PartKind::materials:
        out += table_part(part, p.materials,
                          "<p class=\"note\">“情况”按案例的 materials "
                          "填写；复印件按此顺序装订，页码由申报单位填写。</p>\n");
        break;
    }
  }
  return out;
}

}  // namespace

std::string package_html_head() {
  return std::string(
             "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<title>山东省首版次高端软件保险补偿申请报告</title>\n<style>") +
         kStyle + "</style>\n</head>\n<body>\n";
}

std::string package_html_tail() {
  return "</body>\n</html>\n";
}

std::string render_package_html(const SubsidyResult& r) {
  if (!r.verdict) {
    std::string out = "<section class=\"page package\">\n<h2>" + esc(case_name(r.input)) +
                      "：无法生成申请材料</h2>\n";
    for (const Diagnostic& d : r.errors)
      out += "<p class=\"error\">" + esc(format_gnu(d, Lang::zh)) + "</p>\n";
    return out + "</section>\n";
  }
  return "<article class=\"package\">\n" + package_body(laid_out_package(r)) + "</article>\n";
}

}  // namespace sbc
