// The static pages `yuedu index --pages` writes (issue 7, "any browser"): the article URL gives
// the whole article without JavaScript, with a title, a description, Open Graph tags and
// schema.org JSON-LD; where wasm runs, the app takes over from the same page. Since issue 16
// the pages are the app's own components rendered natively, so a reader sees the same content
// with JavaScript off and on.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useSite, newPage, appReady } from './harness.mjs';

const SEED_ID = 'c6c151299a20712a';
const seed = JSON.parse(readFileSync(join(ROOT, 'public/data/articles', `${SEED_ID}.json`), 'utf8'));
const site = useSite();

describe('with JavaScript disabled', () => {
  it('the article URL shows the full article', async () => {
    const page = await newPage(site.browser, { javaScriptEnabled: false });
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    assert.equal(await page.locator('h1').innerText(), seed.title);
    const body = await page.locator('.article-body').innerText();
    for (const block of seed.body) {
      const text = block.text ?? block.lines?.join('\n') ?? '';
      for (const piece of text.split('\n').filter((p) => p.length > 4)) assert.ok(body.includes(piece.trim().slice(0, 40)), piece);
    }
    assert.equal(await page.locator('.boot').count(), 0, 'no loading skeleton on a static page');
    for (const e of seed.editors) assert.ok((await page.locator('.credits').innerText()).includes(e.name));
    // Tag links lead to the static tag pages.
    await page.locator('.article-tags a.tag').first().click();
    await page.waitForSelector('.article-list .card');
    assert.match(await page.locator('h1').innerText(), /标签：/);
    assert.ok(await page.getByRole('link', { name: seed.title }).isVisible());
    // Byline names lead to the static author pages.
    await page.goBack();
    await page.locator('.byline a.author').first().click();
    await page.waitForSelector('.article-list .card');
    assert.equal(await page.locator('h1').innerText(), `作者：${seed.authors[0]}`);
    assert.ok(await page.getByRole('link', { name: seed.title }).isVisible());
    // The brand leads to the static home page, which lists the articles.
    await page.locator('.site-header .brand').click();
    await page.waitForURL(`${site.origin}/`);
    assert.equal(await page.locator('h1').innerText(), '最新文章');
    assert.ok(await page.getByRole('link', { name: seed.title }).isVisible());
    assert.equal(await page.locator('.boot').count(), 0, 'no loading skeleton on the home page');
    await page.context().close();
  });
});

describe('with JavaScript off and on', () => {
  const tag = seed.tags[0];
  const author = seed.authors[0];
  const pages = [['article', `/article/${SEED_ID}`, seed.title], ['home', '/', '最新文章'], ['tag', `/tag/${encodeURIComponent(tag)}`, `标签：${tag}`], ['author', `/author/${encodeURIComponent(author)}`, `作者：${author}`]];
  for (const [kind, path, heading] of pages) {
    it(`the ${kind} page shows the reader the same content`, async () => {
      const seen = async (javaScriptEnabled) => {
        const page = await newPage(site.browser, { javaScriptEnabled, serviceWorkers: 'block' });
        await page.goto(site.origin + path);
        if (javaScriptEnabled) {
          await appReady(page);
          assert.equal(await page.locator('#app[data-static]').count(), 0, 'the app has taken over');
        }
        // What only the app adds (it needs the browser): the related list and the actions.
        const text = await page.evaluate(() => {
          for (const e of document.querySelectorAll('#app .related, #app .actions, #app .embed-action')) e.remove();
          return document.querySelector('#app').innerText;
        });
        const marks = await page.locator('mark.metric').count();
        await page.context().close();
        return { text, marks };
      };
      const off = await seen(false);
      const on = await seen(true);
      assert.ok(off.text.includes(heading), off.text);
      assert.equal(on.text, off.text);
      assert.equal(on.marks, off.marks, 'the same figures are marked');
      if (kind === 'article') assert.ok(off.marks >= 5, `metrics marked on the static page: ${off.marks}`);
    });
  }
});

describe('for crawlers and link previews', () => {
  it('has a title, description, Open Graph tags and valid NewsArticle JSON-LD', async () => {
    const html = await (await fetch(`${site.origin}/article/${SEED_ID}`)).text();
    const meta = (attr, name) => html.match(new RegExp(`<meta (?:data-page(?:="")? )?${attr}="${name}" content="([^"]*)"`))?.[1];
    assert.match(html, new RegExp(`<title>${seed.title} · 阅读</title>`));
    assert.ok(meta('name', 'description')?.length > 10);
    assert.equal(meta('property', 'og:type'), 'article');
    assert.equal(meta('property', 'og:title'), seed.title);
    assert.match(meta('property', 'og:url'), new RegExp(`/article/${SEED_ID}$`));
    assert.equal(meta('property', 'article:published_time'), seed.published);
    assert.equal((html.match(/name="description"|name=description/g) ?? []).length, 1, 'one description');
    const ld = JSON.parse(html.match(/<script (?:data-page(?:="")? )?type="application\/ld\+json">(.*?)<\/script>/s)[1]);
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, seed.title);
    assert.equal(ld.datePublished, seed.published);
    assert.deepEqual(ld.author.map((a) => a.name), seed.authors);
    assert.equal(ld.publisher.name, seed.source.name);
  });
});

