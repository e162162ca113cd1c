// SHA-256 of a text, as 64 lowercase hex digits (libmd, BSD's message-digest functions, does the
// hashing). A verdict names its rule pack's hash so that it can be reproduced with the very same
// rules years later. The built-in packs' hashes are computed when the tools are built.
#pragma once

#include <string>
#include <string_view>

namespace sbc {

std::string sha256_hex(std::string_view text);

}  // namespace sbc
