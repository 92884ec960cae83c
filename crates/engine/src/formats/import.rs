//! Reading annotated files back: format detection and the [`ImportReport`] every importer returns.
//!
//! A file is one of:
//!
//! - **Raqim JSONL** (also Prodigy `ner_manual` output and `raqim annotate`): records with
//!   `text` and `spans`, `tokens` or `meta`;
//! - **doccano JSONL**: records with `text` and `label`/`labels` (`[[start, end, label], …]`) or
//!   `entities`;
//! - **Label Studio JSON**: an array of tasks with `data` and `annotations`/`predictions` (or
//!   its `JSON_MIN` export: objects whose `label` is a list of `{start, end, labels}`).
//!
//! The format is decided by the first record that parses ([`detect`]), and every record of the
//! file is then read as that format. Records may be JSON Lines (one per line), a JSON array
//! (pretty-printed or not), or one JSON object; a UTF-8 BOM is ignored.
//!
//! # Malformed input
//!
//! A record that is not JSON, lacks what the format needs, or is inconsistent (a span outside
//! the text, a span whose `text` is not the text at its offsets, overlapping spans, a speaker
//! stance on no entity) is refused **whole** and reported as a [`LineError`] with the 1-based
//! line where the record starts (for JSON syntax errors, the line of the error). Every other
//! record loads. Importing changes nothing by itself: the caller shows the report and, once the
//! analyst confirms, applies a [`super::merge::MergePlan`].

use serde_json::Value;

use crate::article::{Article, ArticleId, Status};
use crate::hash::sha256_hex;
use crate::history::History;
use crate::span::Label;
use crate::stance::Target;

use super::raqim::WORKSPACE_KEY;

/// A record that was not imported, and why (written for the analyst).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number in the file.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LineError {}

/// The file formats Raqim reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Raqim,
    Doccano,
    LabelStudio,
}

impl Format {
    /// The format's name as the command line spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Raqim => "raqim",
            Format::Doccano => "doccano",
            Format::LabelStudio => "label-studio",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What unit a file's offsets count (doccano only: the other formats say it themselves).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Offsets {
    /// Python `str` indices.
    CodePoints,
    /// JavaScript string indices, as doccano's editor writes them.
    #[default]
    Utf16,
}

/// How to read a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Read as this format instead of detecting it.
    pub format: Option<Format>,
    /// The unit of doccano offsets (UTF-16 by default, what doccano writes).
    pub doccano_offsets: Offsets,
}

/// One article read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub article: Article,
    /// 1-based line where its record starts.
    pub line: usize,
    /// Who annotated it, when the file says (Label Studio's `completed_by`, `meta.annotator`,
    /// or the `@name` of an annotator layer id, see [`super::merge`]).
    pub annotator: Option<String>,
}

/// Everything a file gave: the articles that loaded and an error for each record that did not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// The format the file was read as (`None` for a file with no record at all).
    pub format: Option<Format>,
    /// Loaded articles in file order. One Label Studio task yields one article per annotator,
    /// so an article id may appear more than once (with different annotators).
    pub items: Vec<Imported>,
    /// Every span label used by the loaded articles, in order of first use.
    pub labels: Vec<Label>,
    /// Stance targets the file names (id and, where the file has it, the name).
    pub targets: Vec<Target>,
    /// Refused records, by line.
    pub errors: Vec<LineError>,
    /// A backup's workspace line, if the file has one (the last one wins).
    pub workspace: Option<super::raqim::WorkspaceLine>,
}

impl ImportReport {
    /// The loaded articles.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.items.iter().map(|i| &i.article)
    }

    /// Whether every record loaded.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    fn add_target(&mut self, target: Target) {
        match self.targets.iter_mut().find(|t| t.id == target.id) {
            // A real name beats the id standing in for one.
            Some(known) if known.name == known.id => known.name = target.name,
            Some(_) => {}
            None => self.targets.push(target),
        }
    }
}

/// What one record yielded.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub articles: Vec<(Article, Option<String>)>,
    pub targets: Vec<Target>,
}

/// Reads a file, detecting its format.
pub fn import(src: &str) -> ImportReport {
    import_with(src, &ImportOptions::default())
}

