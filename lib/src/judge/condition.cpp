// One condition on one case: its result, the facts it read, and why. The evaluator decides each
// kind of test first (cheap: no strings), and explains only what decided a result.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "base/int128.hpp"
#include "base/strings.hpp"
#include "sbc/judge/verdict.hpp"

namespace sbc {

namespace {

// One piece of an explanation: what a single test found.
struct Part {
  Text text;
  std::vector<std::string> missing;
  std::optional<Money> short_by;
};

struct Eval {
  Tri tri = Tri::unknown;
  std::vector<Part> parts;  // the parts that decided `tri`

  Eval() = default;
  explicit Eval(Tri t) : tri(t) {}
  // One part, moved in: a braced list of parts would be copied, strings and all.
  Eval(Tri t, Part part) : tri(t) { parts.push_back(std::move(part)); }
};

// The quiet results of a test's parts or of a list's items, kept to explain the decisive ones:
// on the stack for the usual handful.
class Results {
 public:
  explicit Results(size_t n) {
    if (n > kInline) heap_.resize(n);
  }
  Tri& operator[](size_t i) { return heap_.empty() ? inline_[i] : heap_[i]; }

 private:
  static constexpr size_t kInline = 16;
  std::array<Tri, kInline> inline_{};
  std::vector<Tri> heap_;
};

// "sales[2]": the path of a list's item, in the facts a test reads and the facts it misses.
std::string item_path(const std::string& list, size_t i) {
  return concat({list, "[", std::to_string(i), "]"});
}

void append(std::vector<Part>& to, std::vector<Part>&& from) {
  if (to.empty()) {  // the usual case, one child's parts: the vector taken whole
    to = std::move(from);
    return;
  }
  for (Part& p : from) to.push_back(std::move(p));
}

// A message in the languages asked for, each side made only when it will be shown: its pieces
// joined, or (format_in) what a function makes of the numbers and dates it formats.
Text say(Languages langs, std::initializer_list<std::string_view> zh,
         std::initializer_list<std::string_view> en) {
  return {langs.zh ? concat(zh) : std::string(), langs.en ? concat(en) : std::string()};
}
template <class Zh, class En>
Text format_in(Languages langs, Zh&& zh, En&& en) {
  return {langs.zh ? zh() : std::string(), langs.en ? en() : std::string()};
}

// Words that read the same in both languages (an amount, a date, a code), in those asked for.
Text same(std::string words, Languages langs) {
  if (!langs.en) return {std::move(words), {}};
  return {langs.zh ? words : std::string(), std::move(words)};  // braces: left to right
}

// How a value reads in a message: Chinese names for enumerations in zh, codes in en.
Text shown(const Value& v, const Field& f, Languages langs) {
  auto one = [&](const Value& x, const Field& spec) -> Text {
    if (x.kind == Value::Kind::money) return same(yuan(x.money), langs);
    if (x.kind == Value::Kind::boolean)
      return {langs.zh ? (x.flag ? "是" : "否") : "", langs.en ? (x.flag ? "yes" : "no") : ""};
    if (x.kind == Value::Kind::enumeration && spec.enumeration) {
      const EnumValue* e = langs.zh ? spec.enumeration->match(x.text) : nullptr;
      return {langs.zh ? (e ? e->zh : x.text) : std::string(), langs.en ? x.text : std::string()};
    }
    return same(render_value(x), langs);
  };
  if (v.kind != Value::Kind::list) return one(v, f);
  if (v.items.empty()) return {langs.zh ? "无" : "", langs.en ? "none" : ""};
  Text out;
  for (const Value& item : v.items) {
    Text t = one(item, f.item());
    if (!out.zh.empty()) out.zh += "、";
    out.zh += t.zh;
    if (!out.en.empty()) out.en += ", ";
    out.en += t.en;
  }
  return out;
}

int compare(const Value& a, const Value& b, const Field& f) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (f.type) {
    case Type::money:
      return sign(a.money, b.money);
    case Type::integer:
      return sign(a.number, b.number);
    case Type::date:
      return sign(a.date, b.date);
    default:
      return sign(f.enumeration->rank(a.text), f.enumeration->rank(b.text));
  }
}

class Evaluator {
 public:
  // With `explain`, results carry the parts that decided them (the messages); without, only the
  // result, which costs no strings: judge() decides first and explains only what decided.
  // `langs`: the languages the explanations are made in.
  Evaluator(const Case& c, std::optional<Date> as_of, std::vector<FactUse>* facts, bool explain,
            Languages langs)
      : case_(c), as_of_(as_of), facts_(facts), explain_(explain), langs_(langs) {}

