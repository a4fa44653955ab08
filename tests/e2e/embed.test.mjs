// Embeds on a partner site, end to end in headless Chromium: the partner page is served from a
// different origin (and site: localhost vs 127.0.0.1) than yuedu, with the snippet the article
// page's 嵌入 action offers. Auto height (grow, shrink, no inner scrollbar), links leaving the
// frame, theme/language/parts options, a frame without the parent script, oEmbed discovery.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useSite, newPage, appReady, freePort, toArticleEnd } from './harness.mjs';

const SEED_ID = 'c6c151299a20712a';
const seed = JSON.parse(readFileSync(join(ROOT, 'public/data/articles', `${SEED_ID}.json`), 'utf8'));
const site = useSite();

/** A partner site on its own origin: `/<name>.html` pages registered with `pages.set`. */
const partner = { origin: '', pages: new Map(), server: null };
before(async () => {
  const port = await freePort();
  partner.server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/favicon.ico') return res.writeHead(204).end();
    const html = partner.pages.get(path);
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise((ok) => partner.server.listen(port, '127.0.0.1', ok));
  partner.origin = `http://localhost:${port}`;
});
after(() => new Promise((ok) => partner.server.close(ok)));

const partnerPage = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Partner</title>
<style>body{font-family:serif;margin:0 auto;max-width:720px;padding:16px} iframe{display:block}</style></head>
<body><h1>County portal</h1><p>Our partner's article:</p>${body}<p id="after">Below the frame.</p></body></html>`;

/** The snippet the article page offers (read from its 嵌入 panel, so the test uses the real one). */
let snippet = '';

/** The embed iframe's height on the partner page, and what the embedded document measures. */
async function measure(page, selector = 'iframe') {
  const frameEl = await page.$(selector);
  const frame = await frameEl.contentFrame();
  const outer = await frameEl.evaluate((f) => f.getBoundingClientRect().height);
  const inner = await frame.evaluate(() => ({
    app: document.getElementById('app').getBoundingClientRect().height,
    scroll: document.documentElement.scrollHeight,
    view: window.innerHeight,
    ready: document.getElementById('app').hasAttribute('data-ready'),
    text: document.body.innerText.slice(0, 60),
  }));
  return { outer, ...inner, frame };
}

/** Waits until the frame's height matches its content (within 2 px) and returns it. */
async function settled(page, selector = 'iframe') {
  let m;
  for (let i = 0; i < 100; i++) {
    m = await measure(page, selector);
    if (m.app > 0 && Math.abs(m.outer - m.app) <= 2 && m.scroll <= m.view + 1) return m;
    await page.waitForTimeout(100);
  }
  assert.fail(`the frame never fitted its content: ${JSON.stringify({ outer: m.outer, app: m.app, scroll: m.scroll, view: m.view, ready: m.ready, text: m.text })}`);
}

