#include "sbc/run/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "render/pieces.hpp"
#include "sbc/base/json.hpp"
#include "sbc/input/inputs.hpp"
#include "sbc/records/records.hpp"
#include "sbc/render/ci.hpp"
#include "sbc/run/pack_tests.hpp"
#include "sbc/values/credit_code.hpp"

namespace sbc {

namespace {

const Value* get(const Value* record, std::string_view key) {
  return record ? record->find(key) : nullptr;
}

class CrossChecks {
 public:
  CrossChecks(const Case& c, RuleLibrary* rules) : case_(c), rules_(rules) {}

  std::vector<Diagnostic> run() {
    rule_pack();
    credit_code();
    developed_before_applying();
    const Value* window = case_.fact("insurance.window");
    in_order(get(window, "start"), get(window, "end"), "insurance.window.end",
             {"投保时限", "the insurance window"});
    const Value* policies = case_.fact("insurance.policies");
    const Value* sales = case_.fact("insurance.sales");
    std::map<std::string, std::string> contracts;  // contract -> where it is
    if (sales) {
      for (size_t i = 0; i < sales->items.size(); ++i)
        sale(sales->items[i], fmt::format("insurance.sales[{}]", i), contracts);
    }
    std::map<std::string, std::string> numbers;
    if (policies) {
      for (size_t i = 0; i < policies->items.size(); ++i)
        policy(policies->items[i], fmt::format("insurance.policies[{}]", i), numbers,
               sales ? &contracts : nullptr);
    }
    return std::move(problems_);
  }

 private:
  void report(Severity s, const Value& at, std::string path, Text message) {
    problems_.push_back(Diagnostic{s, case_.file, at.mark, std::move(path), std::move(message)});
  }

  // The pack a case names must load, or sbc-check and sbc-subsidy stop at the case; the library
  // that loads it for them says why it does not.
  void rule_pack() {
    const Value* named = case_.fact("rules");
    if (!named || !rules_) return;
    try {
      rules_->get(named->text);
    } catch (const InputError& e) {
      const Diagnostic& d = e.diagnostic();
      Text why = d.message;
      if (d.mark.line > 0)
        why = {fmt::format("规则包无法加载：{}", format_gnu(d, Lang::zh)),
               fmt::format("the rule pack does not load: {}", format_gnu(d, Lang::en))};
      report(Severity::error, *named, "rules", std::move(why));
    }
  }

  // An end before its start, reported at the end.
  void in_order(const Value* start, const Value* end, const std::string& end_path,
                const Text& what) {
    if (start && end && start->kind == Value::Kind::date && end->kind == Value::Kind::date &&
        end->date < start->date)
      report(Severity::error, *end, end_path,
             {fmt::format("{}终止日 {} 早于起始日 {}", what.zh, format(end->date),
                          format(start->date)),
              fmt::format("{} ends on {}, before it starts on {}", what.en, format(end->date),
                          format(start->date))});
  }

  void credit_code() {
    const Value* code = case_.fact("applicant.credit_code");
    if (!code) return;
    if (std::optional<Text> why = credit_code_problem(code->text))
      report(Severity::error, *code, "applicant.credit_code", *why);
  }

  void developed_before_applying() {
    const Value* developed = case_.fact("software.developed_on");
    const Value* applied = case_.fact("application.date");
    if (developed && applied && applied->date < developed->date)
      report(Severity::error, *developed, "software.developed_on",
             {fmt::format("研发完成时间 {} 晚于申请日期 {}", format(developed->date),
                          format(applied->date)),
              fmt::format("R&D completed on {}, after the application on {}",
                          format(developed->date), format(applied->date))});
  }

  // A list of {date, amount}: the total, and any date before `not_before`.
  Money dated_total(const Value* list, const std::string& path, const Value* not_before,
                    const Text& not_before_what) {
    Money total;
    if (!list) return total;
    for (size_t i = 0; i < list->items.size(); ++i) {
      const Value& item = list->items[i];
      if (const Value* amount = get(&item, "amount")) total = total + amount->money;
      const Value* date = get(&item, "date");
      if (date && not_before && date->date < not_before->date)
        report(Severity::error, *date, fmt::format("{}[{}].date", path, i),
               {fmt::format("日期 {} 早于{} {}", format(date->date), not_before_what.zh,
                            format(not_before->date)),
                fmt::format("dated {}, before {} {}", format(date->date), not_before_what.en,
                            format(not_before->date))});
    }
    return total;
  }

