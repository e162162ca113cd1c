// The YAML document reader: a tree of our own with 1-based marks, duplicate keys reported, and
// limits that no input (deep nesting, aliases, huge scalars) can get around.
#include <doctest/doctest.h>

#include <sstream>
#include <vector>

#include "base/bytes.hpp"
#include "base/utf8.hpp"
#include "sbc/input/document.hpp"

namespace {

std::vector<sbc::Document> documents(const std::string& yaml, sbc::Limits limits = {},
                                     int first_line = 1) {
  std::istringstream in(yaml);
  sbc::DocumentStream stream(in, "t.yaml", limits, first_line, yaml);
  std::vector<sbc::Document> out;
  sbc::Document doc;
  while (stream.next(doc)) out.push_back(doc);
  return out;
}

sbc::Document only_document(const std::string& yaml, sbc::Limits limits = {}) {
  auto docs = documents(yaml, limits);
  REQUIRE(docs.size() == 1);
  return docs[0];
}

// The error that stops reading `yaml`, as "file:line:col: error: message"; empty if none.
std::string error_of(const std::string& yaml, sbc::Limits limits = {}) {
  try {
    documents(yaml, limits);
  } catch (const sbc::InputError& e) {
    return sbc::format_gnu(e.diagnostic(), sbc::Lang::en);
  }
  return "";
}

sbc::Limits with_depth(int depth) {
  sbc::Limits limits;
  limits.max_depth = depth;
  return limits;
}

// "a: " and `levels` - 1 nested flow sequences: `levels` containers with the root map.
std::string nested(int levels) {
  return "a: " + std::string(static_cast<size_t>(levels - 1), '[') + "1" +
         std::string(static_cast<size_t>(levels - 1), ']') + "\n";
}

// Nine anchors, each a list of ten aliases of the one before: 10^9 nodes once expanded.
std::string alias_bomb() {
  std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 8; ++level) {
    std::string alias = "*a" + std::to_string(level - 1);
    yaml += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [" + alias;
    for (int i = 1; i < 10; ++i) yaml += ", " + alias;
    yaml += "]\n";
  }
  return yaml;
}

}  // namespace

TEST_CASE("documents: several per stream, each with its index") {
  auto docs = documents("a: 1\n---\nb: [x, y]\n...\n---\n# a comment\nc: z\n");
  REQUIRE(docs.size() == 3);
  for (int i = 0; i < 3; ++i) CHECK(docs[static_cast<size_t>(i)].index == i);
  CHECK(docs[0].root.find("a")->scalar == "1");
  CHECK(docs[0].root.find("b") == nullptr);
  CHECK(docs[1].root.find("b")->children.size() == 2);
  CHECK(docs[2].root.find("c")->scalar == "z");
  CHECK(docs[2].root.mark.line == 7);
  for (const auto& doc : docs) CHECK(doc.problems.empty());
}

TEST_CASE("documents: the tree, with 1-based marks") {
  sbc::Document doc = only_document("a: 1\nb: [x, \"y\"]\nc:\n  d: ~\n");
  const sbc::Node& root = doc.root;
  CHECK(root.kind == sbc::Node::Kind::map);
  CHECK(root.mark.line == 1);
  CHECK(root.mark.column == 1);
  REQUIRE(root.map_size() == 3);
  CHECK(root.key(0).scalar == "a");
  CHECK(root.key(0).mark.line == 1);
  CHECK(root.key(0).mark.column == 1);
  CHECK(root.value(0).mark.column == 4);
  const sbc::Node* b = root.find("b");
  REQUIRE(b);
  CHECK(b->kind == sbc::Node::Kind::sequence);
  CHECK(b->mark.line == 2);
  CHECK(b->mark.column == 4);
  CHECK(b->children[0].plain);
  CHECK(b->children[1].scalar == "y");
  CHECK(!b->children[1].plain);  // quoted: "123" and 123 can be told apart
  CHECK(b->children[1].mark.line == 2);
  CHECK(b->children[1].mark.column == 8);
  const sbc::Node* d = root.find("c")->find("d");
  REQUIRE(d);
  CHECK(d->kind == sbc::Node::Kind::null);
  CHECK(d->mark.line == 4);
  CHECK(root.find("nope") == nullptr);
  CHECK(b->find("x") == nullptr);  // only maps have keys
}

