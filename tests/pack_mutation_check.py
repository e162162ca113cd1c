#!/usr/bin/env python3
"""Mutation testing of the packs' tests: every number a built-in pack states is pinned by its test
file. For each threshold, cap, share, rate, count of years or months and date of rules/<id>.yaml,
two copies of the pack are made, the number moved by the smallest step each way (one fen, one day,
one unit of its last digit), and rules/tests/<id>.yaml is run against each copy with
`sbc-validate --test --rules COPY`: it must fail. A number no test notices is printed with its line.
A line whose comment says `not pinned: why` is left alone: the reason stands in the pack.

Usage: pack_mutation_check.py BUILD_DIR   (run from the source directory)
"""
import datetime
import decimal
import pathlib
import re
import subprocess
import sys
import tempfile

KEYS = (r"at_least|at_most|less_than|more_than|up_to|cap|share|rate_cap|subsidy_share|enterprise_cap|"
        r"limit_multiple|sale_invoiced_share|first_installment_share|[a-z_]*years|months|from|to")
NUMBER = re.compile(rf"\b({KEYS}):\s*(\d{{4}}-\d{{2}}-\d{{2}}|\d[\d.]*(?:万|亿)?%?)")


def steps(literal):
    """The literal moved by its smallest step, down and up."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", literal):
        day = datetime.date.fromisoformat(literal)
        return [str(day - datetime.timedelta(days=1)), str(day + datetime.timedelta(days=1))]
    if literal.endswith("万") or literal.endswith("亿"):  # money: one fen
        yuan = decimal.Decimal(literal[:-1]) * (10000 if literal.endswith("万") else 100000000)
        return [f"{yuan - decimal.Decimal('0.01'):.2f}", f"{yuan + decimal.Decimal('0.01'):.2f}"]
    percent = literal.endswith("%")
    text = literal.rstrip("%")
    places = len(text.split(".")[1]) if "." in text else 0
    unit = decimal.Decimal(1).scaleb(-places)
    value = decimal.Decimal(text)
    out = [f"{value - unit:.{places}f}", f"{value + unit:.{places}f}"]
    return [o + ("%" if percent else "") for o in out if decimal.Decimal(o) >= 0]


def mutants(pack_text):
    """(line number, key, literal, mutated text) for every number of the pack."""
    lines = pack_text.split("\n")
    for i, line in enumerate(lines):
        code, _, comment = line.partition("#")
        if "not pinned:" in comment or re.match(r"\s*(zh|en|clause|document|published|title):", code):
            continue
        for m in NUMBER.finditer(code):
            for changed in steps(m.group(2)):
                new = code[:m.start(2)] + changed + code[m.end(2):]
                copy = lines[:i] + [new + ("#" + comment if comment else "")] + lines[i + 1:]
                yield i + 1, m.group(1), m.group(2), changed, "\n".join(copy)


def main():
    tool = str(pathlib.Path(sys.argv[1]) / "sbc-validate")
    unpinned, invalid, total = [], [], 0
    report = []
    with tempfile.TemporaryDirectory() as tmp:
        for tests in sorted(pathlib.Path("rules/tests").glob("*.yaml")):
            pack = pathlib.Path("rules") / tests.name
            made = caught = 0
            if subprocess.run([tool, "--test", str(tests)], capture_output=True).returncode != 0:
                print(f"{tests} fails on {pack} itself: fix it first (sbc-validate --test {tests})")
                return 1
            for line, key, was, now, text in mutants(pack.read_text()):
                copy = pathlib.Path(tmp) / tests.name
                copy.write_text(text)
                status = subprocess.run([tool, "--test", "--rules", str(copy), str(tests)],
                                        capture_output=True).returncode
                where = f"{pack}:{line}: {key}: {was} -> {now}"
                if status == 2:
                    invalid.append(where)
                    continue
                made += 1
                if status == 1:
                    caught += 1
                else:
                    unpinned.append(where)
            total += made
            report.append(f"{pack.stem}: {made} mutants, {caught} caught")
    for line in report:
        print(line)
    for where in invalid:
        print(f"not a pack once changed (skipped): {where}")
    for where in unpinned:
        print(f"UNPINNED: no test notices {where}")
    print(f"pack mutations: {total} made, {len(unpinned)} not caught")
    return 1 if unpinned or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
