// Storage (issue 7): IndexedDB behind one module, every past schema loads, "Saved" means
// stored, the storage panel, backup and restore, and the scale and large-input figures.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, articleFiles, decodedUtf8, type Raqim } from './raqim';
import {
  saved, idbDump, idbPut, decisions, exported, writeArticles, watchLongTasks, longTasks, watchProgress, progressShown,
  dropMany, figure,
  acceptSpans, articleText, TMP,
} from './storage-support';

const FIXTURES = path.resolve(__dirname, '../../crates/engine/tests/data/persist');
/** The schema versions this build writes records and the meta record in (`raqim_engine::persist`). */
const PERSIST_RS = readFileSync(path.resolve(__dirname, '../../crates/engine/src/persist.rs'), 'utf8');
const SCHEMA = Number(/pub const SCHEMA: u32 = (\d+);/.exec(PERSIST_RS)![1]);
const META_SCHEMA = Number(/pub const META_SCHEMA: u32 = (\d+);/.exec(PERSIST_RS)![1]);

async function loadSamples(raqim: Raqim) {
  await raqim.open();
  await raqim.page.getByTestId('try-samples').click();
  await expect(raqim.rows()).toHaveCount(5);
  await saved(raqim);
}

/** Puts a localStorage dump in place and starts the page on it. */
async function startOnLocalStorage(raqim: Raqim, dump: Record<string, string>) {
  await raqim.open();
  await raqim.page.evaluate((dump) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(dump)) localStorage.setItem(k, typeof v === 'string' ? v : JSON.stringify(v));
  }, dump);
  await raqim.reload();
}

test('"Saved" appears only once the edit is in IndexedDB', async ({ raqim, page }) => {
  // Count the page's completed write transactions (test-side instrumentation of IndexedDB).
  await page.addInitScript(() => {
    const w = window as any;
    w.__writesDone = 0;
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: any[]) {
      const tx = transaction.apply(this, args as any);
      if (tx.mode === 'readwrite') tx.addEventListener('complete', () => w.__writesDone++);
      return tx;
    } as any;
  });
  await loadSamples(raqim);
  const id = await page.getByTestId('article-row').first().getAttribute('data-id');
  // Each time the indicator turns to "saved": had a write transaction completed since it
  // turned to "saving"? And what does the stored record hold then?
  await page.evaluate((id) => {
    const w = window as any;
    w.__states = [];
    w.__honest = [];
    w.__atSaved = [];
    let writesAtSaving = w.__writesDone;
    const el = document.querySelector('[data-testid=save-state]')!;
    new MutationObserver(() => {
      const state = el.getAttribute('data-state');
      w.__states.push(state);
      if (state === 'saving') writesAtSaving = w.__writesDone;
      if (state !== 'saved') return;
      w.__honest.push(w.__writesDone > writesAtSaving);
      const r = indexedDB.open('raqim');
      r.onsuccess = () => {
        const get = r.result.transaction('articles').objectStore('articles').get(id!);
        get.onsuccess = () => {
          const record = JSON.parse(get.result);
          w.__atSaved.push(record.article.spans.filter((s: any) => s.state === 'accepted').length);
          r.result.close();
        };
      };
    }).observe(el, { attributes: true, attributeFilter: ['data-state'] });
  }, id);
  const accepted = await acceptSpans(raqim, 3);
  await saved(raqim);
  // Every "saved" has had its record read (the reads are asynchronous: the last one may still
  // be under way when the indicator is checked).
  await expect
    .poll(() => page.evaluate(() => (window as any).__atSaved.length > 0 && (window as any).__atSaved.length === (window as any).__honest.length))
    .toBe(true);
  const states: string[] = await page.evaluate(() => (window as any).__states);
  const honest: boolean[] = await page.evaluate(() => (window as any).__honest);
  const atSaved: number[] = await page.evaluate(() => (window as any).__atSaved);
  expect(states).toContain('saving');
  expect(honest.length).toBeGreaterThan(0);
  expect(honest, '"saved" shown before a write transaction completed').not.toContain(false);
  expect(atSaved[atSaved.length - 1]).toBe(accepted.length);
  const dump = await idbDump(page);
  expect(Object.keys(dump).sort()).toEqual(['articles', 'meta', 'quarantine', 'texts']);
  expect(JSON.parse(dump.meta.workspace).schema).toBe(META_SCHEMA);
  expect(Object.keys(dump.texts)).toHaveLength(5);
  // The annotation record does not carry the text: an edit rewrites a few KB, not the article.
  expect(JSON.parse(dump.articles[id!]).article.text).toBe('');
  // Only tiny state is left in localStorage, and no journal once everything is committed.
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys.filter((k) => k.startsWith('raqim/article/') || k === 'raqim/meta' || k.startsWith('raqim/rescue/'))).toEqual([]);
});

