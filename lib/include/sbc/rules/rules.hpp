// Rule packs: the policy of one jurisdiction and year as data (rules/*.yaml). The C++ here only
// knows kinds of test (a fact is true, a money fact reaches a threshold, …) and how they combine.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbc/base/diagnostic.hpp"
#include "sbc/base/text.hpp"
#include "sbc/model/case.hpp"
#include "sbc/model/schema.hpp"
#include "sbc/values/date.hpp"
#include "sbc/values/rate.hpp"

namespace sbc {

// A test on the facts of a case. Leaves name a fact by its dotted path (relative to the case, or
// to the list item inside `any_item`); combinators hold children.
struct Predicate {
  enum class Op {
    all,       // every child passes (Kleene and)
    any,       // some child passes (Kleene or)
    is,        // a boolean fact equals `operand`
    in,        // an enumeration fact is one of `codes`
    at_least,  // ≥ operand: 以上, 不低于 (money, whole number, date, or rank of an ordered enum)
    more_than,         // > operand: 超过
    at_most,           // ≤ operand: 以下, 不超过
    less_than,         // < operand: 不满
    contains_any,      // a list of enumerations holds one of `codes`
    any_item,          // some item of a list of records passes children[0]
    within_years,      // the date fact is no more than `n` calendar years before the reference date
    older_than_years,  // the reference date is more than `n` calendar years after the date fact
    newer_than_years,  // the date fact is after the same day `n` calendar years before the
                       // reference
    at_least_years,  // the reference date is at least `n` calendar years after the date fact (满 n
                     // 年)
    at_least_share_of,  // a money fact is at least `share` of the money fact `other` (不低于 …%)
    year_within,        // a year (whole number) is the as-of year or one of the `n` years before it
    items_at_least,     // a list has at least `n` items
    stated_none,        // the fact is stated as none / never
    given,              // the fact is stated (a text that must be supplied, e.g. a basis)
  };
  Op op = Op::all;
  std::string path;
  std::vector<std::string> keys;  // `path` split at the dots, once, when the pack is loaded
  const Field* field = nullptr;
  std::vector<Predicate> children;
  Value operand;
  std::vector<std::string> codes;  // in: enumeration codes, or whole numbers as written
  Text codes_text;  // the codes as messages show them ("国内领先、国际领先")
  int n = 0;        // years, or items
  // The other fact a test compares with, a path from the case root: the reference date of the
  // year tests (`reference:`; the as-of date when empty), or the whole of at_least_share_of.
  std::string other;
  std::vector<std::string> other_keys;
  const Field* other_field = nullptr;
  Rate share;  // at_least_share_of
  // `unstated: fail`: a fact the case does not state fails the test instead of leaving it unknown,
  // for a rule that asks whether something is stated ("recognised: true settles it; else …").
  bool unstated_fails = false;
};

enum class Tri { pass, fail, unknown };

// A remark attached to a condition, shown when its result is `on` or when `when` passes.
struct Note {
  std::optional<Tri> on;
  std::optional<Predicate> when;
  Text text;
};

struct Condition {
  std::string id;      // e.g. general.rd_spend
  std::string group;   // basic, general, other, …
  std::string clause;  // e.g. 附3-1 二.3
  std::string status;  // confirmed | carried_over | confirmed_from_repost | secondary_source
  std::string source;  // where the text comes from, when not the pack's source
  Text text;
  Predicate test;
  bool warning_only = false;  // evaluated and reported, but a failure only warns
  std::vector<Note> notes;
};

// One way to recognition: all conditions of a group together, or each condition of a group alone
// (then the path is named by the condition's id).
struct PathSpec {
  std::string group;
  bool each = false;
};

// Warns when the verdict rests on a path of `group` while one of `failed` fails.
struct PathWarning {
  std::string group;
  std::vector<std::string> failed;
  Text text;
};

struct Recognition {
  std::map<std::string, Text> groups;  // display names: basic → 基础条件 / basic conditions
  std::vector<std::string> required;   // groups whose conditions must all pass
  std::vector<PathSpec> paths;         // at least one must pass
  std::vector<Condition> conditions;   // in pack order
  std::vector<PathWarning> warnings;
};

// A rule applied by the subsidy engine (its mechanism is C++), cited to its clause.
struct Citation {
  std::string id;
  std::string clause;
  std::string status;
  std::string source;
  Text text;
};

// The ids of the rules the subsidy engine knows. It applies those a pack cites (amount.formula
// always); a programme without, say, an insurance window simply does not cite scope.window.
const std::vector<std::string>& compensation_rule_ids();

struct ConditionalMaterial {
  std::string material;  // a code of the `material` enumeration
  std::string clause;
  Text text;
  Predicate when;  // the material is required when this passes
};

struct MaterialsRule {
  Citation citation;  // its id is empty when the pack states no materials
  std::vector<std::string> required;
  std::vector<ConditionalMaterial> conditional;
};

struct DateRange {
  Date start;
  Date end;
  bool contains(Date d) const { return start <= d && d <= end; }
};

// The numbers of the subsidy arithmetic (shared/policy/shandong-2020.md, "How to compute"). Each
// optional one belongs to a rule of the engine, and is given exactly when the pack cites that rule.
struct CompensationParameters {
  std::vector<std::string> eligible_kinds;  // scope.insurance_type: policy kinds that count
  std::optional<Rate>
      first_installment_share;  // pay.first_installment: first day's payments >= premium × this
  std::optional<Rate>
      sale_invoiced_share;  // sale.date: a sale is realised when invoices reach amount × this
  Rate rate_cap;            // amount.formula: rate = min(premium ÷ limit, this)
  Rate subsidy_share;       // amount.formula: subsidy = base × this
  std::optional<int>
      limit_multiple;  // amount.limit_multiple: eligible limit <= this × covered sales
  std::optional<Money> enterprise_cap;  // amount.enterprise_cap: the total per enterprise
};

struct Compensation {
  std::optional<DateRange> window;  // 投保时限, when the pack states it
  CompensationParameters parameters;
  std::vector<Citation> rules;
  std::vector<Condition> conditions;  // case level, in the recognition test language
  MaterialsRule materials;

