// Training data in and out (issue 6): every export format from the UI, read back in a fresh
// browser profile; malformed imports reported by line with nothing changed until confirmed;
// a colleague's work merged as another annotator, compared, and adjudicated.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, Raqim } from './raqim';
import type { Browser } from '@playwright/test';

const A004 = '004_c8c07972d2a5d857.txt';
const cps = (s: string) => [...s];

async function annotatedSamples(raqim: Raqim) {
  await raqim.open();
  await raqim.page.getByTestId('try-samples').click();
  await expect(raqim.rows()).toHaveCount(5);
  await raqim.openArticle(A004);
  await raqim.page.keyboard.press('Shift+A');
  await raqim.page.keyboard.press('d');
  await raqim.page.keyboard.press('Enter');
}

async function exportAs(raqim: Raqim, format: string) {
  await raqim.page.getByTestId('export-menu').locator('summary').click();
  return raqim.export(`export-${format}`);
}

async function freshProfile(browser: Browser) {
  const context = await browser.newContext({ baseURL: 'http://127.0.0.1:8090', acceptDownloads: true });
  const other = new Raqim(await context.newPage());
  await other.open();
  return other;
}

function saved(info: any, name: string, text: string) {
  const dir = info.outputPath('files');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

test('every format exports from the menu in the shape its tool reads', async ({ raqim }) => {
  await annotatedSamples(raqim);
  const raqimJsonl = (await raqim.export()).text.trim().split('\n').map((l) => JSON.parse(l));
  const r004 = raqimJsonl.find((r) => r.meta.file === A004);

  const doccano = await exportAs(raqim, 'doccano');
  expect(doccano.name).toMatch(/^raqim-doccano-.*\.jsonl$/);
  const d = doccano.text.trim().split('\n').map((l) => JSON.parse(l));
  expect(d).toHaveLength(5);
  const d004 = d.find((x) => x.text === r004.text);
  // doccano counts UTF-16 code units: JavaScript's own string slicing.
  for (const [s, e, label] of d004.label) expect(r004.spans).toContainEqual(expect.objectContaining({ text: d004.text.slice(s, e), label }));

  const ls = await exportAs(raqim, 'label-studio');
  const tasks = JSON.parse(ls.text);
  const t004 = tasks.find((t: any) => t.data.text === r004.text);
  const regions = t004.annotations[0].result.filter((x: any) => x.type === 'labels');
  expect(regions).toHaveLength(r004.spans.length);
  // Label Studio stores code points.
  for (const x of regions) expect(cps(t004.data.text).slice(x.value.start, x.value.end).join('')).toBe(x.value.text);

  const config = await exportAs(raqim, 'label-studio-config');
  expect(config.text).toContain('<Labels');
  expect(config.text).toContain('value="PER"');

  const conll = await exportAs(raqim, 'conll');
  const lines = conll.text.split('\n');
  expect(lines.filter((l) => l.startsWith('-DOCSTART-'))).toHaveLength(5);
  for (const l of lines.filter((l) => l && !l.startsWith('-DOCSTART-'))) expect(l).toMatch(/^\S+\t(O|[BI]-[A-Z_]+)$/);
  expect(lines).toContain('و\tO');

  await raqim.page.getByTestId('export-menu').locator('summary').click();
  await raqim.page.getByTestId('export-done-only').check();
  const doneOnly = (await raqim.export()).text.trim().split('\n');
  expect(doneOnly).toHaveLength(1);
});

test('a Raqim export imported in a fresh profile exports byte-identically', async ({ raqim, browser }, info) => {
  await annotatedSamples(raqim);
  const first = await raqim.export();
  const other = await freshProfile(browser);
  await other.page.getByTestId('import-input').setInputFiles(saved(info, 'backup.jsonl', first.text));
  await expect(other.page.getByTestId('import-articles')).toHaveText('5');
  await expect(other.page.getByTestId('import-errors')).toHaveText('0');
  await other.page.getByTestId('import-confirm').click();
  await expect(other.rows()).toHaveCount(5);
  await expect(other.row(A004).getByTestId('article-status')).toHaveText('منجز');
  const second = await other.export();
  expect(second.text).toBe(first.text);
  expect(other.errors).toEqual([]);
  expect(other.lateRequests).toEqual([]);
});

for (const format of ['doccano', 'label-studio']) {
  test(`a ${format} export is read back with the same spans`, async ({ raqim, browser }, info) => {
    await annotatedSamples(raqim);
    const original = (await raqim.export()).text.trim().split('\n').map((l) => JSON.parse(l));
    const exported = await exportAs(raqim, format);
    const other = await freshProfile(browser);
    await other.page.getByTestId('import-input').setInputFiles(saved(info, exported.name, exported.text));
    await other.page.getByTestId('import-confirm').click();
    await expect(other.rows()).toHaveCount(5);
    const back = (await other.export()).text.trim().split('\n').map((l) => JSON.parse(l));
    for (const r of original) {
      const b = back.find((x) => x.text === r.text);
      expect(b.spans.map((s: any) => [s.start, s.end, s.label])).toEqual(r.spans.map((s: any) => [s.start, s.end, s.label]));
    }
    expect(other.errors).toEqual([]);
  });
}

test('a malformed import lists bad lines by number and changes nothing until confirmed', async ({ raqim }, info) => {
  await annotatedSamples(raqim);
  const lines = (await raqim.export()).text.trim().split('\n');
  const before = await raqim.export();
  const broken = [lines[0], lines[1].slice(0, 50), 'not json at all', lines[3]].join('\n') + '\n';
  await raqim.page.getByTestId('import-input').setInputFiles(saved(info, 'broken.jsonl', broken));
  await expect(raqim.page.getByTestId('import-errors')).toHaveText('2');
  await expect(raqim.page.getByTestId('import-error-list')).toContainText('2');
  await expect(raqim.page.getByTestId('import-error-list')).toContainText('3');
  await raqim.screenshot('08-import-review');
  await raqim.page.getByTestId('import-cancel').click();
  await expect(raqim.page.getByTestId('import-dialog')).toHaveCount(0);
  expect((await raqim.export()).text).toBe(before.text);
  // An empty file is refused with a message.
  await raqim.page.getByTestId('import-input').setInputFiles(saved(info, 'empty.jsonl', ''));
  await expect(raqim.notices().filter({ hasText: 'empty.jsonl' })).toHaveCount(1);
});

test('a colleague’s export is kept as another annotator, compared and adjudicated', async ({ raqim }, info) => {
  await annotatedSamples(raqim);
  const mine = (await raqim.export()).text.trim().split('\n').map((l) => JSON.parse(l));
  // The colleague relabelled one span, dropped another, and disagreed on the stance.
  const theirs = mine.map((r) => structuredClone(r));
  const t004 = theirs.find((r) => r.meta.file === A004);
  t004.spans[0].label = 'ORG';
  t004.spans.splice(1, 1);
  t004.stance = [{ ...t004.stance[0], label: 'neutral' }];
  for (const k of Object.keys(t004.cats)) t004.cats[k] = k.endsWith(':neutral') ? 1 : 0;
  const file = saved(info, 'sara.jsonl', theirs.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await raqim.page.getByTestId('import-input').setInputFiles(file);
  await raqim.page.getByTestId('policy-both').check();
  await expect(raqim.page.getByTestId('annotator')).toHaveValue('sara');
  await raqim.page.getByTestId('import-confirm').click();
  await expect(raqim.rows()).toHaveCount(6); // the changed article arrives as sara's layer

  await raqim.page.getByTestId('tab-team').click();
  await expect(raqim.page.getByTestId('annotator-b')).toHaveValue('sara');
  await expect(raqim.page.getByTestId('kappa')).toContainText('n=1');
  const row = raqim.page.getByTestId('agreement-row').filter({ hasText: A004 });
  await expect(row.getByTestId('disagreement-count')).toHaveText('3');
  await raqim.screenshot('09-team-agreement');
  await row.getByTestId('adjudicate').click();
  await expect(raqim.page.getByTestId('conflict')).toHaveCount(2);
  await raqim.page.getByTestId('pick-b-0').check(); // sara's ORG
  await raqim.page.getByTestId('pick-a-1').check(); // keep my span
  await raqim.page.getByTestId('stance-pick-b-0').check();
  await raqim.page.getByTestId('save-adjudication').click();
  const adjudicated = (await raqim.export()).text.trim().split('\n').map((l) => JSON.parse(l));
  expect(adjudicated).toHaveLength(5); // layers are not training data
  const a = adjudicated.find((r) => r.meta.file === A004);
  const m = mine.find((r) => r.meta.file === A004);
  expect(a.spans[0].label).toBe('ORG');
  expect(a.spans).toHaveLength(m.spans.length);
  expect(a.stance[0].label).toBe('neutral');
});

test('an imported file’s new label joins the workspace in its own colour, and stays', async ({ raqim }, info) => {
  await raqim.open();
  const text = 'أطلقت الفصائل صواريخ كاتيوشا على قاعدة فيكتوريا قرب مطار بغداد.';
  const weapon = 'كاتيوشا';
  const start = text.indexOf(weapon); // doccano offsets are UTF-16 units, as JavaScript's
  const line = JSON.stringify({ text, label: [[start, start + weapon.length, 'WEAPON']] });
  await raqim.page.getByTestId('import-input').setInputFiles(saved(info, 'weapons.jsonl', line + '\n'));
  await raqim.page.getByTestId('import-confirm').click();
  await expect(raqim.rows()).toHaveCount(1);
  const weaponRow = () => raqim.page.locator('[data-testid="label-row"][data-label="WEAPON"]');
  await raqim.page.getByTestId('tab-labels').click();
  await expect(weaponRow()).toHaveCount(1);
  const colours = await raqim.page.getByTestId('label-color').evaluateAll((inputs) =>
    inputs.map((i) => (i as HTMLInputElement).value),
  );
  const own = await weaponRow().getByTestId('label-color').inputValue();
  expect(own).toMatch(/^#[0-9a-f]{6}$/);
  expect(colours.filter((c) => c === own)).toHaveLength(1);
  await raqim.reload();
  await raqim.page.getByTestId('tab-labels').click();
  await expect(weaponRow()).toHaveCount(1);
  await expect(weaponRow().getByTestId('label-color')).toHaveValue(own);
});
