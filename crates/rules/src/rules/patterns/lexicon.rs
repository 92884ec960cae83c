//! Word classes for the patterns, and the one pass that tags an article's tokens with them.
//!
//! Every list in `data/patterns/` (and the pack's titles and nationality adjectives) is a set of
//! *word classes*: a `[section]` of a file is one class, and an entry may span several tokens
//! (`كانون الثاني`, `رئيس مجلس الوزراء`). Entries are tokenized and folded exactly like article
//! text and stored in one [`WordMap`], looked up with the hash [`Doc`] already computed for
//! every folded token, so tagging a document is one Bloom filter test per token and a probe
//! only for the tokens it lets through (a string comparison only on a hash hit), and answers
//! every "is this token a month / a counted noun / a title…" question the matchers ask. A word
//! that begins a multi-token entry carries that entry's remaining tokens with their hashes,
//! compared only where the word occurs. Single-token classes become a bitmask per token;
//! multi-token entries found are kept as phrases.
//!
//! Variants are generated here so the lists stay readable:
//! - `ل` + `ال…` → `ل…`: with the proclitic لل the alef of the article is dropped and the
//!   tokenizer leaves `لجيش` after a `ل` token (`للجيش الإسرائيلي`). The variant only counts
//!   right after a proclitic ending in ل.
//! - the accusative tanween alef of counted nouns and numbers (`هجوماً` folds to `هجوما`,
//!   `ثلاثاً وعشرين`);
//! - `و` + number word for the second part of a compound number (`ستة وستين`), and `ال` +
//!   number word (`الأحد عشر` is "the eleven", so its `عشر` starts no count);
//! - `و`/`ف` + a name-stop word, since the tokenizer keeps `وقال` whole.

use std::borrow::Cow;

use crate::rules::pack::family;
use crate::rules::Doc;
use crate::text::words::{hash, WordMap};
use crate::text::{fold, TokenKind, Tokenizer};

/// A set of word classes (a bitmask; one machine word, also in WebAssembly).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Tags(u64);

impl Tags {
    /// Whether any class of `other` is in `self`.
    pub(super) fn has(self, other: Tags) -> bool {
        self.0 & other.0 != 0
    }

    /// The union of two sets (usable in constants).
    pub(super) const fn or(self, other: Tags) -> Tags {
        Tags(self.0 | other.0)
    }

    /// The classes in both sets.
    pub(super) const fn and(self, other: Tags) -> Tags {
        Tags(self.0 & other.0)
    }

    /// Every class not in `self`.
    pub(super) const fn not(self) -> Tags {
        Tags(!self.0)
    }
}

/// Declares the word classes and the `[section]` name each one is read from.
macro_rules! classes {
    ($($name:ident = $bit:literal, $section:literal;)*) => {
        $(pub(super) const $name: Tags = Tags(1 << $bit);)*
        /// `[section]` name → class.
        const SECTIONS: &[(&str, Tags)] = &[$(($section, $name)),*];
    };
}

