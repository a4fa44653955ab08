// yuedu boot: runs in <head> before the first paint (a plain, external script, so a strict
// Content-Security-Policy allows it). It sets what CSS needs before the wasm app starts, so
// nothing flashes: the reader's stored settings (theme, text size, line width, language; see
// src/settings.rs), and for embeds (/embed/…) the partner's theme and language from the query.
(function () {
  'use strict';
  var root = document.documentElement;
  if (/\/embed\/(article|tag)\/[^/]+$/.test(location.pathname)) {
    root.setAttribute('data-embed', '');
    var query = new URLSearchParams(location.search);
    var theme = query.get('theme');
    if (theme === 'light' || theme === 'dark' || theme === 'auto') root.setAttribute('data-theme', theme);
    if (/^en(-|$)/i.test(query.get('lang') || '')) root.setAttribute('lang', 'en');
    return;
  }
  var stored = '';
  try {
    stored = localStorage.getItem('yuedu-settings') || '';
  } catch (e) { /* storage disabled: defaults */ }
  var s = new URLSearchParams(stored);
  var allowed = { theme: /^(auto|light|dark|sepia)$/, font: /^[0-4]$/, width: /^(narrow|medium|wide)$/ };
  for (var name in allowed) {
    var value = s.get(name);
    if (value && allowed[name].test(value)) root.setAttribute('data-' + name, value);
  }
  if (/^en(-|$)/i.test(s.get('lang') || '')) root.setAttribute('lang', 'en');
})();
