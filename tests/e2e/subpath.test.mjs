// The app deployed under a sub-path (`trunk build --public-url /reader/`, served with
// `yuedu serve --base /reader/`): links, data, deep links and not-found all stay under it.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, newPage, appReady } from './harness.mjs';

const site = useSite({ dist: 'dist-reader', base: '/reader/' });

it('home → article → tag → reload, all under /reader/', async () => {
  const page = await newPage(site.browser);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${site.origin}/reader/`);
  await appReady(page);
  await page.waitForSelector('.card-title a');
  const link = page.locator('.card-title a').first();
  assert.match(await link.getAttribute('href'), /^\/reader\/article\//);
  await link.click();
  await page.waitForSelector('article.article');
  assert.match(new URL(page.url()).pathname, /^\/reader\/article\//);
  await page.locator('.article-tags a.tag').first().click();
  await page.waitForSelector('.page-title');
  assert.match(new URL(page.url()).pathname, /^\/reader\/tag\//);
  await page.reload();
  await page.waitForSelector('.article-list .card');
  await page.locator('.site-header .brand').click();
  await page.waitForFunction(() => location.pathname === '/reader/');
  assert.ok(requests.every((p) => p.startsWith('/reader/')), requests.filter((p) => !p.startsWith('/reader/')).join('\n'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

it('繁體 under the sub-path: the reader module, its wasm and the table come from under /reader/', async () => {
  const page = await newPage(site.browser, { serviceWorkers: 'block' });
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.addInitScript(() => localStorage.setItem('yuedu-settings', 'script=hant'));
  await page.goto(`${site.origin}/reader/article/c6c151299a20712a`);
  await appReady(page);
  await page.waitForSelector('html[data-script-state=ready]');
  for (const file of [/^\/reader\/reader\.js$/, /^\/reader\/reader-[0-9a-f]{16}\.wasm$/, /^\/reader\/zh-hant\.txt$/]) {
    assert.ok(requests.some((p) => file.test(p)), `${file} in ${requests.join(' ')}`);
  }
  assert.ok(requests.every((p) => p.startsWith('/reader/')), requests.filter((p) => !p.startsWith('/reader/')).join('\n'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

it('an unknown route under the sub-path is not found, with a way home under it', async () => {
  const page = await newPage(site.browser);
  await page.goto(`${site.origin}/reader/no/such/page`);
  const view = page.locator('.error-view[data-error="not-found"]');
  await view.waitFor();
  assert.equal(await view.getByRole('link', { name: '返回首页' }).getAttribute('href'), '/reader/');
  await page.context().close();
});

it('the service worker and the manifest are scoped to the sub-path', async () => {
  const page = await newPage(site.browser);
  await page.goto(`${site.origin}/reader/`);
  await appReady(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  const { scope, script } = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { scope: reg.scope, script: reg.active.scriptURL };
  });
  assert.equal(scope, `${site.origin}/reader/`);
  assert.equal(script, `${site.origin}/reader/sw.js`);
  const cdp = await page.context().newCDPSession(page);
  const { url, data } = await cdp.send('Page.getAppManifest');
  assert.equal(url, `${site.origin}/reader/manifest.webmanifest`);
  assert.equal(JSON.parse(data).start_url, './');
  // A deep link under the sub-path opens from the precached shell.
  await page.goto(`${site.origin}/reader/tags`);
  await page.waitForSelector('.tag-index');
  await page.context().close();
});
