// Hostile and clumsy data files (issue 17), as a visitor meets them: the site answers at once,
// names what is wrong where it is, and drops nothing without a word.
import { test, expect, ready, data, newsEntries, wakeApp } from './fixtures.js';

test.use({ allowConsoleErrors: true });

const serve = (page, body, contentType = 'application/json') =>
  page.route('**/data/site.json', (r) => r.fulfill({ status: 200, contentType, body }));
const notices = (page) => page.locator('.data-notices');

/** Opens `path` and waits for the app to take it over with the served data. */
async function open(page, path) {
  await page.goto(path);
  await wakeApp(page);
  await ready(page);
}
const openNews = (page) => open(page, 'news');

test('a news text of 200,000 "[" shows at once (the markdown parser is linear)', async ({ page }) => {
  const d = structuredClone(data);
  const newest = [...d.news].sort((a, b) => b.date.localeCompare(a.date))[0];
  newest.text = '['.repeat(200_000);
  await serve(page, JSON.stringify(d));
  // ready() waits at most the usual 10 s; a quadratic parse took minutes.
  await openNews(page);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
  await expect(newsEntries(page).first().locator('.news-text')).toContainText('[[[[[[[[');
});

test('a file saved as UTF-16 is named as such, with how to save it', async ({ page }) => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(data), 'utf16le')]);
  await serve(page, utf16);
  await page.goto('news');
  await wakeApp(page);
  await expect(page.locator('.error-panel')).toContainText('UTF-16');
  await expect(page.locator('.error-panel')).toContainText('save it as UTF-8');
});

test('a lone surrogate in a name skips that member, with a notice where it is', async ({ page }) => {
  const d = structuredClone(data);
  const text = JSON.stringify(d).replace(`"name":"${d.members[1].name}"`, `"name":"${d.members[1].name}\\ud800"`);
  await serve(page, text);
  await open(page, 'people');
  await expect(page.locator('.member-card')).toHaveCount(data.members.length - 1);
  await notices(page).locator('summary').click();
  await expect(notices(page)).toContainText('members[1]');
});

test('a repeated section (a bad merge) is named on the site, not silently dropped', async ({ page }) => {
  const text = JSON.stringify(data).replace(/}$/, ',"publications":[]}');
  await serve(page, text);
  await open(page, 'publications');
  await notices(page).locator('summary').click();
  await expect(notices(page)).toContainText('publications');
  await expect(notices(page)).toContainText('the key "publications" is repeated');
  await expect(notices(page)).toContainText('the site reads only the last one');
});

test('a repeated key in an item skips it with a notice at its path', async ({ page }) => {
  const d = structuredClone(data);
  const text = JSON.stringify(d).replace(`"name":"${d.members[1].name}"`, `"name":"${d.members[1].name}","name":"Someone Else"`);
  await serve(page, text);
  await open(page, 'people');
  await expect(page.locator('.member-card')).toHaveCount(data.members.length - 1);
  await notices(page).locator('summary').click();
  await expect(notices(page)).toContainText('members[1].name');
  await expect(notices(page)).toContainText('the key "name" is repeated');
});

test('a control character pasted into a text is a notice at its field', async ({ page }) => {
  const d = structuredClone(data);
  d.news[2].text = `${d.news[2].text}\u000b`;
  await serve(page, JSON.stringify(d));
  await openNews(page);
  await expect(newsEntries(page)).toHaveCount(data.news.length);
  await notices(page).locator('summary').click();
  await expect(notices(page)).toContainText('news[2].text');
  await expect(notices(page)).toContainText('control character U+000B');
});

test('a member listed twice in a news item is a notice, and the item shows once on the profile', async ({ page }) => {
  const d = structuredClone(data);
  const i = d.news.findIndex((n) => n.members?.length === 1 && n.members[0] === 'payman-behnam');
  d.news[i].members = ['payman-behnam', 'payman-behnam'];
  await serve(page, JSON.stringify(d));
  await open(page, 'members/payman-behnam');
  const mentions = data.news.filter((n) => n.text.includes('/members/payman-behnam') || n.members?.includes('payman-behnam')).length;
  await expect(page.locator('.profile .news-entry')).toHaveCount(mentions);
  await notices(page).locator('summary').click();
  await expect(notices(page)).toContainText(`news[${i}].members[1]`);
});

test('a news item dated more than a year ahead is a notice (a typo in the year)', async ({ page }) => {
  const d = structuredClone(data);
  d.news[3].date = '2099-01-01';
  await serve(page, JSON.stringify(d));
  await openNews(page);
  await expect(newsEntries(page).first()).toContainText('Jan 1, 2099');
  await notices(page).locator('summary').click();
  await expect(notices(page)).toContainText('news[3].date');
  await expect(notices(page)).toContainText('more than a year from now');
});