// All 64 bits are taken. A class earns a bit when a matcher scans for where it starts
// (`Ctx::next_start`) or asks it of many tokens; a one-word list asked of one token after a rare
// start is cheaper as a string comparison there (the Hijri `هـ`, `dates::hijri_suffix`).
classes! {
    // months.txt
    MONTH = 0, "month";
    HIJRI_MONTH = 1, "hijri-month";
    PERSIAN_MONTH = 2, "persian-month";
    // dates.txt
    WEEKDAY = 3, "weekday";
    DEICTIC = 4, "deictic";
    TODAY = 5, "today";
    DAY_NOUN = 6, "day-noun";
    DAYPART = 7, "daypart";
    PERIOD = 8, "period";
    RELATIVE = 9, "relative";
    DEMONSTRATIVE = 10, "demonstrative";
    PART_OF = 11, "part-of";
    MONTH_NOUN = 12, "month-noun";
    SEASON = 13, "season";
    YEAR_NOUN = 14, "year-noun";
    YEAR_AFTER = 15, "year-after";
    AGO = 17, "ago";
    SINCE = 18, "since";
    UNIT = 19, "unit";
    UNIT_DUAL = 20, "unit-dual";
    SOME = 21, "some";
    ORDINAL_DAY = 22, "ordinal-day";
    WEEKDAY_CONTEXT = 23, "weekday-context";
    // numbers.txt
    CARDINAL = 24, "cardinal";
    TEEN_HEAD = 25, "teen-head";
    SCALE = 26, "scale";
    ONE_AFTER = 27, "one-after";
    RANGE = 28, "range";
    // counted-nouns.txt
    NOUN = 29, "noun";
    DUAL = 30, "dual";
    ELIDED = 31, "elided";
    // names.txt
    TITLE_MODIFIER = 32, "title-modifier";
    CONNECTOR = 33, "connector";
    INSTITUTION = 34, "institution";
    JOINER = 35, "joiner";
    AL_NAME = 36, "al-given-name";
    NAME_STOP = 37, "name-stop";
    CREDIT = 16, "credit";
    // orgs.txt
    MINISTRY = 38, "ministry";
    MINISTRY_DOMAIN = 39, "ministry-domain";
    BARE_MINISTRY = 40, "bare-ministry";
    MINISTER = 41, "minister";
    ARMY = 42, "army";
    COUNCIL = 43, "council";
    COUNCIL_DOMAIN = 44, "council-domain";
    NAMED_HEAD = 45, "named-head";
    ORG_ADJECTIVE = 46, "org-adjective";
    NEWS_SUFFIX = 47, "news-suffix";
    GENERIC_ORG = 48, "generic-org-head";
    // places.txt
    FAC_HEAD = 49, "fac-head";
    FAC_HEAD_OPEN = 50, "fac-head-open";
    GPE_CONTEXT = 51, "gpe-context";
    LOC_CONTEXT = 52, "loc-context";
    LOCATIVE = 57, "locative";
    THEOPHORIC = 58, "theophoric";
    DEFINITE_NUMBER = 59, "ال+cardinal";
    VERB = 61, "verb";
    NAMED_HEAD_PLACE = 62, "named-head-place";
    GENERIC_COMPLEMENT = 63, "generic-complement";
    TOMORROW = 60, "tomorrow";
    // the pack
    TITLE = 53, "title";
    NATIONALITY = 54, "nationality";
    // generated
    AMBIGUOUS = 55, "~";
    CARDINAL_CONJ = 56, "cardinal+و";
}

/// The lists, in load order: (file name, text, class of entries before any `[section]`).
const LISTS: &[(&str, &str, Option<Tags>)] = &[
    (
        "months.txt",
        include_str!("../../../data/patterns/months.txt"),
        None,
    ),
    (
        "dates.txt",
        include_str!("../../../data/patterns/dates.txt"),
        None,
    ),
    (
        "numbers.txt",
        include_str!("../../../data/patterns/numbers.txt"),
        None,
    ),
    (
        "counted-nouns.txt",
        include_str!("../../../data/patterns/counted-nouns.txt"),
        None,
    ),
    (
        "names.txt",
        include_str!("../../../data/patterns/names.txt"),
        None,
    ),
    (
        "orgs.txt",
        include_str!("../../../data/patterns/orgs.txt"),
        None,
    ),
    (
        "places.txt",
        include_str!("../../../data/patterns/places.txt"),
        None,
    ),
    (
        "pack/titles.txt",
        include_str!("../../../data/pack/titles.txt"),
        Some(TITLE),
    ),
    (
        "pack/nationality-adjectives.txt",
        include_str!("../../../data/pack/nationality-adjectives.txt"),
        Some(NATIONALITY),
    ),
    (
        "pack/type-nouns.txt",
        include_str!("../../../data/pack/type-nouns.txt"),
        Some(GENERIC_ORG),
    ),
];

/// What the lists say about one distinct folded word.
#[derive(Debug, Clone, Default)]
struct Word {
    /// Its classes as a one-token entry.
    tags: Tags,
    /// Its classes only right after a proclitic ending in ل (the لل variants).
    lam_tags: Tags,
    /// The multi-token entries it begins (indices into [`Lexicon::phrases`]).
    phrases: Vec<u32>,
}

