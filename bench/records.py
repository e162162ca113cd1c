#!/usr/bin/env python3
"""Record files for a bench corpus (round.md C): a recognised list of ROWS rows, payments and a
negative list, made from the cases themselves so that checking them does real work: most cases'
batches are confirmed, some contradicted, some absent from the lists, some products paid before,
some enterprises listed.

Usage: records.py CORPUS_DIR OUT_DIR [ROWS]   (ROWS: 10000 by default)
"""
import glob
import os
import random
import re
import sys


def cases(corpus):
    """(company, product, version, year, batch) of each case, in file order."""
    field = re.compile(r"^\s*(name|version|recognition): (.*)$")
    for path in sorted(glob.glob(os.path.join(corpus, "*.yaml"))):
        company = product = version = None
        for line in open(path, encoding="utf-8"):
            if line.startswith("---") and product:
                yield company, product, version, year, batch
                company = product = version = None
            m = field.match(line)
            if not m:
                continue
            key, value = m.groups()
            if key == "name" and company is None:
                company = value
            elif key == "name":
                product = value
            elif key == "version":
                version = value
            else:
                year, batch = map(int, re.findall(r"\d+", value))
        if product:
            yield company, product, version, year, batch


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    corpus, out = sys.argv[1], sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    rng = random.Random(2020)
    os.makedirs(out, exist_ok=True)
    listed, paid, negative = [], [], []
    for company, product, version, year, batch in cases(corpus):
        roll = rng.random()
        if roll < 0.7:  # on the batch it claims
            listed.append((year, batch, company, product, version))
        elif roll < 0.8:  # on another batch
            listed.append((year, batch % 5 + 1, company, product, version))
        if rng.random() < 0.2:
            paid.append((rng.choice([2018, 2019, 2020]), company, product, version))
        if rng.random() < 0.02:
            negative.append((company, "2018-%02d-01" % rng.randrange(1, 13)))
    n = 0
    while len(listed) < rows:  # other products of other enterprises
        listed.append((rng.choice([2017, 2018, 2019, 2020]), rng.randrange(1, 6),
                       "山东他企软件{}有限公司".format(n), "他企平台{}".format(n), "V1.0"))
        n += 1
    with open(os.path.join(out, "lists.csv"), "w", encoding="utf-8") as f:
        f.write("批次,企业名称,软件名称,版本号\n")
        for year, batch, company, product, version in listed[:rows]:
            f.write("{}年第{}批,{},{},{}\n".format(year, batch, company, product, version))
    with open(os.path.join(out, "payments.csv"), "w", encoding="utf-8") as f:
        f.write("年度,企业名称,软件名称,版本号,补偿金额\n")
        for year, company, product, version in paid:
            f.write("{},{},{},{},{}\n".format(year, company, product, version, rng.randrange(5, 150) * 10000))
    with open(os.path.join(out, "negative-list.csv"), "w", encoding="utf-8") as f:
        f.write("企业名称,列入日期,原因\n")
        for company, date in negative:
            f.write("{},{},虚报冒领\n".format(company, date))


if __name__ == "__main__":
    main()
