// A4 pages drawn with Cairo, text laid out by Pango with the font that prints: the few operations
// the package's PDF needs (a block of text, a rule, a page), in millimetres from the page's top
// left corner. The same writer measures (on a recording surface, nothing written) and draws (on
// a PDF surface), so the pages counted are the pages printed (private to package/).
#pragma once

#include <string>

#include "package/pangocairo_loader.hpp"

namespace sbc {

constexpr double kPageWidthMm = 210, kPageHeightMm = 297;
// The guide's margins, as the HTML form's: 22 mm at the top, 20 mm at the sides and bottom.
constexpr double kTopMm = 22, kSideMm = 20, kBottomMm = 20;
constexpr double kTextWidthMm = kPageWidthMm - 2 * kSideMm;

enum class Face { serif, sans, serif_bold };
enum class Align { left, center, right };

class PdfWriter {
 public:
  // Draws into `surface` (PDF or recording); the writer owns neither.
  PdfWriter(const PangoCairoLibrary& lib, cairo_surface_t* surface);
  ~PdfWriter();
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  // The height of `text` in a box `width_mm` wide at `pt` points, wrapped where the font says;
  // drawn at (x_mm, y_mm) when `draw`.
  double text(const std::string& text, double x_mm, double y_mm, double width_mm, double pt,
              Face face = Face::serif, Align align = Align::left, bool draw = true);
  double height(const std::string& s, double width_mm, double pt, Face face = Face::serif) {
    return text(s, 0, 0, width_mm, pt, face, Align::left, false);
  }
  // The width of `text` on one line.
  double width(const std::string& text, double pt, Face face = Face::serif);
  void line(double x1_mm, double y1_mm, double x2_mm, double y2_mm, double width_mm = 0.3);
  void shade(double x_mm, double y_mm, double w_mm, double h_mm);  // a header cell's grey
  void dotted(double x1_mm, double x2_mm, double y_mm);            // the contents' leaders
  // Ends the page (with "— folio —" at its foot when folio > 0) and begins the next.
  void end_page(int folio);
  int pages() const { return pages_; }  // pages ended

 private:
  const PangoCairoLibrary& x_;
  cairo_t* cr_;
  PangoLayout* layout_;
  int pages_ = 0;
};

}  // namespace sbc
