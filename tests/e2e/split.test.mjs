// Code splitting (src/split.rs): the first article view needs only the main wasm; the other
// pages (`pages`), the related list, the article's actions and the reading-settings panel
// (`extras`) and the English strings (`english`) come in wasm chunks, fetched when needed. A chunk that cannot be fetched gives a message and a way
// forward, never a broken app. Service workers are blocked here so every chunk request reaches
// the network (and the test's routes); the offline tests cover chunks from the precache.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, newPage, appReady } from './harness.mjs';

const SEED_ID = 'c6c151299a20712a';
const site = useSite();

/** A page that records the names of the wasm chunks it fetches (`split_pages`, `chunk_12`, …). */
async function chunkPage() {
  const page = await newPage(site.browser, { serviceWorkers: 'block' });
  page.chunks = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/\/((?:split_\w+|chunk_\d+))-[0-9a-f]{16}\.wasm$/);
    if (m) page.chunks.push(m[1]);
  });
  return page;
}

/** Opens the seed article with the chunk `name` refused by the network, once it was refused. */
async function articleWithout(page, name) {
  await page.route(new RegExp(`/${name}-[0-9a-f]{16}\\.wasm$`), (route) => route.abort('connectionfailed'));
  const refused = page.waitForEvent('requestfailed', (r) => r.url().includes(`/${name}-`));
  await page.goto(`${site.origin}/article/${SEED_ID}`);
  await appReady(page);
  await toTheEnd(page);
  await refused;
}

/** Scrolls to the end of the article, where its related list and actions are wanted. */
const toTheEnd = (page) => page.locator('.article-footer').scrollIntoViewIfNeeded();

/** No wasm panic (it would reach the page as an uncaught error). */
const assertNoPanic = (page) => assert.ok(!page.problems.some((p) => p.startsWith('pageerror')), page.problems.join('\n'));

describe('wasm chunks', () => {
  let page;
  before(async () => {
    page = await chunkPage();
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
  });
  after(() => page.context().close());

  it('the first article view fetches no chunk; the related list and the actions arrive as the reader nears the end', async () => {
    await page.waitForTimeout(300);
    assert.deepEqual(page.chunks, [], 'the static page is adopted with the main module alone');
    await toTheEnd(page);
    await page.waitForSelector('.related-item');
    await page.waitForSelector('.save-action button:not([disabled])');
    assert.ok(page.chunks.includes('split_extras'), `chunks: ${page.chunks}`);
    for (const unneeded of ['split_pages', 'split_embed']) {
      assert.ok(!page.chunks.includes(unneeded), `${unneeded} is not fetched for an article: ${page.chunks}`);
    }
    assert.deepEqual(page.problems, []);
  });

  it('the reading settings open from the chunk already fetched', async () => {
    await page.locator('details.settings summary').click();
    await page.waitForSelector('.settings-panel button[data-set="theme"][data-value="dark"]');
    assert.equal(page.chunks.filter((c) => c === 'split_extras').length, 1, `chunks: ${page.chunks}`);
    await page.locator('.settings-panel button[data-set="theme"][data-value="dark"]').click();
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  });

  it('going to another page fetches the pages chunk once', async () => {
    await page.locator('.site-header a.brand').click();
    await page.waitForSelector('.article-list');
    await page.locator('.site-nav a[href$="tags"]').click();
    await page.waitForSelector('.tag-index .tag');
    assert.equal(page.chunks.filter((c) => c === 'split_pages').length, 1, `chunks: ${page.chunks}`);
    assert.deepEqual(page.problems, []);
  });
});

describe('English', () => {
  /** A page whose reader chose English (what the settings panel stores). */
  async function englishPage() {
    const page = await chunkPage();
    await page.addInitScript(() => localStorage.setItem('yuedu-settings', 'lang=en'));
    return page;
  }

  it('an English page mounts with the strings of its chunk', async () => {
    const page = await englishPage();
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    assert.ok(page.chunks.includes('split_english'), `chunks: ${page.chunks}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('.site-nav a[href$="search"]').innerText(), 'Search');
    await page.context().close();
  });

  it('without that chunk the page is Chinese, and works', async () => {
    const page = await englishPage();
    await articleWithout(page, 'split_english');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.locator('.site-nav a[href$="search"]').innerText(), '搜索');
    await page.waitForSelector('.article-body mark.metric');
    assertNoPanic(page);
    await page.context().close();
  });
});

describe('a chunk that cannot be fetched', () => {
  it('a page says the app could not load it, and its retry fetches again', async () => {
    const page = await chunkPage();
    let refuse = true;
    await page.route(/\/split_pages-[0-9a-f]{16}\.wasm$/, (route) => (refuse ? route.abort('connectionfailed') : route.continue()));
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    await page.locator('.site-header a.brand').click();
    const error = page.locator('.error-view[data-error="network"]');
    await error.waitFor();
    assert.match(await error.locator('h1').innerText(), /\S/);
    refuse = false;
    await error.getByRole('button').click();
    await page.waitForSelector('.article-list');
    assert.equal(await page.locator('.error-view').count(), 0);
    // The app kept working: back to the article.
    await page.goBack();
    await page.waitForSelector(`article[data-article-id="${SEED_ID}"]`);
    assertNoPanic(page);
    await page.context().close();
  });

  it('the article stays whole without its related list and actions', async () => {
    const page = await chunkPage();
    await articleWithout(page, 'split_extras');
    await page.waitForTimeout(300); // the failed load settles
    assert.equal(await page.locator('.error-view').count(), 0);
    assert.equal(await page.locator('.related, .save-action').count(), 0);
    assert.ok(await page.locator('.article-body p').count() > 5);
    assertNoPanic(page);
    await page.context().close();
  });
});
