// What the page costs to download (issue 8, size): the release build's wasm and JavaScript in
// dist/ (`./x build`), raw and gzip -9 as a static server would send them, next to the goal
// (wasm <= 250 KB gzip). The fonts and CSS are listed too, so the total a first visit loads
// is on record. Writes bench/records/<UTC date>-size.json.
//
// Where the wasm's bytes go: its code and its data (the rule pack, word lists, sample articles,
// Unicode tables), each gzipped on its own, and the same for the rule engine alone — the module
// of the WASM bench (bench/wasm, built by `./x bench engine-wasm`), run through the same
// `wasm-opt -Oz` — so a review sees what of the goal is left for the page around the engine.
//
//   node bench/size.mjs            (from the repository root, after ./x build)
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';

const dist = 'dist';
const kb = (n) => Math.round(n / 102.4) / 10;
const files = readdirSync(dist)
  .filter((f) => /\.(wasm|js|css|woff2|html)$/.test(f))
  .sort()
  .map((name) => {
    const bytes = readFileSync(path.join(dist, name));
    return { name, raw_kb: kb(bytes.length), gzip_kb: kb(gzipSync(bytes, { level: 9 }).length) };
  });
const of = (ext) => files.filter((f) => f.name.endsWith(ext));
const sum = (list, key) => Math.round(list.reduce((n, f) => n + f[key], 0) * 10) / 10;
const wasm = of('.wasm');
const js = of('.js');

/** Raw and gzip KB of a wasm module's code and data sections. */
function sections(bytes) {
  const leb = (at) => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return [value, at];
    }
  };
  const out = {};
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [size, body] = leb(at + 1);
    const name = { 10: 'code', 11: 'data' }[id];
    if (name) {
      const part = bytes.subarray(body, body + size);
      out[name] = { raw_kb: kb(part.length), gzip_kb: kb(gzipSync(part, { level: 9 }).length) };
    }
    at = body + size;
  }
  return out;
}

/** The engine-alone module of the WASM bench, optimized as Trunk optimizes the page's, with its
 * sections; `null` if that bench has not been built. */
function engineAlone() {
  const module = 'bench/wasm/pkg/raqim_bench_wasm_bg.wasm';
  if (!existsSync(module)) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'raqim-size-'));
  try {
    const opt = path.join(dir, 'engine.wasm');
    execFileSync('node_modules/.bin/wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', module, '-o', opt]);
    const bytes = readFileSync(opt);
    return { raw_kb: kb(bytes.length), gzip_kb: kb(gzipSync(bytes, { level: 9 }).length), sections: sections(bytes) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const record = {
  date: new Date().toISOString().slice(0, 10),
  files,
  wasm: {
    raw_kb: sum(wasm, 'raw_kb'),
    gzip_kb: sum(wasm, 'gzip_kb'),
    sections: wasm.length === 1 ? sections(readFileSync(path.join(dist, wasm[0].name))) : null,
  },
  engine_alone: engineAlone(),
  js: { raw_kb: sum(js, 'raw_kb'), gzip_kb: sum(js, 'gzip_kb') },
  total: { raw_kb: sum(files, 'raw_kb'), gzip_kb: sum(files, 'gzip_kb') },
  goals: { wasm_gzip_kb: 250 },
};
const out = `bench/records/${record.date}-size.json`;
writeFileSync(out, JSON.stringify(record, null, 1) + '\n');
for (const f of files) console.log(`${f.name.padEnd(44)} ${String(f.raw_kb).padStart(8)} KB ${String(f.gzip_kb).padStart(8)} KB gzip`);
console.log(`wasm ${record.wasm.gzip_kb} KB gzip (goal <= 250), js ${record.js.gzip_kb} KB gzip, everything ${record.total.gzip_kb} KB gzip`);
const parts = (m) => (m?.sections ? `code ${m.sections.code?.gzip_kb} KB, data ${m.sections.data?.gzip_kb} KB gzip` : '');
console.log(`page wasm: ${parts(record.wasm)}`);
const alone = record.engine_alone;
console.log(alone ? `rule engine alone (bench/wasm): ${alone.gzip_kb} KB gzip; ${parts(alone)}` : 'rule engine alone: not built (./x bench engine-wasm builds it)');
console.log(`saved ${out}`);