  Eval eval(const Predicate& p, const Value& scope, const std::string& scope_path) {
    using Op = Predicate::Op;
    if (p.op == Op::all || p.op == Op::any) return combine(p, scope, scope_path);
    std::string joined;  // only inside a list item: a top-level path is the predicate's own
    const std::string& full =
        scope_path.empty() ? p.path : (joined = concat({scope_path, ".", p.path}));
    const Value* v = lookup(scope, p.keys);
    if (const RecordedFact* r = contradicted(full)) {  // the records deny the claim
      if (v != nullptr) record(full, *v);
      return Eval(Tri::fail, Part{r->message, {}, {}});
    }
    if (!explain_) return Eval(decide(p, v, full));
    if (v == nullptr || (p.op == Op::given && v->kind == Value::Kind::text && v->text.empty()))
      return missing(p, full);
    record(full, *v);
    Text value = shown(*v, *p.field, langs_);
    if (p.op == Op::stated_none || v->kind == Value::Kind::none) return stated(p, *v, value);
    switch (p.op) {
      case Op::at_least:
      case Op::more_than:
      case Op::at_most:
      case Op::less_than:
        return threshold(p, *v, value);
      case Op::any_item:
        return any_item(p, *v, full);
      case Op::within_years:
      case Op::older_than_years:
      case Op::newer_than_years:
      case Op::at_least_years:
      case Op::year_within:
        return relative_to_as_of(p, *v, value);
      case Op::at_least_share_of:
        return share_of(p, *v, value);
      default:
        return membership(p, *v, value, decide(p, v, full));
    }
  }

 private:
  Tri decide(const Predicate& p, const Value* v, const std::string& full) {
    using Op = Predicate::Op;
    if (v == nullptr && p.unstated_fails) return Tri::fail;
    if (v == nullptr || (p.op == Op::given && v->kind == Value::Kind::text && v->text.empty()))
      return Tri::unknown;
    record(full, *v);
    auto verdict = [](bool ok) { return ok ? Tri::pass : Tri::fail; };
    if (p.op == Op::stated_none || v->kind == Value::Kind::none)
      return verdict((v->kind == Value::Kind::none) == (p.op == Op::stated_none));
    auto listed = [&](const std::string& code) {
      return std::find(p.codes.begin(), p.codes.end(), code) != p.codes.end();
    };
    switch (p.op) {
      case Op::is:
        return verdict(v->flag == p.operand.flag);
      case Op::in:
        return verdict(listed(p.field->type == Type::enumeration ? v->text : render_value(*v)));
      case Op::contains_any:
        return verdict(std::any_of(v->items.begin(), v->items.end(),
                                   [&](const Value& i) { return listed(i.text); }));
      case Op::at_least:
        return verdict(compare(*v, p.operand, *p.field) >= 0);
      case Op::more_than:
        return verdict(compare(*v, p.operand, *p.field) > 0);
      case Op::at_most:
        return verdict(compare(*v, p.operand, *p.field) <= 0);
      case Op::less_than:
        return verdict(compare(*v, p.operand, *p.field) < 0);
      case Op::any_item:
        return some_item_passes(p, *v, full);
      case Op::within_years:
      case Op::older_than_years:
      case Op::newer_than_years:
      case Op::at_least_years:
      case Op::year_within:
        return decide_years(p, *v);
      case Op::at_least_share_of: {
        const Value* whole = other(p);
        return whole ? verdict(reaches_share(v->money, whole->money, p.share)) : Tri::unknown;
      }
      case Op::items_at_least:
        return verdict(v->items.size() >= static_cast<size_t>(p.n));
      case Op::given:
        return Tri::pass;
      case Op::stated_none:
      case Op::all:
      case Op::any:
        break;
    }
    return Tri::unknown;
  }

  // Some item of the list passes the item test.
  Tri some_item_passes(const Predicate& p, const Value& v, const std::string& full) {
    Tri t = Tri::fail;
    for (size_t i = 0; i < v.items.size(); ++i)
      t = tri_or(t, eval(p.children[0], v.items[i], item_path(full, i)).tri);
    return t;
  }

