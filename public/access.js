// yuedu access: what only the readers of 长辈模式, high contrast, 繁體 and 朗读 need, kept out of
// every other reader's page (issue 19: +0 KB for a reader who never uses them). public/boot.js
// writes this script into the head while the page is parsed for a reader who chose one of them
// before (so it runs before the first paint, as boot.js does); the settings panel
// (yuedu_dom::load_access) appends it when one is first chosen. It links the accessibility
// styles, holds a 繁體 reader's page until it is converted, and loads the reader module.
// `<html data-access>` says it has run: it runs once.
(function () {
  'use strict';
  var root = document.documentElement;
  if (root.hasAttribute('data-access')) return;
  root.setAttribute('data-access', '');
  // Written by boot.js while the page is parsed; appended later by the settings panel.
  var parsing = document.readyState === 'loading';

  // The accessibility styles (style/access.css: high contrast, 长辈模式, the 朗读 bar). The
  // build writes the hashed name here (scripts/inline.mjs). While the page is parsed the link is
  // written into the head, so it holds the first paint as any stylesheet there does; later (a
  // setting chosen, the read-aloud bar opened) it is appended.
  var ACCESS_CSS = 'access.css';
  var linked = false;
  function styles() {
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

  // 繁體 and 朗读 are the reader module's (crates/reader: `reader.js` and its wasm). The page
  // asks for one with an attribute of <html> named `data-reader-…` (yuedu_dom::ReaderRequest;
  // the settings panel sets them, the module takes them), and this script loads the module once,
  // when the first request appears: for a reader who chose 繁體 before, at once, so that it
  // arrives beside the app rather than after it. If it cannot be fetched, the requests are
  // dropped and the page says so; asking again fetches it again.
  var reader = null;
  function requests() {
    return [].filter.call(root.attributes, function (a) { return a.name.indexOf('data-reader-') === 0; });
  }
  function load() {
    if (reader || !window.WebAssembly || !requests().length) return;
    reader = document.createElement('script');
    reader.src = 'reader.js';
    // A script added here is fetched at low priority, behind the app's preloads that the browser
    // found while this script held the parser: a 繁體 reader's page waits for this one.
    reader.fetchPriority = 'high';
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

  // 繁體 (`data-script="hant"`, set by boot.js or the panel): the page arrives in Simplified and
  // the reader module converts it. While the page is parsed, it is held until then
  // (`data-script-wait`, which the module removes): the CSS keeps it from being painted, so a
  // 繁體 reader never sees it flash in Simplified; if it cannot be converted (no wasm, nothing
  // fetched), it is shown in Simplified, at the latest after 2.5 s.
  function settle() {
    root.removeAttribute('data-script-wait');
  }
  if (root.getAttribute('data-script') === 'hant') {
    if (parsing) {
      root.setAttribute('data-script-wait', '');
      setTimeout(settle, 2500);
    }
    root.setAttribute('data-reader-hant', '');
  }

  styles();
  load();
  new MutationObserver(function () { styles(); load(); }).observe(root, { attributes: true });
})();