/// Reads a file as `format`.
pub fn import_as(src: &str, format: Format) -> ImportReport {
    import_with(
        src,
        &ImportOptions {
            format: Some(format),
            ..ImportOptions::default()
        },
    )
}

/// Reads a file with explicit options.
pub fn import_with(src: &str, options: &ImportOptions) -> ImportReport {
    let entries = records(src);
    let mut report = ImportReport {
        format: options.format.or_else(|| {
            entries
                .iter()
                .find_map(|e| e.value.as_ref().ok())
                .map(detect_value)
        }),
        ..ImportReport::default()
    };
    let Some(format) = report.format else {
        report
            .errors
            .extend(entries.into_iter().filter_map(|e| e.value.err()));
        return report;
    };
    for entry in entries {
        let line = entry.line;
        if let Ok(Some(workspace)) = entry.value.as_ref().map(|v| v.get(WORKSPACE_KEY)) {
            // From text, like every record the page stores: one deserializer of the settings.
            match serde_json::from_str(&workspace.to_string()) {
                Ok(workspace) => report.workspace = Some(workspace),
                Err(e) => report.errors.push(LineError {
                    line,
                    message: format!(
                        "the workspace settings are unreadable: {}",
                        json_message(&e)
                    ),
                }),
            }
            continue;
        }
        let parsed = entry.value.and_then(|value| {
            match format {
                Format::Raqim => super::raqim::parse(value),
                Format::Doccano => super::doccano::parse(value, options.doccano_offsets),
                Format::LabelStudio => super::label_studio::parse(value),
            }
            .map_err(|message| LineError { line, message })
        });
        match parsed {
            Ok(parsed) => {
                for target in parsed.targets {
                    report.add_target(target);
                }
                for (article, annotator) in parsed.articles {
                    for span in &article.spans {
                        if !report.labels.contains(&span.label) {
                            report.labels.push(span.label.clone());
                        }
                    }
                    report.items.push(Imported {
                        article,
                        line,
                        annotator,
                    });
                }
            }
            Err(e) => report.errors.push(e),
        }
    }
    report
}

/// The format of a file, judged by its first record that parses.
pub fn detect(src: &str) -> Option<Format> {
    records(src)
        .into_iter()
        .find_map(|e| e.value.ok())
        .map(|v| detect_value(&v))
}

fn detect_value(v: &Value) -> Format {
    let has = |k: &str| v.get(k).is_some();
    if has("data") || has("annotations") || has("predictions") {
        return Format::LabelStudio;
    }
    if has("tokens") || has("meta") || has("spans") || has("rejected") || has(WORKSPACE_KEY) {
        return Format::Raqim;
    }
    // Label Studio's JSON_MIN: `label: [{start, end, text, labels}]`.
    let min = v
        .get("label")
        .and_then(Value::as_array)
        .and_then(|l| l.first())
        .is_some_and(|r| r.get("labels").is_some());
    if min {
        return Format::LabelStudio;
    }
    if has("label") || has("labels") || has("entities") {
        return Format::Doccano;
    }
    Format::Raqim
}

/// One record of a file, parsed as JSON or not.
pub(crate) struct Entry {
    pub line: usize,
    pub value: Result<Value, LineError>,
}

/// Splits a file into records: a JSON array's elements, one multi-line JSON object, or JSONL.
pub(crate) fn records(src: &str) -> Vec<Entry> {
    let body = src.trim_start_matches('\u{FEFF}');
    let leading = &body[..body.len() - body.trim_start().len()];
    let first_line = 1 + leading.matches('\n').count();
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return Vec::new();
    }
    if trimmed.starts_with('[') {
        return match split_array(body) {
            Ok(elements) => elements
                .into_iter()
                .map(|(line, text)| Entry {
                    line,
                    value: parse_json(text, line),
                })
                .collect(),
            Err(e) => vec![Entry {
                line: e.line,
                value: Err(e),
            }],
        };
    }
    // One pretty-printed object (a single Label Studio task, say).
    if trimmed.contains('\n') {
        if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(trimmed) {
            return vec![Entry {
                line: first_line,
                value: Ok(value),
            }];
        }
    }
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Entry {
            line: i + 1,
            value: parse_json(l, i + 1),
        })
        .collect()
}

