// yuedu boot: runs in <head> before the first paint (a plain, external script, so a strict
// Content-Security-Policy allows it). It sets what CSS needs before the wasm app starts, so
// nothing flashes: the reader's stored settings (theme, text size, line width, language, 长辈模式
// and 繁體; see src/settings.rs), and for embeds (/embed/…) the partner's theme and language
// from the query, and `elder=1` and `script=hant` (which only this script reads: the app reads
// the attributes it sets).
(function () {
  'use strict';
  var root = document.documentElement;
  // The reader's stored settings, vetted.
  function settings() {
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
    if (s.get('script') === 'hant') root.setAttribute('data-script', 'hant');
    if (/^en(-|$)/i.test(s.get('lang') || '')) root.setAttribute('lang', 'en');
  }
  if (/\/embed\/(article|tag)\/[^/]+$/.test(location.pathname)) {
    root.setAttribute('data-embed', '');
    var query = new URLSearchParams(location.search);
    var theme = query.get('theme');
    if (theme === 'light' || theme === 'dark' || theme === 'auto') root.setAttribute('data-theme', theme);
    if (/^en(-|$)/i.test(query.get('lang') || '')) root.setAttribute('lang', 'en');
    if (/^(1|true|on)$/.test(query.get('elder'))) root.setAttribute('data-elder', '');
    if (query.get('script') === 'hant') root.setAttribute('data-script', 'hant');
  } else {
    settings();
  }
  // What only the readers of 长辈模式, high contrast and 繁體 need (their styles, the 繁體 wait,
  // the reader module) is public/access.js, written here for them so that it runs before the
  // first paint; every other reader's page does not fetch it.
  if (root.hasAttribute('data-elder') || root.hasAttribute('data-script') || root.getAttribute('data-theme') === 'contrast') {
    document.write('<script src="access.js"><\/script>');
  }
})();
