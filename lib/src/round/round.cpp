// The round: an index of claim hashes while the cases stream by, then, at the end, one more read
// of the entries whose hashes met another case's, where the real keys are compared.
#include "sbc/round/round.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <numeric>
#include <queue>
#include <stdexcept>

#include "base/spool.hpp"
#include "sbc/values/rate.hpp"

namespace sbc {

const char* to_string(ClaimKind k) {
  switch (k) {
    case ClaimKind::policy:
      return "policy";
    case ClaimKind::invoice:
      return "invoice";
    case ClaimKind::contract:
      return "contract";
    case ClaimKind::product:
      return "product";
    case ClaimKind::credit_code:
      return "credit_code";
    case ClaimKind::company:
      return "company";
  }
  return "";
}

std::string normalized_name(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {  // U+3000, the ideographic space
      i += 3;
      continue;
    }
    if (c == 0xEF && i + 2 < s.size()) {  // U+FF01..U+FF5E, the full-width forms of ! to ~
      unsigned char b = static_cast<unsigned char>(s[i + 1]),
                    t = static_cast<unsigned char>(s[i + 2]);
      unsigned cp = b == 0xBC ? 0xFF00u | (t & 0x3Fu) : b == 0xBD ? 0xFF40u | (t & 0x3Fu) : 0;
      if ((t & 0xC0) == 0x80 && cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFEE0);
        i += 3;
        continue;
      }
    }
    out += static_cast<char>(c);
    ++i;
  }
  return out;
}

std::string normalized_code(std::string_view s) {
  std::string code = normalized_name(s);
  for (char& ch : code)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return code;
}

std::string case_name(const std::string& file, int index) {
  return index == 0 ? file : fmt::format("{}[{}]", file, index);
}

std::vector<Money> proportional_shares(Money cap, const std::vector<Money>& amounts) {
  std::int64_t total = 0;
  for (Money a : amounts) total += a.fen;
  std::vector<Money> shares;
  Money sum;
  for (Money a : amounts) {
    shares.push_back(apply_half_up(cap, Rate::of(a.fen, total)));
    sum = sum + shares.back();
  }
  if (!shares.empty()) {  // the leftover fen: to the largest share, the earliest on a tie
    size_t largest = 0;
    for (size_t i = 1; i < shares.size(); ++i)
      if (shares[i] > shares[largest]) largest = i;
    shares[largest] = shares[largest] + (cap - sum);
  }
  return shares;
}

