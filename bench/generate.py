#!/usr/bin/env python3
"""Writes N synthetic but realistic sbc cases (every verdict and path, varied money spellings,
several policies and sales) into DIR, 100 cases per file. Deterministic for a given N and seed.

usage: generate.py N DIR [--seed S] [--rich]
  --rich   cases holding more facts (#30): 3-8 sales of 2-4 invoices each, 2-6 policies, 1-4 patents,
           where the default corpus has 1-3 sales and policies and one patent
"""
import os
import random
import sys

PROVINCES = ["山东", "shandong", "37", "山东省"]
OTHERS = ["high_award", "leading_appraisal", "big_sales", "strategic", "domestic_stack"]


def money(rng, yuan):
    """One amount in one of the spellings the case format accepts."""
    style = rng.randrange(5)
    if style == 0:
        return str(yuan)
    if style == 1:
        return '"{:,.2f}"'.format(yuan)
    if style == 2 and yuan % 100 == 0:
        return "{}万".format(yuan // 10000) if yuan % 10000 == 0 else "{}万".format(yuan / 10000)
    if style == 3:
        return "{}元".format(yuan)
    return "{}.00".format(yuan)


ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(enterprise):
    """A valid unified social credit code (GB 32100-2015 check character) for an enterprise number."""
    body = "91370100MA3{:06d}".format(enterprise)
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def recognition(rng, kind, case, enterprise, rich):
    rd = rng.choice([1_200_000, 2_500_000, 999_999]) if kind != "general" else 1_200_000
    sales = 3_500_000
    lines = [
        "applicant:",
        "  name: 山东合成软件{}有限公司".format(enterprise),
        "  credit_code: {}".format(credit_code(enterprise)),
        "  registered_province: {}".format("河南" if kind == "basic" else rng.choice(PROVINCES)),
        "  independent_legal_person: true",
        "  compliant: true",
        "  financially_sound: true",
        "  rd_funding_secured: true",
        "  qualifications: [{}]".format(rng.choice(["CMMI3", "ITSS", "ISO27001", "CMMI5, DCMM"])),
        "  tech_centers: [{kind: enterprise_tech_center, level: city}]",
        "  negative_list_since: never",
        "software:",
        "  name: 合成工业软件平台{}".format(case),
        "  version: V{}.{}".format(rng.randrange(1, 9), rng.randrange(10)),
        "  developed_on: 2019-{:02d}-{:02d}".format(rng.randrange(1, 13), rng.randrange(1, 29)),
        "  novelty_search_report: true",
        "  own_ip: true",
        "  test_report: {lab: 山东省软件评测中心, accreditation: [CMA], passed: true}",
        "  rd_spend: {}".format(money(rng, 800_000 if kind == "threshold" else rd)),
    ]
    if kind != "undetermined":
        lines.append("  cumulative_sales: {}".format(money(rng, 6_000_000 if kind == "big_sales" else sales)))
    general_fails = kind in OTHERS
    lines += [
    ]
    lines += patents(rng, general_fails, rich)
    lines += [
        "  appraisal: {}".format("domestic_leading" if kind == "leading_appraisal" else "domestic_advanced"),
        "  honours: [{kind: award, level: %s, name: 科技进步奖}]" % ("province" if kind == "high_award" else "city"),
        "  market_prospects_good: true",
        "  strategic: [{}]".format("import_substitution" if kind == "strategic" else ""),
        "  strategic_basis: 替代进口同类产品",
        "  domestic_ecosystem: {}".format("kunpeng" if kind == "domestic_stack" else "none"),
        "  compatibility_tested: true",
        "  prior_support: false",
        "  self_use_only: false",
        "  custom_non_general: {}".format("true" if general_fails else "false"),
        "application: {date: 2020-%02d-%02d}" % (rng.randrange(3, 10), rng.randrange(1, 29)),
    ]
    return lines


def insurance(rng, case, enterprise, rich):
    n_sales = rng.randrange(3, 9) if rich else rng.randrange(1, 4)
    n_policies = rng.randrange(2, 7) if rich else rng.randrange(1, 4)
    lines = [
        "insurance:",
        "  recognition: {year: %d, batch: %d}" % (rng.choice([2019, 2019, 2020, 2017]), rng.randrange(1, 6)),
        "  prior_compensations: {}".format(rng.choice([0, 0, 1, 2])),
        "  window: {start: 2019-10-01, end: 2020-09-30}",
        "  sales:",
    ]
    for s in range(n_sales):
        amount = rng.randrange(50, 2000) * 10_000
        if rich:
            lines += sale_with_invoices(rng, enterprise, s, amount)
            continue
        first = amount * rng.choice([30, 50, 60, 100]) // 100
        lines += [
            "    - contract: HT-{}-{:03d}".format(enterprise, s + 1),
            "      buyer: 合成制造{}有限公司".format(rng.randrange(1000)),
            "      amount: {}".format(money(rng, amount)),
            "      invoices: [{date: 2020-%02d-15, amount: %s}, {date: 2020-%02d-15, amount: %s}]"
            % (rng.randrange(1, 6), money(rng, first), rng.randrange(6, 12), money(rng, amount - first))
            if first < amount else  # invoiced whole at once: one invoice
            "      invoices: [{date: 2020-%02d-15, amount: %s}]" % (rng.randrange(1, 6), money(rng, first)),
        ]
    lines.append("  policies:")
    for p in range(n_policies):
        limit = rng.randrange(100, 5000) * 10_000
        rate_permille = rng.choice([10, 15, 20, 30, 35])
        premium = limit * rate_permille // 1000
        lines += [
            "    - kind: {}".format(rng.choice(["software_quality", "cloud_service", "software_quality", "产品责任保险"])),
            "      number: PZAB2020{:07d}{}".format(case, p),  # one policy, one number
            "      signed_on: 2020-03-31",
            "      period: {start: 2020-04-01, end: %s}" % rng.choice(["2021-03-31", "2022-03-31"]),
            "      liability_limit: {}".format(money(rng, limit)),
            "      rate: {}‰".format(rate_permille),
            "      premium: {}".format(money(rng, premium)),
            "      payments: [{date: 2020-03-31, amount: %s}, {date: 2020-09-30, amount: %s}]"
            % (money(rng, premium // 5), money(rng, premium - premium // 5)),
            "      contracts: [HT-{}-{:03d}]".format(enterprise, rng.randrange(1, n_sales + 1)),
        ]
    lines.append("materials: [business_license, premium_voucher, policy_copy, premium_invoice, sales_contract, "
                 "sales_invoice, invoice_list, policy_correspondence_list]")
    return lines


def sale_with_invoices(rng, enterprise, s, amount):
    """A rich case's sale: invoiced in 2-4 parts, each on its own line."""
    parts = rng.randrange(2, 5)
    lines = [
        "    - contract: HT-{}-{:03d}".format(enterprise, s + 1),
        "      buyer: 合成制造{}有限公司".format(rng.randrange(1000)),
        "      customer: 合成用户{}有限公司".format(rng.randrange(1000)),
        "      quantity: {}".format(rng.randrange(1, 50)),
        "      amount: {}".format(money(rng, amount)),
        "      invoices:",
    ]
    for i in range(parts):
        share = amount // parts if i < parts - 1 else amount - (parts - 1) * (amount // parts)
        lines += [
            "        - number: FP{}{:03d}{}".format(enterprise, s, i),
            "          date: 2020-{:02d}-{:02d}".format(rng.randrange(1, 12), rng.randrange(1, 29)),
            "          amount: {}".format(money(rng, share)),
        ]
    return lines


def patents(rng, general_fails, rich):
    """The patents line (a rich case's patents as a block of 1-4)."""
    if not rich:
        return ["  patents: [{number: CN2019100000%02d.1, kind: invention, status: %s}]"
                % (rng.randrange(100), "filed" if general_fails else "published")]
    lines = ["  patents:"]
    for _ in range(rng.randrange(1, 5)):
        lines += ["    - number: CN2019100000%02d.1" % rng.randrange(100),
                  "      kind: {}".format(rng.choice(["invention", "utility", "design"])),
                  "      status: {}".format("filed" if general_fails else "published")]
    return lines


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    n, out = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2020
    rich = "--rich" in sys.argv
    rng = random.Random(seed)
    kinds = ["general", "general", "basic", "threshold", "undetermined"] + OTHERS
    os.makedirs(out, exist_ok=True)
    per_file = 100
    # The cases are one review round: each its own product; one enterprise in twenty applies for
    # a second product in the case after its first.
    case = enterprise = 0
    for f in range((n + per_file - 1) // per_file):
        with open(os.path.join(out, "cases-{:05d}.yaml".format(f)), "w", encoding="utf-8") as fh:
            for i in range(min(per_file, n - f * per_file)):
                kind = kinds[rng.randrange(len(kinds))]
                if case > 0 and rng.randrange(20) != 0:
                    enterprise += 1
                fh.write("---\n# synthetic case, kind: {}\n".format(kind))
                fh.write("\n".join(recognition(rng, kind, case, enterprise, rich) + insurance(rng, case, enterprise, rich)) + "\n")
                case += 1


if __name__ == "__main__":
    main()
