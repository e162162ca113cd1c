// The 汇总表 workbook: a case's results as typed rows (report side), and libxlsxwriter writing
// them as they come (writer side).
#include "sbc/review/workbook.hpp"

#include <date/date.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "render/pieces.hpp"
#include "review/xlsxwriter_loader.hpp"
#include "sbc/review/round_report.hpp"

namespace sbc {
namespace {

// While alive, standard error goes nowhere: libxlsxwriter prints "[ERROR] …" lines of its own,
// and the tool's message (with the path and the system's reason) is the one that counts.
class StderrSilenced {
 public:
  StderrSilenced() {
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    int null = open("/dev/null", O_WRONLY);
    if (saved_ >= 0 && null >= 0) dup2(null, STDERR_FILENO);
    if (null >= 0) close(null);
  }
  ~StderrSilenced() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    dup2(saved_, STDERR_FILENO);
    close(saved_);
  }
  StderrSilenced(const StderrSilenced&) = delete;
  StderrSilenced& operator=(const StderrSilenced&) = delete;

 private:
  int saved_ = -1;
};

// "dir/book.xlsx" → "dir/.book.xlsx.partial": beside it, so the rename stays on one file system.
std::string partial_name(const std::string& path) {
  size_t slash = path.rfind('/');
  size_t at = slash == std::string::npos ? 0 : slash + 1;
  return path.substr(0, at) + "." + path.substr(at) + ".partial";
}

Cell text(std::string s) {
  return Cell{Cell::Kind::text, std::move(s), {}, {}, 0};
}
Cell money(Money m) {
  return Cell{Cell::Kind::money, "", m, {}, 0};
}
Cell optional_money(const std::optional<Money>& m) {
  return m ? money(*m) : text("");
}
Cell number(long long n) {
  return Cell{Cell::Kind::number, "", {}, {}, n};
}

std::string fact(const Case& c, const char* path) {
  const Value* v = c.fact(path);
  return v ? render_value(*v) : std::string();
}

std::string product(const Case& c) {
  std::string version = fact(c, "software.version");
  return fact(c, "software.name") + (version.empty() ? "" : " " + version);
}

// The columns every summary row starts with: file, row (index), company, product, application date.
std::vector<Cell> case_cells(const Case& c) {
  const Value* applied = c.fact("application.date");
  Cell date = applied && applied->kind == Value::Kind::date
                  ? Cell{Cell::Kind::date, "", {}, applied->date, 0}
                  : text("");
  return {text(c.file), number(c.index), text(fact(c, "applicant.name")), text(product(c)), date};
}

// The conditions `ids` with their clauses: "general.rd_spend（附3-1 二.3）；…".
std::string with_clauses(const std::vector<std::string>& ids,
                         const std::vector<ConditionResult>& rs) {
  std::string out;
  for (const std::string& id : ids)
    for (const ConditionResult& r : rs)
      if (r.condition->id == id)
        out += (out.empty() ? "" : "；") + id + "（" + r.condition->clause + "）";
  return out;
}

std::string errors_text(const std::vector<Diagnostic>& errors, Lang lang) {
  std::string out;
  for (const Diagnostic& d : errors) {
    if (!out.empty()) out += '\n';
    out += format_gnu(d, lang);
  }
  return out;
}

std::string facts_text(const ConditionResult& r) {
  std::string out;
  for (const FactUse& f : r.facts)
    out += (out.empty() ? "" : "; ") + f.path + " = " + f.value +
           (f.source.empty() ? "" : " (" + f.source + ")");  // a record gave it (--records)
  return out;
}

std::string conditions_with(const std::vector<ConditionResult>& rs, Tri result,
                            const std::string& prefix = "") {
  std::string out;
  for (const ConditionResult& r : rs)
    if (r.result == result)
      out +=
          (out.empty() ? "" : "；") + prefix + r.condition->id + "（" + r.condition->clause + "）";
  return out;
}

TableRow detail(const Case& c, const std::string& id, const std::string& clause, Tri result,
                std::string facts, std::string message) {
  return {kDetailSheet,
          {text(c.file), number(c.index), text(id), text(clause), text(to_string(result)),
           text(std::move(facts)), text(std::move(message))}};
}

TableRow about(const RulePack* pack) {
  return {kAboutSheet,
          {text(pack->id), number(pack->version), text(pack->sha256), text(pack->title.zh)}};
}

// The summary row of a case that could not be judged: the verdict "error" and its messages.
TableRow error_summary(const Case& c, const std::vector<Diagnostic>& errors, Lang lang) {
  TableRow row{kSummarySheet, case_cells(c)};
  for (const Cell& cell : {text(verdict_name("error").in(lang)), text("error"), text(""), text(""),
                           text(""), text(errors_text(errors, lang))})
    row.cells.push_back(cell);
  return row;
}

}  // namespace

