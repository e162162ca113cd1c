// The round (round.md A, B): enterprises matched across cases, the enterprise cap shared in
// proportion to the fen, and flags for claims made twice. Every expected amount is worked by hand
// in the comment beside it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sbc/round/round.hpp"

using sbc::Claim;
using sbc::ClaimKind;
using sbc::Money;
using sbc::Round;
using sbc::RoundEntry;

namespace {

Money yuan(long long y) {
  return Money::yuan(y);
}
Money fen(long long f) {
  return Money{f};
}

// A judged compensation case under a pack with a ¥2,000,000 cap; its amount all compensation.
RoundEntry entry(const std::string& file, const std::string& company, const std::string& code,
                 Money amount, std::vector<Claim> claims = {}) {
  RoundEntry e;
  e.judged = true;
  e.file = file;
  e.company = company;
  e.credit_code = code;
  e.programme = "shandong-2020";
  e.cap = yuan(2'000'000);
  e.cap_rule = "amount.enterprise_cap";
  e.cap_clause = "附件3 三";
  e.subsidy = amount;
  e.capped_part = amount;
  e.claims = std::move(claims);
  return e;
}

Claim policy(const std::string& number, int line) {
  return {ClaimKind::policy, number, number, line};
}
Claim product(const std::string& name, int line) {
  return {ClaimKind::product, name, name, line};
}

Money payable(const Round& r, size_t ordinal, Money alone) {
  const sbc::CaseRound* c = r.of(ordinal);
  return c ? c->payable : alone;
}

}  // namespace

TEST_CASE("proportional shares: exact, then the leftover fen to the largest share") {
  using sbc::proportional_shares;
  // 2,000,000 × 2/3 = 1,333,333.333… → .33; × 1/3 = 666,666.666… → .67: 2,000,000.00 exactly.
  CHECK(proportional_shares(yuan(2'000'000), {yuan(2'000'000), yuan(1'000'000)}) ==
        std::vector<Money>{fen(133'333'333), fen(66'666'667)});
  // Three equal: 666,666.666… each → .67 ×3 = 2,000,000.01; the extra fen comes off the largest,
  // the earliest of the tie.
  CHECK(proportional_shares(yuan(2'000'000), {yuan(1'000'000), yuan(1'000'000), yuan(1'000'000)}) ==
        std::vector<Money>{fen(66'666'666), fen(66'666'667), fen(66'666'667)});
  // Three with a fen short: cap 1.00 over 3 × 1.00 → 0.33 each, 0.99: the fen goes to the first.
  CHECK(proportional_shares(fen(100), {fen(100), fen(100), fen(100)}) ==
        std::vector<Money>{fen(34), fen(33), fen(33)});
  // Half up: 2,000,000 × 1 ÷ 3 fen-exact halves: cap 0.05 over 0.01 + 0.01 → 0.025 each → 0.03 +
  // 0.03 = 0.06, one fen too many: off the first (the tie's earliest).
  CHECK(proportional_shares(fen(5), {fen(1), fen(1)}) == std::vector<Money>{fen(2), fen(3)});
  // The largest gets the adjustment, not the first: 10.00 over 1 : 2 : 4 → 1.43, 2.86, 5.71 = 10.00
  // (1.428… → 1.43, 2.857… → 2.86, 5.714… → 5.71).
  CHECK(proportional_shares(fen(1000), {fen(100), fen(200), fen(400)}) ==
        std::vector<Money>{fen(143), fen(286), fen(571)});
  // 1.00 over 1 : 1 : 1 : 1 : 2 → 0.1666… ×4 → .17 ×4 + .333… → .33: 1.01, one too many: off the
  // largest.
  CHECK(proportional_shares(fen(100), {fen(100), fen(100), fen(100), fen(100), fen(200)}) ==
        std::vector<Money>{fen(17), fen(17), fen(17), fen(17), fen(32)});
}

TEST_CASE("two cases of one enterprise over the cap share it; another enterprise is untouched") {
  Round r;
  r.add(entry("a.yaml", "山东示例软件股份有限公司", "91370600MA3W4D8N1M", yuan(2'000'000)));
  r.add(entry("b.yaml", "山东示例软件股份有限公司", "91370600MA3W4D8N1M", yuan(1'000'000)));
  r.add(entry("c.yaml", "青岛示例信息技术有限公司", "91370200MA3TDW6L5W", fen(26'400'000)));
  r.resolve();
  REQUIRE(r.enterprises().size() == 1);
  const sbc::EnterpriseRound& g = r.enterprises()[0];
  CHECK(g.capped);
  CHECK(g.total == yuan(3'000'000));
  CHECK(g.payable == yuan(2'000'000));
  CHECK(payable(r, 0, yuan(2'000'000)) == fen(133'333'333));
  CHECK(payable(r, 1, yuan(1'000'000)) == fen(66'666'667));
  CHECK(r.of(2) == nullptr);  // judged alone: ¥264,000.00
  CHECK(r.of(0)->enterprise == &g);
  CHECK(r.of(1)->position == 1);
}

