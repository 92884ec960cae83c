//! [`Ctx`]: one document as the pattern matchers see it — tokens with their word classes, the
//! gazetteer's hits by first token, and the tokens already claimed by a date or a quantity.
//!
//! Everything per token is computed once per document into a handful of vectors, so the
//! matchers' questions ("is token 7 a month?", "does a known GPE start at 12?") are array
//! lookups in the hot loops. Each matcher starts its shapes with a few classes (or a number)
//! that most tokens lack, so it does not even ask about every token: it goes from one *marked*
//! token to the next, a token with a class other than the function words' and verbs' or a
//! number (about a quarter of an article's tokens).

use crate::rules::candidate::Found;
use crate::rules::candidate::PRIORITY_AMBIGUOUS;
use crate::rules::Doc;
use crate::text::{has_char, TokenKind};

use super::lexicon::{Lexicon, Tagged, Tags, TokenTags, AL_NAME, JOINER, NAME_STOP, VERB};

/// The classes of function words and verbs: most listed tokens have them, and no shape starts
/// with them, so a token with no other class is not marked.
const COMMON: Tags = NAME_STOP.or(VERB);

/// The per-document view the matchers share.
pub(super) struct Ctx<'c, 'a, 'f> {
    pub(super) doc: &'c Doc<'a>,
    tagged: Tagged,
    hits: &'c [Found<'f>],
    /// Per token: 1 + index in `hits` of the longest confident hit starting there, or 0.
    hit_at: Vec<u32>,
    /// Per token: the same for hits that are ambiguous on their own.
    ambiguous_at: Vec<u32>,
    /// Per token: inside a date or quantity found by the patterns (names never run into one).
    taken: Vec<bool>,
    /// Per token, and one past the end: the first marked token from there on (a class not in
    /// [`COMMON`], or a number), or the number of tokens if none.
    marked: Vec<u32>,
}

