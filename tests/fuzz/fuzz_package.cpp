// libFuzzer target: any bytes as a case file, judged and made into the application package in all
// four forms: HTML and Markdown, PDF (Pango and Cairo) and Word (libzip). Apart from fuzz_case,
// which judges and reports, because laying a package out by the font costs milliseconds a case.
// Run with tests/lsan.supp: fontconfig and GLib keep caches for the life of the process.
#include <sstream>

#include "sbc/input/inputs.hpp"
#include "sbc/package/package.hpp"
#include "sbc/run/subsidy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sbc::RuleLibrary rules;
  static const sbc::RulePack& pack = rules.get("shandong-2020");
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  sbc::ReadOptions read;
  sbc::split_documents("-", in, read.limits, [&](sbc::RawDocument&& raw) {
    sbc::Case c = sbc::parse_document(raw, read);
    sbc::SubsidyResult paid{c, std::nullopt, c.errors()};
    if (c.readable()) paid.verdict = sbc::compute_subsidy(pack, c, std::nullopt, std::nullopt);
    (void)sbc::render_package_html(paid);
    (void)sbc::render_package_markdown(paid);
    try {
      (void)sbc::render_package_pdf(paid, "本轮说明：fuzz");
      (void)sbc::render_package_docx(paid, "本轮说明：fuzz");
    } catch (const sbc::InputError&) {
      // Pango or libzip not installed: said, not a crash.
    }
  });
  return 0;
}
