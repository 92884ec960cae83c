//! Workspace-level edits: adding, selecting, removing, clearing articles.

use raqim_engine::decode::decode;
use raqim_engine::workspace::Refusal;
use raqim_engine::{Article, ArticleId, Edit, Workspace};

fn article(text: &str, file: &str) -> Box<Article> {
    Box::new(Article::new(
        file,
        text.as_bytes(),
        decode(text.as_bytes()).unwrap(),
        0,
    ))
}

#[test]
fn add_select_remove_clear() {
    let mut ws = Workspace::default();
    let a = article("بغداد", "a.txt");
    let b = article("دمشق", "b.txt");
    let (ida, idb) = (a.id.clone(), b.id.clone());
    ws.apply(Edit::AddArticle { article: a }).unwrap();
    ws.apply(Edit::AddArticle { article: b }).unwrap();
    assert_eq!(
        ws.selected,
        Some(ida.clone()),
        "the first article opens by itself"
    );
    ws.apply(Edit::Select {
        id: Some(idb.clone()),
    })
    .unwrap();
    ws.apply(Edit::RemoveArticle { id: idb }).unwrap();
    assert_eq!(
        ws.selected,
        Some(ida),
        "removing the open article opens a neighbour"
    );
    ws.apply(Edit::Clear).unwrap();
    assert!(ws.articles.is_empty() && ws.selected.is_none());
}

#[test]
fn duplicates_are_refused_and_change_nothing() {
    let mut ws = Workspace::default();
    ws.apply(Edit::AddArticle {
        article: article("بغداد", "a.txt"),
    })
    .unwrap();
    let before = ws.clone();
    let refusal = ws.apply(Edit::AddArticle {
        article: article("بغداد", "again.txt"),
    });
    assert_eq!(
        refusal,
        Err(Refusal::Duplicate {
            existing_file: "a.txt".into()
        })
    );
    assert_eq!(ws, before);
}

