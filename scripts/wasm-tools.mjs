// What scripts/minify.mjs (the app's module) and scripts/reader.mjs (the reader module) both
// do to a wasm build: minify its JS, optimise its wasm, name a file by its content.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** terser's settings for every script we minify (ES modules: the glues, the initializer, the loader). */
export const TERSER = { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true };

/** `name` with the first 16 hex digits of the SHA-256 of `bytes` before its extension (`a.wasm` →
 * `a-0123456789abcdef.wasm`), the form the service worker and `yuedu deploy` treat as immutable. */
export const hashed = (name, bytes) => name.replace(/(\.\w+)$/, `-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}$1`);

/** `wasm-opt -Oz` (binaryen from node_modules, the version trunk would use). A chunk has no
 * `target_features` section to read its features from: `features` names them. */
export function wasmOpt(wasm, features = []) {
  const local = new URL('../node_modules/.bin/wasm-opt', import.meta.url).pathname;
  const tool = existsSync(local) ? local : 'wasm-opt';
  const dir = mkdtempSync(join(tmpdir(), 'yuedu-wasm-opt-'));
  try {
    writeFileSync(join(dir, 'in.wasm'), wasm);
    execFileSync(tool, ['-Oz', ...features, join(dir, 'in.wasm'), '-o', join(dir, 'out.wasm')], { stdio: 'inherit' });
    return readFileSync(join(dir, 'out.wasm'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

