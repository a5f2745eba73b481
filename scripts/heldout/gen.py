"""Expected output of the held-out pages (zweig-core/src/test/resources/heldout/<page>/): every *.twig file of a
page is a template (index.twig is rendered), data.json its data; the local Twig oracle (php /work/oracle/oracle.php,
Twig 3.15 on PHP 8.2, time zone UTC, strict variables, autoescape html) renders each page twice and its output is
written to <page>/expected.html; pages.txt lists the pages and their templates for HeldOutPagesTest.

    python3 scripts/heldout/gen.py [--oracle /work/oracle/oracle.php] [--folder heldout2] [PAGE...]

The pages of heldout2/ (HeldOutPages2Test) are generated the same way; their data may hold objects, written in
data.json as {"@class": "Name", ...}: scripts/heldout/objects.php, an oracle with PHP classes of the same members
as the test's Java classes, turns them into objects (pass it as --oracle).
"""
import argparse
import json
import os
import subprocess
import sys

RESOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "zweig-core", "src", "test",
                         "resources")
ROOT = os.path.join(RESOURCES, "heldout")


def load(page):
    d = os.path.join(ROOT, page)
    templates = {}
    for f in sorted(os.listdir(d)):
        if f.endswith(".twig"):
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                templates[f] = fh.read()
    with open(os.path.join(d, "data.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    return {"templates": templates, "main": "index.twig", "data": data,
            "config": {"strict_variables": True, "autoescape": "html"}}


def oracle(path, cases):
    lines = "".join(json.dumps(c) + "\n" for c in cases)
    out = subprocess.run(["php", path], input=lines, capture_output=True, text=True, check=True).stdout
    return [json.loads(l) for l in out.splitlines()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default="/work/oracle/oracle.php")
    ap.add_argument("--folder", default="heldout", help="the resource folder of the pages (heldout, heldout2)")
    ap.add_argument("pages", nargs="*")
    args = ap.parse_args()
    global ROOT
    ROOT = os.path.join(RESOURCES, args.folder)
    pages = sorted(p for p in os.listdir(ROOT) if os.path.isdir(os.path.join(ROOT, p)))
    chosen = args.pages or pages
    cases = [load(p) for p in chosen]
    first, second = oracle(args.oracle, cases), oracle(args.oracle, cases)
    failed = False
    for page, a, b in zip(chosen, first, second):
        if a != b:
            print(page + ": the oracle is not stable", file=sys.stderr)
            failed = True
        elif "exception" in a:
            print(page + ": " + a["exception"], file=sys.stderr)
            failed = True
        else:
            with open(os.path.join(ROOT, page, "expected.html"), "w", encoding="utf-8") as fh:
                fh.write(a["output"])
    with open(os.path.join(ROOT, "pages.txt"), "w", encoding="utf-8") as fh:
        for p in pages:
            fh.write(p + " " + " ".join(load(p)["templates"]) + "\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
