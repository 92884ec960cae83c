//! doccano JSONL: `{"text", "label": [[start, end, label], …]}`, one article per line.
//!
//! # Offsets are UTF-16 code units
//!
//! doccano's documentation only shows ASCII examples, but its sequence-labeling editor
//! (`doccano/v-annotator`) computes offsets from JavaScript strings: `Text.codePointLength` is
//! `this.text.length` and the grapheme→offset map adds up `grapheme.length`
//! (`src/domain/models/Label/Text.ts`), i.e. UTF-16 code units, and the selection handler adds
//! the DOM's `anchorOffset`/`focusOffset` (`TextSelectionHandler.ts`). doccano issue #2290
//! ("Sequence labels are TypeScript/JavaScript-style", open) shows it: in
//! `"👨🏻‍🚒 firemen drive firetrucks"` doccano stores `firetrucks` at 22–32 where Python's
//! `str` has 19–29. So Raqim **writes UTF-16 offsets** (the same numbers as code points for
//! text without emoji or other characters outside the BMP), and reads UTF-16 by default
//! ([`Offsets`]; pass [`Offsets::CodePoints`] for files written by Python tools). Projects with
//! doccano's *Count grapheme clusters as one character* option use grapheme offsets instead,
//! which neither direction supports: create the project without it.
//!
//! # What is written
//!
//! Keys, in order: `text`; `label` with the entity spans (suggested, accepted and drawn, as in
//! Raqim's own export; rejected suggestions are left out); `cats` with the document stances as
//! `"<target>:<stance>"` strings (doccano's classification shape; a sequence-labeling project
//! keeps it as metadata); `file` and `sha256`, kept by doccano as metadata so that a re-import is
//! recognised as the same article; `annotator` for an annotator layer ([`super::merge`]).
//! Reading accepts `label`, `labels` or `entities` (triples or `{start_offset, end_offset,
//! label}` objects), string labels and `cats` as stances, and `annotator`.

use serde::Serialize;
use serde_json::Value;

use super::import::{settle, text_article, Offsets, Parsed};
use crate::article::Article;
use crate::span::{Span, SpanState};
use crate::stance::{Stance, Target};
use crate::text::Utf16Index;

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cats: Vec<String>,
    file: &'a str,
    sha256: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
}

/// One article as a doccano JSONL line (no trailing newline).
pub fn line(article: &Article) -> String {
    let index = Utf16Index::new(&article.text);
    let line = Line {
        text: &article.text,
        label: article
            .spans
            .iter()
            .filter(|s| s.state.is_entity())
            .map(|s| {
                (
                    index.to_utf16(s.start),
                    index.to_utf16(s.end),
                    s.label.as_str(),
                )
            })
            .collect(),
        cats: article
            .stances
            .iter()
            .map(|(target, stance)| format!("{target}:{}", stance.as_str()))
            .collect(),
        file: &article.file,
        sha256: &article.sha256,
        annotator: super::merge::annotator_of(&article.id),
    };
    serde_json::to_string(&line).unwrap_or_default()
}

/// The articles as doccano JSONL, each line ending in `\n`.
pub fn jsonl<'a>(articles: impl IntoIterator<Item = &'a Article>) -> String {
    articles.into_iter().map(|a| line(a) + "\n").collect()
}

/// Reads doccano JSONL with UTF-16 offsets.
pub fn import(src: &str) -> super::ImportReport {
    super::import_as(src, super::Format::Doccano)
}

/// Converts a file offset to a code point.
fn to_code_point(index: &Utf16Index, unit: usize, offsets: Offsets) -> Result<usize, String> {
    match offsets {
        Offsets::CodePoints if unit <= index.len_chars() => Ok(unit),
        Offsets::Utf16 if unit <= index.len_utf16() => {
            let cp = index.to_code_point(unit);
            if index.to_utf16(cp) == unit {
                Ok(cp)
            } else {
                Err(format!(
                    "offset {unit} falls inside a character (doccano offsets count UTF-16 units)"
                ))
            }
        }
        _ => Err(format!("offset {unit} is past the end of the text")),
    }
}

/// A stance written as `"<target>:<stance>"`.
fn stance_of(s: &str) -> Option<(String, Stance)> {
    let (target, label) = s.rsplit_once(':')?;
    let stance = Stance::ALL.into_iter().find(|x| x.as_str() == label)?;
    (!target.is_empty()).then(|| (target.to_owned(), stance))
}

