// The whole application package of 附3-2 (--form): cover, contents, 申请表, the lists the guide's
// 四 材料要求 asks for, the 承诺书 and the checklist of supporting materials, filled from one case
// and its verdict. Built once as data, with its print pagination decided here, so the contents page
// can give each part's page number and the HTML and Markdown renderers say the same.
#pragma once

#include <string>
#include <vector>

#include "sbc/render/subsidy.hpp"

namespace sbc {

// --form: the package instead of the report, as Markdown, an HTML page, a PDF or a Word file.
enum class FormStyle { none, markdown, html, pdf, docx };

// A form written as a file per case (--output FILE or DIR), not as text in a stream.
inline bool is_file_form(FormStyle f) {
  return f == FormStyle::pdf || f == FormStyle::docx;
}
// The file name's extension of a file form: ".pdf", ".docx".
inline const char* file_form_extension(FormStyle f) {
  return f == FormStyle::docx ? ".docx" : ".pdf";
}

// A table of the package: its rows, and where each printed page begins.
struct PackageTable {
  std::vector<std::string> header;
  std::vector<int> widths_mm;  // each column's printed width; they add up to the text width
  double font_pt = 10.5;       // 五号; the dense lists in 小五 (9 pt)
  size_t merged_columns = 0;   // the first N columns: an empty cell continues the one above
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> total;   // the totals row, or empty
  std::vector<size_t> page_starts;  // the first row of each printed page (at least one page)
};

enum class PartKind { form, correspondence, letter, invoices, materials };

struct PackagePart {
  PartKind kind;
  std::string title;
  int first_page = 0;  // numbered from the 申请表 (the cover and the contents are not numbered)
  int pages = 1;
};

struct ApplicationPackage {
  std::string title;  // 山东省首版次高端软件保险补偿申请报告
  // Said on the cover when the case is judged under another province's pack: the package still
  // follows Shandong's 附3-2, and the reader must know it.
  std::string notice;
  // The cover and the 申请表's heading; empty where the case does not say.
  std::string product;          // 软件名称及版本号
  std::string company;          // 申报单位
  std::string contact;          // 联系人及电话
  std::string declared_on;      // 申报日期: application.date
  std::string filled_on;        // 填报时间: application.filed_on, else application.date
  std::string batch;            // 首版次产品认定批次
  PackageTable policies;        // the policies applied for
  std::string paid;             // 已缴纳保险费金额（元）
  std::string applied;          // 合计申请保险费补贴金额（元）
  PackageTable correspondence;  // 保单对应清单, when more than one policy counts
  PackageTable invoices;        // 发票明细清单: one row per invoice of the sales that count
  PackageTable materials;  // 支撑材料清单: materials 1–6 of 四, each present or missing
  std::string round_note;  // under the 申请表: what the round made of the amount, when it did
  std::vector<PackagePart> parts;  // in binding order, with their pages
  // The materials' rows whose note names the page of a part ("见本册第N页").
  std::vector<std::pair<size_t, PartKind>> material_page_notes;
  int pages = 0;  // numbered pages
};

// The package of a readable case with a verdict.
ApplicationPackage build_package(const SubsidyResult& r);

// Sets each part's page count (in binding order) and, from them, each part's first page, the
// package's pages and the materials' notes that name a page: what a layout by the real font
// measured.
void set_part_pages(ApplicationPackage& p, const std::vector<int>& pages);

// The package as a PDF (A4, each part laid out by Pango with the font that prints and embedded):
// the file's bytes. Its creation date is the case's application.filed_on, else application.date
// (SOURCE_DATE_EPOCH overrides), so the same case gives the same bytes. Throws InputError when
// Pango and Cairo cannot be loaded. An unreadable case gives a page of its errors.
// `round_note`: what the round made of the case (package_round_note), under the 申请表.
std::string render_package_pdf(const SubsidyResult& r, const std::string& round_note = "");

// The package as a Word file (.docx: WordprocessingML in a zip, libzip loaded when the first is
// written): the PDF's parts and binding order, Word tables with their header rows repeated, the
// contents' pages as fields Word updates on opening, page numbers in the footer from the 申请表.
// The same case gives the same bytes (dates as the PDF's). Throws InputError when libzip cannot
// be loaded. An unreadable case gives a page of its errors.
std::string render_package_docx(const SubsidyResult& r, const std::string& round_note = "");

// The package as one self-contained HTML page (A4 print CSS, no network), or as Markdown.
// An unreadable case gives its errors instead.
std::string render_package_html(const SubsidyResult& r);
std::string render_package_markdown(const SubsidyResult& r);
// What an HTML page of packages begins and ends with (the style sheet is in the head).
std::string package_html_head();
std::string package_html_tail();

}  // namespace sbc
