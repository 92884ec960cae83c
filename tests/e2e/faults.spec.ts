// Fault tests (issue 7): each one makes edits, breaks something, and then compares an export
// with the list of edits it made. Every edit the test made must be found — the figures (edits
// made / edits found) land in tests/output/storage-figures.json.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { test, expect, Raqim, articleFiles, BAD, decodedUtf8 } from './raqim';
import { saved, idbDump, idbPut, exported, figure, acceptSpans, dropMany, TMP } from './storage-support';

const A004 = '004_c8c07972d2a5d857.txt';
const A000 = '000_29e9128e34fa29fd.txt';
const A001 = '001_fd6a5358d70ec4e1.txt';

async function loadSamples(raqim: Raqim, open = A004) {
  await raqim.open();
  await raqim.page.getByTestId('try-samples').click();
  await expect(raqim.rows()).toHaveCount(5);
  await raqim.openArticle(open);
  await saved(raqim);
}

/** In one task: select the next `n` spans with Tab and accept each with `a` (synthetic keys),
 * then, if asked, reload at once — before the page had a chance to save anything. Returns how
 * many edits the journal holds right after (none of them can be committed yet): when an edit
 * is missing later, this tells a journal write lost by the browser from an edit never made. */
async function burst(page: Page, n: number, reload = false): Promise<number> {
  return page.evaluate(
    ([n, reload]) => {
      const key = (k: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
      for (let i = 0; i < (n as number); i++) {
        key('Tab');
        key('a');
      }
      const journaled = Object.keys(localStorage).filter((k) => k.startsWith('raqim/rescue/')).length;
      if (reload) location.reload();
      return journaled;
    },
    [n, reload] as const,
  );
}

/** `start-end` of every accepted span of one exported article. */
function accepted(records: Map<string, any>, file: string): string[] {
  const r = [...records.values()].find((r) => r.meta.file === file);
  expect(r, file).toBeTruthy();
  return r.spans.filter((s: any) => s.state === 'accepted').map((s: any) => `${s.start}-${s.end}`).sort();
}

test('reload in the middle of a burst of edits', async ({ raqim, page }) => {
  await loadSamples(raqim);
  // Ten edits the page acknowledged, then twenty more and a reload in the same task.
  await burst(page, 10);
  await saved(raqim);
  (raqim as any).loaded = false; // the reload fetches the page's own files again
  await burst(page, 20, true).catch(() => {}); // the context goes away with the reload
  await page.waitForLoadState('load');
  await expect(raqim.rows()).toHaveCount(5);
  await page.waitForLoadState('networkidle');
  (raqim as any).loaded = true;
  await saved(raqim);
  const found = accepted(await exported(raqim), A004);
  // The notice appears only when the reload left edits to replay: read it if it is there,
  // never wait for it (a locator waits until the test times out).
  const notice = page.getByTestId('recovery-notice');
  const rescued = (await notice.count()) > 0 ? await notice.getAttribute('data-rescued') : '0';
  figure('fault: reload mid-burst', { made: 30, found: found.length, replayedFromRescueJournal: Number(rescued ?? 0) });
  expect(found).toHaveLength(30);
  // And once more, with nothing pending: the same.
  await raqim.reload();
  expect(accepted(await exported(raqim), A004)).toEqual(found);
});

function launchOptions() {
  return {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 860 },
  };
}

