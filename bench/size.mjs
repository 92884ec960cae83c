// What the page costs to download (issue 8, size): the release build's wasm and JavaScript in
// dist/ (`./x build`), raw and gzip -9 as a static server would send them, next to the goal
// (wasm <= 250 KB gzip). The fonts and CSS are listed too, so the total a first visit loads
// is on record. Writes bench/records/<UTC date>-size.json.
//
//   node bench/size.mjs            (from the repository root, after ./x build)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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
const record = {
  date: new Date().toISOString().slice(0, 10),
  files,
  wasm: { raw_kb: sum(wasm, 'raw_kb'), gzip_kb: sum(wasm, 'gzip_kb') },
  js: { raw_kb: sum(js, 'raw_kb'), gzip_kb: sum(js, 'gzip_kb') },
  total: { raw_kb: sum(files, 'raw_kb'), gzip_kb: sum(files, 'gzip_kb') },
  goals: { wasm_gzip_kb: 250 },
};
const out = `bench/records/${record.date}-size.json`;
writeFileSync(out, JSON.stringify(record, null, 1) + '\n');
for (const f of files) console.log(`${f.name.padEnd(44)} ${String(f.raw_kb).padStart(8)} KB ${String(f.gzip_kb).padStart(8)} KB gzip`);
console.log(`wasm ${record.wasm.gzip_kb} KB gzip (goal <= 250), js ${record.js.gzip_kb} KB gzip, everything ${record.total.gzip_kb} KB gzip`);
console.log(`saved ${out}`);
