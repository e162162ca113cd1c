/* An LD_PRELOAD shim for the out-of-memory test (tests/oom_check.sh): the Nth malloc, calloc or
 * realloc after main() starts (SBC_OOM_FAIL_AT=N) returns NULL, once. Static initialisers, which
 * no program can guard, are left alone: counting starts when __libc_start_main calls main.
 * With SBC_OOM_COUNT set, the number of allocations made after main() started is printed to
 * standard error at exit, so the test knows how many there are to fail. glibc only. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void* __libc_malloc(size_t);
extern void* __libc_calloc(size_t, size_t);
extern void* __libc_realloc(void*, size_t);

static long fail_at = -1;
static long count = 0;
static int armed = 0;

/* Whether this allocation fails; a failed one sets errno as the real allocator does. */
static int should_fail(void) {
  if (!armed || ++count != fail_at) return 0;
  errno = ENOMEM;
  return 1;
}

void* malloc(size_t n) {
  return should_fail() ? NULL : __libc_malloc(n);
}
void* calloc(size_t a, size_t b) {
  return should_fail() ? NULL : __libc_calloc(a, b);
}
void* realloc(void* p, size_t n) {
  return should_fail() ? NULL : __libc_realloc(p, n);
}

typedef int (*main_fn)(int, char**, char**);
static main_fn real_main;

static void report(void) {
  if (getenv("SBC_OOM_COUNT")) fprintf(stderr, "oom-shim: %ld allocations\n", count);
}

static int counted_main(int argc, char** argv, char** envp) {
  const char* n = getenv("SBC_OOM_FAIL_AT");
  fail_at = n ? atol(n) : -1;
  atexit(report);
  armed = 1;
  return real_main(argc, argv, envp);
}

typedef int (*start_fn)(main_fn, int, char**, void (*)(void), void (*)(void), void (*)(void),
                        void*);

int __libc_start_main(main_fn main, int argc, char** argv, void (*init)(void), void (*fini)(void),
                      void (*rtld_fini)(void), void* stack_end) {
  void* found = dlsym(RTLD_NEXT, "__libc_start_main");
  start_fn next;
  memcpy(&next, &found, sizeof next); /* POSIX's way from an object pointer to a function's */
  real_main = main;
  return next(counted_main, argc, argv, init, fini, rtld_fini, stack_end);
}
