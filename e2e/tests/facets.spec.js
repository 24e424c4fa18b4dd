// Facets that combine (issue 16): several values of one facet with OR, facets with AND, counts
// that say what each value gives (disjunctive), a Kind facet on News apart from Topic, repeated
// keys and comma lists in the URL, long facets collapsed to their top values, empty facets left
// out, and on a phone a "Filters" panel instead of a sideways strip. With the mouse, the keyboard
// and touch, at 1280 and 375 px.
import { test, expect, ready, data, newsEntries, pubEntries, facet } from './fixtures.js';

const kinds = new Set(data.kinds);
const year = (n) => n.date.slice(0, 4);
const has = (n, slug) => n.topics.includes(slug);

/** Brute force: the news matching a selection, `{ year: [], kind: [], topic: [] }`. */
function newsMatching(sel, except = null) {
  return data.news.filter((n) =>
    (except === 'year' || !sel.year?.length || sel.year.includes(year(n))) &&
    (except === 'kind' || !sel.kind?.length || sel.kind.some((k) => has(n, k))) &&
    (except === 'topic' || !sel.topic?.length || sel.topic.some((t) => has(n, t))),
  );
}

/** The count shown beside every listed value of a facet, as `{ value: count }`. */
async function shownCounts(page, name) {
  return page.locator(`.facet[data-facet="${name}"] a.facet-value`).evaluateAll((as) =>
    Object.fromEntries(as.map((a) => [a.dataset.value, Number(a.querySelector('.count').textContent)])),
  );
}

/** Every count beside a value is the brute-force count of that value under the other facets. */
async function expectDisjunctiveCounts(page, sel) {
  for (const name of ['year', 'kind', 'topic']) {
    const counts = await shownCounts(page, name);
    for (const [value, count] of Object.entries(counts)) {
      const expected = newsMatching(sel, name).filter((n) => (name === 'year' ? year(n) === value : has(n, value))).length;
      expect(count, `${name} ${value} under ${JSON.stringify(sel)}`).toBe(expected);
    }
  }
}

