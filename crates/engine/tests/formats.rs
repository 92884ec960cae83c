//! Exports, imports and team merges on a realistic workspace: the five fixture articles
//! (`../shared/fixtures`, or `$RAQIM_SHARED/fixtures`) with the engine's suggestions reviewed
//! the way an analyst would, plus an article with emoji and flags, whose UTF-16 offsets differ
//! from its code points.

mod engine_support;

use engine_support::fixtures;
use std::path::PathBuf;

use raqim_engine::decode::decode;
use raqim_engine::formats::import::{import_with, ImportOptions, Offsets};
use raqim_engine::formats::merge::{self, Policy};
use raqim_engine::formats::{adjudicate, agreement, conll, doccano, import, label_studio, Format};
use raqim_engine::stance::Stance;
use raqim_engine::text::Utf16Index;
use raqim_engine::workspace::Settings;
use raqim_engine::{Article, Edit, Engine, SpanState, Status, Workspace};

const EMOJI: &str =
    "🇮🇶 قال وزير الخارجية فؤاد حسين 👍🏽 إن الولايات المتحدة ستغادر بغداد.\n😀 المصدر: رويترز";

/// The fixture workspace: suggestions on every article; the first accepted wholesale, one
/// suggestion rejected in the second, stances and a speaker stance, statuses of every kind.
fn workspace(engine: &Engine) -> Workspace {
    let mut ws = Workspace::default();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures().join("articles"))
        .expect("fixture articles")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let mut files: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect();
    files.push(("emoji.txt".into(), EMOJI.as_bytes().to_vec()));
    for (name, bytes) in files {
        let article = Article::new(&name, &bytes, decode(&bytes).unwrap(), 0);
        let id = article.id.clone();
        let s = engine.suggest(&article.text);
        ws.apply(Edit::AddArticle {
            article: Box::new(article),
        })
        .unwrap();
        ws.apply(Edit::Suggest {
            article: id,
            spans: s.spans,
            zones: s.zones,
        })
        .unwrap();
    }
    let ids: Vec<_> = ws.articles.iter().map(|a| a.id.clone()).collect();
    ws.apply(Edit::AcceptAll {
        article: ids[0].clone(),
    })
    .unwrap();
    ws.apply(Edit::SetStatus {
        article: ids[0].clone(),
        status: Status::Done,
    })
    .unwrap();
    let first = ws.articles[1].spans[0].clone();
    ws.apply(Edit::Reject {
        article: ids[1].clone(),
        start: first.start,
        end: first.end,
    })
    .unwrap();
    let per = ws.articles[0]
        .spans
        .iter()
        .find(|s| s.label == "PER")
        .cloned()
        .expect("a person");
    for (i, stance) in [
        Stance::Against,
        Stance::Neutral,
        Stance::Against,
        Stance::Unrelated,
    ]
    .into_iter()
    .enumerate()
    {
        ws.apply(Edit::SetStance {
            article: ids[i].clone(),
            target: "us_presence_iraq".into(),
            stance: Some(stance),
        })
        .unwrap();
    }
    ws.apply(Edit::SetSpeakerStance {
        article: ids[0].clone(),
        start: per.start,
        end: per.end,
        target: "us_presence_iraq".into(),
        stance: Some(Stance::Against),
        evidence: Some("قال".into()),
    })
    .unwrap();
    let emoji = ws.articles.last().unwrap();
    assert!(
        emoji
            .spans
            .iter()
            .any(|s| Utf16Index::new(&emoji.text).to_utf16(s.start) != s.start),
        "the emoji article has spans after astral characters: {:?}",
        emoji.spans
    );
    ws
}

fn bounds(a: &Article) -> Vec<(usize, usize, String)> {
    a.spans
        .iter()
        .filter(|s| s.state.is_entity())
        .map(|s| (s.start, s.end, s.label.to_string()))
        .collect()
}

