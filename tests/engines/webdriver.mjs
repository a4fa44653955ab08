// A small W3C WebDriver client (Node's fetch, no dependencies) and the three engines the
// stories run in: Chromium (chromedriver), Firefox ESR (geckodriver) and WebKitGTK's MiniBrowser
// (WebKitWebDriver under Xvfb). scripts/setup installs all of them.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, CHROMIUM_ARGS } from '../e2e/harness.mjs';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** The engines: how to start each driver and what to ask it for. `disableWasm` (Firefox only:
 * a real preference) is for the no-WebAssembly story. */
export const ENGINES = {
  chromium: {
    driver: (port) => ['chromedriver', [`--port=${port}`]],
    capabilities: () => ({
      browserName: 'chrome',
      'goog:chromeOptions': { binary: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'yuedu-chromium-'))}`, '--window-size=1024,900', '--lang=zh-CN'] },
    }),
  },
  firefox: {
    driver: (port) => ['geckodriver', ['--port', String(port)]],
    capabilities: ({ disableWasm = false } = {}) => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: '/usr/bin/firefox-esr',
        args: ['-headless', '-width', '1024', '-height', '900'],
        prefs: { 'intl.accept_languages': 'zh-CN', 'javascript.options.wasm': !disableWasm, 'browser.shell.checkDefaultBrowser': false, 'app.update.enabled': false },
      },
    }),
  },
  webkit: {
    driver: (port) => ['xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', 'WebKitWebDriver', `--port=${port}`]],
    capabilities: () => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
    }),
  },
};

/** Starts `engine`'s driver and a session; `close()` ends both. */
export async function startSession(engine, options = {}) {
  const spec = ENGINES[engine];
  const port = await freePort();
  const [cmd, args] = spec.driver(port);
  const proc = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  proc.stderr.on('data', (d) => { log = (log + d).slice(-4000); });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/status`)).ok) break;
    } catch { /* not up yet */ }
    if (i > 200 || proc.exitCode !== null) throw new Error(`${cmd} did not start:\n${log}`);
    await sleep(50);
  }
  const res = await fetch(`${base}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ capabilities: { alwaysMatch: spec.capabilities(options) } }) });
  const body = await res.json();
  if (!res.ok) throw new Error(`${engine}: no session: ${JSON.stringify(body.value).slice(0, 500)}\n${log}`);
  const session = new Session(`${base}/session/${body.value.sessionId}`, engine, body.value.capabilities);
  session.close = async () => {
    await fetch(session.url, { method: 'DELETE' }).catch(() => {});
    try { process.kill(-proc.pid); } catch { /* gone */ }
  };
  return session;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Session {
  constructor(url, engine, capabilities) {
    this.url = url;
    this.engine = engine;
    this.version = capabilities.browserVersion ?? '?';
  }

  async cmd(method, path, body) {
    const res = await fetch(this.url + path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const e = new Error(`${this.engine} ${method} ${path}: ${json.value?.error}: ${json.value?.message?.slice(0, 300)}`);
      e.code = json.value?.error;
      throw e;
    }
    return json.value;
  }

  go(url) { return this.cmd('POST', '/url', { url }); }
  currentUrl() { return this.cmd('GET', '/url'); }
  back() { return this.cmd('POST', '/back', {}); }
  refresh() { return this.cmd('POST', '/refresh', {}); }
  /** Reloads the way a reader does (`location.reload()`): geckodriver's Refresh bypasses the
   * service worker, which a reader's reload does not. Waits for the new document. */
  async reload() {
    await this.run(() => { window.__beforeReload = true; setTimeout(() => location.reload(), 0); });
    await this.until('the reloaded document', () => !window.__beforeReload && document.readyState === 'complete');
  }
  title() { return this.cmd('GET', '/title'); }
  /** Runs `fn` (a function's source) in the page with `args`; returns its (awaited) result. */
  run(fn, ...args) { return this.cmd('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments)`, args }); }
  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }
  click(el) { return this.cmd('POST', `/element/${el}/click`, {}); }
  text(el) { return this.cmd('GET', `/element/${el}/text`); }
  async screenshot() { return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64'); }
  switchToFrame(el) { return this.cmd('POST', '/frame', { id: el === null ? null : { [ELEMENT]: el } }); }
  setWindow(width, height) { return this.cmd('POST', '/window/rect', { width, height }).catch(() => {}); }

  /** Waits until `fn(...args)` run in the page is truthy; returns that value. */
  async until(what, fn, args = [], timeout = 30_000) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.run(fn, ...args);
        if (last) return last;
      } catch (e) {
        last = e.message; // navigating: the page is not there yet
      }
      if (Date.now() > end) {
        const at = await this.currentUrl().catch(() => '?');
        const page = await this.run(() => `${document.readyState} ${document.title} | ${document.body?.innerText.slice(0, 120)}`).catch((e) => e.message);
        throw new Error(`${this.engine}: timed out waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 200)}; at ${at}: ${page})`);
      }
      await sleep(100);
    }
  }

  /** Clicks the first element matching `css`, once there is one (content arrives after the
   * app is ready). */
  async clickCss(css) {
    await this.until(css, (c) => document.querySelector(c) !== null, [css]);
    await this.click(await this.find(css));
  }
}
