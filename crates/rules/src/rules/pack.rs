//! Rule packs: gazetteers in spaCy's pattern JSONL, so packs travel between Raqim and spaCy.
//!
//! A pack is what spaCy's `EntityRuler` / `SpanRuler` reads: one JSON object per line,
//! `{"label": "GPE", "pattern": "العراق", "id": "iraq"}`. Analysts import packs from spaCy projects
//! and export theirs back, so the format is spaCy's, not ours; Raqim reads the part of it that a
//! gazetteer can honour and says, per line, what it refused.
//!
//! # What is supported
//!
//! - `label` (required): a non-empty string.
//! - `id` (optional): a string (a number is read as its decimal string); the canonical entity id,
//!   so spelling variants resolve to one entity.
//! - `pattern` (required), either
//!   - a **phrase** pattern: a non-empty string, tokenized by Raqim's tokenizer; or
//!   - a **token** pattern: a non-empty list of objects, each with exactly one of `ORTH`, `TEXT`,
//!     `LOWER`, `NORM` whose value is a non-empty string, and optionally `"OP": "?"` (the token
//!     may be absent; at most [`MAX_OPTIONAL`] per pattern, and not all of them).
//! - Any other key (`note`, spaCy's `_`) is ignored.
//!
//! All four token attributes match the token's **folded** form ([`crate::text::fold`]): Arabic
//! has no case, and folding is how every spelling meets one key, so `ORTH` is as tolerant as
//! `NORM` here. Everything else spaCy allows in token patterns — `IN`, `REGEX`, `LEMMA`, `POS`,
//! `IS_*` flags, the `+` / `*` / `!` operators — needs a tagger or a regex engine a gazetteer does
//! not have, and is refused for that line with a [`PackError`] naming the key.
//!
//! A malformed line never stops the load: it is reported with its 1-based line number and the
//! other lines load.
//!
//! # The default pack
//!
//! `data/pack/*.jsonl` is compiled into the binary ([`RulePack::default_packs`]), one pack per file
//! so rule ids name the file (`gaz:gpe-countries`). `ambiguous.jsonl` holds names that are also
//! common words (`صور` "pictures", `القائم` "the existing"); its pack is *context-only*: its hits go
//! to the patterns, which confirm them from context, and are never suggested alone. The word lists
//! `stop-single.txt` and `nationality-adjectives.txt` are negative lists ([`NegativeLists`]): no
//! single word on them is ever a name on its own; `type-nouns.txt` lists the generic type nouns
//! (`تنظيم`, `قناة`) that stay outside an organization's name.

use std::borrow::Cow;

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::span::{Label, Name};

/// The most `"OP": "?"` tokens one token pattern may have (each doubles the phrases it expands to).
pub const MAX_OPTIONAL: usize = 4;

/// One token of a token pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSpec {
    /// Which spaCy attribute the line used (`ORTH`, `TEXT`, `LOWER`, `NORM`), kept for export.
    pub attr: &'static str,
    pub value: String,
    /// `"OP": "?"`.
    pub optional: bool,
}

/// What a pack line matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// A string, tokenized like article text.
    Phrase(String),
    /// A list of token specs.
    Tokens(Vec<TokenSpec>),
}

impl Pattern {
    /// Every phrase this pattern stands for: the phrase itself, or the token values joined by
    /// spaces once for each choice of optional tokens present or absent (empty choices dropped);
    /// and for each that starts with `أبو`, the same with the other cases of the word, `أبي`
    /// and `أبا` (`سجن أبي غريب`, `اغتيال أبي مهدي المهندس`), which is how Arabic declines it.
    pub fn phrases(&self) -> Vec<String> {
        let mut out = self.written();
        let declined: Vec<String> = out
            .iter()
            .filter_map(|p| p.strip_prefix("أبو "))
            .flat_map(|rest| ["أبي", "أبا"].map(|case| format!("{case} {rest}")))
            .collect();
        out.extend(declined);
        out
    }

    /// The phrases as the pattern writes them, before declension ([`Pattern::phrases`]).
    fn written(&self) -> Vec<String> {
        match self {
            Pattern::Phrase(p) => vec![p.clone()],
            Pattern::Tokens(specs) => {
                let optional: Vec<usize> =
                    (0..specs.len()).filter(|&i| specs[i].optional).collect();
                let mut out = Vec::with_capacity(1 << optional.len());
                for mask in 0..1u32 << optional.len() {
                    let dropped = |i: usize| {
                        optional
                            .iter()
                            .position(|&o| o == i)
                            .is_some_and(|k| mask & (1 << k) != 0)
                    };
                    let words: Vec<&str> = (0..specs.len())
                        .filter(|&i| !dropped(i))
                        .map(|i| specs[i].value.as_str())
                        .collect();
                    if !words.is_empty() {
                        out.push(words.join(" "));
                    }
                }
                out
            }
        }
    }
}

