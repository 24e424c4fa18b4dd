// The reference page's data engine, in plain JavaScript with no dependencies. It follows the
// app's documented rules (README, crates/model) so that both show the same results for the same
// operations: news newest first (ties keep file order), search over the folded plain text plus
// topic labels plus the names of mentioned members, every word must occur, disjunctive facet
// counts for year and topic. The benchmark driver (Node) imports it too, to know the expected
// result count of every step before it measures the app.

// Lowercase Latin letters with a diacritic and their base letters: the same table as the app's
// search folding, so that "Antoñanzas" and "ANTONANZAS" match alike in both.
const FOLD_GROUPS = [
  ['àáâãäåāăą', 'a'], ['æ', 'ae'], ['çćĉċč', 'c'], ['ďđð', 'd'], ['èéêëēĕėęě', 'e'],
  ['ĝğġģ', 'g'], ['ĥħ', 'h'], ['ìíîïĩīĭįı', 'i'], ['ĳ', 'ij'], ['ĵ', 'j'], ['ķ', 'k'],
  ['ĺļľŀł', 'l'], ['ñńņň', 'n'], ['òóôõöøōŏő', 'o'], ['œ', 'oe'], ['ŕŗř', 'r'],
  ['śŝşšș', 's'], ['ß', 'ss'], ['ţťŧț', 't'], ['þ', 'th'], ['ùúûüũūŭůűų', 'u'], ['ŵ', 'w'],
  ['ýÿŷ', 'y'], ['źżž', 'z'],
];
const FOLD = new Map();
for (const [chars, base] of FOLD_GROUPS) for (const c of chars) FOLD.set(c, base);

const FOLD_RE = new RegExp(`[${[...FOLD.keys()].join('')}]`, 'gu');

/** Lowercases and strips the diacritics of the table above. */
export function fold(s) {
  const lower = s.toLowerCase();
  return /[^\x00-\x7f]/.test(lower) ? lower.replace(FOLD_RE, (c) => FOLD.get(c)) : lower;
}

/** A person's name for comparison: folded, punctuation dropped, single spaces. */
export function nameKey(name) {
  return fold(name)
    .split(/[\s\-.,]+/u)
    .filter((w) => w.length > 0)
    .map((w) => [...w].filter((c) => /[\p{L}\p{N}]/u.test(c)).join(''))
    .join(' ');
}

// ---- the inline markdown subset: [label](target), *em*, **strong**, `code`, \escapes ----

/** Parses inline markdown into nodes {t:'text'|'code'|'em'|'strong'|'link', ...}. */
export function parseInline(s, depth = 0) {
  const out = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ t: 'text', v: text });
    text = '';
  };
  const special = /[\\`*[]/g;
  let i = 0;
  while (i < s.length) {
    // Plain text up to the next character that may start markup, in one slice.
    special.lastIndex = i;
    const next = special.exec(s);
    if (!next) {
      text += s.slice(i);
      break;
    }
    if (next.index > i) {
      text += s.slice(i, next.index);
      i = next.index;
    }
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && /[!-/:-@[-`{-~]/.test(s[i + 1])) {
      text += s[i + 1];
      i += 2;
    } else if (c === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: 'code', v: s.slice(i + 1, end) });
        i = end + 1;
      } else {
        text += c;
        i += 1;
      }
    } else if (c === '*' && depth < 6 && s.startsWith('**', i)) {
      const end = s.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ t: 'strong', c: parseInline(s.slice(i + 2, end), depth + 1) });
        i = end + 2;
      } else {
        text += '**';
        i += 2;
      }
    } else if (c === '*' && depth < 6) {
      const end = s.indexOf('*', i + 1);
      if (end > i + 1 && !/\s/.test(s[i + 1])) {
        flush();
        out.push({ t: 'em', c: parseInline(s.slice(i + 1, end), depth + 1) });
        i = end + 1;
      } else {
        text += c;
        i += 1;
      }
    } else if (c === '[' && depth < 6) {
      const close = closing(s, i, '[', ']');
      const paren = close >= 0 && s[close + 1] === '(' ? closing(s, close + 1, '(', ')') : -1;
      if (paren >= 0) {
        flush();
        out.push({ t: 'link', href: s.slice(close + 2, paren).trim(), c: parseInline(s.slice(i + 1, close), depth + 1) });
        i = paren + 1;
      } else {
        text += c;
        i += 1;
      }
    } else {
      text += c;
      i += 1;
    }
  }
  flush();
  return out;
}

