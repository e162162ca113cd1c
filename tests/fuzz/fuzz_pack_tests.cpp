// libFuzzer target: any bytes as a pack's test file (sbc-validate --test, man 5 sbc-tests), run
// against the built-in packs, and linted. The file is written to a temporary path, as the runner
// reads files (a base names a file relative to it). A crash, a hang or an uncaught exception here
// is a bug.
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "sbc/run/pack_tests.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sbc::RuleLibrary rules;
  static const std::string path = "/tmp/sbc-fuzz-pack-tests-" + std::to_string(getpid()) + ".yaml";
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  sbc::PackTestOptions options;
  options.coverage = true;
  std::ostringstream out;
  (void)sbc::run_pack_tests({path}, options, rules, out, out);
  (void)sbc::lint_pack_tests(path, rules, options.limits);  // as --lint-rules reads it
  return 0;
}