/// Parses one record; a syntax error is reported on its own line.
fn parse_json(text: &str, line: usize) -> Result<Value, LineError> {
    match serde_json::from_str::<Value>(text) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(LineError {
            line,
            message: "not a JSON object".into(),
        }),
        Err(e) => Err(LineError {
            line: line + e.line().saturating_sub(1),
            message: json_message(&e),
        }),
    }
}

/// serde_json's message without its position (the line is reported separately).
pub(crate) fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    if e.is_syntax() || e.is_eof() {
        format!("not valid JSON (column {}): {message}", e.column())
    } else {
        message.to_owned()
    }
}

/// The elements of a top-level JSON array, each with the line it starts on. Only the array's
/// own structure is checked here (brackets, strings, commas); each element is parsed later, so
/// one broken element does not hide the others.
pub(crate) fn split_array(src: &str) -> Result<Vec<(usize, &str)>, LineError> {
    let bytes = src.as_bytes();
    let mut line = 1;
    let mut i = 0;
    let skip_ws = |i: &mut usize, line: &mut usize| {
        while *i < bytes.len() && (bytes[*i] as char).is_ascii_whitespace() {
            if bytes[*i] == b'\n' {
                *line += 1;
            }
            *i += 1;
        }
    };
    skip_ws(&mut i, &mut line);
    if bytes.get(i) != Some(&b'[') {
        return Err(LineError {
            line,
            message: "expected a JSON array".into(),
        });
    }
    i += 1;
    let mut out = Vec::new();
    loop {
        skip_ws(&mut i, &mut line);
        match bytes.get(i) {
            Some(b']') if out.is_empty() => {
                i += 1;
                break;
            }
            None => {
                return Err(LineError {
                    line,
                    message: "the JSON array is not closed".into(),
                })
            }
            _ => {}
        }
        let (start, start_line) = (i, line);
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' {
                line += 1;
            }
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => depth -= 1,
                    b',' | b']' if depth == 0 => break,
                    _ => {}
                }
            }
            i += 1;
        }
        if i >= bytes.len() {
            return Err(LineError {
                line: start_line,
                message: if in_string {
                    "a string in this record is not closed".into()
                } else {
                    "the JSON array is not closed".into()
                },
            });
        }
        out.push((start_line, src[start..i].trim_end()));
        let closing = bytes[i] == b']';
        i += 1;
        if closing {
            break;
        }
    }
    skip_ws(&mut i, &mut line);
    if i < bytes.len() {
        return Err(LineError {
            line,
            message: "text after the end of the JSON array".into(),
        });
    }
    Ok(out)
}

/// Whether `s` is a SHA-256 in hex.
pub(crate) fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// An article for a text that arrived without its original file (doccano, Label Studio): its
/// identity is `sha256` if the file carries Raqim's, else the SHA-256 of the text in UTF-8 —
/// the identity the same text dropped as a UTF-8 file gets.
pub(crate) fn text_article(
    text: String,
    file: Option<String>,
    sha256: Option<&str>,
) -> Result<Article, String> {
    let sha256 = match sha256 {
        Some(s) if is_sha256(s) => s.to_ascii_lowercase(),
        Some(s) => return Err(format!("“{s}” is not a SHA-256")),
        None => sha256_hex(text.as_bytes()),
    };
    let id = ArticleId::from_sha256(&sha256);
    let bytes = text.len();
    Ok(Article {
        file: file.unwrap_or_else(|| format!("{id}.txt")),
        id,
        sha256,
        encoding: "UTF-8".into(),
        bytes,
        replaced: 0,
        chars: text.chars().count(),
        text,
        status: Status::New,
        spans: Vec::new(),
        zones: Vec::new(),
        stances: Default::default(),
        speakers: Vec::new(),
        history: History::default(),
        added_ms: 0,
    })
}

