// Builds the reader module (crates/reader: 繁體 and 朗读) into a built site: `reader.js` (its
// wasm-bindgen glue, minified, a classic script that starts the module when loaded) and
// `reader-<hash>.wasm`.
// public/access.js loads `reader.js` when the page first asks for either; the name is
// not hashed so that access.js can name it, and the glue names the hashed wasm, so the two
// always match. Run by scripts/postbuild.mjs in trunk's post_build hook, whose environment is
// the app's wasm toolchain (scripts/wasm-toolchain.sh: the same nightly, std and flags).
//   node scripts/reader.mjs [dir]     (default: $TRUNK_STAGING_DIR, else dist)
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { TERSER, hashed, shortenBindings, wasmOpt } from './wasm-tools.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const bindgen = process.env.YUEDU_WASM_BINDGEN;
if (!bindgen) {
  console.error('reader: YUEDU_WASM_BINDGEN is not set: build through scripts/build (with_wasm_toolchain)');
  process.exit(1);
}

// Its own target directory: the app's flags keep the linker's relocations for wasm-split-cli,
// which this module has no use for (and binaryen cannot optimise a module that has them);
// sharing the directory with other flags would rebuild the standard library at every switch.
const target = join(ROOT, 'target', 'reader');
const rustflags = (process.env.RUSTFLAGS ?? '').replace(process.env.YUEDU_SPLIT_RUSTFLAGS ?? '', '').trim();
execFileSync('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '-p', 'yuedu-reader'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, CARGO_TARGET_DIR: target, RUSTFLAGS: rustflags },
});
const out = join(ROOT, 'target', 'reader-bindgen');
rmSync(out, { recursive: true, force: true });
execFileSync(bindgen, [join(target, 'wasm32-unknown-unknown/release/yuedu_reader.wasm'), '--target', 'no-modules', '--no-typescript', '--out-dir', out, '--out-name', 'reader'], { stdio: 'inherit' });

const bound = readFileSync(join(out, 'reader.js'), 'utf8');
if (!/^let wasm_bindgen = \(function\(exports\) \{/.test(bound)) throw new Error('reader: the shape of the wasm-bindgen glue changed');
// Short binding names in the wasm and its glue alike, as scripts/minify.mjs does for the app's.
const { wasm: short, js: glue } = shortenBindings(readFileSync(join(out, 'reader_bg.wasm')), bound, './reader_bg.js');
const wasm = wasmOpt(short, ['--strip-debug', '--strip-producers', '--strip-target-features']);
const wasmFile = hashed('reader.wasm', wasm);
// A classic script (access.js may load it again after a failure, which a module would not be):
// in a block, so that loading it again declares its `wasm_bindgen` anew. It starts the module
// from the hashed wasm; if that cannot be fetched, access.js hears it as the script's `error`
// event, as when the script itself cannot be.
const script = `{
${glue}
const script = document.currentScript;
wasm_bindgen({ module_or_path: new URL(${JSON.stringify(wasmFile)}, script.src) }).catch(() => script.dispatchEvent(new Event('error')));
}
`;
const { code } = await minify(script, { ...TERSER, module: false });
writeFileSync(join(dir, 'reader.js'), code);
writeFileSync(join(dir, wasmFile), wasm);
console.log(`reader: reader.js ${code.length} B, ${wasmFile} ${wasm.length} B`);
