//! Label Studio JSON: a list of tasks, each `{"data": {"text", …}, "annotations": [{"result": […]}]}`.
//!
//! # Offsets are code points, not UTF-16
//!
//! Label Studio runs in the browser, so one might expect JavaScript (UTF-16) offsets in
//! `value.start`/`value.end`. That was true of early versions (Label Studio issue #1347, 2021:
//! offsets after an emoji were one too many), and was fixed by label-studio-frontend PR #308
//! ("Store code points instead of js length", merged in 2022). Current Label Studio converts
//! every DOM offset to code points before storing a region: in
//! `web/libs/editor/src/utils/selection-tools.js`, `findGlobalOffset` counts
//! `[...currentNode.textContent].length` (the string's code points), and `charsToCodePoints` /
//! `codePointsToChars` convert at the DOM boundary, documented as "In python and other modern
//! tools complex unicode symbols handled as code points, not UTF chars". Its end-to-end test
//! `web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts` ("Should calculate offsets by code
//! points in text", with and without the `FF_LSDV_4620_3` flag) labels `test` in
//! `"🐱 Warning: This is a test text"` and expects `start: 21, end: 25` — code points (UTF-16
//! would be 22–26). So Raqim **writes code points**, exactly its own offsets. Reading, a region
//! whose `value.text` does not match the text at its code-point offsets but does at the same
//! numbers read as UTF-16 (an export from a Label Studio before the fix) is converted; one that
//! matches neither is refused.
//!
//! # What is written
//!
//! One task per article, in a JSON array (one task per line, so import errors have useful line
//! numbers). `data` holds `text` and Raqim's identity (`file`, `sha256`, and `annotator` for an
//! annotator layer), kept by Label Studio and used on re-import. One annotation per task, whose
//! `result` has a `labels` region per entity span (`from_name` `label`, `to_name` `text`;
//! `origin` is `prediction` for a suggestion nobody reviewed, `manual` otherwise) and a
//! `choices` result per document stance (`from_name` `stance_<target id>`). [`config`] writes the
//! matching labeling configuration. Reading also accepts several annotations per task (one
//! article per annotator, named by `completed_by`), `predictions` when a task has no
//! annotation, and the `JSON_MIN` export. Imported spans are `analyst` spans with source
//! `label-studio`, except regions whose `origin` is `prediction` (and regions of `predictions`),
//! which stay `suggested`.

use serde_json::{json, Map, Value};

use super::import::{same_text, settle, text_article, Parsed};
use crate::article::Article;
use crate::span::{Span, SpanState};
use crate::stance::{Stance, Target};
use crate::text::{slice_chars, CharIndex, Utf16Index};
use crate::workspace::Settings;

/// The `from_name` of stance choices toward `target`.
pub fn stance_control(target: &str) -> String {
    format!("stance_{target}")
}

/// One article as a Label Studio task.
pub fn task(article: &Article) -> Value {
    let chars = CharIndex::new(&article.text);
    let mut result: Vec<Value> = article
        .spans
        .iter()
        .filter(|s| s.state.is_entity())
        .enumerate()
        .map(|(i, s)| {
            json!({
                "id": format!("s{i}"),
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "origin": if s.state == SpanState::Suggested { "prediction" } else { "manual" },
                "value": {
                    "start": s.start,
                    "end": s.end,
                    "text": chars.slice(s.start, s.end),
                    "labels": [s.label],
                },
            })
        })
        .collect();
    result.extend(article.stances.iter().map(|(target, stance)| {
        json!({
            "id": format!("stance-{target}"),
            "from_name": stance_control(target),
            "to_name": "text",
            "type": "choices",
            "origin": "manual",
            "value": {"choices": [stance.as_str()]},
        })
    }));
    let mut data = json!({
        "text": article.text,
        "file": article.file,
        "sha256": article.sha256,
    });
    if let Some(annotator) = super::merge::annotator_of(&article.id) {
        data["annotator"] = Value::String(annotator.to_owned());
    }
    json!({"data": data, "annotations": [{"result": result}]})
}

/// The articles as a Label Studio JSON task list (one task per line), ending in `\n`.
pub fn json<'a>(articles: impl IntoIterator<Item = &'a Article>) -> String {
    let mut out = String::new();
    let mut written = 0;
    for article in articles {
        push_task(article, written, &mut out);
        written += 1;
    }
    close_tasks(written, &mut out);
    out
}

