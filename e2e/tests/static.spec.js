// The static side of the site: every route is a real HTML page that reads without JavaScript and
// carries its own head tags; the feed, sitemap and robots.txt; the app taking over without
// duplicating anything; the Content-Security-Policy.
import { test, expect, ready, data } from './fixtures.js';

const SITE = 'http://127.0.0.1:4173/sail/';
const pages = [
  ['', 'SAIL · System for AI Lab', 'System for AI Lab (SAIL)'],
  ['news/', 'News · SAIL', 'News'],
  ['people/', 'People · SAIL', 'People'],
  ['publications/', 'Publications · SAIL', 'Publications'],
  ['members/payman-behnam/', 'Payman Behnam · SAIL', 'Payman Behnam'],
  ['projects/', 'Projects · SAIL', 'Projects'],
  ['projects/vidur/', 'Vidur · SAIL', 'Vidur'],
];

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('every route renders its content', async ({ page }) => {
    for (const [path, title, heading] of pages) {
      const response = await page.goto(path);
      expect(response.status(), path).toBe(200);
      await expect(page).toHaveTitle(title);
      await expect(page.locator('main h1')).toHaveText(heading);
    }
    await page.goto('news/');
    await expect(page.locator('.news-entry')).toHaveCount(data.news.length);
    await expect(page.locator('.news-entry').first()).toContainText('SuperServe');
    await page.goto('publications/');
    await expect(page.locator('.pub-entry')).toHaveCount(data.publications.length);
    await page.goto('people/');
    await expect(page.locator('.member-card')).toHaveCount(data.members.length);
    await page.goto('members/amey-agrawal/');
    await expect(page.locator('.profile .pub-entry').first()).toBeVisible();
    // The boot progress bar only shows when the boot script runs.
    await expect(page.locator('.boot-progress')).toBeHidden();
  });

  test('links between pages work as plain links', async ({ page }) => {
    await page.goto('people/');
    await page.locator('.member-card a', { hasText: 'Dhruv Garg' }).click();
    await expect(page).toHaveURL(/\/sail\/members\/dhruv-garg\/?$/);
    await expect(page.locator('main h1')).toHaveText('Dhruv Garg');
  });

  test('unknown paths show the Not Found page', async ({ page }) => {
    const response = await page.goto('nothing/here');
    expect(response.status()).toBe(404);
    await expect(page.locator('main h1')).toHaveText('Page not found');
    await expect(page).toHaveTitle('Page not found · SAIL');
  });
});

test('each page carries its own description, canonical URL and card tags', async ({ page }) => {
  for (const [path, title] of pages) {
    await page.goto(path);
    const head = page.locator('head');
    await expect(head.locator('link[rel="canonical"]')).toHaveAttribute('href', SITE + path);
    await expect(head.locator('meta[property="og:url"]')).toHaveAttribute('content', SITE + path);
    await expect(head.locator('meta[property="og:title"]')).toHaveAttribute('content', title);
    // The lab's share image is wide: a large card.
    await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
    const description = await head.locator('meta[name="description"]').getAttribute('content');
    expect(description.length, path).toBeGreaterThan(40);
    expect(description.length, path).toBeLessThanOrEqual(160);
    await expect(head.locator('meta[property="og:description"]')).toHaveAttribute('content', description);
    await expect(head.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute('href', `${SITE}feed.xml`);
    await expect(head.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self' 'wasm-unsafe-eval'/);
    await expect(head.locator('script:not([src])')).toHaveCount(0);
    // The wasm is not preloaded: the page reads before the app runs, and its paint comes first.
    await expect(head.locator('link[rel="preload"], link[rel="modulepreload"]')).toHaveCount(0);
  }
  await page.goto('members/payman-behnam/');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /^Payman Behnam, PhD student at the System for AI Lab \(SAIL\)/);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'profile');
});

