// The app takes over a pre-rendered page in place (hydration) when the page was rendered for the
// same address from the same data file, and renders afresh otherwise.
import { test, expect, ready, wakeApp, data, facet, newsEntries } from './fixtures.js';

/** Opens `path` with the data request held back, remembers the pre-rendered nodes matching
 * `selectors`, lets the data through and waits for the app. Returns, per selector, whether the
 * node on screen now is the very node that was pre-rendered. */
async function takeOver(page, path, selectors, body) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route('**/data/site.json', async (route) => {
    await gate;
    if (body === undefined) await route.continue();
    else await route.fulfill({ status: 200, contentType: 'application/json', body });
  });
  await page.goto(path);
  await wakeApp(page);
  await expect(page.locator('html.booting')).toHaveCount(1);
  await page.evaluate((sels) => {
    window.preRendered = sels.map((s) => document.querySelector(s));
    if (window.preRendered.some((n) => !n)) throw new Error(`not pre-rendered: ${sels}`);
  }, selectors);
  release();
  await ready(page);
  return page.evaluate((sels) => sels.map((s, i) => document.querySelector(s) === window.preRendered[i]), selectors);
}

const pages = [
  ['./', ['main h1', '.home-news .news-entry', 'header .brand']],
  ['news/', ['main h1', '.results .news-entry', '.facet[data-facet="year"] a']],
  ['people/', ['main h1', '.member-card']],
  ['publications/', ['main h1', '.results .pub-entry', '.bibtex']],
  ['members/amey-agrawal/', ['main h1', '.profile-head .avatar']],
  ['projects/', ['main h1', '.project-card']],
  ['projects/sarathi-serve/', ['main h1', '.project-head', '.pub-entry']],
  ['posts/', ['main h1', '.results .post-entry']],
  ['posts/compofa/', ['main h1', '.post-body figure', '.post-body math']],
];

for (const [path, selectors] of pages) {
  test(`/${path} is hydrated: the pre-rendered elements stay and come alive`, async ({ page }) => {
    expect(await takeOver(page, path, selectors)).toEqual(selectors.map(() => true));
    // Alive: the header's site search opens from the pre-rendered button.
    await page.locator('.search-open').click();
    await expect(page.getByRole('dialog')).toBeVisible();
  });
}

test('hydrated news filters, pages and navigates like a fresh render', async ({ page }) => {
  expect(await takeOver(page, 'news/', ['.results'])).toEqual([true]);
  const year = '2024';
  await facet(page, 'year', year).click();
  await expect(page).toHaveURL(/\?year=2024$/);
  await expect(newsEntries(page)).toHaveCount(data.news.filter((n) => n.date.startsWith(year)).length);
  await page.locator('header nav a', { hasText: 'People' }).click();
  await expect(page.locator('main h1')).toHaveText('People');
  await page.goBack();
  await expect(newsEntries(page)).toHaveCount(data.news.filter((n) => n.date.startsWith(year)).length);
});

test('a filtered address is rendered afresh, with the filter applied', async ({ page }) => {
  expect(await takeOver(page, 'news/?year=2024', ['.results .news-entry'])).toEqual([false]);
  await expect(newsEntries(page)).toHaveCount(data.news.filter((n) => n.date.startsWith('2024')).length);
  await expect(facet(page, 'year', '2024')).toHaveAttribute('aria-current', 'true');
});

test('a data file replaced after the build is rendered afresh from the new file', async ({ page }) => {
  const changed = structuredClone(data);
  changed.lab.short_name = 'SAIL-X';
  changed.news = changed.news.slice(0, 3);
  const same = await takeOver(page, 'news/', ['header .brand', '.results'], JSON.stringify(changed));
  expect(same).toEqual([false, false]);
  await expect(page.locator('header .brand')).toHaveText('SAIL-X');
  await expect(newsEntries(page)).toHaveCount(3);
});
