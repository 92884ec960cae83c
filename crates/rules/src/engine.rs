//! The rule engine's facade: build once, suggest for any number of articles.
//!
//! ```
//! use raqim_rules::Engine;
//!
//! let engine = Engine::default();
//! let text = "وصل وفد من الولايات المتحدة وبريطانيا إلى بغداد";
//! let suggestions = engine.suggest(text);
//! let found: Vec<(&str, &str)> =
//!     suggestions.spans.iter().map(|s| (s.text(text), s.label.as_str())).collect();
//! assert_eq!(found, [("الولايات المتحدة", "GPE"), ("بريطانيا", "GPE"), ("بغداد", "GPE")]);
//! ```
//!
//! One [`Engine::suggest`] runs the whole pipeline: tokenize (proclitics are tokens) → boilerplate
//! zones → fold every token once ([`Doc`]) → gazetteer, learned forms, ambiguous names → patterns
//! (which see every gazetteer hit) → [`resolve`](crate::rules::resolve) → [`Span`]s in state `Suggested`, each with its
//! rule id and a sentence saying why. The matchers' candidates borrow their strings from the
//! compiled rules and only the winners' sentences are written: most candidates lose, and their
//! strings were a good share of the engine's time.
//!
//! # Why the engine is split in two
//!
//! Compiling the default pack (a few thousand names) takes milliseconds; an analyst's lesson
//! (accepting a span teaches its form, rejecting one suppresses it) must show up in the next
//! suggestion at once. So the pack-derived part lives behind an [`Arc`] and is shared by every
//! clone, and [`Engine::with_learned`] only compiles the learned rules — a small automaton of its
//! own — and, if they bring new words, a copy of the tokenizer's lexicon so proclitics split
//! before them too.
//!
//! The engine does no IO (packs come in as text, the default pack is compiled in) and never
//! panics on input text.

use std::sync::Arc;

use crate::rules::candidate::{PRIORITY_AMBIGUOUS, PRIORITY_GAZETTEER};
use crate::rules::patterns::Patterns;
use crate::rules::resolve::resolve_found;
use crate::rules::zones::find_zones;
use crate::rules::{
    Doc, Gazetteer, GazetteerBuilder, Guards, Learned, LearnedKind, LearnedRule, NegativeLists,
    RulePack,
};
use crate::span::{Span, Zone};
use crate::text::words::HashFilter;
use crate::text::{Lexicon, Token, Tokenizer};

/// What the engine suggests for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggestions {
    /// The article's tokens.
    pub tokens: Vec<Token>,
    /// Suggested entity spans: sorted, non-overlapping, on token boundaries, outside zones.
    pub spans: Vec<Span>,
    /// Boilerplate zones (related links, tag lines, footers).
    pub zones: Vec<Zone>,
    /// Per token: its text is `text[from..to]`, in UTF-8 bytes. The tokenizer knows it anyway;
    /// a writer of token lists then slices the text without converting code points.
    pub token_bytes: Vec<(u32, u32)>,
}

/// The pack-derived part, shared by every clone and every learned variant.
struct Core {
    tokenizer: Tokenizer,
    guards: Guards,
    gazetteer: Gazetteer,
    /// Names that are also common words: handed to the patterns, never suggested alone.
    ambiguous: Gazetteer,
    /// The first tokens of the names of both, so one pass over an article reads both.
    either: HashFilter,
    patterns: Patterns,
    /// Whether suggestions carry their explanation ([`EngineBuilder::explain`]).
    explain: bool,
}

/// The learned rules, compiled.
#[derive(Default)]
struct Lessons {
    /// The core tokenizer plus the learned forms' words, if they brought new ones.
    tokenizer: Option<Tokenizer>,
    matcher: Learned,
    count: usize,
}

/// The rule engine; cheap to clone. See the module documentation.
#[derive(Clone)]
pub struct Engine {
    core: Arc<Core>,
    lessons: Arc<Lessons>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("gazetteer_keys", &self.core.gazetteer.len())
            .field("ambiguous_keys", &self.core.ambiguous.len())
            .field("lexicon_words", &self.tokenizer().lexicon().len())
            .field("learned_rules", &self.lessons.count)
            .finish()
    }
}

/// Configures an [`Engine`]: which packs, which learned rules.
#[derive(Debug, Clone)]
pub struct EngineBuilder {
    default_pack: bool,
    packs: Vec<RulePack>,
    learned: Vec<LearnedRule>,
    explain: bool,
}

impl Default for EngineBuilder {
    fn default() -> Self {
        EngineBuilder {
            default_pack: true,
            packs: Vec::new(),
            learned: Vec::new(),
            explain: true,
        }
    }
}

impl EngineBuilder {
    /// Whether to include the embedded default pack (on by default).
    pub fn default_pack(mut self, yes: bool) -> Self {
        self.default_pack = yes;
        self
    }

    /// Whether each suggestion carries the sentence that explains it (on by default). Off for a
    /// caller that never shows it — `raqim annotate`'s lines carry none — which saves the engine
    /// a few percent of its time.
    pub fn explain(mut self, yes: bool) -> Self {
        self.explain = yes;
        self
    }

    /// Adds a pack. Later packs override earlier ones (and the default pack) on the same form.
    pub fn pack(mut self, pack: RulePack) -> Self {
        self.packs.push(pack);
        self
    }

