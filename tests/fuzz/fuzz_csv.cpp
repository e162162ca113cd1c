// libFuzzer target: any bytes as a spreadsheet (CSV), read both ways a CSV is read: as cases
// (decoded, cut into rows and read into cases) and as the programme's records (sbc-validate
// --records: the header's kind, each row a record). A bad file or row must only ever become a
// diagnostic. One target for both: they share the decoding and the cutting into rows, and CI's
// time for fuzzing is counted per target.
#include <sstream>

#include "sbc/model/case.hpp"
#include "sbc/records/records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::istringstream in(bytes);
  sbc::ReadOptions read;
  read.format = sbc::InputFormat::csv;
  sbc::read_cases("-", in, read, [](sbc::Case&& c) { (void)sbc::write_case_yaml(c.root); });
  sbc::Records records;
  std::vector<sbc::Diagnostic> problems;
  records.read_text(bytes, "fuzz.csv", read.limits, problems);
  return 0;
}
