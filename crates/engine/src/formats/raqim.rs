//! Raqim JSONL back into articles: the inverse of [`crate::export::record`], so a workspace can be
//! carried to another machine and resumed.
//!
//! Everything the export writes comes back: text and identity (`id`, `meta.sha256`, `file`,
//! `encoding`), status, boilerplate zones, entity spans with their source, state and canonical
//! id, rejected suggestions, document stances (from `stance`, or else from `cats`), and speaker
//! stances with their evidence. `tokens`, `answer` and every `text` field are derived data: they
//! are checked (a span whose `text` is not the text at its offsets refuses the record) and
//! recomputed on the next export. So **export → import → export is byte-identical**, given the
//! same tokenizer and stance target names (the report carries the file's target names for
//! that: see [`super::ImportReport::targets`]).
//!
//! What the export does not carry cannot come back: undo history, span explanations, the
//! original file's size and replaced-byte count (`bytes` is the UTF-8 size of the text when the
//! SHA-256 is the text's own, else 0), and when the article was first added (`added_ms` is 0).
//!
//! Records written by `raqim annotate` (no `id`, no `state`) and by Prodigy (`spans` with
//! `start`/`end`/`label` only) load too: a missing `id` comes from the SHA-256, a missing state is
//! `analyst` for spans whose source is `analyst` and `suggested` otherwise, and a missing
//! `meta.sha256` is the SHA-256 of the text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::import::{is_sha256, json_message, same_text, settle, text_article, Parsed};
use crate::article::{ArticleId, Status};
use crate::span::{Name, Span, SpanState, Zone};
use crate::stance::{SpeakerStance, Stance, Target};
use crate::text::slice_chars;

pub use crate::export::{jsonl, jsonl_line, record, Record};
use crate::rules::LearnedRule;
use crate::workspace::{Settings, Workspace};

/// The key of a backup's workspace line ([`WorkspaceLine`]).
pub const WORKSPACE_KEY: &str = "raqim_workspace";

/// What a full backup carries besides its articles: the workspace's settings (labels, stance
/// targets, guidelines, imported rule packs) and the rules it learned from the analyst. A
/// backup writes it as its last line, `{"raqim_workspace": {…}}`, after the article records, so
/// tools that read the records one by one meet it last; [`import`] reads it into
/// [`super::ImportReport::workspace`], and [`crate::Edit::RestoreSettings`] merges it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceLine {
    pub settings: Settings,
    #[serde(default)]
    pub learned: Vec<LearnedRule>,
}

/// The workspace line of a backup of `ws`, without its newline.
pub fn workspace_line(ws: &Workspace) -> String {
    let line = WorkspaceLine {
        settings: ws.settings.clone(),
        learned: ws.learned.clone(),
    };
    serde_json::json!({ WORKSPACE_KEY: line }).to_string()
}

/// Reads Raqim JSONL (see the module documentation).
pub fn import(src: &str) -> super::ImportReport {
    super::import_as(src, super::Format::Raqim)
}

#[derive(Deserialize)]
struct InRecord {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    meta: InMeta,
    #[serde(default)]
    spans: Vec<InSpan>,
    #[serde(default)]
    rejected: Vec<InSpan>,
    #[serde(default)]
    answer: Option<String>,
    #[serde(default)]
    cats: BTreeMap<String, f64>,
    #[serde(default)]
    stance: Vec<InStance>,
    #[serde(default)]
    speakers: Vec<InSpeaker>,
}

#[derive(Deserialize, Default)]
struct InMeta {
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
    #[serde(default)]
    status: Option<Status>,
    #[serde(default)]
    zones: Vec<Zone>,
    #[serde(default)]
    annotator: Option<String>,
}

#[derive(Deserialize)]
struct InSpan {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    state: Option<SpanState>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Deserialize)]
struct InStance {
    target: String,
    #[serde(default)]
    target_name: Option<String>,
    label: Stance,
}

#[derive(Deserialize)]
struct InSpeaker {
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
    target: String,
    label: Stance,
    #[serde(default)]
    evidence: Option<String>,
}