impl<'c, 'a, 'f> Ctx<'c, 'a, 'f> {
    pub(super) fn new(
        lexicon: &Lexicon,
        doc: &'c Doc<'a>,
        hits: &'c [Found<'f>],
    ) -> Ctx<'c, 'a, 'f> {
        let mut hit_at = vec![0u32; doc.len()];
        let mut ambiguous_at = vec![0u32; doc.len()];
        for (k, hit) in hits.iter().enumerate() {
            let slot = match hit.priority {
                PRIORITY_AMBIGUOUS => &mut ambiguous_at,
                _ => &mut hit_at,
            };
            let Some(cell) = slot.get_mut(hit.first) else {
                continue;
            };
            if *cell == 0 || hits[*cell as usize - 1].last < hit.last {
                *cell = k as u32 + 1;
            }
        }
        let tagged = lexicon.tag(doc);
        let mut marked = vec![doc.len() as u32; doc.len() + 1];
        for (i, t) in tagged.tokens.iter().enumerate().rev() {
            let mark = t.tags.or(t.heads).has(COMMON.not()) || doc.kind(i) == TokenKind::Number;
            marked[i] = if mark { i as u32 } else { marked[i + 1] };
        }
        Ctx {
            doc,
            tagged,
            hits,
            hit_at,
            ambiguous_at,
            taken: vec![false; doc.len()],
            marked,
        }
    }

    /// Number of tokens.
    pub(super) fn len(&self) -> usize {
        self.doc.len()
    }

    /// The word classes of token `i` (none past the end).
    #[inline]
    pub(super) fn tags(&self, i: usize) -> Tags {
        self.classes(i).tags
    }

    /// The classes of token `i` and of the phrases that start there (none past the end).
    #[inline]
    fn classes(&self, i: usize) -> TokenTags {
        self.tagged.tokens.get(i).copied().unwrap_or_default()
    }

    /// Whether token `i` is a one-token entry of any class in `t`.
    #[inline]
    pub(super) fn is(&self, i: usize, t: Tags) -> bool {
        self.tags(i).has(t)
    }

    /// Whether an entry of any class in `t` (one token or a phrase) starts at token `i`.
    pub(super) fn starts(&self, i: usize, t: Tags) -> bool {
        let classes = self.classes(i);
        classes.tags.or(classes.heads).has(t)
    }

    /// The first token from `i` on where an entry of a class in `t` starts (one token or a
    /// phrase): where a matcher looking for `t` should try its shapes. `t` must not hold a
    /// [`COMMON`] class.
    pub(super) fn next_start(&self, i: usize, t: Tags) -> Option<usize> {
        self.next_marked(i, t, |_, classes| classes.has(t))
    }

    /// [`Ctx::next_start`], or a number, whichever comes first.
    pub(super) fn next_start_or_number(&self, i: usize, t: Tags) -> Option<usize> {
        self.next_marked(i, t, |k, classes| {
            classes.has(t) || self.doc.kind(k) == TokenKind::Number
        })
    }

    /// The first marked token from `i` on that is `wanted` (asked with its index and the classes
    /// of the entries that start there), passing over the unmarked ones.
    fn next_marked(
        &self,
        i: usize,
        t: Tags,
        wanted: impl Fn(usize, Tags) -> bool,
    ) -> Option<usize> {
        assert!(!t.has(COMMON), "unmarked tokens may have a common class");
        let mut k = *self.marked.get(i)? as usize;
        while let Some(token) = self.tagged.tokens.get(k) {
            if wanted(k, token.tags.or(token.heads)) {
                return Some(k);
            }
            k = self.marked[k + 1] as usize;
        }
        None
    }

    /// The classes of the phrases that start at token `i`.
    fn heads(&self, i: usize) -> Tags {
        self.classes(i).heads
    }

    /// The last token of the longest entry of a class in `t` that starts at `i` (one token or a
    /// phrase).
    pub(super) fn phrase(&self, i: usize, t: Tags) -> Option<usize> {
        self.phrase_tags(i, t).map(|(last, _)| last)
    }

    /// The last token and the classes of the longest entry at `i` that has a class of `t`.
    pub(super) fn phrase_tags(&self, i: usize, t: Tags) -> Option<(usize, Tags)> {
        let tags = self.tags(i);
        if self.heads(i).has(t) {
            let phrases = &self.tagged.phrases;
            let from = phrases.partition_point(|p| p.first < i);
            let found = phrases[from..]
                .iter()
                .take_while(|p| p.first == i)
                .find(|p| p.tags.has(t));
            if let Some(p) = found {
                return Some((p.last, p.tags));
            }
        }
        tags.has(t).then_some((i, tags))
    }

    #[inline]
    pub(super) fn kind(&self, i: usize) -> Option<TokenKind> {
        (i < self.len()).then(|| self.doc.kind(i))
    }

    /// The hash of token `i`'s folded form ([`Doc`] computes it); only for `i` in range.
    pub(super) fn hash(&self, i: usize) -> u32 {
        self.doc.folded_hash(i)
    }

    #[inline]
    pub(super) fn folded(&self, i: usize) -> &'c str {
        if i < self.len() {
            self.doc.folded(i)
        } else {
            ""
        }
    }

    /// Whether token `i` is an Arabic word.
    #[inline]
    pub(super) fn word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
    }

    /// Whether token `i` is one of the punctuation marks `marks`.
    #[inline]
    pub(super) fn punct(&self, i: usize, marks: &[char]) -> bool {
        self.kind(i) == Some(TokenKind::Punct)
            && self
                .folded(i)
                .chars()
                .next()
                .is_some_and(|c| marks.contains(&c))
    }

    /// Whether token `i` is an opening or closing quotation mark or bracket.
    pub(super) fn quote(&self, i: usize) -> bool {
        self.punct(i, QUOTES)
    }

    /// Whether token `i` is the proclitic `p` (folded, e.g. `"و"`).
    pub(super) fn clitic(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(TokenKind::Proclitic) && self.folded(i).trim_end_matches('ـ') == p
    }

    /// Whether token `i` carries the article: `ال…`, or `ل…` right after a proclitic ل (`للجيش`).
    pub(super) fn definite(&self, i: usize) -> bool {
        let f = self.folded(i);
        self.word(i)
            && (f.starts_with("ال")
                || (f.starts_with('ل')
                    && i > 0
                    && self.kind(i - 1) == Some(TokenKind::Proclitic)
                    && self.folded(i - 1).ends_with('ل')))
    }

    /// Whether token `i` can never be part of a person's or a facility's name: a listed
    /// function word, verb or common noun; the preposition على (which folds to the name علي, so
    /// it is told apart by its spelling); a word of five letters or more with an attached
    /// pronoun (`بلاده`); or و glued to a derived verb or noun (`واعترف`, `واستنكر`), which the
    /// tokenizer leaves whole.
    pub(super) fn stop(&self, i: usize) -> bool {
        if self.is(i, NAME_STOP) {
            return true;
        }
        // The cheap tests first: counting letters walks the word.
        let f = self.folded(i);
        (f == "علي" && has_char(self.doc.token_text(i), 'ى'))
            || self.pronoun_suffix(i, 5)
            || (f.starts_with("وا") && f.chars().count() >= 6)
    }

    /// Whether token `i`, of at least `min_letters`, ends in an attached pronoun: ـها، ـهم، ـهما,
    /// or a ـه written as heh (not ة), except in solid theophoric names (`عبدالله`).
    pub(super) fn pronoun_suffix(&self, i: usize, min_letters: usize) -> bool {
        if i >= self.len() {
            return false;
        }
        let f = self.folded(i);
        // A heh folds to itself and the marks after it fold away, so only a folded form
        // ending in ه sends us to the text.
        let heh = || {
            f.ends_with('ه')
                && self
                    .doc
                    .token_text(i)
                    .trim_end_matches(is_mark)
                    .ends_with('ه')
        };
        (["ها", "هم", "هما"].iter().any(|s| f.ends_with(s)) || (!f.ends_with("الله") && heh()))
            && f.chars().count() >= min_letters
    }

    /// Whether token `i` could be part of a name: an Arabic word that is not a stop word, not
    /// claimed by a date or quantity, and not the start of a confident non-person hit.
    pub(super) fn namelike(&self, i: usize) -> bool {
        self.word(i)
            && !self.stop(i)
            && !self.taken(i)
            && self.hit(i).is_none_or(|h| h.label == "PER")
    }

    /// Whether a name may start at token `i`: no article, unless it is a listed given name or a
    /// name part like آل (which folds to the letters of the article).
    pub(super) fn name_start(&self, i: usize) -> bool {
        self.namelike(i) && (!self.definite(i) || self.is(i, AL_NAME.or(JOINER)))
    }

    /// The longest confident gazetteer hit starting at token `i`.
    pub(super) fn hit(&self, i: usize) -> Option<&'c Found<'f>> {
        let k = *self.hit_at.get(i)?;
        (k > 0).then(|| &self.hits[k as usize - 1])
    }

    /// The longest ambiguous gazetteer hit starting at token `i`.
    pub(super) fn ambiguous(&self, i: usize) -> Option<&'c Found<'f>> {
        let k = *self.ambiguous_at.get(i)?;
        (k > 0).then(|| &self.hits[k as usize - 1])
    }

    /// All gazetteer hits.
    pub(super) fn hits(&self) -> &'c [Found<'f>] {
        self.hits
    }

    /// Marks tokens `first..=last` as claimed by a date or quantity.
    pub(super) fn take(&mut self, first: usize, last: usize) {
        self.taken[first..=last].fill(true);
    }

    pub(super) fn taken(&self, i: usize) -> bool {
        self.taken.get(i).copied().unwrap_or(false)
    }

    /// Whether a line break separates token `i` from the token before it; true at both ends of
    /// the document.
    pub(super) fn line_break_before(&self, i: usize) -> bool {
        // A plain scan: the slice is two tokens long, too short to pay for a memchr call.
        i == 0 || i >= self.len() || self.doc.slice(i - 1, i).bytes().any(|b| b == b'\n')
    }
}

/// Quotation marks and brackets, both directions (RTL text mirrors them inconsistently).
pub(super) const QUOTES: &[char] = &[
    '"', '\'', '«', '»', '“', '”', '„', '‘', '’', '‹', '›', '(', ')', '[', ']',
];

/// Harakat and tatweel, which may trail a word's last letter.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{64B}'..='\u{65F}' | '\u{670}' | 'ـ')
}
