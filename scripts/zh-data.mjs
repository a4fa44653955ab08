// The 简/繁 data, from OpenCC's dictionaries (Apache-2.0) as the npm package opencc-js ships them
// (crates/core/src/zh.rs describes both formats):
//   node scripts/zh-data.mjs [dir]         writes dir/zh-hant.txt, the Simplified → Traditional
//                                          table the app fetches when a reader switches to 繁體
//                                          (default dir: $TRUNK_STAGING_DIR, else dist; run by
//                                          scripts/postbuild.mjs)
//   node scripts/zh-data.mjs --fold        rewrites crates/core/src/zh_fold.txt, the
//                                          Traditional → Simplified characters search folds
//   node scripts/zh-data.mjs --check-fold  fails if zh_fold.txt is not what --fold would write
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const FOLD_FILE = join(ROOT, 'crates/core/src/zh_fold.txt');
const FORMAT = '#yuedu-zh-hant/1';

// The package's exports map hides its files: find its directory from its main module.
const PKG = resolve(dirname(require.resolve('opencc-js')), '../..');
const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
/** One of opencc-js's dictionaries: `key value|key value|…` (values: the first candidate). */
async function dict(name) {
  const { default: text } = await import(join(PKG, 'dist/esm-lib/dict', `${name}.js`));
  return text.split('|').map((line) => line.split(' '));
}
const byKey = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); // code point order = UTF-8 byte order

/** STCharacters and STPhrases as one table; a phrase that converts character by character is
 * written as its key alone. */
async function hantTable() {
  const chars = new Map(await dict('STCharacters'));
  const byChar = (key) => [...key].map((c) => chars.get(c) ?? c).join('');
  const entries = new Map([...chars].map(([k, v]) => [k, v]));
  for (const [k, v] of await dict('STPhrases')) {
    if ([...k].length !== [...v].length) throw new Error(`zh-data: ${k} → ${v} changes the length`);
    entries.set(k, v);
  }
  const lines = [...entries].sort(byKey).map(([k, v]) => ([...k].length > 1 && byChar(k) === v ? k : `${k}\t${v}`));
  return `${FORMAT} OpenCC s2t (STCharacters, STPhrases; Apache-2.0) from opencc-js ${pkg.version}\n${lines.join('\n')}\n`;
}

/** TSCharacters' pairs whose characters are both three bytes of UTF-8 and whose Simplified
 * character occurs in one of OpenCC's phrases (the characters news text uses), sorted. */
async function foldTable() {
  const used = new Set();
  for (const [k] of await dict('STPhrases')) for (const c of k) used.add(c);
  const three = (c) => c.length === 1 && c.codePointAt(0) >= 0x800;
  const pairs = (await dict('TSCharacters')).filter(([t, s]) => t !== s && three(t) && three(s) && used.has(s));
  return pairs.sort(byKey).map(([t, s]) => t + s).join('') + '\n';
}

if (process.argv.includes('--fold')) {
  writeFileSync(FOLD_FILE, await foldTable());
  console.log(`zh-data: wrote ${FOLD_FILE}`);
} else if (process.argv.includes('--check-fold')) {
  if (readFileSync(FOLD_FILE, 'utf8') !== (await foldTable())) {
    console.error('zh-data: crates/core/src/zh_fold.txt is not what opencc-js gives: run node scripts/zh-data.mjs --fold');
    process.exit(1);
  }
} else {
  const dir = resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(ROOT, 'dist'));
  const table = await hantTable();
  writeFileSync(join(dir, 'zh-hant.txt'), table);
  console.log(`zh-data: ${dir}/zh-hant.txt, ${table.split('\n').length - 2} entries, ${(Buffer.byteLength(table) / 1024).toFixed(0)} KB`);
}
