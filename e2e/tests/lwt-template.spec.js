// A lab moved over from the lab-website-template in one command: LWT 1.3.7's own sample site,
// imported with `labctl import-lwt` and built like this site (scripts/test.sh does both; run with
// E2E_SITE=lwt-template). Every member, publication, post and project of the source is on the new
// site, and the old addresses answer.
import { test, expect, ready } from './fixtures.js';
import { readFileSync, readdirSync } from 'node:fs';

const imported = JSON.parse(readFileSync(new URL('../../target/lwt-template/data/site.json', import.meta.url), 'utf8'));
const source = process.env.LWT_SOURCE ?? new URL('../../../shared/lwt-examples/template', import.meta.url).pathname;
const sourceMembers = readdirSync(`${source}/_members`).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
const sourcePosts = readdirSync(`${source}/_posts`).filter((f) => f.endsWith('.md'));

test('every member of the source has a profile, at its new and its old address', async ({ page }) => {
  expect(imported.members.map((m) => m.slug).sort()).toEqual([...sourceMembers].sort());
  await page.goto('people/');
  await ready(page);
  await expect(page.locator('.member-card')).toHaveCount(sourceMembers.length);
  for (const m of imported.members) {
    let response = await page.goto(`members/${m.slug}/`);
    expect(response.status(), m.slug).toBe(200);
    await expect(page.locator('main h1')).toHaveText(m.name);
    // LWT's own address of the profile.
    response = await page.goto(`members/${m.slug}.html`);
    expect(response.status(), `${m.slug}.html`).toBe(200);
    await ready(page);
    await expect(page.locator('main h1')).toHaveText(m.name);
  }
});

test('every publication of the source is listed, with its buttons', async ({ page }) => {
  await page.goto('publications/');
  await ready(page);
  await expect(page.locator('.results .pub-entry')).toHaveCount(imported.publications.length);
  expect(imported.publications.length).toBeGreaterThanOrEqual(10);
  const titles = await page.locator('.results .pub-title').allTextContents();
  for (const p of imported.publications) expect(titles.map((t) => t.trim())).toContain(p.title);
});

test('every post of the source is a page, at its new and its Jekyll address', async ({ page }) => {
  await page.goto('posts/');
  await ready(page);
  await expect(page.locator('.results .post-entry')).toHaveCount(sourcePosts.length);
  for (const file of sourcePosts) {
    const [, y, m, d, slug] = /^(\d{4})-(\d{2})-(\d{2})-(.+)\.md$/.exec(file);
    let response = await page.goto(`posts/${slug}/`);
    expect(response.status(), slug).toBe(200);
    await expect(page.locator('main h1')).not.toBeEmpty();
    const title = await page.locator('main h1').textContent();
    // No Liquid leaks into the rendered post.
    expect(await page.locator('.post-body').textContent()).not.toMatch(/\{%|%\}|\{\{/);
    response = await page.goto(`${y}/${m}/${d}/${slug}.html`);
    expect(response.status(), `${y}/${m}/${d}/${slug}.html`).toBe(200);
    await ready(page);
    await expect(page.locator('main h1')).toHaveText(title);
  }
});

test('every project of the source is on the projects page', async ({ page }) => {
  const titles = [...readFileSync(`${source}/_data/projects.yaml`, 'utf8').matchAll(/^- title: (.+)$/gm)].map((m) => m[1].trim());
  await page.goto('projects/');
  await ready(page);
  await expect(page.locator('.project-card .project-name')).toHaveText(titles);
  for (const p of imported.projects) {
    const response = await page.goto(`projects/${p.slug}/`);
    expect(response.status(), p.slug).toBe(200);
    await expect(page.locator('main h1')).toHaveText(p.name);
  }
});

test("the template's page addresses answer: /team, /research, /blog, /projects", async ({ page }) => {
  for (const [path, heading] of [['team/', 'People'], ['research/', 'Publications'], ['blog/', 'Posts'], ['projects/', 'Projects']]) {
    const response = await page.goto(path);
    expect(response.status(), path).toBe(200);
    await ready(page);
    await expect(page.locator('main h1'), path).toHaveText(heading);
  }
  await page.goto('./');
  await ready(page);
  await expect(page.locator('.hero h1')).toContainText(imported.lab.name);
});
