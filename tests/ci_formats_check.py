#!/usr/bin/env python3
"""The CI formats are well formed on every example and broken case: JUnit parses as XML with
counts that match its test cases, SARIF parses as JSON in the 2.1.0 shape with a location for every
result, and every GitHub line is a workflow command. usage: ci_formats_check.py BUILD_DIR"""
import json
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

build = pathlib.Path(sys.argv[1])
inputs = ["examples", "tests/validate/broken"]
failures = 0


def fail(message):
    global failures
    failures += 1
    print("ci_formats_check:", message)


def run(tool, fmt, *extra):
    done = subprocess.run([str(build / tool), "--format", fmt, "--lang", "en", *extra, *inputs],
                          capture_output=True, text=True)
    if done.returncode not in (0, 1, 2, 3):
        fail(f"{tool} --format {fmt} exited {done.returncode}")
    return done.stdout


for tool in ("sbc-check", "sbc-validate"):
    suites = ET.fromstring(run(tool, "junit"))
    if suites.tag != "testsuites" or len(suites) < 20:
        fail(f"{tool} junit: {len(suites)} suites under <{suites.tag}>")
    for suite in suites:
        cases = suite.findall("testcase")
        for attr, tags in (("tests", None), ("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
            counted = len(cases) if tags is None else sum(1 for c in cases if c.find(tags) is not None)
            if int(suite.get(attr)) != counted:
                fail(f"{tool} junit {suite.get('name')}: {attr}={suite.get(attr)}, counted {counted}")
    sarif = json.loads(run(tool, "sarif"))
    if sarif.get("version") != "2.1.0" or len(sarif["runs"]) != 1:
        fail(f"{tool} sarif: not one 2.1.0 run")
    results = sarif["runs"][0]["results"]
    if not results:
        fail(f"{tool} sarif: no results on broken cases")
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        if r["level"] not in ("error", "warning") or region["startLine"] < 1 or not r["message"]["text"]:
            fail(f"{tool} sarif: malformed result {r}")
    for line in run(tool, "github").splitlines():
        if not re.fullmatch(r"::(error|warning) file=[^,:]+(,line=\d+)?(,col=\d+)?,title=[^:]+::.+", line):
            fail(f"{tool} github: not a workflow command: {line}")

print(f"ci_formats_check: {'ok' if failures == 0 else f'{failures} problem(s)'}")
sys.exit(1 if failures else 0)
