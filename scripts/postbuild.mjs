// trunk's post_build hook (Trunk.toml), run on the staging dir ($TRUNK_STAGING_DIR) before
// trunk moves it into place. One hook that runs the steps in order, because trunk starts the
// hooks of one stage concurrently: minify the JS (fixing SRI hashes), inline the stylesheet and
// the boot script (inline.mjs), render the app's chrome
// and loading view into index.html and shell.html with the app's own components (`yuedu shell`:
// the markup is written once, in src/), write the 繁體 conversion table (scripts/zh-data.mjs) and build the reader module
// (scripts/reader.mjs: 繁體 and 朗读, a wasm module of its own), then build the
// service worker over the final files.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const run = (step) => execFileSync(process.execPath, [join(here, step), ...process.argv.slice(2)], { stdio: 'inherit' });

run('minify.mjs');
run('inline.mjs');
const yuedu = join(here, '..', 'target', 'release', 'yuedu');
if (!existsSync(yuedu)) {
  console.error(`postbuild: ${yuedu} is missing: build the CLI first (cargo build --release -p yuedu-cli; scripts/build does)`);
  process.exit(1);
}
execFileSync(yuedu, ['shell', join(dir, 'index.html')], { stdio: 'inherit' });
run('zh-data.mjs');
run('reader.mjs');
run('sw.mjs');