/// A multi-token entry, stored under its first word.
#[derive(Debug, Clone)]
struct PhraseEntry {
    /// The other tokens, each with its [`hash`]: most of a word's phrases are ruled out by
    /// comparing the hash the [`Doc`] keeps for the next token, without slicing it.
    rest: Box<[(u32, Box<str>)]>,
    tags: Tags,
    lam: bool,
}

/// Every word class, compiled.
#[derive(Debug, Clone)]
pub(super) struct Lexicon {
    /// The distinct words; a word's id indexes `words`. More than half of an article's tokens
    /// are in no list: its Bloom filter ([`WordMap::may_contain`]) rules them out inline,
    /// before their folded form is even sliced, and only the others pay for a probe.
    index: WordMap,
    words: Vec<Word>,
    phrases: Vec<PhraseEntry>,
    /// Listed one-token words without the article, folded (see [`Lexicon::words`]).
    plain: Vec<String>,
}

/// A multi-token entry found in a document: tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Phrase {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) tags: Tags,
}

/// The word classes of one token.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TokenTags {
    /// The classes of the one-token entries it matches.
    pub(super) tags: Tags,
    /// The classes of the multi-token entries that start there, if any.
    pub(super) heads: Tags,
}

/// The word classes of one document's tokens.
#[derive(Debug, Clone, Default)]
pub(super) struct Tagged {
    /// Per token: its classes (one vector, written once per token as it is tagged).
    pub(super) tokens: Vec<TokenTags>,
    /// Multi-token entries, sorted by first token, longest first.
    pub(super) phrases: Vec<Phrase>,
}

/// Collects entries, merging duplicates.
struct Builder {
    tokenizer: Tokenizer,
    index: WordMap,
    words: Vec<Word>,
    phrases: Vec<PhraseEntry>,
    plain: Vec<String>,
}

impl Builder {
    /// The index of `word`, added if new.
    fn word(&mut self, word: &str) -> usize {
        let (id, new) = self.index.insert(word);
        if new {
            self.words.push(Word::default());
        }
        id as usize
    }

    /// Adds `tokens` (folded) as an entry of `tags`.
    fn add(&mut self, tokens: &[&str], tags: Tags, lam: bool) {
        let at = self.word(tokens[0]);
        if tokens.len() > 1 {
            let rest = tokens[1..]
                .iter()
                .map(|&t| (hash(t.as_bytes()), t.into()))
                .collect();
            self.words[at].phrases.push(self.phrases.len() as u32);
            self.phrases.push(PhraseEntry { rest, tags, lam });
        } else if lam {
            self.words[at].lam_tags = self.words[at].lam_tags.or(tags);
        } else {
            self.words[at].tags = self.words[at].tags.or(tags);
        }
    }

    /// Adds one list entry (any spelling) with its generated variants.
    fn entry(&mut self, entry: &str, mut tags: Tags) {
        if tags.has(VERB) {
            tags = tags.or(NAME_STOP);
        }
        let folded: Vec<String> = self
            .tokenizer
            .tokenize_indexed(entry)
            .bytes
            .iter()
            .map(|&(from, to)| fold(&entry[from as usize..to as usize]))
            .collect();
        let Some(first) = folded.first().map(String::as_str) else {
            return;
        };
        let mut tokens: Vec<&str> = folded.iter().map(String::as_str).collect();
        self.add(&tokens, tags, false);
        if tokens.len() == 1 && !first.starts_with("ال") && first.chars().count() >= 3 {
            self.plain.push(first.to_string());
        }
        let lam_form = first
            .strip_prefix("ال")
            .filter(|r| r.chars().count() >= 2)
            .map(|r| format!("ل{r}"));
        if let Some(lam_form) = &lam_form {
            tokens[0] = lam_form;
            self.add(&tokens, tags, true);
        }
        if tokens.len() > 1 {
            return;
        }
        // The accusative tanween alef: "هجوماً", "ثلاثاً وعشرين", "مليوناً" (sound plurals and
        // words ending in ة, ا or ء never take it).
        let plural = tags.has(NOUN) && ends_with_any(first, &["ين", "ون", "ات"]);
        let takes_alef = !plural && !ends_with_any(first, &["ه", "ا", "ء", "ان"]);
        if tags.has(NOUN.or(CARDINAL).or(SCALE)) && takes_alef {
            self.add(&[&format!("{first}ا")], tags, false);
        }
        if tags.has(CARDINAL) {
            self.add(&[&format!("و{first}")], CARDINAL_CONJ, false);
        }
        if tags.has(CARDINAL.or(TEEN_HEAD)) {
            self.add(&[&format!("ال{first}")], DEFINITE_NUMBER, false);
        }
        if tags.has(NAME_STOP) {
            let stop = tags.and(VERB.or(NAME_STOP));
            for conj in ["و", "ف"] {
                self.add(&[&format!("{conj}{first}")], stop, false);
            }
        }
    }
}

