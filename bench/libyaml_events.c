/* The fastest YAML parser packaged here, libyaml (under PyYAML and Ruby's Psych): parse every
 * file to events and do nothing else. No YAML reader can beat this; the benchmark shows how far
 * sbc is from it. */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char** argv) {
  long documents = 0;
  for (int i = 1; i < argc; ++i) {
    FILE* f = fopen(argv[i], "rb");
    if (!f) return 2;
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    for (;;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) return 1;
      int done = event.type == YAML_STREAM_END_EVENT;
      if (event.type == YAML_DOCUMENT_START_EVENT) ++documents;
      yaml_event_delete(&event);
      if (done) break;
    }
    yaml_parser_delete(&parser);
    fclose(f);
  }
  printf("%ld documents\n", documents);
  return 0;
}
