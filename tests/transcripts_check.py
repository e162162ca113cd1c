#!/usr/bin/env python3
"""The transcripts a reader copies are tests: every ```console block of the committed Markdown and
every EXAMPLES block of the man pages that starts with `$ ` is run, one shell per block, and its
output compared exactly with the lines under each command.

- A command is a `$ ` line with its continuation lines (ending in a backslash) and here-documents;
  its expected output is every line up to the next `$ `. A line `…` matches any number of lines.
- Each block runs in bash from a temporary directory that looks like the repository root (every
  top-level entry linked, examples/ copied so a block may write beside them), with build/ on PATH
  (man pages say `sbc-check`) and no locale variables.
- A command that exits non-zero must be followed by a command that reads `$?` (such as
  `$ echo $?`), or say its status in a comment (`$ sbc-check case.yaml   # exit 1`): a transcript
  never hides a failure, and a changed status fails it.
- SBC_UPDATE_GOLDEN=1 rewrites the expected output of Markdown blocks without `…` (then review
  the diff); man pages are reported, never rewritten.

A short script rather than cram or shelltestrunner: neither reads Markdown or roff, and neither
has a marker for "any lines here", so each would need this extraction plus a conversion.

Usage: transcripts_check.py SOURCE_DIR BUILD_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_]+)\1")
ELIDED = "…"


class Command:
    def __init__(self, text, line):
        self.text, self.line, self.expected = text, line, []


def complete(command):
    """Whether bash reads `command` as whole (here-documents aside, which follow it)."""
    body = HEREDOC.sub("", command)
    if body.endswith("\\"):
        return False
    r = subprocess.run(["bash", "-n", "-c", body], capture_output=True, text=True)
    return "unexpected EOF" not in r.stderr


def commands_of(lines, first_line):
    """The commands of one block's lines, each with its expected output."""
    out, i = [], 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            if out:
                out[-1].expected.append(lines[i])
            i += 1
            continue
        start, text = i, [lines[i][2:]]
        while not complete("\n".join(text)) and i + 1 < len(lines):  # a trailing backslash, an open quote
            i += 1
            text.append(lines[i])
        for m in HEREDOC.finditer("\n".join(text)):
            while i + 1 < len(lines):
                i += 1
                text.append(lines[i])
                if lines[i] == m.group(2):
                    break
        out.append(Command("\n".join(text), first_line + start))
        i += 1
    return out


def markdown_blocks(path):
    """(first line number, lines, end line number) of each ```console block."""
    blocks, lines = [], open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```console":
            j = i + 1
            while lines[j].strip() != "```":
                j += 1
            blocks.append((i + 2, lines[i + 1:j], j))
            i = j
        i += 1
    return blocks


ROFF = [("\\-", "-"), ("\\(->", "→"), ("\\(em", "—"), ("\\(di", "÷"), ("\\(mu", "×"), ("\\[u2717]", "✗"), ("\\[u2713]", "✓"), ("\\(Ye", "¥"),
        ("\\(dq", '"'), ("\\(aq", "'"), ("\\&", ""), ("\\e", "\\")]


def unwrapped(lines):
    """A man page wraps a long output line with a trailing backslash; the tool printed it whole."""
    out = []
    for line in lines:
        if out and out[-1].endswith("\\") and not out[-1].startswith("$ "):
            out[-1] = out[-1][:-1] + line.lstrip()
        else:
            out.append(line)
    return out


def man_blocks(path):
    """The .EX blocks of a man page that start with `$ `, as a reader sees them."""
    raw = open(path, encoding="utf-8").read().split("\n")
    blocks, i = [], 0
    while i < len(raw):
        if raw[i] == ".EX":
            j, lines = i + 1, []
            while raw[j] != ".EE":
                line = raw[j]
                while re.search(r"(?<!\\)\\$", line):  # roff joins a line ending in a lone backslash
                    j += 1
                    line = line[:-1] + raw[j]
                for escape, text in ROFF:
                    line = line.replace(escape, text)
                lines.append(line)
                j += 1
            if lines and lines[0].startswith("$ "):
                blocks.append((i + 2, unwrapped(lines), j))
            i = j
        i += 1
    return blocks


