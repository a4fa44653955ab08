// Loaded by the static pages only (`yuedu index --pages`; crates/core/src/page.rs). Their head
// tags marked `data-page` — canonical URL, description, Open Graph, JSON-LD, the oEmbed link —
// describe the page's own URL. Once the app has taken over and the reader moves on, they would
// describe a page no longer shown (a share menu reading the canonical URL would share the first
// article), so they leave the head while another page is shown and come back on return. Plain
// JS beside the app: the wasm stays as it is.
(() => {
  const own = [...document.head.querySelectorAll('[data-page]')];
  const canonical = document.head.querySelector('link[rel=canonical][data-page]');
  if (!canonical) return;
  const path = (p) => p.replace(/\/+$/, '');
  const home = path(new URL(canonical.href).pathname);
  let shown = true;
  const sync = () => {
    const here = path(location.pathname) === home;
    if (here === shown) return;
    shown = here;
    if (here) document.head.append(...own);
    else for (const el of own) el.remove();
  };
  // The app names every page in <title> and moves with the History API: a title change or a
  // history step is when the address may have changed.
  new MutationObserver(sync).observe(document.head, { childList: true, subtree: true, characterData: true });
  addEventListener('popstate', sync);
})();
