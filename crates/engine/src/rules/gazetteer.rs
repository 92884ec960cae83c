//! The gazetteer: every phrase of a set of rule packs in one aho-corasick automaton, matched over
//! folded tokens.
//!
//! # Why keys are token sequences
//!
//! Matching the raw text would miss `والولايات المتحدة`, `لـ«حزب الله»` and `بالعراق`, whose
//! proclitics are glued to the name, and would find `عمان` inside `سلطنةعمان`-style typos and
//! `صور` inside `تصور`. So each pattern is tokenized by the *same* tokenizer as the article,
//! every token folded ([`crate::text::fold`]), and the key is `SEP t1 SEP t2 …` — the form the
//! tokens take in [`Doc`]'s folded stream. The automaton (aho-corasick, leftmost-longest) is run
//! *anchored* at token starts, left to right: the longest known name starting at a token wins
//! (`الولايات المتحدة الأمريكية` over `الولايات المتحدة`), the scan resumes after it, and a hit
//! must end where a token ends (checked against the token table), so the span excludes the
//! proclitic token by construction. When the longest key ends inside a token, shorter keys at
//! the same start are tried before moving on. This is leftmost-longest matching with token
//! boundaries as the only possible match starts.
//!
//! Most tokens start no name, so a Bloom filter of the keys' first tokens, probed with the
//! token hashes [`Doc`] computes while folding, skips them without touching the automaton:
//! the gazetteer costs about as much as folding the text.
//!
//! # The لل form
//!
//! `للعراق` is ل + العراق with the article's alef dropped, and the gold convention puts the span
//! after the first ل (`لعراق`). Every key whose first token starts with `ال` therefore gets a
//! second key with `ل` instead, accepted only right after a ل proclitic token.
//!
//! # Guards
//!
//! Folding is lossy on purpose, so two guards keep it from inventing names ([`Guards`]):
//! a single-token key that is on a negative list (function words, given names that are also
//! common words, nationality adjectives) is never added; and a key token that folds like a
//! function word written with ى (`على` → `علي`) matches only a text token *not* written that way,
//! so the name `علي خامنئي` never fires on `على خامنئي`.

use std::collections::{HashMap, HashSet};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use super::candidate::Candidate;
use super::doc::{hash as doc_hash, Doc};
use super::pack::{NegativeLists, RulePack};
use crate::span::Label;
use crate::text::{fold, fold_char, TokenKind, Tokenizer};

/// The negative lists, compiled for lookup.
#[derive(Debug, Clone, Default)]
pub struct Guards {
    /// Folded words that are never a name alone.
    single: HashSet<String>,
    /// Folded forms of the listed words written with ى (`علي` for `على`).
    trap_folded: HashSet<String>,
    /// Those words in their [`light`] form (`على`, `الى`, `حتى`).
    trap_light: HashSet<String>,
}

impl Guards {
    /// Compiles negative lists.
    pub fn new(lists: &NegativeLists) -> Guards {
        let mut guards = Guards::default();
        for word in &lists.words {
            guards.single.insert(fold(word));
            if word.contains('ى') {
                guards.trap_folded.insert(fold(word));
                guards.trap_light.insert(light(word));
            }
        }
        guards
    }

    /// Whether `folded` (one folded token) may not be a name on its own.
    pub fn is_single_stop(&self, folded: &str) -> bool {
        self.single.contains(folded)
    }
}

/// A word folded except for ى, which stays distinct from ي: what tells `على` from `علي`.
fn light(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c == 'ى' {
            out.push(c);
        } else {
            fold_char(c).push_to(&mut out);
        }
    }
    out
}

/// What a hit of an entry says about itself.
#[derive(Debug, Clone)]
struct Entry {
    label: Label,
    id: Option<String>,
    rule: String,
    /// The start of the explanation: `gazetteer PER «فؤاد حسين» (per)`.
    what: String,
}

/// One automaton pattern.
#[derive(Debug, Clone)]
struct Key {
    entry: u32,
    /// Number of tokens.
    tokens: u32,
    /// The ل variant of an `ال` key: only valid right after a ل proclitic.
    after_lam: bool,
    /// Token positions that fold like a function word written with ى (see the module docs).
    guarded: Vec<u8>,
}

/// Collects phrases, then compiles them into a [`Gazetteer`].
#[derive(Debug)]
pub struct GazetteerBuilder<'a> {
    tokenizer: &'a Tokenizer,
    guards: &'a Guards,
    priority: u8,
    by_key: HashMap<String, usize>,
    keys: Vec<String>,
    meta: Vec<Key>,
    entries: Vec<Entry>,
    starts: StartFilter,
}

