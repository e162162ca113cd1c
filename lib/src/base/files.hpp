// Writing a file whole or not at all (private to the library).
#pragma once

#include <optional>
#include <string>

namespace sbc {

// Writes `text` to `path` through a temporary file in the same folder and a rename, so that the
// file is always either the old or the new text, whatever happens to the process. Keeps the old
// file's permissions. Returns why it failed, if it did.
std::optional<std::string> write_atomically(const std::string& path, const std::string& text);

}  // namespace sbc
