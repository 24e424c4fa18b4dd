// The benchmark's reference: the app's News page, and a member's profile, written directly against
// the DOM with no framework and no URL state. It renders what the app renders, with the same
// elements and classes and the app's stylesheet: year and topic facets with counts, a search box
// (case- and diacritic-insensitive, every word must match), entries grouped by year. Written as a
// careful plain script would be: each change rebuilds the facets and the count, and the list only
// when its entries changed, from entry elements built once and kept.
//
// Query parameters: `limit=N` renders at most N entries (the benchmark sets it to what the app
// puts in the DOM), `data=URL` (default ../data/site.json), and the first filter as a shared
// address gives it: `year`, `topic`, `q` (bench/phone.mjs opens it so).
import { indexSite, searchNews, countText, parseInline, memberSlugOf, nameKey } from './engine.js';

const params = new URLSearchParams(location.search);
const limit = params.has('limit') ? Number(params.get('limit')) : Infinity;
const dataUrl = params.get('data') ?? '../data/site.json';
const base = '/sail';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ROLE_LABELS = {
  pi: 'Principal investigator', faculty: 'Faculty', postdoc: 'Postdoctoral researcher', phd: 'PhD student',
  masters: "Master's student", undergrad: 'Undergraduate student', staff: 'Staff',
};

/** An element with attributes (`class`, anything else as an attribute) and children. */
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else e.setAttribute(k, v);
    }
  }
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) e.append(...c.filter((x) => x != null));
    else e.append(c);
  }
  return e;
}

const displayDate = (d) => `${MONTHS[Number(d.slice(5, 7)) - 1]} ${Number(d.slice(8, 10))}, ${d.slice(0, 4)}`;

let site;
let filter = {
  year: params.has('year') ? Number(params.get('year')) : null,
  topic: params.get('topic'),
  q: params.get('q') ?? '',
};
let view; // the list page's persistent parts

function richText(nodes) {
  return nodes.map((n) => {
    switch (n.t) {
      case 'text':
        return n.v;
      case 'code':
        return h('code', null, n.v);
      case 'em':
        return h('em', null, richText(n.c));
      case 'strong':
        return h('strong', null, richText(n.c));
      default: {
        const inner = richText(n.c);
        if (n.href.startsWith('/')) {
          const slug = memberSlugOf(n.href);
          if (slug && !site.memberBySlug.has(slug)) return h('span', null, inner);
          return h('a', { href: base + n.href, 'data-member': slug }, inner);
        }
        return h('a', { href: n.href, rel: 'noopener noreferrer external' }, inner);
      }
    }
  });
}

function chips(topics, listPath) {
  return h('ul', { class: 'chips', 'aria-label': 'Topics' },
    topics.filter((t) => site.topicLabel.has(t)).map((t) =>
      h('li', null, h('a', { class: 'chip', href: `${base}${listPath}?topic=${t}`, 'data-topic': t }, site.topicLabel.get(t)))));
}

function newsEntry(doc) {
  const n = doc.item;
  const linked = new Set();
  (function walk(nodes) {
    for (const x of nodes) {
      if (x.t === 'link') {
        const s = memberSlugOf(x.href);
        if (s) linked.add(s);
      }
      if (x.c) walk(x.c);
    }
  })(doc.nodes);
  const unlinked = doc.mentioned.filter((s) => !linked.has(s)).map((s) => site.memberBySlug.get(s));
  return h('li', { class: 'news-entry', id: `news-${n.id}` },
    h('time', { datetime: n.date }, displayDate(n.date)),
    h('p', { class: 'news-text' }, richText(doc.nodes)),
    unlinked.length ? h('p', { class: 'mentions' }, 'With ', unlinked.flatMap((m) => [h('a', { href: `${base}/members/${m.slug}`, 'data-member': m.slug }, m.name), ' '])) : null,
    chips(n.topics, '/news'));
}

