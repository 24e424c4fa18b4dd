// What the benchmark scripts share: the site served by e2e/server.mjs (GitHub Pages' rules, under
// /sail/) and headless Chromium launched the same way.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Serves `dir` under /sail/ on `port`, gzipped when `gzip` (as GitHub Pages does); resolves
 * with the server's process once it says it is serving. */
export async function serve(dir, port, { gzip = false } = {}) {
  const child = spawn(process.execPath, [new URL('../e2e/server.mjs', import.meta.url).pathname, dir, String(port), '/sail/'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SERVE_GZIP: gzip ? '1' : '' },
  });
  await new Promise((up, reject) => {
    const t = setTimeout(() => reject(new Error('server did not start')), 20_000);
    child.stdout.on('data', (d) => {
      if (String(d).includes('serving')) {
        clearTimeout(t);
        up();
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

/** Headless Chromium: the Debian build, or $CHROMIUM. */
export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
