// JSON strings: every byte that needs an escape gets it, wherever it sits in the 8-byte blocks
// the writer skips through, and everything else is copied as it is (UTF-8 included).
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "sbc/base/json.hpp"

using sbc::json_quote;

namespace {
// The escape of one byte, written out the slow way.
std::string escaped(char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default: {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
      return buf;
    }
  }
}
}  // namespace

TEST_CASE("json: plain text and UTF-8 are copied as they are") {
  CHECK(json_quote("") == "\"\"");
  CHECK(json_quote("abc") == "\"abc\"");
  CHECK(json_quote("注册地：山东；独立法人：是") == "\"注册地：山东；独立法人：是\"");
  CHECK(json_quote("0123456789abcdefghijklmnopqrstuvwxyz") ==
        "\"0123456789abcdefghijklmnopqrstuvwxyz\"");
  CHECK(json_quote("\x7f~ ") == "\"\x7f~ \"");  // DEL, tilde and space need no escape
}

TEST_CASE("json: each byte that needs an escape gets it at every position of a block") {
  const std::string special = std::string("\"\\\n\r\t\x01\x1f", 7) + std::string(1, '\0');
  for (char c : special) {
    for (size_t at = 0; at < 20; ++at) {
      std::string text(20, 'x');
      text[at] = c;
      std::string want =
          "\"" + std::string(at, 'x') + escaped(c) + std::string(19 - at, 'x') + "\"";
      CHECK_MESSAGE(json_quote(text) == want, "byte ", static_cast<int>(c), " at ", at);
    }
  }
  CHECK(json_quote("山东\"济南\"") == "\"山东\\\"济南\\\"\"");
  CHECK(json_quote("a\"\"\"\"\"\"\"\"\"b") == "\"a\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"b\"");
}

TEST_CASE("json: the writer's keys and values") {
  sbc::JsonWriter w(false);
  w.begin_object()
      .key("a")
      .value("x\ty")
      .key("n")
      .value(12)
      .key("list")
      .strings({"1", "二"})
      .end_object();
  CHECK(w.str() == "{\"a\":\"x\\ty\",\"n\":12,\"list\":[\"1\",\"二\"]}");
  sbc::JsonWriter pretty(true);
  pretty.begin_object().key("a").null().end_object();
  CHECK(pretty.str() == "{\n  \"a\": null\n}");
}

TEST_CASE("json: the writer escapes what json_quote escapes, in keys and values of any length") {
  const std::string special = std::string("\"\\\n\r\t\x01\x1f", 7) + std::string(1, '\0');
  for (size_t length = 1; length <= 20; ++length) {
    for (char c : special) {
      for (size_t at = 0; at < length; ++at) {
        std::string text(length, 'x');
        text[at] = c;
        sbc::JsonWriter w(false);
        w.begin_object().key(std::string_view(text)).value(std::string_view(text)).end_object();
        CHECK_MESSAGE(w.str() == "{" + json_quote(text) + ":" + json_quote(text) + "}", "byte ",
                      static_cast<int>(c), " at ", at, " of ", length);
      }
    }
    std::string clean(length, 'y');  // no escape, the tail checked in its last 8 bytes
    sbc::JsonWriter w(false);
    w.value(std::string_view(clean));
    CHECK(w.str() == "\"" + clean + "\"");
  }
}

TEST_CASE("json: the writer's text grows past its first room, and str() can be taken midway") {
  sbc::JsonWriter w(true);
  std::string want = "[";
  w.begin_array();
  const std::string long_value(10000, 'z');  // longer than the room the writer starts with
  for (int i = 0; i < 3; ++i) {
    w.value(long_value).value(i).value(true);
    want += std::string(i == 0 ? "" : ",") + "\n  \"" + long_value + "\",\n  " + std::to_string(i) +
            ",\n  true";
    CHECK(w.str() == want);  // the text so far; writing goes on after it
  }
  w.end_array();
  CHECK(w.release() == want + "\n]");
}