  void sale(const Value& s, const std::string& path,
            std::map<std::string, std::string>& contracts) {
    const Value* contract = get(&s, "contract");
    if (contract) {
      auto [it, fresh] = contracts.emplace(contract->text, path);
      if (!fresh)
        report(Severity::error, *contract, path + ".contract",
               {fmt::format("合同“{}”重复（{} 已有）", contract->text, it->second),
                fmt::format("contract '{}' appears twice (also {})", contract->text, it->second)});
    }
    const Value* amount = get(&s, "amount");
    Money invoiced = dated_total(get(&s, "invoices"), path + ".invoices", nullptr, {});
    if (amount && invoiced > amount->money)
      report(Severity::error, *amount, path + ".amount",
             {fmt::format("发票合计 {} 超过合同金额 {}", yuan(invoiced), yuan(amount->money)),
              fmt::format("invoices total {}, more than the contract amount {}", yuan(invoiced),
                          yuan(amount->money))});
    const Value* related = get(&s, "related_party");
    if (related && related->flag && !get(&s, "final_user_contract"))
      report(Severity::warning, *related, path + ".final_user_contract",
             {"集团内关联销售应说明是否有最终用户合同（final_user_contract）",
              "a related-party sale should say whether the final user's contract exists "
              "(final_user_contract)"});
  }

  void policy(const Value& p, const std::string& path, std::map<std::string, std::string>& numbers,
              const std::map<std::string, std::string>* contracts) {
    if (const Value* number = get(&p, "number")) {
      auto [it, fresh] = numbers.emplace(number->text, path);
      if (!fresh)
        report(
            Severity::error, *number, path + ".number",
            {fmt::format("保单号“{}”重复（{} 已有）", number->text, it->second),
             fmt::format("policy number '{}' appears twice (also {})", number->text, it->second)});
    }
    const Value* period = get(&p, "period");
    in_order(get(period, "start"), get(period, "end"), path + ".period.end",
             {"保险期间", "the period"});
    const Value* premium = get(&p, "premium");
    Money paid = dated_total(get(&p, "payments"), path + ".payments", get(&p, "signed_on"),
                             {"签订日期", "the signing on"});
    if (premium && paid > premium->money)
      report(Severity::error, *premium, path + ".premium",
             {fmt::format("已付保费合计 {} 超过保险费 {}", yuan(paid), yuan(premium->money)),
              fmt::format("payments total {}, more than the premium {}", yuan(paid),
                          yuan(premium->money))});
    const Value* limit = get(&p, "liability_limit");
    const Value* rate = get(&p, "rate");
    if (premium && limit && rate && apply_half_up(limit->money, rate->rate) != premium->money)
      report(Severity::warning, *rate, path + ".rate",
             {fmt::format("费率 {} × 限额 {} = {}，与保险费 {} 不符", format_rate(rate->rate),
                          yuan(limit->money), yuan(apply_half_up(limit->money, rate->rate)),
                          yuan(premium->money)),
              fmt::format("rate {} × limit {} = {}, not the premium {}", format_rate(rate->rate),
                          yuan(limit->money), yuan(apply_half_up(limit->money, rate->rate)),
                          yuan(premium->money))});
    const Value* named = get(&p, "contracts");
    if (named && contracts) {
      for (size_t i = 0; i < named->items.size(); ++i) {
        const Value& c = named->items[i];
        if (!contracts->count(c.text))
          report(Severity::error, c, fmt::format("{}.contracts[{}]", path, i),
                 {fmt::format("保单所列合同“{}”不在销售记录（insurance.sales）中", c.text),
                  fmt::format("contract '{}' is not among the sales (insurance.sales)", c.text)});
      }
    }
  }

