import { test, expect, ready, data, pubEntries, facet } from './fixtures.js';

const byAuthor = (name) => data.publications.filter((p) => p.authors.includes(name));

test('all publications, newest first, grouped by year, each linking to its paper', async ({ page }) => {
  await page.goto('publications');
  await ready(page);
  await expect(pubEntries(page)).toHaveCount(data.publications.length);
  const years = [...new Set(data.publications.map((p) => p.date.slice(0, 4)))].sort().reverse();
  await expect(page.locator('.year-heading')).toHaveText(years);
  const first = [...data.publications].sort((a, b) => b.date.localeCompare(a.date))[0];
  await expect(pubEntries(page).first().locator('.pub-title')).toHaveText(first.title);
  // A title links to its URL, else its DOI or arXiv page.
  const withUrl = data.publications.filter((p) => p.url || p.doi || p.arxiv).length;
  await expect(pubEntries(page).locator('.pub-title a[href^="https://"]')).toHaveCount(withUrl);
  await expect(pubEntries(page).first().locator('.pub-title a')).toHaveAttribute('rel', /noopener/);
});

test('lab members in author lists are marked and linked', async ({ page }) => {
  await page.goto('publications?q=vidur');
  await ready(page);
  const entry = pubEntries(page).first();
  await expect(entry.locator('a.author.member')).toHaveText(['Amey Agrawal', 'Alexey Tumanov']);
  await expect(entry.locator('a.author.member').first()).toHaveAttribute('href', '/sail/members/amey-agrawal');
  await expect(entry.locator('span.author', { hasText: 'Nitin Kedia' })).toHaveCount(1);
});

test('author, topic and year facets combine', async ({ page }) => {
  await page.goto('publications');
  await ready(page);
  const amey = facet(page, 'author', 'amey-agrawal');
  await expect(amey.locator('.count')).toHaveText(String(byAuthor('Amey Agrawal').length));
  await amey.click();
  await expect(page).toHaveURL(/\/sail\/publications\?author=amey-agrawal$/);
  await expect(pubEntries(page)).toHaveCount(byAuthor('Amey Agrawal').length);
  for (const e of await pubEntries(page).all()) {
    await expect(e.locator('a.author.member', { hasText: 'Amey Agrawal' })).toHaveCount(1);
  }
  const inference = byAuthor('Amey Agrawal').filter((p) => p.topics.includes('benchmarking'));
  await facet(page, 'topic', 'benchmarking').click();
  await expect(page).toHaveURL(/author=amey-agrawal&topic=benchmarking|topic=benchmarking&author=amey-agrawal/);
  await expect(pubEntries(page)).toHaveCount(inference.length);
  const in2024 = inference.filter((p) => p.date.startsWith('2024'));
  await facet(page, 'year', '2024').click();
  await expect(pubEntries(page)).toHaveCount(in2024.length);
  await expect(page.locator('.result-count')).toHaveText(`${in2024.length} of ${data.publications.length} publications`);
});

test('search finds titles, authors and venues without regard to case or accents', async ({ page }) => {
  await page.goto('publications');
  await ready(page);
  await page.getByLabel('Search publications').fill('inigo goiri');
  await expect(page).toHaveURL(/q=inigo\+goiri/);
  await expect(pubEntries(page)).toHaveCount(1);
  await expect(pubEntries(page).first()).toContainText('Medha');
  await page.getByLabel('Search publications').fill('OSDI');
  await expect(pubEntries(page)).toHaveCount(data.publications.filter((p) => /osdi/i.test(p.venue + p.title)).length);
});
