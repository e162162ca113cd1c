#!/usr/bin/env python3
"""The application package as a PDF (sbc-subsidy --form pdf), read back as a person would, with
poppler-utils: the pages pdfinfo counts are the pages the contents imply; each part begins on the
page its contents line gives (pdftotext, page by page); every policy number, premium, the amount
applied for, every invoice amount and the invoices' total, as the JSON gives them, are in the text;
no word lies outside the page's margins (pdftotext -bbox) nor across a table's column line (the
rules pdftocairo -svg draws); every font is embedded (pdffonts); the
same case gives the same bytes twice, and a batch into a directory the same files with -j1 and -j2;
in a round, a capped case's PDF carries the note the HTML form gives it.
Skips (77) without poppler-utils.

Usage: pdf_check.py BUILD_DIR   (run from the source directory)
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import package_files  # noqa: E402

CASES = ["examples/subsidy/s01-granted-one-policy.yaml", "examples/subsidy/s02-granted-two-policies.yaml",
         "tests/package/long-lists.yaml"]
MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM


def run(*args, ok=(0,)):
    """The command's standard output; its exit status must be one of `ok`."""
    done = subprocess.run(args, capture_output=True)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(args)}: exit {done.returncode}: {done.stderr.decode()}")
    return done.stdout


def page_text(pdf, page):
    return run("pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-").decode()


def money(fen_text):
    """'330000.00' as the package prints it: 330,000.00."""
    whole, _, part = fen_text.partition(".")
    return f"{int(whole):,}.{part or '00'}"


def check_case(tool, case, work, problems):
    pdf = work / (pathlib.Path(case).stem + ".pdf")
    pdf.write_bytes(run(tool, "--form", "pdf", case))
    if run(tool, "--form", "pdf", case) != pdf.read_bytes():
        problems.append(f"{case}: two runs give different bytes")
    pages = int(re.search(rb"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))
    contents = page_text(pdf, 2)
    parts = re.findall(r"^\s*(\S+)\s+(\d+)\s*$", contents, re.M)
    if not parts:
        problems.append(f"{case}: no contents lines on page 2")
    for title, folio in parts:
        if int(folio) + 2 > pages:
            problems.append(f"{case}: the contents put {title} on page {folio}, past the last page")
            continue
        first = page_text(pdf, int(folio) + 2).strip().splitlines()[0].strip()
        if first != title:
            problems.append(f"{case}: the contents put {title} on page {folio}; that page begins {first!r}")
    last = page_text(pdf, pages)
    if not re.search(rf"—\s*{pages - 2}\s*—", last):
        problems.append(f"{case}: {pages} pages, but the last one's folio is not {pages - 2}")
    text = re.sub(r"\s+", "", run("pdftotext", str(pdf), "-").decode())
    result = json.loads(run(tool, "--format", "json", "--no-round", case))[0]
    expected = [money(result["compensation"])]
    for p in result["policies"]:
        if p["counted"] is False:
            continue
        expected += [p["number"], money(p["premium"])]
    for value in expected:
        if value not in text:
            problems.append(f"{case}: {value} is not in the PDF's text")
    check_bounds(pdf, case, problems)
    check_cells(pdf, case, problems)
    fonts = run("pdffonts", str(pdf)).decode().splitlines()[2:]
    for line in fonts:  # name type encoding emb sub uni object ID
        if line.split()[-5] != "yes":
            problems.append(f"{case}: a font is not embedded: {line}")


def words(pdf):
    """Each word pdftotext -bbox finds: (page, x0, y0, x1, y1, text), in points."""
    page = 0
    for line in run("pdftotext", "-bbox", str(pdf), "-").decode().splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)', line)
        if m:
            yield (page, *map(float, m.groups()[:4]), m.group(5))


def check_bounds(pdf, case, problems):
    """Every word inside the page, between the side margins (a hair of slack for the glyphs)."""
    for page, x0, y0, x1, y1, text in words(pdf):
        if x0 < 20 * MM - 1 or x1 > PAGE_W - 20 * MM + 1 or y0 < 0 or y1 > PAGE_H:
            problems.append(f"{case}: page {page}: {text!r} at x {x0:.0f}–{x1:.0f} pt lies outside the margins")


def vertical_rules(pdf):
    """The vertical rules drawn on each page, as (page, x, top, bottom) in points: the tables'
    column lines, read from pdftocairo's SVG (a path "M x y1 L x y2" under its transform)."""
    rules = []
    with tempfile.TemporaryDirectory() as tmp:
        pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf)).decode()).group(1))
        for page in range(1, pages + 1):
            svg = pathlib.Path(tmp) / f"{page}.svg"
            run("pdftocairo", "-svg", "-f", str(page), "-l", str(page), str(pdf), str(svg))
            for m in re.finditer(r'd="M ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) "'
                                 r'(?: transform="matrix\(([^)]*)\)")?', svg.read_text()):
                x1, y1, x2, y2 = map(float, m.groups()[:4])
                a, _, _, d, e, f = map(float, (m.group(5) or "1,0,0,1,0,0").split(","))
                if abs(x1 - x2) < 0.01 and abs(y1 - y2) > 1:
                    rules.append((page, a * x1 + e, d * min(y1, y2) + f, d * max(y1, y2) + f))
    return rules


