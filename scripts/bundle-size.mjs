// Bundle-size report for the app shell in dist/: raw, gzip and brotli bytes per file.
//   node scripts/bundle-size.mjs            # print the table
//   node scripts/bundle-size.mjs --check    # also fail when the shell is over budget
// The shell is everything the first view needs before any article data: index.html, the wasm,
// its JS glue, the initializer and the CSS.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

// Issue 8's budget (issue 2 had set 150 KB): the shell of the first article view, with the
// pinned-nightly wasm build of scripts/wasm-toolchain.sh (a stable-toolchain build is larger).
// Today's shell is ~1 KB under it (BENCHMARKS.md): anything new in the first view pays its way.
const BUDGET_BROTLI = 100 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;

// Not part of the shell, reported apart: embed.js runs on partner pages, sw.js is the service
// worker the browser fetches after the page has loaded, nowasm.js loads only in a browser
// without WebAssembly.
const APART = ['embed.js', 'sw.js', 'nowasm.js'];
// The wasm chunks (src/split.rs) are fetched when a page or panel that needs them is first used,
// not for the first article view: reported apart, not part of the shell.
const CHUNK = /^(split_\w+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;
const shell = readdirSync(dist).filter((f) => /\.(wasm|js|mjs|css|html)$/.test(f) && !APART.includes(f) && !CHUNK.test(f));
if (!shell.some((f) => f.endsWith('.wasm'))) {
  console.error('bundle-size: no .wasm in dist/ — build first (bash scripts/build)');
  process.exit(2);
}
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const rows = shell.map((file) => {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotli(bytes) };
}).sort((a, b) => b.brotli - a.brotli);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
const name = (f) => f.replace(/-[0-9a-f]{16}/, '-<hash>').replace(/^[0-9a-f]{16}-/, '<hash>-');

console.log(`${'file'.padEnd(34)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
for (const r of rows) console.log(`${name(r.file).padEnd(34)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
console.log(`${'app shell total'.padEnd(34)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
console.log(`budget: ${kb(BUDGET_BROTLI).trim()} brotli — ${total.brotli <= BUDGET_BROTLI ? 'within' : 'OVER'} budget`);
// Reported apart, one line each: the chunks, then the scripts outside the shell.
const apart = [
  ...readdirSync(dist).filter((f) => CHUNK.test(f)).sort().map((f) => [f, 'chunk on demand', name(f)]),
  ['embed.js', 'partner script'], ['sw.js', 'service worker'], ['nowasm.js', 'no-WebAssembly fallback'],
];
for (const [file, what, shown = file] of apart) {
  let bytes;
  try { bytes = readFileSync(join(dist, file)); } catch { continue; /* not in this build */ }
  console.log(`${what} ${shown}: ${kb(bytes.length).trim()} raw, ${kb(brotli(bytes)).trim()} brotli`);
}

if (process.argv.includes('--check') && total.brotli > BUDGET_BROTLI) {
  console.error(`bundle-size: the app shell is ${total.brotli} bytes brotli, over the ${BUDGET_BROTLI}-byte budget`);
  process.exit(1);
}
