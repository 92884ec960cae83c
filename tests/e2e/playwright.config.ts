import { defineConfig } from '@playwright/test';

// Real-browser tests: Playwright drives Debian's /usr/bin/chromium (no browser download),
// against the release build in dist/ served by a plain static file server.
const PORT = 8090;
// Tests that measure main-thread task lengths run last and alone: with a second browser
// sharing the machine's two cores, a task's length says more about the neighbour than the page.
const TIMING = /100 files dropped at once|a 5 MB article loads/;

export default defineConfig({
  testDir: '.',
  outputDir: '../output/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../output/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 860 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'e2e', grepInvert: TIMING },
    { name: 'timing', grep: TIMING, dependencies: ['e2e'], fullyParallel: false },
  ],
  webServer: {
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory ../../dist`,
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'ignore',
  },
});
