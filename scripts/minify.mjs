// Minifies the JS that trunk 0.21 leaves as is (its minifier rejects `export default`, which
// wasm-bindgen's glue and our initializer use) and updates their Subresource Integrity hashes in
// index.html, so the browser still verifies what it runs. Also drops the wasm's custom sections.
//   node scripts/minify.mjs [dir]     (default: $TRUNK_STAGING_DIR in trunk's post_build hook, else dist)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dist = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
let html = readFileSync(join(dist, 'index.html'), 'utf8');
for (const file of readdirSync(dist).filter((f) => /\.m?js$/.test(f))) {
  const path = join(dist, file);
  const source = readFileSync(path);
  const { code } = await minify(source.toString(), { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
  if (code === undefined || code.length >= source.length) continue;
  writeFileSync(path, code);
  const before = sri(source);
  if (html.includes(before)) html = html.replaceAll(before, sri(code));
  console.log(`minified ${file}: ${source.length} → ${code.length} bytes`);
}

/** The wasm without its custom sections (`producers`, `target_features`, wasm-bindgen's
 * leftovers): metadata no browser reads. */
function stripCustomSections(wasm) {
  const keep = [wasm.subarray(0, 8)]; // magic and version
  let i = 8;
  const leb = () => {
    let value = 0, shift = 0, byte;
    do { byte = wasm[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return value;
  };
  while (i < wasm.length) {
    const start = i;
    const id = wasm[i++];
    const size = leb();
    const end = i + size;
    if (end > wasm.length) throw new Error('truncated wasm section');
    if (id !== 0) keep.push(wasm.subarray(start, end));
    i = end;
  }
  return Buffer.concat(keep);
}

for (const file of readdirSync(dist).filter((f) => f.endsWith('.wasm'))) {
  const path = join(dist, file);
  const source = readFileSync(path);
  const stripped = stripCustomSections(source);
  if (stripped.length === source.length) continue;
  writeFileSync(path, stripped);
  html = html.replaceAll(sri(source), sri(stripped));
  console.log(`stripped ${file}: ${source.length} → ${stripped.length} bytes`);
}
writeFileSync(join(dist, 'index.html'), html);
