#!/usr/bin/env python3
"""The cases of a bench corpus as one spreadsheet (CSV): a header row of fact paths, list items by
index (insurance.policies[1].premium), then a row per case. The same cases as the YAML files, so
the two ways in can be timed side by side (#30).

Usage: to_csv.py CORPUS_DIR OUT.csv [LIMIT]
"""
import csv
import datetime
import glob
import os
import sys

import yaml


def flat(value, path, out):
    if isinstance(value, dict):
        for k, v in value.items():
            flat(v, f"{path}.{k}" if path else k, out)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for i, item in enumerate(value):
            flat(item, f"{path}[{i}]", out)
    elif isinstance(value, list):
        out[path] = "、".join(str(v) for v in value) if value else "none"
    elif isinstance(value, bool):
        out[path] = "true" if value else "false"
    elif isinstance(value, datetime.date):
        out[path] = value.isoformat()
    else:
        out[path] = str(value)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    rows = []
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            for doc in yaml.safe_load_all(f):
                row = {}
                flat(doc, "", row)
                rows.append(row)
                if limit and len(rows) >= limit:
                    break
        if limit and len(rows) >= limit:
            break
    header = []
    for row in rows:
        for k in row:
            if k not in header:
                header.append(k)
    with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in rows:
            w.writerow([row.get(k, "") for k in header])


if __name__ == "__main__":
    main()
