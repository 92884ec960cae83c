"""Raqim's exports, checked by the tools that read them.

The fixture workspace is the five fixture articles (`../shared/fixtures/articles` beside the
repository, or `$RAQIM_SHARED/fixtures/articles`) plus an article with emoji and a flag, whose
UTF-16 offsets differ from its code points, annotated by `raqim annotate` and given a status,
stances, a speaker stance and a rejected suggestion. It is exported with `raqim convert` to
every format, and each output is checked against what its reader expects:

- Raqim JSONL: spaCy builds each Doc from the tokens and finds every span with
  `char_span(..., alignment_mode="strict")`; the DocBin written by `to_docbin.py` reads back
  the same; export -> import -> export is byte-identical;
- doccano: the documented JSONL shape, offsets in UTF-16 code units (checked by encoding the
  text to UTF-16 in Python);
- Label Studio: the task shape, offsets in code points (Label Studio's unit), a labeling config
  that names every label and choice;
- CoNLL: IOB2 validity, and spaCy's own CoNLL converter finds the same entities;
- imports of the doccano and Label Studio outputs give the same spans back; a malformed line is
  reported by number and the others load; `raqim agree` computes F1 as defined.

Environment: RAQIM_BIN (default target/release/raqim), RAQIM_SHARED.
"""

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.training.converters import conll_ner_to_docs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import to_docbin  # noqa: E402

RAQIM = Path(os.environ.get("RAQIM_BIN", ROOT / "target" / "release" / "raqim"))
SHARED = Path(os.environ.get("RAQIM_SHARED", ROOT.parent / "shared"))
EMOJI = (
    "🇮🇶 قال وزير الخارجية فؤاد حسين 👍🏽 إن الولايات المتحدة ستغادر بغداد.\n"
    "😀 المصدر: رويترز"
)
TARGET = "us_presence_iraq"
STANCES = ["favor", "against", "neutral", "unrelated"]


def raqim(*args, check=True):
    done = subprocess.run([str(RAQIM), *map(str, args)], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"raqim {' '.join(map(str, args))} failed:\n{done.stderr}")
    return done


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def utf16_slice(text, start, end):
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def enrich(records):
    """What an analyst adds on top of the suggestions: a finished article with a document and
    a speaker stance, a rejected suggestion, stances on others."""
    first = records[0]
    first["meta"]["status"] = "done"
    person = next(s for s in first["spans"] if s["label"] == "PER")
    first["speakers"] = [{
        "start": person["start"], "end": person["end"], "text": person["text"],
        "target": TARGET, "label": "against", "evidence": "قال",
    }]
    rejected = records[1]["spans"].pop(0)
    rejected["state"] = "rejected"
    records[1]["rejected"] = [rejected]
    records[1]["meta"]["status"] = "in_progress"
    for record, stance in zip(records, ["against", "neutral", "against", "unrelated"]):
        record["stance"] = [{
            "target": TARGET, "target_name": "الوجود العسكري الأمريكي في العراق", "label": stance,
        }]
    return records


@pytest.fixture(scope="session")
def work(tmp_path_factory):
    """The fixture workspace exported to every format: {format: path}."""
    assert RAQIM.is_file(), f"{RAQIM} is missing: cargo build --release -p raqim-cli"
    articles = sorted((SHARED / "fixtures" / "articles").glob("*.txt"))
    assert len(articles) == 5, f"expected the five fixture articles in {SHARED}"
    tmp = tmp_path_factory.mktemp("exports")
    emoji = tmp / "emoji.txt"
    emoji.write_text(EMOJI, encoding="utf-8")
    annotated = tmp / "annotated.jsonl"
    annotated.write_text(raqim("annotate", *articles, emoji).stdout, encoding="utf-8")
    # Through Raqim's importer once, then enriched as an analyst would, then canonical.
    first = jsonl(raqim("convert", "--to", "raqim", annotated).stdout)
    enriched = tmp / "enriched.jsonl"
    enriched.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in enrich(first)),
                        encoding="utf-8")
    out = {"raqim": tmp / "export.jsonl"}
    out["raqim"].write_text(raqim("convert", "--to", "raqim", enriched).stdout, encoding="utf-8")
    for fmt, name in [("doccano", "doccano.jsonl"), ("label-studio", "tasks.json"),
                      ("conll", "export.conll"), ("label-studio-config", "config.xml")]:
        out[fmt] = tmp / name
        out[fmt].write_text(raqim("convert", "--to", fmt, out["raqim"]).stdout, encoding="utf-8")
    out["dir"] = tmp
    return out


