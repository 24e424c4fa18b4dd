// Posts: the list at /posts/, the CompOFA post with its figures, captions and a formula drawn as
// MathML, its byline and neighbours, posts in site search and on profiles, and the pages
// pre-rendered so that they read without JavaScript.
import { test, expect, ready, data } from './fixtures.js';

const figures = ['model-family', 'naive-training', 'ofa', 'dw-grid', 'table', 'pareto-results'];

test('the CompOFA post shows its headings, figures with captions and a MathML formula', async ({ page }) => {
  await page.goto('posts/compofa/');
  await ready(page);
  await expect(page).toHaveTitle('Introducing CompOFA · SAIL');
  await expect(page.locator('main h1')).toHaveText('Introducing CompOFA');
  await expect(page.locator('.post-body h2')).toHaveText([
    /^Introduction/, /^How it’s done today|^How it's done today/, /^CompOFA/, /^Learn more/,
  ]);
  // Each heading has an anchor that is its own address.
  await expect(page.locator('.post-body h2#introduction .heading-anchor')).toHaveAttribute('href', '#introduction');
  const figs = page.locator('.post-body figure');
  await expect(figs).toHaveCount(figures.length);
  for (const [i, name] of figures.entries()) {
    const fig = figs.nth(i);
    await expect(fig.locator('figcaption')).not.toBeEmpty();
    // Served from the image pipeline's files, with their size reserved.
    await expect(fig.locator('img')).toHaveAttribute('src', /^\/sail\/img\/[0-9a-f]{12}-\d+\.png$/);
    await expect(fig.locator('img')).toHaveAttribute('width', /^\d+$/);
    expect((await fig.locator('img').getAttribute('alt')).length, name).toBeGreaterThan(5);
    await expect(fig.locator('source[type="image/avif"]')).toHaveCount(1);
  }
  // The figures load and are drawn.
  await figs.first().scrollIntoViewIfNeeded();
  await expect.poll(() => figs.first().locator('img').evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  // The formula is MathML that Chromium lays out: 10 with a superscript 19.
  const math = page.locator('.post-body math');
  await expect(math).toHaveCount(1);
  await expect(math.locator('msup')).toHaveCount(1);
  const box = await math.boundingBox();
  expect(box.width).toBeGreaterThan(10);
  expect(await math.evaluate((m) => m.namespaceURI)).toBe('http://www.w3.org/1998/Math/MathML');
  // The byline links to the authors' profiles; the post appears on theirs.
  const byline = page.locator('.post-head .post-meta a');
  await expect(byline).toHaveText(['Alind Khare', 'Alexey Tumanov']);
  await byline.first().click();
  await expect(page).toHaveURL(/\/sail\/members\/alind-khare$/);
  await expect(page.locator('#member-posts ~ .entries .post-entry a').first()).toHaveText('Introducing CompOFA');
});

test('the post list finds the post by search and topic, and opens it without a reload', async ({ page }) => {
  await page.goto('posts/');
  await ready(page);
  await expect(page).toHaveTitle('Posts · SAIL');
  const entries = page.locator('.results .post-entry');
  await expect(entries).toHaveCount(1);
  await expect(entries.locator('.post-meta')).toContainText('Apr 28, 2021');
  await page.getByLabel('Search posts').fill('once-for-all');
  await expect(entries).toHaveCount(1);
  await page.getByLabel('Search posts').fill('sarathi');
  await expect(entries).toHaveCount(0);
  await page.goto('posts/?topic=weight-sharing');
  await ready(page);
  await expect(entries).toHaveCount(1);
  await page.evaluate(() => (window.__sameDocument = true));
  await entries.locator('h3 a').click();
  await expect(page.locator('main h1')).toHaveText('Introducing CompOFA');
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  // The header links to the posts.
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Posts' });
  await expect(link).toHaveAttribute('href', '/sail/posts');
});

test('site search finds the post and the projects', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.locator('.search-open').click();
  const input = page.getByRole('combobox');
  await input.fill('compofa');
  const options = page.getByRole('option');
  await expect(options.filter({ hasText: 'Introducing CompOFA' })).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Projects' }).getByRole('option').filter({ hasText: 'CompOFA' })).toHaveCount(1);
  await options.filter({ hasText: 'Introducing CompOFA' }).click();
  await expect(page).toHaveURL(/\/sail\/posts\/compofa$/);
  await expect(page.locator('main h1')).toHaveText('Introducing CompOFA');
});

