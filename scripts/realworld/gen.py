"""Builds zweig-core/src/test/resources/realworld/realworld.jsonl: every case of the modules below, with its
expectation from the local Twig 3.15 oracle (php /work/oracle/oracle.php), run twice to make sure it is stable;
where a template uses syntax newer than 3.15 (case(..., newer=...)), the oracle renders the 3.15 equivalent and
the case records the source of the change in "expect_source".

    python3 scripts/realworld/gen.py [--oracle /work/oracle/oracle.php] [--show ID-PREFIX]
"""
import argparse
import importlib
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CASES  # noqa: E402

MODULES = ["forms", "pagination", "menus", "admin", "emails", "blog", "scripts", "strings", "numbers", "mistakes",
           "shop", "layouts", "widgets", "exports", "i18n", "calendar", "modern", "pages"]


def oracle(path, cases):
    lines = "".join(json.dumps({"templates": c.get("_oracle_templates", c["templates"]), "main": c["main"],
                                "data": c["data"], "config": c["config"]}) + "\n" for c in cases)
    out = subprocess.run(["php", path], input=lines, capture_output=True, text=True, check=True).stdout
    results = [json.loads(l) for l in out.splitlines() if l.strip()]
    if len(results) != len(cases):
        sys.exit("oracle returned %d results for %d cases" % (len(results), len(cases)))
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default="/work/oracle/oracle.php")
    ap.add_argument("--show", default=None)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                                   "zweig-core", "src", "test", "resources", "realworld",
                                                   "realworld.jsonl"))
    args = ap.parse_args()
    for m in MODULES:
        importlib.import_module("cases." + m)
    ids = [c["id"] for c in CASES]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit("duplicate ids: %s" % sorted(dup))
    first = oracle(args.oracle, CASES)
    second = oracle(args.oracle, CASES)
    if first != second:
        sys.exit("oracle results differ between two runs")
    lines = []
    for c, r in zip(CASES, first):
        c = {k: v for k, v in c.items() if not k.startswith("_")}
        c["expect"] = r.get("output")
        c["exception"] = r.get("exception")
        c["needs"] = []
        if any(isinstance(v, float) for v in walk(c["data"])):
            c["has_float"] = True
        source = next(x.get("_expect_source") for x in CASES if x["id"] == c["id"])
        if source:
            c["expect_source"] = source
        if args.show and c["id"].startswith(args.show):
            print("==== %s: %s" % (c["id"], c["title"]))
            print(c["exception"] if c["exception"] else c["expect"])
        lines.append(json.dumps(c, ensure_ascii=False))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("%d cases, %d exceptions -> %s" % (len(lines), sum(1 for l in lines if '"exception": null' not in l),
                                             os.path.normpath(args.out)), file=sys.stderr)


def walk(v):
    if isinstance(v, dict):
        for x in v.values():
            yield from walk(x)
    elif isinstance(v, list):
        for x in v:
            yield from walk(x)
    else:
        yield v


if __name__ == "__main__":
    main()