@pytest.fixture(scope="session")
def records(work):
    return jsonl(work["raqim"].read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():
    return spacy.blank("ar")


def test_the_workspace_has_what_the_checks_need(records):
    assert len(records) == 6
    assert all(r["spans"] for r in records)
    assert records[0]["answer"] == "accept" and records[0]["speakers"]
    assert records[0]["cats"][f"{TARGET}:against"] == 1.0
    assert records[1]["rejected"][0]["state"] == "rejected"
    emoji = records[-1]
    assert any(len(emoji["text"][:s["start"]].encode("utf-16-le")) // 2 != s["start"]
               for s in emoji["spans"]), "a span after an astral character"


def test_raqim_export_import_export_is_byte_identical(work):
    again = raqim("convert", "--to", "raqim", work["raqim"]).stdout
    assert again.encode() == work["raqim"].read_bytes()


def test_spacy_finds_every_span_strictly(records, nlp):
    checked = 0
    for r in records:
        doc = to_docbin.doc_from_record(nlp.vocab, r)
        assert doc.text == r["text"]
        for s in r["spans"] + r.get("rejected", []):
            span = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="strict")
            assert span is not None, (r["meta"]["file"], s)
            assert span.text == s["text"] == r["text"][s["start"]:s["end"]]
            assert span.label_ == s["label"]
            # token_start/token_end (inclusive) index the export's own tokens.
            assert r["tokens"][s["token_start"]]["start"] == s["start"]
            assert r["tokens"][s["token_end"]]["end"] == s["end"]
            checked += 1
    assert checked > 100


def test_the_export_tokens_alone_rebuild_the_text(records):
    for r in records:
        rebuilt = "".join(t["text"] + (" " if t["ws"] else "") for t in r["tokens"])
        assert rebuilt == r["text"], r["meta"]["file"]


def test_docbin_round_trip(work, records, nlp):
    out = work["dir"] / "train.spacy"
    done = subprocess.run([sys.executable, str(HERE / "to_docbin.py"), str(work["raqim"]),
                           "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {len(records)} docs")
    docs = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    assert len(docs) == len(records)
    for doc, r in zip(docs, records):
        assert doc.text == r["text"]
        want = [(s["start"], s["end"], s["label"]) for s in r["spans"]]
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == want
        assert [(e.start_char, e.end_char, e.label_) for e in doc.spans["sc"]] == want
        assert len(doc.spans["rejected"]) == len(r.get("rejected", []))
        assert doc.cats == r.get("cats", {})
        assert doc.user_data["sha256"] == r["meta"]["sha256"]


def test_docbin_refuses_a_misaligned_span(tmp_path, records):
    bad = dict(records[0])
    bad["spans"] = [dict(bad["spans"][0], start=bad["spans"][0]["start"] + 1)]
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(records[1]) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(to_docbin.RecordError, match=r"bad.jsonl:2: span .* token boundaries"):
        to_docbin.convert([path])


def test_doccano_shape_and_utf16_offsets(work, records):
    lines = jsonl(work["doccano"].read_text(encoding="utf-8"))
    assert len(lines) == len(records)
    differs = 0
    for d, r in zip(lines, records):
        keys = ["text", "label", "cats", "file", "sha256"] if r.get("stance") else \
            ["text", "label", "file", "sha256"]
        assert list(d) == keys
        assert d["text"] == r["text"] and d["sha256"] == r["meta"]["sha256"]
        assert all(isinstance(x, list) and len(x) == 3 and isinstance(x[0], int)
                   and isinstance(x[1], int) and isinstance(x[2], str) for x in d["label"])
        assert [x[2] for x in d["label"]] == [s["label"] for s in r["spans"]]
        for (start, end, _), s in zip(d["label"], r["spans"]):
            assert utf16_slice(d["text"], start, end) == s["text"]
            differs += (start, end) != (s["start"], s["end"])
        assert d.get("cats", []) == [f"{st['target']}:{st['label']}" for st in r.get("stance", [])]
    assert differs > 0, "the emoji article's offsets are UTF-16, not code points"


def test_label_studio_shape_and_code_point_offsets(work, records):
    tasks = json.loads(work["label-studio"].read_text(encoding="utf-8"))
    assert isinstance(tasks, list) and len(tasks) == len(records)
    config = ET.fromstring(work["label-studio-config"].read_text(encoding="utf-8"))
    labels = {e.get("value") for e in config.iter("Label")}
    controls = {e.get("name") for e in config.iter("Choices")} | {"label"}
    assert config.find("Text").get("name") == "text" and config.find("Text").get("value") == "$text"
    utf16_would_differ = 0
    for task, r in zip(tasks, records):
        assert set(task) == {"data", "annotations"}
        assert task["data"]["text"] == r["text"] and task["data"]["sha256"] == r["meta"]["sha256"]
        [annotation] = task["annotations"]
        regions = [x for x in annotation["result"] if x["type"] == "labels"]
        choices = [x for x in annotation["result"] if x["type"] == "choices"]
        assert len(regions) == len(r["spans"])
        for x, s in zip(regions, r["spans"]):
            assert x["from_name"] == "label" and x["to_name"] == "text" and x["id"]
            v = x["value"]
            assert (v["start"], v["end"], v["labels"]) == (s["start"], s["end"], [s["label"]])
            assert v["text"] == r["text"][v["start"]:v["end"]]
            assert v["labels"][0] in labels
            if utf16_slice(r["text"], v["start"], v["end"]) != v["text"]:
                utf16_would_differ += 1
        for x in choices:
            assert x["from_name"] in controls and x["value"]["choices"][0] in STANCES
        assert len(choices) == len(r.get("stance", []))
    assert utf16_would_differ > 0, "the emoji article's offsets are code points, not UTF-16"


CONLL_TAG = re.compile(r"^(O|[BI]-[A-Z_]+)$")


def test_conll_is_iob2_and_spacy_reads_the_same_entities(work, records):
    text = work["conll"].read_text(encoding="utf-8")
    blocks = text.split("-DOCSTART- -X- O O\n\n")
    assert blocks[0] == "" and len(blocks) - 1 == len(records)
    for block, r in zip(blocks[1:], records):
        assert block.endswith("\n\n") and "\n\n\n" not in block
        tokens, previous = [], "O"
        for line in block.splitlines():
            if not line:
                previous = "O"
                continue
            cols = line.split()
            assert len(cols) == 2 and line.count("\t") == 1, repr(line)
            token, tag = cols
            assert CONLL_TAG.match(tag), tag
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:] and previous != "O", (previous, tag)
            tokens.append(token)
            previous = tag
        # CoNLL has no whitespace tokens: line breaks are sentence breaks there.
        assert tokens == [t["text"] for t in r["tokens"] if not t["text"].isspace()]
    docs = list(conll_ner_to_docs(text, n_sents=0, no_print=True))
    assert len(docs) == len(records)
    for doc, r in zip(docs, records):
        got = [([t.text for t in e], e.label_) for e in doc.ents]
        want = [([t["text"] for t in r["tokens"][s["token_start"]:s["token_end"] + 1]
                  if not t["text"].isspace()], s["label"]) for s in r["spans"]]
        assert got == want


