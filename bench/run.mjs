#!/usr/bin/env node
// The benchmark driver (GitHub issue 5). For every data size it serves a copy of the release
// build with that size's data/site.json (and the plain-JavaScript reference page beside it) with
// e2e/server.mjs, drives headless Chromium with Playwright, and writes the raw numbers as JSON.
// bench/report.mjs turns them into BENCHMARKS.md. scripts/bench.sh runs the whole chain.
//
//   node bench/run.mjs --dist DIST --data-dir DIR --work-dir DIR --out bench/results.json
//                      [--sizes bundled,1k,10k,100k] [--port 4300] [--twiggy FILE]
//
// Nothing here asserts on a time: slow steps and timeouts are recorded as numbers or errors.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve, extname, dirname } from 'node:path';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { indexSite, searchNews } from './reference/engine.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const require = createRequire(join(root, 'e2e', 'package.json'));
const { chromium } = require('@playwright/test');

// ---------------------------------------------------------------------------------------------
// Settings

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const DIST = resolve(args.dist ?? '/work/target-bench/dist');
const DATA_DIR = resolve(args['data-dir'] ?? join(root, 'target/bench/data'));
const WORK = resolve(args['work-dir'] ?? join(root, 'target/bench'));
const OUT = resolve(args.out ?? join(root, 'bench/results.json'));
const SIZES = (args.sizes ?? 'bundled,1k,10k,100k').split(',');
const PORT = Number(args.port ?? 4300);
const TWIGGY = args.twiggy;
const COMMIT = args.commit ?? null;
/** Seconds each size's site took to build (`trunk build`, pages included), from scripts/bench.sh. */
const BUILD_SECONDS = args['build-seconds'] ? JSON.parse(readFileSync(args['build-seconds'], 'utf8')) : {};

/** A realistic query, typed char by char and then deleted char by char: 50 keystrokes. */
const QUERY = 'federated learning garcia';
/** A keystroke, facet click or profile click not painted after this long is recorded as a timeout. */
const STEP_TIMEOUT_MS = 120_000;
/** Time allowed for the first news item at one size. */
const LOAD_TIMEOUT_MS = 300_000;
/** Time allowed for all keystrokes of one page at one size (and for all facet rounds); the rest are skipped and counted. */
const PHASE_BUDGET_MS = Number(args['phase-budget'] ?? 420_000);
/** Rounds of the 50 keystrokes and of the four facet clicks per page; profile opens. */
const KEY_ROUNDS = 3;
const FACET_ROUNDS = 5;
const PROFILE_SAMPLES = 3;
/** Pause between keystrokes, roughly a fast typist's. */
const KEY_GAP_MS = 60;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Member photos point at other hosts; this sandbox has no network, so fail them at once.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves with p's value, or with {timedOut:true} after ms (the page may be stuck). */
function within(p, ms) {
  let t;
  return Promise.race([p, new Promise((r) => (t = setTimeout(() => r({ timedOut: true }), ms)))]).finally(() => clearTimeout(t));
}

function stats(samples) {
  const xs = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return { n: 0, median: null, p95: null, min: null, max: null, mean: null };
  const q = (p) => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(p * xs.length) - 1))];
  const round = (x) => Math.round(x * 100) / 100;
  return {
    n: xs.length,
    median: round(xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2),
    p95: round(q(0.95)),
    min: round(xs[0]),
    max: round(xs[xs.length - 1]),
    mean: round(xs.reduce((a, b) => a + b, 0) / xs.length),
  };
}

// ---------------------------------------------------------------------------------------------
// Machine, sizes on the wire

function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {}
  return {
    cpu,
    cores: os.cpus().length,
    memory_bytes: os.totalmem(),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    load_average_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

const compressCache = new Map();
function compressed(path) {
  const st = statSync(path);
  const key = `${path}:${st.size}:${st.mtimeMs}`;
  if (!compressCache.has(key)) {
    const buf = readFileSync(path);
    // Brotli 11 takes minutes on the 100k data file; files over 8 MB get quality 9.
    const quality = buf.length > 8e6 ? 9 : 11;
    compressCache.set(key, {
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, {
        params: { [zc.BROTLI_PARAM_QUALITY]: quality, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length },
      }).length,
      ...(quality !== 11 ? { brotli_quality: quality } : {}),
    });
  }
  return compressCache.get(key);
}

const KINDS = { '.wasm': 'wasm', '.js': 'js', '.mjs': 'js', '.css': 'css', '.html': 'html', '.json': 'data' };

