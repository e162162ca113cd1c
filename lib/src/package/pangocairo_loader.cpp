#include "package/pangocairo_loader.hpp"

#include <mutex>

#include "base/loaded_library.hpp"

namespace sbc {

const PangoCairoLibrary* pangocairo(std::string& why) {
  static PangoCairoLibrary lib;
  static std::string error;
  static std::once_flag once;
  std::call_once(once, [] {
    // libpangocairo brings in Pango, Cairo and GLib: dlsym finds their functions through it.
    LoadedLibrary so({"libpangocairo-1.0.so.0"}, "Pango or Cairo");
#define SBC_PANGOCAIRO_LOAD(name) so.bind(lib.name, #name);
    SBC_PANGOCAIRO_FUNCTIONS(SBC_PANGOCAIRO_LOAD)
#undef SBC_PANGOCAIRO_LOAD
    error = so.error();
  });
  why = error;
  return error.empty() ? &lib : nullptr;
}

}  // namespace sbc