describe('the article page offers an embed snippet', () => {
  it('shows the iframe and parent script for this site, and copies them', async () => {
    const page = await newPage(site.browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    await toArticleEnd(page);
    await page.locator('.embed-action > summary').click();
    snippet = await page.locator('.embed-code').inputValue();
    assert.match(snippet, new RegExp(`<iframe id="yuedu-${SEED_ID}" class="yuedu-embed" src="${site.origin}/embed/article/${SEED_ID}\\?frame=yuedu-${SEED_ID}"`));
    assert.ok(snippet.includes(`<script async src="${site.origin}/embed.js"></script>`), snippet);
    assert.ok(snippet.includes('sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox'), snippet);
    await page.getByRole('button', { name: '复制代码' }).click();
    await page.locator('.embed-status', { hasText: '已复制' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('links an oEmbed document that describes the embed', async () => {
    // Discovery reads the page as served (consumers do not run scripts): the static article page.
    const html = await (await fetch(`${site.origin}/article/${SEED_ID}`)).text();
    const link = html.match(/<link (?:data-page )?rel="alternate" type="application\/json\+oembed" href="([^"]+)"/);
    assert.ok(link, 'the article page has an oEmbed discovery link');
    const href = new URL(link[1]);
    assert.equal(href.pathname, `/data/oembed/${SEED_ID}.json`);
    const doc = await (await fetch(`${site.origin}${href.pathname}`)).json();
    assert.equal(doc.type, 'rich');
    assert.equal(doc.version, '1.0');
    assert.equal(doc.title, seed.title);
    assert.match(doc.html, new RegExp(`/embed/article/${SEED_ID}\\?frame=yuedu-${SEED_ID}`));
    assert.equal(doc.height, 600);
  });
});

describe('an article embedded on a partner page with the parent script', () => {
  let page;
  before(async () => {
    partner.pages.set('/article.html', partnerPage(snippet));
    page = await newPage(site.browser, { viewport: { width: 420, height: 800 } });
    await page.goto(`${partner.origin}/article.html`);
  });
  after(() => page.context().close());

  it('grows to its content with no inner scrollbar', async () => {
    const m = await settled(page);
    assert.ok(m.outer > 1500, `a long article makes a tall frame (${m.outer}px)`);
    assert.equal(await m.frame.locator('h1').innerText(), seed.title);
    assert.ok(await m.frame.locator('mark.metric').count() > 5, 'highlights are on by default');
    assert.equal(await m.frame.locator('.site-header').count(), 0, 'no site chrome in an embed');
    assert.equal(await m.frame.locator('.embed-action').count(), 0, 'no embed action inside an embed');
  });

  it('shrinks when the highlights collapse and grows when the font grows', async () => {
    const before = await settled(page);
    await before.frame.locator('.highlights > summary').click();
    let m;
    for (let i = 0; i < 50; i++) {
      m = await settled(page);
      if (m.outer < before.outer - 50) break;
      await page.waitForTimeout(100);
    }
    assert.ok(m.outer < before.outer - 50, `collapsed: ${before.outer} → ${m.outer}`);
    await m.frame.evaluate(() => { document.documentElement.style.fontSize = '24px'; });
    let grown;
    for (let i = 0; i < 50; i++) {
      grown = await settled(page);
      if (grown.outer > m.outer + 200) break;
      await page.waitForTimeout(100);
    }
    assert.ok(grown.outer > m.outer + 200, `bigger font: ${m.outer} → ${grown.outer}`);
  });

  it('reports again when the parent says hello, and ignores messages off the protocol', async () => {
    const m = await settled(page);
    await page.evaluate(() => {
      const f = document.querySelector('iframe');
      f.style.height = '100px';
      // Off-protocol messages from the partner change nothing.
      f.contentWindow.postMessage({ type: 'yuedu:embed-hello', version: 2 }, '*');
      f.contentWindow.postMessage('yuedu:embed-hello', '*');
    });
    await page.waitForTimeout(300);
    assert.equal(await page.$eval('iframe', (f) => f.getBoundingClientRect().height), 100);
    await page.evaluate(() => window.yueduEmbed.refresh());
    const again = await settled(page);
    assert.ok(Math.abs(again.outer - m.outer) <= 2, `${m.outer} vs ${again.outer}`);
    // A forged height message from another window is ignored by the parent script.
    await page.evaluate(() => window.postMessage({ type: 'yuedu:embed-height', version: 1, id: 'x', height: 50 }, '*'));
    await page.waitForTimeout(200);
    assert.ok(Math.abs((await measure(page)).outer - m.outer) <= 2);
  });

  it('opens links in a new tab with the full article, leaving the partner page alone', async () => {
    const m = await settled(page);
    const link = m.frame.locator('.embed-full');
    assert.equal(await link.getAttribute('href'), `/article/${SEED_ID}`);
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    assert.equal(tab.url(), `${site.origin}/article/${SEED_ID}`);
    await appReady(tab);
    await tab.waitForSelector('.site-header'); // the full site, with its chrome
    assert.equal(page.url(), `${partner.origin}/article.html`);
    await tab.close();
    // A related article, too.
    const related = m.frame.locator('.related-item a').first();
    const [tab2] = await Promise.all([page.context().waitForEvent('page'), related.click()]);
    await tab2.waitForLoadState();
    assert.match(tab2.url(), new RegExp(`^${site.origin}/article/`));
    await tab2.close();
    assert.deepEqual(page.problems, []);
  });
});

describe('embed options', () => {
  const embedSrc = (query) => snippet.replace(`?frame=yuedu-${SEED_ID}`, `?frame=yuedu-${SEED_ID}&${query}`);

  it('theme=dark and lang=en apply inside the frame', async () => {
    partner.pages.set('/dark.html', partnerPage(embedSrc('theme=dark&lang=en')));
    const page = await newPage(site.browser, { viewport: { width: 800, height: 800 }, colorScheme: 'light' });
    await page.goto(`${partner.origin}/dark.html`);
    const m = await settled(page);
    const bg = await m.frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    assert.ok(0.2126 * r + 0.7152 * g + 0.0722 * b < 60, `dark background, got ${bg}`);
    assert.equal(await m.frame.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await m.frame.locator('.highlights-title').innerText(), 'Key figures');
    assert.equal(await m.frame.locator('.embed-full').innerText(), 'Read the full article on yuedu');
    await page.context().close();
  });

  it('highlights=0 and related=0 leave out the marks, the panel and the related list', async () => {
    partner.pages.set('/plain.html', partnerPage(embedSrc('highlights=0&related=0')));
    const page = await newPage(site.browser);
    await page.goto(`${partner.origin}/plain.html`);
    const m = await settled(page);
    await m.frame.waitForSelector('.article-body p');
    await page.waitForTimeout(500); // the related file would have arrived by now
    assert.equal(await m.frame.locator('mark.metric').count(), 0);
    assert.equal(await m.frame.locator('.highlights').count(), 0);
    assert.equal(await m.frame.locator('.related').count(), 0);
    await page.context().close();
  });

  it('a tag embed lists the tag and opens articles outside the frame', async () => {
    const tag = seed.tags[0];
    const src = `${site.origin}/embed/tag/${encodeURIComponent(tag)}?frame=tag1`;
    partner.pages.set('/tag.html', partnerPage(`<iframe id="tag1" class="yuedu-embed" src="${src}" title="tag" width="100%" height="600" style="border:0;width:100%"></iframe><script async src="${site.origin}/embed.js"></script>`));
    const page = await newPage(site.browser);
    await page.goto(`${partner.origin}/tag.html`);
    const m = await settled(page);
    await m.frame.getByRole('link', { name: seed.title }).waitFor();
    assert.equal(await m.frame.locator('.embed-full').innerText(), '查看全部');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), m.frame.getByRole('link', { name: seed.title }).click()]);
    await tab.waitForLoadState();
    assert.equal(tab.url(), `${site.origin}/article/${SEED_ID}`);
    await page.context().close();
  });
});

describe('an embed without the parent script', () => {
  it('still renders at the default height and scrolls inside', async () => {
    const bare = snippet.replace(/<script[^>]*><\/script>/, '');
    partner.pages.set('/bare.html', partnerPage(bare));
    const page = await newPage(site.browser);
    await page.goto(`${partner.origin}/bare.html`);
    const frame = await (await page.$('iframe')).contentFrame();
    await frame.waitForSelector(`article[data-article-id="${SEED_ID}"]`);
    assert.equal(await page.$eval('iframe', (f) => f.getBoundingClientRect().height), 600);
    const { scroll, view } = await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, view: innerHeight }));
    assert.ok(scroll > view, 'the article scrolls inside the frame');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
