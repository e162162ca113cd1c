// A temporary file of records, written once and read back in order: what a round holds back
// until its last case has been judged stays on disk, so memory does not grow with the batch.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace sbc {

class Spool {
 public:
  // A temporary file (std::tmpfile) written and read through a buffer of `buffer` bytes, or
  // memory when no file can be made.
  explicit Spool(size_t buffer = 4096);
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  void put(std::uint64_t n);
  void put(std::string_view s);  // its length, then its bytes
  // Ends writing and starts reading from the first record.
  void rewind();
  std::uint64_t get_number();
  // Reads a string into `into`, reusing its memory.
  void get_string(std::string& into);
  // Skips `n` bytes.
  void skip(std::uint64_t n);

 private:
  void write(const void* p, size_t n);
  void read(void* p, size_t n);
  std::FILE* file_ = nullptr;
  std::unique_ptr<char[]> buffer_;  // stdio's, given to it: glibc ignores a size without one
  std::string memory_;              // used when there is no file
  size_t read_at_ = 0;
};

}  // namespace sbc
