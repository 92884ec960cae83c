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
