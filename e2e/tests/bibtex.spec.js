import { test, expect, ready, data, pubEntries } from './fixtures.js';

test('each publication shows and copies its BibTeX entry', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('publications?q=vidur');
  await ready(page);
  const entry = pubEntries(page).first();
  const bib = entry.locator('details.bibtex');
  await expect(bib.locator('pre')).toBeHidden();
  await bib.locator('summary').click();
  const text = await bib.locator('pre').textContent();
  expect(text).toMatch(/^@inproceedings\{agrawal2024vidur,/);
  expect(text).toMatch(/title = \{Vidur: A .*Simulation Framework For \{LLM\} Inference\}/);
  expect(text).toContain('author = {Agrawal, Amey and Kedia, Nitin and');
  expect(text).toContain('eprint = {2405.05465}');
  await bib.getByRole('button', { name: 'Copy BibTeX' }).click();
  await expect(bib.locator('.copy-status')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
});

test('the current list downloads as one .bib file', async ({ page }) => {
  await page.goto('publications');
  await ready(page);
  const link = page.locator('a.bib-download');
  await expect(link).toHaveText(`Download ${data.publications.length} as BibTeX`);
  let download = page.waitForEvent('download');
  await link.click();
  let file = await download;
  expect(file.suggestedFilename()).toBe('sail-publications.bib');
  let text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text.match(/^@\w+\{/gm)).toHaveLength(data.publications.length);
  expect(text).toContain('Goiri, Íñigo');

  // Filtered: only what is shown.
  await page.locator('.facet[data-facet="author"] a[data-value="payman-behnam"]').click();
  const n = data.publications.filter((p) => p.authors.includes('Payman Behnam')).length;
  await expect(link).toHaveText(`Download ${n} as BibTeX`);
  download = page.waitForEvent('download');
  await link.click();
  file = await download;
  text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text.match(/^@\w+\{/gm)).toHaveLength(n);
});

test('without JavaScript the full .bib file is a static download', async ({ request }) => {
  const response = await request.get('publications.bib');
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text.match(/^@\w+\{/gm)).toHaveLength(data.publications.length);
  const keys = text.match(/^@\w+\{([^,]+),/gm).map((k) => k.split('{')[1]);
  expect(new Set(keys).size).toBe(keys.length);
});
