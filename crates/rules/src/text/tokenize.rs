//! Tokens of Arabic news text, with proclitics as tokens of their own.
//!
//! Tokens are what the analyst's selection snaps to, what double-click picks, and what the rule
//! engine and the exported training data count in. Our entity spans exclude attached proclitics
//! (`والولايات المتحدة` → `الولايات المتحدة`), so a span boundary often falls *inside* a
//! whitespace word; splitting the proclitic off makes it a token boundary.
//!
//! # What a token is
//!
//! Offsets are code points (`[start, end)`), `ws` says whether whitespace follows (spaCy/Prodigy
//! style), and whitespace (with any mark riding on a space) is never a token. Tokens never split
//! a grapheme cluster: harakat stay on their letter, and emoji ZWJ sequences, flags and skin
//! tones are one [`TokenKind::Symbol`].
//!
//! - [`TokenKind::Word`]: a run of Arabic letters (with harakat, tatweel and any invisible
//!   joiners or direction marks inside it).
//! - [`TokenKind::Latin`]: a run of letters of any other script, digits allowed after the first
//!   letter (`G7`, `F16`) and an apostrophe between letters (`O'Brien`).
//! - [`TokenKind::Number`]: digits in any mix of Western, Arabic-Indic and Persian forms. A single
//!   `. , ٫ ٬ / :` *between two digits* stays inside, so `2,500`, `2.5`, `٢٫٥`, `22/11/2023` and
//!   `15:07:19` are one token each: a date or amount is never annotated in parts. A hyphen always
//!   splits (`2014-2015` → `2014` `-` `2015`), as do signs. A percent sign right after the
//!   digits stays inside (`40%`, `٥٠٪`): the amount is a percentage, and a span of it must not
//!   end before its unit.
//! - [`TokenKind::Punct`] and [`TokenKind::Symbol`]: one grapheme cluster each (`...` is three).
//! - Invisible format characters (LRM, RLM, ALM, ZWSP, BOM, soft hyphen) join the token before
//!   them, else the one after them, and only stand alone (as `Symbol`) between whitespace.
//!
//! # Proclitics
//!
//! و ف ب ك ل attach to the next word, and many words also *begin* with those letters
//! (بغداد، بيروت، لبنان، وليد). A [`Lexicon`] of folded known words decides. With `full` the
//! folded word, a proclitic `p` is split off, leaving `rest`, in this order of evidence:
//!
//! 1. Tatweel marks the clitic: `بـ«رويترز»`, `لـحزب`, `وبـ`: the clitic letters *and the tatweel*
//!    are one [`TokenKind::Proclitic`] token. A bare `و`/`ل`/`وب`… glued to a quote, bracket,
//!    digit or Latin word (`ل(كتائب`, `و2500`) is a proclitic too.
//! 2. If `full` is in the lexicon, nothing is split (وزارة، وليد، بيروت، كندا).
//! 3. `rest` is in the lexicon and has at least three letters: one letter (`وبغداد` → و + بغداد)
//!    is tried before two (`وبلبنان` → وب + لبنان).
//! 4. `rest` starts with the article: `ال` + at least two letters (`والولايات` → و + الولايات,
//!    `وبالعراق` → وب + العراق), or, after a clitic ل, the article with its alef dropped: ل + at
//!    least two letters (`للعراق` → ل + لعراق, `وللقوات` → ول + لقوات: the gold convention).
//!    Two letters are tried before one here.
//!
//! `p` is one clitic (و ف ب ك ل) or a conjunction plus a preposition (وب وك ول فب فك فل); it is
//! always one token. ال stays inside the word. A rest of one or two letters is never split off
//! (`ومن`, `وفي` stay whole): too short to tell. Callers add gazetteer names with
//! [`Tokenizer::lexicon_mut`], after which `وإيران` splits as soon as `إيران` is known.
//!
//! Tokenizing allocates the output vectors and one folding buffer per call, nothing per token,
//! and folds only words that begin with a clitic letter. When the tokens are folded as well
//! ([`Tokenizer::tokenize_folded`]), such a word is folded once, straight into the token stream,
//! and split there: the split is decided on the folded word anyway, and the folded proclitic and
//! rest are its two parts. Most of an article is runs of plain Arabic letters (U+0620–U+064A,
//! with harakat) and single spaces: those are read two bytes at a time, without building
//! grapheme clusters one by one, and only where what follows cannot join them, so they come out
//! exactly as the general path would make them. A word whose letters end before ASCII or
//! `، ؛ ؟ « »` (nearly every word) is emitted right there.

use serde::{Deserialize, Serialize};

