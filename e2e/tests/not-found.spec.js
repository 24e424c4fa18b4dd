// Not Found offers a way on (issue 16): the pages the address most likely meant (a mistyped member
// slug suggests the member) and a search of the site, answered on the page.
import { test, expect, ready, data } from './fixtures.js';

test('a mistyped member address suggests the member', async ({ page }) => {
  await page.goto('members/amey-agrwal');
  await ready(page);
  await expect(page.locator('main h1')).toHaveText('Member not found');
  const suggestions = page.getByRole('region', { name: 'Did you mean' });
  const link = suggestions.getByRole('link', { name: /Amey Agrawal/ });
  await expect(link).toHaveAttribute('href', '/sail/members/amey-agrawal');
  await link.click();
  await expect(page.locator('main h1')).toHaveText('Amey Agrawal');
});

test('an unknown address suggests the page it meant and opens the site search', async ({ page }) => {
  const response = await page.goto('publicatons');
  expect(response.status()).toBe(404);
  await ready(page);
  await expect(page.locator('main h1')).toHaveText('Page not found');
  await expect(page.getByRole('region', { name: 'Did you mean' }).getByRole('link', { name: 'Publications' }))
    .toHaveAttribute('href', '/sail/publications');
  // The site search, with the keyboard alone: the page's button, type, Enter.
  const button = page.getByRole('main').getByRole('button', { name: 'Search the site' });
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  await expect(dialog.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('vidur');
  await expect(dialog.getByRole('option').first()).toContainText('Vidur');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sail\/projects\/vidur$/);
  await expect(page.locator('main h1')).toHaveText('Vidur');
});

test('from Not Found, a search that finds nothing says so and offers the lists', async ({ page }) => {
  await page.goto('no/such/page');
  await ready(page);
  await expect(page.getByRole('region', { name: 'Did you mean' })).toHaveCount(0);
  await page.getByRole('main').getByRole('button', { name: 'Search the site' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  await dialog.getByRole('combobox').fill('zzzz-nothing');
  await expect(dialog.locator('.site-search-status')).toHaveText('Nothing matches “zzzz-nothing”.');
  await dialog.getByRole('option', { name: 'Search news for “zzzz-nothing”' }).click();
  await expect(page).toHaveURL(/\/sail\/news\?q=zzzz-nothing$/);
  // Escape gave the focus back to the page's button before; here the list took over.
  expect(data.members.length).toBeGreaterThan(0);
});
