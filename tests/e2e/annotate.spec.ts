// Annotating (issue 4): Arabic-aware spans by mouse and keyboard, undo that survives a reload,
// document and speaker stance — all read back from the exported JSONL.
import path from 'node:path';
import { test, expect, articleFiles, BAD, type Raqim } from './raqim';

const A004 = '004_c8c07972d2a5d857.txt';
const A002 = '002_56f66993d4cda13d.txt';

async function loadSamples(raqim: Raqim, open?: string) {
  await raqim.open();
  await raqim.page.getByTestId('try-samples').click();
  await expect(raqim.rows()).toHaveCount(5);
  if (open) await raqim.openArticle(open);
}

const cps = (s: string) => [...s];
const selected = (raqim: Raqim) => raqim.page.locator('mark.span.selected');

async function record(raqim: Raqim, file: string) {
  const records = await raqim.exportJsonl();
  const r = records.find((r) => r.meta.file === file);
  expect(r, file).toBeTruthy();
  return r;
}

test('a drag over a clitic word, in either direction, marks the word without the clitic', async ({ raqim, page }) => {
  await loadSamples(raqim, A004);
  await page.keyboard.press('3'); // GPE becomes the active label
  await expect(page.locator('[data-testid=label-chip][data-label=GPE]')).toHaveClass(/active/);
  await raqim.dragOver('والولايات المتحدة', { occurrence: 0 }); // right to left, as it reads
  await raqim.dragOver('والولايات المتحدة', { occurrence: 1, against: true }); // left to right
  const analyst = (await raqim.spans()).filter((s) => s.state === 'analyst');
  expect(analyst.map((s) => [s.text, s.label])).toEqual([
    ['الولايات المتحدة', 'GPE'],
    ['الولايات المتحدة', 'GPE'],
  ]);
  const r = await record(raqim, A004);
  const exported = r.spans.filter((s: any) => s.source === 'analyst');
  expect(exported).toHaveLength(2);
  for (const s of exported) {
    expect(cps(r.text).slice(s.start, s.end).join('')).toBe('الولايات المتحدة');
    expect(cps(r.text)[s.start - 1]).toBe('و');
    expect(r.tokens[s.token_start].start).toBe(s.start);
    expect(r.tokens[s.token_end].end).toBe(s.end);
  }
  await raqim.screenshot('04-annotated-article');
});

test('keyboard editing: select, relabel, resize, delete, undo and redo across a reload', async ({ raqim, page }) => {
  await loadSamples(raqim, A004);
  const spans = await raqim.spans();
  await page.keyboard.press('Tab'); // the first span in reading order
  await expect(selected(raqim)).toHaveAttribute('data-span-start', String(spans[0].start));
  await page.keyboard.press('Shift+Tab'); // wraps to the last one
  await expect(selected(raqim)).toHaveAttribute('data-span-start', String(spans[spans.length - 1].start));
  await page.locator('mark[data-span-start="50"]').click();
  await expect(selected(raqim)).toHaveText('أمريكا');
  await page.keyboard.press('2'); // relabel to ORG
  await expect(selected(raqim)).toHaveAttribute('data-label', 'ORG');
  const after = spans.find((s) => s.start > 50)!;
  await page.keyboard.press('Tab');
  await expect(selected(raqim)).toHaveAttribute('data-span-start', String(after.start));
  await page.keyboard.press('Shift+Tab');
  await expect(selected(raqim)).toHaveText('أمريكا');
  await page.keyboard.press('Shift+ArrowLeft'); // the end moves forward by a word
  await expect(selected(raqim)).toHaveText('أمريكا بشأن');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(selected(raqim)).toHaveText('أمريكا');
  await page.keyboard.press('Control+Shift+ArrowRight'); // the start moves back by a word
  await expect(selected(raqim)).toHaveText('مع أمريكا');
  await page.keyboard.press('Delete');
  await expect(page.locator('mark[data-span-start="47"]')).toHaveCount(0);
  await expect(page.locator('mark[data-span-start="50"]')).toHaveCount(0);

  await page.keyboard.press('Control+z');
  await expect(page.locator('mark[data-span-start="47"]')).toHaveText('مع أمريكا');
  await raqim.reload();
  await raqim.openArticle(A004);
  await page.keyboard.press('Control+z'); // undo history came back with the article
  await expect(page.locator('mark[data-span-start="50"]')).toHaveText('أمريكا');
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.locator('mark[data-span-start="47"]')).toHaveText('مع أمريكا');
  await page.getByTestId('undo').click();
  await page.getByTestId('redo').click();
  const r = await record(raqim, A004);
  const s = r.spans.find((s: any) => s.start === 47);
  expect([s.text, s.label]).toEqual(['مع أمريكا', 'ORG']);
});

