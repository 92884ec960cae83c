//! Evaluation: precision, recall and F1 of predicted spans against gold spans, per label and
//! overall (micro-averaged), counted two ways.
//!
//! - **exact**: a prediction is right if a gold span has the same start, end and label.
//! - **relaxed**: the same after dropping leading proclitic tokens (و ف ب ك ل, لـ …) from both
//!   spans, so a system that tags whole whitespace words (`والعراق`, the ANERcorp convention) or
//!   `للولايات` instead of the gold `لولايات` is not punished for the clitic alone. The proclitics
//!   are the tokenizer's, so "dropping" means exactly what the engine itself would split off.
//!
//! Records are paired by the SHA-256 of the article (the gold files' `text_sha256`, the export's
//! `meta.sha256`, or the hash of a record's `text`) or by identical text. Gold records with no
//! prediction count all their spans as missed; predictions with no gold are reported and not
//! scored.
//!
//! Input is read leniently, because gold comes in several shapes: one JSON object (the fixture
//! gold files, pretty-printed), a JSON array of objects, or JSONL with one object per line. Each
//! record needs `spans: [{start, end, label}]`; `text`, `text_sha256`, `file` and `meta` are used
//! when present.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use serde_json::{json, Value};

use crate::hash::sha256_hex;
use crate::span::{Label, DEFAULT_LABELS};
use crate::text::{TokenKind, Tokenizer};

/// One annotated article, as far as evaluation cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// A name for reports: the file name if known.
    pub name: String,
    pub text: Option<String>,
    /// SHA-256 hex digests this record is known by.
    pub hashes: Vec<String>,
    pub spans: Vec<EvalSpan>,
}

/// A labelled span, code points, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub struct EvalSpan {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

#[derive(Deserialize)]
struct RawRecord {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    text_sha256: Option<String>,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    meta: Option<RawMeta>,
    #[serde(default)]
    spans: Vec<EvalSpan>,
}

#[derive(Deserialize)]
struct RawMeta {
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    sha256: Option<String>,
}

impl From<RawRecord> for Record {
    fn from(r: RawRecord) -> Record {
        let meta = r.meta.unwrap_or(RawMeta {
            file: None,
            sha256: None,
        });
        let mut hashes: Vec<String> = [r.text_sha256, meta.sha256].into_iter().flatten().collect();
        hashes.extend(r.text.as_deref().map(|t| sha256_hex(t.as_bytes())));
        let name = r.file.or(meta.file).unwrap_or_default();
        Record {
            name,
            text: r.text,
            hashes,
            spans: r.spans,
        }
    }
}

/// Reads records from a JSON object, a JSON array of objects, or JSONL. Errors name the line.
pub fn parse_records(src: &str) -> Result<Vec<Record>, String> {
    let src = src.trim_start_matches('\u{FEFF}');
    if let Ok(value) = serde_json::from_str::<Value>(src) {
        let items = match value {
            Value::Array(items) => items,
            other => vec![other],
        };
        return items
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                serde_json::from_value::<RawRecord>(v)
                    .map(Record::from)
                    .map_err(|e| format!("record {}: {e}", i + 1))
            })
            .collect();
    }
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str::<RawRecord>(l)
                .map(Record::from)
                .map_err(|e| format!("line {}: {e}", i + 1))
        })
        .collect()
}

/// True and false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// Precision; 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall; 0 when there is no gold.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    fn to_json(self) -> Value {
        json!({
            "tp": self.tp, "fp": self.fp, "fn": self.fn_,
            "precision": round3(self.precision()), "recall": round3(self.recall()), "f1": round3(self.f1()),
        })
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Per-label counts for one way of matching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub labels: BTreeMap<Label, Counts>,
}

impl Table {
    /// The micro-average over all labels.
    pub fn overall(&self) -> Counts {
        let mut all = Counts::default();
        self.labels.values().for_each(|c| all.add(*c));
        all
    }