test('a v1 workspace (everything in localStorage) is migrated with every decision', async ({ raqim, page }) => {
  const dump = JSON.parse(readFileSync(path.join(FIXTURES, 'schema-v1/localStorage.json'), 'utf8'));
  await startOnLocalStorage(raqim, dump);
  await expect(raqim.rows()).toHaveCount(5);
  const notice = page.getByTestId('recovery-notice');
  await expect(notice).toHaveAttribute('data-migrated', '5');
  await expect(notice).toHaveAttribute('data-lost', '0');
  const v1Export = readFileSync(path.join(FIXTURES, 'schema-v1/export.jsonl'), 'utf8')
    .split('\n').filter((l) => l).map((l) => decisions(JSON.parse(l)));
  const now = [...(await exported(raqim)).values()].map(decisions);
  expect(now).toEqual(v1Export);
  // The open article is the one v1 had open; the language came along.
  await expect(page.getByTestId('article-title')).toHaveText('001_fd6a5358d70ec4e1.txt');
  const left = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  expect(Object.keys(left).filter((k) => k.startsWith('raqim/article/') || k === 'raqim/meta')).toEqual([]);
  expect(left['raqim/schema']).toBe(String(SCHEMA));
  // Migrated once: the next start is an ordinary one, with the same work.
  await raqim.reload();
  await expect(raqim.rows()).toHaveCount(5);
  await expect(page.getByTestId('recovery-notice')).toHaveCount(0);
  expect([...(await exported(raqim)).values()].map(decisions)).toEqual(v1Export);
});

test('a damaged v1 workspace: the readable articles migrate, the rest is kept aside', async ({ raqim, page }) => {
  const dump = JSON.parse(readFileSync(path.join(FIXTURES, 'schema-v1/damaged.json'), 'utf8'));
  await startOnLocalStorage(raqim, dump);
  await expect(raqim.rows()).toHaveCount(2);
  const notice = page.getByTestId('recovery-notice');
  await expect(notice).toHaveAttribute('data-migrated', '2');
  await expect(notice).toHaveAttribute('data-lost', '3');
  await expect(notice.locator('[data-kind=future-schema]')).toHaveCount(1);
  await expect(notice.locator('[data-kind=not-json]')).toHaveCount(2);
  const { text } = await raqim.export('recovery-download');
  const raw = text.split('\n').filter((l) => l).map((l) => JSON.parse(l));
  expect(raw.map((r) => r.key).sort()).toEqual([
    'raqim/article/1415eb2e8d27dc16', 'raqim/article/19db236054e03581', 'raqim/article/602054645d2f6880',
    'raqim/broken/raqim/article/0000000000000000',
  ]);
  // Exactly the bytes that were stored.
  const truncated = raw.find((r) => r.key === 'raqim/article/602054645d2f6880');
  expect(truncated.raw).toBe(dump['raqim/article/602054645d2f6880']);
  expect(await page.evaluate(() => localStorage.getItem('unrelated/key'))).toBe('left alone');
});

