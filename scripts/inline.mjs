// Inlines what the first paint waits for into index.html (issue 16: one request before first
// paint): the stylesheet trunk links and public/boot.js, which sets the reader's settings on
// <html> before anything is drawn. Both stay written once — style/main.css and public/boot.js —
// and are copied in here, after minify.mjs; the Content-Security-Policy allows them by hash
// (crates/cli/src/csp.rs hashes every inline script and style of the pages it serves). Every
// static page is rendered from this index.html (`yuedu shell`, `yuedu index --pages`), so they
// all carry the same two blocks. The two files are removed: nothing else loads them.
//   node scripts/inline.mjs [DIR]      (run by postbuild.mjs on trunk's staging dir)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

function inline(pattern, what, build) {
  const found = html.match(pattern);
  if (!found) throw new Error(`inline.mjs: no ${what} in ${file}`);
  html = html.replace(found[0], () => build(found));
}
// The href is relative to the public URL (`<base>`): its last segment names the file in dir.
const fileOf = (href) => join(dir, href.replace(/^["']|["']$/g, '').split('/').pop());
const safe = (text, tag) => {
  if (new RegExp(`</${tag}`, 'i').test(text)) throw new Error(`inline.mjs: </${tag} inside the ${tag} to inline`);
  return text.trim();
};

let cssFile;
inline(/<link\b(?=[^>]*\brel=["']?stylesheet\b)[^>]*\bhref=("[^"]+"|'[^']+'|[^\s>]+)[^>]*>/i, 'stylesheet link', ([, href]) => {
  cssFile = fileOf(href);
  return `<style>${safe(readFileSync(cssFile, 'utf8'), 'style')}</style>`;
});
inline(/<script\b[^>]*\bsrc=["']?boot\.js["']?[^>]*><\/script>/i, 'boot.js script', () => `<script>${safe(readFileSync(join(dir, 'boot.js'), 'utf8'), 'script')}</script>`);
writeFileSync(file, html);
for (const gone of [cssFile, join(dir, 'boot.js')]) for (const ext of ['', '.br', '.gz']) rmSync(gone + ext, { force: true });
console.log(`inlined ${cssFile.split('/').pop()} and boot.js into index.html`);