  const Case& case_;
  RuleLibrary* rules_;
  std::vector<Diagnostic> problems_;
};

void write_problems(JsonWriter& j, const std::vector<Diagnostic>& problems, Lang lang) {
  j.key("problems").begin_array();
  for (const Diagnostic& d : problems) {
    j.begin_object().key("line").value(d.mark.line).key("column").value(d.mark.column);
    j.key("severity")
        .value(d.severity == Severity::error ? "error" : "warning")
        .key("path")
        .value(d.path);
    j.key("message").value(d.message.in(lang)).end_object();
  }
  j.end_array();
}

// A file's problems as CI sees them: a test per problem (an error fails it, or is an error of the
// run when the file could not be read; a warning is skipped), or one passing test "valid".
CiCase ci_problems(const std::string& file, const std::string& name,
                   const std::vector<Diagnostic>& problems, bool unreadable, Lang lang) {
  CiCase out{file, name, {}};
  using Result = CiTest::Result;
  for (const Diagnostic& d : problems) {
    Result r = d.severity == Severity::warning ? Result::skipped
               : unreadable                    ? Result::error
                                               : Result::failed;
    out.tests.push_back({d.path.empty() ? "file" : d.path, r, d.mark, d.message.in(lang)});
  }
  if (out.tests.empty()) out.tests.push_back({"valid", Result::passed, {}, ""});
  return out;
}

}  // namespace

std::vector<Diagnostic> cross_field_problems(const Case& c, RuleLibrary* rules) {
  return CrossChecks(c, rules).run();
}

BatchSummary run_validate(const std::vector<std::string>& inputs, const ValidateOptions& options,
                          RuleLibrary& rules, std::istream& in, std::ostream& out) {
  const OutputOptions& o = options.output;
  std::optional<CiFormat> ci = ci_format(o.format);
  BatchOptions batch{options.read,
                     options.jobs,
                     o.format == Format::json,
                     ci ? ci_header(*ci, "sbc-validate") : "",
                     {},
                     ci ? ci_separator(*ci) : "",
                     {},
                     nullptr,
                     {}};
  BatchSummary summary = run_batch(inputs, batch, in, out, [&](Case&& c) {
    // A document that never became a record (missing file, YAML syntax, a limit) cannot be read.
    bool unreadable = c.root.kind != Value::Kind::record;
    std::vector<Diagnostic> problems = c.problems;
    if (!unreadable) {
      std::vector<Diagnostic> more = cross_field_problems(c, &rules);
      problems.insert(problems.end(), more.begin(), more.end());
    }
    // In the order of the file, as a compiler reports (the whole-file problems, line 0, first).
    std::stable_sort(
        problems.begin(), problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
          return std::tie(a.mark.line, a.mark.column) < std::tie(b.mark.line, b.mark.column);
        });
    if (options.strict)
      for (Diagnostic& d : problems) d.severity = Severity::error;
    ExitStatus status = unreadable             ? ExitStatus::error
                        : has_errors(problems) ? ExitStatus::failed
                                               : ExitStatus::ok;
    std::string text;
    if (o.format == Format::text) {
      for (const Diagnostic& d : problems) text += format_gnu(d, o.lang) + "\n";
    } else if (ci) {
      text = render_ci(ci_problems(c.file, case_name(c), problems, unreadable, o.lang), *ci,
                       "sbc-validate");
    } else {
      JsonWriter j(o.format == Format::json, o.format == Format::json ? 1 : 0);
      j.begin_object().key("case").value(c.file).key("index").value(c.index);
      write_problems(j, problems, o.lang);
      text = j.end_object().str() + (o.format == Format::jsonl ? "\n" : "");
    }
    const char* verdict = status == ExitStatus::ok       ? "valid"
                          : status == ExitStatus::failed ? "invalid"
                                                         : "unreadable";
    return Rendered{std::move(text), status, verdict, {}, {}, {}};
  });
  if (ci) out << ci_footer(*ci) << std::flush;
  return summary;
}

namespace {

// A pack file's text, or the problem that kept it from being read (missing, a directory with no
// pack, unreadable, over a limit, not UTF-8).
std::optional<std::string> pack_file_text(const std::string& file, std::istream& in,
                                          const Limits& limits, std::vector<Diagnostic>& problems) {
  std::error_code ec;
  if (file != "-" && !std::filesystem::is_regular_file(file, ec)) {
    bool missing = !std::filesystem::exists(file, ec);
    problems.push_back(Diagnostic{
        Severity::error,
        file,
        {},
        "",
        missing ? Text{"文件不存在", "no such file"}
                : Text{"不是规则包文件（目录中没有 .yaml 或 .yml 文件？）",
                       "not a rule pack file (a directory with no .yaml or .yml file?)"}});
    return std::nullopt;
  }
  std::ifstream stream;
  if (file != "-") stream.open(file, std::ios::binary);
  if (file != "-" && !stream) {
    problems.push_back(
        Diagnostic{Severity::error, file, {}, "", {"无法读取文件", "cannot read the file"}});
    return std::nullopt;
  }
  try {
    return read_pack_text(file == "-" ? in : stream, file, limits);
  } catch (const InputError& e) {
    problems.push_back(e.diagnostic());
    return std::nullopt;
  }
}

// Writes one file's problems (a pack's, a record file's): CI records, GNU lines, or a JSON object
// with the file under `key`. `first`: nothing written yet (for the separators); cleared once
// something is.
void write_file_problems(const char* key, const std::string& file,
                         const std::vector<Diagnostic>& problems, bool unreadable,
                         const OutputOptions& output, std::optional<CiFormat> ci, bool& first,
                         std::ostream& out) {
  if (ci) {
    std::string text =
        render_ci(ci_problems(file, file, problems, unreadable, output.lang), *ci, "sbc-validate");
    if (!text.empty()) out << (first ? "" : ci_separator(*ci)) << text;
    first = first && text.empty();
    return;
  }
  if (output.format != Format::json && output.format != Format::jsonl) {
    for (const Diagnostic& d : problems) out << format_gnu(d, output.lang) << "\n";
    return;
  }
  bool pretty = output.format == Format::json;
  JsonWriter j(pretty, pretty ? 1 : 0);
  j.begin_object().key(key).value(file);
  write_problems(j, problems, output.lang);
  j.end_object();
  out << (pretty ? (first ? "\n  " : ",\n  ") : "") << j.str() << (pretty ? "" : "\n");
  first = false;
}

}  // namespace

