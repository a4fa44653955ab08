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

// --- wasm binary helpers -------------------------------------------------------------------
const leb = (n) => {
  const out = [];
  do { let byte = n % 128; n = Math.floor(n / 128); if (n) byte |= 0x80; out.push(byte); } while (n);
  return Buffer.from(out);
};
const wasmName = (s) => { const b = Buffer.from(s); return Buffer.concat([leb(b.length), b]); };

/** Walks a wasm binary: `u32()` and `name()` read at `at`; `sections()` yields each section. */
function reader(bytes) {
  const r = {
    at: 8, // after magic and version
    u32() {
      let value = 0, shift = 0, byte;
      do { byte = bytes[r.at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      return value;
    },
    name() {
      const len = r.u32();
      const s = bytes.subarray(r.at, r.at + len).toString();
      r.at += len;
      return s;
    },
    *sections() {
      while (r.at < bytes.length) {
        const start = r.at;
        const id = bytes[r.at++];
        const end = r.u32() + r.at;
        if (end > bytes.length) throw new Error('truncated wasm section');
        yield { id, start, end };
        r.at = end;
      }
    },
  };
  return r;
}

/** Skips one import description (function, table, memory or global type) at `r.at`. */
function skipImportDesc(r, bytes) {
  const kind = bytes[r.at++];
  const limits = () => { const flags = bytes[r.at++]; r.u32(); if (flags & 1) r.u32(); };
  if (kind === 0) r.u32(); // function: type index
  else if (kind === 1) { r.at++; limits(); } // table: element type, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) r.at += 2; // global: value type, mutability
  else throw new Error(`unknown wasm import kind ${kind}`);
}

/** Reads one export entry at `r.at`: its name, and the bytes of its kind and index. */
export function readExport(r, bytes) {
  const field = r.name();
  const desc = r.at;
  r.at++; // kind
  r.u32(); // index
  return { field, desc: bytes.subarray(desc, r.at) };
}

/** `wasm` with the entries of its sections `ids` (vectors: imports 2, exports 7) rewritten:
 * `entry(id, r)` reads one entry at `r.at` and returns its new bytes, or null to drop it. */
export function rewriteEntries(wasm, ids, entry) {
  const r = reader(wasm);
  const out = [wasm.subarray(0, 8)];
  for (const { id, start, end } of r.sections()) {
    if (!ids.includes(id)) { out.push(wasm.subarray(start, end)); continue; }
    const count = r.u32();
    const kept = [];
    for (let k = 0; k < count; k++) {
      const bytes = entry(id, r);
      if (bytes) kept.push(bytes);
    }
    const body = Buffer.concat([leb(kept.length), ...kept]);
    out.push(Buffer.from([id]), leb(body.length), body);
  }
  return Buffer.concat(out);
}

/** Gives wasm-bindgen's generated imports (from the glue module, itself renamed `$`) and
 * exports short names, in the wasm and in its glue. Only names wasm-bindgen generates are
 * touched: they carry its prefixes or a 16-hex-digit hash, so each is one whole identifier
 * wherever the glue uses it. */
export function shortenBindings(wasm, glue, glueModule) {
  const renames = new Map();
  const rename = (n) => {
    if (!/^(__wbg_|__wbindgen_|wasm_bindgen_)/.test(n) && !/_[0-9a-f]{16}$/.test(n)) return n;
    if (!renames.has(n)) renames.set(n, '$' + renames.size.toString(36));
    return renames.get(n);
  };
  const renamed = rewriteEntries(wasm, [2, 7], (id, r) => {
    if (id === 7) { // export: name, kind, index
      const { field, desc } = readExport(r, wasm);
      return Buffer.concat([wasmName(rename(field)), desc]);
    }
    // import: module, field, description
    const module = r.name();
    const field = r.name();
    const desc = r.at;
    skipImportDesc(r, wasm);
    const ours = module === glueModule;
    return Buffer.concat([wasmName(ours ? '$' : module), wasmName(ours ? rename(field) : field), wasm.subarray(desc, r.at)]);
  });
  // The glue names its import object after the module: `{ "./yuedu-web_bg.js": imports }`.
  let js = glue.replaceAll(JSON.stringify(glueModule), '"$"');
  for (const [long, short] of renames) js = js.replace(new RegExp(`\\b${long}\\b`, 'g'), () => short);
  return { wasm: renamed, js, count: renames.size };
}

/** The wasm without its custom sections. */
export function stripCustomSections(wasm) {
  const r = reader(wasm);
  const keep = [wasm.subarray(0, 8)];
  for (const { id, start, end } of r.sections()) if (id !== 0) keep.push(wasm.subarray(start, end));
  return Buffer.concat(keep);
}
