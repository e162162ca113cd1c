// The engine on the built-in packs: how far from passing, paths, notes, warnings, texts.
#include <doctest/doctest.h>

#include <optional>

#include "case_builder.hpp"
#include "sbc/judge/verdict.hpp"
#include "sbc/rules/rules.hpp"

using sbc::Tri;
using sbc::testing::parse_case;
using sbc::testing::patched;
using sbc::testing::read_source_file;

namespace {

struct Row {
  const char* condition;
  std::vector<std::pair<std::string, std::string>> edits;
  Tri expected;
  std::optional<std::int64_t> short_by_fen = std::nullopt;
};

const sbc::ConditionResult& result_of(const sbc::Verdict& v, const std::string& id) {
  for (const sbc::ConditionResult& r : v.conditions)
    if (r.condition->id == id) return r;
  FAIL("no condition ", id);
  throw 0;
}

sbc::Verdict judge(const std::string& pack_id, const std::string& base, const Row& row) {
  static sbc::RuleLibrary rules;
  return sbc::evaluate(rules.get(pack_id), parse_case(patched(base, row.edits)), std::nullopt);
}

void check_rows(const std::string& pack_id, const std::string& base, const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    std::string edits;
    for (const auto& [from, to] : row.edits) edits += "[" + from + " -> " + to + "] ";
    CAPTURE(edits);
    sbc::Verdict v = judge(pack_id, base, row);
    const sbc::ConditionResult& r = result_of(v, row.condition);
    INFO(row.condition, ": ", r.message.en);
    CHECK(r.result == row.expected);
    if (row.short_by_fen) {
      REQUIRE(r.short_by.has_value());
      CHECK(r.short_by->fen == *row.short_by_fen);
    }
  }
}

}  // namespace

// Each pack's conditions at their boundaries are tested as data, in rules/tests/<id>.yaml
// (sbc-validate --test). What is tested here is the engine: how far a case is from passing, the
// paths, the notes and the warnings.
TEST_CASE("how far from passing: a threshold's shortfall, to the fen") {
  const std::string base = read_source_file("examples/01-eligible-general.yaml");
  check_rows("shandong-2020", base,
             {
                 {"general.rd_spend", {{"rd_spend: 120万", "rd_spend: 999999.99"}}, Tri::fail, 1},
                 {"general.sales",
                  {{"cumulative_sales: 350万", "cumulative_sales: \"999,999.99\""}},
                  Tri::fail,
                  1},
                 {"general.sales",
                  {{"cumulative_sales: 350万", "cumulative_sales: 1万"}},
                  Tri::fail,
                  99000000},
                 {"other.big_sales",
                  {{"cumulative_sales: 350万", "cumulative_sales: 4999999.99"}},
                  Tri::fail,
                  1},
             });
}

