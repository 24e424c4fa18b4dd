#!/usr/bin/env node
// Seeded generator of synthetic data files for the benchmark (GitHub issue 5). The same seed and
// sizes always give byte-identical output. The files follow the app's data rules
// (crates/model/src/validate.rs): lowercase-hyphenated unique ids and slugs, real dates, topic and
// member references that exist, unique member names (by name key), unique publication titles,
// DOIs and arXiv ids, safe links only.
//
//   node bench/generate.mjs --news 10000 --publications 2000 --members 500 [--seed 5] --out FILE
//   node bench/generate.mjs --size 10k --out FILE        (a preset of bench/sizes.mjs)
//
// Output is compact JSON: the app reads files of up to 40 MiB, and the 100k file is close to that.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { nameKey, fold } from './reference/engine.js';
import { SIZES } from './sizes.mjs';

/** mulberry32: a small, fast, seeded 32-bit PRNG. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** k distinct elements of list. */
    sample: (list, k) => {
      const out = new Set();
      while (out.size < Math.min(k, list.length)) out.add(list[Math.floor(next() * list.length)]);
      return [...out];
    },
    /** An element of list by weights. */
    weighted: (list, weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      let x = next() * total;
      for (let i = 0; i < list.length; i++) {
        x -= weights[i];
        if (x < 0) return list[i];
      }
      return list[list.length - 1];
    },
  };
  return r;
}

const FIRST = [
  'Íñigo', 'Zoë', 'Łukasz', 'Jesús', 'Amey', 'Alind', 'Dhruv', 'Payman', 'Sukrit', 'Ana', 'Søren',
  'François', 'Chloé', 'José', 'María', 'Renée', 'Björn', 'Anaïs', 'Çağla', 'Ngọc', 'Minh', 'Thảo',
  'Wei', 'Xiaoyu', 'Priya', 'Arjun', 'Kavya', 'Rohan', 'Fatima', 'Omar', 'Leila', 'Yusuf', 'Hana',
  'Kenji', 'Yuki', 'Sakura', 'Ji-woo', 'Min-jun', 'Seo-yeon', 'Olga', 'Dmitri', 'Katarzyna',
  'Michał', 'Tomáš', 'Zuzana', 'Gergő', 'Ákos', 'Mariusz', 'Sebastián', 'Nicolás', 'Lucía',
  'Andrés', 'João', 'Conceição', 'Grace', 'Ethan', 'Olivia', 'Noah', 'Emma', 'Liam', 'Ava', 'Mateo',
  'Aisha', 'Kwame', 'Chidi', 'Amara', 'Tendai', 'Sipho', 'Nia', 'Elif', 'Emre', 'Mehmet', 'Ayşe',
  'Ingrid', 'Magnus', 'Freyja', 'Þórunn', 'Siobhán', 'Niamh', 'Pádraig', 'Aleksandr', 'Darya',
];
const LAST = [
  'Antoñanzas', 'Goiri', 'Nguyễn', 'Trần', 'Kowalski', 'Wiśniewski', 'Müller', 'Schäfer',
  'Dvořák', 'Novák', 'Šimůnek', 'Ólafsson', 'Jónsdóttir', 'Çelik', 'Yılmaz', 'Öztürk', 'García',
  'Fernández', 'López', 'Martínez', 'Peña', 'Gonçalves', 'Araújo', 'Agrawal', 'Khare', 'Garg',
  'Behnam', 'Kalra', 'Tumanov', 'Mohan', 'Kwatra', 'Ramjee', 'Kundu', 'Patel', 'Sharma', 'Iyer',
  'Reddy', 'Chen', 'Wang', 'Zhang', 'Liu', 'Li', 'Huang', 'Kim', 'Park', 'Lee', 'Choi', 'Tanaka',
  'Suzuki', 'Watanabe', 'Ivanova', 'Petrov', 'Smirnova', 'Kovács', 'Szabó', 'Nagy', 'Okafor',
  'Mensah', 'Adeyemi', 'Haddad', 'Nasser', 'Brontë', 'Ó Briain', "O'Neill", 'MacLeod', 'Johansson',
  'Lindqvist', 'Nørgaard', 'Ørsted', 'Smith', 'Johnson', 'Brown', 'Davis', 'Wilson', 'Taylor',
];
const EXTERNAL_LAST = ['Shoeybi', 'Narayanan', 'Zaharia', 'Stoica', 'Ganger', 'Harchol-Balter', 'Kozyrakis', 'Gonzalez', 'Jordan', 'Re', 'Dean', 'Hennessy'];

