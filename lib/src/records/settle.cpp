// A case's claims against the programme's records (round.md C). What the records hold settles a
// fact; what they deny fails the test that reads it; what they do not cover stands, noted.
#include "sbc/records/settle.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sbc/round/round.hpp"

namespace sbc {

namespace {

// A name, a code or a version as compared: round.md A's normalisation, letters in upper case.
std::string key_of(std::string_view s) {
  return normalized_code(s);
}

std::string product_key(const std::string& product, const std::string& version) {
  return key_of(product) + '\x1f' + key_of(version);
}

std::string source(const RecordSource& at) {
  return fmt::format("{}:{}", at.file, at.line);
}

// "2019年第3批", or "第5批" for a row without a year.
std::string batch_name(std::optional<int> year, int number) {
  return year ? fmt::format("{}年第{}批", *year, number) : fmt::format("第{}批", number);
}

int year_of(Date d) {
  return std::stoi(format(d).substr(0, 4));
}

// "payments.csv:3, payments.csv:4": the rows, the first five named (a product paid a thousand
// times is not a thousand names).
std::string sources(const std::vector<const Payment*>& rows) {
  constexpr size_t kNamed = 5;
  std::string out;
  for (size_t i = 0; i < rows.size() && i < kNamed; ++i)
    out += (out.empty() ? "" : ", ") + source(rows[i]->at);
  if (rows.size() > kNamed) out += fmt::format(" (+{})", rows.size() - kNamed);
  return out;
}

std::uint64_t hash_of(const std::string& key) {
  return std::hash<std::string>()(key);
}

using Index = std::unordered_multimap<std::uint64_t, std::uint32_t>;

// The rows under `key` that are the enterprise's and, when `product` is given, that product's
// (a hash can meet another key's).
template <typename Row>
std::vector<const Row*> rows_at(const Index& map, const std::string& key,
                                const std::vector<Row>& rows, const RecordParty& who,
                                const std::string* product = nullptr) {
  std::vector<std::uint32_t> found;
  auto [from, to] = map.equal_range(hash_of(key));
  for (auto it = from; it != to; ++it) {
    const Row& row = rows[it->second];
    if constexpr (requires { row.product; })
      if (product && product_key(row.product, row.version) != *product) continue;
    if (same_enterprise(row.party, who)) found.push_back(it->second);
  }
  std::sort(found.begin(), found.end());  // file order, each once
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<const Row*> out;
  for (std::uint32_t i : found) out.push_back(&rows[i]);
  return out;
}

// An enterprise is found by its code and by its name: both keys go in, and the match decides.
template <typename Row>
void index_enterprise(Index& map, const Row& row, std::uint32_t i) {
  if (!row.party.credit_code.empty()) map.emplace(hash_of("c:" + key_of(row.party.credit_code)), i);
  if (!row.party.company.empty()) map.emplace(hash_of("n:" + key_of(row.party.company)), i);
}

template <typename Row>
std::vector<const Row*> enterprise_rows(const Index& map, const std::vector<Row>& rows,
                                        const RecordParty& who) {
  std::vector<const Row*> out = rows_at(map, "c:" + key_of(who.credit_code), rows, who);
  for (const Row* r : rows_at(map, "n:" + key_of(who.company), rows, who))
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

bool same_enterprise(const RecordParty& record, const RecordParty& applicant) {
  if (!record.credit_code.empty() && !applicant.credit_code.empty())
    return key_of(record.credit_code) == key_of(applicant.credit_code);
  return !record.company.empty() && key_of(record.company) == key_of(applicant.company);
}

RecordIndex::RecordIndex(Records records) : records_(std::move(records)) {
  const auto& listed = records_.listed();
  listed_.reserve(listed.size());
  for (std::uint32_t i = 0; i < listed.size(); ++i) {
    listed_.emplace(hash_of(product_key(listed[i].product, listed[i].version)), i);
    batches_.emplace_back(listed[i].year.value_or(0), listed[i].batch);
  }
  std::sort(batches_.begin(), batches_.end());
  batches_.erase(std::unique(batches_.begin(), batches_.end()), batches_.end());
  const auto& payments = records_.payments();
  for (std::uint32_t i = 0; i < payments.size(); ++i) {
    paid_.emplace(hash_of(product_key(payments[i].product, payments[i].version)), i);
    index_enterprise(paid_to_, payments[i], i);
  }
  const auto& listings = records_.listings();
  for (std::uint32_t i = 0; i < listings.size(); ++i) index_enterprise(negative_, listings[i], i);
}

std::vector<const ListedProduct*> RecordIndex::listed(const RecordParty& who,
                                                      const std::string& product,
                                                      const std::string& version) const {
  std::string key = product_key(product, version);
  return rows_at(listed_, key, records_.listed(), who, &key);
}

std::vector<const Payment*> RecordIndex::paid(const RecordParty& who, const std::string& product,
                                              const std::string& version) const {
  std::string key = product_key(product, version);
  return rows_at(paid_, key, records_.payments(), who, &key);
}

std::vector<const Payment*> RecordIndex::paid_to(const RecordParty& who) const {
  return enterprise_rows(paid_to_, records_.payments(), who);
}

std::vector<const Listing*> RecordIndex::listed_negative(const RecordParty& who) const {
  return enterprise_rows(negative_, records_.listings(), who);
}

bool RecordIndex::covers(int year, int batch) const {
  return std::binary_search(batches_.begin(), batches_.end(), std::pair(year, batch)) ||
         std::binary_search(batches_.begin(), batches_.end(), std::pair(0, batch));
}

namespace {

// One case being settled: its enterprise, its product, its application date.
class Settler {
 public:
  Settler(const RecordIndex& index, Case& c) : index_(index), c_(c) {
    who_.company = text("applicant.name");
    who_.credit_code = text("applicant.credit_code");
    product_ = text("software.name");
    version_ = text("software.version");
    if (const Value* d = c.fact("application.date"); d && d->kind == Value::Kind::date)
      date_ = d->date;
  }

  void run() {
    if (who_.company.empty() && who_.credit_code.empty()) return;
    const Records& r = index_.records();
    if (!product_.empty() && !r.files(RecordKind::recognised_list).empty()) recognition();
    if (!product_.empty()) prior_support();
    if (date_ && !r.files(RecordKind::compensation_paid).empty()) payments();
    if (date_ && !r.files(RecordKind::negative_list).empty()) negative_list();
  }

 private:
  std::string text(std::string_view path) const {
    const Value* v = c_.fact(path);
    return v && v->kind == Value::Kind::text ? v->text : std::string();
  }
  const Value* fact(std::string_view path, Value::Kind kind) const {
    const Value* v = c_.fact(path);
    return v && v->kind == kind ? v : nullptr;
  }
  void note(std::string path, RecordedFact::Effect effect, std::string from, Text message) {
    c_.recorded.push_back({std::move(path), effect, std::move(from), std::move(message)});
  }
  // A claim the records correct or leave unchecked is also said where the case's warnings are.
  void warn(const std::string& path, const Text& message) {
    const Value* v = c_.fact(path);
    c_.problems.push_back(
        Diagnostic{Severity::warning, c_.file, v ? v->mark : c_.mark, path, message});
  }
  void set(const std::string& path, Value v) {
    if (const Value* old = c_.fact(path)) v.mark = old->mark;
    c_.set_fact(path, std::move(v));
  }
  static Value integer(std::int64_t n) {
    Value v;
    v.kind = Value::Kind::integer;
    v.number = n;
    return v;
  }

  void recognition();
  void recognition_claim(int year, int batch, const std::vector<const ListedProduct*>& rows);
  void recognised(const std::vector<const ListedProduct*>& rows);
  void prior_support();
  void payments();
  void negative_list();

  const RecordIndex& index_;
  Case& c_;
  RecordParty who_;
  std::string product_, version_;
  std::optional<Date> date_;
};

// insurance.recognition: the batch the case claims, checked against the lists that hold it; or,
// claimed by none, the product's latest batch on the lists.
void Settler::recognition() {
  std::vector<const ListedProduct*> rows = index_.listed(who_, product_, version_);
  const Value* year = fact("insurance.recognition.year", Value::Kind::integer);
  const Value* batch = fact("insurance.recognition.batch", Value::Kind::integer);
  if (year && batch) {
    recognition_claim(static_cast<int>(year->number), static_cast<int>(batch->number), rows);
  } else if (!rows.empty()) {
    const ListedProduct* latest = *std::max_element(
        rows.begin(), rows.end(), [](const ListedProduct* a, const ListedProduct* b) {
          return std::pair(a->year.value_or(0), a->batch) <
                 std::pair(b->year.value_or(0), b->batch);
        });
    if (latest->year) set("insurance.recognition.year", integer(*latest->year));
    set("insurance.recognition.batch", integer(latest->batch));
    note("insurance.recognition", RecordedFact::Effect::settled, source(latest->at),
         {fmt::format("名单 {} 载有该产品：{}", source(latest->at),
                      batch_name(latest->year, latest->batch)),
          fmt::format("the list at {} has the product: {}", source(latest->at),
                      batch_name(latest->year, latest->batch))});
  }
  if (!rows.empty()) recognised(rows);
}

void Settler::recognition_claim(int year, int batch,
                                const std::vector<const ListedProduct*>& rows) {
  std::string claimed = batch_name(year, batch);
  auto same = std::find_if(rows.begin(), rows.end(), [&](const ListedProduct* r) {
    return r->batch == batch && (!r->year || *r->year == year);
  });
  if (same != rows.end()) {
    note("insurance.recognition", RecordedFact::Effect::confirmed, source((*same)->at),
         {fmt::format("名单 {} 载有该产品：{}", source((*same)->at), claimed),
          fmt::format("the list at {} has the product: {}", source((*same)->at), claimed)});
    return;
  }
  if (!index_.covers(year, batch)) {
    Text why{fmt::format("记录中没有{}的名单：认定批次按申请所述，未核对", claimed),
             fmt::format("the records hold no list of {}: the batch stands as claimed, unchecked",
                         claimed)};
    warn("insurance.recognition", why);
    return note("insurance.recognition", RecordedFact::Effect::unchecked, "", why);
  }
  std::string lists =
      fmt::format("{}", fmt::join(index_.records().files(RecordKind::recognised_list), ", "));
  std::string elsewhere_zh, elsewhere_en;
  constexpr size_t kNamed = 5;  // a product listed a thousand times is not a thousand names
  for (size_t i = 0; i < rows.size() && i < kNamed; ++i) {
    const ListedProduct* r = rows[i];
    elsewhere_zh += fmt::format("{}{}（{}）", elsewhere_zh.empty() ? "；该产品在" : "、",
                                batch_name(r->year, r->batch), source(r->at));
    elsewhere_en += fmt::format("{}{} ({})", elsewhere_en.empty() ? "; the product is on " : ", ",
                                batch_name(r->year, r->batch), source(r->at));
  }
  if (rows.size() > kNamed) {
    elsewhere_zh += fmt::format("等 {} 处", rows.size());
    elsewhere_en += fmt::format(" and {} more", rows.size() - kNamed);
  }
  note("insurance.recognition", RecordedFact::Effect::contradicted, lists,
       {fmt::format("名单 {} 的{}中没有 {} {}{}", lists, claimed, product_, version_, elsewhere_zh),
        fmt::format("{} on the list {} has no {} {}{}", claimed, lists, product_, version_,
                    elsewhere_en)});
}

// software.recognized and its date: on a list, the product is recognised, on its first list's date.
void Settler::recognised(const std::vector<const ListedProduct*>& rows) {
  const ListedProduct* first = rows.front();
  for (const ListedProduct* r : rows)
    if (r->recognized_on && (!first->recognized_on || *r->recognized_on < *first->recognized_on))
      first = r;
  const Value* stated = fact("software.recognized", Value::Kind::boolean);
  Text says{fmt::format("名单 {} 载有该产品（{}）", source(first->at),
                        batch_name(first->year, first->batch)),
            fmt::format("the list at {} has the product ({})", source(first->at),
                        batch_name(first->year, first->batch))};
  if (stated && stated->flag) {
    note("software.recognized", RecordedFact::Effect::confirmed, source(first->at), says);
  } else {
    if (stated)
      warn("software.recognized",
           {"申请称未获认定；" + says.zh, "the case says not recognised; " + says.en});
    Value yes;
    yes.kind = Value::Kind::boolean;
    yes.flag = true;
    set("software.recognized", yes);
    note("software.recognized", RecordedFact::Effect::settled, source(first->at), says);
  }
  if (!first->recognized_on) return;
  const Value* on = fact("software.recognized_on", Value::Kind::date);
  if (on && on->date == *first->recognized_on) {
    note("software.recognized_on", RecordedFact::Effect::confirmed, source(first->at), says);
    return;
  }
  if (on)
    warn("software.recognized_on",
         {fmt::format("申请所述认定日期 {} 与名单 {} 的 {} 不同，以名单为准", format(on->date),
                      source(first->at), format(*first->recognized_on)),
          fmt::format("the case's recognition date {} differs from {} on the list at {}: the "
                      "list's is taken",
                      format(on->date), format(*first->recognized_on), source(first->at))});
  Value d;
  d.kind = Value::Kind::date;
  d.date = *first->recognized_on;
  set("software.recognized_on", d);
  note("software.recognized_on", RecordedFact::Effect::settled, source(first->at), says);
}

// software.prior_support (附3-1 二.5): a list of an earlier batch, or a payment, is support had.
void Settler::prior_support() {
  const ListedProduct* earlier = nullptr;
  for (const ListedProduct* r : index_.listed(who_, product_, version_)) {
    bool before = !date_ || (r->recognized_on ? *r->recognized_on < *date_
                             : r->year        ? *r->year < year_of(*date_)
                                              : true);  // a list already published
    if (before) {
      earlier = r;
      break;
    }
  }
  std::vector<const Payment*> paid = index_.paid(who_, product_, version_);
  if (!earlier && paid.empty()) return;
  std::string from = earlier ? source(earlier->at) : source(paid.front()->at);
  Text says = earlier ? Text{fmt::format("名单 {} 已载有该产品（{}）", from,
                                         batch_name(earlier->year, earlier->batch)),
                             fmt::format("the list at {} already has the product ({})", from,
                                         batch_name(earlier->year, earlier->batch))}
                      : Text{fmt::format("补偿记录 {} 已向该产品支付补偿", from),
                             fmt::format("the payments at {} already paid the product", from)};
  const Value* stated = fact("software.prior_support", Value::Kind::boolean);
  if (stated && stated->flag)
    return note("software.prior_support", RecordedFact::Effect::confirmed, from, says);
  if (stated)
    warn("software.prior_support",
         {"申请称尚未获得首版次支持或认定；" + says.zh,
          "the case says no 首版次 support or recognition yet; " + says.en});
  Value yes;
  yes.kind = Value::Kind::boolean;
  yes.flag = true;
  set("software.prior_support", yes);
  note("software.prior_support", RecordedFact::Effect::settled, from, says);
}

// insurance.prior_compensations: the product's payments in the years before the application's;
// the enterprise's payments in that year go to the round's cap.
void Settler::payments() {
  int year = year_of(*date_);
  std::vector<const Payment*> before, in_year;
  for (const Payment* p : index_.paid(who_, product_, version_))
    if (p->year < year) before.push_back(p);
  for (const Payment* p : index_.paid_to(who_))
    if (p->year == year) {
      c_.paid_in_year = c_.paid_in_year + p->amount;
      in_year.push_back(p);
    }
  c_.paid_in_year_source = sources(in_year);
  auto n = static_cast<std::int64_t>(before.size());
  std::string from = before.empty() ? index_.records().files(RecordKind::compensation_paid).front()
                                    : sources(before);
  Text says{fmt::format("补偿记录 {}：{} 年以前补偿 {} 次", from, year, n),
            fmt::format("the payments at {}: {} before {}", from, n, year)};
  const Value* stated = fact("insurance.prior_compensations", Value::Kind::integer);
  if (stated && stated->number == n)
    return note("insurance.prior_compensations", RecordedFact::Effect::confirmed, from, says);
  if (stated && stated->number > n) return;  // more than the records know: the case's word
  if (stated)
    warn("insurance.prior_compensations",
         {fmt::format("申请称此前补偿 {} 次，记录为 {} 次（{}），以记录为准", stated->number, n,
                      from),
          fmt::format("the case says {} compensations before, the records {} ({}): the records' "
                      "count is taken",
                      stated->number, n, from)});
  set("insurance.prior_compensations", integer(n));
  note("insurance.prior_compensations", RecordedFact::Effect::settled, from, says);
}

// applicant.negative_list_since: the earliest listing still in force on the application date (the
// guide's three years), else the latest before it; on no list, "none".
void Settler::negative_list() {
  const Listing* chosen = nullptr;
  for (const Listing* l : index_.listed_negative(who_)) {
    if (l->listed_on > *date_) continue;
    bool in_force = add_years(l->listed_on, 3) > *date_;
    bool chosen_in_force = chosen && add_years(chosen->listed_on, 3) > *date_;
    if (!chosen || (in_force && (!chosen_in_force || l->listed_on < chosen->listed_on)) ||
        (!in_force && !chosen_in_force && l->listed_on > chosen->listed_on))
      chosen = l;
  }
  const Value* stated = c_.fact("applicant.negative_list_since");
  if (!chosen) {
    const std::string& file = index_.records().files(RecordKind::negative_list).front();
    Text absent{fmt::format("负面清单 {} 未列入该企业", file),
                fmt::format("the negative list {} does not have the enterprise", file)};
    if (stated && stated->kind == Value::Kind::none)
      return note("applicant.negative_list_since", RecordedFact::Effect::confirmed, file, absent);
    if (stated) return;  // a listing the records lack: the case's word
    set("applicant.negative_list_since", Value());
    return note("applicant.negative_list_since", RecordedFact::Effect::settled, file, absent);
  }
  std::string from = source(chosen->at);
  Text says{
      fmt::format("负面清单 {}：{} 列入（{}）", from, format(chosen->listed_on), chosen->reason),
      fmt::format("the negative list at {}: listed on {} ({})", from, format(chosen->listed_on),
                  chosen->reason)};
  if (stated && stated->kind == Value::Kind::date && stated->date == chosen->listed_on)
    return note("applicant.negative_list_since", RecordedFact::Effect::confirmed, from, says);
  if (stated)
    warn("applicant.negative_list_since",
         {"申请所述为" +
              std::string(stated->kind == Value::Kind::none ? "未列入" : render_value(*stated)) +
              "；" + says.zh + "，以记录为准",
          "the case says " + render_value(*stated) + "; " + says.en + ": the records' is taken"});
  Value d;
  d.kind = Value::Kind::date;
  d.date = chosen->listed_on;
  set("applicant.negative_list_since", d);
  note("applicant.negative_list_since", RecordedFact::Effect::settled, from, says);
}
}  // namespace

std::vector<std::string> facts_records_give(const Records& records) {
  std::vector<std::string> out;
  if (!records.files(RecordKind::recognised_list).empty())
    out.insert(out.end(),
               {"insurance.recognition", "software.recognized", "software.recognized_on"});
  if (!records.files(RecordKind::compensation_paid).empty())
    out.emplace_back("insurance.prior_compensations");
  if (!records.files(RecordKind::negative_list).empty())
    out.emplace_back("applicant.negative_list_since");
  return out;
}

void settle_from_records(const RecordIndex& index, Case& c) {
  if (!c.readable()) return;
  Settler(index, c).run();
}

}  // namespace sbc
