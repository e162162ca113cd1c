#!/usr/bin/env python3
"""The application package (sbc-subsidy --form) as a person sees it.

For each case: the page is valid HTML (html5lib, strict) and self-contained (no script, no link,
nothing fetched); its parts come in the binding order; the Markdown says the same. Where
chromium and poppler-utils are installed, Chromium prints it to PDF and the PDF must have one sheet
per page the HTML lays out (nothing overflows onto an extra sheet), every part must start on the
page its contents line gives, with that page number in its foot, and each part's text must hold
the case's facts: the company, the product, each policy applied for, each invoice, the totals
that the JSON output gives.

Usage: package_check.py BUILD_DIR [PNG_DIR]   (run from the source directory; with PNG_DIR, each
printed page is kept there as a PNG to look at)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import html5lib
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, summary  # noqa: E402

CASES = [
    "examples/subsidy/s02-granted-two-policies.yaml",  # two policies: a correspondence list
    "examples/subsidy/s01-granted-one-policy.yaml",  # one policy: none
    "tests/package/long-lists.yaml",  # twelve policies, 45 sales: every list runs over pages
]
ORDER = ["山东省首版次高端软件保险补偿申请表", "保单对应清单", "申报材料真实性承诺书", "投保产品销售发票明细清单", "支撑材料清单"]


def squeezed(s):
    return re.sub(r"\s+", "", s)


def text_of(element):
    return "".join(element.itertext())


def yuan(fen):
    return "{:,}.{:02}".format(fen // 100, fen % 100)


def fen(text):
    return round(float(str(text).replace(",", "").replace("万", "")) * (10000 if "万" in str(text) else 1) * 100)


def run(tool, *args):
    return subprocess.run([tool, *args], capture_output=True)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CAN_PRINT = bool(CHROMIUM and shutil.which("pdftotext") and shutil.which("pdfinfo"))


def print_pdf(html_bytes, work, stem):
    """The page as Chromium prints it: (the PDF's path, its number of sheets), or (None, 0)."""
    html_file, pdf = os.path.join(work, stem + ".html"), os.path.join(work, stem + ".pdf")
    with open(html_file, "wb") as f:
        f.write(html_bytes)
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", "file://" + html_file], capture_output=True, timeout=300)
    if not os.path.exists(pdf):
        return None, 0
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    return pdf, int(found.group(1)) if found else 0


def contents_of(tree):
    """The contents page's lines: [(title, page)]."""
    out = []
    for li in tree.findall(".//section[@class='page contents']/ol/li"):
        spans = li.findall("span")
        out.append((spans[0].text, int(spans[2].text)))
    return out


def check_case(tool, path, work, png_dir):
    name = os.path.basename(path)
    page = run(tool, "--form", "html", path)
    check(page.returncode == 0, f"{name}: --form html exits 0")
    html = page.stdout.decode()
    try:
        tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page.stdout)
    except Exception as e:  # strict mode raises on the first error
        check(False, f"{name}: the package is valid HTML (html5lib, strict): {e}")
        return
    check(True, f"{name}: the package is valid HTML (html5lib, strict)")
    check(not re.search(r"<script|<link|<img|@import|url\(|https?://", html), f"{name}: self-contained: no script, link, image or URL")
    toc = contents_of(tree)
    titles = [t for t, _ in toc]
    check(titles == [t for t in ORDER if t in titles] and titles[0] == ORDER[0] and titles[-1] == ORDER[-1],
          f"{name}: the parts in binding order: {' / '.join(titles)}")
    case = yaml.safe_load(open(path, encoding="utf-8"))
    policies = case["insurance"]["policies"]
    check(("保单对应清单" in titles) == (len(policies) > 1), f"{name}: a correspondence list exactly when more than one policy counts")
    verdict = json.loads(run(tool, "--format", "json", "--lang", "en", path).stdout)[0]
    markdown = run(tool, "--form", "markdown", path).stdout.decode()
    md_toc = re.findall(r"^1\. (.+) …… 第(\d+)页$", markdown, re.M)
    check([(t, int(p)) for t, p in md_toc] == toc, f"{name}: the Markdown gives the same contents and pages")
    md_parts = re.findall(r"^## (.+)$", markdown, re.M)
    check(md_parts == ["目录"] + titles, f"{name}: the Markdown has the same parts in the same order")

    if not CAN_PRINT:
        print(f"     {name}: chromium or poppler-utils is not installed: the package is not printed (skipped)")
        return
    pdf, sheets = print_pdf(page.stdout, work, name)
    if not pdf:
        check(False, f"{name}: chromium prints the package to PDF")
        return
    laid_out = html.count('<section class="page')
    check(sheets == laid_out, f"{name}: the PDF has one sheet per laid-out page ({sheets} of {laid_out}): nothing overflows")

    def printed(sheet):
        return squeezed(subprocess.run(["pdftotext", "-f", str(sheet), "-l", str(sheet), pdf, "-"],
                                       capture_output=True, text=True).stdout)

    pages = [printed(i) for i in range(1, sheets + 1)]
    cover = pages[0]
    check(all(squeezed(x) in cover for x in ["山东省首版次高端软件保险补偿申请报告", case["applicant"]["name"],
                                               case["software"]["name"] + case["software"]["version"]]),
          f"{name}: the cover gives the product, the company and the title")
    if "contact" in case["applicant"]:
        check(case["applicant"]["contact"]["phone"] in cover, f"{name}: the cover gives the contact's phone")
    check(pages[1].startswith("目录"), f"{name}: the contents follow the cover")
    for title, number in toc:
        sheet = number + 2  # the cover and the contents are not numbered
        ok = sheet <= sheets and pages[sheet - 1].startswith(title) and f"—{number}—" in pages[sheet - 1]
        check(ok, f"{name}: {title} is on page {number}, as the contents say")
    numbered = pages[2:]
    check(all(f"—{i}—" in p for i, p in enumerate(numbered, 1)), f"{name}: every page after the contents is numbered in order")

    def part_text(title):
        start = dict(toc)[title] + 1
        following = [p for _, p in toc if p > dict(toc)[title]]
        end = (min(following) + 1) if following else sheets
        return "".join(pages[start:end])

    form = part_text(ORDER[0])
    applied = [p for p in verdict["policies"] if p["counted"] is not False]
    check(all(p["number"] in form for p in applied), f"{name}: the 申请表 lists each policy applied for ({len(applied)})")
    compensation = fen(verdict["compensation"])
    check(f"合计申请保险费补贴金额（元）{yuan(compensation)}" in form or yuan(compensation) in form,
          f"{name}: the 申请表 applies for the compensation the JSON gives ({yuan(compensation)})")
    paid = sum(fen(pay["amount"]) for p in policies for pay in p.get("payments", []))
    check(yuan(paid) in form, f"{name}: the 申请表 gives the premium paid ({yuan(paid)})")
    check("企业法人（签名）" in form and "市工信部门审查意见" in form, f"{name}: the 申请表 leaves the signature and review boxes")
    letter = part_text("申报材料真实性承诺书")
    check(squeezed(f"“{case['software']['name']} {case['software']['version']}”") in letter,
          f"{name}: the 承诺书 names the product")
    counting = [s for s, r in zip(case["insurance"]["sales"], verdict["sales"]) if r["counts"] is not False]
    invoices = [i for s in counting for i in s.get("invoices", [])]
    listed = part_text("投保产品销售发票明细清单")
    check(all(yuan(fen(i["amount"])) in listed for i in invoices) and f"{len(invoices)}张" in listed,
          f"{name}: the invoice list has each invoice ({len(invoices)})")
    total = sum(fen(i["amount"]) for i in invoices)
    check(f"合计" in listed and yuan(total) in listed, f"{name}: the invoice list's total is {yuan(total)}")
    if "保单对应清单" in titles:
        listing = part_text("保单对应清单")
        contracts = [c for p in policies for c in p.get("contracts", [])]
        check(all(c in listing for c in contracts), f"{name}: the correspondence list has each covered contract ({len(contracts)})")
    materials = part_text("支撑材料清单")
    check(all(x in materials for x in ["营业执照", "保险费支付凭证", "销售合同", "已提供"]),
          f"{name}: the materials checklist marks each material")
    if png_dir:
        os.makedirs(png_dir, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "60", "-png", pdf, os.path.join(png_dir, name)], check=False)


def main():
    tool = os.path.join(sys.argv[1], "sbc-subsidy")
    png_dir = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as work:
        for path in CASES:
            check_case(tool, path, work, png_dir)
        # A batch: one document holding a package per case, each numbered from its own 申请表.
        batch = run(tool, "--form", "html", "examples/subsidy", "examples/programmes")
        if CAN_PRINT:
            _, sheets = print_pdf(batch.stdout, work, "batch")
            laid_out = batch.stdout.decode().count('<section class="page')
            packages = batch.stdout.decode().count('<article class="package">')
            check(sheets == laid_out and packages > 20,
                  f"a batch of {packages} packages prints one sheet per laid-out page ({sheets} of {laid_out})")
        # Markup in a case's names stays text; an unreadable case gives its error, the page stays whole.
        page = run(tool, "--form", "html", "tests/golden/cases/markup-in-names.yaml", "examples/90-error-bad-money.yaml")
        try:
            html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page.stdout)
            valid = True
        except Exception as e:
            print(f"     {e}")
            valid = False
        check(valid and b"<script>alert" not in page.stdout and "无法生成申请材料".encode() in page.stdout,
              "markup in names is escaped and an unreadable case is reported in a valid page")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
