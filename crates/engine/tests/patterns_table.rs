//! Table-driven tests of the contextual patterns: every row of `data/pattern_cases.tsv` (format
//! in its header) is tokenized with the default tokenizer, given the listed gazetteer hits as
//! context, and run through `Patterns::find`; the candidates must be exactly the expected ones.
//! Every failing row is reported at once.

mod engine_support;

use engine_support::{assert_table, table_rows};
use raqim_engine::rules::candidate::{PRIORITY_AMBIGUOUS, PRIORITY_GAZETTEER};
use raqim_engine::rules::patterns::Patterns;
use raqim_engine::rules::{Candidate, Doc};
use raqim_engine::text::Tokenizer;

const TABLE: &str = include_str!("data/pattern_cases.tsv");

/// `LABEL:text` items separated by ` | `; `-` is none.
fn items(column: &str) -> Vec<String> {
    match column.trim() {
        "" | "-" => Vec::new(),
        c => c.split(" | ").map(|s| s.trim().to_string()).collect(),
    }
}

/// The gazetteer hit for `LABEL:text` (`?LABEL:text` for an ambiguous one): the first run of
/// tokens whose text is `text`.
fn hit(doc: &Doc, item: &str) -> Result<Candidate, String> {
    let (ambiguous, item) = match item.strip_prefix('?') {
        Some(rest) => (true, rest),
        None => (false, item),
    };
    let (label, text) = item
        .split_once(':')
        .ok_or(format!("context {item:?} has no label"))?;
    for first in 0..doc.len() {
        for last in first..doc.len() {
            if doc.slice(first, last) == text {
                return Ok(Candidate {
                    first,
                    last,
                    label: label.into(),
                    rule: "gaz:test".into(),
                    priority: if ambiguous {
                        PRIORITY_AMBIGUOUS
                    } else {
                        PRIORITY_GAZETTEER
                    },
                    id: None,
                    explanation: String::new(),
                });
            }
        }
    }
    Err(format!("context {text:?} is not a run of tokens"))
}

#[test]
fn pattern_table() {
    let tokenizer = Tokenizer::default();
    let patterns = Patterns::new();
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in table_rows(TABLE) {
        rows += 1;
        let columns: Vec<&str> = line.split('\t').collect();
        let (input, expected) = (columns[0], columns.get(1).copied().unwrap_or_default());
        let context = columns
            .get(2)
            .filter(|c| !c.starts_with('#'))
            .copied()
            .unwrap_or_default();
        let tokens = tokenizer.tokenize(input);
        let doc = Doc::new(input, &tokens, &[]);
        let hits: Result<Vec<Candidate>, String> =
            items(context).iter().map(|i| hit(&doc, i)).collect();
        let hits = match hits {
            Ok(hits) => hits,
            Err(e) => {
                failures.push(format!("line {n}: {e}"));
                continue;
            }
        };
        let mut out = Vec::new();
        patterns.find(&doc, &hits, &mut out);
        let mut got: Vec<String> = out
            .iter()
            .map(|c| format!("{}:{}", c.label, doc.slice(c.first, c.last)))
            .collect();
        let mut want = items(expected);
        got.sort();
        want.sort();
        if got != want {
            let rules: Vec<&str> = out.iter().map(|c| c.rule.as_str()).collect();
            failures.push(format!(
                "line {n}: {input}\n  want {want:?}\n  got  {got:?} {rules:?}"
            ));
        }
        for c in &out {
            assert!(
                c.explanation.contains('«'),
                "line {n}: explanation {:?}",
                c.explanation
            );
            assert!(c.rule.starts_with("pat:"), "line {n}: rule {}", c.rule);
        }
    }
    assert_table(rows, 60, &failures);
}

#[test]
fn builds_fast_and_is_not_empty() {
    let start = std::time::Instant::now();
    let patterns = Patterns::new();
    assert!(!patterns.is_empty());
    // Generous for debug builds; release builds take a few milliseconds.
    assert!(start.elapsed().as_millis() < 2000, "{:?}", start.elapsed());
}

#[test]
fn known_words_let_the_tokenizer_split_clitics_before_patterns() {
    let patterns = Patterns::new();
    let mut tokenizer = Tokenizer::default();
    tokenizer.lexicon_mut().extend(patterns.words());
    let text = "ويوم الخميس الماضي أطلقت الفصائل وثلاثة صواريخ";
    let tokens = tokenizer.tokenize(text);
    let doc = Doc::new(text, &tokens, &[]);
    let mut out = Vec::new();
    patterns.find(&doc, &[], &mut out);
    let got: Vec<String> = out
        .iter()
        .map(|c| format!("{}:{}", c.label, doc.slice(c.first, c.last)))
        .collect();
    assert_eq!(got, ["DATE:يوم الخميس الماضي", "QUANTITY:ثلاثة صواريخ"]);
}