  const Citation& rule(std::string_view id) const;  // one of compensation_rule_ids(), cited
  bool cites(std::string_view id) const;
};

// One tier of an award: `share` of the part of the base up to `up_to` (the last tier has none:
// the rest of the base). Anhui: 15% of the price up to ¥10,000,000, then 10% of the rest.
struct AwardTier {
  std::optional<Money> up_to;
  Rate share;
};

// What an award is a share of: a money fact of the case (a price, an audited sales figure), or
// the invoices of insurance.sales dated within `months` months from the date fact `path`
// (Henan: 12 months from the recognition date, that date included).
struct AwardBase {
  std::string path;
  std::vector<std::string> keys;
  std::optional<int>
      months;  // set: invoiced sales from the date `path`; unset: `path` is the amount
};

// A sales or purchase award (奖补/奖励): tiers of shares of a base, capped, for the developer or
// the first user, once its case-level conditions pass.
struct Award {
  Citation citation;
  std::string beneficiary;  // developer | user
  AwardBase base;
  std::vector<AwardTier> tiers;
  std::optional<Money> cap;
  std::vector<Condition> conditions;
};

struct RulePack {
  std::string id;
  int version = 0;
  Text title;
  std::string jurisdiction;  // province code (schema enum `province`)
  std::string city;          // a city's own programme (schema enum `city`), or empty
  Date effective_from;
  Date effective_to;
  std::optional<Date> last_reviewed;
  std::string source_document;   // the policy document's title
  std::string source_published;  // who published it, when, and in what form it was seen
  std::string source_file;       // where a copy is kept, if the pack says (not used by the tools)
  std::string origin;            // "built-in" or the file it was loaded from
  std::string text;              // the pack's YAML as loaded
  std::string sha256;  // of `text`, in hex: which rules exactly a verdict was reached under
  Recognition recognition;
  std::optional<Compensation> compensation;
  std::vector<Award> awards;

