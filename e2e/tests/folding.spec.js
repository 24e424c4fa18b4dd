// Search folds accents by Unicode decomposition (issue 16): names from many languages are found
// as a visitor types them on a plain keyboard, in a list's search and in the site search.
import { test, expect, ready, data, pubEntries } from './fixtures.js';

const NAMES = [
  ['Nguyễn Thị Minh Khai', 'nguyen thi'],
  ['Łukasz Żółkiewski', 'lukasz zolkiewski'],
  ['İbrahim Çağlar Işık', 'ibrahim caglar isik'],
  ['Jiří Dvořák', 'jiri dvorak'],
  ['Jürgen Großmann', 'jurgen grossmann'],
  ['Άλκηστις Παπαδοπούλου', 'αλκηστις παπαδοπουλου'],
  ['Søren Ærø', 'soren aero'],
  ['Đorđe Đoković', 'dorde dokovic'],
];

/** The bundled data with one publication and one member per name. */
function international() {
  const d = structuredClone(data);
  NAMES.forEach(([name], i) => {
    const slug = `intl-${i}`;
    d.members.push({ slug, name, role: 'phd' });
    d.publications.push({
      id: `intl-paper-${i}`,
      title: `A Study Number ${i} of Folding`,
      authors: [name, 'A. Tumanov'],
      venue: 'Workshop',
      date: '2020-01-0' + ((i % 9) + 1),
      url: `https://example.org/${i}`,
    });
  });
  return d;
}

test('a list search finds names from many languages typed without their accents', async ({ page }) => {
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 200, json: international() }));
  await page.goto('publications');
  await ready(page);
  const box = page.getByLabel('Search publications');
  for (const [name, typed] of NAMES) {
    await box.fill(typed);
    await expect(pubEntries(page), typed).toHaveCount(1);
    await expect(pubEntries(page).first().locator('.pub-authors')).toContainText(name);
  }
  // Text typed decomposed (as macOS may send it) folds alike.
  await box.fill('Nguye\u0302\u0303n');
  await expect(pubEntries(page)).toHaveCount(1);
});

test('the site search finds them too, and marks the letters matched in the original spelling', async ({ page }) => {
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 200, json: international() }));
  await page.goto('./');
  await ready(page);
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  await dialog.getByRole('combobox').fill('nguyen');
  const person = dialog.getByRole('group', { name: 'People' }).getByRole('option').first();
  await expect(person).toContainText('Nguyễn Thị Minh Khai');
  await expect(person.locator('mark')).toHaveText('Nguyễn');
  await dialog.getByRole('combobox').fill('grossmann');
  await expect(dialog.getByRole('group', { name: 'People' }).getByRole('option').first().locator('mark')).toHaveText('Großmann');
});
