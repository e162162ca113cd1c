// WordprocessingML, the body of a .docx: the few things the package's Word file needs (a
// paragraph, a table with a repeated header row and merged cells, a bookmark, a field, a section),
// written as text. Sizes in millimetres and points, as the PDF writer takes them (private to
// package/).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sbc {

enum class Jc { left, center, right };

struct ParagraphStyle {
  Jc align = Jc::left;
  double pt = 10.5;  // 五号
  bool bold = false;
  bool heading = false;     // 黑体 rather than 仿宋
  bool page_break = false;  // begins a page
  bool keep_next = false;   // on the page of the paragraph after it
  double before_mm = 0, after_mm = 0;
  double first_line_mm = 0;  // indent of the first line
  double indent_mm = 0;      // from both margins
  double right_tab_mm = 0;   // a tab ("\t" in the text) to here aligns what follows right
};

// One cell of a table row.
struct DocxCell {
  enum class Merge { none, restart, continued };  // a cell spanning rows: begun, or continued

  DocxCell(std::string text = "", int span = 1, bool head = false, Merge merge = Merge::none,
           Jc align = Jc::left)
      : text(std::move(text)), span(span), head(head), merge(merge), align(align) {}

  std::string text;  // "\n" breaks the line
  int span;          // grid columns
  bool head;         // shaded, centred
  Merge merge;
  Jc align;
  std::string paragraphs;  // the cell's paragraphs as XML, in place of `text` when given
};

struct RowStyle {
  double pt = 10.5;
  bool header = false;  // repeated at the top of each page (w:tblHeader)
  bool bold = false;
  bool keep_next = false;  // on the page of the row after it
  double min_mm = 0;       // at least this tall
};

class DocxBody {
 public:
  // A paragraph of `text`; `bookmark`, when given, marks it for a PAGEREF field.
  void paragraph(const std::string& text, const ParagraphStyle& style = {},
                 const std::string& bookmark = "");
  // A line of the contents: the title, dot leaders to the right margin, and the page as a
  // PAGEREF field to `bookmark` showing `page` until the word processor updates it.
  void contents_line(const std::string& title, const std::string& bookmark, int page, double pt);
  // A table with these columns; rows follow until end_table(). Not `grid`: rules under its rows
  // only (the cover's blanks to fill).
  void table(const std::vector<double>& widths_mm, bool grid = true);
  void row(const std::vector<DocxCell>& cells, const RowStyle& style);
  // A box left blank for a signature and a stamp, 32 mm tall: `who` in the first column, `what`
  // at the box's top left, `stamp` and the date's blanks at its bottom right.
  void signature_row(const std::string& who, const std::string& what, const std::string& stamp);
  // Ends a table. A table is followed by a paragraph (Word's rule), so each part ends with one.
  void end_table();
  // Ends the section begun after the last one: a paragraph holding its properties. `numbered`: a
  // footer with the page number, counted from 1.
  void end_section(bool numbered);

  // The document.xml, the last section's properties closing the body.
  std::string document(bool numbered_last) const;

 private:
  std::string out_;
  std::vector<double> widths_;
  int bookmarks_ = 0;
};

// A cell's paragraph saying `before`, a page as a PAGEREF field to `bookmark` (showing `page`
// until updated), then `after`: "见本册第N页".
std::string page_reference(const std::string& before, const std::string& bookmark, int page,
                           const std::string& after, double pt);

// Text as XML holds it: markup escaped, characters XML 1.0 forbids dropped.
std::string xml_text(const std::string& s);

// The package's other parts, each a whole XML file.
std::string docx_content_types();
std::string docx_package_relationships();
std::string docx_document_relationships();
std::string docx_styles();
std::string docx_settings();
std::string docx_font_table();
std::string docx_footer();
std::string docx_core_properties(const std::string& title, const std::string& date_iso);

}  // namespace sbc
