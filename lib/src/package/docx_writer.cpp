#include "package/docx_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "render/pieces.hpp"

namespace sbc {
namespace {

constexpr const char* kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Twentieths of a point, Word's unit of length.
long twips(double mm) {
  return std::lround(mm * 1440 / 25.4);
}
long half_points(double pt) {
  return std::lround(pt * 2);
}
const char* jc(Jc a) {
  return a == Jc::center ? "center" : a == Jc::right ? "right" : "left";
}

std::string run_properties(double pt, bool bold, bool heading) {
  std::string out = "<w:rPr>";
  if (heading) out += "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"黑体\"/>";
  if (bold) out += "<w:b/><w:bCs/>";
  long size = half_points(pt);
  return out + fmt::format("<w:sz w:val=\"{}\"/><w:szCs w:val=\"{}\"/></w:rPr>", size, size);
}

// A run of text; a line break where the text has "\n".
std::string run(const std::string& text, double pt, bool bold = false, bool heading = false) {
  std::string out = "<w:r>" + run_properties(pt, bold, heading);
  size_t start = 0;
  while (true) {
    size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? end : end - start);
    for (size_t tab = 0, from = 0; from <= line.size(); from = tab + 1) {
      tab = std::min(line.find('\t', from), line.size());
      if (tab > from)
        out += "<w:t xml:space=\"preserve\">" + xml_text(line.substr(from, tab - from)) + "</w:t>";
      if (tab < line.size()) out += "<w:tab/>";
    }
    if (end == std::string::npos) break;
    out += "<w:br/>";
    start = end + 1;
  }
  return out + "</w:r>";
}

std::string field(const std::string& instruction, const std::string& shown, double pt) {
  std::string props = run_properties(pt, false, false);
  return "<w:r>" + props + "<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>" + props +
         "<w:instrText xml:space=\"preserve\"> " + instruction + " </w:instrText></w:r><w:r>" +
         props + "<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>" + props + "<w:t>" + shown +
         "</w:t></w:r><w:r>" + props + "<w:fldChar w:fldCharType=\"end\"/></w:r>";
}

std::string paragraph_properties(const ParagraphStyle& s, const std::string& inside = "") {
  std::string out = "<w:pPr>";
  if (s.keep_next) out += "<w:keepNext/>";
  if (s.page_break) out += "<w:pageBreakBefore/>";
  if (s.right_tab_mm > 0)
    out += fmt::format("<w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs>",
                       twips(s.right_tab_mm));
  out += inside;
  out += fmt::format("<w:spacing w:before=\"{}\" w:after=\"{}\"/>", twips(s.before_mm),
                     twips(s.after_mm));
  if (s.first_line_mm > 0 || s.indent_mm > 0)
    out += fmt::format("<w:ind w:left=\"{0}\" w:right=\"{0}\" w:firstLine=\"{1}\"/>",
                       twips(s.indent_mm), twips(s.first_line_mm));
  return out + fmt::format("<w:jc w:val=\"{}\"/>", jc(s.align)) +
         run_properties(s.pt, s.bold, s.heading) + "</w:pPr>";
}

// A4 with the guide's margins (22 mm at the top, 20 mm at the sides and bottom), as the PDF's.
std::string section_properties(bool numbered) {
  std::string out = "<w:sectPr>";
  if (numbered) out += fmt::format("<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>");
  out += fmt::format(
      "<w:type w:val=\"nextPage\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
      "<w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"567\" "
      "w:footer=\"567\" w:gutter=\"0\"/>",
      twips(22), twips(20), twips(20), twips(20));
  if (numbered) out += "<w:pgNumType w:start=\"1\"/>";
  return out + "</w:sectPr>";
}

}  // namespace

std::string page_reference(const std::string& before, const std::string& bookmark, int page,
                           const std::string& after, double pt) {
  ParagraphStyle s;
  s.pt = pt;
  return "<w:p>" + paragraph_properties(s) + run(before, pt) +
         field("PAGEREF " + bookmark + " \\h", std::to_string(page), pt) + run(after, pt) +
         "</w:p>";
}

std::string xml_text(const std::string& s) {
  std::string allowed;  // XML 1.0 has no control characters but tab and newline
  allowed.reserve(s.size());
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') allowed += c;
  return html_escaped(allowed);  // & < > " as XML escapes them too
}

void DocxBody::paragraph(const std::string& text, const ParagraphStyle& style,
                         const std::string& bookmark) {
  out_ += "<w:p>" + paragraph_properties(style);
  if (!bookmark.empty())
    out_ += fmt::format("<w:bookmarkStart w:id=\"{}\" w:name=\"{}\"/>", bookmarks_, bookmark);
  out_ += run(text, style.pt, style.bold, style.heading);
  if (!bookmark.empty()) out_ += fmt::format("<w:bookmarkEnd w:id=\"{}\"/>", bookmarks_++);
  out_ += "</w:p>\n";
}

