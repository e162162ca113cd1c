// The application package as Markdown: the same parts as the HTML page, in the same order, for
// pasting into a word processor. The contents are a list with the printed page numbers.
#include <fmt/format.h>

#include "package/common.hpp"
#include "render/pieces.hpp"
#include "sbc/package/package.hpp"

namespace sbc {
namespace {

// A cell, and any text of the case: inert (report.hpp), one line.
std::string cell(const std::string& s) {
  return markdown_escaped(s);
}

std::string table(const PackageTable& t) {
  std::string out = "|";
  for (const std::string& h : t.header) out += " " + cell(h) + " |";
  out += "\n|";
  for (size_t i = 0; i < t.header.size(); ++i)
    out += t.header[i].find("金额") != std::string::npos ? "---:|" : "---|";
  out += "\n";
  auto row = [&](const std::vector<std::string>& cells) {
    out += "|";
    for (const std::string& c : cells) out += " " + cell(c) + " |";
    out += "\n";
  };
  for (const auto& r : t.rows) row(r);
  if (!t.total.empty()) row(t.total);
  return out + "\n";
}

std::string or_blank(const std::string& s, const char* blank) {
  return s.empty() ? blank : cell(s);
}

}  // namespace

std::string render_package_markdown(const SubsidyResult& r) {
  if (!r.verdict) return render_markdown(r, OutputOptions{});
  ApplicationPackage p = laid_out_package(r);
  std::string out = fmt::format("# {}\n\n", p.title);
  out += fmt::format(
      "- 软件名称及版本号：{}\n- 申报单位：{}（公章）\n- 联系人及电话：{}\n- 申报日期：{}\n\n",
      cell(p.product), cell(p.company), cell(p.contact),
      or_blank(p.declared_on, "　　年　　月　　日"));
  if (!p.notice.empty()) out += "> " + p.notice + "\n\n";
  out += "## 目录\n\n";
  for (const PackagePart& part : p.parts)
    out += fmt::format("1. {} …… 第{}页\n", part.title, part.first_page);
  out += "\n支撑材料复印件按支撑材料清单的顺序装订于后，页码由申报单位续编。\n\n";
  for (const PackagePart& part : p.parts) {
    out += fmt::format("## {}\n\n", part.title);
    switch (part.kind) {
      case PartKind::form:
        out += fmt::format("填报时间：{}\n\n| 项目 | 内容 |\n|---|---|\n",
                           or_blank(p.filled_on, "　　年　　月　　日"));
        out += fmt::format(
            "| 企业名称 | {} |\n| 投保产品名称及版次 | {} |\n| 首版次产品认定批次 | {} |\n",
            cell(p.company), cell(p.product), cell(p.batch));
        for (const auto& row : p.policies.rows)
          out += fmt::format(
              "| 投保险种 | 险种名称：{}；保单号：{}；保险费金额（元）：{}；保险起止年月日：{} |\n",
              cell(row[0]), cell(row[1]), cell(row[2]), cell(row[3]));
        out +=
            fmt::format("| 已缴纳保险费金额（元） | {} |\n| 合计申请保险费补贴金额（元） | {} |\n",
                        p.paid, p.applied);
        out +=
            "| 申报单位 | 企业法人（签名）：　　　（企业公章）　　年　月　日 |\n"
            "| 审核单位 | 市工信部门审查意见：　　　（盖章）　　年　月　日 |\n\n"
            "注：投保产品名称及版次应与省首版次高端软件认定名单内一致。\n\n";
        break;
      case PartKind::correspondence:
        out += "分期付款的销售，备注已开发票金额与合同金额的比例。\n\n" + table(p.correspondence);
        break;
      case PartKind::letter:
        out += fmt::format(
            "省工业和信息化厅、山东银保监局：\n\n我单位申报的“{}"
            "”申请材料内容和所附资料均真实、合法，"
            "如有不实之处，愿负相应的法律责任，并承担由此产生的一切后果。\n\n特此声明！\n\n"
            "单位（盖章）　　　　单位法定代表人（签字）\n\n年　　月　　日\n\n",
            or_blank(cell(p.product), "　　　　　　　　　　"));
        break;
      case PartKind::invoices:
        out += table(p.invoices);
        break;
      case PartKind::materials:
        out += "“情况”按案例的 materials 填写；复印件按此顺序装订，页码由申报单位填写。\n\n" +
               table(p.materials);
        break;
    }
  }
  return out;
}

}  // namespace sbc
