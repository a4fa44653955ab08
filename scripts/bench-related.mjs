// Related articles at scale in headless Chromium: builds (once, cached in /tmp) a synthetic
// corpus of N articles with `yuedu corpus` + `yuedu index`, serves it with the release dist/,
// opens articles and reads the `yuedu:related` measure (ranking in the browser) and the bytes
// of the related file fetched.
//   node scripts/bench-related.mjs [N=100000] [articles=10]
// With YUEDU_BENCH_DATA=DIR it uses that indexed data directory instead (e.g. the one
// `bash scripts/bench-index N` leaves in /tmp/yuedu-bench-index-N/data).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ROOT, appReady, freePort, launchBrowser, newPage, toArticleEnd } from '../tests/e2e/harness.mjs';

const n = Number(process.argv[2] ?? 100000);
const samples = Number(process.argv[3] ?? 10);
const yuedu = join(ROOT, 'target/release/yuedu');
// The corpus lives in the served site itself (yuedu serve follows no symlink out of its root):
// the site is the data directory's parent, and the rest of it the current dist/.
const data = process.env.YUEDU_BENCH_DATA ?? `/tmp/yuedu-bench-${n}/site/data`;
if (basename(data) !== 'data') throw new Error(`YUEDU_BENCH_DATA must be a directory named data: ${data}`);
const site = dirname(data);
if (!process.env.YUEDU_BENCH_DATA && !existsSync(join(data, 'tags.json'))) {
  rmSync(site, { recursive: true, force: true });
  console.log(`building a ${n}-article synthetic corpus in ${data} (once) …`);
  execFileSync(yuedu, ['corpus', '--synthetic', String(n), join(data, 'articles')], { stdio: 'inherit' });
  execFileSync(yuedu, ['index', join(data, 'articles'), data], { stdio: 'inherit' });
}
for (const f of readdirSync(join(ROOT, 'dist'))) {
  if (f === 'data') continue;
  rmSync(join(site, f), { recursive: true, force: true });
  cpSync(join(ROOT, 'dist', f), join(site, f), { recursive: true });
}
const port = await freePort();
const server = spawn(yuedu, ['serve', site, '--port', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await launchBrowser();
const rank = [];
const bytes = [];
try {
  for (let i = 0; i < samples; i++) {
    const id = `syn-${String(1 + Math.floor(((i + 1) * n) / (samples + 1))).padStart(6, '0')}`;
    const page = await newPage(browser);
    await page.goto(`http://127.0.0.1:${port}/article/${id}`);
    await appReady(page);
    await toArticleEnd(page); // the related list comes with the extras, as the reader nears the end
    await page.waitForSelector('.related-item', { timeout: 30000 });
    const r = await page.evaluate(() => ({
      rank: performance.getEntriesByName('yuedu:related')[0].duration,
      bytes: performance.getEntriesByType('resource').find((e) => e.name.includes('/data/related/'))?.encodedBodySize ?? 0,
    }));
    rank.push(r.rank);
    bytes.push(r.bytes);
    await page.context().close();
  }
} finally {
  await browser.close();
  server.kill();
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${n}-article corpus, ${samples} articles in headless Chromium:`);
console.log(`  related ranking (yuedu:related): median ${med(rank).toFixed(2)} ms, max ${Math.max(...rank).toFixed(2)} ms`);
console.log(`  related data fetched: median ${med(bytes)} bytes (uncompressed; one file per article)`);
