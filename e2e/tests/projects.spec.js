// Projects: the grid at /projects/, a project's page with its papers, people and news, the
// featured projects on the home page, a member's projects on their profile, and the pages
// pre-rendered so that they read without JavaScript.
import { test, expect, ready, data } from './fixtures.js';

const projects = data.projects;
const featured = projects.filter((p) => p.featured);
const memberSlugs = new Set(data.members.map((m) => m.slug));

test('the grid at /projects/ links to every project page', async ({ page }) => {
  await page.goto('projects/');
  await ready(page);
  await expect(page).toHaveTitle('Projects · SAIL');
  await expect(page.locator('main h1')).toHaveText('Projects');
  const cards = page.locator('.project-grid .project-card');
  await expect(cards).toHaveCount(projects.length);
  await expect(cards.locator('.project-name')).toHaveText(projects.map((p) => p.name));
  const hrefs = await cards.locator('.project-name a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(projects.map((p) => `/sail/projects/${p.slug}`));
  for (const card of await cards.all()) {
    expect((await card.locator('.project-summary').textContent()).length).toBeGreaterThan(10);
  }
  // Cards with a picture show it through the image pipeline.
  const withImage = projects.filter((p) => p.image).length;
  await expect(cards.locator('.project-thumb img')).toHaveCount(withImage);
  // The whole card is the link (its name's link covers the card, so a click on the summary lands
  // on it; `force` as Playwright sees that as the summary being covered): it opens the project
  // without a reload.
  await page.evaluate(() => (window.__sameDocument = true));
  await cards.filter({ hasText: 'Vidur' }).locator('.project-summary').click({ force: true });
  await expect(page).toHaveURL(/\/sail\/projects\/vidur$/);
  await expect(page.locator('main h1')).toHaveText('Vidur');
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
});

test('a project page lists its publications, people, links and news', async ({ page }) => {
  const p = projects.find((x) => x.slug === 'sarathi-serve');
  await page.goto('projects/sarathi-serve');
  await ready(page);
  await expect(page).toHaveTitle('Sarathi-Serve · SAIL');
  await expect(page.locator('main h1')).toHaveText('Sarathi-Serve');
  const titles = data.publications.filter((x) => p.publications.includes(x.id)).map((x) => x.title);
  const pubs = page.locator('#project-pubs ~ .entries .pub-entry');
  await expect(pubs).toHaveCount(p.publications.length);
  for (const t of titles) await expect(pubs.locator('.pub-title', { hasText: t })).toHaveCount(1);
  const people = page.locator('#project-people ~ .member-grid .member-card');
  await expect(people).toHaveCount(p.members.filter((m) => memberSlugs.has(m)).length);
  await expect(people.locator('a', { hasText: 'Amey Agrawal' })).toHaveAttribute('href', '/sail/members/amey-agrawal');
  await expect(page.locator('.project-links a', { hasText: 'Repository' })).toHaveAttribute(
    'href',
    'https://github.com/microsoft/sarathi-serve',
  );
  // The news that links to the project's page.
  await expect(page.locator('#project-news ~ .entries .news-entry')).toContainText(['OSDI']);
  await page.locator('.project a', { hasText: '← All projects' }).click();
  await expect(page.locator('main h1')).toHaveText('Projects');
});

test('an unknown project shows "project not found"', async ({ page }) => {
  await page.goto('projects/no-such-project');
  await ready(page);
  await expect(page).toHaveTitle('Project not found · SAIL');
  await expect(page.locator('main h1')).toHaveText('Project not found');
  await expect(page.locator('.not-found a', { hasText: 'See all projects' })).toHaveAttribute('href', '/sail/projects');
});

test('the home page shows the featured projects, and a profile its projects', async ({ page }) => {
  expect(featured.length).toBeGreaterThanOrEqual(3);
  await page.goto('./');
  await ready(page);
  const cards = page.locator('.home-projects .project-card');
  await expect(cards.locator('.project-name')).toHaveText(featured.map((p) => p.name));
  await expect(page.locator('.home-projects a.more')).toHaveAttribute('href', '/sail/projects');
  await page.goto('members/amey-agrawal');
  await ready(page);
  const mine = projects.filter((p) => p.members?.includes('amey-agrawal')).map((p) => p.name);
  expect(mine.length).toBeGreaterThan(0);
  await expect(page.locator('#member-projects ~ .project-grid .project-name')).toHaveText(mine);
  // Compact there: names and one line, no pictures, so the papers come soon after.
  await expect(page.locator('#member-projects ~ .project-grid img')).toHaveCount(0);
});

test('the main navigation has Projects, marked current on a project page', async ({ page }) => {
  await page.goto('projects/vidur');
  await ready(page);
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' });
  await expect(link).toHaveAttribute('href', '/sail/projects');
  await expect(link).toHaveAttribute('aria-current', 'page');
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the projects grid and a project page are pre-rendered under /sail/', async ({ page }) => {
    let response = await page.goto('projects/');
    expect(response.status()).toBe(200);
    await expect(page).toHaveTitle('Projects · SAIL');
    await expect(page.locator('.project-card')).toHaveCount(projects.length);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', 'http://127.0.0.1:4173/sail/projects/');
    for (const p of projects) {
      response = await page.goto(`projects/${p.slug}/`);
      expect(response.status(), p.slug).toBe(200);
      await expect(page.locator('main h1')).toHaveText(p.name);
      await expect(page.locator('#project-pubs ~ .entries .pub-entry')).toHaveCount(p.publications?.length ?? 0);
      await expect(page.locator('#project-people ~ .member-grid .member-card')).toHaveCount(
        (p.members ?? []).filter((m) => memberSlugs.has(m)).length,
      );
    }
    await page.goto('./');
    await expect(page.locator('.home-projects .project-card')).toHaveCount(featured.length);
  });
});