describe('where wasm runs', () => {
  it('the app takes over the static page without a skeleton in between', async () => {
    const page = await newPage(site.browser, { serviceWorkers: 'block' });
    // Record whether a skeleton is ever shown while the app takes over.
    await page.addInitScript(() => {
      window.sawSkeleton = false;
      new MutationObserver(() => {
        const sk = document.querySelector('.skeleton');
        if (sk && !sk.closest('[hidden]')) window.sawSkeleton = true;
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    assert.equal(await page.locator('#app').count(), 1);
    assert.equal(await page.locator('#app[data-static]').count(), 0, "the app's rendering");
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.evaluate(() => window.sawSkeleton), false);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('a static page at another route', () => {
  it('is not adopted: the home page served for an article URL gives way to the article', async () => {
    // A host whose fallback is index.html (now the home page) rather than shell.html, for an
    // article that has no page of its own yet: what an outdated nginx or Netlify rule does.
    const home = await (await fetch(`${site.origin}/`)).text();
    assert.ok(home.includes('data-static=""'), 'the home page says whose page it is');
    const page = await newPage(site.browser, { serviceWorkers: 'block' });
    await page.route(`${site.origin}/article/${SEED_ID}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: home }));
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    await page.waitForSelector(`article[data-article-id="${SEED_ID}"] .article-body`);
    assert.deepEqual(await page.locator('h1').allInnerTexts(), [seed.title]);
    assert.equal(await page.locator('.article-list').count(), 0, 'not the home list');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe("the static page's own head tags", () => {
  it('leave while the app shows another page and come back on return', async () => {
    const page = await newPage(site.browser, { serviceWorkers: 'block' });
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    const head = () => page.evaluate(() => ({
      canonical: document.querySelector('link[rel=canonical]')?.href ?? null,
      ogUrl: document.querySelector('meta[property="og:url"]')?.content ?? null,
      jsonLd: document.querySelectorAll('script[type="application/ld+json"]').length,
      marked: document.querySelectorAll('head [data-page]').length,
    }));
    const before = await head();
    assert.match(before.canonical, new RegExp(`/article/${SEED_ID}$`));
    assert.equal(before.jsonLd, 1);
    assert.ok(before.marked >= 8, `marked head tags: ${before.marked}`);
    // In-app navigation to a tag page: the seed article's canonical URL must not stay.
    await page.locator('.article-tags a.tag').first().click();
    await page.waitForURL(/\/tag\//);
    await page.waitForSelector('.article-list .card');
    assert.deepEqual(await head(), { canonical: null, ogUrl: null, jsonLd: 0, marked: 0 });
    await page.goBack();
    await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, seed.title);
    await page.waitForFunction(() => document.querySelector('link[rel=canonical]') !== null);
    assert.deepEqual(await head(), before);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('without WebAssembly', () => {
  it('an article URL and the home page show their static pages; other routes list the articles as links', { timeout: 60_000 }, async () => {
    const page = await newPage(site.browser, { serviceWorkers: 'block' });
    // As in a browser without wasm (or with it switched off): no WebAssembly global at all.
    // (Chromium's --js-flags=--noexpose_wasm did not take effect in this headless build.)
    await page.addInitScript(() => { delete globalThis.WebAssembly; });
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined');
    assert.equal(await page.locator('h1').innerText(), seed.title);
    assert.ok(await page.locator('.article-body p').count() > 5);
    await page.goto(`${site.origin}/`);
    assert.ok(await page.getByRole('link', { name: seed.title }).isVisible(), 'the static home page');
    assert.equal(await page.locator('.boot-error').count(), 0);
    // A route without a static page: the shell says why and lists the latest articles.
    await page.goto(`${site.origin}/tags`);
    await page.locator('.boot-error', { hasText: 'WebAssembly' }).waitFor({ timeout: 15_000 });
    const link = page.getByRole('link', { name: seed.title });
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    await page.waitForURL(`${site.origin}/article/${SEED_ID}`);
    assert.equal(await page.locator('h1').innerText(), seed.title);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('a service worker left from a visit with wasm does not hide the static pages', { timeout: 90_000 }, async () => {
    const context = await site.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    await appReady(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    // Now wasm is gone (switched off, or another browser profile with the same storage): the
    // worker would answer the article URL with the app shell.
    await page.addInitScript(() => { delete globalThis.WebAssembly; });
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, seed.title, { timeout: 30_000 });
    assert.ok(await page.locator('.article-body p').count() > 5, 'the whole static article');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0, 'the worker is gone');
    await context.close();
  });
});
