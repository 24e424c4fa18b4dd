// The filterable lists (News, Publications, Posts) before the app runs. The wasm app takes
// seconds to arrive on a phone; this small script, loaded in the page's head beside the
// stylesheet (so it costs no extra wait before the first paint), answers a tap on a facet or a
// letter typed in the search box at once, on the pre-rendered list, and never lets the page state
// something false:
// - an address with a filter (`?year=2024&topic=award`) is marked `filter-pending` before the
//   first paint (the stylesheet then shows "Filtering…" in place of the count and hides the
//   unfiltered entries), and filtered here as soon as the list is parsed;
// - a facet tap filters the list here and moves the address (pushState); a letter typed filters
//   it too (the address follows once the app runs, which gets the typed text from boot.js).
// It filters with the URL's rules (several values of one key: any of them; different keys: all
// of them) over what each entry shows: its year heading, its topic chips, its authors' profile
// links, its text. When the list is split into pages, only the app has every entry: the page
// then stays "Filtering…" until the app has rendered it. Once this script has changed the list,
// the app renders the page afresh rather than taking over elements it did not make.
(() => {
  const root = document.documentElement;
  const FACETS = ['year', 'topic', 'author', 'kind'];
  const KEYS = [...FACETS, 'q', 'search', 'page'];

  /** A query string as `{ key: [values] }` (repeated keys and comma lists) and the search text. */
  function parse(search) {
    const params = new URLSearchParams(search);
    const f = { q: (params.get('q') ?? params.get('search') ?? '').trim() };
    for (const key of FACETS) {
      f[key] = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    }
    f.page = params.get('page');
    return f;
  }

  const hasFilter = (search) => {
    const params = new URLSearchParams(search);
    return KEYS.some((k) => (params.get(k) ?? '').trim() !== '');
  };

  if (hasFilter(location.search)) root.classList.add('filter-pending');
  // The app renders the filtered list itself; it then clears this.
  new MutationObserver((_, observer) => {
    if (!root.classList.contains('app-ready')) return;
    observer.disconnect();
    root.classList.remove('filter-pending');
    if (panelOpen) {
      setPanel(false);
      // A page the app renders afresh may build its button a frame after it is ready.
      const reopen = (frames) => {
        const toggle = document.getElementById('facets-toggle');
        if (toggle && toggle.getAttribute('aria-expanded') === 'false') toggle.click();
        else if (!toggle && frames > 0) requestAnimationFrame(() => reopen(frames - 1));
      };
      reopen(30);
    }
    // The app shows the address it read when it started. Had a tap here moved the address after
    // that, its facets say otherwise: it is told to read the address again, as on Back.
    if (changed && chosenOnPage() !== chosenIn(location.search)) {
      dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
    }
  }).observe(root, { attributes: true, attributeFilter: ['class'] });

  /** The facet values the page shows as chosen, and those an address chooses, comparably. */
  const chosenOnPage = () =>
    [...document.querySelectorAll('.facets a.facet-value[aria-current]')]
      .map((a) => `${a.closest('[data-facet]').dataset.facet}=${a.dataset.value}`).sort().join('&');
  const chosenIn = (search) => {
    const f = parse(search);
    return FACETS.flatMap((k) => f[k].map((v) => `${k}=${v}`)).sort().join('&');
  };

  /** Lowercase without accents, as the app's search folds text. */
  const fold = (s) =>
    s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
      .replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o')
      .replace(/ł/g, 'l').replace(/đ/g, 'd').replace(/ı/g, 'i');

  let list = null;
  let changed = false;

  /** What the pre-rendered list holds, read once. `null` when this page has no list, or when
   * the list is split into pages (only the app can filter all of it). */
  function read() {
    const results = document.querySelector('.results');
    if (!results || results.querySelector('.pager')) return null;
    const count = results.querySelector('.result-count');
    const slugOf = (a, key) => new URL(a.href).searchParams.get(key);
    const entries = [...results.querySelectorAll('.year-group .entries > li')].map((el) => {
      const group = el.closest('.year-group');
      const d = el.dataset;
      const values = {
        year: [d.year ?? group.querySelector('.year-heading').textContent.trim()],
        topic: d.topics?.split(' ') ?? [...el.querySelectorAll('.chips a[href*="topic="]')].map((a) => slugOf(a, 'topic')),
        kind: d.kinds?.split(' ') ?? [],
        author: d.authors?.split(' ') ??
          [...el.querySelectorAll('a[href*="/members/"]')].map((a) => new URL(a.href).pathname.split('/members/')[1]?.replace(/\/$/, '')),
      };
      return { el, group, values, text: fold(el.textContent) };
    });
    const facets = [...document.querySelectorAll('.facets a.facet-value')].map((a) => ({
      a,
      key: a.closest('[data-facet]').dataset.facet,
      value: a.dataset.value,
      label: a.querySelector('.facet-label')?.textContent ?? a.dataset.value,
      count: a.querySelector('.count'),
    }));
    const words = count?.textContent.trim().split(' ') ?? [];
    return {
      results,
      count,
      countText: count?.textContent ?? '',
      // "23 news items" → "news items"
      noun: words.slice(1).join(' '),
      entries,
      facets,
      original: facets.map((f) => [f.a.getAttribute('href'), f.a.getAttribute('aria-label'), f.count?.textContent]),
      path: location.pathname,
    };
  }

  const has = (entry, key, wanted) => wanted.length === 0 || wanted.some((v) => entry.values[key].includes(v));
  function matches(entry, f, except) {
    for (const key of FACETS) if (key !== except && !has(entry, key, f[key])) return false;
    if (!f.q) return true;
    return fold(f.q).split(/\s+/).every((w) => entry.text.includes(w));
  }

  /** The address choosing `value` of `key` leads to: added to the key's values, or taken out. */
  function toggled(f, key, value) {
    const params = new URLSearchParams();
    for (const k of FACETS) {
      let values = f[k];
      if (k === key) values = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
      for (const v of values) params.append(k, v);
    }
    if (f.q) params.set('q', f.q);
    const query = params.toString();
    return list.path + (query ? `?${query}` : '');
  }

  /** Shows the entries `search` selects, with the facets' counts and the count. */
  function apply(search) {
    const f = parse(search);
    // An old link's `topic=award`, where award is a kind (the page's Kind facet lists it), means
    // that kind, as the app reads it.
    const kinds = new Set(list.facets.filter((x) => x.key === 'kind').map((x) => x.value));
    f.kind = [...f.kind, ...f.topic.filter((v) => kinds.has(v) && !f.kind.includes(v))];
    f.topic = f.topic.filter((v) => !kinds.has(v));
    if (f.page && f.page !== '1') return false;
    let n = 0;
    for (const e of list.entries) {
      const shown = matches(e, f);
      e.el.hidden = !shown;
      if (shown) n += 1;
    }
    for (const g of new Set(list.entries.map((e) => e.group))) {
      g.hidden = ![...g.querySelectorAll('.entries > li')].some((li) => !li.hidden);
    }
    const filtered = FACETS.some((k) => f[k].length) || f.q !== '';
    const total = list.entries.length;
    if (list.count) list.count.textContent = filtered ? `${n} of ${total} ${list.noun}` : list.countText;
    list.facets.forEach((facet, i) => {
      const { a, key, value, label } = facet;
      if (!filtered) {
        const [href, aria, count] = list.original[i];
        a.setAttribute('href', href);
        a.setAttribute('aria-label', aria);
        if (facet.count) facet.count.textContent = count;
      } else {
        const c = list.entries.filter((e) => e.values[key].includes(value) && matches(e, f, key)).length;
        a.setAttribute('href', toggled(f, key, value));
        a.setAttribute('aria-label', `${label}, ${c} item${c === 1 ? '' : 's'}`);
        if (facet.count) facet.count.textContent = String(c);
      }
      const selected = f[key].includes(value);
      a.classList.toggle('selected', selected);
      if (selected) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    });
    let empty = list.results.querySelector('.empty-state.before-app');
    if (n === 0 && !empty) {
      empty = document.createElement('div');
      empty.className = 'empty-state before-app';
      const p = document.createElement('p');
      p.textContent = `No ${list.noun} match these filters.`;
      const clear = document.createElement('a');
      clear.className = 'button';
      clear.href = list.path;
      clear.textContent = 'Clear filters';
      empty.append(p, clear);
      list.results.append(empty);
    } else if (n > 0 && empty) {
      empty.remove();
    }
    root.classList.remove('filter-pending');
    return true;
  }

  /** From now on the page is not the pre-rendered one: the app must render it afresh. */
  function mark() {
    if (changed) return;
    changed = true;
    document.getElementById('root')?.removeAttribute('data-rendered-at');
  }

  // Once the app runs it answers everything; if it could not start, links are plain links again.
  const live = () => root.classList.contains('app-ready') || root.classList.contains('boot-failed');

  // On a phone the facets are in a panel that its "Filters" button opens. Before the app runs,
  // the button and the panel's "Done" open and close it here; once the app runs, the panel is
  // handed over in the state the visitor left it (the app's own button opens it again).
  let panelOpen = false;
  function setPanel(open) {
    panelOpen = open;
    document.getElementById('facets')?.classList.toggle('open', open);
    document.getElementById('facets-toggle')?.setAttribute('aria-expanded', String(open));
  }

  // Registered now, in the head, so that they run before boot.js's: a tap this script answers is
  // marked `listHandled`, and boot.js then only loads the app instead of clicking again later.
  addEventListener('click', (e) => {
    if (!list || live() || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    const panelButton = e.target instanceof Element ? e.target.closest('#facets-toggle, .facets-done') : null;
    if (panelButton) {
      e.preventDefault();
      e.listHandled = true;
      setPanel(panelButton.id === 'facets-toggle' ? !panelOpen : false);
      return;
    }
    const a = e.target instanceof Element ? e.target.closest('a.facet-value, .results .chips a, .clear-filters, .empty-state.before-app a') : null;
    if (!a) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.replace(/\/$/, '') !== list.path.replace(/\/$/, '')) return;
    if (!apply(url.search)) return;
    e.preventDefault();
    e.listHandled = true;
    mark();
    history.pushState(history.state, '', url.pathname + url.search);
  }, true);
  addEventListener('input', (e) => {
    if (!list || live() || e.target.id !== 'search-input') return;
    const f = parse(location.search);
    const params = new URLSearchParams();
    for (const k of FACETS) for (const v of f[k]) params.append(k, v);
    if (e.target.value.trim()) params.set('q', e.target.value);
    mark();
    apply(`?${params}`);
  }, true);
  addEventListener('popstate', () => {
    if (list && !live()) apply(location.search);
  });

  function start() {
    list = read();
    if (!list || !root.classList.contains('filter-pending')) return;
    if (apply(location.search)) mark();
  }

  // As soon as the document is parsed ('interactive'), not at DOMContentLoaded, which also waits
  // for the deferred scripts (boot.js) to arrive: one more round trip on a slow connection.
  if (document.readyState === 'loading') {
    document.addEventListener('readystatechange', () => document.readyState === 'interactive' && start(), { once: true });
  } else {
    start();
  }
})();
