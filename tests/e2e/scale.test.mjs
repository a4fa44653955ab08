// Feeds paged in archive chunks, author-free tag pages and full-text search, in headless
// Chromium, over a synthetic corpus that `yuedu index` writes into the served site with small
// pages (60 articles, 4 a page: the first page holds 4, then 14 pages of 4 counted from the
// oldest). One article gets a sentence found nowhere else, which search must find from its
// text alone and show with the query marked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, useSite, newPage, appReady } from './harness.mjs';

const YUEDU = join(ROOT, 'target/release/yuedu');
const N = 60;
const SIZE = 4;
const PHRASE = '独一无二的测试短语出现在正文';
const site = useSite({ fixtures: false });
let articles = [];
let newestFirst = [];

/** Indexes the corpus into the served site, once (after `useSite` has started it). */
let ready = null;
function setup() {
  ready ??= index();
  return ready;
}

async function index() {
  const dir = mkdtempSync(join(tmpdir(), 'yuedu-scale-'));
  execFileSync(YUEDU, ['corpus', '--synthetic', String(N), dir], { stdio: 'ignore' });
  const special = join(dir, 'syn-000017.json');
  const a = JSON.parse(readFileSync(special, 'utf8'));
  a.body.push({ type: 'paragraph', text: `这是一段补充说明：${PHRASE}里，别处没有。` });
  writeFileSync(special, JSON.stringify(a, null, 2));
  // As a publisher would: the data and the static pages (the home page lists this corpus), into
  // the built site. The build had precompressed the seed's feeds and pages, and yuedu serve
  // sends a sibling whatever its age: the index removes the copies of what it rewrites.
  execFileSync(YUEDU, ['index', dir, join(site.site.dir, 'data'), '--page-size', String(SIZE), '--pages', site.site.dir], { stdio: 'ignore' });
  articles = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  newestFirst = [...articles].sort((x, y) => Date.parse(y.published) - Date.parse(x.published) || (x.id < y.id ? -1 : 1));
  rmSync(dir, { recursive: true, force: true });
}

const titles = (page) => page.locator('.article-list .card-title').allInnerTexts();

describe('feeds in archive chunks', () => {
  it('home: the newest page, then older pages by link and by deep link; past the end is not found', async () => {
    await setup();
    const page = await newPage(site.browser);
    await page.goto(site.origin + '/');
    await page.waitForSelector('.article-list .card');
    const first = (N % SIZE) + SIZE;
    assert.deepEqual(await titles(page), newestFirst.slice(0, first).map((a) => a.title));
    await page.getByRole('link', { name: '下一页' }).click();
    await page.waitForSelector('.pager-page:has-text("第 2 页")');
    assert.deepEqual(await titles(page), newestFirst.slice(first, first + SIZE).map((a) => a.title));
    const last = Math.floor(N / SIZE);
    await page.goto(`${site.origin}/?page=${last}`);
    await page.waitForSelector(`.pager-page:has-text("第 ${last} 页")`);
    assert.deepEqual(await titles(page), newestFirst.slice(N - SIZE).map((a) => a.title), 'the oldest articles');
    assert.equal(await page.getByRole('link', { name: '下一页' }).count(), 0);
    await page.goto(`${site.origin}/?page=${last + 1}`);
    await page.locator('.error-view').waitFor();
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('a tag pages the same way', async () => {
    await setup();
    const counts = new Map();
    for (const a of articles) for (const t of a.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    const [tag, count] = [...counts].sort((x, y) => y[1] - x[1])[0];
    assert.ok(count >= 2 * SIZE, `${tag}: ${count}`);
    const want = newestFirst.filter((a) => a.tags.includes(tag)).map((a) => a.title);
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/tag/${encodeURIComponent(tag)}`);
    await appReady(page);
    await page.waitForSelector('.article-list .card');
    const first = (count % SIZE) + SIZE;
    assert.deepEqual(await titles(page), want.slice(0, first));
    await page.getByRole('link', { name: '下一页' }).click();
    await page.waitForSelector('.pager-page:has-text("第 2 页")');
    assert.deepEqual(await titles(page), want.slice(first, first + SIZE));
    await page.context().close();
  });
});

describe('full-text search', () => {
  it('finds an article by a phrase from its text alone, marks it, and fetches only some shards', async () => {
    await setup();
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/search?q=${encodeURIComponent('测试短语')}`);
    await appReady(page);
    await page.locator('.search-summary').waitFor();
    const special = articles.find((a) => a.id === 'syn-000017');
    assert.equal((await titles(page))[0], special.title);
    const marks = await page.locator('.search-passage mark').allInnerTexts();
    assert.deepEqual(marks.slice(0, 1), ['测试短语']);
    assert.match(await page.locator('.search-passage').first().innerText(), new RegExp(PHRASE));
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('/data/search')));
    const shards = fetched.filter((u) => /\/data\/search\/\d+\.json$/.test(u));
    const { shards: total } = JSON.parse(readFileSync(join(site.site.dir, 'data/search.json'), 'utf8'));
    assert.ok(shards.length >= 1 && shards.length <= 3, `the query's terms' shards only: ${fetched.join(', ')} of ${total}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
