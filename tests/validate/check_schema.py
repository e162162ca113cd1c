#!/usr/bin/python3
"""Checks schema/sbc-case.schema.json with a JSON Schema validator from Debian (python3-jsonschema):
every valid example is accepted, and every broken case file whose mistake a schema can express
is rejected. Run from the source directory: tests/validate/check_schema.py"""
import glob
import json
import os
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    """YAML as the tools read it: dates stay text (a schema pattern checks them)."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# Mistakes a schema cannot see: YAML 1.1 (PyYAML) reads 0x50, 0500, on and .nan as numbers or
# booleans before any schema does; a day that does not exist, check characters, duplicate keys and
# cross-field rules need sbc-validate. Warnings are not mistakes a schema should reject.
NOT_EXPRESSIBLE = {
    "money-hex", "money-leading-zero", "money-nan", "bool-on", "date-february-30", "duplicate-key",
    "credit-code-check-character", "cross-developed-after-applying", "cross-duplicate-contract",
    "cross-duplicate-policy-number", "cross-invoices-exceed-contract", "cross-payment-before-signing",
    "cross-payments-exceed-premium", "cross-period-reversed", "cross-unknown-contract",
    "warning-empty-value", "warning-group-sale-unstated", "warning-rate-disagrees",
}


def documents(path):
    with open(path, encoding="utf-8") as f:
        return list(yaml.load_all(f, Loader=Loader))


def main():
    schema = json.load(open("schema/sbc-case.schema.json", encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    valid = [p for p in glob.glob("examples/**/*.yaml", recursive=True) if not os.path.basename(p).startswith("90-")]
    for path in sorted(valid):
        for doc in documents(path):
            errors = list(validator.iter_errors(doc))
            if errors:
                failures += 1
                print(f"{path}: a valid example is rejected: {errors[0].message}")
    rejected = 0
    for path in sorted(glob.glob("tests/validate/broken/*.yaml")):
        name = os.path.basename(path)[:-5]
        if name in NOT_EXPRESSIBLE:
            continue
        try:
            docs = documents(path)
            ok = all(not list(validator.iter_errors(d)) for d in docs)
        except yaml.YAMLError:
            ok = False  # not YAML at all: rejected before the schema
        if ok:
            failures += 1
            print(f"{path}: a broken case is accepted by the schema")
        else:
            rejected += 1
    print(f"schema: {len(valid)} valid examples accepted, {rejected} broken cases rejected, {failures} failures")
    return 1 if failures + check_tests_schema(schema) else 0


def check_tests_schema(case_schema):
    """schema/sbc-tests.schema.json: every built-in pack's test file is accepted, and the mistakes
    of tests/pack_tests/failing.yaml that a schema can see (misspelt keys, an empty expect, a test
    without a name) are rejected. Its inline cases refer to the case schema by its $id."""
    schema = json.load(open("schema/sbc-tests.schema.json", encoding="utf-8"))
    resolver = jsonschema.RefResolver.from_schema(schema, store={case_schema["$id"]: case_schema})
    validator = jsonschema.Draft202012Validator(schema, resolver=resolver)
    failures = 0
    files = sorted(glob.glob("rules/tests/*.yaml"))
    for path in files:
        for error in list(validator.iter_errors(documents(path)[0]))[:1]:
            failures += 1
            print(f"{path}: a pack's test file is rejected: {error.message}")
    broken = documents("tests/pack_tests/failing.yaml")[0]
    expected = {"sett", "verdcit", "{}", "name"}
    found = set()
    for error in validator.iter_errors(broken):
        for sub in error.context or [error]:
            found.update(word for word in expected if word in sub.message)
    for word in sorted(expected - found):
        failures += 1
        print(f"tests/pack_tests/failing.yaml: the schema does not reject the mistake '{word}'")
    print(f"tests schema: {len(files)} test files checked, {len(found)} mistakes rejected, {failures} failures")
    return failures


if __name__ == "__main__":
    sys.exit(main())