ExitStatus lint_rules(const std::vector<std::string>& inputs, const OutputOptions& output,
                      std::istream& in, std::ostream& out, const Limits& limits) {
  ExitStatus status = inputs.empty() ? ExitStatus::error : ExitStatus::ok;
  std::optional<CiFormat> ci = ci_format(output.format);
  bool first = true;
  if (output.format == Format::json) out << "[";
  if (ci) out << ci_header(*ci, "sbc-validate");
  RuleLibrary rules;  // the packs test files name
  rules.set_limits(limits);
  for (const std::string& file : expand_inputs(inputs)) {
    std::vector<Diagnostic> problems;
    std::optional<std::string> text = pack_file_text(file, in, limits, problems);
    bool unreadable = !text;  // the file itself, before any pack problem
    if (unreadable) {
      status = worst(status, ExitStatus::error);
    } else if (file != "-" && is_pack_test_file(*text)) {  // a pack's tests (rules/tests/)
      problems = lint_pack_tests(file, rules, limits);
      if (!problems.empty()) status = worst(status, ExitStatus::failed);
    } else {
      try {
        load_pack(*text, file);
      } catch (const InputError& e) {
        problems.push_back(e.diagnostic());
        status = worst(status, ExitStatus::failed);
      }
    }
    write_file_problems("pack", file, problems, unreadable, output, ci, first, out);
  }
  if (output.format == Format::json) out << (first ? "]\n" : "\n]\n");
  if (ci) out << ci_footer(*ci);
  return status;
}

}  // namespace sbc

namespace sbc {

ExitStatus check_records(const std::vector<std::string>& paths, const OutputOptions& output,
                         std::ostream& out, std::ostream& err, const Limits& limits) {
  Records records;
  std::vector<Diagnostic> problems;
  bool readable = true;
  for (const std::string& path : paths) readable = records.read(path, limits, problems) && readable;
  std::optional<CiFormat> ci = ci_format(output.format);
  bool first = true;
  if (output.format == Format::json) out << "[";
  if (ci) out << ci_header(*ci, "sbc-validate");
  // A file's problems together, the files in the order read.
  for (size_t i = 0; i < problems.size();) {
    size_t end = i;
    while (end < problems.size() && problems[end].file == problems[i].file) ++end;
    std::vector<Diagnostic> file(problems.begin() + static_cast<std::ptrdiff_t>(i),
                                 problems.begin() + static_cast<std::ptrdiff_t>(end));
    write_file_problems("records", problems[i].file, file, false, output, ci, first, out);
    i = end;
  }
  if (output.format == Format::json) out << (first ? "]\n" : "\n]\n");
  if (ci) out << ci_footer(*ci);
  if (!output.quiet) {
    size_t files = records.files(), listed = records.listed().size(),
           paid = records.payments().size(), listings = records.listings().size();
    err << (output.lang == Lang::zh
                ? fmt::format(
                      "记录：{} 个文件，名单 {} 条，补偿记录 {} 条，负面清单 {} 条，问题 {} 处\n",
                      files, listed, paid, listings, problems.size())
                : fmt::format("records: {} files, {} listed products, {} payments, {} listings, {} "
                              "problems\n",
                              files, listed, paid, listings, problems.size()));
  }
  if (!readable) return ExitStatus::error;
  return problems.empty() ? ExitStatus::ok : ExitStatus::failed;
}

}  // namespace sbc
