// Starts the site's WebAssembly app (written by sitegen in place of Trunk's inline loader, so that
// no inline script is needed under the Content-Security-Policy).
//
// Every page is pre-rendered: it reads, and its links work, without the app. So the app's files
// (JS glue, wasm, data file) are fetched only once the page needs them:
// - at once, when this page was rendered for another address than the one shown (a filtered list,
//   a legacy address, a page not found): only the app can show that address;
// - otherwise on the visitor's first move towards something only the app does: pointing at,
//   pressing or focusing a button, a text field or a link to a filtered list, or the site-search
//   keys (/ and Ctrl-K or ⌘K).
// What the visitor did while the app was on its way is carried out once it runs: the app keeps
// the pre-rendered elements, so a click is clicked again on the very element, a key is pressed
// again, and text typed into a field is handed to the app.
const root = document.documentElement;
const rendered = document.getElementById('root');
const appJs = '__APP_JS__';
const appWasm = '__APP_WASM__';
// The data files the app fetches when it starts (src/api.rs), relative to the base URL.
const dataFiles = '__DATA_FILES__'.split(' ');

let loading = false;
/** The app's wasm, fetched and compiled in the background once the page is idle (see `prefetch`). */
let compiled = null;
let live = false;
let failed = false;
const clicks = [];
const keys = [];
const typed = new Map();

/** The element under `target` that only the app can answer, if any. */
function appControl(target) {
  const el = target instanceof Element ? target.closest('button, input, textarea, select, a[href]') : null;
  if (!el) return null;
  if (el.localName !== 'a') return el;
  // Links to other pages load those pages; a link to a filtered list (a query string) needs the app.
  const url = new URL(el.href, location.href);
  return url.origin === location.origin && url.search && !el.hasAttribute('download') && !el.target ? el : null;
}
const isField = (el) => el && /^(input|textarea|select)$/.test(el.localName);
// `key` is missing on some synthetic keydowns (Chrome's autofill sends them).
const isShortcut = (e) =>
  (e.key === '/' && !isField(e.target)) || ((e.ctrlKey || e.metaKey) && (e.key ?? '').toLowerCase() === 'k');

/** Starts the app. `quiet`: nobody waits for it yet (the pointer passed over a control), so the
 * progress bar stays hidden until the visitor does something the app must carry out. */
function load(quiet = false) {
  if (!quiet) root.classList.remove('boot-quiet');
  if (loading) return;
  loading = true;
  root.classList.add('booting');
  if (quiet) root.classList.add('boot-quiet');
  new MutationObserver((_, observer) => {
    if (!root.classList.contains('app-ready')) return;
    observer.disconnect();
    live = true;
    root.classList.remove('boot-quiet');
    replay();
  }).observe(root, { attributes: true, attributeFilter: ['class'] });
  sendDataRequests();
  const wasm = compiled ? compiled.then((module) => module ?? fetch(appWasm)) : appWasm;
  import(appJs)
    .then((app) => app.default({ module_or_path: wasm }))
    .catch((error) => {
      failed = true;
      root.classList.remove('booting', 'boot-quiet');
      root.classList.add('boot-failed');
      console.warn('The interactive site could not start; the page still reads without it.', error);
      // Links still lead where they point, as pages of their own.
      const link = clicks.find((el) => el.localName === 'a');
      if (link) location.assign(link.href);
    });
}

/** Requests the data files now, beside the app's own files, rather than once the app runs: on a
 * phone that saves a round trip and the wasm's compiling. The app takes each request from
 * `window.__labRequests` once (src/api.rs). Requests older than a minute (sent by `prefetch`) are
 * sent again, so that the app starts from the data as it is now. */
let dataSentAt = -Infinity;
function sendDataRequests() {
  if (performance.now() - dataSentAt < 60_000) return;
  dataSentAt = performance.now();
  window.__labRequests = Object.fromEntries(dataFiles.map((url) => {
    const controller = new AbortController();
    const response = fetch(url, { cache: 'no-cache', signal: controller.signal });
    // A failure is the app's to report, when it takes the request; none is logged before.
    response.catch(() => {});
    return [url, { response, controller }];
  }));
}

/** `el`, or when the app rendered the page afresh instead of keeping it (an address no page was
 * rendered for, a data file changed since the build), the element now in its place. */
