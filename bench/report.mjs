#!/usr/bin/env node
// Turns bench/results.json into BENCHMARKS.md: the issue's budgets with pass/fail, sizes on the
// wire, timings of the app with their ratio to the plain-JavaScript reference, memory and DOM,
// and the largest contributors to the wasm.
//
//   node bench/report.mjs [bench/results.json] [BENCHMARKS.md]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const [inPath = 'bench/results.json', outPath = 'BENCHMARKS.md'] = process.argv.slice(2);
const R = JSON.parse(readFileSync(inPath, 'utf8'));
const size = (name) => R.sizes.find((s) => s.name === name);

const kb = (b) => (b == null ? '–' : `${(b / 1000).toFixed(1)} KB`);
const mb = (b) => (b == null ? '–' : b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : kb(b));
const ms = (x) => (x == null ? '–' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);
const x = (r) => (r == null ? '–' : `${r.toFixed(2)}×`);
const int = (n) => (n == null ? '–' : n.toLocaleString('en-US'));

/** A timing summary cell: the value, plus how many attempts failed or were skipped. */
function cell(summary, key = 'median') {
  if (!summary) return 'not measured';
  const v = summary[key];
  const notes = [];
  if (summary.failed) notes.push(`${summary.failed} of ${summary.attempted} timed out/failed`);
  if (summary.skipped_over_budget) notes.push(`${summary.skipped_over_budget} skipped, over time budget`);
  if (v == null) return notes.length ? `none (${notes.join('; ')})` : '–';
  return notes.length ? `${ms(v)} (n=${summary.n}; ${notes.join('; ')})` : ms(v);
}

const lines = [];
const w = (s = '') => lines.push(s);

const m = R.machine;
w('# Benchmarks');
w();
w('Issue 5\'s benchmark, written by `./scripts/bench.sh` (see `bench/README.md` for what it does). Raw numbers:');
w('`bench/results.json`. Timings come from one run on a shared machine and are noisy; compare the');
w('ratios to the plain-JavaScript reference, which was measured in the same browser run.');
w();
w(`- Date: ${R.date.slice(0, 16).replace('T', ' ')} UTC${R.commit ? `, app built from commit \`${R.commit}\`` : ''}`);
w(`- Machine: ${m.cpu}, ${m.cores} cores, ${(m.memory_bytes / 2 ** 30).toFixed(1)} GiB memory, ${m.os}; load average at start ${m.load_average_at_start.join(' / ')}`);
w(`- Browser: ${R.browser.name} ${R.browser.version}, viewport ${R.settings.viewport}; Node ${m.node}`);
w(`- Data: the bundled \`data/site.json\` and synthetic files from \`bench/generate.mjs\` (seed ${R.seed ?? 5}); every file loads with no notice (checked natively with the model crate and in the browser)`);
w();