test('close and reopen the browser', async ({ baseURL }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'raqim-profile-'));
  const open = async () => {
    const ctx = await chromium.launchPersistentContext(dir, { ...launchOptions(), baseURL });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const raqim = new Raqim(page);
    await raqim.open();
    return { ctx, page, raqim };
  };
  const errors: string[] = [];
  let { ctx, page, raqim } = await open();
  await page.getByTestId('try-samples').click();
  await expect(raqim.rows()).toHaveCount(5);
  // 1. Acknowledged edits, then edits the page had no time to save; the analyst closes the
  //    window (the page gets `pagehide`).
  await raqim.openArticle(A004);
  await burst(page, 12);
  await saved(raqim);
  await raqim.openArticle(A000);
  await page.keyboard.press('f');
  await burst(page, 8);
  errors.push(...raqim.errors);
  await page.close();
  await ctx.close();
  ({ ctx, page, raqim } = await open());
  await expect(raqim.rows()).toHaveCount(5);
  await saved(raqim);
  let records = await exported(raqim);
  const found4 = accepted(records, A004).length;
  const found0 = accepted(records, A000).length;
  const stance = [...records.values()].find((r) => r.meta.file === A000).stance ?? [];
  // 2. The browser is killed right after a burst: no `pagehide` at all.
  await raqim.openArticle(A001);
  const journaled = await burst(page, 5);
  errors.push(...raqim.errors);
  await ctx.close();
  ({ ctx, page, raqim } = await open());
  await expect(raqim.rows()).toHaveCount(5);
  await saved(raqim);
  records = await exported(raqim);
  const found1 = accepted(records, A001).length;
  figure('fault: close and reopen the browser', {
    windowClosed: { made: 12 + 1 + 8, acknowledged: 12, found: found4 + found0 + stance.length },
    browserKilled: { made: 5, acknowledged: 0, journaled, found: found1 },
  });
  expect(journaled, 'the five edits were made and journaled before the browser closed').toBeGreaterThanOrEqual(5);
  expect(found4).toBe(12);
  expect(found0).toBe(8);
  expect(stance).toHaveLength(1);
  expect(found1).toBe(5);
  expect(accepted(records, A004)).toHaveLength(12);
  expect([...errors, ...raqim.errors]).toEqual([]);
  expect(raqim.lateRequests).toEqual([]);
  await ctx.close();
});

/** A small disk for the browser profile (a tmpfs; needs root, as on the CI machine), or `null`
 * when none can be mounted here. */
function smallDisk(): string | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'raqim-disk-'));
  try {
    execSync(`mount -t tmpfs -o size=96m tmpfs ${dir}`, { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}

/** Fills this origin's storage from the page, the way a heavy user would: random (so
 * incompressible) data in a separate database, in ever smaller pieces, until the browser
 * refuses with a QuotaExceededError. Returns the bytes written. */
async function fillStorage(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('filler');
      r.onupgradeneeded = () => r.result.createObjectStore('junk', { autoIncrement: true });
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const junk = (n: number) => {
      const a = new Uint16Array(n);
      for (let o = 0; o < n; o += 32768) crypto.getRandomValues(a.subarray(o, o + 32768));
      let s = '';
      for (let o = 0; o < n; o += 8192) s += String.fromCharCode(...Array.from(a.subarray(o, o + 8192), (c) => 0x4e00 + (c % 20000)));
      return s;
    };
    let total = 0;
    for (const size of [1 << 20, 1 << 18, 1 << 15, 1 << 12]) {
      for (let i = 0; i < 1000; i++) {
        const chunk = junk(size);
        const ok = await new Promise((res) => {
          const tx = db.transaction('junk', 'readwrite');
          tx.objectStore('junk').add(chunk);
          tx.oncomplete = () => res(true);
          tx.onabort = () => res(false);
        });
        if (!ok) break;
        total += size * 2;
      }
    }
    db.close();
    return total;
  });
}

/** Frees what `fillStorage` took. */
async function freeStorage(page: Page) {
  await page.evaluate(() => new Promise((res) => {
    const r = indexedDB.deleteDatabase('filler');
    r.onsuccess = r.onerror = r.onblocked = res;
  }));
}

/** Without a small disk: the same failure, injected in the page — every write transaction
 * aborts with a QuotaExceededError while `window.__diskFull` is set. */