test('accept, reject and accept-all with keys; rejected suggestions can be shown', async ({ raqim, page }) => {
  await loadSamples(raqim, A004);
  const before = (await raqim.spans()).length;
  expect(before).toBeGreaterThan(20);
  await page.keyboard.press('Tab');
  await page.keyboard.press('a');
  await expect(selected(raqim)).toHaveAttribute('data-state', 'accepted');
  await page.keyboard.press('Tab');
  const rejectedText = await selected(raqim).textContent();
  // Rejecting teaches the workspace to stop suggesting that form with that label, everywhere.
  const sameForm = (await raqim.spans()).filter((s) => s.text === rejectedText && s.state === 'suggested').length;
  await page.keyboard.press('x');
  await expect(page.locator('mark[data-state=rejected]')).toHaveCount(0);
  // The other suggestions of that form go when the page re-suggests, right after the frame.
  await expect.poll(async () => (await raqim.spans()).length).toBe(before - sameForm);
  await page.getByTestId('show-rejected').check();
  await expect(page.locator('mark[data-state=rejected]')).toHaveText(rejectedText!);
  await page.keyboard.press('Shift+A');
  await expect(page.locator('mark[data-state=suggested]')).toHaveCount(0);
  await expect(page.getByTestId('accept-all')).toBeDisabled();
  const r = await record(raqim, A004);
  expect(r.rejected.map((s: any) => s.text)).toEqual([rejectedText]);
  expect(r.spans.every((s: any) => s.state === 'accepted')).toBe(true);
  expect(r.spans).toHaveLength(before - sameForm);
  await page.getByTestId('tab-rules').click();
  await expect(page.getByTestId('learned-rule').filter({ hasText: rejectedText! }).getByTestId('rule-kind')).toHaveAttribute('data-kind', 'suppress');
});

test('J and K move between articles; Enter marks one done and opens the next', async ({ raqim, page }) => {
  await loadSamples(raqim);
  const files = articleFiles().map((f) => path.basename(f));
  await expect(page.getByTestId('article-title')).toHaveText(files[0]);
  await page.keyboard.press('j');
  await expect(page.getByTestId('article-title')).toHaveText(files[1]);
  await page.keyboard.press('k');
  await expect(page.getByTestId('article-title')).toHaveText(files[0]);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('article-title')).toHaveText(files[1]);
  await expect(raqim.row(files[0]).getByTestId('article-status')).toHaveText('منجز');
  await expect(page.getByTestId('done-count')).toHaveText('1');
  const r = await record(raqim, files[0]);
  expect(r.answer).toBe('accept');
  expect(r.meta.status).toBe('done');
});

test('document and speaker stance by keys and buttons end up in the export', async ({ raqim, page }) => {
  await loadSamples(raqim, A002);
  await page.keyboard.press('f'); // the article favors the target
  const per = page.locator('mark[data-label=PER]').first();
  const speaker = await per.textContent();
  await per.click();
  await page.keyboard.press('Shift+F');
  await expect(page.getByTestId('speaker-favor')).toHaveClass(/active/);
  await page.getByTestId('tab-stance').click();
  await expect(page.locator('[data-testid=doc-stance] [data-testid=stance-favor]')).toHaveClass(/active/);
  await expect(page.getByTestId('who-stands-where')).toContainText(speaker!);
  await raqim.screenshot('05-stance-panel');

  let r = await record(raqim, A002);
  expect(r.cats['us_presence_iraq:favor']).toBe(1);
  expect(r.cats['us_presence_iraq:against']).toBe(0);
  expect(r.stance).toEqual([expect.objectContaining({ target: 'us_presence_iraq', label: 'favor' })]);
  expect(r.speakers).toHaveLength(1);
  expect(r.speakers[0]).toMatchObject({ text: speaker, target: 'us_presence_iraq', label: 'favor' });
  expect(r.speakers[0].evidence).toContain(speaker);

  await page.getByTestId('stance-against').click();
  await page.keyboard.press('u');
  r = await record(raqim, A002);
  expect(r.stance[0].label).toBe('unrelated');
});

test('the help overlay lists every shortcut', async ({ raqim, page }) => {
  await loadSamples(raqim, A004);
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await expect(page.getByTestId('shortcut')).toHaveCount(17);
  await raqim.screenshot('06-help-overlay');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
  await page.getByTestId('help-button').click();
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await page.getByTestId('help-close').click();
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
});

test('a span is resized by dragging its edge', async ({ raqim, page }) => {
  await loadSamples(raqim, A004);
  await page.locator('mark[data-span-start="50"]').click();
  await expect(selected(raqim)).toHaveText('أمريكا');
  const box = (await selected(raqim).boundingBox())!;
  // The end of a right-to-left span is its left edge; drag it over the next word.
  const next = await raqim.edges('بشأن');
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(next.end.x + 2, next.end.y, { steps: 5 });
  await page.mouse.up();
  await expect(selected(raqim)).toHaveText('أمريكا بشأن');
});