/// One record → one article.
pub(crate) fn parse(value: Value) -> Result<Parsed, String> {
    let r: InRecord = serde_json::from_value(value).map_err(|e| json_message(&e))?;
    let own_sha = crate::hash::sha256_hex(r.text.as_bytes());
    let sha256 = r.meta.sha256.clone().unwrap_or_else(|| own_sha.clone());
    if !is_sha256(&sha256) {
        return Err(format!("meta.sha256 “{sha256}” is not a SHA-256"));
    }
    let sha256 = sha256.to_ascii_lowercase();
    let base = ArticleId::from_sha256(&sha256);
    let (id, layer) = match r.id {
        None => (base.clone(), None),
        Some(id) => {
            let layer = super::merge::annotator_of(&ArticleId(id.clone())).map(str::to_owned);
            if super::merge::base_of(&ArticleId(id.clone())) != base {
                return Err(format!(
                    "id “{id}” does not belong to meta.sha256 (expected “{base}”)"
                ));
            }
            (ArticleId(id), layer)
        }
    };
    let mut a = text_article(r.text, r.meta.file, Some(&sha256))?;
    a.id = id;
    if sha256 != own_sha {
        a.bytes = 0;
    }
    if let Some(encoding) = r.meta.encoding {
        a.encoding = encoding;
    }
    a.status = r
        .meta
        .status
        .unwrap_or(if r.answer.as_deref() == Some("accept") {
            Status::Done
        } else {
            Status::New
        });
    a.zones = r.meta.zones;
    let text = a.text.clone();
    let check_text = |what: &str, start: usize, end: usize, claimed: &Option<String>| match claimed
    {
        Some(claimed) if !same_text(slice_chars(&text, start, end), claimed) => Err(format!(
            "{what} {start}–{end} says “{claimed}” but the text there is “{}”",
            slice_chars(&text, start, end)
        )),
        _ => Ok(()),
    };
    let span = |s: InSpan, rejected: bool| -> Result<Span, String> {
        check_text("span", s.start, s.end, &s.text)?;
        let source = s.source.unwrap_or_else(|| "import".into());
        let state = if rejected {
            SpanState::Rejected
        } else {
            s.state.unwrap_or(if source == "analyst" {
                SpanState::Analyst
            } else {
                SpanState::Suggested
            })
        };
        Ok(Span {
            start: s.start,
            end: s.end,
            label: s.label.into(),
            source: source.into(),
            state,
            id: s.id.map(Name::from),
            explanation: None,
        })
    };
    for s in r.spans {
        a.spans.push(span(s, false)?);
    }
    for s in r.rejected {
        a.spans.push(span(s, true)?);
    }
    let mut targets = Vec::new();
    if r.stance.is_empty() {
        // Prodigy/spaCy textcat style: the "<target>:<stance>" key with the highest score.
        for (key, score) in &r.cats {
            let Some((target, label)) = key.rsplit_once(':') else {
                continue;
            };
            let Some(stance) = Stance::ALL.into_iter().find(|s| s.as_str() == label) else {
                continue;
            };
            if *score >= 0.5 {
                a.stances.insert(target.to_owned(), stance);
                targets.push(Target {
                    id: target.to_owned(),
                    name: target.to_owned(),
                });
            }
        }
    }
    for s in r.stance {
        targets.push(Target {
            name: s.target_name.unwrap_or_else(|| s.target.clone()),
            id: s.target.clone(),
        });
        a.stances.insert(s.target, s.label);
    }
    for s in r.speakers {
        check_text("speaker mention", s.start, s.end, &s.text)?;
        targets.push(Target {
            id: s.target.clone(),
            name: s.target.clone(),
        });
        a.speakers.push(SpeakerStance {
            start: s.start,
            end: s.end,
            target: s.target,
            stance: s.label,
            evidence: s.evidence,
        });
    }
    settle(&mut a)?;
    let annotator = r.meta.annotator.or(layer);
    Ok(Parsed {
        articles: vec![(a, annotator)],
        targets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;
    use crate::text::Tokenizer;
    use crate::workspace::Settings;
    use crate::Article;

    fn rich() -> Article {
        let text = "🇮🇶 قال فؤاد حسين والولايات المتحدة\nإقرأ المزيد";
        let mut a = Article::new(
            "x.txt",
            text.as_bytes(),
            decode(text.as_bytes()).unwrap(),
            0,
        );
        a.spans.push(Span::analyst(7, 16, "PER"));
        a.spans.push(Span {
            id: Some("usa".into()),
            state: SpanState::Accepted,
            source: "gaz:gpe".into(),
            ..Span::analyst(18, 34, "GPE")
        });
        a.spans.push(Span {
            state: SpanState::Rejected,
            source: "pat:x".into(),
            ..Span::analyst(3, 6, "ORG")
        });
        a.sort_spans();
        a.zones.push(Zone {
            start: 35,
            end: 46,
            source: "analyst".into(),
        });
        a.stances.insert("us_presence_iraq".into(), Stance::Against);
        a.speakers.push(SpeakerStance {
            start: 7,
            end: 16,
            target: "us_presence_iraq".into(),
            stance: Stance::Favor,
            evidence: Some("قال".into()),
        });
        a.status = Status::Done;
        a
    }

    #[test]
    fn export_import_export_is_byte_identical() {
        let settings = Settings::default();
        let tokenizer = Tokenizer::default();
        let a = rich();
        let first = jsonl([&a], &settings, &tokenizer);
        let report = import(&first);
        assert!(report.is_clean(), "{:?}", report.errors);
        let back = &report.items[0].article;
        assert_eq!(back.spans, a.spans);
        assert_eq!(back.zones, a.zones);
        assert_eq!(back.stances, a.stances);
        assert_eq!(back.speakers, a.speakers);
        assert_eq!(
            (back.status, &back.id, back.bytes),
            (a.status, &a.id, a.bytes)
        );
        assert_eq!(report.targets[0].name, settings.targets[0].name);
        let second = jsonl(report.articles(), &settings, &tokenizer);
        assert_eq!(first, second);
    }

    #[test]
    fn annotate_and_prodigy_records_load() {
        let text = "زار فؤاد حسين بغداد";
        let line = format!(
            r#"{{"text": "{text}", "spans": [{{"start": 4, "end": 13, "label": "PER", "source": "analyst"}}, {{"start": 14, "end": 19, "label": "GPE", "source": "gaz:x", "text": "بغداد"}}], "cats": {{"t:favor": 1.0, "t:against": 0.0}}}}"#
        );
        let report = import(&line);
        assert!(report.is_clean(), "{:?}", report.errors);
        let a = &report.items[0].article;
        assert_eq!(a.sha256, crate::hash::sha256_hex(text.as_bytes()));
        assert_eq!(a.spans[0].state, SpanState::Analyst);
        assert_eq!(a.spans[1].state, SpanState::Suggested);
        assert_eq!(a.stances["t"], Stance::Favor);
        assert_eq!(report.labels, ["PER", "GPE"]);
    }

    #[test]
    fn inconsistent_records_are_refused_by_line() {
        let ok = r#"{"text": "بغداد", "spans": []}"#;
        let cases = [
            (
                r#"{"text": "بغداد", "spans": [{"start": 0, "end": 9, "label": "GPE"}]}"#,
                "not a range",
            ),
            (
                r#"{"text": "بغداد", "spans": [{"start": 0, "end": 2, "label": "GPE", "text": "بغ"}, {"start": 1, "end": 3, "label": "GPE"}]}"#,
                "overlap",
            ),
            (
                r#"{"text": "بغداد", "spans": [{"start": 0, "end": 5, "label": "GPE", "text": "دمشق"}]}"#,
                "the text there",
            ),
            (
                r#"{"text": "بغداد", "meta": {"sha256": "abc"}}"#,
                "not a SHA-256",
            ),
            (
                r#"{"id": "0000000000000000", "text": "بغداد"}"#,
                "does not belong",
            ),
            (
                r#"{"text": "بغداد", "speakers": [{"start": 0, "end": 5, "target": "t", "label": "favor"}]}"#,
                "not on an entity",
            ),
            (r#"{"spans": []}"#, "missing field `text`"),
            (
                r#"{"text": "بغداد", "spans": [{"start": 0, "end": 5, "label": "GPE", "state": "maybe"}]}"#,
                "unknown variant",
            ),
        ];
        for (bad, why) in cases {
            let src = format!("{ok}\n{bad}\n{ok}\n");
            let report = import(&src);
            assert_eq!(report.items.len(), 2, "{bad}");
            assert_eq!(report.errors.len(), 1, "{bad}");
            assert_eq!(report.errors[0].line, 2, "{bad}");
            assert!(
                report.errors[0].message.contains(why),
                "{bad}: {}",
                report.errors[0].message
            );
        }
    }
}
