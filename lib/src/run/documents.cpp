#include "run/documents.hpp"

namespace sbc {

BatchDocuments::BatchDocuments(const OutputOptions& o, bool subsidy,
                               const std::optional<Date>& as_of, bool round, std::ostream& out,
                               BatchOptions& batch) {
  const std::string date = as_of ? format(*as_of) : "";
  if (o.format == Format::xlsx) {
    book_.emplace(o.file, WorkbookInfo{subsidy, o.lang, date, o.command_line, round});
    batch.deliver = [this](const Rendered& r) { book_->add(r.rows); };
  } else if (o.format == Format::html) {
    page_.emplace(out, HtmlReportInfo{subsidy, o.lang, date, o.command_line, round});
    batch.deliver = [this](const Rendered& r) { page_->add(r.rows); };
  }
}

}  // namespace sbc
