// The application package as a Word file (.docx), for the disc the guide asks for beside the PDF:
// the parts of the PDF and HTML forms in the same binding order. Each table is a Word table that
// Word breaks across pages itself, its header row repeated (w:tblHeader); the contents give each
// part's page as a PAGEREF field to a bookmark on its title, showing the pages the PDF's layout
// measured until Word updates them on opening (w:updateFields). The cover and the contents are a
// section without page numbers; the footer counts from the 申请表.
#include <fmt/format.h>

#include <map>

#include "package/common.hpp"
#include "package/docx_writer.hpp"
#include "package/zip_archive.hpp"
#include "render/pieces.hpp"
#include "sbc/package/package.hpp"

namespace sbc {
namespace {

std::string bookmark_of(size_t part) {
  return fmt::format("_sbc_part_{}", part + 1);  // "_": a bookmark Word does not list
}

ParagraphStyle heading_style(bool page_break) {
  ParagraphStyle s;
  s.align = Jc::center;
  s.pt = 16;
  s.bold = true;
  s.heading = true;
  s.after_mm = 5;
  s.page_break = page_break;
  return s;
}

void cover(DocxBody& d, const ApplicationPackage& p) {
  ParagraphStyle title = heading_style(false);
  title.pt = 22;
  title.before_mm = 45;
  title.after_mm = 50;
  d.paragraph(p.title, title);
  d.table({52, 98}, false);
  RowStyle line;
  line.pt = 15;
  line.min_mm = 14;
  d.row({{"软件名称及版本号："}, {p.product}}, line);
  d.row({{"申　报　单　位："}, {p.company + "（公章）"}}, line);
  d.row({{"联系人及电话："}, {p.contact}}, line);
  d.row({{"申　报　日　期："}, {p.declared_on.empty() ? "　　年　　月　　日" : p.declared_on}},
        line);
  d.end_table();
  if (!p.notice.empty()) {
    ParagraphStyle notice;
    notice.indent_mm = 10;
    notice.before_mm = 20;
    d.paragraph(p.notice, notice);
  }
}

void contents(DocxBody& d, const ApplicationPackage& p) {
  d.paragraph("目　录", heading_style(true));
  for (size_t i = 0; i < p.parts.size(); ++i)
    d.contents_line(p.parts[i].title, bookmark_of(i), p.parts[i].first_page, 12);
  ParagraphStyle notes;
  notes.before_mm = 14;
  notes.after_mm = 1;
  d.paragraph("填报说明（附3-2）：", notes);
  notes.before_mm = 0;
  notes.indent_mm = 6;
  for (const char* n : kFillingNotes) d.paragraph(n, notes);
}

// The 申请表 as one table on the grid of its columns (20, 38, 48, 30, 34 mm): the side labels
// span their rows, the policies are rows of it (Word continues the table on the next page when
// they do not fit), the boxes for the signatures stay blank.
void form(DocxBody& d, const ApplicationPackage& p, const std::string& bookmark, bool page_break) {
  using Merge = DocxCell::Merge;
  d.paragraph(p.parts.front().title, heading_style(page_break), bookmark);
  ParagraphStyle filled;
  filled.align = Jc::right;
  filled.pt = 12;
  filled.after_mm = 2;
  d.paragraph("填报时间：" + (p.filled_on.empty() ? "　　年　　月　　日" : p.filled_on), filled);
  d.table({20, 38, 48, 30, 34});
  RowStyle style;
  d.row({{"企业名称", 1, true}, {p.company, 4}}, style);
  d.row({{"产品信息", 1, true, Merge::restart}, {"投保产品名称及版次", 1, true}, {p.product, 3}},
        style);
  d.row({{"", 1, true, Merge::continued}, {"首版次产品认定批次", 1, true}, {p.batch, 3}}, style);
  std::vector<DocxCell> header{{"投保险种", 1, true, Merge::restart}};
  for (const std::string& h : p.policies.header) header.push_back({h, 1, true});
  d.row(header, style);
  for (const std::vector<std::string>& r : p.policies.rows) {
    std::vector<DocxCell> cells{{"", 1, true, Merge::continued}};
    for (size_t c = 0; c < r.size(); ++c)
      cells.push_back({r[c], 1, false, Merge::none,
                       numeric_column(p.policies.header[c]) ? Jc::right : Jc::left});
    d.row(cells, style);
  }
  d.row({{"已缴纳保险费金额（元）", 2, true},
         {p.paid, 1, false, Merge::none, Jc::right},
         {"合计申请保险费补贴金额（元）", 1, true},
         {p.applied, 1, false, Merge::none, Jc::right}},
        style);
  d.signature_row("申报单位", "企业法人（签名）：", "（企业公章）");
  d.signature_row("审核单位", "市工信部门审查意见：", "（盖章）");
  d.end_table();
  ParagraphStyle note;
  note.before_mm = 2;
  d.paragraph(kFormNote, note);
  if (!p.round_note.empty()) d.paragraph(p.round_note, note);
}

void letter(DocxBody& d, const PackagePart& part, const ApplicationPackage& p,
            const std::string& bookmark) {
  d.paragraph(part.title, heading_style(true), bookmark);
  ParagraphStyle s;
  s.pt = 12;
  s.before_mm = 8;
  s.after_mm = 3;
  d.paragraph(kLetterTo, s);
  s.before_mm = 0;
  s.first_line_mm = 2 * 12 * 25.4 / 72;  // two characters
  d.paragraph(letter_text(p.product), s);
  s.after_mm = 30;
  d.paragraph(kLetterEnd, s);
  s.first_line_mm = 0;
  s.after_mm = 3;
  s.right_tab_mm = 170;
  d.paragraph("单位（盖章）\t单位法定代表人（签字）", s);
  s.align = Jc::right;
  d.paragraph("年　　月　　日", s);
}

// A part made of one table: its title, a note, the header row on every page; in the merged
// columns an empty cell continues the one above; the totals row kept with the last row.
void table_part(DocxBody& d, const PackagePart& part, const PackageTable& t,
                const std::string& note, const std::string& bookmark,
                const std::map<size_t, std::string>& page_notes = {}) {
  using Merge = DocxCell::Merge;
  d.paragraph(part.title, heading_style(true), bookmark);
  if (!note.empty()) {
    ParagraphStyle s;
    s.after_mm = 2;
    d.paragraph(note, s);
  }
  d.table(std::vector<double>(t.widths_mm.begin(), t.widths_mm.end()));
  RowStyle head;
  head.pt = t.font_pt;
  head.header = true;
  std::vector<DocxCell> cells;
  for (const std::string& h : t.header) cells.push_back({h, 1, true});
  d.row(cells, head);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    cells.clear();
    for (size_t c = 0; c < t.header.size(); ++c) {
      DocxCell cell{c < t.rows[i].size() ? t.rows[i][c] : ""};
      cell.align = numeric_column(t.header[c]) ? Jc::right : Jc::left;
      if (c < t.merged_columns)
        cell.merge = !cell.text.empty() ? Merge::restart : i > 0 ? Merge::continued : Merge::none;
      if (auto at = page_notes.find(i); at != page_notes.end() && t.header[c] == "说明")
        cell.paragraphs = at->second;
      cells.push_back(std::move(cell));
    }
    RowStyle style;
    style.pt = t.font_pt;
    style.keep_next = i + 1 == t.rows.size() && !t.total.empty();
    d.row(cells, style);
  }
  if (!t.total.empty()) {
    cells.clear();
    for (size_t c = 0; c < t.total.size(); ++c)
      cells.push_back(
          {t.total[c], 1, false, Merge::none, numeric_column(t.header[c]) ? Jc::right : Jc::left});
    RowStyle style;
    style.pt = t.font_pt;
    style.bold = true;
    d.row(cells, style);
  }
  d.end_table();
}

// The materials' notes that name the page of a part ("见本册第N页"), by row: as fields, so they
// follow the pages Word lays out, as the contents do.
std::map<size_t, std::string> page_notes(const ApplicationPackage& p) {
  std::map<size_t, std::string> notes;
  for (const auto& [row, kind] : p.material_page_notes)
    for (size_t i = 0; i < p.parts.size(); ++i)
      if (p.parts[i].kind == kind)
        notes[row] = page_reference("见本册第", bookmark_of(i), p.parts[i].first_page, "页",
                                    p.materials.font_pt);
  return notes;
}

void part(DocxBody& d, const ApplicationPackage& p, size_t i) {
  const PackagePart& part = p.parts[i];
  std::string bookmark = bookmark_of(i);
  switch (part.kind) {
    case PartKind::form:
      return form(d, p, bookmark, i > 0);
    case PartKind::correspondence:
      return table_part(d, part, p.correspondence, kCorrespondenceNote, bookmark);
    case PartKind::letter:
      return letter(d, part, p, bookmark);
    case PartKind::invoices:
      return table_part(d, part, p.invoices, "", bookmark);
    case PartKind::materials:
      return table_part(d, part, p.materials, kMaterialsNote, bookmark, page_notes(p));
  }
}

// The file's parts around `document` (the body), zipped.
std::string docx_file(const Case& c, const std::string& title, const std::string& document) {
  std::optional<FileDate> date = file_date(c);
  std::vector<ZipEntry> entries = {
      {"[Content_Types].xml", docx_content_types()},
      {"_rels/.rels", docx_package_relationships()},
      {"docProps/core.xml", docx_core_properties(title, date ? date->iso() : "")},
      {"word/document.xml", document},
      {"word/_rels/document.xml.rels", docx_document_relationships()},
      {"word/styles.xml", docx_styles()},
      {"word/settings.xml", docx_settings()},
      {"word/fontTable.xml", docx_font_table()},
      {"word/footer1.xml", docx_footer()},
  };
  std::string why;
  std::optional<std::string> zip = zip_archive(entries, date ? date->dos_date() : (1 << 5) | 1,
                                               date ? date->dos_time() : 0, why);
  if (!zip)
    throw InputError(Diagnostic{Severity::error,
                                c.file,
                                {},
                                "",
                                {"无法生成 Word 文件（Debian 软件包 libzip4）：" + why,
                                 "cannot make the Word file (Debian package libzip4): " + why}});
  return *zip;
}

}  // namespace

std::string render_package_docx(const SubsidyResult& r, const std::string& round_note) {
  DocxBody d;
  if (!r.verdict) {
    d.paragraph(case_name(r.input) + "：无法生成申请材料", heading_style(false));
    for (const Diagnostic& e : r.errors) d.paragraph(format_gnu(e, Lang::zh));
    return docx_file(r.input, "无法生成申请材料", d.document(false));
  }
  ApplicationPackage p = laid_out_package(r, round_note);
  cover(d, p);
  contents(d, p);
  d.end_section(false);
  for (size_t i = 0; i < p.parts.size(); ++i) part(d, p, i);
  return docx_file(r.input, p.title, d.document(true));
}

}  // namespace sbc