/// Appends `article`'s task to a task list being written that holds `written` tasks so far.
pub(crate) fn push_task(article: &Article, written: usize, out: &mut String) {
    out.push_str(if written == 0 { "[\n" } else { ",\n" });
    out.push_str(&task(article).to_string());
}

/// Ends a task list of `written` tasks ([`push_task`]).
pub(crate) fn close_tasks(written: usize, out: &mut String) {
    out.push_str(if written == 0 { "[]\n" } else { "\n]\n" });
}

fn xml_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The Label Studio labeling configuration for the workspace's labels and stance targets:
/// import it with the tasks and the regions and choices show up as Raqim wrote them.
pub fn config(settings: &Settings) -> String {
    let mut out = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
    for l in &settings.labels {
        out.push_str(&format!(
            "    <Label value=\"{}\" background=\"{}\"/>\n",
            xml_attr(&l.name),
            xml_attr(&l.color)
        ));
    }
    out.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n");
    for t in &settings.targets {
        out.push_str(&format!(
            "  <Header value=\"{}\"/>\n  <Choices name=\"{}\" toName=\"text\" choice=\"single\" showInline=\"true\">\n",
            xml_attr(&t.name),
            xml_attr(&stance_control(&t.id))
        ));
        for s in Stance::ALL {
            out.push_str(&format!("    <Choice value=\"{}\"/>\n", s.as_str()));
        }
        out.push_str("  </Choices>\n");
    }
    out.push_str("</View>\n");
    out
}

/// Reads a Label Studio export.
pub fn import(src: &str) -> super::ImportReport {
    super::import_as(src, super::Format::LabelStudio)
}

/// Who made an annotation, from its `completed_by` (a user id, or a user object).
fn annotator(completed_by: Option<&Value>) -> Option<String> {
    match completed_by? {
        Value::Number(n) => Some(format!("user-{n}")),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Object(o) => o
            .get("email")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| o.get("id").map(|id| format!("user-{id}"))),
        _ => None,
    }
}

/// Reads one region's offsets as code points, checking them against its `text` if it has one.
fn region_bounds(
    article: &Article,
    index: &Utf16Index,
    value: &Map<String, Value>,
) -> Result<(usize, usize), String> {
    let num = |k: &str| {
        value
            .get(k)
            .and_then(Value::as_u64)
            .map(|n| n as usize)
            .ok_or_else(|| format!("a region has no numeric `{k}`"))
    };
    let (start, end) = (num("start")?, num("end")?);
    let Some(claimed) = value.get("text").and_then(Value::as_str) else {
        return Ok((start, end));
    };
    if end <= article.chars && same_text(slice_chars(&article.text, start, end), claimed) {
        return Ok((start, end));
    }
    // A Label Studio from before the code-point fix counted UTF-16 units.
    let (s, e) = (index.to_code_point(start), index.to_code_point(end));
    if index.to_utf16(s) == start
        && index.to_utf16(e) == end
        && end <= index.len_utf16()
        && same_text(slice_chars(&article.text, s, e), claimed)
    {
        return Ok((s, e));
    }
    Err(format!(
        "region {start}–{end} says “{claimed}” but the text there is “{}”",
        slice_chars(&article.text, start, end)
    ))
}