Text verdict_name(const std::string& code) {
  static const std::map<std::string, Text> names = {
      {"eligible", {"符合认定条件", "eligible"}},
      {"ineligible", {"不符合认定条件", "ineligible"}},
      {"undetermined", {"待定，缺少事实", "undetermined"}},
      {"granted", {"予以补助", "granted"}},
      {"denied", {"不予补助", "denied"}},
      {"error", {"无法评估", "error"}},
      {"subtotal", {"企业小计", "enterprise subtotal"}}};
  auto it = names.find(code);
  return it == names.end() ? Text{code, code} : it->second;
}

std::vector<TableRow> workbook_rows(const CheckResult& r, Lang lang) {
  std::vector<TableRow> rows;
  if (!r.verdict) return {error_summary(r.input, r.errors, lang)};
  TableRow summary{kSummarySheet, case_cells(r.input)};
  const Verdict& v = *r.verdict;
  std::string code = to_string(v.outcome);
  // What stands between the case and recognition: the nearest path's failing and unknown
  // conditions.
  std::string failing = v.nearest ? with_clauses(v.nearest->failing, v.conditions) : "";
  std::string unknown = v.nearest ? with_clauses(v.nearest->unknown, v.conditions) : "";
  for (const Cell& c : {text(verdict_name(code).in(lang)), text(code), text(v.path), text(failing),
                        text(unknown), text("")})
    summary.cells.push_back(c);
  rows.push_back(std::move(summary));
  for (const ConditionResult& c : v.conditions)
    rows.push_back(detail(r.input, c.condition->id, c.condition->clause, c.result, facts_text(c),
                          c.message.in(lang)));
  rows.push_back(about(v.pack));
  return rows;
}

std::vector<TableRow> workbook_rows(const SubsidyResult& r, Lang lang) {
  std::vector<TableRow> rows;
  if (!r.verdict) return {error_summary(r.input, r.errors, lang)};
  TableRow summary{kSummarySheet, case_cells(r.input)};
  const SubsidyVerdict& v = *r.verdict;
  std::string code = to_string(v.outcome);
  std::string failing = conditions_with(v.conditions, Tri::fail);
  for (const PolicyResult& p : v.policies)
    for (const Finding& f : p.findings)
      if (f.result == Tri::fail)
        failing += (failing.empty() ? "" : "；") + p.number + ":" + f.id + "（" + f.clause + "）";
  for (const AwardResult& a : v.awards)
    if (a.result == Tri::fail)
      failing += (failing.empty() ? "" : "；") + a.award->citation.id + "（" +
                 a.award->citation.clause + "）";
  std::string missing;
  for (const std::string& m : v.missing) missing += (missing.empty() ? "" : "；") + m;
  for (const Cell& c : {text(verdict_name(code).in(lang)), text(code), money(v.subsidy),
                        text(failing), text(missing), text("")})
    summary.cells.push_back(c);
  rows.push_back(std::move(summary));
  for (const ConditionResult& c : v.conditions)
    rows.push_back(detail(r.input, c.condition->id, c.condition->clause, c.result, facts_text(c),
                          c.message.in(lang)));
  for (const AwardResult& a : v.awards)
    for (const ConditionResult& c : a.conditions)
      rows.push_back(detail(r.input, a.award->citation.id + ": " + c.condition->id,
                            c.condition->clause, c.result, facts_text(c), c.message.in(lang)));
  for (const PolicyResult& p : v.policies) {
    std::string reasons;
    for (const Finding& f : p.findings)
      reasons +=
          (reasons.empty() ? "" : "\n") + f.id + "（" + f.clause + "）: " + f.message.in(lang);
    rows.push_back({kPolicySheet,
                    {text(r.input.file), number(r.input.index), text(p.number), text(p.kind),
                     optional_money(p.premium), text(p.rate ? format_rate(*p.rate) : ""),
                     text(p.capped_rate ? format_rate(*p.capped_rate) : ""),
                     optional_money(p.eligible_limit), optional_money(p.base),
                     p.counted == Tri::pass ? optional_money(p.subsidy) : money(Money{}),
                     text(to_string(p.counted)), text(reasons)}});
  }
  rows.push_back(about(v.pack));
  rows.push_back({kStatsSheet, {number(v.cap_applied ? 1 : 0)}});
  return rows;
}

