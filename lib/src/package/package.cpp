// The application package as data: what each part says, from the case and its verdict, and how
// its tables fall on A4 pages. The pagination is decided here, by an estimate of each row's
// height, so the contents page can name each part's page; tests/package_check.py prints the page
// in Chromium and checks every part is on the page the contents give.
#include "sbc/package/package.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "base/int128.hpp"
#include "sbc/model/schema.hpp"

namespace sbc {
namespace {

// The printed page (the style sheet in package_html.cpp says the same): A4 with 20 mm side
// margins, a table's text at its font_pt with line-height 1.45. A wide (CJK) character is 1 em, a
// narrow one about 0.52 em (0.58 here, to spare).
constexpr double kMmPerPt = 0.3528, kNarrowEm = 0.58, kCellPaddingMm = 3.2;
// The height a table's rows may take on a page: what is left after the part's heading and the
// table's header (and, on the 申请表's first page, the form's other rows and its signature boxes).
constexpr double kTablePageMm = 215, kFormFirstPageMm = 84;

double text_mm(std::string_view line, double pt) {
  const double wide = pt * kMmPerPt, narrow = wide * kNarrowEm;
  double mm = 0;
  for (size_t at = 0; at < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[at]);
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    mm += n >= 3 ? wide : narrow;
    at += n;
  }
  return mm;
}

// A row's height: its tallest cell, each line of a cell wrapped at the column's width (with a
// tenth to spare, for where the browser breaks).
double row_mm(const std::vector<std::string>& cells, const PackageTable& t) {
  const std::vector<int>& widths = t.widths_mm;
  int lines = 1;
  for (size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
    double room = (widths[i] - kCellPaddingMm) * 0.9;
    int cell = 0;
    size_t start = 0;
    while (start <= cells[i].size()) {
      size_t end = cells[i].find('\n', start);
      if (end == std::string::npos) end = cells[i].size();
      cell += std::max(
          1, static_cast<int>(
                 text_mm(std::string_view(cells[i]).substr(start, end - start), t.font_pt) / room) +
                 1);
      start = end + 1;
    }
    lines = std::max(lines, cell);
  }
  return lines * t.font_pt * kMmPerPt * 1.45 + kCellPaddingMm;
}

// Where each page of the table begins: as many rows as fit, the totals row kept with the last.
void paginate(PackageTable& t, double first_page_mm) {
  t.page_starts = {0};
  double room = first_page_mm, used = 0;
  double total = t.total.empty() ? 0 : row_mm(t.total, t);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    double h = row_mm(t.rows[i], t) + (i + 1 == t.rows.size() ? total : 0);
    if (used > 0 && used + h > room) {
      t.page_starts.push_back(i);
      room = kTablePageMm;
      used = 0;
    }
    used += h;
  }
}

std::string money_text(const std::optional<Money>& m) {
  return m ? yuan(*m).substr(std::strlen("¥")) : "";
}
std::string money_text(Money m) {
  return money_text(std::optional<Money>(m));
}

std::string text_of(const Value* v) {
  return v ? render_value(*v) : "";
}
std::string text_of(const Value& record, const char* key) {
  return text_of(record.find(key));
}
std::string date_zh(const Value* v) {
  return v && v->kind == Value::Kind::date ? format_zh(v->date) : "";
}

// 已开发票金额 ÷ 合同金额 as a percentage with at most two decimals, rounded half up.
std::string share_text(Money invoiced, Money amount) {
  if (amount.fen <= 0) return "";
  i128 bp =
      (static_cast<i128>(invoiced.fen) * 20000 / amount.fen + 1) / 2;  // basis points, half up
  long long whole = static_cast<long long>(bp / 100), part = static_cast<long long>(bp % 100);
  if (part == 0) return fmt::format("{}%", whole);
  return part % 10 == 0 ? fmt::format("{}.{}%", whole, part / 10)
                        : fmt::format("{}.{:02}%", whole, part);
}

const Value* items_of(const Case& c, const char* path) {
  return c.fact(path);
}