/** Bytes of every file a page load fetched from the local server, by kind, raw/gzip/brotli. */
function bytesOf(urls, siteRoot) {
  const out = {};
  const files = [];
  for (const u of new Set(urls)) {
    const url = new URL(u);
    if (url.hostname !== '127.0.0.1' || !url.pathname.startsWith('/sail/')) continue;
    let rel = decodeURIComponent(url.pathname.slice('/sail/'.length));
    let path = join(siteRoot, rel);
    if (!existsSync(path) || statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) continue;
    const kind = KINDS[extname(path)] ?? 'other';
    const c = compressed(path);
    files.push({ path: path.slice(siteRoot.length + 1), kind, ...c });
    out[kind] ??= { raw: 0, gzip: 0, brotli: 0 };
    for (const k of ['raw', 'gzip', 'brotli']) out[kind][k] += c[k];
  }
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const kind of ['html', 'js', 'css', 'wasm', 'data']) {
    out[kind] ??= { raw: 0, gzip: 0, brotli: 0 };
    for (const k of ['raw', 'gzip', 'brotli']) total[k] += out[kind][k];
  }
  out.total = total;
  out.files = files;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Serving one size

/** The site served at one size: DIST/<size> when scripts/bench.sh built one from that size's data
 * (its pages pre-rendered from it, as a deployment of that file would be), else DIST with only
 * data/site.json replaced. */
function prepareSite(size) {
  const dir = join(WORK, size);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const own = join(DIST, size);
  const built = existsSync(join(own, 'index.html'));
  cpSync(built ? own : DIST, dir, { recursive: true });
  const data = size === 'bundled' ? join(root, 'data/site.json') : join(DATA_DIR, `${size}.json`);
  if (built && !readFileSync(join(dir, 'data/site.json')).equals(readFileSync(data))) {
    throw new Error(`${own} was built from another data file than ${data}`);
  }
  copyFileSync(data, join(dir, 'data/site.json'));
  builtFromData[size] = built;
  const ref = join(dir, 'bench-reference');
  mkdirSync(ref, { recursive: true });
  for (const f of readdirSync(join(here, 'reference'))) copyFileSync(join(here, 'reference', f), join(ref, f));
  const css = readdirSync(dir).find((f) => f.endsWith('.css'));
  if (!css) throw new Error(`no stylesheet in ${dir}`);
  copyFileSync(join(dir, css), join(ref, 'app.css'));
  return { dir, data };
}


// ---------------------------------------------------------------------------------------------
// Measuring one page (the app or the reference) at one size

/** Per size: whether its pages were pre-rendered from its own data file. */
const builtFromData = {};

const INSTRUMENT = readFileSync(join(here, 'instrument.js'), 'utf8');

async function newPage(browser, firstId, siteRoot) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: INSTRUMENT });
  if (firstId) await context.addInitScript({ content: `window.__benchFirstId = ${JSON.stringify(firstId)};` });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const state = { errors: [], crashed: false, urls: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ERR_NAME_NOT_RESOLVED|net::ERR/.test(m.text())) state.errors.push(m.text().slice(0, 300));
  });
  page.on('pageerror', (e) => state.errors.push(`uncaught: ${String(e.message).slice(0, 300)}`));
  page.on('crash', () => (state.crashed = true));
  page.on('request', (r) => state.urls.push(r.url()));
  return { context, page, cdp, state, siteRoot };
}

/** Loads url and waits for the first news item painted; returns timings or an error. */
async function firstLoad(p, url) {
  const t = Date.now();
  try {
    await p.page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
  } catch (e) {
    return { error: `navigation failed: ${e.message.split('\n')[0]}` };
  }
  const r = await within(p.page.evaluate(() => window.__bench.firstContent), LOAD_TIMEOUT_MS).catch((e) => ({ error: e.message.split('\n')[0] }));
  if (r.timedOut) return { error: `no news item within ${LOAD_TIMEOUT_MS / 1000} s`, wall_ms: Date.now() - t };
  if (r.error) return r;
  // A visitor who came to filter reaches for the search box; on a page rendered for its address
  // that is what loads the app (crates/sitegen/src/boot.js). The reference has nothing to load.
  const bytesBeforeApp = bytesOf(p.state.urls, p.siteRoot);
  delete bytesBeforeApp.files;
  await p.page.locator('#search-input').hover({ timeout: LOAD_TIMEOUT_MS }).catch(() => {});
  const ready = await within(p.page.evaluate(() => window.__bench.appReady), LOAD_TIMEOUT_MS).catch((e) => ({ error: e.message.split('\n')[0] }));
  if (ready.timedOut || ready.error) return { error: ready.error ?? `the app did not start within ${LOAD_TIMEOUT_MS / 1000} s`, wall_ms: Date.now() - t };
  const paint = await p.page.evaluate(async () => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const any = await window.__bench.firstAnyEntry;
    return { fcp: fcp ? fcp.startTime : null, any: any.tPaint, woke: window.__bench.wokeAt };
  });
  return {
    first_content_ms: r.tPaint,
    first_content_raf_ms: r.tRaf,
    app_ready_ms: ready.tPaint,
    // From the pointer reaching the search box (right after the first content) to the app ready.
    woke_at_ms: paint.woke,
    app_ready_after_wake_ms: paint.woke == null ? null : ready.tPaint - paint.woke,
    bytes_before_app: bytesBeforeApp,
    first_any_entry_ms: paint.any,
    fcp_ms: paint.fcp,
    wall_ms: Date.now() - t,
  };
}

