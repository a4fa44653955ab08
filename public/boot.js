// yuedu boot: runs in <head> before the first paint (a plain, external script, so a strict
// Content-Security-Policy allows it). It sets what CSS needs before the wasm app starts, so
// nothing flashes: the reader's stored settings (theme, text size, line width, language, 长辈模式
// and 繁體; see src/settings.rs), and for embeds (/embed/…) the partner's theme and language
// from the query, and `elder=1` and `script=hant` (which only this script reads: the app reads
// the attributes it sets).
(function () {
  'use strict';
  var root = document.documentElement;
  // The accessibility styles (style/access.css: high contrast, 长辈模式, the 朗读 bar) are a
  // file of their own, fetched only by readers who use them. The build writes the hashed name
  // here (scripts/inline.mjs). While the page is parsed it is written into the head, so it
  // holds the first paint as any stylesheet there does; later (a setting chosen, the read-aloud
  // bar opened) it is appended.
  var ACCESS_CSS = 'access.css';
  var linked = false;
  function access(parsing) {
    if (linked || !(root.hasAttribute('data-elder') || root.hasAttribute('data-read') || root.getAttribute('data-theme') === 'contrast')) return;
    linked = true;
    if (parsing) {
      document.write('<link rel="stylesheet" href="' + ACCESS_CSS + '">');
      return;
    }
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = ACCESS_CSS;
    document.head.appendChild(link);
  }
  // 繁體: the page arrives in Simplified and the app converts it (src/reader/hant.rs). Until
  // it has (`data-script-wait`, which the app removes), the CSS keeps the page from being
  // painted, so a 繁體 reader never sees it flash in Simplified; if the app cannot convert
  // (no wasm, nothing fetched), the page shows in Simplified after 2.5 s.
  function hant() {
    root.setAttribute('data-script', 'hant');
    root.setAttribute('data-script-wait', '');
    setTimeout(function () { root.removeAttribute('data-script-wait'); }, 2500);
  }
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
    if (s.get('script') === 'hant') hant();
    if (/^en(-|$)/i.test(s.get('lang') || '')) root.setAttribute('lang', 'en');
  }
  if (/\/embed\/(article|tag)\/[^/]+$/.test(location.pathname)) {
    root.setAttribute('data-embed', '');
    var query = new URLSearchParams(location.search);
    var theme = query.get('theme');
    if (theme === 'light' || theme === 'dark' || theme === 'auto') root.setAttribute('data-theme', theme);
    if (/^en(-|$)/i.test(query.get('lang') || '')) root.setAttribute('lang', 'en');
    if (/^(1|true|on)$/.test(query.get('elder'))) root.setAttribute('data-elder', '');
    if (query.get('script') === 'hant') hant();
  } else {
    settings();
  }
  access(true);
  new MutationObserver(function () { access(false); })
    .observe(root, { attributes: true, attributeFilter: ['data-elder', 'data-read', 'data-theme'] });
})();
