#!/usr/bin/env python3
"""The interview reaches each example's verdict: started from an empty file, every question is
answered with the example's value for that fact (Enter when the example does not state it), and
the interview must end by itself with the example's verdict and path. Prints, per example, how
many questions it asked against how many facts the example's file states.

Usage: interview_examples.py BUILD_DIR   (run from the source directory)
"""
import json
import os
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from interview_check import Terminal  # noqa: E402
from template_check import Loader  # noqa: E402


def leaves(value):
    if isinstance(value, dict):
        return sum(leaves(v) for v in value.values())
    return 1


def lookup(document, path):
    node = document
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    return node


def main():
    build = sys.argv[1]
    tool = os.path.join(build, "sbc-check")
    failures, rows = [], []
    examples = sorted(f for f in os.listdir("examples") if f.endswith(".yaml"))
    for name in examples:
        path = os.path.join("examples", name)
        with open(path, encoding="utf-8") as f:
            documents = [d for d in yaml.load_all(f, Loader=Loader) if isinstance(d, dict)]
        if len(documents) != 1:
            continue
        judged = subprocess.run([tool, "--format", "json", "--lang", "en", path], capture_output=True, text=True)
        [case] = json.loads(judged.stdout)
        if "error" in case:
            continue
        with tempfile.TemporaryDirectory() as work:
            target = os.path.join(work, "case.yaml")
            t = Terminal([tool, "--interview", target, "--rules", case["rules"], "--lang", "en", "--color", "never"])
            asked = 0
            while t.read_until("> ", seconds=10):
                question = t.screen[t.screen.rfind("\n[") + 1:]
                fact = question.split("\n")[0].split("  ")[1]
                value = lookup(documents[0], fact)
                asked += 1
                t.answer("" if value is None else (json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict))
                                                   else str(value).lower() if isinstance(value, bool) else str(value)))
                if asked > 60:
                    break
            t.wait()
            final = subprocess.run([tool, "--format", "json", "--lang", "en", target], capture_output=True, text=True)
            [got] = json.loads(final.stdout)
        same = (got["verdict"], got["path"]) == (case["verdict"], case["path"])
        rows.append(f"{name:58} {asked:3} questions, {leaves(documents[0]):3} facts in the file: {got['verdict']}")
        if not same:
            failures.append(f"{name}: example {case['verdict']} {case['path']}, interview {got['verdict']} {got['path']}")
    print("\n".join(rows))
    for f in failures:
        print("FAIL " + f)
    print(f"{len(rows) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
