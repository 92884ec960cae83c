//! The `raqim` binary end to end: annotate → eval, rules export → import, errors and help.

mod support;

use support::{raqim, scratch, stdout};

use raqim_engine::rules::RulePack;

#[test]
fn annotate_then_eval_against_itself() {
    let dir = scratch("annotate");
    let article = dir.join("a.txt");
    std::fs::write(
        &article,
        "وصل وفد من والولايات المتحدة إلى بغداد لبحث «حزب الله»\n",
    )
    .unwrap();
    let out = raqim(&["annotate", article.to_str().unwrap()]);
    assert!(out.status.success());
    let line = stdout(&out);
    let record: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON line");
    assert_eq!(record["meta"]["file"], "a.txt");
    assert_eq!(record["meta"]["encoding"], "UTF-8");
    let spans = record["spans"].as_array().unwrap();
    let first = &spans[0];
    assert_eq!(first["text"], "الولايات المتحدة");
    assert_eq!(first["label"], "GPE");
    assert_eq!(first["source"], "gaz:gpe-countries");
    let tokens = record["tokens"].as_array().unwrap();
    let (ts, te) = (
        first["token_start"].as_u64().unwrap() as usize,
        first["token_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(tokens[ts]["start"], first["start"]);
    assert_eq!(tokens[te]["end"], first["end"]);
    assert!(spans.iter().any(|s| s["text"] == "حزب الله"));

    // --stats: the same run, counted on stderr; stdout unchanged.
    let counted = raqim(&["annotate", "--stats", article.to_str().unwrap()]);
    assert_eq!(stdout(&counted), line);
    let stderr = String::from_utf8_lossy(&counted.stderr);
    let stats: serde_json::Value = serde_json::from_str(stderr.trim()).expect("one JSON line");
    assert_eq!(stats["files"], 1);
    assert_eq!(stats["spans"], spans.len());
    assert_eq!(stats["bytes"], std::fs::read(&article).unwrap().len());
    assert!(stats["suggest_ms"].as_f64().unwrap() > 0.0);

    // The annotation scored against itself is perfect, exact and relaxed.
    let pred = dir.join("pred.jsonl");
    std::fs::write(&pred, &line).unwrap();
    let out = raqim(&[
        "eval",
        "--gold",
        pred.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
        "--json",
    ]);
    assert!(out.status.success());
    let scores: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(scores["exact"]["overall"]["f1"], 1.0);
    assert_eq!(scores["relaxed"]["overall"]["f1"], 1.0);
    assert_eq!(scores["records"]["matched"], 1);
    let table = stdout(&raqim(&[
        "eval",
        "--gold",
        pred.to_str().unwrap(),
        "--pred",
        pred.to_str().unwrap(),
    ]));
    assert!(
        table.contains("overall") && table.contains("GPE"),
        "{table}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn export_reimports_cleanly_and_bad_lines_are_reported() {
    let out = raqim(&["rules", "export"]);
    assert!(out.status.success());
    let (pack, errors) = RulePack::from_jsonl("export", &stdout(&out));
    assert!(errors.is_empty(), "{errors:?}");
    assert!(pack.len() > 1000);

    let dir = scratch("export");
    let user = dir.join("mine.jsonl");
    std::fs::write(
        &user,
        "{\"label\": \"ORG\", \"pattern\": \"مجلس التنسيق الرباعي\"}\nnot json\n",
    )
    .unwrap();
    let out = raqim(&[
        "rules",
        "export",
        "--no-default-pack",
        "--rules",
        user.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "{\"label\":\"ORG\",\"pattern\":\"مجلس التنسيق الرباعي\"}\n"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mine.jsonl:2: not valid JSON"), "{stderr}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn help_and_usage_errors() {
    let out = raqim(&["--help"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("raqim annotate FILE..."));
    for bad in [
        &["bogus"][..],
        &["annotate"],
        &["eval", "--gold"],
        &["rules"],
        &["annotate", "--frobnicate"],
    ] {
        let out = raqim(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("--help"),
            "{bad:?}"
        );
    }
    let missing = raqim(&["annotate", "/nonexistent/raqim.txt"]);
    assert_eq!(missing.status.code(), Some(1));
}