fn ends_with_any(word: &str, suffixes: &[&str]) -> bool {
    suffixes.iter().any(|s| word.ends_with(s))
}

impl Lexicon {
    /// Loads every list and builds the table.
    pub(super) fn new() -> Lexicon {
        let mut b = Builder {
            tokenizer: Tokenizer::default(),
            index: WordMap::default(),
            words: Vec::new(),
            phrases: Vec::new(),
            plain: Vec::new(),
        };
        for &(file, text, default) in LISTS {
            for (entry, tags) in entries(file, text, default) {
                b.entry(&entry, tags);
            }
        }
        b.plain.sort_unstable();
        b.plain.dedup();
        Lexicon {
            index: b.index,
            words: b.words,
            phrases: b.phrases,
            plain: b.plain,
        }
    }

    /// The listed one-token words of three letters or more without the article (folded):
    /// `يوم`, `ثلاثة`, `صاروخ`, `قاعدة`… A tokenizer that knows them splits a proclitic off
    /// before them (`ويوم` → و + يوم, `وثلاثة` → و + ثلاثة), so a pattern's span can start
    /// after the clitic as the guidelines want.
    pub(super) fn words(&self) -> &[String] {
        &self.plain
    }

    /// Number of distinct words (entries, variants and first words of phrases).
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    /// The listed word equal to token `i` of `doc`. Inlined into [`Lexicon::tag`]'s loop, where
    /// most tokens leave at the filter: as a call, the call would cost more than the test.
    #[inline]
    fn lookup(&self, doc: &Doc, i: usize) -> Option<&Word> {
        let hash = doc.folded_hash(i);
        if !self.index.may_contain(hash) {
            return None;
        }
        let id = self.index.probe(doc.folded(i), hash)?;
        self.words.get(id as usize)
    }

    /// Tags every token of `doc`: a filter test per token, a table probe if it may be listed.
    pub(super) fn tag(&self, doc: &Doc) -> Tagged {
        let mut phrases = Vec::new();
        let tokens = (0..doc.len())
            .map(|i| {
                let Some(w) = self.lookup(doc, i) else {
                    return TokenTags::default();
                };
                // Few words have a لل variant or begin a phrase: the others skip the checks.
                let mut tags = w.tags;
                if w.lam_tags != Tags::default() && after_lam_clitic(doc, i) {
                    tags = tags.or(w.lam_tags);
                }
                let heads = if w.phrases.is_empty() {
                    Tags::default()
                } else {
                    self.phrases_at(doc, i, w, &mut phrases)
                };
                TokenTags { tags, heads }
            })
            .collect();
        Tagged { tokens, phrases }
    }