/// Sorts an imported article's lists and checks the invariants the workspace relies on: spans
/// and zones inside the text, sorted and never overlapping; speaker stances on entity spans.
pub(crate) fn settle(article: &mut Article) -> Result<(), String> {
    article.sort_spans();
    article.sort_zones();
    article.sort_speakers();
    let chars = article.chars;
    let range = |what: &str, start: usize, end: usize| {
        if start < end && end <= chars {
            Ok(())
        } else {
            Err(format!(
                "{what} {start}–{end} is not a range of the text ({chars} characters)"
            ))
        }
    };
    for s in &article.spans {
        range("span", s.start, s.end)?;
        if s.label.trim().is_empty() {
            return Err(format!("span {}–{} has no label", s.start, s.end));
        }
    }
    for w in article.spans.windows(2) {
        if w[1].start < w[0].end {
            return Err(format!(
                "spans {}–{} and {}–{} overlap (Raqim keeps spans flat)",
                w[0].start, w[0].end, w[1].start, w[1].end
            ));
        }
    }
    for z in &article.zones {
        range("zone", z.start, z.end)?;
    }
    for w in article.zones.windows(2) {
        if w[1].start < w[0].end {
            return Err(format!(
                "zones {}–{} and {}–{} overlap",
                w[0].start, w[0].end, w[1].start, w[1].end
            ));
        }
    }
    for sp in &article.speakers {
        let on_entity = article
            .spans
            .iter()
            .any(|s| s.start == sp.start && s.end == sp.end && s.state.is_entity());
        if !on_entity {
            return Err(format!(
                "speaker stance at {}–{} is not on an entity span",
                sp.start, sp.end
            ));
        }
    }
    Ok(())
}

/// Whether `slice` (the text at a span's offsets) is the text a file says the span has. Label
/// Studio writes newlines inside a region's text as the two characters `\n`.
pub(crate) fn same_text(slice: &str, claimed: &str) -> bool {
    slice == claimed || (slice.contains('\n') && slice.replace('\n', "\\n") == claimed)
}

/// An article of `text` (file `a.txt`) with analyst spans `(start, end, label)`: the fixture the
/// formats' unit tests build on.
#[cfg(test)]
pub(crate) fn test_article(text: &str, spans: &[(usize, usize, &str)]) -> Article {
    let mut a = text_article(text.into(), Some("a.txt".into()), None).unwrap();
    a.spans = spans
        .iter()
        .map(|&(s, e, l)| crate::span::Span::analyst(s, e, l))
        .collect();
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_elements_keep_their_lines() {
        let src = "[\n  {\"a\": \"x,]\\\"\"},\n  {\"b\": [1,\n 2]}\n]\n";
        let parts = split_array(src).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], (2, "{\"a\": \"x,]\\\"\"}"));
        assert_eq!(parts[1].0, 3);
        assert_eq!(split_array("[]").unwrap(), vec![]);
        assert_eq!(split_array("[\n{\"a\": 1}\n").unwrap_err().line, 2);
        assert_eq!(split_array("[{\"a\": \"1}]").unwrap_err().line, 1);
        assert!(split_array("[1] x").is_err());
    }

    #[test]
    fn syntax_errors_name_their_line() {
        let entries = records("{\"text\": \"a\"}\n\n{\"text\": }\n[1]\n");
        assert_eq!(entries.len(), 3);
        assert!(entries[0].value.is_ok());
        let e = entries[1].value.as_ref().unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("not valid JSON"), "{}", e.message);
        assert_eq!(entries[2].value.as_ref().unwrap_err().line, 4);
        // Inside an array element, the line of the error itself.
        let entries = records("[\n{\"text\": \"a\"},\n{\"text\":\n  ,}\n]");
        assert_eq!(entries[1].value.as_ref().unwrap_err().line, 4);
    }

    #[test]
    fn detection() {
        assert_eq!(
            detect("{\"text\": \"x\", \"label\": [[0, 1, \"PER\"]]}"),
            Some(Format::Doccano)
        );
        assert_eq!(
            detect("[{\"data\": {\"text\": \"x\"}, \"annotations\": []}]"),
            Some(Format::LabelStudio)
        );
        assert_eq!(
            detect("[{\"text\": \"x\", \"label\": [{\"start\": 0, \"end\": 1, \"labels\": [\"PER\"]}]}]"),
            Some(Format::LabelStudio)
        );
        assert_eq!(
            detect("not json\n{\"text\": \"x\", \"meta\": {}, \"spans\": []}"),
            Some(Format::Raqim)
        );
        assert_eq!(detect(""), None);
        assert_eq!(detect("nonsense"), None);
    }
}
