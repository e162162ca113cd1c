#include "sbc/batch/batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

#include "base/spool.hpp"
#include "sbc/input/inputs.hpp"

namespace sbc {
namespace {

// The outputs of a group of documents handed to a worker together.
using Group = std::vector<Rendered>;

// A fixed set of threads running tasks in submission order.
class WorkerPool {
 public:
  explicit WorkerPool(int n) {
    try {
      for (int i = 0; i < n; ++i) threads_.emplace_back([this] { work(); });
    } catch (...) {  // a thread could not be made: join those that were, then report
      stop();
      throw;
    }
  }
  ~WorkerPool() { stop(); }
  void submit(std::packaged_task<Group()> task) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
  }

 private:
  void work() {
    for (;;) {
      std::packaged_task<Group()> task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<Group()>> tasks_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

// A case's output as the round holds it back (its entry has gone to the round). The fields are
// read back into a Rendered that is reused from case to case.
void put(Spool& s, const Rendered& r) {
  s.put(r.output);
  s.put(static_cast<std::uint64_t>(r.status));
  s.put(r.verdict);
  s.put(static_cast<std::uint64_t>(r.amount.fen));
  s.put(r.rows.size());
  for (const TableRow& row : r.rows) {
    s.put(static_cast<std::uint64_t>(row.sheet));
    s.put(row.cells.size());
    for (const Cell& c : row.cells) {
      s.put(static_cast<std::uint64_t>(c.kind));
      s.put(c.text);
      s.put(static_cast<std::uint64_t>(c.money.fen));
      s.put(static_cast<std::uint64_t>(c.date.days));
      s.put(static_cast<std::uint64_t>(c.number));
    }
  }
}

void get(Spool& s, Rendered& r) {
  s.get_string(r.output);
  r.status = static_cast<ExitStatus>(s.get_number());
  s.get_string(r.verdict);
  r.amount = Money{static_cast<std::int64_t>(s.get_number())};
  r.rows.resize(s.get_number());
  for (TableRow& row : r.rows) {
    row.sheet = static_cast<int>(s.get_number());
    row.cells.resize(s.get_number());
    for (Cell& c : row.cells) {
      c.kind = static_cast<Cell::Kind>(s.get_number());
      s.get_string(c.text);
      c.money = Money{static_cast<std::int64_t>(s.get_number())};
      c.date = Date{static_cast<int>(s.get_number())};
      c.number = static_cast<long long>(s.get_number());
    }
  }
}

// A round's outputs pass through a temporary file in blocks of this size: with stdio's 4 KiB,
// 10,000 cases of JSON cost 15,000 system calls and a tenth of a second.
constexpr size_t kOutputBuffer = 1 << 16;

// Prints outputs in order (as JSON array elements when asked) and keeps the tally; in a round,
// holds them back until the round is resolved.
class Printer {
 public:
  Printer(std::ostream& out, const BatchOptions& options) : out_(out), options_(options) {
    if (options_.json_array) out_ << "[";
    out_ << options_.header;
  }
  void print(Rendered&& r) {
    if (!options_.round) {
      emit(r);
      if (options_.on_progress) options_.on_progress(summary_.cases);
      return;
    }
    options_.round->add(r.round);
    if (!spool_) spool_.emplace(kOutputBuffer);
    put(*spool_, r);
    ++held_;
    if (options_.on_progress) options_.on_progress(held_);
  }
  // The round's outputs, now that it is resolved.
  void release() {
    if (!options_.round) return;
    options_.round->resolve();
    if (spool_) spool_->rewind();
    Rendered r;
    for (size_t ordinal = 0; ordinal < held_; ++ordinal) {
      get(*spool_, r);
      if (options_.finish) options_.finish(ordinal, r);
      emit(r);
    }
  }
  void emit(const Rendered& r) {
    summary_.status = worst(summary_.status, r.status);
    if (options_.deliver)
      options_.deliver(r);
    else if (!r.output
                  .empty()) {  // a case may print nothing (an unchanged case of --compare-rules)
      if (options_.json_array)
        out_ << (printed_ == 0 ? "\n  " : ",\n  ");
      else if (printed_ > 0)
        out_ << options_.separator;
      out_ << r.output;
      ++printed_;
    }
    ++summary_.cases;
    summary_.total = summary_.total + r.amount;
    auto it = std::find_if(summary_.verdicts.begin(), summary_.verdicts.end(),
                           [&](const auto& v) { return v.first == r.verdict; });
    if (it == summary_.verdicts.end())
      summary_.verdicts.emplace_back(r.verdict, 1);
    else
      ++it->second;
  }
  BatchSummary finish() {
    release();
    if (options_.json_array) out_ << (printed_ == 0 ? "]\n" : "\n]\n");
    out_.flush();
    if (summary_.cases == 0) summary_.status = ExitStatus::error;
    return summary_;
  }

 private:
  size_t printed_ = 0;
  std::ostream& out_;
  const BatchOptions& options_;
  BatchSummary summary_;
  std::optional<Spool> spool_;  // made with the first case of a round
  size_t held_ = 0;
};

using Judge = std::function<Rendered(Case&&)>;

// A document that could not be read or judged because something failed on the way (memory ran
// out, a temporary file could not be written): a case with that error, so that the rest of the
// batch goes on.
Case failed_case(const RawDocument& raw, const std::exception& e) {
  Case c;
  c.file = raw.file;
  c.index = raw.index;
  c.mark = Mark{raw.first_line, 1};
  Text why = dynamic_cast<const std::bad_alloc*>(&e)
                 ? Text{"内存不足，无法评估本案例", "out of memory: this case could not be judged"}
                 : Text{std::string("无法评估本案例：") + e.what(),
                        std::string("this case could not be judged: ") + e.what()};
  c.problems.push_back(Diagnostic{Severity::error, raw.file, c.mark, "", std::move(why)});
  return c;
}

// Parses and judges one document; a failure becomes the case's error. Judging that error can fail
// too (memory still short): then the exception goes on to the tool, which stops with a message.
Rendered judge_document(const RawDocument& raw, const ReadOptions& options, const Judge& judge) {
  try {
    return judge(parse_document(raw, options));
  } catch (const std::exception& e) {
    return judge(failed_case(raw, e));
  }
}

}  // namespace

std::string render_summary(const BatchSummary& s, Lang lang, bool with_total, double seconds) {
  bool zh = lang == Lang::zh;
  std::string out = fmt::format(fmt::runtime(zh ? "{} 个案例：" : "{} cases: "), s.cases);
  for (size_t i = 0; i < s.verdicts.size(); ++i)
    out += fmt::format("{}{} {}", i == 0 ? "" : ", ", s.verdicts[i].second, s.verdicts[i].first);
  if (with_total)
    out += fmt::format(fmt::runtime(zh ? "；补助合计 {}" : "; total subsidy {}"), yuan(s.total));
  out += fmt::format(fmt::runtime(zh ? "；用时 {:.2f} 秒" : "; {:.2f} s"), seconds);
  return out;
}

namespace {

// The parallel way (jobs > 1). The reading thread only cuts documents apart; parsing, judging and
// rendering happen on the workers, so the YAML parser (the costliest part) runs on every core.
// Documents go to them in groups of eight: one hand-over per document cost a wake-up on each
// side, a tenth of the CPU time of -j2. The reader stays ahead of the workers by a bounded
// window; the oldest group is printed (waiting for it if need be) before a new one is handed over
// beyond the window. The workers start with the second document: a single case is judged on this
// thread, without them.
class ParallelBatch {
 public:
  using Judge = std::function<Rendered(Case&&)>;
  ParallelBatch(const BatchOptions& options, const Judge& judge, Printer& printer)
      : options_(options),
        judge_(judge),
        printer_(printer),
        window_(static_cast<size_t>(options.jobs) * 16) {}

  void take(RawDocument&& raw) {
    if (!pool_ && !first_) {
      first_ = std::move(raw);
      return;
    }
    if (!pool_) {
      pool_.emplace(options_.jobs);
      group_.push_back(std::move(*first_));
    }
    group_.push_back(std::move(raw));
    if (group_.size() >= kGroupSize) hand_over();
  }

  // What is left of a file's documents goes to the workers.
  void end_of_file() {
    if (pool_) hand_over();
  }

  void finish() {
    if (!pool_ && first_) printer_.print(judge_document(*first_, options_.read, judge_));
    while (!in_flight_.empty()) print_oldest();
  }

 private:
  static constexpr size_t kGroupSize = 8;

  void print_oldest() {
    Group done = in_flight_.front().get();
    in_flight_.pop_front();
    ahead_ -= done.size();
    for (Rendered& r : done) printer_.print(std::move(r));
  }

  void hand_over() {
    if (group_.empty()) return;
    while (ahead_ >= window_) print_oldest();
    ahead_ += group_.size();
    std::packaged_task<Group()> task([this, docs = std::move(group_)] {
      Group out;
      out.reserve(docs.size());
      for (const RawDocument& raw : docs) out.push_back(judge_document(raw, options_.read, judge_));
      return out;
    });
    group_.clear();  // moved from
    in_flight_.push_back(task.get_future());
    pool_->submit(std::move(task));
  }

  const BatchOptions& options_;
  const Judge& judge_;
  Printer& printer_;
  const size_t window_;  // documents
  std::deque<std::future<Group>> in_flight_;
  size_t ahead_ = 0;  // documents handed over and not yet printed
  std::optional<WorkerPool> pool_;
  std::optional<RawDocument> first_;
  std::vector<RawDocument> group_;
};

}  // namespace

BatchSummary run_batch(const std::vector<std::string>& inputs, const BatchOptions& options,
                       std::istream& in, std::ostream& out,
                       const std::function<Rendered(Case&&)>& judge) {
  Printer printer(out, options);
  std::vector<std::string> files = expand_inputs(inputs);
  if (options.jobs <= 1) {
    for (const std::string& file : files)
      split_documents(
          file, in, options.read.limits,
          [&](RawDocument&& raw) { printer.print(judge_document(raw, options.read, judge)); },
          options.read.format);
    return printer.finish();
  }
  ParallelBatch batch(options, judge, printer);
  for (const std::string& file : files) {
    split_documents(
        file, in, options.read.limits, [&](RawDocument&& raw) { batch.take(std::move(raw)); },
        options.read.format);
    batch.end_of_file();
  }
  batch.finish();
  return printer.finish();
}

}  // namespace sbc
