// What a visitor on a phone feels (GitHub issue 15): Lighthouse's mobile conditions emulated
// through the DevTools protocol (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4×,
// a 412×823 touch screen), a fresh browser context for every run, the bundled data served
// gzipped as GitHub Pages serves it, `/news/`, side by side in the same run with the plain-JS
// reference page (bench/reference/, which fetches the same data file and renders the same list).
//
// Scenarios, each run RUNS times on both pages (p50 and p75 reported):
// - a tap on the latest year's facet right after the first paint → the filtered list painted
//   (on this site the facets are in a panel on a phone: its button is tapped first, untimed);
// - the same tap 2 s after the load event;
// - one letter typed in the search box right after the first paint → the filtered list painted;
// - a shared filtered address (`?year=2024&topic=llm-inference`) opened cold → the right list
//   painted, from navigation start; and every count the page showed before it;
// - bytes fetched in all, until the first tap's list is painted and then until the app runs;
// - memory once the app runs (V8 heap after a forced GC, and wasm linear memory).
// "Painted" is the first frame whose count and first entry are the ones the reference engine
// computes (bench/instrument.js). Nothing here asserts on time.
//
//   node bench/phone.mjs DIST [RUNS] [SCENARIO]   (DIST built with --public-url /sail/)
//
// Writes bench/phone.json and its section of BENCHMARKS.md (between the phone markers).
import { launchChromium, serve } from './serve.mjs';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexSite, searchNews } from './reference/engine.js';

const dist = process.argv[2];
const RUNS = Number(process.argv[3] ?? 10);
// Only the scenarios whose name contains this (all by default); the report is then not written.
const ONLY = process.argv[4] ?? '';
if (!dist) {
  console.error('usage: node bench/phone.mjs DIST [RUNS] [SCENARIO]');
  process.exit(2);
}
const port = 4391;
const base = `http://127.0.0.1:${port}/sail/`;
const here = new URL('.', import.meta.url).pathname;
const INSTRUMENT = readFileSync(join(here, 'instrument.js'), 'utf8');
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const TIMEOUT = 30_000;
const SHARED = { year: 2024, topic: 'llm-inference' };
const LETTER = 'v';

const data = JSON.parse(readFileSync(join(dist, 'data/site.json'), 'utf8'));
const site = indexSite(data);
const total = data.news.length;
/** The count and first entry id the reference engine gives a filter. */
function expect(filter) {
  const r = searchNews(site, { year: null, topic: null, q: '', ...filter });
  return { count: r.items.length, first: r.items.length ? `news-${r.items[0].item.id}` : null };
}
const latestYear = Math.max(...site.docs.map((d) => d.year).filter(Number.isFinite));

/** The reference page beside the site, with the site's stylesheet. */
function placeReference() {
  const ref = join(dist, 'bench-reference');
  mkdirSync(ref, { recursive: true });
  for (const f of readdirSync(join(here, 'reference'))) copyFileSync(join(here, 'reference', f), join(ref, f));
  const css = readdirSync(dist).find((f) => f.endsWith('.css'));
  copyFileSync(join(dist, css), join(ref, 'app.css'));
}

const PAGES = {
  app: (query = '') => `${base}news/${query}`,
  reference: (query = '') => `${base}bench-reference/${query}`,
};

/** A fresh phone: throttled network and CPU, the instrument injected, bytes counted. */
async function phone(browser) {
  const context = await browser.newContext(PHONE);
  await context.addInitScript({ content: INSTRUMENT });
  const page = await context.newPage();
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('failed'));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const bytes = { total: 0, wasm: 0 };
  cdp.on('Network.loadingFinished', (e) => (bytes.total += e.encodedDataLength));
  const wasmIds = new Set();
  cdp.on('Network.responseReceived', (e) => e.response.url.endsWith('.wasm') && wasmIds.add(e.requestId));
  cdp.on('Network.loadingFinished', (e) => wasmIds.has(e.requestId) && (bytes.wasm += e.encodedDataLength));
  return { context, page, cdp, bytes };
}

const firstPaint = (page, timeout = TIMEOUT) =>
  page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout, polling: 16 });

