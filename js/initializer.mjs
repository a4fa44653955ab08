// trunk initializer (data-initializer in index.html): drives the progress bar of the static
// loading shell while the wasm downloads, and turns a failed download into a message with a
// way forward instead of an endless skeleton. No inline handlers, so a strict CSP works.
const initializer = () => {
  const bar = () => document.querySelector('.boot-progress');
  const text = () => document.querySelector('.boot-text');
  return {
    onProgress({ current, total }) {
      const el = bar();
      if (el && total > 0) el.value = Math.min(100, Math.round((current / total) * 100));
    },
    onFailure(error) {
      const boot = document.querySelector('.boot');
      if (typeof WebAssembly !== 'object') {
        // Not an error to report: a browser without wasm reads the static pages instead.
        if (boot) import(new URL('nowasm.js', document.baseURI).href).then((m) => m.showArticleLinks(boot));
        return;
      }
      console.error('yuedu: the app failed to load', error);
      if (!boot) return;
      boot.textContent = '';
      const msg = document.createElement('p');
      msg.className = 'boot-error';
      msg.textContent = '阅读加载失败，可能是网络中断或浏览器不支持 WebAssembly。';
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.className = 'button';
      retry.textContent = '重新加载';
      retry.addEventListener('click', () => location.reload());
      boot.append(msg, retry);
      boot.setAttribute('role', 'alert');
    },
  };
};
export { initializer as default };
