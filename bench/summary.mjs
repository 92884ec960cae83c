// The benchmark suite's table: every figure of the latest records (bench/records/*.json, the
// run's own date first) next to issue 8's goal, with its spread over the repeats. Prints the
// table and saves it as bench/records/<date>-summary.json. Missing records show as "-".
//
//   node bench/summary.mjs [DATE]     (bench/run.sh calls it)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const dir = 'bench/records';
const date = process.argv[2] ?? new Date().toISOString().slice(0, 10);

/** The record `<date>-<kind>.json`, else the newest of that kind; with the date it carries. */
function record(kind) {
  const own = `${dir}/${date}-${kind}.json`;
  const file = existsSync(own)
    ? own
    : readdirSync(dir)
        .filter((f) => f.slice(11) === `${kind}.json`)
        .sort()
        .map((f) => `${dir}/${f}`)
        .pop();
  return file ? { ...JSON.parse(readFileSync(file, 'utf8')), file } : undefined;
}

const engine = record('engine');
const wasm = record('engine-wasm');
const spacy = record('spacy');
const annotate = record('page-annotate');
const workspace = record('page-workspace');
const size = record('size');

const mbs = (bytes, ms) => bytes / 1e6 / (ms / 1e3);
/** A throughput row from timings of `bytes`: median, and the spread as MB/s of max..min time. */
const throughput = (bytes, t) =>
  t && { value: mbs(bytes, t.median_ms), low: mbs(bytes, t.max_ms), high: mbs(bytes, t.min_ms) };
/** A row from `{median, min, max}` (or `{median_ms, min_ms, max_ms}`) figures. */
const spread = (s) =>
  s && { value: s.median ?? s.median_ms, low: s.min ?? s.min_ms, high: s.max ?? s.max_ms };

// [part, measure, figure, unit, goal as text, met?]
const fmt = (v) => (v === undefined || v === null || Number.isNaN(v) ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const rows = [
  ['engine', 'suggest, native (whole pipeline)', throughput(engine?.corpus?.bytes, engine?.suggest?.timing), 'MB/s', '>= 100', (v) => v >= 100],
  ['engine', 'default pack build', spread(engine?.default_pack_build), 'ms', '< 50', (v) => v < 50],
  ['engine', 're-suggest an article after a learned rule', spread(engine?.learn_and_resuggest?.timing), 'ms', '< 5', (v) => v < 5],
  ['engine', 'suggest, WASM in chromium', wasm && { value: wasm.wasm.suggest_mb_s }, 'MB/s', '', null],
  ['engine', 'WASM / native (rounds: native, then WASM)', wasm && { value: 100 * wasm.ratio, ...(wasm.ratio_per_round && { low: 100 * wasm.ratio_per_round.min, high: 100 * wasm.ratio_per_round.max }) }, '%', '>= 70', (v) => v >= 70],
  ['spacy', 'spaCy SpanRuler (TEXT), same patterns', throughput(spacy?.corpus?.bytes, spacy?.spacy?.attr_TEXT?.timing), 'MB/s', '', null],
  ['spacy', 'raqim engine, same run', throughput(spacy?.corpus?.bytes, spacy?.raqim?.timing), 'MB/s', '', null],
  ['spacy', 'raqim engine / spaCy', spacy && { value: spacy.ratio, low: spacy.ratio_per_repeat?.min, high: spacy.ratio_per_repeat?.max }, 'x', '>= 20', (v) => v >= 20],
  ['spacy', 'whole `raqim annotate` (JSON out) / spaCy', spacy?.ratio_annotate && { value: spacy.ratio_annotate }, 'x', '', null],
  ['spacy', 'same spans where both can match', spacy && { value: spacy.same_spans.both, text: `${spacy.same_spans.both} of ${spacy.same_spans.comparable_raqim} / ${spacy.same_spans.comparable_spacy}` }, '', 'all', () => spacy.same_spans.both === spacy.same_spans.comparable_raqim && spacy.same_spans.both === spacy.same_spans.comparable_spacy],
  ['page', 'drop 100 articles -> last highlighted', spread(workspace?.drop_100?.highlighted_ms), 'ms', '< 1000', (v) => v < 1000],
  ['page', `open ${annotate?.article?.chars ?? 50000} chars, ${annotate?.article?.spans ?? 3000} spans`, spread(annotate?.open_ms), 'ms', '< 200', (v) => v < 200],
  ['page', 'repaint after one span edit (main thread)', spread(annotate?.span_edit_ms), 'ms', '< 16', (v) => v < 16],
  ['page', 'load a 1,000-article workspace', spread(workspace?.load_1000_ms), 'ms', '< 1000', (v) => v < 1000],
  ['page', 'export 1,000 articles', spread(workspace?.export_1000_ms), 'ms', '< 2000', (v) => v < 2000],
  ['memory', 'peak JS heap + wasm memory, 1,000 articles', workspace?.memory_1000 && { value: workspace.memory_1000.js_heap_peak_plus_wasm_mb }, 'MB', '< 200', (v) => v < 200],
  ['size', 'release wasm, gzip', size && { value: size.wasm.gzip_kb }, 'KB', '<= 250', (v) => v <= 250],
  ['size', 'release wasm, raw', size && { value: size.wasm.raw_kb }, 'KB', '', null],
  ['size', 'release JS, gzip', size && { value: size.js.gzip_kb }, 'KB', '', null],
  ['size', 'of the wasm: code / data, gzip', size?.wasm?.sections && { value: size.wasm.sections.code.gzip_kb, text: `${fmt(size.wasm.sections.code.gzip_kb)} / ${fmt(size.wasm.sections.data.gzip_kb)}` }, 'KB', '', null],
  ['size', 'rule engine alone (bench/wasm), gzip', size?.engine_alone && { value: size.engine_alone.gzip_kb }, 'KB', '', null],
];

const table = rows.map(([part, measure, fig, unit, goal, met]) => {
  const value = fig?.value;
  const known = value !== undefined && value !== null && !Number.isNaN(value);
  return {
    part,
    measure,
    value: known ? value : null,
    unit,
    spread: known && fig.low !== undefined ? [fig.low, fig.high] : null,
    goal: goal || null,
    met: known && met ? Boolean(met(value)) : null,
    shown: fig?.text ?? fmt(value),
  };
});

console.log(`\n${'part'.padEnd(8)}${'measure'.padEnd(46)}${'median'.padStart(10)}  ${'spread'.padEnd(16)}${'goal'.padEnd(9)}met`);
for (const r of table) {
  const spreadText = r.spread ? `${fmt(r.spread[0])}-${fmt(r.spread[1])}` : '';
  const met = r.met === null ? '' : r.met ? 'yes' : 'NO';
  console.log(`${r.part.padEnd(8)}${r.measure.padEnd(46)}${(r.shown + ' ' + r.unit).padStart(10)}  ${spreadText.padEnd(16)}${(r.goal ?? '').padEnd(9)}${met}`);
}
const sources = Object.fromEntries(
  Object.entries({ engine, wasm, spacy, annotate, workspace, size }).map(([k, v]) => [k, v?.file ?? null]),
);
const out = `${dir}/${date}-summary.json`;
writeFileSync(out, JSON.stringify({ date, rows: table.map(({ shown, ...r }) => r), sources }, null, 1) + '\n');
console.log(`\nsaved ${out} (records: ${Object.values(sources).filter(Boolean).join(', ')})`);
