// Reader comfort (issue 7, in part): settings that persist and apply before the first paint,
// the interface language, reading time, share, print; and screenshots of the main views at
// phone and desktop widths for a person to look at (tests/e2e/artifacts/screenshots/).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useSite, newPage, appReady, toArticleEnd } from './harness.mjs';

const SEED_ID = 'c6c151299a20712a';
const seed = JSON.parse(readFileSync(join(ROOT, 'public/data/articles', `${SEED_ID}.json`), 'utf8'));
const site = useSite();
const SHOTS = join(ROOT, 'tests/e2e/artifacts/screenshots');

describe('reader settings', () => {
  it('theme and text size persist across a reload and apply before the first paint', async () => {
    const page = await newPage(site.browser, { colorScheme: 'light' });
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    const sizeBefore = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize));
    await page.locator('.settings > summary').click();
    await page.getByRole('button', { name: '深色' }).click();
    await page.getByRole('button', { name: '增大字号' }).click();
    await page.getByRole('button', { name: '宽' }).click();
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    // At the very first paint of the reloaded page (before any app code), the settings hold.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        window.firstPaint = {
          theme: document.documentElement.dataset.theme,
          font: document.documentElement.dataset.font,
          bg: getComputedStyle(document.body).backgroundColor,
        };
      });
    });
    await page.reload();
    await appReady(page);
    const first = await page.evaluate(() => window.firstPaint);
    assert.equal(first.theme, 'dark');
    assert.equal(first.font, '3');
    const [r, g, b] = first.bg.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 150, `dark before the app ran: ${first.bg}`);
    const sizeAfter = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize));
    assert.ok(sizeAfter > sizeBefore, `${sizeBefore} → ${sizeAfter}`);
    assert.equal(await page.getAttribute('html', 'data-width'), 'wide');
    await page.context().close();
  });

  it('the language switch changes the interface strings, the lang attribute and the date format', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    assert.match(await page.locator('.byline time').innerText(), /2023年12月7日 15:58/);
    await page.locator('.settings > summary').click();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'English' }).click()]);
    await appReady(page);
    await page.waitForSelector('mark.metric');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('.highlights-title').innerText(), 'Key figures');
    assert.equal(await page.getByRole('link', { name: 'Tags' }).count(), 1);
    assert.match(await page.locator('.byline time').innerText(), /Dec 7, 2023/);
    assert.equal(await page.getAttribute('article.article', 'lang'), 'zh-CN', 'the article text stays Chinese');
    // Numbers by Intl for the chosen language: the character count grouped as en writes it.
    const en = (await page.locator('.reading-time').innerText()).match(/^([\d,]+) characters(?:, [\d,]+ words)? · \d+–\d+ min read$/);
    assert.ok(en, 'the English reading time');
    assert.equal(en[1], Number(en[1].replaceAll(',', '')).toLocaleString('en'));
    await page.locator('.settings > summary').click();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '中文' }).click()]);
    await appReady(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.context().close();
  });
});