use super::cluster::{plain_letter, Clusters};
use super::normalize::{fold, fold_arabic_into, fold_char, fold_into, Fold};
use super::words::{hash, WordMap};

/// What a token is; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Arabic letters.
    Word,
    /// An attached و ف ب ك ل (or two of them), with its tatweel if written with one.
    Proclitic,
    /// Digits, with `.,٫٬/:` between digits.
    Number,
    /// One punctuation mark: quotes, brackets, dashes, `، ؛ ؟`.
    Punct,
    /// Letters of a script other than Arabic.
    Latin,
    /// Anything else: an emoji (with its modifiers), a symbol, a stray mark.
    Symbol,
}

impl TokenKind {
    /// Whether the token carries content an entity span can be made of (word, number, Latin
    /// word), as opposed to clitics, punctuation and symbols, which spans never start or end on.
    pub fn is_content(self) -> bool {
        matches!(self, TokenKind::Word | TokenKind::Number | TokenKind::Latin)
    }
}

/// A token: `text[start..end]` in code points, followed by whitespace if `ws`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub ws: bool,
    pub kind: TokenKind,
}

/// A set of known words, stored folded ([`fold`]), so any spelling of a word finds it.
#[derive(Debug, Clone)]
pub struct Lexicon {
    words: WordMap,
}

/// The curated list behind [`Lexicon::builtin`].
const UNSPLITTABLE: &str = include_str!("../../data/lexicon/unsplittable.txt");

impl Lexicon {
    /// A lexicon with no words: only the article rule splits proclitics.
    pub fn empty() -> Lexicon {
        Lexicon {
            words: WordMap::default(),
        }
    }

    /// The built-in lexicon: a few hundred common news words that begin with و ف ب ك ل as part
    /// of the word (`data/lexicon/unsplittable.txt`).
    pub fn builtin() -> Lexicon {
        let mut lexicon = Lexicon::empty();
        lexicon.extend(UNSPLITTABLE.lines().filter(|l| !l.starts_with('#')));
        lexicon
    }

    /// Adds a word (any spelling; it is folded and trimmed). Returns whether it was new.
    /// Blank words are ignored.
    pub fn insert(&mut self, word: &str) -> bool {
        let folded = fold(word.trim());
        !folded.is_empty() && self.words.insert(&folded).1
    }

    /// Whether the word (any spelling) is known.
    pub fn contains(&self, word: &str) -> bool {
        self.contains_folded(&fold(word.trim()))
    }

    /// Whether an already folded word is known: the allocation-free lookup of the hot path.
    pub fn contains_folded(&self, folded: &str) -> bool {
        self.words.get(folded).is_some()
    }

    /// Number of distinct folded words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the lexicon has no words.
    pub fn is_empty(&self) -> bool {
        self.words.len() == 0
    }
}

/// Two lexicons are equal if they know the same words, whatever order they learned them in.
impl PartialEq for Lexicon {
    fn eq(&self, other: &Lexicon) -> bool {
        self.len() == other.len() && self.words.words().all(|w| other.contains_folded(w))
    }
}

impl Eq for Lexicon {}

/// The built-in lexicon ([`Lexicon::builtin`]).
impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::builtin()
    }
}

impl<S: AsRef<str>> Extend<S> for Lexicon {
    fn extend<I: IntoIterator<Item = S>>(&mut self, words: I) {
        for word in words {
            self.insert(word.as_ref());
        }
    }
}

/// Splits text into [`Token`]s, consulting a [`Lexicon`] for proclitics.
#[derive(Debug, Clone, Default)]
pub struct Tokenizer {
    lexicon: Lexicon,
}

/// What a grapheme cluster is, by its base character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Arabic,
    Digit,
    Latin,
    Punct,
    Symbol,
    /// Invisible format controls: attach to a neighbouring token.
    Format,
}

#[inline]
fn classify(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' => Class::Latin,
        '0'..='9' | '٠'..='٩' | '۰'..='۹' => Class::Digit,
        // Letters and tatweel of the Arabic blocks, and the presentation forms.
        '\u{620}'..='\u{64A}'
        | '\u{66E}'
        | '\u{66F}'
        | '\u{671}'..='\u{6D3}'
        | '\u{6D5}'
        | '\u{6E5}'
        | '\u{6E6}'
        | '\u{6EE}'
        | '\u{6EF}'
        | '\u{6FA}'..='\u{6FC}'
        | '\u{6FF}'
        | '\u{750}'..='\u{77F}'
        | '\u{8A0}'..='\u{8C9}'
        | '\u{FB50}'..='\u{FBB1}'
        | '\u{FBD3}'..='\u{FD3D}'
        | '\u{FD50}'..='\u{FDC7}'
        | '\u{FDF0}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}' => Class::Arabic,
        // A mark with nothing to sit on (start of text, after a line break).
        '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{6D6}'..='\u{6ED}' => {
            Class::Symbol
        }
        '\u{AD}'
        | '\u{61C}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}' => Class::Format,
        _ if c.is_whitespace() => Class::Space,
        _ if is_punct(c) => Class::Punct,
        _ if c.is_alphanumeric() => Class::Latin,
        _ => Class::Symbol,
    }
}

