// The application package as a PDF: the parts of the HTML form, in its binding order, each laid
// out by Pango with the font that prints. A table breaks where its rows really end, its header
// repeated; the contents page gives the pages as printed, because the package is laid out twice:
// once on a recording surface to count each part's pages, then on the PDF surface.
#include <fmt/format.h>

#include <functional>
#include <map>

#include "package/common.hpp"
#include "package/pdf_writer.hpp"
#include "render/pieces.hpp"
#include "sbc/package/package.hpp"

namespace sbc {
namespace {

constexpr double kPadX = 1.5, kPadY = 1.1;                // a cell's padding, as the HTML form's
constexpr double kBodyEndMm = kPageHeightMm - kBottomMm;  // the folio sits below this
constexpr double kTablePt = 10.5;                         // 五号

// One cell of a row: where it is, what it says, and how.
struct Cell {
  double x, w;
  std::string text;
  bool head = false;       // a heading cell: shaded
  bool continued = false;  // continues the cell above: no rule above it, no text
  Align align = Align::left;
};

class PackagePdf {
 public:
  PackagePdf(PdfWriter& w, const ApplicationPackage& p) : w_(w), p_(p) {}

  // Lays out the whole package; returns each part's pages, in binding order.
  std::vector<int> render() {
    cover();
    contents();
    std::vector<int> pages;
    for (const PackagePart& part : p_.parts) {
      int before = w_.pages();
      part_pages(part);
      pages.push_back(w_.pages() - before);
    }
    return pages;
  }
  // Where each table's printed pages begin, as laid out: the page_starts of the package's tables.
  const std::map<const PackageTable*, std::vector<size_t>>& breaks() const { return breaks_; }

 private:
  int folio() const { return w_.pages() - 1; }  // the cover and the contents are not numbered

  void new_page() {
    end_table();
    w_.end_page(folio());
    y_ = kTopMm;
  }

  // The rule under a table's last row: a row draws the rules above and beside its cells, so that
  // a cell continued by the row below it (a form's side label, a merged column) stays open.
  void end_table() {
    if (open_) w_.line(open_x0_, y_, open_x1_, y_);
    open_ = false;
  }

  void heading(const std::string& title, double pt = 16) {
    y_ += w_.text(title, kSideMm, y_, kTextWidthMm, pt, Face::sans, Align::center) + 5;
  }

  void cover();
  void contents();
  void part_pages(const PackagePart& part);
  void form(const PackagePart& part);
  void form_head(const PackageTable& t, size_t from, size_t to, bool continued);
  void side_label(const std::string& label, double top);
  void signature_rows();
  void letter(const PackagePart& part);
  void table_part(const PackagePart& part, const PackageTable& t, const std::string& note);
  std::vector<Cell> table_cells(const PackageTable& t, const std::vector<std::string>& row,
                                size_t index, size_t page_first) const;
  std::vector<Cell> header_cells(const PackageTable& t) const;
  double row_height(const std::vector<Cell>& cells, double pt, double min_mm = 0);
  double row(const std::vector<Cell>& cells, double pt, double min_mm = 0, bool bold = false);

