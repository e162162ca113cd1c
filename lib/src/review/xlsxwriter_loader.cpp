#include "review/xlsxwriter_loader.hpp"

#include <dlfcn.h>

#include <mutex>

namespace sbc {

const XlsxWriterLibrary* xlsxwriter(std::string& why) {
  static XlsxWriterLibrary lib;
  static std::string error;
  static std::once_flag once;
  std::call_once(once, [] {
    void* handle = dlopen("libxlsxwriter.so.4", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) handle = dlopen("libxlsxwriter.so", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* e = dlerror();
      error = e ? e : "libxlsxwriter.so.4 not found";
      return;
    }
#define SBC_XLSX_LOAD(name)                                              \
  lib.name = reinterpret_cast<decltype(lib.name)>(dlsym(handle, #name)); \
  if (lib.name == nullptr && error.empty()) error = "libxlsxwriter has no " #name;
    SBC_XLSX_FUNCTIONS(SBC_XLSX_LOAD)
#undef SBC_XLSX_LOAD
  });
  why = error;
  return error.empty() ? &lib : nullptr;
}

}  // namespace sbc
