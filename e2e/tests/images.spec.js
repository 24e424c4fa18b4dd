// The lab's images: thumbnails made at build time and served as AVIF to a browser that takes it,
// every image sized before it arrives, photos that never show a broken-image glyph (with the app,
// before it, and without JavaScript), paper buttons, the logo, the share image and favicons.
import { test, expect, ready, data } from './fixtures.js';

const SITE = 'http://127.0.0.1:4173/sail/';
const withLinks = data.publications.filter((p) => p.links?.length);
const localThumbs = data.publications.filter((p) => p.image && !/^https?:/.test(p.image));

/** Every third-party request fails, as it does for an expired or unreachable photo link. */
async function failExternal(page) {
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('failed'));
}

/** Scrolls to the bottom in steps, so every lazy image is fetched, and waits for each to settle. */
async function loadAllImages(page) {
  await page.evaluate(async () => {
    for (let y = 0; y <= document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
}

/** Images that ended without pixels and are still drawn. */
function brokenAndVisible(page) {
  return page.evaluate(() =>
    [...document.images]
      .filter((img) => img.complete && img.naturalWidth === 0)
      .filter((img) => getComputedStyle(img).visibility !== 'hidden' && img.getClientRects().length > 0)
      .map((img) => img.outerHTML),
  );
}

test('publication thumbnails come as AVIF, at a size the slot needs', async ({ page }) => {
  await page.goto('publications/');
  await loadAllImages(page);
  const thumbs = await page.locator('.pub-thumb img').evaluateAll((imgs) =>
    imgs.map((img) => ({ src: img.currentSrc, w: img.naturalWidth, ok: img.complete && img.naturalWidth > 0 })),
  );
  const local = thumbs.filter((t) => t.src.startsWith(`${SITE}img/`));
  expect(local).toHaveLength(localThumbs.length);
  for (const t of local) {
    expect(t.ok, t.src).toBe(true);
    expect(t.src).toMatch(/\.avif$/);
    // A 144 px slot at the test's density 1: the 144 px rendition, not the 2,000 px original.
    expect(t.w).toBeLessThanOrEqual(192);
  }
  // The originals' folder is never fetched.
  const originals = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((r) => r.name.includes('/data/images/')).length,
  );
  expect(originals).toBe(0);
});

test('every image has its width and height before it arrives', async ({ page }) => {
  for (const path of ['', 'publications/', 'people/', 'members/alexey-tumanov/']) {
    await page.goto(path);
    const unsized = await page.evaluate(() =>
      [...document.images].filter((img) => !img.getAttribute('width') || !img.getAttribute('height')).map((i) => i.outerHTML),
    );
    expect(unsized, path).toEqual([]);
  }
});

test.describe('photos and thumbnails that fail', () => {
  // The aborted requests log network errors; that is the point of these tests.
  test.use({ allowConsoleErrors: true });

  test('never show a broken image, before or after the app takes over', async ({ page }) => {
    await failExternal(page);
    for (const path of ['people/', 'members/dhruv-garg/', 'publications/']) {
      await page.goto(path);
      await loadAllImages(page);
      expect(await brokenAndVisible(page), `${path} before the app`).toEqual([]);
    }
    await page.goto('members/dhruv-garg/');
    await ready(page);
    await loadAllImages(page);
    expect(await brokenAndVisible(page), 'with the app').toEqual([]);
    await expect(page.locator('.profile-head .avatar .initials')).toHaveText('DG');
    await expect(page.locator('.profile-head .avatar .initials')).toBeVisible();
    // A page the app renders afresh (not hydrated) too.
    await page.locator('.site-header nav a', { hasText: 'People' }).click();
    await expect(page.locator('main h1')).toHaveText('People');
    await loadAllImages(page);
    expect(await brokenAndVisible(page), 'People, rendered by the app').toEqual([]);
  });

  test.describe('with JavaScript off', () => {
    test.use({ javaScriptEnabled: false });

    test('a failed photo draws nothing over the initials', async ({ page }) => {
      await failExternal(page);
      // A window tall enough for every lazy photo (no script may scroll with JavaScript off).
      await page.setViewportSize({ width: 1280, height: 12000 });
      await page.goto('people/');
      await page.waitForFunction(() => [...document.images].every((img) => img.complete), null, { polling: 100 });
      const failed = await page.evaluate(() =>
        [...document.images]
          .filter((img) => img.naturalWidth === 0)
          .map((img) => ({
            alt: img.getAttribute('alt'),
            initials: img.closest('.avatar')?.querySelector('.initials')?.textContent ?? null,
          })),
      );
      expect(failed.length).toBeGreaterThan(10);
      for (const f of failed) {
        // An empty alt: Chromium draws no broken-image glyph and no clipped alt text for it.
        expect(f.alt).toBe('');
        expect(f.initials).toMatch(/^\p{Lu}{1,2}$/u);
      }
    });
  });
});

test('paper buttons render and link where the data says', async ({ page }) => {
  expect(withLinks.length).toBeGreaterThanOrEqual(8);
  await page.goto('publications/');
  for (const p of withLinks) {
    const buttons = page.locator(`#pub-${p.id} .pub-links a`);
    await expect(buttons).toHaveCount(p.links.length);
    for (const [i, link] of p.links.entries()) {
      await expect(buttons.nth(i)).toHaveAttribute('href', link.url);
      await expect(buttons.nth(i)).toHaveClass(new RegExp(`link-${link.type}`));
    }
  }
  await expect(page.locator('#pub-sarathi-serve-osdi-2024 .pub-links a', { hasText: 'Code' })).toHaveAttribute(
    'href',
    'https://github.com/microsoft/sarathi-serve',
  );
  // A title without a URL links to its arXiv page.
  await expect(page.locator('#pub-superserve-nsdi-2025 .pub-title a')).toHaveAttribute('href', 'https://arxiv.org/abs/2312.16733');
});

test('the header and the home page show the lab logo', async ({ page }) => {
  await page.goto('./');
  for (const logo of [page.locator('.brand img'), page.locator('.hero-logo')]) {
    await expect(logo).toBeVisible();
    await expect.poll(() => logo.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
  }
  expect(await page.locator('.brand img').getAttribute('src')).toMatch(/^\/sail\/img\/[0-9a-f]+-\d+\.svg$/);
  await expect(page.locator('.hero-photo img')).toHaveCount(1);
});

test('og:image is absolute and answers with an image; favicons answer too', async ({ page, request }) => {
  for (const path of ['', 'news/', 'publications/', 'members/alexey-tumanov/']) {
    await page.goto(path);
    const og = await page.locator('meta[property="og:image"]').getAttribute('content');
    expect(og, path).toMatch(new RegExp(`^${SITE}img/[0-9a-f]+-\\d+\\.jpg$`));
    const r = await request.get(og);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toBe('image/jpeg');
    await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute('content', og);
  }
  const icons = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluateAll((ls) =>
    ls.map((l) => ({ href: l.href, type: l.type })),
  );
  expect(icons.map((i) => i.type).sort()).toEqual(['image/png', 'image/png', 'image/svg+xml']);
  for (const icon of icons) expect((await request.get(icon.href)).status()).toBe(200);
});

test('news is filed under what it says: 2024 papers list the ECCV acceptance, not the teaching award', async ({ page }) => {
  await page.goto('news?year=2024&topic=paper');
  await ready(page);
  const list = page.locator('.results');
  await expect(list).toContainText('ECCV');
  await expect(list).not.toContainText('teaching award');
  await page.goto('news?topic=award');
  await ready(page);
  await expect(page.locator('.results')).toContainText('teaching award');
  await expect(page.locator('.results')).not.toContainText('Metron');
});
