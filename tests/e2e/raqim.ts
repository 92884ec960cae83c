// The page object: what a user can do with Raqim, in the user's words, addressed through
// data-testid attributes. Also the shared fixture that fails a test on any page error, console
// error or network request after the initial load.
import { test as base, expect, type Page, type Download } from '@playwright/test';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const SHARED = process.env.RAQIM_SHARED ?? path.resolve(__dirname, '../../../shared');
export const ARTICLES = path.join(SHARED, 'fixtures/articles');
export const BAD = path.join(SHARED, 'fixtures/bad-inputs');
export const GOLD = path.join(SHARED, 'fixtures/gold');
export const SHOTS = path.resolve(__dirname, '../output/screenshots');

/** The five sample articles, sorted by name. */
export function articleFiles(): string[] {
  return readdirSync(ARTICLES).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(ARTICLES, f));
}

/** What Raqim should show for a UTF-8 file: BOM dropped, CRLF → LF. */
export function decodedUtf8(file: string): string {
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Code-point length (Python's len). */
export const cpLen = (s: string) => [...s].length;

export class Raqim {
  readonly errors: string[] = [];
  readonly lateRequests: string[] = [];
  private loaded = false;

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => {
      const url = r.url();
      if (this.loaded && !url.startsWith('blob:') && !url.startsWith('data:')) this.lateRequests.push(url);
    });
  }

  /** Opens the page and waits until the app is running and its fonts are in. */
  async open() {
    this.loaded = false;
    await this.page.goto('/');
    await expect(this.page.getByTestId('drop-target')).toBeVisible();
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.waitForLoadState('networkidle');
    this.loaded = true;
  }

  async reload() {
    this.loaded = false;
    await this.page.reload();
    await expect(this.page.getByTestId('drop-target')).toBeVisible();
    await this.page.waitForLoadState('networkidle');
    this.loaded = true;
  }

  /** "Erase everything" in the open storage panel, confirmed; the page reloads itself. */
  async eraseEverything() {
    await this.page.getByTestId('erase-all').click();
    this.loaded = false;
    await Promise.all([this.page.waitForEvent('load'), this.page.getByTestId('erase-yes').click()]);
    await expect(this.page.getByTestId('drop-target')).toBeVisible();
    await this.page.waitForLoadState('networkidle');
    this.loaded = true;
  }

  /** Drops files on the page the way a drag from the file manager does. */
  async drop(files: string[]) {
    const payload = files.map((f) => ({ name: path.basename(f), b64: readFileSync(f).toString('base64') }));
    const dataTransfer = await this.page.evaluateHandle((items) => {
      const dt = new DataTransfer();
      for (const { name, b64 } of items) {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], name, { type: name.endsWith('.txt') ? 'text/plain' : '' }));
      }
      return dt;
    }, payload);
    await this.page.dispatchEvent('[data-testid=drop-target]', 'dragover', { dataTransfer });
    await this.page.dispatchEvent('[data-testid=drop-target]', 'drop', { dataTransfer });
  }

  /** Picks files with the "Open files…" dialog. */
  async pick(files: string[]) {
    await this.page.getByTestId('file-input').setInputFiles(files);
  }

  rows() {
    return this.page.getByTestId('article-row');
  }

  row(file: string) {
    return this.rows().filter({ has: this.page.getByTestId('article-file').getByText(file, { exact: true }) });
  }

  notices() {
    return this.page.getByTestId('notice');
  }

  articleText() {
    return this.page.getByTestId('article-text');
  }

  /** Clicks an export button and returns the downloaded file's name and text. */
  async export(testId = 'export'): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download') as Promise<Download>,
      this.page.getByTestId(testId).click(),
    ]);
    const file = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(file!, 'utf8') };
  }

  async exportJsonl(): Promise<any[]> {
    const { text } = await this.export();
    return text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
  }

  /** Waits until every line of the open article is drawn (long articles are drawn in chunks). */
  async settled() {
    await expect(this.articleText()).toHaveAttribute('data-complete', 'true');
  }

  /** The spans drawn in the open article: `[text, label, state, start, end]`. */
  async spans(): Promise<Array<{ text: string; label: string; state: string; start: number; end: number }>> {
    await this.settled();
    return this.page.locator('[data-testid=span]').evaluateAll((marks) => {
      const byStart = new Map<string, { text: string; label: string; state: string; start: number; end: number }>();
      for (const m of marks) {
        const key = m.getAttribute('data-span-start')!;
        const prev = byStart.get(key);
        if (prev) prev.text += m.textContent;
        else
          byStart.set(key, {
            text: m.textContent!,
            label: m.getAttribute('data-label')!,
            state: m.getAttribute('data-state')!,
            start: Number(key),
            end: Number(m.getAttribute('data-span-end')),
          });
      }
      return [...byStart.values()];
    });
  }

  /** Viewport points at the start and end of the `occurrence`-th `needle` in the article text. */
  async edges(needle: string, occurrence = 0) {
    await this.settled();
    const points = await this.page.evaluate(
      ([needle, occurrence]) => {
        const art = document.querySelector('[data-testid=article-text]')!;
        const walker = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        let all = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push(n as Text);
          all += n.textContent;
        }
        let at = -1;
        for (let i = 0; i <= (occurrence as number); i++) at = all.indexOf(needle as string, at + 1);
        if (at < 0) return null;
        const locate = (offset: number): [Text, number] => {
          for (const n of nodes) {
            if (offset <= n.length) return [n, offset];
            offset -= n.length;
          }
          throw new Error('offset past the end');
        };
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + (needle as string).length));
        // Centre it: the sticky toolbar covers the top of the view.
        (range.startContainer.parentElement as Element).scrollIntoView({ block: 'center' });
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const first = rects[0];
        const last = rects[rects.length - 1];
        // Right-to-left text: the needle starts at the right edge of its first box.
        return {
          start: { x: first.right - 1, y: first.top + first.height / 2 },
          end: { x: last.left + 1, y: last.top + last.height / 2 },
        };
      },
      [needle, occurrence] as const,
    );
    if (!points) throw new Error(`"${needle}" #${occurrence} is not in the article`);
    return points;
  }

  /** Drags the mouse over `needle`, in reading order (right to left) or against it. */
  async dragOver(needle: string, { occurrence = 0, against = false } = {}) {
    const { start, end } = await this.edges(needle, occurrence);
    const [from, to] = against ? [end, start] : [start, end];
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x, to.y, { steps: 6 });
    await this.page.mouse.up();
  }

  /** Opens the article whose file name is `file`. */
  async openArticle(file: string) {
    await this.row(file).locator('button.open').click();
    await expect(this.page.getByTestId('article-title')).toHaveText(file);
  }

  async screenshot(name: string) {
    mkdirSync(SHOTS, { recursive: true });
    await this.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  }
}

export const test = base.extend<{ raqim: Raqim }>({
  raqim: async ({ page }, use) => {
    const raqim = new Raqim(page);
    await use(raqim);
    expect(raqim.errors, 'page errors and console errors').toEqual([]);
    expect(raqim.lateRequests, 'network requests after the initial load').toEqual([]);
  },
});

export { expect };