  // The tests of years, counted back from the reference date (the as-of or application date).
  Tri decide_years(const Predicate& p, const Value& v) {
    std::optional<Date> at = reference_date(p);
    if (!at) return Tri::unknown;
    bool ok;
    if (p.op == Predicate::Op::year_within) {
      int year = std::stoi(format(*at).substr(0, 4));
      ok = v.number <= year && v.number >= year - p.n;
    } else {
      ok = years_test(p, v.date, *at);
    }
    return ok ? Tri::pass : Tri::fail;
  }

  // A fact the case does not state: the test is unknown, naming it, or fails (`unstated: fail`).
  Eval missing(const Predicate& p, const std::string& full) const {
    const Field& f = *p.field;
    if (p.unstated_fails)
      return Eval(Tri::fail, Part{say(langs_, {"未说明", f.label.zh, "（", full, "）"},
                                      {f.label.en, " not stated (", full, ")"}),
                                  {},
                                  {}});
    return Eval(Tri::unknown, Part{say(langs_, {"未提供", f.label.zh, "（", full, "）"},
                                       {f.label.en, " not given (", full, ")"}),
                                   {full},
                                   {}});
  }

  // A fact stated as none: it passes stated_none and fails every other test.
  Eval stated(const Predicate& p, const Value& v, const Text& value) const {
    const Field& f = *p.field;
    bool none = v.kind == Value::Kind::none;
    return Eval(none == (p.op == Predicate::Op::stated_none) ? Tri::pass : Tri::fail,
                Part{say(langs_, {f.label.zh, "：", none ? "无" : value.zh},
                         {f.label.en, ": ", none ? "none" : value.en}),
                     {},
                     {}});
  }

  // The tests of what a fact is or holds (is, in, contains_any, items_at_least, given), as decided.
  Eval membership(const Predicate& p, const Value& v, const Text& value, Tri decided) const {
    using Op = Predicate::Op;
    const Field& f = *p.field;
    bool ok = decided == Tri::pass;
    if (p.op == Op::items_at_least)
      return leaf(ok,
                  format_in(
                      langs_, [&] { return fmt::format("{}：{} 项", f.label.zh, v.items.size()); },
                      [&] { return fmt::format("{}: {} item(s)", f.label.en, v.items.size()); }),
                  format_in(
                      langs_, [&] { return fmt::format("（少于 {} 项）", p.n); },
                      [&] { return fmt::format(" (fewer than {})", p.n); }));
    if (p.op != Op::is && p.op != Op::in && p.op != Op::contains_any)
      return Eval(
          decided,
          Part{say(langs_, {f.label.zh, "：", v.text}, {f.label.en, ": ", v.text}), {}, {}});
    Text what = say(langs_, {f.label.zh, "：", value.zh}, {f.label.en, ": ", value.en});
    if (ok) return leaf(ok, std::move(what), {});
    const Text& want = p.codes_text;
    if (p.op == Op::in)
      return leaf(
          ok, std::move(what),
          say(langs_, {"（应为 ", want.zh, " 之一）"}, {" (required: one of ", want.en, ")"}));
    if (p.op == Op::contains_any)
      return leaf(ok, std::move(what),
                  say(langs_, {"（需含 ", want.zh, " 之一）"}, {" (needs one of ", want.en, ")"}));
    Text required = shown(p.operand, f, langs_);
    return leaf(ok, std::move(what),
                say(langs_, {"（应为", required.zh, "）"}, {" (required: ", required.en, ")"}));
  }

  // The date a year test counts from: its `reference:` fact, else the as-of date.
  std::optional<Date> reference_date(const Predicate& p) {
    if (p.other.empty()) return as_of();
    const Value* ref = other(p);
    return ref ? std::optional<Date>(ref->date) : std::nullopt;
  }

  // within_years: at most n years (the anniversary included); older_than_years: more than n
  // years; newer_than_years: after the same day n years before the reference.
  static bool years_test(const Predicate& p, Date fact, Date reference) {
    using Op = Predicate::Op;
    if (p.op == Op::newer_than_years) return fact > add_years(reference, -p.n);
    Date deadline = add_years(fact, p.n);
    if (p.op == Op::at_least_years) return reference >= deadline;
    return p.op == Op::within_years ? reference <= deadline : reference > deadline;
  }

