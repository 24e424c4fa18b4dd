// A link to every item (issue 16): each news item and publication has an anchor and a visible link
// to it; site search, the feed and that link open exactly the item (scrolled to, marked, focused)
// in the app and on the pre-rendered pages. A profile does not link to itself.
import { test, expect, ready, data, newsEntries, pubEntries } from './fixtures.js';

const newsNewestFirst = [...data.news].sort((a, b) => b.date.localeCompare(a.date));
const pubsNewestFirst = [...data.publications].sort((a, b) => b.date.localeCompare(a.date));

/** The item is the one landed on: marked, focused and on screen. */
async function expectLanded(page, selector) {
  const item = page.locator(selector);
  await expect(item).toHaveClass(/landed/);
  await expect(item).toBeFocused();
  await expect(item).toBeInViewport();
  await expect(page.locator('.landed')).toHaveCount(1);
}

for (const [width, height] of [[1280, 900], [375, 812]]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height } });

    test('each news item and publication has a visible link to itself, which lands on it', async ({ page }) => {
      await page.goto('news');
      await ready(page);
      const item = newsNewestFirst[12];
      const link = page.locator(`#news-${item.id} a.permalink`);
      await expect(link).toBeVisible();
      await expect(link).toHaveAttribute('href', `/sail/news#news-${item.id}`);
      await expect(link).toHaveAccessibleName('Link to this news item');
      await link.click();
      await expect(page).toHaveURL(new RegExp(`/sail/news#news-${item.id}$`));
      await expectLanded(page, `#news-${item.id}`);

      await page.goto('publications');
      await ready(page);
      const pub = pubsNewestFirst[15];
      const pubLink = page.locator(`[id="pub-${pub.id}"] a.permalink`);
      await expect(pubLink).toBeVisible();
      await pubLink.click();
      await expect(page).toHaveURL(new RegExp(`/sail/publications#pub-${pub.id}$`));
      await expectLanded(page, `[id="pub-${pub.id}"]`);
    });

    test('site search opens a publication and a news item themselves, from another page', async ({ page }) => {
      await page.goto('people');
      await ready(page);
      // Enter on the one publication a title word finds.
      const pub = pubsNewestFirst[20];
      const words = pub.title.split(/\s+/).slice(0, 4).join(' ');
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Search the site' });
      await dialog.getByRole('combobox').fill(words);
      const option = dialog.getByRole('group', { name: 'Publications' }).getByRole('option', { name: new RegExp(pub.title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
      await option.click();
      await expect(dialog).toHaveCount(0);
      await expect(page).toHaveURL(new RegExp(`/sail/publications#pub-${pub.id}$`));
      await expect(pubEntries(page)).toHaveCount(data.publications.length);
      await expectLanded(page, `[id="pub-${pub.id}"]`);

      // "payman fellowship", Enter: the news item, not a one-item filtered list.
      await page.locator('body').press('/');
      await dialog.getByRole('combobox').fill('payman fellowship');
      const first = dialog.getByRole('option').first();
      await expect(first).toHaveAttribute('aria-selected', 'true');
      const expected = newsNewestFirst.find((n) => /payman/i.test(n.text) && /fellowship/i.test(n.text));
      await expect(first).toContainText(new Date(`${expected.date}T00:00:00Z`).getUTCFullYear().toString());
      await dialog.getByRole('combobox').press('Enter');
      await expect(page).toHaveURL(new RegExp(`/sail/news#news-${expected.id}$`));
      await expect(newsEntries(page)).toHaveCount(data.news.length);
      await expectLanded(page, `#news-${expected.id}`);
    });
  });
}

test('the pre-rendered page lands on the anchor without the app: the item marked, focused and on screen', async ({ page }) => {
  await page.route('**/*.wasm', () => new Promise(() => {}));
  await page.setViewportSize({ width: 375, height: 700 });
  const item = newsNewestFirst[16];
  await page.goto(`news/#news-${item.id}`);
  const li = page.locator(`#news-${item.id}`);
  await expect(li).toBeInViewport();
  const marked = await li.evaluate((el) => el.matches(':target') && getComputedStyle(el).backgroundColor);
  expect(marked).not.toBe(false);
  expect(marked).not.toBe('rgba(0, 0, 0, 0)');
  await expect(li).toBeFocused();
  await expect(page.locator('html.app-ready')).toHaveCount(0);
});

test('the feed links each news item to its own anchor, which opens it', async ({ page, request }) => {
  const feed = await (await request.get('feed.xml')).text();
  const links = [...feed.matchAll(/<entry>[\s\S]*?<link rel="alternate" type="text\/html" href="([^"]+)"/g)].map((m) => m[1]);
  const newsLinks = links.filter((l) => l.includes('#news-'));
  expect(newsLinks.length).toBe(data.news.length);
  const target = newsLinks.find((l) => l.endsWith(`#news-${newsNewestFirst[10].id}`));
  expect(target).toMatch(/\/sail\/news\/#news-/);
  await page.goto(new URL(target).pathname + new URL(target).hash);
  const li = page.locator(`#news-${newsNewestFirst[10].id}`);
  await expect(li).toBeInViewport();
  expect(await li.evaluate((el) => el.matches(':target'))).toBe(true);
  // Once the app runs it lands on it too: focus on the item.
  await ready(page);
  await expect(li).toBeFocused();
  await expect(li).toHaveClass(/landed/);
});

test('a profile does not link to itself in its own news', async ({ page }) => {
  await page.goto('members/payman-behnam');
  await ready(page);
  const news = page.locator('.profile .news-entry');
  await expect(news.first()).toBeVisible();
  await expect(news.locator('a[href="/sail/members/payman-behnam"]')).toHaveCount(0);
  await expect(news.locator('.self-link', { hasText: 'Payman Behnam' }).first()).toBeVisible();
  // Other members in the same items are still links.
  const others = await news.locator('.news-text a[href*="/members/"]').count();
  expect(others).toBeGreaterThanOrEqual(0);
});