fn is_punct(c: char) -> bool {
    matches!(c,
        '!'..='#' | '%'..='*' | ','..='/' | ':' | ';' | '?' | '@' | '['..=']' | '_' | '{' | '}'
        | '¡' | '§' | '«' | '¶' | '·' | '»' | '¿'
        | '\u{609}'..='\u{60D}' | '؛' | '\u{61D}'..='؟' | '٪'..='٭' | '۔'
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{2E00}'..='\u{2E7F}'
        | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}'
        | '\u{FD3E}' | '\u{FD3F}' | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE6B}'
        | '\u{FF01}'..='\u{FF03}' | '\u{FF05}'..='\u{FF0A}' | '\u{FF0C}'..='\u{FF0F}'
        | '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}' | '\u{FF20}' | '\u{FF3B}'..='\u{FF3D}'
        | '\u{FF3F}' | '\u{FF5B}' | '\u{FF5D}' | '\u{FF5F}'..='\u{FF65}')
}

/// Separators kept inside a number when a digit follows.
fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬' | '/' | ':')
}

/// What may directly follow a bare proclitic: an opening quote or bracket (either direction,
/// since RTL text mirrors them inconsistently), a digit, a Latin word.
fn takes_proclitic(c: char) -> bool {
    matches!(
        c,
        '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '\'' | '"' | '(' | '[' | '{' | '‹' | '›'
    ) || matches!(classify(c), Class::Digit | Class::Latin)
}

/// The first folded character of `c`, if it has one.
fn first_folded(c: char) -> Option<char> {
    match fold_char(c) {
        Fold::Remove => None,
        Fold::Char(f) => Some(f),
        Fold::Str(s) => s.chars().next(),
    }
}

/// Whether a word whose first cluster is `base` begins with a clitic letter, folded. A plain
/// letter (U+0620–U+064A, nearly every word) folds to a clitic only if it is one, so only
/// other letters are folded to tell.
fn starts_with_clitic(base: char) -> bool {
    if matches!(base, '\u{620}'..='\u{64A}') {
        is_clitic(base)
    } else {
        first_folded(base).is_some_and(is_clitic)
    }
}

fn is_clitic(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ك' | 'ل')
}

/// Whether the first `k` folded letters form a proclitic: one clitic, or و/ف + ب/ك/ل.
fn is_prefix(letters: [char; 2], k: usize) -> bool {
    match k {
        1 => is_clitic(letters[0]),
        2 => matches!(letters[0], 'و' | 'ف') && matches!(letters[1], 'ب' | 'ك' | 'ل'),
        _ => false,
    }
}

/// What follows plain Arabic letters ([`Clusters::skip_letters`]) if it ends their word there:
/// the character glued after the word, as [`Tokenizer::close`] takes it (`None` for the end of
/// the text and whitespace). That is anything ASCII and `، ؛ ؟ « »`, which neither join a
/// letter's cluster nor continue an Arabic word. `None` leaves the decision to the general path.
fn word_end(rest: &[u8]) -> Option<Option<char>> {
    let next = match *rest {
        [] => return Some(None),
        [b, ..] if b.is_ascii() => char::from(b),
        [0xD8, 0x8C, ..] => '،',
        [0xD8, 0x9B, ..] => '؛',
        [0xD8, 0x9F, ..] => '؟',
        [0xC2, 0xAB, ..] => '«',
        [0xC2, 0xBB, ..] => '»',
        _ => return None,
    };
    Some((!next.is_whitespace()).then_some(next))
}

/// A multi-cluster token being built.
#[derive(Debug, Clone, Copy)]
struct Run {
    kind: Class,
    start: usize,
    start_byte: usize,
    end: usize,
    end_byte: usize,
    /// The first cluster that is not a format character.
    base: char,
    /// How the run's text folds.
    folding: Folding,
}

/// How a run's text is folded, from the cheapest: the kinds of characters it holds decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folding {
    /// Plain letters and harakat ([`Clusters::skip_letters`]): folded two bytes at a time. Even
    /// a word whose letters all fold to themselves is folded so, not copied: the loop costs less
    /// than the call to copy a few bytes, and than guessing, word after word, which of the two
    /// a word needs (the guess was wrong about as often as right).
    Arabic,
    /// Anything else: [`fold_into`].
    General,
}

