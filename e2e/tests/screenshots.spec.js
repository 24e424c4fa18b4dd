// Full-page screenshots of every route at a phone width and a desktop width, in the light and the
// dark theme, written to e2e/artifacts/screenshots/ (git-ignored) for people to look at. Each one
// also checks the layout: nothing wider than the viewport, the page heading on screen, the main
// navigation inside the viewport. The print stylesheet and the 320 px minimum are checked here too.
import { fileURLToPath } from 'node:url';
import { test, expect, ready } from './fixtures.js';

const OUT = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));

const ROUTES = [
  ['home', './'],
  ['news', 'news'],
  ['people', 'people'],
  ['profile', 'members/amey-agrawal'],
  ['publications', 'publications'],
  ['projects', 'projects'],
  ['project', 'projects/sarathi-serve'],
  ['not-found', 'no/such/page'],
];

const WIDTHS = [
  [375, 812],
  [1280, 900],
];

/** What overflows the viewport horizontally: the page, and each main-navigation link. */
function layout(page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const nav = [...document.querySelectorAll('.site-header a, .site-header button')].map((a) => {
      const r = a.getBoundingClientRect();
      return { text: a.textContent.trim(), left: Math.round(r.left), right: Math.round(r.right) };
    });
    return {
      viewport: vw,
      scrollWidth: document.documentElement.scrollWidth,
      navOutside: nav.filter((n) => n.left < 0 || n.right > vw),
      navCount: nav.length,
    };
  });
}

// One test per route: at each width the page loads once (with data-theme="light" against a dark
// system setting), then switches to data-theme="dark" (against a light one) for the second shot.
for (const [name, path] of ROUTES) {
  test(`screenshots: ${name}`, async ({ page }) => {
    for (const [width, height] of WIDTHS) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
      await page.goto(path);
      await ready(page);
      for (const theme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: theme === 'light' ? 'dark' : 'light', reducedMotion: 'reduce' });
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(bg, `${theme} background`).toBe(theme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(17, 15, 24)');
        const l = await layout(page);
        expect(l.scrollWidth, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(l.viewport);
        expect(l.navCount).toBeGreaterThanOrEqual(4);
        expect(l.navOutside, `navigation outside the viewport at ${width}px`).toEqual([]);
        await expect(page.locator('main h1').first()).toBeInViewport();
        await page.screenshot({ path: `${OUT}${name}-${width}-${theme}.png`, fullPage: true, animations: 'disabled' });
      }
    }
  });
}

test('at 320 px no route overflows and the main navigation stays on screen', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const [name, path] of [...ROUTES, ['news-filtered', 'news?year=2024&topic=fellowship']]) {
    await page.goto(path);
    await ready(page);
    const l = await layout(page);
    expect(l.scrollWidth, `${name}: horizontal overflow`).toBeLessThanOrEqual(320);
    expect(l.navOutside, `${name}: navigation outside the viewport`).toEqual([]);
  }
  // The facets of a list wait behind a "Filters" button instead of a tall column pushing the
  // results down; opened, the panel fits the width and its values wrap instead of scrolling away.
  await page.goto('publications');
  await ready(page);
  await expect(page.locator('.facets')).toBeHidden();
  await page.getByRole('button', { name: /^Filters/ }).click();
  await expect(page.locator('.facets')).toBeVisible();
  const facets = await page.evaluate(() =>
    [...document.querySelectorAll('.facet ul')].map((ul) => ({
      scrolls: ul.scrollWidth > ul.clientWidth,
      right: ul.getBoundingClientRect().right,
    })),
  );
  expect(facets.length).toBe(3);
  for (const f of facets) {
    expect(f.scrolls).toBe(false);
    expect(f.right).toBeLessThanOrEqual(320);
  }
  expect((await layout(page)).scrollWidth).toBeLessThanOrEqual(320);
  await page.getByRole('button', { name: /^Filters/ }).click();
  const firstEntry = await page.locator('.results .pub-entry').first().boundingBox();
  expect(firstEntry.y, 'first publication within the first two screens').toBeLessThan(2 * 640);
});

test('the publications list prints cleanly: no navigation, facets or search; paper URLs printed', async ({ page }) => {
  await page.goto('publications');
  await ready(page);
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.evaluate(() =>
    ['.site-header', '.skip-link', '.facets', '.search', '.site-footer'].map((s) => {
      const el = document.querySelector(s);
      return [s, el ? getComputedStyle(el).display : 'absent'];
    }),
  );
  for (const [selector, display] of hidden) expect(display, selector).toBe('none');
  const link = page.locator('.pub-entry .pub-title a[href^="http"]').first();
  const href = await link.getAttribute('href');
  const after = await link.evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toContain(href);
  // Black on white regardless of the screen theme; entries are not split across pages.
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  const colours = await page.evaluate(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.querySelector('.pub-title')).color,
    breakInside: getComputedStyle(document.querySelector('.pub-entry')).breakInside,
  }));
  expect(colours.body).toBe('rgb(255, 255, 255)');
  expect(colours.text).toBe('rgb(0, 0, 0)');
  expect(colours.breakInside).toBe('avoid');
  await page.pdf({ path: `${OUT}publications-print.pdf`, format: 'A4' });
  await page.screenshot({ path: `${OUT}publications-print.png`, fullPage: true });
});
