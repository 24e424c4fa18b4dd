import { test, expect, ready, data, newsEntries, pubEntries } from './fixtures.js';

test('/team shows People', async ({ page }) => {
  await page.goto('team');
  await expect(page.locator('h1')).toHaveText('People');
  await expect(page).toHaveURL(/\/sail\/people$/);
  await expect(page).toHaveTitle('People · SAIL');
});

test('/research shows Publications and its ?search= becomes q', async ({ page }) => {
  await page.goto('research?search=sarathi');
  await expect(page.locator('h1')).toHaveText('Publications');
  await expect(page).toHaveURL(/\/sail\/publications\?q=sarathi$/);
  await expect(page.getByLabel('Search publications')).toHaveValue('sarathi');
  await expect(pubEntries(page)).toHaveCount(data.publications.filter((p) => /sarathi/i.test(p.title)).length);
});

test('/blog shows News', async ({ page }) => {
  await page.goto('blog/');
  await expect(page.locator('h1')).toHaveText('News');
  await expect(page).toHaveURL(/\/sail\/news$/);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
});

test('trailing slashes are accepted', async ({ page }) => {
  for (const [path, heading] of [['members/amey-agrawal/', 'Amey Agrawal'], ['news/', 'News'], ['people/', 'People'], ['publications/?year=2023', 'Publications']]) {
    await page.goto(path);
    await ready(page);
    await expect(page.locator('h1'), path).toHaveText(heading);
  }
  await expect(pubEntries(page)).toHaveCount(data.publications.filter((p) => p.date.startsWith('2023')).length);
  // The server redirects a directory without its slash, keeping the query.
  await page.goto('news?year=2025');
  await ready(page);
  await expect(newsEntries(page)).toHaveCount(data.news.filter((n) => n.date.startsWith('2025')).length);
});