impl Folding {
    /// Appends the folded form of `text` (a run's text) to `out`.
    fn fold_into(self, text: &str, out: &mut String) {
        match self {
            Folding::Arabic => fold_arabic_into(text, out),
            Folding::General => fold_into(text, out),
        }
    }
}

/// Tokens with the byte range of each in the text ([`Tokenizer::tokenize_indexed`]), and with
/// their folded forms if asked for ([`Tokenizer::tokenize_folded`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Indexed {
    pub tokens: Vec<Token>,
    /// Per token: its text is `text[from..to]` (bytes).
    pub bytes: Vec<(u32, u32)>,
    /// Every token folded, while folding ([`Tokenizer::tokenize_folded`]).
    folded: Option<FoldedTokens>,
}

/// Every token's folded form ([`fold`]) in one string, `SEP t0 SEP t1 … SEP`, with each token's
/// byte range in it and a [`hash`] of it: the view every matcher of the rule engine reads
/// ([`crate::rules::Doc`]).
///
/// The tokenizer builds it while it tokenizes, because it has just read each token's bytes and
/// has already folded every word that begins with a proclitic letter to decide on the split:
/// folding in a second pass over the tokens read the text again and folded those words twice.
#[derive(Debug, Clone, Default)]
pub(crate) struct FoldedTokens {
    /// `SEP t0 SEP t1 … SEP`.
    pub stream: String,
    /// Per token: byte range of its folded form in `stream`.
    pub at: Vec<(u32, u32)>,
    /// Per token: [`hash`] of its folded form.
    pub hashes: Vec<u32>,
}

impl FoldedTokens {
    /// The separator between folded tokens. Folded tokens never contain whitespace (whitespace is
    /// never inside a token), so a space is unambiguous.
    pub const SEP: char = ' ';

    /// Room for `tokens` tokens of `bytes` bytes in all.
    pub fn with_capacity(bytes: usize, tokens: usize) -> FoldedTokens {
        let mut stream = String::with_capacity(bytes + tokens + 1);
        stream.push(Self::SEP);
        FoldedTokens {
            stream,
            at: Vec::with_capacity(tokens),
            hashes: Vec::with_capacity(tokens),
        }
    }

    /// Adds the next token, whose folded form `write` appends.
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        let from = self.stream.len();
        write(&mut self.stream);
        self.end_token(from, hash(&self.stream.as_bytes()[from..]));
    }

    /// Adds the token whose folded form was written to the end of `stream` from byte `from`,
    /// and whose [`hash`] is known.
    fn end_token(&mut self, from: usize, hash: u32) {
        self.at.push((from as u32, self.stream.len() as u32));
        self.hashes.push(hash);
        self.stream.push(Self::SEP);
    }

    /// [`FoldedTokens::end_token`] for a word split after a proclitic whose folded form is the
    /// first `clitic` bytes: the two become tokens of their own, a separator between them.
    fn end_split(&mut self, from: usize, clitic: usize) {
        let cut = from + clitic;
        self.stream.insert(cut, Self::SEP);
        self.at.push((from as u32, cut as u32));
        self.hashes.push(hash(&self.stream.as_bytes()[from..cut]));
        let rest = cut + 1;
        self.end_token(rest, hash(&self.stream.as_bytes()[rest..]));
    }

    /// Removes the last token.
    fn pop(&mut self) {
        if let Some((from, _)) = self.at.pop() {
            self.hashes.pop();
            self.stream.truncate(from as usize);
        }
    }
}

impl Indexed {
    fn with_capacity(text: &str, fold: bool) -> Indexed {
        let tokens = text.len() / 8;
        Indexed {
            tokens: Vec::with_capacity(tokens),
            bytes: Vec::with_capacity(tokens),
            folded: fold.then(|| FoldedTokens::with_capacity(text.len(), tokens)),
        }
    }

    /// Adds the token `[start, end)` of `kind` at bytes `from..to` of `text`.
    fn push(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        kind: TokenKind,
        bytes: (usize, usize),
    ) {
        let word = &text[bytes.0..bytes.1];
        self.push_run(start, end, kind, bytes, word, Folding::General);
    }

    /// [`Indexed::push`] for the token of a run, `word`, folded as `folding` says.
    fn push_run(
        &mut self,
        start: usize,
        end: usize,
        kind: TokenKind,
        bytes: (usize, usize),
        word: &str,
        folding: Folding,
    ) {
        if let Some(folded) = self.folded.as_mut() {
            folded.push_with(|out| folding.fold_into(word, out));
        }
        self.push_token(start, end, kind, bytes);
    }

