// The reader's story, end to end, in headless Chromium against the release dist/ served by
// `yuedu serve`: home → seed article (every field once) → tag; deep-link reload; not-found;
// broken corpus files; a slow network.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useSite, newPage, appReady } from './harness.mjs';

const SEED_ID = 'c6c151299a20712a';
const seed = JSON.parse(readFileSync(join(ROOT, 'public/data/articles', `${SEED_ID}.json`), 'utf8'));

const site = useSite();

/** How often `needle` occurs in `hay`. */
const count = (hay, needle) => hay.split(needle).length - 1;

describe('a reader opens the seed article from the home page', () => {
  let page;
  before(async () => {
    page = await newPage(site.browser);
    await page.goto(site.origin + '/');
    await appReady(page);
    await page.getByRole('link', { name: seed.title }).click();
    await page.waitForSelector(`article[data-article-id="${SEED_ID}"]`);
  });
  after(() => page.context().close());

  it('routes to the deep link and titles the document after the article', async () => {
    assert.equal(new URL(page.url()).pathname, `/article/${SEED_ID}`);
    assert.equal(await page.title(), `${seed.title} · 阅读`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  });

  it('shows the title once, as the only h1', async () => {
    const h1s = await page.locator('h1').allInnerTexts();
    assert.deepEqual(h1s, [seed.title]);
  });

  it('shows the time in Beijing time with the machine-readable original', async () => {
    const time = page.locator('.byline time');
    assert.equal(await time.getAttribute('datetime'), '2023-12-07T15:58:54+08:00');
    assert.equal(await time.innerText(), '2023年12月7日 15:58');
  });

  it('shows source, every author and every editor with their role', async () => {
    assert.equal(await page.locator('.byline .source').innerText(), '来源：中国乡村振兴网');
    assert.deepEqual(await page.locator('.byline .author').allInnerTexts(), seed.authors);
    const credits = await page.locator('.credits .credit').evaluateAll((els) =>
      els.map((el) => [el.querySelector('dt').textContent, el.querySelector('dd').textContent]));
    assert.deepEqual(credits, seed.editors.map((e) => [e.role, e.name]));
    assert.deepEqual(credits.map(([role]) => role), ['总监审', '监审', '责任编辑']);
  });

  it('renders verse as verse, headings as headings and lead-ins emphasised', async () => {
    const verse = seed.body.find((b) => b.type === 'verse');
    assert.deepEqual(await page.locator('.article-body blockquote.verse .verse-line').allInnerTexts(), verse.lines);
    const headings = seed.body.filter((b) => b.type === 'heading').map((b) => b.text);
    assert.deepEqual(await page.locator('.article-body h2').allInnerTexts(), headings);
    assert.ok(headings.includes('搭“连心桥”重在“帮”'));
    const leads = seed.body.filter((b) => b.type === 'lead').map((b) => `——${b.lead}`);
    assert.deepEqual(await page.locator('.article-body .lead-point strong.lead').allInnerTexts(), leads);
  });

  it('shows every block of the body exactly once, and no site chrome', async () => {
    // In the body (the contents list repeats the headings on purpose).
    const text = await page.locator('.article-body').innerText();
    for (const block of seed.body) {
      const parts = block.lines ?? [block.lead, block.text].filter(Boolean);
      for (const part of parts) assert.equal(count(text, part), 1, `"${part.slice(0, 30)}…" should appear once`);
    }
    const whole = await page.locator('body').innerText();
    for (const junk of ['推荐阅读', '专题专栏', '京ICP', '投诉电话', '(010)59195820', '全面推进乡村振兴', '邮编']) {
      assert.equal(count(whole, junk), 0, `site chrome "${junk}" must not be shown`);
    }
  });

  it('links its tag to the tag page', async () => {
    const tag = page.locator('.article-tags a.tag');
    assert.deepEqual(await tag.allInnerTexts(), ['协同振兴']);
    await tag.click();
    await page.waitForSelector('.page-title:has-text("协同振兴")');
    assert.equal(decodeURIComponent(new URL(page.url()).pathname), '/tag/协同振兴');
    // The title shows with the page; its list comes with the tag's feed, just after.
    await page.getByRole('link', { name: seed.title }).waitFor({ state: 'visible' });
  });

  it("links each author's name to their page, which lists their articles", async () => {
    await page.getByRole('link', { name: seed.title }).click();
    await page.waitForSelector('.byline a.author');
    const author = seed.authors[1];
    await page.locator('.byline a.author', { hasText: author }).click();
    await page.waitForSelector(`.page-title:has-text("${author}")`);
    assert.equal(decodeURIComponent(new URL(page.url()).pathname), `/author/${author}`);
    assert.equal(await page.locator('.page-title').innerText(), `作者：${author}`);
    assert.equal(await page.title(), `作者：${author} · 阅读`);
    await page.getByRole('link', { name: seed.title }).waitFor({ state: 'visible' }); // the list, after the title
    await page.goBack();
    await page.waitForSelector('.byline a.author');
    assert.equal(new URL(page.url()).pathname, `/article/${SEED_ID}`);
  });

  it('kept the console free of errors along the way', () => {
    assert.deepEqual(page.problems, []);
  });
});

describe('deep links', () => {
  it('reloading an article URL renders the article again', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await page.waitForSelector('h1.article-title');
    await page.reload();
    await page.waitForSelector('h1.article-title');
    assert.equal(await page.locator('h1.article-title').innerText(), seed.title);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('a tag URL opened directly lists its articles', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/tag/${encodeURIComponent('协同振兴')}`);
    await page.waitForSelector('.article-list .card');
    assert.ok(await page.getByRole('link', { name: seed.title }).isVisible());
    await page.context().close();
  });
});

describe('what a reader sees when something is wrong', () => {
  async function errorPage(path) {
    const page = await newPage(site.browser);
    await page.goto(site.origin + path);
    await appReady(page);
    const view = page.locator('.error-view');
    await view.waitFor();
    return { page, view };
  }

  it('an unknown article id shows not-found with a way home', async () => {
    const { page, view } = await errorPage('/article/no-such-article');
    assert.equal(await view.getAttribute('data-error'), 'not-found');
    assert.match(await view.innerText(), /页面不存在/);
    assert.equal(await view.getByRole('button', { name: '重试' }).count(), 0, 'retrying cannot help a missing page');
    await view.getByRole('link', { name: '返回首页' }).click();
    await page.waitForSelector('.article-list');
    await page.context().close();
  });

  it('an id that is not a valid id is not fetched at all', async () => {
    const page = await newPage(site.browser);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${site.origin}/article/${encodeURIComponent('文章 id')}`);
    await page.locator('.error-view[data-error="not-found"]').waitFor();
    assert.ok(!requests.some((u) => u.includes('/data/articles/')), requests.join('\n'));
    await page.context().close();
  });

  it('an unknown route shows not-found', async () => {
    const { page, view } = await errorPage('/no/such/page');
    assert.equal(await view.getAttribute('data-error'), 'not-found');
    await page.context().close();
  });

  it('malformed JSON names the problem and offers a retry', async () => {
    const { page, view } = await errorPage('/article/broken');
    assert.equal(await view.getAttribute('data-error'), 'bad-data');
    const text = await view.innerText();
    assert.match(text, /数据无法显示/);
    assert.match(text, /not valid JSON/);
    const retry = view.getByRole('button', { name: '重试' });
    const refetch = page.waitForRequest((r) => r.url().endsWith('/data/articles/broken.json'));
    await retry.click();
    await refetch;
    await page.locator('.error-view[data-error="bad-data"]').waitFor();
    assert.ok(!page.problems.some((p) => p.startsWith('pageerror')), page.problems.join('\n'));
    await page.context().close();
  });

  it('an article missing a required field names the field', async () => {
    const { page, view } = await errorPage('/article/no-title');
    assert.equal(await view.getAttribute('data-error'), 'bad-data');
    assert.match(await view.innerText(), /`title`/);
    await page.context().close();
  });
});

