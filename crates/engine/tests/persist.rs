//! Storage: every schema version Raqim ever wrote loads (from real fixtures), damaged storage
//! gives back every valid record and says what it could not, and two tabs' edits merge.

use std::collections::BTreeMap;
use std::path::PathBuf;

use raqim_engine::decode::decode;
use raqim_engine::persist::{
    self, keys, merge_meta, migrate_v1, rebase_article, recover, stores, Applied, BackupState,
    Damage, MetaRecord, Raw, RawStores, Rescue, Sequenced, META_SCHEMA, READABLE, SCHEMA,
};
use raqim_engine::rules::{LearnedKind, LearnedRule};
use raqim_engine::{Article, ArticleId, Edit, SpanState, Status, Workspace};
use serde_json::Value;

fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/persist")
        .join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(data(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A `localStorage` dump as `(key, value)` pairs.
fn local_storage(path: &str) -> Vec<(String, String)> {
    let map: BTreeMap<String, Value> = serde_json::from_str(&read(path)).unwrap();
    map.into_iter()
        .map(|(k, v)| {
            let v = match v {
                Value::String(s) => s,
                other => other.to_string(),
            };
            (k, v)
        })
        .collect()
}

/// An IndexedDB dump (`{"meta": {key: string}, "articles": {…}, "texts": {…}}`) as raw stores.
fn idb_dump(path: &str) -> RawStores {
    let dump: BTreeMap<String, BTreeMap<String, Value>> =
        serde_json::from_str(&read(path)).unwrap();
    let raw = |v: &Value| match v {
        Value::String(s) => Raw::Text(s.clone()),
        other => Raw::Other(format!("a JSON value {other}")),
    };
    let store = |name: &str| -> Vec<(String, Raw)> {
        dump.get(name)
            .map(|m| m.iter().map(|(k, v)| (k.clone(), raw(v))).collect())
            .unwrap_or_default()
    };
    RawStores {
        meta: dump
            .get(stores::META)
            .and_then(|m| m.get(stores::META_KEY))
            .map(raw),
        articles: store(stores::ARTICLES),
        texts: store(stores::TEXTS),
    }
}

/// What a workspace holds, written to the stores as the page writes them.
fn stores_of(ws: &Workspace) -> RawStores {
    RawStores {
        meta: Some(Raw::Text(persist::encode_meta(&MetaRecord::of(
            ws, 1, None,
        )))),
        articles: ws
            .articles
            .iter()
            .map(|a| (a.id.0.clone(), Raw::Text(persist::encode_article(a, 1))))
            .collect(),
        texts: ws
            .articles
            .iter()
            .map(|a| (a.id.0.clone(), Raw::Text(a.text.clone())))
            .collect(),
    }
}

fn exported(path: &str) -> Vec<Value> {
    read(path)
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The analyst's decisions in an export record, independent of the tokenizer.
fn decisions(record: &Value) -> Value {
    let spans = |key: &str| -> Vec<Value> {
        record[key]
            .as_array()
            .map(|spans| {
                spans
                    .iter()
                    .map(|s| serde_json::json!([s["start"], s["end"], s["label"], s["state"]]))
                    .collect()
            })
            .unwrap_or_default()
    };
    serde_json::json!({
        "text": record["text"], "file": record["meta"]["file"], "status": record["meta"]["status"],
        "spans": spans("spans"), "rejected": spans("rejected"), "stance": record["stance"],
    })
}

fn export_decisions(ws: &Workspace) -> Vec<Value> {
    let engine = raqim_engine::Engine::default();
    raqim_engine::export::jsonl(&ws.articles, &ws.settings, engine.tokenizer())
        .lines()
        .map(|l| decisions(&serde_json::from_str(l).unwrap()))
        .collect()
}

fn article(text: &str, file: &str) -> Article {
    Article::new(file, text.as_bytes(), decode(text.as_bytes()).unwrap(), 7)
}

#[test]
fn every_readable_schema_version_has_a_fixture() {
    assert_eq!(*READABLE.last().unwrap(), SCHEMA);
    for version in READABLE {
        let dir = data(&format!("schema-v{version}"));
        assert!(
            dir.is_dir(),
            "no fixture for schema {version}: {}",
            dir.display()
        );
    }
}

#[test]
fn schema_v1_migrates_with_every_decision_intact() {
    let migrated = migrate_v1(&local_storage("schema-v1/localStorage.json"));
    assert!(migrated.report.is_clean(), "{:?}", migrated.report);
    assert_eq!(migrated.report.recovered, 5);
    assert_eq!(migrated.lang.as_deref(), Some("ar"));
    let ws = &migrated.workspace;
    let files: Vec<&str> = ws.articles.iter().map(|a| a.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "000_29e9128e34fa29fd.txt",
            "001_fd6a5358d70ec4e1.txt",
            "002_56f66993d4cda13d.txt",
            "003_1c97974decbb7475.txt",
            "004_c8c07972d2a5d857.txt"
        ],
        "the v1 order is kept"
    );
    assert_eq!(ws.selected, Some(ArticleId("f56d7a1a2e3b3d9d".into())));
    let done = &ws.articles[0];
    assert_eq!(done.status, Status::Done);
    assert_eq!(done.history.undo.len(), 4, "the undo history comes along");
    assert!(done.spans.iter().any(|s| s.state == SpanState::Rejected));
    assert_eq!(migrated.meta.migrated_from, Some(1));
    assert_eq!(migrated.meta.order.len(), 5);
    // The same decisions as the v1 page exported.
    assert_eq!(
        export_decisions(ws),
        exported("schema-v1/export.jsonl")
            .iter()
            .map(decisions)
            .collect::<Vec<_>>()
    );
    // And they survive being written as v2 and read back.
    let back = recover(stores_of(ws));
    assert!(back.report.is_clean());
    assert_eq!(&back.workspace, ws);
}

#[test]
fn damaged_schema_v1_recovers_every_readable_article() {
    let migrated = migrate_v1(&local_storage("schema-v1/damaged.json"));
    let r = &migrated.report;
    assert_eq!(r.recovered, 2);
    let mut lost = r.lost.clone();
    lost.sort();
    assert_eq!(
        lost,
        ["1415eb2e8d27dc16", "19db236054e03581", "602054645d2f6880"]
    );
    let kinds: BTreeMap<&str, &str> = r
        .damaged
        .iter()
        .map(|d| (d.key.as_str(), d.damage.kind()))
        .collect();
    assert_eq!(kinds["raqim/article/602054645d2f6880"], "not-json");
    assert_eq!(kinds["raqim/article/19db236054e03581"], "not-json");
    assert_eq!(kinds["raqim/article/1415eb2e8d27dc16"], "future-schema");
    assert_eq!(
        kinds["raqim/broken/raqim/article/0000000000000000"],
        "set-aside-by-v1"
    );
    assert!(!kinds.contains_key("unrelated/key"));
    assert!(r.damaged.iter().all(|d| d.store == "localStorage"));
    assert_eq!(migrated.workspace.articles.len(), 2);
    // The selection survives because its article did.
    assert_eq!(
        migrated.workspace.selected,
        Some(ArticleId("f56d7a1a2e3b3d9d".into()))
    );
}

/// How many articles of an IndexedDB dump have an undo history.
fn with_history(stores: &RawStores) -> usize {
    stores
        .articles
        .iter()
        .filter(|(_, raw)| {
            let Raw::Text(raw) = raw else { return false };
            let record: Value = serde_json::from_str(raw).unwrap();
            record["article"]["history"]["undo"]
                .as_array()
                .is_some_and(|undo| !undo.is_empty())
        })
        .count()
}

#[test]
fn every_indexeddb_schema_fixture_loads_with_its_undo_history() {
    for version in 2..=SCHEMA {
        let dir = format!("schema-v{version}");
        let stores = idb_dump(&format!("{dir}/stores.json"));
        let histories = with_history(&stores);
        assert!(
            histories > 0,
            "{dir}: the fixture has an undo history to test"
        );
        let recovered = recover(stores);
        assert!(recovered.report.is_clean(), "{dir}: {:?}", recovered.report);
        let ws = &recovered.workspace;
        assert!(!ws.articles.is_empty());
        assert_eq!(recovered.report.recovered, ws.articles.len());
        let meta = recovered.meta.as_ref().expect("a meta record");
        assert_eq!(meta.schema, version.min(META_SCHEMA));
        assert!(recovered.revs.values().all(|&rev| rev >= 1));
        assert_eq!(
            export_decisions(ws),
            exported(&format!("{dir}/export.jsonl"))
                .iter()
                .map(decisions)
                .collect::<Vec<_>>(),
            "{dir}"
        );
        // Every stored history came back, and undoes what the analyst did.
        let undoable: Vec<&Article> = ws
            .articles
            .iter()
            .filter(|a| !a.history.undo.is_empty())
            .collect();
        assert_eq!(undoable.len(), histories, "{dir}");
        for article in undoable {
            let mut undone = ws.clone();
            undone
                .apply(Edit::Undo {
                    article: article.id.clone(),
                })
                .unwrap();
            assert_ne!(undone.article(&article.id), Some(article), "{dir}");
        }
    }
}

/// A tab of the previous version, left open across an update, must still be able to read and
/// merge the meta record this version writes (see `META_SCHEMA`).
#[test]
fn the_meta_record_is_still_one_schema_2_reads() {
    let recovered = recover(idb_dump("schema-v3/stores.json"));
    let meta = MetaRecord::of(&recovered.workspace, 7, recovered.meta.as_ref());
    let written: Value = serde_json::from_str(&persist::encode_meta(&meta)).unwrap();
    assert_eq!(written["schema"], 2);
    let v2 = idb_dump("schema-v2/stores.json");
    let Some(Raw::Text(v2_meta)) = &v2.meta else {
        panic!("the v2 fixture has a meta record")
    };
    let v2_meta: Value = serde_json::from_str(v2_meta).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&written), keys(&v2_meta));
    let fields = |v: &Value| keys(&v["settings"]);
    assert_eq!(fields(&written), fields(&v2_meta));
}