TEST_CASE("documents: marks count from the line where the text starts in its file") {
  auto docs = documents("a: [1]\n", {}, 10);
  CHECK(docs[0].root.find("a")->children[0].mark.line == 10);
  CHECK(docs[0].root.find("a")->children[0].mark.column == 5);
  std::istringstream in("a: {b: 1\n");
  sbc::DocumentStream stream(in, "big.yaml", {}, 41);
  sbc::Document doc;
  try {
    stream.next(doc);
    FAIL("a syntax error should throw");
  } catch (const sbc::InputError& e) {
    CHECK(e.diagnostic().mark.line == 42);
    CHECK(e.diagnostic().file == "big.yaml");
  }
}

TEST_CASE("documents: a duplicate key is a problem at its place, the first value kept") {
  sbc::Document doc = only_document("software:\n  rd_spend: 1\n  rd_spend: 2\n");
  REQUIRE(doc.problems.size() == 1);
  CHECK(doc.problems[0].severity == sbc::Severity::error);
  CHECK(doc.problems[0].file == "t.yaml");
  CHECK(doc.problems[0].mark.line == 3);
  CHECK(doc.problems[0].mark.column == 3);
  CHECK(doc.problems[0].message.en == "duplicate key 'rd_spend' (first at line 2)");
  CHECK(doc.problems[0].message.zh == "重复的键“rd_spend”（第 2 行已有）");
  const sbc::Node& software = *doc.root.find("software");
  CHECK(software.map_size() == 1);
  CHECK(software.find("rd_spend")->scalar == "1");
}

TEST_CASE("documents: a duplicate's value is dropped whole, and the keys after it are kept") {
  sbc::Document doc = only_document("s:\n  a: 1\n  a: {b: [1, 2]}\n  c: 3\n");
  REQUIRE(doc.problems.size() == 1);
  CHECK(doc.problems[0].mark.line == 3);
  const sbc::Node& s = *doc.root.find("s");
  REQUIRE(s.map_size() == 2);
  CHECK(s.find("a")->kind == sbc::Node::Kind::scalar);
  CHECK(s.find("c")->scalar == "3");
}

TEST_CASE("documents: duplicates are found in large maps too") {
  std::string yaml;
  for (int i = 1; i <= 40; ++i) yaml += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  yaml += "k3: again\nk41: 41\nk41: again\n";
  sbc::Document doc = only_document(yaml);
  REQUIRE(doc.problems.size() == 2);
  CHECK(doc.problems[0].mark.line == 41);
  CHECK(doc.problems[0].message.en == "duplicate key 'k3' (first at line 3)");
  CHECK(doc.problems[1].mark.line == 43);
  CHECK(doc.problems[1].message.en == "duplicate key 'k41' (first at line 42)");
  CHECK(doc.root.map_size() == 41);
  CHECK(doc.root.find("k3")->scalar == "3");
}

TEST_CASE("documents: a key that is not a string is a problem, and its value is dropped") {
  sbc::Document doc = only_document("? [a]\n: 1\nb: 2\n");
  REQUIRE(doc.problems.size() == 1);
  CHECK(doc.problems[0].message.en == "a key must be a plain string");
  CHECK(doc.root.map_size() == 1);
  CHECK(doc.root.find("b")->scalar == "2");
}

TEST_CASE("documents: nesting deeper than the limit throws, naming the limit") {
  CHECK(error_of(nested(32)).empty());  // the default limit, 32 levels
  CHECK(error_of(nested(33)) ==
        "t.yaml:1:35: error: nesting deeper than 32 levels (raise it with --limit max_depth=N)");
  CHECK(error_of(nested(5), with_depth(5)).empty());
  CHECK(error_of(nested(6), with_depth(5)) ==
        "t.yaml:1:8: error: nesting deeper than 5 levels (raise it with --limit max_depth=N)");
  CHECK(error_of("a:\n  b:\n    c: 1\n", with_depth(2)) ==
        "t.yaml:3:5: error: nesting deeper than 2 levels (raise it with --limit max_depth=N)");
  try {
    documents(nested(6), with_depth(5));
  } catch (const sbc::InputError& e) {
    CHECK(e.diagnostic().message.zh == "嵌套深度超过上限 5（可用 --limit max_depth=N 放宽）");
  }
}

