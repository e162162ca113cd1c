#include "review/xlsxwriter_loader.hpp"

#include <mutex>

#include "base/loaded_library.hpp"

namespace sbc {

const XlsxWriterLibrary* xlsxwriter(std::string& why) {
  static XlsxWriterLibrary lib;
  static std::string error;
  static std::once_flag once;
  std::call_once(once, [] {
    LoadedLibrary so({"libxlsxwriter.so.4", "libxlsxwriter.so"}, "libxlsxwriter");
#define SBC_XLSX_LOAD(name) so.bind(lib.name, #name);
    SBC_XLSX_FUNCTIONS(SBC_XLSX_LOAD)
#undef SBC_XLSX_LOAD
    error = so.error();
  });
  why = error;
  return error.empty() ? &lib : nullptr;
}

}  // namespace sbc
