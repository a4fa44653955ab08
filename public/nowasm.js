// yuedu without WebAssembly (an old browser, or wasm switched off): loaded by the initializer
// only when the app cannot start. Article pages already show the whole article (their static
// page); other pages get the latest articles as plain links to those static pages. Text from
// the feed goes in as text, never as markup.
export function showArticleLinks(boot) {
  // A service worker from a visit when wasm still ran answers every navigation with the app
  // shell, which hides the static page of this URL: remove it and load the URL from the
  // network once (pwa.js does not register it again without wasm).
  const sw = navigator.serviceWorker;
  if (sw && sw.controller && firstTime('yuedu-nowasm-reloaded')) {
    sw.getRegistrations()
      .then((all) => Promise.all(all.map((r) => r.unregister())))
      .then(() => location.reload(), () => location.reload());
    return;
  }
  const zh = !/^en/i.test(document.documentElement.lang);
  boot.textContent = '';
  const p = document.createElement('p');
  p.className = 'boot-error';
  p.textContent = zh
    ? '这个浏览器不能运行 WebAssembly，阅读以简化方式显示：点标题阅读全文。'
    : 'This browser cannot run WebAssembly, so yuedu shows a simple version: choose a title to read it.';
  boot.append(p);
  fetch(new URL('data/feed.json', document.baseURI))
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((feed) => {
      const list = document.createElement('ol');
      list.className = 'article-list';
      for (const item of Array.isArray(feed.items) ? feed.items : []) {
        if (typeof item.id !== 'string' || typeof item.title !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(item.id)) continue;
        const li = document.createElement('li');
        li.className = 'card';
        const a = document.createElement('a');
        a.href = new URL(`article/${item.id}`, document.baseURI).href;
        a.textContent = item.title;
        const h = document.createElement('h2');
        h.className = 'card-title';
        h.append(a);
        li.append(h);
        list.append(li);
      }
      boot.append(list);
    })
    .catch(() => { /* the message above still says what happened */ });
}

/** Whether `key` is new this session (and now marks it); true where storage is unavailable. */
function firstTime(key) {
  try {
    if (sessionStorage.getItem(key)) return false;
    sessionStorage.setItem(key, '1');
  } catch { /* no storage: at most one reload anyway, since the worker is gone afterwards */ }
  return true;
}