test('a v2 workspace and a v2 journal load, and the undo history still works', async ({ raqim, page }) => {
  const stores = JSON.parse(readFileSync(path.join(FIXTURES, 'schema-v2/stores.json'), 'utf8'));
  await raqim.open();
  for (const store of ['texts', 'articles', 'meta']) {
    for (const [key, value] of Object.entries(stores[store])) await idbPut(page, store, key, value);
  }
  // A tab that was killed with one edit not committed, journaled as v2 wrote it.
  const A001 = 'f56d7a1a2e3b3d9d';
  await page.evaluate((id) => {
    localStorage.setItem('raqim/rescue/dead-tab/1',
      JSON.stringify({ schema: 2, seq: 1, edit: { edit: 'reject', article: id, start: 0, end: 6 } }));
  }, A001);
  await raqim.reload();
  await expect(raqim.rows()).toHaveCount(5);
  await expect(page.getByTestId('recovery-notice')).toHaveAttribute('data-rescued', '1');
  await expect(page.getByTestId('recovery-notice')).toHaveAttribute('data-damaged', '0');
  // Every decision the analyst made (suggestions are refreshed by this build's rules).
  const reviewed = (r: any) => ({ ...decisions(r), spans: decisions(r).spans.filter((s) => !s.endsWith(':suggested')) });
  const v2Export = readFileSync(path.join(FIXTURES, 'schema-v2/export.jsonl'), 'utf8')
    .split('\n').filter((l) => l).map((l) => reviewed(JSON.parse(l)));
  const now = [...(await exported(raqim)).values()].map(reviewed);
  expect(now.filter((r) => r.id !== A001)).toEqual(v2Export.filter((r) => r.id !== A001));
  expect(now.find((r) => r.id === A001)!.rejected).toContain('0-6:GPE:rejected');
  // 002 was accepted twice and marked done under v2: undo takes back "done", then the last accept.
  const A002 = '002_56f66993d4cda13d.txt';
  await raqim.openArticle(A002);
  const accepted = async () => (await raqim.spans()).filter((s) => s.state === 'accepted').length;
  const before = await accepted();
  const status = raqim.row(A002).getByTestId('article-status');
  await expect(status).toHaveText('منجز');
  await page.keyboard.press('Control+z');
  await expect(status).not.toHaveText('منجز');
  await page.keyboard.press('Control+z');
  await expect.poll(accepted).toBe(before - 1);
  await saved(raqim);
  // Written back in this build's schema.
  const record = JSON.parse((await idbDump(page)).articles['6dc458e8fa983b89']);
  expect(record.schema).toBe(SCHEMA);
  expect(JSON.stringify(record.article.history)).not.toContain('"patch":');
});

test('the layout written by this build matches its fixture (RAQIM_WRITE_FIXTURE=1 rewrites it)', async ({ raqim, page }) => {
  await loadSamples(raqim);
  await raqim.openArticle('000_29e9128e34fa29fd.txt');
  await page.keyboard.press('Shift+A');
  await page.keyboard.press('f');
  await raqim.openArticle('002_56f66993d4cda13d.txt');
  await acceptSpans(raqim, 2);
  await page.getByTestId('mark-done').click();
  await saved(raqim);
  const dump = await idbDump(page);
  const meta = JSON.parse(dump.meta.workspace);
  expect(meta.schema).toBe(META_SCHEMA);
  expect(meta.order).toHaveLength(5);
  for (const [id, raw] of Object.entries(dump.articles)) {
    const record = JSON.parse(raw as string);
    expect(record.schema).toBe(SCHEMA);
    expect(record.rev).toBeGreaterThanOrEqual(1);
    expect(record.article.id).toBe(id);
    expect([...(dump.texts[id] as string)].length).toBe(record.article.chars);
  }
  const { text } = await raqim.export();
  if (process.env.RAQIM_WRITE_FIXTURE) {
    const dir = path.join(FIXTURES, `schema-v${SCHEMA}`);
    mkdirSync(dir, { recursive: true });
    const stores = { meta: dump.meta, articles: dump.articles, texts: dump.texts };
    writeFileSync(path.join(dir, 'stores.json'), JSON.stringify(stores, null, 1) + '\n');
    writeFileSync(path.join(dir, 'export.jsonl'), text);
  }
});