    /// Pushes to `phrases` the phrases of `w` that start at token `i`, longest first, and
    /// returns their classes.
    fn phrases_at(&self, doc: &Doc, i: usize, w: &Word, phrases: &mut Vec<Phrase>) -> Tags {
        let from = phrases.len();
        for &p in &w.phrases {
            let p = &self.phrases[p as usize];
            let last = i + p.rest.len();
            let matches = last < doc.len()
                && (!p.lam || after_lam_clitic(doc, i))
                && p.rest
                    .iter()
                    .zip(i + 1..)
                    .all(|((h, t), k)| *h == doc.folded_hash(k) && **t == *doc.folded(k));
            if matches {
                phrases.push(Phrase {
                    first: i,
                    last,
                    tags: p.tags,
                });
            }
        }
        let found = &mut phrases[from..];
        found.sort_by_key(|p| std::cmp::Reverse(p.last));
        found.iter().fold(Tags::default(), |all, p| all.or(p.tags))
    }
}

/// Whether token `i` follows a proclitic ending in ل (`ل`, `ول`, `فل`, `لـ`).
fn after_lam_clitic(doc: &Doc, i: usize) -> bool {
    i > 0
        && doc.kind(i - 1) == TokenKind::Proclitic
        && doc.folded(i - 1).ends_with('ل')
        && doc.folded(i).starts_with('ل')
}

/// The entries of one list with their classes (a line may be a [`family`] of words). Panics on
/// an unknown `[section]`: the lists are compiled in, so a typo is a bug caught by every test
/// run.
fn entries<'t>(
    file: &'static str,
    text: &'t str,
    default: Option<Tags>,
) -> impl Iterator<Item = (Cow<'t, str>, Tags)> {
    let mut section = default;
    let lines = text.lines().filter_map(move |line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let tags = SECTIONS.iter().find(|(n, _)| *n == name).map(|&(_, t)| t);
            section = Some(tags.unwrap_or_else(|| panic!("{file}: unknown section [{name}]")));
            return None;
        }
        let tags = section.unwrap_or_else(|| panic!("{file}: entry {line:?} before any section"));
        Some(match line.strip_prefix('~') {
            Some(word) => (word, tags.or(AMBIGUOUS)),
            None => (line, tags),
        })
    });
    lines.flat_map(|(line, tags)| family(line).map(move |word| (word, tags)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Tokenizer;

    fn tagged(text: &str) -> (Vec<crate::text::Token>, Tagged) {
        let tokens = Tokenizer::default().tokenize(text);
        let doc = Doc::new(text, &tokens, &[]);
        let tagged = Lexicon::new().tag(&doc);
        (tokens, tagged)
    }

    #[test]
    fn every_section_is_known_and_nonempty() {
        for &(file, text, default) in LISTS {
            assert!(entries(file, text, default).count() > 0, "{file} is empty");
        }
        for (i, (name, tags)) in SECTIONS.iter().enumerate() {
            assert!(
                SECTIONS[i + 1..]
                    .iter()
                    .all(|(n, t)| n != name && t != tags),
                "{name} twice"
            );
        }
    }

    #[test]
    fn tags_single_tokens_phrases_and_variants() {
        let (_, t) = tagged("قتل ستةٍ وستين هجوماً للجيش الإسرائيلي في تشرين الأول");
        assert!(t.tokens[1].tags.has(CARDINAL));
        assert!(t.tokens[2].tags.has(CARDINAL_CONJ) && !t.tokens[2].tags.has(CARDINAL));
        assert!(t.tokens[3].tags.has(NOUN));
        // ل + لجيش: the لل variant counts after the clitic.
        assert!(t.tokens[5].tags.has(ARMY));
        assert!(t.tokens[6].tags.has(NATIONALITY));
        let month = t.phrases.iter().find(|p| p.tags.has(MONTH)).unwrap();
        assert_eq!((month.first, month.last), (8, 9));
    }

    #[test]
    fn lam_variant_needs_the_clitic() {
        let (_, t) = tagged("لجيش");
        assert!(!t.tokens[0].tags.has(ARMY));
    }

    #[test]
    fn ambiguous_months_are_marked() {
        let (_, t) = tagged("مارس أكتوبر");
        assert!(t.tokens[0].tags.has(MONTH) && t.tokens[0].tags.has(AMBIGUOUS));
        assert!(t.tokens[1].tags.has(MONTH) && !t.tokens[1].tags.has(AMBIGUOUS));
    }
}
