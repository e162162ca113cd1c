// The floor under sbc's reading: parse every document of every file with yaml-cpp and do nothing
// else. "load" builds yaml-cpp's own node tree (YAML::LoadAll), "events" only walks the parser's
// events (what sbc's reader starts from).
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

namespace {

struct Ignore : YAML::EventHandler {
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || (std::strcmp(argv[1], "load") != 0 && std::strcmp(argv[1], "events") != 0)) {
    std::fprintf(stderr, "usage: parse-only load|events FILE...\n");
    return 2;
  }
  bool events = std::strcmp(argv[1], "events") == 0;
  long documents = 0;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i]);
    if (events) {
      YAML::Parser parser(in);
      Ignore ignore;
      while (parser.HandleNextDocument(ignore)) ++documents;
    } else {
      documents += static_cast<long>(YAML::LoadAll(in).size());
    }
  }
  std::printf("%ld documents\n", documents);
}
