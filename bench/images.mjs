// The image budgets of GitHub issue 12, measured on a release build: what a phone (412×915 at
// device pixel ratio 2.625) transfers for /publications/ scrolled to the bottom, and for / with no
// input, with the header photo and without it. Bytes are what went over the wire (gzip where the
// server compresses), from the DevTools protocol. Third-party images (8 thumbnails and every member
// photo link to other hosts) cannot be reached from this machine and are answered with nothing.
//
//   node bench/images.mjs DIST [PORT]     (DIST built with --public-url /sail/)
//
// Writes its section to bench/images.md and into BENCHMARKS.md (between the images markers;
// bench/report.mjs copies bench/images.md when it rewrites that file). Nothing here is timed.
import { launchChromium, serve } from './serve.mjs';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2];
const port = Number(process.argv[3] ?? 4390);
if (!dist) {
  console.error('usage: node bench/images.mjs DIST [PORT]');
  process.exit(2);
}
const base = `http://127.0.0.1:${port}/sail/`;
const phone = { viewport: { width: 412, height: 915 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true };

/** The app's own files (its wasm and JS glue), which boot.js fetches in the background once the
 * page is idle: counted apart from the page's weight. */
const isApp = (url) => /sail-site-[0-9a-f]+(_bg\.wasm|\.js)$/.test(new URL(url).pathname);

function kindOf(url, mime) {
  if (isApp(url)) return 'app';
  if (/\.(avif|webp|png|jpe?g|gif|svg)$/.test(new URL(url).pathname) || mime.startsWith('image/')) return 'images';
  if (mime.includes('html')) return 'html';
  if (mime.includes('css')) return 'css';
  if (mime.includes('javascript')) return 'js';
  if (mime.includes('wasm')) return 'wasm';
  if (mime.includes('json')) return 'data';
  return 'other';
}

/** Loads `path` in a fresh phone context, runs `then`, and returns the bytes by kind. */
async function transfer(browser, path, then, block = () => false) {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('failed'));
  await page.route((url) => block(url.href), (route) => route.abort('blockedbyclient'));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const responses = new Map();
  const bytes = { html: 0, css: 0, js: 0, wasm: 0, data: 0, images: 0, other: 0, app: 0 };
  const files = [];
  cdp.on('Network.responseReceived', (e) => responses.set(e.requestId, e.response));
  cdp.on('Network.loadingFinished', (e) => {
    const r = responses.get(e.requestId);
    if (!r || !r.url.startsWith(base)) return;
    const kind = kindOf(r.url, r.mimeType);
    bytes[kind] += e.encodedDataLength;
    files.push({ url: r.url.slice(base.length), kind, bytes: e.encodedDataLength });
  });
  await page.goto(base + path, { waitUntil: 'load' });
  await then(page);
  await page.waitForLoadState('networkidle');
  // The app ran only if the page fetched its data file (a prefetch compiles it, never runs it).
  const appRan = files.some((f) => f.kind === 'data');
  await context.close();
  const total = Object.entries(bytes).reduce((a, [kind, b]) => a + (kind === 'app' ? 0 : b), 0);
  return { bytes, total, files, appRan };
}

