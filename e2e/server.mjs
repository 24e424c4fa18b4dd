// A plain static file server with GitHub Pages' rules and no rewrites: a path maps to a file,
// a directory to its index.html (redirecting to add the slash), and anything else gets the
// site's 404.html with status 404. The site is mounted under BASE (default /sail/).
//
//   node server.mjs <dist-dir> [port] [base]
//
// With SERVE_GZIP=1 it also gzips text and wasm for clients that accept it, as GitHub Pages does
// (used by the Lighthouse audit; the browser tests and the benchmark get the files as they are).
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4173);
const base = process.argv[4] ?? '/sail/';
const gzip = process.env.SERVE_GZIP === '1';
const compressible = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.xml', '.txt']);

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

async function fileAt(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : null;
  } catch {
    return null;
  }
}

async function send(req, res, status, path) {
  let body = await readFile(path);
  const headers = {
    'content-type': types[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  };
  if (gzip && compressible.has(extname(path)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
    headers.vary = 'accept-encoding';
  }
  headers['content-length'] = body.length;
  res.writeHead(status, headers);
  res.end(body);
}

async function notFound(req, res) {
  const page = join(root, '404.html');
  if (await fileAt(page)) return send(req, res, 404, page);
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}

createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (path + '/' === base) {
      res.writeHead(301, { location: base + url.search });
      return res.end();
    }
    if (!path.startsWith(base)) return notFound(req, res);
    const rel = normalize(path.slice(base.length)).replace(/^(\.\.(\/|$))+/, '');
    const target = join(root, rel);
    if (!target.startsWith(root)) return notFound(req, res);
    const kind = await fileAt(target);
    if (kind === 'file') return send(req, res, 200, target);
    if (kind === 'dir') {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: path + '/' + url.search });
        return res.end();
      }
      const index = join(target, 'index.html');
      if (await fileAt(index)) return send(req, res, 200, index);
    }
    return notFound(req, res);
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(e));
  }
}).listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} at http://127.0.0.1:${port}${base}`);
});