impl<'a> GazetteerBuilder<'a> {
    /// A builder whose hits carry `priority`. Patterns are tokenized with `tokenizer`, which
    /// must be the one articles are tokenized with (with the pack's words in its lexicon).
    pub fn new(tokenizer: &'a Tokenizer, guards: &'a Guards, priority: u8) -> Self {
        GazetteerBuilder {
            tokenizer,
            guards,
            priority,
            by_key: HashMap::new(),
            keys: Vec::new(),
            meta: Vec::new(),
            entries: Vec::new(),
            starts: StartFilter::new(),
        }
    }

    /// Adds every entry of `pack`, with rule id `gaz:<pack name>`.
    pub fn add_pack(&mut self, pack: &RulePack) -> &mut Self {
        let rule = format!("gaz:{}", pack.name);
        for e in &pack.entries {
            for phrase in e.pattern.phrases() {
                let what = format!("gazetteer {} «{}» ({})", e.label, phrase, pack.name);
                self.add(&phrase, &e.label, e.id.as_deref(), &rule, what);
            }
        }
        self
    }

    /// Adds one phrase. `what` starts the explanation of its hits. A phrase whose folded key is
    /// already present replaces the earlier one (later packs override earlier ones); a phrase
    /// with no tokens, or a single token on a negative list, is ignored.
    pub fn add(&mut self, phrase: &str, label: &str, id: Option<&str>, rule: &str, what: String) {
        let mut folded = Vec::new();
        let mut guarded = Vec::new();
        for t in self.tokenizer.tokenize(phrase) {
            let word = crate::text::slice_chars(phrase, t.start, t.end);
            let f = fold(word);
            if f.is_empty() {
                continue;
            }
            if self.guards.trap_folded.contains(&f)
                && !self.guards.trap_light.contains(&light(word))
            {
                guarded.extend(u8::try_from(folded.len()).ok());
            }
            folded.push(f);
        }
        if folded.is_empty() || (folded.len() == 1 && self.guards.is_single_stop(&folded[0])) {
            return;
        }
        let entry = self.entries.len() as u32;
        self.entries.push(Entry {
            label: label.to_owned(),
            id: id.map(str::to_owned),
            rule: rule.to_owned(),
            what,
        });
        let n = folded.len() as u32;
        let base = Key {
            entry,
            tokens: n,
            after_lam: false,
            guarded,
        };
        if let Some(rest) = folded[0]
            .strip_prefix("ال")
            .filter(|r| r.chars().count() >= 2)
        {
            let lam = format!("ل{rest}");
            let alt = std::mem::replace(&mut folded[0], lam);
            self.insert(
                &folded,
                Key {
                    after_lam: true,
                    ..base.clone()
                },
            );
            folded[0] = alt;
        }
        self.insert(&folded, base);
    }

    fn insert(&mut self, folded: &[String], key: Key) {
        self.starts.insert(doc_hash(folded[0].as_bytes()));
        let mut text = String::new();
        for f in folded {
            text.push(Doc::SEP);
            text.push_str(f);
        }
        match self.by_key.get(&text) {
            Some(&slot) => self.meta[slot] = key,
            None => {
                self.by_key.insert(text.clone(), self.keys.len());
                self.keys.push(text);
                self.meta.push(key);
            }
        }
    }

    /// Compiles the automaton.
    pub fn build(self) -> Gazetteer {
        // Building can only fail on absurd sizes (beyond u32 states); an empty automaton then
        // is the never-panic answer.
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&self.keys)
            .or_else(|_| AhoCorasick::new(Vec::<&str>::new()))
            .ok();
        Gazetteer {
            ac,
            keys: self.meta,
            entries: self.entries,
            priority: self.priority,
            trap_light: self.guards.trap_light.clone(),
            starts: self.starts,
        }
    }
}

/// A compiled gazetteer; see the module documentation.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    ac: Option<AhoCorasick>,
    keys: Vec<Key>,
    entries: Vec<Entry>,
    priority: u8,
    /// [`Guards`]' ى-written function words, checked on guarded key tokens.
    trap_light: HashSet<String>,
    /// The first tokens of all keys.
    starts: StartFilter,
}

/// A Bloom filter of the keys' first tokens (by [`Doc`]'s token hash): most tokens of an article
/// start no name, and this rules them out with two bit tests instead of an automaton search.
/// 2¹⁷ bits and two probes keep false positives near 0.2 % for a few thousand first tokens —
/// which matters, because the false positives are the frequent words (`في`, `التي`).
#[derive(Debug, Clone)]
struct StartFilter {
    bits: Vec<u64>,
}

