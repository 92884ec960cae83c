#!/usr/bin/env bash
# The benchmark suite (issue 8), one command: `./x bench`, which builds the release page first.
# Each part writes its dated record to bench/records/ (UTC date) and prints its own figures;
# a summary table of every figure against its goal comes last (bench/summary.mjs), also saved
# as <date>-summary.json. Ratios are always measured within one run.
#
#   engine       native `cargo bench` (the bench profile, opt-level 3): suggest and tokenize MB/s,
#                pack build, learn + re-suggest                                 -> -engine.json
#   engine-wasm  the same engine as WebAssembly (bench/wasm, the page's release profile) in
#                headless chromium, and the WASM/native ratio                    -> -engine-wasm.json
#   spacy        spaCy SpanRuler vs raqim on the same patterns and 10 MB, same-span check
#                (bench/spacy)                                                   -> -spacy.json
#   page         the release page in chromium: open a 50,000-character article, span edits
#                (bench/page/annotate), drop 100 articles, 1,000-article workspace: load,
#                export, memory (bench/page/workspace)         -> -page-annotate.json, -page-workspace.json
#   size         dist/'s wasm and JS, raw and gzip, the wasm's code and data apart, and
#                the engine-wasm module for comparison (bench/size.mjs)        -> -size.json
#
# Usage: bench/run.sh [PART...]   (default: all parts, in that order)
# RAQIM_SHARED overrides ../shared; RAQIM_BENCH_REPEATS the repeats of the engine and spaCy
# parts (default 5). Needs what `./x bench` sets up (wasm-bindgen, Playwright, chromium, dist/).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export RAQIM_SHARED=${RAQIM_SHARED:-$(cd .. && pwd)/shared}
date=$(date -u +%F)
records=$PWD/bench/records
mkdir -p "$records"
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(engine engine-wasm spacy page size)
failed=()

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }

engine() {
  RAQIM_BENCH_DATE=$date RAQIM_BENCH_OUT="$records/$date-engine.json" cargo bench --locked -p raqim-engine --bench engine
}

# The engine bench binary, built: its one-pass mode is the native half of each round of the
# WASM bench.
engine_bench_binary() {
  cargo bench --locked -p raqim-engine --bench engine --no-run --message-format=json |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      for (const l of s.split("\n").filter(Boolean)) {
        const m = JSON.parse(l);
        if (m.reason === "compiler-artifact" && m.target.name === "engine" && m.executable) console.log(m.executable);
      }
    })'
}

engine_wasm() {
  local native
  native=$(engine_bench_binary) && [ -x "$native" ] &&
    cargo build --locked --release --target wasm32-unknown-unknown -p raqim-bench-wasm &&
    wasm-bindgen --target web --out-dir bench/wasm/pkg \
      target/wasm32-unknown-unknown/release/raqim_bench_wasm.wasm &&
    RAQIM_NATIVE_PASS="$native" RAQIM_NATIVE_RECORD="$records/$date-engine.json" \
      playwright test -c bench engine-wasm
}

page() {
  [ -f dist/index.html ] || { echo "dist/ is missing: run ./x bench (it builds the page)" >&2; return 1; }
  playwright test -c bench annotate workspace
}

for part in "${parts[@]}"; do
  say "bench: $part"
  case "$part" in
    engine) engine ;;
    engine-wasm) engine_wasm ;;
    spacy) bash bench/spacy/run.sh ;;
    page) page ;;
    size) node bench/size.mjs ;;
    *) echo "unknown part $part (engine, engine-wasm, spacy, page, size)" >&2; false ;;
  esac || failed+=("$part")
done

say "bench: summary (bench/records/$date-*.json)"
node bench/summary.mjs "$date" || failed+=(summary)
if [ ${#failed[@]} -gt 0 ]; then
  echo "parts that failed: ${failed[*]}" >&2
  exit 1
fi
