#!/usr/bin/env python3
"""--interview as a consultant uses it, through a real pseudo-terminal: answers, a bad answer, a
skip, Ctrl-C in the middle; the file then holds exactly the answers given, and a second interview
on it continues where the first stopped and ends eligible. Also: Chinese questions by default, and
no interview without a terminal.

Usage: interview_check.py BUILD_DIR   (run from the source directory)
"""
import os
import pathlib
import pty
import select
import signal
import subprocess
import sys
import tempfile
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, summary  # noqa: E402



class Terminal:
    """A tool on a pseudo-terminal: wait for its prompt, type a line, read what it shows."""

    def __init__(self, args):
        env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
        env["TERM"] = "dumb"
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(args[0], args, env)
        self.screen = ""
        self.typed_at = -1  # where the screen stood when the last line was typed

    def read_until(self, marker, seconds=20):
        """Reads until the screen ends with `marker` shown after the last line typed."""
        end = time.time() + seconds
        while time.time() < end:
            if self.screen.endswith(marker) and len(self.screen) > self.typed_at:
                return True
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return False
                if not data:
                    return False
                self.screen += data.decode("utf-8", "replace").replace("\r", "")
        return False

    def answer(self, text):
        if not self.read_until("> "):
            raise RuntimeError("no prompt; the screen was:\n" + self.screen[-2000:])
        self.typed_at = len(self.screen)
        os.write(self.fd, text.encode() + b"\r")

    def interrupt(self):
        self.read_until("> ")
        os.write(self.fd, b"\x03")  # the terminal turns it into SIGINT

    def wait(self):
        self.read_until("\0", seconds=5)  # drain until it closes
        _, status = os.waitpid(self.pid, 0)
        return status


def questions(screen):
    return [line.split("  ")[1] for line in screen.splitlines() if line.startswith("[") and "]" in line and "  " in line]


def main():
    build = sys.argv[1]
    check_tool = os.path.join(build, "sbc-check")
    with tempfile.TemporaryDirectory() as work:
        case = os.path.join(work, "client.yaml")
        original = "# 济南的客户\napplicant: {name: 济南示例软件有限公司}\napplication: {date: 2020-05-15}\n"
        with open(case, "w", encoding="utf-8") as f:
            f.write(original)

        # 1. Some answers, a bad one, a skip, then Ctrl-C at the next question.
        t = Terminal([check_tool, "--interview", case, "--rules", "shandong-2020", "--lang", "en"])
        for a in ["山东", "是", "maybe", "yes", "", "yes", "2019/6/30"]:
            t.answer(a)
        t.interrupt()
        status = t.wait()
        check(os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT, "Ctrl-C ends the interview")
        check("Note: the comments of" in t.screen, "it says before the first write that comments are not kept")
        check('"maybe" ' in t.screen or "expected true or false" in t.screen, "a bad answer gets the reader's message")
        check(questions(t.screen)[:7] == ["applicant.registered_province", "applicant.independent_legal_person",
                                          "applicant.compliant", "applicant.financially_sound",
                                          "applicant.rd_funding_secured", "software.developed_on",
                                          "software.novelty_search_report"],
              "the basic conditions of the nearest path are asked first, each once")
        with open(case, encoding="utf-8") as f:
            saved = yaml.safe_load(f.read().replace("2019-06-30", "'2019-06-30'").replace("2020-05-15", "'2020-05-15'"))
        expected = {"rules": "shandong-2020",
                    "applicant": {"name": "济南示例软件有限公司", "registered_province": "shandong",
                                  "independent_legal_person": True, "compliant": True, "rd_funding_secured": True},
                    "software": {"developed_on": "2019-06-30"},
                    "application": {"date": "2020-05-15"}}
        check(saved == expected, f"the file holds exactly the answers given: {saved}")
        with open(case + "~", encoding="utf-8") as f:
            check(f.read() == original, "the first write kept the old file as FILE~")

        # 2. A second interview continues: the skipped fact first, then on to a verdict.
        t = Terminal([check_tool, "--interview", case, "--lang", "en"])
        for a in ["yes", "true", "true", "true", "CMA、CNAS", "[{level: 省}]"]:
            t.answer(a)
        status = t.wait()
        asked = questions(t.screen)
        check(asked[0] == "applicant.financially_sound", f"the second interview starts at the skipped fact: {asked[:1]}")
        check(len(asked) == 6, f"it ends by itself once nothing left could change the verdict ({len(asked)} questions)")
        check("eligible via other situation (附3-1 三.1, other.high_award) [shandong-2020]" in t.screen,
              "the final verdict is printed as sbc-check FILE prints it")
        check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "exit status 0 for an eligible case")
        final = subprocess.run([check_tool, "-q", "--lang", "en", case], capture_output=True, text=True)
        check(final.returncode == 0 and "eligible" in final.stdout, "sbc-check agrees on the written file")

        # 3. Chinese by default; the answer a person types in Chinese.
        fresh = os.path.join(work, "new.yaml")
        t = Terminal([check_tool, "--interview", fresh, "--rules", "shandong-2023"])
        t.answer("大型工业软件")
        t.answer("q")
        t.wait()
        check("申报范围？" in t.screen and "可写：" in t.screen, "questions are in Chinese without --lang")
        with open(fresh, encoding="utf-8") as f:
            check("category: industrial" in f.read(), "a Chinese enumeration name is written as its code")

        # 4. With the programme's records, what they give is not asked: the batch, the
        # compensations before, the negative listing.
        subsidy_tool = os.path.join(build, "sbc-subsidy")
        source = pathlib.Path("examples/records/subsidy/c1-confirmed.yaml").read_text(encoding="utf-8")
        partial = os.path.join(work, "partial.yaml")
        for cut in ("  recognition: {year: 2019, batch: 3}\n", "  prior_compensations: 0\n",
                    "  negative_list_since: never\n"):
            check(cut in source, f"c1-confirmed.yaml states {cut.strip()}")
            source = source.replace(cut, "")
        for records in (False, True):
            with open(partial, "w", encoding="utf-8") as f:
                f.write(source)
            args = [subsidy_tool, "--interview", partial, "--lang", "en"]
            t = Terminal(args + (["--records", "examples/records"] if records else []))
            if records:
                status = t.wait()
                check(questions(t.screen) == [], f"with --records nothing is asked: {questions(t.screen)}")
                check("granted ¥328,000.00" in t.screen, "and the verdict is printed")
            else:
                t.answer("q")
                t.wait()
                check(questions(t.screen)[:1] == ["insurance.recognition.year"],
                      f"without records the batch is asked first: {questions(t.screen)[:1]}")

        # 5. Not a terminal: refused, nothing written.
        r = subprocess.run([check_tool, "--interview", os.path.join(work, "none.yaml"), "--lang", "en"],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True)
        check(r.returncode == 2 and "terminal" in r.stderr and not os.path.exists(os.path.join(work, "none.yaml")),
              "without a terminal on standard input: exit 2 and a clear message")

    return summary()


if __name__ == "__main__":
    sys.exit(main())