const ROLES = ['pi', 'faculty', 'postdoc', 'phd', 'masters', 'undergrad', 'staff'];
const ROLE_WEIGHTS = [0.3, 3, 8, 45, 22, 18, 4];

const METHODS = ['Sarathi', 'Vidur', 'Etalon', 'SuperServe', 'Mnemosyne', 'DεpS', 'Metron', 'Quill', 'Tessera', 'Helix', 'Ouroboros', 'Lattice', 'Kestrel', 'Cascade', 'Orca', 'Piccolo', 'Nimbus', 'Aurora', 'Borealis', 'Fjord', 'Zephyr', 'Saffron', 'Quokka', 'Juniper', 'Marlin'];
const ADJ = ['Efficient', 'Scalable', 'Adaptive', 'Robust', 'Fast', 'Elastic', 'Fair', 'Predictable', 'Energy-Aware', 'Memory-Efficient', 'Low-Latency', 'Cost-Effective', 'Decentralized', 'Heterogeneity-Aware', 'Private', 'Secure', 'Green', 'Practical', 'Speculative', 'Resilient'];
const OBJ = ['LLM Inference', 'Inference Serving', 'Distributed Training', 'Federated Learning', 'Neural Architecture Search', 'Weight-Shared Models', 'Mixture-of-Experts', 'KV Cache Management', 'GPU Scheduling', 'Model Compression', 'Long-Context Decoding', 'Pipeline Parallelism', 'Edge Inference', 'Clinical Prediction', 'Recommendation Models', 'Video Analytics', 'Speculative Decoding', 'Prefill Scheduling', 'Cluster Resource Management', 'On-Device Fine-Tuning'];
const VIA = ['via Chunked Prefills', 'with Learned Cost Models', 'at Datacenter Scale', 'on Heterogeneous Clusters', 'under Tight SLOs', 'with Elastic Batching', 'for Everyone', 'in Practice', 'without Retraining', 'with Two-Stage Compression', 'on Commodity GPUs', 'across the Stack', 'with Client Availability Guarantees', 'using Sparse Attention', 'by Design'];
const VENUES = ['OSDI', 'SOSP', 'NSDI', 'EuroSys', 'ATC', 'MLSys', 'SoCC', 'ASPLOS', 'ISCA', 'MICRO', 'NeurIPS', 'ICML', 'ICLR', 'AAAI', 'EuroMLSys', 'SIGMOD', 'VLDB', 'arXiv', 'KDD', 'CHIL'];
const AWARDS = ['CRNCH PhD Fellowship', 'NSF Graduate Research Fellowship', 'Best Paper Award', 'Distinguished Artifact Award', 'Qualcomm Innovation Fellowship', 'Meta PhD Fellowship', 'Google PhD Fellowship', 'Outstanding TA Award', 'Dean’s Award for Research', 'Apple Scholars in AI/ML'];
const PLACES = ['Atlanta', 'Seattle', 'Zürich', 'Kraków', 'São Paulo', 'Montréal', 'Reykjavík', 'Hà Nội', 'Bengaluru', 'Tokyo', 'Seoul', 'Lisbon', 'Boston', 'Austin', 'Málaga'];
const COMPANIES = ['Microsoft Research', 'NVIDIA Research', 'Google DeepMind', 'Meta AI', 'Amazon', 'IBM Research', 'Apple', 'Databricks', 'Anyscale', 'Samsung', 'Intel Labs', 'Adobe Research'];
const TOPIC_WORDS = {
  'llm-inference': ['LLM inference', 'long-context decoding', 'KV cache compression', 'prefill–decode interference'],
  serving: ['inference serving', 'SLO-aware serving', 'request scheduling', 'multi-tenant serving'],
  training: ['efficient training', 'pipeline-parallel training', 'mixed-precision training', 'gradient compression'],
  'federated-learning': ['federated learning', 'client availability', 'federated fine-tuning of LLMs', 'privacy-preserving aggregation'],
  hardware: ['hardware co-design', 'accelerator-aware kernels', 'near-memory computing', 'FPGA inference'],
  benchmarking: ['benchmarking', 'performance evaluation', 'simulation of LLM deployments', 'reproducible measurements'],
  'weight-sharing': ['weight sharing', 'neural architecture search', 'supernetworks', 'once-for-all models'],
  'ml-for-health': ['ML for health', 'clinical time series', 'wearable sensing', 'medical imaging'],
  security: ['ML security', 'adversarial robustness', 'model watermarking', 'secure aggregation'],
};
const RESEARCH = Object.keys(TOPIC_WORDS);

