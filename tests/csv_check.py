#!/usr/bin/env python3
"""A spreadsheet of applicants is a batch of cases: every example case, written as a CSV row
(paths as headers, lists by index, codes separated by 、), gives the same verdict, path and amount
as from its YAML file; the same file saved as GB18030 reads the same; and a small corpus of
malformed rows gives each its error while the good rows get their verdicts.

Usage: csv_check.py BUILD_DIR   (run from the source directory)
"""
import csv
import glob
import io
import json
import os
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, summary  # noqa: E402
from template_check import Loader  # noqa: E402



def cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def flatten(value, prefix, row):
    """A case as spreadsheet cells: {path: text}."""
    if isinstance(value, dict):
        for k, v in value.items():
            flatten(v, f"{prefix}.{k}" if prefix else k, row)
    elif isinstance(value, list):
        if not value:
            row[prefix] = "[]"
        elif all(isinstance(v, dict) for v in value):
            for i, item in enumerate(value):
                flatten(item, f"{prefix}[{i}]", row)
        else:
            row[prefix] = "、".join(cell(v) for v in value)
    else:
        row[prefix] = cell(value)


def judged(tool, args):
    r = subprocess.run([tool, "--format", "jsonl", "--lang", "en", "-j1", *args], capture_output=True, text=True)
    return [json.loads(line) for line in r.stdout.splitlines()], r.returncode


def outcome(c):
    return c.get("verdict", "error"), c.get("path"), c.get("subsidy")


def main():
    build = sys.argv[1]
    examples = sorted(glob.glob("examples/*.yaml") + glob.glob("examples/*/*.yaml"))
    rows, sources = [], []
    for path in examples:
        with open(path, encoding="utf-8") as f:
            try:
                documents = [d for d in yaml.load_all(f, Loader=Loader) if isinstance(d, dict)]
            except yaml.YAMLError:
                continue
        for i, d in enumerate(documents):
            row = {}
            flatten(d, "", row)
            rows.append(row)
            sources.append((path, i))
    headers = sorted({h for r in rows for h in r})
    with tempfile.TemporaryDirectory() as work:
        table = os.path.join(work, "applicants.csv")
        with open(table, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(headers)
            for r in rows:
                w.writerow([r.get(h, "") for h in headers])
        gb = os.path.join(work, "applicants-gb18030.csv")
        subprocess.run(["iconv", "-f", "UTF-8", "-t", "GB18030", "-o", gb, table], check=True)
        for tool in ("sbc-check", "sbc-subsidy"):
            binary = os.path.join(build, tool)
            from_csv, _ = judged(binary, [table])
            from_gb, _ = judged(binary, [gb])
            check(len(from_csv) == len(rows), f"{tool}: one result per row ({len(from_csv)} of {len(rows)})")
            same = 0
            for (path, i), got in zip(sources, from_csv):
                yaml_results, _ = judged(binary, [path])
                expected = next(c for c in yaml_results if c["index"] == i)
                if outcome(expected) == outcome(got):
                    same += 1
                else:
                    print(f"     {path}[{i}]: YAML {outcome(expected)}, CSV {outcome(got)}")
            check(same == len(rows), f"{tool}: every example gives the same verdict, path and amount from a row ({same}/{len(rows)})")
            check([outcome(c) for c in from_gb] == [outcome(c) for c in from_csv],
                  f"{tool}: the GB18030 file reads the same as its UTF-8 original")

        # Malformed rows among good ones.
        good = "applicant.name,applicant.registered_province,software.rd_spend,application.date\n"
        corpus = {
            "bad-money.csv": good + "甲,山东,120万,2020-05-15\n乙,山东,12O万,2020-05-15\n丙,山东,100万,2020-05-15\n",
            "too-many-cells.csv": good + "甲,山东,120万,2020-05-15\n乙,山东,120万,2020-05-15,多余\n丙,山东,,2020-05-15\n",
            "unknown-header.csv": "applicant.name,software.rd_spnd\n甲,120万\n",
            "unbalanced-quote.csv": good + "甲,山东,120万,2020-05-15\n\"乙,山东,120万,2020-05-15\n",
            # A label and a path that name one fact: every row says so, at the header's column.
            "same-fact.csv": "applicant.name,研发费用支出,software.rd_spend\n甲,120万,\n乙,,130万\n",
        }
        expectations = {
            "bad-money.csv": ([None, "software.rd_spend", None], ":3:3: error"),
            "too-many-cells.csv": ([None, "", None], ":3:5: error: the row has 5 cells, the header 4"),
            "unknown-header.csv": ([""], "did you mean 'software.rd_spend'?"),
            "unbalanced-quote.csv": ([None, ""], "never closed"),
            "same-fact.csv": (["", ""], ":1:3: error: header 'software.rd_spend' names the same fact as column 2"),
        }
        for name, text in corpus.items():
            path = os.path.join(work, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            results, status = judged(os.path.join(build, "sbc-check"), ["--rules", "shandong-2020", path])
            paths = [c["error"]["path"] if "error" in c else None for c in results]
            text_out = subprocess.run([os.path.join(build, "sbc-check"), "--lang", "en", "--rules", "shandong-2020", path],
                                      capture_output=True, text=True).stdout
            want_paths, want_text = expectations[name]
            check(paths == want_paths and status == 2 and want_text in text_out,
                  f"{name}: {paths} (exit {status}); the bad row's error, the good rows' verdicts")
        bad = os.path.join(work, "latin1.csv")
        with open(bad, "wb") as f:
            f.write(b"applicant.name\n\xe9t\xe9\n\xff\xfe\x80\n")
        text_out = subprocess.run([os.path.join(build, "sbc-check"), "--lang", "en", bad], capture_output=True, text=True).stdout
        check("line 2 has bytes that are neither UTF-8 nor GB18030" in text_out or "line 3 has bytes" in text_out,
              f"a file in neither encoding names the row of its first bad byte: {text_out.strip()}")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