    /// [`Indexed::push`] for a token whose folded form, of [`hash`] `hash`, was written to the
    /// end of the stream from byte `from` already.
    fn push_in_stream(
        &mut self,
        start: usize,
        end: usize,
        kind: TokenKind,
        bytes: (usize, usize),
        from: usize,
        hash: u32,
    ) {
        if let Some(stream) = self.folded.as_mut() {
            stream.end_token(from, hash);
        }
        self.push_token(start, end, kind, bytes);
    }

    fn push_token(
        &mut self,
        start: usize,
        end: usize,
        kind: TokenKind,
        (from, to): (usize, usize),
    ) {
        self.tokens.push(Token {
            start,
            end,
            ws: false,
            kind,
        });
        self.bytes.push((from as u32, to as u32));
    }

    /// Marks the last token as followed by whitespace, if it ends at code point `at`.
    fn end_with_space(&mut self, at: usize) {
        if let Some(last) = self.tokens.last_mut().filter(|t| t.end == at) {
            last.ws = true;
        }
    }

    /// Extends the last token, if it ends at code point `at`, to `end` (byte `end_byte` of
    /// `text`); returns whether there was such a token.
    fn extend_last(&mut self, text: &str, at: usize, end: usize, end_byte: usize) -> bool {
        match (self.tokens.last_mut(), self.bytes.last_mut()) {
            (Some(last), Some(bytes)) if last.end == at => {
                last.end = end;
                bytes.1 = end_byte as u32;
                let from = bytes.0 as usize;
                if let Some(folded) = self.folded.as_mut() {
                    folded.pop();
                    folded.push_with(|out| fold_into(&text[from..end_byte], out));
                }
                true
            }
            _ => false,
        }
    }
}

/// What the proclitic policy needs to know about an Arabic word, besides its folded form.
struct Head {
    /// The first two folded letters.
    letters: [char; 2],
    /// For folded letters 0–2: the code point and byte (in the word) where their cluster starts,
    /// if they start it — a proclitic can only end where a cluster starts.
    cut: [Option<(usize, usize)>; 3],
    /// For folded letters 0–2: whether a tatweel precedes them (since the letter before).
    tatweel_before: [bool; 3],
    /// Whether the word ends in tatweel (after its last letter).
    trailing_tatweel: bool,
    /// Number of folded letters.
    n: usize,
    /// For folded letters 0–2: the byte where they start in the folded word (its length if
    /// there are fewer), where a split cuts the folded word.
    folded_at: [usize; 3],
}

impl Head {
    /// Reads the head of `word` (starting at code point `start`), whose folded form is `folded`
    /// and which folds as `folding` says.
    fn read(word: &str, start: usize, folded: &str, folding: Folding) -> Head {
        let mut chars = folded.chars();
        let letters = [(); 2].map(|_| chars.next().unwrap_or_default());
        // Plain letters (`Folding::Arabic`) fold to one two-byte letter each, or to
        // nothing (tatweel, harakat). If nothing was dropped, the word is its letters alone —
        // the usual case: each is a cluster, two bytes in the word and folded.
        if folding != Folding::General && folded.len() == word.len() {
            let n = word.len() / 2;
            return Head {
                letters,
                cut: [0, 1, 2].map(|k| (k < n).then_some((start + k, 2 * k))),
                tatweel_before: [false; 3],
                trailing_tatweel: false,
                n,
                folded_at: [0, 2, 4].map(|b| b.min(folded.len())),
            };
        }
        let n = folded.chars().count();
        let mut folded_at = [folded.len(); 3];
        for (k, (i, _)) in folded.char_indices().take(3).enumerate() {
            folded_at[k] = i;
        }
        // Three plain letters to start with, harakat or tatweel further on: each of the three
        // is a cluster and one folded letter.
        let plain = |k: usize| {
            word.as_bytes()
                .get(2 * k..)
                .and_then(plain_letter)
                .is_some_and(|c| c != 'ـ')
        };
        if plain(0) && plain(1) && plain(2) {
            return Head {
                letters,
                cut: [0, 1, 2].map(|k| Some((start + k, 2 * k))),
                tatweel_before: [false; 3],
                trailing_tatweel: ends_in_tatweel(&word[6..], false),
                n,
                folded_at,
            };
        }
        let mut head = Head {
            letters,
            cut: [None; 3],
            tatweel_before: [false; 3],
            trailing_tatweel: false,
            n,
            folded_at,
        };
        // Folded letters seen so far.
        let mut k = 0;
        let mut tatweel = false;
        let mut cp = start;
        let mut clusters = Clusters::new(word);
        for cluster in clusters.by_ref() {
            let mut letters = 0;
            for c in word[cluster.start..cluster.end].chars() {
                tatweel |= c == 'ـ';
                letters += match fold_char(c) {
                    Fold::Remove => 0,
                    Fold::Char(_) => 1,
                    Fold::Str(s) => s.chars().count(),
                };
            }
            for i in 0..letters {
                if k + i < 3 {
                    head.cut[k + i] = (i == 0).then_some((cp, cluster.start));
                    head.tatweel_before[k + i] = tatweel;
                }
            }
            k += letters;
            if letters > 0 {
                tatweel = false;
            }
            cp += cluster.chars;
            if k >= 3 {
                break;
            }
        }
        head.trailing_tatweel = ends_in_tatweel(&word[clusters.pos()..], tatweel);
        head
    }
}