function facetList(title, param, values) {
  return h('section', { class: 'facet', 'data-facet': param },
    h('h2', null, title),
    h('ul', null, values.map((v) =>
      h('li', null, h('a', {
        href: `${base}/news?${param}=${v.value}`,
        class: v.selected ? 'facet-value selected' : 'facet-value',
        'aria-current': v.selected ? 'true' : null,
        'aria-label': `${v.label}, ${v.count} item${v.count === 1 ? '' : 's'}`,
        'data-value': v.value,
      }, h('span', { class: 'facet-label' }, v.label), h('span', { class: 'count' }, String(v.count)))))));
}

// Each entry's elements are built once and re-used whenever the entry is shown again.
const entryCache = new Map();
function cachedEntry(doc) {
  let li = entryCache.get(doc);
  if (!li) {
    li = newsEntry(doc);
    entryCache.set(doc, li);
  }
  return li;
}

function groupedEntries(docs) {
  const sections = [];
  let year = null;
  let ul = null;
  for (const d of docs) {
    if (d.year !== year) {
      year = d.year;
      ul = h('ul', { class: 'entries' });
      sections.push(h('section', { class: 'year-group' }, h('h2', { class: 'year-heading' }, String(year)), ul));
    }
    ul.append(cachedEntry(d));
  }
  return sections;
}

/** Filters; rebuilds the facets and the count, and the list when its entries changed. */
function update() {
  const r = searchNews(site, filter);
  const shown = r.items.length > limit ? r.items.slice(0, limit) : r.items;
  const aside = h('aside', { class: 'facets open', 'aria-label': 'Filters' },
    facetList('Year', 'year', r.years),
    facetList('Topic', 'topic', r.topics),
    r.empty ? null : h('a', { class: 'clear-filters button secondary', href: `${base}/news` }, 'Clear filters'));
  view.aside.replaceWith(aside);
  view.aside = aside;
  view.count.textContent = countText(r, site.docs.length);
  const same = view.shown && view.shown.length === shown.length && shown.every((d, i) => view.shown[i] === d);
  if (!same) {
    view.results.replaceChildren(
      view.count,
      ...(r.items.length === 0
        ? [h('div', { class: 'empty-state' }, h('p', null, 'No news items match these filters.'), h('a', { class: 'button', href: `${base}/news` }, 'Clear filters'))]
        : groupedEntries(shown)),
    );
    view.shown = shown;
  }
}

function showNews() {
  const input = h('input', { id: 'search-input', type: 'search', autocomplete: 'off', spellcheck: 'false' });
  input.value = filter.q;
  input.addEventListener('input', () => {
    filter = { ...filter, q: input.value };
    update();
  });
  const aside = h('aside');
  const count = h('p', { class: 'result-count', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'results' }, count);
  const page = h('div', { class: 'list-page' },
    h('div', { class: 'list-head' },
      h('h1', null, 'News'),
      h('form', { class: 'search', role: 'search' }, h('label', { for: 'search-input' }, 'Search news'), input)),
    h('div', { class: 'with-facets' }, aside, results));
  page.querySelector('form').addEventListener('submit', (e) => e.preventDefault());
  view = { aside, count, results, shown: null };
  document.getElementById('main').replaceChildren(page);
  update();
}

