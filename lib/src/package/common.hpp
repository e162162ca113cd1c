// What the package's renderers share beyond the package itself (private to package/): the words
// the guide prints on every copy, the file's date, and the layout by the font that prints.
#pragma once

#include <optional>
#include <string>

#include "sbc/package/package.hpp"

namespace sbc {

// The contents page's 填报说明 (附3-2), in order.
extern const char* const kFillingNotes[3];
// The parts' notes under their titles.
extern const char* const kCorrespondenceNote;
extern const char* const kMaterialsNote;
extern const char* const kFormNote;  // under the 申请表
// The 承诺书: addressee, then the declaration around the product's name, then its last line.
extern const char* const kLetterTo;
std::string letter_text(const std::string& product);
extern const char* const kLetterEnd;

// A column of amounts or quantities, aligned right.
bool numeric_column(const std::string& header);

// When the file says it was made: SOURCE_DATE_EPOCH (reproducible builds' convention), else the
// case's application.filed_on, else application.date, else nothing.
struct FileDate {
  int year, month, day, hour, minute, second;
  std::string iso() const;    // 2021-03-01T00:00:00Z
  unsigned dos_date() const;  // a zip entry's date and time (1980 to 2107; clamped)
  unsigned dos_time() const;
};
std::optional<FileDate> file_date(const Case& c);

// Each part's pages, and each table's page breaks, as Pango lays the package out with the font
// that prints (package/pdf.cpp): false, the estimate left as it was, when Pango cannot be loaded.
bool measure_with_font(ApplicationPackage& p, std::string& why);

// The package of a case with a verdict, with the round's note, paginated by the font that prints
// where Pango loads (else by build_package's estimate): what every form names as its pages.
ApplicationPackage laid_out_package(const SubsidyResult& r, const std::string& round_note = "");

}  // namespace sbc