TEST_CASE("verdicts: paths, notes and warnings") {
  sbc::RuleLibrary rules;
  const std::string base = read_source_file("examples/01-eligible-general.yaml");
  auto verdict = [&](const char* pack, const std::string& yaml) {
    return sbc::evaluate(rules.get(pack), parse_case(yaml), std::nullopt);
  };
  auto has_warning = [](const sbc::Verdict& v, const std::string& part) {
    for (const sbc::Text& w : v.warnings)
      if (w.en.find(part) != std::string::npos) return true;
    return false;
  };

  SUBCASE("the general path, then an other situation when a general condition fails") {
    sbc::Verdict v = verdict("shandong-2020", base);
    CHECK(v.outcome == sbc::Outcome::eligible);
    CHECK(v.path == "general");
    CHECK(!v.nearest);
    v = verdict(
        "shandong-2020",
        patched(base, {{"rd_spend: 120万", "rd_spend: 1万"},
                       {"appraisal: domestic_advanced", "appraisal: international_leading"}}));
    CHECK(v.path == "other.leading_appraisal");
  }
  SUBCASE("an other situation while 二.5 fails carries the verdict, with a warning") {
    sbc::Verdict v =
        verdict("shandong-2020", patched(base, {{"prior_support: false", "prior_support: true"},
                                                {"level: city, name", "level: national, name"}}));
    CHECK(v.outcome == sbc::Outcome::eligible);
    CHECK(v.path == "other.high_award");
    CHECK(has_warning(v, "failing: general.not_supported"));
  }
  SUBCASE("an accreditation other than CMA or CNAS is read as written, and the message names it") {
    sbc::Verdict v =
        verdict("shandong-2020",
                patched(base, {{"accreditation: [CMA, CNAS]", "accreditation: [ISO17025]"}}));
    CHECK(v.outcome == sbc::Outcome::ineligible);
    CHECK(result_of(v, "basic.testing").message.en ==
          "lab accreditation: ISO17025 (needs one of CMA, CNAS)");
    CHECK(result_of(v, "basic.testing").message.zh == "机构资质：ISO17025（需含 CMA、CNAS 之一）");
  }
  SUBCASE("category `other` fails 2023's scope naming the six, and 2020 does not read it") {
    const std::string base23 = read_source_file("examples/11-eligible-2023.yaml");
    sbc::Verdict v =
        verdict("shandong-2023", patched(base23, {{"category: 大型工业软件", "category: other"}}));
    CHECK(v.outcome == sbc::Outcome::ineligible);
    CHECK(
        result_of(v, "basic.scope").message.zh ==
        "申报范围：其他（应为 "
        "关键基础软件、大型工业软件、新兴平台软件、行业应用软件、嵌入式软件、集成电路设计 之一）");
    v = verdict("shandong-2020",
                patched(base, {{"version: V2.0", "version: V2.0\n  category: other"}}));
    CHECK(v.outcome == sbc::Outcome::eligible);
    CHECK(v.path == "general");
  }
  SUBCASE("国际先进 meets 三.2 with a note that says so") {
    sbc::Verdict v = verdict(
        "shandong-2020",
        patched(base, {{"appraisal: domestic_advanced", "appraisal: international_advanced"}}));
    CHECK(result_of(v, "other.leading_appraisal").result == Tri::pass);
    CHECK(result_of(v, "other.leading_appraisal").notes.size() == 1);
    CHECK(result_of(v, "other.leading_appraisal").notes[0].en.find("ranks above") !=
          std::string::npos);
  }
  SUBCASE("2020's 一般不超过2年 notes the reviewer's discretion; 2023's strict limit does not") {
    sbc::Verdict v = verdict(
        "shandong-2020", patched(base, {{"developed_on: 2019-06-30", "developed_on: 2017-01-01"}}));
    CHECK(v.outcome == sbc::Outcome::ineligible);
    CHECK(has_warning(v, "generally"));
    const std::string base23 = read_source_file("examples/11-eligible-2023.yaml");
    v = verdict("shandong-2023",
                patched(base23, {{"developed_on: 2022-09-30", "developed_on: 2020-01-01"}}));
    CHECK(v.outcome == sbc::Outcome::ineligible);
    CHECK(!has_warning(v, "generally"));
  }
  SUBCASE("2023: custom software only warns; the verdict stands") {
    const std::string base23 = read_source_file("examples/11-eligible-2023.yaml");
    sbc::Verdict v =
        verdict("shandong-2023",
                patched(base23, {{"custom_non_general: false", "custom_non_general: true"}}));
    CHECK(v.outcome == sbc::Outcome::eligible);
    CHECK(result_of(v, "general.general_purpose").result == Tri::fail);
    CHECK(has_warning(v, "general.general_purpose"));
    CHECK(result_of(v, "other.big_sales").condition->status == "carried_over");
    CHECK(result_of(v, "other.high_award").condition->status == "confirmed_from_repost");
  }
  SUBCASE("a date outside the pack's period warns and changes nothing else") {
    sbc::Verdict v =
        verdict("shandong-2020", patched(base, {{"date: 2020-05-15", "date: 2021-01-04"}}));
    CHECK(v.outcome == sbc::Outcome::eligible);
    CHECK(has_warning(v, "outside the effective period of shandong-2020"));
  }
  SUBCASE("a missing fact is unknown, never assumed, and named") {
    sbc::Verdict v =
        verdict("shandong-2020", patched(base, {{"cumulative_sales: 350万", "name2: x"}}));
    CHECK(v.outcome == sbc::Outcome::undetermined);
    CHECK(v.path.empty());
    REQUIRE(v.nearest);
    CHECK(v.nearest->path == "general");
    CHECK(v.nearest->missing == std::vector<std::string>{"software.cumulative_sales"});
  }
  SUBCASE("the nearest path is the one with the fewest failing conditions") {
    sbc::Verdict v = verdict("shandong-2020",
                             patched(base, {{"rd_spend: 120万", "rd_spend: 1万"},
                                            {"cumulative_sales: 350万", "cumulative_sales: 1万"},
                                            {"prior_support: false", "prior_support: true"}}));
    CHECK(v.outcome == sbc::Outcome::ineligible);
    REQUIRE(v.nearest);
    CHECK(v.nearest->path == "other.high_award");
    CHECK(v.nearest->failing == std::vector<std::string>{"other.high_award"});
    v = verdict("shandong-2020",
                patched(base, {{"registered_province: 山东", "registered_province: 河南"}}));
    REQUIRE(v.nearest);
    CHECK(v.nearest->path == "general");
    CHECK(v.nearest->failing == std::vector<std::string>{"basic.entity"});
  }
}