// --- the writer
// ------------------------------------------------------------------------------------

struct WorkbookWriter::Impl {
  struct Sheet {
    lxw_worksheet* ws = nullptr;
    lxw_row_t row = 0;
    std::vector<double> widths;
    std::vector<int> money_columns;
  };
  const XlsxWriterLibrary* x = nullptr;
  lxw_workbook* wb = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* yuan = nullptr;
  lxw_format* wrap = nullptr;
  lxw_format* date_format = nullptr;
  std::array<Sheet, 4> sheets;
  Sheet flags;  // 疑点, in a round
  WorkbookInfo info;
  std::string path;
  std::string partial;                            // the file written until it is complete
  std::vector<std::array<std::string, 4>> packs;  // id, version, sha256, title: each once
  bool closed = false;

  // How wide a text shows: a CJK character as two columns; its longest line.
  static double width(const std::string& s) {
    double longest = 0, line = 0;
    for (size_t i = 0; i < s.size();) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '\n') {
        longest = std::max(longest, line);
        line = 0;
        ++i;
        continue;
      }
      size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      line += n >= 3 ? 2.1 : 1.1;
      i += n;
    }
    return std::max(longest, line);
  }

  void write(Sheet& s, const std::vector<Cell>& cells, lxw_format* text_format) {
    for (size_t col = 0; col < cells.size(); ++col) {
      const Cell& c = cells[col];
      lxw_col_t k = static_cast<lxw_col_t>(col);
      double w = 0;
      switch (c.kind) {
        case Cell::Kind::text:
          if (!c.text.empty())
            x->worksheet_write_string(s.ws, s.row, k, c.text.c_str(),
                                      c.text.find('\n') == std::string::npos ? text_format : wrap);
          w = width(c.text);
          break;
        case Cell::Kind::money:
          x->worksheet_write_number(s.ws, s.row, k, static_cast<double>(c.money.fen) / 100.0, yuan);
          w = width(yuan_text(c.money));
          break;
        case Cell::Kind::number:
          x->worksheet_write_number(s.ws, s.row, k, static_cast<double>(c.number), text_format);
          w = width(std::to_string(c.number));
          break;
        case Cell::Kind::date: {
          date::year_month_day ymd{date::sys_days{date::days{c.date.days}}};
          lxw_datetime dt{static_cast<int>(ymd.year()),
                          static_cast<int>(unsigned(ymd.month())),
                          static_cast<int>(unsigned(ymd.day())),
                          0,
                          0,
                          0};
          x->worksheet_write_datetime(s.ws, s.row, k, &dt, date_format);
          w = 10;
          break;
        }
      }
      if (s.widths.size() <= col) s.widths.resize(col + 1, 6);
      s.widths[col] = std::max(s.widths[col], std::min(w + 2, 60.0));
    }
    ++s.row;
  }

  static std::string yuan_text(Money m) { return "¥" + sbc::yuan(m); }

  void open(const std::string& destination);  // the library, and the file beside `destination`
  void add_formats_and_sheets();
  void write_headings();
  std::vector<Cell> summary_headings() const;
  void finish_sheets();                 // filters, frozen headings, the totals row, column widths
  void set_widths(const Sheet& sheet);  // each column as wide as its widest cell
  void write_decision_record();
  void save();  // closes the file and renames it over the destination
};