/// A pack line as written on export: spaCy's key order, `label`, `pattern`, `id`.
#[derive(Serialize)]
struct LineOut<'a> {
    label: &'a str,
    pattern: &'a Pattern,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
}

impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Pattern::Phrase(p) => serializer.serialize_str(p),
            Pattern::Tokens(specs) => serializer.collect_seq(specs),
        }
    }
}

impl Serialize for TokenSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + usize::from(self.optional)))?;
        map.serialize_entry(self.attr, &self.value)?;
        if self.optional {
            map.serialize_entry("OP", "?")?;
        }
        map.end()
    }
}

/// One pack line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackEntry {
    pub label: Label,
    pub pattern: Pattern,
    pub id: Option<Name>,
}

/// A line the loader refused, and why (written for the analyst).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for PackError {}

/// A named list of gazetteer entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulePack {
    /// Names the pack in rule ids (`gaz:<name>`) and explanations.
    pub name: String,
    /// Hits need a pattern's confirmation before they are suggested (see the module docs).
    pub context_only: bool,
    pub entries: Vec<PackEntry>,
}

/// The default pack's files, in load order: (name, JSONL, context-only).
const DEFAULT_FILES: [(&str, &str, bool); 8] = [
    (
        "gpe-countries",
        include_str!("../../data/pack/gpe-countries.jsonl"),
        false,
    ),
    (
        "gpe-cities",
        include_str!("../../data/pack/gpe-cities.jsonl"),
        false,
    ),
    (
        "gpe-towns",
        include_str!("../../data/pack/gpe-towns.jsonl"),
        false,
    ),
    ("loc", include_str!("../../data/pack/loc.jsonl"), false),
    ("fac", include_str!("../../data/pack/fac.jsonl"), false),
    ("org", include_str!("../../data/pack/org.jsonl"), false),
    ("per", include_str!("../../data/pack/per.jsonl"), false),
    (
        "ambiguous",
        include_str!("../../data/pack/ambiguous.jsonl"),
        true,
    ),
];

impl RulePack {
    /// An empty pack.
    pub fn new(name: impl Into<String>) -> RulePack {
        RulePack {
            name: name.into(),
            context_only: false,
            entries: Vec::new(),
        }
    }

    /// Reads pattern JSONL. Refused lines are returned with their line numbers; every other line
    /// is in the pack. Blank lines are skipped.
    pub fn from_jsonl(name: impl Into<String>, src: &str) -> (RulePack, Vec<PackError>) {
        let mut pack = RulePack::new(name);
        let mut errors = Vec::new();
        for (i, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            match parse_line(line) {
                Ok(entry) => pack.entries.push(entry),
                Err(message) => errors.push(PackError {
                    line: i + 1,
                    message,
                }),
            }
        }
        (pack, errors)
    }

    /// The embedded default pack, one [`RulePack`] per file of `data/pack/`.
    ///
    /// The files are checked by a test; a line they got wrong is skipped, never fatal.
    pub fn default_packs() -> Vec<RulePack> {
        DEFAULT_FILES
            .iter()
            .map(|&(name, src, context_only)| {
                let (mut pack, _errors) = RulePack::from_jsonl(name, src);
                pack.context_only = context_only;
                pack
            })
            .collect()
    }

    /// The pack as spaCy pattern JSONL, one line per entry, each ending in `\n`.
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for e in &self.entries {
            let line = LineOut {
                label: &e.label,
                pattern: &e.pattern,
                id: e.id.as_deref(),
            };
            // Serializing plain strings cannot fail.
            out.push_str(&serde_json::to_string(&line).unwrap_or_default());
            out.push('\n');
        }
        out
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the pack has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The usual shape of a pack line — a phrase, with a string label and id, nothing escaped —
/// read straight into strings. It spares the JSON tree [`parse_value`] builds for anything else
/// (token patterns, numeric ids, lines to refuse), and the default pack's thousands of lines
/// load several times faster: that matters in WebAssembly, where the page builds the engine as
/// it starts.
#[derive(Deserialize)]
struct PhraseLine<'a> {
    label: &'a str,
    pattern: &'a str,
    #[serde(default)]
    id: Option<&'a str>,
}

