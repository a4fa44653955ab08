// Related articles at scale in headless Chromium: builds (once, cached in /tmp) a synthetic
// corpus of N articles with `yuedu corpus` + `yuedu index`, serves it with the release dist/,
// opens articles and reads the `yuedu:related` measure (ranking in the browser) and the bytes
// of the related file fetched.
//   node scripts/bench-related.mjs [N=100000] [articles=10]
// With YUEDU_BENCH_DATA=DIR it uses that indexed data directory instead (e.g. the one
// `bash scripts/bench-index N` leaves in /tmp/yuedu-bench-index-N/data).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, freePort, launchBrowser, newPage } from '../tests/e2e/harness.mjs';

const n = Number(process.argv[2] ?? 100000);
const samples = Number(process.argv[3] ?? 10);
const yuedu = join(ROOT, 'target/release/yuedu');
const work = `/tmp/yuedu-bench-${n}`;
const data = process.env.YUEDU_BENCH_DATA ?? join(work, 'data');
if (!process.env.YUEDU_BENCH_DATA && !existsSync(join(work, 'data/tags.json'))) {
  rmSync(work, { recursive: true, force: true });
  console.log(`building a ${n}-article synthetic corpus in ${work} (once) …`);
  execFileSync(yuedu, ['corpus', '--synthetic', String(n), join(work, 'data/articles')], { stdio: 'inherit' });
  execFileSync(yuedu, ['index', join(work, 'data/articles'), join(work, 'data')], { stdio: 'inherit' });
}
const site = join(work, 'site');
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
for (const f of readdirSync(join(ROOT, 'dist'))) if (f !== 'data') cpSync(join(ROOT, 'dist', f), join(site, f), { recursive: true });
symlinkSync(data, join(site, 'data'));
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
