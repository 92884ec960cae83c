//! Labelled data out: one JSON object per article per line (Raqim/Prodigy JSONL).
//!
//! The shape follows Prodigy's `ner_manual` output so that spaCy/Prodigy tooling reads it
//! without conversion: `text`, `meta`, `spans` with `start`/`end` as **code-point** offsets into
//! `text` (Python `str` indices), `label`. Written by serde so it is always valid JSON, however
//! hostile the text.

use serde::Serialize;

use crate::article::Article;
use crate::span::SpanState;

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    text: &'a str,
    meta: Meta<'a>,
    spans: Vec<SpanOut<'a>>,
}

#[derive(Serialize)]
struct Meta<'a> {
    file: &'a str,
    sha256: &'a str,
    encoding: &'a str,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    source: &'a str,
}

/// One JSONL line (without the trailing newline) for `article`.
pub fn jsonl_line(article: &Article) -> String {
    let record = Record {
        id: &article.id.0,
        text: &article.text,
        meta: Meta { file: &article.file, sha256: &article.sha256, encoding: &article.encoding },
        spans: article
            .spans
            .iter()
            .filter(|s| s.state.is_entity())
            .map(|s| SpanOut {
                start: s.start,
                end: s.end,
                label: &s.label,
                text: s.text(&article.text),
                source: &s.source,
            })
            .collect(),
    };
    serde_json::to_string(&record).unwrap_or_default()
}

/// The whole export: one line per article, each ending in `\n`.
pub fn jsonl<'a>(articles: impl IntoIterator<Item = &'a Article>) -> String {
    articles.into_iter().map(|a| jsonl_line(a) + "\n").collect()
}

/// Whether a span in `state` is written to the export.
pub fn exported(state: SpanState) -> bool {
    state.is_entity()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;
    use crate::span::Span;

    #[test]
    fn one_line_per_article_with_code_point_offsets() {
        let bytes = "🇮🇶 قال فؤاد حسين".as_bytes();
        let mut a = Article::new("x.txt", bytes, decode(bytes).unwrap(), 0);
        a.spans.push(Span::analyst(7, 16, "PER"));
        let out = jsonl([&a]);
        assert_eq!(out.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(v["text"], "🇮🇶 قال فؤاد حسين");
        assert_eq!(v["meta"]["encoding"], "UTF-8");
        assert_eq!(v["spans"][0]["text"], "فؤاد حسين");
        assert_eq!(v["spans"][0]["start"], 7);
    }
}
