// Hardening (issue 8): hostile article, feed and data files served to the real app, and network
// faults. Every case must end in a clear message or a safe rendering, with no wasm panic, no
// script of the payload executed (a trap variable, dialogs and the CSP are all watched), no
// dangerous markup in the DOM, and an app that still navigates afterwards.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useSite, newPage, appReady, openInApp } from './harness.mjs';

const SEED_ID = 'c6c151299a20712a';
const seedText = readFileSync(join(ROOT, 'public/data/articles', `${SEED_ID}.json`), 'utf8');
const feedText = readFileSync(join(ROOT, 'public/data/feed.json'), 'utf8');
const site = useSite({ fixtures: false });

// Every way of getting script run from text that is (wrongly) treated as HTML or as a URL.
const TRAP = 'window.__pwned=(window.__pwned||0)+1';
const XSS = [
  `<script>${TRAP}</script>`,
  `<img src=x onerror="${TRAP}">`,
  `"><svg onload="${TRAP}">`,
  `<a href="javascript:${TRAP}">链接</a>`,
  `<iframe src="data:text/html,<script>parent.${TRAP}</script>"></iframe>`,
  `javascript:${TRAP}`,
].join(' ');
const BAD_URLS = [
  `javascript:${TRAP}`,
  ` JaVaScRiPt:${TRAP}`,
  `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
  `vbscript:msgbox(1)`,
  `//evil.example/x.png`,
];

const seed = () => JSON.parse(seedText);
const json = (v) => JSON.stringify(v);
/** An article JSON with `edit` applied to a copy of the seed. */
const article = (edit) => { const a = seed(); edit(a); return json(a); };
const at = (a, type) => a.body.findIndex((b) => b.type === type);
const deep = (n, open, close, inner = '1') => open.repeat(n) + inner + close.repeat(n);

