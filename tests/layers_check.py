#!/usr/bin/env python3
"""The library's layers point one way: a file includes headers of its own layer or of layers below.

Layers, lowest first, are the folders of lib/include/sbc/ and lib/src/, in the order ARCHITECTURE.md
lists them. Fails (exit 1, one line per problem, file:line) when a file includes a header of a layer
above its own, sits outside any layer folder, or when the folders and ARCHITECTURE.md disagree.

Usage: layers_check.py SOURCE_DIR
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"(?:sbc/)?([a-z_]+)/[^"]+"')
LISTED = re.compile(r'^\|\s*`([a-z_]+)/`\s*\|')


def layer_order(root: pathlib.Path) -> list[str]:
    """The layer folders as ARCHITECTURE.md's table lists them, lowest first."""
    text = (root / "ARCHITECTURE.md").read_text(encoding="utf-8")
    return [m.group(1) for line in text.splitlines() if (m := LISTED.match(line))]


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    order = layer_order(root)
    rank = {name: i for i, name in enumerate(order)}
    problems = []
    if not order:
        problems.append("ARCHITECTURE.md: no layer table (| `name/` | … |)")
    bases = [root / "lib/include/sbc", root / "lib/src"]
    folders = {p.name for base in bases for p in base.iterdir() if p.is_dir()}
    for name in sorted(folders - rank.keys()):
        problems.append(f"lib/*/{name}/: a layer folder ARCHITECTURE.md does not list")
    for name in sorted(rank.keys() - folders):
        problems.append(f"ARCHITECTURE.md: lists {name}/, which is no folder of lib/")
    for base in bases:
        for path in sorted(base.rglob("*.[ch]pp")):
            relative = path.relative_to(root)
            parts = path.relative_to(base).parts
            if len(parts) != 2:
                problems.append(f"{relative}: not in a layer folder")
                continue
            own = parts[0]
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = INCLUDE.match(line)
                if not m or m.group(1) not in rank or own not in rank:
                    continue
                if rank[m.group(1)] > rank[own]:
                    problems.append(f"{relative}:{number}: {own}/ includes {m.group(1)}/, a layer above it")
    for p in problems:
        print(p)
    print(f"{len(order)} layers, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
