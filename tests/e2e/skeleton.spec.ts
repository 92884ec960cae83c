// The walking skeleton (issue 3): open the page, drop Arabic articles, see them, keep them,
// export JSONL — everything a user does, in a real browser.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, articleFiles, decodedUtf8, cpLen, BAD } from './raqim';

test('the empty workspace is Arabic, right-to-left, with a bundled font and a drop zone', async ({ raqim, page }) => {
  await raqim.open();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await expect(page.getByTestId('try-samples')).toBeVisible();
  await expect(page.getByTestId('open-files')).toBeVisible();
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Naskh Arabic"', 'عراق'))).toBe(true);
  const fontLoaded = await page.evaluate(async () => {
    await document.fonts.load('16px "Noto Naskh Arabic"', 'عراق');
    return [...document.fonts].some((f) => f.family.includes('Noto Naskh Arabic') && f.status === 'loaded');
  });
  expect(fontLoaded).toBe(true);
  await raqim.screenshot('01-empty-workspace');
});

test('a browser that cannot compile the page is told which browsers can', async ({ page }) => {
  // What a browser without WebAssembly SIMD meets: a module it cannot compile.
  const unreadable = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0xff]);
  await page.route('**/*_bg.wasm', (route) => route.fulfill({ contentType: 'application/wasm', body: unreadable }));
  await page.goto('/');
  const message = page.getByTestId('boot-error');
  await expect(message).toContainText('Raqim could not start in this browser: CompileError');
  await expect(message).toContainText('Chrome or Edge 91, Firefox 89, Safari 16.4');
});

test('dropping the five articles lists them and shows their Arabic text', async ({ raqim, page }) => {
  await raqim.open();
  const files = articleFiles();
  await raqim.drop(files);
  await expect(raqim.rows()).toHaveCount(5);
  for (const file of files) {
    const row = raqim.row(path.basename(file));
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('article-chars')).toHaveText(String(cpLen(decodedUtf8(file))));
    await expect(row.getByTestId('article-status')).toHaveText('جديد');
  }
  // The first dropped article opens by itself; its paragraphs are there, as text.
  const first = decodedUtf8(files[0]);
  const firstLine = first.split('\n')[0];
  await expect(raqim.articleText().locator('p').first()).toHaveText(firstLine);
  // Opening another article shows its text.
  await raqim.row(path.basename(files[3])).locator('button.open').click();
  await raqim.settled();
  // Lines off screen are not rendered (content-visibility), so read the DOM text, line by line.
  const text = (await raqim.articleText().locator('p').allTextContents()).join('\n');
  expect(text.replace(/\s+/g, ' ').trim()).toBe(decodedUtf8(files[3]).replace(/\s+/g, ' ').trim());
  await raqim.screenshot('02-article-loaded');
});

test('picking files with the file dialog loads them too', async ({ raqim }) => {
  await raqim.open();
  await raqim.pick(articleFiles());
  await expect(raqim.rows()).toHaveCount(5);
});

test('the workspace and the open article survive a reload', async ({ raqim, page }) => {
  await raqim.open();
  const files = articleFiles();
  await raqim.drop(files);
  await expect(raqim.rows()).toHaveCount(5);
  const third = path.basename(files[2]);
  await raqim.row(third).locator('button.open').click();
  await expect(page.getByTestId('article-title')).toHaveText(third);
  await raqim.reload();
  await expect(raqim.rows()).toHaveCount(5);
  await expect(page.getByTestId('article-title')).toHaveText(third);
  await expect(raqim.row(third)).toHaveClass(/selected/);
});

test('export downloads one JSON line per article with the decoded text', async ({ raqim }) => {
  await raqim.open();
  const files = articleFiles();
  await raqim.drop(files);
  await expect(raqim.rows()).toHaveCount(5);
  const { name, text } = await raqim.export();
  expect(name).toMatch(/^raqim-export-\d{4}-\d{2}-\d{2}\.jsonl$/);
  const lines = text.split('\n').filter((l) => l);
  expect(lines).toHaveLength(5);
  expect(text.endsWith('\n')).toBe(true);
  const records = lines.map((l) => JSON.parse(l));
  for (const file of files) {
    const record = records.find((r) => r.meta.file === path.basename(file));
    expect(record, path.basename(file)).toBeTruthy();
    expect(record.text).toBe(decodedUtf8(file));
    expect(record.meta.encoding).toBe('UTF-8');
    expect(record.meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Array.isArray(record.spans)).toBe(true);
  }
});

test('the same file dropped twice is listed once', async ({ raqim }) => {
  await raqim.open();
  const [first] = articleFiles();
  await raqim.drop([first]);
  await expect(raqim.rows()).toHaveCount(1);
  await raqim.drop([first]);
  await expect(raqim.notices().filter({ hasText: path.basename(first) })).toHaveCount(1);
  await expect(raqim.rows()).toHaveCount(1);
});

test('remove an article, and clear the workspace only after confirming', async ({ raqim, page }) => {
  await raqim.open();
  const files = articleFiles();
  await raqim.drop(files);
  await expect(raqim.rows()).toHaveCount(5);
  await raqim.row(path.basename(files[1])).getByTestId('remove-article').click();
  await expect(raqim.rows()).toHaveCount(4);
  await expect(raqim.row(path.basename(files[1]))).toHaveCount(0);

  await page.getByTestId('clear').click();
  await expect(page.getByTestId('clear-confirm')).toBeVisible();
  await page.getByTestId('clear-cancel').click();
  await expect(raqim.rows()).toHaveCount(4);

  await page.getByTestId('clear').click();
  await page.getByTestId('clear-yes').click();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await raqim.reload();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await expect(raqim.rows()).toHaveCount(0);
});

