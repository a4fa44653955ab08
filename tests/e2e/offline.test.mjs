// Offline and installable, end to end in headless Chromium against the release dist/ over HTTP:
// the service worker takes control, the server goes away (its port refuses connections, and the
// browser is told it is offline), what was opened or saved before still opens, what was not
// says so; then a rebuilt site (a new version) comes back and the update prompt switches to it
// cleanly. Installability through the DevTools protocol.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { ROOT, CHROMIUM_ARGS, useSite, newPage, appReady, toArticleEnd } from './harness.mjs';

const SEED_ID = 'c6c151299a20712a';
// Articles on the first home page (the reader clicks through to them), one saved on purpose, one never opened.
const feed = JSON.parse(readFileSync(join(ROOT, 'public/data/feed.json'), 'utf8')).items.map((i) => i.id).filter((id) => id !== SEED_ID);
const [OTHER, SAVED, NEVER] = feed;
const title = (id) => JSON.parse(readFileSync(join(ROOT, 'public/data/articles', `${id}.json`), 'utf8')).title;

const ctx = useSite();

/** Waits until the service worker controls `page`. */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });

/** Waits until the runtime data cache holds `n` or more responses matching `part`. */
async function cached(page, part, n = 1) {
  await page.waitForFunction(async ([part, n]) => {
    const keys = await (await caches.open('yuedu-data')).keys();
    return keys.filter((r) => r.url.includes(part)).length >= n;
  }, [part, n], { timeout: 10_000 });
}

describe('a reader who goes offline', () => {
  let page;
  before(async () => {
    page = await newPage(ctx.browser);
    await page.goto(ctx.origin + '/');
    await appReady(page);
    await controlled(page);
    // Home, then two articles (in-app navigation, the way a reader gets there).
    for (const id of [SEED_ID, OTHER]) {
      await page.goto(`${ctx.origin}/`);
      await appReady(page);
      await page.getByRole('link', { name: title(id) }).first().click();
      await page.waitForSelector(`article[data-article-id="${id}"]`);
      await cached(page, `/data/articles/${id}.json`);
    }
    // Saved on purpose: then the runtime copy is dropped, so only the saved copy can serve it.
    await page.goto(`${ctx.origin}/article/${SAVED}`);
    await page.waitForSelector(`article[data-article-id="${SAVED}"]`);
    await toArticleEnd(page);
    await page.getByRole('button', { name: '保存离线阅读' }).click();
    await page.locator('.save-status', { hasText: '已保存，离线可读' }).waitFor();
    await page.evaluate(async (id) => {
      const cache = await caches.open('yuedu-data');
      for (const r of await cache.keys()) if (r.url.includes(id)) await cache.delete(r);
    }, SAVED);

    // A missing article (404) is not cached: offline, it must not look like it exists.
    await page.goto(`${ctx.origin}/article/no-such-article`);
    await page.locator('.error-view[data-error="not-found"]').waitFor();

    await ctx.site.stopServer();
    await page.context().setOffline(true);
  });

  it('never cached an error response', async () => {
    const urls = await page.evaluate(async () => {
      const out = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) out.push(r.url);
      return out;
    });
    assert.ok(urls.some((u) => u.includes(`/data/articles/${OTHER}.json`)), 'what was read is cached');
    assert.ok(!urls.some((u) => u.includes('no-such-article')), urls.join('\n'));
  });
  after(() => page.context().close());

  it('reloads the article it was reading', async () => {
    await page.goto(`${ctx.origin}/article/${OTHER}`);
    await page.reload();
    await appReady(page);
    await page.waitForSelector(`article[data-article-id="${OTHER}"]`);
    assert.equal(await page.locator('h1').innerText(), title(OTHER));
  });

  it('shows the offline badge', async () => {
    const badge = page.locator('.offline-badge');
    await badge.waitFor({ state: 'visible' });
    assert.equal(await badge.innerText(), '离线');
  });

  it('opens the other article it read by deep link', async () => {
    await page.goto(`${ctx.origin}/article/${SEED_ID}`);
    await appReady(page);
    await page.waitForSelector(`article[data-article-id="${SEED_ID}"]`);
    assert.ok(await page.locator('mark.metric').count() > 5);
  });

  it('opens a saved article from the saved list', async () => {
    await page.goto(`${ctx.origin}/saved`);
    await appReady(page);
    const link = page.getByRole('link', { name: title(SAVED) });
    await link.waitFor();
    await link.click();
    await page.waitForSelector(`article[data-article-id="${SAVED}"]`);
    assert.equal(await page.locator('h1').innerText(), title(SAVED));
  });

  it('says clearly that a never-opened article is not available offline', async () => {
    await page.goto(`${ctx.origin}/article/${NEVER}`);
    await appReady(page);
    const error = page.locator('.error-view[data-error="offline"]');
    await error.waitFor();
    assert.match(await error.innerText(), /这个页面没有保存在本机/);
    assert.ok(await error.getByRole('link', { name: '查看已保存的文章' }).isVisible());
    assert.ok(await error.getByRole('button', { name: '重试' }).isVisible());
  });

  it('offers the new version when the network comes back with a new deployment, and switches cleanly', async () => {
    // Rebuild: a changed shell (shell.html marks build 2), its service worker regenerated over it.
    const index = join(ctx.site.dir, 'shell.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<meta name="yuedu-build" content="2"><title>'));
    execFileSync(process.execPath, [join(ROOT, 'scripts/sw.mjs'), ctx.site.dir], { stdio: 'ignore' });
    // And precompressed again, as scripts/build does last: servers send a .br/.gz sibling
    // whatever its mtime, so a stale one would still be the old shell and service worker.
    execFileSync(process.execPath, [join(ROOT, 'scripts/precompress.mjs'), ctx.site.dir], { stdio: 'ignore' });
    await ctx.site.startServer();
    await page.context().setOffline(false);

    await page.goto(`${ctx.origin}/article/${SEED_ID}`);
    await appReady(page);
    // Still the old shell until the reader accepts.
    assert.equal(await page.$('meta[name="yuedu-build"]'), null);
    const banner = page.locator('.update-banner');
    await banner.waitFor({ timeout: 20_000 });
    assert.match(await banner.innerText(), /阅读有新版本/);
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '重新加载' }).click()]);
    await appReady(page);
    await page.waitForSelector(`article[data-article-id="${SEED_ID}"]`);
    assert.equal(await page.getAttribute('meta[name="yuedu-build"]', 'content'), '2');
    assert.equal(await page.locator('.update-banner').count(), 0);
    // What the reader saved survives the update.
    await page.goto(`${ctx.origin}/saved`);
    await page.getByRole('link', { name: title(SAVED) }).waitFor();
    const problems = page.problems.filter((p) => !p.includes('Failed to load resource') && !p.includes('ERR_INTERNET_DISCONNECTED'));
    assert.deepEqual(problems, []);
  });
});

