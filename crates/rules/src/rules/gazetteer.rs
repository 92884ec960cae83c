//! The gazetteer: every phrase of a set of rule packs in one trie of folded tokens, matched over
//! an article's tokens.
//!
//! # Why keys are token sequences
//!
//! Matching the raw text would miss `والولايات المتحدة`, `لـ«حزب الله»` and `بالعراق`, whose
//! proclitics are glued to the name, and would find `عمان` inside `سلطنةعمان`-style typos and
//! `صور` inside `تصور`. So each pattern is tokenized by the *same* tokenizer as the article,
//! every token folded ([`crate::text::fold`]), and the key is that sequence of folded tokens —
//! the form the tokens take in [`Doc`]. Keys are stored as a trie of folded tokens, whose
//! edges are looked up by the token hashes [`Doc`] computes while folding (and confirmed by
//! comparing the token), and matched left to right from each token: the longest known name
//! starting at a token wins (`الولايات المتحدة الأمريكية` over `الولايات المتحدة`), the scan
//! resumes after it, and a hit starts and ends on token boundaries, so the span excludes the
//! proclitic token by construction. When the longest key fails a guard (below), shorter keys at
//! the same start are tried before moving on. This is leftmost-longest matching with token
//! boundaries as the only possible match starts and ends — what an automaton over the folded
//! bytes would find, at one hash lookup per token instead of one transition per byte, and
//! without compiling an automaton.
//!
//! Most tokens start no name, so a Bloom filter of the keys' first tokens, probed with the same
//! token hashes, skips them without touching the trie: the gazetteer costs less than folding
//! the text.
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
//!
//! # Type nouns give way
//!
//! The guidelines leave an organization's generic type noun outside its name (`تنظيم داعش` →
//! `داعش`), yet the press names some groups with one (`تنظيم الدولة`). Leftmost-longest would
//! then read `تنظيم الدولة الإسلامية` as `تنظيم الدولة` and lose `الدولة الإسلامية`. So a key whose
//! first token is a type noun ([`NegativeLists::type_nouns`]) gives way when a key starting at
//! its second token reaches further: the scan moves on one token and finds that longer name.

use super::candidate::{Candidate, Found, NameRef, Why};
use super::doc::Doc;
use super::pack::{NegativeLists, RulePack};
use crate::fxhash::{FxHashMap, FxHashSet};
use crate::span::{Label, Name};
use crate::text::words::{hash as word_hash, same_word, HashFilter};
use crate::text::{fold, fold_char, has_char, TokenKind, Tokenizer};

/// The negative lists, compiled for lookup.
#[derive(Debug, Clone, Default)]
pub struct Guards {
    /// Folded words that are never a name alone.
    single: FxHashSet<String>,
    /// Folded forms of the listed words written with ى (`علي` for `على`).
    trap_folded: FxHashSet<String>,
    /// Those words in their [`light`] form (`على`, `الى`, `حتى`).
    trap_light: FxHashSet<String>,
    /// Folded generic type nouns (`تنظيم`, `قناة`).
    type_nouns: FxHashSet<String>,
}

impl Guards {
    /// Compiles negative lists.
    pub fn new(lists: &NegativeLists) -> Guards {
        let mut guards = Guards::default();
        for word in &lists.words {
            guards.single.insert(fold(word));
            if has_char(word, 'ى') {
                guards.trap_folded.insert(fold(word));
                guards.trap_light.insert(light(word));
            }
        }
        guards.type_nouns = lists.type_nouns.iter().map(|w| fold(w)).collect();
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
    id: Option<Name>,
    rule: Name,
    /// The start of the explanation: `gazetteer PER «فؤاد حسين» (per)`.
    what: Name,
}

/// What a key (a phrase's folded tokens, ending at a trie node) matches as.
#[derive(Debug, Clone)]
struct Key {
    entry: u32,
    /// The ل variant of an `ال` key: only valid right after a ل proclitic.
    after_lam: bool,
    /// Token positions that fold like a function word written with ى (see the module docs).
    guarded: Vec<u8>,
    /// Its first token is a type noun: it gives way to a longer name after it (module docs).
    gives_way: bool,
}

/// Collects phrases, then compiles them into a [`Gazetteer`].
#[derive(Debug)]
pub struct GazetteerBuilder<'a> {
    tokenizer: &'a Tokenizer,
    guards: &'a Guards,
    priority: u8,
    trie: Trie,
    keys: Vec<Key>,
    entries: Vec<Entry>,
}

