// libFuzzer target: any bytes as a rule pack. A bad pack must be an InputError, nothing else.
#include "sbc/rules/rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    (void)sbc::load_pack(std::string(reinterpret_cast<const char*>(data), size), "fuzz-pack.yaml");
  } catch (const sbc::InputError&) {
  }
  return 0;
}