TEST_CASE("documents: an alias of the node that contains it throws instead of looping") {
  CHECK(error_of("a: &x [*x]\n") ==
        "t.yaml:1:8: error: alias refers to a node that contains it or is not complete");
  CHECK(error_of("a: &x {b: *x}\n") ==
        "t.yaml:1:11: error: alias refers to a node that contains it or is not complete");
  CHECK(error_of("a: *nope\n") ==
        "t.yaml:1:4: error: YAML syntax error: the referenced anchor is not defined");
}

TEST_CASE("documents: a complete alias is expanded in place") {
  sbc::Document doc = only_document("a: &x [1, {b: 2}]\nc: *x\n");
  const sbc::Node& c = *doc.root.find("c");
  REQUIRE(c.children.size() == 2);
  CHECK(c.children[1].find("b")->scalar == "2");
  CHECK(c.mark.line == 2);  // where the alias is, not where its anchor was
}

TEST_CASE("documents: an alias bomb throws on max_nodes before it costs memory") {
  CHECK(error_of(alias_bomb())
            .find(": error: document has more than 200000 nodes, aliases expanded (raise it with "
                  "--limit max_nodes=N)") != std::string::npos);
  CHECK(error_of(alias_bomb()).rfind("t.yaml:", 0) == 0);
  sbc::Limits three;
  three.max_nodes = 3;
  CHECK(error_of("a: 1\n", three).empty());  // a map, a key and a value
  CHECK(error_of("a: 1\nb: 2\n", three).find("more than 3 nodes") != std::string::npos);
  CHECK(error_of("a: &x [1]\nb: *x\n", three).find("more than 3 nodes") != std::string::npos);
}

TEST_CASE("documents: the stream is finished after an error") {
  std::istringstream in("a: &x [*x]\n---\nb: 1\n");
  sbc::DocumentStream stream(in, "t.yaml");
  sbc::Document doc;
  CHECK_THROWS_AS(stream.next(doc), sbc::InputError);
  CHECK(!stream.next(doc));
}

TEST_CASE("documents: a syntax error throws with its line and column") {
  CHECK(error_of("a: {b: 1\n") ==
        "t.yaml:2:1: error: YAML syntax error: end of map flow not found");
  CHECK(error_of("a: 1\n  b: 2\n") == "t.yaml:2:4: error: YAML syntax error: illegal map value");
  CHECK(error_of("x: [1, 2]\n]\n") == "t.yaml:2:1: error: YAML syntax error: illegal flow end");
  CHECK(error_of("a: 1\n---\nb: [\n").rfind("t.yaml:", 0) == 0);  // in the second document
}

TEST_CASE("documents: a quoted string left open is an error (yaml-cpp closes it silently)") {
  CHECK(error_of("applicant:\n  name: '开放\n") ==
        "t.yaml:2:9: error: the quoted string is never closed");
  CHECK(error_of("a: \"open\n") == "t.yaml:1:4: error: the quoted string is never closed");
  CHECK(error_of("a: 'it''s'\nb: \"a\\\"b\"\n").empty());
  CHECK(error_of("a: |\n  \"a quote inside a block\n").empty());
}

TEST_CASE("documents: a bad byte is found wherever it sits in a value, long or short") {
  for (const char* bad : {"\x01", "\x1f", "\x7f", "\xff", "\xc3"}) {
    for (size_t at = 0; at < 20; ++at) {
      std::string value(20, 'x');
      value.replace(at, 1, bad);
      sbc::Document doc = only_document("a: \"" + value + "\"\n");
      CHECK_MESSAGE(doc.problems.size() == 1, "byte ",
                    static_cast<int>(static_cast<unsigned char>(bad[0])), " at ", at);
    }
  }
  CHECK(only_document("a: \"tab\tand newline\\n are text, 中文 too\"\n").problems.empty());
}

