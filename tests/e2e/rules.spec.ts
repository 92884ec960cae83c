// Learning from the analyst and rule packs (issue 5): what is marked in one article is
// suggested in every other, rejections stop a form, the Rules tab lists lessons with hits and
// exports them as spaCy patterns, and an imported pack is applied with bad lines reported.
import path from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { test, expect, type Raqim } from './raqim';

const A000 = '000_29e9128e34fa29fd.txt';
const A001 = '001_fd6a5358d70ec4e1.txt';
const A004 = '004_c8c07972d2a5d857.txt';

async function loadSamples(raqim: Raqim, open: string) {
  await raqim.open();
  await raqim.page.getByTestId('try-samples').click();
  await expect(raqim.rows()).toHaveCount(5);
  await raqim.openArticle(open);
}

test('a form the analyst marks is suggested in every other article, with hits and an export', async ({ raqim, page }) => {
  await loadSamples(raqim, A000);
  const before = await page.locator('mark', { hasText: /^الوجود العسكري$/ }).count();
  expect(before).toBe(0);
  await page.keyboard.press('4'); // LOC
  await raqim.dragOver('الوجود العسكري');
  await expect(page.locator('mark[data-state=analyst]', { hasText: 'الوجود العسكري' })).toHaveCount(1);

  await raqim.openArticle(A001);
  const learned = page.locator('mark[data-state=suggested][data-label=LOC]', { hasText: /^الوجود العسكري$/ });
  await expect(learned.first()).toBeVisible();
  await expect(learned.first()).toHaveAttribute('title', /learned/);

  await page.getByTestId('tab-rules').click();
  const rule = page.getByTestId('learned-rule').filter({ hasText: 'الوجود العسكري' });
  await expect(rule).toContainText('LOC');
  const hits = Number((await rule.getByTestId('rule-hits').textContent())!.match(/\d+/)![0]);
  expect(hits).toBeGreaterThanOrEqual(2);
  await raqim.screenshot('07-rules-panel');

  const { name, text } = await raqim.export('export-rules');
  expect(name).toMatch(/^raqim-rules-.*\.jsonl$/);
  const patterns = text.trim().split('\n').map((l) => JSON.parse(l));
  expect(patterns).toContainEqual(expect.objectContaining({ label: 'LOC', pattern: 'الوجود العسكري' }));
});

test('a rejected form stops being suggested everywhere until the rule is removed', async ({ raqim, page }) => {
  await loadSamples(raqim, A004);
  const form = page.locator('mark[data-state=suggested][data-label=ORG]', { hasText: /^التحالف الدولي$/ });
  const count = await form.count();
  expect(count).toBeGreaterThan(1);
  await form.first().click();
  await page.keyboard.press('x');
  await expect(form).toHaveCount(0);
  await page.getByTestId('tab-rules').click();
  const rule = page.getByTestId('learned-rule').filter({ hasText: 'التحالف الدولي' });
  await expect(rule.getByTestId('rule-kind')).toHaveAttribute('data-kind', 'suppress');
  await rule.getByRole('button').click();
  await expect(form).toHaveCount(count - 1); // the rejected one stays rejected
});

test('an imported spaCy pattern pack is applied and its bad lines are reported by number', async ({ raqim, page }, info) => {
  const dir = info.outputPath('packs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'my-pack.jsonl');
  writeFileSync(
    file,
    [
      '{"label": "LOC", "pattern": "جدول زمني", "id": "timetable"}',
      '{"label": "ORG", "pattern": [{"LOWER": "sputnik"}]}',
      'this is not json',
      '{"label": "PER"}',
    ].join('\n') + '\n',
  );
  await loadSamples(raqim, A004);
  await expect(page.locator('mark', { hasText: /^جدول زمني$/ })).toHaveCount(0);
  await page.getByTestId('tab-rules').click();
  await page.getByTestId('pack-input').setInputFiles(file);
  await expect(raqim.notices().filter({ hasText: 'my-pack.jsonl' }).filter({ hasText: /3\b/ })).toHaveCount(1);
  await expect(raqim.notices().filter({ hasText: /4/ }).filter({ hasText: 'my-pack.jsonl' }).first()).toBeVisible();
  await expect(page.getByTestId('user-pack')).toContainText('my-pack.jsonl');
  await expect(page.locator('mark[data-label=LOC]', { hasText: /^جدول زمني$/ })).toHaveCount(1);
  await raqim.reload();
  await raqim.openArticle(A004);
  await expect(page.locator('mark[data-label=LOC]', { hasText: /^جدول زمني$/ })).toHaveCount(1);
});
