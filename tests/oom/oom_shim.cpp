// An LD_PRELOAD shim for the out-of-memory test (tests/oom_check.sh): the Nth allocation after
// main() starts (SBC_OOM_FAIL_AT=N) fails, once: malloc, calloc or realloc returns NULL, operator
// new throws std::bad_alloc. Static initialisers, which no program can guard, are left alone:
// counting starts when __libc_start_main calls main. With SBC_OOM_COUNT set, the number of
// allocations made after main() started is printed to standard error at exit, so the test knows
// how many there are to fail. glibc only.
//
// The tools allocate with mimalloc, whose operator new does not go through malloc, so the shim
// replaces operator new as well as malloc, and takes each one's memory from the allocator under
// it: __libc_malloc and free are mimalloc's when the tool links it (it exports both) and glibc's
// when it does not. Each allocation is counted once either way.
#include <dlfcn.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
}

namespace {

long fail_at = -1;
long count = 0;
bool armed = false;

// Whether this allocation fails; a failed one sets errno as the real allocator does.
bool should_fail() {
  if (!armed || ++count != fail_at) return false;
  errno = ENOMEM;
  return true;
}

void* counted(size_t n) {
  return should_fail() ? nullptr : __libc_malloc(n == 0 ? 1 : n);
}

using main_fn = int (*)(int, char**, char**);
main_fn real_main;

void report() {
  if (std::getenv("SBC_OOM_COUNT")) std::fprintf(stderr, "oom-shim: %ld allocations\n", count);
}

int counted_main(int argc, char** argv, char** envp) {
  const char* n = std::getenv("SBC_OOM_FAIL_AT");
  fail_at = n ? std::atol(n) : -1;
  std::atexit(report);
  armed = true;
  return real_main(argc, argv, envp);
}

using start_fn = int (*)(main_fn, int, char**, void (*)(), void (*)(), void (*)(), void*);

}  // namespace

extern "C" {

void* malloc(size_t n) {
  return should_fail() ? nullptr : __libc_malloc(n);
}
void* calloc(size_t a, size_t b) {
  return should_fail() ? nullptr : __libc_calloc(a, b);
}
void* realloc(void* p, size_t n) {
  return should_fail() ? nullptr : __libc_realloc(p, n);
}

int __libc_start_main(main_fn main, int argc, char** argv, void (*init)(), void (*fini)(),
                      void (*rtld_fini)(), void* stack_end) {
  void* found = dlsym(RTLD_NEXT, "__libc_start_main");
  start_fn next;
  std::memcpy(&next, &found, sizeof next);  // POSIX's way from an object pointer to a function's
  real_main = main;
  return next(counted_main, argc, argv, init, fini, rtld_fini, stack_end);
}

}  // extern "C"

// operator new and delete, but for the aligned forms: they stay the allocator's own, in pairs.
void* operator new(size_t n) {
  if (void* p = counted(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](size_t n) {
  return operator new(n);
}
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  return counted(n);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  return counted(n);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
