//! CoNLL IOB2: one token per line, `token<TAB>tag`, a blank line after every sentence.
//!
//! - **Tokens** are exactly the tokens of the Raqim export ([`crate::export::record`]): the
//!   clitic-aware tokenizer's, split at every span edge, so proclitics are tokens of their own
//!   (`و` `O`, `الولايات` `B-GPE`, `المتحدة` `I-GPE`) and every span is a whole number of tokens.
//!   A character inside a token that a whitespace-splitting reader would split on (a no-break
//!   space, say) is written as `_`.
//! - **Tags** are IOB2: `B-LABEL` on a span's first token, `I-LABEL` on the rest, `O` elsewhere.
//!   Entity spans are those of the Raqim export (suggested, accepted, drawn); rejected
//!   suggestions are `O`.
//! - **Sentences** end after a run of `.` `!` `?` `؟` tokens (with any closing quotes or
//!   brackets right after them) and at every line break of the text, but never inside an
//!   entity span. Empty lines of the text produce no empty sentence.
//! - **Documents** start with the CoNLL-2003 line `-DOCSTART- -X- O O` and a blank line. That
//!   exact line is what spaCy's converter (`spacy convert -c ner`,
//!   `spacy.training.converters.conll_ner_to_docs`) splits documents on, and what the usual
//!   CoNLL-2003 readers skip, so every article stays one document. Articles are written in
//!   the order given; an article with no token is the `-DOCSTART-` line alone.

use crate::article::Article;
use crate::export::record;
use crate::text::Tokenizer;
use crate::workspace::Settings;

/// The CoNLL-2003 document separator.
pub const DOCSTART: &str = "-DOCSTART- -X- O O";

const TERMINALS: [&str; 4] = [".", "!", "?", "؟"];
const CLOSERS: [&str; 10] = ["»", "”", "’", "\"", "'", ")", "]", "}", "›", "﴿"];

/// Whether a whitespace-splitting reader (Python's `str.split()`) splits on `c`.
fn splits_columns(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// One token and its tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub token: String,
    pub tag: String,
}

/// The article's sentences of tagged tokens.
pub fn sentences(article: &Article, tokenizer: &Tokenizer) -> Vec<Vec<Tagged>> {
    let r = record(article, &Settings::default(), tokenizer);
    let n = r.tokens.len();
    let mut tags = vec![String::from("O"); n];
    // Token i is inside a span that continues on token i + 1.
    let mut inside = vec![false; n];
    for s in &r.spans {
        for (k, tag) in tags
            .iter_mut()
            .enumerate()
            .take(s.token_end + 1)
            .skip(s.token_start)
        {
            let prefix = if k == s.token_start { "B" } else { "I" };
            *tag = format!("{prefix}-{}", s.label);
        }
        for flag in inside.iter_mut().take(s.token_end).skip(s.token_start) {
            *flag = true;
        }
    }
    let chars: Vec<char> = article.text.chars().collect();
    let gap_has_newline = |i: usize| {
        let from = r.tokens[i].end;
        let to = r.tokens.get(i + 1).map_or(chars.len(), |t| t.start);
        chars[from.min(chars.len())..to.min(chars.len())].contains(&'\n')
    };
    let text_of = |i: usize| r.tokens[i].text.as_str();
    // Token i belongs to a run that ends a sentence: a terminal mark, or a closing quote or
    // bracket glued to such a run (`.»`).
    let mut run = vec![false; n];
    for i in 0..n {
        run[i] = TERMINALS.contains(&text_of(i))
            || (CLOSERS.contains(&text_of(i)) && i > 0 && run[i - 1] && !r.tokens[i - 1].ws);
    }
    let mut out = Vec::new();
    let mut current = Vec::new();
    for (i, t) in r.tokens.iter().enumerate() {
        // Whitespace tokens (spaCy's, for line breaks) are not written; a line break still
        // ends the sentence.
        if t.text.chars().all(char::is_whitespace) {
            if t.text.contains('\n') && !current.is_empty() && !(i > 0 && inside[i - 1]) {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        current.push(Tagged {
            token: t
                .text
                .chars()
                .map(|c| if splits_columns(c) { '_' } else { c })
                .collect(),
            tag: std::mem::take(&mut tags[i]),
        });
        let newline = gap_has_newline(i);
        let run_goes_on = i + 1 < n && run[i + 1];
        if (newline || (run[i] && !run_goes_on)) && !inside[i] {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// One article as CoNLL (ends with a blank line).
pub fn article(article: &Article, tokenizer: &Tokenizer) -> String {
    let mut out = format!("{DOCSTART}\n\n");
    for sentence in sentences(article, tokenizer) {
        for t in sentence {
            out.push_str(&t.token);
            out.push('\t');
            out.push_str(&t.tag);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// The articles as one CoNLL file.
pub fn conll<'a>(articles: impl IntoIterator<Item = &'a Article>, tokenizer: &Tokenizer) -> String {
    articles
        .into_iter()
        .map(|a| article(a, tokenizer))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::import::text_article;
    use crate::span::{Span, SpanState};

    fn art(text: &str, spans: &[(usize, usize, &str)]) -> Article {
        let mut a = text_article(text.into(), None, None).unwrap();
        a.spans = spans
            .iter()
            .map(|&(s, e, l)| Span::analyst(s, e, l))
            .collect();
        a
    }

    fn lines(a: &Article) -> Vec<String> {
        article(a, &Tokenizer::default())
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn proclitics_iob2_and_sentences() {
        let text = "قال فؤاد حسين: «وصلنا.» والولايات المتحدة؟! 🇮🇶\nبغداد";
        let a = art(text, &[(4, 13, "PER"), (25, 41, "GPE"), (47, 52, "GPE")]);
        let got = lines(&a);
        let want = [
            DOCSTART,
            "",
            "قال\tO",
            "فؤاد\tB-PER",
            "حسين\tI-PER",
            ":\tO",
            "«\tO",
            "وصلنا\tO",
            ".\tO",
            "»\tO",
            "",
            "و\tO",
            "الولايات\tB-GPE",
            "المتحدة\tI-GPE",
            "؟\tO",
            "!\tO",
            "",
            "🇮🇶\tO",
            "",
            "بغداد\tB-GPE",
            "",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn never_splits_inside_a_span_and_skips_rejected() {
        // An entity that contains a full stop stays in one sentence.
        let text = "وصل د. محمد اليوم. ثم غادر";
        let mut a = art(text, &[(4, 11, "PER")]);
        a.spans.push(Span {
            state: SpanState::Rejected,
            ..Span::analyst(22, 26, "PER")
        });
        let got = lines(&a);
        assert_eq!(
            got,
            [
                DOCSTART,
                "",
                "وصل\tO",
                "د\tB-PER",
                ".\tI-PER",
                "محمد\tI-PER",
                "اليوم\tO",
                ".\tO",
                "",
                "ثم\tO",
                "غادر\tO",
                ""
            ]
        );
        assert_eq!(lines(&art("", &[])), [DOCSTART, ""]);
    }

    #[test]
    fn every_line_has_two_columns() {
        let a = art("a\u{1c}b \u{85}ج\u{a0}د\u{200B}ه 2,500", &[(3, 6, "PER")]);
        for line in lines(&a).iter().skip(2).filter(|l| !l.is_empty()) {
            assert_eq!(
                line.split(splits_columns).filter(|c| !c.is_empty()).count(),
                2,
                "{line:?}"
            );
        }
    }
}
