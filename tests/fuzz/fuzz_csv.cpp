// libFuzzer target: any bytes as a spreadsheet (CSV) of cases: decoded, cut into rows and read.
// A bad file or row must only ever become a diagnostic.
#include <sstream>

#include "sbc/model/case.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  sbc::ReadOptions read;
  read.format = sbc::InputFormat::csv;
  sbc::read_cases("-", in, read, [](sbc::Case&& c) { (void)sbc::write_case_yaml(c.root); });
  return 0;
}
