import { test, expect, ready, data } from './fixtures.js';

test('site search opens with / and finds people, publications and news, grouped by kind', async ({ page }) => {
  await page.goto('news');
  await ready(page);
  await page.locator('body').press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  await box.pressSequentially('payman');
  const options = dialog.getByRole('option');
  await expect(dialog.getByRole('group', { name: 'People' }).getByRole('option').first()).toContainText('Payman Behnam');
  await expect(options.first()).toContainText('Payman Behnam');
  await expect(dialog.getByRole('group', { name: 'Publications' }).getByRole('option').first()).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'News' }).getByRole('option').first()).toBeVisible();
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  // The words typed are marked in every result.
  for (const mark of await dialog.locator('.hit-label mark').allTextContents()) expect(mark.toLowerCase()).toBe('payman');
  await expect(options.first().locator('mark')).toHaveText('Payman');
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
  const found = dialog.getByRole('option').filter({ hasNotText: /^Search / });
  await expect(found).toHaveCount(1);
  await expect(found).toContainText('Medha');
  await box.fill('zzzz-nothing');
  await expect(dialog.locator('.site-search-status')).toHaveText('Nothing matches “zzzz-nothing”.');
  await box.press('Escape');
  await expect(dialog).toHaveCount(0);
  // The header button opens it too.
  await page.getByRole('button', { name: /Search/ }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox').fill('sarathi');
  await dialog.getByRole('option').filter({ hasText: 'Taming' }).click();
  // The publication itself, in the whole list: not a list filtered by its title.
  const taming = data.publications.find((p) => p.title.includes('Taming'));
  await expect(page).toHaveURL(new RegExp(`/sail/publications#pub-${taming.id}$`));
  await expect(page.locator('.results .pub-entry')).toHaveCount(data.publications.length);
  await expect(page.locator(`[id="pub-${taming.id}"]`)).toBeFocused();
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

test('the dialog keeps the focus while open and gives it back on close', async ({ page }) => {
  await page.goto('publications');
  await ready(page);
  const opener = page.getByRole('button', { name: /^Search/ });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  // Tab and Shift-Tab cycle between the field and the close button, never behind the dialog.
  for (let i = 0; i < 5; i += 1) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement.closest('[role="dialog"]'))).toBe(true);
  }
  await box.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Close search' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(box).toBeFocused();
  // Escape closes, and the opener has the focus again.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  // Opened with / from a facet value, closed with its button: the value has the focus again.
  const value = page.locator('.facet[data-facet="year"] a.facet-value').first();
  await value.focus();
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await dialog.getByRole('button', { name: 'Close search' }).click();
  await expect(value).toBeFocused();
});

test('by touch on a phone: a tap outside or on ✕ closes it', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto('news');
  await ready(page);
  await page.getByRole('button', { name: /^Search/ }).tap();
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close search' }).tap();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: /^Search/ }).tap();
  await page.locator('.site-search-backdrop').tap({ position: { x: 10, y: 790 } });
  await expect(dialog).toHaveCount(0);
  await context.close();
});

test('an empty query offers featured and latest items; a query offers the lists\' own searches', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  await expect(dialog.getByRole('group', { name: 'Featured projects' })).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Latest news' }).getByRole('option')).toHaveCount(3);
  // Enter on the first suggestion opens it.
  const featured = data.projects.find((p) => p.featured);
  await dialog.getByRole('combobox').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/sail/projects/${featured.slug}$`));

  await page.keyboard.press('Control+k');
  await dialog.getByRole('combobox').fill('kv cache');
  const lists = dialog.getByRole('group', { name: 'Search a list' }).getByRole('option');
  await expect(lists).toHaveText(['Search publications for “kv cache”', 'Search news for “kv cache”', 'Search posts for “kv cache”']);
  await lists.nth(1).click();
  await expect(page).toHaveURL(/\/sail\/news\?q=kv\+cache$/);
  await expect(page.getByLabel('Search news')).toHaveValue('kv cache');
});

for (const [width, height] of [[375, 812], [1280, 900]]) {
  test(`at ${width} px no result label breaks inside a word`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('news');
    await ready(page);
    await page.locator('body').press('/');
    const dialog = page.getByRole('dialog', { name: 'Search the site' });
    await dialog.getByRole('combobox').fill('inference');
    await expect(dialog.getByRole('group', { name: 'Publications' })).toBeVisible();
    // Every word of every heading and label is drawn on one line (a hyphenated word may wrap
    // after its hyphen, as text does).
    const broken = await dialog.evaluate((root) => {
      const out = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.textContent.matchAll(/[^\s\-‐–—/]+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
      return out;
    });
    expect(broken).toEqual([]);
    const box = await dialog.boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
  });
}

for (const theme of ['light', 'dark']) {
  test(`the focused search field shows a focus ring in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('news');
    await ready(page);
    await page.locator('body').press('/');
    const style = await page.getByRole('combobox').evaluate((el) => {
      const s = getComputedStyle(el);
      const bg = getComputedStyle(el.closest('.site-search')).backgroundColor;
      return { visible: el.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, bg };
    });
    expect(style.visible).toBe(true);
    expect(style.style).not.toBe('none');
    expect(style.width).toBeGreaterThanOrEqual(2);
    // Not the header's white ring on the white dialog.
    expect(style.color).not.toBe(style.bg);
    expect(style.color).not.toBe('rgb(255, 255, 255)');
  });
}

for (const theme of ['dark', 'light']) {
  test(`before the app runs, the theme switch is right in the ${theme} theme`, async ({ page }) => {
    await page.route('**/*.wasm', () => new Promise(() => {}));
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('people/');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle).toHaveAttribute('aria-pressed', theme === 'dark' ? 'true' : 'false');
    await expect(toggle.locator(theme === 'dark' ? '.theme-icon-sun' : '.theme-icon-moon')).toBeVisible();
    await expect(toggle.locator(theme === 'dark' ? '.theme-icon-moon' : '.theme-icon-sun')).toBeHidden();
    await expect(page.locator('html.app-ready')).toHaveCount(0);
  });
}
