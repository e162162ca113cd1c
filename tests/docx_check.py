#!/usr/bin/env python3
"""The application package as a Word file (sbc-subsidy --form docx), read back as a reviewer's
tools would. With python3-docx: the contents list the parts in binding order, each a PAGEREF field
to a bookmark on that part's title, and the titles follow in that order, each beginning a page; the
申请表's cells hold the company, the product, each policy's number and premium and the amount
applied for as the case and the JSON give them; the invoice list has a row per invoice of the sales
that count, with its amount, and a totals row that adds them up. In the XML: A4 with the guide's
margins, 仿宋 as the East Asian font, the header row of each list repeated (w:tblHeader), the
fields updated on opening, page numbers in the footer from the 申请表 on and none before. The same
case gives the same bytes twice, a batch the same files with -j1 and -j2, and in a round a capped
case's file carries the round's note. Then LibreOffice (when installed; required when
SBC_REQUIRE_LIBREOFFICE=1, as .ci/run sets it) converts each file to PDF headless, and that PDF
holds every part, each beginning a page, in order.
Skips (77) without python3-docx.

Usage: docx_check.py BUILD_DIR   (run from the source directory)
"""
import decimal
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import yaml

try:
    import docx
except ImportError:
    docx = None

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import package_files  # noqa: E402

CASES = ["examples/subsidy/s01-granted-one-policy.yaml", "examples/subsidy/s02-granted-two-policies.yaml",
         "tests/package/long-lists.yaml"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args, ok=(0,)):
    """The command's standard output; its exit status must be one of `ok`."""
    done = subprocess.run(args, capture_output=True)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(args)}: exit {done.returncode}: {done.stderr.decode()}")
    return done.stdout


def money(fen_text):
    """'330000.00' as the package prints it: 330,000.00."""
    whole, _, part = fen_text.partition(".")
    return f"{int(whole):,}.{part or '00'}"


def fen(text):
    """'1,000.00' -> 100000."""
    return int(text.replace(",", "").replace(".", ""))


def case_fen(value):
    """An amount as a case writes it (12000, '1,200.50', '¥3000', '200万', '5万元') in fen."""
    text = str(value).replace(",", "").replace("¥", "").replace("元", "").strip()
    scale = decimal.Decimal(10000) if text.endswith("万") else 1
    return int(decimal.Decimal(text.rstrip("万")) * scale * 100)


def check_contents(doc, case, problems):
    """The contents' lines, their PAGEREF fields and bookmarks, the parts' titles in that order."""
    body = doc.element.body
    lines = []  # (title, bookmark)
    for p in body.iterchildren(W + "p"):  # the body's own paragraphs: not the tables' cells
        instr = "".join(t.text or "" for t in p.iter(W + "instrText"))
        m = re.match(r"\s*PAGEREF (\S+)", instr)
        if m:
            title = "".join(t.text or "" for t in p.iter(W + "t")).rstrip("0123456789")
            lines.append((title, m.group(1)))
    if len(lines) < 3:
        problems.append(f"{case}: {len(lines)} contents lines with a PAGEREF field")
    marks = {}  # bookmark -> (paragraph's text, page break before)
    order = []
    for p in body.iter(W + "p"):
        for b in p.iter(W + "bookmarkStart"):
            text = "".join(t.text or "" for t in p.iter(W + "t"))
            breaks = p.find(f"{W}pPr/{W}pageBreakBefore") is not None
            marks[b.get(W + "name")] = (text, breaks)
            order.append(b.get(W + "name"))
    for i, (title, mark) in enumerate(lines):
        if mark not in marks:
            problems.append(f"{case}: the contents' field for {title} names no bookmark ({mark})")
            continue
        text, breaks = marks[mark]
        if text != title:
            problems.append(f"{case}: the bookmark for {title} is on {text!r}")
        if i > 0 and not breaks:  # the first part begins the numbered section: a page of its own
            problems.append(f"{case}: {title} does not begin a page")
    for p in body.iter(W + "tc"):
        instr = "".join(t.text or "" for t in p.iter(W + "instrText"))
        m = re.match(r"\s*PAGEREF (\S+)", instr)
        if m and m.group(1) not in marks:
            problems.append(f"{case}: a cell's page field names no bookmark ({m.group(1)})")
    if [m for _, m in lines] != order:
        problems.append(f"{case}: the parts are not in the contents' order: {order}")
    return [t for t, _ in lines]