namespace {

std::uint32_t claim_hash(ClaimKind kind, std::string_view key) {
  std::uint64_t h = std::hash<std::string_view>{}(key) ^
                    ((static_cast<std::uint64_t>(kind) + 1) * 0x9E3779B97F4A7C15u);
  h ^= h >> 31;  // splitmix64's finaliser: every bit of the key reaches the upper half
  h *= 0xBF58476D1CE4E5B9u;
  h ^= h >> 27;
  return static_cast<std::uint32_t>(h >> 32);
}

// The claims that tell the case's enterprise: its credit code (in capitals) and its company name.
void add_enterprise_claims(RoundEntry& e) {
  std::string code = normalized_code(e.credit_code);
  if (!code.empty()) e.claims.push_back({ClaimKind::credit_code, code, e.credit_code, 0});
  std::string name = normalized_name(e.company);
  if (!name.empty()) e.claims.push_back({ClaimKind::company, name, e.company, 0});
}

// An entry's fields as bytes, and back: numbers as 8 bytes, strings after their length.
struct Bytes {
  std::string out;
  void operator()(std::uint64_t n) { out.append(reinterpret_cast<const char*>(&n), sizeof n); }
  void operator()(std::string_view v) {
    (*this)(static_cast<std::uint64_t>(v.size()));
    out.append(v);
  }
};

struct BytesReader {
  std::string_view in;
  std::uint64_t number() {
    std::uint64_t n = 0;
    if (in.size() < sizeof n) throw std::runtime_error("a round's entry is cut short");
    std::memcpy(&n, in.data(), sizeof n);
    in.remove_prefix(sizeof n);
    return n;
  }
  std::string string() {
    std::uint64_t n = number();
    if (in.size() < n) throw std::runtime_error("a round's entry is cut short");
    std::string s(in.substr(0, n));
    in.remove_prefix(n);
    return s;
  }
};

std::string entry_bytes(const RoundEntry& e) {
  Bytes b;
  for (const std::string* t :
       {&e.file, &e.company, &e.credit_code, &e.programme, &e.cap_rule, &e.cap_clause})
    b(*t);
  b(static_cast<std::uint64_t>(e.index));
  b(e.cap ? static_cast<std::uint64_t>(e.cap->fen) : ~std::uint64_t{0});
  b(static_cast<std::uint64_t>(e.subsidy.fen));
  b(static_cast<std::uint64_t>(e.capped_part.fen));
  b(e.undetermined ? 1 : 0);
  b(static_cast<std::uint64_t>(e.paid_in_year.fen));
  b(e.paid_source);
  b(e.claims.size());
  for (const Claim& c : e.claims) {
    b(static_cast<std::uint64_t>(c.kind));
    b(c.key);
    b(c.shown == c.key ? std::string_view()
                       : std::string_view(c.shown));  // most are the key itself
    b(static_cast<std::uint64_t>(c.line));
  }
  return std::move(b.out);
}

RoundEntry entry_of(std::string_view bytes) {
  BytesReader r{bytes};
  RoundEntry e;
  e.judged = true;
  for (std::string* t :
       {&e.file, &e.company, &e.credit_code, &e.programme, &e.cap_rule, &e.cap_clause})
    *t = r.string();
  e.index = static_cast<int>(r.number());
  std::uint64_t cap = r.number();
  if (cap != ~std::uint64_t{0}) e.cap = Money{static_cast<std::int64_t>(cap)};
  e.subsidy = Money{static_cast<std::int64_t>(r.number())};
  e.capped_part = Money{static_cast<std::int64_t>(r.number())};
  e.undetermined = r.number() != 0;
  e.paid_in_year = Money{static_cast<std::int64_t>(r.number())};
  e.paid_source = r.string();
  size_t n = r.number();
  for (size_t i = 0; i < n; ++i) {
    Claim c;
    c.kind = static_cast<ClaimKind>(r.number());
    c.key = r.string();
    c.shown = r.string();
    if (c.shown.empty()) c.shown = c.key;
    c.line = static_cast<int>(r.number());
    e.claims.push_back(std::move(c));
  }
  return e;
}

// A case whose claims met another case's, as read back at the end: what its enterprise, its
// share and its flags need, the file and the programme as numbers into tables (thousands of
// cases of a large round are held at once).
struct Involved {
  size_t ordinal = 0;
  std::uint32_t file = 0;       // Impl::files
  std::uint32_t programme = 0;  // Impl::programmes
  int index = 0;
  bool undetermined = false;
  bool by_name = false;
  Money subsidy;
  Money capped_part;
  Money paid_in_year;
  std::string paid_source;
  std::string company;
  std::string credit_code;
  std::uint32_t enterprise = 0;  // the same number for the cases of one enterprise
  std::vector<Claim> claims;     // those that met another case's, without the enterprise's own
};

// What a cap belongs to: a pack, with its cap and the rule that states it.
struct Programme {
  std::string id;
  std::optional<Money> cap;
  std::string cap_rule, cap_clause;
};

}  // namespace

