// Prints Playwright's totals as the plain line CI reads ("e2e: N passed, N failed") and exits
// non-zero when anything failed or nothing ran.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let stats;
try {
  stats = JSON.parse(readFileSync(file, 'utf8')).stats;
} catch (error) {
  console.log(`e2e: 0 passed, 1 failed (no results in ${file}: ${error.message})`);
  process.exit(1);
}
const passed = stats.expected + (stats.flaky ?? 0);
const failed = stats.unexpected;
const skipped = stats.skipped ?? 0;
console.log(`e2e: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 || passed === 0 ? 1 : 0);