test('the storage panel shows use, quota and protection; the page asks for persistent storage', async ({ raqim, page }) => {
  await loadSamples(raqim);
  await page.getByTestId('storage-toggle').click();
  const usage = page.getByTestId('storage-usage');
  await expect(usage).toHaveAttribute('data-quota', /^\d/);
  const used = Number(await usage.getAttribute('data-usage'));
  const quota = Number(await usage.getAttribute('data-quota'));
  expect(used).toBeGreaterThan(0);
  expect(quota).toBeGreaterThan(used);
  await expect(usage).toContainText('/');
  await expect(page.getByTestId('storage-persisted')).toHaveAttribute('data-persisted', /^(true|false)$/);
  await expect(page.getByTestId('privacy-note')).toBeVisible();
  figure('storage panel (5 samples)', { used, quota, persisted: await page.getByTestId('storage-persisted').getAttribute('data-persisted') });
  await raqim.screenshot('10-storage-panel');
});

test('the backup reminder, a one-click backup, and a restore that brings everything back', async ({ raqim, page }) => {
  await loadSamples(raqim);
  await raqim.openArticle('004_c8c07972d2a5d857.txt');
  await acceptSpans(raqim, 3);
  await page.keyboard.press('d');
  await saved(raqim);
  // A day of work since the last backup.
  await page.evaluate(() =>
    localStorage.setItem('raqim/backup', JSON.stringify({ last_ms: null, edits: 12, since_ms: Date.now() - 25 * 3600_000 })),
  );
  await raqim.reload();
  const reminder = page.getByTestId('backup-reminder');
  await expect(reminder).toBeVisible();
  await raqim.screenshot('11-backup-reminder');
  const backup = await raqim.export('reminder-backup');
  expect(backup.name).toMatch(/^raqim-backup-\d{4}-\d{2}-\d{2}\.jsonl$/);
  await expect(reminder).toHaveCount(0);
  const lines = backup.text.split('\n').filter((l) => l).map((l) => JSON.parse(l));
  // Five article records, then the workspace line (settings and learned rules).
  expect(lines.at(-1)).toHaveProperty('raqim_workspace.settings.guidelines');
  expect(lines.at(-1).raqim_workspace.learned.length).toBeGreaterThan(0);
  const before = lines.slice(0, -1).map(decisions);
  expect(before).toHaveLength(5);
  // Lose things: remove an article, undo the accepted spans of another.
  await raqim.row('000_29e9128e34fa29fd.txt').getByTestId('remove-article').click();
  await raqim.openArticle('004_c8c07972d2a5d857.txt');
  for (let i = 0; i < 4; i++) await page.getByTestId('undo').click();
  await saved(raqim);
  expect([...(await exported(raqim)).values()].map(decisions)).not.toEqual(before);
  // Restore from the file.
  const file = path.join(TMP, 'backup.jsonl');
  mkdirSync(TMP, { recursive: true });
  writeFileSync(file, backup.text);
  await page.getByTestId('storage-toggle').click();
  await page.getByTestId('restore-input').setInputFiles(file);
  await expect(raqim.notices().filter({ hasText: 'backup.jsonl' })).toHaveCount(1);
  await expect(raqim.rows()).toHaveCount(5);
  await saved(raqim);
  const restored = [...(await exported(raqim)).values()].map(decisions);
  const byId = (l: any[]) => [...l].sort((a, b) => a.id.localeCompare(b.id));
  expect(byId(restored)).toEqual(byId(before));
  await raqim.reload();
  expect(byId([...(await exported(raqim)).values()].map(decisions))).toEqual(byId(before));
});

test('a backup restored into an erased browser brings back the guidelines and the learned rules', async ({ raqim, page }) => {
  await loadSamples(raqim);
  await raqim.openArticle('004_c8c07972d2a5d857.txt');
  await acceptSpans(raqim, 1);
  await page.getByTestId('tab-rules').click();
  const learned = await page.getByTestId('learned-rule').allTextContents();
  expect(learned.length).toBeGreaterThan(0);
  await page.getByTestId('tab-guidelines').click();
  const guidelines = 'PER: الاسم الكامل فقط — our team rule';
  await page.getByTestId('guidelines').fill(guidelines);
  await page.getByTestId('guidelines').blur();
  await saved(raqim);
  await page.getByTestId('storage-toggle').click();
  const backup = await raqim.export('backup-now');
  // Everything lost: the browser's data erased.
  await raqim.eraseEverything();
  await expect(raqim.rows()).toHaveCount(0);
  const erased = JSON.stringify(await idbDump(page));
  expect(erased).not.toContain('our team rule');
  // Restored from the file: articles, guidelines and the learned rules, kept across a reload.
  const file = path.join(TMP, 'erased-backup.jsonl');
  mkdirSync(TMP, { recursive: true });
  writeFileSync(file, backup.text);
  await page.getByTestId('storage-toggle').click();
  await page.getByTestId('restore-input').setInputFiles(file);
  await expect(raqim.rows()).toHaveCount(5);
  await saved(raqim);
  await raqim.reload();
  await expect(raqim.rows()).toHaveCount(5);
  await page.getByTestId('tab-guidelines').click();
  await expect(page.getByTestId('guidelines')).toHaveValue(guidelines);
  await page.getByTestId('tab-rules').click();
  await expect(page.getByTestId('learned-rule')).toHaveText(learned);
  await raqim.screenshot('11b-restored-rules');
});

