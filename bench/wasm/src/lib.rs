//! The rule engine as a bare WebAssembly module for the native-vs-WASM benchmark
//! (`bench/run.sh`): the same `Engine` the page runs, with nothing of the page around it.
//!
//! The corpus is copied into WebAssembly memory once, before timing, and suggested from there:
//! the page keeps its articles in WebAssembly memory too (it decodes the dropped file's bytes
//! there), so handing each text over from JavaScript again on every call (a UTF-16 → UTF-8
//! copy of the 10 MB per pass) would time something the page never does.

use raqim_engine::Engine;
use wasm_bindgen::prelude::*;

/// A built engine and the corpus, kept between calls so only suggesting is timed.
#[wasm_bindgen]
pub struct Bench {
    engine: Engine,
    corpus: Vec<String>,
}

#[wasm_bindgen]
impl Bench {
    /// Builds the default engine (the pack build time is measured by the caller).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Bench {
        Bench {
            engine: Engine::default(),
            corpus: Vec::new(),
        }
    }

    /// Adds one article to the corpus.
    pub fn add(&mut self, text: String) {
        self.corpus.push(text);
    }

    /// Suggests every article of the corpus, each on its own; returns the spans found.
    pub fn suggest_all(&self) -> usize {
        self.corpus.iter().map(|text| self.suggest(text)).sum()
    }

    /// Tokenizes every article of the corpus; returns the tokens.
    pub fn tokenize_all(&self) -> usize {
        self.corpus.iter().map(|text| self.tokenize(text)).sum()
    }

    /// Runs the whole pipeline on `text`; returns the number of spans (a count the bench checks).
    pub fn suggest(&self, text: &str) -> usize {
        self.engine.suggest(text).spans.len()
    }

    /// Tokenizes `text`; returns the number of tokens.
    pub fn tokenize(&self, text: &str) -> usize {
        self.engine.tokenize(text).len()
    }
}

impl Default for Bench {
    fn default() -> Bench {
        Bench::new()
    }
}
