// History keeps every step (issue 16): one entry per deliberate step (a facet chosen, a search
// begun), typing replaces within its step, and Back and Forward restore the list, the scroll
// position and the focus.
import { test, expect, ready, data, newsEntries, pubEntries, facet } from './fixtures.js';

const has = (n, slug) => n.topics.includes(slug);
/** What the list's search looks in for a news item: its text and its kinds' and topics' labels. */
const searched = (n) => [n.text, ...n.topics.map((t) => data.topics.find((x) => x.slug === t)?.label ?? '')].join(' ');
const papers2024 = data.news.filter((n) => n.date.startsWith('2024') && has(n, 'paper'));

for (const [width, height] of [[1280, 900], [375, 812]]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height } });

    test('2024 → Papers → a search: Back steps back through each, Forward again', async ({ page }) => {
      await page.goto('news');
      await ready(page);
      const open = async () => {
        const toggle = page.getByRole('button', { name: /^Filters/ });
        if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
      };
      await open();
      await facet(page, 'year', '2024').click();
      await expect(page).toHaveURL(/\?year=2024$/);
      await facet(page, 'kind', 'paper').click();
      await expect(page).toHaveURL(/\?year=2024&kind=paper$/);
      const box = page.getByLabel('Search news');
      await box.pressSequentially('inference');
      await expect(page).toHaveURL(/\?year=2024&kind=paper&q=inference$/);
      const found = papers2024.filter((n) => /inference/i.test(searched(n)));
      await expect(newsEntries(page)).toHaveCount(found.length);

      await page.goBack();
      await expect(page).toHaveURL(/\?year=2024&kind=paper$/);
      await expect(box).toHaveValue('');
      await expect(newsEntries(page)).toHaveCount(papers2024.length);
      await page.goBack();
      await expect(page).toHaveURL(/\?year=2024$/);
      await expect(newsEntries(page)).toHaveCount(data.news.filter((n) => n.date.startsWith('2024')).length);
      await page.goForward();
      await page.goForward();
      await expect(page).toHaveURL(/\?year=2024&kind=paper&q=inference$/);
      await expect(box).toHaveValue('inference');
      await expect(newsEntries(page)).toHaveCount(found.length);
      // Typing on in the same search stays in its step.
      const length = await page.evaluate(() => history.length);
      await box.press('End');
      await box.pressSequentially(' x');
      await expect(page).toHaveURL(/q=inference\+x$/);
      expect(await page.evaluate(() => history.length)).toBe(length);
    });

    test('Back from a page opened far down a list returns to the same place, focus included', async ({ page }) => {
      await page.goto('publications');
      await ready(page);
      // An author's profile, from an entry far down.
      const entry = pubEntries(page).filter({ has: page.locator('a.author.member') }).nth(16);
      const link = entry.locator('a.author.member').first();
      await link.scrollIntoViewIfNeeded();
      const before = await page.evaluate(() => scrollY);
      await page.mouse.wheel(0, 120);
      // A wheel scroll lands a little later, and may glide: read the place once it has settled.
      const settled = () => page.evaluate(() => new Promise((done) => {
        const first = scrollY;
        setTimeout(() => done(scrollY === first ? scrollY : -1), 150);
      }));
      await expect.poll(settled).toBeGreaterThan(before);
      const y = await page.evaluate(() => scrollY);
      expect(y).toBeGreaterThan(1000);
      const href = await link.getAttribute('href');
      const id = await entry.getAttribute('id');
      await link.focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`${href}$`));
      await expect(page.locator('main h1')).toBeVisible();
      await page.goBack();
      await expect(page).toHaveURL(/\/sail\/publications\/?$/);
      await expect(pubEntries(page)).toHaveCount(data.publications.length);
      await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(y - 40);
      expect(Math.abs((await page.evaluate(() => scrollY)) - y)).toBeLessThan(40);
      // The link followed has the focus again, in its own entry.
      await expect(page.locator(`[id="${id}"] a[href="${href}"]`).first()).toBeFocused();
    });

    test('Back after choosing a facet with the keyboard restores the list and the focus on the value', async ({ page }) => {
      await page.goto('news');
      await ready(page);
      const toggle = page.getByRole('button', { name: /^Filters/ });
      if (await toggle.isVisible()) await toggle.click();
      await facet(page, 'year', '2025').focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\?year=2025$/);
      await expect(facet(page, 'year', '2025')).toBeFocused();
      await facet(page, 'kind', 'award').focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\?year=2025&kind=award$/);
      await page.goBack();
      await expect(page).toHaveURL(/\?year=2025$/);
      await expect(newsEntries(page)).toHaveCount(data.news.filter((n) => n.date.startsWith('2025')).length);
      await expect(facet(page, 'kind', 'award')).toBeFocused();
      await expect(facet(page, 'kind', 'award')).not.toHaveAttribute('aria-current', 'true');
    });
  });
}