  // part >= whole × share, exactly.
  static bool reaches_share(Money part, Money whole, Rate share) {
    return static_cast<i128>(part.fen) * share.den >= static_cast<i128>(whole.fen) * share.num;
  }

  // The as-of date: --as-of, else the application date (recorded as a fact), else none.
  std::optional<Date> as_of() {
    if (as_of_) return as_of_;
    const Value* applied = case_.fact("application.date");
    if (applied == nullptr) return std::nullopt;
    record("application.date", *applied);
    return applied->date;
  }

  // The result of a child without its explanation.
  Tri quietly(const Predicate& p, const Value& scope, const std::string& scope_path) {
    bool was = explain_;
    explain_ = false;
    Tri t = eval(p, scope, scope_path).tri;
    explain_ = was;
    return t;
  }

  static const Value* lookup(const Value& scope, const std::vector<std::string>& keys) {
    const Value* v = &scope;
    for (const std::string& part : keys) {
      v = v->find(part);
      if (v == nullptr) return nullptr;
    }
    return v;
  }

  void record(const std::string& path, const Value& v) {
    if (facts_ == nullptr) return;
    for (const FactUse& f : *facts_)
      if (f.path == path) return;
    const RecordedFact* r = case_.recorded.empty() ? nullptr : case_.recorded_fact(path);
    bool from_records = r != nullptr && r->effect != RecordedFact::Effect::unchecked;
    FactUse& fact = facts_->emplace_back();  // made in place: no strings moved
    fact.path = path;
    fact.value = render_value(v);
    if (from_records) fact.source = r->source;
  }

  // The records' contradiction of a fact, when they deny what the case claims (round.md C).
  const RecordedFact* contradicted(const std::string& path) const {
    if (case_.recorded.empty()) return nullptr;
    const RecordedFact* r = case_.recorded_fact(path);
    return r != nullptr && r->effect == RecordedFact::Effect::contradicted ? r : nullptr;
  }

  static Eval leaf(bool ok, Text what, Text if_failed) {
    if (!ok) {
      what.zh += if_failed.zh;
      what.en += if_failed.en;
    }
    return Eval(ok ? Tri::pass : Tri::fail, Part{std::move(what), {}, {}});
  }

  // An "all" or "any". Explaining, each child is explained as it is judged, while its
  // explanation may still be shown: an "all" shows the children that share its result, an "any"
  // that passes its first passing child, after which the rest are judged quietly (their facts are
  // still read and recorded, in order).
  Eval combine(const Predicate& p, const Value& scope, const std::string& scope_path) {
    bool all = p.op == Predicate::Op::all;
    Tri tri = all ? Tri::pass : Tri::fail;
    std::vector<Eval> explained;
    if (explain_) explained.reserve(p.children.size());
    for (const Predicate& child : p.children) {
      bool quiet = !explain_ || (!all && tri == Tri::pass);
      Eval e = quiet ? Eval(quietly(child, scope, scope_path)) : eval(child, scope, scope_path);
      tri = all ? tri_and(tri, e.tri) : tri_or(tri, e.tri);
      if (!quiet) explained.push_back(std::move(e));
    }
    Eval out(tri);
    for (Eval& e : explained) {
      if (e.tri != tri) continue;
      append(out.parts, std::move(e.parts));
      if (!all && tri == Tri::pass) break;  // one passing alternative explains an "any"
    }
    return out;
  }

  Eval threshold(const Predicate& p, const Value& v, const Text& value) const {
    using Op = Predicate::Op;
    const Field& f = *p.field;
    int c = compare(v, p.operand, f);
    bool ok = p.op == Op::at_least    ? c >= 0
              : p.op == Op::more_than ? c > 0
              : p.op == Op::at_most   ? c <= 0
                                      : c < 0;
    Text limit = shown(p.operand, f, langs_);
    if (f.type == Type::money) return money_threshold(p, v, value, limit, ok);
    const char* op_zh = p.op == Op::at_least    ? "不低于"
                        : p.op == Op::more_than ? "高于"
                        : p.op == Op::at_most   ? "不高于"
                                                : "低于";
    const char* op_en = p.op == Op::at_least    ? "at least"
                        : p.op == Op::more_than ? "above"
                        : p.op == Op::at_most   ? "at most"
                                                : "below";
    return Eval(
        ok ? Tri::pass : Tri::fail,
        Part{say(langs_,
                 {f.label.zh, "：", value.zh, "（", ok ? "" : "应", op_zh, " ", limit.zh, "）"},
                 {f.label.en, ": ", value.en, ok ? " (is " : " (must be ", op_en, " ", limit.en,
                  ")"}),
             {},
             {}});
  }