async function pageFacts(p) {
  return p.page.evaluate(() => ({
    dom_nodes: document.getElementsByTagName('*').length,
    entries_in_dom: document.querySelectorAll('.results .news-entry').length,
    result_count_text: document.querySelector('.result-count')?.textContent ?? null,
    data_notices: document.querySelectorAll('.data-notices').length,
    data_notices_text: document.querySelector('.data-notices summary')?.textContent ?? null,
    error_panels: document.querySelectorAll('.error-panel').length,
    error_text: document.querySelector('.error-panel')?.textContent?.slice(0, 300) ?? null,
    wasm_memory_bytes_from_trunk_event: window.__bench.wasmMemoryBytes(),
  }));
}

/** JS heap (V8, after a forced GC) and the size of every WebAssembly.Memory, through CDP. */
async function memory(p) {
  const out = {};
  try {
    await p.cdp.send('HeapProfiler.collectGarbage');
    const h = await p.cdp.send('Runtime.getHeapUsage');
    out.js_heap_used_bytes = h.usedSize;
    out.js_heap_total_bytes = h.totalSize;
    const proto = await p.cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const q = await p.cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const r = await p.cdp.send('Runtime.callFunctionOn', {
      objectId: q.objects.objectId,
      functionDeclaration: 'function () { return [this.length, this.reduce((s, m) => s + m.buffer.byteLength, 0)]; }',
      returnByValue: true,
    });
    [out.wasm_memories, out.wasm_memory_bytes] = r.result.value;
    const metrics = await p.cdp.send('Performance.enable').then(() => p.cdp.send('Performance.getMetrics'));
    for (const m of metrics.metrics) if (m.name === 'JSHeapUsedSize') out.js_heap_used_bytes_metrics = m.value;
  } catch (e) {
    out.error = e.message.split('\n')[0];
  }
  return out;
}

/** One timed interaction: arm, act, wait. Returns {ok, dt, dtRaf} or {ok:false, error}. */
async function timed(p, event, kind, expected, act, first) {
  try {
    const armed = await within(p.page.evaluate(([e, k, x, f]) => window.__bench.arm(e, k, x, f), [event, kind, expected, first]), STEP_TIMEOUT_MS);
    if (armed.timedOut) return { ok: false, error: 'page unresponsive', stuck: true };
    const acted = await within(act().then(() => ({ ok: true }), (e) => ({ error: e.message.split('\n')[0] })), STEP_TIMEOUT_MS);
    if (acted.error) {
      await p.page.evaluate(() => window.__bench.wait(0)).catch(() => {});
      return { ok: false, error: `could not act: ${acted.error}`, stuck: p.state.crashed };
    }
    const r = await within(p.page.evaluate((t) => window.__bench.wait(t), STEP_TIMEOUT_MS), STEP_TIMEOUT_MS + 30_000);
    if (r.timedOut) return { ok: false, error: 'page unresponsive', stuck: true };
    return r;
  } catch (e) {
    return { ok: false, error: e.message.split('\n')[0], stuck: p.state.crashed };
  }
}

function summary(results) {
  const ok = results.filter((r) => r.ok);
  return {
    ...stats(ok.map((r) => r.dt)),
    raf: stats(ok.map((r) => r.dtRaf)),
    attempted: results.length,
    failed: results.length - ok.length,
    errors: [...new Set(results.filter((r) => !r.ok).map((r) => r.error))],
    samples_ms: ok.map((r) => Math.round(r.dt * 100) / 100),
  };
}

