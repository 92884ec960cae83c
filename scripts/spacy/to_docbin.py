#!/usr/bin/env python3
"""Raqim JSONL -> spaCy DocBin (.spacy), the training format of `spacy train`.

A browser cannot write a DocBin without Python, so Raqim exports JSONL and this script converts
it (run it from the virtualenv `scripts/spacy/check.sh` makes, or any with spaCy 3 installed):

    python scripts/spacy/to_docbin.py raqim-export.jsonl -o train.spacy

Each record becomes one Doc built from the export's tokens, never re-tokenized, so every span
is a whole number of tokens:

- words are the record's `tokens`; spaCy's `spaces` allow one space after a word, so any other
  whitespace between two tokens (a line break, two spaces) becomes a whitespace token, as
  spaCy's own tokenizer makes it. The Doc's text is the record's text, character for character,
  and the record's code-point offsets are the Doc's character offsets;
- entity spans (`spans`) go to `doc.ents` and to the span group `doc.spans["sc"]` (for
  spancat), each made with `doc.char_span(start, end, label, alignment_mode="strict")`;
  rejected suggestions go to `doc.spans["rejected"]` (negatives, if a pipeline wants them);
- document stances go to `doc.cats` (`"<target>:<stance>"` -> 1.0/0.0, textcat_multilabel
  style, only for the targets the analyst labelled);
- `id`, `meta.file` and `meta.sha256` go to `doc.user_data`.

A record that cannot be converted exactly (a token whose text is not the text at its offsets,
a span that is not on token boundaries) stops the script with its line number: a DocBin with a
silently shifted span is worse than none.
"""

import argparse
import json
import sys

import spacy
from spacy.tokens import Doc, DocBin


class RecordError(ValueError):
    """A record that cannot become a Doc exactly."""


def words_and_spaces(record):
    """The record's tokens as spaCy `words` and `spaces` that rebuild its text exactly."""
    text = record["text"]
    words, spaces = [], []
    pos = 0

    def whitespace(upto):
        run = text[pos:upto]
        if run and not run.isspace():
            raise RecordError(f"text between tokens is not whitespace: {run!r}")
        if run.startswith(" ") and words and not spaces[-1]:
            spaces[-1] = True
            run = run[1:]
        if run:
            words.append(run)
            spaces.append(False)

    for t in record["tokens"]:
        if t["start"] < pos:
            raise RecordError(f"token {t['id']} overlaps the one before it")
        if text[t["start"]:t["end"]] != t["text"]:
            raise RecordError(f"token {t['id']} is not the text at {t['start']}-{t['end']}")
        whitespace(t["start"])
        words.append(t["text"])
        spaces.append(False)
        pos = t["end"]
    whitespace(len(text))
    return words, spaces


def char_spans(doc, spans):
    """`doc.char_span(..., alignment_mode="strict")` for each span; a span that does not align,
    or whose text differs, raises."""
    out = []
    for s in spans:
        span = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="strict")
        if span is None:
            raise RecordError(f"span {s['start']}-{s['end']} is not on token boundaries")
        if "text" in s and span.text != s["text"]:
            raise RecordError(f"span {s['start']}-{s['end']} is {span.text!r}, not {s['text']!r}")
        out.append(span)
    return out


def doc_from_record(vocab, record):
    """One Raqim record as a Doc (see the module documentation)."""
    words, spaces = words_and_spaces(record)
    doc = Doc(vocab, words=words, spaces=spaces)
    if doc.text != record["text"]:
        raise RecordError("the tokens do not rebuild the text")
    entities = char_spans(doc, record.get("spans", []))
    doc.ents = entities
    doc.spans["sc"] = entities
    doc.spans["rejected"] = char_spans(doc, record.get("rejected", []))
    doc.cats = {k: float(v) for k, v in record.get("cats", {}).items()}
    meta = record.get("meta", {})
    doc.user_data["raqim_id"] = record.get("id")
    doc.user_data["file"] = meta.get("file")
    doc.user_data["sha256"] = meta.get("sha256")
    return doc


def read_jsonl(path):
    """(line number, record) for each non-blank line."""
    with open(path, encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as e:
                    raise RecordError(f"{path}:{n}: not JSON: {e}") from None


def convert(paths, lang="ar"):
    """A DocBin of every record in `paths`."""
    nlp = spacy.blank(lang)
    docbin = DocBin(store_user_data=True)
    for path in paths:
        for n, record in read_jsonl(path):
            try:
                docbin.add(doc_from_record(nlp.vocab, record))
            except (RecordError, KeyError, TypeError) as e:
                raise RecordError(f"{path}:{n}: {e}") from None
    return docbin


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jsonl", nargs="+", help="Raqim JSONL export(s)")
    parser.add_argument("-o", "--output", required=True, help="the .spacy file to write")
    parser.add_argument("--lang", default="ar", help="spaCy language of the vocabulary (ar)")
    args = parser.parse_args(argv)
    try:
        docbin = convert(args.jsonl, args.lang)
    except RecordError as e:
        print(f"to_docbin: {e}", file=sys.stderr)
        return 1
    docbin.to_disk(args.output)
    docs = list(docbin.get_docs(spacy.blank(args.lang).vocab))
    ents = sum(len(d.ents) for d in docs)
    print(f"wrote {len(docs)} docs, {ents} entities to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
