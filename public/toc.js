// Marks the table-of-contents link of the section being read with aria-current="location"
// (style/main.css shows it where the contents stay in view: the sticky column on wide screens).
// Plain JS beside the app, not wasm: it reads only the DOM the app renders (.toc links to the
// section headings), so it works on every view and costs the wasm nothing.
(() => {
  let queued = false;
  const update = () => {
    queued = false;
    const links = document.querySelectorAll('.toc a[href^="#section-"]');
    let current = null;
    for (const a of links) {
      const heading = document.getElementById(a.hash.slice(1));
      // A section is being read once its heading has scrolled into the top third of the view.
      if (heading && heading.getBoundingClientRect().top < innerHeight / 3) current = a;
    }
    for (const a of links) {
      if (a === current) a.setAttribute('aria-current', 'location');
      else a.removeAttribute('aria-current');
    }
  };
  const queue = () => {
    if (!queued) { queued = true; requestAnimationFrame(update); }
  };
  addEventListener('scroll', queue, { passive: true });
  addEventListener('resize', queue);
})();
