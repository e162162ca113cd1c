#include "base/spool.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace sbc {

Spool::Spool(size_t buffer) : file_(std::tmpfile()) {
  if (file_ && buffer > BUFSIZ) {
    buffer_ = std::make_unique<char[]>(buffer);
    std::setvbuf(file_, buffer_.get(), _IOFBF, buffer);
  }
}

Spool::~Spool() {
  if (file_) std::fclose(file_);
}

void Spool::write(const void* p, size_t n) {
  if (n == 0) return;
  if (!file_) {
    memory_.append(static_cast<const char*>(p), n);
    return;
  }
  // One thread uses a spool: no lock per call.
  if (fwrite_unlocked(p, 1, n, file_) != n)
    throw std::runtime_error("cannot write a temporary file (is the disk full?)");
}

void Spool::read(void* p, size_t n) {
  if (n == 0) return;
  if (!file_) {
    if (memory_.size() - read_at_ < n) throw std::runtime_error("a temporary file ended early");
    std::memcpy(p, memory_.data() + read_at_, n);
    read_at_ += n;
    return;
  }
  if (fread_unlocked(p, 1, n, file_) != n) throw std::runtime_error("a temporary file ended early");
}

void Spool::put(std::uint64_t n) {
  write(&n, sizeof n);
}

void Spool::put(std::string_view s) {
  put(static_cast<std::uint64_t>(s.size()));
  write(s.data(), s.size());
}

void Spool::rewind() {
  if (file_) {
    std::fflush(file_);
    std::rewind(file_);
  }
  read_at_ = 0;
}

std::uint64_t Spool::get_number() {
  std::uint64_t n = 0;
  read(&n, sizeof n);
  return n;
}

void Spool::get_string(std::string& into) {
  std::uint64_t n = get_number();
  into.resize(n);
  read(into.data(), n);
}

void Spool::skip(std::uint64_t n) {
  if (n == 0) return;
  if (!file_) {
    if (memory_.size() - read_at_ < n) throw std::runtime_error("a temporary file ended early");
    read_at_ += n;
    return;
  }
  // Within the buffer, read past it (a seek drops the buffer); beyond it, seek.
  if (n <= BUFSIZ) {
    char scratch[BUFSIZ];
    read(scratch, n);
  } else if (std::fseek(file_, static_cast<long>(n), SEEK_CUR) != 0) {
    throw std::runtime_error("a temporary file ended early");
  }
}

}  // namespace sbc
