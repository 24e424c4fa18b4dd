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

test('/blog shows the posts', async ({ page }) => {
  await page.goto('blog/');
  await expect(page.locator('h1')).toHaveText('Posts');
  await expect(page).toHaveURL(/\/sail\/posts$/);
  await expect(page.locator('.results .post-entry')).toHaveCount(1);
});

test("the old Jekyll address of the CompOFA post opens the post", async ({ page }) => {
  const response = await page.goto('2021/04/28/compofa.html');
  expect(response.status()).toBe(200);
  await expect(page.locator('main h1')).toHaveText('Introducing CompOFA');
  await expect(page).toHaveURL(/\/sail\/posts\/compofa\/$/);
  await expect(page).toHaveTitle('Introducing CompOFA · SAIL');
  // A date that is not the post's is not it.
  await page.goto('2021/04/29/compofa.html');
  await expect(page.locator('main h1')).toHaveText('Page not found');
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
