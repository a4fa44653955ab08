// Shrinks what trunk 0.21 leaves in its staging dir, then updates the Subresource Integrity hashes
// in index.html so the browser still verifies what it runs:
//   0. classes the app never uses leave the glue and the wasm's exports (wasm-streams' readable
//      stream adapters, which leptos 0.8 always compiles in through server_fn), then `wasm-opt -Oz`
//      runs here instead of in trunk (index.html says data-wasm-opt="0") so their code goes too;
//   1. wasm-bindgen's binding names (`__wbg_instanceof_HtmlElement_ea32ea7121e0a496`, closure
//      shims of 100+ characters) become short names in the wasm's import and export sections and
//      in its JS glue alike (~5 KB brotli);
//   2. the JS is minified with terser (trunk's minifier rejects `export default`, which the glue
//      and our initializer use);
//   3. the wasm's custom sections (`producers`, `target_features`) are dropped: metadata no
//      browser reads;
//   4. the wasm chunks that scripts/split/wasm-bindgen cut out (src/split.rs) join the build:
//      each chunk optimised and named by its content hash, their loader `__wasm_split.js`
//      pointed at the hashed glue and chunks, itself hashed and preloaded beside the glue (the
//      glue imports it, so the browser needs it before the app starts); index.html also
//      preloads the `pages` chunk, which its own first views (home, tags, search) need.
//   node scripts/minify.mjs [dir]     (default: $TRUNK_STAGING_DIR in trunk's post_build hook, else dist)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';
import { TERSER, hashed, readExport, rewriteEntries, shortenBindings, stripCustomSections, wasmOpt } from './wasm-tools.mjs';

/** Exported JS classes of the glue that nothing in the app or its pages uses. */
const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

const dist = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const files = readdirSync(dist).filter((f) => /\.(m?js|wasm)$/.test(f));
const before = new Map(files.map((f) => [f, readFileSync(join(dist, f))]));
const after = new Map(before);

/** The glue without the classes in `UNUSED_CLASSES` and the wasm without their exports
 * (`intounderlyingsink_write`, `__wbg_intounderlyingsink_free`, …). Fails when the glue's shape
 * is not the expected one (a new wasm-bindgen), rather than leaving a dangling reference. */
function dropUnusedClasses(wasm, glue) {
  let js = glue;
  const prefixes = [];
  for (const cls of UNUSED_CLASSES) {
    const block = new RegExp(`^export class ${cls} \\{[\\s\\S]*?^if \\(Symbol\\.dispose\\) ${cls}\\.prototype\\[Symbol\\.dispose\\] = ${cls}\\.prototype\\.free;\\n`, 'm');
    const registry = new RegExp(`^const ${cls}Finalization = [^;]*;\\n`, 'm');
    if (!block.test(js)) continue; // not in this build
    js = js.replace(block, '').replace(registry, '');
    if (js.includes(cls)) throw new Error(`minify: ${cls} is still referenced in the glue after removing it`);
    prefixes.push(`${cls.toLowerCase()}_`, `__wbg_${cls.toLowerCase()}_free`);
  }
  const removed = [];
  const pruned = rewriteEntries(wasm, [7], (_, r) => {
    const entry = r.at;
    const { field } = readExport(r, wasm);
    if (!prefixes.some((p) => field.startsWith(p))) return wasm.subarray(entry, r.at);
    removed.push(field);
    return null;
  });
  for (const field of removed) {
    if (new RegExp(`\\b${field}\\b`).test(js)) throw new Error(`minify: the glue still uses the removed export ${field}`);
  }
  return { wasm: pruned, js, removed: removed.length };
}

// --- 0. unused classes, wasm-opt ------------------------------------------------------------
const pairs = files.filter((f) => f.endsWith('_bg.wasm')).map((w) => [w, w.replace(/_bg\.wasm$/, '.js')]).filter(([, g]) => after.has(g));
for (const [wasmFile, glueFile] of pairs) {
  const { wasm, js, removed } = dropUnusedClasses(after.get(wasmFile), after.get(glueFile).toString());
  after.set(glueFile, Buffer.from(js));
  after.set(wasmFile, wasmOpt(wasm));
  console.log(`dropped ${removed} unused exports of ${wasmFile}; wasm-opt -Oz`);
}

// --- 1. binding names ------------------------------------------------------------------------
for (const [wasmFile, glueFile] of pairs) {
  // The glue's import module is named after the un-hashed glue file (`./yuedu-web_bg.js`).
  const glueModule = './' + wasmFile.replace(/-[0-9a-f]{1,16}_bg\.wasm$/, '_bg.js');
  const { wasm, js, count } = shortenBindings(after.get(wasmFile), after.get(glueFile).toString(), glueModule);
  after.set(wasmFile, wasm);
  after.set(glueFile, Buffer.from(js));
  console.log(`shortened ${count} binding names of ${wasmFile}`);
}

// --- 2. JS -----------------------------------------------------------------------------------
for (const file of files.filter((f) => /\.m?js$/.test(f))) {
  const source = after.get(file);
  const { code } = await minify(source.toString(), TERSER);
  if (code !== undefined && code.length < source.length) after.set(file, Buffer.from(code));
}

// --- 3. custom sections ----------------------------------------------------------------------
for (const file of files.filter((f) => f.endsWith('.wasm'))) after.set(file, stripCustomSections(after.get(file)));

