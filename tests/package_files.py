"""What the PDF and Word checks share: a batch of the subsidy examples written as one file per case
with -j1 and with -j2 must list a path per file and give the same bytes."""
import filecmp
import subprocess


def batch_problems(tool, form, work):
    """The problems of `--form FORM --output DIR` over examples/subsidy, and the -j1 directory."""
    one, two = work / "j1", work / "j2"
    one.mkdir()
    two.mkdir()
    problems = []
    listed = []
    for jobs, where in (("-j1", one), ("-j2", two)):
        # Some of the examples are denied or undetermined: exit 1 is the batch's verdict.
        done = subprocess.run([tool, "--form", form, "--output", str(where), jobs, "examples/subsidy"],
                              capture_output=True)
        if done.returncode != 1:
            problems.append(f"batch {jobs}: exit {done.returncode}: {done.stderr.decode()}")
        listed = listed or done.stdout.decode().split()
    names = sorted(p.name for p in one.iterdir())
    if len(names) != len(listed) or not all(n.endswith("." + form) for n in names):
        problems.append(f"batch: {len(names)} files for {len(listed)} listed paths")
    match, mismatch, errors = filecmp.cmpfiles(one, two, names, shallow=False)
    if mismatch or errors:
        problems.append(f"batch: -j1 and -j2 differ in {mismatch + errors}")
    return problems, one
