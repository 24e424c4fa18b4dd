// Shared fixtures: every test's page records console errors and uncaught exceptions and fails on
// any (unless the test expects them), and answers requests to third-party hosts (member photos;
// this sandbox has no network) with a small image.
import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The bundled data file, for expectations computed from the facts rather than typed in. */
export const data = JSON.parse(readFileSync(new URL('../../data/site.json', import.meta.url), 'utf8'));

export const test = base.extend({
  allowConsoleErrors: [false, { option: true }],
  consoleErrors: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, consoleErrors, allowConsoleErrors }, use) => {
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
    // An unknown path is answered 404 with the app (as GitHub Pages does), and Chromium logs that
    // status for the document itself; that one message per such page is expected, not an error.
    let documents404 = 0;
    page.on('response', (r) => {
      if (r.request().resourceType() === 'document' && r.status() === 404) documents404 += 1;
    });
    // Every Content-Security-Policy violation is recorded in the page and fails the test.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG }),
    );
    await use(page);
    if (!page.isClosed()) {
      const violations = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    }
    if (!allowConsoleErrors) expect(withoutDocument404s(consoleErrors, documents404), 'console errors').toEqual([]);
  },
});

export { expect };

/** Console errors less one "status of 404" message for each document answered 404. */
export function withoutDocument404s(errors, count) {
  const out = [];
  for (const e of errors) {
    if (count > 0 && /status of 404/.test(e)) count -= 1;
    else out.push(e);
  }
  return out;
}

/** A page rendered for its address loads the app only on the visitor's first move towards a
 * control (crates/sitegen/src/boot.js); this is that move: the pointer over the site-search button. */
export async function wakeApp(page) {
  await page.locator('.search-open').first().dispatchEvent('pointerover');
}

/** Has the app load (if the page has not yet) and waits until it has its data and has taken the
 * pre-rendered page over. */
export async function ready(page) {
  await wakeApp(page);
  await expect(page.locator('html.app-ready')).toHaveCount(1);
  await expect(page.locator('html.booting')).toHaveCount(0);
  await expect(page.locator('main .loading')).toHaveCount(0);
  await expect(page.locator('main h1').first()).toBeVisible();
}

/** Entries of a filtered list. */
export const newsEntries = (page) => page.locator('.results .news-entry');
export const pubEntries = (page) => page.locator('.results .pub-entry');

/** A facet value link, by facet (year/topic/author) and value. */
export const facet = (page, name, value) =>
  page.locator(`.facet[data-facet="${name}"] a[data-value="${value}"]`);