void DocxBody::contents_line(const std::string& title, const std::string& bookmark, int page,
                             double pt) {
  ParagraphStyle s;
  s.pt = pt;
  s.after_mm = 4;
  s.indent_mm = 10;
  std::string tabs =
      fmt::format("<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{}\"/></w:tabs>",
                  twips(170 - 2 * s.indent_mm));
  out_ += "<w:p>" + paragraph_properties(s, tabs) + run(title, pt) + "<w:r>" +
          run_properties(pt, false, false) + "<w:tab/></w:r>" +
          field("PAGEREF " + bookmark + " \\h", std::to_string(page), pt) + "</w:p>\n";
}

void DocxBody::table(const std::vector<double>& widths_mm, bool grid) {
  widths_ = widths_mm;
  double total = std::accumulate(widths_mm.begin(), widths_mm.end(), 0.0);
  const std::string rule = "w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"";
  const std::string border = grid ? rule : "w:val=\"nil\"";
  out_ += fmt::format(
      "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:jc "
      "w:val=\"center\"/><w:tblBorders><w:top {}/><w:left {}/>"
      "<w:bottom {}/><w:right {}/><w:insideH {}/><w:insideV {}/></w:tblBorders>"
      "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"{}\" w:type=\"dxa\"/>"
      "<w:left w:w=\"{}\" w:type=\"dxa\"/><w:bottom w:w=\"{}\" w:type=\"dxa\"/>"
      "<w:right w:w=\"{}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>",
      twips(total), border, border, rule, border, rule, border, twips(1.1), twips(1.5), twips(1.1),
      twips(1.5));
  for (double w : widths_mm) out_ += fmt::format("<w:gridCol w:w=\"{}\"/>", twips(w));
  out_ += "</w:tblGrid>\n";
}

void DocxBody::row(const std::vector<DocxCell>& cells, const RowStyle& style) {
  out_ += "<w:tr><w:trPr><w:cantSplit/>";
  if (style.min_mm > 0)
    out_ += fmt::format("<w:trHeight w:val=\"{}\" w:hRule=\"atLeast\"/>", twips(style.min_mm));
  if (style.header) out_ += "<w:tblHeader/>";
  out_ += "</w:trPr>";
  size_t column = 0;
  for (const DocxCell& c : cells) {
    double w = 0;
    for (int k = 0; k < c.span && column < widths_.size(); ++k) w += widths_[column++];
    out_ += fmt::format("<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>", twips(w));
    if (c.span > 1) out_ += fmt::format("<w:gridSpan w:val=\"{}\"/>", c.span);
    if (c.merge == DocxCell::Merge::restart) out_ += "<w:vMerge w:val=\"restart\"/>";
    if (c.merge == DocxCell::Merge::continued) out_ += "<w:vMerge/>";
    if (c.head) out_ += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F3F4\"/>";
    out_ += "<w:vAlign w:val=\"center\"/></w:tcPr>";
    if (!c.paragraphs.empty()) {
      out_ += c.paragraphs + "</w:tc>";
      continue;
    }
    ParagraphStyle p;
    p.pt = style.pt;
    p.bold = style.bold;
    p.keep_next = style.keep_next;
    p.align = c.head ? Jc::center : c.align;
    out_ += "<w:p>" + paragraph_properties(p);
    if (c.merge != DocxCell::Merge::continued) out_ += run(c.text, style.pt, style.bold);
    out_ += "</w:p></w:tc>";
  }
  out_ += "</w:tr>\n";
}

void DocxBody::signature_row(const std::string& who, const std::string& what,
                             const std::string& stamp) {
  ParagraphStyle top, bottom;
  bottom.align = Jc::right;
  bottom.before_mm = 14;
  ParagraphStyle date = bottom;
  date.before_mm = 0;
  DocxCell box{"", static_cast<int>(widths_.size()) - 1};
  box.paragraphs = "<w:p>" + paragraph_properties(top) + run(what, top.pt) + "</w:p><w:p>" +
                   paragraph_properties(bottom) + run(stamp, bottom.pt) + "</w:p><w:p>" +
                   paragraph_properties(date) + run("年　　月　　日", date.pt) + "</w:p>";
  RowStyle style;
  style.min_mm = 32;
  row({{who, 1, true}, box}, style);
}

void DocxBody::end_table() {
  out_ += "</w:tbl>\n";
}

void DocxBody::end_section(bool numbered) {
  out_ += "<w:p><w:pPr>" + section_properties(numbered) + "</w:pPr></w:p>\n";
}

std::string DocxBody::document(bool numbered_last) const {
  // A body ends with a paragraph: after a last table, one a point high, so it takes no page.
  const char* last =
      out_.ends_with("</w:tbl>\n")
          ? "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" "
            "w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr></w:p>\n"
          : "";
  return fmt::format(
      "{}<w:document xmlns:w=\"{}\" xmlns:r=\"{}\"><w:body>\n{}{}{}</w:body></w:document>\n",
      kXmlDeclaration, kW, kR, out_, last, section_properties(numbered_last));
}