function counterpart(el) {
  if (el.isConnected) return el;
  if (el.id) return document.getElementById(el.id);
  const same = (sel, attr) => [...document.querySelectorAll(sel)].find((e) => e.getAttribute(attr) === el.getAttribute(attr));
  if (el.localName === 'a') return same('a[href]', 'href');
  return [...document.querySelectorAll(el.localName)].find((e) => e.className === el.className && e.textContent === el.textContent);
}

/** Hands text typed before the app ran to the field that now stands for it. A page the app
 * renders afresh may build its fields a frame after it is ready: a few frames are waited for. */
function retype(el, value, frames = 30) {
  const now = counterpart(el);
  if (!now) {
    if (frames > 0) requestAnimationFrame(() => retype(el, value, frames - 1));
    return;
  }
  now.value = value;
  now.dispatchEvent(new Event('input', { bubbles: true }));
}

function replay() {
  for (const [el, value] of typed) retype(el, value);
  for (const el of clicks) {
    const now = counterpart(el);
    if (now) now.click();
    // A link still leads where it pointed.
    else if (el.localName === 'a') location.assign(el.href);
  }
  for (const init of keys) (document.activeElement || document.body).dispatchEvent(new KeyboardEvent('keydown', init));
  typed.clear();
  clicks.length = keys.length = 0;
}

// Intent: load early, before the click or the first letter.
for (const type of ['pointerover', 'pointerdown', 'focusin']) {
  addEventListener(type, (e) => !loading && appControl(e.target) && load(true), { capture: true, passive: true });
}
addEventListener('click', (e) => {
  if (live || failed || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  const el = appControl(e.target);
  if (!el || isField(el)) return;
  // The lists' script (list.js) already answered it on the pre-rendered list: only load the app.
  if (e.listHandled) {
    load(true);
    return;
  }
  e.preventDefault();
  e.stopImmediatePropagation();
  if (!clicks.includes(el)) clicks.push(el);
  load();
}, true);
addEventListener('keydown', (e) => {
  if (live || failed || !isShortcut(e)) return;
  e.preventDefault();
  keys.push({ key: e.key, code: e.code, ctrlKey: e.ctrlKey, metaKey: e.metaKey, bubbles: true, cancelable: true });
  load();
}, true);
addEventListener('input', (e) => {
  if (live || failed || !isField(e.target)) return;
  typed.set(e.target, e.target.value);
  load();
}, true);
// Enter in a search field before the app runs would reload the page and lose the text.
addEventListener('submit', (e) => {
  if (live || failed) return;
  e.preventDefault();
  load();
}, true);

/** Once the visitor has touched the page and the browser is idle, fetches and compiles the app's
 * wasm (the compiling runs off the main thread) and its JS, and requests the data files, so that a
 * later first tap waits only for the app to start, not for 400 KB on a slow connection. Nothing runs: the page stays as it
 * was. Not for a visitor who asked to save data, nor on a 2G connection. */
function prefetch() {
  const c = navigator.connection;
  if (loading || compiled || (c && (c.saveData || /2g/.test(c.effectiveType ?? '')))) return;
  root.classList.add('app-prefetched');
  compiled = WebAssembly.compileStreaming(fetch(appWasm)).catch(() => null);
  import(appJs).catch(() => {});
  sendDataRequests();
}
const whenIdle = (f) => (window.requestIdleCallback ? requestIdleCallback(f, { timeout: 4000 }) : setTimeout(f, 1000));
const afterLoad = (f) => (document.readyState === 'complete' ? f() : addEventListener('load', f, { once: true }));
// Touched: a touch, a click, a key or the mouse wheel. A visitor who only opens the page (and a
// crawler, and Lighthouse) fetches none of the app. Not the mouse moving: Chromium sends the
// pointer a move of its own whenever the layout under it changes.
const touches = ['pointerdown', 'touchstart', 'keydown', 'wheel'];
function touched() {
  for (const type of touches) removeEventListener(type, touched, true);
  afterLoad(() => whenIdle(prefetch));
}
for (const type of touches) addEventListener(type, touched, { capture: true, passive: true });

if (!rendered || rendered.dataset.renderedAt !== location.pathname + location.search) {
  // The page is already readable: let it paint before the app's files are requested, so that they
  // never hold up the first paint (a hidden tab, which gets no frames, waits at most 200 ms).
  await new Promise((painted) => {
    requestAnimationFrame(() => setTimeout(painted, 0));
    setTimeout(painted, 200);
  });
  load();
} else if (appControl(document.activeElement)) {
  load();
}
