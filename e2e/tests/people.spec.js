import { test, expect, ready, data } from './fixtures.js';

const key = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
const publicationsOf = (m) => {
  const names = new Set([m.name, ...(m.aliases ?? [])].map(key));
  return data.publications.filter((p) => p.authors.some((a) => names.has(key(a))));
};
const newsOf = (m) => data.news.filter((n) => (n.members ?? []).includes(m.slug) || n.text.includes(`/members/${m.slug})`));
const member = (slug) => data.members.find((m) => m.slug === slug);

test('people are grouped by role in a fixed order, alumni apart', async ({ page }) => {
  await page.goto('people');
  await ready(page);
  await expect(page.locator('.role-group h2')).toHaveText([
    'Principal investigator', 'PhD students', "Master's students", 'Undergraduate students', 'Alumni',
  ]);
  const current = data.members.filter((m) => !m.alumni);
  for (const [role, heading] of [['pi', 'Principal investigator'], ['phd', 'PhD students'], ['masters', "Master's students"], ['undergrad', 'Undergraduate students']]) {
    const group = page.locator('.role-group', { has: page.locator('h2', { hasText: heading }) });
    await expect(group.locator('.member-card')).toHaveCount(current.filter((m) => m.role === role).length);
  }
  const alumni = page.locator('.role-group.alumni .member-card');
  await expect(alumni).toHaveCount(data.members.filter((m) => m.alumni).length);
  await expect(alumni.filter({ hasText: 'Alind Khare' })).toHaveCount(1);
  // Every card links to the member's profile.
  const hrefs = await page.locator('.member-card a.member-name').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.sort()).toEqual(data.members.map((m) => `/sail/members/${m.slug}`).sort());
});

test('people read as a team: portraits of at least 120 px, two to a row on a phone, more on a wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('people');
  await ready(page);
  // The first group with at least two members.
  const group = page.locator('.role-group').filter({ has: page.locator('.member-card:nth-child(2)') }).first();
  const [a, b] = [await group.locator('.member-card').nth(0).boundingBox(), await group.locator('.member-card').nth(1).boundingBox()];
  expect(Math.abs(a.y - b.y), 'the first two cards on one row').toBeLessThan(1);
  expect(b.x, 'the second card to the right of the first').toBeGreaterThanOrEqual(a.x + a.width);
  expect(b.x + b.width).toBeLessThanOrEqual(375);
  // Portraits (photo or initials) are at least 120 px, with the name and role under them.
  const boxes = await page.locator('.member-card').evaluateAll((cards) => cards.map((c) => {
    const box = (s) => c.querySelector(s).getBoundingClientRect();
    return { avatar: box('.avatar'), name: box('.member-name'), role: box('.member-role') };
  }));
  expect(boxes.length).toBe(data.members.length);
  for (const { avatar, name, role } of boxes) {
    expect(avatar.width).toBeGreaterThanOrEqual(120);
    expect(avatar.height).toBeGreaterThanOrEqual(120);
    expect(name.top).toBeGreaterThanOrEqual(avatar.bottom);
    expect(role.top).toBeGreaterThanOrEqual(name.bottom - 1);
  }
  // A photo is chosen for the portrait's size (128 px, 256 px on a 2× screen).
  await expect(page.locator('.member-card .avatar img.photo').first()).toHaveAttribute('sizes', '128px');
  // The whole card is the link to the profile.
  const card = group.locator('.member-card').nth(1);
  const name = await card.locator('.member-name').getAttribute('href');
  const box = await card.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + 20);
  await expect(page).toHaveURL(new RegExp(`${name}$`));

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('people');
  await ready(page);
  const tops = await page.locator('.role-group').filter({ hasText: "Master's students" }).locator('.member-card')
    .evaluateAll((cards) => cards.map((c) => Math.round(c.getBoundingClientRect().top)));
  expect(tops.filter((t) => t === tops[0]).length, 'cards on the first row at 1280 px').toBeGreaterThanOrEqual(5);
});

