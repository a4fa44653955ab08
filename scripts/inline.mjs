// Inlines what the first paint waits for into index.html (issue 16: one request before first
// paint): the main stylesheet trunk links and public/boot.js, which sets the reader's settings on
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
const nameOf = (href) => href.replace(/^["']|["']$/g, '').split('/').pop();
const safe = (text, tag) => {
  if (new RegExp(`</${tag}`, 'i').test(text)) throw new Error(`inline.mjs: </${tag} inside the ${tag} to inline`);
  return text.trim();
};

// trunk's links to the two stylesheets, found by file name (`main-<hash>.css`, `access-<hash>.css`).
const LINK = /<link\b(?=[^>]*\brel=["']?stylesheet\b)[^>]*\bhref=("[^"]+"|'[^']+'|[^\s>]+)[^>]*>/gi;
const links = [...html.matchAll(LINK)].map(([tag, href]) => ({ tag, name: nameOf(href), file: join(dir, nameOf(href)) }));
const sheet = (stem) => {
  const found = links.find(({ name }) => new RegExp(`^${stem}-[0-9a-f]+\\.css$`).test(name));
  if (!found) throw new Error(`inline.mjs: no link to ${stem}-<hash>.css in ${file}`);
  return found;
};
const main = sheet('main');
html = html.replace(main.tag, () => `<style>${safe(readFileSync(main.file, 'utf8'), 'style')}</style>`);
// style/access.css stays a file, linked by public/access.js only for the readers who use it:
// its link leaves the page and its hashed name replaces the 'access.css' access.js names.
const access = sheet('access');
html = html.replace(access.tag, '');
const accessJs = join(dir, 'access.js');
const loader = readFileSync(accessJs, 'utf8');
const placeholder = /(["'])access\.css\1/;
if (!placeholder.test(loader)) throw new Error("inline.mjs: access.js does not name 'access.css'");
writeFileSync(accessJs, loader.replace(placeholder, `'${access.name}'`));
inline(/<script\b[^>]*\bsrc=["']?boot\.js["']?[^>]*><\/script>/i, 'boot.js script', () =>
  `<script>${safe(readFileSync(join(dir, 'boot.js'), 'utf8'), 'script')}</script>`);
writeFileSync(file, html);
for (const gone of [main.file, join(dir, 'boot.js')]) for (const ext of ['', '.br', '.gz']) rmSync(gone + ext, { force: true });
console.log(`inlined ${main.name} and boot.js into index.html; access.js links ${access.name}`);