  // A money threshold, as decided (`ok`): the amount reached, or how far it is short or over.
  Eval money_threshold(const Predicate& p, const Value& v, const Text& value, const Text& limit,
                       bool ok) const {
    using Op = Predicate::Op;
    const Field& f = *p.field;
    bool upward = p.op == Op::at_least || p.op == Op::more_than;
    Money gap = upward ? p.operand.money - v.money : v.money - p.operand.money;
    if (p.op == Op::more_than || p.op == Op::less_than) gap = gap + Money{1};
    Part part;
    if (ok) {
      part.text =
          say(langs_, {f.label.zh, " ", value.zh, "，", upward ? "达到 " : "未超出 ", limit.zh},
              {f.label.en, " ", value.en, upward ? " reaches " : " is within ", limit.en});
    } else if (upward) {
      std::string short_by = yuan(gap);
      part.text = say(langs_, {f.label.zh, " ", value.zh, "，差 ", short_by, " 达到 ", limit.zh},
                      {f.label.en, " ", value.en, " is ", short_by, " short of ", limit.en});
      part.short_by = gap;
    } else {
      std::string over = yuan(gap);
      part.text = say(langs_, {f.label.zh, " ", value.zh, "，超出 ", limit.zh, " ", over},
                      {f.label.en, " ", value.en, " exceeds ", limit.en, " by ", over});
    }
    return Eval(ok ? Tri::pass : Tri::fail, std::move(part));
  }

  // Some item of a list passes. Unlike combine(), the items are judged quietly first: a list
  // none of whose items passes is explained by one line, so explaining each item as it is judged
  // would be work thrown away for every failing list.
  Eval any_item(const Predicate& p, const Value& list, const std::string& full) {
    const Field& f = *p.field;
    Tri tri = Tri::fail;
    Results results(list.items.size());
    for (size_t i = 0; i < list.items.size(); ++i) {
      results[i] = quietly(p.children[0], list.items[i], item_path(full, i));
      tri = tri_or(tri, results[i]);
    }
    Eval out(tri);
    if (tri == Tri::fail) {
      bool none = list.items.empty();
      out.parts.push_back({say(langs_, {f.label.zh, "：", none ? "无" : "没有符合条件的项"},
                               {f.label.en, ": ", none ? "none" : "no entry qualifies"}),
                           {},
                           {}});
      return out;
    }
    for (size_t i = 0; i < list.items.size(); ++i) {
      if (results[i] != tri) continue;
      for (Part& part : eval(p.children[0], list.items[i], item_path(full, i)).parts) {
        if (langs_.zh) part.text.zh = fmt::format("{}第{}项 {}", f.label.zh, i + 1, part.text.zh);
        if (langs_.en) part.text.en = fmt::format("{} #{}: {}", f.label.en, i + 1, part.text.en);
        out.parts.push_back(std::move(part));
      }
      if (tri == Tri::pass) break;
    }
    return out;
  }

  // The other fact a test compares with (recorded), or nullptr when the case does not state it.
  const Value* other(const Predicate& p) {
    const Value* v = lookup(case_.root, p.other_keys);
    if (v) record(p.other, *v);
    return v;
  }
  Eval other_missing(const Predicate& p) const {
    const Text& label = p.other_field->label;
    return Eval(Tri::unknown, Part{say(langs_, {"未提供", label.zh, "（", p.other, "）"},
                                       {label.en, " not given (", p.other, ")"}),
                                   {p.other},
                                   {}});
  }

