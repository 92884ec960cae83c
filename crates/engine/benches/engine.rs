//! Throughput and latency of the rule engine, with plain `std::time` (no criterion: the numbers
//! we care about are seconds-scale throughputs and millisecond latencies, and a dependency-free
//! bench also builds for `wasm32` and on a loaded two-core machine).
//!
//! The corpus is the fixture articles (`$RAQIM_SHARED/fixtures/articles`, default
//! `../shared` next to the repository) repeated until it passes 10 MB, each copy suggested on its
//! own as the page does. Besides timing, the bench checks that every copy yields exactly the
//! spans and tokens of the first: a matcher that carried state between articles, or was not
//! deterministic, fails here loudly instead of producing a fast wrong number.
//!
//! Measured: default pack build; tokenize alone (MB/s); the whole `suggest` pipeline (MB/s);
//! re-suggesting one ~10 KB article after learning a rule (`with_learned` + `suggest`). Each is
//! repeated (`RAQIM_BENCH_REPEATS`, default 5; latencies 25×) and reported as median, min and
//! max. With `RAQIM_BENCH_OUT` set, the figures are also written there as JSON (`bench/run.sh`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use raqim_engine::rules::{LearnedKind, LearnedRule};
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

    let mut spans_seen = 0;
    let suggest = measure(repeats, || {
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
        });
        let text = serde_json::to_string_pretty(&record).expect("JSON of numbers");
        std::fs::write(&out, text + "\n").unwrap_or_else(|e| panic!("cannot write {out:?}: {e}"));
        println!("record written to {}", PathBuf::from(out).display());
    }
}