impl StartFilter {
    const BITS: u32 = 1 << 17;

    fn new() -> StartFilter {
        StartFilter {
            bits: vec![0; (Self::BITS / 64) as usize],
        }
    }

    /// The two bit positions of `hash`.
    fn probes(hash: u32) -> [u32; 2] {
        [
            hash % Self::BITS,
            hash.wrapping_mul(0x9E37_79B1).rotate_left(16) % Self::BITS,
        ]
    }

    fn insert(&mut self, hash: u32) {
        for bit in Self::probes(hash) {
            self.bits[(bit / 64) as usize] |= 1 << (bit % 64);
        }
    }

    fn may_contain(&self, hash: u32) -> bool {
        Self::probes(hash)
            .iter()
            .all(|&bit| self.bits[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }
}

impl Gazetteer {
    /// Number of phrases (keys), ل variants included.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the gazetteer has no phrases.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Pushes a candidate for every hit in `doc`, leftmost-longest, non-overlapping.
    pub fn find(&self, doc: &Doc, out: &mut Vec<Candidate>) {
        let Some(ac) = &self.ac else { return };
        let mut i = 0;
        while i < doc.len() {
            if !self.starts.may_contain(doc.folded_hash(i)) {
                i += 1;
                continue;
            }
            match self.longest_at(ac, doc, i) {
                Some((last, key)) => {
                    out.push(self.candidate(doc, i, last, key));
                    i = last + 1;
                }
                None => i += 1,
            }
        }
    }

    /// The longest valid hit starting at token `first`: its last token and key.
    fn longest_at(&self, ac: &AhoCorasick, doc: &Doc, first: usize) -> Option<(usize, usize)> {
        let hay = doc.stream();
        let start = doc.stream_range(first).0 - Doc::SEP.len_utf8();
        let mut limit = hay.len();
        loop {
            let m = ac.find(Input::new(hay).range(start..limit).anchored(Anchored::Yes))?;
            if let Some(hit) = self.accept(doc, first, m.end(), m.pattern().as_usize()) {
                return Some(hit);
            }
            // The longest key ended inside a token or failed a guard: try shorter ones here.
            limit = (first..doc.len())
                .map(|t| doc.stream_range(t).1)
                .take_while(|&e| e < m.end())
                .last()?;
        }
    }

    /// The last token of a hit of key `k` from token `first` to stream byte `end`, if it is a
    /// valid hit.
    fn accept(&self, doc: &Doc, first: usize, end: usize, k: usize) -> Option<(usize, usize)> {
        let key = &self.keys[k];
        let last = doc.token_ending_at(end)?;
        if last + 1 != first + key.tokens as usize {
            return None;
        }
        if key.after_lam && !follows_lam(doc, first) {
            return None;
        }
        let trapped = key.guarded.iter().any(|&p| {
            let word = doc.token_text(first + p as usize);
            word.contains('ى') && self.trap_light.contains(&light(word))
        });
        (!trapped).then_some((last, k))
    }

    fn candidate(&self, doc: &Doc, first: usize, last: usize, k: usize) -> Candidate {
        let key = &self.keys[k];
        let entry = &self.entries[key.entry as usize];
        let mut explanation = String::with_capacity(entry.what.len() + 64);
        explanation.push_str(&entry.what);
        if let Some(clitic) = first
            .checked_sub(1)
            .filter(|&p| is_attached_clitic(doc, p, first))
        {
            explanation.push_str(", matched after removing ");
            explanation.push_str(doc.token_text(clitic));
            if key.after_lam {
                explanation.push_str(" (ل + ال with the alef dropped)");
            }
        }
        Candidate {
            first,
            last,
            label: entry.label.clone(),
            rule: entry.rule.clone(),
            priority: self.priority,
            id: entry.id.clone(),
            explanation,
        }
    }
}

/// Whether token `p` is a proclitic glued to token `next`.
fn is_attached_clitic(doc: &Doc, p: usize, next: usize) -> bool {
    doc.kind(p) == TokenKind::Proclitic && doc.tokens[p].end == doc.tokens[next].start
}

/// Whether token `first` directly follows a proclitic ending in ل (`ل`, `ول`, `فل`, `لـ`).
fn follows_lam(doc: &Doc, first: usize) -> bool {
    first
        .checked_sub(1)
        .is_some_and(|p| is_attached_clitic(doc, p, first) && doc.folded(p).ends_with('ل'))
}
