//! The rule engine as a bare WebAssembly module for the native-vs-WASM benchmark
//! (`bench/run.sh`): the same `Engine` the page runs, with nothing of the page around it.

use raqim_engine::Engine;
use wasm_bindgen::prelude::*;

/// A built engine, kept between calls so only suggesting is timed.
#[wasm_bindgen]
pub struct Bench {
    engine: Engine,
}

#[wasm_bindgen]
impl Bench {
    /// Builds the default engine (the pack build time is measured by the caller).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Bench {
        Bench { engine: Engine::default() }
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