struct Round::Impl {
  Spool spool;
  // The claims' hashes, 4 bytes each, in blocks sorted as they fill (no doubling, and little
  // sorting left for the end): a hash found twice is a candidate, which the read of the entries
  // at the end confirms or drops (a case that claims the same thing twice, or two keys with the
  // same hash).
  static constexpr size_t kBlock = 16384;
  std::vector<std::vector<std::uint32_t>> index;
  // Each case's hashes and the length of its entry; the entries themselves apart, so the read at
  // the end seeks to the few it needs.
  Spool claimed;
  size_t count = 0;
  std::vector<EnterpriseRound> enterprises;
  std::vector<Flag> flags;
  std::vector<std::pair<size_t, CaseRound>> changed;  // by ordinal
  std::vector<std::string> files;                     // of the involved cases, each once
  std::vector<Programme> programmes;                  // likewise

  std::uint32_t file_id(const std::string& file);
  std::uint32_t programme_id(const RoundEntry& e);

  std::vector<std::uint32_t> candidates();
  std::vector<Involved> involved(const std::vector<std::uint32_t>& hashes);
  void group(std::vector<Involved>& cases);
  EnterpriseRound enterprise_of(const std::vector<Involved*>& members) const;
  void find_flags(const std::vector<Involved>& cases);
  CaseRound& change(size_t ordinal, Money subsidy);
};

Round::Round() : impl_(std::make_unique<Impl>()) {}
Round::~Round() = default;

RoundRecord prepare(RoundEntry e) {
  RoundRecord r;
  r.judged = e.judged;
  if (!e.judged) return r;
  add_enterprise_claims(e);
  r.hashes.reserve(e.claims.size() + 1);
  for (const Claim& c : e.claims) r.hashes.push_back(claim_hash(c.kind, c.key));
  // Paid earlier in the year, a case alone still meets its enterprise's cap: its enterprise's
  // claim counted twice makes it one the round reads back.
  if (e.paid_in_year.fen > 0 && !e.claims.empty()) r.hashes.push_back(r.hashes.back());
  r.bytes = entry_bytes(e);
  return r;
}

// Each case's hashes go to the index and, with its entry's length, to `claimed`; its entry to
// `spool`.
size_t Round::add(const RoundRecord& r) {
  Impl& m = *impl_;
  size_t ordinal = m.count++;
  for (std::uint32_t h : r.hashes) {
    if (m.index.empty() || m.index.back().size() == Impl::kBlock) {
      if (!m.index.empty()) std::sort(m.index.back().begin(), m.index.back().end());
      m.index.emplace_back().reserve(Impl::kBlock);
    }
    m.index.back().push_back(h);
  }
  m.claimed.put(std::string_view(reinterpret_cast<const char*>(r.hashes.data()),
                                 r.hashes.size() * sizeof(std::uint32_t)));
  m.claimed.put(r.bytes.size());
  m.spool.put(r.bytes);
  return ordinal;
}

// The hashes found twice or more: the sorted blocks merged.
std::vector<std::uint32_t> Round::Impl::candidates() {
  if (!index.empty()) std::sort(index.back().begin(), index.back().end());
  using Cursor = std::pair<std::uint32_t, size_t>;  // a block's next hash, and the block
  std::priority_queue<Cursor, std::vector<Cursor>, std::greater<>> next;
  std::vector<size_t> at(index.size(), 0);
  for (size_t b = 0; b < index.size(); ++b)
    if (!index[b].empty()) next.push({index[b][0], b});
  std::vector<std::uint32_t> out;
  bool first = true;
  std::uint32_t last = 0;
  while (!next.empty()) {
    auto [h, b] = next.top();
    next.pop();
    if (!first && h == last && (out.empty() || out.back() != h)) out.push_back(h);
    first = false;
    last = h;
    if (++at[b] < index[b].size()) next.push({index[b][at[b]], b});
  }
  std::vector<std::vector<std::uint32_t>>().swap(index);
  return out;
}

std::uint32_t Round::Impl::file_id(const std::string& file) {
  if (!files.empty() && files.back() == file)
    return static_cast<std::uint32_t>(files.size() - 1);  // cases come file by file
  auto it = std::find(files.begin(), files.end(), file);
  if (it != files.end()) return static_cast<std::uint32_t>(it - files.begin());
  files.push_back(file);
  return static_cast<std::uint32_t>(files.size() - 1);
}

