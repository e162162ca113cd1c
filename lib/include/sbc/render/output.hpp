// What every renderer is told: the format asked for and how to write it for people.
#pragma once

#include <string>

#include "sbc/base/text.hpp"

namespace sbc {

enum class Format { text, json, jsonl, csv, markdown, junit, sarif, github, xlsx, html };

struct OutputOptions {
  Format format = Format::text;
  Lang lang = Lang::zh;
  bool explain = false;  // text: every condition with its facts and clause
  bool quiet = false;    // text: verdict lines only
  bool color = false;    // text: colour the verdict (the caller decides if the terminal wants it)
  std::string file;      // xlsx: the workbook to write (a file, never a stream)
  std::string command_line;  // xlsx: for the decision record
};

}  // namespace sbc