#[test]
fn a_schema_v2_journal_is_replayed() {
    let entries: Vec<Sequenced> = read("schema-v2/journal.jsonl")
        .lines()
        .map(|line| persist::decode_entry(line).unwrap())
        .collect();
    assert_eq!(
        entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    let Edit::AddArticle { article } = &entries[0].edit else {
        panic!("{:?}", entries[0].edit)
    };
    assert_eq!(article.chars, article.text.chars().count());
    assert!(
        !article.history.undo.is_empty(),
        "its undo history comes along"
    );
    assert_eq!(entries[1].edit, Edit::Clear);
    assert!(matches!(
        &entries[2].edit,
        Edit::AddSpan { start: 26, end: 31, label, .. } if label.as_str() == "GPE"
    ));
    assert!(matches!(
        &entries[3].edit,
        Edit::SetStance { stance: None, .. }
    ));
    // Written again, they are schema 3 and read back the same.
    for entry in &entries {
        let raw = persist::encode_entry(entry);
        assert!(raw.starts_with(&format!("{{\"schema\":{SCHEMA},")), "{raw}");
        assert!(!raw.contains("\"edit\":{\"edit\"") && !raw.contains("\"patch\":"));
        assert_eq!(&persist::decode_entry(&raw).unwrap(), entry);
    }
    // And replayed, the article is there with its history.
    let mut ws = Workspace::default();
    ws.apply(entries[0].edit.clone()).unwrap();
    ws.apply(Edit::Undo {
        article: article.id.clone(),
    })
    .unwrap();
}

#[test]
fn v2_round_trip_keeps_everything() {
    let mut ws = Workspace::default();
    let a = article("قال وزير الخارجية في بغداد", "a.txt");
    let b = article("دمشق\nسطر آخر", "b.txt");
    let (ida, idb) = (a.id.clone(), b.id.clone());
    ws.apply(Edit::AddArticle {
        article: Box::new(a),
    })
    .unwrap();
    ws.apply(Edit::AddArticle {
        article: Box::new(b),
    })
    .unwrap();
    ws.apply(Edit::AddSpan {
        article: ida.clone(),
        start: 20,
        end: 25,
        label: "GPE".into(),
    })
    .unwrap();
    ws.apply(Edit::SetStatus {
        article: idb.clone(),
        status: Status::Done,
    })
    .unwrap();
    ws.apply(Edit::SetGuidelines {
        text: "قواعدنا".into(),
    })
    .unwrap();
    ws.apply(Edit::Select { id: Some(idb) }).unwrap();
    let back = recover(stores_of(&ws));
    assert!(back.report.is_clean());
    assert_eq!(back.workspace, ws);
    assert_eq!(
        back.workspace.learned.len(),
        1,
        "learned rules are stored now"
    );
    // The record itself does not carry the text.
    let record: Value = serde_json::from_str(&persist::encode_article(&ws.articles[0], 3)).unwrap();
    assert_eq!(record["article"]["text"], "");
    assert_eq!(record["rev"], 3);
    assert_eq!(persist::article_rev(&record.to_string()), Some(3));
}

/// Every way a store can be damaged, in one workspace.
#[test]
fn garbage_is_set_aside_and_every_valid_record_recovered() {
    let texts = [
        "نص سليم أول",
        "نص سليم ثان",
        "سجل مقطوع",
        "سجل من المستقبل",
        "نص مفقود",
        "نص ليس نصاً",
        "طول لا يطابق",
        "نص بلا سجل",
        "سجل تحت مفتاح آخر",
    ];
    let mut ws = Workspace::default();
    for (i, t) in texts.iter().enumerate() {
        ws.apply(Edit::AddArticle {
            article: Box::new(article(t, &format!("{i}.txt"))),
        })
        .unwrap();
    }
    let id = |i: usize| ws.articles[i].id.0.clone();
    let mut raw = stores_of(&ws);
    let set = |list: &mut Vec<(String, Raw)>, key: &str, value: Option<Raw>| {
        let pos = list.iter().position(|(k, _)| k == key).unwrap();
        match value {
            Some(v) => list[pos].1 = v,
            None => {
                list.remove(pos);
            }
        }
    };
    // 2: truncated record → text kept, annotations lost.
    let Raw::Text(full) = raw.articles[2].1.clone() else {
        unreachable!()
    };
    set(
        &mut raw.articles,
        &id(2),
        Some(Raw::Text(full[..full.len() / 2].to_owned())),
    );
    // 3: a record from a future schema.
    let Raw::Text(rec3) = raw.articles[3].1.clone() else {
        unreachable!()
    };
    set(
        &mut raw.articles,
        &id(3),
        Some(Raw::Text(rec3.replacen(
            &format!("\"schema\":{SCHEMA}"),
            "\"schema\":99",
            1,
        ))),
    );
    // 4: its text is gone → lost.
    set(&mut raw.texts, &id(4), None);
    // 5: the text is a number → lost.
    set(&mut raw.texts, &id(5), Some(Raw::Other("a number".into())));
    // 6: the text does not match the record → text kept.
    set(
        &mut raw.texts,
        &id(6),
        Some(Raw::Text("طول مختلف تماماً".into())),
    );
    // 7: no record at all → text kept.
    set(&mut raw.articles, &id(7), None);
    // 8: a record stored under another key.
    let Raw::Text(rec0) = raw.articles[0].1.clone() else {
        unreachable!()
    };
    set(&mut raw.articles, &id(8), Some(Raw::Text(rec0)));
    // and a hand-edited meta record.
    raw.meta = Some(Raw::Text("{\"schema\": 2, \"order\": [1, 2".into()));

    let rec = recover(raw);
    let r = &rec.report;
    assert_eq!(r.recovered, 2, "{r:?}");
    let mut text_only: Vec<String> = r.text_only.iter().map(|i| i.0.clone()).collect();
    text_only.sort();
    let mut expected = vec![id(2), id(3), id(6), id(7), id(8)];
    expected.sort();
    assert_eq!(text_only, expected);
    let mut lost = r.lost.clone();
    lost.sort();
    let mut expected_lost = vec![id(4), id(5)];
    expected_lost.sort();
    assert_eq!(lost, expected_lost);
    assert!(r.meta_lost);
    let kind = |store: &str, key: &str| {
        r.damaged
            .iter()
            .find(|d| d.store == store && d.key == key)
            .map(|d| d.damage.kind())
    };
    assert_eq!(kind("articles", &id(2)), Some("not-json"));
    assert_eq!(kind("articles", &id(3)), Some("future-schema"));
    assert_eq!(kind("articles", &id(4)), Some("text-missing"));
    assert_eq!(kind("texts", &id(5)), Some("not-text"));
    assert_eq!(kind("articles", &id(6)), Some("text-mismatch"));
    assert_eq!(kind("articles", &id(8)), Some("wrong-key"));
    assert_eq!(kind("meta", "workspace"), Some("not-json"));
    // Every recovered article has its text, and the valid ones their annotations.
    assert_eq!(rec.workspace.articles.len(), 7);
    for a in &rec.workspace.articles {
        assert_eq!(a.chars, a.text.chars().count());
    }
    let sound = rec.workspace.article(&ArticleId(id(0))).unwrap();
    assert_eq!(sound.file, "0.txt");
    let rebuilt = rec.workspace.article(&ArticleId(id(7))).unwrap();
    assert_eq!(rebuilt.text, texts[7]);
    assert!(rebuilt.file.starts_with("recovered-"));
    assert!(rec.workspace.selected.is_some());
    // Damage says what happened, in words.
    assert!(Damage::FutureSchema(99)
        .to_string()
        .contains("newer version"));
}

#[test]
fn nothing_stored_is_an_empty_workspace() {
    let rec = recover(RawStores::default());
    assert!(rec.report.is_clean());
    assert_eq!(rec.workspace, Workspace::default());
    assert!(rec.meta.is_none());
}

#[test]
fn a_future_meta_record_is_set_aside() {
    let meta = MetaRecord {
        schema: SCHEMA + 1,
        ..MetaRecord::default()
    };
    let rec = recover(RawStores {
        meta: Some(Raw::Text(persist::encode_meta(&meta))),
        ..RawStores::default()
    });
    assert!(rec.report.meta_lost);
    assert_eq!(
        rec.report.damaged[0].damage,
        Damage::FutureSchema((SCHEMA + 1).into())
    );
}

fn rule(pattern: &str) -> LearnedRule {
    LearnedRule {
        pattern: pattern.into(),
        label: "GPE".into(),
        kind: LearnedKind::Entity,
    }
}

#[test]
fn three_way_meta_merge_keeps_both_tabs_work() {
    let ids = |s: &[&str]| s.iter().map(|s| ArticleId((*s).into())).collect::<Vec<_>>();
    let base = MetaRecord {
        rev: 4,
        order: ids(&["a", "b", "c"]),
        learned: vec![rule("x")],
        ..MetaRecord::default()
    };
    let mut local = base.clone();
    local.order = ids(&["a", "c", "d"]); // removed b, added d
    local.learned.push(rule("mine"));
    local.settings.guidelines = "local guidelines".into();
    local.selected = Some(ArticleId("d".into()));
    local.mark_applied("tab-1", 9, 100);
    let mut stored = base.clone();
    stored.rev = 6;
    stored.order = ids(&["a", "b", "c", "e"]); // the other tab added e
    stored.learned = vec![];
    stored.learned.push(rule("theirs")); // and forgot x
    stored.settings.targets.clear();
    stored
        .applied
        .insert("tab-2".into(), Applied { seq: 3, at_ms: 50 });
    let merged = merge_meta(&base, &local, &stored);
    assert_eq!(merged.order, ids(&["a", "c", "e", "d"]));
    assert_eq!(merged.learned, vec![rule("theirs"), rule("mine")]);
    assert_eq!(
        merged.settings.guidelines, "local guidelines",
        "changed here: ours"
    );
    assert_eq!(merged.selected, Some(ArticleId("d".into())));
    assert_eq!(merged.rev, 6);
    assert_eq!(merged.applied["tab-1"].seq, 9);
    assert_eq!(merged.applied["tab-2"].seq, 3);
    // Settings unchanged here follow the other tab.
    let untouched = merge_meta(&base, &base, &stored);
    assert_eq!(untouched.settings, stored.settings);
}

#[test]
fn two_tabs_editing_one_article_keep_both_edits() {
    let text = "قال وزير الخارجية العراقي في بغداد إن دمشق وعمان تتفقان";
    let base = article(text, "a.txt");
    let id = base.id.clone();
    let settings = raqim_engine::workspace::Settings::default();
    // Tab 1 marks بغداد, tab 2 marks دمشق, each on its own copy of the same record.
    let span = |word: &str| {
        let start = text.chars().collect::<Vec<_>>();
        let w: Vec<char> = word.chars().collect();
        let at = start
            .windows(w.len())
            .position(|win| win == w.as_slice())
            .unwrap();
        (at, at + w.len())
    };
    let (b0, b1) = span("بغداد");
    let (d0, d1) = span("دمشق");
    let tab1 = vec![Edit::AddSpan {
        article: id.clone(),
        start: b0,
        end: b1,
        label: "GPE".into(),
    }];
    let tab2 = vec![
        Edit::AddSpan {
            article: id.clone(),
            start: d0,
            end: d1,
            label: "GPE".into(),
        },
        Edit::SetStatus {
            article: id.clone(),
            status: Status::Done,
        },
    ];
    let after1 = rebase_article(base.clone(), &settings, &[], &tab1).unwrap();
    // Tab 2 commits second and finds tab 1's record: its edits are replayed on it.
    let after2 = rebase_article(after1, &settings, &[], &tab2).unwrap();
    let marked: Vec<(usize, usize)> = after2.spans.iter().map(|s| (s.start, s.end)).collect();
    assert!(
        marked.contains(&(b0, b1)) && marked.contains(&(d0, d1)),
        "{marked:?}"
    );
    assert_eq!(after2.status, Status::Done);
    // Edits for other articles are not replayed; removing the article removes it.
    let other = vec![Edit::SetStatus {
        article: ArticleId("zz".into()),
        status: Status::Done,
    }];
    assert_eq!(
        rebase_article(base.clone(), &settings, &[], &other)
            .unwrap()
            .status,
        Status::New
    );
    let removed = vec![Edit::RemoveArticle { id: id.clone() }];
    assert!(rebase_article(base, &settings, &[], &removed).is_none());
}

#[test]
fn the_journal_replays_only_what_was_not_committed() {
    let entries: Vec<(String, Sequenced)> = (1..=5)
        .rev()
        .map(|seq| {
            let entry = Sequenced {
                seq,
                edit: Edit::Select {
                    id: Some(ArticleId(format!("a{seq}"))),
                },
            };
            // Through the stored form, as the page reads it back.
            let key = persist::journal_key("t1", seq);
            let (tab, s) = persist::parse_journal_key(&key).unwrap();
            assert_eq!((tab, s), ("t1", seq));
            (
                tab.to_owned(),
                persist::decode_entry(&persist::encode_entry(&entry)).unwrap(),
            )
        })
        .chain([(
            "t2".to_owned(),
            Sequenced {
                seq: 1,
                edit: Edit::Clear,
            },
        )])
        .collect();
    let rescues = Rescue::group(entries);
    assert_eq!(rescues.len(), 2);
    let rescue = &rescues[0];
    assert_eq!(rescue.tab, "t1");
    assert_eq!(
        rescue.edits.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(rescue.unapplied(None).len(), 5);
    let mut meta = MetaRecord::default();
    meta.mark_applied("t1", 3, 10);
    meta.mark_applied("other", 99, 11);
    let left = rescue.unapplied(Some(&meta));
    assert_eq!(
        left,
        vec![rescue.edits[3].edit.clone(), rescue.edits[4].edit.clone()]
    );
    assert_eq!(persist::parse_journal_key("raqim/rescue/t1/x"), None);
    assert_eq!(persist::parse_journal_key("raqim/lang"), None);
    assert!(matches!(
        persist::decode_entry("{\"schema\": 2, \"seq\""),
        Err(Damage::NotJson(_))
    ));
    assert!(matches!(
        persist::decode_entry("{\"schema\": 7, \"seq\": 1, \"edit\": {\"edit\": \"clear\"}}"),
        Err(Damage::FutureSchema(7))
    ));
}

#[test]
fn the_applied_map_stays_small() {
    let mut meta = MetaRecord::default();
    for i in 0..100u64 {
        meta.mark_applied(&format!("tab-{i}"), i, i);
    }
    assert_eq!(meta.applied.len(), persist::APPLIED_KEPT);
    assert!(meta.applied.contains_key("tab-99"));
    assert!(!meta.applied.contains_key("tab-0"));
}

#[test]
fn the_backup_reminder_waits_for_real_work() {
    let hour = 3_600_000;
    let mut b = BackupState::default();
    assert!(!b.due(0));
    b.edited(1000);
    assert!(!b.due(1000 + hour));
    assert!(b.due(1000 + 25 * hour), "a day of work not in a backup");
    for _ in 0..persist::BACKUP_AFTER_EDITS {
        b.edited(2000);
    }
    assert!(b.due(2000), "many edits");
    b.snoozed_ms = Some(2000);
    assert!(!b.due(2000 + hour));
    assert!(b.due(2000 + 5 * hour));
    b.backed_up(3000);
    assert!(!b.due(3000 + 100 * hour));
    assert_eq!(b.last_ms, Some(3000));
}

#[test]
fn v1_keys_are_recognised() {
    assert!(keys::is_v1_data("raqim/meta"));
    assert!(keys::is_v1_data("raqim/article/abc"));
    assert!(keys::is_v1_data("raqim/broken/raqim/meta"));
    assert!(!keys::is_v1_data("raqim/schema"));
    assert!(!keys::is_v1_data("raqim/lang"));
    assert!(!keys::is_v1_data("raqim/rescue/t1"));
}