  // A money fact against a share of another: software revenue at least 30% of main revenue.
  Eval share_of(const Predicate& p, const Value& v, const Text& value) {
    const Field& f = *p.field;
    const Field& of = *p.other_field;
    const Value* whole = other(p);
    if (whole == nullptr) return other_missing(p);
    // The least whole-fen amount that reaches the share (rounded up: 30% of 20,000,000.01 needs
    // 6,000,000.01).
    i128 product = static_cast<i128>(whole->money.fen) * p.share.num;
    Money needed{static_cast<std::int64_t>((product + p.share.den - 1) / p.share.den)};
    bool ok = reaches_share(v.money, whole->money, p.share);
    Part part;
    part.text = format_in(
        langs_,
        [&] {
          return fmt::format("{} {}，{}{} {} 的 {}（{}）", f.label.zh, value.zh,
                             ok ? "达到" : "未达到", of.label.zh, yuan(whole->money),
                             format_rate(p.share), yuan(needed));
        },
        [&] {
          return fmt::format("{} {} {} {} of {} {} ({})", f.label.en, value.en,
                             ok ? "reaches" : "is short of", format_rate(p.share), of.label.en,
                             yuan(whole->money), yuan(needed));
        });
    if (!ok && needed > v.money) part.short_by = needed - v.money;
    return Eval(ok ? Tri::pass : Tri::fail, std::move(part));
  }

  // Tests that compare a fact with a date: the `reference:` fact, else --as-of, else the
  // application date.
  Eval relative_to_as_of(const Predicate& p, const Value& v, const Text& value) {
    Reference ref = reference(p);
    if (!ref.date) return ref.missing;
    const Field& f = *p.field;
    const Date at = *ref.date;
    if (p.op == Predicate::Op::year_within) {
      int year = std::stoi(format(at).substr(0, 4));
      bool ok = v.number <= year && v.number >= year - p.n;
      const Text& label = *ref.label;
      Text text = format_in(
          langs_,
          [&] {
            return fmt::format("{} {}，{} {} 的年份为 {}（应为 {} 至 {} 年）", f.label.zh, v.number,
                               label.zh, format(at), year, year - p.n, year);
          },
          [&] {
            return fmt::format("{} {}; {} {} is in {} (required: {} to {})", f.label.en, v.number,
                               label.en, format(at), year, year - p.n, year);
          });
      return Eval(ok ? Tri::pass : Tri::fail, Part{std::move(text), {}, {}});
    }
    bool ok = years_test(p, v.date, at);
    return Eval(ok ? Tri::pass : Tri::fail,
                Part{years_text(p, v, value, *ref.label, at, ok), {}, {}});
  }

  // The date a year test counts from, and how messages name it; without a date, why it is unknown.
  struct Reference {
    std::optional<Date> date;
    const Text* label = nullptr;
    Eval missing;
  };
  Reference reference(const Predicate& p) {
    static const Text as_of_label{"评估日期", "the as-of date"};
    static const Text applied_label{"申请日期", "the application date"};
    if (!p.other.empty()) {
      const Value* ref = other(p);
      if (ref == nullptr) return {std::nullopt, nullptr, other_missing(p)};
      return {ref->date, &p.other_field->label, {}};
    }
    if (as_of_) return {as_of_, &as_of_label, {}};
    const Value* applied = case_.fact("application.date");
    if (applied == nullptr)
      return {std::nullopt, nullptr,
              Eval(Tri::unknown, Part{say(langs_, {"未提供申请日期（application.date）"},
                                          {"application date not given (application.date)"}),
                                      {"application.date"},
                                      {}})};
    record("application.date", *applied);
    return {applied->date, &applied_label, {}};
  }

  // within_years: the fact's date at most n years before the reference date, as decided (`ok`).
  Text within_years_text(const Predicate& p, const Value& v, const Text& value, const Text& label,
                         Date at, bool ok) const {
    const Field& f = *p.field;
    Date deadline = add_years(v.date, p.n);
    if (ok)
      return format_in(
          langs_,
          [&] {
            return fmt::format("{} {}，至{} {} 未超过 {} 年（期限至 {}）", f.label.zh, value.zh,
                               label.zh, format(at), p.n, format(deadline));
          },
          [&] {
            return fmt::format("{} {}: {} {} is within {} years (until {})", f.label.en, value.en,
                               label.en, format(at), p.n, format(deadline));
          });
    int over = days_between(deadline, at);
    return format_in(
        langs_,
        [&] {
          return fmt::format("{} {}，至{} {} 已超过 {} 年（期限至 {}，超出 {} 天）", f.label.zh,
                             value.zh, label.zh, format(at), p.n, format(deadline), over);
        },
        [&] {
          return fmt::format("{} {}: {} {} is more than {} years later (limit {}, {} days over)",
                             f.label.en, value.en, label.en, format(at), p.n, format(deadline),
                             over);
        });
  }

