// What a visitor sees for each kind of bad data file (see README, "When the data is bad").
import { writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, ready, data, newsEntries, wakeApp } from './fixtures.js';

test.use({ allowConsoleErrors: true });

const serve = (page, body, contentType = 'application/json') =>
  page.route('**/data/site.json', (r) => r.fulfill({ status: 200, contentType, body }));
const notices = (page) => page.locator('.data-notices');

test('a missing section shows as empty, with a notice; the rest of the site shows', async ({ page }) => {
  const d = structuredClone(data);
  delete d.news;
  await serve(page, JSON.stringify(d));
  await page.goto('news');
  await wakeApp(page);
  await ready(page);
  await expect(newsEntries(page)).toHaveCount(0);
  await expect(page.locator('.empty-state')).toBeVisible();
  await notices(page).locator('summary').click();
  await expect(notices(page)).toContainText('news: missing section');
  await page.locator('nav[aria-label="Main"] a', { hasText: 'People' }).click();
  await expect(page.locator('.member-card')).toHaveCount(data.members.length);
});

test('an unknown member reference shows as plain text, with a notice', async ({ page }) => {
  const d = structuredClone(data);
  d.news[0].text = 'Welcome to [Nobody Known](/members/nobody-known) and [Amey](/members/amey-agrawal).';
  d.news[0].members = ['nobody-known'];
  await serve(page, JSON.stringify(d));
  await page.goto('news');
  await wakeApp(page);
  await ready(page);
  const first = newsEntries(page).first();
  await expect(first).toContainText('Welcome to Nobody Known and Amey.');
  await expect(first.locator('a', { hasText: 'Nobody Known' })).toHaveCount(0);
  await expect(first.locator('a', { hasText: 'Amey' })).toHaveAttribute('href', '/sail/members/amey-agrawal');
  await notices(page).locator('summary').click();
  await expect(notices(page)).toContainText('news[0].members[0]');
  await expect(notices(page)).toContainText('news[0].text');
});

test('a 50 MB file is refused with its size', async ({ page }) => {
  // Served by the static server itself (not through request interception, which is slow for a
  // body this size), under another name in the built site.
  const d = structuredClone(data);
  d.news[0].text = 'x'.repeat(50 * 1024 * 1024);
  const file = join(process.env.E2E_DIST ?? '../target/e2e-dist', 'data', 'huge-test.json');
  writeFileSync(file, JSON.stringify(d));
  try {
    await page.route('**/data/site.json', (r) => r.continue({ url: r.request().url().replace('site.json', 'huge-test.json') }));
    await page.goto('news');
    await wakeApp(page);
    await expect(page.locator('.error-panel')).toContainText('this site reads files of up to 40 MB', { timeout: 20_000 });
    await expect(page.locator('.error-panel')).toContainText('50.0 MB');
    // A file that is too large stays so: no automatic retry.
    await expect(page.locator('.error-panel .auto-retry')).toHaveText('');
  } finally {
    unlinkSync(file);
  }
});

test('deeply nested JSON skips the item it is in', async ({ page }) => {
  const text = JSON.stringify(data).replace('"news":[', `"news":[${'['.repeat(200000)}${']'.repeat(200000)},`);
  await serve(page, text);
  await page.goto('news');
  await wakeApp(page);
  await ready(page);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
  await notices(page).locator('summary').click();
  await expect(notices(page)).toContainText('news[0]');
});

test('a UTF-8 byte order mark is accepted silently', async ({ page }) => {
  await serve(page, '\uFEFF' + JSON.stringify(data));
  await page.goto('news');
  await wakeApp(page);
  await ready(page);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
  await expect(notices(page)).toHaveCount(0);
});

test('invalid UTF-8 shows with replacement characters and a notice', async ({ page }) => {
  const d = structuredClone(data);
  d.lab.institution = 'Georgia Tech MARK';
  const bytes = Buffer.from(JSON.stringify(d), 'utf8');
  const at = bytes.indexOf(Buffer.from('MARK'));
  bytes[at] = 0xff;
  await serve(page, bytes);
  await page.goto('./');
  await wakeApp(page);
  await ready(page);
  await expect(page.locator('.hero .institution')).toHaveText('Georgia Tech \uFFFDARK');
  await notices(page).locator('summary').click();
  await expect(notices(page)).toContainText(`not valid UTF-8 (first bad byte at offset ${at})`);
});
