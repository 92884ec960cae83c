// The engine as WebAssembly in headless chromium versus natively, on the same corpus: the fixture
// articles repeated past 10 MB, each copy suggested on its own (as the native bench does). The
// corpus is handed to WebAssembly once, before timing, as the page keeps its articles there.
// V8 first runs WebAssembly in its baseline tier and optimizes hot functions in the background:
// one untimed pass over the corpus lets that finish, so the repeats time the steady state an
// analyst's session runs in; that first pass is recorded too (`first_pass_mb_s`).
// Reads the native record written by `cargo bench` (RAQIM_NATIVE_RECORD) for the ratio, checks
// that WASM finds exactly as many spans per copy as the first copy, and writes
// bench/records/<date>-engine-wasm.json. The pack build is timed twice: first (what the page pays
// at start, when V8 compiles and runs the engine's code for the first time, in its baseline tier)
// and again at the end (warm: the code compiled by the optimizing tier).
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const SHARED = process.env.RAQIM_SHARED ?? path.resolve(__dirname, '../../../shared');
const REPEATS = Number(process.env.RAQIM_BENCH_REPEATS ?? 5);

test('engine throughput: WASM in chromium vs native', async ({ page }) => {
  const dir = path.join(SHARED, 'fixtures/articles');
  const articles = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
  await page.goto('http://127.0.0.1:8091/index.html');
  await page.evaluate(() => (window as any).benchReady);
  const result = await page.evaluate(
    ([articles, repeats]) => {
      const enc = new TextEncoder();
      const t0 = performance.now();
      const bench = new (window as any).Bench();
      const buildMs = performance.now() - t0;
      const corpus: string[] = [];
      let bytes = 0;
      while (bytes < 10 * 1024 * 1024) {
        for (const a of articles as string[]) {
          corpus.push(a);
          bytes += enc.encode(a).length;
        }
      }
      const perCopy = (articles as string[]).map((a) => bench.suggest(a));
      corpus.forEach((a) => bench.add(a));
      const f = performance.now();
      bench.suggest_all();
      const firstPassMs = performance.now() - f;
      const runs: number[] = [];
      const tokenRuns: number[] = [];
      let spans = 0;
      for (let r = 0; r < (repeats as number); r++) {
        const t = performance.now();
        spans = bench.suggest_all();
        runs.push(performance.now() - t);
        const u = performance.now();
        bench.tokenize_all();
        tokenRuns.push(performance.now() - u);
      }
      const t1 = performance.now();
      new (window as any).Bench();
      const warmBuildMs = performance.now() - t1;
      const copies = corpus.length / (articles as string[]).length;
      return { buildMs, warmBuildMs, firstPassMs, bytes, runs, tokenRuns, spans, expected: copies * perCopy.reduce((x, y) => x + y, 0) };
    },
    [articles, REPEATS] as const,
  );
  expect(result.spans, 'every copy yields the spans of the first').toBe(result.expected);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const mbps = (ms: number) => result.bytes / 1e6 / (ms / 1e3);
  const wasm = {
    suggest_mb_s: mbps(median(result.runs)),
    first_pass_mb_s: mbps(result.firstPassMs),
    tokenize_mb_s: mbps(median(result.tokenRuns)),
    build_ms: result.buildMs,
    build_warm_ms: result.warmBuildMs,
  };
  let native: any = null;
  const nativeFile = process.env.RAQIM_NATIVE_RECORD;
  if (nativeFile && existsSync(nativeFile)) native = JSON.parse(readFileSync(nativeFile, 'utf8'));
  const nativeMbps = native?.suggest?.mb_per_s ?? null;
  const ratio = nativeMbps ? wasm.suggest_mb_s / nativeMbps : null;
  console.log(`corpus: ${(result.bytes / 1e6).toFixed(1)} MB, ${result.spans} spans`);
  console.log(`wasm:   suggest ${wasm.suggest_mb_s.toFixed(1)} MB/s (first pass ${wasm.first_pass_mb_s.toFixed(1)}), tokenize ${wasm.tokenize_mb_s.toFixed(1)} MB/s, pack build ${wasm.build_ms.toFixed(1)} ms first, ${wasm.build_warm_ms.toFixed(1)} ms warm`);
  if (ratio !== null) console.log(`native: suggest ${nativeMbps.toFixed(1)} MB/s → WASM/native = ${(ratio * 100).toFixed(0)} % (goal ≥ 70 %)`);
  const date = new Date().toISOString().slice(0, 10);
  const out = path.resolve(__dirname, `../records/${date}-engine-wasm.json`);
  writeFileSync(out, JSON.stringify({ date, corpus_bytes: result.bytes, spans: result.spans, wasm, native_suggest_mb_s: nativeMbps, ratio }, null, 1) + '\n');
});
