// Browser timing in headless Chromium against the release dist/: the time from navigation to
// the seed article's static page with its marks over N cold loads, the metrics extraction of
// the seed article as the app renders it after a move within the app (performance measure
// `yuedu:metrics`, and `yuedu:metrics:warm-up`, its first run on a sample while the article's
// data is on the network), then route changes between already-loaded pages
// (`yuedu:route`: route change → next animation frame), and the 繁體 conversion of the seed
// article page on a load with Traditional chosen (`yuedu-hant-parse`: reading the table once a
// page load; `yuedu-hant-convert`: converting the page's text nodes and labels).
//   node scripts/bench-browser.mjs [runs=20]
import { startSite, launchBrowser, newPage } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 20);
const site = await startSite({ fixtures: false });
const browser = await launchBrowser();
const extract = [];
const warmUp = [];
const render = [];
const routes = [];
const hant = { parse: [], convert: [], shown: [] };
try {
  for (let i = 0; i < runs; i++) {
    const page = await newPage(browser);
    await page.goto(`${site.origin}/article/c6c151299a20712a`);
    await page.waitForSelector('.article-body mark.metric');
    render.push(await page.evaluate(() => performance.now()));
    // The static page came with its marks (rendered natively): the browser's extractor runs on
    // an article the app renders itself, so go home and back within the app.
    await page.locator('.site-header a.brand').click();
    await page.locator('.article-list a[href$="/article/c6c151299a20712a"]').first().click();
    await page.waitForFunction(() => performance.getEntriesByName('yuedu:metrics').length > 0);
    const t = await page.evaluate(() => ({
      extract: performance.getEntriesByName('yuedu:metrics')[0].duration,
      warmUp: performance.getEntriesByName('yuedu:metrics:warm-up')[0]?.duration,
    }));
    extract.push(t.extract);
    if (t.warmUp !== undefined) warmUp.push(t.warmUp);
    await page.context().close();
  }
  // Route changes between pages already loaded once: the `yuedu:route` measure (route
  // change → next animation frame).
  const page = await newPage(browser);
  await page.goto(`${site.origin}/`);
  await page.waitForSelector('.card-title a');
  await page.locator('.card-title a').first().click();
  await page.waitForSelector('article.article');
  for (let i = 0; i < runs; i++) {
    await page.goBack();
    await page.waitForSelector('.article-list');
    await page.goForward();
    await page.waitForSelector('article.article');
  }
  routes.push(...(await page.evaluate(() => performance.getEntriesByName('yuedu:route').map((e) => e.duration))).slice(2));
  await page.context().close();
  for (let i = 0; i < runs; i++) {
    const page = await newPage(browser);
    await page.addInitScript(() => localStorage.setItem('yuedu-settings', 'script=hant'));
    await page.goto(`${site.origin}/article/c6c151299a20712a`);
    await page.waitForSelector('html[data-script-state=ready]');
    const t = await page.evaluate(() => ['parse', 'convert'].map((n) => performance.getEntriesByName(`yuedu-hant-${n}`)[0])
      .map((e) => [e.duration, e.startTime + e.duration]));
    hant.parse.push(t[0][0]);
    hant.convert.push(t[1][0]);
    hant.shown.push(t[1][1]); // access.js keeps the page unpainted until then (no flash of Simplified)
    await page.context().close();
  }
} finally {
  await browser.close();
  await site.stop();
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} ms, p90 ${q(0.9).toFixed(2)} ms, min ${s[0].toFixed(2)} ms`;
};
console.log(`seed article, ${runs} cold loads in headless Chromium (no throttling):`);
console.log(`  metrics extraction (yuedu:metrics): ${stats(extract)}`);
// The extractor's first run on a sample while the article's data is on the network: the
// browser compiles the wasm functions on their first call (src/components/metrics.rs).
if (warmUp.length) console.log(`  its warm-up during the data request (yuedu:metrics:warm-up): ${stats(warmUp)}`);
console.log(`  navigation → static article page with marks: ${stats(render)}`);
console.log(`  route change between loaded pages (yuedu:route, ${routes.length} back/forward): ${stats(routes)}`);
console.log(`  繁體, the seed article page converted (yuedu-hant-convert): ${stats(hant.convert)}`);
console.log(`  繁體, the table read once a page load (yuedu-hant-parse): ${stats(hant.parse)}`);
console.log(`  繁體, navigation → page converted and shown (first load, table fetched): ${stats(hant.shown)}`);
