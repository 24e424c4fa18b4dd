// A plain static file server with GitHub Pages' rules and no rewrites: a path maps to a file,
// a directory to its index.html (redirecting to add the slash), and anything else gets the
// site's 404.html with status 404. The site is mounted under BASE (default /sail/).
//
//   node server.mjs <dist-dir> [port] [base]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4173);
const base = process.argv[4] ?? '/sail/';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
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

async function send(res, status, path) {
  const body = await readFile(path);
  res.writeHead(status, {
    'content-type': types[extname(path)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-cache',
  });
  res.end(body);
}

async function notFound(res) {
  const page = join(root, '404.html');
  if (await fileAt(page)) return send(res, 404, page);
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
    if (!path.startsWith(base)) return notFound(res);
    const rel = normalize(path.slice(base.length)).replace(/^(\.\.(\/|$))+/, '');
    const target = join(root, rel);
    if (!target.startsWith(root)) return notFound(res);
    const kind = await fileAt(target);
    if (kind === 'file') return send(res, 200, target);
    if (kind === 'dir') {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: path + '/' + url.search });
        return res.end();
      }
      const index = join(target, 'index.html');
      if (await fileAt(index)) return send(res, 200, index);
    }
    return notFound(res);
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(e));
  }
}).listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} at http://127.0.0.1:${port}${base}`);
});