    /// Labels in the default order (`PER ORG GPE …`), then any others alphabetically.
    pub fn ordered(&self) -> Vec<(&str, Counts)> {
        let rank = |l: &str| {
            DEFAULT_LABELS
                .iter()
                .position(|d| *d == l)
                .unwrap_or(usize::MAX)
        };
        let mut rows: Vec<(&str, Counts)> =
            self.labels.iter().map(|(l, c)| (l.as_str(), *c)).collect();
        rows.sort_by_key(|(l, _)| (rank(l), *l));
        rows
    }

    fn score(&mut self, gold: &HashSet<EvalSpan>, pred: &HashSet<EvalSpan>) {
        for g in gold {
            let c = self.labels.entry(g.label.clone()).or_default();
            if pred.contains(g) {
                c.tp += 1;
            } else {
                c.fn_ += 1;
            }
        }
        for p in pred.iter().filter(|p| !gold.contains(p)) {
            self.labels.entry(p.label.clone()).or_default().fp += 1;
        }
    }

    fn to_json(&self) -> Value {
        let mut m: serde_json::Map<String, Value> = self
            .ordered()
            .into_iter()
            .map(|(l, c)| (l.to_owned(), c.to_json()))
            .collect();
        m.insert("overall".into(), self.overall().to_json());
        Value::Object(m)
    }
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub exact: Table,
    pub relaxed: Table,
    /// Gold records paired with a prediction.
    pub matched: usize,
    /// Names of gold records with no prediction (their spans count as missed).
    pub gold_only: Vec<String>,
    /// Names of predicted records with no gold (not scored).
    pub pred_only: Vec<String>,
}

/// Scores `pred` against `gold`; see the module documentation. `tokenizer` decides what a
/// proclitic is for the relaxed table (use the engine's).
pub fn evaluate(gold: &[Record], pred: &[Record], tokenizer: &Tokenizer) -> Report {
    let mut by_hash: HashMap<&str, usize> = HashMap::new();
    let mut by_text: HashMap<&str, usize> = HashMap::new();
    for (i, p) in pred.iter().enumerate() {
        for h in &p.hashes {
            by_hash.entry(h.as_str()).or_insert(i);
        }
        if let Some(t) = &p.text {
            by_text.entry(t.as_str()).or_insert(i);
        }
    }
    let mut report = Report::default();
    let mut used = vec![false; pred.len()];
    for g in gold {
        let found = g
            .hashes
            .iter()
            .find_map(|h| by_hash.get(h.as_str()))
            .or_else(|| g.text.as_deref().and_then(|t| by_text.get(t)))
            .copied();
        let gold_set: HashSet<EvalSpan> = g.spans.iter().cloned().collect();
        let (pred_set, text) = match found {
            Some(i) => {
                used[i] = true;
                report.matched += 1;
                let p = &pred[i];
                (
                    p.spans.iter().cloned().collect(),
                    g.text.as_deref().or(p.text.as_deref()),
                )
            }
            None => {
                report.gold_only.push(g.name.clone());
                (HashSet::new(), g.text.as_deref())
            }
        };
        report.exact.score(&gold_set, &pred_set);
        let relax = |set: &HashSet<EvalSpan>| -> HashSet<EvalSpan> {
            match text {
                Some(t) => drop_proclitics(t, set, tokenizer),
                None => set.clone(),
            }
        };
        report.relaxed.score(&relax(&gold_set), &relax(&pred_set));
    }
    report.pred_only = pred
        .iter()
        .zip(&used)
        .filter(|(_, &u)| !u)
        .map(|(p, _)| p.name.clone())
        .collect();
    report
}

/// The spans with their leading proclitic tokens dropped.
fn drop_proclitics(
    text: &str,
    spans: &HashSet<EvalSpan>,
    tokenizer: &Tokenizer,
) -> HashSet<EvalSpan> {
    let tokens = tokenizer.tokenize(text);
    spans
        .iter()
        .map(|s| {
            let mut start = s.start;
            let mut i = tokens.partition_point(|t| t.end <= start);
            while let Some(t) = tokens
                .get(i)
                .filter(|t| t.kind == TokenKind::Proclitic && t.start >= start && t.end < s.end)
            {
                start = tokens.get(i + 1).map_or(t.end, |n| n.start.min(s.end));
                i += 1;
            }
            EvalSpan { start, ..s.clone() }
        })
        .collect()
}

