// Browser tests against the release build, served under /sail/ by server.mjs (no rewrites).
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const dist = process.env.E2E_DIST ?? '../target/e2e-dist';
// `E2E_SITE=lwt-template`: only the tests of the site imported from the lab-website-template
// sample (scripts/test.sh builds it); otherwise every test but those.
const lwt = process.env.E2E_SITE === 'lwt-template';

export default defineConfig({
  testDir: './tests',
  ...(lwt ? { testMatch: ['**/lwt-template.spec.js'] } : { testIgnore: ['**/lwt-template.spec.js'] }),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // E2E_OUTPUT lets two runs share this folder without clearing each other's results.
  outputDir: process.env.E2E_OUTPUT ?? 'test-results',
  reporter: [['list'], ['json', { outputFile: `${process.env.E2E_OUTPUT ?? 'test-results'}/results.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/sail/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
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
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node server.mjs ${dist} ${port} /sail/`,
    url: `http://127.0.0.1:${port}/sail/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
