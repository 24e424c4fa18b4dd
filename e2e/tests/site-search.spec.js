import { test, expect, ready, data } from './fixtures.js';

test('site search opens with / and finds people, publications and news', async ({ page }) => {
  await page.goto('news');
  await ready(page);
  await page.locator('body').press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  await box.pressSequentially('payman');
  const options = dialog.getByRole('option');
  await expect(options.first()).toContainText('Person');
  await expect(options.first()).toContainText('Payman Behnam');
  await expect(options.filter({ hasText: 'Publication' }).first()).toBeVisible();
  await expect(options.filter({ hasText: 'News' }).first()).toBeVisible();
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  // Keyboard: down moves the selection, Enter opens it.
  await box.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', 'site-search-1');
  await box.press('ArrowUp');
  await box.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/\/sail\/members\/payman-behnam$/);
  await expect(page.locator('main h1')).toHaveText('Payman Behnam');
});

test('site search: Ctrl-K, accents, no results, Escape', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  const box = dialog.getByRole('combobox');
  await box.fill('goiri');
  await expect(dialog.getByRole('option')).toHaveCount(1);
  await expect(dialog.getByRole('option')).toContainText('Medha');
  await box.fill('zzzz-nothing');
  await expect(dialog.locator('.site-search-status')).toHaveText('Nothing matches “zzzz-nothing”.');
  await box.press('Escape');
  await expect(dialog).toHaveCount(0);
  // The header button opens it too.
  await page.getByRole('button', { name: /Search/ }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox').fill('sarathi');
  await dialog.getByRole('option').filter({ hasText: 'Taming' }).locator('a').click();
  await expect(page).toHaveURL(/\/sail\/publications\?q=Taming/);
  await expect(page.locator('.results .pub-entry')).toHaveCount(1);
});

test('the theme switch applies and remembers the choice without a flash', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  await ready(page);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(darkBg).not.toBe(lightBg);
  // On the next page load the saved theme is applied by a blocking script, before the app runs.
  await page.route('**/*.wasm', () => new Promise(() => {}));
  await page.goto('people/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(darkBg);
});

test('focus moves to the main content on a page change, not on a filter change', async ({ page }) => {
  // Start from a static page's address (with its trailing slash): typing must keep the focus.
  await page.goto('news/');
  await ready(page);
  await page.getByLabel('Search news').pressSequentially('osr');
  await expect(page).toHaveURL(/\/sail\/news\?q=osr$/);
  await expect(page.getByLabel('Search news')).toBeFocused();
  await page.goto('./');
  await ready(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'News' }).click();
  await expect(page.locator('main h1')).toHaveText('News');
  await expect(page.locator('#main')).toBeFocused();
  await page.getByLabel('Search news').fill('fellowship');
  await expect(page.getByLabel('Search news')).toBeFocused();
  await expect(page.locator('.results .news-entry')).toHaveCount(data.news.filter((n) => /fellowship/i.test(n.text) || n.topics.includes('fellowship')).length);
});
