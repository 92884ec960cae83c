//! Throughput and latency of the rule engine, with plain `std::time` (no criterion: the numbers
//! we care about are seconds-scale throughputs and millisecond latencies, and a harness-free
//! bench runs as is on a loaded two-core machine).
//!
//! The corpus is the fixture articles (`$RAQIM_SHARED/fixtures/articles`, default
//! `../shared` next to the repository) repeated until it passes 10 MB, each copy suggested on its
//! own as the page does. Besides timing, the bench checks that every copy yields exactly the
//! spans and tokens of the first: a matcher that carried state between articles, or was not
//! deterministic, fails here loudly instead of producing a fast wrong number.
//!
//! Measured: default pack build; tokenize alone (MB/s); the whole `suggest` pipeline (MB/s);
//! re-suggesting one ~10 KB article after learning a rule (`with_learned` + `suggest`); the
//! gazetteer's trie against an aho-corasick automaton of the same keys on the same folded tokens
//! (scan MB/s and build time; their hit counts must be equal). Each is repeated
//! (`RAQIM_BENCH_REPEATS`, default 5; latencies 25×) and reported as median, min and max. With
//! `RAQIM_BENCH_OUT` set, the figures are also written there as JSON (`bench/run.sh`).
//!
//! With `RAQIM_BENCH_SUGGEST_PASS` set, it only suggests the corpus twice, untimed then timed,
//! and prints `{"suggest_mb_s": …}`: the native half of each round of the WASM bench
//! (`bench/page/engine-wasm.bench.ts`), which alternates native and WASM passes so that both
//! sides of each ratio meet the machine in the same state.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use raqim_engine::rules::candidate::PRIORITY_GAZETTEER;
use raqim_engine::rules::{
    Doc, GazetteerBuilder, Guards, LearnedKind, LearnedRule, NegativeLists, RulePack,
};
use raqim_engine::Engine;
use serde_json::json;

const MIN_CORPUS_BYTES: usize = 10 * 1024 * 1024;

