#include "package/zip_archive.hpp"

#include <zip.h>

#include <cstdio>
#include <memory>
#include <mutex>

#include "base/loaded_library.hpp"

namespace sbc {
namespace {

struct ZipLibrary {
// clang-format off: one function a line
#define SBC_ZIP_FUNCTIONS(X)  \
  X(zip_error_init)           \
  X(zip_error_fini)           \
  X(zip_error_strerror)       \
  X(zip_source_buffer_create) \
  X(zip_source_buffer)        \
  X(zip_source_keep)          \
  X(zip_source_free)          \
  X(zip_source_open)          \
  X(zip_source_read)          \
  X(zip_source_seek)          \
  X(zip_source_tell)          \
  X(zip_source_close)         \
  X(zip_open_from_source)     \
  X(zip_file_add)             \
  X(zip_file_set_dostime)     \
  X(zip_set_file_compression) \
  X(zip_close)                \
  X(zip_discard)              \
  X(zip_strerror)
  // clang-format on
#define SBC_ZIP_MEMBER(name) decltype(&::name) name = nullptr;
  SBC_ZIP_FUNCTIONS(SBC_ZIP_MEMBER)
#undef SBC_ZIP_MEMBER
};

const ZipLibrary* libzip(std::string& why) {
  static ZipLibrary lib;
  static std::string error;
  static std::once_flag once;
  std::call_once(once, [] {
    LoadedLibrary so({"libzip.so.4", "libzip.so.5"}, "libzip");
#define SBC_ZIP_LOAD(name) so.bind(lib.name, #name);
    SBC_ZIP_FUNCTIONS(SBC_ZIP_LOAD)
#undef SBC_ZIP_LOAD
    error = so.error();
  });
  why = error;
  return error.empty() ? &lib : nullptr;
}

// The archive's entries added to `archive`; false with `why` set on the first that fails.
bool add_entries(const ZipLibrary& z, zip_t* archive, const std::vector<ZipEntry>& entries,
                 unsigned dos_date, unsigned dos_time, std::string& why) {
  for (const ZipEntry& e : entries) {
    zip_source_t* data = z.zip_source_buffer(archive, e.data.data(), e.data.size(), 0);
    zip_int64_t index =
        data ? z.zip_file_add(archive, e.name.c_str(), data, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)
             : -1;
    if (index < 0) {
      if (data) z.zip_source_free(data);
      why = z.zip_strerror(archive);
      return false;
    }
    auto i = static_cast<zip_uint64_t>(index);
    if (z.zip_file_set_dostime(archive, i, static_cast<zip_uint16_t>(dos_time),
                               static_cast<zip_uint16_t>(dos_date), 0) != 0 ||
        z.zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 9) != 0) {
      why = z.zip_strerror(archive);
      return false;
    }
  }
  return true;
}

// What the in-memory source holds once the archive is closed.
std::optional<std::string> source_bytes(const ZipLibrary& z, zip_source_t* source) {
  if (z.zip_source_open(source) != 0) return std::nullopt;
  std::optional<std::string> bytes;
  if (z.zip_source_seek(source, 0, SEEK_END) == 0) {
    zip_int64_t size = z.zip_source_tell(source);
    if (size >= 0 && z.zip_source_seek(source, 0, SEEK_SET) == 0) {
      std::string out(static_cast<size_t>(size), '\0');
      if (z.zip_source_read(source, out.data(), out.size()) == size) bytes = std::move(out);
    }
  }
  z.zip_source_close(source);
  return bytes;
}

}  // namespace

std::optional<std::string> zip_archive(const std::vector<ZipEntry>& entries, unsigned dos_date,
                                       unsigned dos_time, std::string& why) {
  const ZipLibrary* z = libzip(why);
  if (z == nullptr) return std::nullopt;
  zip_error_t error;
  z->zip_error_init(&error);
  zip_source_t* source = z->zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = source ? z->zip_open_from_source(source, ZIP_TRUNCATE, &error) : nullptr;
  if (archive == nullptr) {
    why = z->zip_error_strerror(&error);
    z->zip_error_fini(&error);
    if (source) z->zip_source_free(source);
    return std::nullopt;
  }
  z->zip_error_fini(&error);
  z->zip_source_keep(source);  // the bytes outlive the archive
  std::optional<std::string> bytes;
  if (!add_entries(*z, archive, entries, dos_date, dos_time, why)) {
    z->zip_discard(archive);
  } else if (z->zip_close(archive) != 0) {
    why = z->zip_strerror(archive);
    z->zip_discard(archive);
  } else {
    bytes = source_bytes(*z, source);
    if (!bytes) why = "cannot read the archive back";
  }
  z->zip_source_free(source);
  return bytes;
}

}  // namespace sbc
