// A string read in place through an istream, which is what yaml-cpp reads: an istringstream
// would first copy the whole text (one allocation of its size for every case of a batch).
#pragma once

#include <streambuf>
#include <string_view>

namespace sbc {

class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // the get area is only read
    setg(begin, begin, begin + text.size());
  }
};

}  // namespace sbc
