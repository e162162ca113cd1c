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

}  // namespace sbc
