//! `raqim convert` and `raqim agree` end to end.

mod support;

use std::path::PathBuf;

use support::{raqim, scratch, stdout};

const ARTICLE: &str = "🇮🇶 قال وزير الخارجية فؤاد حسين 👍🏽 إن الولايات المتحدة ستغادر بغداد.\nوالتقى وفد من حزب الله في بيروت.\n";

/// An annotated article as Raqim JSONL (through `annotate`, then `convert --to raqim`).
fn exported(dir: &std::path::Path) -> PathBuf {
    let txt = dir.join("a.txt");
    std::fs::write(&txt, ARTICLE).unwrap();
    let annotated = dir.join("annotated.jsonl");
    std::fs::write(
        &annotated,
        stdout(&raqim(&["annotate", txt.to_str().unwrap()])),
    )
    .unwrap();
    let out = raqim(&["convert", "--to", "raqim", annotated.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export = dir.join("export.jsonl");
    std::fs::write(&export, stdout(&out)).unwrap();
    export
}

#[test]
fn convert_round_trips_every_format() {
    let dir = scratch("convert");
    let export = exported(&dir);
    let export_text = std::fs::read_to_string(&export).unwrap();
    let record: serde_json::Value = serde_json::from_str(export_text.trim()).unwrap();
    assert!(record["spans"].as_array().unwrap().len() >= 3, "{record}");
    assert_eq!(record["id"].as_str().unwrap().len(), 16);

    // Raqim → Raqim is byte-identical.
    assert_eq!(
        stdout(&raqim(&[
            "convert",
            "--to",
            "raqim",
            export.to_str().unwrap()
        ])),
        export_text
    );
    // doccano and Label Studio come back as the same Raqim spans, and go out the same again.
    for (fmt, name) in [("doccano", "d.jsonl"), ("label-studio", "ls.json")] {
        let out = stdout(&raqim(&["convert", "--to", fmt, export.to_str().unwrap()]));
        let path = dir.join(name);
        std::fs::write(&path, &out).unwrap();
        let back = stdout(&raqim(&[
            "convert",
            "--to",
            "raqim",
            path.to_str().unwrap(),
        ]));
        let back: serde_json::Value = serde_json::from_str(back.trim()).unwrap();
        let bounds = |v: &serde_json::Value| -> Vec<(u64, u64, String)> {
            v["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["start"].as_u64().unwrap(),
                        s["end"].as_u64().unwrap(),
                        s["label"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        };
        assert_eq!(bounds(&back), bounds(&record), "{fmt}");
        let path2 = dir.join(format!("back-{name}"));
        std::fs::write(&path2, back.to_string()).unwrap();
        assert_eq!(
            stdout(&raqim(&["convert", "--to", fmt, path2.to_str().unwrap()])),
            out,
            "{fmt}"
        );
    }
    let conll = stdout(&raqim(&[
        "convert",
        "--to",
        "conll",
        export.to_str().unwrap(),
    ]));
    assert!(conll.starts_with("-DOCSTART- -X- O O\n\n"), "{conll}");
    assert!(
        conll.contains("و\tO\nالتقى\tO") || conll.contains("والتقى\tO"),
        "{conll}"
    );
    assert!(
        conll.contains("الولايات\tB-GPE\nالمتحدة\tI-GPE\n"),
        "{conll}"
    );
    let config = stdout(&raqim(&["convert", "--to", "label-studio-config"]));
    assert!(config.starts_with("<View>") && config.contains("stance_us_presence_iraq"));
}

#[test]
fn convert_reports_bad_lines_and_keeps_the_rest() {
    let dir = scratch("bad");
    let export = std::fs::read_to_string(exported(&dir)).unwrap();
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, format!("{export}{{\"text\": 3}}\n\n{export}")).unwrap();
    let out = raqim(&["convert", "--to", "doccano", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.jsonl:2: invalid type"), "{err}");
    // The same article twice from one file: kept once (its annotation is the same).
    assert_eq!(stdout(&out).lines().count(), 1);
    let usage = raqim(&["convert", "--to", "pdf", bad.to_str().unwrap()]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn agree_compares_two_annotators() {
    let dir = scratch("agree");
    let export = exported(&dir);
    let text = std::fs::read_to_string(&export).unwrap();
    let mut record: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    let n = record["spans"].as_array().unwrap().len();
    record["spans"].as_array_mut().unwrap().pop();
    let bob = dir.join("bob.jsonl");
    std::fs::write(&bob, format!("{record}\n")).unwrap();
    let out = raqim(&[
        "agree",
        export.to_str().unwrap(),
        bob.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let exact = &v[0]["agreement"]["overall"]["exact"];
    assert_eq!(exact["matched"].as_u64(), Some(n as u64 - 1));
    assert_eq!(v[0]["b"], "bob");
    let table = stdout(&raqim(&[
        "agree",
        export.to_str().unwrap(),
        bob.to_str().unwrap(),
    ]));
    assert!(
        table.contains("A = export, B = bob") && table.contains("only A"),
        "{table}"
    );
    let one = raqim(&["agree", export.to_str().unwrap()]);
    assert_eq!(one.status.code(), Some(2));
}