test.describe('at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('News: 2024 papers about LLM inference, then preprints too', async ({ page }) => {
    await page.goto('news');
    await ready(page);
    // Kinds and topics are two facets.
    await expect(page.locator('.facet h2')).toHaveText(['Year', 'Kind', 'Topic']);
    const kindValues = await page.locator('.facet[data-facet="kind"] a.facet-value').evaluateAll((as) => as.map((a) => a.dataset.value));
    expect(kindValues.every((k) => kinds.has(k))).toBe(true);
    const topicValues = await page.locator('.facet[data-facet="topic"] a.facet-value').evaluateAll((as) => as.map((a) => a.dataset.value));
    expect(topicValues.some((t) => kinds.has(t))).toBe(false);

    await facet(page, 'year', '2024').click();
    await facet(page, 'kind', 'paper').click();
    await facet(page, 'topic', 'llm-inference').click();
    await expect(page).toHaveURL(/\/sail\/news\?year=2024&topic=llm-inference&kind=paper$/);
    let sel = { year: ['2024'], kind: ['paper'], topic: ['llm-inference'] };
    await expect(newsEntries(page)).toHaveCount(newsMatching(sel).length);
    await expect(page.locator('.result-count')).toHaveText(`${newsMatching(sel).length} of ${data.news.length} news items`);
    await expectDisjunctiveCounts(page, sel);

    // A second kind widens the list (OR within a facet); the first stays chosen with its count.
    const paperCount = await facet(page, 'kind', 'paper').locator('.count').textContent();
    await facet(page, 'kind', 'preprint').click();
    await expect(page).toHaveURL(/\/sail\/news\?year=2024&topic=llm-inference&kind=paper&kind=preprint$/);
    sel = { ...sel, kind: ['paper', 'preprint'] };
    await expect(newsEntries(page)).toHaveCount(newsMatching(sel).length);
    expect(newsMatching(sel).length).toBeGreaterThan(newsMatching({ ...sel, kind: ['paper'] }).length);
    await expect(facet(page, 'kind', 'paper')).toHaveAttribute('aria-current', 'true');
    await expect(facet(page, 'kind', 'preprint')).toHaveAttribute('aria-current', 'true');
    await expect(facet(page, 'kind', 'paper').locator('.count')).toHaveText(paperCount);
    await expectDisjunctiveCounts(page, sel);

    // Each shown entry says why it is there, in the data attributes plain scripts read.
    for (const li of await newsEntries(page).all()) {
      expect(await li.getAttribute('data-year')).toBe('2024');
      expect((await li.getAttribute('data-topics')).split(' ')).toContain('llm-inference');
      const k = (await li.getAttribute('data-kinds')).split(' ');
      expect(k.includes('paper') || k.includes('preprint')).toBe(true);
    }

    // Choosing a value again takes it out.
    await facet(page, 'kind', 'paper').click();
    await expect(page).toHaveURL(/\/sail\/news\?year=2024&topic=llm-inference&kind=preprint$/);
    await expect(newsEntries(page)).toHaveCount(newsMatching({ ...sel, kind: ['preprint'] }).length);
  });

  test('repeated keys and comma lists are the same filter; old single-value links keep working', async ({ page }) => {
    const sel = { kind: ['paper', 'preprint'], topic: ['llm-inference'] };
    await page.goto('news?kind=paper,preprint&topic=llm-inference');
    await ready(page);
    await expect(newsEntries(page)).toHaveCount(newsMatching(sel).length);
    const commaIds = await newsEntries(page).evaluateAll((lis) => lis.map((li) => li.id));
    await page.goto('news?kind=paper&topic=llm-inference&kind=preprint');
    await ready(page);
    expect(await newsEntries(page).evaluateAll((lis) => lis.map((li) => li.id))).toEqual(commaIds);
    // The next step writes repeated keys.
    await page.goto('news?kind=paper%2Cpreprint&topic=llm-inference');
    await ready(page);
    await facet(page, 'year', '2024').click();
    await expect(page).toHaveURL(/\/sail\/news\?year=2024&topic=llm-inference&kind=paper&kind=preprint$/);
    // An old link: one topic, which is now a kind.
    await page.goto('news?topic=award');
    await ready(page);
    await expect(newsEntries(page)).toHaveCount(data.news.filter((n) => has(n, 'award')).length);
    await expect(facet(page, 'kind', 'award')).toHaveAttribute('aria-current', 'true');
    // And one for publications, single-valued.
    await page.goto('publications?author=amey-agrawal&year=2024');
    await ready(page);
    await expect(facet(page, 'author', 'amey-agrawal')).toHaveAttribute('aria-current', 'true');
    await expect(facet(page, 'year', '2024')).toHaveAttribute('aria-current', 'true');
  });

  test('with the keyboard: Enter on a value chooses it and the focus stays on it', async ({ page }) => {
    await page.goto('news');
    await ready(page);
    const paper = facet(page, 'kind', 'paper');
    await paper.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\?kind=paper$/);
    await expect(paper).toHaveAttribute('aria-current', 'true');
    await expect(paper).toBeFocused();
    // On to the next value and choose it too.
    await page.keyboard.press('Tab');
    const next = page.locator('.facet[data-facet="kind"] a.facet-value:focus');
    const value = await next.getAttribute('data-value');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`\\?kind=paper&kind=${value}$`));
    await expect(facet(page, 'kind', value)).toBeFocused();
    await expect(page.locator('.facet[data-facet="kind"] a[aria-current="true"]')).toHaveCount(2);
    // Facets stand in the page's flow: no inner scroll box hides a value.
    const box = await page.locator('.facets').evaluate((el) => ({ overflow: getComputedStyle(el).overflowY, position: getComputedStyle(el).position }));
    expect(box.overflow).toBe('visible');
    expect(box.position).toBe('static');
  });

  test('a long facet shows its top values and "Show all N"', async ({ page }) => {
    await page.goto('publications');
    await ready(page);
    const authors = page.locator('.facet[data-facet="author"] li');
    const total = await authors.count();
    expect(total).toBeGreaterThan(10);
    await expect(page.locator('.facet[data-facet="author"] li:visible')).toHaveCount(8);
    // The eight shown are those with the most publications.
    const counts = await page.locator('.facet[data-facet="author"] a.facet-value').evaluateAll((as) =>
      as.map((a) => ({ n: Number(a.querySelector('.count').textContent), shown: a.offsetParent !== null })),
    );
    const minShown = Math.min(...counts.filter((c) => c.shown).map((c) => c.n));
    expect(Math.max(...counts.filter((c) => !c.shown).map((c) => c.n))).toBeLessThanOrEqual(minShown);
    const more = page.getByRole('button', { name: `Show all ${total}` });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    await expect(page.locator('.facet[data-facet="author"] li:visible')).toHaveCount(total);
    // Choosing a value that was hidden keeps the list open, and the value chosen.
    const hidden = counts.findIndex((c) => !c.shown);
    const value = await page.locator('.facet[data-facet="author"] a.facet-value').nth(hidden).getAttribute('data-value');
    await facet(page, 'author', value).click();
    await expect(page).toHaveURL(new RegExp(`author=${value}`));
    await expect(facet(page, 'author', value)).toHaveAttribute('aria-current', 'true');
    await expect(page.getByRole('button', { name: 'Show fewer' })).toHaveAttribute('aria-expanded', 'true');
    // Collapsed again, a chosen value still shows.
    await page.getByRole('button', { name: 'Show fewer' }).click();
    await expect(facet(page, 'author', value)).toBeVisible();
  });

  test('a facet with nothing to choose is left out, heading and all', async ({ page }) => {
    // Payman's news are all fellowships: no topic to narrow them by.
    await page.goto('news?q=payman');
    await ready(page);
    await expect(newsEntries(page).first()).toBeVisible();
    await expect(page.locator('.facet h2')).toHaveText(['Year', 'Kind']);
    await page.goto('publications?q=zzzz-nothing');
    await ready(page);
    await expect(pubEntries(page)).toHaveCount(0);
    await expect(page.locator('.facet')).toHaveCount(0);
  });
});