fn parse_line(line: &str) -> Result<PackEntry, String> {
    if let Ok(PhraseLine { label, pattern, id }) = serde_json::from_str(line) {
        let (label, pattern) = (label.trim(), pattern.trim());
        if !label.is_empty() && !pattern.is_empty() {
            return Ok(PackEntry {
                label: label.into(),
                pattern: Pattern::Phrase(pattern.to_owned()),
                id: id.map(Name::from),
            });
        }
    }
    parse_value(line)
}

/// Reads any pack line, or says why it is refused.
fn parse_value(line: &str) -> Result<PackEntry, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON ({e})"))?;
    let obj = value.as_object().ok_or("not a JSON object")?;
    let label = match obj.get("label") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(_) => return Err("\"label\" must be a non-empty string".into()),
        None => return Err("no \"label\"".into()),
    };
    let id = match obj.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => return Err("\"id\" must be a string".into()),
    };
    let pattern = match obj.get("pattern") {
        Some(Value::String(s)) if !s.trim().is_empty() => Pattern::Phrase(s.trim().to_owned()),
        Some(Value::String(_)) => return Err("\"pattern\" is empty".into()),
        Some(Value::Array(tokens)) => Pattern::Tokens(parse_tokens(tokens)?),
        Some(_) => return Err("\"pattern\" must be a string or a list of token objects".into()),
        None => return Err("no \"pattern\"".into()),
    };
    Ok(PackEntry {
        label: label.into(),
        pattern,
        id: id.map(Name::from),
    })
}

fn parse_tokens(tokens: &[Value]) -> Result<Vec<TokenSpec>, String> {
    if tokens.is_empty() {
        return Err("\"pattern\" is an empty token list".into());
    }
    let mut specs = Vec::with_capacity(tokens.len());
    for (k, token) in tokens.iter().enumerate() {
        let n = k + 1;
        let obj = token
            .as_object()
            .ok_or_else(|| format!("token {n} is not an object"))?;
        let mut spec: Option<TokenSpec> = None;
        let mut optional = false;
        for (key, v) in obj {
            match key.as_str() {
                "OP" => match v.as_str() {
                    Some("?") => optional = true,
                    Some(op) => {
                        return Err(format!(
                            "token {n}: operator \"{op}\" is not supported (only \"?\")"
                        ))
                    }
                    None => return Err(format!("token {n}: \"OP\" must be a string")),
                },
                "ORTH" | "TEXT" | "LOWER" | "NORM" => {
                    let attr = match key.as_str() {
                        "ORTH" => "ORTH",
                        "TEXT" => "TEXT",
                        "LOWER" => "LOWER",
                        _ => "NORM",
                    };
                    let value = match v {
                        Value::String(s) if !s.trim().is_empty() => s.trim().to_owned(),
                        Value::Object(_) => {
                            return Err(format!(
                                "token {n}: {key} with an operator object (IN, REGEX…) is not \
                                 supported, only an exact string"
                            ))
                        }
                        _ => return Err(format!("token {n}: {key} must be a non-empty string")),
                    };
                    if spec.is_some() {
                        return Err(format!("token {n}: more than one of ORTH/TEXT/LOWER/NORM"));
                    }
                    spec = Some(TokenSpec {
                        attr,
                        value,
                        optional: false,
                    });
                }
                other => {
                    return Err(format!(
                        "token {n}: attribute \"{other}\" is not supported (only ORTH, TEXT, \
                         LOWER, NORM and \"OP\": \"?\")"
                    ))
                }
            }
        }
        let mut spec =
            spec.ok_or_else(|| format!("token {n}: needs one of ORTH, TEXT, LOWER, NORM"))?;
        spec.optional = optional;
        specs.push(spec);
    }
    if specs.iter().filter(|s| s.optional).count() > MAX_OPTIONAL {
        return Err(format!("more than {MAX_OPTIONAL} optional tokens"));
    }
    if specs.iter().all(|s| s.optional) {
        return Err("every token is optional".into());
    }
    Ok(specs)
}

/// Single words that are never a name on their own, in any label: function words (the ى/ي fold
/// turns `على` into the name `علي`), common words that are also given names (`أمل`, `سعيد`), and
/// nationality adjectives (`العراقي`). They still occur inside longer patterns (`فؤاد حسين`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NegativeLists {
    /// The words as written (one per line in the files, `#` comments dropped).
    pub words: Vec<String>,
    /// Generic type nouns of organizations (`تنظيم`, `قناة`, `حلف`), which the guidelines leave
    /// outside a name: a phrase that begins with one gives way to a longer name inside it.
    pub type_nouns: Vec<String>,
}

