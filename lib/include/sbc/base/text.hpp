// Bilingual text: every message the tools print exists in Chinese and English.
#pragma once

#include <string>

namespace sbc {

enum class Lang { zh, en };

// A message in both languages; the renderer picks one.
struct Text {
  std::string zh;
  std::string en;

  const std::string& in(Lang lang) const { return lang == Lang::zh ? zh : en; }
  bool empty() const { return zh.empty() && en.empty(); }
};

// The languages a message is built in. An output shows one, and building only that one spares
// explaining half its cost (#30). Both by default: the 附3-2 package is in Chinese whatever --lang
// says, and a comparison or a pack's tests read both.
struct Languages {
  bool zh = true;
  bool en = true;

  static Languages only(Lang lang) { return {lang == Lang::zh, lang == Lang::en}; }
};

}  // namespace sbc
