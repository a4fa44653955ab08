// yuedu offline support in the page: registers the service worker (sw.js, built by
// scripts/sw.mjs), offers "new version — reload" when a deployment is waiting, and shows an
// offline badge. Plain DOM, outside the wasm app, so it works even before the app starts.
// Not in embeds: a partner's iframe has partitioned storage, so a worker there is pointless.
(function () {
  'use strict';
  var root = document.documentElement;
  if (root.hasAttribute('data-embed')) return;
  var en = /^en/i.test(root.lang);
  var text = en
    ? { offline: 'Offline', update: 'A new version of yuedu is ready.', reload: 'Reload' }
    : { offline: '离线', update: '阅读有新版本。', reload: '重新加载' };

  // Offline badge: navigator.onLine and its events (the browser's own idea of the network).
  var badge = document.createElement('div');
  badge.className = 'offline-badge';
  badge.setAttribute('role', 'status');
  function onlineChanged() {
    var offline = !navigator.onLine;
    badge.textContent = offline ? text.offline : '';
    badge.hidden = !offline;
    if (offline) root.setAttribute('data-offline', '');
    else root.removeAttribute('data-offline');
  }
  window.addEventListener('online', onlineChanged);
  window.addEventListener('offline', onlineChanged);
  function mountBadge() {
    document.body.appendChild(badge);
    onlineChanged();
  }
  if (document.body) mountBadge();
  else document.addEventListener('DOMContentLoaded', mountBadge);

  // The worker caches an app that needs WebAssembly; without it the reader gets the static
  // pages from the network instead (public/nowasm.js).
  if (!('serviceWorker' in navigator) || typeof WebAssembly !== 'object') return;

  var reloading = false;
  function offerUpdate(worker) {
    if (document.querySelector('.update-banner')) return;
    var banner = document.createElement('div');
    banner.className = 'update-banner';
    banner.setAttribute('role', 'alert');
    var p = document.createElement('span');
    p.textContent = text.update;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = text.reload;
    button.addEventListener('click', function () {
      button.disabled = true;
      // The waiting worker takes over; the page reloads once it controls the page, so the
      // whole page (shell, wasm, data) comes from the new version together.
      worker.postMessage({ type: 'SKIP_WAITING' });
    });
    banner.append(p, button);
    document.body.appendChild(banner);
  }

  // Installing the worker fetches and compiles the whole app for offline use: on a phone's few
  // cores that competes with the first view. So it is registered once the page has settled —
  // loaded, the app started, a 繁體 page converted (or 5 s after the load, whichever comes
  // first) — and then when the browser is idle.
  function whenSettled(run) {
    var done = false;
    function go() {
      if (done) return;
      done = true;
      observer.disconnect();
      if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 2000 });
      else setTimeout(run, 100);
    }
    function check() {
      if (document.querySelector('#app[data-ready]') && !root.hasAttribute('data-script-wait')) go();
    }
    var observer = new MutationObserver(check);
    observer.observe(root, { attributes: true, subtree: true, attributeFilter: ['data-ready', 'data-script-wait'] });
    setTimeout(go, 5000);
    check();
  }

  window.addEventListener('load', function () { whenSettled(register); });
  function register() {
    var hadController = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      // The first install claims the page: nothing to reload. An accepted update: reload.
      if (!hadController || reloading) return;
      reloading = true;
      location.reload();
    });
    navigator.serviceWorker.register(new URL('sw.js', document.baseURI).href, { scope: './' }).then(function (reg) {
      // A new version may be waiting already, installing (the browser checks on every
      // navigation, possibly before this ran), or found later.
      function track(worker) {
        if (!worker) return;
        if (worker.state === 'installed' && navigator.serviceWorker.controller) return offerUpdate(worker);
        worker.addEventListener('statechange', function () {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
        });
      }
      track(reg.waiting);
      track(reg.installing);
      reg.addEventListener('updatefound', function () { track(reg.installing); });
      // Look for a new deployment when the reader comes back to the tab.
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'visible') reg.update().catch(function () {});
      });
    }).catch(function (e) {
      console.warn('yuedu: offline support unavailable', e);
    });
  }
})();
