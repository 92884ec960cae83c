"""Raqim vs spaCy on the same patterns and the same >= 10 MB of Arabic news (issue 8).

Usage: spacy_vs_raqim.py RAQIM_BIN ARTICLES_DIR OUT.json   (bench/spacy/run.sh calls it)

Corpus: the fixture articles repeated past 10 MiB, as in the native engine bench, written as one
file per article copy: the unit both tools really process (the page annotates one article at a
time, `raqim annotate` takes files, spaCy pipes texts). Identical copies favour spaCy: after the
first copy every word is in its tokenizer cache.

spaCy: `spacy.blank("ar")` + SpanRuler with the phrase patterns of `raqim rules export` (the
default pack has only phrase patterns). Timed: `nlp.pipe(texts)`, texts already in memory (no
file reading, no output: both favour spaCy); the ruler build is timed on its own. Matcher attrs:
  TEXT         exact strings. The fairest setting and the headline ratio: what the exported
               patterns mean to a spaCy user, with nothing spaCy does not need.
  NORM         spaCy's default norm, for Arabic only the lowercase form (and a few tokenizer
               exception norms, quotes): the same Arabic matches as TEXT at the same speed.
  NORM_folded  NORM set to a rough copy of raqim's folding (harakat, tatweel, alef forms,
               ى → ي, ة → ه): what spaCy needs to match spellings as raqim does.
raqim, two figures of the same `raqim annotate --stats FILE...` runs:
  engine       the headline: the time inside `Engine::suggest`, as `--stats` reports it, on the
               texts already read and decoded, with no output — what spaCy's figure measures
               too (the full pipeline: zones, clitic-aware tokenizer, gazetteer, date/quantity/
               title patterns, overlap resolution). Its engine writes no explanations, as its
               lines carry none (EngineBuilder::explain(false); the page's engine does).
  annotate     the wall clock of the whole process: start-up, pack build, reading, decoding,
               the engine, and ~9x the text as JSON (every token) written to a file. The JSON
               is written on a second thread while the next file is suggested (spaCy uses one).

Timing: each repeat (RAQIM_BENCH_REPEATS, default 5) runs all four in turn, after an untimed
warm-up, so machine noise hits them alike. Reported: median/min/max, MB/s (1e6 bytes) of the
median, ratio of medians raqim/spaCy TEXT and the spread of the per-repeat ratios.

Same spans: on the distinct articles, spaCy TEXT matches (all, overlaps kept as SpanRuler does)
against raqim's pack spans (source `gaz:*`; `pat:*` dates, quantities, titles have no phrase
pattern). Each one-sided span gets the class that explains it:
  raqim:spelling     a folded spelling (أ/ا, ة/ه, harakat) of a pattern: not exact text
  raqim:lam_form     للعراق annotated as لعراق (the guideline's لل form): not exact text
  raqim:short_form   another form of an exported entry (a surname after the full name)
  raqim:not_exported an entry of a context-only pack, left out of the export
  raqim:proclitic    exact pattern glued to و ف ب ل ك (والعراق): one spaCy token
  raqim:spacy_token  exact pattern glued to punctuation spaCy keeps on the word (لـ«رويترز»)
  spacy:label        raqim has the same span with another label (the text is in two lists)
  spacy:overlap      raqim kept an overlapping span (longest wins; spaCy keeps all)
  spacy:guarded      raqim skips the text even in a neutral sentence (its negative lists)
  spacy:context      raqim finds it in a neutral sentence, and its line here has no raqim span:
                     a boilerplate zone (tags, source, read-also lines), where raqim suggests none
  */unexplained      anything else: a real disagreement (expected 0; exit status 1)
The comparable subset is everything else; on it both sides must find the same spans.
"""
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

import spacy
from spacy.attrs import NORM

