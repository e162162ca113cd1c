// A zip archive made in memory, with libzip loaded when the first one is made (a .docx is a zip of
// a few XML parts): a one-case check does not pay for it, as it does not pay for libxlsxwriter or
// Pango (private to package/).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sbc {

struct ZipEntry {
  std::string name;  // the path inside the archive
  std::string data;
};

// The archive's bytes, its entries in the order given, each deflated and stamped with `dos_date`
// and `dos_time` (MS-DOS format: no time zone, so the same entries give the same bytes anywhere).
// std::nullopt with `why` set when libzip cannot be loaded or fails.
std::optional<std::string> zip_archive(const std::vector<ZipEntry>& entries, unsigned dos_date,
                                       unsigned dos_time, std::string& why);

}  // namespace sbc
