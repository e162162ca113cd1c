// Reads one test of a rule pack (a condition's `test:`, a note's or a material's `when:`), checking
// every fact path against the case format and every operand against its fact's type (private to
// rules/).
#pragma once

#include <string>

#include "sbc/input/document.hpp"
#include "sbc/model/schema.hpp"
#include "sbc/rules/rules.hpp"

namespace sbc {

// The test at `node`, whose fact paths are relative to `scope` (the case, or a list's item inside
// any_item). `path` is its key path in the pack, for messages. Throws InputError at the first
// problem, located in `origin`.
Predicate load_predicate(const Node& node, const Field& scope, const std::string& path,
                         const std::string& origin);

}  // namespace sbc