const SIMULATED_FULL_DISK = () => {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: any[]) {
    const req = put.apply(this, args as any);
    if ((window as any).__diskFull) {
      const tx = this.transaction;
      Object.defineProperty(tx, 'error', { value: new DOMException('The disk is full.', 'QuotaExceededError') });
      try {
        tx.abort();
      } catch {}
    }
    return req;
  } as any;
};

test('storage full: a clear message, an export, nothing dropped, saved once there is room', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const disk = smallDisk();
  const profile = disk ? path.join(disk, 'profile') : mkdtempSync(path.join(os.tmpdir(), 'raqim-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, { ...launchOptions(), baseURL });
  try {
    if (!disk) await ctx.addInitScript(SIMULATED_FULL_DISK);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const raqim = new Raqim(page);
    await raqim.open();
    await page.getByTestId('try-samples').click();
    await expect(raqim.rows()).toHaveCount(5);
    await saved(raqim);
    // Fill the disk (or, without one, make every write fail from now on).
    const filled = disk ? await fillStorage(page) : 0;
    if (!disk) await page.evaluate(() => ((window as any).__diskFull = true));
    // Edits: an article that does not fit (any write fails now), six accepted spans, a stance.
    const big = Array.from({ length: 12 }, (_, i) => `سطر ${i} ` + readFileSync(articleFiles()[i % 5], 'utf8').slice(0, 4000)).join('\n');
    await dropMany(page, [{ name: 'does-not-fit.txt', bytes: Buffer.from(big) }]);
    await expect(raqim.row('does-not-fit.txt')).toHaveCount(1);
    await raqim.openArticle(A004);
    await burst(page, 6);
    await page.keyboard.press('u');
    const alert = page.getByTestId('quota-alert');
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'failed');
    await expect(alert).toContainText('امتلأ');
    await raqim.screenshot('15-quota-full');
    // The message's export has everything, saved or not.
    const backup = await raqim.export('quota-export');
    const backedUp = backup.text.split('\n').filter((l) => l).map((l) => JSON.parse(l)).filter((r) => !r.raqim_workspace);
    const inBackup = new Map(backedUp.map((r) => [r.id, r]));
    expect([...inBackup.values()].some((r) => r.meta.file === 'does-not-fit.txt')).toBe(true);
    expect(accepted(inBackup, A004)).toHaveLength(6);
    // Room again: the kept edits are written (retried on a timer, or with the next edit).
    if (disk) await freeStorage(page);
    else await page.evaluate(() => ((window as any).__diskFull = false));
    await saved(raqim, 60_000);
    await expect(alert).toHaveCount(0);
    await raqim.reload();
    await expect(raqim.rows()).toHaveCount(6);
    const records = await exported(raqim);
    const found = accepted(records, A004).length + [...records.values()].filter((r) => r.meta.file === 'does-not-fit.txt').length
      + ([...records.values()].find((r) => r.meta.file === A004).stance?.length ?? 0);
    figure('fault: storage full', { injection: disk ? `real: profile on a 96 MB disk, ${(filled / 1048576).toFixed(1)} MB of other data until QuotaExceededError` : 'simulated in the page', made: 1 + 6 + 1, found });
    expect(found).toBe(8);
    expect(raqim.errors).toEqual([]);
    expect(raqim.lateRequests).toEqual([]);
  } finally {
    await ctx.close();
    if (disk) {
      try {
        execSync(`umount ${disk}`, { stdio: 'ignore' });
      } catch {}
    }
  }
});

/** Builds a workspace with known edits: 3 accepted spans in 004, stance on 001. */
async function knownWork(raqim: Raqim) {
  await loadSamples(raqim);
  const spans = await acceptSpans(raqim, 3);
  await raqim.openArticle(A001);
  await raqim.page.keyboard.press('d');
  await saved(raqim);
  const ids = Object.fromEntries(
    await raqim.rows().evaluateAll((rows) => rows.map((r) => [r.querySelector('[data-testid=article-file]')!.textContent, r.getAttribute('data-id')])),
  );
  return { spans: spans.sort(), ids };
}

