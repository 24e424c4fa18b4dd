import { test, expect, ready, data, newsEntries, facet } from './fixtures.js';

const inYear = (y) => data.news.filter((n) => n.date.startsWith(String(y)));
const withTopic = (list, t) => list.filter((n) => n.topics.includes(t));

test('all news, newest first, under year headings', async ({ page }) => {
  await page.goto('news');
  await ready(page);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
  const years = [...new Set(data.news.map((n) => n.date.slice(0, 4)))].sort().reverse();
  await expect(page.locator('.year-heading')).toHaveText(years);
  const dates = await newsEntries(page).locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  expect(dates).toEqual([...dates].sort().reverse());
  await expect(page.locator('.result-count')).toHaveText(`${data.news.length} news items`);
  // Unicode from the seed is shown correctly.
  await expect(page.locator('.results')).toContainText('DεpS');
  await expect(page.locator('.results')).toContainText('Metron 📐');
});

test('year and kind facets narrow the list and the URL, with matching counts', async ({ page }) => {
  await page.goto('news');
  await ready(page);
  const y2024 = facet(page, 'year', '2024');
  await expect(y2024.locator('.count')).toHaveText(String(inYear(2024).length));
  await y2024.click();
  await expect(page).toHaveURL(/\/sail\/news\?year=2024$/);
  await expect(newsEntries(page)).toHaveCount(inYear(2024).length);
  await expect(page.locator('.year-heading')).toHaveText(['2024']);
  await expect(y2024).toHaveAttribute('aria-current', 'true');

  const expected = withTopic(inYear(2024), 'fellowship');
  const fellowship = facet(page, 'kind', 'fellowship');
  await expect(fellowship.locator('.count')).toHaveText(String(expected.length));
  await fellowship.click();
  await expect(page).toHaveURL(/\/sail\/news\?year=2024&kind=fellowship$/);
  await expect(newsEntries(page)).toHaveCount(expected.length);
  await expect(page.locator('.result-count')).toHaveText(`${expected.length} of ${data.news.length} news items`);
  // Year counts now count fellowships per year.
  await expect(facet(page, 'year', '2025').locator('.count')).toHaveText(String(withTopic(inYear(2025), 'fellowship').length));
  // Every shown item carries the topic.
  for (const chips of await newsEntries(page).locator('.chips').allTextContents()) expect(chips).toContain('Fellowships');

  // Choosing the selected value again removes it.
  await facet(page, 'year', '2024').click();
  await expect(page).toHaveURL(/\/sail\/news\?kind=fellowship$/);
  await expect(newsEntries(page)).toHaveCount(withTopic(data.news, 'fellowship').length);
});

test('text search filters as you type, one history entry for the whole search', async ({ page }) => {
  await page.goto('news');
  await ready(page);
  const before = await page.evaluate(() => history.length);
  await page.getByLabel('Search news').pressSequentially('sarathi');
  await expect(page).toHaveURL(/\/sail\/news\?q=sarathi$/);
  const expected = data.news.filter((n) => n.text.toLowerCase().includes('sarathi'));
  await expect(newsEntries(page)).toHaveCount(expected.length);
  await expect(newsEntries(page).first()).toContainText('Sarathi');
  // The first letter began a step; the others replaced it.
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
  // Search is case- and accent-insensitive and needs every word.
  await page.getByLabel('Search news').fill('PAYMAN fellowship');
  await expect(newsEntries(page)).toHaveCount(2);
  await page.getByLabel('Search news').fill('');
  await expect(page).toHaveURL(/\/sail\/news$/);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
});

test('Back and Forward step through filter changes', async ({ page }) => {
  await page.goto('news');
  await ready(page);
  await facet(page, 'year', '2025').click();
  await expect(newsEntries(page)).toHaveCount(inYear(2025).length);
  await facet(page, 'kind', 'award').click();
  await expect(newsEntries(page)).toHaveCount(withTopic(inYear(2025), 'award').length);
  await page.goBack();
  await expect(page).toHaveURL(/\/sail\/news\?year=2025$/);
  await expect(newsEntries(page)).toHaveCount(inYear(2025).length);
  await expect(facet(page, 'kind', 'award')).not.toHaveClass(/selected/);
  await page.goBack();
  await expect(page).toHaveURL(/\/sail\/news\/?$/);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(/\/sail\/news\?year=2025&kind=award$/);
  await expect(newsEntries(page)).toHaveCount(withTopic(inYear(2025), 'award').length);
});

test('loading a URL restores its filters, search included; an old topic=<kind> link means the kind', async ({ page }) => {
  await page.goto('news?topic=paper&q=accepted');
  await ready(page);
  await expect(page.getByLabel('Search news')).toHaveValue('accepted');
  await expect(facet(page, 'kind', 'paper')).toHaveClass(/selected/);
  const expected = withTopic(data.news, 'paper').filter((n) => n.text.toLowerCase().includes('accepted'));
  await expect(newsEntries(page)).toHaveCount(expected.length);
});

test('clear filters, and an empty result that says so', async ({ page }) => {
  await page.goto('news?year=2024&q=zzzz-nothing');
  await ready(page);
  await expect(newsEntries(page)).toHaveCount(0);
  await expect(page.locator('.empty-state')).toContainText('No news items match these filters.');
  await page.locator('.empty-state a', { hasText: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/sail\/news$/);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
  await expect(page.locator('.facets .clear-filters')).toHaveCount(0);
  await facet(page, 'kind', 'award').click();
  await page.locator('.facets .clear-filters').click();
  await expect(page).toHaveURL(/\/sail\/news$/);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
});

test('unknown parameter values are ignored', async ({ page }) => {
  await page.goto('news?year=abc&topic=not-a-topic&utm_source=mail&year=1999');
  await ready(page);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
  await expect(page.locator('.facet a.selected')).toHaveCount(0);
  await expect(page.locator('.error-panel')).toHaveCount(0);
});

test('member mentions link to profiles; kind and topic chips filter', async ({ page }) => {
  await page.goto('news?q=qualcomm');
  await ready(page);
  const link = newsEntries(page).first().locator('.news-text a', { hasText: 'Payman Behnam' });
  await expect(link).toHaveAttribute('href', '/sail/members/payman-behnam');
  await link.click();
  await expect(page.locator('h1')).toHaveText('Payman Behnam');
  await page.goto('news');
  await ready(page);
  await newsEntries(page).first().locator('.chips a.kind').first().click();
  await expect(page).toHaveURL(/\/sail\/news\?kind=/);
  await expect(page.locator('.facet[data-facet="kind"] a.selected')).toHaveCount(1);
  await newsEntries(page).first().locator('.chips a:not(.kind)').first().click();
  await expect(page).toHaveURL(/\/sail\/news\?topic=/);
  await expect(page.locator('.facet[data-facet="topic"] a.selected')).toHaveCount(1);
  await expect(page.locator('.facet[data-facet="kind"] a.selected')).toHaveCount(0);
});