#[test]
fn every_format_round_trips() {
    let engine = Engine::default();
    let ws = workspace(&engine);
    let tok = engine.tokenizer();
    let settings = &ws.settings;

    // Raqim: export → import → export, byte for byte.
    let first = raqim_engine::export::jsonl(&ws.articles, settings, tok);
    let report = import(&first);
    assert!(report.is_clean(), "{:?}", report.errors);
    assert_eq!(report.format, Some(Format::Raqim));
    assert_eq!(
        raqim_engine::export::jsonl(report.articles(), settings, tok),
        first
    );
    // Everything but the explanations (not exported) and the undo history comes back.
    for (a, b) in ws.articles.iter().zip(report.articles()) {
        let mut spans = a.spans.clone();
        spans.iter_mut().for_each(|s| s.explanation = None);
        assert_eq!(
            (&spans, &a.zones, &a.stances, &a.speakers, a.status),
            (&b.spans, &b.zones, &b.stances, &b.speakers, b.status)
        );
        assert_eq!(
            (&a.id, &a.sha256, &a.file, &a.encoding, &a.text),
            (&b.id, &b.sha256, &b.file, &b.encoding, &b.text)
        );
    }

    // doccano and Label Studio: the same entities come back, and a second export is identical.
    type Writer = fn(&[Article]) -> String;
    let cases: [(&str, Writer); 2] = [
        ("doccano", |a| doccano::jsonl(a)),
        ("label-studio", |a| label_studio::json(a)),
    ];
    for (name, write) in cases {
        let out = write(&ws.articles);
        let report = import(&out);
        assert!(report.is_clean(), "{name}: {:?}", report.errors);
        let back: Vec<Article> = report.articles().cloned().collect();
        assert_eq!(back.len(), ws.articles.len(), "{name}");
        for (a, b) in ws.articles.iter().zip(&back) {
            assert_eq!(a.id, b.id, "{name}");
            assert_eq!(bounds(a), bounds(b), "{name} {}", a.file);
            assert_eq!(a.stances, b.stances, "{name}");
        }
        assert_eq!(write(&back), out, "{name}");
    }

    // doccano counts UTF-16 units, Label Studio code points: on the emoji article they differ.
    let emoji = ws.articles.last().unwrap();
    let span = emoji.spans.iter().rfind(|s| s.state.is_entity()).unwrap();
    let index = Utf16Index::new(&emoji.text);
    let d: serde_json::Value = serde_json::from_str(&doccano::line(emoji)).unwrap();
    let last = d["label"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        last[0].as_u64().unwrap() as usize,
        index.to_utf16(span.start)
    );
    assert_ne!(index.to_utf16(span.start), span.start);
    let t = label_studio::task(emoji);
    let regions = t["annotations"][0]["result"].as_array().unwrap();
    let region = regions.iter().rfind(|r| r["type"] == "labels").unwrap();
    assert_eq!(
        region["value"]["start"].as_u64().unwrap() as usize,
        span.start
    );

    // CoNLL: one document per article; valid IOB2; as many entities as spans.
    let text = conll::conll(&ws.articles, tok);
    let docs: Vec<&str> = text.split(conll::DOCSTART).skip(1).collect();
    assert_eq!(docs.len(), ws.articles.len());
    for (doc, a) in docs.iter().zip(&ws.articles) {
        let mut previous = "O".to_owned();
        let mut entities = 0;
        for line in doc.lines().filter(|l| !l.is_empty()) {
            let (token, tag) = line.split_once('\t').expect("token<TAB>tag");
            assert!(!token.is_empty() && !tag.contains('\t'), "{line:?}");
            if let Some(label) = tag.strip_prefix("I-") {
                assert!(
                    previous == format!("B-{label}") || previous == format!("I-{label}"),
                    "{line:?} after {previous}"
                );
            } else if tag.starts_with("B-") {
                entities += 1;
            } else {
                assert_eq!(tag, "O");
            }
            previous = tag.to_owned();
        }
        assert_eq!(entities, bounds(a).len(), "{}", a.file);
    }
}

#[test]
fn malformed_lines_are_reported_and_nothing_changes_until_applied() {
    let engine = Engine::default();
    let ws = workspace(&engine);
    let export = raqim_engine::export::jsonl(&ws.articles, &ws.settings, engine.tokenizer());
    let mut lines: Vec<String> = export.lines().map(str::to_owned).collect();
    let cut = lines[1]
        .char_indices()
        .nth(lines[1].chars().count() / 2)
        .unwrap()
        .0;
    lines[1].truncate(cut); // cut short, as by a failed copy
    lines[3] = lines[3].replacen("\"text\":\"", "\"text\":\"X", 1); // the text no longer matches the spans
    lines.insert(5, String::new());
    let src = lines.join("\n");
    let report = import(&src);
    let errors: Vec<usize> = report.errors.iter().map(|e| e.line).collect();
    assert_eq!(errors, [2, 4], "{:?}", report.errors);
    assert_eq!(report.items.len(), ws.articles.len() - 2);
    assert_eq!(report.items.last().unwrap().line, 7);

    // The plan is computed on the side: the workspace is untouched until its edits are applied.
    let before = ws.clone();
    let plan = merge::plan(&ws, &report.items, Policy::KeepTheirs, "other");
    assert_eq!(ws, before);
    assert!(plan
        .outcomes
        .iter()
        .all(|o| matches!(o, merge::Outcome::Unchanged(_))));
    assert!(plan.edits.is_empty());
}