const corruptions: Record<string, (page: Page, ids: Record<string, string>) => Promise<void>> = {
  async articles(page, ids) {
    const dump = await idbDump(page);
    await idbPut(page, 'articles', ids['000_29e9128e34fa29fd.txt'], 'hand edited {not json');
    const whole = dump.articles[ids['002_56f66993d4cda13d.txt']] as string;
    await idbPut(page, 'articles', ids['002_56f66993d4cda13d.txt'], whole.slice(0, whole.length / 2));
    const future = JSON.parse(dump.articles[ids['003_1c97974decbb7475.txt']]);
    future.schema = 99;
    await idbPut(page, 'articles', ids['003_1c97974decbb7475.txt'], JSON.stringify(future));
    await idbPut(page, 'articles', '<img src=x onerror="window.__pwned=1">', 42);
  },
  async texts(page, ids) {
    await idbPut(page, 'texts', ids['000_29e9128e34fa29fd.txt'], undefined);
    await idbPut(page, 'texts', ids['002_56f66993d4cda13d.txt'], { not: 'a text' });
  },
  async meta(page) {
    await idbPut(page, 'meta', 'workspace', '{"schema": 2, "order": [');
  },
  async localStorage(page) {
    await page.evaluate(() => {
      localStorage.setItem('raqim/lang', 'garbage');
      localStorage.setItem('raqim/backup', '{');
      localStorage.setItem('raqim/rescue/dead-tab', '{"schema": 2, "tab": "dead-tab", "edits": [');
      localStorage.setItem('raqim/article/0123456789abcdef', 'left over from v1');
    });
  },
};

const expectations: Record<string, { rows: number; lost: number; textOnly: number; metaLost: boolean; damaged: number }> = {
  articles: { rows: 5, lost: 1, textOnly: 3, metaLost: false, damaged: 4 },
  texts: { rows: 3, lost: 2, textOnly: 0, metaLost: false, damaged: 3 },
  meta: { rows: 5, lost: 0, textOnly: 0, metaLost: true, damaged: 1 },
  localStorage: { rows: 5, lost: 0, textOnly: 0, metaLost: false, damaged: 2 },
};