async function scrollToBottom(page) {
  await page.evaluate(async () => {
    for (let y = 0; y <= document.body.scrollHeight; y += 300) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
}

function sourceThumbnailBytes() {
  const dir = new URL('../data/images/publications/', import.meta.url).pathname;
  const names = readdirSync(dir);
  return { count: names.length, bytes: names.reduce((s, n) => s + statSync(join(dir, n)).size, 0) };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  const server = await serve(dist, port, { gzip: true });
  try {
    const browser = await launchChromium();
    const pubs = await transfer(browser, 'publications/', scrollToBottom);
    const homeAll = await transfer(browser, '', async () => {});
    const header = JSON.parse(readFileSync(join(dist, 'data/images.json'), 'utf8')).images['images/header.jpeg'];
    const headerFiles = new Set(header.formats.flatMap((f) => f.files.map((r) => r.file)));
    const headerBytes = (r) => r.files.filter((f) => headerFiles.has(f.url)).reduce((s, f) => s + f.bytes, 0);
    const homeNoPhoto = await transfer(browser, '', async () => {}, (url) => headerFiles.has(url.slice(base.length)));
    // Issue 13's pages: the projects grid and the post, as they first load, and the post read to
    // its end (every figure fetched).
    const projects = await transfer(browser, 'projects/', async () => {});
    const post = await transfer(browser, 'posts/compofa/', async () => {});
    const postRead = await transfer(browser, 'posts/compofa/', scrollToBottom);
    await browser.close();
    const row = (label, r, budget = 'report') =>
      `| ${label} | ${kb(r.bytes.html)} | ${kb(r.bytes.css)} | ${kb(r.bytes.js)} | ${kb(r.bytes.data)} | ${kb(r.bytes.images)} | **${kb(r.total)}** | ${kb(r.bytes.app)} | ${budget} |`;

    const manifest = JSON.parse(readFileSync(join(dist, 'data/images.json'), 'utf8')).images;
    const thumbFiles = new Set(
      Object.entries(manifest)
        .filter(([path]) => path.startsWith('images/publications/'))
        .flatMap(([, e]) => e.formats.flatMap((f) => f.files.map((r) => r.file))),
    );
    const thumbs = pubs.files.filter((f) => thumbFiles.has(f.url));
    const src = sourceThumbnailBytes();
    const lines = [
      '## Images and page weight (issues 12 and 13)',
      '',
      `Measured by \`node bench/images.mjs DIST\` on a release build served gzipped, in Chromium as a 412×915 phone at device pixel ratio 2.625, with no input (the app did not run: ${pubs.appRan ? 'it did' : 'confirmed'}). Third-party images cannot be reached here and count 0. "In all" is what the page needs; the last column is the app (wasm and JS) when the page fetched it. boot.js fetches and compiles it (and fetches the data files) in the background once the visitor has touched the page (a touch, click, key or wheel; the scrolling here is scripted, none of those) and the browser is idle, so that a first tap on a control only the app runs does not wait for it; never for a visitor who asked to save data or is on 2G.`,
      '',
      '| page | HTML | CSS | JS | data | images | in all | app, if fetched | budget |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      row('`/publications/` scrolled to the bottom', pubs, `≤ 450 KB: ${pubs.total <= 450 * 1024 ? 'PASS' : 'FAIL'}`),
      row(`\`/\`, first load, with the header photo (${kb(headerBytes(homeAll))} of it)`, homeAll),
      row('`/`, first load, without it', homeNoPhoto),
      row('`/projects/`, first load (issue 13)', projects),
      row('`/posts/compofa/`, first load (issue 13)', post),
      row('`/posts/compofa/` read to the end, every figure', postRead),
      '',
      `The ${thumbs.length} thumbnails the lab keeps in the repository came to ${kb(thumbs.reduce((s, f) => s + f.bytes, 0))} (${[...new Set(thumbs.map((f) => f.url.split('.').pop()))].join(', ')}, ${Math.min(...thumbs.map((f) => f.bytes))}–${Math.max(...thumbs.map((f) => f.bytes))} bytes each). The Jekyll site serves the originals: these ${src.count} PNGs are ${kb(src.bytes)}, and with its 8 thumbnails on other hosts the issue measured about 6.9 MB for the same list.`,
      '',
    ];
    const section = `<!-- images:start (written by bench/images.mjs) -->\n${lines.join('\n')}\n<!-- images:end -->\n`;
    writeFileSync(new URL('images.md', import.meta.url), section);
    const benchmarks = new URL('../BENCHMARKS.md', import.meta.url);
    const old = existsSync(benchmarks) ? readFileSync(benchmarks, 'utf8') : '# Benchmarks\n\n';
    const [start, end] = [old.indexOf('<!-- images:start'), old.indexOf('<!-- images:end -->')];
    const next =
      start >= 0 && end > start
        ? old.slice(0, start) + section + old.slice(end + '<!-- images:end -->\n'.length)
        : old.replace('\n## Bytes on the wire', `\n${section}\n## Bytes on the wire`);
    writeFileSync(benchmarks, next);
    console.log(section);
  } finally {
    server.kill();
  }
}

await main();