function avatar(m) {
  const letters = m.name.split(/\s+/).filter(Boolean);
  const initials = (letters[0]?.[0] ?? '') + (letters.length > 1 ? letters[letters.length - 1][0] : '');
  return m.photo
    ? h('img', { class: 'avatar', src: m.photo, alt: `Photo of ${m.name}`, width: 128, height: 128, loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' })
    : h('span', { class: 'avatar initials', role: 'img', 'aria-label': `Initials of ${m.name}`, style: 'width:128px;height:128px' }, initials.toUpperCase());
}

let memberByName;
function pubEntry(p) {
  const authors = p.authors.flatMap((a, i) => {
    const m = memberByName.get(nameKey(a));
    const sep = i + 1 === p.authors.length ? '' : ', ';
    return [m ? h('a', { class: 'author member', href: `${base}/members/${m.slug}`, 'data-member': m.slug }, a) : h('span', { class: 'author' }, a), sep];
  });
  return h('li', { class: 'pub-entry', id: `pub-${p.id}` },
    h('h3', { class: 'pub-title' }, p.url ? h('a', { href: p.url, rel: 'noopener noreferrer external' }, p.title) : p.title),
    h('p', { class: 'pub-authors' }, authors),
    h('p', { class: 'pub-venue' }, h('span', { class: 'venue' }, p.venue), ' · ', h('span', { class: 'year' }, p.date.slice(0, 4))),
    chips(p.topics, '/publications'));
}

/** A member's profile: links, publications (by name or alias), news that mention them. */
function showProfile(slug) {
  const m = site.memberBySlug.get(slug);
  if (!memberByName) {
    memberByName = new Map();
    for (const x of site.data.members) {
      for (const n of [x.name, ...(x.aliases ?? [])]) {
        const k = nameKey(n);
        if (k && !memberByName.has(k)) memberByName.set(k, x);
      }
    }
  }
  const pubs = site.data.publications
    .filter((p) => p.authors.some((a) => memberByName.get(nameKey(a)) === m))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const news = site.docs.filter((d) => d.mentioned.includes(slug));
  const links = Object.entries(m.links ?? {}).map(([k, v]) =>
    h('li', null, h('a', { class: `link-${k}`, href: k === 'email' ? `mailto:${v}` : v, rel: 'noopener noreferrer external' }, k)));
  const role = ROLE_LABELS[m.role] + (m.alumni ? ' · Alumni' : '');
  const page = h('article', { class: 'profile' },
    h('header', { class: 'profile-head' }, avatar(m),
      h('div', null, h('h1', null, m.name), h('p', { class: 'member-role' }, role), h('ul', { class: 'profile-links' }, links))),
    m.bio ? h('p', { class: 'bio' }, richText(parseInline(m.bio))) : null,
    h('section', { 'aria-labelledby': 'member-pubs' }, h('h2', { id: 'member-pubs' }, 'Publications'),
      pubs.length ? h('ul', { class: 'entries' }, pubs.map(pubEntry)) : h('p', { class: 'none' }, 'No publications listed yet.')),
    h('section', { 'aria-labelledby': 'member-news' }, h('h2', { id: 'member-news' }, 'News'),
      news.length ? h('ul', { class: 'entries' }, news.map(newsEntry)) : h('p', { class: 'none' }, 'No news mentions them yet.')));
  document.title = `${m.name} · reference`;
  document.getElementById('main').replaceChildren(page);
  scrollTo(0, 0);
}

// In-page navigation without URL state: facet values, topic chips, clear-filters and member links.
document.addEventListener('click', (e) => {
  const a = e.target.closest('a');
  if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
  if (a.dataset.member) {
    e.preventDefault();
    showProfile(a.dataset.member);
  } else if (a.classList.contains('facet-value')) {
    e.preventDefault();
    const facet = a.closest('.facet').dataset.facet;
    const value = a.dataset.value;
    if (facet === 'year') {
      const y = Number(value);
      filter = { ...filter, year: filter.year === y ? null : y };
    } else {
      filter = { ...filter, topic: filter.topic === value ? null : value };
    }
    update();
  } else if (a.dataset.topic) {
    e.preventDefault();
    filter = { year: null, topic: a.dataset.topic, q: '' };
    showNews();
  } else if (a.classList.contains('clear-filters') || a.closest('.empty-state')) {
    e.preventDefault();
    filter = { year: null, topic: null, q: '' };
    showNews();
  }
});

async function main() {
  const res = await fetch(dataUrl, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${dataUrl}`);
  site = indexSite(await res.json());
  document.querySelector('.brand').textContent = site.data.lab.short_name;
  document.querySelector('.site-footer').textContent = `${site.data.lab.name} · ${site.data.lab.institution}`;
  showNews();
}

main().catch((e) => {
  document.getElementById('main').replaceChildren(h('section', { class: 'error-panel', role: 'alert' }, h('h1', null, 'Could not load the data'), h('p', null, String(e))));
});
