#!/usr/bin/env python3
"""The 汇总表 workbook read back as a reviewer's spreadsheet program reads it (python3-openpyxl):
its sheets, a row per case in input order, money as numbers in yuan format, dates as dates, and
every value equal to the jsonl output's for the same batch.

Usage: xlsx_check.py BUILD_DIR   (run from the source directory)
"""
import datetime
import json
import os
import pty
import subprocess
import sys
import tempfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, summary  # noqa: E402



def jsonl(tool, inputs):
    r = subprocess.run([tool, "--format", "jsonl", "--lang", "zh", *inputs], capture_output=True, text=True)
    return [json.loads(line) for line in r.stdout.splitlines()]


def main():
    build = sys.argv[1]
    runs = [("sbc-check", ["examples"], ["汇总", "明细", "疑点", "说明"]),
            ("sbc-subsidy", ["examples/subsidy", "examples/programmes"], ["汇总", "明细", "保单", "疑点", "说明"])]
    with tempfile.TemporaryDirectory() as work:
        for tool, inputs, sheets in runs:
            binary = os.path.join(build, tool)
            book_path = os.path.join(work, tool + ".xlsx")
            r = subprocess.run([binary, "--format", "xlsx", "--lang", "zh", "--output", book_path, *inputs], capture_output=True)
            cases = jsonl(binary, inputs)
            check(r.returncode == max(c for c in [subprocess.run([binary, "-q", *inputs], capture_output=True).returncode]),
                  f"{tool}: the exit status is the batch's ({r.returncode})")
            book = openpyxl.load_workbook(book_path)
            check(book.sheetnames == sheets, f"{tool}: sheets {book.sheetnames}")
            overview = book.worksheets[0]
            rows = list(overview.iter_rows(min_row=2, values_only=False))
            subsidy = tool == "sbc-subsidy"
            # The examples are one round: an enterprise with several cases gets a subtotal row after its last one.
            subtotals = [r for r in rows if r[6].value == "subtotal"]
            case_rows = [r for r in (rows[:-1] if subsidy else rows) if r[6].value != "subtotal"]
            check(len(case_rows) == len(cases), f"{tool}: a summary row per case ({len(case_rows)} of {len(cases)})")
            check(overview.freeze_panes == "A2" and overview.auto_filter.ref is not None
                  and overview["A1"].font.b, f"{tool}: a frozen bold header row with a filter")
            same = True
            for row, c in zip(case_rows, cases):
                values = [cell.value for cell in row]
                ok = values[0] == c["case"] and values[1] == c["index"]
                ok = ok and values[6] == c.get("verdict", "error")
                if "error" in c:
                    ok = ok and c["error"]["message"] in (values[10] or "")
                elif subsidy:
                    money = row[7]
                    ok = ok and isinstance(money.value, (int, float)) and f"{money.value:.2f}" == c["subsidy"]
                    ok = ok and money.number_format == "¥#,##0.00"
                    payable = row[11]  # after the round
                    ok = ok and isinstance(payable.value, (int, float)) and f"{payable.value:.2f}" == c["payable"]
                else:
                    ok = ok and (values[7] or None) == c["path"]
                date = row[4]
                if "as_of" in c and c.get("as_of"):
                    ok = ok and isinstance(date.value, datetime.datetime) and date.value.date().isoformat() == c["as_of"]
                if not ok:
                    print(f"     {values} vs {c.get('case')} {c.get('verdict')} {c.get('subsidy')} {c.get('path')}")
                same = same and ok
            check(same, f"{tool}: every summary row equals the jsonl output (file, index, verdict, path or subsidy, date)")
            if subsidy:
                total = rows[-1]
                check(total[7].value.startswith('=SUMIF(G2:G') and total[7].value.endswith(',"<>subtotal",H2:H' + str(len(rows)) + ')')
                      and total[11].value.startswith('=SUMIF(G2:G') and total[7].number_format == "¥#,##0.00",
                      f"{tool}: a totals row sums the subsidy and payable columns, subtotals left out: {total[7].value}, {total[11].value}")
                # Each enterprise's subtotal: its cases' payable amounts, at most the cap.
                enterprise_payable = {}
                for c in cases:
                    if c.get("enterprise"):
                        enterprise_payable[c["enterprise"]["company"]] = c["enterprise"]["payable"]
                check(len(subtotals) == len(enterprise_payable) and
                      all(f"{r[11].value:.2f}" == enterprise_payable[r[2].value] for r in subtotals),
                      f"{tool}: a subtotal row per enterprise with several cases ({len(subtotals)}), equal to the jsonl's")
                flags = book["疑点"]
                n = sum(len(f["cases"]) for c in cases for f in c.get("flags", []) if f["cases"][0]["case"] == c["case"]
                        and f["cases"][0]["index"] == c["index"])
                check(flags.max_row - 1 == n, f"{tool}: a 疑点 row per case of each flag ({flags.max_row - 1} of {n})")
                policies = book["保单"]
                n = sum(len(c.get("policies", [])) for c in cases)
                check(policies.max_row - 1 == n, f"{tool}: a policy row per policy ({policies.max_row - 1} of {n})")
                counted = [r for r in policies.iter_rows(min_row=2, values_only=True) if r[10] == "pass"]
                expected = [p for c in cases for p in c.get("policies", []) if p.get("counted") is True]
                check(len(counted) == len(expected) and all(f"{r[9]:.2f}" == p["subsidy"] for r, p in zip(counted, expected)),
                      f"{tool}: each counted policy's subsidy equals the jsonl's")
            else:
                details = book["明细"]
                n = sum(len(c.get("conditions", [])) for c in cases)
                check(details.max_row - 1 == n, f"{tool}: a detail row per condition ({details.max_row - 1} of {n})")
            about = [r for r in book.worksheets[-1].iter_rows(values_only=True)]
            shas = {c["rules_sha256"] for c in cases if "rules_sha256" in c}
            check(shas <= {r[2] for r in about}, f"{tool}: the decision record names every pack's SHA-256")

        # The round trip of a round: the template's CSV header, three rows filled as a spreadsheet
        # program saves them (GB18030, no BOM, a quoted cell), then the workbook's numbers.
        sys.path.insert(0, os.path.dirname(__file__))
        import csv as csvlib
        import yaml
        from csv_check import flatten
        from template_check import Loader
        subsidy_tool = os.path.join(build, "sbc-subsidy")
        header = subprocess.run([subsidy_tool, "--template", "--format", "csv", "--rules", "shandong-2020"],
                                capture_output=True, text=True).stdout.strip().split(",")
        examples = ["examples/subsidy/s01-granted-one-policy.yaml", "examples/subsidy/s02-granted-two-policies.yaml",
                    "examples/subsidy/s07-granted-enterprise-cap.yaml"]
        rows = []
        for path in examples:
            with open(path, encoding="utf-8") as f:
                row = {}
                flatten(yaml.load(f, Loader=Loader), "", row)
            # the template has [0] columns; add the further items the examples hold
            for k in row:
                if k not in header:
                    header.append(k)
            rows.append(row)
        round_csv = os.path.join(work, "round-gb18030.csv")
        import io
        out = io.StringIO()
        w = csvlib.writer(out, lineterminator="\r\n", quoting=csvlib.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in header])
        with open(round_csv, "wb") as f:
            f.write(out.getvalue().replace("山东示例软件股份有限公司", "\"山东示例软件股份有限公司\"").encode("gb18030"))
        book_path = os.path.join(work, "round.xlsx")
        r = subprocess.run([subsidy_tool, "--format", "xlsx", "--output", book_path, round_csv], capture_output=True, text=True)
        ws = openpyxl.load_workbook(book_path)["汇总"]
        amounts = [ws.cell(row=i, column=8).value for i in range(2, 5)]
        # One enterprise: ¥2,592,000 judged alone, ¥2,000,000 payable, shared in proportion to the fen.
        payable = [ws.cell(row=i, column=12).value for i in range(2, 6)]
        check(r.returncode == 0 and amounts == [264000, 328000, 2000000] and ws.cell(row=5, column=7).value == "subtotal"
              and payable == [203703.70, 253086.42, 1543209.88, 2000000] and ws.cell(row=6, column=8).value == '=SUMIF(G2:G5,"<>subtotal",H2:H5)',
              f"template CSV → three GB18030 rows → workbook: {amounts}, payable {payable}")

        # The round of examples/round/: one enterprise's two cases share the cap, a subtotal row
        # after the second, the totals row leaves it out, and the 疑点 sheet has a row per case of
        # each of the two flags.
        book_path = os.path.join(work, "examples-round.xlsx")
        r = subprocess.run([subsidy_tool, "--format", "xlsx", "--output", book_path, "examples/round"], capture_output=True)
        book = openpyxl.load_workbook(book_path)
        ws = book["汇总"]
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
        check(r.returncode == 0 and [row[11] for row in rows[:4]] == [1333333.33, 666666.67, 2000000, 264000]
              and rows[2][6] == "subtotal" and rows[4][11] == '=SUMIF(G2:G5,"<>subtotal",L2:L5)'
              and "amount.enterprise_cap" in (rows[0][12] or "") and "PZAB2020370100000102" in (rows[3][12] or ""),
              f"examples/round as a workbook: payable {[row[11] for row in rows[:4]]}, a subtotal row, the notes")
        flags = [[c for c in row] for row in book["疑点"].iter_rows(min_row=2, values_only=True)]
        check(len(flags) == 4 and {row[2] for row in flags} == {"37001002", "PZAB2020370100000102"}
              and all(row[5] for row in flags), f"examples/round: the 疑点 sheet, a row per case of each flag ({len(flags)})")

        # English headers; standard output when it is not a terminal; never a terminal.
        r = subprocess.run([os.path.join(build, "sbc-check"), "--format", "xlsx", "--lang", "en", "examples/01-eligible-general.yaml"],
                           capture_output=True)
        piped = os.path.join(work, "piped.xlsx")
        with open(piped, "wb") as f:
            f.write(r.stdout)
        book = openpyxl.load_workbook(piped)
        check(r.returncode == 0 and book.sheetnames == ["Summary", "Details", "Flags", "About"] and book["Summary"]["A1"].value == "case file",
              "to standard output when it is not a terminal, English with --lang en")
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(os.path.join(build, "sbc-check"), ["sbc-check", "--format", "xlsx", "--lang", "en", "examples/01-eligible-general.yaml"])
        out = b""
        while True:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            out += data
        _, status = os.waitpid(pid, 0)
        check(os.WEXITSTATUS(status) == 2 and b"--output" in out, "refused on a terminal: exit 2 and a hint")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
