// Bytes a search query fetches (issue 18: ≤ 200 KB brotli per query at 1M articles), in
// headless Chromium with the release dist/: serves DATA (an indexed corpus, by default the one
// `bash scripts/bench-index N` leaves in /tmp/yuedu-bench-index-N/data) and runs each query on
// /search. Every /data/ response is counted at its brotli size (quality 11, computed here from
// the file served: the data files are not precompressed at this scale): the index (search.json
// and the shards) and the articles fetched for the passages, and the query's time to results.
//   node scripts/bench-search.mjs [N=100000] [DATA]
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { ROOT, freePort, launchBrowser, newPage } from '../tests/e2e/harness.mjs';

const n = Number(process.argv[2] ?? 100000);
const data = process.argv[3] ?? `/tmp/yuedu-bench-index-${n}/data`;
const QUERIES = ['茶叶合作社', '乡村旅游', '劳务协作站稳岗就业', '电商直播打开销路', '产业振兴', '人居环境', '食用菌产业园焕发新活力', '青岚县', '技能培训', '合成作者7'];
// The data lives in the served site itself (yuedu serve follows no symlink out of its root): the
// site is DATA's parent, with the rest of the current dist/ copied beside it (removed after).
if (basename(data) !== 'data') throw new Error(`DATA must be a directory named data: ${data}`);
const site = dirname(data);
const copied = readdirSync(join(ROOT, 'dist')).filter((f) => f !== 'data');
for (const f of copied) {
  rmSync(join(site, f), { recursive: true, force: true });
  cpSync(join(ROOT, 'dist', f), join(site, f), { recursive: true });
}
const port = await freePort();
const server = spawn(join(ROOT, 'target/release/yuedu'), ['serve', site, '--port', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const br = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const browser = await launchBrowser();
const rows = [];
try {
  for (const q of QUERIES) {
    const page = await newPage(browser);
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:${port}/search?q=${encodeURIComponent(q)}`);
    await page.locator('.search-summary').waitFor({ timeout: 60000 });
    const ms = Date.now() - t0;
    const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('/data/')));
    let index = 0, articles = 0, shards = 0;
    for (const u of urls) {
      const path = join(data, decodeURIComponent(new URL(u).pathname.replace(/^\/data\//, '')));
      const size = br(path);
      if (u.includes('/data/articles/')) articles += size;
      else index += size;
      if (/\/data\/search\/\d+\.json$/.test(u)) shards++;
    }
    const results = await page.locator('.article-list .card').count();
    rows.push({ q, results, shards, index, articles, ms });
    console.log(`${q}: ${results} results, ${shards} shards, index ${(index / 1024).toFixed(1)} KB br, articles ${(articles / 1024).toFixed(1)} KB br, ${ms} ms`);
    await page.context().close();
  }
} finally {
  await browser.close();
  server.kill();
  for (const f of copied) rmSync(join(site, f), { recursive: true, force: true });
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const total = rows.map((r) => r.index + r.articles);
console.log(`${n} articles, ${rows.length} queries: bytes per query (brotli) median ${(med(total) / 1024).toFixed(1)} KB, max ${(Math.max(...total) / 1024).toFixed(1)} KB` +
  ` (index part median ${(med(rows.map((r) => r.index)) / 1024).toFixed(1)} KB, max ${(Math.max(...rows.map((r) => r.index)) / 1024).toFixed(1)} KB)`);
