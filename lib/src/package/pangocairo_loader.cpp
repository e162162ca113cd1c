#include "package/pangocairo_loader.hpp"

#include <dlfcn.h>

#include <mutex>

namespace sbc {

const PangoCairoLibrary* pangocairo(std::string& why) {
  static PangoCairoLibrary lib;
  static std::string error;
  static std::once_flag once;
  std::call_once(once, [] {
    // libpangocairo brings in Pango, Cairo and GLib: dlsym finds their functions through it.
    void* handle = dlopen("libpangocairo-1.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* e = dlerror();
      error = e ? e : "libpangocairo-1.0.so.0 not found";
      return;
    }
#define SBC_PANGOCAIRO_LOAD(name)                                        \
  lib.name = reinterpret_cast<decltype(lib.name)>(dlsym(handle, #name)); \
  if (lib.name == nullptr && error.empty()) error = "Pango or Cairo has no " #name;
    SBC_PANGOCAIRO_FUNCTIONS(SBC_PANGOCAIRO_LOAD)
#undef SBC_PANGOCAIRO_LOAD
  });
  why = error;
  return error.empty() ? &lib : nullptr;
}

}  // namespace sbc