test.describe('on a 375 px phone, by touch', () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test('the facets open in a panel from a "Filters" button that counts the values chosen', async ({ page }) => {
    await page.goto('news');
    await ready(page);
    const button = page.getByRole('button', { name: /^Filters/ });
    await expect(button).toBeVisible();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(page.locator('.facets')).toBeHidden();
    // The results start right under the search and the button.
    const first = await newsEntries(page).first().boundingBox();
    expect(first.y).toBeLessThan(812);

    await button.tap();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator('.facets')).toBeVisible();
    await facet(page, 'kind', 'paper').tap();
    await expect(page).toHaveURL(/\?kind=paper$/);
    await expect(button).toHaveText(/Filters\s*1/);
    await expect(page.locator('.facets')).toBeVisible();
    await facet(page, 'year', '2024').tap();
    await expect(button).toHaveText(/Filters\s*2/);
    await expect(button).toHaveAccessibleName(/Filters\s*2 chosen/);
    const n = newsMatching({ year: ['2024'], kind: ['paper'] }).length;
    // Every value wraps inside the panel: nothing scrolls sideways, nothing overflows.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);
    const done = page.getByRole('button', { name: `Show ${n} news items` });
    await done.tap();
    await expect(page.locator('.facets')).toBeHidden();
    await expect(button).toBeFocused();
    await expect(newsEntries(page)).toHaveCount(n);
  });

  test('Escape closes the panel and gives the focus back to its button', async ({ page }) => {
    await page.goto('publications');
    await ready(page);
    const button = page.getByRole('button', { name: /^Filters/ });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.facets')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.locator('.facets a.facet-value').first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.locator('.facets')).toBeHidden();
    await expect(button).toBeFocused();
  });
});

test('the pre-rendered list carries each entry\'s facets for scripts that run before the app', async ({ page }) => {
  await page.route('**/*.wasm', () => new Promise(() => {}));
  await page.goto('news/');
  const first = [...data.news].sort((a, b) => b.date.localeCompare(a.date))[0];
  const li = page.locator(`li#news-${first.id}`);
  await expect(li).toHaveAttribute('data-year', year(first));
  await expect(li).toHaveAttribute('data-kinds', first.topics.filter((t) => kinds.has(t)).join(' '));
  await expect(li).toHaveAttribute('data-topics', first.topics.filter((t) => !kinds.has(t)).join(' '));
  await page.goto('publications/');
  const pub = page.locator('.results .pub-entry').first();
  await expect(pub).toHaveAttribute('data-authors', /[a-z]/);
  await expect(pub).toHaveAttribute('data-year', /^\d{4}$/);
});
