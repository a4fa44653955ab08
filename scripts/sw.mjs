// Builds the service worker into a built site (trunk's staging dir in the post_build hook, or a
// directory given on the command line): copies the Workbox runtime it needs into ./workbox/
// (self-hosted, no CDN) and injects the precache manifest of this build into js/sw.js.
//   node scripts/sw.mjs [dir]        (default: $TRUNK_STAGING_DIR, else dist)
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectManifest } from 'workbox-build';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? join(ROOT, 'dist'));
const require = createRequire(import.meta.url);

// Only the production builds of the modules js/sw.js uses.
const modules = ['core', 'precaching', 'routing', 'strategies', 'expiration', 'cacheable-response'];
mkdirSync(join(dir, 'workbox'), { recursive: true });
copyFileSync(require.resolve('workbox-sw/build/workbox-sw.js'), join(dir, 'workbox', 'workbox-sw.js'));
for (const m of modules) {
  copyFileSync(require.resolve(`workbox-${m}/build/workbox-${m}.prod.js`), join(dir, 'workbox', `workbox-${m}.prod.js`));
}

const { count, size, warnings } = await injectManifest({
  swSrc: join(ROOT, 'js/sw.js'),
  swDest: join(dir, 'sw.js'),
  globDirectory: dir,
  // The shell (shell.html: crates/core's SHELL_PAGE) and what installs it; not index.html (the
  // home page, once `yuedu index --pages` has written it: a page like the others), not data/
  // (cached at run time), not embed.js (partner pages), not the Workbox runtime (the worker
  // imports it itself).
  globPatterns: ['shell.html', '*.{wasm,js,mjs,css}', 'favicon.svg', 'manifest.webmanifest', 'icons/*.png'],
  globIgnores: ['sw.js', 'embed.js', 'workbox/**'],
  // Hashed file names are their own cache keys; no revision needed.
  dontCacheBustURLsMatching: /-[0-9a-f]{1,16}(_bg)?\.(wasm|js|css)$|^[0-9a-f]{1,16}-/,
  // The wasm is ~450 KB today; allow growth without silently dropping it from the precache.
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
});
for (const w of warnings) console.warn(`sw: ${w}`);
if (!readFileSync(join(dir, 'sw.js'), 'utf8').includes('_bg.wasm')) {
  console.error('sw: the wasm is not in the precache manifest');
  process.exit(1);
}
console.log(`sw: precaches ${count} files, ${(size / 1024).toFixed(1)} KB`);