/** The element id of the first news entry a filter's results put on screen, or null for none. */
const firstEntryId = (items) => (items.length ? `news-${items[0].item.id}` : null);

/** One round of keystrokes: the query typed char by char, then deleted char by char. */
async function keystrokeRound(p, site, deadline) {
  const keys = [...QUERY].concat([...QUERY].map(() => 'Backspace'));
  let text = '';
  const results = [];
  let skipped = 0;
  const input = p.page.locator('#search-input');
  const focused = await input.click({ timeout: STEP_TIMEOUT_MS }).then(() => true, () => false);
  if (!focused) return { results: [{ ok: false, error: 'search box not clickable', stuck: true }], skipped: keys.length - 1 };
  for (const key of keys) {
    if (Date.now() > deadline || results.some((r) => r.stuck)) {
      skipped += 1;
      continue;
    }
    text = key === 'Backspace' ? text.slice(0, -1) : text + key;
    const found = searchNews(site, { q: text }).items;
    results.push(await timed(p, 'input', 'count', found.length, () => p.page.keyboard.press(key === ' ' ? 'Space' : key), firstEntryId(found)));
    await sleep(KEY_GAP_MS);
  }
  return { results, skipped };
}

/** One facet round: apply the year, apply the topic, remove the topic, remove the year. */
async function facetRound(p, site, year, topic) {
  const click = (facet, value) => () =>
    p.page.locator(`.facet[data-facet="${facet}"] a[data-value="${value}"]`).click({ timeout: STEP_TIMEOUT_MS });
  const out = {};
  for (const [name, filter, act] of [
    ['apply_year', { year }, click('year', year)],
    ['apply_topic', { year, topic }, click('topic', topic)],
    ['remove_topic', { year }, click('topic', topic)],
    ['remove_year', {}, click('year', year)],
  ]) {
    const found = searchNews(site, { q: '', ...filter }).items;
    out[name] = await timed(p, 'click', 'count', found.length, act, firstEntryId(found));
    await sleep(100);
    if (out[name].stuck) break;
  }
  return out;
}

/** Clicks the first member link in the list (an in-app navigation) and times the profile's h1. */
async function profile(p, data) {
  const link = p.page.locator('.results .news-entry a[href*="/members/"]').first();
  const href = await link.getAttribute('href', { timeout: STEP_TIMEOUT_MS });
  const slug = href.split('/members/')[1].replace(/\/$/, '');
  const member = data.members.find((m) => m.slug === slug);
  const r = await timed(p, 'click', 'h1', member.name, () => link.click({ timeout: STEP_TIMEOUT_MS }));
  return { slug, ...r };
}

/** Opens a page and takes its first-load measurements; `out` gets them, or an error. */
async function openAndLoad(browser, which, size, url, firstId, out) {
  log(`${size} ${which}: first load of ${url}`);
  const p = await newPage(browser, firstId, join(WORK, size));
  Object.assign(out, await firstLoad(p, url));
  if (!out.error) {
    Object.assign(out, await pageFacts(p));
    out.bytes = bytesOf(p.state.urls, join(WORK, size));
    delete out.bytes.files;
    out.memory = await memory(p);
    log(`${size} ${which}: newest item painted at ${Math.round(out.first_content_ms)} ms, app ready at ${Math.round(out.app_ready_ms)} ms, ${out.entries_in_dom} entries, ${out.dom_nodes} DOM nodes`);
  } else {
    log(`${size} ${which}: ${out.error}`);
  }
  return p;
}

const closePage = async (p, out) => {
  if (!p) return;
  out.crashed ||= p.state.crashed;
  out.console_errors = [...(out.console_errors ?? []), ...p.state.errors].slice(0, 10);
  await p.context.close().catch(() => {});
};

/**
 * Measures the app and the reference at one size. Both pages stay open, and every phase runs in
 * rounds that alternate between them (app, reference, app, …), so that both meet the same load
 * from the rest of this shared machine; each statistic pools a page's rounds.
 */
