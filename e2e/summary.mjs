// Prints the browser tests' outcome as one closing line: "e2e: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let stats;
try {
  stats = JSON.parse(readFileSync(file, 'utf8')).stats;
} catch (e) {
  console.log(`e2e: 0 passed, 1 failed (no report at ${file}: ${e.message})`);
  process.exit(0);
}
const failed = stats.unexpected + stats.flaky;
console.log(`e2e: ${stats.expected} passed, ${failed} failed, ${stats.skipped} skipped`);