@pytest.mark.parametrize("fmt", ["doccano", "label-studio"])
def test_imports_give_the_same_spans_back(work, records, fmt):
    back = jsonl(raqim("convert", "--to", "raqim", work[fmt]).stdout)
    assert [b["id"] for b in back] == [r["id"] for r in records]
    for b, r in zip(back, records):
        assert [(s["start"], s["end"], s["label"]) for s in b["spans"]] == \
            [(s["start"], s["end"], s["label"]) for s in r["spans"]]
        assert b.get("stance", []) == r.get("stance", [])
    # And out again: the same file.
    again = work["dir"] / f"back-{fmt}.jsonl"
    again.write_text(raqim("convert", "--to", "raqim", work[fmt]).stdout, encoding="utf-8")
    assert raqim("convert", "--to", fmt, again).stdout == work[fmt].read_text(encoding="utf-8")


def test_malformed_lines_are_reported_and_the_rest_load(work, records):
    lines = work["raqim"].read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1][: len(lines[1]) // 2]
    lines[3] = lines[3].replace('"label":"', '"label":', 1)
    bad = work["dir"] / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = raqim("convert", "--to", "raqim", bad, check=False)
    assert done.returncode == 1
    assert re.findall(r"bad\.jsonl:(\d+):", done.stderr) == ["2", "4"], done.stderr
    assert len(jsonl(done.stdout)) == len(records) - 2


def test_agreement_between_two_annotators(work, records):
    bob = [json.loads(json.dumps(r)) for r in records]
    relabelled = bob[0]["spans"][0]
    relabelled["label"] = "LOC" if relabelled["label"] != "LOC" else "ORG"
    dropped = bob[2]["spans"].pop()
    bob[1]["stance"][0]["label"] = "against"
    path = work["dir"] / "bob.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in bob), encoding="utf-8")
    report = json.loads(raqim("agree", work["raqim"], path, "--json").stdout)
    [pair] = report
    assert (pair["a"], pair["b"]) == ("export", "bob")
    a = sum(len(r["spans"]) for r in records)
    exact = pair["agreement"]["overall"]["exact"]
    assert (exact["a"], exact["b"], exact["matched"]) == (a, a - 1, a - 2)
    assert exact["f1"] == round(2 * (a - 2) / (2 * a - 1), 3)
    # Stances: against, neutral/against, against, unrelated -> kappa = 5/9 (see the Rust test).
    assert pair["agreement"]["stance"]["overall"]["kappa"] == round(5 / 9, 3)
    kinds = [d["kind"] for art in pair["agreement"]["articles"] for d in art["disagreements"]]
    assert sorted(kinds) == ["label", "only_a", "stance"], (kinds, dropped)
    table = raqim("agree", work["raqim"], path).stdout
    assert "overall" in table and "disagreements: 3" in table