test('the app takes over a pre-rendered page without duplicating it', async ({ page }) => {
  await page.goto('news/');
  await ready(page);
  await expect(page.locator('header.site-header')).toHaveCount(1);
  await expect(page.locator('main')).toHaveCount(1);
  await expect(page.locator('main h1')).toHaveCount(1);
  await expect(page.locator('.news-entry')).toHaveCount(data.news.length);
  // And it is live: a facet filters in place.
  await page.evaluate(() => (window.__sameDocument = true));
  await page.locator('.facet[data-facet="year"] a[data-value="2025"]').click();
  await expect(page.locator('.news-entry')).toHaveCount(data.news.filter((n) => n.date.startsWith('2025')).length);
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
});

test('the Atom feed is well-formed and lists every news item with absolute links', async ({ page, request }) => {
  const response = await request.get('feed.xml');
  expect(response.status()).toBe(200);
  const xml = await response.text();
  await page.goto('./');
  const feed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    const root = doc.documentElement;
    const entries = [...root.getElementsByTagName('entry')].map((e) => ({
      id: e.getElementsByTagName('id')[0]?.textContent,
      title: e.getElementsByTagName('title')[0]?.textContent,
      updated: e.getElementsByTagName('updated')[0]?.textContent,
      link: e.getElementsByTagName('link')[0]?.getAttribute('href'),
      content: e.getElementsByTagName('content')[0]?.textContent,
    }));
    return {
      ns: root.namespaceURI,
      name: root.localName,
      id: root.getElementsByTagName('id')[0].textContent,
      updated: root.getElementsByTagName('updated')[0].textContent,
      self: root.querySelector('link[rel="self"]').getAttribute('href'),
      entries,
    };
  }, xml);
  expect(feed.error).toBeUndefined();
  expect(feed.ns).toBe('http://www.w3.org/2005/Atom');
  expect(feed.name).toBe('feed');
  expect(feed.self).toBe(`${SITE}feed.xml`);
  // Every news item and the post, newest first.
  expect(feed.entries).toHaveLength(data.news.length + 1);
  const newest = [...data.news].sort((a, b) => b.date.localeCompare(a.date))[0];
  expect(feed.updated).toBe(`${newest.date}T00:00:00Z`);
  expect(new Set(feed.entries.map((e) => e.id)).size).toBe(data.news.length + 1);
  const dates = feed.entries.map((e) => e.updated);
  expect(dates).toEqual([...dates].sort().reverse());
  const post = feed.entries.find((e) => e.link === `${SITE}posts/compofa/`);
  expect(post.title).toBe('Introducing CompOFA');
  expect(post.updated).toBe('2021-04-28T00:00:00Z');
  expect(post.content).toContain('<math');
  expect(post.content).toContain('<figcaption>');
  for (const e of feed.entries.filter((x) => x !== post)) {
    expect(e.link).toMatch(new RegExp(`^${SITE}news/#news-[a-z0-9-]+$`));
    expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    expect(e.title.length).toBeGreaterThan(5);
    expect(e.content).not.toMatch(/<script/i);
  }
  const payman = feed.entries.find((e) => e.content.includes('Qualcomm'));
  expect(payman.content).toContain('<a href="/sail/members/payman-behnam">Payman Behnam');
  // Each entry's anchor exists on the news page.
  await page.goto(feed.entries[0].link.replace(SITE, ''));
  await ready(page);
  await expect(page.locator(`#${feed.entries[0].link.split('#')[1]}`)).toHaveCount(1);
});

test('the sitemap lists every route, each answering 200, and robots.txt points at it', async ({ page, request }) => {
  const xml = await (await request.get('sitemap.xml')).text();
  await page.goto('./');
  const locs = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.querySelector('parsererror')) return null;
    return [...doc.getElementsByTagName('loc')].map((l) => l.textContent);
  }, xml);
  expect(locs).not.toBeNull();
  const expected = [
    '',
    'news/',
    'people/',
    'publications/',
    'projects/',
    ...data.members.map((m) => `members/${m.slug}/`),
    ...data.projects.map((p) => `projects/${p.slug}/`),
    'posts/',
    'posts/compofa/',
  ].map((p) => SITE + p);
  expect(locs.sort()).toEqual(expected.sort());
  for (const loc of locs) {
    const r = await request.get(loc);
    expect(r.status(), loc).toBe(200);
  }
  const robots = await (await request.get('robots.txt')).text();
  expect(robots).toContain(`Sitemap: ${SITE}sitemap.xml`);
});