def matches(expected, actual):
    """Line by line, `…` standing for any lines."""
    if not expected:
        return not actual
    if expected[0] == ELIDED:
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def run_block(commands, work, env):
    script = "exec 2>&1\n"
    for n, c in enumerate(commands):
        script += f"{c.text}\n__s=$?; printf '@@SBC-END {n} %d@@\\n' $__s; (exit $__s)\n"
    r = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    results, rest = [], r.stdout
    for n in range(len(commands)):
        m = re.search(rf"@@SBC-END {n} (\d+)@@\n", rest)
        if m is None:
            results.append((["(the block stopped before this command)"] + rest.split("\n"), -1))
            rest = ""
            continue
        text = rest[:m.start()]
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        results.append((lines, int(m.group(1))))
        rest = rest[m.end():]
    return results


def workspace(source, build):
    work = tempfile.mkdtemp(prefix="sbc-transcripts-")
    for entry in os.listdir(source):
        if entry in (".git", "examples"):
            continue
        os.symlink(os.path.join(source, entry), os.path.join(work, entry))
    shutil.copytree(os.path.join(source, "examples"), os.path.join(work, "examples"))
    if not os.path.exists(os.path.join(work, "build")):
        os.symlink(build, os.path.join(work, "build"))
    return work


def main():
    source, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    update = bool(os.environ.get("SBC_UPDATE_GOLDEN"))
    env = {"PATH": f"{build}:/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "TERM": "dumb"}
    files = sorted(subprocess.run(["git", "ls-files", "*.md"], cwd=source, capture_output=True, text=True).stdout.split())
    files = [f for f in files if not f.startswith("tests/")] or ["README.md"]
    pages = sorted(f for f in os.listdir(os.path.join(source, "man")) if re.search(r"\.[1-9]$", f))
    failures, passed = [], 0
    for name, blocks, rewritable in ([(f, markdown_blocks(os.path.join(source, f)), True) for f in files] +
                                     [(f"man/{p}", man_blocks(os.path.join(source, "man", p)), False) for p in pages]):
        rewrites = []
        for first, lines, end in blocks:
            commands = commands_of(lines, first)
            if not commands:
                continue
            work = workspace(source, build)
            try:
                results = run_block(commands, work, env)
            finally:
                shutil.rmtree(work)
            ok = True
            for n, (c, (actual, status)) in enumerate(zip(commands, results)):
                # The status is shown by the next command reading $?, or stated: `$ cmd   # exit 1`.
                shows_status = (n + 1 < len(commands) and "$?" in commands[n + 1].text) or \
                    re.search(rf"#\s*exit {status}\s*$", c.text.split("\n")[0]) is not None
                if not matches(c.expected, actual):
                    ok = False
                    failures.append(f"{name}:{c.line}: $ {c.text}\n  expected:\n" +
                                    "".join(f"    {l}\n" for l in c.expected) + "  actual:\n" +
                                    "".join(f"    {l}\n" for l in actual))
                elif status != 0 and not shows_status:
                    ok = False
                    failures.append(f"{name}:{c.line}: $ {c.text}\n  exit status {status}, and neither `$ echo $?` nor "
                                    f"`# exit {status}` shows it")
            passed += ok
            if not ok and update and rewritable and not any(ELIDED in c.expected for c in commands):
                new = []
                for c, (actual, _) in zip(commands, results):
                    new += ["$ " + c.text] + actual
                rewrites.append((first - 1, end, new))
        if rewrites:
            with open(os.path.join(source, name), encoding="utf-8") as f:
                text = f.read().split("\n")
            for start, end, new in reversed(rewrites):
                text[start:end] = new
            with open(os.path.join(source, name), "w", encoding="utf-8") as f:
                f.write("\n".join(text))
            print(f"updated {len(rewrites)} block(s) of {name}: review the diff")
    for f in failures:
        print(f)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