fn shared_dir() -> PathBuf {
    std::env::var_os("RAQIM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn articles() -> Vec<String> {
    let dir = shared_dir().join("fixtures/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {} ({e}); set RAQIM_SHARED", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no articles in {}", dir.display());
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture articles are UTF-8"))
        .collect()
}

/// Median, min and max of repeated timings.
#[derive(Clone, Copy)]
struct Stats {
    median: Duration,
    min: Duration,
    max: Duration,
}

fn measure(repeats: usize, mut f: impl FnMut()) -> Stats {
    let mut times: Vec<Duration> = (0..repeats.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    Stats {
        median: times[times.len() / 2],
        min: times[0],
        max: times[times.len() - 1],
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    let repeats: usize = std::env::var("RAQIM_BENCH_REPEATS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let articles = articles();
    let one_copy: usize = articles.iter().map(String::len).sum();
    let copies = MIN_CORPUS_BYTES.div_ceil(one_copy);
    let corpus_bytes = one_copy * copies;

    let build = measure(11, || {
        std::hint::black_box(Engine::default());
    });
    let engine = Engine::default();

    // Expected counts from one copy.
    let spans_one: usize = articles.iter().map(|a| engine.suggest(a).spans.len()).sum();

    // Suggests every copy of the corpus `repeats` times, checking each pass's spans.
    let time_suggest = |repeats: usize| {
        let mut spans_seen = 0;
        let stats = measure(repeats, || {
            spans_seen = 0;
            for _ in 0..copies {
                for a in &articles {
                    spans_seen += std::hint::black_box(engine.suggest(a)).spans.len();
                }
            }
        });
        assert_eq!(
            spans_seen,
            copies * spans_one,
            "suggest is not deterministic"
        );
        stats
    };
    if std::env::var_os("RAQIM_BENCH_SUGGEST_PASS").is_some() {
        // Of two passes, the faster: the first warms the caches.
        let pass = time_suggest(2);
        println!(
            "{}",
            json!({ "suggest_mb_s": mb_per_s(corpus_bytes, pass.min) })
        );
        return;
    }
    let tokens_one: usize = articles.iter().map(|a| engine.tokenize(a).len()).sum();
    let mut tokens_seen = 0;
    let tokenize = measure(repeats, || {
        tokens_seen = 0;
        for _ in 0..copies {
            for a in &articles {
                tokens_seen += std::hint::black_box(engine.tokenize(a)).len();
            }
        }
    });
    assert_eq!(
        tokens_seen,
        copies * tokens_one,
        "tokenize is not deterministic"
    );

    let suggest = time_suggest(repeats);

    // The analyst draws a span on the largest article's longest word; the next suggestion for
    // the article must carry it.
    let article = articles
        .iter()
        .max_by_key(|a| a.len())
        .expect("at least one article");
    let tokens = engine.tokenize(article);
    let word = tokens
        .iter()
        .max_by_key(|t| t.end - t.start)
        .expect("a token");
    let pattern: String = article
        .chars()
        .skip(word.start)
        .take(word.end - word.start)
        .collect();
    let rule = LearnedRule {
        pattern,
        label: "LEARNED".into(),
        kind: LearnedKind::Entity,
    };
    let mut learned_spans = 0;
    let relearn = measure(repeats * 5, || {
        let taught = engine.with_learned(std::slice::from_ref(&rule));
        learned_spans = taught
            .suggest(article)
            .spans
            .iter()
            .filter(|s| s.label == "LEARNED")
            .count();
    });
    assert!(
        learned_spans > 0,
        "the learned form {:?} was not suggested",
        rule.pattern
    );

    let rows = [
        (
            "default pack build",
            format!("{:.2} ms", ms(build.median)),
            build,
        ),
        (
            "tokenize",
            format!("{:.1} MB/s", mb_per_s(corpus_bytes, tokenize.median)),
            tokenize,
        ),
        (
            "suggest (whole pipeline)",
            format!("{:.1} MB/s", mb_per_s(corpus_bytes, suggest.median)),
            suggest,
        ),
        (
            "learn + re-suggest one article",
            format!("{:.2} ms ({} KB)", ms(relearn.median), article.len() / 1024),
            relearn,
        ),
    ];
    println!(
        "\nraqim-engine bench: {} articles × {copies} copies = {:.1} MB, {spans_one} spans and {tokens_one} tokens per copy",
        articles.len(),
        corpus_bytes as f64 / 1e6
    );
    println!(
        "{:<32} {:>20} {:>12} {:>12} {:>12}",
        "measure", "result (median)", "median ms", "min ms", "max ms"
    );
    for (name, result, s) in &rows {
        println!(
            "{name:<32} {result:>20} {:>12.2} {:>12.2} {:>12.2}",
            ms(s.median),
            ms(s.min),
            ms(s.max)
        );
    }

    let trie_vs_automaton = gazetteer_vs_aho_corasick(&engine, &articles, copies, repeats);

    if let Some(out) = std::env::var_os("RAQIM_BENCH_OUT") {
        let timing =
            |s: Stats| json!({"median_ms": ms(s.median), "min_ms": ms(s.min), "max_ms": ms(s.max)});
        let record = json!({
            "date": std::env::var("RAQIM_BENCH_DATE").unwrap_or_default(),
            "corpus": {
                "articles": articles.len(), "copies": copies, "bytes": corpus_bytes,
                "spans_per_copy": spans_one, "tokens_per_copy": tokens_one, "counts_checked": true,
            },
            "repeats": repeats,
            "default_pack_build": timing(build),
            "tokenize": {"mb_per_s": mb_per_s(corpus_bytes, tokenize.median), "timing": timing(tokenize)},
            "suggest": {"mb_per_s": mb_per_s(corpus_bytes, suggest.median), "timing": timing(suggest)},
            "learn_and_resuggest": {"article_bytes": article.len(), "timing": timing(relearn)},
            "gazetteer_vs_aho_corasick": trie_vs_automaton,
        });
        let text = serde_json::to_string_pretty(&record).expect("JSON of numbers");
        std::fs::write(&out, text + "\n").unwrap_or_else(|e| panic!("cannot write {out:?}: {e}"));
        println!("record written to {}", PathBuf::from(out).display());
    }
}

/// The gazetteer's trie of folded tokens against the matcher the spec names (issue #5): an
/// `aho-corasick` automaton, leftmost-longest, of the default pack's keys, each key its folded
/// tokens joined by 0xFF (a byte no UTF-8 text contains) with one before and one after, run over
/// every article's folded tokens joined the same way. `tests/gazetteer_oracle.rs` shows the two
/// find the same hits; this times them on the corpus, both on tokens folded before the timing
/// (the page folds them once for every matcher), and checks they found as many.
///
/// The automaton side is its best case: a DFA (the crate's fastest-scanning kind, slower to
/// build than its default), and it only counts matches, where `Gazetteer::find` also checks the
/// guards and the ل condition on each hit and writes its candidate. On the fixture corpus neither
/// condition refuses a hit, so the counts must be equal. Also timed: building each from the
/// pack's phrases (tokenizing and folding them included for both). Prints its figures and
/// returns them for the bench record.
fn gazetteer_vs_aho_corasick(
    engine: &Engine,
    articles: &[String],
    copies: usize,
    repeats: usize,
) -> serde_json::Value {
    const SEP: u8 = 0xFF;
    let tokenizer = engine.tokenizer();
    let guards = Guards::new(&NegativeLists::default_lists());
    let packs: Vec<RulePack> = RulePack::default_packs()
        .into_iter()
        .filter(|p| !p.context_only)
        .collect();
    // `SEP t0 SEP t1 … SEP`.
    let join = |tokens: &[&str]| {
        let mut out = vec![SEP];
        for t in tokens {
            out.extend_from_slice(t.as_bytes());
            out.push(SEP);
        }
        out
    };
    let build_trie = || {
        let mut b = GazetteerBuilder::new(tokenizer, &guards, PRIORITY_GAZETTEER);
        for pack in &packs {
            b.add_pack(pack);
        }
        b.build()
    };
    // The gazetteer's keys (see its module docs): tokens folding to nothing dropped, no lone
    // word of the negative lists, and the ل variant of every `ال` key.
    let build_automaton = || {
        let mut keys = std::collections::HashSet::new();
        for phrase in packs
            .iter()
            .flat_map(|p| &p.entries)
            .flat_map(|e| e.pattern.phrases())
        {
            let tokens = tokenizer.tokenize(&phrase);
            let doc = Doc::new(&phrase, &tokens, &[]);
            let mut key: Vec<&str> = (0..doc.len())
                .map(|i| doc.folded(i))
                .filter(|f| !f.is_empty())
                .collect();
            if key.is_empty() || (key.len() == 1 && guards.is_single_stop(key[0])) {
                continue;
            }
            keys.insert(join(&key));
            if let Some(rest) = key[0].strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
                let lam = format!("ل{rest}");
                key[0] = &lam;
                keys.insert(join(&key));
            }
        }
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(keys)
            .expect("the keys fit an automaton")
    };
    let trie_build = measure(11, || {
        std::hint::black_box(build_trie());
    });
    let automaton_build = measure(11, || {
        std::hint::black_box(build_automaton());
    });
    let (trie, automaton) = (build_trie(), build_automaton());

    let tokens: Vec<_> = articles.iter().map(|a| tokenizer.tokenize(a)).collect();
    let docs: Vec<Doc> = articles
        .iter()
        .zip(&tokens)
        .map(|(a, t)| Doc::new(a, t, &[]))
        .collect();
    let texts: Vec<Vec<u8>> = docs
        .iter()
        .map(|doc| join(&(0..doc.len()).map(|i| doc.folded(i)).collect::<Vec<_>>()))
        .collect();
    let text_bytes = copies * articles.iter().map(String::len).sum::<usize>();

    let mut trie_hits = 0;
    let mut candidates = Vec::new();
    let trie_scan = measure(repeats, || {
        trie_hits = 0;
        for _ in 0..copies {
            for doc in &docs {
                candidates.clear();
                trie.find(doc, &mut candidates);
                trie_hits += candidates.len();
            }
        }
    });
    let mut automaton_hits = 0;
    let automaton_scan = measure(repeats, || {
        automaton_hits = 0;
        for _ in 0..copies {
            for text in &texts {
                let mut at = 0;
                while let Some(m) = automaton.find(Input::new(text).span(at..text.len())) {
                    automaton_hits += 1;
                    // The separator after a hit is the one before the next token.
                    at = m.end() - 1;
                }
            }
        }
    });
    assert_eq!(
        trie_hits, automaton_hits,
        "the trie and the automaton found different numbers of hits"
    );

    println!(
        "\ngazetteer vs aho-corasick ({} keys, {} hits per copy, counts checked):",
        trie.len(),
        trie_hits / copies
    );
    for (name, build, scan) in [
        ("gazetteer (trie)", trie_build, trie_scan),
        ("aho-corasick", automaton_build, automaton_scan),
    ] {
        println!(
            "{name:<32} {:>20} build {:.2} ms (min {:.2}), scan median {:.2} ms (min {:.2}, max {:.2})",
            format!("{:.1} MB/s", mb_per_s(text_bytes, scan.median)),
            ms(build.median),
            ms(build.min),
            ms(scan.median),
            ms(scan.min),
            ms(scan.max)
        );
    }
    let timing =
        |s: Stats| json!({"median_ms": ms(s.median), "min_ms": ms(s.min), "max_ms": ms(s.max)});
    json!({
        "keys": trie.len(), "hits_per_copy": trie_hits / copies, "counts_checked": true,
        "automaton": "aho-corasick DFA, leftmost-longest",
        "gazetteer": {
            "mb_per_s": mb_per_s(text_bytes, trie_scan.median), "timing": timing(trie_scan),
            "build": timing(trie_build),
        },
        "aho_corasick": {
            "mb_per_s": mb_per_s(text_bytes, automaton_scan.median), "timing": timing(automaton_scan),
            "build": timing(automaton_build),
        },
    })
}