#[test]
fn two_annotators_merge_agree_and_adjudicate() {
    let engine = Engine::default();
    let anna = workspace(&engine);
    // Bob's machine: the same articles; he relabels one span, drops another and disagrees on a
    // stance. He works in Label Studio, whose export names him.
    let mut bob = anna.clone();
    let ids: Vec<_> = bob.articles.iter().map(|a| a.id.clone()).collect();
    let relabel = bob.articles[0]
        .spans
        .iter()
        .find(|s| s.label == "GPE")
        .cloned()
        .unwrap();
    bob.apply(Edit::Relabel {
        article: ids[0].clone(),
        start: relabel.start,
        end: relabel.end,
        label: "LOC".into(),
    })
    .unwrap();
    let drop = bob.articles[2]
        .spans
        .iter()
        .find(|s| s.state == SpanState::Suggested)
        .cloned()
        .unwrap();
    bob.apply(Edit::RemoveSpan {
        article: ids[2].clone(),
        start: drop.start,
        end: drop.end,
    })
    .unwrap();
    bob.apply(Edit::SetStance {
        article: ids[1].clone(),
        target: "us_presence_iraq".into(),
        stance: Some(Stance::Against),
    })
    .unwrap();
    let tasks = label_studio::json(&bob.articles).replace(
        "\"annotations\":[{",
        "\"annotations\":[{\"completed_by\":{\"id\":2,\"email\":\"bob@example.org\"},",
    );

    let report = import(&tasks);
    assert!(report.is_clean(), "{:?}", report.errors);
    assert_eq!(
        report.items[0].annotator.as_deref(),
        Some("bob@example.org")
    );
    let (team, plan) = merge::merged(&anna, &report.items, Policy::Both, "bob");
    let layered = plan
        .outcomes
        .iter()
        .filter(|o| matches!(o, merge::Outcome::Layered(_)))
        .count();
    // Label Studio carries spans and stances, not rejections, zones, speakers or statuses, so
    // every article differs somewhere and gets a layer.
    assert_eq!(layered, anna.articles.len());
    assert_eq!(merge::primary(&team).count(), anna.articles.len());

    let by = agreement::annotators(&team, "anna");
    assert_eq!(by.keys().collect::<Vec<_>>(), ["anna", "bob-example.org"]);
    let r = agreement::agreement(
        by["anna"].iter().copied(),
        by["bob-example.org"].iter().copied(),
    );
    assert_eq!(r.articles.len(), anna.articles.len());
    let total: usize = anna.articles.iter().map(|a| bounds(a).len()).sum();
    assert_eq!(r.exact.a, total);
    assert_eq!(r.exact.b, total - 1);
    assert_eq!(r.exact.matched, total - 2);
    assert_eq!(r.overlap.matched, total - 2);
    // Stance: 4 labelled articles, one differs (neutral vs against).
    // p_o = 3/4; anna: against 2, neutral 1, unrelated 1; bob: against 3, unrelated 1;
    // p_e = (2·3 + 1·0 + 1·1)/16 = 7/16; κ = (12/16 − 7/16)/(9/16) = 5/9.
    let k = r.stance["us_presence_iraq"];
    assert_eq!(k.n, 4);
    assert!((k.kappa.unwrap() - 5.0 / 9.0).abs() < 1e-12, "{k:?}");
    let kinds: Vec<&str> = r
        .articles
        .iter()
        .flat_map(|a| a.disagreements.iter().map(|d| d.kind()))
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "label").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "only A").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "stance").count(), 1);

    // Adjudicate the first article in bob's favour, keep anna's elsewhere.
    let a0 = &team.articles[0];
    let b0 = team
        .article(&merge::layer_id(&a0.id, "bob@example.org"))
        .unwrap();
    let adj = adjudicate::adjudicate(a0, b0);
    assert_eq!(adj.conflicts.len(), 1);
    let done =
        adjudicate::resolve(a0, b0, &adj, &[adjudicate::Pick::B], &Default::default()).unwrap();
    assert!(done
        .spans
        .iter()
        .any(|s| s.start == relabel.start && s.label == "LOC"));
    assert_eq!(
        done.speakers, a0.speakers,
        "anna's speaker stance is on a span both kept"
    );
    let mut after = team.clone();
    for e in merge::replace(&team, done.clone()) {
        after.apply(e).unwrap();
    }
    after
        .apply(Edit::RemoveArticle { id: b0.id.clone() })
        .unwrap();
    let exported = raqim_engine::export::jsonl(
        merge::primary(&after),
        &Settings::default(),
        engine.tokenizer(),
    );
    assert!(exported.contains("\"label\":\"LOC\""));
    assert_eq!(exported.lines().count(), anna.articles.len());
}

#[test]
fn doccano_files_from_python_tools() {
    // Code-point offsets, as a Python script writes them, are read with `Offsets::CodePoints`;
    // read as UTF-16 (the default) the same numbers land elsewhere or split a character.
    let start = EMOJI[..EMOJI.find("بغداد").unwrap()].chars().count();
    let line = format!(
        "{{\"text\": {}, \"label\": [[{start}, {}, \"GPE\"]]}}",
        serde_json::to_string(EMOJI).unwrap(),
        start + 5
    );
    let code_points = import_with(
        &line,
        &ImportOptions {
            doccano_offsets: Offsets::CodePoints,
            ..Default::default()
        },
    );
    let a = &code_points.items[0].article;
    assert_eq!(a.spans[0].text(&a.text), "بغداد");
    let utf16 = import_with(&line, &ImportOptions::default());
    assert!(utf16
        .items
        .first()
        .is_none_or(|i| i.article.spans[0].text(&i.article.text) != "بغداد"));
}