def check_form(doc, case, result, problems):
    """The 申请表's cells: the case's company and product, the JSON's policies and amount."""
    facts = yaml.safe_load(pathlib.Path(case).read_text())
    form = next(t for t in doc.tables if t.rows[0].cells[0].text == "企业名称")
    cells = [[c.text for c in r.cells] for r in form.rows]
    if cells[0][1] != facts["applicant"]["name"]:
        problems.append(f"{case}: 企业名称 is {cells[0][1]!r}")
    product = f"{facts['software']['name']} {facts['software'].get('version', '')}".strip()
    if cells[1][2] != product:
        problems.append(f"{case}: 投保产品名称及版次 is {cells[1][2]!r}, not {product!r}")
    rows = {r[2]: r[3] for r in cells}  # policy number -> premium
    for p in result["policies"]:
        if p["counted"] is not False and rows.get(p["number"]) != money(p["premium"]):
            problems.append(f"{case}: policy {p['number']}: {rows.get(p['number'])!r}, not {money(p['premium'])}")
    applied = next((r[4] for r in cells if r[3].startswith("合计申请保险费")), None)
    if applied != money(result["compensation"]):
        problems.append(f"{case}: 合计申请保险费补贴金额 is {applied!r}, not {money(result['compensation'])}")


def check_invoices(doc, case, result, problems):
    """A row per invoice of the sales that count, its amount as the case gives it; the totals."""
    facts = yaml.safe_load(pathlib.Path(case).read_text())
    expected = []
    for sale, judged in zip(facts["insurance"].get("sales", []), result["sales"]):
        if judged["counts"] is not False:
            expected += [case_fen(i["amount"]) for i in sale.get("invoices", [])]
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "序号" and len(t.columns) == 7]
    if not expected:
        return
    if len(tables) != 1:
        problems.append(f"{case}: {len(tables)} invoice lists")
        return
    rows = [[c.text for c in r.cells] for r in tables[0].rows]
    body, total = rows[1:-1], rows[-1]
    amounts = [fen(r[4]) for r in body]
    if amounts != expected:
        problems.append(f"{case}: the invoice list's amounts {amounts} are not the case's {expected}")
    if total[0] != "合计" or fen(total[4]) != sum(expected) or total[3] != f"{len(expected)} 张":
        problems.append(f"{case}: the totals row is {total}")


def check_xml(path, case, problems):
    facts = yaml.safe_load(pathlib.Path(case).read_text())
    app = facts.get("application", {})
    day = str(app.get("filed_on") or app.get("date"))
    with zipfile.ZipFile(path) as z:
        stamped = {"%04d-%02d-%02d" % i.date_time[:3] for i in z.infolist()}
        if stamped != {day}:
            problems.append(f"{case}: the file's entries are dated {stamped}, not the case's {day}")
        if f"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{day}T00:00:00Z" not in z.read("docProps/core.xml").decode():
            problems.append(f"{case}: docProps/core.xml is not dated {day}")
        document = z.read("word/document.xml").decode()
        styles = z.read("word/styles.xml").decode()
        settings = z.read("word/settings.xml").decode()
        footer = z.read("word/footer1.xml").decode()
    sections = re.findall(r"<w:sectPr>.*?</w:sectPr>", document)
    if len(sections) != 2 or "footerReference" in sections[0] or "footerReference" not in sections[1]:
        problems.append(f"{case}: expected a section without page numbers, then one with them")
    if 'w:pgNumType w:start="1"' not in sections[-1]:
        problems.append(f"{case}: the numbered section does not count from 1")
    for s in sections:
        if '<w:pgSz w:w="11906" w:h="16838"/>' not in s or 'w:top="1247"' not in s or 'w:left="1134"' not in s:
            problems.append(f"{case}: a section is not A4 with the guide's margins: {s[:200]}")
    if 'w:eastAsia="仿宋"' not in styles:
        problems.append(f"{case}: 仿宋 is not the East Asian font")
    if '<w:updateFields w:val="true"/>' not in settings:
        problems.append(f"{case}: the fields are not updated on opening")
    if "PAGE" not in footer:
        problems.append(f"{case}: no page number in the footer")
    tables = document.count("<w:tbl>")
    headers = document.count("<w:tblHeader/>")
    if headers != tables - 2:  # every table but the cover's and the 申请表's
        problems.append(f"{case}: {headers} repeated header rows for {tables} tables")