namespace {

struct Heading {
  const char* zh;
  const char* en;
};

std::vector<Cell> headers(std::initializer_list<Heading> names, Lang lang) {
  std::vector<Cell> out;
  for (const Heading& h : names) out.push_back(text(lang == Lang::zh ? h.zh : h.en));
  return out;
}

}  // namespace

void WorkbookWriter::Impl::open(const std::string& destination) {
  path = destination;
  std::string why;
  x = xlsxwriter(why);
  if (x == nullptr)
    throw InputError(
        Diagnostic{Severity::error,
                   path,
                   {},
                   "",
                   {"无法载入 libxlsxwriter（Debian 软件包 libxlsxwriter4）：" + why,
                    "cannot load libxlsxwriter (Debian package libxlsxwriter4): " + why}});
  // Written beside the destination and renamed over it when complete: an interrupted or failed
  // run leaves the file that was there, never half a workbook.
  partial = partial_name(path);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  {
    StderrSilenced quiet;  // libxlsxwriter prints its own errors: ours say it once, with the path
    wb = x->workbook_new_opt(partial.c_str(), &options);
  }
  if (wb == nullptr) {
    std::string os = std::strerror(errno);
    throw InputError(Diagnostic{Severity::error,
                                path,
                                {},
                                "",
                                {"无法创建工作簿：" + os, "cannot create the workbook: " + os}});
  }
}

void WorkbookWriter::Impl::add_formats_and_sheets() {
  Lang lang = info.lang;
  bold = x->workbook_add_format(wb);
  x->format_set_bold(bold);
  yuan = x->workbook_add_format(wb);
  x->format_set_num_format(yuan, "¥#,##0.00");
  date_format = x->workbook_add_format(wb);
  x->format_set_num_format(date_format, "yyyy-mm-dd");
  wrap = x->workbook_add_format(wb);
  x->format_set_text_wrap(wrap);
  x->format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  const char* names[] = {
      lang == Lang::zh ? "汇总" : "Summary", lang == Lang::zh ? "明细" : "Details",
      lang == Lang::zh ? "保单" : "Policies", lang == Lang::zh ? "说明" : "About"};
  for (int s = 0; s < 4; ++s) {
    if (s == kPolicySheet && !info.subsidy) continue;
    if (s == kAboutSheet && info.round)
      flags.ws = x->workbook_add_worksheet(wb, lang == Lang::zh ? "疑点" : "Flags");
    sheets[s].ws = x->workbook_add_worksheet(wb, names[s]);
  }
}

// The summary sheet's headings: the case, its verdict, the tool's columns, the round's.
std::vector<Cell> WorkbookWriter::Impl::summary_headings() const {
  Lang lang = info.lang;
  std::vector<Cell> summary = headers({{"案例文件", "case file"},
                                       {"序号", "index"},
                                       {"企业名称", "company"},
                                       {"产品及版本", "product and version"},
                                       {"申请日期", "application date"},
                                       {"结论", "verdict"},
                                       {"结论代码", "verdict code"}},
                                      lang);
  std::vector<Cell> more = info.subsidy ? headers({{"补助金额", "subsidy"},
                                                   {"不满足的规则", "rules failed"},
                                                   {"需补充的事实", "facts to supply"},
                                                   {"错误", "error"}},
                                                  lang)
                                        : headers({{"认定途径", "path"},
                                                   {"不满足的条件", "conditions failed"},
                                                   {"未知的条件", "conditions unknown"},
                                                   {"错误", "error"}},
                                                  lang);
  summary.insert(summary.end(), more.begin(), more.end());
  if (info.round && info.subsidy)
    summary.push_back(text(lang == Lang::zh ? "本轮应付" : "payable after the round"));
  if (info.round)
    summary.push_back(text(lang == Lang::zh ? "本轮说明及疑点" : "round notes and flags"));
  return summary;
}