describe('a slow network', () => {
  // These fault the network with page.route, which sees the page's own requests only: with a
  // service worker in between, its fetches would bypass the fault (offline.test.mjs covers
  // the worker).
  const noWorker = { serviceWorkers: 'block' };

  it('shows the static shell with a progress bar while the wasm downloads', async () => {
    const page = await newPage(site.browser, noWorker);
    let release;
    const gate = new Promise((r) => { release = r; });
    await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
    // A route with no static page of its own gets the shell: header, progress, skeleton.
    await page.goto(`${site.origin}/tags`, { waitUntil: 'domcontentloaded' });
    assert.ok(await page.locator('.site-header .brand').isVisible(), 'the header is there before the app');
    assert.ok(await page.locator('.boot-progress').isVisible(), 'a progress indication is shown');
    assert.ok(await page.locator('.boot .skeleton').isVisible(), 'a skeleton holds the place of the content');
    const headerBefore = await page.locator('.site-header').boundingBox();
    release();
    await page.waitForSelector('.tag-index');
    assert.deepEqual(await page.locator('.site-header').boundingBox(), headerBefore, 'the header does not move');
    await page.context().close();
  });

  it("the progress bar's total is the size of the wasm shipped", async () => {
    // trunk writes the wasm's size into its start-up script before the post-build hook shrinks
    // the wasm; the hook must write the new size, or the bar stalls at a fraction.
    const html = await (await fetch(`${site.origin}/tags`)).text();
    const [, path, size] = html.match(/__trunkInitializer\(init, '([^']+_bg\.wasm)', (\d+)/);
    const wasm = await (await fetch(new URL(path, site.origin))).arrayBuffer();
    assert.equal(Number(size), wasm.byteLength);
  });

  it('shows the whole article from its static page while the wasm downloads', async () => {
    const page = await newPage(site.browser, noWorker);
    let release;
    const gate = new Promise((r) => { release = r; });
    await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
    await page.goto(`${site.origin}/article/${SEED_ID}`, { waitUntil: 'domcontentloaded' });
    assert.equal(await page.locator('h1.article-title').innerText(), seed.title);
    assert.ok(await page.locator('.article-body p').count() > 5, 'the body is readable before the app starts');
    const titleBefore = await page.locator('h1.article-title').boundingBox();
    release();
    await page.waitForSelector('#app[data-ready] mark.metric');
    assert.deepEqual(await page.locator('h1.article-title').boundingBox(), titleBefore, 'the title does not move when the app takes over');
    await page.context().close();
  });

  it('a failed wasm download says so and offers a reload', async () => {
    const page = await newPage(site.browser, noWorker);
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    // A route without a static page: the shell's loading view becomes the message.
    await page.goto(`${site.origin}/tags`);
    const boot = page.locator('.boot[role="alert"]');
    await boot.waitFor();
    assert.match(await boot.innerText(), /加载失败/);
    assert.equal(await boot.getByRole('button', { name: '重新加载' }).count(), 1);
    // A static page (home) stays what it is: the list, its links to the static articles.
    await page.goto(`${site.origin}/`);
    await page.getByRole('link', { name: seed.title }).click();
    await page.waitForURL(`${site.origin}/article/${SEED_ID}`);
    assert.equal(await page.locator('h1').innerText(), seed.title);
    await page.context().close();
  });

  it('a request that never answers times out with a retry', async () => {
    const page = await newPage(site.browser, noWorker);
    await page.clock.install();
    await page.goto(site.origin + '/');
    await appReady(page);
    // A static page's article needs no request (the app adopts it); an article the reader
    // moves to does.
    await page.route('**/data/articles/*.json', () => { /* never answer */ });
    await page.getByRole('link', { name: seed.title }).click();
    await page.locator('.skeleton[aria-busy="true"]').waitFor();
    await page.clock.fastForward(16_000);
    const view = page.locator('.error-view[data-error="timeout"]');
    await view.waitFor();
    assert.match(await view.innerText(), /加载超时/);
    await page.unroute('**/data/articles/*.json');
    await view.getByRole('button', { name: '重试' }).click();
    await page.waitForSelector('h1.article-title');
    await page.context().close();
  });

  it('shows a skeleton while the article loads and aborts the fetch when the reader leaves', async () => {
    const page = await newPage(site.browser, noWorker);
    await page.goto(site.origin + '/');
    await appReady(page);
    await page.route('**/data/articles/*.json', () => { /* never answer: a hanging request */ });
    const failed = page.waitForEvent('requestfailed', (r) => r.url().includes('/data/articles/'));
    await page.getByRole('link', { name: seed.title }).click();
    await page.locator('.skeleton[aria-busy="true"]').waitFor();
    await page.locator('.site-header .brand').click();
    const request = await failed;
    assert.match(request.failure().errorText, /ABORTED/);
    await page.waitForSelector('.article-list');
    await page.context().close();
  });
});
