// SHA-256 of a text, as 64 lowercase hex digits (OpenSSL's libcrypto does the hashing). A verdict
// names its rule pack's hash so that it can be reproduced with the very same rules years later.
#pragma once

#include <string>
#include <string_view>

namespace sbc {

std::string sha256_hex(std::string_view text);

}  // namespace sbc
