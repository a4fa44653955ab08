// yuedu boot: runs in <head> before the first paint (a plain, external script, so a strict
// Content-Security-Policy allows it). It sets what CSS needs before the wasm app starts, so
// nothing flashes: the reader's stored settings (theme, text size, line width, language, 长辈模式
// and 繁體; see src/settings.rs), and for embeds (/embed/…) the partner's theme and language
// from the query, and `elder=1` and `script=hant` (which only this script reads: the app reads
// the attributes it sets).
(function () {
  'use strict';
  var root = document.documentElement;
  // 繁體: the page arrives in Simplified and the app converts it (src/reader/hant.rs). Until
  // it has (`data-script-wait`, which the app removes), the CSS keeps the page from being
  // painted, so a 繁體 reader never sees it flash in Simplified; if the app cannot convert
  // (no wasm, nothing fetched), the page shows in Simplified after 2.5 s.
  function hant() {
    root.setAttribute('data-script', 'hant');
    root.setAttribute('data-script-wait', '');
    setTimeout(function () { root.removeAttribute('data-script-wait'); }, 2500);
  }
  if (/\/embed\/(article|tag)\/[^/]+$/.test(location.pathname)) {
    root.setAttribute('data-embed', '');
    var query = new URLSearchParams(location.search);
    var theme = query.get('theme');
    if (theme === 'light' || theme === 'dark' || theme === 'auto') root.setAttribute('data-theme', theme);
    if (/^en(-|$)/i.test(query.get('lang') || '')) root.setAttribute('lang', 'en');
    if (/^(1|true|on)$/.test(query.get('elder'))) root.setAttribute('data-elder', '');
    if (query.get('script') === 'hant') hant();
    return;
  }
  var stored = '';
  try {
    stored = localStorage.getItem('yuedu-settings') || '';
  } catch (e) { /* storage disabled: defaults */ }
  var s = new URLSearchParams(stored);
  var allowed = { theme: /^(auto|light|dark|sepia|contrast)$/, font: /^[0-4]$/, width: /^(narrow|medium|wide)$/ };
  for (var name in allowed) {
    var value = s.get(name);
    if (value && allowed[name].test(value)) root.setAttribute('data-' + name, value);
  }
  if (s.get('elder') === '1') root.setAttribute('data-elder', '');
  if (s.get('script') === 'hant') hant();
  if (/^en(-|$)/i.test(s.get('lang') || '')) root.setAttribute('lang', 'en');
})();
