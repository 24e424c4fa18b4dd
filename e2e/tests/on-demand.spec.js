// A page rendered for its own address reads and navigates without the app, so it fetches the app
// (JS glue, wasm, data file) only when the visitor reaches for something only the app does; what
// they did meanwhile is carried out once the app runs (crates/sitegen/src/boot.js).
import { test, expect, data, facet, newsEntries } from './fixtures.js';

const isApp = (url) => /\.wasm$|\/sail-site-[^/]*\.js$|\/data\/site\.json$/.test(url);

/** Records the app's requests; `hold()` keeps the wasm back until `release()`. */
async function watchApp(page) {
  const seen = [];
  page.on('request', (r) => isApp(r.url()) && seen.push(new URL(r.url()).pathname));
  let release;
  const gate = new Promise((r) => (release = r));
  const hold = () => page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  return { seen, hold, release: () => release() };
}

const appReady = (page) => expect(page.locator('html.app-ready')).toHaveCount(1);

test('a pre-rendered page runs no app until the visitor reaches for a control; once touched and idle it fetches the app in the background', async ({ page }) => {
  const app = await watchApp(page);
  await app.hold();
  await page.goto('./', { waitUntil: 'load' });
  await expect(page.locator('.home-news .news-entry').first()).toBeVisible();
  // A visitor who only opens the page fetches none of the app, however long the page stays idle.
  await page.waitForTimeout(1500);
  expect(app.seen).toEqual([]);
  await expect(page.locator('html.app-prefetched')).toHaveCount(0);
  // Reading, scrolling and pointing at plain text or plain links run nothing.
  await page.mouse.wheel(0, 600);
  await page.locator('.home-news .news-entry').first().hover();
  await page.locator('header nav a', { hasText: 'People' }).hover();
  // Once touched and idle, the wasm, its JS and the data file are fetched (the wasm compiled),
  // and nothing runs.
  await expect(page.locator('html.app-prefetched')).toHaveCount(1);
  await expect.poll(() => app.seen.some((p) => p.endsWith('.wasm'))).toBe(true);
  await expect.poll(() => app.seen.some((p) => p.endsWith('/data/site.json'))).toBe(true);
  await page.waitForTimeout(500);
  await expect(page.locator('html.booting, html.app-ready')).toHaveCount(0);
  // Pointing at the site-search button is enough to start the app; nobody waits for it yet, so
  // no progress bar shows.
  await page.locator('.search-open').hover();
  await expect(page.locator('html.booting')).toHaveCount(1);
  await expect(page.locator('.boot-progress')).toBeHidden();
  app.release();
  await appReady(page);
  // The app starts from what was fetched in the background: nothing is fetched twice.
  expect(app.seen.filter((p) => p.endsWith('.wasm'))).toHaveLength(1);
  expect(app.seen.filter((p) => p.endsWith('/data/site.json'))).toHaveLength(1);
});

test('the data file is requested beside the wasm, not once the app runs, and the app takes that request', async ({ page }) => {
  const app = await watchApp(page);
  await app.hold();
  // Only the app can show a filtered address, so the page starts it at once.
  await page.goto('news/?year=2024');
  await expect.poll(() => app.seen.some((p) => p.endsWith('/data/site.json'))).toBe(true);
  await expect(page.locator('html.app-ready')).toHaveCount(0);
  app.release();
  await appReady(page);
  await expect(page.locator('.result-count')).toContainText(`${data.news.filter((n) => n.date.startsWith('2024')).length} of ${data.news.length}`);
  expect(app.seen.filter((p) => p.endsWith('/data/site.json'))).toHaveLength(1);
});

test('a visitor who asked to save data fetches no app file until they reach for a control', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true, effectiveType: '4g' } }));
  const app = await watchApp(page);
  await page.goto('./');
  await expect(page.locator('.home-news .news-entry').first()).toBeVisible();
  await page.waitForTimeout(2500);
  expect(app.seen).toEqual([]);
  await expect(page.locator('html.app-prefetched')).toHaveCount(0);
  await page.locator('.search-open').hover();
  await appReady(page);
  expect(app.seen.some((p) => p.endsWith('.wasm'))).toBe(true);
});

test('a plain link before the app runs opens its own pre-rendered page, still without the app', async ({ page }) => {
  const app = await watchApp(page);
  await page.goto('./');
  await page.evaluate(() => (window.samePage = true));
  await page.locator('header nav a', { hasText: 'People' }).click();
  await expect(page.locator('main h1')).toHaveText('People');
  expect(await page.evaluate(() => window.samePage)).toBeUndefined();
  // The click touched the home page, whose background fetch (data file included) may have begun
  // before it was left; what counts is the People page from here on.
  app.seen.length = 0;
  await expect(page.locator('.member-card').first()).toBeVisible();
  await page.waitForTimeout(500);
  // The app never ran there: no data file fetched, the page not taken over.
  expect(app.seen.some((p) => p.endsWith('/data/site.json'))).toBe(false);
  await expect(page.locator('html.booting, html.app-ready')).toHaveCount(0);
});