// ---- budgets
w('## Budgets');
w();
w('| budget | measured | result |');
w('| --- | --- | --- |');
const verdict = (ok) => (ok == null ? 'not measured' : ok ? '**pass**' : '**FAIL**');
const bundled = size('bundled');
const home = bundled?.home;
const homeGzip = home?.total?.gzip;
R.budgets = [];
const budget = (name, measured, ok) => {
  R.budgets.push({ name, measured, pass: ok });
  w(`| ${name} | ${measured} | ${verdict(ok)} |`);
};
const withApp = home?.with_app;
budget(
  'First load of `/` with the bundled lab data ≤ 160 KB gzip (HTML+JS+wasm+CSS+data; KB = 1000 bytes; everything the page fetches with no visitor input)',
  home?.total
    ? `${kb(homeGzip)} gzip (wasm ${kb(home.wasm.gzip)}, JS ${kb(home.js.gzip)}, CSS ${kb(home.css.gzip)}, HTML ${kb(home.html.gzip)}, data ${kb(home.data.gzip)}). The app loads when the visitor first reaches for one of its controls: ${withApp ? `${kb(withApp.total.gzip)} gzip in all then (wasm ${kb(withApp.wasm.gzip)}, JS ${kb(withApp.js.gzip)}, data ${kb(withApp.data.gzip)})` : '–'}, the page taken over ${home.app_ready_after_wake_ms != null ? ms(home.app_ready_after_wake_ms) : '–'} after the pointer reached the search button`
    : home?.error ?? '–',
  homeGzip == null ? null : homeGzip <= 160_000,
);
const s10 = size('10k');
const k10 = s10?.app?.keystroke;
budget('Keystroke → painted list at 10k news, p95 ≤ 16 ms', k10 ? cell(k10, 'p95') : '–', k10?.p95 == null ? (k10 ? false : null) : k10.p95 <= 16);
const r10 = s10?.ratio?.keystroke_p95;
budget(
  '… and ≤ 1.3× the JS reference (p95 / p95)',
  r10 == null ? '–' : `${x(r10)} (reference p95 ${ms(s10.ref.keystroke.p95)})`,
  r10 == null ? (k10 ? false : null) : r10 <= 1.3,
);
const s100 = size('100k');
const e100 = s100?.app?.entries_in_dom;
const n10 = s10?.app?.dom_nodes;
const n100 = s100?.app?.dom_nodes;
budget(
  'DOM does not grow with the data: 100k items never put 100k entries in the DOM',
  s100?.app
    ? e100 == null
      ? s100.app.error ?? '–'
      : `${int(e100)} news entries in the DOM at 100k; ${int(n10)} DOM nodes at 10k, ${int(n100)} at 100k`
    : '–',
  e100 == null ? (s100?.app ? false : null) : e100 < s100.counts.news && n100 <= 2 * n10,
);
const f100 = s100?.app?.first_content_ms;
const own100 = s100?.pages_built_from_this_data;
budget(
  `First content at 100k within 1 s (the newest news item on screen, from navigation start${own100 ? '; the site built from the 100k file, so its pages are pre-rendered from it' : ''})`,
  s100?.app ? (f100 == null ? s100.app.error ?? '–' : `${ms(f100)}; the pointer reaches the search box then, and the app takes over (hydrated, interactive) at ${ms(s100.app.app_ready_ms)}`) : '–',
  f100 == null ? (s100?.app ? false : null) : f100 <= 1000,
);
w();

