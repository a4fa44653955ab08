// What the app's wasm is made of, by crate: runs twiggy (`cargo install twiggy`) over
// wasm-bindgen's output from the last trunk build (names kept, before wasm-opt) and sums each
// function by the first crate in its path. Generic code counts for the crate that defines the
// generic function (tachys includes our views' monomorphised rendering).
//   node scripts/wasm-breakdown.mjs [rows=16]
import { execFileSync } from 'node:child_process';

const rows = Number(process.argv[2] ?? 16);
const csv = execFileSync('twiggy', ['top', '-n', '100000', '-f', 'csv', 'target/wasm-bindgen/release/yuedu-web_bg.wasm'], { maxBuffer: 1 << 28 }).toString();
const sizes = new Map();
let total = 0;
for (const line of csv.split('\n').slice(1)) {
  const m = line.match(/^(".*"|[^,]*),(\d+),/);
  if (!m) continue;
  const name = m[1].replace(/^"|"$/g, '').replaceAll('""', '"');
  const size = Number(m[2]);
  if (name.includes('function names') || name.startsWith('custom section') || name.startsWith('__wbindgen_describe')) continue;
  total += size;
  let crate;
  if (name.startsWith('data segment')) crate = '(data: strings, tables)';
  else {
    crate = name.match(/([A-Za-z_]\w*)(?:\[[0-9a-f]+\])?::/)?.[1] ?? '(unnamed: import glue, tables)';
    const self = name.match(/^<&?(?:mut )?\[?([A-Za-z_]\w*)/)?.[1];
    if (name.startsWith('<') && name.includes(' as ') && self && !/^[A-Z]$/.test(self)) crate = self;
    if (/^(str|char|[ui](8|16|32|64|size)|f(32|64)|bool)$/.test(crate)) crate = 'core';
  }
  sizes.set(crate, (sizes.get(crate) ?? 0) + size);
}
console.log('| crate | bytes | share |\n| --- | --- | --- |');
for (const [crate, size] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
  console.log(`| ${crate} | ${(size / 1024).toFixed(1)} KB | ${((100 * size) / total).toFixed(1)}% |`);
}
console.log(`\ntotal ${(total / 1024).toFixed(1)} KB (code and data, before wasm-opt)`);
