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
    assert_eq!(json, r#"{"edit":"select","id":"abc"}"#);
    assert_eq!(serde_json::from_str::<Edit>(&json).unwrap(), edit);
}
