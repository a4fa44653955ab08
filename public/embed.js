/*! yuedu embed.js v1: sizes yuedu iframes on a partner page to their content.
 * No dependencies. Protocol (README "Embedding"): the embed posts
 *   { type: "yuedu:embed-height", version: 1, id: "<frame id>", height: <CSS px> }
 * and this script applies the height to the iframe whose window sent it; it says
 *   { type: "yuedu:embed-hello", version: 1 }
 * to each frame on start and on load, so a frame that loaded first reports again. */
(function () {
  'use strict';
  if (window.yueduEmbed) return; // the snippet pasted twice
  var HEIGHT = 'yuedu:embed-height';
  var HELLO = 'yuedu:embed-hello';
  var VERSION = 1;
  var MAX = 100000;

  function frames() {
    return document.querySelectorAll('iframe.yuedu-embed, iframe[data-yuedu-embed]');
  }

  function originOf(frame) {
    try {
      return new URL(frame.src, location.href).origin;
    } catch (e) {
      return null;
    }
  }

  function onMessage(event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== HEIGHT || data.version !== VERSION) return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height) || height <= 0 || height > MAX) return;
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var frame = list[i];
      // Only the frame's own window, from the frame's origin ("null" for a sandbox without
      // allow-same-origin), may size it.
      if (frame.contentWindow !== event.source) continue;
      if (event.origin !== originOf(frame) && event.origin !== 'null') return;
      var px = Math.ceil(height) + 'px';
      if (frame.style.height !== px) frame.style.height = px; // no write, no reflow, when unchanged
      frame.setAttribute('data-yuedu-sized', '');
      return;
    }
  }

  function hello(frame) {
    var origin = originOf(frame);
    if (!frame.contentWindow || !origin) return;
    try {
      frame.contentWindow.postMessage({ type: HELLO, version: VERSION }, '*');
    } catch (e) { /* a frame that is going away */ }
  }

  function start() {
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var frame = list[i];
      hello(frame);
      if (!frame.hasAttribute('data-yuedu-listening')) {
        frame.setAttribute('data-yuedu-listening', '');
        frame.addEventListener('load', function () { hello(this); });
      }
    }
  }

  window.addEventListener('message', onMessage);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
  // For pages that add frames later: yueduEmbed.refresh().
  window.yueduEmbed = { version: VERSION, refresh: start };
})();