function slugify(s) {
  return fold(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

function isoDate(r, yearLo, yearHi) {
  // More recent years carry more news, as a growing lab's do.
  const years = [];
  const weights = [];
  for (let y = yearLo; y <= yearHi; y++) {
    years.push(y);
    weights.push(1 + (y - yearLo));
  }
  const y = r.weighted(years, weights);
  const m = r.int(1, 12);
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return `${y}-${pad(m)}-${pad(r.int(1, dim))}`;
}

export function generate({ news: nNews, publications: nPubs, members: nMembers, seed = 5 }) {
  const r = rng(seed);
  const base = JSON.parse(readFileSync(new URL('../data/site.json', import.meta.url), 'utf8'));

  // Members with unique names (by the app's name key) and slugs.
  const keys = new Set();
  const slugs = new Set();
  const members = [];
  let attempt = 0;
  while (members.length < nMembers) {
    attempt += 1;
    const first = r.pick(FIRST);
    const middle = attempt > FIRST.length * LAST.length / 4 ? ` ${String.fromCharCode(65 + r.int(0, 25))}.` : '';
    const name = `${first}${middle} ${r.pick(LAST)}`;
    const key = nameKey(name);
    if (keys.has(key)) continue;
    let slug = slugify(name);
    for (let k = 2; slugs.has(slug); k++) slug = `${slugify(name)}-${k}`;
    keys.add(key);
    slugs.add(slug);
    const role = members.length === 0 ? 'pi' : r.weighted(ROLES, ROLE_WEIGHTS);
    const m = { slug, name, role, alumni: members.length > 0 && r.chance(0.4) };
    // An alias as author lists print it ("Í. Goiri"), when no one else has it.
    const parts = name.split(' ');
    const alias = `${parts[0][0]}. ${parts.slice(-1)[0]}`;
    if (r.chance(0.3) && !keys.has(nameKey(alias))) {
      keys.add(nameKey(alias));
      m.aliases = [alias];
    }
    const links = {};
    if (r.chance(0.7)) links.homepage = `https://people.example.edu/~${slug}/`;
    if (r.chance(0.5)) links.email = `${slug}@example.edu`;
    if (r.chance(0.4)) links.github = `https://github.example.com/${slug}`;
    if (r.chance(0.2)) links.scholar = `https://scholar.example.com/citations?user=${slug}`;
    m.links = links;
    if (r.chance(0.3)) m.photo = `https://photos.example.org/${slug}.jpg`;
    if (r.chance(0.25)) {
      m.bio = `Works on ${r.pick(TOPIC_WORDS[r.pick(RESEARCH)])} and ${r.pick(TOPIC_WORDS[r.pick(RESEARCH)])}; previously at ${r.pick(COMPANIES)}.`;
    }
    members.push(m);
  }
  const link = (m) => `[${m.name}](/members/${m.slug})`;
  // One author however spelled: a member by any of their names, anyone else by name key.
  const memberByKey = new Map();
  for (const m of members) for (const n of [m.name, ...(m.aliases ?? [])]) memberByKey.set(nameKey(n), m.slug);
  const authorKey = (name) => memberByKey.get(nameKey(name)) ?? nameKey(name);

  // Publications with unique ids, titles, DOIs and arXiv ids.
  const titles = new Set();
  const publications = [];
  for (let i = 0; i < nPubs; i++) {
    let title;
    for (let k = 0; ; k++) {
      const method = r.pick(METHODS);
      title = r.chance(0.6)
        ? `${method}: ${r.pick(ADJ)} ${r.pick(OBJ)} ${r.pick(VIA)}`
        : `${r.pick(ADJ)} and ${r.pick(ADJ)} ${r.pick(OBJ)} ${r.pick(VIA)}`;
      if (k > 20) title += ` (Part ${i + 1})`;
      const key = fold(title).replace(/[^\p{L}\p{N}]/gu, '');
      if (!titles.has(key)) {
        titles.add(key);
        break;
      }
    }
    const date = isoDate(r, 2014, 2025);
    const authors = [];
    const seen = new Set();
    const add = (name) => {
      if (!seen.has(authorKey(name))) {
        seen.add(authorKey(name));
        authors.push(name);
      }
    };
    const n = r.int(2, 8);
    for (let k = 0; k < n; k++) {
      if (r.chance(0.55)) {
        const m = r.pick(members);
        add(m.aliases && r.chance(0.3) ? m.aliases[0] : m.name);
      } else {
        add(`${r.pick(FIRST)} ${r.pick(EXTERNAL_LAST)}`);
      }
    }
    if (r.chance(0.8)) add(members[0].name);
    const venue = r.pick(VENUES);
    const [y, mo] = date.split('-');
    // arXiv numbers have four digits until 2014 and five since 2015.
    const arxiv = `${y.slice(2)}${mo}.${Number(y) >= 2015 ? pad(10000 + i, 5) : pad(i, 4)}`;
    const p = {
      id: `${slugify(title).split('-').slice(0, 4).join('-')}-${y}-${i}`,
      title,
      authors,
      venue: venue === 'arXiv' ? 'arXiv' : `${venue} '${y.slice(2)}`,
      date,
      url: `https://arxiv.example.org/abs/${arxiv}`,
    };
    if (r.chance(0.5)) p.doi = `10.1145/${3500000 + i}`;
    if (r.chance(0.7)) p.arxiv = arxiv;
    p.topics = r.sample(RESEARCH, r.int(1, 3)).concat(venue === 'arXiv' ? ['preprint'] : ['paper']);
    if (r.chance(0.02)) p.featured = true;
    publications.push(p);
  }

  // News: a few realistic kinds, of realistic lengths, with member mentions as structured slugs
  // and as profile links in the text.
  const news = [];
  for (let i = 0; i < nNews; i++) {
    const date = isoDate(r, 2012, 2025);
    const year = date.slice(0, 4);
    const research = r.pick(RESEARCH);
    const what = r.pick(TOPIC_WORDS[research]);
    const who = r.sample(members, r.int(1, 3));
    const kind = r.weighted(['paper', 'award', 'talk', 'release', 'people', 'opportunity', 'defense'], [30, 12, 18, 10, 15, 5, 10]);
    let text;
    let topics;
    let id;
    switch (kind) {
      case 'paper': {
        const p = r.pick(publications);
        text = `Our paper *${p.title}* by ${who.map(link).join(', ')} was accepted at ${p.venue === 'arXiv' ? `${r.pick(VENUES.slice(0, -1))} '${year.slice(2)}` : p.venue}. It studies ${what} and shows gains of up to ${r.int(2, 40)}× over the state of the art ([paper](${p.url})).`;
        topics = ['paper', research];
        id = `paper-${slugify(p.title).split('-').slice(0, 3).join('-')}`;
        break;
      }
      case 'award': {
        const award = r.pick(AWARDS);
        text = `${link(who[0])} receives the [${award} ${year}](https://awards.example.org/${slugify(award)}/${year}) for work on ${what}. Congratulations!`;
        topics = [award.includes('Fellowship') ? 'fellowship' : 'award', research];
        id = `${who[0].slug}-${slugify(award)}`;
        break;
      }
      case 'talk': {
        text = `${who.map(link).join(' and ')} presented our work on ${what} at ${r.pick(VENUES)} in ${r.pick(PLACES)} ([slides](https://talks.example.org/${year}/${i}.pdf), [video](https://video.example.org/watch?v=${i.toString(36)})).`;
        topics = ['talk', research];
        id = `talk-${slugify(what)}`;
        break;
      }
      case 'release': {
        const tool = r.pick(METHODS);
        text = `We released **${tool} v${r.int(0, 3)}.${r.int(0, 12)}**, an open-source toolkit for ${what}, maintained by ${link(who[0])}. Install it with \`pip install ${slugify(tool) || 'deps'}\`.`;
        topics = ['release', research];
        id = `${slugify(tool) || 'deps'}-release`;
        break;
      }
      case 'people': {
        text = `Welcome to ${who.map(link).join(', ')}, who join the lab to work on ${what}.`;
        if (r.chance(0.5)) text += ` They come from ${r.pick(PLACES)} and spent last summer at ${r.pick(COMPANIES)}.`;
        topics = ['people'];
        id = `welcome-${who[0].slug}`;
        break;
      }
      case 'opportunity': {
        text = `We are hiring PhD students and postdocs in ${what}. Write to [the lab](mailto:lab@example.edu) with your CV and a short statement.`;
        topics = ['opportunity', research];
        id = `hiring-${slugify(what)}`;
        break;
      }
      default: {
        text = `${link(who[0])} defended their PhD thesis on ${what} and will join ${r.pick(COMPANIES)} in ${r.pick(PLACES)}.`;
        topics = ['people', 'award'];
        id = `defense-${who[0].slug}`;
        break;
      }
    }
    if (r.chance(0.35)) text += ` This work was done in collaboration with ${r.pick(COMPANIES)} and supported by the NSF.`;
    // Short ids (kind, year, base-36 index): at 100k items the file must stay under the app's 40 MiB.
    const item = { id: `${id.split('-')[0]}-${year}-${i.toString(36)}`, date, topics };
    // Some items also name a member at their end (the data's rule: whoever an item lists, its
    // text links).
    const listed = who.map((m) => m.slug);
    if (kind !== 'opportunity') {
      const extra = r.chance(0.2) ? r.pick(members) : null;
      if (extra && !listed.includes(extra.slug)) {
        listed.push(extra.slug);
        text += ` With ${link(extra)}.`;
      }
      item.members = kind === 'award' || kind === 'release' || kind === 'defense' ? [listed[0], ...listed.slice(who.length)] : listed;
    }
    item.text = text;
    news.push(item);
  }

  return {
    $schema: './site.schema.json',
    version: 1,
    lab: base.lab,
    topics: base.topics,
    members,
    publications,
    news,
  };
}

function parseArgs(argv) {
  const opts = { seed: 5 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    opts[key] = key === 'out' || key === 'size' ? argv[i + 1] : Number(argv[i + 1]);
  }
  if (opts.size) Object.assign(opts, SIZES.find((s) => s.name === opts.size) ?? {});
  return opts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.out || !Number.isFinite(opts.news)) {
    console.error('usage: node bench/generate.mjs (--size 1k|10k|100k | --news N --publications N --members N) [--seed S] --out FILE');
    process.exit(2);
  }
  const data = generate(opts);
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(data));
  console.log(`wrote ${opts.out}: ${data.news.length} news, ${data.publications.length} publications, ${data.members.length} members`);
}