impl<'a> GazetteerBuilder<'a> {
    /// A builder whose hits carry `priority`. Patterns are tokenized with `tokenizer`, which
    /// must be the one articles are tokenized with (with the pack's words in its lexicon).
    pub fn new(tokenizer: &'a Tokenizer, guards: &'a Guards, priority: u8) -> Self {
        GazetteerBuilder {
            tokenizer,
            guards,
            priority,
            trie: Trie::default(),
            keys: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// Adds every entry of `pack`, with rule id `gaz:<pack name>`.
    pub fn add_pack(&mut self, pack: &RulePack) -> &mut Self {
        let rule = Name::from(format!("gaz:{}", pack.name));
        for e in &pack.entries {
            for phrase in e.pattern.phrases() {
                // `gazetteer PER «فؤاد حسين» (per)`, for thousands of phrases: no `format!`.
                let mut what = String::with_capacity(phrase.len() + pack.name.len() + 24);
                for part in [
                    "gazetteer ",
                    &e.label,
                    " «",
                    &phrase,
                    "» (",
                    &pack.name,
                    ")",
                ] {
                    what.push_str(part);
                }
                let stops_apply = !pack.context_only;
                self.add_phrase(&phrase, &e.label, e.id.as_ref(), &rule, what, stops_apply);
            }
        }
        self
    }

    /// Adds one phrase. `what` starts the explanation of its hits. A phrase whose folded key is
    /// already present replaces the earlier one (later packs override earlier ones); a phrase
    /// with no tokens, or a single token on a negative list, is ignored.
    pub fn add(
        &mut self,
        phrase: &str,
        label: &Name,
        id: Option<&Name>,
        rule: &Name,
        what: String,
    ) {
        self.add_phrase(phrase, label, id, rule, what, true);
    }

    /// [`Gazetteer::add`]; the negative lists keep a single word out only if `stops_apply`. They
    /// do not for a context-only pack, whose names are words too by definition (`أمل` "hope",
    /// `بدر`, `مالي`) and are suggested only after a type noun (`حركة أمل`).
    fn add_phrase(
        &mut self,
        phrase: &str,
        label: &Name,
        id: Option<&Name>,
        rule: &Name,
        what: String,
        stops_apply: bool,
    ) {
        let mut folded = Vec::new();
        let mut guarded = Vec::new();
        for (from, to) in self.tokenizer.tokenize_indexed(phrase).bytes {
            let word = &phrase[from as usize..to as usize];
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
        if folded.is_empty()
            || (stops_apply && folded.len() == 1 && self.guards.is_single_stop(&folded[0]))
        {
            return;
        }
        let entry = self.entries.len() as u32;
        self.entries.push(Entry {
            label: label.clone(),
            id: id.cloned(),
            rule: rule.clone(),
            what: Name::from(what),
        });
        let base = Key {
            entry,
            after_lam: false,
            guarded,
            gives_way: folded.len() > 1 && self.guards.type_nouns.contains(&folded[0]),
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
        let node = folded.iter().fold(Trie::ROOT, |node, token| {
            self.trie.child_or_insert(node, token)
        });
        match &mut self.trie.nodes[node as usize].key {
            Some(slot) => self.keys[*slot as usize] = key,
            empty => {
                *empty = Some(self.keys.len() as u32);
                self.keys.push(key);
            }
        }
    }

    /// Finishes the gazetteer.
    pub fn build(self) -> Gazetteer {
        Gazetteer {
            starts: HashFilter::of(&self.trie.first_hashes()),
            trie: self.trie,
            keys: self.keys,
            entries: self.entries,
            priority: self.priority,
            trap_light: self.guards.trap_light.clone(),
        }
    }
}

/// The keys as a trie of folded tokens. An edge is found by the hash of its token ([`word_hash`],
/// which [`Doc`] has for every token) and confirmed by comparing the token itself.
#[derive(Debug, Clone)]
struct Trie {
    nodes: Vec<Node>,
    /// (node, hash of a token) → the first child of that node whose token has that hash.
    edges: FxHashMap<(u32, u32), u32>,
}

/// A trie node: the token that leads to it and the key that ends there, if any.
#[derive(Debug, Clone)]
struct Node {
    token: Box<str>,
    key: Option<u32>,
    /// The next child of the same parent whose token has the same hash (they almost never do).
    same_hash: Option<u32>,
}

impl Default for Trie {
    fn default() -> Trie {
        Trie {
            nodes: vec![Node {
                token: "".into(),
                key: None,
                same_hash: None,
            }],
            edges: FxHashMap::default(),
        }
    }
}

impl Trie {
    const ROOT: u32 = 0;

    /// The child of `node` reached by `token`, whose hash is `hash`.
    fn child(&self, node: u32, hash: u32, token: &str) -> Option<u32> {
        let mut child = *self.edges.get(&(node, hash))?;
        loop {
            let n = &self.nodes[child as usize];
            if same_word(n.token.as_bytes(), token.as_bytes()) {
                return Some(child);
            }
            child = n.same_hash?;
        }
    }

    /// The hashes of the keys' first tokens.
    fn first_hashes(&self) -> Vec<u32> {
        self.edges
            .keys()
            .filter(|&&(node, _)| node == Trie::ROOT)
            .map(|&(_, hash)| hash)
            .collect()
    }

    fn child_or_insert(&mut self, node: u32, token: &str) -> u32 {
        let hash = word_hash(token.as_bytes());
        if let Some(child) = self.child(node, hash, token) {
            return child;
        }
        let child = self.nodes.len() as u32;
        let same_hash = self.edges.insert((node, hash), child);
        self.nodes.push(Node {
            token: token.into(),
            key: None,
            same_hash,
        });
        child
    }
}

/// A compiled gazetteer; see the module documentation.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    trie: Trie,
    keys: Vec<Key>,
    entries: Vec<Entry>,
    priority: u8,
    /// [`Guards`]' ى-written function words, checked on guarded key tokens.
    trap_light: FxHashSet<String>,
    /// The first tokens of all keys: most tokens of an article start no name, and this rules
    /// them out with two bit tests instead of a trie lookup.
    starts: HashFilter,
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
        let mut found = Vec::new();
        self.propose(doc, &mut found);
        out.extend(found.iter().map(|f| f.to_candidate(doc)));
    }

    /// [`Gazetteer::find`], as the engine runs it: candidates with their strings unwritten.
    pub(crate) fn propose<'g>(&'g self, doc: &Doc, out: &mut Vec<Found<'g>>) {
        let (mut path, mut from) = (Vec::new(), 0);
        for i in 0..doc.len() {
            self.propose_at(doc, i, &mut from, &mut path, out);
        }
    }

    /// [`Gazetteer::propose`] of two gazetteers in one pass over the document, `either` being
    /// the filter of both ([`Gazetteer::either`]): a token that starts no name of either (nearly
    /// all of them) costs one filter test, not one per gazetteer.
    pub(crate) fn propose_two<'g>(
        [a, b]: [&'g Gazetteer; 2],
        either: &HashFilter,
        doc: &Doc,
        [out_a, out_b]: [&mut Vec<Found<'g>>; 2],
    ) {
        let (mut path, mut from) = (Vec::new(), [0, 0]);
        for i in 0..doc.len() {
            if either.may_contain(doc.folded_hash(i)) {
                a.propose_at(doc, i, &mut from[0], &mut path, out_a);
                b.propose_at(doc, i, &mut from[1], &mut path, out_b);
            }
        }
    }

    /// The filter of the first tokens of the keys of both gazetteers, for
    /// [`Gazetteer::propose_two`].
    pub(crate) fn either(a: &Gazetteer, b: &Gazetteer) -> HashFilter {
        HashFilter::of(&[a.trie.first_hashes(), b.trie.first_hashes()].concat())
    }

    /// Pushes the hit starting at token `i` to `out`, if there is one and `i` is not inside the
    /// last hit (before token `from`, which a hit moves past its end): leftmost-longest,
    /// non-overlapping, when asked for every token in order.
    #[inline]
    fn propose_at<'g>(
        &'g self,
        doc: &Doc,
        i: usize,
        from: &mut usize,
        path: &mut Vec<(usize, usize)>,
        out: &mut Vec<Found<'g>>,
    ) {
        if i < *from || !self.starts.may_contain(doc.folded_hash(i)) {
            return;
        }
        match self.longest_at(doc, i, path) {
            Some((last, key)) if !self.gives_way(doc, i, last, key, path) => {
                out.push(self.found(i, last, key));
                *from = last + 1;
            }
            _ => {}
        }
    }

    /// The longest valid hit starting at token `first`: its last token and key. `path` is
    /// scratch space for the keys found along the way.
    fn longest_at(
        &self,
        doc: &Doc,
        first: usize,
        path: &mut Vec<(usize, usize)>,
    ) -> Option<(usize, usize)> {
        path.clear();
        let mut node = Trie::ROOT;
        for t in first..doc.len() {
            match self.trie.child(node, doc.folded_hash(t), doc.folded(t)) {
                Some(child) => node = child,
                None => break,
            }
            if let Some(k) = self.trie.nodes[node as usize].key {
                path.push((t, k as usize));
            }
        }
        // The longest key may fail a guard: then the shorter ones at the same start are tried.
        path.iter()
            .rev()
            .copied()
            .find(|&(_, k)| self.accept(doc, first, k))
    }

    /// Whether the hit `first..=last` of key `k` gives way to a longer name after its type noun.
    fn gives_way(
        &self,
        doc: &Doc,
        first: usize,
        last: usize,
        k: usize,
        path: &mut Vec<(usize, usize)>,
    ) -> bool {
        self.keys[k].gives_way
            && self
                .longest_at(doc, first + 1, path)
                .is_some_and(|(end, _)| end > last)
    }

    /// Whether a hit of key `k` from token `first` is valid: right after a ل proclitic for a ل
    /// variant, and no guarded token written as a function word.
    fn accept(&self, doc: &Doc, first: usize, k: usize) -> bool {
        let key = &self.keys[k];
        if key.after_lam && !follows_lam(doc, first) {
            return false;
        }
        !key.guarded.iter().any(|&p| {
            let word = doc.token_text(first + p as usize);
            has_char(word, 'ى') && self.trap_light.contains(&light(word))
        })
    }

    fn found(&self, first: usize, last: usize, k: usize) -> Found<'_> {
        let key = &self.keys[k];
        let entry = &self.entries[key.entry as usize];
        Found {
            first,
            last,
            label: NameRef::Owned(&entry.label),
            rule: NameRef::Owned(&entry.rule),
            priority: self.priority,
            id: entry.id.as_ref().map(NameRef::Owned),
            why: Why::Gazetteer {
                what: &entry.what,
                after_lam: key.after_lam,
            },
        }
    }
}

/// The proclitic token glued right before token `first`, if there is one.
pub(super) fn attached_clitic(doc: &Doc, first: usize) -> Option<usize> {
    let p = first.checked_sub(1)?;
    (doc.kind(p) == TokenKind::Proclitic && doc.tokens[p].end == doc.tokens[first].start)
        .then_some(p)
}

/// Whether token `first` directly follows a proclitic ending in ل (`ل`, `ول`, `فل`, `لـ`).
fn follows_lam(doc: &Doc, first: usize) -> bool {
    attached_clitic(doc, first).is_some_and(|p| doc.folded(p).ends_with('ل'))
}
