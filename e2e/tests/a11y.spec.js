// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every route in both colour themes,
// and keyboard use — the skip link, facets and search without a mouse, a visible focus indicator.
//
// axe is injected with page.addScriptTag, which is an inline script: the site's CSP forbids those,
// so this file (and only this file) runs with bypassCSP. The other specs keep the CSP enforced.
import { createRequire } from 'node:module';
import { test, expect, ready, newsEntries } from './fixtures.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test.use({ bypassCSP: true });

const ROUTES = [
  ['home', './'],
  ['news', 'news'],
  ['news filtered', 'news?year=2024&topic=fellowship'],
  ['people', 'people'],
  ['a profile', 'members/amey-agrawal'],
  ['publications by a lab author', 'publications?author=amey-agrawal'],
  ['projects', 'projects'],
  ['a project', 'projects/sarathi-serve'],
  ['posts', 'posts'],
  ['a post', 'posts/compofa'],
  ['a profile with a bio', 'members/alexey-tumanov'],
  ['not found', 'no/such/page'],
];

/** Relative luminance (0 black … 1 white) of a computed `rgb(…)` colour. */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((c) => {
    const s = Number(c) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two computed colours. */
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Sets data-theme on <html> as soon as it exists, before any of the page's scripts run. */
async function setThemeEarly(page, theme) {
  await page.addInitScript((t) => {
    const set = () => document.documentElement.setAttribute('data-theme', t);
    if (document.documentElement) set();
    else {
      new MutationObserver((_, observer) => {
        if (!document.documentElement) return;
        set();
        observer.disconnect();
      }).observe(document, { childList: true });
    }
  }, theme);
}

/** Fails unless the page shows the given theme (judged by the body's background). */
async function expectTheme(page, theme) {
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  if (theme === 'dark') expect(luminance(bg), `dark background, got ${bg}`).toBeLessThan(0.05);
  else expect(luminance(bg), `light background, got ${bg}`).toBeGreaterThan(0.8);
}

/** axe's WCAG violations on the page, one readable line per failing element. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations;
  }, WCAG_TAGS);
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
  );
}

// Each route in both themes, each chosen by data-theme against the system setting: light while
// the system asks for dark, then dark while it asks for light.
for (const [name, path] of ROUTES) {
  test(`axe finds no WCAG 2.2 AA violations: ${name}, light and dark`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await setThemeEarly(page, 'light');
    await page.goto(path);
    await ready(page);
    await expectTheme(page, 'light');
    expect(await axeViolations(page), 'light theme').toEqual([]);

    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await expectTheme(page, 'dark');
    expect(await axeViolations(page), 'dark theme').toEqual([]);
  });
}

test('axe finds no WCAG 2.2 AA violations in the open site-search dialog, light and dark', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await setThemeEarly(page, 'light');
  await page.goto('news');
  await ready(page);
  await page.locator('body').press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  await dialog.getByRole('combobox').fill('agrawal');
  await expect(dialog.getByRole('option').first()).toBeVisible();
  expect(await axeViolations(page), 'light theme').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expectTheme(page, 'dark');
  expect(await axeViolations(page), 'dark theme').toEqual([]);
});

test('axe finds no WCAG 2.2 AA violations with the phone facet panel open, light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await setThemeEarly(page, 'light');
  await page.goto('publications');
  await ready(page);
  await page.getByRole('button', { name: /^Filters/ }).click();
  await expect(page.locator('.facets')).toBeVisible();
  await page.getByRole('button', { name: /^Show all/ }).click();
  // With values chosen (their ticked style is checked too).
  await page.locator('.facet[data-facet="year"] a[data-value="2024"]').click();
  await page.locator('.facet[data-facet="topic"] a.facet-value').first().click();
  await expect(page.locator('.facets a[aria-current="true"]')).toHaveCount(2);
  await expect(page.locator('.facets')).toBeVisible();
  expect(await axeViolations(page), 'light theme').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expectTheme(page, 'dark');
  expect(await axeViolations(page), 'dark theme').toEqual([]);
});

test('axe finds no WCAG 2.2 AA violations in the search dialog before typing, with its suggestions', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto('./');
  await ready(page);
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog').getByRole('option').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('the data-theme attribute overrides the system colour scheme, both ways', async ({ page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await ready(page);
  const systemDark = await background();
  expect(luminance(systemDark)).toBeLessThan(0.05);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  expect(luminance(await background())).toBeGreaterThan(0.8);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  expect(luminance(await background())).toBeGreaterThan(0.8);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  expect(await background()).toBe(systemDark);
});

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(page, selector, limit = 60) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('the skip link is the first Tab stop and is on screen when focused', async ({ page }) => {
  await page.goto('people');
  await ready(page);
  const skip = page.locator('.skip-link');
  expect((await skip.boundingBox()).y + (await skip.boundingBox()).height).toBeLessThanOrEqual(0);
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toHaveText('Skip to content');
  await expect(skip).toBeInViewport({ ratio: 1 });
  const box = await skip.boundingBox();
  expect(box.height).toBeGreaterThanOrEqual(24);
});

// A bare `href="#main"` would resolve against <base href="/sail/"> (the home page); the link
// points at this page's own #main and moves the focus itself.
test('Enter on the skip link moves focus to the main content of the same page', async ({ page }) => {
  await page.goto('people');
  await ready(page);
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused({ timeout: 3000 });
  await expect(page).toHaveURL(/\/sail\/people\/?(#main)?$/);
  await expect(page.locator('.skip-link')).toHaveAttribute('href', /^\/sail\/people\/?#main$/);
  await expect(page.locator('main h1')).toHaveText('People');
  // The next Tab continues inside the main content, not back in the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement.closest('main') !== null)).toBe(true);
});

test('facets work with the keyboard alone: Tab to a facet value, Enter filters the list', async ({ page }) => {
  await page.goto('news');
  await ready(page);
  const all = await newsEntries(page).count();
  await tabTo(page, '.facet[data-facet="topic"] a.facet-value');
  const focused = page.locator('.facet[data-facet="topic"] a.facet-value:focus');
  const value = await focused.getAttribute('data-value');
  const count = Number(await focused.locator('.count').textContent());
  expect(count).toBeLessThan(all);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]topic=${value}(&|$)`));
  await expect(newsEntries(page)).toHaveCount(count);
  await expect(page.locator(`.facet[data-facet="topic"] a[data-value="${value}"]`)).toHaveAttribute('aria-current', 'true');
});

test('search works with the keyboard alone', async ({ page }) => {
  await page.goto('publications');
  await ready(page);
  const all = await page.locator('.results .pub-entry').count();
  await tabTo(page, 'input[type="search"]');
  await page.keyboard.type('vidur');
  await expect(page).toHaveURL(/[?&]q=vidur/);
  const hits = page.locator('.results .pub-entry');
  await expect.poll(() => hits.count()).toBeLessThan(all);
  await expect(hits.first()).toContainText(/vidur/i);
  // Clearing it by keyboard brings everything back.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect(hits).toHaveCount(all);
});

test('keyboard focus is visible on links, facet values, chips, buttons and the search box', async ({ page }) => {
  await page.goto('news');
  await ready(page);
  const selectors = [
    '.skip-link',
    '.site-header nav a',
    'input[type="search"]',
    '.facet a.facet-value',
    '.results a.chip',
  ];
  for (const selector of selectors) {
    await tabTo(page, selector, 200);
    const style = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return {
        focusVisible: el.matches(':focus-visible'),
        outlineStyle: s.outlineStyle,
        outlineWidth: parseFloat(s.outlineWidth),
        outlineColor: s.outlineColor,
        // What the ring is drawn on: the nearest ancestor with a background colour.
        background: (() => {
          for (let n = el.parentElement; n; n = n.parentElement) {
            const c = getComputedStyle(n).backgroundColor;
            if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
          }
          return 'rgb(255, 255, 255)';
        })(),
      };
    });
    expect(style.focusVisible, selector).toBe(true);
    expect(style.outlineStyle, selector).not.toBe('none');
    expect(style.outlineWidth, selector).toBeGreaterThanOrEqual(2);
    // WCAG 2.4.13's bar for a focus indicator: at least 3:1 against what it is drawn on.
    expect(contrast(style.outlineColor, style.background), `${selector}: ${style.outlineColor} on ${style.background}`)
      .toBeGreaterThanOrEqual(3);
  }
});
