#include "sbc/document.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <vector>

namespace {
std::vector<sbc::Document> documents(const std::string& yaml, sbc::Limits limits = {}) {
  std::istringstream in(yaml);
  sbc::DocumentStream stream(in, "t.yaml", limits);
  std::vector<sbc::Document> out;
  sbc::Document doc;
  while (stream.next(doc)) out.push_back(doc);
  return out;
}
std::string error_of(const std::string& yaml, sbc::Limits limits = {}) {
  try {
    documents(yaml, limits);
  } catch (const sbc::InputError& e) {
    return sbc::format_gnu(e.diagnostic(), sbc::Lang::en);
  }
  return "";
}
}  // namespace

TEST_CASE("documents: several per stream, 1-based marks") {
  auto docs = documents("a: 1\n---\nb: [x, y]\n");
  REQUIRE(docs.size() == 2);
  CHECK(docs[1].index == 1);
  const sbc::Node* b = docs[1].root.find("b");
  REQUIRE(b);
  CHECK(b->kind == sbc::Node::Kind::sequence);
  CHECK(b->children[1].scalar == "y");
  CHECK(b->children[1].mark.line == 3);
  CHECK(b->children[1].mark.column == 8);
  CHECK(documents("q: \"123\"\n")[0].root.find("q")->plain == false);
}

TEST_CASE("documents: a duplicate key is a problem at its place, the first value kept") {
  auto docs = documents("software:\n  rd_spend: 1\n  rd_spend: 2\n");
  REQUIRE(docs[0].problems.size() == 1);
  CHECK(docs[0].problems[0].mark.line == 3);
  CHECK(docs[0].problems[0].mark.column == 3);
  CHECK(docs[0].problems[0].message.en == "duplicate key 'rd_spend' (first at line 2)");
  CHECK(docs[0].root.find("software")->find("rd_spend")->scalar == "1");
}

TEST_CASE("documents: limits and aliases cannot exhaust the reader") {
  sbc::Limits limits;
  limits.max_depth = 5;
  CHECK(error_of("a: [[[[1]]]]\n", limits).empty());
  CHECK(error_of("a: [[[[[1]]]]]\n", limits) == "t.yaml:1:8: error: nesting deeper than 5 levels (raise it with --limit max_depth=N)");
  CHECK(error_of("a: &x [*x]\n").find("alias refers to a node that contains it") != std::string::npos);
  std::string laughs = "a: &a [x,x,x,x,x,x,x,x,x,x]\n";
  for (char c = 'b'; c <= 'h'; ++c)
    laughs += std::string(1, c) + ": &" + c + " [" + std::string("*") + char(c - 1) + ",*" + char(c - 1) + ",*" +
              char(c - 1) + ",*" + char(c - 1) + ",*" + char(c - 1) + ",*" + char(c - 1) + ",*" + char(c - 1) + ",*" +
              char(c - 1) + ",*" + char(c - 1) + ",*" + char(c - 1) + "]\n";
  CHECK(error_of(laughs).find("more than 200000 nodes") != std::string::npos);
  CHECK(error_of("a: {b: 1\n").find("t.yaml:2:1: error: YAML syntax error") == 0);
}

TEST_CASE("documents: bad bytes in a value are a problem, not output") {
  auto docs = documents(std::string("a: x\x01y\nb: \xff\n", 12));
  REQUIRE(docs[0].problems.size() == 2);
  CHECK(docs[0].problems[0].message.en == "value holds control character U+0001");
  CHECK(docs[0].problems[1].message.en == "value holds invalid UTF-8");
}

TEST_CASE("documents: a node tree survives encode and decode") {
  auto docs = documents("a: [1, \"two\", {c: ~}]\nd: 是\n");
  sbc::Node back = sbc::decode(sbc::encode(docs[0].root));
  CHECK(sbc::encode(back) == sbc::encode(docs[0].root));
  CHECK(back.find("d")->scalar == "是");
  CHECK(back.find("a")->children[1].plain == false);
  CHECK_THROWS_AS(sbc::decode("M1,1,0:;5,"), std::invalid_argument);
}

TEST_CASE("limits: set by name") {
  sbc::Limits limits;
  CHECK(limits.set("max_depth=8"));
  CHECK(limits.max_depth == 8);
  CHECK(!limits.set("max_depth=0"));
  CHECK(!limits.set("max_depht=8"));
  CHECK(!limits.set("max_nodes=-1"));
}

TEST_CASE("documents: yaml-cpp's endless null documents on a stray comma end the stream") {
  // yaml-cpp 0.7 returns a document for "," forever without consuming it; read to the end,
  // the stream must stop with a located error instead of looping.
  CHECK(error_of(",") == "t.yaml:1:1: error: the YAML parser makes no progress here (a stray comma?)");
}