test('"Try the sample articles" loads the five samples without any request', async ({ raqim, page }) => {
  await raqim.open();
  await page.getByTestId('try-samples').click();
  await expect(raqim.rows()).toHaveCount(5);
  const records = await raqim.exportJsonl();
  const expected = articleFiles().map((f) => decodedUtf8(f)).sort();
  expect(records.map((r) => r.text).sort()).toEqual(expected);
});

test('the interface switches to English and back, and remembers the choice', async ({ raqim, page }) => {
  await raqim.open();
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByTestId('try-samples')).toHaveText('Try the sample articles');
  await raqim.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('try-samples')).toHaveText('جرّب المقالات النموذجية');
});

test.describe('bad inputs', () => {
  const bad = (f: string) => path.join(BAD, f);

  test('each odd file gets its expected behaviour and loaded articles stay untouched', async ({ raqim, page }) => {
    await raqim.open();
    const files = articleFiles();
    await raqim.drop(files);
    await expect(raqim.rows()).toHaveCount(5);

    const refused = ['empty.txt', 'whitespace-only.txt', 'image-renamed.txt'];
    const loaded = ['windows-1256.txt', 'utf16le-bom.txt', 'utf8-bom-crlf.txt', 'invalid-utf8.txt', 'html-injection.txt', 'unicode-torture.txt'];
    await raqim.drop([...refused, ...loaded].map(bad));
    await expect(raqim.rows()).toHaveCount(5 + loaded.length);

    for (const f of refused) {
      const notice = raqim.notices().filter({ hasText: f });
      await expect(notice, f).toHaveCount(1);
      await expect(notice).toHaveAttribute('data-kind', 'error');
      await expect(raqim.row(f)).toHaveCount(0);
    }
    await expect(raqim.notices().filter({ hasText: 'image-renamed.txt' })).toContainText('PNG');
    const invalid = raqim.notices().filter({ hasText: 'invalid-utf8.txt' });
    await expect(invalid).toHaveAttribute('data-kind', 'warning');
    await expect(invalid).toContainText('�');
    await raqim.screenshot('03-bad-input-messages');

    const records = await raqim.exportJsonl();
    const byFile = Object.fromEntries(records.map((r) => [r.meta.file, r]));
    for (const file of files) expect(byFile[path.basename(file)].text).toBe(decodedUtf8(file));
    const cp1256 = new TextDecoder('windows-1256').decode(readFileSync(bad('windows-1256.txt')));
    expect(byFile['windows-1256.txt'].meta.encoding).toBe('windows-1256');
    expect(byFile['windows-1256.txt'].text).toBe(cp1256.replace(/\r\n?/g, '\n'));
    const utf16 = new TextDecoder('utf-16le').decode(readFileSync(bad('utf16le-bom.txt')));
    expect(byFile['utf16le-bom.txt'].meta.encoding).toBe('UTF-16LE');
    expect(byFile['utf16le-bom.txt'].text).toBe(utf16.replace(/\r\n?/g, '\n'));
    const crlf = byFile['utf8-bom-crlf.txt'].text;
    expect(crlf).toBe(decodedUtf8(bad('utf8-bom-crlf.txt')));
    expect(crlf.includes('\r') || crlf.startsWith('\uFEFF')).toBe(false);
    expect(byFile['unicode-torture.txt'].text).toBe(decodedUtf8(bad('unicode-torture.txt')));
    expect(byFile['invalid-utf8.txt'].text).toContain('\uFFFD');
  });

  test('markup inside an article is shown literally and never runs', async ({ raqim, page }) => {
    await raqim.open();
    await raqim.drop([bad('html-injection.txt')]);
    await expect(raqim.rows()).toHaveCount(1);
    await expect(raqim.articleText()).toContainText('<script>window.__pwned=1</script>');
    await expect(raqim.articleText()).toContainText('<img src=x onerror="window.__pwned=2">');
    await expect(raqim.articleText().locator('img, script, b')).toHaveCount(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  });

  test('a hostile file name is shown as text', async ({ raqim, page }) => {
    await raqim.open();
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['بغداد'], '<img src=x onerror="window.__pwned=3">.txt', { type: 'text/plain' }));
      return dt;
    });
    await page.dispatchEvent('[data-testid=drop-target]', 'drop', { dataTransfer });
    await expect(raqim.rows()).toHaveCount(1);
    await expect(raqim.rows().getByTestId('article-file')).toHaveText('<img src=x onerror="window.__pwned=3">.txt');
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  });
});

test('the search box filters articles by their text and file name', async ({ raqim, page }) => {
  await raqim.open();
  await page.getByTestId('try-samples').click();
  await expect(raqim.rows()).toHaveCount(5);
  // Only article 003 mentions the Washington Times; folded matching ignores hamza and harakat.
  await page.getByTestId('article-search').fill('واشنطن تايمز');
  await expect(raqim.rows()).toHaveCount(1);
  await expect(raqim.rows().getByTestId('article-file')).toHaveText('003_1c97974decbb7475.txt');
  await page.getByTestId('article-search').fill('004_c8');
  await expect(raqim.rows()).toHaveCount(1);
  await page.getByTestId('article-search').fill('');
  await expect(raqim.rows()).toHaveCount(5);
});