def check_cells(pdf, case, problems):
    """No word runs across a table's column line: each text box from pdftotext -bbox either lies
    left or right of every vertical rule that spans its height on its page."""
    rules = vertical_rules(pdf)
    if not rules:
        problems.append(f"{case}: no table rules found in the PDF (pdftocairo -svg)")
    for page, x0, y0, x1, y1, text in words(pdf):
        for p, x, top, bottom in rules:
            if p == page and x0 + 0.5 < x < x1 - 0.5 and top < y1 - 1 and bottom > y0 + 1:
                problems.append(f"{case}: page {page}: {text!r} at x {x0:.0f}–{x1:.0f} pt "
                                f"crosses the column line at x {x:.0f}")
                break


def check_invoices(tool, work, problems):
    """long-lists: every invoice amount of the sales that count, and the total, in the PDF."""
    case = "tests/package/long-lists.yaml"
    text = re.sub(r"\s+", "", run("pdftotext", str(work / "long-lists.pdf"), "-").decode())
    md = run(tool, "--form", "markdown", case).decode()
    section = md[md.index("投保产品销售发票明细清单"):]
    amounts = re.findall(r"\|\s*([\d,]+\.\d\d)\s*\|", section)
    if len(amounts) < 10:
        problems.append(f"{case}: the Markdown form lists only {len(amounts)} invoice amounts")
    for a in amounts:
        if a not in text:
            problems.append(f"{case}: invoice amount {a} is not in the PDF")


def check_batch(tool, work, problems):
    found, _ = package_files.batch_problems(tool, "pdf", work)
    problems += found


def check_round(tool, work, problems):
    """examples/round: each capped case's PDF says what the HTML form's note says; not alone."""
    out = work / "round"
    out.mkdir()
    run(tool, "--form", "pdf", "--output", str(out), "examples/round")
    html = run(tool, "--form", "html", "examples/round").decode()
    notes = [re.sub(r"\s+", "", n) for n in re.findall(r'<p class="note round">([^<]*)</p>', html)]
    texts = [re.sub(r"\s+", "", run("pdftotext", str(p), "-").decode()) for p in sorted(out.glob("*.pdf"))]
    if len(notes) != 2 or len(texts) != 3:
        problems.append(f"round: {len(notes)} notes in the HTML form, {len(texts)} PDFs")
        return
    for note in notes:
        if sum(note in t for t in texts) != 1:
            problems.append(f"round: the note {note[:40]}… is not in exactly one PDF")
    if "本轮说明" in texts[2]:
        problems.append("round: r03, alone in its enterprise, has a round note")
    run(tool, "--form", "pdf", "--no-round", "--output", str(out), "examples/round")
    if any("本轮说明" in run("pdftotext", str(p), "-").decode() for p in out.glob("*.pdf")):
        problems.append("round: --no-round still writes the round's note")


def main():
    if not shutil.which("pdftotext") or not shutil.which("pdffonts"):
        print("poppler-utils is not installed: skipped")
        return 77
    tool = str(pathlib.Path(sys.argv[1]) / "sbc-subsidy")
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        for case in CASES:
            check_case(tool, case, work, problems)
        check_invoices(tool, work, problems)
        check_batch(tool, work, problems)
        check_round(tool, work, problems)
    for p in problems:
        print(p)
    print(f"pdf: {len(CASES)} packages and a batch, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