def check_libreoffice(files, titles, work, problems):
    """LibreOffice converts each file to PDF, and each part begins a page of it, in order."""
    soffice = shutil.which("soffice")
    if not soffice:
        if os.environ.get("SBC_REQUIRE_LIBREOFFICE") == "1":
            problems.append("LibreOffice (soffice) is not installed")
        else:
            print("LibreOffice is not installed: the conversion is not checked")
        return
    out = work / "lo"
    profile = work / "lo-profile"
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                           "pdf", "--outdir", str(out)] + [str(f) for f in files],
                          capture_output=True, text=True, timeout=300)
    said = (done.stdout + done.stderr).strip()
    print(f"LibreOffice said: {said}")
    if done.returncode != 0 or re.search(r"\berror\b", said, re.I):
        problems.append(f"LibreOffice: exit {done.returncode}: {said}")
    for f in files:
        pdf = out / (f.stem + ".pdf")
        if not pdf.exists():
            problems.append(f"LibreOffice made no PDF of {f.name}")
            continue
        pages = run("pdftotext", str(pdf), "-").decode().split("\f")
        firsts = [p.strip().splitlines()[0].strip() if p.strip() else "" for p in pages]
        at = 0
        for title in titles[f.name]:
            found = next((i for i in range(at, len(firsts)) if firsts[i] == title), None)
            if found is None:
                problems.append(f"LibreOffice: {f.name}: no page after page {at + 1} begins {title}")
                break
            at = found + 1


def check_batch(tool, work, problems):
    found, one = package_files.batch_problems(tool, "docx", work)
    problems += found
    for name in sorted(one.iterdir()):  # every file opens, the unreadable cases' too
        docx.Document(str(name))


def check_round(tool, work, problems):
    """examples/round: each capped case's file says what the HTML form's note says."""
    out = work / "round"
    out.mkdir()
    run(tool, "--form", "docx", "--output", str(out), "examples/round")
    html = run(tool, "--form", "html", "examples/round").decode()
    notes = re.findall(r'<p class="note round">([^<]*)</p>', html)
    texts = ["\n".join(p.text for p in docx.Document(str(f)).paragraphs) for f in sorted(out.glob("*.docx"))]
    if len(notes) != 2 or len(texts) != 3:
        problems.append(f"round: {len(notes)} notes in the HTML form, {len(texts)} files")
        return
    for note in notes:
        if sum(note in t for t in texts) != 1:
            problems.append(f"round: the note {note[:40]}… is not in exactly one file")


def main():
    if docx is None:
        print("python3-docx is not installed: skipped")
        return 77
    tool = str(pathlib.Path(sys.argv[1]) / "sbc-subsidy")
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        files, titles = [], {}
        for case in CASES:
            path = work / (pathlib.Path(case).stem + ".docx")
            path.write_bytes(run(tool, "--form", "docx", case))
            if run(tool, "--form", "docx", case) != path.read_bytes():
                problems.append(f"{case}: two runs give different bytes")
            result = json.loads(run(tool, "--format", "json", "--no-round", case))[0]
            doc = docx.Document(str(path))
            titles[path.name] = check_contents(doc, case, problems)
            check_form(doc, case, result, problems)
            check_invoices(doc, case, result, problems)
            check_xml(path, case, problems)
            files.append(path)
        check_batch(tool, work, problems)
        check_round(tool, work, problems)
        check_libreoffice(files, titles, work, problems)
    for p in problems:
        print(p)
    print(f"docx: {len(CASES)} packages, a batch and a round, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
