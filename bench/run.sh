#!/usr/bin/env sh
# Runs the engine benches and saves their records in bench/records/, dated (UTC):
#   <date>-engine.json       native: `cargo bench` (the bench profile, opt-level 3)
#   <date>-engine-wasm.json  the same engine as WebAssembly (bench/wasm, the release profile the
#                            page uses) in headless chromium, with the WASM/native ratio
# then prints both side by side.
# Usage: bench/run.sh   (from anywhere; RAQIM_SHARED overrides ../shared, RAQIM_BENCH_REPEATS the
# repeats of both benches; needs wasm-bindgen and the Playwright setup of ./x).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
date=$(date -u +%F)
native="$root/bench/records/$date-engine.json"
wasm="$root/bench/records/$date-engine-wasm.json"
mkdir -p "$root/bench/records"
cd "$root"

RAQIM_BENCH_DATE="$date" RAQIM_BENCH_OUT="$native" cargo bench -p raqim-engine --bench engine
echo "saved $native"

cargo build --release --target wasm32-unknown-unknown -p raqim-bench-wasm
wasm-bindgen --target web --out-dir bench/wasm/pkg \
  target/wasm32-unknown-unknown/release/raqim_bench_wasm.wasm
RAQIM_NATIVE_RECORD="$native" npx playwright test -c bench engine-wasm
echo "saved $wasm"

node -e '
const [n, w] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
const mb = (x) => `${x.toFixed(1)} MB/s`;
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`
              suggest      tokenize     pack build
native    ${mb(n.suggest.mb_per_s).padStart(12)} ${mb(n.tokenize.mb_per_s).padStart(12)}   ${ms(n.default_pack_build.median_ms)}
wasm      ${mb(w.wasm.suggest_mb_s).padStart(12)} ${mb(w.wasm.tokenize_mb_s).padStart(12)}   ${ms(w.wasm.build_ms)} first, ${ms(w.wasm.build_warm_ms)} warm
WASM/native suggest: ${(100 * w.ratio).toFixed(0)} % (goal >= 70 %)`);
' "$native" "$wasm"
