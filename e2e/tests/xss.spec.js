// Hostile data: 50+ script-injection payloads in every text and URL field of a data file. The site
// must render them as text, run none of them, follow no unsafe link and request no unexpected URL.
import { test, expect, ready, data } from './fixtures.js';

const FLAG = 'window.__xss=1';
const payloads = [
  `<script>${FLAG}</script>`,
  `<script src="https://evil.example/x.js"></script>`,
  `<img src=x onerror="${FLAG}">`,
  `<img src="https://evil.example/i.png">`,
  `<svg onload="${FLAG}"></svg>`,
  `<svg><script>${FLAG}</script></svg>`,
  `<svg><a xlink:href="javascript:${FLAG}"><text>x</text></a></svg>`,
  `<iframe src="javascript:${FLAG}"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<body onload="${FLAG}">`,
  `<details open ontoggle="${FLAG}">`,
  `<input autofocus onfocus="${FLAG}">`,
  `<a href="javascript:${FLAG}">click</a>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${FLAG}">`,
  `"><script>${FLAG}</script>`,
  `'><img src=x onerror=${FLAG}>`,
  `</title><script>${FLAG}</script>`,
  `</textarea><script>${FLAG}</script>`,
  `<object data="javascript:${FLAG}"></object>`,
  `<embed src="javascript:${FLAG}">`,
  `<link rel=stylesheet href="https://evil.example/s.css">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${FLAG}">`,
  `<base href="https://evil.example/">`,
  `<form action="javascript:${FLAG}"><button>x</button></form>`,
  `<style>@import 'https://evil.example/a.css';</style>`,
  `<div style="background:url(javascript:${FLAG})">`,
  `&lt;script&gt;${FLAG}&lt;/script&gt;`,
  `&#60;script&#62;${FLAG}&#60;/script&#62;`,
  `\\u003cscript\\u003e${FLAG}\\u003c/script\\u003e`,
  `[click](javascript:${FLAG})`,
  `[click](JaVaScRiPt:${FLAG})`,
  `[click](  javascript:${FLAG})`,
  `[click](java\tscript:${FLAG})`,
  `[click](data:text/html,<script>${FLAG}</script>)`,
  `[click](vbscript:msgbox(1))`,
  `[click](//evil.example/x)`,
  `[click](https://evil.example/x" onmouseover="${FLAG})`,
  `[x](javascript:${FLAG}`,
  `[[nested](javascript:${FLAG})](https://ok.example)`,
  `[<img src=x onerror=${FLAG}>](https://ok.example)`,
  `*<script>${FLAG}</script>*`,
  `**<img src=x onerror=${FLAG}>**`,
  `\`<script>${FLAG}</script>\``,
  `{{constructor.constructor('${FLAG}')()}}`,
  `\${${FLAG}}`,
  `<scr<script>ipt>${FLAG}</scr</script>ipt>`,
  `<!--<script>${FLAG}</script>-->`,
  `<![CDATA[<script>${FLAG}</script>]]>`,
  `<noscript><p title="</noscript><img src=x onerror=${FLAG}>">`,
  `<template><script>${FLAG}</script></template>`,
  `<audio src=x onerror="${FLAG}">`,
  `<video><source onerror="${FLAG}"></video>`,
  `<marquee onstart="${FLAG}">`,
  `javascript:${FLAG}`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==`,
  `vbscript:msgbox(1)`,
  `https://evil.example/"><script>${FLAG}</script>`,
];
const unsafeUrls = payloads.filter((p) => /^(javascript|data|vbscript):/.test(p) || p.startsWith('https://evil') || p.startsWith('[click]'));

