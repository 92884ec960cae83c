// What every page bench shares: the summary of repeated runs (numbers on a 2-core machine are
// noisy: the median and the spread, never one run) and the dated record file under
// bench/records/ that is committed, so a regression shows in review.
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type Stats = { median: number; min: number; max: number; runs: number };

/** Median, min and max of repeated runs (the upper median for an even count), to 0.1. */
export const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { median: r(s[Math.floor(s.length / 2)]), min: r(s[0]), max: r(s[s.length - 1]), runs: s.length };
};

/** `median 123.4 ms (min 100.0, max 150.2, 5 runs)` */
export const show = (s: Stats, unit = 'ms') =>
  `median ${s.median.toFixed(1)} ${unit} (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}, ${s.runs} runs)`;

/** Today's date, UTC, as records are named. */
export const today = () => new Date().toISOString().slice(0, 10);

const file = (name: string) => path.resolve(__dirname, `../records/${today()}-${name}.json`);

/** Writes bench/records/<UTC date>-<name>.json. */
export function writeRecord(name: string, result: object) {
  mkdirSync(path.dirname(file(name)), { recursive: true });
  writeFileSync(file(name), JSON.stringify({ date: today(), ...result }, null, 1) + '\n');
}

/** Sets some fields of today's record `name`, keeping the others (for benches in several tests). */
export function mergeRecord(name: string, fields: object) {
  let old: object = {};
  try {
    old = JSON.parse(readFileSync(file(name), 'utf8'));
  } catch {}
  writeRecord(name, { ...old, ...fields });
}