/** Times one interaction: armed, done by `act`, until `want` is painted. */
async function timed(page, event, want, act) {
  await page.evaluate(([e, c, f]) => window.__bench.arm(e, 'count', c, f), [event, want.count, want.first]);
  await act();
  return page.evaluate((t) => window.__bench.wait(t), TIMEOUT);
}

const facetLink = (page, year) => page.locator(`.facet[data-facet="year"] a[data-value="${year}"]`);

async function tapScenario(browser, which, afterLoadMs) {
  const p = await phone(browser);
  try {
    await p.page.goto(PAGES[which](), { waitUntil: afterLoadMs == null ? 'commit' : 'load', timeout: TIMEOUT });
    if (afterLoadMs == null) await firstPaint(p.page);
    else await p.page.waitForTimeout(afterLoadMs);
    // On a phone the facets are in a panel: its "Filters" button first (not timed), where there is one.
    const toggle = p.page.locator('#facets-toggle');
    if (await toggle.isVisible()) await toggle.tap();
    await facetLink(p.page, latestYear).waitFor({ timeout: TIMEOUT });
    const r = await timed(p.page, 'click', expect({ year: latestYear }), () => facetLink(p.page, latestYear).tap());
    const bytesAtList = p.bytes.total;
    let memory = null;
    let bytesAtApp = null;
    if (which === 'app') {
      await p.page.waitForSelector('html.app-ready', { timeout: 60_000, state: 'attached' }).catch(() => {});
      await p.page.waitForLoadState('networkidle').catch(() => {});
      bytesAtApp = p.bytes.total;
    }
    if (afterLoadMs == null) memory = await memoryOf(p);
    return { ...r, bytesAtList, bytesAtApp, wasmBytes: p.bytes.wasm, memory };
  } finally {
    await p.context.close();
  }
}

async function keyScenario(browser, which) {
  const p = await phone(browser);
  try {
    await p.page.goto(PAGES[which](), { waitUntil: 'commit', timeout: TIMEOUT });
    await firstPaint(p.page);
    const input = p.page.locator('#search-input');
    await input.waitFor({ timeout: TIMEOUT });
    return await timed(p.page, 'input', expect({ q: LETTER }), () => input.pressSequentially(LETTER));
  } finally {
    await p.context.close();
  }
}

async function sharedScenario(browser, which) {
  const p = await phone(browser);
  try {
    const want = expect(SHARED);
    await p.page.goto(PAGES[which](`?year=${SHARED.year}&topic=${SHARED.topic}`), { waitUntil: 'commit', timeout: TIMEOUT });
    const shown = await p.page.evaluate(([c, f]) => window.__bench.whenShows(c, f), [want.count, want.first]);
    // Chromium adds the paint entry only once the frame has been presented, which can be after
    // the task that saw the list; so wait for it (bounded) rather than read it at once.
    await firstPaint(p.page, 5_000).catch(() => {});
    const fcp = await p.page.evaluate(() =>
      performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? window.__bench.fcp);
    const counts = await p.page.evaluate(() => window.__bench.countsShown);
    const right = `${want.count} of ${total} news items`;
    return { ok: true, dt: shown.tPaint, fcp, falseCounts: counts.filter((c) => c !== right) };
  } finally {
    await p.context.close();
  }
}

/** A tap on a control only the app runs (the site-search button, in the header of every page):
 * from the touch to the first frame that shows the search dialog, painted. `touchedBefore`: the
 * visitor touched the page 1 s after the load event and the app's files were then fetched in the
 * background (boot.js's prefetch) before the tap. The reference has no such control. */