TEST_CASE("three-valued logic is Kleene's") {
  const Tri values[] = {Tri::pass, Tri::fail, Tri::unknown};
  for (Tri a : values) {
    for (Tri b : values) {
      CAPTURE(sbc::to_string(a));
      CAPTURE(sbc::to_string(b));
      Tri conj = a == Tri::fail || b == Tri::fail
                     ? Tri::fail
                     : (a == Tri::unknown || b == Tri::unknown ? Tri::unknown : Tri::pass);
      Tri disj = a == Tri::pass || b == Tri::pass
                     ? Tri::pass
                     : (a == Tri::unknown || b == Tri::unknown ? Tri::unknown : Tri::fail);
      CHECK(sbc::tri_and(a, b) == conj);
      CHECK(sbc::tri_or(a, b) == disj);
    }
  }
  CHECK(sbc::tri_and(Tri::unknown, Tri::fail) == Tri::fail);
  CHECK(sbc::tri_or(Tri::unknown, Tri::pass) == Tri::pass);
}

// Every message a pack gives exists in both languages: --lang zh and en (and the locale) choose
// between them, so a missing side would print an empty message.
TEST_CASE("every built-in pack's texts exist in zh and in en") {
  sbc::RuleLibrary library;
  auto both = [](const sbc::Text& t, const std::string& where) {
    INFO(where);
    CHECK(!t.zh.empty());
    CHECK(!t.en.empty());
  };
  auto conditions = [&](const std::vector<sbc::Condition>& list, const std::string& pack) {
    for (const sbc::Condition& c : list) {
      both(c.text, pack + " " + c.id);
      for (const sbc::Note& n : c.notes) both(n.text, pack + " " + c.id + " note");
    }
  };
  size_t packs = 0;
  for (const sbc::RulePack* p : library.builtins()) {
    ++packs;
    both(p->title, p->id + " title");
    for (const auto& [group, name] : p->recognition.groups) both(name, p->id + " group " + group);
    conditions(p->recognition.conditions, p->id);
    for (const sbc::PathWarning& w : p->recognition.warnings) both(w.text, p->id + " warning");
    if (p->compensation) {
      for (const sbc::Citation& r : p->compensation->rules) both(r.text, p->id + " " + r.id);
      conditions(p->compensation->conditions, p->id);
      for (const sbc::ConditionalMaterial& m : p->compensation->materials.conditional)
        both(m.text, p->id + " " + m.material);
    }
    for (const sbc::Award& a : p->awards) {
      both(a.citation.text, p->id + " " + a.citation.id);
      conditions(a.conditions, p->id);
    }
  }
  CHECK(packs == 5);
}

TEST_CASE("a tool loads only the sections of a built-in pack it reads; a pack file is read whole") {
  sbc::RuleLibrary check(sbc::PackParts::recognition), subsidy(sbc::PackParts::subsidy), all;
  const sbc::RulePack& for_check = check.get("shandong-2020");
  CHECK(for_check.recognises());
  CHECK_FALSE(for_check.compensation.has_value());
  const sbc::RulePack& for_subsidy = subsidy.get("shandong-2020");
  CHECK_FALSE(for_subsidy.recognises());
  CHECK(for_subsidy.compensation.has_value());
  CHECK(subsidy.get("henan-2021").awards.size() == all.get("henan-2021").awards.size());
  CHECK(for_check.sha256 == all.get("shandong-2020").sha256);  // the decision record is the same

  const sbc::RulePack& file = check.get(std::string(SBC_SOURCE_DIR) + "/rules/shandong-2020.yaml");
  CHECK(file.recognises());
  CHECK(file.compensation.has_value());
}
