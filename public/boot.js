// yuedu boot: runs in <head> before the first paint (a plain, external script, so a strict
// Content-Security-Policy allows it). It sets what CSS needs before the wasm app starts, so
// nothing flashes: the reader's stored settings (theme, text size, line width, language, 长辈模式
// and 繁體; see src/settings.rs), and for embeds (/embed/…) the partner's theme and language
// from the query, and `elder=1` and `script=hant` (which only this script reads: the app reads
// the attributes it sets). It also loads what only some readers use: the accessibility styles
// and the reader module (繁體, 朗读).
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
  // 繁體 and 朗读 are the reader module's (crates/reader: `reader.js` and its wasm), which only
  // their readers fetch. The page asks for one with an attribute of <html> named
  // `data-reader-…` (yuedu_dom::ReaderRequest; the settings panel sets them, the module takes
  // them), and this script loads the module once, when the first request appears: here, for
  // a 繁體 reader, so that it arrives beside the app rather than after it. If it cannot be
  // fetched, the requests are dropped and the page says so; asking again fetches it again.
  var reader = null;
  function requests() {
    return [].filter.call(root.attributes, function (a) { return a.name.indexOf('data-reader-') === 0; });
  }
  function load() {
    if (reader || !window.WebAssembly || !requests().length) return;
    reader = document.createElement('script');
    reader.src = 'reader.js';
    // The browser's error when the script cannot be fetched; the script's own when its wasm cannot be.
    reader.onerror = function () {
      reader.remove();
      reader = null;
      requests().forEach(function (a) { root.removeAttribute(a.name); });
      settle();
      say(/^en/i.test(root.lang)
        ? 'Traditional characters and read aloud could not be loaded. Connect and try again.'
        : '繁体和朗读功能没有加载成功。请联网后再试。');
    };
    document.head.appendChild(reader);
  }
  // A status line at the top of the page's <main> (where the reader module's `notice` puts its
  // own), once the app has taken the page over: it would not keep a line put there before.
  function say(text) {
    var main = document.querySelector('#app[data-ready] main');
    if (!main) return setTimeout(say, 200, text);
    var line = main.querySelector(':scope > .notice') || main.insertBefore(document.createElement('p'), main.firstChild);
    line.className = 'notice';
    line.setAttribute('role', 'status');
    line.textContent = text;
  }
  // 繁體: the page arrives in Simplified and the reader module converts it. Until it has
  // (`data-script-wait`, which the module removes), the CSS keeps the page from being painted,
  // so a 繁體 reader never sees it flash in Simplified; if it cannot be converted (no wasm,
  // nothing fetched), the page is shown in Simplified, at the latest after 2.5 s.
  function settle() {
    root.removeAttribute('data-script-wait');
  }
  function hant() {
    root.setAttribute('data-script', 'hant');
    root.setAttribute('data-script-wait', '');
    root.setAttribute('data-reader-hant', '');
    setTimeout(settle, 2500);
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
  load();
  new MutationObserver(function () { access(false); load(); }).observe(root, { attributes: true });
})();
