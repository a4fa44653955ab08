// Shared setup for the end-to-end tests: serves a copy of the release dist/ (plus test fixtures)
// with the real `yuedu serve` — or, with YUEDU_SERVER=nginx, with Debian's nginx running
// deploy/nginx.conf — and drives Debian's headless Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const YUEDU = join(ROOT, 'target/release/yuedu');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** The server the tests run against: `yuedu` (`yuedu serve`, the default) or `nginx`. */
export const SERVER = process.env.YUEDU_SERVER ?? 'yuedu';

/** How to start `server` on `dir` at `port`: the command, and what it needs first. nginx runs
 * unprivileged on that port with a prefix of its own in `dir`'s parent and exactly
 * deploy/nginx.conf, included as README says, with the build's `_csp.nginx`. */
function serverCommand(server, dir, port, base) {
  if (server === 'yuedu') return [YUEDU, ['serve', dir, '--port', String(port), '--base', base]];
  if (server !== 'nginx') throw new Error(`YUEDU_SERVER=${server}: expected yuedu or nginx`);
  if (base !== '/') throw new Error('deploy/nginx.conf serves a build at the root only');
  const prefix = `${dir}-nginx`;
  mkdirSync(prefix, { recursive: true });
  chmodSync(dir, 0o755); // nginx's workers run as nobody when the tests run as root
  writeFileSync(join(prefix, 'nginx.conf'), `# The tests' nginx: deploy/nginx.conf in a server block of its own (harness.mjs).
daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr warn;
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${prefix}/client_body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
    server {
        listen 127.0.0.1:${port};
        root ${dir};
        include ${dir}/_csp.nginx;
        include ${join(ROOT, 'deploy/nginx.conf')};
    }
}
`);
  return ['nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr']];
}

/** Copies a build (dist/ by default) and the fixtures into a temp dir and serves it with
 * `yuedu serve` (or nginx: SERVER), under `base` (a sub-path build is made with
 * `--public-url`). `stopServer()` takes the network away (the port refuses connections);
 * `startServer()` brings it back on the same origin, serving whatever the dir holds then. */
export async function startSite({ fixtures = true, dist = 'dist', base = '/', server = SERVER } = {}) {
  for (const need of [join(ROOT, dist, 'shell.html'), YUEDU]) {
    if (!existsSync(need)) throw new Error(`${need} is missing: run scripts/test (it builds dist/ and the CLI)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'yuedu-site-'));
  cpSync(join(ROOT, dist), dir, { recursive: true });
  if (fixtures) cpSync(join(ROOT, 'tests/fixtures/data'), join(dir, 'data'), { recursive: true });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let proc = null;
  let log = '';
  async function startServer() {
    const [command, args] = serverCommand(server, dir, port, base);
    proc = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr.on('data', (d) => { log += d; });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(origin + base)).ok) return;
      } catch { /* not up yet */ }
      if (i > 100 || proc.exitCode !== null) throw new Error(`${server} did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async function stopServer() {
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((ok) => proc.once('exit', ok));
    proc.kill();
    await exited;
  }
  await startServer();
  return {
    origin,
    dir,
    log: () => log,
    startServer,
    stopServer,
    async stop() {
      await stopServer();
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}-nginx`, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Content-Security-Policy violations seen by any page of this test file (`yuedu serve` sends a
 * strict policy; issue 8 wants the whole suite to run under it with none). `useSite` checks
 * them once the file's tests are done; files that start a site themselves call
 * `assertNoCspViolations` in their own `after`. */
export const cspViolations = [];
export function assertNoCspViolations() {
  assert.deepEqual(cspViolations, [], 'the pages ran under the Content-Security-Policy without violations');
}

/** A new page that records console errors and uncaught exceptions (wasm panics land there),
 * and Content-Security-Policy violations (in `cspViolations`). */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    page.problems.push(`console: ${msg.text()}`);
    if (/Content Security Policy/i.test(msg.text())) cspViolations.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  // A navigation that times out names the requests still open (a stalled download).
  const open = new Map();
  page.on('request', (r) => open.set(r, Date.now()));
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  const goto = page.goto.bind(page);
  page.goto = async (...args) => {
    try {
      return await goto(...args);
    } catch (e) {
      e.message += `\nstill open: ${[...open].map(([r, t]) => `${r.url()} (${Date.now() - t} ms)`).join(', ')}`;
      throw e;
    }
  };
  return page;
}

/** Waits until the wasm app has replaced the static shell; on a timeout, says which
 * resources had arrived (a stalled download shows up as a missing entry). */
export async function appReady(page) {
  try {
    await page.waitForSelector('#app[data-ready]', { timeout: 30_000 });
  } catch (e) {
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => `${r.name} ${Math.round(r.responseEnd)}ms`)).catch(() => []);
    e.message += `\nloaded: ${loaded.join(', ')}\nproblems: ${page.problems?.join('; ')}`;
    throw e;
  }
}

/** Scrolls to the end of the article, where its actions and related list load (they come in
 * the `extras` chunk as the reader nears the end: src/components/extras.rs). */
export async function toArticleEnd(page) {
  await page.locator('article[data-article-id] .article-footer').scrollIntoViewIfNeeded();
}

/** Opens the article titled `title` the way the app renders it itself: from the home page, by
 * its link. (An article URL loaded directly is its static page, which the app adopts as it is:
 * no data request, no rendering in the browser.) */
export async function openInApp(page, origin, title) {
  await page.goto(origin + '/');
  await appReady(page);
  await page.getByRole('link', { name: title }).first().click();
  await page.waitForSelector('article[data-article-id] .article-body');
}

/** Serves a site and launches Chromium for the calling test file (started before its tests,
 * stopped after them). Returns `{ origin, browser }`, filled in once `before` has run. */
export function useSite(options) {
  const ctx = { origin: '', browser: null, site: null };
  let site;
  before(async () => {
    site = await startSite(options);
    ctx.site = site;
    ctx.origin = site.origin;
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await site?.stop();
    assertNoCspViolations();
  });
  return ctx;
}
