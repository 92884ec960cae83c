//! The JSON line `raqim annotate` writes for one article, written by hand.
//!
//! A line is about nine times the size of the article (every token with its offsets and text),
//! and writing it took longer than suggesting: serde_json escapes strings one byte at a time
//! through a table, and the tokens were first collected into a vector of structs. This writer
//! checks 16 bytes at a time for the three things JSON must escape (`"`, `\`, control
//! characters), copies clean runs whole, and appends to one buffer the caller reuses.
//!
//! The bytes are exactly serde_json's compact form of the same record, keys in alphabetical
//! order as the line has always been written; `tests::same_bytes_as_serde_json` holds it to that.

use raqim_engine::text::{slice_chars, TokenKind};
use raqim_engine::Suggestions;

/// What a line says of the file it came from.
pub struct Meta<'a> {
    pub encoding: &'a str,
    pub file: &'a str,
    pub sha256: &'a str,
}

/// Appends the line for one article, `text`, with what the engine found in it and its
/// newline, to `out`.
pub fn write(out: &mut Vec<u8>, meta: &Meta, text: &str, found: &Suggestions) {
    let Suggestions {
        tokens,
        spans,
        token_bytes,
        ..
    } = found;
    // Token texts are sliced by the byte ranges the tokenizer knew, not by code points.
    let token_text = |i: usize| {
        let (from, to) = token_bytes[i];
        &text[from as usize..to as usize]
    };
    out.extend_from_slice(br#"{"meta":{"encoding":"#);
    string(out, meta.encoding);
    out.extend_from_slice(br#","file":"#);
    string(out, meta.file);
    out.extend_from_slice(br#","sha256":"#);
    string(out, meta.sha256);
    out.extend_from_slice(br#"},"spans":["#);
    for (k, s) in spans.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(br#"{"end":"#);
        number(out, s.end);
        if let Some(id) = &s.id {
            out.extend_from_slice(br#","id":"#);
            string(out, id);
        }
        out.extend_from_slice(br#","label":"#);
        string(out, &s.label);
        out.extend_from_slice(br#","source":"#);
        string(out, &s.source);
        out.extend_from_slice(br#","start":"#);
        number(out, s.start);
        let first = tokens.partition_point(|t| t.end <= s.start);
        let last = tokens
            .partition_point(|t| t.start < s.end)
            .saturating_sub(1);
        out.extend_from_slice(br#","text":"#);
        // Suggested spans begin and end on tokens; anything else is sliced by code points.
        match (tokens.get(first), tokens.get(last)) {
            (Some(a), Some(b)) if a.start == s.start && b.end == s.end => {
                let bytes = (token_bytes[first].0, token_bytes[last].1);
                string(out, &text[bytes.0 as usize..bytes.1 as usize]);
            }
            _ => string(out, slice_chars(text, s.start, s.end)),
        }
        out.extend_from_slice(br#","token_end":"#);
        number(out, last);
        out.extend_from_slice(br#","token_start":"#);
        number(out, first);
        out.push(b'}');
    }
    out.extend_from_slice(br#"],"text":"#);
    string(out, text);
    out.extend_from_slice(br#","tokens":["#);
    for (id, t) in tokens.iter().enumerate() {
        if id > 0 {
            out.push(b',');
        }
        out.extend_from_slice(br#"{"end":"#);
        number(out, t.end);
        out.extend_from_slice(br#","id":"#);
        number(out, id);
        out.extend_from_slice(br#","start":"#);
        number(out, t.start);
        out.extend_from_slice(br#","text":"#);
        if t.kind.is_content() || t.kind == TokenKind::Proclitic {
            verbatim(out, token_text(id));
        } else {
            string(out, token_text(id));
        }
        out.extend_from_slice(if t.ws {
            br#","ws":true}"#
        } else {
            br#","ws":false}"#
        });
    }
    out.extend_from_slice(b"]}\n");
}

/// Whether JSON needs `byte` escaped (serde_json escapes exactly these).
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// `text`, which needs no escape, as a JSON string. Words, numbers, Latin words and proclitics
/// never hold what JSON escapes: their characters are letters, digits, marks, invisible format
/// characters and `.,/:'`, and a control character, quote or backslash is always a token of its
/// own. Most of a line is such tokens, a few bytes each, and testing them byte by byte was a
/// good share of the writer's time.
fn verbatim(out: &mut Vec<u8>, text: &str) {
    debug_assert!(!text.bytes().any(needs_escape), "{text:?}");
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// `text` as a JSON string, quotes included.
fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut clean = 0; // bytes[clean..at] need no escape and are not written yet
    let mut at = 0;
    while at < bytes.len() {
        // A branch-free test of 16 bytes at once, which the compiler turns into vector code.
        if let Some(chunk) = bytes.get(at..at + 16) {
            if !chunk.iter().fold(false, |any, &b| any | needs_escape(b)) {
                at += 16;
                continue;
            }
        }
        let byte = bytes[at];
        if needs_escape(byte) {
            out.extend_from_slice(&bytes[clean..at]);
            escape(out, byte);
            clean = at + 1;
        }
        at += 1;
    }
    out.extend_from_slice(&bytes[clean..]);
    out.push(b'"');
}

/// The escape serde_json writes for `byte`.
fn escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            let hex = [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]];
            out.extend_from_slice(b"\\u00");
            out.extend_from_slice(&hex);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// `n` in decimal, two digits per division (a line has four numbers per token).
fn number(out: &mut Vec<u8>, mut n: usize) {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839404142434445464748495051525354555657585960616263\
        646566676869707172737475767778798081828384858687888990919293949596979899";
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    while n >= 100 {
        let pair = 2 * (n % 100);
        n /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[2 * n..2 * n + 2]);
    } else {
        at -= 1;
        digits[at] = b'0' + n as u8;
    }
    out.extend_from_slice(&digits[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use raqim_engine::span::Span;
    use raqim_engine::text::{CharIndex, Token};
    use raqim_engine::Engine;
    use serde_json::json;

    /// serde_json's compact form of the same record. Keys go in in alphabetical order, so the
    /// map is sorted with or without serde_json's `preserve_order`.
    fn by_serde(meta: &Meta, text: &str, tokens: &[Token], spans: &[Span]) -> String {
        let chars = CharIndex::new(text);
        let spans: Vec<_> = spans
            .iter()
            .map(|s| {
                let mut span = serde_json::Map::new();
                span.insert("end".into(), json!(s.end));
                if let Some(id) = &s.id {
                    span.insert("id".into(), json!(id));
                }
                span.insert("label".into(), json!(s.label));
                span.insert("source".into(), json!(s.source));
                span.insert("start".into(), json!(s.start));
                span.insert("text".into(), json!(chars.slice(s.start, s.end)));
                let token_end = tokens
                    .partition_point(|t| t.start < s.end)
                    .saturating_sub(1);
                span.insert("token_end".into(), json!(token_end));
                let token_start = tokens.partition_point(|t| t.end <= s.start);
                span.insert("token_start".into(), json!(token_start));
                span
            })
            .collect();
        let tokens: Vec<_> = tokens
            .iter()
            .enumerate()
            .map(|(id, t)| {
                json!({"end": t.end, "id": id, "start": t.start,
                       "text": chars.slice(t.start, t.end), "ws": t.ws})
            })
            .collect();
        let line = json!({
            "meta": {"encoding": meta.encoding, "file": meta.file, "sha256": meta.sha256},
            "spans": spans, "text": text, "tokens": tokens,
        });
        serde_json::to_string(&line).unwrap() + "\n"
    }

    #[test]
    fn same_bytes_as_serde_json() {
        let engine = Engine::builder().build();
        let control: String = (0u8..0x20).map(char::from).collect();
        let texts = [
            String::new(),
            "قال الرئيس العراقي عبد اللطيف رشيد في بغداد يوم 3 آذار 2024 إن \"الاتفاق\" نافذ."
                .to_owned(),
            format!("مقال\\فيه «اقتباس» و\"علامات\"\r\n\tو{control}\u{7F}\u{200F}ـ 12,5% نهاية"),
            "a\"b".repeat(40) + &"بغداد".repeat(30) + "\\",
            // Quotes, backslashes and control characters glued to words, numbers, Latin words
            // and proclitics: always tokens of their own, so those are written verbatim.
            format!("O'Brien\"x\u{1}y\\z F16\u{7}2,5\"بـ\"{control}و\"الـ\u{1F}"),
        ];
        for text in &texts {
            let found = engine.suggest(text);
            let meta = Meta {
                encoding: "UTF-8",
                file: "a \"b\"\\c.txt",
                sha256: "00ff",
            };
            let mut out = Vec::new();
            write(&mut out, &meta, text, &found);
            let expected = by_serde(&meta, text, &found.tokens, &found.spans);
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }

    #[test]
    fn numbers_and_escapes() {
        let mut out = Vec::new();
        for n in (0..=100_000).chain([1234567, 99_999_999, usize::MAX]) {
            out.clear();
            number(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
        for byte in 0u8..=0x7F {
            let text = char::from(byte).to_string();
            out.clear();
            string(&mut out, &text);
            assert_eq!(
                out,
                serde_json::to_string(&text).unwrap().as_bytes(),
                "{byte:#x}"
            );
        }
    }
}