std::uint32_t Round::Impl::programme_id(const RoundEntry& e) {
  for (size_t i = 0; i < programmes.size(); ++i)
    if (programmes[i].id == e.programme) return static_cast<std::uint32_t>(i);
  programmes.push_back({e.programme, e.cap, e.cap_rule, e.cap_clause});
  return static_cast<std::uint32_t>(programmes.size() - 1);
}

namespace {

// Whether any of the hashes packed in `claims` (4 bytes each) is among `candidates`.
bool meets(const std::string& claims, const std::vector<std::uint32_t>& candidates) {
  for (size_t i = 0; i + sizeof(std::uint32_t) <= claims.size(); i += sizeof(std::uint32_t)) {
    std::uint32_t h;
    std::memcpy(&h, claims.data() + i, sizeof h);
    if (std::binary_search(candidates.begin(), candidates.end(), h)) return true;
  }
  return false;
}

}  // namespace

std::vector<Involved> Round::Impl::involved(const std::vector<std::uint32_t>& hashes) {
  std::string bytes, claims;
  size_t n = 0;  // counted first, so the list is made at its size
  claimed.rewind();
  for (size_t ordinal = 0; ordinal < count; ++ordinal) {
    claimed.get_string(claims);
    claimed.get_number();
    n += meets(claims, hashes);
  }
  std::vector<Involved> out;
  out.reserve(n);
  claimed.rewind();
  spool.rewind();
  std::uint64_t skipped = 0;  // entry bytes passed over since the last one read
  for (size_t ordinal = 0; ordinal < count; ++ordinal) {
    claimed.get_string(claims);
    std::uint64_t length = claimed.get_number();
    if (!meets(claims, hashes)) {
      skipped += sizeof(std::uint64_t) + length;
      continue;
    }
    spool.skip(skipped);
    skipped = 0;
    spool.get_string(bytes);
    RoundEntry e = entry_of(bytes);
    Involved c;
    c.ordinal = ordinal;
    c.file = file_id(e.file);
    c.programme = programme_id(e);
    c.index = e.index;
    c.undetermined = e.undetermined;
    c.subsidy = e.subsidy;
    c.capped_part = e.capped_part;
    c.paid_in_year = e.paid_in_year;
    c.paid_source = std::move(e.paid_source);
    c.company = std::move(e.company);
    c.credit_code = std::move(e.credit_code);
    for (Claim& claim : e.claims)
      if (claim.kind != ClaimKind::credit_code && claim.kind != ClaimKind::company &&
          std::binary_search(hashes.begin(), hashes.end(), claim_hash(claim.kind, claim.key)))
        c.claims.push_back(std::move(claim));
    out.push_back(std::move(c));
  }
  return out;
}

CaseRound& Round::Impl::change(size_t ordinal, Money subsidy) {
  auto it = std::lower_bound(changed.begin(), changed.end(), ordinal,
                             [](const auto& p, size_t o) { return p.first < o; });
  if (it != changed.end() && it->first == ordinal) return it->second;
  CaseRound r;
  r.payable = subsidy;
  return changed.insert(it, {ordinal, std::move(r)})->second;
}

