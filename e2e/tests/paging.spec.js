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
  await facet(page, 'topic', 'award').click();
  await expect(page).toHaveURL(/\/sail\/news\?topic=award$/);
  await expect(newsEntries(page)).toHaveCount(awards);
  await expect(page.locator('.pager')).toHaveCount(0);

  // An out-of-range page shows the last one.
  await page.goto('news?page=99');
  await ready(page);
  await expect(page.locator('.pager-status')).toHaveText('Page 3 of 3');
});