test('alumni are marked "Alumni" instead of their former role', async ({ page }) => {
  await page.goto('people');
  await ready(page);
  const alumni = page.locator('.role-group.alumni .member-card');
  await expect(alumni.first().locator('.member-role')).toHaveText(/^Alumni/);
  // The bundled data gives no years or "now at" for anyone, so none are shown.
  await expect(page.locator('.member-now')).toHaveCount(0);
  await expect(alumni.locator('.member-role')).toHaveText(data.members.filter((m) => m.alumni).map(() => 'Alumni'));
});

test('the footer names the lab and links to its homepage and the Atom feed', async ({ page, request }) => {
  await page.goto('people');
  await ready(page);
  const footer = page.locator('footer.site-footer');
  await expect(footer).toContainText(`${data.lab.name} · ${data.lab.institution}`);
  const nav = footer.getByRole('navigation', { name: 'Footer' });
  await expect(nav.locator('a.link-homepage')).toHaveAttribute('href', data.lab.links.homepage);
  const feed = nav.getByRole('link', { name: 'Atom feed' });
  await expect(feed).toHaveAttribute('href', '/sail/feed.xml');
  const response = await request.get(await feed.getAttribute('href'));
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('<feed');
  // Targets of at least 24 × 24 px.
  for (const link of await nav.locator('a').all()) {
    const box = await link.boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.width).toBeGreaterThanOrEqual(24);
  }
});

test('a deep link to a profile shows the member, their publications and news', async ({ page }) => {
  const payman = member('payman-behnam');
  const response = await page.goto('members/payman-behnam');
  expect(response.status()).toBe(200);
  await ready(page);
  await expect(page.locator('h1')).toHaveText('Payman Behnam');
  await expect(page.locator('.profile .member-role')).toHaveText('PhD student');
  await expect(page.locator('.profile-links a.link-homepage')).toHaveAttribute('href', payman.links.homepage);
  const pubs = page.locator('section[aria-labelledby="member-pubs"] .pub-entry');
  await expect(pubs).toHaveCount(publicationsOf(payman).length);
  expect(publicationsOf(payman).length).toBeGreaterThan(5);
  const news = page.locator('section[aria-labelledby="member-news"] .news-entry');
  await expect(news).toHaveCount(newsOf(payman).length);
  await expect(news.first()).toContainText('Payman Behnam');
});

test('publications are matched by alias as well as by name', async ({ page }) => {
  // "Venkata Prabhakara Sarath Nookala" in an author list is the member Sarath Nookala.
  await page.goto('members/sarath-nookala');
  await ready(page);
  const pubs = page.locator('.profile .pub-entry');
  await expect(pubs).toHaveCount(1);
  await expect(pubs.first()).toContainText('Inshrinkerator');
  await expect(pubs.first().locator('a.author.member', { hasText: 'Venkata Prabhakara Sarath Nookala' }))
    .toHaveAttribute('href', '/sail/members/sarath-nookala');
});

test.describe('photos', () => {
  // The aborted photo request logs a network error; that is the point of the test.
  test.use({ allowConsoleErrors: true });

  test('a photo shows over the initials when it loads, the initials alone when it does not', async ({ page }) => {
    await page.goto('members/amey-agrawal');
    await ready(page);
    const photo = page.locator('.profile-head .avatar img.photo');
    await expect(photo).toBeVisible();
    await expect.poll(() => photo.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
    // The name is the heading beside it, so the photo itself is decorative.
    await expect(photo).toHaveAttribute('alt', '');
    await expect(page.locator('.profile-head .avatar')).toHaveAttribute('aria-hidden', 'true');

    await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('failed'));
    await page.goto('members/dhruv-garg');
    await ready(page);
    await expect(page.locator('.profile-head .avatar .initials')).toHaveText('DG');
    await expect(page.locator('.profile-head .avatar img.photo')).toHaveClass(/img-failed/);
    await expect(page.locator('.profile-head .avatar img.photo')).toBeHidden();
  });
});

test('an unknown member shows "member not found" with a link to People', async ({ page }) => {
  await page.goto('members/no-such-person');
  await ready(page);
  await expect(page.locator('h1')).toHaveText('Member not found');
  await expect(page.locator('.not-found')).toContainText('no-such-person');
  await page.locator('.not-found a', { hasText: 'People' }).click();
  await expect(page.locator('h1')).toHaveText('People');
});
