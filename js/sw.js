// yuedu service worker (Workbox 7, self-hosted from ./workbox/, no CDN). Built by
// scripts/sw.mjs: workbox-build's injectManifest fills in the precache manifest with this build's
// shell (shell.html, the hashed wasm/JS/CSS, icons), so one service worker version always
// serves one consistent build.
//
// - The shell is precached; navigations fall back to it, so deep links open offline.
// - Article JSON, feeds and related files: stale-while-revalidate, at most 300 entries for 30
//   days, only 200 JSON responses (never an error page or a host's HTML fallback).
// - Articles the reader saved ("保存离线阅读") live in the `yuedu-saved` cache, which the app
//   writes and this worker only reads: it survives updates and expiration.
// - A new version waits until the reader accepts "new version — reload" (the app posts
//   SKIP_WAITING), so an open page never mixes an old shell with new wasm.
importScripts('workbox/workbox-sw.js');
workbox.setConfig({ modulePathPrefix: 'workbox/', debug: false });

// Every module is loaded now, while the worker installs (importScripts is not allowed later).
const { precacheAndRoute, cleanupOutdatedCaches, createHandlerBoundToURL } = workbox.precaching;
const { registerRoute, NavigationRoute } = workbox.routing;
const { StaleWhileRevalidate, NetworkFirst } = workbox.strategies;
const { ExpirationPlugin } = workbox.expiration;
const { CacheableResponsePlugin } = workbox.cacheableResponse;

const SAVED = 'yuedu-saved';
const scope = new URL(self.registration.scope);
const inScope = (url) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
const below = (url) => url.pathname.slice(scope.pathname.length);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/** Answers from the saved-articles cache when the network and the runtime cache have nothing. */
const fromSaved = { handlerDidError: async ({ request }) => (await caches.open(SAVED)).match(request, { ignoreSearch: true }) };
/** Only successful JSON is cached: never a 404/500, never an HTML page served for a data URL. */
const onlyJson = {
  cacheWillUpdate: async ({ response }) =>
    response && response.status === 200 && (response.headers.get('content-type') || '').includes('json') ? response : null,
};

registerRoute(
  ({ url }) => inScope(url) && below(url).startsWith('data/'),
  new StaleWhileRevalidate({
    cacheName: 'yuedu-data',
    plugins: [onlyJson, new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }), fromSaved],
  }),
);

// The 繁體 conversion table (scripts/zh-data.mjs), fetched by the reader module only when a
// reader switches to Traditional: kept from then on, for offline reading, and refreshed behind.
registerRoute(
  ({ url }) => inScope(url) && below(url) === 'zh-hant.txt',
  new StaleWhileRevalidate({ cacheName: 'yuedu-zh', plugins: [new CacheableResponsePlugin({ statuses: [200] })] }),
);

// Article images (often on the publisher's own host): network first, then what was saved.
registerRoute(
  ({ request }) => request.destination === 'image',
  new NetworkFirst({
    cacheName: 'yuedu-images',
    networkTimeoutSeconds: 8,
    plugins: [new CacheableResponsePlugin({ statuses: [0, 200] }), new ExpirationPlugin({ maxEntries: 100, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }), fromSaved],
  }),
);

// Every app route is the app shell (the home page and the articles' static pages too: the app
// renders them from their data, cached above); files (data/, assets, embed.js) are not
// navigations.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('shell.html'), {
    denylist: [/\/data\//, /\/[^/]+\.[a-z0-9]+$/i],
  }),
);

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});
// The first install takes control at once (nothing to mix with yet); updates wait (above).
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});