TEST_CASE("within the cap: grouped, nothing reduced") {
  Round r;
  r.add(entry("a.yaml", "甲公司", "91370600MA3W4D8N1M", yuan(1'200'000)));
  r.add(entry("b.yaml", "甲公司", "91370600MA3W4D8N1M",
              yuan(800'000)));  // 2,000,000: the cap itself, not over it
  r.resolve();
  REQUIRE(r.enterprises().size() == 1);
  CHECK_FALSE(r.enterprises()[0].capped);
  CHECK(payable(r, 0, yuan(1'200'000)) == yuan(1'200'000));
  CHECK(payable(r, 1, yuan(800'000)) == yuan(800'000));
}

TEST_CASE("an enterprise matched by name only; two codes under one name kept apart") {
  Round r;
  // The first has a code; the second none, its name with spaces and full-width brackets.
  r.add(entry("a.yaml", "山东示例软件(济南)有限公司", "91370600MA3W4D8N1M", yuan(2'000'000)));
  r.add(entry("b.yaml", "山东示例软件 （济南）有限公司", "", yuan(2'000'000)));
  // The same name with another code: another enterprise.
  r.add(entry("c.yaml", "山东示例软件(济南)有限公司", "91370200MA3TDW6L5W", yuan(2'000'000)));
  r.resolve();
  REQUIRE(r.enterprises().size() == 1);
  const sbc::EnterpriseRound& g = r.enterprises()[0];
  CHECK(g.by_name);
  CHECK(g.cases == std::vector<size_t>{0, 1});
  CHECK(payable(r, 0, yuan(2'000'000)) == yuan(1'000'000));
  CHECK(payable(r, 1, yuan(2'000'000)) == yuan(1'000'000));
  CHECK(r.of(2) == nullptr);
}

TEST_CASE("an undetermined case counts with its amount proven so far") {
  Round r;
  r.add(entry("a.yaml", "甲公司", "91370600MA3W4D8N1M", yuan(1'500'000)));
  RoundEntry open = entry("b.yaml", "甲公司", "91370600MA3W4D8N1M", yuan(1'000'000));
  open.undetermined = true;
  r.add(open);
  r.resolve();
  REQUIRE(r.enterprises().size() == 1);
  CHECK(r.enterprises()[0].undetermined);
  // 2,000,000 × 1.5/2.5 = 1,200,000; × 1/2.5 = 800,000.
  CHECK(payable(r, 0, yuan(1'500'000)) == yuan(1'200'000));
  CHECK(payable(r, 1, yuan(1'000'000)) == yuan(800'000));
}

TEST_CASE("awards stay outside the cap; a case that could not be judged takes no part") {
  Round r;
  RoundEntry a = entry("a.yaml", "甲公司", "91370600MA3W4D8N1M", yuan(2'000'000));
  a.subsidy = yuan(2'500'000);  // ¥500,000 of it an award
  r.add(a);
  r.add(RoundEntry{});  // unreadable
  r.add(entry("c.yaml", "甲公司", "91370600MA3W4D8N1M", yuan(2'000'000)));
  r.resolve();
  // The compensation: 2,000,000 each → 1,000,000 each; the award is added back.
  CHECK(payable(r, 0, yuan(2'500'000)) == yuan(1'500'000));
  CHECK(payable(r, 2, yuan(2'000'000)) == yuan(1'000'000));
  CHECK(r.of(1) == nullptr);
  CHECK(r.enterprises()[0].payable == yuan(2'500'000));
}

TEST_CASE("caps are per programme: two packs' cases of one enterprise are two groups") {
  Round r;
  r.add(entry("a.yaml", "甲公司", "91370600MA3W4D8N1M", yuan(2'000'000)));
  RoundEntry other = entry("b.yaml", "甲公司", "91370600MA3W4D8N1M", yuan(2'000'000));
  other.programme = "shandong-2023";
  r.add(other);
  r.resolve();
  CHECK(r.enterprises().empty());
  CHECK(r.of(0) == nullptr);
}

TEST_CASE(
    "flags: a policy in two cases, a product twice in one enterprise, a contract across "
    "enterprises") {
  Round r;
  r.add(entry("a.yaml", "甲公司", "91370600MA3W4D8N1M", fen(0),
              {policy("PZAB1", 17),
               product("平台\x1fV1.0", 6),
               {ClaimKind::contract, "HT-1\x1f乙", "HT-1（乙）", 30}}));
  r.add(entry("b.yaml", "甲公司", "91370600MA3W4D8N1M", fen(0),
              {policy("PZAB2", 17),
               product("平台\x1fV1.0", 6),
               {ClaimKind::contract, "HT-1\x1f乙", "HT-1（乙）", 30}}));
  r.add(entry("c.yaml", "丙公司", "91370200MA3TDW6L5W", fen(0),
              {policy("PZAB1", 19), product("平台\x1fV1.0", 6)}));
  r.resolve();
  const auto& flags = r.flags();
  // PZAB1 in a and c; the product in a and b (one enterprise; c is another's product of the same
  // name); the contract only within one enterprise (a, b): no flag.
  REQUIRE(flags.size() == 2);
  CHECK(flags[0].kind == ClaimKind::policy);
  CHECK(flags[0].places.size() == 2);
  CHECK(flags[0].places[0].file == "a.yaml");
  CHECK(flags[0].places[1].file == "c.yaml");
  CHECK(flags[0].places[1].line == 19);
  CHECK(flags[1].kind == ClaimKind::product);
  CHECK(flags[1].places.size() == 2);
  CHECK(flags[1].places[1].file == "b.yaml");
  CHECK(r.of(2)->flags == std::vector<size_t>{0});
  CHECK(r.of(0)->payable == fen(0));
}

TEST_CASE(
    "flags: a contract with its buyer in two enterprises' cases; a claim twice in one case is "
    "none") {
  Round r;
  Claim contract{ClaimKind::contract, "HT-1\x1f乙", "HT-1（乙）", 30};
  r.add(entry("a.yaml", "甲公司", "91370600MA3W4D8N1M", fen(0),
              {contract, policy("P", 3), policy("P", 9)}));
  r.add(entry("b.yaml", "丙公司", "91370200MA3TDW6L5W", fen(0), {contract}));
  r.resolve();
  REQUIRE(r.flags().size() == 1);
  CHECK(r.flags()[0].kind == ClaimKind::contract);
}

TEST_CASE("names compare without white space and with full-width forms made half-width") {
  CHECK(sbc::normalized_name("山东 示例（济南）有限公司") == "山东示例(济南)有限公司");
  CHECK(sbc::normalized_name("ＡＢＣ１２３\u3000公司") == "ABC123公司");
  CHECK(sbc::normalized_name("a\tb\nc") == "abc");
  CHECK(sbc::normalized_name("济南") == "济南");  // other three-byte characters stay
}

TEST_CASE("payments earlier in the year (the records') leave less of the cap") {
  SUBCASE("a case alone is reduced to what is left") {
    Round r;
    RoundEntry e = entry("a.yaml", "日照云帆科技有限公司", "", fen(32'800'000));
    e.paid_in_year = yuan(1'800'000);
    e.paid_source = "payments.csv:5";
    r.add(e);
    r.add(entry("b.yaml", "青岛示例信息技术有限公司", "", fen(32'800'000)));
    r.resolve();
    REQUIRE(r.enterprises().size() == 1);
    const sbc::EnterpriseRound& g = r.enterprises()[0];
    CHECK(g.capped);
    CHECK(g.room() == yuan(200'000));
    CHECK(g.paid_source == "payments.csv:5");
    CHECK(payable(r, 0, fen(32'800'000)) == yuan(200'000));
    CHECK(r.of(1) == nullptr);
  }
  SUBCASE("within what is left: grouped, nothing reduced") {
    Round r;
    RoundEntry e = entry("a.yaml", "日照云帆科技有限公司", "", yuan(100'000));
    e.paid_in_year = yuan(1'800'000);
    r.add(e);
    r.resolve();
    REQUIRE(r.enterprises().size() == 1);
    CHECK_FALSE(r.enterprises()[0].capped);
    CHECK(payable(r, 0, yuan(100'000)) == yuan(100'000));
  }
  SUBCASE("two cases share what is left; paid past the cap leaves nothing") {
    Round r;
    for (const char* file : {"a.yaml", "b.yaml"}) {
      RoundEntry e = entry(file, "日照云帆科技有限公司", "", yuan(300'000));
      e.paid_in_year = yuan(1'700'000);
      r.add(e);
    }
    r.resolve();
    CHECK(payable(r, 0, yuan(300'000)) == yuan(150'000));
    CHECK(payable(r, 1, yuan(300'000)) == yuan(150'000));
    Round over;
    RoundEntry e = entry("a.yaml", "日照云帆科技有限公司", "", yuan(300'000));
    e.paid_in_year = yuan(2'100'000);
    over.add(e);
    over.resolve();
    CHECK(over.enterprises()[0].room() == Money{});
    CHECK(payable(over, 0, yuan(300'000)) == Money{});
  }
}
