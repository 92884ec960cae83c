// Security and privacy (issue 7): a strict Content-Security-Policy that really holds, untrusted
// text (articles, file names, stored keys, backups) only ever rendered as text, and not one
// request after the page has loaded, through a whole working session.
import { test as base } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, articleFiles, BAD } from './raqim';
import { saved, idbPut, acceptSpans, TMP } from './storage-support';

/** The CSP's directives, `name → sources`. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

test('the page carries a strict Content-Security-Policy and no inline script or style', async ({ raqim, page, request }) => {
  await raqim.open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toBeTruthy();
  const d = directives(csp!);
  expect(d.get('default-src')).toEqual(["'none'"]);
  const script = d.get('script-src')!;
  expect(script).toContain("'self'");
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'strict-dynamic'", '*', 'data:', 'blob:', 'http:', 'https:']) {
    expect(script, `script-src ${bad}`).not.toContain(bad);
  }
  expect(script.filter((s) => s !== "'self'" && s !== "'wasm-unsafe-eval'")).toEqual([]);
  expect(["'self'", "'none'"]).toContain(d.get('connect-src')!.join(' '));
  expect(d.get('style-src')).toEqual(["'self'"]);
  expect(d.get('font-src')).toEqual(["'self'"]);
  for (const name of ['img-src', 'font-src', 'style-src', 'connect-src', 'worker-src']) {
    for (const source of d.get(name) ?? []) expect(source, `${name} ${source}`).toMatch(/^('self'|'none'|data:|blob:)$/);
  }
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'none'"]);
  expect(d.get('form-action')).toEqual(["'none'"]);
  // The served HTML: every script is a file, no inline style, no remote URL.
  const html = await (await request.get('/index.html')).text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attrs, body] of scripts) {
    expect(attrs).toMatch(/\bsrc=/);
    expect(body.trim()).toBe('');
  }
  expect(html).not.toMatch(/<style\b/);
  expect(html).not.toMatch(/\sstyle=/);
  expect(html).not.toMatch(/\son[a-z]+=/i);
  expect(html.replace(/http-equiv="[^"]*"/, '')).not.toMatch(/https?:\/\//);
});

base('the policy is enforced: no inline script, no eval, no connection or image elsewhere', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', () => {}); // CSP reports are console errors: expected here
  await page.goto('/');
  await expect(page.getByTestId('drop-target')).toBeVisible();
  await page.exposeFunction('__violation', (v: string) => violations.push(v));
  const outcome = await page.evaluate(async () => {
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violation(`${e.violatedDirective} ${e.blockedURI}`));
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    // Inline event handlers and strings run as code (eval, string timers) are refused too.
    const div = document.createElement('div');
    div.setAttribute('onclick', 'window.__handler = 1');
    document.body.append(div);
    div.click();
    setTimeout('window.__evaled = 1' as any, 0);
    let fetchBlocked = false;
    try {
      await fetch('https://example.com/collect');
    } catch {
      fetchBlocked = true;
    }
    const img = new Image();
    img.src = 'https://example.com/pixel.png';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 300));
    const w = window as any;
    return { inline: w.__inline, handler: w.__handler, evaled: w.__evaled, fetchBlocked };
  });
  expect(outcome).toEqual({ inline: undefined, handler: undefined, evaled: undefined, fetchBlocked: true });
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(5);
  expect(violations.some((v) => v.startsWith('script-src'))).toBe(true);
  expect(violations.some((v) => v.startsWith('connect-src'))).toBe(true);
  expect(violations.some((v) => v.startsWith('img-src'))).toBe(true);
});

test('untrusted text is text everywhere: articles, file names, stored keys, backups', async ({ raqim, page }) => {
  await raqim.open();
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  // An article and a file name.
  await raqim.drop([path.join(BAD, 'html-injection.txt')]);
  const dataTransfer = await page.evaluateHandle((name) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['بغداد ودمشق'], name + '.txt', { type: 'text/plain' }));
    return dt;
  }, hostile);
  await page.dispatchEvent('[data-testid=drop-target]', 'drop', { dataTransfer });
  await expect(raqim.rows()).toHaveCount(2);
  await expect(raqim.row(hostile + '.txt')).toHaveCount(1);
  await saved(raqim);
  // A damaged record under a hostile key: the recovery notice names it.
  await idbPut(page, 'articles', hostile, hostile);
  await raqim.reload();
  await expect(page.getByTestId('recovery-details')).toContainText(hostile);
  // A backup whose file name and text are hostile, restored.
  const record = {
    text: `${hostile}\nنص`, meta: { file: `${hostile}.backup.txt`, encoding: 'UTF-8', status: 'new', zones: [] },
    tokens: [], spans: [],
  };
  mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, 'hostile-backup.jsonl');
  writeFileSync(file, JSON.stringify(record) + '\n');
  await page.getByTestId('storage-toggle').click();
  await page.getByTestId('restore-input').setInputFiles(file);
  await expect(raqim.rows()).toHaveCount(3);
  await raqim.openArticle(`${hostile}.backup.txt`);
  await expect(raqim.articleText()).toContainText(hostile);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  // Nothing from any of that became an element.
  expect(await page.locator('.app img, .app script, .app iframe, .app object').count()).toBe(0);
  expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0);
});

test('a whole session — drop, annotate, export, back up, restore, reload — makes no request', async ({ raqim, page }) => {
  await raqim.open();
  const initial = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  await raqim.drop(articleFiles());
  await expect(raqim.rows()).toHaveCount(5);
  await raqim.openArticle('004_c8c07972d2a5d857.txt');
  await acceptSpans(raqim, 3);
  await page.keyboard.press('f');
  await page.keyboard.press('Enter');
  await saved(raqim);
  await raqim.export();
  await page.getByTestId('storage-toggle').click();
  const backup = await raqim.export('backup-now');
  mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, 'session-backup.jsonl');
  writeFileSync(file, backup.text);
  await page.getByTestId('restore-input').setInputFiles(file);
  await expect(raqim.notices().filter({ hasText: 'session-backup.jsonl' })).toHaveCount(1);
  await page.getByTestId('lang-toggle').click();
  await saved(raqim);
  // The page's own record of what it loaded: nothing since the initial load.
  const after = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(after.filter((n) => !initial.includes(n) && !n.startsWith('blob:') && !n.startsWith('data:'))).toEqual([]);
  await raqim.reload();
  await expect(raqim.rows()).toHaveCount(5);
  // (The fixture fails the test on any request after load, or any page or console error.)
});
