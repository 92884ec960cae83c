// Issue 4's speed targets, measured in headless chromium on the release build:
// open a 50,000-character article with ~3,000 spans (< 200 ms) and repaint after one span edit
// or keystroke (< 16 ms; real key presses timed by the Event Timing API). Prints figures (median and spread of repeated runs) and writes
// bench/records/<date>-page-annotate.json.
import { test, expect } from '@playwright/test';
import { stats, writeRecord } from './record';

const LINE = 'وصل وفد من بغداد إلى القاهرة يوم الأحد، وقال المتحدث باسم الوفد جو بايدن إن 2500 جندي باقون في العراق وسوريا منذ سنوات.\n';
const REPEATS = 9;

// Figures of 15 stand for "under 16 ms, not reported by the Event Timing API".

test('open a 50,000-character article with ~3,000 spans, then edit spans', async ({ page }) => {
  let text = '';
  while (text.length < 50_000) text += LINE;
  await page.goto('/');
  await expect(page.getByTestId('drop-target')).toBeVisible();
  const dataTransfer = await page.evaluateHandle(([big]) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['بغداد'], 'small.txt', { type: 'text/plain' }));
    dt.items.add(new File([big], 'big.txt', { type: 'text/plain' }));
    return dt;
  }, [text]);
  await page.dispatchEvent('[data-testid=drop-target]', 'drop', { dataTransfer });
  await expect(page.getByTestId('article-row')).toHaveCount(2);

  const open: number[] = [];
  const complete: number[] = [];
  let spans = 0;
  for (let i = 0; i < REPEATS; i++) {
    for (const [file, measure] of [['small.txt', false], ['big.txt', true]] as const) {
      const [first, all] = await page.evaluate(async (file) => {
        const row = [...document.querySelectorAll('[data-testid=article-row]')].find(
          (r) => r.querySelector('[data-testid=article-file]')!.textContent === file,
        )!;
        const t0 = performance.now();
        (row.querySelector('button.open') as HTMLButtonElement).click();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const first = performance.now() - t0;
        while (document.querySelector('[data-testid=article-text]')?.getAttribute('data-complete') !== 'true')
          await new Promise((r) => setTimeout(r, 1));
        return [first, performance.now() - t0];
      }, file);
      if (measure) {
        open.push(first);
        complete.push(all);
      }
    }
    spans = await page.locator('mark[data-span-start]').count();
  }
  const chars = [...text].length;

  // Real key presses, timed by the browser's Event Timing API: `processing` is the handler's
  // main-thread time (the edit, the re-render), `duration` runs to the next paint (reported
  // in 8 ms steps, at least one frame).
  await page.evaluate(() => {
    (window as any).__keys = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[])
        if (e.name === 'keydown') (window as any).__keys.push({ duration: e.duration, processing: e.processingEnd - e.processingStart });
    }).observe({ type: 'event', durationThreshold: 0 } as any);
  });
  const timed = async (key: string) => {
    await page.keyboard.press(key);
    await page.waitForTimeout(250); // let the deferred save run, outside the measurement
    const entries = await page.evaluate(() => (window as any).__keys.splice(0));
    // The API reports only events of 16 ms or more: an absent entry was faster than a frame.
    return entries[0] ?? { duration: 15, processing: 15, unreported: true };
  };
  await page.locator('mark[data-span-start]').nth(1500).click();
  const edit: number[] = [];
  const editPaint: number[] = [];
  const keystroke: number[] = [];
  const keystrokePaint: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    for (const key of ['a', 'Delete', 'Control+z']) {
      const t = await timed(key); // accept, delete, undo: each a span edit
      edit.push(t.processing);
      editPaint.push(t.duration);
    }
    const t = await timed('Tab');
    keystroke.push(t.processing);
    keystrokePaint.push(t.duration);
  }
  const result = {
    article: { chars, spans },
    open_ms: stats(open),
    open_all_lines_ms: stats(complete),
    span_edit_ms: stats(edit),
    span_edit_to_paint_ms: stats(editPaint),
    keystroke_ms: stats(keystroke),
    keystroke_to_paint_ms: stats(keystrokePaint),
    goals: { open_ms: 200, span_edit_ms: 16, keystroke_ms: 16 },
  };
  console.log(`article: ${chars} characters, ${spans} span pieces drawn`);
  console.log(`open:       median ${result.open_ms.median.toFixed(1)} ms to the first paint (min ${result.open_ms.min.toFixed(1)}, max ${result.open_ms.max.toFixed(1)}) — goal < 200 ms`);
  console.log(`            median ${result.open_all_lines_ms.median.toFixed(1)} ms until every line is drawn`);
  console.log(`span edit:  median ${result.span_edit_ms.median.toFixed(1)} ms processing (min ${result.span_edit_ms.min.toFixed(1)}, max ${result.span_edit_ms.max.toFixed(1)}); to paint median ${result.span_edit_to_paint_ms.median} ms — goal < 16 ms`);
  console.log(`keystroke:  median ${result.keystroke_ms.median.toFixed(1)} ms processing (min ${result.keystroke_ms.min.toFixed(1)}, max ${result.keystroke_ms.max.toFixed(1)}); to paint median ${result.keystroke_to_paint_ms.median} ms — goal < 16 ms`);
  expect(spans).toBeGreaterThan(2500); // the bench measured what it claims to
  writeRecord('page-annotate', result);
});