describe('installable', () => {
  it('has no installability errors and a valid manifest', async () => {
    // A persistent profile: Chromium never offers to install from an incognito-like context.
    const profile = mkdtempSync(join(tmpdir(), 'yuedu-profile-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, locale: 'zh-CN' });
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(ctx.origin + '/');
    await appReady(page);
    await controlled(page);
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const { errors, url } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(errors, []);
    assert.equal(url, `${ctx.origin}/manifest.webmanifest`);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('manifest: names, scope that follows a sub-path deploy, colours, icons of the stated sizes', () => {
    const m = JSON.parse(readFileSync(join(ROOT, 'public/manifest.webmanifest'), 'utf8'));
    assert.equal(m.name, '阅读 yuedu');
    assert.equal(m.short_name, '阅读');
    assert.equal(m.lang, 'zh-CN');
    assert.ok(m.name_localized?.en && m.short_name_localized?.en, 'an English variant');
    // Relative to the manifest, so /reader/manifest.webmanifest scopes the app to /reader/.
    assert.equal(m.start_url, './');
    assert.equal(m.scope, './');
    assert.equal(m.display, 'standalone');
    assert.match(m.theme_color, /^#[0-9a-f]{6}$/);
    assert.match(m.background_color, /^#[0-9a-f]{6}$/);
    const png = (src) => {
      const b = readFileSync(join(ROOT, 'public', src));
      assert.equal(b.toString('ascii', 1, 4), 'PNG', src);
      return `${b.readUInt32BE(16)}x${b.readUInt32BE(20)}`;
    };
    const purposes = new Set();
    for (const icon of m.icons) {
      assert.equal(png(icon.src), icon.sizes, icon.src);
      assert.equal(icon.type, 'image/png');
      purposes.add(`${icon.purpose} ${icon.sizes}`);
    }
    for (const need of ['any 192x192', 'any 512x512', 'maskable 512x512']) assert.ok(purposes.has(need), need);
  });

  it('registers no service worker inside an embed', async () => {
    const page = await newPage(ctx.browser);
    await page.goto(`${ctx.origin}/embed/article/${SEED_ID}`);
    await appReady(page);
    await page.waitForSelector(`article[data-article-id="${SEED_ID}"]`);
    await page.waitForTimeout(1000); // pwa.js registers on load
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
    await page.context().close();
  });
});