/// Whether a tatweel follows the last letter of `tail`; `before` if it has no letter.
fn ends_in_tatweel(tail: &str, before: bool) -> bool {
    tail.chars()
        .rev()
        .find_map(|c| match c {
            'ـ' => Some(true),
            _ => (fold_char(c) != Fold::Remove).then_some(false),
        })
        .unwrap_or(before)
}

/// How an Arabic word divides.
enum Split {
    None,
    /// The whole word is a proclitic (`بـ` before `«`).
    Whole,
    /// A proclitic up to code point `cp` (byte `byte` of the word; byte `folded` of its folded
    /// form), then the word.
    At {
        cp: usize,
        byte: usize,
        folded: usize,
    },
}

impl Tokenizer {
    /// A tokenizer that knows the words of `lexicon`.
    pub fn new(lexicon: Lexicon) -> Tokenizer {
        Tokenizer { lexicon }
    }

    /// The known words.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The known words, to add gazetteer names to.
    pub fn lexicon_mut(&mut self) -> &mut Lexicon {
        &mut self.lexicon
    }

    /// Splits `text` into tokens: sorted, non-overlapping, covering every non-whitespace
    /// character, each a whole number of grapheme clusters.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        self.tokenize_indexed(text).tokens
    }

    /// [`Tokenizer::tokenize`], also giving each token's byte range in `text`, which the rule
    /// engine needs to fold tokens and which the tokenizer knows anyway.
    pub(crate) fn tokenize_indexed(&self, text: &str) -> Indexed {
        self.run(text, false)
    }

    /// [`Tokenizer::tokenize_indexed`], with every token folded as well.
    pub(crate) fn tokenize_folded(&self, text: &str) -> (Indexed, FoldedTokens) {
        let mut out = self.run(text, true);
        let folded = out.folded.take().unwrap_or_default();
        (out, folded)
    }

    fn run(&self, text: &str, fold: bool) -> Indexed {
        let mut out = Indexed::with_capacity(text, fold);
        // Where clitic words are folded to be split when the tokens are not folded.
        let mut folded = String::new();
        let mut run: Option<Run> = None;
        // Start (code point, byte) of format characters waiting for the token after them.
        let mut pending: Option<(usize, usize)> = None;
        let mut clusters = Clusters::new(text);
        let mut cp = 0;
        loop {
            let at = clusters.pos();
            // Fast paths for what most of an article is, with the effect the general path below
            // would have: Arabic letters (clusters of class Arabic), and a lone space or line
            // break (a cluster of class Space).
            if let Some(base) = clusters.peek_letter() {
                let taken = clusters.skip_letters();
                if taken > 0 {
                    let (start, end) = (cp, cp + taken);
                    cp = end;
                    let word = match run.take() {
                        Some(mut open) if open.kind == Class::Arabic => {
                            open.end = end;
                            open.end_byte = clusters.pos();
                            // The run's folding stands: more plain letters change neither an
                            // Arabic run nor one that already needs the general fold.
                            open
                        }
                        other => {
                            if let Some(open) = other {
                                self.close(text, open, Some(base), &mut out, &mut folded);
                            }
                            let (start, start_byte, folding) = match pending.take() {
                                Some((start, start_byte)) => (start, start_byte, Folding::General),
                                None => (start, at, Folding::Arabic),
                            };
                            Run {
                                kind: Class::Arabic,
                                start,
                                start_byte,
                                end,
                                end_byte: clusters.pos(),
                                base,
                                folding,
                            }
                        }
                    };
                    // Most words end where their letters do: close them here, without a trip
                    // through the general path for what follows.
                    match word_end(&text.as_bytes()[clusters.pos()..]) {
                        Some(next) => self.close(text, word, next, &mut out, &mut folded),
                        None => run = Some(word),
                    }
                    continue;
                }
            }
            if clusters.skip_space() {
                if let Some(open) = run.take() {
                    self.close(text, open, None, &mut out, &mut folded);
                }
                if let Some((from, from_byte)) = pending.take() {
                    out.push(text, from, cp, TokenKind::Symbol, (from_byte, at));
                }
                out.end_with_space(cp);
                cp += 1;
                continue;
            }
            let Some(cluster) = clusters.next() else {
                break;
            };
            let (start, end) = (cp, cp + cluster.chars);
            cp = end;
            let class = classify(cluster.base);
            if let Some(open) = run.as_mut() {
                let next_is = |want: Class| {
                    clusters
                        .clone()
                        .next()
                        .is_some_and(|c| classify(c.base) == want)
                };
                let continues = match (open.kind, class) {
                    (_, Class::Format)
                    | (Class::Arabic, Class::Arabic)
                    | (Class::Latin, Class::Latin | Class::Digit)
                    | (Class::Digit, Class::Digit) => true,
                    (Class::Digit, Class::Punct) if matches!(cluster.base, '%' | '٪') => {
                        !next_is(Class::Digit)
                    }
                    (Class::Digit, Class::Punct) => {
                        is_number_separator(cluster.base) && next_is(Class::Digit)
                    }
                    (Class::Latin, Class::Punct) => {
                        matches!(cluster.base, '\'' | '’') && next_is(Class::Latin)
                    }
                    _ => false,
                };
                if continues {
                    open.end = end;
                    open.end_byte = cluster.end;
                    open.folding = Folding::General;
                    continue;
                }
                let next = (class != Class::Space).then_some(cluster.base);
                self.close(text, *open, next, &mut out, &mut folded);
                run = None;
            }
            match class {
                Class::Space => {
                    if let Some((from, from_byte)) = pending.take() {
                        out.push(
                            text,
                            from,
                            start,
                            TokenKind::Symbol,
                            (from_byte, cluster.start),
                        );
                    }
                    out.end_with_space(start);
                }
                Class::Format => {
                    if !out.extend_last(text, start, end, cluster.end) {
                        pending.get_or_insert((start, cluster.start));
                    }
                }
                Class::Arabic | Class::Latin | Class::Digit => {
                    let (start, start_byte) = pending.take().unwrap_or((start, cluster.start));
                    run = Some(Run {
                        kind: class,
                        start,
                        start_byte,
                        end,
                        end_byte: cluster.end,
                        base: cluster.base,
                        folding: Folding::General,
                    });
                }
                Class::Punct | Class::Symbol => {
                    // A punctuation mark carrying more characters is an emoji (keycap `#️⃣`).
                    let kind = if class == Class::Punct && cluster.chars == 1 {
                        TokenKind::Punct
                    } else {
                        TokenKind::Symbol
                    };
                    let (start, start_byte) = pending.take().unwrap_or((start, cluster.start));
                    out.push(text, start, end, kind, (start_byte, cluster.end));
                }
            }
        }
        if let Some(open) = run {
            self.close(text, open, None, &mut out, &mut folded);
        }
        if let Some((from, from_byte)) = pending {
            out.push(text, from, cp, TokenKind::Symbol, (from_byte, text.len()));
        }
        out
    }

    /// Emits the token(s) of a finished run; `next` is the character glued after it, if any.
    fn close(
        &self,
        text: &str,
        run: Run,
        next: Option<char>,
        out: &mut Indexed,
        scratch: &mut String,
    ) {
        let kind = match run.kind {
            Class::Digit => TokenKind::Number,
            Class::Latin => TokenKind::Latin,
            _ => TokenKind::Word,
        };
        let word = &text[run.start_byte..run.end_byte];
        if kind == TokenKind::Word && starts_with_clitic(run.base) {
            self.close_clitic(word, run, next, out, scratch);
        } else {
            let whole = (run.start_byte, run.end_byte);
            out.push_run(run.start, run.end, kind, whole, word, run.folding);
        }
    }

    /// [`Tokenizer::close`] for an Arabic word that begins with a clitic letter, `word`.
    fn close_clitic(
        &self,
        word: &str,
        run: Run,
        next: Option<char>,
        out: &mut Indexed,
        scratch: &mut String,
    ) {
        let whole = (run.start_byte, run.end_byte);
        // The split is decided on the folded word: folded straight into the token stream when
        // folding (where it stays, cut in two by a separator if the word splits), else into
        // `scratch`.
        let to = match out.folded.as_mut() {
            Some(folded) => &mut folded.stream,
            None => {
                scratch.clear();
                scratch
            }
        };
        let from = to.len();
        run.folding.fold_into(word, to);
        let folded = &to[from..];
        let full = hash(folded.as_bytes());
        match self.split(word, &run, next, folded, full) {
            Split::None => {
                out.push_in_stream(run.start, run.end, TokenKind::Word, whole, from, full);
            }
            Split::Whole => {
                out.push_in_stream(run.start, run.end, TokenKind::Proclitic, whole, from, full);
            }
            Split::At { cp, byte, folded } => {
                let byte = run.start_byte + byte;
                out.push_token(run.start, cp, TokenKind::Proclitic, (run.start_byte, byte));
                out.push_token(cp, run.end, TokenKind::Word, (byte, run.end_byte));
                if let Some(stream) = out.folded.as_mut() {
                    stream.end_split(from, folded);
                }
            }
        }
    }

    /// Applies the proclitic policy (module documentation) to one Arabic word, `run`'s text,
    /// whose folded form is `folded`, of [`hash`] `full`.
    fn split(&self, word: &str, run: &Run, next: Option<char>, folded: &str, full: u32) -> Split {
        let (start, folding) = (run.start, run.folding);
        let Head {
            letters,
            cut,
            tatweel_before,
            trailing_tatweel,
            n,
            folded_at,
        } = Head::read(word, start, folded, folding);
        let known = |word: &str, hash: u32| self.lexicon.words.get_hashed(word, hash).is_some();
        let rest = |k: usize| &folded[folded_at[k]..];
        let at = |k: usize| {
            cut[k].map(|(cp, byte)| Split::At {
                cp,
                byte,
                folded: folded_at[k],
            })
        };

        // 1. Tatweel-marked clitics, and bare clitics glued to a quote, digit or Latin word.
        for k in [2, 1] {
            if k > n || !is_prefix(letters, k) {
                continue;
            }
            if k == n && (trailing_tatweel || next.is_some_and(takes_proclitic)) {
                return Split::Whole;
            }
            if k < n && tatweel_before[k] && !known(folded, full) {
                if let Some(split) = at(k) {
                    return split;
                }
            }
        }
        // 2. A known word stays whole.
        if n < 4 || known(folded, full) {
            return Split::None;
        }
        // 3. A known rest of at least three letters.
        for k in [1, 2] {
            if n - k >= 3 && is_prefix(letters, k) {
                let rest = rest(k);
                if known(rest, hash(rest.as_bytes())) {
                    if let Some(split) = at(k) {
                        return split;
                    }
                }
            }
        }
        // 4. The article, or its lam after a clitic lam.
        for k in [2, 1] {
            if !is_prefix(letters, k) {
                continue;
            }
            let r = rest(k);
            let article = (r.starts_with("ال") && n - k >= 4)
                || (letters[k - 1] == 'ل' && r.starts_with('ل') && n - k >= 3);
            if article {
                if let Some(split) = at(k) {
                    return split;
                }
            }
        }
        Split::None
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Pieces that exercise every way a token's folded form is made: words split at a
    /// proclitic (with and without tatweel or harakat), format characters joining the token
    /// before or after them, presentation forms folding to two letters.
    const PIECES: &[&str] = &[
        "و",
        "ب",
        "ل",
        "ال",
        "بغداد",
        "لبنان",
        "ـ",
        "َ",
        "ّ",
        "أ",
        "ة",
        "ى",
        "ﻻ",
        "ﷺ",
        "«",
        "2500",
        "٢٥",
        "\u{200c}",
        "\u{200f}",
        "\u{ad}",
        "\u{feff}",
        " ",
        "\n",
        "e\u{301}",
        "🇮🇶",
        "،",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Folding while tokenizing gives each token exactly [`fold`] of its text.
        #[test]
        fn folded_tokens_are_the_tokens_folded(
            text in proptest::collection::vec(proptest::sample::select(PIECES), 0..30)
                .prop_map(|v| v.concat())
        ) {
            let mut tokenizer = Tokenizer::default();
            tokenizer.lexicon_mut().insert("بغداد");
            let plain = tokenizer.tokenize_indexed(&text);
            let (indexed, folded) = tokenizer.tokenize_folded(&text);
            prop_assert_eq!(&indexed.tokens, &plain.tokens);
            prop_assert_eq!(&indexed.bytes, &plain.bytes);
            prop_assert_eq!(folded.at.len(), indexed.tokens.len());
            let mut expected = String::from(FoldedTokens::SEP);
            for (k, &(from, to)) in indexed.bytes.iter().enumerate() {
                let want = fold(&text[from as usize..to as usize]);
                let (a, b) = folded.at[k];
                prop_assert_eq!(&folded.stream[a as usize..b as usize], want.as_str());
                prop_assert_eq!(folded.hashes[k], hash(want.as_bytes()));
                expected.push_str(&want);
                expected.push(FoldedTokens::SEP);
            }
            prop_assert_eq!(folded.stream, expected);
        }
    }
}
