// Largest Contentful Paint of the seed article on a cold load: the app against a minimal plain
// HTML page of the same text (title and paragraphs, no CSS or JavaScript — the floor any page of
// this article can reach), and its own static page with JavaScript off, interleaved in one run
// of headless Chromium with 4× CPU throttling and DevTools' "Slow 4G" network profile, all three
// served brotli-compressed by the same `yuedu serve`. Also the layout shift over the load.
// Issue 16's goal: app LCP ≤ 1.2 × the plain page's.
//   node scripts/bench-lcp.mjs [rounds=5]      (after scripts/build; serves dist/ itself)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { startSite, launchBrowser } from '../tests/e2e/harness.mjs';

const rounds = Number(process.argv[2] ?? 5);
const PATH = '/article/c6c151299a20712a';
// DevTools' "Slow 4G" preset (Chromium 156): 562.5 ms latency, 180 KB/s down, 84 KB/s up.
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };

const site = await startSite({ fixtures: false });
// The plain page: the article's title and text blocks as <h1> and <p>, nothing else, compressed
// the way every other file of the site is.
const PLAIN = '/plain-article.html';
{
  const article = JSON.parse(readFileSync(join(site.dir, 'data/articles', PATH.split('/').pop() + '.json'), 'utf8'));
  const esc = (t) => String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const text = article.body.filter((b) => typeof b.text === 'string').map((b) => `<p>${esc(b.text)}</p>`).join('\n');
  const html = `<!doctype html><html lang=zh-CN><meta charset=utf-8><meta name=viewport content="width=device-width,initial-scale=1"><title>${esc(article.title)}</title><h1>${esc(article.title)}</h1>\n${text}\n`;
  writeFileSync(join(site.dir, PLAIN.slice(1)), html);
  writeFileSync(join(site.dir, PLAIN.slice(1) + '.br'), brotliCompressSync(html));
}
const browser = await launchBrowser();

/** One cold load (fresh context: empty cache, no service worker) of `path`; LCP and CLS from
 * the DevTools protocol's performance timeline, which works with JavaScript disabled too. */
async function load(path, javaScriptEnabled, app = javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled, serviceWorkers: 'block', viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('PerformanceTimeline.timelineEventAdded', ({ event }) => events.push(event));
  await cdp.send('PerformanceTimeline.enable', { eventTypes: ['largest-contentful-paint', 'layout-shift'] });
  const started = Date.now();
  await page.goto(site.origin + path, { waitUntil: 'load', timeout: 120_000 });
  if (app) await page.waitForSelector('#app[data-ready] mark.metric', { timeout: 120_000 });
  await page.waitForTimeout(1500); // late candidates and shifts
  // The protocol evaluates even where the page's own scripts are off.
  const timing = await cdp.send('Runtime.evaluate', { expression: 'performance.timeOrigin', returnByValue: true });
  const navigationStart = timing.result.value;
  if (typeof navigationStart !== 'number') throw new Error('no performance.timeOrigin');
  const lcps = events.filter((e) => e.type === 'largest-contentful-paint');
  const last = lcps.at(-1);
  // Event times are seconds since the epoch; LCP counts from the navigation start.
  const lcp = last ? (last.lcpDetails.renderTime || last.lcpDetails.loadTime) * 1000 - navigationStart : NaN;
  const cls = events.filter((e) => e.type === 'layout-shift' && !e.layoutShiftDetails.hadRecentInput).reduce((s, e) => s + e.layoutShiftDetails.value, 0);
  const element = last?.lcpDetails.nodeId ? await cdp.send('DOM.describeNode', { backendNodeId: last.lcpDetails.nodeId }).then((d) => d.node.localName).catch(() => '?') : '?';
  await context.close();
  return { lcp, cls, element, wall: Date.now() - started };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const app = [];
const stat = [];
const plain = [];
try {
  for (let i = 0; i < rounds; i++) {
    // Interleaved, so both see the same machine load.
    plain.push(await load(PLAIN, true, false));
    stat.push(await load(PATH, false));
    app.push(await load(PATH, true));
    console.log(`round ${i + 1}: plain ${plain.at(-1).lcp.toFixed(0)} ms, static ${stat.at(-1).lcp.toFixed(0)} ms (${stat.at(-1).element}), app ${app.at(-1).lcp.toFixed(0)} ms (${app.at(-1).element}), app CLS ${app.at(-1).cls.toFixed(4)}`);
  }
} finally {
  await browser.close();
  await site.stop();
}
const p = median(plain.map((r) => r.lcp));
const s = median(stat.map((r) => r.lcp));
const a = median(app.map((r) => r.lcp));
console.log(`\nLCP, median of ${rounds} cold loads (4× CPU, Slow 4G, 412×823 mobile viewport):`);
console.log(`  plain HTML page of the same text: ${p.toFixed(0)} ms`);
console.log(`  the app's static page, JavaScript off: ${s.toFixed(0)} ms`);
console.log(`  the app (static page adopted by the wasm app): ${a.toFixed(0)} ms`);
console.log(`  ratio app / plain ${(a / p).toFixed(2)} (goal ≤ 1.20), app / static ${(a / s).toFixed(2)}; app CLS max ${Math.max(...app.map((r) => r.cls)).toFixed(4)}; app fully ready (wall) median ${median(app.map((r) => r.wall))} ms`);