// Enterprises (round.md A): the same credit code; a case without one joins the earliest code that
// a case with its company name gives, else the others of its name. Then each enterprise's cases
// under one programme share its cap.
namespace {

// Each case's enterprise: its credit code, else its name (joining the earliest code given with
// that name), else the case alone. Enterprises are numbered as they first appear.
void match_enterprises(std::vector<Involved>& cases) {
  auto code_key = [](const Involved& c) { return normalized_code(c.credit_code); };
  std::map<std::string, std::string> code_of_name;
  for (const Involved& c : cases) {
    std::string code = code_key(c), name = normalized_name(c.company);
    if (!code.empty() && !name.empty()) code_of_name.emplace(name, code);
  }
  std::map<std::string, std::uint32_t> number;  // "code:…", "name:…" or "case:…"
  for (Involved& c : cases) {
    std::string code = code_key(c), name = normalized_name(c.company), key;
    if (!code.empty()) {
      key = "code:" + code;
    } else if (!name.empty()) {
      auto it = code_of_name.find(name);
      c.by_name = it != code_of_name.end();
      key = c.by_name ? "code:" + it->second : "name:" + name;
    } else {
      key = fmt::format("case:{}", c.ordinal);
    }
    c.enterprise = number.emplace(key, static_cast<std::uint32_t>(number.size())).first->second;
  }
}

}  // namespace

void Round::Impl::group(std::vector<Involved>& cases) {
  // The cases of each enterprise under each programme, in order of first appearance.
  std::vector<std::vector<Involved*>> groups;
  std::map<std::pair<std::uint32_t, std::uint32_t>, size_t> where;
  for (Involved& c : cases) {
    auto [it, fresh] = where.emplace(std::pair(c.enterprise, c.programme), groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].push_back(&c);
  }
  decltype(where)().swap(where);
  // Made at their sizes: a large round has thousands of these.
  auto shares_a_cap = [](const std::vector<Involved*>& members) {
    return members.size() >= 2 || members.front()->paid_in_year.fen > 0;
  };
  size_t shared = 0, members_in_all = 0;
  for (const auto& members : groups)
    if (shares_a_cap(members)) ++shared, members_in_all += members.size();
  enterprises.reserve(shared);
  changed.reserve(changed.capacity() + members_in_all);  // with the flagged cases' room
  for (const auto& members : groups)
    if (shares_a_cap(members)) enterprises.push_back(enterprise_of(members));
  decltype(groups)().swap(groups);
  for (size_t e = 0; e < enterprises.size(); ++e) {
    const EnterpriseRound& g = enterprises[e];
    for (size_t i = 0; i < g.cases.size(); ++i) {
      CaseRound& r = change(g.cases[i], g.subsidies[i]);
      r.payable = g.subsidies[i] - g.amounts[i] + g.shares[i];
      r.enterprise = &g;  // the enterprises are all in place: the address stays
      r.position = i;
    }
  }
}

// An enterprise with several cases under one programme: its cases' amounts, and the cap shared.
EnterpriseRound Round::Impl::enterprise_of(const std::vector<Involved*>& members) const {
  EnterpriseRound g;
  g.cases.reserve(members.size());
  g.files.reserve(members.size());
  g.indexes.reserve(members.size());
  g.subsidies.reserve(members.size());
  g.amounts.reserve(members.size());
  const Involved& first = *members.front();
  const Programme& programme = programmes[first.programme];
  g.company = first.company;
  g.programme = programme.id;
  g.cap = programme.cap;
  g.cap_rule = programme.cap_rule;
  g.cap_clause = programme.cap_clause;
  for (Involved* m : members) {
    if (m->paid_in_year > g.paid_in_year) {  // the records' payments, as one case found them
      g.paid_in_year = m->paid_in_year;
      g.paid_source = m->paid_source;
    }
    if (g.credit_code.empty()) g.credit_code = m->credit_code;
    g.by_name = g.by_name || m->by_name;
    g.undetermined = g.undetermined || m->undetermined;
    g.cases.push_back(m->ordinal);
    g.files.push_back(files[m->file]);
    g.indexes.push_back(m->index);
    g.subsidies.push_back(m->subsidy);
    g.amounts.push_back(m->capped_part);
    g.total = g.total + m->capped_part;
  }
  g.capped = g.cap && g.total > g.room();
  g.shares = g.capped ? proportional_shares(g.room(), g.amounts) : g.amounts;
  for (size_t i = 0; i < g.cases.size(); ++i)
    g.payable = g.payable + g.subsidies[i] - g.amounts[i] + g.shares[i];
  return g;
}

