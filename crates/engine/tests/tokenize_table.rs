//! Table-driven tokenizer tests: every row of `data/tokens.tsv` (format in its header) is
//! tokenized with the default tokenizer; pieces, kinds, offsets, `ws` flags and coverage are
//! checked, and every failing row is reported at once.

mod engine_support;

use engine_support::{assert_table, table_rows};
use raqim_engine::text::{slice_chars, Token, TokenKind, Tokenizer};

const TABLE: &str = include_str!("data/tokens.tsv");

/// Resolves `\n \r \t \\ \u{XXXX}` escapes.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                let code = u32::from_str_radix(&hex, 16).expect("bad \\u{} escape");
                out.push(char::from_u32(code).expect("bad code point"));
            }
            other => panic!("unknown escape \\{other:?} in {s:?}"),
        }
    }
    out
}

fn kind_letter(kind: TokenKind) -> char {
    match kind {
        TokenKind::Word => 'W',
        TokenKind::Proclitic => 'C',
        TokenKind::Number => 'N',
        TokenKind::Punct => 'P',
        TokenKind::Latin => 'L',
        TokenKind::Symbol => 'S',
    }
}

/// Structural invariants of any tokenization: sorted, non-empty, non-overlapping tokens that
/// cover every non-whitespace character, with `ws` exactly when whitespace follows.
fn check_invariants(text: &str, tokens: &[Token]) -> Result<(), String> {
    let chars: Vec<char> = text.chars().collect();
    let mut covered = vec![false; chars.len()];
    let mut prev_end = 0;
    for t in tokens {
        if t.start >= t.end || t.start < prev_end || t.end > chars.len() {
            return Err(format!("bad token range {t:?} after {prev_end}"));
        }
        prev_end = t.end;
        covered[t.start..t.end].iter_mut().for_each(|c| *c = true);
        let followed_by_space = chars.get(t.end).is_some_and(|c| c.is_whitespace());
        if t.ws != followed_by_space {
            return Err(format!("ws flag wrong on {t:?}"));
        }
        if chars[t.start..t.end].iter().any(|c| c.is_whitespace()) {
            return Err(format!("whitespace inside {t:?}"));
        }
    }
    match chars
        .iter()
        .zip(&covered)
        .position(|(c, &cov)| !cov && !c.is_whitespace())
    {
        Some(i) => Err(format!("character {i} ({:?}) is in no token", chars[i])),
        None => Ok(()),
    }
}

/// Checks one table row; returns a description of what went wrong.
fn check_row(tokenizer: &Tokenizer, line: &str) -> Result<(), String> {
    let mut cols = line.split('\t');
    let input = unescape(cols.next().unwrap_or_default());
    let expected: Vec<String> = cols
        .next()
        .ok_or("missing expected tokens column")?
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(unescape)
        .collect();
    let kinds = cols.next().filter(|k| !k.starts_with('#')).map(str::trim);

    let tokens = tokenizer.tokenize(&input);
    check_invariants(&input, &tokens)?;
    let pieces: Vec<&str> = tokens
        .iter()
        .map(|t| slice_chars(&input, t.start, t.end))
        .collect();
    if pieces != expected {
        return Err(format!("tokens {pieces:?}, expected {expected:?}"));
    }
    if let Some(kinds) = kinds {
        let got: String = tokens.iter().map(|t| kind_letter(t.kind)).collect();
        if got != kinds {
            return Err(format!("kinds {got}, expected {kinds} for {pieces:?}"));
        }
    }
    Ok(())
}

fn rows() -> impl Iterator<Item = (usize, &'static str)> {
    table_rows(TABLE)
}

#[test]
fn token_table() {
    let tokenizer = Tokenizer::default();
    let failures: Vec<String> = rows()
        .filter_map(|(n, line)| {
            check_row(&tokenizer, line)
                .err()
                .map(|e| format!("line {n}: {e}"))
        })
        .collect();
    assert_table(rows().count(), 40, &failures);
}

#[test]
fn the_harness_catches_mistakes() {
    let tokenizer = Tokenizer::default();
    assert!(check_row(&tokenizer, "وبغداد\tوبغداد").is_err());
    assert!(check_row(&tokenizer, "وبغداد\tو بغداد\tWW").is_err());
    assert!(check_row(&tokenizer, "وبغداد\tو بغداد\tCW").is_ok());
    let bad_ws = [Token {
        start: 0,
        end: 1,
        ws: false,
        kind: TokenKind::Word,
    }];
    assert!(check_invariants("a b", &bad_ws).is_err());
    let gap = [Token {
        start: 0,
        end: 1,
        ws: true,
        kind: TokenKind::Word,
    }];
    assert!(check_invariants("a b", &gap).is_err());
}

#[test]
fn lexicon_additions_change_splits() {
    let mut tokenizer = Tokenizer::default();
    let pieces = |t: &Tokenizer| {
        let text = "وإيران ولإسرائيل";
        t.tokenize(text)
            .iter()
            .map(|t| slice_chars(text, t.start, t.end).to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(pieces(&tokenizer), ["وإيران", "ولإسرائيل"]);
    tokenizer.lexicon_mut().extend(["إيران", "اسرائيل"]);
    assert_eq!(pieces(&tokenizer), ["و", "إيران", "ول", "إسرائيل"]);
    assert!(tokenizer.lexicon().contains("ايران"));
}

/// Throughput of `Tokenizer::tokenize` on the five sample articles repeated to about 10 MB.
/// Run with `cargo test -p raqim-engine --release --test tokenize_table -- --ignored --nocapture`
/// (`RAQIM_SAMPLES=<dir>` reads the articles from elsewhere).
#[test]
#[ignore = "timing, run on demand in release mode"]
fn throughput() {
    let dir = std::env::var_os("RAQIM_SAMPLES").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/samples"),
        Into::into,
    );
    let mut sample = String::new();
    for entry in std::fs::read_dir(&dir).expect("public/samples") {
        sample += &std::fs::read_to_string(entry.unwrap().path()).unwrap();
    }
    let text = sample.repeat(10_000_000 / sample.len() + 1);
    let tokenizer = Tokenizer::default();
    let started = std::time::Instant::now();
    let tokens = tokenizer.tokenize(&text);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} MB, {} tokens in {:.3} s: {:.0} MB/s",
        text.len() / 1_000_000,
        tokens.len(),
        secs,
        text.len() as f64 / 1e6 / secs
    );
}