TEST_CASE("documents: text known to be UTF-8 is checked for control characters alone") {
  // A CSV file's cells: the file was checked whole, so only a control character is news.
  for (const char* bad : {"\x01", "\x1f", "\x7f"}) {
    for (size_t at = 0; at < 36; ++at) {
      std::string value = "企业" + std::string(36, 'x') + "名称";
      value.replace(6 + at, 1, bad);
      std::string want = bad[0] == '\x7f'   ? "control character U+007F"
                         : bad[0] == '\x01' ? "control character U+0001"
                                            : "control character U+001F";
      CHECK_MESSAGE(sbc::bad_text_in_utf8(value) == want, "byte ",
                    static_cast<int>(static_cast<unsigned char>(bad[0])), " at ", at);
      CHECK(sbc::bad_text(value) == want);  // the same answer as the full check
    }
  }
  CHECK(sbc::bad_text_in_utf8("山东省，济南市\t第 1 行\n第 2 行\r").empty());
  CHECK(sbc::bad_text_in_utf8(std::string(30, 'x')).empty());
}

TEST_CASE("bytes: the first marked byte is found at every place, from every place") {
  // first_marked looks at 16 bytes at a time, the last block overlapping the one before, and
  // pads text under 16 bytes with spaces: each mark at each place of 0 to 48 bytes, looked for
  // from each place.
  auto first_marked = [](const std::string& s, auto marked, size_t from) {
    for (size_t i = from; i < s.size(); ++i) {
      sbc::Block b = sbc::Block{} + ' ';
      b[0] = static_cast<unsigned char>(s[i]);
      if (sbc::set_bytes(marked(b)) & 1u) return i;
    }
    return s.size();
  };
  for (size_t size = 0; size <= 48; ++size) {
    for (size_t at = 0; at <= size; ++at) {  // at == size: nothing marked
      for (char c : {'"', '\\', '\x01', '\x1f', '\x7f', '\x80', '\xe4', ',', '\n', '\r'}) {
        std::string s(size, 'a');
        if (at < size) s[at] = c;
        if (at + 1 < size) s[at + 1] = c;  // a second one after it: the first is found
        INFO("size ", size, " byte ", static_cast<int>(static_cast<unsigned char>(c)), " at ", at);
        auto check = [&](auto marked) {
          for (size_t from = 0; from <= size; ++from)
            CHECK(sbc::first_marked(s, marked, from) == first_marked(s, marked, from));
        };
        check(sbc::json_special);
        check(sbc::control_character);
        check(sbc::not_ascii);
        check(sbc::csv_cell_end);
      }
    }
  }
  const std::string_view breaks = "tab\tline\nreturn\r, all text";
  CHECK(sbc::first_marked(breaks, sbc::control_character) == breaks.size());
  CHECK(sbc::first_marked("\"", sbc::json_special) == 0);
  CHECK(sbc::first_marked("a,b,c", sbc::csv_cell_end, 2) == 3);
}

TEST_CASE("utf8: the first invalid byte of a file is found wherever it sits among ASCII runs") {
  // A CSV file is checked 16 ASCII bytes at a time: a bad byte in any lane, or a character cut
  // at the end, is still found at its own place.
  for (size_t at = 0; at < 40; ++at) {
    std::string text(40, 'x');
    text[at] = '\xff';
    CHECK_MESSAGE(sbc::invalid_utf8_at(text) == at, "0xFF at ", at);
    std::string chinese(40, 'x');
    chinese.replace(at, 3, "中");
    CHECK_MESSAGE(sbc::invalid_utf8_at(chinese) == std::string_view::npos, "中 at ", at);
    CHECK_MESSAGE(sbc::invalid_utf8_at(std::string(at, 'x') + "\xe4\xb8") == at, "cut at ", at);
  }
  CHECK(sbc::invalid_utf8_at("") == std::string_view::npos);
  CHECK(sbc::invalid_utf8_at("12345678\xc0\xaf") == 8);  // an overlong '/'
}

