// The batch loop every tool shares: cases streamed from the inputs, judged on N workers, printed
// in input order. Memory is bounded by the cases in flight, not by the size of the batch.
#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/case.hpp"
#include "sbc/exit_status.hpp"

namespace sbc {

// What a tool made of one case: its output, ready to print, and its exit status.
struct Rendered {
  std::string output;
  ExitStatus status = ExitStatus::ok;
};

struct BatchOptions {
  ReadOptions read;
  int jobs = 1;             // workers; 1 judges on the calling thread
  bool json_array = false;  // wrap the outputs as the elements of one JSON array
};

// Runs `judge` on every case of `inputs` (see expand_inputs) and writes each output to `out` in
// input order. `judge` is called concurrently when jobs > 1 and must be thread-safe. Returns the
// worst status; an error status when no input held a case.
ExitStatus run_batch(const std::vector<std::string>& inputs, const BatchOptions& options, std::istream& in,
                     std::ostream& out, const std::function<Rendered(Case&&)>& judge);

}  // namespace sbc
