import { defineConfig } from '@playwright/test';
import base from '../tests/e2e/playwright.config';

// Page benchmarks: the same browser and server as the e2e tests, one worker so figures are
// not disturbed by a second browser.
export default defineConfig({
  ...base,
  projects: undefined,
  testDir: './page',
  testMatch: /.*\.bench\.ts/,
  outputDir: '../tests/output/bench-artifacts',
  workers: 1,
  fullyParallel: false,
  timeout: 300_000,
  reporter: [['list']],
  webServer: [
    { ...(base.webServer as object), command: 'python3 -m http.server 8090 --bind 127.0.0.1 --directory ../dist' } as any,
    {
      command: 'python3 -m http.server 8091 --bind 127.0.0.1 --directory wasm',
      url: 'http://127.0.0.1:8091/index.html',
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'ignore',
    },
  ],
});