void policy_rows(const SubsidyResult& r, ApplicationPackage& p) {
  const SubsidyVerdict& v = *r.verdict;
  const Field& kind_field = *find_field(case_schema(), "insurance.policies")->item().child("kind");
  p.policies.header = {"险种名称", "保单号", "保险费金额（元）", "保险起止年月日"};
  p.policies.widths_mm = {38, 48, 30, 34};
  Money paid;
  const Value* policies = items_of(r.input, "insurance.policies");
  for (size_t i = 0; i < v.policies.size(); ++i) {
    const PolicyResult& pr = v.policies[i];
    if (pr.counted == Tri::fail) continue;  // the form lists the policies applied for
    const Value& raw = policies->items[i];
    const EnumValue* kind = kind_field.enumeration->match(pr.kind);
    const Value* period = raw.find("period");
    std::string dates;
    if (period && period->find("start") && period->find("end"))
      dates = date_zh(period->find("start")) + "至" + date_zh(period->find("end"));
    if (const Value* payments = raw.find("payments"))
      for (const Value& pay : payments->items)
        if (const Value* a = pay.find("amount")) paid = paid + a->money;
    p.policies.rows.push_back(
        {kind ? kind->zh : pr.kind, pr.number, money_text(pr.premium), dates});
  }
  p.paid = money_text(paid);
  p.applied = money_text(v.compensation);
}

// One row per policy applied for and contract it covers: its premium and payments, the contract,
// its invoices and, for a sale in instalments, the share invoiced.
void correspondence_rows(const SubsidyResult& r, ApplicationPackage& p) {
  const SubsidyVerdict& v = *r.verdict;
  PackageTable& t = p.correspondence;
  t.header = {"保单号",         "保险费发票及支付凭证", "销售合同",
              "合同金额（元）", "销售合同发票",         "已开发票÷合同金额"};
  t.widths_mm = {26, 38, 25, 26, 39, 16};
  t.font_pt = 9;
  t.merged_columns = 2;  // a policy's number and premium, once for all its contracts
  const Value* policies = items_of(r.input, "insurance.policies");
  const Value* sales = items_of(r.input, "insurance.sales");
  for (size_t i = 0; i < v.policies.size(); ++i) {
    if (v.policies[i].counted == Tri::fail) continue;
    const Value& raw = policies->items[i];
    std::string paid = "保险费 " + money_text(v.policies[i].premium);
    if (const Value* payments = raw.find("payments"))
      for (const Value& pay : payments->items)
        paid += fmt::format("\n{} {}", text_of(pay, "date"),
                            money_text(pay.find("amount") ? pay.find("amount")->money : Money{}));
    std::vector<std::string> contracts;
    if (const Value* listed = raw.find("contracts"))
      for (const Value& c : listed->items) contracts.push_back(c.text);
    if (contracts.empty()) contracts.emplace_back();
    for (size_t k = 0; k < contracts.size(); ++k) {
      std::vector<std::string> row{
          k == 0 ? v.policies[i].number : "", k == 0 ? paid : "", contracts[k], "", "", ""};
      for (size_t s = 0; sales && s < v.sales.size(); ++s) {
        if (contracts[k].empty() || v.sales[s].contract != contracts[k]) continue;
        const SaleResult& sale = v.sales[s];
        row[3] = money_text(sale.amount);
        std::string invoices;
        size_t count = 0;
        if (const Value* list = sales->items[s].find("invoices"))
          for (const Value& inv : list->items) {
            invoices += (count++ ? "\n" : "") + text_of(inv, "date") + " " +
                        money_text(inv.find("amount") ? inv.find("amount")->money : Money{});
          }
        row[4] = invoices;
        bool instalments =
            count > 1 || (sale.invoiced && sale.amount && *sale.invoiced != *sale.amount);
        if (instalments && sale.invoiced && sale.amount)
          row[5] = share_text(*sale.invoiced, *sale.amount);
        break;
      }
      t.rows.push_back(std::move(row));
    }
  }
}