test('100 files dropped at once: a progress bar, a responsive page, all of them stored', async ({ raqim, page }) => {
  test.setTimeout(300_000);
  const files = writeArticles('hundred', 100, 5, 20, 100);
  await raqim.open();
  await watchLongTasks(page);
  await watchProgress(page);
  const started = Date.now();
  await dropMany(page, files.map((f) => ({ name: path.basename(f), bytes: readFileSync(f) })));
  const progress = page.getByTestId('intake-progress');
  await raqim.screenshot('12-intake-progress');
  await expect(raqim.rows()).toHaveCount(100, { timeout: 120_000 });
  await expect(progress).toHaveCount(0);
  expect(await progressShown(page)).toEqual({ seen: true, total: 100 });
  await saved(raqim);
  const elapsed = Date.now() - started;
  const tasks = await longTasks(page);
  figure('100-file drop', { ms: elapsed, longestTaskMs: tasks[0] ?? 0, longTasksOver50ms: tasks.length, over100ms: tasks.filter((t) => t > 100).length });
  expect(tasks.filter((t) => t > 100), 'main-thread tasks over 100 ms').toEqual([]);
  await raqim.reload();
  await expect(raqim.rows()).toHaveCount(100);
});

test('a 5 MB article loads with progress and the page stays responsive', async ({ raqim, page }) => {
  test.setTimeout(300_000);
  const text = articleText(5000, 5 * 1024 * 1024);
  // The analyst keeps working on an open article while the big one loads.
  await loadSamples(raqim);
  await watchLongTasks(page);
  await watchProgress(page);
  const started = Date.now();
  await dropMany(page, [{ name: 'five-megabytes.txt', bytes: Buffer.from(text) }]);
  await expect(raqim.rows()).toHaveCount(6, { timeout: 120_000 });
  expect(await progressShown(page)).toEqual({ seen: true, total: 1 });
  await saved(raqim, 60_000);
  const elapsed = Date.now() - started;
  const loading = await longTasks(page);
  // Opening it: the article view draws it in chunks (its own figures, for the record: the
  // first screen, then ten seconds of drawing).
  await watchLongTasks(page);
  const o0 = Date.now();
  await raqim.openArticle('five-megabytes.txt');
  const openMs = Date.now() - o0;
  await page.waitForTimeout(10_000);
  const drawnLines = await raqim.articleText().locator('p').count();
  const opening = await longTasks(page);
  figure('5 MB article', {
    bytes: Buffer.byteLength(text), loadMs: elapsed, longestTaskWhileLoadingMs: loading[0] ?? 0, loadingLongTasks: loading,
    firstScreenMs: openMs, linesDrawnAfter10s: drawnLines, longestTaskWhileOpeningMs: opening[0] ?? 0, openingLongTasks: opening.slice(0, 10),
  });
  // Responsive while a 5 MB article loads: no task near the ~200 ms at which typing and
  // scrolling visibly stall. (The 100 ms budget is the 100-file drop's, asserted above; the one
  // task here that can pass 100 ms under load is encoding the article's record, ~40k spans,
  // for its IndexedDB commit: see the closing note of issue 7.)
  expect(loading.filter((t) => t > 200), 'main-thread tasks over 200 ms while loading').toEqual([]);
  // Stored exactly (the export of a 5 MB article is checked through storage: its JSONL has
  // a million tokens).
  const dump = await idbDump(page);
  const id = await raqim.row('five-megabytes.txt').getAttribute('data-id');
  expect(dump.texts[id!]).toBe(text);
  expect(JSON.parse(dump.articles[id!]).article.spans.length).toBeGreaterThan(100);
  await raqim.reload();
  await expect(raqim.rows()).toHaveCount(6);
  await expect(raqim.row('five-megabytes.txt').getByTestId('article-chars')).toHaveText(String([...text].length));
});