  bool covers(Date d) const { return effective_from <= d && d <= effective_to; }
  // How a case's rules: key names this pack: its id when built in, else the file it came from.
  std::string reference() const { return origin == "built-in" ? id : origin; }
  // A warning when the case is judged at a date outside the pack's effective dates.
  std::optional<Text> validity_warning(std::optional<Date> judged_at) const;
  bool recognises() const { return !recognition.paths.empty(); }  // award-only packs do not
  bool subsidises() const { return compensation.has_value() || !awards.empty(); }
  // Why sbc-check (`subsidy` false) or sbc-subsidy (true) cannot judge cases under this pack, if it
  // cannot.
  std::optional<Text> unusable_for(bool subsidy) const;
};

// Parses and checks a rule pack. Throws InputError (file:line:col and key path) on any problem.
RulePack load_pack(const std::string& yaml_text, const std::string& origin);

// A pack file's text, read from `in` up to limits.max_pack_bytes: a larger one (or /dev/zero) is
// an InputError naming the limit, found without reading past it.
std::string read_pack_text(std::istream& in, const std::string& origin, const Limits& limits);
// The same, from the pack's parsed tree (the built-in packs are parsed when the tools are built),
// with the text's SHA-256 when it is known already (computed when the tools are built), else
// computed here.
// Which sections of a built-in pack a tool reads: sbc-check the recognition, sbc-subsidy the
// compensation and the awards. The build checks every built-in pack whole; a pack from a file is
// always read whole, so that every error in it shows.
enum class PackParts { all, recognition, subsidy };

RulePack load_pack(const Node& root, const std::string& yaml_text, const std::string& origin,
                   std::string_view sha256 = {}, PackParts parts = PackParts::all);

struct BuiltinPack {
  std::string_view id;
  std::string_view text;    // the pack's YAML, as in rules/
  std::string_view tree;    // its parsed tree, encode()d at build time
  std::string_view sha256;  // of `text`, computed at build time
  // What choosing a pack for a case needs, known without loading the pack:
  std::string_view jurisdiction;
  std::string_view city;
  int effective_from = 0;  // Date::days
  int effective_to = 0;
};
// The packs compiled into the tools (generated from rules/*.yaml at build time).
const std::vector<BuiltinPack>& builtin_packs();

// Loads packs on demand and keeps them: by built-in id or by file, and for a case with no
// explicit choice, the pack whose jurisdiction and dates cover it. Thread-safe.
class RuleLibrary {
 public:
  // `parts`: the sections of the built-in packs to load (a one-case run loads one pack, and a
  // section it does not read costs it a tenth of its time).
  explicit RuleLibrary(PackParts parts = PackParts::all) : parts_(parts) {}
  // The limits a pack file is read under (--limit max_pack_bytes and the parser's own).
  void set_limits(const Limits& limits) { limits_ = limits; }

  // A built-in id or a path to a pack file. Throws InputError when it is neither or is invalid.
  const RulePack& get(const std::string& id_or_path);
  // The pack for a case: the case's `rules:` key, else the built-in pack whose jurisdiction is the
  // applicant's province and whose effective dates cover the date (as-of, else application date);
  // a city's own pack (applicant.registered_city) before its province's.
  // Throws InputError when none fits.
  const RulePack& for_case(const Case& c, std::optional<Date> as_of);
  // Every built-in pack, loaded, in id order.
  std::vector<const RulePack*> builtins();

 private:
  PackParts parts_;
  Limits limits_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<RulePack>, std::less<>> loaded_;
};

}  // namespace sbc