// One row per invoice of the sales that count (or may): 材料要求 4.
void invoice_rows(const SubsidyResult& r, ApplicationPackage& p) {
  const SubsidyVerdict& v = *r.verdict;
  PackageTable& t = p.invoices;
  t.header = {"序号", "用户单位名称", "产品名称（含版次）", "销售合同及发票号码", "金额（元）",
              "数量", "开票日期"};
  t.widths_mm = {10, 38, 34, 28, 28, 12, 20};
  t.font_pt = 9;
  const Value* sales = items_of(r.input, "insurance.sales");
  Money total;
  long long quantity = 0;
  bool every_quantity = true;
  for (size_t s = 0; sales && s < v.sales.size(); ++s) {
    if (v.sales[s].counts == Tri::fail) continue;
    const Value& sale = sales->items[s];
    std::string customer = text_of(sale, "customer");
    if (customer.empty()) customer = text_of(sale, "buyer");
    const Value* list = sale.find("invoices");
    if (!list) continue;
    for (const Value& inv : list->items) {
      // An invoice's own quantity, else the sale's when the sale has a single invoice.
      const Value* q = inv.find("quantity");
      if (!q && list->items.size() == 1) q = sale.find("quantity");
      if (q)
        quantity += q->number;
      else
        every_quantity = false;
      const Value* amount = inv.find("amount");
      if (amount) total = total + amount->money;
      std::string reference = v.sales[s].contract;
      if (const Value* number = inv.find("number")) reference += "\n" + number->text;
      t.rows.push_back({std::to_string(t.rows.size() + 1), customer, p.product, reference,
                        amount ? money_text(amount->money) : "", q ? std::to_string(q->number) : "",
                        text_of(inv, "date")});
    }
  }
  if (t.rows.empty()) return;
  t.total.assign(t.header.size(), std::string());
  t.total[0] = "合计";
  t.total[3] = fmt::format("{} 张", t.rows.size());
  t.total[4] = money_text(total);
  if (every_quantity) t.total[5] = std::to_string(quantity);
}

// Materials 1–6 of 四, each with what the case's `materials` says of it.
struct MaterialLine {
  const char* number;
  const char* code;  // the case format's code, or "" for 6 (其他)
  const char* name;
};
constexpr MaterialLine kMaterials[] = {
    {"1", "business_license", "企业营业执照、组织机构代码或三证合一证复印件"},
    {"2", "premium_voucher", "保险费支付凭证复印件"},
    {"2", "policy_copy", "加盖承保财产保险公司印章的保单复印件"},
    {"2", "premium_invoice", "保险费发票复印件"},
    {"3", "sales_contract", "投保产品的销售合同复印件"},
    {"3", "sales_invoice", "投保产品的销售发票复印件"},
    {"3", "translation", "出口产品销售合同及发票的中文翻译版本"},
    {"3", "commitment_letter", "软件实现销售承诺书（无单独销售合同及发票的嵌入式软件等）"},
    {"4", "invoice_list", "投保产品销售发票明细清单"},
    {"5", "policy_correspondence_list", "保单、保险费发票及支付凭证、销售合同及其发票的对应清单"},
    {"6", "", "其他需要补充的支撑材料"},
};

void material_rows(const SubsidyResult& r, ApplicationPackage& p, int invoice_page,
                   int correspondence_page) {
  const SubsidyVerdict& v = *r.verdict;
  PackageTable& t = p.materials;
  t.header = {"序号", "支撑材料", "情况", "说明", "页码"};
  t.widths_mm = {12, 78, 18, 44, 18};
  const Value* listed = r.input.fact("materials");
  for (const MaterialLine& m : kMaterials) {
    std::string status, note;
    bool required = std::find(v.materials.required.begin(), v.materials.required.end(), m.code) !=
                    v.materials.required.end();
    bool present = listed && std::any_of(listed->items.begin(), listed->items.end(),
                                         [&](const Value& x) { return x.text == m.code; });
    if (!*m.code)
      status = "按需";
    else if (present)
      status = "已提供";
    else if (!listed)
      status = "未说明";
    else
      status = required ? "缺" : "无需";
    if (required && !present) note = "按规定须提交";
    if (std::strcmp(m.code, "invoice_list") == 0 && invoice_page) {
      note = fmt::format("见本册第{}页", invoice_page);
      p.material_page_notes.emplace_back(t.rows.size(), PartKind::invoices);
    }
    if (std::strcmp(m.code, "policy_correspondence_list") == 0 && correspondence_page) {
      note = fmt::format("见本册第{}页", correspondence_page);
      p.material_page_notes.emplace_back(t.rows.size(), PartKind::correspondence);
    }
    t.rows.push_back({m.number, m.name, status, note, ""});
  }
}

