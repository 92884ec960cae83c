//! The engine on the five fixture articles, scored against their gold annotations
//! (`../shared/fixtures`, or `$RAQIM_SHARED/fixtures`).
//!
//! The fixtures are a development set, not a target: the packs are never tuned to their strings,
//! and the engine is judged on unseen articles. The floors below are what the engine reaches
//! today minus a margin, so a regression fails here while honest changes that trade a little
//! are free to land. Run with `--nocapture` to see the table.

mod engine_support;

use engine_support::fixtures;
use std::path::PathBuf;

use raqim_engine::decode::decode;
use raqim_engine::rules::eval::{evaluate, parse_records, EvalSpan, Record};
use raqim_engine::Engine;

/// Overall exact-span F1 and precision the engine must keep.
const FLOOR_F1: f64 = 0.93;
const FLOOR_PRECISION: f64 = 0.94;

#[test]
fn fixture_articles_score_above_the_floor() {
    let engine = Engine::default();
    let mut gold = Vec::new();
    let mut pred = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures().join("articles"))
        .expect("fixture articles")
        .map(|e| e.expect("directory entry").path())
        .collect();
    names.sort();
    for path in names {
        let text = decode(&std::fs::read(&path).expect("article"))
            .expect("decodable")
            .text;
        let gold_path = fixtures()
            .join("gold")
            .join(path.with_extension("json").file_name().expect("name"));
        let src = std::fs::read_to_string(&gold_path).expect("gold file");
        let mut record = parse_records(&src).expect("gold parses").remove(0);
        record.text = Some(text.clone());
        gold.push(record);
        let spans = engine
            .suggest(&text)
            .spans
            .into_iter()
            .map(|s| EvalSpan {
                start: s.start,
                end: s.end,
                label: s.label,
            })
            .collect();
        pred.push(Record {
            name: path.display().to_string(),
            text: Some(text),
            hashes: Vec::new(),
            spans,
        });
    }
    assert_eq!(gold.len(), 5);
    let report = evaluate(&gold, &pred, engine.tokenizer());
    println!("{}", report.table());
    assert_eq!(report.matched, 5);
    let overall = report.exact.overall();
    assert!(
        overall.f1() >= FLOOR_F1,
        "exact F1 {:.3} fell below {FLOOR_F1}",
        overall.f1()
    );
    assert!(
        overall.precision() >= FLOOR_PRECISION,
        "exact precision {:.3} fell below {FLOOR_PRECISION}",
        overall.precision()
    );
    assert!(
        report.relaxed.overall().f1() >= overall.f1(),
        "relaxed can only forgive"
    );
}