    /// Sets the learned rules.
    pub fn learned(mut self, rules: &[LearnedRule]) -> Self {
        self.learned = rules.to_vec();
        self
    }

    /// Compiles everything.
    pub fn build(self) -> Engine {
        let mut packs = if self.default_pack {
            RulePack::default_packs()
        } else {
            Vec::new()
        };
        packs.extend(self.packs);
        // Patterns come first: their words (يوم، ثلاثة، رئيس…) join the lexicon so a proclitic
        // splits off them (ويوم → و + يوم) and a pattern span can start after it.
        let patterns = Patterns::new();
        let mut tokenizer = Tokenizer::new(Lexicon::builtin());
        tokenizer.lexicon_mut().extend(patterns.words());
        for pack in &packs {
            for e in &pack.entries {
                tokenizer
                    .lexicon_mut()
                    .extend(e.pattern.phrases().iter().filter_map(|p| first_word(p)));
            }
        }
        let guards = Guards::new(&NegativeLists::default_lists());
        let compile = |context_only: bool, priority: u8| {
            let mut b = GazetteerBuilder::new(&tokenizer, &guards, priority);
            for pack in packs.iter().filter(|p| p.context_only == context_only) {
                b.add_pack(pack);
            }
            b.build()
        };
        let gazetteer = compile(false, PRIORITY_GAZETTEER);
        let ambiguous = compile(true, PRIORITY_AMBIGUOUS);
        let core = Core {
            tokenizer,
            guards,
            either: Gazetteer::either(&gazetteer, &ambiguous),
            gazetteer,
            ambiguous,
            patterns,
            explain: self.explain,
        };
        let engine = Engine {
            core: Arc::new(core),
            lessons: Arc::default(),
        };
        if self.learned.is_empty() {
            engine
        } else {
            engine.with_learned(&self.learned)
        }
    }
}

/// The word of a name that proclitics attach to in running text, and so the one the tokenizer
/// must know: `والولايات المتحدة`, `بكتائب حزب الله`. Later words are left out on purpose: a
/// name's own clitics (`وسوريا` in `الدولة الإسلامية في العراق وسوريا`) would otherwise become
/// "known words" and stop `وسوريا` from splitting everywhere else.
fn first_word(phrase: &str) -> Option<&str> {
    phrase.split_whitespace().next()
}

impl Default for Engine {
    /// The default pack, no learned rules.
    fn default() -> Engine {
        Engine::builder().build()
    }
}

impl Engine {
    /// A builder, starting from the default pack.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// This engine with `rules` as its learned rules (replacing any it had). Shares the compiled
    /// packs; costs about a millisecond for hundreds of rules.
    pub fn with_learned(&self, rules: &[LearnedRule]) -> Engine {
        let core = &self.core;
        let new_words: Vec<&str> = rules
            .iter()
            .filter(|r| r.kind == LearnedKind::Entity)
            .filter_map(|r| first_word(&r.pattern))
            .filter(|w| !core.tokenizer.lexicon().contains(w))
            .collect();
        let tokenizer = (!new_words.is_empty()).then(|| {
            let mut t = core.tokenizer.clone();
            t.lexicon_mut().extend(new_words);
            t
        });
        let matcher = Learned::new(
            rules,
            tokenizer.as_ref().unwrap_or(&core.tokenizer),
            &core.guards,
        );
        let lessons = Lessons {
            tokenizer,
            matcher,
            count: rules.len(),
        };
        Engine {
            core: Arc::clone(core),
            lessons: Arc::new(lessons),
        }
    }

    /// The tokenizer articles are split with (the packs' and learned forms' words known).
    pub fn tokenizer(&self) -> &Tokenizer {
        self.lessons
            .tokenizer
            .as_ref()
            .unwrap_or(&self.core.tokenizer)
    }

    /// The article's tokens.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        self.tokenizer().tokenize(text)
    }

    /// Suggestions for one article; see the module documentation.
    pub fn suggest(&self, text: &str) -> Suggestions {
        let (indexed, folded) = self.tokenizer().tokenize_folded(text);
        let tokens = indexed.tokens;
        let zones = find_zones(text);
        let doc = Doc::with_folded(text, &tokens, indexed.bytes, folded, &zones);
        let core = &self.core;
        // Room for every candidate up front: growing these vectors one doubling at a time cost
        // more than filling them. News text yields about one candidate per eight tokens.
        let room = tokens.len() / 8;
        let (mut hits, mut ambiguous) = (Vec::with_capacity(room), Vec::new());
        let gazetteers = [&core.gazetteer, &core.ambiguous];
        Gazetteer::propose_two(gazetteers, &core.either, &doc, [&mut hits, &mut ambiguous]);
        self.lessons.matcher.propose(&doc, &mut hits);
        let confident = hits.len();
        hits.append(&mut ambiguous);
        let mut candidates = Vec::with_capacity(room + hits.len());
        core.patterns.propose(&doc, &hits, &mut candidates);
        hits.truncate(confident);
        candidates.append(&mut hits);
        let spans = resolve_found(&doc, &candidates, core.explain, |first, last, label| {
            self.lessons.matcher.suppresses(&doc, first, last, label)
        });
        Suggestions {
            token_bytes: doc.into_text_at(),
            tokens,
            spans,
            zones,
        }
    }
}