const char* part_title(PartKind k) {
  switch (k) {
    case PartKind::form:
      return "山东省首版次高端软件保险补偿申请表";
    case PartKind::correspondence:
      return "保单对应清单";
    case PartKind::letter:
      return "申报材料真实性承诺书";
    case PartKind::invoices:
      return "投保产品销售发票明细清单";
    case PartKind::materials:
      return "支撑材料清单";
  }
  return "";
}

}  // namespace

ApplicationPackage build_package(const SubsidyResult& r) {
  ApplicationPackage p;
  const Case& c = r.input;
  p.title = "山东省首版次高端软件保险补偿申请报告";
  const RulePack& pack = *r.verdict->pack;
  if (pack.jurisdiction != "shandong")
    p.notice = fmt::format(
        "注意：本申请报告按山东省附3-2的格式生成；本案例按规则包 {}（{}）计算，"
        "该地的申报材料格式以当地申报通知为准。",
        pack.id, pack.title.zh);
  p.product = text_of(c.fact("software.name"));
  if (const Value* version = c.fact("software.version"))
    p.product += (p.product.empty() ? "" : " ") + version->text;
  p.company = text_of(c.fact("applicant.name"));
  p.contact = text_of(c.fact("applicant.contact.name"));
  if (const Value* phone = c.fact("applicant.contact.phone"))
    p.contact += (p.contact.empty() ? "" : "  ") + phone->text;
  p.declared_on = date_zh(c.fact("application.date"));
  p.filled_on =
      c.fact("application.filed_on") ? date_zh(c.fact("application.filed_on")) : p.declared_on;
  if (c.fact("insurance.recognition.year") && c.fact("insurance.recognition.batch"))
    p.batch = fmt::format("{}年第{}批", text_of(c.fact("insurance.recognition.year")),
                          text_of(c.fact("insurance.recognition.batch")));
  policy_rows(r, p);
  paginate(p.policies, kFormFirstPageMm);
  correspondence_rows(r, p);
  invoice_rows(r, p);

  // The binding order: the guide binds the correspondence list right after the 申请表 (四.5).
  auto add = [&](PartKind kind, int pages) {
    int first = p.parts.empty() ? 1 : p.parts.back().first_page + p.parts.back().pages;
    p.parts.push_back({kind, part_title(kind), first, pages});
  };
  add(PartKind::form, static_cast<int>(p.policies.page_starts.size()));
  int correspondence_page = 0, invoice_page = 0;
  if (p.policies.rows.size() > 1) {
    paginate(p.correspondence, kTablePageMm);
    add(PartKind::correspondence, static_cast<int>(p.correspondence.page_starts.size()));
    correspondence_page = p.parts.back().first_page;
  }
  add(PartKind::letter, 1);
  if (!p.invoices.rows.empty()) {
    paginate(p.invoices, kTablePageMm);
    add(PartKind::invoices, static_cast<int>(p.invoices.page_starts.size()));
    invoice_page = p.parts.back().first_page;
  }
  material_rows(r, p, invoice_page, correspondence_page);
  paginate(p.materials, kTablePageMm);
  add(PartKind::materials, static_cast<int>(p.materials.page_starts.size()));
  p.pages = p.parts.back().first_page + p.parts.back().pages - 1;
  return p;
}

void set_part_pages(ApplicationPackage& p, const std::vector<int>& pages) {
  int first = 1;
  for (size_t i = 0; i < p.parts.size() && i < pages.size(); ++i) {
    p.parts[i].first_page = first;
    p.parts[i].pages = pages[i];
    first += pages[i];
  }
  p.pages = first - 1;
  for (const auto& [row, kind] : p.material_page_notes)
    for (const PackagePart& part : p.parts)
      if (part.kind == kind)
        p.materials.rows[row][3] = fmt::format("见本册第{}页", part.first_page);
}

}  // namespace sbc