test('an address no page was rendered for loads the app at once', async ({ page }) => {
  await page.goto('news/?year=2024');
  await appReady(page);
  await expect(newsEntries(page)).toHaveCount(data.news.filter((n) => n.date.startsWith('2024')).length);
});

test('a button clicked while the app loads is clicked again once it runs', async ({ page }) => {
  const app = await watchApp(page);
  await app.hold();
  await page.goto('./');
  await page.locator('.search-open').click();
  // The page says it is on its way; nothing has happened yet.
  await expect(page.locator('html.booting .boot-progress')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  app.release();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('combobox')).toBeFocused();
});

test('a button clicked while the app renders a page afresh is clicked on its new counterpart', async ({ page }) => {
  const app = await watchApp(page);
  await app.hold();
  // No page was rendered for a filtered address: the app replaces the pre-rendered elements.
  await page.goto('news/?year=2024');
  await page.evaluate(() => (window.preRendered = document.querySelector('.search-open')));
  await page.locator('.search-open').click();
  app.release();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await page.evaluate(() => window.preRendered.isConnected)).toBe(false);
});

test('the theme switch clicked before the app runs switches the theme once it does', async ({ page }) => {
  const app = await watchApp(page);
  await app.hold();
  await page.goto('./');
  const before = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.locator('.theme-toggle').click();
  app.release();
  await expect(page.locator('.theme-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(before);
});

test('a filter link clicked before the app runs filters in place once it does', async ({ page }) => {
  const app = await watchApp(page);
  await app.hold();
  await page.goto('news/');
  await page.evaluate(() => (window.samePage = true));
  await facet(page, 'year', '2024').click();
  await expect(page.locator('html.booting')).toHaveCount(1);
  app.release();
  await expect(page).toHaveURL(/news\/?\?year=2024$/);
  await expect(newsEntries(page)).toHaveCount(data.news.filter((n) => n.date.startsWith('2024')).length);
  // The app filtered the page it had taken over: no page load.
  expect(await page.evaluate(() => window.samePage)).toBe(true);
});

test('text typed before the app runs filters the list once it does', async ({ page }) => {
  const app = await watchApp(page);
  await app.hold();
  await page.goto('news/');
  const box = page.locator('#search-input');
  await box.click();
  await page.keyboard.type('sarathi');
  // Enter before the app runs neither reloads the page nor loses the text.
  await page.keyboard.press('Enter');
  await expect(box).toHaveValue('sarathi');
  app.release();
  await expect(page).toHaveURL(/news\/?\?q=sarathi$/);
  const expected = data.news.filter((n) => n.text.toLowerCase().includes('sarathi')).length;
  expect(expected).toBeGreaterThan(0);
  await expect(newsEntries(page)).toHaveCount(expected);
  await expect(box).toHaveValue('sarathi');
});

test('the search key pressed before the app runs opens the search once it does', async ({ page }) => {
  const app = await watchApp(page);
  await app.hold();
  await page.goto('people/');
  await page.keyboard.press('/');
  await expect(page.locator('html.booting')).toHaveCount(1);
  app.release();
  await expect(page.getByRole('dialog')).toBeVisible();
});

test.describe('when the app cannot load', () => {
  test.use({ allowConsoleErrors: true });

  test('a filter link still leads to its address, and the page says the app could not start', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('news/');
    await facet(page, 'year', '2024').click();
    await expect(page).toHaveURL(/news\/?\?year=2024$/);
    await expect(page.locator('html.boot-failed .boot-error')).toBeVisible();
    await expect(page.locator('main h1')).toHaveText('News');
    // From then on links are plain links, to the address each names.
    const href = await facet(page, 'year', '2025').getAttribute('href');
    await facet(page, 'year', '2025').click();
    await expect(page).toHaveURL(new URL(href, page.url()).href);
    await expect(page.locator('main h1')).toHaveText('News');
  });
});

test('a keydown without a key (as autofill sends) neither breaks the page nor starts the app', async ({ page }) => {
  await page.goto('people/');
  await page.evaluate(() => {
    const e = new Event('keydown', { bubbles: true });
    Object.defineProperty(e, 'ctrlKey', { value: true });
    document.body.dispatchEvent(e);
  });
  await page.waitForTimeout(300);
  // Nothing started (the app's files may have been fetched in the background, never run).
  await expect(page.locator('html.booting, html.app-ready, html.boot-failed')).toHaveCount(0);
  // The shortcut still works afterwards.
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog')).toBeVisible();
});
