import { test, expect, ready, data, newsEntries, facet } from './fixtures.js';

// A data file with 130 news items: long lists come in pages of 50, so the DOM never holds more.
function manyNews() {
  const big = structuredClone(data);
  big.news = Array.from({ length: 130 }, (_, i) => ({
    id: `item-${i}`,
    date: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
    topics: [i % 3 === 0 ? 'award' : 'paper'],
    text: `Synthetic item number ${i}`,
  }));
  return big;
}

test('long lists are split into pages of 50 with the page in the URL', async ({ page }) => {
  const big = manyNews();
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 200, json: big }));
  await page.goto('news');
  await ready(page);
  await expect(page.locator('.result-count')).toHaveText('130 news items');
  await expect(newsEntries(page)).toHaveCount(50);
  await expect(page.locator('.pager-status')).toHaveText('Page 1 of 3');
  await page.getByRole('link', { name: 'Older →' }).click();
  await expect(page).toHaveURL(/\/sail\/news\?page=2$/);
  await expect(newsEntries(page)).toHaveCount(50);
  await page.getByRole('link', { name: 'Older →' }).click();
  await expect(page.locator('.pager-status')).toHaveText('Page 3 of 3');
  await expect(newsEntries(page)).toHaveCount(30);
  await expect(page.getByRole('link', { name: 'Older →' })).toHaveCount(0);
  await page.goBack();
  await expect(page.locator('.pager-status')).toHaveText('Page 2 of 3');

  // A filter starts again at page 1.
  const awards = big.news.filter((n) => n.topics.includes('award')).length;
  await facet(page, 'kind', 'award').click();
  await expect(page).toHaveURL(/\/sail\/news\?kind=award$/);
  await expect(newsEntries(page)).toHaveCount(awards);
  await expect(page.locator('.pager')).toHaveCount(0);

  // An out-of-range page shows the last one.
  await page.goto('news?page=99');
  await ready(page);
  await expect(page.locator('.pager-status')).toHaveText('Page 3 of 3');
});

test('a change that brings a page of new entries fills the window in its frame, then the rest and the counts', async ({ page }) => {
  // 60 newer "alpha" items, then 60 older "beta" ones: searching "beta" replaces the whole page.
  const big = structuredClone(data);
  big.news = Array.from({ length: 120 }, (_, i) => ({
    id: `item-${i}`,
    date: new Date(Date.UTC(2025, 0, 1) - i * 7 * 86_400_000).toISOString().slice(0, 10),
    topics: [i % 4 === 0 ? 'award' : 'paper'],
    text: `${i < 60 ? 'Alpha' : 'Beta'} item number ${i}`,
  }));
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 200, json: big }));
  await page.goto('news');
  await ready(page);
  await expect(newsEntries(page)).toHaveCount(50);
  // What the first frame after each input event shows.
  await page.evaluate(() => {
    window.firstFrames = [];
    addEventListener('input', () => requestAnimationFrame(() => {
      const entries = [...document.querySelectorAll('.results .news-entry')];
      window.firstFrames.push({
        count: document.querySelector('.result-count').textContent,
        entries: entries.length,
        first: entries[0]?.textContent ?? '',
        lastBottom: entries.at(-1)?.getBoundingClientRect().bottom ?? 0,
        windowHeight: innerHeight,
        awards: document.querySelector('.facet[data-facet="kind"] a[data-value="award"] .count')?.textContent,
        url: location.search,
      });
    }), true);
  });
  await page.getByLabel('Search news').fill('beta');
  await expect(newsEntries(page)).toHaveCount(50);
  await expect(newsEntries(page).first()).toContainText('Beta item number 60');
  await expect.poll(() => page.evaluate(() => window.firstFrames.length)).toBeGreaterThan(0);
  const [first] = await page.evaluate(() => window.firstFrames);
  expect(first.count).toBe('60 of 120 news items');
  expect(first.first).toContain('Beta item number 60');
  // Enough entries to reach past the bottom of the window, not the whole page.
  expect(first.lastBottom).toBeGreaterThanOrEqual(first.windowHeight);
  expect(first.entries).toBeLessThan(50);
  // The facets' counts and the URL follow once that frame is painted.
  expect(first.awards).toBe('30');
  expect(first.url).toBe('');
  await expect(facet(page, 'kind', 'award').locator('.count')).toHaveText('15');
  await expect(page).toHaveURL(/\/sail\/news\?q=beta$/);

  // Scrolled down into the list, the visitor looks at later entries: the page comes whole.
  await page.getByLabel('Search news').fill('');
  await expect(newsEntries(page).first()).toContainText('Alpha item number 0');
  await newsEntries(page).nth(40).scrollIntoViewIfNeeded();
  // The list learns of the scroll from its scroll event, which comes with the next frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => (window.firstFrames = []));
  await page.getByLabel('Search news').evaluate((el) => {
    el.value = 'beta';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect(newsEntries(page).first()).toContainText('Beta item number 60');
  await expect.poll(() => page.evaluate(() => window.firstFrames.length)).toBeGreaterThan(0);
  expect((await page.evaluate(() => window.firstFrames))[0].entries).toBe(50);
});

test('text typed and then left by another link does not come back', async ({ page }) => {
  await page.goto('news');
  await ready(page);
  // A facet link followed in the same task as the typing (before the URL has caught up): the
  // link's address wins, and the typed text is not written over it afterwards.
  await page.getByLabel('Search news').evaluate((el) => {
    el.value = 'zzzz';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    document.querySelector('.facet[data-facet="kind"] a[data-value="award"]').click();
  });
  await expect(page).toHaveURL(/\/sail\/news\?kind=award$/);
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/\/sail\/news\?kind=award$/);
  await expect(page.getByLabel('Search news')).toHaveValue('');
  await expect(newsEntries(page).first()).toBeVisible();
});