// ---- bytes
w('## Bytes on the wire');
w();
w('What a first visit fetches (files served by `e2e/server.mjs`, compressed here with gzip -9 and brotli 11). The');
w('app\'s wasm, JS and CSS are the same at every size; the data file and the pages pre-rendered from it change. `/` is the home page, `/news` the list.');
w('A page rendered for its own address fetches the app (JS glue, wasm, data file) only once the visitor reaches for a control');
w('the app runs (a button, a text field, a link to a filtered list, the search keys). The first row is `/` with no visitor input;');
w('every other app row counts the app too, fetched when the pointer reached a control.');
w();
w('| page · size | HTML | JS | CSS | wasm | data | total raw | total gzip | total brotli |');
w('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const g = (b) => (b ? `${kb(b.raw)} / ${kb(b.gzip)} / ${kb(b.brotli)}` : '–');
const bytesRow = (label, b) =>
  b?.total && w(`| ${label} | ${kb(b.html.gzip)} | ${kb(b.js.gzip)} | ${kb(b.css.gzip)} | ${kb(b.wasm.gzip)} | ${mb(b.data.gzip)} | ${mb(b.total.raw)} | ${mb(b.total.gzip)} | ${mb(b.total.brotli)} |`);
bytesRow('`/` · bundled, no visitor input', home);
bytesRow('`/` · bundled, once the app has loaded', home?.with_app);
for (const s of R.sizes) bytesRow(`\`/news\` · ${s.name}`, s.app?.bytes);
for (const s of R.sizes) bytesRow(`reference · ${s.name}`, s.ref?.bytes);
w();
w('Per-kind cells are gzip. Raw / gzip / brotli of each part at the bundled size:');
w();
if (home?.total) {
  w('| part | `/`, no visitor input: raw / gzip / brotli | `/` once the app has loaded |');
  w('| --- | --- | --- |');
  for (const k of ['html', 'js', 'css', 'wasm', 'data']) w(`| ${k} | ${g(home[k])} | ${g(home.with_app?.[k])} |`);
  w();
}
w('| data file | news | publications | members | raw | gzip | brotli | site build (`trunk build --release` with the app already compiled: wasm-opt, pages, copy) |');
w('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of R.sizes) w(`| ${s.name} | ${int(s.counts.news)} | ${int(s.counts.publications)} | ${int(s.counts.members)} | ${mb(s.data_bytes.raw)} | ${mb(s.data_bytes.gzip)} | ${mb(s.data_bytes.brotli)} | ${s.build_seconds != null ? `${s.build_seconds} s` : '–'} |`);
w();

// ---- timings
w('## Timings: app vs the plain-JavaScript reference');
w();
w('Each cell: app · reference · app/reference. Keystroke, facet and profile cells are medians unless marked p95.');
w();
w('| size | newest news item painted | app ready | keystroke median | keystroke p95 | year facet | topic facet | open profile |');
w('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const s of R.sizes) {
  const a = s.app ?? {};
  const r = s.ref ?? {};
  const q = s.ratio ?? {};
  const three = (av, rv, rr) => `${av} · ${rv} · ${x(rr)}`;
  w(
    `| ${s.name} | ${three(a.first_content_ms != null ? ms(a.first_content_ms) : a.error ?? '–', r.first_content_ms != null ? ms(r.first_content_ms) : r.error ?? '–', q.first_content)} | ${three(a.app_ready_ms != null ? ms(a.app_ready_ms) : '–', r.first_content_ms != null ? ms(r.first_content_ms) : '–', q.app_ready)} | ${three(cell(a.keystroke), cell(r.keystroke), q.keystroke_median)} | ${three(cell(a.keystroke, 'p95'), cell(r.keystroke, 'p95'), q.keystroke_p95)} | ${three(cell(a.facets?.apply_year), cell(r.facets?.apply_year), q.apply_year_median)} | ${three(cell(a.facets?.apply_topic), cell(r.facets?.apply_topic), q.apply_topic_median)} | ${three(cell(a.profile), cell(r.profile), q.profile_median)} |`,
  );
}
w();
w('Samples per page and size: keystrokes ' + `${R.settings.keystrokes_per_page} (${R.settings.keystroke_rounds ?? 1} rounds of typing “${R.settings.query}” and deleting it char by char, ${R.settings.key_gap_ms} ms apart)` + `; facets ${R.settings.facet_rounds} rounds of year on, topic on, topic off, year off; profile up to ${R.settings.profile_samples} opens, each from a fresh load (1 when a first load takes over 15 s). The app and the reference stay open side by side and the rounds alternate between them, so both meet the same load from the rest of the machine.`);
w('A step not painted within ' + `${R.settings.step_timeout_ms / 1000} s is counted as failed; keystrokes are skipped once a page has spent ${R.settings.phase_budget_ms / 1000} s on them.`);
w();
// Where the slow keystrokes are: the step ends at the first painted frame, so a keystroke whose
// work misses the frame after the event waits for the next one.
const within16 = (k) => (k?.samples_ms?.length ? `${Math.round((100 * k.samples_ms.filter((t) => t <= 16).length) / k.samples_ms.length)} %` : '–');
const perPosition = (k) => {
  const n = (R.settings.query?.length ?? 0) * 2;
  if (!k?.samples_ms?.length || !n || k.samples_ms.length % n) return null;
  const rounds = k.samples_ms.length / n;
  const count = new Map();
  k.samples_ms.forEach((t, i) => t > 16 && count.set(i % n, (count.get(i % n) ?? 0) + 1));
  const slow = [...count].filter(([, c]) => c * 2 > rounds).map(([i]) => i);
  const keys = [...R.settings.query].map((c) => (c === ' ' ? '␣' : c)).concat([...R.settings.query].map(() => '⌫'));
  return slow.sort((a, b) => a - b).map((i) => `${i + 1} (${keys[i]})`).join(', ');
};
w('| size | keystrokes painted within 16 ms, app · ref | app keystrokes over 16 ms in most rounds (position in the round of 50) |');
w('| --- | --- | --- |');
for (const s of R.sizes) w(`| ${s.name} | ${within16(s.app?.keystroke)} · ${within16(s.ref?.keystroke)} | ${perPosition(s.app?.keystroke) ?? '–'} |`);
w();
w('Most of them change much of the page of entries on screen: the first letters of the query, where a word narrows a broad match to a few (“ga” → “gar”), and the same places on the way back. There the app searches, builds the entries that fit the window and removes the old ones in the event (facet counts, the rest of the page and the URL follow after the paint). The reference slows down at the same keystrokes.');
const kb0 = size('bundled')?.app?.keystroke;
if (kb0?.p95 != null) w(), w(`For scale: a step ends at a painted frame, so a keystroke that arrives just after one can wait most of a frame (16.7 ms) for the next. With the bundled lab data (23 news items, a few ms of work per keystroke) the app's p95 is ${ms(kb0.p95)} in this run, median ${ms(kb0.median)}.`);
w();
w('| size | facet values used | app: remove topic / remove year | reference: remove topic / remove year | first contentful paint app · ref | first news entry of any data, app |');
w('| --- | --- | --- | --- | --- | --- |');
for (const s of R.sizes) {
  const a = s.app ?? {};
  const r = s.ref ?? {};
  w(`| ${s.name} | year ${a.facets?.year_value ?? '–'}, topic \`${a.facets?.topic_value ?? '–'}\` | ${cell(a.facets?.remove_topic)} / ${cell(a.facets?.remove_year)} | ${cell(r.facets?.remove_topic)} / ${cell(r.facets?.remove_year)} | ${ms(a.fcp_ms)} · ${ms(r.fcp_ms)} | ${ms(a.first_any_entry_ms)} |`);
}
w();
w('“Newest news item painted”: the first frame with the served file\'s newest news item in the list, whoever drew it. Each size\'s site is built from that size\'s data file, as deploying that file would build it, so the item is in the pre-rendered page and paints with it. “App ready”: the first frame with the item and the app running (it has fetched and indexed the file and hydrated the page: filters, search and links work in the app from then on; before, links are plain page loads). For the reference both are its own render after fetching and parsing the file.');
w();

// ---- memory and DOM
w('## Memory and DOM after the first load of `/news`');
w();
w('| size | JS heap app · ref | wasm memory (app) | JS heap + wasm, app/ref | DOM nodes app · ref | news entries in DOM app · ref | result count shown (app) |');
w('| --- | --- | --- | --- | --- | --- | --- |');
for (const s of R.sizes) {
  const a = s.app ?? {};
  const r = s.ref ?? {};
  const both = (a.memory?.js_heap_used_bytes ?? NaN) + (a.memory?.wasm_memory_bytes ?? 0);
  const rr = r.memory?.js_heap_used_bytes;
  w(`| ${s.name} | ${mb(a.memory?.js_heap_used_bytes)} · ${mb(rr)} | ${mb(a.memory?.wasm_memory_bytes)} | ${Number.isFinite(both) && rr ? x(both / rr) : '–'} | ${int(a.dom_nodes)} · ${int(r.dom_nodes)} | ${int(a.entries_in_dom)} · ${int(r.entries_in_dom)} | ${a.result_count_text ?? '–'} |`);
}
w();
const trunkEvent = R.sizes.filter((s) => s.app?.wasm_memory_bytes_from_trunk_event != null);
w('The app keeps its data in wasm linear memory, the reference in the JS heap, so compare the sum. Wasm memory is the `byteLength` of every `WebAssembly.Memory` in the page, found through CDP (`Runtime.queryObjects`); the app has one. ' +
  (trunkEvent.length
    ? `The \`memory\` export that Trunk\'s loader passes with its \`TrunkApplicationStarted\` event was also read (${trunkEvent.every((s) => s.app.wasm_memory_bytes_from_trunk_event === s.app.memory?.wasm_memory_bytes) ? 'same numbers' : 'see the JSON: the numbers differ'}).`
    : 'The other way in, the `memory` export that Trunk\'s default loader passes with its `TrunkApplicationStarted` event, was not available: this build boots through its own script, which does not dispatch that event.'));
w();
const problems = R.sizes.flatMap((s) =>
  ['app', 'ref'].flatMap((k) => {
    const p = s[k];
    if (!p) return [];
    const out = [];
    if (p.error) out.push(`${s.name} ${k}: ${p.error}`);
    if (p.crashed) out.push(`${s.name} ${k}: the page crashed`);
    if (p.data_notices) out.push(`${s.name} ${k}: data notices shown (${p.data_notices_text})`);
    if (p.error_panels) out.push(`${s.name} ${k}: error panel shown (${p.error_text})`);
    for (const e of p.console_errors ?? []) out.push(`${s.name} ${k}: console: ${e}`);
    return out;
  }),
);
w(problems.length ? '### Problems seen during the run' : 'No page showed a data notice or an error panel, crashed, or logged a console error.');
w();
for (const p of problems) w(`- ${p}`);
if (problems.length) w();

// ---- twiggy
if (R.twiggy) {
  const t = R.twiggy;
  w('## What the wasm is made of (twiggy)');
  w();
  w(t.how);
  w(`The name section (${int(t.name_section_bytes)} bytes, not shipped) is left out; percentages are of the other ${int(t.counted_bytes)} bytes.`);
  w();
  w('| item | bytes | % |');
  w('| --- | ---: | ---: |');
  for (const it of t.top) w(`| \`${it.name.replace(/\|/g, '\\|').slice(0, 110)}\` | ${int(it.shallow_size)} | ${it.shallow_size_percent.toFixed(2)} |`);
  w();
  if (t.by_crate) {
    w('Shallow bytes by crate, from the demangled names (a generic impl `<T as krate::Trait>` counts for `krate`):');
    w();
    w('| crate | bytes | % |');
    w('| --- | ---: | ---: |');
    for (const c of t.by_crate) w(`| \`${c.crate}\` | ${int(c.bytes)} | ${c.percent.toFixed(1)} |`);
    w();
  }
}

// ---- What each part costs: the block bench/wasm-parts.sh last measured
const partsFile = join(dirname(resolve(inPath)), 'wasm-parts.md');
if (existsSync(partsFile)) {
  w(readFileSync(partsFile, 'utf8'));
}

// ---- method
w('## How it is measured');
w();
w(`- **Build and serving.** For each size the release site is built (\`trunk build --release --public-url /sail/\`) from a copy of the sources whose \`data/site.json\` is that size's file, so every page is pre-rendered from it (cargo builds the app once; each build runs wasm-opt and the page generator), and copied to \`target/bench/sites/<size>/\`; \`bench/reference/\` is copied beside it as \`bench-reference/\` with the app's stylesheet, and \`e2e/server.mjs\` serves each copy (no compression: sizes above are computed, times are over loopback). Each page load gets a fresh browser context (empty cache).`);
w('- **Newest news item / app ready.** `performance.now()` (ms since navigation start) in a task posted from the first animation frame whose DOM has the data file\'s newest news item in `.results` (for “app ready”, also marked `app-ready`, which the app sets once it has taken the page over; the driver moves the pointer over the search box right after the first content, which is what makes a page rendered for its own address load the app): that task runs after the frame was styled, laid out and painted.');
w('- **Keystroke / facet / profile.** An init script (`bench/instrument.js`) takes t0 in a capture-phase `input` (keystroke) or `click` listener on `window`, the first listener to see the event, and from there checks once per animation frame whether the page shows the expected state: the result count that the reference engine computes for that filter and, first in the list, the entry it puts first (so a wrong or stale list never counts as done), or the profile `h1` with the member\'s name. The step ends in a task posted from the first such frame\'s `requestAnimationFrame` callback, after that frame was painted (`raf` in the JSON stops at the callback). The task is posted with `scheduler.postTask` at `user-blocking` priority: Chromium defers ordinary tasks after a discrete input event until the next frame (DeferRendererTasksAfterInput), and the key-up Playwright sends after each key often arrives while the frame is drawn, which held the MessageChannel message used before (until 2026-11-26) back by a whole frame after the list was painted, in 4–5 of 150 keystrokes at 10k in traces (none with that feature disabled). The DOM is not observed, so nothing slows the page\'s own updates; the page\'s work in the event task and its microtasks (where Leptos runs its effects) always lands before that frame. After a change, the app builds in that frame the count and the entries that fit the window (measured after the previous paint), and in a task after it is painted the rest of the page, the facet counts and the URL: the step counts the first frame whose count and top of the list are right, as a visitor sees it. Keys are Playwright `keyboard.press`, clicks `locator.click`. The profile is an in-app link from the list to the first member mentioned; the profile is opened from a fresh load each time.');
w('- **Reference.** `bench/reference/` is plain JavaScript over the same data file, with the same operations (news newest first; search over the folded text with the app\'s folding table, every word must match; year and topic facets with disjunctive counts; a profile with the member\'s publications and news), the same elements, classes and stylesheet, and no URL state. It is written as a careful plain script would be: each change rebuilds the facets and the count, and the list only when its entries changed, from entry elements built once and kept. It renders as many entries as the app puts in the DOM (`limit`, from the app\'s first load).');
w('- **Memory.** Through the Chrome DevTools Protocol after the first load: `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage` (V8 heap used; wasm linear memory is not in it), and the `byteLength` of every `WebAssembly.Memory` found with `Runtime.queryObjects` (the wasm module\'s linear memory, which only grows). DOM nodes: `document.getElementsByTagName(\'*\').length`.');
w('- **Bytes.** The files the page requested from the local server, grouped by extension, compressed in Node (`zlib` gzip level 9, brotli quality 11; quality 9 for files over 8 MB, i.e. the 100k data file, where 11 takes minutes).');
w('- **Budgets.** Checked in this report only; nothing in the benchmark asserts on time, and `scripts/test.sh` does not run it.');
w();

// ---- On a phone (issue 15): the block bench/phone.mjs last measured
const phoneFile = join(dirname(resolve(inPath)), 'phone.md');
if (existsSync(phoneFile)) {
  w(readFileSync(phoneFile, 'utf8'));
}

// ---- Images (issue 12): the block bench/images.mjs last measured
const imagesFile = join(dirname(resolve(inPath)), 'images.md');
if (existsSync(imagesFile)) {
  w(readFileSync(imagesFile, 'utf8'));
}

// ---- Lighthouse (issue 6): the block scripts/lighthouse.sh last wrote to LIGHTHOUSE.md
const lhFile = join(dirname(resolve(outPath)), 'LIGHTHOUSE.md');
const lh = existsSync(lhFile) ? readFileSync(lhFile, 'utf8') : '';
const lhStart = lh.indexOf('<!-- results:start');
const lhEnd = lh.indexOf('<!-- results:end -->');
w('## Lighthouse');
w();
if (lhStart >= 0 && lhEnd > lhStart) {
  w('Written by `scripts/lighthouse.sh` (conditions and notes in `LIGHTHOUSE.md`); copied here by this report and by that script.');
  w();
  w(lh.slice(lhStart, lhEnd + '<!-- results:end -->'.length));
} else {
  w('Not measured yet: run `scripts/lighthouse.sh`.');
}
w();

writeFileSync(outPath, lines.join('\n'));
console.log(`wrote ${outPath}`);
