// Pango and Cairo, loaded when a PDF package is first written rather than when a tool starts: a
// one-case check must not pay for binding GLib, HarfBuzz, FreeType, fontconfig and Cairo, as it
// does not pay for libxlsxwriter (review/xlsxwriter_loader.hpp). The functions keep their own
// names and signatures (from the headers) as members.
#pragma once

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <string>

namespace sbc {

struct PangoCairoLibrary {
// clang-format off: one function a line (clang-format would indent each line further)
#define SBC_PANGOCAIRO_FUNCTIONS(X)           \
  X(cairo_pdf_surface_create_for_stream)      \
  X(cairo_pdf_surface_set_metadata)           \
  X(cairo_recording_surface_create)           \
  X(cairo_create)                             \
  X(cairo_destroy)                            \
  X(cairo_surface_destroy)                    \
  X(cairo_surface_finish)                     \
  X(cairo_surface_status)                     \
  X(cairo_status_to_string)                   \
  X(cairo_show_page)                          \
  X(cairo_move_to)                            \
  X(cairo_line_to)                            \
  X(cairo_rectangle)                          \
  X(cairo_fill)                               \
  X(cairo_stroke)                             \
  X(cairo_set_line_width)                     \
  X(cairo_set_source_rgb)                     \
  X(cairo_set_dash)                           \
  X(pango_cairo_create_layout)                \
  X(pango_cairo_show_layout)                  \
  X(pango_layout_set_font_description)        \
  X(pango_layout_set_width)                   \
  X(pango_layout_set_wrap)                    \
  X(pango_layout_set_text)                    \
  X(pango_layout_set_alignment)               \
  X(pango_layout_get_size)                    \
  X(pango_font_description_from_string)       \
  X(pango_font_description_set_absolute_size) \
  X(pango_font_description_free)              \
  X(g_object_unref)
  // clang-format on
#define SBC_PANGOCAIRO_MEMBER(name) decltype(&::name) name = nullptr;
  SBC_PANGOCAIRO_FUNCTIONS(SBC_PANGOCAIRO_MEMBER)
#undef SBC_PANGOCAIRO_MEMBER
};

// The loaded libraries, or nullptr with `why` set when they are not installed.
const PangoCairoLibrary* pangocairo(std::string& why);

}  // namespace sbc
