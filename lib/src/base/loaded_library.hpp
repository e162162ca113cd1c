// A shared library opened when a run first needs it (dlopen), and its functions bound by name: how
// the workbook's libxlsxwriter and the PDF's Pango and Cairo stay out of runs that do not use them
// (private to the library).
#pragma once

#include <dlfcn.h>

#include <initializer_list>
#include <string>

namespace sbc {

class LoadedLibrary {
 public:
  // The first of `files` that loads; `label` names the library in messages ("libxlsxwriter").
  LoadedLibrary(std::initializer_list<const char*> files, const char* label) : label_(label) {
    for (const char* file : files)
      if ((handle_ = dlopen(file, RTLD_NOW | RTLD_LOCAL)) != nullptr) return;
    const char* e = dlerror();
    error_ = e ? e : std::string(*files.begin()) + " not found";
  }

  // Sets `function` to the library's function `name` (or one of the libraries it brings in); the
  // first that is missing is the error.
  template <class Function>
  void bind(Function& function, const char* name) {
    if (handle_ == nullptr) return;
    function = reinterpret_cast<Function>(dlsym(handle_, name));
    if (function == nullptr && error_.empty()) error_ = std::string(label_) + " has no " + name;
  }

  // Empty when the library and every function bound are there. The library stays loaded.
  const std::string& error() const { return error_; }

 private:
  const char* label_;
  void* handle_ = nullptr;
  std::string error_;
};

}  // namespace sbc