test('a file over the 20 MB limit is refused with a message, and nothing else changes', async ({ raqim, page }) => {
  test.setTimeout(120_000);
  await loadSamples(raqim);
  const big = Buffer.alloc(21 * 1024 * 1024, 'ا');
  await dropMany(page, [{ name: 'huge.txt', bytes: big }]);
  const notice = raqim.notices().filter({ hasText: 'huge.txt' });
  await expect(notice).toHaveAttribute('data-kind', 'error');
  await expect(notice).toContainText('20');
  await expect(raqim.rows()).toHaveCount(5);
});

test('a workspace of 1,000 articles loads, lists and exports correctly', async ({ raqim, page }) => {
  test.setTimeout(900_000);
  const files = writeArticles('thousand', 1000, 5, 20, 1000);
  await raqim.open();
  const t0 = Date.now();
  for (let i = 0; i < files.length; i += 100) {
    await dropMany(page, files.slice(i, i + 100).map((f) => ({ name: path.basename(f), bytes: readFileSync(f) })));
    await expect(raqim.rows()).toHaveCount(i + 100, { timeout: 300_000 });
  }
  await saved(raqim, 120_000);
  const intakeMs = Date.now() - t0;
  // Annotate: accept every suggestion of ten articles, mark them done.
  for (let i = 0; i < 10; i++) {
    await raqim.openArticle(path.basename(files[i * 97]));
    await page.getByTestId('accept-all').click();
    await page.getByTestId('mark-done').click();
  }
  await saved(raqim);
  await page.getByTestId('storage-toggle').click();
  await expect(page.getByTestId('storage-usage')).toHaveAttribute('data-usage', /^\d/);
  const used = Number(await page.getByTestId('storage-usage').getAttribute('data-usage'));
  // Load and list.
  await page.addInitScript(() => {
    const w = window as any;
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  const r0 = Date.now();
  (raqim as any).loaded = false; // the page's own files load again
  await page.reload();
  await expect(raqim.rows()).toHaveCount(1000, { timeout: 120_000 });
  const loadMs = Date.now() - r0;
  const loadTasks = await longTasks(page);
  await page.waitForLoadState('networkidle');
  (raqim as any).loaded = true;
  // Search: the browser's find over the listed names; every file is listed once.
  const s0 = Date.now();
  const names = await raqim.rows().getByTestId('article-file').allTextContents();
  const hits = names.filter((n) => n.includes('article-05'));
  const searchMs = Date.now() - s0;
  expect(hits).toHaveLength(100);
  expect(new Set(names).size).toBe(1000);
  // Export everything.
  await watchLongTasks(page);
  const e0 = Date.now();
  const records = await raqim.exportJsonl();
  const exportMs = Date.now() - e0;
  const exportTasks = await longTasks(page);
  expect(records).toHaveLength(1000);
  const byFile = new Map(records.map((r) => [r.meta.file, r]));
  for (const f of files) expect(byFile.get(path.basename(f))?.text, f).toBe(decodedUtf8(f));
  expect(records.filter((r) => r.meta.status === 'done')).toHaveLength(10);
  expect(records.filter((r) => r.spans.some((s: any) => s.state === 'accepted')).length).toBe(10);
  figure('1000 articles', { totalKB: Math.round(files.reduce((n, f) => n + readFileSync(f).length, 0) / 1024), storedMB: +(used / 1048576).toFixed(1), intakeMs, loadAndListMs: loadMs, longestTaskWhileLoadingMs: loadTasks[0] ?? 0, searchMs, exportMs, longestTaskWhileExportingMs: exportTasks[0] ?? 0 });
  await raqim.screenshot('13-thousand-articles');
});
