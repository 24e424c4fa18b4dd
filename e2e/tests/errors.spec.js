import { test, expect, ready, data, wakeApp } from './fixtures.js';

// Failed requests log to the console by design here.
test.use({ allowConsoleErrors: true });

const panel = (page) => page.locator('.error-panel');

async function expectRecovery(page) {
  await page.unroute('**/data/site.json');
  await panel(page).getByRole('button', { name: 'Try again' }).click();
  await ready(page);
  await expect(panel(page)).toHaveCount(0);
  await expect(page.locator('.results .news-entry')).toHaveCount(data.news.length);
}

test('a data file that is not JSON shows where it breaks, and retry recovers', async ({ page, consoleErrors }) => {
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{\n  "version": 1,\n  oops\n}' }));
  await page.goto('news');
  await wakeApp(page);
  await expect(panel(page)).toBeVisible();
  await expect(panel(page).locator('h1')).toHaveText("The site's data file is broken");
  await expect(panel(page)).toContainText('not valid JSON (line 3, column 3)');
  await expect(page).toHaveTitle(/Could not load/);
  await expectRecovery(page);
  expect(consoleErrors.filter((e) => e.startsWith('uncaught'))).toEqual([]);
});

test('an HTTP error shows the status, and retry recovers', async ({ page }) => {
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 500, body: 'boom' }));
  await page.goto('news');
  await wakeApp(page);
  await expect(panel(page)).toContainText('HTTP 500');
  await expectRecovery(page);
});

test('a failed fetch shows a network error, and retry recovers', async ({ page }) => {
  await page.route('**/data/site.json', (r) => r.abort('connectionrefused'));
  await page.goto('news');
  await wakeApp(page);
  await expect(panel(page).locator('h1')).toHaveText('The site could not reach its data');
  await expect(panel(page)).toContainText('could not be fetched');
  await expectRecovery(page);
});

test('a wrong version or shape says what and where', async ({ page }) => {
  const bad = structuredClone(data);
  bad.version = 2;
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 200, json: bad }));
  await page.goto('news');
  await wakeApp(page);
  await expect(panel(page)).toContainText('version 2, but this site reads version 1');
  await page.unroute('**/data/site.json');

  const shape = structuredClone(data);
  shape.lab.name = 42;
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 200, json: shape }));
  await panel(page).getByRole('button', { name: 'Try again' }).click();
  await expect(panel(page)).toContainText('wrong shape at lab.name');
  await expectRecovery(page);
});

test('one bad item is skipped with a notice; the rest of the site shows', async ({ page }) => {
  const one = structuredClone(data);
  one.news[0].date = 20250815;
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 200, json: one }));
  await page.goto('news');
  await wakeApp(page);
  await ready(page);
  await expect(page.locator('.results .news-entry')).toHaveCount(data.news.length - 1);
  await expect(page.locator('.data-notices summary')).toContainText('1 problem');
  await page.locator('.data-notices summary').click();
  await expect(page.locator('.data-notices li')).toContainText('news[0].date');
});

test('the app shows a loading state when it fetches again', async ({ page }) => {
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 503, body: 'later' }));
  await page.goto('people');
  await wakeApp(page);
  await expect(page.locator('.error-panel')).toBeVisible();
  let release;
  const gate = new Promise((r) => (release = r));
  await page.unroute('**/data/site.json');
  await page.route('**/data/site.json', async (route) => {
    await gate;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('main .loading')).toBeVisible();
  await expect(page.locator('main .loading')).toHaveAttribute('role', 'status');
  release();
  await expect(page.locator('main h1')).toHaveText('People');
});