for (const store of Object.keys(corruptions)) {
  test(`corrupt the ${store} store, then start`, async ({ raqim, page }) => {
    const { spans, ids } = await knownWork(raqim);
    await corruptions[store](page, ids);
    await raqim.reload();
    const want = expectations[store];
    await expect(raqim.rows()).toHaveCount(want.rows);
    const notice = page.getByTestId('recovery-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveAttribute('data-lost', String(want.lost));
    await expect(notice).toHaveAttribute('data-text-only', String(want.textOnly));
    await expect(notice).toHaveAttribute('data-meta-lost', String(want.metaLost));
    await expect(notice).toHaveAttribute('data-damaged', String(want.damaged));
    if (store === 'articles') await raqim.screenshot('14-recovery-notice');
    // The raw data, exactly as it was found.
    const raw = (await raqim.export('recovery-download')).text.split('\n').filter((l) => l).map((l) => JSON.parse(l));
    expect(raw).toHaveLength(want.damaged);
    if (store === 'articles') expect(raw.find((r) => r.key === ids[A000]).raw).toBe('hand edited {not json');
    if (store === 'meta') expect(raw[0].raw).toBe('{"schema": 2, "order": [');
    // The edits on records that were not damaged are all there.
    await saved(raqim);
    const records = await exported(raqim);
    const found = accepted(records, A004);
    const stance = [...records.values()].find((r) => r.meta.file === A001)?.stance ?? [];
    figure(`fault: corrupt ${store}`, { made: spans.length + 1, found: found.length + stance.length, recoveredRows: want.rows });
    expect(found).toEqual(spans);
    expect(stance).toHaveLength(1);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    // Set aside once: the next start is clean and has the same work.
    await raqim.reload();
    await expect(raqim.rows()).toHaveCount(want.rows);
    await expect(page.getByTestId('recovery-notice')).toHaveCount(0);
    expect(accepted(await exported(raqim), A004)).toEqual(spans);
  });
}

test('two pages editing the same article: no lost update, each sees the other', async ({ raqim, page, context }) => {
  await loadSamples(raqim);
  const other = new Raqim(await context.newPage());
  await other.open();
  await expect(other.rows()).toHaveCount(5);
  await other.openArticle(A004);
  const suggested = (await raqim.spans()).filter((s) => s.state === 'suggested');
  const mine = suggested.slice(0, 8);
  const theirs = suggested.slice(8, 16);
  const accept = async (r: Raqim, list: typeof suggested) => {
    for (const s of list) {
      await r.page.locator(`mark[data-span-start="${s.start}"]`).first().click();
      await r.page.keyboard.press('a');
    }
  };
  // Both at the same time, without waiting for each other or for "Saved".
  await Promise.all([accept(raqim, mine), accept(other, theirs)]);
  await saved(raqim);
  await saved(other);
  const all = [...mine, ...theirs].map((s) => `${s.start}-${s.end}`).sort();
  // Each page shows the other's edits…
  for (const r of [raqim, other]) {
    await expect
      .poll(async () => (await r.spans()).filter((s) => s.state === 'accepted').map((s) => `${s.start}-${s.end}`).sort())
      .toEqual(all);
  }
  // …and each page's export has all of them; so does a fresh start.
  const foundHere = accepted(await exported(raqim), A004);
  const foundThere = accepted(await exported(other), A004);
  await raqim.reload();
  const foundAfter = accepted(await exported(raqim), A004);
  figure('fault: two pages, one article', { made: all.length, foundInPage1: foundHere.length, foundInPage2: foundThere.length, foundAfterReload: foundAfter.length });
  expect(foundHere).toEqual(all);
  expect(foundThere).toEqual(all);
  expect(foundAfter).toEqual(all);
  // A new article added in one page appears in the other.
  await other.drop([path.join(BAD, 'windows-1256.txt')]);
  await expect(raqim.rows()).toHaveCount(6);
  expect(other.errors).toEqual([]);
  expect(other.lateRequests).toEqual([]);
});

/** Our own odd inputs, written at run time. */
function ownBadInputs(): string[] {
  const dir = path.join(TMP, 'own-bad-inputs');
  mkdirSync(dir, { recursive: true });
  const arabic = 'قال وزير الخارجية العراقي إن الحكومة ستبحث مع واشنطن مستقبل القوات الأمريكية في العراق.\n';
  // windows-1256 bytes for the Arabic letters used above (a small table is enough here).
  const cp1256: Record<string, number> = {
    'ء': 0xc1, 'آ': 0xc2, 'أ': 0xc3, 'ؤ': 0xc4, 'إ': 0xc5, 'ئ': 0xc6, 'ا': 0xc7, 'ب': 0xc8, 'ة': 0xc9, 'ت': 0xca, 'ث': 0xcb,
    'ج': 0xcc, 'ح': 0xcd, 'خ': 0xce, 'د': 0xcf, 'ذ': 0xd0, 'ر': 0xd1, 'ز': 0xd2, 'س': 0xd3, 'ش': 0xd4, 'ص': 0xd5, 'ض': 0xd6,
    'ط': 0xd8, 'ظ': 0xd9, 'ع': 0xda, 'غ': 0xdb, 'ف': 0xdd, 'ق': 0xde, 'ك': 0xdf, 'ل': 0xe1, 'م': 0xe3, 'ن': 0xe4, 'ه': 0xe5,
    'و': 0xe6, 'ى': 0xec, 'ي': 0xed, ' ': 0x20, '.': 0x2e, '\n': 0x0a,
  };
  const files: Record<string, Buffer> = {
    'mixed-utf8.txt': Buffer.from('UTF-8: ' + arabic),
    'mixed-utf8-bom-crlf.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('UTF-8 BOM: ' + arabic.replace('\n', '\r\n'))]),
    'mixed-utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('UTF-16BE: ' + arabic, 'utf16le').swap16()]),
    'mixed-cp1256.txt': Buffer.from([...('مقال بترميز ويندوز ' + arabic)].map((c) => cp1256[c] ?? 0x20)),
    // A Chinese legacy code page (GBK): text, but in no encoding Raqim reads.
    'chinese-gbk.txt': Buffer.from('c3c0b9fab9fab7c0b2bfb3a4cbb5a3acc3c0befcbdabc1f4d4dad2c1c0adbfcba3acd6b1b5bdd2c1c0adbfcbd5feb8aed2aac7f3b3b7befca1a3', 'hex'),
    'report.docx': Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 1), Buffer.from('word/document.xml')]),
    'empty.jsonl': Buffer.alloc(0),
  };
  const good = readFileSync(path.resolve(__dirname, '../../crates/engine/tests/data/persist/schema-v2/export.jsonl'), 'utf8')
    .split('\n').filter((l) => l).slice(0, 2);
  files['one-bad-line.jsonl'] = Buffer.from([good[0], '{"text": "cut off', good[1]].join('\n') + '\n');
  return Object.entries(files).map(([name, bytes]) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  });
}

