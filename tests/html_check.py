#!/usr/bin/env python3
"""The batch report a committee looks at: a valid HTML page (html5lib, strict) holding every case
and the totals of the jsonl output; and, where chromium and poppler-utils are installed, the page
as a person sees it: a screenshot and a printed PDF whose text holds the summary and the table.

Usage: html_check.py BUILD_DIR   (run from the source directory)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import html5lib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, summary  # noqa: E402


def jsonl(tool, inputs):
    r = subprocess.run([tool, "--format", "jsonl", "--lang", "en", *inputs], capture_output=True, text=True)
    return [json.loads(line) for line in r.stdout.splitlines()]


def text_of(element):
    return "".join(element.itertext())


def main():
    build = sys.argv[1]
    runs = [("sbc-check", ["examples"]), ("sbc-subsidy", ["examples/subsidy", "examples/programmes"])]
    with tempfile.TemporaryDirectory() as work:
        for tool, inputs in runs:
            binary = os.path.join(build, tool)
            page = subprocess.run([binary, "--format", "html", "--lang", "en", *inputs], capture_output=True)
            cases = jsonl(binary, inputs)
            try:
                tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page.stdout)
                valid = True
            except Exception as e:  # html5lib raises ParseError on the first error in strict mode
                print(f"     {e}")
                valid = False
            check(valid, f"{tool}: the page parses as valid HTML (html5lib, strict)")
            if not valid:
                continue
            text = text_of(tree)
            names = [c["case"] + (f"[{c['index']}]" if c["index"] else "") for c in cases]
            check(all(n in text for n in names), f"{tool}: the page names every case ({len(names)})")
            rows = tree.findall(".//table[@class='sortable']/tbody/tr")
            check(len(rows) == len(cases), f"{tool}: a table row per case ({len(rows)} of {len(cases)})")
            counts = {}
            for c in cases:
                counts[c.get("verdict", "error")] = counts.get(c.get("verdict", "error"), 0) + 1
            shown = {d.get("class"): int(d.find("b").text) for d in tree.findall(".//div[@class='counts']/div") if d.get("class")}
            check(shown == counts, f"{tool}: the summary counts each verdict as the jsonl does: {shown}")
            details = tree.findall(".//details")
            check(len(details) == len(cases), f"{tool}: each case's details, folded ({len(details)})")
            if tool == "sbc-subsidy":
                # The examples are one round: the total is what is payable after it.
                total = sum(int(c.get("payable", "0").replace(".", "")) for c in cases if "payable" in c)
                expected = "¥{:,.2f}".format(total / 100)
                check(expected in text, f"{tool}: the total subsidy equals the jsonl's sum of payable amounts ({expected})")
                section = tree.find(".//section[@id='round']")
                enterprises = {c["enterprise"]["company"] for c in cases if c.get("enterprise")}
                links = section.findall(".//a") if section is not None else []
                check(section is not None and all(e in text_of(section) for e in enterprises)
                      and all(a.get("href").startswith("#c") for a in links) and len(links) > 0,
                      f"{tool}: a round section names each enterprise with several cases ({len(enterprises)}), linked to the cases")
            check("SHA-256" in text and all(c["rules_sha256"] in text for c in cases if "rules_sha256" in c),
                  f"{tool}: the footer's decision record names each pack's SHA-256")
            with open(os.path.join(work, tool + ".html"), "wb") as f:
                f.write(page.stdout)

        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium or not shutil.which("pdftotext"):
            print("chromium or pdftotext is not installed: the page is not looked at (skipped)")
        else:
            page = os.path.join(work, "sbc-subsidy.html")
            shot, pdf = os.path.join(work, "report.png"), os.path.join(work, "report.pdf")
            base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
            subprocess.run(base + ["--window-size=1280,1400", f"--screenshot={shot}", "file://" + page], capture_output=True, timeout=120)
            subprocess.run(base + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + page], capture_output=True, timeout=120)
            check(os.path.exists(shot) and os.path.getsize(shot) > 10000, "chromium takes a screenshot of the page")
            printed = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout if os.path.exists(pdf) else ""
            check("Summary table" in printed and "total payable after the round" in printed and "s07-granted-enterprise-cap" in printed,
                  "the printed PDF holds the summary, the table and the cases")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