#[test]
fn edits_round_trip_through_json() {
    let edit = Edit::Select {
        id: Some(ArticleId("abc".into())),
    };
    let json = serde_json::to_string(&edit).unwrap();
    assert_eq!(json, r#"{"select":{"id":"abc"}}"#);
    assert_eq!(serde_json::from_str::<Edit>(&json).unwrap(), edit);
    assert_eq!(serde_json::to_string(&Edit::Clear).unwrap(), r#""clear""#);
    assert_eq!(
        serde_json::from_str::<Edit>(r#""clear""#).unwrap(),
        Edit::Clear
    );
}

/// A full backup (article records, then the workspace line) restores what the records alone
/// cannot carry: guidelines, imported packs, learned rules, label colours and targets — merged,
/// so what the workspace has now stays.
#[test]
fn a_backup_brings_back_settings_and_lessons() {
    use raqim_engine::formats::raqim::{self, workspace_line, WorkspaceLine};
    use raqim_engine::rules::{LearnedKind, LearnedRule};
    use raqim_engine::stance::Target;
    use raqim_engine::text::Tokenizer;
    use raqim_engine::workspace::{LabelDef, UserPack, DEFAULT_GUIDELINES};

    let mut old = Workspace::default();
    old.apply(Edit::AddArticle {
        article: article("قال فؤاد حسين في بغداد", "a.txt"),
    })
    .unwrap();
    let mut labels = old.settings.labels.clone();
    labels.push(LabelDef {
        name: "WEAPON".into(),
        color: "#123456".into(),
    });
    let rule = LearnedRule {
        pattern: "فؤاد حسين".into(),
        label: "PER".into(),
        kind: LearnedKind::Entity,
    };
    old.learned.push(rule.clone());
    let backup_edits = [
        Edit::SetLabels {
            labels,
            renamed: vec![],
            replace_with: None,
        },
        Edit::SetGuidelines {
            text: "PER: full names only.".into(),
        },
        Edit::AddPack {
            pack: UserPack {
                name: "mine.jsonl".into(),
                jsonl: r#"{"label":"ORG","pattern":"كتائب سيد الشهداء"}"#.into(),
            },
        },
        Edit::SetTargets {
            targets: vec![Target {
                id: "iran".into(),
                name: "Iran's role".into(),
            }],
        },
    ];
    for edit in backup_edits {
        old.apply(edit).unwrap();
    }
    let file = raqim::jsonl(&old.articles, &old.settings, &Tokenizer::default())
        + &workspace_line(&old)
        + "\n";

    let report = raqim::import(&file);
    assert!(report.is_clean(), "{:?}", report.errors);
    assert_eq!(report.items.len(), 1);
    let WorkspaceLine { settings, learned } = report.workspace.expect("the workspace line");
    assert_eq!((&settings, &learned), (&old.settings, &old.learned));

    // A fresh workspace gets everything; one with its own guidelines and target keeps them.
    let mut fresh = Workspace::default();
    fresh
        .apply(Edit::RestoreSettings {
            settings: settings.clone(),
            learned: learned.clone(),
        })
        .unwrap();
    assert_eq!(fresh.settings, old.settings);
    assert_eq!(fresh.learned, vec![rule]);
    let mut own = Workspace::default();
    let mine = Target {
        id: "us".into(),
        name: "US forces".into(),
    };
    own.apply(Edit::SetGuidelines {
        text: "my own".into(),
    })
    .unwrap();
    own.apply(Edit::SetTargets {
        targets: vec![mine.clone()],
    })
    .unwrap();
    own.apply(Edit::RestoreSettings { settings, learned })
        .unwrap();
    assert_eq!(own.settings.guidelines, "my own");
    assert_ne!(own.settings.guidelines, DEFAULT_GUIDELINES);
    assert_eq!(own.settings.targets[0], mine);
    assert_eq!(own.settings.targets.len(), 2);
    assert!(own
        .settings
        .labels
        .iter()
        .any(|l| l.name == "WEAPON" && l.color == "#123456"));
    assert_eq!(own.settings.packs.len(), 1);

    // A file with only the workspace line is still read as Raqim JSONL.
    let alone = raqim_engine::formats::import::import(&workspace_line(&old));
    assert!(alone.workspace.is_some() && alone.items.is_empty() && alone.is_clean());

    // A damaged workspace line is an error on its line, in words (no offset into a re-read copy).
    let damaged = workspace_line(&old).replacen("\"labels\":[", "\"labelz\":[", 1);
    let report = raqim_engine::formats::import::import(&damaged);
    assert!(report.workspace.is_none());
    let [error] = &report.errors[..] else {
        panic!("{:?}", report.errors)
    };
    assert_eq!(error.line, 1);
    assert_eq!(
        error.message,
        "the workspace settings are unreadable: missing field `labels`"
    );
}

/// An imported file's labels and stance targets join the workspace's without touching what the
/// analyst set up: new labels get the next palette colours, known ones keep theirs, and a name
/// or id the file repeats is added once.
#[test]
fn adopting_a_files_vocabulary_only_adds() {
    use raqim_engine::stance::Target;
    use raqim_engine::workspace::PALETTE;

    let mut ws = Workspace::default();
    let before = ws.settings.clone();
    let weapon = |id: &str| Target {
        id: id.into(),
        name: "weapons".into(),
    };
    ws.apply(Edit::AdoptVocabulary {
        labels: vec![
            "PER".into(),
            "WEAPON".into(),
            "WEAPON".into(),
            "EVENT".into(),
        ],
        targets: vec![before.targets[0].clone(), weapon("arms"), weapon("arms")],
    })
    .unwrap();
    let names: Vec<&str> = ws.settings.labels.iter().map(|l| l.name.as_str()).collect();
    let old: Vec<&str> = before.labels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, [&old[..], &["WEAPON", "EVENT"]].concat());
    assert_eq!(ws.settings.labels[..old.len()], before.labels[..]);
    let colours: Vec<&str> = ws
        .settings
        .labels
        .iter()
        .map(|l| l.color.as_str())
        .collect();
    let added = &colours[old.len()..];
    assert!(added.iter().all(|c| PALETTE.contains(c)) && added[0] != added[1]);
    assert_eq!(
        ws.settings.targets,
        [before.targets.clone(), vec![weapon("arms")]].concat()
    );
}
