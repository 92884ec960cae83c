//! Table-driven engine tests: every row of `data/engine_cases.tsv` (format in its header) runs
//! against every engine configuration it names — the default pack, the default pack plus a user
//! pack, the default pack plus learned rules — and every failing row is reported at once.
//! Every output, expected or not, is also checked for the span invariants.

mod engine_support;

use engine_support::{assert_table, check_invariants, table_rows};
use raqim_engine::rules::{LearnedKind, LearnedRule, RulePack};
use raqim_engine::text::slice_chars;
use raqim_engine::Engine;

const TABLE: &str = include_str!("data/engine_cases.tsv");
const USER_PACK: &str = include_str!("data/engine_user_pack.jsonl");

fn learned_rules() -> Vec<LearnedRule> {
    vec![
        LearnedRule {
            pattern: "زياد الفرحان".into(),
            label: "PER".into(),
            kind: LearnedKind::Entity,
        },
        LearnedRule {
            pattern: "موسكو".into(),
            label: "GPE".into(),
            kind: LearnedKind::Suppress,
        },
        LearnedRule {
            pattern: "الخرطوم".into(),
            label: "GPE".into(),
            kind: LearnedKind::Suppress,
        },
    ]
}

fn configurations() -> Vec<(&'static str, Engine)> {
    let (user, errors) = RulePack::from_jsonl("user", USER_PACK);
    assert_eq!(errors.len(), 1, "the user pack's one bad line: {errors:?}");
    assert_eq!(errors[0].line, 4);
    vec![
        ("default", Engine::default()),
        ("user", Engine::builder().pack(user).build()),
        (
            "learned",
            Engine::builder().learned(&learned_rules()).build(),
        ),
        ("unexplained", Engine::builder().explain(false).build()),
    ]
}

fn unescape(s: &str) -> String {
    s.replace("\\n", "\n").replace("\\t", "\t")
}

fn check_row(engine: &Engine, explained: bool, text: &str, expected: &str) -> Result<(), String> {
    let s = engine.suggest(text);
    check_invariants(text, &s, explained)?;
    let got: Vec<String> = s
        .spans
        .iter()
        .map(|sp| format!("{}={}", sp.label, slice_chars(text, sp.start, sp.end)))
        .collect();
    let want: Vec<String> = match expected.trim() {
        "-" => Vec::new(),
        e => e.split(" | ").map(|p| p.trim().to_owned()).collect(),
    };
    if got != want {
        return Err(format!("got {got:?}, expected {want:?}"));
    }
    Ok(())
}

#[test]
fn engine_table() {
    let configs = configurations();
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in table_rows(TABLE) {
        rows += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        let [which, text, expected, ..] = cols[..] else {
            failures.push(format!(
                "line {n}: needs configs, text and expected columns"
            ));
            continue;
        };
        let text = unescape(text);
        for (name, engine) in &configs {
            if which != "*" && !which.split(',').any(|w| w.trim() == *name) {
                continue;
            }
            if let Err(e) = check_row(engine, *name != "unexplained", &text, expected) {
                failures.push(format!("line {n} [{name}] {text:?}: {e}"));
            }
        }
    }
    assert_table(rows, 30, &failures);
}

#[test]
fn explanations_name_the_rule_and_the_clitic() {
    let text = "وقال إن والولايات المتحدة لن تغادر";
    let s = Engine::default().suggest(text);
    let span = &s.spans[0];
    assert_eq!(span.source, "gaz:gpe-countries");
    assert_eq!(span.id.as_deref(), Some("usa"));
    let why = span.explanation.as_deref().unwrap_or_default();
    assert!(why.starts_with("gazetteer GPE «الولايات المتحدة»"), "{why}");
    assert!(why.ends_with("matched after removing و"), "{why}");
}

#[test]
fn an_unexplained_engine_suggests_the_same_spans_without_explanations() {
    let text = "وقال إن والولايات المتحدة لن تغادر قاعدة عين الأسد في الأنبار قبل أيلول 2026";
    let explained = Engine::default().suggest(text);
    let unexplained = Engine::builder().explain(false).build().suggest(text);
    assert!(explained.spans.iter().all(|s| s.explanation.is_some()));
    let stripped: Vec<_> = explained
        .spans
        .into_iter()
        .map(|s| raqim_engine::Span {
            explanation: None,
            ..s
        })
        .collect();
    assert!(stripped.len() >= 3, "{stripped:?}");
    assert_eq!(unexplained.spans, stripped);
    assert_eq!(unexplained.tokens, explained.tokens);
}

#[test]
fn learning_is_cheap_and_shares_the_pack() {
    let engine = Engine::default();
    let taught = engine.with_learned(&learned_rules());
    assert!(format!("{taught:?}").contains("learned_rules: 3"));
    // Forgetting every rule gives back the default behaviour.
    let text = "سافر الوفد إلى موسكو";
    assert!(taught.suggest(text).spans.is_empty());
    assert_eq!(taught.with_learned(&[]).suggest(text), engine.suggest(text));
}