async function measureSize(browser, baseUrl, size, site, data) {
  const firstId = site.docs.length ? `news-${site.docs[0].item.id}` : null;
  const app = { url: `${baseUrl}news` };
  const ref = {};
  const pages = { app: null, ref: null };
  try {
    pages.app = await openAndLoad(browser, 'app', size, app.url, firstId, app);
    // The reference renders as many entries as the app puts in the DOM.
    const shown = app.entries_in_dom;
    const limit = Number.isFinite(shown) && shown > 0 && shown < data.news.length ? shown : null;
    ref.url = `${baseUrl}bench-reference/${limit ? `?limit=${limit}` : ''}`;
    ref.limit = limit;
    pages.ref = await openAndLoad(browser, 'ref', size, ref.url, firstId, ref);
    const live = { app: !app.error, ref: !ref.error };
    const both = [['app', app], ['ref', ref]];

    log(`${size}: keystrokes, ${KEY_ROUNDS} rounds per page`);
    const keys = { app: { results: [], skipped: 0 }, ref: { results: [], skipped: 0 } };
    const spent = { app: 0, ref: 0 };
    for (let round = 0; round < KEY_ROUNDS; round++) {
      for (const [k] of both) {
        if (!live[k]) continue;
        const t0 = Date.now();
        const r = await keystrokeRound(pages[k], site, t0 + PHASE_BUDGET_MS - spent[k]);
        spent[k] += Date.now() - t0;
        keys[k].results.push(...r.results);
        keys[k].skipped += r.skipped;
        if (r.results.some((x) => x.stuck)) live[k] = false;
      }
    }
    for (const [k, out] of both) {
      if (!keys[k].results.length && !keys[k].skipped) continue;
      out.keystroke = { query: QUERY, rounds: KEY_ROUNDS, skipped_over_budget: keys[k].skipped, ...summary(keys[k].results) };
      log(`${size} ${k}: keystroke median ${out.keystroke.median} ms, p95 ${out.keystroke.p95} ms (${out.keystroke.n} ok, ${out.keystroke.failed} failed, ${keys[k].skipped} skipped)`);
    }

    const year = Number(searchNews(site, {}).years.reduce((a, b) => (b.count > a.count ? b : a)).value);
    // A topic the app's topic facet shows: the data's kinds (paper, award…) are a facet of their own.
    const kinds = new Set(site.data.kinds ?? []);
    const topic = searchNews(site, { year }).topics.filter((t) => !kinds.has(t.value)).reduce((a, b) => (b.count > a.count ? b : a)).value;
    log(`${size}: facets year=${year} topic=${topic}, ${FACET_ROUNDS} rounds per page`);
    const fac = { app: {}, ref: {} };
    const facetStart = Date.now();
    let rounds = 0;
    for (let round = 0; round < FACET_ROUNDS && (round === 0 || Date.now() - facetStart < PHASE_BUDGET_MS); round++) {
      for (const [k] of both) {
        if (!live[k]) continue;
        const r = await facetRound(pages[k], site, year, topic);
        for (const [name, x] of Object.entries(r)) (fac[k][name] ??= []).push(x);
        if (Object.values(r).some((x) => x.stuck)) live[k] = false;
      }
      rounds += 1;
    }
    for (const [k, out] of both) {
      if (!Object.keys(fac[k]).length) continue;
      out.facets = { year_value: year, topic_value: topic, rounds };
      for (const name of ['apply_year', 'apply_topic', 'remove_topic', 'remove_year']) out.facets[name] = summary(fac[k][name] ?? []);
      log(`${size} ${k}: year median ${out.facets.apply_year.median} ms, topic median ${out.facets.apply_topic.median} ms`);
    }

    const prof = { app: [], ref: [] };
    const slow = Math.max(app.first_content_ms ?? Infinity, ref.first_content_ms ?? 0) > 15_000;
    for (let i = 0; i < (slow ? 1 : PROFILE_SAMPLES); i++) {
      for (const [k, out] of both) {
        if (out.error) continue;
        if (i > 0 || !live[k]) {
          await closePage(pages[k], out);
          pages[k] = await newPage(browser, firstId, join(WORK, size));
          const again = await firstLoad(pages[k], out.url);
          if (again.error) continue;
        }
        prof[k].push(await profile(pages[k], data).catch((e) => ({ ok: false, error: e.message.split('\n')[0] })));
        live[k] = false; // the page now shows a profile
      }
    }
    for (const [k, out] of both) {
      if (!prof[k].length) continue;
      out.profile = { member: prof[k][0]?.slug, ...summary(prof[k]) };
      log(`${size} ${k}: profile median ${out.profile.median} ms`);
    }
  } catch (e) {
    app.error ??= e.message.split('\n')[0];
    log(`${size}: error ${e.message.split('\n')[0]}`);
  } finally {
    await closePage(pages.app, app);
    await closePage(pages.ref, ref);
  }
  return { app, ref, limit: ref.limit ?? null };
}

