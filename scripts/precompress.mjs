// Writes brotli (.br, quality 11) and gzip (.gz, level 9) siblings next to every text and wasm
// file of a built site, which `yuedu serve` (and nginx's brotli_static/gzip_static, or any
// host that serves precompressed files) sends to browsers that accept them. Run after
// everything that writes into the site (trunk, `yuedu index`). A sibling that would not be
// smaller is not written.
//   node scripts/precompress.mjs [dir]      (default: dist)
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const COMPRESSIBLE = /\.(html|js|mjs|wasm|css|json|svg|webmanifest|txt)$/;
let files = 0, raw = 0, br = 0;
function walk(d) {
  for (const name of readdirSync(d)) {
    const path = join(d, name);
    // Hidden directories (`yuedu index`'s state, data/.yuedu-index/) are not part of the site.
    if (statSync(path).isDirectory()) { if (!name.startsWith('.')) walk(path); }
    else if (COMPRESSIBLE.test(name)) compress(path);
  }
}
function compress(path) {
  const bytes = readFileSync(path);
  const b = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  const g = gzipSync(bytes, { level: 9 });
  for (const [ext, out] of [['br', b], ['gz', g]]) {
    if (out.length < bytes.length) writeFileSync(`${path}.${ext}`, out);
    else rmSync(`${path}.${ext}`, { force: true });
  }
  files++; raw += bytes.length; br += Math.min(b.length, bytes.length);
}
walk(dir);
console.log(`precompressed ${files} files in ${dir}: ${(raw / 1024).toFixed(1)} KB → ${(br / 1024).toFixed(1)} KB brotli`);
