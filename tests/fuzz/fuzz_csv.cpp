// libFuzzer target: any bytes as a spreadsheet (CSV), read both ways a CSV is read: as cases
// (decoded, cut into rows and read into cases) and as the programme's records (sbc-validate
// --records: the header's kind, each row a record), the records then settling a case's facts as
// --records does. A bad file or row must only ever become a diagnostic. One target for both: they
// share the decoding and the cutting into rows, and CI's time for fuzzing is counted per target.
#include <sstream>

#include "sbc/model/case.hpp"
#include "sbc/records/records.hpp"
#include "sbc/records/settle.hpp"

namespace {

// A case whose names the fuzzer's records may match (the dictionary holds them).
const char* const kCase =
    "applicant: {name: 山东示例软件股份有限公司, credit_code: 91370100MA3C5XXXX3, "
    "negative_list_since: never}\n"
    "software: {name: 智能制造执行系统, version: V2.0, prior_support: false}\n"
    "application: {date: 2020-05-15}\n"
    "insurance: {recognition: {year: 2019, batch: 3}, prior_compensations: 0}\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::istringstream in(bytes);
  sbc::ReadOptions read;
  read.format = sbc::InputFormat::csv;
  sbc::read_cases("-", in, read, [](sbc::Case&& c) { (void)sbc::write_case_yaml(c.root); });
  sbc::Records records;
  std::vector<sbc::Diagnostic> problems;
  records.read_text(bytes, "fuzz.csv", read.limits, problems);
  sbc::RecordIndex index(std::move(records));
  std::istringstream one(kCase);
  sbc::read_cases("-", one, sbc::ReadOptions{}, [&](sbc::Case&& c) {
    sbc::settle_from_records(index, c);
    (void)sbc::write_case_yaml(c.root);
  });
  return 0;
}