/// Applies a list of results (regions and choices) to `article`.
fn apply_results(
    article: &mut Article,
    results: &[Value],
    state: SpanState,
    targets: &mut Vec<Target>,
) -> Result<(), String> {
    let index = Utf16Index::new(&article.text);
    for r in results {
        let kind = r.get("type").and_then(Value::as_str).unwrap_or("");
        let empty = Map::new();
        let value = r.get("value").and_then(Value::as_object).unwrap_or(&empty);
        match kind {
            "labels" => {
                let labels: Vec<&str> = value
                    .get("labels")
                    .and_then(Value::as_array)
                    .map(|l| l.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let [label] = labels[..] else {
                    return Err(format!(
                        "a region has {} labels; a Raqim span has exactly one",
                        labels.len()
                    ));
                };
                let (start, end) = region_bounds(article, &index, value)?;
                // A pre-annotation nobody reviewed stays a suggestion.
                let origin = r.get("origin").and_then(Value::as_str);
                article.spans.push(Span {
                    source: "label-studio".into(),
                    state: if origin == Some("prediction") {
                        SpanState::Suggested
                    } else {
                        state
                    },
                    ..Span::analyst(start, end, label)
                });
            }
            "hypertextlabels" => {
                return Err("HyperText regions are not supported: label plain Text".into())
            }
            "choices" => {
                let from = r.get("from_name").and_then(Value::as_str).unwrap_or("");
                let target = from.strip_prefix("stance_").unwrap_or(from);
                let chosen = value
                    .get("choices")
                    .and_then(Value::as_array)
                    .and_then(|c| c.first())
                    .and_then(Value::as_str);
                if let Some(stance) = Stance::ALL.into_iter().find(|s| Some(s.as_str()) == chosen) {
                    if !target.is_empty() {
                        article.stances.insert(target.to_owned(), stance);
                        targets.push(Target {
                            id: target.to_owned(),
                            name: target.to_owned(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// One task → one article per annotation.
pub(crate) fn parse(value: Value) -> Result<Parsed, String> {
    let Some(data) = value.get("data") else {
        return parse_min(&value);
    };
    let text = match data.get("text") {
        Some(Value::String(t)) => t.clone(),
        _ => {
            // A config with another `$name`: the one string in `data`.
            let strings: Vec<&str> = data
                .as_object()
                .map(|o| o.values().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            match strings[..] {
                [only] => only.to_owned(),
                _ => return Err("the task has no `data.text`".into()),
            }
        }
    };
    let file = data
        .get("file")
        .or_else(|| value.get("file_upload"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let base = text_article(text, file, data.get("sha256").and_then(Value::as_str))?;
    let layer = data
        .get("annotator")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut parsed = Parsed::default();
    let list = |key: &str| -> Vec<&Value> {
        value
            .get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default()
    };
    let annotations: Vec<&Value> = list("annotations")
        .into_iter()
        .filter(|a| a.get("was_cancelled").and_then(Value::as_bool) != Some(true))
        .collect();
    let results = |a: &Value| -> Vec<Value> {
        a.get("result")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    if annotations.is_empty() {
        let mut a = base.clone();
        if let Some(p) = list("predictions").first() {
            apply_results(
                &mut a,
                &results(p),
                SpanState::Suggested,
                &mut parsed.targets,
            )?;
        }
        settle(&mut a)?;
        parsed.articles.push((a, layer.clone()));
    }
    for ann in annotations {
        let mut a = base.clone();
        apply_results(
            &mut a,
            &results(ann),
            SpanState::Analyst,
            &mut parsed.targets,
        )?;
        settle(&mut a)?;
        let who = annotator(ann.get("completed_by")).or_else(|| layer.clone());
        parsed.articles.push((a, who));
    }
    Ok(parsed)
}

/// Label Studio's `JSON_MIN` export: `{"text", "<labels name>": [{start, end, text, labels}],
/// "<choices name>": "favor", "annotator"}`.
fn parse_min(value: &Value) -> Result<Parsed, String> {
    let obj = value.as_object().ok_or("not a task")?;
    let text = obj
        .get("text")
        .and_then(Value::as_str)
        .ok_or("the task has neither `data` nor `text`")?;
    let mut a = text_article(
        text.to_owned(),
        obj.get("file").and_then(Value::as_str).map(str::to_owned),
        obj.get("sha256").and_then(Value::as_str),
    )?;
    let mut results = Vec::new();
    for (key, v) in obj {
        match v {
            Value::Array(regions) if regions.iter().all(|r| r.get("labels").is_some()) => {
                results.extend(
                    regions
                        .iter()
                        .map(|r| json!({"type": "labels", "value": r})),
                );
            }
            Value::String(choice) if key != "text" => results.push(json!({
                "type": "choices", "from_name": key, "value": {"choices": [choice]},
            })),
            _ => {}
        }
    }
    let mut parsed = Parsed::default();
    apply_results(&mut a, &results, SpanState::Analyst, &mut parsed.targets)?;
    settle(&mut a)?;
    let who = obj
        .get("annotator")
        .and_then(Value::as_str)
        .map(str::to_owned);
    parsed.articles.push((a, who));
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::import::test_article as article;

    type Spans<'a> = &'a [(usize, usize, &'a str)];

    #[test]
    fn code_point_offsets_round_trip() {
        let cases: [(&str, Spans); 3] = [
            ("زار فؤاد حسين بغداد", &[(4, 13, "PER"), (14, 19, "GPE")]),
            (
                "🇮🇶 قال فؤاد حسين 👍🏽 في بغداد",
                &[(7, 16, "PER"), (23, 28, "GPE")],
            ),
            // Label Studio's own e2e fixture: `test` at 21–25.
            ("🐱 Warning: This is a test text", &[(21, 25, "MISC")]),
        ];
        for (text, spans) in cases {
            let mut a = article(text, spans);
            a.stances.insert("t".into(), Stance::Neutral);
            let out = json([&a]);
            let v: Value = serde_json::from_str(&out).unwrap();
            let result = v[0]["annotations"][0]["result"].as_array().unwrap();
            for (r, &(s, e, _)) in result.iter().zip(spans) {
                assert_eq!(
                    (r["value"]["start"].as_u64(), r["value"]["end"].as_u64()),
                    (Some(s as u64), Some(e as u64))
                );
                assert_eq!(r["value"]["text"], slice_chars(text, s, e));
            }
            assert_eq!(result.last().unwrap()["from_name"], "stance_t");
            let report = import(&out);
            let back = crate::formats::read_back(&report, &a, spans);
            assert_eq!(back.stances, a.stances);
            assert_eq!(json([back]), out);
        }
    }

    #[test]
    fn legacy_utf16_regions_several_annotators_and_json_min() {
        // Before the fix, `test` in the same fixture was stored at 22–26.
        let src = r#"[{"id": 7, "data": {"text": "🐱 Warning: This is a test text"},
  "annotations": [
    {"completed_by": {"id": 1, "email": "anna@x"}, "result": [{"type": "labels", "from_name": "label", "to_name": "text", "value": {"start": 22, "end": 26, "text": "test", "labels": ["MISC"]}}]},
    {"completed_by": 2, "result": [{"type": "labels", "value": {"start": 21, "end": 25, "text": "test", "labels": ["ORG"]}}]},
    {"completed_by": 3, "was_cancelled": true, "result": []}
  ]}]"#;
        let report = import(src);
        assert!(report.is_clean(), "{:?}", report.errors);
        assert_eq!(report.items.len(), 2);
        assert_eq!(report.items[0].annotator.as_deref(), Some("anna@x"));
        assert_eq!(report.items[1].annotator.as_deref(), Some("user-2"));
        for item in &report.items {
            assert_eq!(
                (item.article.spans[0].start, item.article.spans[0].end),
                (21, 25)
            );
        }
        let min = r#"[{"id": 1, "text": "قال فؤاد حسين", "label": [{"start": 4, "end": 13, "text": "فؤاد حسين", "labels": ["PER"]}], "stance_t": "favor", "annotator": "bob@x"}]"#;
        let report = import(min);
        assert!(report.is_clean(), "{:?}", report.errors);
        assert_eq!(report.items[0].annotator.as_deref(), Some("bob@x"));
        assert_eq!(report.items[0].article.stances["t"], Stance::Favor);
    }

    #[test]
    fn broken_tasks_are_reported_by_line() {
        let src = "[\n{\"data\": {\"text\": \"بغداد\"}, \"annotations\": []},\n{\"data\": {\"text\": \"بغداد\"}, \"annotations\": [{\"result\": [{\"type\": \"labels\", \"value\": {\"start\": 0, \"end\": 5, \"text\": \"دمشق\", \"labels\": [\"GPE\"]}}]}]},\n{\"data\": {\"text\": \"x\"} \"annotations\": []},\n{\"data\": {}},\n{\"data\": {\"text\": \"دمشق\"}, \"predictions\": [{\"result\": [{\"type\": \"labels\", \"value\": {\"start\": 0, \"end\": 4, \"labels\": [\"GPE\", \"LOC\"]}}]}]},\n{\"data\": {\"text\": \"دمشق\"}, \"predictions\": [{\"result\": [{\"type\": \"labels\", \"value\": {\"start\": 0, \"end\": 4, \"labels\": [\"GPE\"]}}]}]}\n]";
        let report = import(src);
        let lines: Vec<usize> = report.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5, 6], "{:?}", report.errors);
        assert_eq!(report.items.len(), 2);
        assert_eq!(report.items[1].article.spans[0].state, SpanState::Suggested);
    }

    #[test]
    fn config_names_every_label_and_target() {
        let c = config(&Settings::default());
        assert!(c.contains("<Label value=\"PER\""));
        assert!(c.contains("name=\"stance_us_presence_iraq\""));
        assert!(c.contains("<Choice value=\"unrelated\"/>"));
    }
}
