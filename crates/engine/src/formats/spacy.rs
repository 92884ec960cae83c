//! The export's tokens as spaCy needs them to rebuild the exact text.
//!
//! spaCy rebuilds a document from `words` and `spaces`, where `spaces[i]` is *one* space after
//! word i; any other whitespace (a line break, two spaces) must be a token of its own, as
//! spaCy's tokenizer makes it. The Raqim export's tokens ([`crate::export::record`]) are words
//! only, with `ws` meaning "some whitespace follows", so `Doc(words, spaces)` built from them
//! loses every line break and double space, and `char_span` on the export's offsets misses
//! after the first paragraph. [`with_whitespace_tokens`] adds the whitespace tokens (and shifts
//! the spans' token indices): on its output `"".join(t.text + " " * t.ws)` is the text,
//! character for character, and Prodigy, which writes spaCy's whitespace tokens too, reads it
//! the same way. `scripts/spacy/to_docbin.py` does the same from any export.

use crate::export::{Record, SpanOut, TokenOut};
use crate::text::CharIndex;

/// The record with a token for every whitespace run other than the single space a token's `ws`
/// stands for (spaCy's convention), ids renumbered and span token indices moved to match.
pub fn with_whitespace_tokens(record: &Record) -> Record {
    whitespace_tokens(record.clone(), &CharIndex::new(&record.text))
}

/// [`with_whitespace_tokens`], taking the record, with `chars` indexing its text.
pub(crate) fn whitespace_tokens(record: Record, chars: &CharIndex) -> Record {
    let len = chars.len();
    let mut tokens: Vec<TokenOut> = Vec::with_capacity(record.tokens.len() * 2);
    // new index of each original token
    let mut index = Vec::with_capacity(record.tokens.len());
    let push_space = |tokens: &mut Vec<TokenOut>, start: usize, end: usize| {
        if start < end {
            tokens.push(TokenOut {
                text: chars.slice(start, end).to_owned(),
                start,
                end,
                id: tokens.len(),
                ws: false,
            });
        }
    };
    let first = record.tokens.first().map_or(len, |t| t.start);
    push_space(&mut tokens, 0, first);
    let starts: Vec<usize> = record.tokens.iter().map(|t| t.start).collect();
    for (i, t) in record.tokens.into_iter().enumerate() {
        let next = starts.get(i + 1).copied().unwrap_or(len);
        let (end, ws) = (t.end, chars.slice(t.end, next).starts_with(' '));
        index.push(tokens.len());
        tokens.push(TokenOut {
            id: tokens.len(),
            ws,
            ..t
        });
        push_space(&mut tokens, end + usize::from(ws), next);
    }
    let moved = |spans: Vec<SpanOut>| -> Vec<SpanOut> {
        spans
            .into_iter()
            .map(|s| SpanOut {
                token_start: index.get(s.token_start).copied().unwrap_or(s.token_start),
                token_end: index.get(s.token_end).copied().unwrap_or(s.token_end),
                ..s
            })
            .collect()
    };
    Record {
        spans: moved(record.spans),
        rejected: moved(record.rejected),
        tokens,
        ..record
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::record;
    use crate::formats::import::text_article;
    use crate::span::Span;
    use crate::text::Tokenizer;
    use crate::workspace::Settings;

    #[test]
    fn tokens_rebuild_the_text() {
        let cases = [
            (
                "قال «فؤاد حسين».\n\nوالولايات  المتحدة \n",
                vec![(5, 14, "PER"), (19, 36, "GPE")],
            ),
            ("  بغداد", vec![(2, 7, "GPE")]),
            ("", vec![]),
            ("بغداد\t\n", vec![(0, 5, "GPE")]),
        ];
        for (text, spans) in cases {
            let mut a = text_article(text.into(), None, None).unwrap();
            a.spans = spans
                .iter()
                .map(|&(s, e, l)| Span::analyst(s, e, l))
                .collect();
            let r =
                with_whitespace_tokens(&record(&a, &Settings::default(), &Tokenizer::default()));
            let rebuilt: String = r
                .tokens
                .iter()
                .map(|t| format!("{}{}", t.text, if t.ws { " " } else { "" }))
                .collect();
            assert_eq!(rebuilt, text);
            for (i, t) in r.tokens.iter().enumerate() {
                assert_eq!(t.id, i);
            }
            for s in &r.spans {
                assert_eq!(r.tokens[s.token_start].start, s.start, "{text:?}");
                assert_eq!(r.tokens[s.token_end].end, s.end, "{text:?}");
            }
        }
    }
}
