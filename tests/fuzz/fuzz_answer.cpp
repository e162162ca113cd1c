// libFuzzer target: any bytes as an interview answer, to any fact of the case format (the first
// byte picks the fact). Bad answers must only ever become the reader's message.
#include <string>
#include <vector>

#include "sbc/intake/interview.hpp"

namespace {

// Every fact an interview may ask for: the case format's fields that are not sections.
void collect(const sbc::Field& record, const std::string& prefix, std::vector<std::string>& out) {
  for (const sbc::Field& f : record.fields) {
    std::string path = prefix.empty() ? f.key : prefix + "." + f.key;
    if (f.type == sbc::Type::record)
      collect(f, path, out);
    else
      out.push_back(path);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::string> facts = [] {
    std::vector<std::string> out;
    collect(sbc::case_schema(), "", out);
    return out;
  }();
  if (size == 0) return 0;
  const std::string& path = facts[data[0] % facts.size()];
  sbc::Parsed<sbc::Value> v =
      sbc::read_answer(path, std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  if (v) (void)sbc::write_case_yaml(*v.value);  // whatever was read, it can be written
  return 0;
}
