// The corpus views in headless Chromium against the release dist/: home pagination, the tag
// list and its counts, tag pages, unknown tags, and deep-link reloads of every route.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useSite, newPage, appReady, toArticleEnd } from './harness.mjs';

const dir = join(ROOT, 'public/data/articles');
const articles = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
const newestFirst = [...articles].sort((a, b) => Date.parse(b.published) - Date.parse(a.published) || a.id.localeCompare(b.id));
const tagCounts = new Map();
for (const a of articles) for (const t of a.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);

const site = useSite();

describe('the corpus', () => {
  it('the home page lists the newest articles; the first page holds one to two pages\' worth', async () => {
    // 12 articles, 10 a page: the first page holds the newest chunk and what came after it
    // (paging through archive chunks is tested on a larger corpus in scale.test.mjs).
    const page = await newPage(site.browser);
    await page.goto(site.origin + '/');
    await page.waitForSelector('.article-list .card');
    const first = await page.locator('.card-title').allInnerTexts();
    assert.deepEqual(first, newestFirst.map((a) => a.title));
    assert.equal(await page.getByRole('link', { name: '下一页' }).count(), 0);
    await page.goto(site.origin + '/?page=2');
    await page.locator('.error-view').waitFor();
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('/tags lists every tag with the number of articles that carry it', async () => {
    const page = await newPage(site.browser);
    await page.goto(site.origin + '/');
    await appReady(page);
    await page.locator('.site-nav').getByRole('link', { name: '标签' }).click();
    await page.waitForSelector('.tag-index .tag');
    const shown = await page.locator('.tag-index .tag').evaluateAll((els) => els.map((el) => [el.firstChild.textContent, Number(el.dataset.count)]));
    assert.deepEqual(new Map(shown), tagCounts);
    const counts = shown.map(([, c]) => c);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most used first');
    await page.context().close();
  });

  it('a tag page lists exactly the articles with that tag, newest first', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/tag/${encodeURIComponent('产业振兴')}`);
    await appReady(page); // the app has replaced the static page (its list comes from a chunk)
    await page.waitForSelector('.article-list .card');
    const want = newestFirst.filter((a) => a.tags.includes('产业振兴')).map((a) => a.title);
    assert.deepEqual(await page.locator('.card-title').allInnerTexts(), want);
    assert.equal(await page.title(), '标签：产业振兴 · 阅读');
    await page.context().close();
  });

  it('an unknown tag is not found, with a way home', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/tag/${encodeURIComponent('没有这个标签')}`);
    const view = page.locator('.error-view[data-error="not-found"]');
    await view.waitFor();
    assert.match(await view.innerText(), /没有这个标签/);
    assert.equal(await view.getByRole('link', { name: '返回首页' }).count(), 1);
    await page.context().close();
  });

  // (Deep links to older pages: scale.test.mjs, where the corpus has them.)
  for (const path of ['/', '/tags', `/tag/${encodeURIComponent('协同振兴')}`, '/article/sample-tea-cooperative']) {
    it(`reloading ${decodeURIComponent(path)} renders the same page`, async () => {
      const page = await newPage(site.browser);
      await page.goto(site.origin + path);
      await page.waitForSelector('.card, .tag-index, article.article');
      await page.waitForLoadState('networkidle'); // the related list arrives after the article
      const before = await page.locator('main').innerText();
      await page.reload();
      await page.waitForSelector('.card, .tag-index, article.article');
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('main').innerText(), before);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }
});

describe('related articles and moving between them', () => {
  it('the seed lists related articles with reasons, never itself', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/article/c6c151299a20712a`);
    await appReady(page);
    await toArticleEnd(page);
    await page.waitForSelector('.related-item');
    const items = await page.locator('.related-item').evaluateAll((els) =>
      els.map((el) => ({ id: el.dataset.id, reason: el.querySelector('.related-reason').textContent })));
    assert.ok(items.length >= 1 && items.length <= 5, JSON.stringify(items));
    assert.ok(items.every((i) => i.id !== 'c6c151299a20712a'));
    assert.ok(items.every((i) => /^(同标签|相关词)：/.test(i.reason)), JSON.stringify(items));
    const withTag = articles.filter((a) => a.id !== 'c6c151299a20712a' && a.tags.includes('协同振兴')).map((a) => a.id);
    assert.ok(withTag.includes(items[0].id), `the best match shares the rare tag 协同振兴: ${items[0].id}`);
    await page.context().close();
  });

  it('home → seed → tag → another article → back → back lands on the seed where the reader was', async () => {
    const page = await newPage(site.browser, { viewport: { width: 390, height: 700 } });
    await page.goto(site.origin + '/');
    await appReady(page);
    const seed = articles.find((a) => a.id === 'c6c151299a20712a');
    await page.getByRole('link', { name: seed.title }).click();
    await page.waitForSelector('.article-tags a.tag');
    const tag = page.locator('.article-tags a.tag', { hasText: '协同振兴' });
    await tag.scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(y > 1000, `the tag is far down the article (${y})`);
    await tag.click();
    await page.waitForSelector('.page-title:has-text("协同振兴")');
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'a new page starts at the top');
    const other = page.locator('.card-title a').filter({ hasNotText: seed.title }).first();
    const otherTitle = await other.innerText();
    await other.click();
    await page.waitForSelector(`h1.article-title:has-text("${otherTitle}")`);
    await page.goBack();
    await page.waitForSelector('.page-title:has-text("协同振兴")');
    await page.goBack();
    await page.waitForSelector('h1.article-title');
    assert.equal(await page.locator('h1.article-title').innerText(), seed.title);
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, y, { timeout: 5000 });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('sample content is marked', () => {
  it('sample articles carry a 示例 badge in lists and on the article; the seed does not', async () => {
    const page = await newPage(site.browser);
    await page.goto(site.origin + '/');
    await page.waitForSelector('.card');
    const cards = await page.locator('.card').evaluateAll((els) =>
      els.map((el) => ({ title: el.querySelector('.card-title').textContent, badge: el.querySelector('.badge')?.textContent ?? null })));
    for (const card of cards) {
      const a = articles.find((x) => x.title === card.title);
      assert.equal(card.badge, a.source.name.includes('示例') ? '示例' : null, card.title);
    }
    await page.goto(`${site.origin}/article/sample-tea-cooperative`);
    await page.waitForSelector('.byline .badge');
    assert.equal(await page.locator('.byline .badge').innerText(), '示例');
    await page.goto(`${site.origin}/article/c6c151299a20712a`);
    await page.waitForSelector('h1.article-title');
    assert.equal(await page.locator('.byline .badge').count(), 0);
    await page.context().close();
  });
});