test('drop every bad input at once onto a workspace with work in it', async ({ raqim, page }) => {
  const { spans } = await knownWork(raqim);
  const bad = ['empty.txt', 'whitespace-only.txt', 'image-renamed.txt', 'windows-1256.txt', 'utf16le-bom.txt',
    'utf8-bom-crlf.txt', 'invalid-utf8.txt', 'html-injection.txt', 'unicode-torture.txt'].map((f) => path.join(BAD, f));
  const own = ownBadInputs();
  await raqim.drop([...bad, ...own]);
  // Articles: 6 of the shared ones, 4 of ours in four encodings.
  await expect(raqim.rows()).toHaveCount(5 + 6 + 4);
  for (const f of ['empty.txt', 'whitespace-only.txt', 'image-renamed.txt', 'report.docx', 'empty.jsonl', 'chinese-gbk.txt']) {
    await expect(raqim.notices().filter({ hasText: f }), f).toHaveAttribute('data-kind', 'error');
  }
  await expect(raqim.notices().filter({ hasText: 'report.docx' })).toContainText('.docx');
  await expect(raqim.notices().filter({ hasText: 'chinese-gbk.txt' })).toContainText('UTF-8');
  // The JSONL with one bad line is offered for import with that line reported.
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-errors')).toHaveText('1');
  await expect(dialog.getByTestId('import-articles')).toHaveText('2');
  await dialog.getByTestId('import-cancel').click();
  await saved(raqim);
  const records = await exported(raqim);
  const byFile = new Map([...records.values()].map((r) => [r.meta.file, r]));
  expect(byFile.get('mixed-utf16be.txt').meta.encoding).toBe('UTF-16BE');
  expect(byFile.get('mixed-cp1256.txt').meta.encoding).toBe('windows-1256');
  expect(byFile.get('mixed-utf8-bom-crlf.txt').text.includes('\r')).toBe(false);
  for (const f of ['mixed-utf8.txt', 'mixed-utf16be.txt', 'mixed-utf8-bom-crlf.txt']) expect(byFile.get(f).text).toContain('وزير الخارجية');
  expect(byFile.get('mixed-cp1256.txt').text).toContain('وزير الخارجية');
  for (const f of articleFiles()) expect(byFile.get(path.basename(f)).text).toBe(decodedUtf8(f));
  const found = accepted(records, A004);
  const stance = byFile.get(A001).stance;
  figure('fault: every bad input dropped on a workspace', { made: spans.length + 1, found: found.length + stance.length });
  expect(found).toEqual(spans);
  expect(stance).toHaveLength(1);
});
