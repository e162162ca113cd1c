// libFuzzer target: any bytes as a case file, read, judged and rendered by both tools' paths.
// A crash, a hang, a sanitizer report or an uncaught exception here is a bug: bad input must
// only ever become a diagnostic.
#include <sstream>

#include "sbc/input/inputs.hpp"
#include "sbc/run/check.hpp"
#include "sbc/run/subsidy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sbc::RuleLibrary rules;
  static const sbc::RulePack& pack = rules.get("shandong-2020");
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  sbc::ReadOptions read;
  // "-": the bytes come from the stream (a name would be opened as a file, which does not exist).
  sbc::split_documents("-", in, read.limits, [&](sbc::RawDocument&& raw) {
    sbc::Case c = sbc::parse_document(raw, read);
    sbc::OutputOptions out;
    sbc::CheckOptions options;
    options.rules = "shandong-2020";
    sbc::CheckResult checked = sbc::check_case(c, rules, options);
    (void)sbc::render_json(checked, out, false);
    (void)sbc::render_text(checked, out);
    if (c.readable()) {
      sbc::SubsidyResult paid{c, sbc::compute_subsidy(pack, c, std::nullopt, std::nullopt), {}};
      (void)sbc::render_json(paid, out, false);  // the package: fuzz_package
    }
  });
  return 0;
}
