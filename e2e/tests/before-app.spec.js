// The lists before the app runs (crates/sitegen/src/list.js): a tap on a facet or a letter typed
// is answered at once on the pre-rendered list while the app is still on its way, a filtered
// address never shows the unfiltered list or count, and once the app runs it shows the same list
// with nothing lost or applied twice. The app's wasm is held back in these tests, as a slow phone
// connection would.
import { test, expect, data, newsEntries } from './fixtures.js';

const years = (y) => data.news.filter((n) => n.date.startsWith(String(y)));
const total = data.news.length;

/** Holds the app's wasm back until `release()`. */
async function holdApp(page) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

const visible = (page) => page.locator('.results .news-entry:visible');

test('a facet tapped before the app runs filters the list at once, and the app keeps it', async ({ page }) => {
  const release = await holdApp(page);
  await page.goto('news/');
  await page.locator('.facet[data-facet="year"] a[data-value="2024"]').click();
  await expect(visible(page)).toHaveCount(years(2024).length);
  await expect(page.locator('.result-count')).toHaveText(`${years(2024).length} of ${total} news items`);
  await expect(page).toHaveURL(/\/sail\/news\?year=2024$/);
  const selected = page.locator('.facet[data-facet="year"] a[data-value="2024"]');
  await expect(selected).toHaveAttribute('aria-current', 'true');
  // The other facets count what choosing them would give now.
  const llm2024 = years(2024).filter((n) => n.topics.includes('llm-inference')).length;
  await expect(page.locator('.facet[data-facet="topic"] a[data-value="llm-inference"] .count')).toHaveText(String(llm2024));
  // The app is on its way, not yet running.
  await expect(page.locator('html.app-ready')).toHaveCount(0);
  release();
  await expect(page.locator('html.app-ready')).toHaveCount(1);
  await expect(newsEntries(page)).toHaveCount(years(2024).length);
  await expect(page).toHaveURL(/\/sail\/news\?year=2024$/);
  // Applied once: the facet is still chosen, not toggled off by a replayed click.
  await expect(page.locator('.facet[data-facet="year"] a[data-value="2024"]')).toHaveAttribute('aria-current', 'true');
  // Back restores the whole list, in the app.
  await page.goBack();
  await expect(newsEntries(page)).toHaveCount(total);
});

test('Back before the app runs restores the pre-rendered list', async ({ page }) => {
  await holdApp(page);
  await page.goto('news/');
  await page.locator('.facet[data-facet="topic"] a[data-value="llm-inference"]').click();
  await expect(visible(page)).toHaveCount(data.news.filter((n) => n.topics.includes('llm-inference')).length);
  await page.goBack();
  await expect(page).toHaveURL(/\/sail\/news\/$/);
  await expect(visible(page)).toHaveCount(total);
  await expect(page.locator('.result-count')).toHaveText(`${total} news items`);
  await expect(page.locator('.facet a[aria-current]')).toHaveCount(0);
});

test('a letter typed before the app runs filters the list at once, and the app gets the text', async ({ page }) => {
  const release = await holdApp(page);
  await page.goto('news/');
  await page.getByLabel('Search news').fill('fellowship');
  const expected = data.news.filter((n) => /fellowship/i.test(n.text)).length;
  await expect(visible(page)).toHaveCount(expected);
  release();
  await expect(page.locator('html.app-ready')).toHaveCount(1);
  await expect(page.getByLabel('Search news')).toHaveValue('fellowship');
  await expect(page).toHaveURL(/q=fellowship/);
  await expect(newsEntries(page)).toHaveCount(expected);
});

test('a shared filtered address never shows the unfiltered list or count', async ({ page }) => {
  await holdApp(page);
  // Record every count the page ever paints from the first frame on.
  await page.addInitScript(() => {
    window.__counts = [];
    const seen = () => {
      const c = document.querySelector('.result-count');
      if (c && getComputedStyle(c).visibility !== 'hidden') window.__counts.push(c.textContent);
      requestAnimationFrame(seen);
    };
    requestAnimationFrame(seen);
  });
  await page.goto('news/?year=2024&topic=llm-inference');
  const n = years(2024).filter((x) => x.topics.includes('llm-inference')).length;
  await expect(visible(page)).toHaveCount(n);
  await expect(page.locator('.result-count')).toHaveText(`${n} of ${total} news items`);
  const counts = await page.evaluate(() => window.__counts);
  expect(counts.length).toBeGreaterThan(0);
  expect(counts.filter((c) => c !== `${n} of ${total} news items`)).toEqual([]);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a list page says that filters need JavaScript', async ({ page }) => {
    await page.goto('news/?year=2024');
    await expect(page.locator('.no-script-filters')).toHaveText(/Filters and search need JavaScript/);
    await page.goto('people/');
    await expect(page.locator('.no-script-filters')).toHaveCount(0);
  });
});

test('on a phone the filter panel opens before the app runs, and stays open when it does', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const release = await holdApp(page);
  await page.goto('news/');
  const toggle = page.locator('#facets-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const year = page.locator('.facet[data-facet="year"] a[data-value="2024"]');
  await expect(year).toBeVisible();
  await year.click();
  await expect(visible(page)).toHaveCount(years(2024).length);
  await expect(page.locator('html.app-ready')).toHaveCount(0);
  release();
  await expect(page.locator('html.app-ready')).toHaveCount(1);
  await expect(page.locator('#facets-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('.facet[data-facet="year"] a[data-value="2024"]')).toBeVisible();
  await expect(newsEntries(page)).toHaveCount(years(2024).length);
});

test("an old shared address's topic that is now a kind is filtered as that kind before the app runs", async ({ page }) => {
  await holdApp(page);
  await page.goto('news/?topic=award');
  const n = data.news.filter((x) => x.topics.includes('award')).length;
  expect(n).toBeGreaterThan(0);
  await expect(visible(page)).toHaveCount(n);
  await expect(page.locator('.result-count')).toHaveText(`${n} of ${total} news items`);
  await expect(page.locator('.facet[data-facet="kind"] a[data-value="award"]')).toHaveAttribute('aria-current', 'true');
});