describe('reading', () => {
  it('shows the reading time as a range from the character count', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    await page.waitForSelector('mark.metric');
    const text = await page.locator('.reading-time').innerText();
    const m = text.match(/^([\d,]+) 字(?: · ([\d,]+) 个外文词)? · 约 (\d+)–(\d+) 分钟$/);
    assert.ok(m, text);
    const [chars, words] = [Number(m[1].replaceAll(',', '')), Number((m[2] ?? '0').replaceAll(',', ''))];
    assert.ok(chars > 1500, text);
    assert.equal(m[1], chars.toLocaleString('zh-CN'), 'the count is written as Intl writes it for zh-CN');
    // Reader View's speeds: 255 ± 29 characters and 228 ± 30 words a minute.
    const minutes = (cpm, wpm) => Math.max(1, Math.ceil((Math.floor((chars * 60) / cpm) + Math.floor((words * 60) / wpm)) / 60));
    assert.equal(Number(m[3]), minutes(284, 258));
    assert.equal(Number(m[4]), minutes(226, 198));
    await page.context().close();
  });

  it('share copies the link where the Web Share API is missing', async () => {
    const page = await newPage(site.browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    await toArticleEnd(page);
    await page.getByRole('button', { name: '分享' }).click();
    await page.locator('.share-status', { hasText: '链接已复制' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${site.origin}/article/${SEED_ID}`);
    await page.context().close();
  });

  it('prints the article alone, with marks readable in black and white', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    await page.waitForSelector('mark.metric');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.site-header').isVisible(), false);
    assert.equal(await page.locator('.settings').isVisible(), false);
    const mark = await page.locator('mark.metric').first().evaluate((m) => {
      const s = getComputedStyle(m);
      return { bg: s.backgroundColor, weight: s.fontWeight, line: s.textDecorationLine };
    });
    assert.equal(mark.bg, 'rgba(0, 0, 0, 0)');
    assert.equal(mark.weight, '700');
    assert.match(mark.line, /underline/);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000);
    await page.context().close();
  });
});

describe('search', () => {
  it('finds the seed article by a word from its title, from the form and by URL', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/`);
    await appReady(page);
    await page.getByRole('link', { name: '搜索' }).click();
    await page.locator('#search-q').fill('帮县带村');
    await page.locator('.search-form button').click();
    await page.waitForFunction(() => location.search === '?q=' + encodeURIComponent('帮县带村'));
    await page.getByRole('link', { name: seed.title }).waitFor();
    assert.match(await page.locator('.search-summary').innerText(), /找到 1 篇文章/);
    // A shared search URL works on its own, and a query with no match says so.
    await page.goto(`${site.origin}/search?q=${encodeURIComponent('没有这种文章')}`);
    await appReady(page);
    await page.locator('.search-summary', { hasText: '没有找到' }).waitFor();
    const alsoSaid = await page.locator('.article-list').evaluate((ol) => getComputedStyle(ol, '::before').content);
    assert.equal(alsoSaid, 'none', 'said once, not also as an empty list');
    await page.goto(`${site.origin}/search?q=${encodeURIComponent(seed.tags[0])}`);
    await appReady(page);
    await page.getByRole('link', { name: seed.title }).waitFor();
    assert.ok(await page.locator('.article-list .card').count() >= 2, 'a tag finds the articles that have it');
    await page.context().close();
  });

  it('finds a phrase from the body text and marks it in the passage shown', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/search?q=${encodeURIComponent('建始投入财政资金')}`);
    await appReady(page);
    await page.getByRole('link', { name: seed.title }).waitFor();
    const card = page.locator('.card', { has: page.getByRole('link', { name: seed.title }) });
    assert.equal(await card.locator('.search-passage mark').first().innerText(), '建始投入财政资金');
    assert.match(await card.locator('.search-passage').innerText(), /建始投入财政资金9500万元/);
    await page.context().close();
  });
});

describe('navigation within an article', () => {
  it('the table of contents jumps to each section, and the skip link to the content', async () => {
    const page = await newPage(site.browser, { viewport: { width: 800, height: 700 } });
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    await page.waitForSelector('mark.metric');
    const headings = seed.body.filter((b) => b.type === 'heading').map((b) => b.text);
    const toc = page.locator('nav.toc');
    assert.deepEqual(await toc.locator('a').allInnerTexts(), headings);
    const last = headings.length;
    await toc.locator('a').nth(last - 1).click();
    await page.waitForFunction((n) => location.hash === `#section-${n}`, last);
    assert.equal(new URL(page.url()).pathname, `/article/${SEED_ID}`, 'stays on the article');
    assert.equal(await page.evaluate(() => document.activeElement.id), `section-${last}`);
    const top = await page.locator(`#section-${last}`).evaluate((h) => h.getBoundingClientRect().top);
    assert.ok(top > -2 && top < 700, `the section is in view (top ${top})`);
    // The section being read is marked in the contents (and only that one).
    await page.waitForFunction((n) => document.querySelector('.toc a[aria-current="location"]')?.hash === `#section-${n}`, last);
    assert.equal(await toc.locator('a[aria-current]').count(), 1);
    await page.evaluate(() => scrollTo(0, 0));
    await page.waitForFunction(() => !document.querySelector('.toc a[aria-current]'), null, { timeout: 5000 });
    // Part way down: the marked section is the last one whose heading is above the top third.
    await page.locator('#section-1').evaluate((h) => scrollTo(0, scrollY + h.getBoundingClientRect().top + 40));
    await page.waitForFunction(() => document.querySelector('.toc a[aria-current]'));
    const marked = await page.evaluate(() => {
      const third = innerHeight / 3;
      const tops = [...document.querySelectorAll('.article-body h2[id]')].map((h) => [h.id, h.getBoundingClientRect().top]);
      const read = tops.filter(([, top]) => top < third).pop();
      return [document.querySelector('.toc a[aria-current]').hash.slice(1), read?.[0]];
    });
    assert.equal(marked[0], marked[1], 'the marked section is the one being read');
    // The skip link: keyboard first, to the main content, on the same page.
    await page.goto(`${site.origin}/article/${SEED_ID}`);
    await appReady(page);
    await page.waitForSelector('mark.metric');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement.id === 'main');
    assert.equal(new URL(page.url()).pathname, `/article/${SEED_ID}`);
    await page.context().close();
  });
});