test('a line is marked as boilerplate and back, and zones are exported', async ({ raqim, page }) => {
  await loadSamples(raqim, A004);
  const line = page.locator('.line', { hasText: /^Sputnik$/ });
  const covering = (r: any) => {
    const start = cps(r.text.slice(0, r.text.indexOf('\nSputnik\n') + 1)).length;
    return r.meta.zones.filter((z: any) => z.start <= start && start + 7 <= z.end);
  };
  // The engine may already have found this photo credit; the analyst's toggle flips it.
  const detected = ((await line.getAttribute('class')) ?? '').includes('zone');
  expect(covering(await record(raqim, A004))).toHaveLength(detected ? 1 : 0);
  await line.hover();
  await line.getByTestId('zone-toggle').click();
  if (detected) await expect(line).not.toHaveClass(/zone/);
  else await expect(line).toHaveClass(/zone/);
  const flipped = covering(await record(raqim, A004));
  expect(flipped).toHaveLength(detected ? 0 : 1);
  if (!detected) expect(flipped[0].source).toBe('analyst');
  await line.getByTestId('zone-toggle').click();
  if (detected) await expect(line).toHaveClass(/zone/);
  else await expect(line).not.toHaveClass(/zone/);
});

test('labels are added, and removing one in use asks what to do with its spans', async ({ raqim, page }) => {
  await loadSamples(raqim, A004);
  await page.getByTestId('tab-labels').click();
  await page.getByTestId('new-label').fill('event');
  await page.getByTestId('add-label').click();
  await expect(page.locator('[data-testid=label-chip][data-label=EVENT]')).toContainText('8');
  const locs = await page.locator('mark[data-label=LOC]').count();
  expect(locs).toBeGreaterThan(0);
  await page.locator('[data-testid=label-row][data-label=LOC]').getByTestId('label-remove').click();
  await expect(page.getByTestId('label-remove-confirm')).toBeVisible();
  await page.getByTestId('label-replacement').selectOption('GPE');
  await page.getByTestId('label-relabel').click();
  await expect(page.locator('mark[data-label=LOC]')).toHaveCount(0);
  await expect(page.locator('[data-testid=label-chip][data-label=LOC]')).toHaveCount(0);
});

test('spans on hostile Unicode round-trip as code points and never split a grapheme', async ({ raqim, page }) => {
  await raqim.open();
  await raqim.drop([path.join(BAD, 'unicode-torture.txt')]);
  await expect(raqim.rows()).toHaveCount(1);
  await page.keyboard.press('1');
  await raqim.dragOver('فؤادُ حسين');
  await page.keyboard.press('3');
  await raqim.dragOver('الأمارات');
  await raqim.dragOver('🇮🇶 إنّ 2500');
  const r = await record(raqim, 'unicode-torture.txt');
  const texts = r.spans.map((s: any) => s.text);
  expect(texts).toContain('فؤادُ حسين');
  expect(texts).toContain('الأمارات');
  const segmenter = new Intl.Segmenter('ar', { granularity: 'grapheme' });
  const boundaries = new Set<number>([0]);
  let cp = 0;
  for (const { segment } of segmenter.segment(r.text)) boundaries.add((cp += cps(segment).length));
  for (const s of r.spans) {
    expect(cps(r.text).slice(s.start, s.end).join(''), JSON.stringify(s)).toBe(s.text);
    expect(boundaries.has(s.start) && boundaries.has(s.end), JSON.stringify(s)).toBe(true);
  }
});

test('the remaining shortcuts: double-click, the start edge forward, N, and Shift+D / Shift+N', async ({ raqim, page }) => {
  await loadSamples(raqim, A002);
  // Double-click marks one word, without its proclitic, with the active label.
  await page.keyboard.press('3');
  const { start, end } = await raqim.edges('والولايات');
  await page.mouse.dblclick((start.x + end.x) / 2 + 8, start.y);
  await expect(selected(raqim)).toHaveText('الولايات');
  await expect(selected(raqim)).toHaveAttribute('data-state', 'analyst');
  // Ctrl+Shift+← moves the start forward by a word (the text runs right to left).
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(selected(raqim)).toHaveText('الولايات المتحدة');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await expect(selected(raqim)).toHaveText('المتحدة');
  // Document stance N, and a speaker's stance with Shift+D then Shift+N.
  await page.keyboard.press('n');
  const per = page.locator('mark[data-label=PER]').first();
  await per.click();
  await page.keyboard.press('Shift+D');
  await expect(page.getByTestId('speaker-against')).toHaveClass(/active/);
  await page.keyboard.press('Shift+N');
  await expect(page.getByTestId('speaker-neutral')).toHaveClass(/active/);
  const r = await record(raqim, A002);
  expect(r.stance[0].label).toBe('neutral');
  expect(r.speakers.map((s: any) => s.label)).toEqual(['neutral']);
});