test('an unknown post address says so and links to the list', async ({ page }) => {
  await page.goto('posts/no-such-post/');
  await ready(page);
  await expect(page.locator('main h1')).toHaveText('Post not found');
  await expect(page.getByRole('link', { name: 'See all posts' })).toHaveAttribute('href', '/sail/posts');
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the post and the list are pre-rendered under /sail/, with a preview image', async ({ page }) => {
    let response = await page.goto('posts/compofa/');
    expect(response.status()).toBe(200);
    await expect(page.locator('main h1')).toHaveText('Introducing CompOFA');
    await expect(page.locator('.post-body figure')).toHaveCount(figures.length);
    await expect(page.locator('.post-body math')).toHaveCount(1);
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^http:\/\/127\.0\.0\.1:4173\/sail\/img\/[0-9a-f]{12}-\d+\.png$/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', 'http://127.0.0.1:4173/sail/posts/compofa/');
    response = await page.goto('posts/');
    expect(response.status()).toBe(200);
    await expect(page.locator('.post-entry')).toHaveCount(1);
    response = await page.goto('2021/04/28/compofa.html');
    expect(response.status()).toBe(200);
    await expect(page.locator('main h1')).toHaveText('Introducing CompOFA');
  });
});

test('a profile reads as bio, news, projects and posts, then papers by year', async ({ page }) => {
  const pi = data.members.find((m) => m.slug === 'alexey-tumanov');
  await page.goto('members/alexey-tumanov');
  await ready(page);
  await expect(page.locator('.profile-bio .bio')).toContainText('leads SAIL');
  // The papers are grouped under year headings, newest first, each year once.
  const years = await page.locator('.by-year .year-heading').allTextContents();
  expect(years.length).toBeGreaterThan(2);
  expect(years).toEqual([...new Set(years)].sort().reverse());
  const mine = data.publications.filter((p) => p.authors.some((a) => [pi.name, ...(pi.aliases ?? [])].includes(a)));
  await expect(page.locator('.by-year .pub-entry')).toHaveCount(mine.length);
  await expect(page.locator('#member-selected ~ .entries .pub-entry')).toHaveCount(3);
  // On a wide screen the news sits beside the papers, not below them.
  const side = await page.locator('.profile-side').boundingBox();
  const papers = await page.locator('.profile-papers').boundingBox();
  expect(side.x).toBeGreaterThan(papers.x + papers.width - 1);
  expect(side.y).toBeLessThan(papers.y + 200);
});

test('on a phone a profile puts the news before the papers', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('members/alexey-tumanov');
  await ready(page);
  const news = await page.locator('#member-news').boundingBox();
  const papers = await page.locator('#member-pubs').boundingBox();
  expect(news.y).toBeLessThan(papers.y);
});

test('the home page has a join-us block with the open call and the lab links, and the latest post', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  const join = page.locator('#join');
  await expect(join.locator('h2')).toHaveText('Join us');
  await expect(join.locator('.join-text')).toContainText('contributors');
  await expect(join.locator('.news-entry')).toContainText(['Vajra']);
  await expect(join.getByRole('list', { name: 'Contact' }).getByRole('link', { name: 'GitHub' })).toHaveAttribute('href', data.lab.links.github);
  await page.getByRole('link', { name: 'Join us' }).click();
  await expect(join).toBeInViewport();
  await expect(page.locator('.home-posts .post-entry h3')).toHaveText('Introducing CompOFA');
});

test('on a 375 px phone the five header links fit on one row', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('posts/');
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  await expect(links).toHaveText(['News', 'People', 'Publications', 'Projects', 'Posts']);
  const ys = await links.evaluateAll((as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
  expect(new Set(ys).size, `tops ${ys}`).toBe(1);
  for (const box of await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().toJSON()))) {
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
  }
});