function closing(s, open, o, c) {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (o === '[' && s[i] === '\\') {
      i += 1;
      continue;
    }
    if (o === '(' && s[i] === '\n') return -1;
    if (s[i] === o) depth += 1;
    else if (s[i] === c && --depth === 0) return i;
  }
  return -1;
}

export function plainText(nodes) {
  let out = '';
  for (const n of nodes) out += n.t === 'text' || n.t === 'code' ? n.v : plainText(n.c);
  return out;
}

export function memberSlugOf(href) {
  const m = /^\/members\/([^/?#]+)\/?$/.exec(href);
  return m ? m[1] : null;
}

function linkedSlugs(nodes, out = []) {
  for (const n of nodes) {
    if (n.t === 'link') {
      const s = memberSlugOf(n.href);
      if (s) out.push(s);
    }
    if (n.c) linkedSlugs(n.c, out);
  }
  return out;
}

// ---- the indexed site ----

/** Indexes a data file for the news list: order, search text, facets, mentions. */
export function indexSite(data) {
  const topicLabel = new Map(data.topics.map((t) => [t.slug, t.label]));
  const memberBySlug = new Map();
  for (const m of data.members) if (!memberBySlug.has(m.slug)) memberBySlug.set(m.slug, m);
  const order = data.news.map((_, i) => i);
  order.sort((a, b) => (data.news[a].date < data.news[b].date ? 1 : data.news[a].date > data.news[b].date ? -1 : 0));
  const docs = order.map((i) => {
    const n = data.news[i];
    const nodes = parseInline(n.text);
    const mentioned = [];
    for (const s of [...(n.members ?? []), ...linkedSlugs(nodes)]) {
      if (memberBySlug.has(s) && !mentioned.includes(s)) mentioned.push(s);
    }
    let text = plainText(nodes);
    for (const t of n.topics) text += '\n' + (topicLabel.get(t) ?? '');
    for (const s of mentioned) text += '\n' + memberBySlug.get(s).name;
    return { item: n, nodes, mentioned, year: Number(n.date.slice(0, 4)), topics: n.topics, text: fold(text) };
  });
  return { data, topicLabel, memberBySlug, docs };
}

/**
 * News for a filter {year, topic, q}: matching docs in display order, year facet values (newest
 * first) and topic facet values (vocabulary order, zero counts left out) with disjunctive counts.
 */
export function searchNews(site, filter) {
  const year = filter.year != null && site.docs.some((d) => d.year === filter.year) ? filter.year : null;
  const topic = filter.topic != null && site.topicLabel.has(filter.topic) ? filter.topic : null;
  const words = fold(filter.q ?? '').split(/\s+/u).filter((w) => w.length > 0);
  const items = [];
  const years = new Map();
  const topics = new Map();
  for (const d of site.docs) {
    let mText = true;
    for (const w of words) {
      if (!d.text.includes(w)) {
        mText = false;
        break;
      }
    }
    if (!mText) continue;
    const mYear = year == null || d.year === year;
    const mTopic = topic == null || d.topics.includes(topic);
    if (mTopic) years.set(d.year, (years.get(d.year) ?? 0) + 1);
    if (mYear) for (const t of new Set(d.topics)) topics.set(t, (topics.get(t) ?? 0) + 1);
    if (mYear && mTopic) items.push(d);
  }
  const yearValues = [...years.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([y, count]) => ({ value: String(y), label: String(y), count, selected: y === year }));
  const topicValues = site.data.topics
    .map((t) => ({ value: t.slug, label: t.label, count: topics.get(t.slug) ?? 0, selected: t.slug === topic }))
    .filter((v) => v.count > 0 || v.selected);
  const applied = { year, topic, q: filter.q ?? '' };
  const empty = year == null && topic == null && applied.q.trim() === '';
  return { items, years: yearValues, topics: topicValues, applied, empty };
}

/** The result-count line, as the app words it. */
export function countText(result, total) {
  const n = result.items.length;
  return result.empty ? `${n} news item${n === 1 ? '' : 's'}` : `${n} of ${total} news items`;
}
