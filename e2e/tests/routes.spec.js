import { test, expect, ready, data, withoutDocument404s } from './fixtures.js';

const newestNews = [...data.news].sort((a, b) => b.date.localeCompare(a.date));

test('home shows the lab, its latest news and selected publications', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await expect(page).toHaveTitle('SAIL · System for AI Lab');
  await expect(page.locator('h1')).toHaveText('System for AI Lab (SAIL)');
  await expect(page.locator('.hero .description')).toContainText('led by Prof. Alexey Tumanov');
  const news = page.locator('.home-news .news-entry');
  await expect(news).toHaveCount(5);
  await expect(news.first().locator('time')).toHaveAttribute('datetime', newestNews[0].date);
  const pubs = page.locator('.home-pubs .pub-entry');
  await expect(pubs).toHaveCount(4);
  const featured = data.publications.filter((p) => p.featured).map((p) => p.title);
  for (const title of await pubs.locator('.pub-title').allTextContents()) {
    expect(featured).toContain(title);
  }
  await expect(page.locator('.home-news a.more')).toHaveAttribute('href', '/sail/news');
  await expect(page.locator('.home-pubs a.more')).toHaveAttribute('href', '/sail/publications');
});

test('every route sets a meaningful title', async ({ page }) => {
  const cases = [
    ['news', 'News · SAIL'],
    ['people', 'People · SAIL'],
    ['publications', 'Publications · SAIL'],
    ['members/amey-agrawal', 'Amey Agrawal · SAIL'],
    ['members/nobody-here', 'Member not found · SAIL'],
    ['projects', 'Projects · SAIL'],
    ['projects/vidur', 'Vidur · SAIL'],
    ['projects/nobody-here', 'Project not found · SAIL'],
    ['no/such/page', 'Page not found · SAIL'],
  ];
  for (const [path, title] of cases) {
    await page.goto(path);
    await ready(page);
    await expect(page).toHaveTitle(title);
  }
});

test('navigation between routes does not reload the page', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.evaluate(() => (window.__sameDocument = true));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveURL(/\/sail\/people$/);
  await expect(page.locator('h1')).toHaveText('People');
  await page.locator('.member-card a', { hasText: 'Payman Behnam' }).click();
  await expect(page).toHaveURL(/\/sail\/members\/payman-behnam$/);
  await expect(page.locator('h1')).toHaveText('Payman Behnam');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Publications' }).click();
  await expect(page.locator('h1')).toHaveText('Publications');
  await page.goBack();
  await expect(page.locator('h1')).toHaveText('Payman Behnam');
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
});

test('every in-app link carries the base path', async ({ page }) => {
  for (const path of ['./', 'news', 'people', 'publications', 'members/alexey-tumanov']) {
    await page.goto(path);
    await ready(page);
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(3);
    for (const href of hrefs) expect(href, `on ${path}`).toMatch(/^\/sail(\/|$)/);
  }
});

test('an unknown route shows Not Found with links to the main pages', async ({ page }) => {
  const response = await page.goto('no/such/page');
  expect(response.status()).toBe(404);
  await ready(page);
  await expect(page.locator('h1')).toHaveText('Page not found');
  const links = page.locator('.not-found a');
  await expect(links).toHaveText(['Home', 'News', 'People', 'Publications', 'Projects', 'Posts']);
  await links.filter({ hasText: 'News' }).click();
  await expect(page.locator('h1')).toHaveText('News');
});

test('deep links answer 200 and open their view', async ({ page }) => {
  for (const [path, heading] of [
    ['members/amey-agrawal', 'Amey Agrawal'],
    ['news?year=2024&topic=award', 'News'],
    ['publications/', 'Publications'],
  ]) {
    const response = await page.goto(path);
    expect(response.status(), path).toBe(200);
    await ready(page);
    await expect(page.locator('h1')).toHaveText(heading);
  }
  await expect(page.locator('.facet[data-facet="year"] a.selected')).toHaveCount(0);
  await page.goto('news?year=2024&topic=award');
  await ready(page);
  await expect(page.locator('.facet a.selected')).toHaveText([/2024/, /Awards/]);
});

test('a loading state shows while the data is on its way', async ({ page }) => {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route('**/data/site.json', async (route) => {
    await gate;
    await route.continue();
  });
  // No page was rendered for a filtered address: the pre-rendered list is readable at once, with a
  // progress bar while the app starts to filter it.
  await page.goto('news?year=2024');
  await expect(page.locator('html.booting .boot-progress')).toBeVisible();
  await expect(page.locator('.boot-progress')).toHaveAttribute('role', 'status');
  await expect(page.locator('main h1')).toHaveText('News');
  release();
  await ready(page);
  await expect(page.locator('.boot-progress')).toBeHidden();
  await expect(page.locator('.results .news-entry')).toHaveCount(data.news.filter((n) => n.date.startsWith('2024')).length);
});

test('no console errors on any route', async ({ page, consoleErrors }) => {
  let documents404 = 0;
  page.on('response', (r) => {
    if (r.request().resourceType() === 'document' && r.status() === 404) documents404 += 1;
  });
  const paths = ['./', 'news', 'news?year=2025&topic=paper&q=osr', 'people', 'publications?author=alind-khare',
    'members/payman-behnam', 'members/unknown-person', 'team', 'research?search=vidur', 'blog', 'nowhere'];
  for (const path of paths) {
    await page.goto(path);
    await ready(page);
  }
  expect(documents404, "an unknown member and an unknown page").toBe(2);
  expect(withoutDocument404s(consoleErrors, documents404)).toEqual([]);
});
