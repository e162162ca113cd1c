// Where cases come from: files, directories, standard input; read one document at a time.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "sbc/case.hpp"

namespace sbc {

// Expands the command line's inputs in order: "-" stays (standard input), a directory becomes
// every *.yaml / *.yml below it in name order, anything else stays as given (a missing file is
// reported when read, so the rest of the batch still runs).
std::vector<std::string> expand_inputs(const std::vector<std::string>& args);

// Reads every case of one input, calling `sink` with each as soon as it is read, so memory stays
// flat. An input that cannot be read at all gives one Case whose problems say why.
void read_cases(const std::string& input, std::istream& standard_input, const ReadOptions& options,
                const std::function<void(Case&&)>& sink);

}  // namespace sbc