/// One record → one article.
pub(crate) fn parse(value: Value, offsets: Offsets) -> Result<Parsed, String> {
    let text = value
        .get("text")
        .and_then(Value::as_str)
        .ok_or("no `text`")?
        .to_owned();
    let file = value.get("file").and_then(Value::as_str).map(str::to_owned);
    let sha256 = value.get("sha256").and_then(Value::as_str);
    let mut a = text_article(text, file, sha256)?;
    let index = Utf16Index::new(&a.text);
    let mut cats: Vec<String> = Vec::new();
    for key in ["label", "labels", "entities"] {
        let Some(items) = value.get(key) else {
            continue;
        };
        let items = items
            .as_array()
            .ok_or_else(|| format!("`{key}` is not a list"))?;
        for (n, item) in items.iter().enumerate() {
            let bad = || format!("`{key}` item {} is not [start, end, label]", n + 1);
            let (start, end, label) = match item {
                Value::String(s) => {
                    cats.push(s.clone());
                    continue;
                }
                Value::Array(t) if t.len() == 3 => (
                    t[0].as_u64().ok_or_else(bad)?,
                    t[1].as_u64().ok_or_else(bad)?,
                    t[2].as_str().ok_or_else(bad)?,
                ),
                Value::Object(o) => {
                    let num = |k: &str, alt: &str| {
                        o.get(k).or_else(|| o.get(alt)).and_then(Value::as_u64)
                    };
                    (
                        num("start_offset", "start").ok_or_else(bad)?,
                        num("end_offset", "end").ok_or_else(bad)?,
                        o.get("label").and_then(Value::as_str).ok_or_else(bad)?,
                    )
                }
                _ => return Err(bad()),
            };
            let start = to_code_point(&index, start as usize, offsets)?;
            let end = to_code_point(&index, end as usize, offsets)?;
            a.spans.push(Span {
                source: "doccano".into(),
                state: SpanState::Analyst,
                ..Span::analyst(start, end, label)
            });
        }
    }
    match value.get("cats") {
        Some(Value::Array(items)) => {
            cats.extend(items.iter().filter_map(Value::as_str).map(str::to_owned))
        }
        Some(Value::Object(map)) => cats.extend(
            map.iter()
                .filter(|(_, v)| v.as_f64().unwrap_or(0.0) >= 0.5)
                .map(|(k, _)| k.clone()),
        ),
        _ => {}
    }
    let mut targets = Vec::new();
    for (target, stance) in cats.iter().filter_map(|c| stance_of(c)) {
        targets.push(Target {
            id: target.clone(),
            name: target.clone(),
        });
        a.stances.insert(target, stance);
    }
    settle(&mut a)?;
    let annotator = value
        .get("annotator")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok(Parsed {
        articles: vec![(a, annotator)],
        targets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::import::test_article as article;
    use crate::formats::import::{import_with, ImportOptions};

    type Spans<'a> = &'a [(usize, usize, &'a str)];
    type Case<'a> = (&'a str, Spans<'a>, &'a [(usize, usize)]);

    #[test]
    fn offsets_are_utf16_and_round_trip() {
        // (text, code-point spans, the UTF-16 offsets doccano shows them at)
        let cases: [Case; 3] = [
            (
                "زار فؤاد حسين بغداد",
                &[(4, 13, "PER"), (14, 19, "GPE")],
                &[(4, 13), (14, 19)],
            ),
            (
                "🇮🇶 قال فؤاد حسين 👍🏽 في بغداد",
                &[(7, 16, "PER"), (23, 28, "GPE")],
                &[(9, 18), (27, 32)],
            ),
            (
                "👨🏻‍🚒 firemen drive firetrucks",
                &[(19, 29, "ORG")],
                &[(22, 32)],
            ),
        ];
        for (text, spans, utf16) in cases {
            let a = article(text, spans);
            let out = line(&a);
            let v: Value = serde_json::from_str(&out).unwrap();
            let got: Vec<(u64, u64)> = v["label"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| (t[0].as_u64().unwrap(), t[1].as_u64().unwrap()))
                .collect();
            let want: Vec<(u64, u64)> = utf16.iter().map(|&(s, e)| (s as u64, e as u64)).collect();
            assert_eq!(got, want, "{text}");
            let report = import(&out);
            let back = crate::formats::read_back(&report, &a, spans);
            assert_eq!(jsonl([back]), out + "\n");
        }
    }

    #[test]
    fn stances_cats_and_foreign_shapes() {
        let mut a = article("قال فؤاد حسين", &[(4, 13, "PER")]);
        a.stances.insert("us_presence_iraq".into(), Stance::Against);
        let out = line(&a);
        assert!(
            out.contains(r#""cats":["us_presence_iraq:against"]"#),
            "{out}"
        );
        let back = import(&out);
        assert_eq!(back.items[0].article.stances, a.stances);
        assert_eq!(back.items[0].annotator, None);
        // An annotator layer says whose it is.
        a.id = crate::formats::merge::layer_id(&a.id, "bob");
        let out = line(&a);
        assert!(out.ends_with(r#","annotator":"bob"}"#), "{out}");
        assert_eq!(import(&out).items[0].annotator.as_deref(), Some("bob"));
        // doccano's relation-project shape, code-point offsets (a Python-made file).
        let src = r#"{"text": "👍 بغداد", "entities": [{"id": 1, "start_offset": 2, "end_offset": 7, "label": "GPE"}]}"#;
        let opts = ImportOptions {
            doccano_offsets: Offsets::CodePoints,
            ..ImportOptions::default()
        };
        let report = import_with(src, &opts);
        assert!(report.is_clean(), "{:?}", report.errors);
        assert_eq!(
            report.items[0].article.spans[0].text(&report.items[0].article.text),
            "بغداد"
        );
    }

    #[test]
    fn malformed_lines_are_reported_and_the_rest_load() {
        let src = concat!(
            "{\"text\": \"بغداد\", \"label\": [[0, 5, \"GPE\"]]}\n",
            "{\"text\": \"بغداد\", \"label\": [[0, 9, \"GPE\"]]}\n",
            "{\"text\": \"👍 بغداد\", \"label\": [[1, 7, \"GPE\"]]}\n",
            "{\"text\": \"بغداد\", \"label\": [[0, \"5\", \"GPE\"]]}\n",
            "{\"label\": []}\n",
            "{\"text\": \"دمشق\", \"label\": [[0, 4, \"GPE\"]]\n",
            "\n",
            "{\"text\": \"دمشق\", \"label\": [[0, 4, \"GPE\"], [2, 4, \"LOC\"]]}\n",
            "{\"text\": \"دمشق\", \"label\": [[0, 4, \"GPE\"]]}\n",
        );
        let report = import(src);
        let lines: Vec<usize> = report.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 8]);
        assert!(report.errors[1].message.contains("inside a character"));
        assert_eq!(report.items.len(), 2);
        assert_eq!(report.items[1].line, 9);
    }
}