MIN_BYTES = 10 * 1024 * 1024
FOLD = str.maketrans({**{chr(c): None for c in [*range(0x64B, 0x660), 0x670, 0x640]},
                      "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
PROBE = "وذكر التقرير أن {} كان حاضرا في الاجتماع."


def fold(s):
    return s.lower().translate(FOLD)


def ruler_nlp(patterns, attr):
    """A blank Arabic pipeline with a SpanRuler, and its build time in ms."""
    t = time.perf_counter()
    nlp = spacy.blank("ar")
    if attr == "NORM_folded":
        nlp.vocab.lex_attr_getters[NORM] = fold
    ruler = nlp.add_pipe("span_ruler", config={"phrase_matcher_attr": attr.split("_")[0]})
    ruler.add_patterns(patterns)
    return nlp, 1e3 * (time.perf_counter() - t)


def spacy_run(nlp, texts):
    return sum(len(doc.spans["ruler"]) for doc in nlp.pipe(texts))


def annotate(raqim, files, cwd):
    """Runs `raqim annotate --stats` (output to a file); returns that file and the stats."""
    out = Path(cwd, "annotate.jsonl")
    with open(out, "w") as sink:
        done = subprocess.run([raqim, "annotate", "--stats", *files], cwd=cwd, stdout=sink,
                              stderr=subprocess.PIPE, text=True)
    if done.returncode:
        sys.exit(f"`raqim annotate` ({len(files)} files) failed with status {done.returncode}")
    return out, json.loads(done.stderr.strip().splitlines()[-1])


def scan(out, texts, keep):
    """Total spans of an annotate output, checking its texts; the first `keep` records."""
    total, first = 0, []
    with open(out, encoding="utf-8") as f:
        for line, text in zip(f, texts, strict=True):
            rec = json.loads(line)
            assert rec["text"] == text, f"raqim read {rec['meta']['file']} differently"
            total += len(rec["spans"])
            if len(first) < keep:
                first.append(rec)
    return total, first


def found_alone(raqim, pairs, tmp):
    """The (text, label) pairs raqim suggests in a neutral sentence."""
    names = [f"probe{k}.txt" for k in range(len(pairs))]
    for name, (text, _) in zip(names, pairs):
        Path(tmp, name).write_text(PROBE.format(text), encoding="utf-8")
    at = PROBE.index("{}")
    _, records = scan(annotate(raqim, names, tmp)[0], [PROBE.format(t) for t, _ in pairs], len(pairs))
    return {(t, l) for (t, l), rec in zip(pairs, records)
            if any((s["start"], s["end"], s["label"]) == (at, at + len(t), l) for s in rec["spans"])}


def compare(records, nlp, patterns, raqim, tmp):
    """Same-span check of spaCy TEXT against raqim's pack spans; see the module docstring."""
    exact, folded = defaultdict(set), {(fold(p["pattern"]), p["label"]) for p in patterns}
    exported = {(p.get("id"), p["label"]) for p in patterns}
    for p in patterns:
        exact[p["pattern"]].add(p["label"])
    reasons, examples, pending, both = Counter(), [], [], 0

    def note(side, reason, text, start, end, label):
        reasons[f"{side}:{reason}"] += 1
        if sum(e["class"] == f"{side}:{reason}" for e in examples) < 2:
            examples.append({"class": f"{side}:{reason}", "text": text[start:end], "label": label,
                             "context": text[max(0, start - 25):end + 25]})

    for rec in records:
        text, doc = rec["text"], nlp(rec["text"])
        edges = {t.idx for t in doc} | {t.idx + len(t) for t in doc}
        ours = {(s["start"], s["end"], s["label"]): s.get("id") for s in rec["spans"]
                if s["source"].startswith("gaz:")}
        every = [(s["start"], s["end"]) for s in rec["spans"]]
        theirs = {(s.start_char, s.end_char, s.label_) for s in doc.spans["ruler"]}
        both += len(ours.keys() & theirs)
        for start, end, label in sorted(ours.keys() - theirs):
            span, before = text[start:end], text[start - 1] if start else ""
            if label not in exact.get(span, ()):
                reason = ("lam_form" if before == "ل" and (fold("ا" + span), label) in folded
                          else "spelling" if (fold(span), label) in folded
                          else "short_form" if (ours[start, end, label], label) in exported
                          else "not_exported")
            elif start in edges and end in edges:
                reason = "unexplained"
            else:
                reason = "proclitic" if before in "وفبلك" else "spacy_token"
            note("raqim", reason, text, start, end, label)
        for start, end, label in sorted(theirs - ours.keys()):
            if (start, end) in every:
                note("spacy", "label", text, start, end, label)
            elif any(s < end and start < e for s, e in every):
                note("spacy", "overlap", text, start, end, label)
            else:  # zones are whole lines: a zone's line has no raqim span
                first, last = text.rfind("\n", 0, start) + 1, text.find("\n", end)
                last = len(text) if last < 0 else last
                bare = not any(s < last and first < e for s, e in every)
                pending.append((text, start, end, label, bare))
    alone = found_alone(raqim, sorted({(t[s:e], l) for t, s, e, l, _ in pending}), tmp)
    for text, start, end, label, bare in pending:
        reason = "guarded" if (text[start:end], label) not in alone else (
            "context" if bare else "unexplained")
        note("spacy", reason, text, start, end, label)
    side = lambda p: sum(n for r, n in reasons.items() if r.startswith(p))  # noqa: E731
    return {"articles": len(records), "both": both,
            "comparable_raqim": both + reasons["raqim:unexplained"],
            "comparable_spacy": both + reasons["spacy:unexplained"],
            "only_raqim": side("raqim:"), "only_spacy": side("spacy:"),
            "classes": dict(sorted(reasons.items())), "examples": examples}


def main(raqim, articles_dir, out_path):
    raqim, repeats = str(Path(raqim).resolve()), int(os.environ.get("RAQIM_BENCH_REPEATS", 5))
    articles = sorted(Path(articles_dir).glob("*.txt"))
    if not articles:
        sys.exit(f"no articles in {articles_dir}")
    export = subprocess.run([raqim, "rules", "export"], check=True, capture_output=True, text=True)
    patterns = [json.loads(line) for line in export.stdout.splitlines()]
    copies = math.ceil(MIN_BYTES / sum(p.stat().st_size for p in articles))
    with tempfile.TemporaryDirectory(prefix="raqim-spacy-") as tmp:
        files = [f"{c:04d}_{p.name}" for c in range(copies) for p in articles]
        texts = [p.read_text(encoding="utf-8") for p in articles] * copies
        for name, p in zip(files, articles * copies):
            Path(tmp, name).write_bytes(p.read_bytes())
        corpus = {"bytes": sum(Path(tmp, f).stat().st_size for f in files),
                  "chars": sum(map(len, texts)), "files": len(files), "copies": copies}
        mb = corpus["bytes"] / 1e6
        print(f"{len(files)} files, {mb:.1f} MB, {len(patterns)} patterns", file=sys.stderr)
        variants = {attr: ruler_nlp(patterns, attr) for attr in ["TEXT", "NORM", "NORM_folded"]}
        # Untimed warm-up, which also gives the outputs to check.
        spans = {attr: spacy_run(nlp, texts) for attr, (nlp, _) in variants.items()}
        spans["raqim"], distinct = scan(annotate(raqim, files, tmp)[0], texts, len(articles))
        spans["engine"] = spans["raqim"]
        assert all(n % copies == 0 for n in spans.values()), "copies gave different span counts"
        times = defaultdict(list)
        for r in range(repeats):
            for attr, (nlp, _) in variants.items():
                t = time.perf_counter()
                assert spacy_run(nlp, texts) == spans[attr]
                times[attr].append(time.perf_counter() - t)
            t = time.perf_counter()
            out, stats = annotate(raqim, files, tmp)
            times["raqim"].append(time.perf_counter() - t)
            times["engine"].append(stats["suggest_ms"] / 1e3)
            assert scan(out, texts, 0)[0] == spans["raqim"] == stats["spans"]
            print(f"repeat {r + 1}/{repeats}: " + ", ".join(
                f"{k} {mb / v[-1]:.1f} MB/s" for k, v in times.items()), file=sys.stderr)
        same = compare(distinct, variants["TEXT"][0], patterns, raqim, tmp)

    def block(key):
        ms = [1e3 * t for t in times[key]]
        return {"mb_per_s": mb / statistics.median(times[key]), "spans": spans[key], "timing": {
            "median_ms": statistics.median(ms), "min_ms": min(ms), "max_ms": max(ms)}}

    ratios = [s / q for s, q in zip(times["TEXT"], times["engine"])]
    record = {
        "date": os.environ.get("RAQIM_BENCH_DATE") or datetime.now(timezone.utc).date().isoformat(),
        "repeats": repeats, "spacy_version": spacy.__version__, "patterns": len(patterns),
        "corpus": corpus,
        "spacy": {f"attr_{a}": {**block(a), "ruler_build_ms": b} for a, (_, b) in variants.items()},
        "raqim": {**block("engine"), "measured": "Engine::suggest inside `raqim annotate`"
                  " (its --stats), texts read and decoded, no output: spaCy's scope"},
        "raqim_annotate": {**block("raqim"),
                           "measured": "whole `raqim annotate` process, JSON to a file"},
        "ratio": statistics.median(times["TEXT"]) / statistics.median(times["engine"]),
        "ratio_per_repeat": {"min": min(ratios), "max": max(ratios)},
        "ratio_annotate": statistics.median(times["TEXT"]) / statistics.median(times["raqim"]),
        "goal_ratio": 20,
        "same_spans": same,
    }
    Path(out_path).write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n")

    print(f"\n{'':20}{'MB/s':>7}{'median ms':>11}{'min-max ms':>14}{'spans':>9}{'build ms':>10}")
    rows = [(f"spaCy {k[5:]}", v) for k, v in record["spacy"].items()]
    for name, v in rows + [("raqim engine", record["raqim"]),
                           ("raqim annotate", record["raqim_annotate"])]:
        t = v["timing"]
        build = f"{v['ruler_build_ms']:.0f}" if "ruler_build_ms" in v else "-"
        print(f"{name:20}{v['mb_per_s']:7.1f}{t['median_ms']:11.0f}{t['min_ms']:8.0f}-"
              f"{t['max_ms']:<5.0f}{v['spans']:9}{build:>10}")
    print(f"ratio raqim engine/spaCy TEXT: {record['ratio']:.1f}x (per repeat {min(ratios):.1f}-"
          f"{max(ratios):.1f}x; goal {record['goal_ratio']}x); whole annotate process with its "
          f"JSON output: {record['ratio_annotate']:.1f}x")
    print(f"same spans ({same['articles']} distinct articles): both {same['both']}, comparable "
          f"raqim {same['comparable_raqim']} / spaCy {same['comparable_spacy']}; one-sided: "
          + ", ".join(f"{k} {n}" for k, n in same["classes"].items()))
    print(f"saved {out_path}")
    return int(same["comparable_raqim"] != same["both"] or same["comparable_spacy"] != same["both"])


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    sys.exit(main(*sys.argv[1:]))