/** [name, body (string or Buffer), expected: 'render' | 'error'] */
const ARTICLES = [
  // Not JSON, or not an article at all.
  ['empty file', '', 'error'],
  ['whitespace only', ' \n\t ', 'error'],
  ['null', 'null', 'error'],
  ['an array', '[]', 'error'],
  ['a string', '"文章"', 'error'],
  ['a number', '42', 'error'],
  ['an open brace', '{', 'error'],
  ['truncated half way', seedText.slice(0, seedText.length / 2), 'error'],
  ['trailing garbage', seedText + 'x', 'error'],
  ['two documents', seedText + seedText, 'error'],
  ['an HTML error page', '<!doctype html><title>502</title><h1>Bad Gateway</h1>', 'error'],
  ['a NUL byte inside', seedText.replace('"title"', '"ti\u0000tle"'), 'error'],
  ['invalid UTF-8', Buffer.concat([Buffer.from(seedText.slice(0, 200)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(seedText.slice(200))]), 'error'],
  ['a lone surrogate escape', seedText.replace(/"title": "/, '"title": "\\ud800'), 'error'],
  ['a number beyond f64 in an ignored field', article((a) => { a.extra = 0; }).replace('"extra":0', '"extra":1e400'), 'render'],
  ['a number beyond f64 as the title', article((a) => { a.title = 0; }).replace('"title":0', '"title":1e400'), 'error'],
  ['100,000 nested arrays', `{"x":${deep(100_000, '[', ']')}}`, 'error'],
  ['100,000 nested objects in an extra field', seedText.replace(/^\{/, `{"x":${deep(100_000, '{"a":', '}')},`), 'error'],
  ['nesting of 100 in an extra field (allowed, ignored)', seedText.replace(/^\{/, `{"x":${deep(100, '[', ']')},`), 'render'],
  // Wrong types.
  ['title is a number', article((a) => { a.title = 123; }), 'error'],
  ['title is null', article((a) => { a.title = null; }), 'error'],
  ['body is an object', article((a) => { a.body = { 0: a.body[0] }; }), 'error'],
  ['body is a string', article((a) => { a.body = '正文'; }), 'error'],
  ['a block is a number', article((a) => { a.body[0] = 1; }), 'error'],
  ['a paragraph text is an array', article((a) => { a.body[0].text = ['a']; }), 'error'],
  ['tags is a string', article((a) => { a.tags = '乡村振兴'; }), 'error'],
  ['an author is a number', article((a) => { a.authors = [7]; }), 'error'],
  ['published is a number', article((a) => { a.published = 1701935880; }), 'error'],
  ['source is a string', article((a) => { a.source = '新华社'; }), 'error'],
  ['an unknown block type', article((a) => { a.body[0] = { type: 'html', html: XSS }; }), 'error'],
  ['another format version', article((a) => { a.format = 'yuedu-article/2'; }), 'error'],
  // Missing and extra fields.
  ...['format', 'id', 'title', 'published', 'source', 'body'].map((f) => [`no ${f}`, article((a) => { delete a[f]; }), 'error']),
  ['no source name', article((a) => { delete a.source.name; }), 'error'],
  ['no optional fields', article((a) => { delete a.authors; delete a.tags; delete a.editors; delete a.summary; }), 'render'],
  ['extra fields everywhere', article((a) => { a.html = XSS; a.source.logo = XSS; a.body.forEach((b) => { b.html = XSS; b.onclick = TRAP; }); }), 'render'],
  // Empty things.
  ['empty body', article((a) => { a.body = []; }), 'error'],
  ['empty title', article((a) => { a.title = ''; }), 'error'],
  ['blank title', article((a) => { a.title = ' \u3000\n'; }), 'error'],
  ['empty paragraphs', article((a) => { a.body = [{ type: 'paragraph', text: '' }, { type: 'paragraph', text: '正文。' }]; }), 'render'],
  // Invalid dates.
  ...['2023-13-45T99:99:99+08:00', 'yesterday', '2023-12-07', '', '2023-02-30T10:00:00+08:00', '+275760-09-13T00:00:00Z', '2023-12-07T15:58:00+99:00']
    .map((d) => [`published ${JSON.stringify(d)}`, article((a) => { a.published = d; }), 'error']),
  // Size.
  ['a 10 MB article', article((a) => { a.body = [{ type: 'paragraph', text: '乡村振兴投入9500万元。'.repeat(10 * 1024 * 1024 / 33) }]; }), 'error'],
  ['100,000 paragraphs', article((a) => { a.body = Array.from({ length: 100_000 }, (_, i) => ({ type: 'paragraph', text: `第${i}段` })); }), 'error'],
  ['a 3 MB article in 2,000 paragraphs (allowed)', article((a) => { a.body = Array.from({ length: 2000 }, (_, i) => ({ type: 'paragraph', text: `第${i}段，投入3500多万元。`.repeat(40) })); }), 'render'],
  // Long words and URLs.
  ['a 50,000-character word', article((a) => { a.body[0].text = 'a'.repeat(50_000); }), 'render'],
  ['a 50,000-character Chinese run without punctuation', article((a) => { a.body[0].text = '振'.repeat(50_000); }), 'render'],
  ['a 20,000-character source URL', article((a) => { a.source.url = `https://example.org/${'x'.repeat(20_000)}`; }), 'render'],
  ['a 20,000-character image URL', article((a) => { a.body.splice(1, 0, { type: 'image', src: `https://example.org/${'y'.repeat(20_000)}.jpg`, alt: '长地址' }); }), 'render'],
  // Scripts of the world, invisible and bidirectional characters, emoji.
  ['right-to-left override in the title', article((a) => { a.title = `\u202Egnp.exe 乡村\u202C振兴`; }), 'render'],
  ['Arabic and Hebrew paragraphs', article((a) => { a.body[0].text = 'مرحبا بالعالم ٩٥٠٠ مليون שלום עולם 100 ש״ח'; }), 'render'],
  ['zero-width characters inside numbers', article((a) => { a.body[0].text = '投入95\u200B00万元，带动1\u200D5000多个\uFEFF岗位。'; }), 'render'],
  ['only zero-width characters in the title', article((a) => { a.title = '\u200B\u200C\u200D\uFEFF'; }), 'render'],
  ['emoji, ZWJ sequences and flags', article((a) => { a.title = '👩‍🌾🇨🇳 乡村振兴 🌾'; a.body[0].text = '投入9500万元 💰👨‍👩‍👧‍👦 𝟗𝟓𝟎𝟎万元'; }), 'render'],
  ['combining marks piled up', article((a) => { a.body[0].text = 'Z' + '\u0336\u0301\u0308'.repeat(2000); }), 'render'],
  // Payloads in every text field (rendered as text) and every URL field (refused).
  ...[
    ['title', (a, p) => { a.title = p; }],
    ['summary', (a, p) => { a.summary = p; }],
    ['source name', (a, p) => { a.source.name = p; }],
    ['author', (a, p) => { a.authors = [p]; }],
    ['editor name', (a, p) => { a.editors = [{ role: '责任编辑', name: p }]; }],
    ['editor role', (a, p) => { a.editors = [{ role: p, name: '沈佳怡' }]; }],
    ['paragraph', (a, p) => { a.body[0].text = p; }],
    ['heading', (a, p) => { a.body[at(a, 'heading')].text = p; }],
    ['lead-in', (a, p) => { a.body[at(a, 'lead')].lead = p; }],
    ['lead text', (a, p) => { a.body[at(a, 'lead')].text = p; }],
    ['verse line', (a, p) => { a.body.push({ type: 'verse', lines: [p, p] }); }],
    ['image alt', (a, p) => { a.body.push({ type: 'image', src: 'img/x.png', alt: p }); }],
    ['image caption', (a, p) => { a.body.push({ type: 'image', src: 'img/x.png', alt: '图', caption: p }); }],
  ].map(([field, set]) => [`script payloads in the ${field}`, article((a) => set(a, `投入9500万元 ${XSS}`)), 'render']),
  ['script payloads as a tag', article((a) => { a.tags = [XSS]; }), 'error'],
  ...BAD_URLS.map((u) => [`source URL ${JSON.stringify(u.slice(0, 24))}`, article((a) => { a.source.url = u; }), 'error']),
  ...BAD_URLS.map((u) => [`image src ${JSON.stringify(u.slice(0, 24))}`, article((a) => { a.body.push({ type: 'image', src: u, alt: '图' }); }), 'error']),
  ['a quote-breaking image URL', article((a) => { a.body.push({ type: 'image', src: `https://example.org/x.png"onerror="${TRAP}`, alt: '图' }); }), 'render'],
];

const feed = (edit) => { const f = JSON.parse(feedText); edit(f); return json(f); };
/** Tag feeds: [name, body, expected]. */
const FEEDS = [
  ['empty file', '', 'error'],
  ['not a feed', '{"hello":"world"}', 'error'],
  ['items is an object', feed((f) => { f.items = {}; }), 'error'],
  ['an item without an id', feed((f) => { delete f.items[0].id; }), 'error'],
  ['an item title that is a number', feed((f) => { f.items[0].title = 5; }), 'error'],
  ['an item with an invalid date (shown as it is)', feed((f) => { f.items[0].date_published = 'soon'; }), 'render'],
  ['script payloads in titles and summaries', feed((f) => f.items.forEach((i) => { i.title = XSS; i.summary = XSS; i.content_text = XSS; })), 'render'],
  ['script payloads in item tags, authors and source', feed((f) => f.items.forEach((i) => { i.tags = [XSS]; i.authors = [{ name: XSS, url: BAD_URLS[0] }]; if (i._yuedu) i._yuedu.source = XSS; })), 'either'],
  ['script URLs as item URLs and next_url', feed((f) => { f.items.forEach((i) => { i.url = BAD_URLS[0]; i.external_url = BAD_URLS[0]; }); f.next_url = BAD_URLS[0]; }), 'either'],
  ['an item id with a path in it', feed((f) => { f.items[0].id = '../../etc/passwd'; }), 'either'],
  ['no items', feed((f) => { f.items = []; delete f.next_url; }), 'render'],
];

/** Related and tag-list files: the article or tag view still works whatever they hold. */
const SIDE_FILES = [
  ['related', 'not json', 'render'],
  ['related', json({ format: 'x', candidates: [{ id: '<script>', title: XSS }] }), 'render'],
  ['tags', '[{"tag":', 'error'],
  ['tags', json({ tags: [{ tag: XSS, count: -1 }] }), 'either'],
  // The search manifest and shards (format yuedu-search/2).
  ['search', 'not json', 'error'],
  ['search', json({ entries: [] }), 'error'],
  ['search', json({ format: 'yuedu-search/2', docs: 12, shards: 3 }), 'error'],
  ['search', json({ format: 'yuedu-search/2', docs: -1, shards: 1 }), 'error'],
  ['shard', '{"format":"yuedu-search-shard/1","terms":[', 'error'],
  ['shard', json({ format: 'yuedu-search-shard/1', terms: [{ term: '振兴', df: 3, docs: [[SEED_ID, 256]] }] }), 'error'],
  ['shard', json({ format: 'yuedu-search-shard/1', terms: [{ term: '振兴', df: 1e300, docs: [['../../etc/passwd', 255], [XSS, 200], [SEED_ID, 100]] }, { term: '兴振', df: 0, docs: [] }] }), 'either'],
  ['shard', json({ format: 'yuedu-search-shard/1', terms: Array.from({ length: 2000 }, (_, i) => ({ term: '振兴', df: 5, docs: [[`x${i}`, 9]] })) }), 'render'],
];
/** Where each kind of side file is fetched: the file, the page that reads it, its content. */
const SIDE = {
  related: [`**/data/related/${SEED_ID}.json`, `/article/${SEED_ID}`, 'mark.metric'],
  tags: ['**/data/tags.json', '/tags', '.tag-list, .tags li'],
  search: ['**/data/search.json', `/search?q=${encodeURIComponent('振兴')}`, '.search-summary'],
  shard: ['**/data/search/*.json', `/search?q=${encodeURIComponent('振兴')}`, '.search-summary'],
};

/** Runs one case with the page's problems cleared; a failure is recorded (all cases run, and
 * the report names every one). */
async function check(failures, page, run) {
  page.problems.length = 0;
  try {
    await run();
  } catch (e) {
    failures.push(e.message.split('\n')[0]);
  }
}

async function watchedPage() {
  const page = await newPage(site.browser, { serviceWorkers: 'block' });
  page.dialogs = 0;
  page.on('dialog', async (d) => { page.dialogs++; await d.dismiss(); });
  return page;
}

/** Nothing ran, nothing dangerous is in the DOM, and the app did not panic. */
async function assertSafe(page, name) {
  const found = await page.evaluate(() => {
    const app = document.getElementById('app');
    const bad = [];
    for (const el of app.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
        if (/^(href|src|action|formaction|xlink:href)$/i.test(attr.name) && /^\s*(javascript|data|vbscript):/i.test(attr.value)) bad.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 30)}`);
      }
      if (/^(SCRIPT|IFRAME|OBJECT|EMBED)$/.test(el.tagName)) bad.push(el.tagName);
    }
    return { pwned: window.__pwned ?? 0, bad };
  });
  assert.equal(found.pwned, 0, `${name}: a payload ran`);
  assert.deepEqual(found.bad, [], `${name}: dangerous markup in the page`);
  assert.equal(page.dialogs, 0, `${name}: a dialog opened`);
  const fatal = page.problems.filter((p) => p.startsWith('pageerror') || /panicked|unreachable|RuntimeError/.test(p));
  assert.deepEqual(fatal, [], `${name}: the app failed`);
}

/** The app still works: the brand link leads home and the home list renders. */
async function assertUsable(page, name) {
  await page.locator('.site-header .brand').click();
  await page.waitForSelector('.article-list .card', { timeout: 10_000 }).catch((e) => { throw new Error(`${name}: the app is stuck (${e.message})`); });
}

/** What the page ended in: 'render' (`ready`) or 'error' (the error view, whose message is
 * non-empty and whose way forward is a link or a button). */
async function outcome(page, ready, name) {
  const view = page.locator(`${ready}, .error-view`).first();
  await view.waitFor({ timeout: 20_000 }).catch((e) => { throw new Error(`${name}: neither content nor a message (${e.message})`); });
  if (await page.locator('.error-view').count()) {
    const text = await page.locator('.error-view').innerText();
    assert.ok(text.trim().length > 10, `${name}: the message says something`);
    assert.ok(await page.locator('.error-view a, .error-view button').count() > 0, `${name}: there is a way forward`);
    return 'error';
  }
  return 'render';
}

/** Answers `glob` (a data file named `hostile-<n>.json`) with case n's body. */
function serveCases(page, glob, cases) {
  return page.route(glob, (route) => {
    const n = Number(decodeURIComponent(route.request().url()).match(/hostile-(\d+)\.json/)[1]);
    return route.fulfill({ status: 200, contentType: 'application/json', body: cases[n][1] });
  });
}

describe('hostile data files', () => {
  before(() => assert.ok(ARTICLES.length + FEEDS.length + SIDE_FILES.length >= 60, 'at least 60 hostile files'));

  it(`${ARTICLES.length} hostile article files: a clear message or a safe rendering, never a panic or a script`, async () => {
    const page = await watchedPage();
    await serveCases(page, '**/data/articles/hostile-*.json', ARTICLES);
    const failures = [];
    for (const [i, [name, , expected]] of ARTICLES.entries()) {
      await check(failures, page, async () => {
        await page.goto(`${site.origin}/article/hostile-${i}`);
        await appReady(page);
        const got = await outcome(page, 'h1.article-title', name);
        assert.equal(got, expected, `${name}: expected ${expected}, got ${got}${got === 'error' ? `: ${await page.locator('.error-view').innerText()}` : ''}`);
        if (got === 'render') {
          // No sideways scrolling whatever the text holds.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 1, `${name}: the page scrolls sideways by ${overflow} px`);
        }
        if (name.startsWith('script payloads in the title')) {
          assert.ok((await page.locator('h1.article-title').innerText()).includes('<script>'), 'the payload shows as text');
        }
        await assertSafe(page, name);
        await assertUsable(page, name);
        await assertSafe(page, `${name} (after)`);
      });
    }
    assert.deepEqual(failures, []);
    await page.context().close();
  });

  it(`${FEEDS.length} hostile tag feeds and ${SIDE_FILES.length} hostile related, tag-list and search files`, async () => {
    const page = await watchedPage();
    await serveCases(page, '**/data/tags/hostile-*.json', FEEDS);
    const failures = [];
    for (const [i, [name, , expected]] of FEEDS.entries()) {
      await check(failures, page, async () => {
        await page.goto(`${site.origin}/tag/hostile-${i}`);
        await appReady(page);
        const got = await outcome(page, '.article-list', `feed: ${name}`);
        if (expected !== 'either') assert.equal(got, expected, `feed: ${name}`);
        if (name === 'no items') {
          const said = await page.locator('.article-list').evaluate((ol) => getComputedStyle(ol, '::before').content);
          assert.equal(said, '"这里还没有文章。"', 'an empty list says so');
        }
        await assertSafe(page, `feed: ${name}`);
        await assertUsable(page, `feed: ${name}`);
      });
    }
    for (const [kind, body, expected] of SIDE_FILES) {
      const name = `${kind}: ${body.slice(0, 30)}`;
      await check(failures, page, async () => {
        const [pattern, path, ready] = SIDE[kind];
        await page.route(pattern, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
        try {
          await page.goto(`${site.origin}${path}`);
          await appReady(page);
          const got = await outcome(page, ready, name);
          if (expected !== 'either') assert.equal(got, expected, name);
          await page.waitForTimeout(200); // the related list settles
          await assertSafe(page, name);
        } finally {
          await page.unroute(pattern);
        }
        await assertUsable(page, name);
      });
    }
    assert.deepEqual(failures, []);
    await page.context().close();
  });
});

describe('network faults', () => {
  for (const [name, fault, kind, pattern] of [
    ['a 500 answer', (route) => route.fulfill({ status: 500, body: 'Internal Server Error' }), 'server', /500|服务器/],
    ['a 503 answer', (route) => route.fulfill({ status: 503, body: '' }), 'server', /503|服务器/],
    ['a connection reset', (route) => route.abort('connectionreset'), 'network', /网络|连接/],
    ['a refused connection', (route) => route.abort('connectionrefused'), 'network', /网络|连接/],
    ['a 404 for the article file', (route) => route.fulfill({ status: 404, body: 'not found' }), 'not-found', /不存在|找不到/],
  ]) {
    it(`${name}: says so, and the retry (or the way home) works once the server recovers`, async () => {
      const page = await watchedPage();
      await page.goto(site.origin + '/');
      await appReady(page);
      await page.route('**/data/articles/*.json', fault);
      await page.getByRole('link', { name: JSON.parse(seedText).title }).first().click();
      const view = page.locator(`.error-view[data-error="${kind}"]`);
      await view.waitFor();
      assert.match(await view.innerText(), pattern);
      await page.unroute('**/data/articles/*.json');
      const retry = view.getByRole('button', { name: '重试' });
      if (await retry.count()) {
        await retry.click();
        await page.waitForSelector('h1.article-title');
      } else {
        await view.getByRole('link', { name: '返回首页' }).click();
        await page.waitForSelector('.article-list');
      }
      await assertSafe(page, name);
      await page.context().close();
    });
  }
});

describe('a browser that cannot write Beijing time', () => {
  it('shows the time as published instead of failing the article', async () => {
    const page = await watchedPage();
    // As an engine without the Asia/Shanghai zone (or a broken Intl): toLocaleString throws.
    await page.addInitScript(() => {
      Date.prototype.toLocaleString = function () { throw new RangeError('Invalid time zone specified: Asia/Shanghai'); };
    });
    await openInApp(page, site.origin, JSON.parse(seedText).title); // the app's own rendering
    const published = JSON.parse(seedText).published;
    assert.equal(await page.locator('.article-header time').innerText(), published);
    // The app still moves on.
    await page.locator('.article-tags a.tag').first().click();
    await page.waitForSelector('.article-list .card');
    await assertSafe(page, 'toLocaleString throws');
    await page.context().close();
  });
});

describe('Content-Security-Policy', () => {
  it('is strict, sent on pages, scripts and data, and refuses an injected inline script', async () => {
    for (const path of ['/', `/article/${SEED_ID}`, '/no/such/route', '/data/feed.json', '/sw.js']) {
      const res = await fetch(site.origin + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, path);
      assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/, path);
      assert.match(csp, /object-src 'none'/, path);
      assert.doesNotMatch(csp, /frame-ancestors/, `${path}: partners may embed`);
    }
    // The policy is in force: a script injected into the page does not run, and the browser
    // reports the violation. (A plain page: this file's violation check is for the app's own.)
    const context = await site.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    const result = await page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: window.__injected === 1, directive: e.effectiveDirective }), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__injected = 1';
      document.head.append(s);
      setTimeout(() => resolve({ ran: window.__injected === 1, directive: null }), 2000);
    }));
    assert.deepEqual(result, { ran: false, directive: 'script-src-elem' });
    await context.close();
  });
});