describe('touch targets', () => {
  it('every link, button and field is at least 44 × 44 px on a 375 px phone, settings open too', async () => {
    const page = await newPage(site.browser, { viewport: { width: 375, height: 800 }, serviceWorkers: 'block' });
    const small = [];
    for (const path of ['/', `/article/${SEED_ID}`, `/tag/${encodeURIComponent(seed.tags[0])}`, '/tags', `/search?q=${encodeURIComponent('振兴')}`]) {
      await page.goto(site.origin + path);
      await appReady(page);
      await page.waitForSelector('#main :is(.card, .article-body, .tag)');
      await page.locator('.settings > summary').click();
      const found = await page.evaluate((path) => {
        const targets = [...document.querySelectorAll('a[href], button, summary, input, select, textarea')]
          .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden');
        const tooSmall = targets
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width < 44 || r.height < 44)
          .map(({ el, r }) => `${path}: <${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent.trim().slice(0, 12)} ${Math.round(r.width)}×${Math.round(r.height)}`);
        return { checked: targets.length, tooSmall };
      }, path);
      assert.ok(found.checked >= 15, `${path}: ${found.checked} targets measured`);
      small.push(...found.tooSmall);
    }
    assert.deepEqual(small, []);
    await page.context().close();
  });
});

describe('screenshots', () => {
  it('home, article (light and dark) and tag views at 320, 375, 1280 and 3840 px, none scrolling sideways', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const tag = encodeURIComponent(seed.tags[0]);
    for (const width of [320, 375, 1280, 3840]) {
      for (const [name, path, scheme, ready] of [
        ['home', '/', 'light', '.article-list'],
        ['article-light', `/article/${SEED_ID}`, 'light', 'mark.metric'],
        ['article-dark', `/article/${SEED_ID}`, 'dark', 'mark.metric'],
        ['tag', `/tag/${tag}`, 'light', '.article-list'],
      ]) {
        const page = await newPage(site.browser, { viewport: { width, height: 900 }, colorScheme: scheme });
        await page.goto(site.origin + path);
        await appReady(page);
        await page.waitForSelector(ready);
        // No horizontal scrolling at any width.
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name} at ${width}px scrolls sideways`);
        await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: width < 1280 });
        await page.context().close();
      }
    }
  });
});
