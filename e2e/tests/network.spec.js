// Network faults on the data request: each shows a clear message, and the site recovers when the
// network does, by itself once and with the Try again button, without a page reload.
import { test, expect, ready, data, wakeApp } from './fixtures.js';

test.use({ allowConsoleErrors: true });

const panel = (page) => page.locator('.error-panel');
const DATA = '**/data/site.json';

/** Answers the first `n` data requests with `fault`, the rest normally. */
async function failFirst(page, n, fault) {
  let seen = 0;
  await page.route(DATA, async (route) => {
    seen += 1;
    if (seen <= n) return fault(route);
    return route.continue();
  });
  return () => seen;
}

async function expectLiveSite(page) {
  await ready(page);
  await expect(panel(page)).toHaveCount(0);
  await expect(page.locator('.results .news-entry')).toHaveCount(data.news.length);
}

test('a refused connection: message, then one automatic retry recovers', async ({ page }) => {
  const requests = await failFirst(page, 1, (r) => r.abort('connectionrefused'));
  await page.goto('news');
  await wakeApp(page);
  await expect(panel(page).locator('h1')).toHaveText('The site could not reach its data');
  await expect(panel(page).locator('.auto-retry')).toHaveText('Trying again automatically in a few seconds…');
  await page.evaluate(() => (window.__sameDocument = true));
  await expectLiveSite(page);
  expect(requests()).toBe(2);
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
});

test('the automatic retry happens once; after that the button retries', async ({ page }) => {
  const requests = await failFirst(page, 2, (r) => r.fulfill({ status: 500, body: 'down' }));
  await page.goto('news');
  await wakeApp(page);
  await expect(panel(page)).toContainText('HTTP 500');
  await expect.poll(requests, { timeout: 10_000 }).toBe(2);
  await expect(panel(page)).toContainText('HTTP 500');
  await expect(panel(page).locator('.auto-retry')).toHaveText('');
  await page.waitForTimeout(4000);
  expect(requests()).toBe(2);
  await panel(page).getByRole('button', { name: 'Try again' }).click();
  await expectLiveSite(page);
});

test('HTTP 404 says the server answered 404', async ({ page }) => {
  await failFirst(page, 1, (r) => r.fulfill({ status: 404, body: 'nope' }));
  await page.goto('news');
  await wakeApp(page);
  await expect(panel(page)).toContainText('The server answered HTTP 404');
  await expectLiveSite(page);
});

test('a request that hangs times out with a message', async ({ page }) => {
  test.setTimeout(40_000);
  await failFirst(page, 1, () => new Promise(() => {}));
  await page.goto('news');
  await wakeApp(page);
  await expect(panel(page).locator('h1')).toHaveText("The site's data is taking too long", { timeout: 15_000 });
  await expect(panel(page)).toContainText('did not arrive in time (the server has 8 seconds to answer)');
  await expectLiveSite(page);
});

test('a truncated body is reported as broken JSON', async ({ page }) => {
  const text = JSON.stringify(data);
  await failFirst(page, 1, (r) => r.fulfill({ status: 200, contentType: 'application/json', body: text.slice(0, text.length / 2) }));
  await page.goto('news');
  await wakeApp(page);
  await expect(panel(page).locator('h1')).toHaveText("The site's data file is broken");
  await expect(panel(page)).toContainText('not valid JSON');
  await expect(panel(page)).toContainText('EOF while parsing');
  await expectLiveSite(page);
});

test('an HTML page instead of the data says the file is missing', async ({ page }) => {
  await failFirst(page, 1, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Site not found</title>' }));
  await page.goto('people');
  await wakeApp(page);
  await expect(panel(page).locator('h1')).toHaveText("The site's data is missing");
  await expect(panel(page)).toContainText('a web page instead of the data file');
  await ready(page);
  await expect(page.locator('main h1')).toHaveText('People');
});