void WorkbookWriter::Impl::write_headings() {
  Lang lang = info.lang;
  write(sheets[kSummarySheet], summary_headings(), bold);
  if (info.round)
    write(flags,
          headers({{"疑点序号", "flag"},
                   {"类型", "kind"},
                   {"共同内容", "what they share"},
                   {"案例", "case"},
                   {"文件", "file"},
                   {"行", "line"}},
                  lang),
          bold);
  write(sheets[kDetailSheet],
        headers({{"案例文件", "case file"},
                 {"序号", "index"},
                 {"条件", "condition"},
                 {"条款", "clause"},
                 {"结果", "result"},
                 {"事实", "facts"},
                 {"说明", "message"}},
                lang),
        bold);
  if (info.subsidy)
    write(sheets[kPolicySheet],
          headers({{"案例文件", "case file"},
                   {"序号", "index"},
                   {"保单号", "policy number"},
                   {"险种", "kind"},
                   {"保险费", "premium"},
                   {"费率", "rate"},
                   {"计算费率", "capped rate"},
                   {"计入限额", "eligible limit"},
                   {"补偿基数", "base"},
                   {"补助", "subsidy"},
                   {"是否计入", "counted"},
                   {"原因", "reasons"}},
                  lang),
          bold);
}

WorkbookWriter::WorkbookWriter(const std::string& path, const WorkbookInfo& info)
    : impl_(std::make_unique<Impl>()) {
  impl_->info = info;
  impl_->open(path);
  impl_->add_formats_and_sheets();
  impl_->write_headings();
}

WorkbookWriter::~WorkbookWriter() {
  if (impl_->closed || !impl_->wb) return;
  {
    StderrSilenced quiet;
    impl_->x->workbook_close(impl_->wb);  // an abandoned run still frees its memory
  }
  std::remove(impl_->partial.c_str());  // and leaves the destination as it was
}

void WorkbookWriter::add(const std::vector<TableRow>& rows) {
  Impl& w = *impl_;
  for (const TableRow& row : rows) {
    if (row.sheet == kAboutSheet) {
      std::array<std::string, 4> pack{row.cells[0].text, std::to_string(row.cells[1].number),
                                      row.cells[2].text, row.cells[3].text};
      if (std::find(w.packs.begin(), w.packs.end(), pack) == w.packs.end()) w.packs.push_back(pack);
      continue;
    }
    if (row.sheet == kEnterpriseRow) {
      w.write(w.sheets[kSummarySheet], row.cells, w.bold);
      continue;
    }
    if (row.sheet >= kAboutSheet) continue;  // counts for other outputs
    Impl::Sheet& s = w.sheets[row.sheet];
    if (s.ws) w.write(s, row.cells, nullptr);
  }
}

void WorkbookWriter::add_flags(const Round& round) {
  Impl& w = *impl_;
  if (!w.flags.ws) return;
  for (size_t f = 0; f < round.flags().size(); ++f) {
    const Flag& flag = round.flags()[f];
    for (const FlagPlace& p : flag.places)
      w.write(
          w.flags,
          {number(static_cast<long long>(f + 1)), text(flag_kind_label(flag.kind, w.info.lang)),
           text(flag.shown), text(p.name), text(p.file), p.line > 0 ? number(p.line) : text("")},
          nullptr);
  }
}

