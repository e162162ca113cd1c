#!/usr/bin/env python3
"""--template lists every fact that decides a case: for every example of every built-in pack, the
pack's template filled with that example's values (and nothing the template does not ask for) is
a valid case with the same verdict, path and amount as the example itself.

Usage: template_check.py BUILD_DIR   (run from the source directory)
"""
import glob
import json
import re
import subprocess
import sys

import yaml


class Loader(yaml.SafeLoader):
    """YAML as the tools read it: dates stay text."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

VALUE = re.compile(r"^( *)#([a-z_0-9]+):$")           # a commented-out fact:   #rd_spend:
SECTION = re.compile(r"^( *)([a-z_0-9]+):$")            # a section header:       software:
ITEM = re.compile(r"^( *)#( *)(- )?([a-z_0-9]+):")     # a list item's field:    #  - kind:   # …


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})


def item_shape(lines, start, base):
    """The keys a list item asks for, from the commented item lines after `#key:` (nested lists and
    records as sub-shapes); returns (shape, index after the block)."""
    shape = {}
    stack = [(-1, shape)]
    i = start
    while i < len(lines):
        m = ITEM.match(lines[i])
        if not m or len(m.group(1)) != base:
            break
        column = len(m.group(2)) + (2 if m.group(3) else 0)
        while stack[-1][0] >= column:
            stack.pop()
        child = {}
        stack[-1][1][m.group(4)] = child
        stack.append((column, child))
        i += 1
    return shape, i


def pruned(value, shape):
    """`value` with only the keys `shape` names (an empty shape keeps a leaf whole)."""
    if not shape:
        return value
    if isinstance(value, list):
        return [pruned(v, shape) for v in value]
    if isinstance(value, dict):
        return {k: pruned(v, shape[k]) for k, v in value.items() if k in shape}
    return value


def fill(template, example):
    """The template with each fact the example states filled in, as one-line JSON (which is YAML)."""
    lines, out, path = template.splitlines(), [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        section, value = SECTION.match(line), VALUE.match(line)
        if section:
            depth = len(section.group(1)) // 2
            path = path[:depth] + [section.group(2)]
            out.append(line)
        elif value:
            depth = len(value.group(1)) // 2
            keys = path[:depth] + [value.group(2)]
            shape, after = item_shape(lines, i + 1, len(value.group(1)))
            node = example
            for k in keys:
                node = node.get(k) if isinstance(node, dict) else None
            if node is not None:
                out.append(f"{value.group(1)}{value.group(2)}: {json.dumps(pruned(node, shape), ensure_ascii=False)}")
                i = after
                continue
            out.append(line)
        else:
            out.append(line)
        i += 1
    return "\n".join(out) + "\n"


def outcome(tool, text, pack):
    r = subprocess.run([tool, "--format", "json", "--lang", "en", "--rules", pack, "-"], input=text,
                       capture_output=True, text=True)
    [case] = json.loads(r.stdout)
    return r.returncode, case.get("verdict"), case.get("path"), case.get("subsidy")


def main():
    build = sys.argv[1]
    failures, checked = [], 0
    for tool, subsidy in (("sbc-check", False), ("sbc-subsidy", True)):
        binary = f"{build}/{tool}"
        for example in sorted(glob.glob("examples/*.yaml") + glob.glob("examples/*/*.yaml")):
            with open(example, encoding="utf-8") as f:
                documents = [d for d in yaml.load_all(f, Loader=Loader) if isinstance(d, dict)]
            if len(documents) != 1:
                continue  # a batch file or an unreadable example
            text = open(example, encoding="utf-8").read()
            first = run(binary, "--format", "json", "--lang", "en", example)
            try:
                [case] = json.loads(first.stdout)
            except ValueError:
                continue
            pack = case.get("rules")
            if "error" in case or not pack:
                continue  # an example of an error, or of a pack this tool cannot use
            template = run(binary, "--template", "--rules", pack, "--lang", "en")
            if template.returncode != 0:
                failures.append(f"{tool} --template --rules {pack}: exit {template.returncode}: {template.stderr}")
                continue
            filled = fill(template.stdout, documents[0])
            valid = subprocess.run([f"{build}/sbc-validate", "-q", "-"], input=filled, capture_output=True, text=True)
            expected, got = outcome(binary, text, pack), outcome(binary, filled, pack)
            checked += 1
            if valid.returncode != 0:
                failures.append(f"{tool} {example}: the filled template is not valid:\n{valid.stdout}{filled}")
            elif expected != got:
                failures.append(f"{tool} {example}: example {expected}, filled template {got}\n{filled}")
    for f in failures:
        print(f)
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