  // newer_than_years, at_least_years and older_than_years (and within_years), as decided (`ok`).
  Text years_text(const Predicate& p, const Value& v, const Text& value, const Text& label, Date at,
                  bool ok) const {
    using Op = Predicate::Op;
    const Field& f = *p.field;
    if (p.op == Op::within_years) return within_years_text(p, v, value, label, at, ok);
    Date deadline = add_years(v.date, p.n);
    if (p.op == Op::newer_than_years) {
      Date after = add_years(at, -p.n);
      return format_in(
          langs_,
          [&] {
            return fmt::format("{} {}，{}晚于{} {} 前 {} 年的同日 {}", f.label.zh, value.zh,
                               ok ? "" : "未", label.zh, format(at), p.n, format(after));
          },
          [&] {
            return fmt::format("{} {} is {}after {}, {} years before {} {}", f.label.en, value.en,
                               ok ? "" : "not ", format(after), p.n, label.en, format(at));
          });
    }
    if (p.op == Op::at_least_years)
      return format_in(
          langs_,
          [&] {
            return fmt::format("{} {}，至{} {} {}满 {} 年（{} 满）", f.label.zh, value.zh, label.zh,
                               format(at), ok ? "已" : "未", p.n, format(deadline));
          },
          [&] {
            return fmt::format("{} {}: {} {} is {} {} years after it ({} years on {})", f.label.en,
                               value.en, label.en, format(at), ok ? "at least" : "less than", p.n,
                               p.n, format(deadline));
          });
    // older_than_years: the period of n years from the date, that date's anniversary included, is
    // over.
    return format_in(
        langs_,
        [&] {
          return fmt::format("{} {}，至{} {} {}满 {} 年（{} 止）", f.label.zh, value.zh, label.zh,
                             format(at), ok ? "已" : "未", p.n, format(deadline));
        },
        [&] {
          return fmt::format("{} {}: {} {} is {} {} years (until {})", f.label.en, value.en,
                             label.en, format(at), ok ? "past" : "within", p.n, format(deadline));
        });
  }

  const Case& case_;
  std::optional<Date> as_of_;
  std::vector<FactUse>* facts_;
  bool explain_;
  Languages langs_;
};

// The parts' texts as one message, joined by "；" (two facts of one contradicted record fail with
// its one message: said once). One part, as most conditions have, is moved, not copied.
Text joined(std::vector<Part>& parts) {
  if (parts.size() == 1) return std::move(parts[0].text);
  size_t zh = 0, en = 0;
  for (const Part& part : parts) {
    zh += part.text.zh.size() + 3;  // and "；"
    en += part.text.en.size() + 2;
  }
  Text message;
  message.zh.reserve(zh);
  message.en.reserve(en);
  const Part* previous = nullptr;
  for (const Part& part : parts) {
    bool repeated = previous != nullptr && previous->text.zh == part.text.zh &&
                    previous->text.en == part.text.en;  // one side may not have been made
    previous = &part;
    if (repeated) continue;
    message.zh += message.zh.empty() ? "" : "；";
    message.zh += part.text.zh;
    message.en += message.en.empty() ? "" : "; ";
    message.en += part.text.en;
  }
  return message;
}

}  // namespace

Tri test(const Predicate& p, const Case& c, std::optional<Date> as_of) {
  return Evaluator(c, as_of, nullptr, false, {}).eval(p, c.root, "").tri;
}

ConditionResult judge(const Condition& condition, const Case& c, std::optional<Date> as_of,
                      Languages langs) {
  ConditionResult r;
  r.condition = &condition;
  // One pass: an all/any decides every part quietly (recording each fact read, once), then
  // explains the parts that decided it.
  r.facts.reserve(4);  // most conditions read one to four facts
  Eval e = Evaluator(c, as_of, &r.facts, true, langs).eval(condition.test, c.root, "");
  r.result = e.tri;
  r.message = joined(e.parts);
  for (Part& part : e.parts) {
    if (!r.short_by && part.short_by) r.short_by = part.short_by;
    for (std::string& m : part.missing)
      if (std::find(r.missing.begin(), r.missing.end(), m) == r.missing.end())
        r.missing.push_back(std::move(m));
  }
  for (const Note& note : condition.notes) {
    if (note.on && *note.on != r.result) continue;
    if (note.when && test(*note.when, c, as_of) != Tri::pass) continue;
    r.notes.push_back(note.text);
  }
  return r;
}

}  // namespace sbc