// --- 4. wasm chunks --------------------------------------------------------------------------
const SPLIT_DIR = new URL('../target/wasm-split/', import.meta.url).pathname;
const LOADER = './__wasm_split.js';
const CHUNK_FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-reference-types', '--enable-multivalue', '--enable-mutable-globals'];
const added = new Map(); // new file → bytes
const links = []; // what index.html gets beside the glue's modulepreload
for (const [wasmFile, glueFile] of pairs) {
  let glue = after.get(glueFile).toString();
  // The glue imports the loader once per function the wasm takes from it (`import * as n from
  // "./__wasm_split.js"`); the import object's keys stay `./__wasm_split.js`, the module name
  // inside the wasm.
  const imports = /(\bfrom\s*)["']\.\/__wasm_split\.js["']/g;
  if (glue.includes('__wasm_split_placeholder__')) {
    // The split points' imports as the macro leaves them: wasm-split-cli did not run.
    throw new Error(`minify: ${wasmFile} was not split into its chunks: run trunk through with_wasm_toolchain (scripts/wasm-toolchain.sh), as scripts/build does`);
  }
  if (!imports.test(glue)) continue; // a build without split points
  if (!existsSync(join(SPLIT_DIR, '__wasm_split.js'))) {
    throw new Error(`minify: ${glueFile} imports ${LOADER}, but ${SPLIT_DIR} has none: build through scripts/build (with_wasm_toolchain), which splits the wasm`);
  }
  let loader = readFileSync(join(SPLIT_DIR, '__wasm_split.js'), 'utf8');
  // The loader takes the memory, table and shared items from the main module's exports: all
  // must be there (a stale target/wasm-split would not match this build's wasm).
  const exported = new Set();
  rewriteEntries(after.get(wasmFile), [7], (_, r) => { exported.add(readExport(r, after.get(wasmFile)).field); return null; });
  const shared = loader.match(/const \{([^}]*)\} = initSync/)?.[1].split(',').map((n) => n.trim()).filter(Boolean);
  if (!shared) throw new Error('minify: the shape of __wasm_split.js changed (no shared imports found)');
  const missing = shared.filter((n) => !exported.has(n));
  if (missing.length) throw new Error(`minify: the wasm does not export ${missing.join(', ')}, which the chunks import: target/wasm-split is stale`);
  const mainModule = loader.match(/import \{ initSync \} from "([^"]+)"/)?.[1];
  if (!mainModule) throw new Error('minify: the shape of __wasm_split.js changed (no initSync import)');
  loader = loader.replace(JSON.stringify(mainModule), JSON.stringify('./' + glueFile));
  // index.html preloads the `pages` split and the shared chunks it loads with it
  // (`makeLoad(…, [__chunk_12, …])`): its own first views need them.
  const pagesDeps = loader.match(/__wasm_split_load_pages = wrapAsyncCb\(makeLoad\([\s\S]*?, \[([^\]]*)\]\)\);/);
  if (!pagesDeps) throw new Error('minify: __wasm_split.js has no loader for the pages chunk');
  const preload = ['split_pages.wasm', ...pagesDeps[1].split(',').map((d) => d.trim()).filter(Boolean).map((d) => d.replace(/^__/, '') + '.wasm')];
  const stem = wasmFile.replace(/-[0-9a-f]{1,16}_bg\.wasm$/, '');
  for (const chunk of readdirSync(SPLIT_DIR).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`)) {
    if (!loader.includes(`"./${chunk}"`)) throw new Error(`minify: __wasm_split.js does not load ${chunk}`);
    const bytes = stripCustomSections(wasmOpt(stripCustomSections(readFileSync(join(SPLIT_DIR, chunk))), CHUNK_FEATURES));
    const name = hashed(chunk, bytes);
    added.set(name, bytes);
    loader = loader.replace(`"./${chunk}"`, JSON.stringify('./' + name));
    if (preload.includes(chunk)) links.push(`<link as=fetch crossorigin href=${name} rel=preload type=application/wasm>`);
  }
  loader = (await minify(loader, TERSER)).code;
  const loaderName = hashed('__wasm_split.js', loader);
  added.set(loaderName, Buffer.from(loader));
  links.push(`<link crossorigin href=${loaderName} integrity=${sri(loader)} rel=modulepreload>`);
  after.set(glueFile, Buffer.from(glue.replace(imports, (_, from) => from + JSON.stringify('./' + loaderName))));
  console.log(`split: ${[...added.keys()].join(', ')}`);
}

let html = readFileSync(join(dist, 'index.html'), 'utf8');
for (const [file, bytes] of added) writeFileSync(join(dist, file), bytes);
for (const [, glueFile] of links.length ? pairs : []) {
  // Beside the glue's own modulepreload, under the same public URL.
  const link = new RegExp(`<link\\b[^>]*\\bhref="?([^" >]*)${glueFile.replaceAll('.', '\\.')}"?[^>]*>`);
  const m = html.match(link);
  if (!m || !m[0].includes('modulepreload')) throw new Error(`minify: no modulepreload of ${glueFile} in index.html`);
  html = html.replace(link, (tag) => tag + links.map((l) => l.replace('href=', `href=${m[1]}`)).join(''));
}
for (const file of files) {
  const old = before.get(file);
  const now = after.get(file);
  if (old.equals(now)) continue;
  writeFileSync(join(dist, file), now);
  html = html.replaceAll(sri(old), sri(now));
  if (file.endsWith('.wasm')) {
    // trunk's start-up script passes the wasm's size to the initializer (the download progress
    // bar): `__trunkInitializer(init, '/x_bg.wasm', 2937046, …)`. It must be the size shipped.
    const size = new RegExp(`(${file.replaceAll('.', '\\.')}['"], *)(\\d+)`);
    if (!size.test(html)) throw new Error(`minify: no size of ${file} in index.html's start-up script`);
    html = html.replace(size, (_, lead) => lead + now.length);
  }
  console.log(`${file}: ${old.length} → ${now.length} bytes`);
}
writeFileSync(join(dist, 'index.html'), html);
