// One problem found in an input, located the way a compiler locates it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "sbc/base/text.hpp"

namespace sbc {

// 1-based position in a file; 0 when unknown.
struct Mark {
  int line = 0;
  int column = 0;
};

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;
  Mark mark;
  std::string path;  // key path such as insurance.policies[0].rate; empty for the whole file
  Text message;
};

// "file:line:col: error: path: message", GNU style, for editors and CI.
std::string format_gnu(const Diagnostic& d, Lang lang);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

// The one exception type of the library: something that stops a whole input (an unreadable
// file, a bad rule pack, a bad option value). Caught once in each tool's main.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostic d) : std::runtime_error(d.message.en), diagnostic_(std::move(d)) {}
  const Diagnostic& diagnostic() const { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
};

}  // namespace sbc