function hostile() {
  const d = structuredClone(data);
  let k = 0;
  const next = () => payloads[k++ % payloads.length];
  const nextUrl = () => unsafeUrls[k++ % unsafeUrls.length];
  d.lab.name = `Lab ${next()}`;
  d.lab.short_name = next();
  d.lab.institution = next();
  d.lab.description = payloads.join(' ');
  d.lab.links = { homepage: nextUrl(), email: nextUrl(), github: nextUrl() };
  // Image fields: script URLs, paths out of the data folder, markup.
  d.lab.logo = `javascript:${FLAG}`;
  d.lab.icon = '../../../etc/passwd';
  d.lab.header_image = `images/"><img src=x onerror=${FLAG}>.jpg`;
  d.lab.share_image = nextUrl();
  d.topics.forEach((t) => (t.label = `${t.label} ${next()}`));
  d.members.forEach((m) => {
    m.name = `${m.name} ${next()}`;
    m.aliases = [next()];
    m.links = { homepage: nextUrl(), github: nextUrl(), scholar: nextUrl(), email: nextUrl(), linkedin: nextUrl(), twitter: nextUrl(), orcid: nextUrl() };
    m.photo = ['javascript:' + FLAG, 'data:image/svg+xml,<svg onload="' + FLAG + '"/>', 'vbscript:x', '//evil.example/p.png'][k++ % 4];
    m.bio = next() + ' ' + next();
  });
  d.publications.forEach((p) => {
    p.title = `${p.title} ${next()}`;
    p.authors = [...p.authors, next()];
    p.venue = next();
    p.url = nextUrl();
    p.image = ['javascript:' + FLAG, '/etc/passwd', `images/<svg onload=${FLAG}>.png`, nextUrl()][k++ % 4];
    p.links = [{ type: next(), url: nextUrl(), label: next() }, { type: 'code', url: nextUrl() }];
  });
  d.news.forEach((n) => {
    n.text = `${n.text} ${next()} ${next()}`;
  });
  // Markup in a date and an id (issue 17: the generator once wrote dates into the feed unescaped).
  d.news[0].date = `<xmp><img title="</xmp><img src=x onerror=${FLAG}>">`;
  d.news[1].id = `"><img src=x onerror=${FLAG}>`;
  return d;
}

test('no payload in any field runs, links or loads anything', async ({ page }) => {
  test.setTimeout(60_000);
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const unexpected = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.hostname !== '127.0.0.1') unexpected.push(r.url());
  });
  const d = hostile();
  await page.route('**/data/site.json', (r) => r.fulfill({ status: 200, json: d }));
  const routes = ['./', 'news', 'people', 'publications', 'members/amey-agrawal', 'members/alexey-tumanov', 'publications?q=script'];
  for (const path of routes) {
    await page.goto(path);
    await ready(page);
    await expect(page.locator('main h1').first()).toBeVisible();
    const found = await page.evaluate(() => ({
      flag: window.__xss,
      which: [...document.querySelectorAll('#root script, #root iframe, #root object, #root embed, #root svg, #root img[onerror], #root [onload], #root [onerror], #root [onfocus], #root base, #root meta, #root link, #root style, #root form:not(.search), #root [style]')].map((e) => e.outerHTML.slice(0, 200)),
      scripts: document.querySelectorAll('#root script, #root iframe, #root object, #root embed, #root svg, #root img[onerror], #root [onload], #root [onerror], #root [onfocus], #root base, #root meta, #root link, #root style, #root form:not(.search), #root [style]').length,
      unsafeLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !/^(https?:|mailto:|\/|#)/i.test(h) || h.startsWith('//')),
      // Only the site's own images (the build's renditions, or a file of the data folder) and https.
      imgs: [...document.querySelectorAll('#root img, #root source')]
        .flatMap((i) => [i.getAttribute('src'), ...(i.getAttribute('srcset') ?? '').split(', ').map((s) => s.split(' ')[0])])
        .filter((s) => s && !/^https:\/\//.test(s) && !/^\/sail\/(img\/[0-9a-f]+-\d+\.\w+|data\/images\/[^"<>:]+)$/.test(s)),
    }));
    expect(found, path).toEqual({ flag: undefined, which: [], scripts: 0, unsafeLinks: [], imgs: [] });
  }
  // The payloads are there, as text.
  await page.goto('./');
  await ready(page);
  await expect(page.locator('.hero .description')).toContainText(`<script>${FLAG}</script>`);
  await expect(page.locator('.hero h1')).toContainText('<script>');
  // Hover and click what looks like links in the news, to be sure nothing is wired to them.
  await page.goto('news');
  await ready(page);
  for (const a of await page.locator('.news-text a').all()) await a.hover();
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(unexpected.filter((u) => u.includes('evil.example'))).toEqual([]);
  expect(payloads.length).toBeGreaterThanOrEqual(50);
});
