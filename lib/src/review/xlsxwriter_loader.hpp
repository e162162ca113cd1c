// libxlsxwriter, loaded when a workbook is first written rather than when a tool starts: the
// library pulls in libcrypto and zlib, whose symbol bindings would otherwise cost every run, a
// one-case check included, more than half of its instructions (measured with callgrind).
// The functions keep libxlsxwriter's own names and signatures (from its header) as members.
#pragma once

#include <xlsxwriter.h>

#include <string>

namespace sbc {

struct XlsxWriterLibrary {
// clang-format off: one function a line (clang-format would indent each line further)
#define SBC_XLSX_FUNCTIONS(X) \
  X(workbook_new_opt)         \
  X(workbook_add_format)      \
  X(workbook_add_worksheet)   \
  X(workbook_close)           \
  X(format_set_bold)          \
  X(format_set_num_format)    \
  X(format_set_text_wrap)     \
  X(format_set_align)         \
  X(worksheet_write_string)   \
  X(worksheet_write_number)   \
  X(worksheet_write_datetime) \
  X(worksheet_write_formula)  \
  X(worksheet_freeze_panes)   \
  X(worksheet_autofilter)     \
  X(worksheet_set_column)     \
  X(lxw_strerror)
  // clang-format on
#define SBC_XLSX_MEMBER(name) decltype(&::name) name = nullptr;
  SBC_XLSX_FUNCTIONS(SBC_XLSX_MEMBER)
#undef SBC_XLSX_MEMBER
};

// The loaded library, or nullptr with `why` set when it is not installed.
const XlsxWriterLibrary* xlsxwriter(std::string& why);

}  // namespace sbc
