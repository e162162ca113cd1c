#include "package/pdf_writer.hpp"

#include <fmt/format.h>

namespace sbc {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;  // the PDF's user space is in points

// A 仿宋 family where one is installed (what the guide's forms are set in), else Noto Serif CJK
// SC; headings in 黑体, else Noto Sans CJK SC. fontconfig picks the first that is installed.
const char* family(Face face) {
  switch (face) {
    case Face::sans:
      return "SimHei, 黑体, Noto Sans CJK SC, sans-serif";
    case Face::serif_bold:
      return "FangSong, 仿宋, FangSong_GB2312, Noto Serif CJK SC, serif Bold";
    case Face::serif:
      break;
  }
  return "FangSong, 仿宋, FangSong_GB2312, Noto Serif CJK SC, serif";
}

}  // namespace

PdfWriter::PdfWriter(const PangoCairoLibrary& lib, cairo_surface_t* surface)
    : x_(lib), cr_(lib.cairo_create(surface)), layout_(lib.pango_cairo_create_layout(cr_)) {
  x_.pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
}

PdfWriter::~PdfWriter() {
  x_.g_object_unref(layout_);
  x_.cairo_destroy(cr_);
}

double PdfWriter::text(const std::string& s, double x_mm, double y_mm, double width_mm, double pt,
                       Face face, Align align, bool draw) {
  PangoFontDescription* font = x_.pango_font_description_from_string(family(face));
  x_.pango_font_description_set_absolute_size(font, pt * PANGO_SCALE);
  x_.pango_layout_set_font_description(layout_, font);
  x_.pango_font_description_free(font);
  // A negative width: one line, as long as the text.
  x_.pango_layout_set_width(
      layout_, width_mm < 0 ? -1 : static_cast<int>(width_mm * kPtPerMm * PANGO_SCALE));
  x_.pango_layout_set_alignment(layout_, align == Align::center  ? PANGO_ALIGN_CENTER
                                         : align == Align::right ? PANGO_ALIGN_RIGHT
                                                                 : PANGO_ALIGN_LEFT);
  x_.pango_layout_set_text(layout_, s.data(), static_cast<int>(s.size()));
  if (draw) {
    x_.cairo_set_source_rgb(cr_, 0, 0, 0);
    x_.cairo_move_to(cr_, x_mm * kPtPerMm, y_mm * kPtPerMm);
    x_.pango_cairo_show_layout(cr_, layout_);
  }
  int w = 0, h = 0;
  x_.pango_layout_get_size(layout_, &w, &h);
  return h / static_cast<double>(PANGO_SCALE) / kPtPerMm;
}

double PdfWriter::width(const std::string& s, double pt, Face face) {
  text(s, 0, 0, -1, pt, face, Align::left, false);
  int w = 0, h = 0;
  x_.pango_layout_get_size(layout_, &w, &h);
  return w / static_cast<double>(PANGO_SCALE) / kPtPerMm;
}

void PdfWriter::line(double x1_mm, double y1_mm, double x2_mm, double y2_mm, double width_mm) {
  x_.cairo_set_source_rgb(cr_, 0, 0, 0);
  x_.cairo_set_line_width(cr_, width_mm * kPtPerMm);
  x_.cairo_move_to(cr_, x1_mm * kPtPerMm, y1_mm * kPtPerMm);
  x_.cairo_line_to(cr_, x2_mm * kPtPerMm, y2_mm * kPtPerMm);
  x_.cairo_stroke(cr_);
}

void PdfWriter::shade(double x_mm, double y_mm, double w_mm, double h_mm) {
  x_.cairo_set_source_rgb(cr_, 0.95, 0.95, 0.96);
  x_.cairo_rectangle(cr_, x_mm * kPtPerMm, y_mm * kPtPerMm, w_mm * kPtPerMm, h_mm * kPtPerMm);
  x_.cairo_fill(cr_);
}

void PdfWriter::dotted(double x1_mm, double x2_mm, double y_mm) {
  const double dash[] = {0.3 * kPtPerMm, 1.2 * kPtPerMm};
  x_.cairo_set_dash(cr_, dash, 2, 0);
  line(x1_mm, y_mm, x2_mm, y_mm);
  x_.cairo_set_dash(cr_, nullptr, 0, 0);
}

void PdfWriter::end_page(int folio) {
  if (folio > 0)
    text(fmt::format("— {} —", folio), kSideMm, kPageHeightMm - 9 - 5, kTextWidthMm, 10.5,
         Face::serif, Align::center);
  x_.cairo_show_page(cr_);
  ++pages_;
}

}  // namespace sbc