impl Report {
    /// A plain-text table: one row per label and an overall row, exact and relaxed side by side.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<10} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}\n",
            "label", "gold", "pred", "P", "R", "F1", "P~", "R~", "F1~"
        );
        let relaxed: HashMap<&str, Counts> = self.relaxed.ordered().into_iter().collect();
        let mut rows = self.exact.ordered();
        rows.push(("overall", self.exact.overall()));
        for (label, e) in rows {
            let r = if label == "overall" {
                self.relaxed.overall()
            } else {
                relaxed.get(label).copied().unwrap_or_default()
            };
            out.push_str(&format!(
                "{:<10} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3}\n",
                label,
                e.tp + e.fn_,
                e.tp + e.fp,
                e.precision(),
                e.recall(),
                e.f1(),
                r.precision(),
                r.recall(),
                r.f1()
            ));
        }
        out.push_str(&format!(
            "records: {} matched, {} gold without prediction, {} predictions without gold\n",
            self.matched,
            self.gold_only.len(),
            self.pred_only.len()
        ));
        out
    }

    /// The report as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "records": {"matched": self.matched, "gold_only": self.gold_only, "pred_only": self.pred_only},
            "exact": self.exact.to_json(),
            "relaxed": self.relaxed.to_json(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_relaxed() {
        let text = "زار والعراق ثم للولايات المتحدة";
        let gold = format!(
            r#"{{"text": "{text}", "spans": [
                {{"start": 5, "end": 11, "label": "GPE"}},
                {{"start": 16, "end": 31, "label": "GPE"}}]}}"#
        );
        // A word-level tagger: clitics inside; and one wrong label.
        let pred = format!(
            r#"{{"text": "{text}", "meta": {{"sha256": "x"}}, "spans": [{{"start": 4, "end": 11, "label": "GPE"}}, {{"start": 15, "end": 31, "label": "GPE"}}, {{"start": 0, "end": 3, "label": "PER"}}]}}"#
        );
        let gold = parse_records(&gold).unwrap();
        let pred = parse_records(&pred).unwrap();
        let report = evaluate(&gold, &pred, &Tokenizer::default());
        assert_eq!(report.matched, 1);
        assert_eq!(
            report.exact.overall(),
            Counts {
                tp: 0,
                fp: 3,
                fn_: 2
            }
        );
        assert_eq!(
            report.relaxed.overall(),
            Counts {
                tp: 2,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(report.relaxed.labels["GPE"].f1(), 1.0);
        assert!(report.table().contains("overall"));
        assert_eq!(report.to_json()["relaxed"]["overall"]["precision"], 0.667);
    }

    #[test]
    fn pairs_by_hash_and_reports_the_unpaired() {
        let gold = parse_records(
            r#"{"file": "a.txt", "text_sha256": "abc", "spans": [{"start": 0, "end": 2, "label": "PER"}]}
{"file": "b.txt", "text_sha256": "def", "spans": [{"start": 0, "end": 2, "label": "PER"}]}"#,
        )
        .unwrap();
        let pred = parse_records(
            r#"[{"meta": {"file": "a.txt", "sha256": "abc"}, "spans": [{"start": 0, "end": 2, "label": "PER"}]},
{"meta": {"file": "c.txt", "sha256": "zzz"}, "spans": []}]"#,
        )
        .unwrap();
        let report = evaluate(&gold, &pred, &Tokenizer::default());
        assert_eq!(
            report.exact.overall(),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(report.gold_only, ["b.txt"]);
        assert_eq!(report.pred_only, ["c.txt"]);
        assert!(parse_records("{\"spans\": 3}\n")
            .unwrap_err()
            .contains("record 1"));
    }
}
