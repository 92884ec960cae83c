// Helpers for the storage, fault and security tests: reading and damaging the page's
// IndexedDB from the test side, generating articles, watching the main thread, and recording the
// figures the tests report (tests/output/storage-figures.json).
import { expect, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { articleFiles, type Raqim } from './raqim';

export const OUT = path.resolve(__dirname, '../output');
export const TMP = path.join(OUT, 'storage-tmp');

/** Waits until the indicator says every edit is stored. */
export async function saved(raqim: Raqim, timeout = 30_000) {
  await expect(raqim.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout });
}

/** Every store of the page's database, as `{store: {key: value}}` (values as stored). */
export async function idbDump(page: Page): Promise<Record<string, Record<string, any>>> {
  return page.evaluate(async () => {
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((res, rej) => {
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
    const db = await req(indexedDB.open('raqim'));
    const out: Record<string, Record<string, any>> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const store = db.transaction(name).objectStore(name);
      const keys = await req(store.getAllKeys());
      const values = await req(store.getAll());
      out[name] = Object.fromEntries(keys.map((k, i) => [String(k), values[i]]));
    }
    db.close();
    return out;
  });
}

/** Writes (or, with `value === undefined`, deletes) one value in the page's database, the way
 * a hand edit or a crash would leave it. */
export async function idbPut(page: Page, store: string, key: string, value: unknown) {
  await page.evaluate(
    async ([store, key, value, del]) => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('raqim');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      await new Promise<void>((res, rej) => {
        const tx = db.transaction(store as string, 'readwrite');
        if (del) tx.objectStore(store as string).delete(key as string);
        else tx.objectStore(store as string).put(value, key as string);
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
      db.close();
    },
    [store, key, value, value === undefined] as const,
  );
}

/** The analyst's decisions in an export record (what must survive any fault). */
export function decisions(r: any) {
  const spans = (list: any[] = []) => list.map((s) => `${s.start}-${s.end}:${s.label}:${s.state}`).sort();
  return {
    id: r.id,
    file: r.meta.file,
    status: r.meta.status,
    spans: spans(r.spans),
    rejected: spans(r.rejected),
    stance: (r.stance ?? []).map((s: any) => `${s.target}:${s.label}`).sort(),
  };
}

/** Export records by article id. */
export async function exported(raqim: Raqim): Promise<Map<string, any>> {
  const records = await raqim.exportJsonl();
  return new Map(records.map((r) => [r.id, r]));
}

const SENTENCES: string[] = (() => {
  const text = articleFiles()
    .map((f) => readFileSync(f, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
    .join('\n');
  return text
    .split(/(?<=[.!؟?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
})();

/** A deterministic pseudo-random generator (tests must be repeatable). */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** An Arabic news-like text of about `bytes` UTF-8 bytes, unique for `n`. */
export function articleText(n: number, bytes: number, random = rng(n + 1)): string {
  const lines = [`مقال رقم ${n} من أرشيف الاختبار`];
  let size = Buffer.byteLength(lines[0]);
  let paragraph: string[] = [];
  while (size < bytes) {
    const s = SENTENCES[Math.floor(random() * SENTENCES.length)];
    paragraph.push(s);
    size += Buffer.byteLength(s) + 1;
    if (paragraph.length >= 3 + Math.floor(random() * 3)) {
      lines.push(paragraph.join(' '));
      paragraph = [];
    }
  }
  if (paragraph.length) lines.push(paragraph.join(' '));
  return lines.join('\n') + '\n';
}

/** Writes `count` article files of `minKB`–`maxKB` each into a fresh directory; their paths. */
export function writeArticles(dir: string, count: number, minKB: number, maxKB: number, seed = 7): string[] {
  const full = path.join(TMP, dir);
  mkdirSync(full, { recursive: true });
  const random = rng(seed);
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const size = Math.round((minKB + random() * (maxKB - minKB)) * 1024);
    const file = path.join(full, `article-${String(i).padStart(4, '0')}.txt`);
    if (!existsSync(file)) writeFileSync(file, articleText(i, size));
    files.push(file);
  }
  return files;
}

/** Starts recording the main thread's long tasks (PerformanceObserver 'longtask'). */
export async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as any;
    w.__longTasks = [];
    w.__longTaskObserver?.disconnect();
    w.__longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    });
    w.__longTaskObserver.observe({ type: 'longtask' });
  });
}

/** The long tasks recorded since `watchLongTasks` (ms), longest first. */
export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => [...((window as any).__longTasks as number[])].sort((a, b) => b - a));
}

/** Starts recording the intake progress bar: whether it appeared, and the largest total it
 * showed. (A fast intake can show it and take it away again before a test looks.) */
export async function watchProgress(page: Page) {
  await page.evaluate(() => {
    const w = window as any;
    w.__progress = { seen: false, total: 0 };
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid=intake-progress]');
      if (!bar) return;
      w.__progress.seen = true;
      w.__progress.total = Math.max(w.__progress.total, Number(bar.getAttribute('data-total')));
    }).observe(document.body, { childList: true, subtree: true, attributeFilter: ['data-total'] });
  });
}

/** What `watchProgress` recorded. */
export async function progressShown(page: Page): Promise<{ seen: boolean; total: number }> {
  return page.evaluate(() => (window as any).__progress);
}

/** Drops many files at once; builds the DataTransfer in the page from base64 in chunks so that
 * large drops do not go through one huge protocol message. */
export async function dropMany(page: Page, files: { name: string; bytes: Buffer }[]) {
  await page.evaluate(() => ((window as any).__dropFiles = []));
  let batch: { name: string; b64: string }[] = [];
  let size = 0;
  const flush = async () => {
    await page.evaluate((items) => {
      for (const { name, b64 } of items) {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        (window as any).__dropFiles.push(new File([bytes], name, { type: name.endsWith('.txt') ? 'text/plain' : '' }));
      }
    }, batch);
    batch = [];
    size = 0;
  };
  for (const f of files) {
    batch.push({ name: f.name, b64: f.bytes.toString('base64') });
    size += f.bytes.length;
    if (size > 4_000_000) await flush();
  }
  if (batch.length) await flush();
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    for (const f of (window as any).__dropFiles) dt.items.add(f);
    (window as any).__dropFiles = [];
    return dt;
  });
  await page.dispatchEvent('[data-testid=drop-target]', 'dragover', { dataTransfer });
  await page.dispatchEvent('[data-testid=drop-target]', 'drop', { dataTransfer });
}

/** Records a figure for the report (merged into tests/output/storage-figures.json). */
export function figure(name: string, value: unknown) {
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, 'storage-figures.json');
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8'));
  } catch {}
  all[name] = value;
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
  console.log(`figure ${name}: ${JSON.stringify(value)}`);
}

/** Accepts the open article's suggested spans one by one (click, then `a`); returns the
 * `start-end` of each span accepted. */
export async function acceptSpans(raqim: Raqim, count: number, { from = 0, wait = true } = {}) {
  const page = raqim.page;
  const spans = (await raqim.spans()).filter((s) => s.state === 'suggested').slice(from, from + count);
  const done: string[] = [];
  for (const s of spans) {
    await page.locator(`mark[data-span-start="${s.start}"]`).first().click();
    await page.keyboard.press('a');
    if (wait) await expect(page.locator(`mark[data-span-start="${s.start}"]`).first()).toHaveAttribute('data-state', 'accepted');
    done.push(`${s.start}-${s.end}`);
  }
  return done;
}