TEST_CASE("documents: bad bytes and oversized values are problems, not output") {
  sbc::Document doc = only_document(std::string("a: x\x01y\nb: \xff\n", 12));
  REQUIRE(doc.problems.size() == 2);
  CHECK(doc.problems[0].message.en == "value holds control character U+0001");
  CHECK(doc.problems[0].mark.line == 1);
  CHECK(doc.problems[1].message.en == "value holds invalid UTF-8 at byte 1 of the value (0xFF)");
  CHECK(doc.problems[1].mark.line == 2);
  // Strict UTF-8 (utf8proc): an overlong "/", a surrogate and a code point past U+10FFFF are as
  // invalid as a stray byte, and the message gives the byte's place in the value.
  for (const auto& [bad, byte] : {std::pair<std::string, const char*>{"\xC0\xAF", "0xC0"},
                                  {"\xED\xA0\x80", "0xED"},
                                  {"\xF4\x90\x80\x80", "0xF4"}}) {
    sbc::Document strict = only_document("a: \"中" + bad + "文\"\n");
    REQUIRE(strict.problems.size() == 1);
    CHECK(strict.problems[0].message.en ==
          std::string("value holds invalid UTF-8 at byte 4 of the value (") + byte + ")");
  }
  CHECK(only_document("a: \"\xF4\x8F\xBF\xBF\"\n")
            .problems.empty());               // U+10FFFF itself is a code point
  CHECK(doc.root.find("a")->scalar.empty());  // the bytes are not kept
  sbc::Limits small;
  small.max_scalar_bytes = 8;
  sbc::Document big = only_document("a: 123456789\nb: 12345678\n", small);
  REQUIRE(big.problems.size() == 1);
  CHECK(big.problems[0].message.en ==
        "value of 9 bytes exceeds the limit of 8 (raise it with --limit max_scalar_bytes=N)");
  CHECK(big.problems[0].mark.line == 1);
  CHECK(big.root.find("b")->scalar == "12345678");
}

TEST_CASE("documents: yaml-cpp's endless null documents on a stray comma end the stream") {
  // yaml-cpp 0.7 returns a document for "," forever without consuming it; read to the end,
  // the stream must stop with a located error instead of looping.
  CHECK(error_of(",") ==
        "t.yaml:1:1: error: the YAML parser makes no progress here (a stray comma?)");
}

TEST_CASE("documents: a node tree survives encode and decode") {
  sbc::Document doc = only_document("a: [1, \"two\", {c: ~}]\nd: 是\n");
  sbc::Node back = sbc::decode(sbc::encode(doc.root));
  CHECK(sbc::encode(back) == sbc::encode(doc.root));
  CHECK(back.find("d")->scalar == "是");
  CHECK(back.find("d")->mark.line == 2);
  CHECK(back.find("a")->children[1].plain == false);
  CHECK(back.find("a")->children[2].find("c")->kind == sbc::Node::Kind::null);
  CHECK_THROWS_AS(sbc::decode("M1,1,0:;5,"), std::invalid_argument);
  CHECK_THROWS_AS(sbc::decode(sbc::encode(doc.root) + "x"), std::invalid_argument);
  CHECK_THROWS_AS(sbc::decode(""), std::invalid_argument);
}

TEST_CASE("limits: set by name") {
  sbc::Limits limits;
  CHECK(limits.set("max_depth=8"));
  CHECK(limits.max_depth == 8);
  CHECK(limits.set("max_nodes=10"));
  CHECK(limits.max_nodes == 10);
  CHECK(limits.set("max_scalar_bytes=100"));
  CHECK(limits.max_scalar_bytes == 100);
  CHECK(!limits.set("max_depth=0"));
  CHECK(!limits.set("max_depht=8"));
  CHECK(!limits.set("max_nodes=-1"));
  CHECK(!limits.set("max_nodes=1e3"));
  CHECK(!limits.set("max_nodes"));
  CHECK(!limits.set("max_nodes="));
  CHECK(limits.max_nodes == 10);  // a refused assignment changes nothing
}