std::string docx_content_types() {
  constexpr const char* kDoc = "application/vnd.openxmlformats-officedocument.wordprocessingml";
  return fmt::format(
      "{0}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" ContentType=\"{1}.document.main+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" ContentType=\"{1}.styles+xml\"/>"
      "<Override PartName=\"/word/settings.xml\" ContentType=\"{1}.settings+xml\"/>"
      "<Override PartName=\"/word/fontTable.xml\" ContentType=\"{1}.fontTable+xml\"/>"
      "<Override PartName=\"/word/footer1.xml\" ContentType=\"{1}.footer+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "</Types>\n",
      kXmlDeclaration, kDoc);
}

std::string docx_package_relationships() {
  return fmt::format(
      "{}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"{}/officeDocument\" Target=\"word/document.xml\"/>"
      "<Relationship Id=\"rId2\" "
      "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
      "core-properties\" Target=\"docProps/core.xml\"/></Relationships>\n",
      kXmlDeclaration, kR);
}

std::string docx_document_relationships() {
  std::string out = fmt::format(
      "{}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
      kXmlDeclaration);
  for (const auto& [id, type, target] : {std::tuple{"rIdStyles", "styles", "styles.xml"},
                                         std::tuple{"rIdSettings", "settings", "settings.xml"},
                                         std::tuple{"rIdFonts", "fontTable", "fontTable.xml"},
                                         std::tuple{"rIdFooter", "footer", "footer1.xml"}})
    out +=
        fmt::format("<Relationship Id=\"{}\" Type=\"{}/{}\" Target=\"{}\"/>", id, kR, type, target);
  return out + "</Relationships>\n";
}

// 仿宋 for Chinese text, as the guide asks (小四号仿宋); Times New Roman for Latin letters.
std::string docx_styles() {
  return fmt::format(
      "{}<w:styles xmlns:w=\"{}\"><w:docDefaults><w:rPrDefault><w:rPr>"
      "<w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"仿宋\" w:hAnsi=\"Times New Roman\" "
      "w:cs=\"Times New Roman\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>"
      "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
      "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"300\" w:lineRule=\"auto\"/>"
      "</w:pPr></w:pPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/><w:qFormat/></w:style>"
      "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal "
      "Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/></w:tblPr></w:style>"
      "</w:styles>\n",
      kXmlDeclaration, kW);
}

// Fields (the contents' PAGEREFs) updated when the document is opened: the pages Word lays out.
std::string docx_settings() {
  return fmt::format(
      "{}<w:settings xmlns:w=\"{}\"><w:defaultTabStop w:val=\"420\"/>"
      "<w:updateFields w:val=\"true\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" "
      "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
      "</w:settings>\n",
      kXmlDeclaration, kW);
}

// The fonts as a Chinese Word knows them: where 仿宋 or 黑体 is not installed, the GB2312
// character set (86) and the PANOSE class let Word and WPS put a Chinese font (宋体) in its place.
std::string docx_font_table() {
  std::string out = fmt::format("{}<w:fonts xmlns:w=\"{}\">", kXmlDeclaration, kW);
  for (const auto& [name, alt, panose, family, pitch] :
       {std::tuple{"仿宋", "FangSong", "02010609060101010101", "modern", "fixed"},
        std::tuple{"宋体", "SimSun", "02010600030101010101", "auto", "variable"},
        std::tuple{"黑体", "SimHei", "02010609060101010101", "modern", "fixed"}})
    out += fmt::format(
        "<w:font w:name=\"{}\"><w:altName w:val=\"{}\"/><w:panose1 w:val=\"{}\"/>"
        "<w:charset w:val=\"86\"/><w:family w:val=\"{}\"/><w:pitch w:val=\"{}\"/></w:font>",
        name, alt, panose, family, pitch);
  return out +
         "<w:font w:name=\"Times New Roman\"><w:panose1 w:val=\"02020603050405020304\"/>"
         "<w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/>"
         "</w:font></w:fonts>\n";
}

// "— N —" at the foot of each numbered page, as the PDF's folio.
std::string docx_footer() {
  ParagraphStyle s;
  s.align = Jc::center;
  return fmt::format("{}<w:ftr xmlns:w=\"{}\" xmlns:r=\"{}\"><w:p>{}{}{}{}</w:p></w:ftr>\n",
                     kXmlDeclaration, kW, kR, paragraph_properties(s), run("— ", s.pt),
                     field("PAGE", "1", s.pt), run(" —", s.pt));
}

std::string docx_core_properties(const std::string& title, const std::string& date_iso) {
  std::string dates;
  if (!date_iso.empty())
    dates = fmt::format(
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{0}</dcterms:created>"
        "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{0}</dcterms:modified>",
        date_iso);
  return fmt::format(
      "{}<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title>"
      "<dc:creator>sbc</dc:creator>{}</cp:coreProperties>\n",
      kXmlDeclaration, xml_text(title), dates);
}

}  // namespace sbc