/** The first load of the home page `/` (what the 160 KB budget is about): what the page fetches
 * by itself, with no visitor input, until the network has been quiet for 3 s; then what the app
 * adds once the visitor reaches for a control (the pointer over the site-search button), and how
 * long from there until the app has taken the page over. */
async function homeLoad(browser, baseUrl, size) {
  const p = await newPage(browser, null, join(WORK, size));
  try {
    await p.page.goto(baseUrl, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await p.page.waitForSelector('main h1', { timeout: LOAD_TIMEOUT_MS });
    for (let seen = -1; seen !== p.state.urls.length; ) {
      seen = p.state.urls.length;
      await sleep(3000);
    }
    const first = bytesOf(p.state.urls, p.siteRoot);
    await p.page.locator('.search-open').hover({ timeout: LOAD_TIMEOUT_MS });
    const ready = await within(p.page.evaluate(() => window.__bench.appTookOver), LOAD_TIMEOUT_MS);
    const woke = await p.page.evaluate(() => window.__bench.wokeAt);
    const withApp = bytesOf(p.state.urls, p.siteRoot);
    delete withApp.files;
    return {
      ...first,
      with_app: withApp,
      app_ready_after_wake_ms: ready.tPaint != null && woke != null ? ready.tPaint - woke : null,
    };
  } catch (e) {
    return { error: e.message.split('\n')[0] };
  } finally {
    await p.context.close().catch(() => {});
  }
}

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Math.round((a / b) * 100) / 100 : null);

function ratios(app, ref) {
  const pick = (o, path) => path.split('.').reduce((x, k) => (x == null ? x : x[k]), o);
  const out = {};
  for (const [name, path] of [
    ['first_content', 'first_content_ms'],
    ['app_ready', 'app_ready_ms'],
    ['keystroke_median', 'keystroke.median'],
    ['keystroke_p95', 'keystroke.p95'],
    ['apply_year_median', 'facets.apply_year.median'],
    ['apply_topic_median', 'facets.apply_topic.median'],
    ['profile_median', 'profile.median'],
    ['js_heap', 'memory.js_heap_used_bytes'],
    ['dom_nodes', 'dom_nodes'],
  ]) {
    out[name] = ratio(pick(app, path), pick(ref, path));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const results = {
    issue: 5,
    date: started.toISOString(),
    commit: COMMIT,
    seed: 5,
    machine: machine(),
    settings: {
      query: QUERY,
      keystrokes_per_page: QUERY.length * 2 * KEY_ROUNDS,
      keystroke_rounds: KEY_ROUNDS,
      key_gap_ms: KEY_GAP_MS,
      facet_rounds: FACET_ROUNDS,
      profile_samples: PROFILE_SAMPLES,
      step_timeout_ms: STEP_TIMEOUT_MS,
      load_timeout_ms: LOAD_TIMEOUT_MS,
      phase_budget_ms: PHASE_BUDGET_MS,
      viewport: '1280x900',
      chromium_args: CHROMIUM_ARGS,
    },
    sizes: [],
  };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  results.browser = { name: 'Chromium (headless)', version: browser.version() };
  log(`Chromium ${browser.version()} on ${results.machine.cpu}, ${results.machine.cores} cores`);
  let port = PORT;
  try {
    for (const size of SIZES) {
      const { dir, data: dataPath } = prepareSite(size);
      const data = JSON.parse(readFileSync(dataPath, 'utf8'));
      const site = indexSite(data);
      const server = await serve(dir, port);
      const baseUrl = `http://127.0.0.1:${port}/sail/`;
      port += 1;
      const entry = {
        name: size,
        counts: { news: data.news.length, publications: data.publications.length, members: data.members.length },
        data_bytes: compressed(join(dir, 'data/site.json')),
        pages_built_from_this_data: builtFromData[size],
        build_seconds: BUILD_SECONDS[size] ?? null,
      };
      try {
        if (size === 'bundled') entry.home = await homeLoad(browser, baseUrl, size);
        const m = await measureSize(browser, baseUrl, size, site, data);
        entry.app = m.app;
        entry.ref = m.ref;
        entry.reference_limit = m.limit;
        entry.ratio = ratios(entry.app, entry.ref);
      } finally {
        server.kill();
      }
      results.sizes.push(entry);
      writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
    }
  } finally {
    await browser.close();
  }
  if (TWIGGY && existsSync(TWIGGY)) results.twiggy = JSON.parse(readFileSync(TWIGGY, 'utf8'));
  results.finished = new Date().toISOString();
  writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${OUT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