async function appControlScenario(browser, touchedBefore) {
  const p = await phone(browser);
  try {
    await p.page.goto(PAGES.app(), { waitUntil: touchedBefore ? 'load' : 'commit', timeout: TIMEOUT });
    if (touchedBefore) {
      await p.page.waitForTimeout(1000);
      await p.page.locator('main h1').tap();
      // Until the wasm has arrived, and a second more for compiling it. Not `networkidle`: the
      // page had reached that before the touch, so it would not wait.
      await p.page.waitForFunction(
        () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm') && e.responseEnd > 0),
        null, { timeout: TIMEOUT, polling: 100 });
      await p.page.waitForTimeout(1000);
    } else {
      await firstPaint(p.page);
    }
    const button = p.page.locator('.search-open');
    await button.waitFor({ timeout: TIMEOUT });
    await p.page.evaluate(() => {
      window.__tapAt = null;
      document.addEventListener('pointerdown', (e) => (window.__tapAt ??= e.timeStamp), { capture: true, once: true });
    });
    await button.tap();
    // Ends in a task after the first frame that shows the dialog was painted, as in instrument.js.
    const dt = await p.page.evaluate((timeout) => new Promise((resolve) => {
      const giveUp = performance.now() + timeout;
      const check = () => {
        const dialog = document.querySelector('.site-search[role="dialog"]');
        if (window.__tapAt != null && dialog?.checkVisibility()) requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - window.__tapAt), 0));
        else if (performance.now() > giveUp) resolve(null);
        else requestAnimationFrame(check);
      };
      check();
    }), TIMEOUT);
    return dt == null ? { ok: false, error: 'the dialog never showed' } : { ok: true, dt, bytes: p.bytes.total };
  } finally {
    await p.context.close();
  }
}

async function memoryOf(p) {
  try {
    await p.page.waitForSelector('html.app-ready', { timeout: 60_000, state: 'attached' }).catch(() => {});
    await p.cdp.send('HeapProfiler.collectGarbage');
    const heap = await p.cdp.send('Runtime.getHeapUsage');
    const proto = await p.cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const q = await p.cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const r = await p.cdp.send('Runtime.callFunctionOn', {
      objectId: q.objects.objectId,
      functionDeclaration: 'function () { return this.reduce((s, m) => s + m.buffer.byteLength, 0); }',
      returnByValue: true,
    });
    return { jsHeap: heap.usedSize, wasm: r.result.value };
  } catch (e) {
    return { error: e.message.split('\n')[0] };
  }
}

function quantile(xs, q) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const ms = (x) => (x == null ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);
const kb = (b) => (b == null ? '–' : `${(b / 1000).toFixed(1)} KB`);

async function main() {
  placeReference();
  const server = await serve(dist, port, { gzip: true });
  try {
    const browser = await launchChromium();
    const results = {};
    const scenarios = {
      tap_first_paint: (w) => tapScenario(browser, w, null),
      tap_2s_after_load: (w) => tapScenario(browser, w, 2000),
      key_first_paint: (w) => keyScenario(browser, w),
      shared_address: (w) => sharedScenario(browser, w),
      app_control_first_paint: (w) => (w === 'app' ? appControlScenario(browser, false) : null),
      app_control_after_touch: (w) => (w === 'app' ? appControlScenario(browser, true) : null),
    };
    for (const [name, run] of Object.entries(scenarios).filter(([name]) => name.includes(ONLY))) {
      results[name] = { app: [], reference: [] };
      for (let i = 0; i < RUNS; i++) {
        for (const which of ['app', 'reference']) {
          const r = await run(which)?.catch((e) => ({ ok: false, error: e.message.split('\n')[0] }));
          if (r) results[name][which].push(r);
        }
      }
      console.log(name, JSON.stringify(Object.fromEntries(Object.entries(results[name]).map(([k, v]) => [k, v.map((r) => (r.ok ? Math.round(r.dt) : r.error))]))));
    }
    await browser.close();
    if (ONLY) return;
    writeFileSync(join(here, 'phone.json'), `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, results }, null, 1)}\n`);
    report(results);
  } finally {
    server.kill();
  }
}