impl NegativeLists {
    /// The default lists: `data/pack/stop-single.txt` and `nationality-adjectives.txt`, and the
    /// type nouns of `type-nouns.txt`.
    pub fn default_lists() -> NegativeLists {
        NegativeLists {
            words: [
                include_str!("../../data/pack/stop-single.txt"),
                include_str!("../../data/pack/nationality-adjectives.txt"),
            ]
            .iter()
            .flat_map(|f| list_words(f))
            .collect(),
            type_nouns: list_words(include_str!("../../data/pack/type-nouns.txt")).collect(),
        }
    }
}

/// The entries of a word list: one per line, `#` comments and blank lines dropped, each line
/// a [`family`].
fn list_words(file: &str) -> impl Iterator<Item = String> + '_ {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(family)
        .map(Cow::into_owned)
}

/// The words of one line of a word list: the line, or for a family `stem|suffix|…` the stem and
/// the stem with each suffix. A generated list writes each nationality's forms on one line
/// (`عراقي|ة|ون|ين`): it reads better than eight lines, and as the lists are compiled into the
/// page, the nationality list costs a fifth of the download it did.
pub(crate) fn family(line: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let mut parts = line.split('|');
    let stem = parts.next().unwrap_or_default();
    std::iter::once(Cow::Borrowed(stem))
        .chain(parts.map(move |suffix| Cow::Owned(format!("{stem}{suffix}"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_family_line_is_its_stem_and_the_stem_with_each_suffix() {
        let words: Vec<Cow<str>> = family("عراقي|ة|ون").collect();
        assert_eq!(words, ["عراقي", "عراقية", "عراقيون"]);
        assert_eq!(family("بغداد").collect::<Vec<_>>(), ["بغداد"]);
        let negative = NegativeLists::default_lists().words;
        for form in ["عراقي", "عراقيات", "عراقيتين", "عراقيين", "أتراك"]
        {
            assert!(
                negative.iter().any(|w| w == form),
                "{form} is not a negative word"
            );
        }
        assert!(negative.iter().all(|w| !w.contains('|')));
    }

    #[test]
    fn reads_phrases_and_token_patterns_and_reports_bad_lines() {
        let src = r#"{"label": "GPE", "pattern": "العراق", "id": "iraq"}

not json
{"label": "ORG", "pattern": [{"LOWER": "حزب"}, {"ORTH": "الله"}]}
{"label": "PER", "pattern": [{"LOWER": {"IN": ["a", "b"]}}]}
{"label": "PER", "pattern": [{"TEXT": "جو", "OP": "?"}, {"TEXT": "بايدن"}], "id": 7}
{"label": "", "pattern": "x"}
{"label": "ORG", "pattern": [{"POS": "PROPN"}]}
{"label": "ORG", "pattern": [{"ORTH": "a", "OP": "+"}]}
{"pattern": "x"}
{"label": "LOC", "pattern": "  ", "note": "ignored"}
"#;
        let (pack, errors) = RulePack::from_jsonl("t", src);
        assert_eq!(pack.len(), 3);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 5, 7, 8, 9, 10, 11]);
        assert!(errors[1].message.contains("IN, REGEX"), "{}", errors[1]);
        assert!(errors[3].message.contains("POS"), "{}", errors[3]);
        assert_eq!(pack.entries[2].id.as_deref(), Some("7"));
        assert_eq!(pack.entries[2].pattern.phrases(), ["جو بايدن", "بايدن"]);
        assert_eq!(pack.entries[1].pattern.phrases(), ["حزب الله"]);
        let kunya = Pattern::Phrase("أبو مهدي المهندس".into());
        assert_eq!(
            kunya.phrases(),
            ["أبو مهدي المهندس", "أبي مهدي المهندس", "أبا مهدي المهندس"]
        );
    }

    #[test]
    fn export_round_trips() {
        let src = r#"{"label":"GPE","pattern":"العراق","id":"iraq"}
{"label":"PER","pattern":[{"TEXT":"جو","OP":"?"},{"NORM":"بايدن"}]}
"#;
        let (pack, errors) = RulePack::from_jsonl("t", src);
        assert!(errors.is_empty());
        let (again, errors) = RulePack::from_jsonl("t", &pack.to_jsonl());
        assert!(errors.is_empty());
        assert_eq!(pack, again);
        assert_eq!(pack.to_jsonl(), src);
    }

    #[test]
    fn default_files_load_cleanly() {
        for (name, src, _) in DEFAULT_FILES {
            let (pack, errors) = RulePack::from_jsonl(name, src);
            assert!(errors.is_empty(), "{name}: {errors:?}");
            assert!(!pack.is_empty(), "{name} is empty");
        }
        assert!(NegativeLists::default_lists()
            .words
            .iter()
            .any(|w| w == "على"));
    }
}
