// yuedu boot: runs in <head> before the first paint (a plain, external script, so a strict
// Content-Security-Policy allows it). It sets what CSS needs before the wasm app starts:
// embeds (/embed/…) lose the site chrome and take their theme and language from the query.
(function () {
  'use strict';
  var root = document.documentElement;
  if (!/\/embed\/(article|tag)\/[^/]+$/.test(location.pathname)) return;
  root.setAttribute('data-embed', '');
  var query = new URLSearchParams(location.search);
  var theme = query.get('theme');
  if (theme === 'light' || theme === 'dark' || theme === 'auto') root.setAttribute('data-theme', theme);
  if (/^en(-|$)/i.test(query.get('lang') || '')) root.setAttribute('lang', 'en');
})();