function report(results) {
  const row = (label, name, budget) => {
    const [a, r] = ['app', 'reference'].map((w) => results[name][w].filter((x) => x.ok).map((x) => x.dt));
    const failed = results[name].app.filter((x) => !x.ok).length;
    const [a50, a75, r50, r75] = [quantile(a, 0.5), quantile(a, 0.75), quantile(r, 0.5), quantile(r, 0.75)];
    const ratio = a75 != null && r75 ? `${(a75 / r75).toFixed(1)}×` : '–';
    return `| ${label} | ${ms(a50)} / ${ms(a75)} | ${ms(r50)} / ${ms(r75)} | ${ratio} | ${budget(a75, r75)}${failed ? ` (${failed} of ${RUNS} runs failed)` : ''} |`;
  };
  const within = (limit) => (a75, r75) =>
    a75 == null ? 'FAIL' : a75 <= limit && (!r75 || a75 <= 3 * r75) ? `PASS (≤ ${ms(limit)} and ≤ 3×)` : `FAIL (≤ ${ms(limit)} and ≤ 3×)`;
  const first = results.tap_first_paint.app.filter((x) => x.ok);
  const median = (f) => quantile(first.map(f), 0.5);
  const refFirst = results.tap_first_paint.reference.filter((x) => x.ok);
  const shared = results.shared_address.app.filter((x) => x.ok);
  const falseShown = shared.filter((x) => x.falseCounts.length).length;
  const lines = [
    '## On a phone (issue 15)',
    '',
    `Measured by \`node bench/phone.mjs DIST\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: Lighthouse's mobile conditions through the DevTools protocol (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4×, 412×823 touch screen), a fresh context per run, ${RUNS} runs per page, the bundled data served gzipped, \`/news/\` against the plain-JS reference page in the same run. Times are p50 / p75; "painted" is the first frame with the right count and the right first entry. The ratio is p75 / p75.`,
    '',
    '| a phone visitor… | this site | plain JS | ratio | goal |',
    '| --- | ---: | ---: | ---: | --- |',
    row(`taps the latest year (${latestYear}) right after the first paint → filtered list painted`, 'tap_first_paint', within(500)),
    row('the same tap 2 s after the load event', 'tap_2s_after_load', within(500)),
    row(`types one letter ("${LETTER}") right after the first paint → filtered list painted`, 'key_first_paint', within(500)),
    row(`opens \`?year=${SHARED.year}&topic=${SHARED.topic}\` cold → the right list painted (from navigation start)`, 'shared_address', (a75) => (a75 == null ? 'FAIL' : `report; a false count was shown in ${falseShown} of ${shared.length} runs`)),
    row('taps the site-search button (only the app runs it) right after the first paint → dialog painted', 'app_control_first_paint', () => 'report'),
    row('the same tap after touching the page 1 s after load (the app fetched in the background)', 'app_control_after_touch', () => 'report'),
    '',
    `- Bytes: until the first tap's list is painted, ${kb(median((x) => x.bytesAtList))} for this site and ${kb(quantile(refFirst.map((x) => x.bytesAtList), 0.5))} for the reference (median); then, while the app arrives in the background, ${kb(median((x) => x.bytesAtApp))} in all, of which the wasm is ${kb(median((x) => x.wasmBytes))}: the goal of at most 250 KB for a first interaction is ${median((x) => x.bytesAtApp) <= 250_000 ? 'met' : 'not met'}, and the wasm's 200 KB ${median((x) => x.wasmBytes) <= 200_000 ? 'is met' : 'is not'}.`,
    `- Memory once the app runs (median): V8 heap ${kb(median((x) => x.memory?.jsHeap))}, wasm linear memory ${kb(median((x) => x.memory?.wasm))}; the reference: V8 heap ${kb(quantile(refFirst.map((x) => x.memory?.jsHeap), 0.5))}.`,
    `- First contentful paint of the shared address (median): ${ms(quantile(shared.map((x) => x.fcp), 0.5))} for this site, ${ms(quantile(results.shared_address.reference.filter((x) => x.ok).map((x) => x.fcp), 0.5))} for the reference.`,
    '',
  ];
  const section = `<!-- phone:start (written by bench/phone.mjs) -->\n${lines.join('\n')}\n<!-- phone:end -->\n`;
  // bench/report.mjs copies this file when it rewrites BENCHMARKS.md.
  writeFileSync(new URL('phone.md', import.meta.url), section);
  const benchmarks = new URL('../BENCHMARKS.md', import.meta.url);
  const old = existsSync(benchmarks) ? readFileSync(benchmarks, 'utf8') : '# Benchmarks\n\n';
  const [start, end] = [old.indexOf('<!-- phone:start'), old.indexOf('<!-- phone:end -->')];
  const next =
    start >= 0 && end > start
      ? old.slice(0, start) + section + old.slice(end + '<!-- phone:end -->\n'.length)
      : old.replace('<!-- images:start', `${section}\n<!-- images:start`);
  writeFileSync(benchmarks, next);
  console.log(section);
}

await main();