void WorkbookWriter::Impl::finish_sheets() {
  Lang lang = info.lang;
  Sheet& summary = sheets[kSummarySheet];
  // The filters cover the cases, not the totals row below them.
  for (int s = 0; s < kAboutSheet; ++s) {
    Sheet& sheet = sheets[s];
    if (!sheet.ws) continue;
    x->worksheet_freeze_panes(sheet.ws, 1, 0);
    x->worksheet_autofilter(sheet.ws, 0, 0, std::max<lxw_row_t>(sheet.row - 1, 1),
                            static_cast<lxw_col_t>(sheet.widths.size() - 1));
  }
  // The total of the subsidy column (H), and of the payable one (L).
  if (info.subsidy && summary.row > 1) {
    x->worksheet_write_string(summary.ws, summary.row, 6, lang == Lang::zh ? "合计" : "total",
                              bold);
    // In a round, the enterprises' subtotal rows (verdict code "subtotal", column G) are not
    // counted twice.
    for (char column : info.round ? std::string("HL") : std::string("H")) {
      std::string formula = info.round ? fmt::format("=SUMIF(G2:G{0},\"<>subtotal\",{1}2:{1}{0})",
                                                     summary.row, column)
                                       : fmt::format("=SUM({0}2:{0}{1})", column, summary.row);
      x->worksheet_write_formula(summary.ws, summary.row, static_cast<lxw_col_t>(column - 'A'),
                                 formula.c_str(), yuan);
    }
    ++summary.row;
  }
  if (flags.ws) {
    x->worksheet_freeze_panes(flags.ws, 1, 0);
    set_widths(flags);
  }
  for (int s = 0; s < kAboutSheet; ++s)
    if (sheets[s].ws) set_widths(sheets[s]);
}

void WorkbookWriter::Impl::set_widths(const Sheet& sheet) {
  for (size_t c = 0; c < sheet.widths.size(); ++c)
    x->worksheet_set_column(sheet.ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                            sheet.widths[c], nullptr);
}

void WorkbookWriter::Impl::write_decision_record() {
  Lang lang = info.lang;
  Sheet& record = sheets[kAboutSheet];
  auto line = [&](const Text& key, const std::string& value) {
    write(record, {text(key.in(lang)), text(value)}, nullptr);
  };
  line({"sbc 版本", "sbc version"}, SBC_VERSION);
  line({"评估日期", "as of"},
       info.as_of.empty() ? (lang == Lang::zh ? "各案例的申请日期" : "each case's application date")
                          : info.as_of);
  line({"命令行", "command line"}, info.command_line);
  write(record, {}, nullptr);
  write(
      record,
      headers(
          {{"规则包", "rule pack"}, {"版本", "version"}, {"SHA-256", "SHA-256"}, {"标题", "title"}},
          lang),
      bold);
  for (const auto& p : packs)
    write(record, {text(p[0]), text(p[1]), text(p[2]), text(p[3])}, nullptr);
  set_widths(record);
}

void WorkbookWriter::Impl::save() {
  closed = true;
  errno = 0;
  lxw_error error;
  {
    StderrSilenced quiet;
    error = x->workbook_close(wb);
  }
  int os_error = errno;
  if (error == LXW_NO_ERROR && std::rename(partial.c_str(), path.c_str()) != 0) {
    error = LXW_ERROR_CREATING_TMPFILE;  // reported below with the system's reason
    os_error = errno;
  }
  if (error != LXW_NO_ERROR) {
    std::remove(partial.c_str());
    std::string why = x->lxw_strerror(error);
    if (os_error != 0) why += std::string(" (") + std::strerror(os_error) + ")";
    throw InputError(Diagnostic{Severity::error,
                                path,
                                {},
                                "",
                                {"无法写入工作簿：" + why, "cannot write the workbook: " + why}});
  }
}

void WorkbookWriter::close() {
  impl_->finish_sheets();
  impl_->write_decision_record();
  impl_->save();
}

}  // namespace sbc
