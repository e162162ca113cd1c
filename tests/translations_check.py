#!/usr/bin/env python3
"""Every message of the library and the tools exists in zh and en. Messages are written as
bilingual pairs, {"中文", "English"} or Text{…}: this finds pairs with a side left empty, and
messages written to the terminal in one language only. (The rule packs' texts are checked by the
unit test "every built-in pack's texts exist in zh and in en".) usage: translations_check.py SRC"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
files = sorted([*root.glob("lib/**/*.[ch]pp"), *root.glob("apps/**/*.[ch]pp")])
literal = r'"((?:[^"\\]|\\.)*)"'
pair = re.compile(r"\{\s*" + literal + r"\s*,\s*" + literal + r"\s*[,}]")
cjk = re.compile(r"[\u4e00-\u9fff]")
# A line printed to the terminal from a plain English literal, not through a Text.
english_only = re.compile(r'std::cerr\s*<<[^;]*<<\s*"[A-Za-z][^"]*[a-z]{3}')
problems = []
for path in files:
    text = path.read_text(encoding="utf-8")
    for m in pair.finditer(text):
        zh, en = m.group(1), m.group(2)
        line = text.count("\n", 0, m.start()) + 1
        if (cjk.search(zh) and not en.strip()) or (not zh.strip() and en.strip() and " " in en):
            problems.append(f"{path.relative_to(root)}:{line}: a message with one side empty: {m.group(0)[:60]}")
    for m in english_only.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        problems.append(f"{path.relative_to(root)}:{line}: an English-only message: {m.group(0)[:60]}")
for p in problems:
    print(p)
print(f"translations_check: {len(files)} files, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
