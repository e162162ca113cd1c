#include "base/sha256.hpp"

#include <sha2.h>

namespace sbc {

std::string sha256_hex(std::string_view text) {
  char hex[SHA256_DIGEST_STRING_LENGTH];
  SHA256Data(reinterpret_cast<const uint8_t*>(text.data()), text.size(), hex);
  return hex;
}

}  // namespace sbc
