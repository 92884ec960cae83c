#!/usr/bin/env python3
"""Validate the default rule pack data (crates/rules/data/pack). Standard library only.

    python3 scripts/rules-data/check.py [--pack DIR] [--verbose]

Errors (exit status 1):
  * a JSONL line does not parse, lacks label/pattern/id, has an unknown label, a non-slug id,
    an empty pattern or stray whitespace;
  * a duplicate (label, pattern) anywhere in the main files, or a duplicate folded
    (label, pattern) inside one file;
  * a main-file pattern that equals (after folding) a nationality adjective or a stop word;
  * an ambiguous.jsonl entry without a note, or one that repeats a main entry with the same label.
Warnings: the same folded pattern with two ids or two labels across the main files.
Prints counts per file and per label.
"""
import argparse
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from arfold import fold  # noqa: E402

LABELS = {"PER", "ORG", "GPE", "LOC", "FAC"}
MAIN = ["gpe-countries.jsonl", "gpe-cities.jsonl", "gpe-towns.jsonl", "loc.jsonl", "fac.jsonl",
        "org.jsonl", "per.jsonl"]
AMBIG = "ambiguous.jsonl"
ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
PATTERN_RE = re.compile(r"^[\u0600-\u06FF0-9A-Za-z.\- ]+$")


def read_list(path):
    """The words of a list; a line `stem|suffix|…` is the stem and the stem with each suffix."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and not w.startswith("#"):
                stem, *suffixes = w.split("|")
                out += [stem] + [stem + s for s in suffixes]
    return out


def read_jsonl(path, errors):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                errors.append("%s:%d empty line" % (os.path.basename(path), n))
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append("%s:%d bad JSON: %s" % (os.path.basename(path), n, e))
                continue
            where = "%s:%d" % (os.path.basename(path), n)
            for k in ("label", "pattern", "id"):
                if not isinstance(r.get(k), str) or not r[k]:
                    errors.append("%s missing %s" % (where, k))
                    break
            else:
                if r["label"] not in LABELS:
                    errors.append("%s unknown label %s" % (where, r["label"]))
                if not ID_RE.match(r["id"]):
                    errors.append("%s id is not an ASCII slug: %r" % (where, r["id"]))
                p = r["pattern"]
                if p != p.strip() or "  " in p:
                    errors.append("%s stray whitespace in %r" % (where, p))
                if not PATTERN_RE.match(p):
                    errors.append("%s unexpected characters in %r" % (where, p))
                r["_where"] = where
                rows.append(r)
    return rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_pack = os.path.normpath(os.path.join(here, "..", "..", "crates", "rules", "data", "pack"))
    ap = argparse.ArgumentParser()
    ap.add_argument("--pack", default=default_pack)
    ap.add_argument("--verbose", action="store_true", help="print every warning")
    args = ap.parse_args()

    errors, warnings = [], []
    nat = read_list(os.path.join(args.pack, "nationality-adjectives.txt"))
    stop = read_list(os.path.join(args.pack, "stop-single.txt"))
    titles = read_list(os.path.join(args.pack, "titles.txt"))
    nat_f = {fold(w): w for w in nat}
    stop_f = {fold(w): w for w in stop}

    files = {}
    for name in MAIN + [AMBIG]:
        path = os.path.join(args.pack, name)
        if not os.path.exists(path):
            errors.append("missing file " + name)
            continue
        files[name] = read_jsonl(path, errors)

    exact = {}
    folded = collections.defaultdict(list)
    for name in MAIN:
        per_file = {}
        for r in files.get(name, []):
            key = (r["label"], r["pattern"])
            if key in exact:
                errors.append("%s duplicate %s %r (also %s)" % (r["_where"], *key, exact[key]))
            exact[key] = r["_where"]
            fk = (r["label"], fold(r["pattern"]))
            if fk in per_file:
                errors.append("%s folded duplicate of %s: %r" % (r["_where"], per_file[fk], r["pattern"]))
            per_file[fk] = r["_where"]
            f = fold(r["pattern"])
            folded[f].append(r)
            if f in nat_f:
                errors.append("%s pattern %r is a nationality adjective (%s)" % (r["_where"], r["pattern"], nat_f[f]))
            if f in stop_f:
                errors.append("%s pattern %r is a stop word" % (r["_where"], r["pattern"]))

    for f, rows in sorted(folded.items()):
        ids = sorted({r["id"] for r in rows})
        labels = sorted({r["label"] for r in rows})
        if len(labels) > 1:
            warnings.append("label clash %r: %s" % (f, ", ".join("%s/%s@%s" % (r["label"], r["id"], r["_where"]) for r in rows)))
        elif len(ids) > 1:
            warnings.append("id clash %r: %s" % (f, ", ".join("%s@%s" % (r["id"], r["_where"]) for r in rows)))

    main_keys = {(r["label"], fold(r["pattern"])) for n in MAIN for r in files.get(n, [])}
    seen_amb = set()
    for r in files.get(AMBIG, []):
        if not r.get("note"):
            errors.append("%s ambiguous entry without note" % r["_where"])
        k = (r["label"], fold(r["pattern"]))
        if k in main_keys:
            errors.append("%s ambiguous entry repeats a main entry: %s %r" % (r["_where"], r["label"], r["pattern"]))
        if k in seen_amb:
            errors.append("%s duplicate ambiguous entry %r" % (r["_where"], r["pattern"]))
        seen_amb.add(k)

    title_f = {fold(t) for t in titles}
    for name in MAIN:
        for r in files.get(name, []):
            if r["label"] == "PER" and fold(r["pattern"]) in title_f:
                errors.append("%s PER pattern %r is a title" % (r["_where"], r["pattern"]))

    # ---- report
    total = collections.Counter()
    print("%-22s %6s  %s" % ("file", "lines", "per label / distinct ids"))
    for name in MAIN + [AMBIG]:
        rows = files.get(name, [])
        c = collections.Counter(r["label"] for r in rows)
        if name != AMBIG:
            total.update(c)
        ids = len({r["id"] for r in rows})
        print("%-22s %6d  %s / %d ids" % (name, len(rows), " ".join("%s=%d" % kv for kv in sorted(c.items())), ids))
    print("%-22s %6d  %s" % ("main total", sum(total.values()), " ".join("%s=%d" % kv for kv in sorted(total.items()))))
    print("%-22s %6d" % ("nationality-adjectives", len(nat)))
    print("%-22s %6d" % ("stop-single", len(stop)))
    print("%-22s %6d" % ("titles", len(titles)))
    print("warnings: %d (id/label clashes after folding)" % len(warnings))
    for w in warnings if args.verbose else warnings[:20]:
        print("  warn", w)
    if errors:
        print("ERRORS: %d" % len(errors))
        for e in errors:
            print("  error", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