// Flags (round.md B): a policy or an invoice in two cases; a contract with its buyer in cases of
// two enterprises; a product applied for twice by one enterprise.
void Round::Impl::find_flags(const std::vector<Involved>& cases) {
  struct Place {
    FlagPlace at;
    std::uint32_t enterprise;
    const std::string* shown;
  };
  std::map<std::pair<ClaimKind, std::string>, std::vector<Place>> claims;
  for (const Involved& c : cases)
    for (const Claim& claim : c.claims) {
      std::vector<Place>& places = claims[{claim.kind, claim.key}];
      if (!places.empty() && places.back().at.ordinal == c.ordinal) continue;  // once a case
      places.push_back(
          {{c.ordinal, case_name(files[c.file], c.index), files[c.file], c.index, claim.line},
           c.enterprise,
           &claim.shown});
    }
  for (auto& [what, places] : claims) {
    if (places.size() < 2) continue;
    std::vector<std::vector<const Place*>> sets;
    if (what.first == ClaimKind::product) {  // one set per enterprise
      std::map<std::uint32_t, size_t> by;
      for (const Place& p : places) {
        auto [it, fresh] = by.emplace(p.enterprise, sets.size());
        if (fresh) sets.emplace_back();
        sets[it->second].push_back(&p);
      }
    } else {
      std::uint32_t first = places.front().enterprise;  // (a lambda may not capture a structured
                                                        // binding before C++20's clang 16)
      bool other = std::any_of(places.begin(), places.end(),
                               [first](const Place& p) { return p.enterprise != first; });
      if (what.first == ClaimKind::contract && !other)
        continue;  // one enterprise's two products may share a contract
      sets.emplace_back();
      for (const Place& p : places) sets.back().push_back(&p);
    }
    for (const auto& set : sets) {
      if (set.size() < 2) continue;
      Flag f{what.first, *set.front()->shown, {}};
      for (const Place* p : set) f.places.push_back(p->at);
      flags.push_back(std::move(f));
    }
  }
  // In input order: by the first case, then by kind.
  std::stable_sort(flags.begin(), flags.end(), [](const Flag& a, const Flag& b) {
    return std::pair(a.places.front().ordinal, a.kind) <
           std::pair(b.places.front().ordinal, b.kind);
  });
}

void Round::resolve() {
  Impl& m = *impl_;
  std::vector<std::uint32_t> hashes = m.candidates();
  if (hashes.empty()) return;
  std::vector<Involved> cases = m.involved(hashes);
  match_enterprises(cases);
  m.find_flags(cases);
  for (Involved& c : cases) std::vector<Claim>().swap(c.claims);  // the flags have them now
  size_t flagged = 0;
  for (const Flag& f : m.flags) flagged += f.places.size();
  m.changed.reserve(flagged);
  m.group(cases);
  for (size_t f = 0; f < m.flags.size(); ++f)
    for (const FlagPlace& p : m.flags[f].places) {
      auto c = std::lower_bound(
          cases.begin(), cases.end(), p.ordinal,
          [](const Involved& i, size_t o) { return i.ordinal < o; });  // in input order
      m.change(p.ordinal, c->subsidy).flags.push_back(f);
    }
}

const CaseRound* Round::of(size_t ordinal) const {
  const auto& changed = impl_->changed;
  auto it = std::lower_bound(changed.begin(), changed.end(), ordinal,
                             [](const auto& p, size_t o) { return p.first < o; });
  return it != changed.end() && it->first == ordinal ? &it->second : nullptr;
}

const std::vector<EnterpriseRound>& Round::enterprises() const {
  return impl_->enterprises;
}
const std::vector<Flag>& Round::flags() const {
  return impl_->flags;
}
size_t Round::cases() const {
  return impl_->count;
}

}  // namespace sbc