  PdfWriter& w_;
  const ApplicationPackage& p_;
  double y_ = kTopMm;
  bool open_ = false;  // a table's last row still wants its bottom rule
  double open_x0_ = 0, open_x1_ = 0;
  std::map<const PackageTable*, std::vector<size_t>> breaks_;
};

double PackagePdf::row_height(const std::vector<Cell>& cells, double pt, double min_mm) {
  double h = min_mm;
  for (const Cell& c : cells)
    if (!c.continued) h = std::max(h, w_.height(c.text, c.w - 2 * kPadX, pt) + 2 * kPadY);
  return h;
}

// Draws a row of cells at y_ and moves below it: the rules around each cell (none above a cell
// that continues the one above), the shading of headings, the text.
double PackagePdf::row(const std::vector<Cell>& cells, double pt, double min_mm, bool bold) {
  double h = row_height(cells, pt, min_mm);
  for (const Cell& c : cells) {
    if (c.head) w_.shade(c.x, y_, c.w, h);
    if (!c.continued) {
      w_.line(c.x, y_, c.x + c.w, y_);
      w_.text(c.text, c.x + kPadX, y_ + kPadY, c.w - 2 * kPadX, pt,
              bold ? Face::serif_bold : Face::serif, c.align);
    }
    w_.line(c.x, y_, c.x, y_ + h);
  }
  const Cell& last = cells.back();
  w_.line(last.x + last.w, y_, last.x + last.w, y_ + h);
  y_ += h;
  open_ = true;
  open_x0_ = cells.front().x;
  open_x1_ = last.x + last.w;
  return h;
}

void PackagePdf::cover() {
  y_ = kTopMm + 45;
  y_ += w_.text(p_.title, kSideMm, y_, kTextWidthMm, 22, Face::sans, Align::center) + 50;
  const double x = (kPageWidthMm - 150) / 2;
  auto line = [&](const char* label, const std::string& value, const char* after) {
    double h = w_.text(label, x, y_, 52, 15);
    h = std::max(h, w_.text(value + after, x + 52, y_, 150 - 52, 15));
    w_.line(x, y_ + h + 0.5, x + 150, y_ + h + 0.5);
    y_ += h + 7;
  };
  line("软件名称及版本号：", p_.product, "");
  line("申　报　单　位：", p_.company, "（公章）");
  line("联系人及电话：", p_.contact, "");
  line("申　报　日　期：", p_.declared_on.empty() ? "　　年　　月　　日" : p_.declared_on, "");
  if (!p_.notice.empty()) w_.text(p_.notice, x, y_ + 20, 150, 10.5);
  w_.end_page(0);
  y_ = kTopMm;
}

void PackagePdf::contents() {
  heading("目　录");
  y_ += 3;
  const double left = kSideMm + 10, right = kPageWidthMm - kSideMm - 10;
  for (const PackagePart& part : p_.parts) {
    std::string page = std::to_string(part.first_page);
    double h = w_.text(part.title, left, y_, right - left - 15, 12);
    w_.text(page, left, y_, right - left, 12, Face::serif, Align::right);
    w_.dotted(left + w_.width(part.title, 12) + 2, right - w_.width(page, 12) - 2, y_ + h - 1.6);
    y_ += h + 4;
  }
  y_ += 14;
  y_ += w_.text("填报说明（附3-2）：", kSideMm, y_, kTextWidthMm, 10.5) + 1;
  for (const char* n : kFillingNotes) y_ += w_.text(n, kSideMm + 6, y_, kTextWidthMm - 6, 10.5) + 1;
  w_.end_page(0);
  y_ = kTopMm;
}

void PackagePdf::part_pages(const PackagePart& part) {
  switch (part.kind) {
    case PartKind::form:
      return form(part);
    case PartKind::correspondence:
      return table_part(part, p_.correspondence, kCorrespondenceNote);
    case PartKind::letter:
      return letter(part);
    case PartKind::invoices:
      return table_part(part, p_.invoices, "");
    case PartKind::materials:
      return table_part(part, p_.materials, kMaterialsNote);
  }
}

// The 申请表: the form's rows around the policies applied for; the policies that do not fit on
// its page continue on pages of their own.
void PackagePdf::form(const PackagePart& part) {
  const PackageTable& t = p_.policies;
  heading(part.title);
  y_ += w_.text("填报时间：" + (p_.filled_on.empty() ? "　　年　　月　　日" : p_.filled_on),
                kSideMm, y_, kTextWidthMm, 12, Face::serif, Align::right) +
        2;
  const double x0 = kSideMm, c1 = x0 + 20, c2 = c1 + 38;
  row({{x0, 20, "企业名称", true}, {c1, 150, p_.company}}, kTablePt);
  double top = y_;
  row({{x0, 20, "", true}, {c1, 38, "投保产品名称及版次", true}, {c2, 112, p_.product}}, kTablePt);
  row({{x0, 20, "", true, true}, {c1, 38, "首版次产品认定批次", true}, {c2, 112, p_.batch}},
      kTablePt);
  side_label("产品信息", top);
  top = y_;
  // The policies: as many as fit above the form's last rows (about 75 mm with the note).
  size_t shown = 0;
  std::vector<Cell> heads = header_cells(t);
  for (Cell& c : heads) c.x += 20;
  heads.insert(heads.begin(), Cell{x0, 20, "", true});
  row(heads, kTablePt);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    std::vector<Cell> cells = table_cells(t, t.rows[i], i, 0);
    for (Cell& c : cells) c.x += 20;
    cells.insert(cells.begin(), Cell{x0, 20, "", true, true});
    if (y_ + row_height(cells, kTablePt) > kBodyEndMm - (p_.round_note.empty() ? 75 : 90) && i > 0)
      break;
    row(cells, kTablePt);
    ++shown;
  }
  if (shown < t.rows.size()) row({{x0, 20, "", true, true}, {c1, 150, "其余保单见续表"}}, kTablePt);
  side_label("投保险种", top);
  row({{x0, 58, "已缴纳保险费金额（元）", true},
       {c2, 48, p_.paid, false, false, Align::right},
       {c2 + 48, 30, "合计申请保险费补贴金额（元）", true},
       {c2 + 78, 34, p_.applied, false, false, Align::right}},
      kTablePt);
  signature_rows();
  end_table();
  y_ += 2;
  y_ += w_.text(kFormNote, kSideMm, y_, kTextWidthMm, kTablePt) + 2;
  if (!p_.round_note.empty()) w_.text(p_.round_note, kSideMm, y_, kTextWidthMm, kTablePt);
  new_page();
  if (shown < t.rows.size()) {
    PackageTable rest = t;
    rest.rows.erase(rest.rows.begin(), rest.rows.begin() + static_cast<long>(shown));
    PackagePart continued = part;
    continued.title = part.title + "（续表：投保险种）";
    table_part(continued, rest, "");
    std::vector<size_t>& starts = breaks_[&t];
    starts = {0};
    for (size_t from : breaks_[&rest]) starts.push_back(shown + from);
    breaks_.erase(&rest);
  } else {
    breaks_[&t] = {0};
  }
}

// A label of the form's first column for the rows from `top` to here, in their middle.
void PackagePdf::side_label(const std::string& label, double top) {
  double h = w_.height(label, 20 - 2 * kPadX, kTablePt);
  w_.text(label, kSideMm + kPadX, top + (y_ - top - h) / 2, 20 - 2 * kPadX, kTablePt, Face::serif,
          Align::center);
}

// The boxes left blank for the signatures and the stamps: 30 mm each, as the HTML form's.
void PackagePdf::signature_rows() {
  const double x0 = kSideMm, c1 = x0 + 20;
  for (const auto& [who, what, stamp] :
       {std::tuple{"申报单位", "企业法人（签名）：", "（企业公章）"},
        std::tuple{"审核单位", "市工信部门审查意见：", "（盖章）"}}) {
    double top = y_;
    row({{x0, 20, who, true}, {c1, 150, ""}}, kTablePt, 32);
    w_.text(what, c1 + kPadX, top + kPadY, 100, kTablePt);
    w_.text(std::string(stamp) + "\n年　　月　　日", c1, top + 18, 150 - 10, kTablePt, Face::serif,
            Align::right);
  }
}

void PackagePdf::letter(const PackagePart& part) {
  heading(part.title);
  y_ += 8;
  y_ += w_.text(kLetterTo, kSideMm, y_, kTextWidthMm, 12) + 3;
  y_ += w_.text(std::string("　　") + letter_text(p_.product), kSideMm, y_, kTextWidthMm, 12) + 3;
  y_ += w_.text(std::string("　　") + kLetterEnd, kSideMm, y_, kTextWidthMm, 12) + 30;
  w_.text("单位（盖章）", kSideMm, y_, kTextWidthMm, 12);
  y_ += w_.text("单位法定代表人（签字）", kSideMm, y_, kTextWidthMm, 12, Face::serif, Align::right);
  y_ += 3;
  w_.text("年　　月　　日", kSideMm, y_, kTextWidthMm, 12, Face::serif, Align::right);
  new_page();
}

std::vector<Cell> PackagePdf::header_cells(const PackageTable& t) const {
  std::vector<Cell> out;
  double x = kSideMm;
  for (size_t c = 0; c < t.header.size(); ++c) {
    double w = c < t.widths_mm.size() ? t.widths_mm[c] : 20;
    out.push_back({x, w, t.header[c], true, false, Align::center});
    x += w;
  }
  return out;
}

// Row `index` of a table: amounts to the right; in the merged columns an empty cell continues the
// one above, except on the page's first row (`page_first`), which repeats the run's value.
std::vector<Cell> PackagePdf::table_cells(const PackageTable& t, const std::vector<std::string>& r,
                                          size_t index, size_t page_first) const {
  std::vector<Cell> out = header_cells(t);
  for (size_t c = 0; c < out.size(); ++c) {
    out[c].head = false;
    out[c].align = numeric_column(t.header[c]) ? Align::right : Align::left;
    out[c].text = c < r.size() ? r[c] : "";
    if (c >= t.merged_columns || !out[c].text.empty() || index >= t.rows.size()) continue;
    if (index > page_first) {
      out[c].continued = true;
      continue;
    }
    for (size_t k = index; k-- > 0;)  // the run's value, from an earlier page
      if (!t.rows[k][c].empty()) {
        out[c].text = t.rows[k][c];
        break;
      }
  }
  return out;
}

// A part made of one table: its title ("（续）" on the pages after its first), a note, the header
// on every page, rows while they fit, the totals row kept with the last.
void PackagePdf::table_part(const PackagePart& part, const PackageTable& t,
                            const std::string& note) {
  heading(part.title);
  if (!note.empty()) y_ += w_.text(note, kSideMm, y_, kTextWidthMm, kTablePt) + 2;
  row(header_cells(t), t.font_pt);
  size_t page_first = 0;
  std::vector<size_t>& starts = breaks_[&t];
  starts = {0};
  for (size_t i = 0; i < t.rows.size(); ++i) {
    std::vector<Cell> cells = table_cells(t, t.rows[i], i, page_first);
    double h = row_height(cells, t.font_pt);
    if (i + 1 == t.rows.size() && !t.total.empty())
      h += row_height(table_cells(t, t.total, t.rows.size(), 0), t.font_pt);
    if (y_ + h > kBodyEndMm && i > page_first) {
      new_page();
      heading(part.title + "（续）");
      row(header_cells(t), t.font_pt);
      page_first = i;
      starts.push_back(i);
      cells = table_cells(t, t.rows[i], i, page_first);
    }
    row(cells, t.font_pt);
  }
  if (!t.total.empty()) row(table_cells(t, t.total, t.rows.size(), 0), t.font_pt, 0, true);
  new_page();
}

cairo_status_t append(void* to, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(to)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A case that could not be judged: a page that says why.
void error_page(PdfWriter& w, const SubsidyResult& r) {
  double y = kTopMm;
  y += w.text(case_name(r.input) + "：无法生成申请材料", kSideMm, y, kTextWidthMm, 16, Face::sans,
              Align::center) +
       5;
  for (const Diagnostic& d : r.errors)
    y += w.text(format_gnu(d, Lang::zh), kSideMm, y, kTextWidthMm, 10.5) + 2;
  w.end_page(0);
}

// The package laid out on a surface: each part's pages, and where each table's pages begin.
struct Layout {
  std::vector<int> pages;
  std::map<const PackageTable*, std::vector<size_t>> breaks;
};

Layout lay_out(const PangoCairoLibrary& x, cairo_surface_t* surface, const ApplicationPackage& p) {
  PdfWriter writer(x, surface);
  PackagePdf pdf(writer, p);
  Layout l;
  l.pages = pdf.render();
  l.breaks = pdf.breaks();
  return l;
}

}  // namespace

namespace {

// Each part's pages as the font lays them out, measured until they stand still: a part's pages
// change the contents and the materials' notes, which could (in theory) move a row.
void measure(const PangoCairoLibrary& x, ApplicationPackage& p) {
  for (int pass = 0; pass < 3; ++pass) {
    cairo_surface_t* surface = x.cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr);
    Layout l = lay_out(x, surface, p);
    x.cairo_surface_destroy(surface);
    for (PackageTable* t : {&p.policies, &p.correspondence, &p.invoices, &p.materials})
      if (auto at = l.breaks.find(t); at != l.breaks.end()) t->page_starts = at->second;
    bool same = l.pages.size() == p.parts.size();
    for (size_t i = 0; same && i < l.pages.size(); ++i) same = l.pages[i] == p.parts[i].pages;
    if (same) break;  // the pages the package was laid out with are the pages it takes
    set_part_pages(p, l.pages);
  }
}

// The PDF's bytes: `draw` lays the pages out on an A4 PDF surface with the case's date.
std::string pdf_file(const PangoCairoLibrary& x, const SubsidyResult& r, const std::string& title,
                     const std::function<void(cairo_surface_t*)>& draw) {
  constexpr double kPt = 72.0 / 25.4;
  std::string pdf;
  cairo_surface_t* surface =
      x.cairo_pdf_surface_create_for_stream(append, &pdf, kPageWidthMm * kPt, kPageHeightMm * kPt);
  x.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  if (std::optional<FileDate> date = file_date(r.input)) {
    std::string iso = date->iso();
    x.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, iso.c_str());
    x.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, iso.c_str());
  }
  draw(surface);
  x.cairo_surface_finish(surface);
  cairo_status_t status = x.cairo_surface_status(surface);
  x.cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw InputError(
        Diagnostic{Severity::error,
                   r.input.file,
                   {},
                   "",
                   {std::string("无法生成 PDF：") + x.cairo_status_to_string(status),
                    std::string("cannot make the PDF: ") + x.cairo_status_to_string(status)}});
  return pdf;
}

}  // namespace

bool measure_with_font(ApplicationPackage& p, std::string& why) {
  const PangoCairoLibrary* x = pangocairo(why);
  if (x == nullptr) return false;
  measure(*x, p);
  return true;
}

std::string render_package_pdf(const SubsidyResult& r, const std::string& round_note) {
  std::string why;
  const PangoCairoLibrary* x = pangocairo(why);
  if (x == nullptr)
    throw InputError(
        Diagnostic{Severity::error,
                   r.input.file,
                   {},
                   "",
                   {"无法载入 Pango 和 Cairo（Debian 软件包 libpangocairo-1.0-0）：" + why,
                    "cannot load Pango and Cairo (Debian package libpangocairo-1.0-0): " + why}});
  if (!r.verdict)
    return pdf_file(*x, r, "无法生成申请材料", [&](cairo_surface_t* surface) {
      PdfWriter writer(*x, surface);
      error_page(writer, r);
    });
  ApplicationPackage p = build_package(r);
  p.round_note = round_note;
  measure(*x, p);
  return pdf_file(*x, r, p.title, [&](cairo_surface_t* surface) { lay_out(*x, surface, p); });
}

}  // namespace sbc
