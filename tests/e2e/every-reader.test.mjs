// For every reader (issue 19): 长辈模式 (elder-friendly), the high-contrast theme, 朗读 (read
// aloud) and 繁體 (Traditional characters), in real Chromium against the built app. Screenshots
// of each mode at 375 px go to tests/e2e/artifacts/screenshots/every-reader-*.png.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useSite, newPage, appReady } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
// The oracle for 繁體: OpenCC's own converter (s2t) in JavaScript, not the app's.
const OpenCC = require('opencc-js');
const toHant = OpenCC.Converter({ from: 'cn', to: 't' });
const SEED_ID = 'c6c151299a20712a';
const seed = JSON.parse(readFileSync(join(ROOT, 'public/data/articles', `${SEED_ID}.json`), 'utf8'));
const site = useSite();
const SHOTS = join(ROOT, 'tests/e2e/artifacts/screenshots');
const ARTICLE = () => `${site.origin}/article/${SEED_ID}`;

/** Opens the settings panel and presses the button named `name`. */
async function setting(page, name) {
  if (!(await page.locator('.settings').evaluate((d) => d.open))) await page.locator('.settings > summary').click();
  await page.getByRole('button', { name, exact: true }).click();
}

/** What public/access.js says when the reader module cannot be fetched. */
const MODULE_FAILED = /繁体和朗读功能没有加载成功/;

/** Waits until the reader module's load has failed: access.js has taken its script out of the
 * page and put the status line in. */
async function moduleFailed(page) {
  await page.waitForFunction((failed) => !document.querySelector('script[src="reader.js"]') && new RegExp(failed).test(document.querySelector('main > .notice')?.textContent),
    MODULE_FAILED.source);
}

/** After 繁體 failed: the page is in Simplified; after `online()`, choosing 繁體 again
 * converts it. */
async function convertsOnceOnline(page, online) {
  assert.equal(await page.locator('.article-title').innerText(), seed.title, 'the page stays in Simplified');
  online();
  await setting(page, '繁體');
  await page.waitForSelector('html[data-script-state=ready]');
  assert.equal(await page.locator('.article-title').innerText(), toHant(seed.title));
}

/** Chooses 繁體 while the reader module cannot be had: the page says so and stays in
 * Simplified; after `online()`, choosing it again converts the page. */
async function hantFailsThenConverts(page, online) {
  await setting(page, '繁體');
  await moduleFailed(page);
  await convertsOnceOnline(page, online);
}

/** The seed article for a reader with these stored settings, while the network refuses what
 * `refused` matches (offline before it was ever cached), until `online()`. */
async function openRefusing(settings, refused) {
  const page = await newPage(site.browser, { serviceWorkers: 'block' });
  await page.addInitScript((s) => localStorage.setItem('yuedu-settings', s), settings);
  let refuse = true;
  await page.route(refused, (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(ARTICLE());
  await appReady(page);
  return { page, online: () => { refuse = false; } };
}

/** Waits for the accessibility styles (`access-<hash>.css`), which access.js links when a
 * setting first needs them: until the file has arrived the page keeps its former look. */
async function accessStyles(page) {
  await page.waitForFunction(() => [...document.styleSheets].some((s) => /\/access-[0-9a-f]+\.css$/.test(s.href ?? '')));
}

/** axe-core's violations, with the AAA contrast rule (color-contrast-enhanced, 7:1) on. */
async function axeViolations(page) {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () =>
    (await window.axe.run(document, { rules: { 'color-contrast-enhanced': { enabled: true } } })).violations.map((v) => ({
      id: v.id,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`),
    })));
}

/** What elder mode promises, measured on the computed styles of the page as it is. */
async function elderChecks(page) {
  return page.evaluate(() => {
    const px = (el, p) => parseFloat(getComputedStyle(el)[p]);
    const p = document.querySelector('.article-body p');
    const small = [...document.querySelectorAll(
      'main :is(p, li, dd, dt, span, a, button, summary, figcaption, time)')].filter((el) => el.offsetParent && el.textContent.trim())
      .map((el) => [el.className || el.tagName, px(el, 'fontSize')]).filter(([, size]) => size < 19.9);
    const controls = [...document.querySelectorAll(
      '.settings > summary, .site-nav a, .brand, .tag, .highlights > summary, .metric-card, .toc a, .chip, .button, .reader-bar button, .reader-bar select')]
      .filter((el) => el.offsetParent)
      .map((el) => [el.textContent.trim().slice(0, 12) || el.className, el.getBoundingClientRect()])
      .filter(([, r]) => r.width < 47.5 || r.height < 47.5)
      .map(([name, r]) => `${name} ${Math.round(r.width)}×${Math.round(r.height)}`);
    return {
      body: px(p, 'fontSize'),
      lineHeight: px(p, 'lineHeight') / px(p, 'fontSize'),
      small: small.slice(0, 5),
      controls,
      // The label is generated content (innerText leaves it out): what it says, and the room it takes.
      settingsLabel: getComputedStyle(document.querySelector('.settings > summary'), '::after').content,
      settingsWidth: document.querySelector('.settings > summary').getBoundingClientRect().width,
      scroll: document.documentElement.scrollWidth,
      width: innerWidth,
    };
  });
}

describe('长辈模式 and high contrast', () => {
  it('a reader who never uses them downloads neither their styles nor access.js; one who does gets them before the first paint', async () => {
    const page = await newPage(site.browser, { viewport: { width: 375, height: 800 }, serviceWorkers: 'block' });
    const sheets = [];
    const loaders = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.resourceType() === 'stylesheet') sheets.push(path);
      if (/\/(access|reader)\.js$/.test(path)) loaders.push(path);
    });
    await page.goto(ARTICLE());
    await appReady(page);
    await page.waitForSelector('mark.metric');
    assert.deepEqual(sheets, [], 'no stylesheet fetched for a default reader');
    assert.deepEqual(loaders, [], 'nor access.js, nor the reader module');
    assert.ok(!(await page.evaluate(() => [...document.styleSheets].some((s) => /data-elder|data-read|:root\[data-theme="contrast"\]/.test([...s.cssRules].map((r) => r.cssText).join(''))))),
      'the inline styles hold no elder, read-aloud or contrast rules');
    // High contrast chosen in an earlier visit: the stylesheet is in the head as it is parsed.
    await page.evaluate(() => localStorage.setItem('yuedu-settings', 'theme=contrast'));
    await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
      window.firstPaint = getComputedStyle(document.body).backgroundColor;
    }));
    await page.reload();
    await appReady(page);
    assert.equal(await page.evaluate(() => window.firstPaint), 'rgb(0, 0, 0)');
    assert.equal(sheets.length, 1, sheets.join());
    assert.match(sheets[0], /\/access-[0-9a-f]+\.css$/);
    assert.deepEqual(loaders, ['/access.js'], 'access.js, which links them (and no reader module: no 繁體 or 朗读 asked for)');
    await page.context().close();
  });

  it('one switch gives ≥ 20 px text, line height ≥ 1.8, 48 px labelled controls, no motion, and persists before first paint', async () => {
    const page = await newPage(site.browser, { viewport: { width: 375, height: 800 }, colorScheme: 'light' });
    await page.goto(ARTICLE());
    await appReady(page);
    await page.waitForSelector('mark.metric');
    await setting(page, '大字、高对比、大按钮');
    assert.equal(await page.getAttribute('html', 'data-elder'), '');
    await accessStyles(page);
    await page.locator('.settings > summary').click(); // close the panel
    const c = await elderChecks(page);
    assert.ok(c.body >= 20, `body text ${c.body}px`);
    assert.ok(c.lineHeight >= 1.8, `line height ${c.lineHeight}`);
    assert.deepEqual(c.small, [], 'no text under 20 px in the article');
    assert.deepEqual(c.controls, [], 'every control at least 48×48');
    assert.match(c.settingsLabel, /^(attr\(aria-label\)|"阅读设置")$/, 'the settings button shows its label');
    assert.equal(await page.getAttribute('.settings > summary', 'aria-label'), '阅读设置');
    assert.ok(c.settingsWidth >= 4 * 20 + 20, `the label takes its room: ${c.settingsWidth}px`);
    // A metric card flashes its mark in the text: not in elder mode.
    await page.locator('.metric-card').first().click();
    assert.equal(await page.evaluate(() => document.getAnimations().length), 0, 'no animation');
    // Remembered, and applied before any app code runs.
    await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
      window.firstPaint = { elder: document.documentElement.hasAttribute('data-elder'), size: getComputedStyle(document.body).fontSize };
    }));
    await page.reload();
    await appReady(page);
    const first = await page.evaluate(() => window.firstPaint);
    assert.ok(first.elder && parseFloat(first.size) >= 20, JSON.stringify(first));
    await page.context().close();
  });

  for (const theme of ['light', 'dark', 'sepia', 'contrast']) {
    it(`elder mode in the ${theme} theme: AAA contrast (axe, 7:1), readable highlights, nothing wider than 320 px`, async () => {
      mkdirSync(SHOTS, { recursive: true });
      const page = await newPage(site.browser, { viewport: { width: 375, height: 800 }, colorScheme: theme === 'dark' ? 'dark' : 'light', serviceWorkers: 'block' });
      await page.addInitScript((t) => localStorage.setItem('yuedu-settings', `theme=${t}&elder=1`), theme);
      await page.goto(ARTICLE());
      await appReady(page);
      await page.waitForSelector('mark.metric');
      await page.waitForTimeout(300); // related list and fonts settle
      assert.deepEqual(await axeViolations(page), []);
      // The text against its background, computed here too (the body and the figures' cards).
      const ratios = await page.evaluate(() => {
        const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
        const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
        const bg = getComputedStyle(document.body).backgroundColor;
        const of = (sel) => getComputedStyle(document.querySelector(sel)).color;
        const card = document.querySelector('.metric-card');
        return {
          body: ratio(of('.article-body p'), bg),
          byline: ratio(of('.byline'), bg),
          cardLabel: ratio(getComputedStyle(card.querySelector('.metric-label')).color, getComputedStyle(card).backgroundColor),
        };
      });
      for (const [what, r] of Object.entries(ratios)) assert.ok(r >= 7, `${what} ${r.toFixed(2)}:1`);
      // The highlights panel one card a row, and the chart's labels whole.
      const cards = await page.locator('.metric-card').evaluateAll((els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().left));
      assert.equal(cards[0], cards[1], 'one card a row');
      await page.screenshot({ path: join(SHOTS, `every-reader-elder-${theme}-375.png`), fullPage: true });
      await page.setViewportSize({ width: 320, height: 800 });
      await page.locator('.settings > summary').click();
      await page.waitForSelector('.settings-panel fieldset');
      const c = await elderChecks(page);
      assert.ok(c.scroll <= c.width, `scrollWidth ${c.scroll} at ${c.width} px, panel open`);
      assert.deepEqual(c.controls, [], 'every control at least 48×48, the panel too');
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }

  it('the high-contrast theme is a choice in the panel: white on black', async () => {
    const page = await newPage(site.browser, { viewport: { width: 375, height: 800 }, colorScheme: 'light' });
    await page.goto(ARTICLE());
    await appReady(page);
    await setting(page, '高对比');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'contrast');
    await accessStyles(page);
    const [bg, fg] = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('.article-body p')).color]);
    assert.equal(bg, 'rgb(0, 0, 0)');
    assert.equal(fg, 'rgb(255, 255, 255)');
    await page.locator('.settings > summary').click();
    await page.screenshot({ path: join(SHOTS, 'every-reader-contrast-375.png'), fullPage: true });
    await page.context().close();
  });

  it('an embed takes ?elder=1 before its first paint', async () => {
    const page = await newPage(site.browser, { viewport: { width: 375, height: 800 } });
    await page.goto(`${site.origin}/embed/article/${SEED_ID}?elder=1`);
    await appReady(page);
    await page.waitForSelector('mark.metric');
    assert.equal(await page.getAttribute('html', 'data-elder'), '');
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize));
    assert.ok(size >= 20, `${size}px`);
    await page.context().close();
  });
});

/** Headless Chromium has no voice (not even with speech-dispatcher and espeak-ng installed):
 * this lists one Chinese voice to the page, and records every utterance the app gives to
 * speechSynthesis.speak (text, lang, rate) in its place — the real engine, having no voice,
 * would only answer with a synthesis error. The test plays the engine's part: it dispatches
 * each utterance's `end` event. cancel, pause and resume are the browser's own. */
function recordSpeech(withVoice) {
  window.spoken = [];
  speechSynthesis.speak = (u) => {
    window.spoken.push(u);
  };
  if (withVoice) {
    const voice = Object.create(SpeechSynthesisVoice.prototype, {
      name: { value: 'Test 普通话' }, lang: { value: 'zh-CN' }, default: { value: true }, localService: { value: true }, voiceURI: { value: 'test' },
    });
    speechSynthesis.getVoices = () => [voice];
  }
}

describe('朗读', () => {
  it('without a Chinese voice the bar says so and does not play', async () => {
    const page = await newPage(site.browser, { viewport: { width: 375, height: 800 } });
    await page.addInitScript(() => {
      speechSynthesis.getVoices = () => []; // a browser with no voice at all
    });
    await page.goto(ARTICLE());
    await appReady(page);
    await setting(page, '朗读');
    await page.waitForSelector('.reader-bar .reader-status:not(:empty)');
    assert.match(await page.locator('.reader-status').innerText(), /没有中文语音/);
    assert.ok(await page.locator('.reader-bar [data-act=play]').isDisabled());
    // Asked again, the same bar (not a second one) still says so.
    await setting(page, '朗读');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.reader-bar').count(), 1);
    await page.context().close();
  });

  it('reads sentence by sentence from the paragraph in view, figures as words, the highlight following', async () => {
    const page = await newPage(site.browser, { viewport: { width: 375, height: 800 } });
    await page.addInitScript(recordSpeech, true);
    await page.goto(ARTICLE());
    await appReady(page);
    await page.waitForSelector('mark.metric');
    await setting(page, '朗读');
    await page.waitForFunction(() => window.spoken.length >= 1);
    const said = () => page.evaluate(() => window.spoken.map((u) => ({ text: u.text, lang: u.lang, rate: u.rate })));
    const reading = () => page.evaluate(() => ({
      highlight: [...(CSS.highlights.get('yuedu-reading') ?? [])].map((r) => r.toString()).join(''),
      block: document.querySelector('[data-reading]')?.className || document.querySelector('[data-reading]')?.tagName,
    }));
    // At the top of the page the title is in view: it comes first, in Chinese, at normal speed.
    let u = await said();
    assert.deepEqual(u[0], { text: seed.title, lang: 'zh-CN', rate: 1 });
    assert.deepEqual(await reading(), { highlight: seed.title, block: 'article-title' });
    // The engine finishing an utterance moves on to the next sentence, and the highlight with it.
    const endLast = () => page.evaluate(() => {
      const last = window.spoken.at(-1);
      last.dispatchEvent(new SpeechSynthesisEvent('end', { utterance: last }));
    });
    await endLast();
    await page.waitForFunction(() => window.spoken.length >= 2);
    // Then the body's first block, a verse: its first line.
    const verse = seed.body[0].lines[0];
    assert.deepEqual(await reading(), { highlight: verse, block: 'verse-line' });
    assert.equal((await said())[1].text, verse);
    // A click on a paragraph reads from there; its figures said as words.
    const para = page.locator('.article-body > p', { hasText: '9500万元' }).first();
    await para.click();
    await page.waitForFunction(() => window.spoken.at(-1).text.includes('万元') || window.spoken.length > 50);
    let guard = 0;
    while (!(await said()).some((s) => s.text.includes('九千五百万元')) && guard++ < 20) {
      await endLast();
      await page.waitForTimeout(20);
    }
    u = await said();
    const nine = u.find((s) => s.text.includes('九千五百万元'));
    assert.ok(nine, 'a sentence with 9500万元 said as 九千五百万元');
    assert.ok(!/\d/.test(nine.text), `no digits left: ${nine.text}`);
    const now = await reading();
    assert.ok(now.highlight.includes('9500万元'), `the highlighted sentence has the figure as written: ${now.highlight}`);
    assert.equal(await page.evaluate(() => document.querySelector('[data-reading]').textContent.includes('9500万元')), true);
    // Kept in view.
    const box = await page.evaluate(() => document.querySelector('[data-reading]').getBoundingClientRect().toJSON());
    assert.ok(box.bottom > 0 && box.top < 800, JSON.stringify(box));
    // Speed: the sentence again, faster.
    await page.locator('.reader-bar select').selectOption('1.5');
    await page.waitForFunction(() => window.spoken.at(-1).rate === 1.5);
    // Pause and resume through the same button; stop closes the bar and clears the highlight.
    await page.locator('.reader-bar [data-act=play]').click();
    assert.equal(await page.locator('.reader-bar [data-act=play]').innerText(), '播放');
    await page.locator('.reader-bar [data-act=play]').click();
    assert.equal(await page.locator('.reader-bar [data-act=play]').innerText(), '暂停');
    await page.screenshot({ path: join(SHOTS, 'every-reader-read-aloud-375.png') });
    assert.equal(await page.locator('.reader-bar').evaluate((b) => getComputedStyle(b).position), 'fixed', 'the bar has its styles (access.css, linked when it opened)');
    await page.locator('.reader-bar [data-act=stop]').click();
    assert.equal(await page.locator('.reader-bar').count(), 0);
    assert.equal(await page.getAttribute('html', 'data-read'), null);
    assert.deepEqual(await reading(), { highlight: '', block: undefined });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

/** Records, at every frame, the article title as painted (while it is visible at all). */
function watchTitle() {
  window.titlesSeen = [];
  const frame = () => {
    const title = document.querySelector('.article-title');
    if (title && getComputedStyle(title).visibility === 'visible') window.titlesSeen.push(title.textContent);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

describe('繁體', () => {
  it('converts the article and the interface in place, phrase by phrase, keeping the figures; remembered before first paint', async () => {
    const page = await newPage(site.browser, { viewport: { width: 375, height: 800 } });
    await page.goto(ARTICLE());
    await appReady(page);
    await page.waitForSelector('mark.metric');
    const marks = await page.locator('mark.metric').count();
    await setting(page, '繁體');
    await page.waitForSelector('html[data-script-state=ready]');
    assert.equal(await page.locator('.article-title').innerText(), toHant(seed.title));
    const firstPara = seed.body.find((b) => b.type === 'paragraph').text;
    assert.equal(await page.locator('.article-body > p').first().innerText(), toHant(firstPara));
    assert.equal(await page.getAttribute('article.article', 'lang'), 'zh-Hant');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant');
    assert.equal(await page.getByRole('link', { name: '標籤' }).count(), 1, 'the interface too');
    assert.equal(await page.locator('mark.metric').count(), marks, 'the marks are all there');
    // A highlight card still finds its figure in the text.
    await page.locator('.settings > summary').click();
    await page.locator('.metric-card').first().click();
    assert.equal(await page.evaluate(() => document.activeElement.matches('mark.metric')), true);
    const ms = await page.evaluate(() => ['parse', 'convert'].map((n) => performance.getEntriesByName(`yuedu-hant-${n}`)[0].duration));
    console.log(`繁體: table parsed in ${ms[0].toFixed(1)} ms, the seed article page converted in ${ms[1].toFixed(1)} ms`);
    await page.screenshot({ path: join(SHOTS, 'every-reader-hant-375.png'), fullPage: true });
    // Remembered: <html data-script> before the app, then converted again — and never
    // painted in Simplified first (every frame's visible title is the Traditional one).
    await page.addInitScript(watchTitle);
    await page.reload();
    await appReady(page);
    await page.waitForSelector('html[data-script-state=ready]');
    assert.equal(await page.locator('.article-title').innerText(), toHant(seed.title));
    await page.evaluate(() => new Promise(requestAnimationFrame));
    assert.deepEqual([...new Set(await page.evaluate(() => window.titlesSeen))], [toHant(seed.title)], 'no flash of Simplified');
    // Back to 简体.
    await Promise.all([page.waitForEvent('load'), setting(page, '简体')]);
    await appReady(page);
    assert.equal(await page.locator('.article-title').innerText(), seed.title);
    assert.equal(await page.getAttribute('html', 'data-script'), null);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('an embed takes ?script=hant', async () => {
    const page = await newPage(site.browser);
    await page.goto(`${site.origin}/embed/article/${SEED_ID}?script=hant`);
    await appReady(page);
    await page.waitForSelector('html[data-script-state=ready]');
    assert.equal(await page.locator('.article-title').innerText(), toHant(seed.title));
    await page.context().close();
  });

  it('when the reader code cannot be fetched (offline before it was ever cached), 繁體 and 朗读 say so, and work once it can be', async () => {
    const page = await newPage(site.browser, { viewport: { width: 375, height: 800 }, serviceWorkers: 'block' });
    await page.addInitScript(recordSpeech, true);
    let refuse = true;
    await page.route(/\/reader-[0-9a-f]{16}\.wasm$/, (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(ARTICLE());
    await appReady(page);
    const notice = page.locator('main > .notice[role=status]');
    await setting(page, '朗读');
    await moduleFailed(page);
    assert.match(await notice.innerText(), MODULE_FAILED);
    assert.equal(await page.locator('.reader-bar').count(), 0);
    // Back online: choosing 繁體 again converts, and the message goes.
    await hantFailsThenConverts(page, () => { refuse = false; });
    assert.equal(await notice.count(), 0);
    await setting(page, '朗讀'); // the interface is in Traditional now
    await page.waitForSelector('.reader-bar');
    assert.ok(!page.problems.some((p) => p.startsWith('pageerror')), page.problems.join('\n'));
    await page.context().close();
  });

  it('when the reader module\'s script itself cannot be fetched, 繁體 says so, and a retry fetches it again', async () => {
    const page = await newPage(site.browser, { viewport: { width: 375, height: 800 }, serviceWorkers: 'block' });
    let refuse = true;
    const fetched = [];
    await page.route(/\/reader\.js(\?.*)?$/, (route) => {
      fetched.push(route.request().url());
      return refuse ? route.abort('internetdisconnected') : route.continue();
    });
    await page.goto(ARTICLE());
    await appReady(page);
    await hantFailsThenConverts(page, () => { refuse = false; });
    assert.equal(fetched.length, 2, fetched.join('\n'));
    assert.equal(await page.locator('script[src="reader.js"]').count(), 1, 'the failed script left the page');
    await page.context().close();
  });

  it('a 繁體 reader\'s page asks for the reader module itself, beside the app, and says so if it cannot be had', async () => {
    // The module converts the static page while the app's own module is still on its way.
    const page = await newPage(site.browser, { serviceWorkers: 'block' });
    await page.addInitScript(() => localStorage.setItem('yuedu-settings', 'script=hant'));
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/\/yuedu-web-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.goto(ARTICLE(), { waitUntil: 'commit' });
    await page.waitForSelector('html[data-script-state=ready]');
    assert.equal(await page.locator('.article-title').innerText(), toHant(seed.title));
    assert.equal(await page.locator('#app[data-ready]').count(), 0, 'converted before the app started');
    release();
    await appReady(page);
    assert.equal(await page.locator('.article-title').innerText(), toHant(seed.title));
    await page.context().close();

    // Offline before it was ever cached: the page is shown in Simplified, says why, and
    // choosing 繁體 again converts it.
    const { page: offline, online } = await openRefusing('script=hant', /\/reader\.js(\?.*)?$/);
    await moduleFailed(offline);
    assert.equal(await offline.locator('html[data-script-wait]').count(), 0, 'the page is shown');
    await convertsOnceOnline(offline, online);
    assert.equal(await offline.locator('main > .notice').count(), 0, 'the status line goes');
    assert.equal(await offline.locator('script[src="reader.js"]').count(), 1);
    await offline.context().close();
  });

  it('when access.js cannot be had at boot, the page is shown in Simplified with the default look, and the settings panel says so and fetches it again', async () => {
    const { page, online } = await openRefusing('elder=1&script=hant', /\/access\.js(\?.*)?$/);
    assert.deepEqual(await page.evaluate(() => ['data-elder', 'data-script', 'data-script-wait', 'data-access'].map((a) => document.documentElement.getAttribute(a))),
      ['', 'hant', null, null], 'the settings are applied, the page is not held, access.js has not run');
    assert.equal(await page.locator('.article-title').innerText(), seed.title);
    // Opening the panel tries again; refused again, the panel says so.
    await page.locator('.settings > summary').click();
    const notice = page.locator('.settings-panel > .notice[role=status]');
    await notice.waitFor();
    assert.match(await notice.innerText(), /无法连接服务器.*请检查网络后重试/s);
    // Back online, choosing 繁體 again fetches it: the page is converted and has its styles.
    online();
    await setting(page, '繁體');
    await page.waitForSelector('html[data-script-state=ready]');
    assert.equal(await page.locator('.article-title').innerText(), toHant(seed.title));
    await accessStyles(page);
    assert.equal(await notice.count(), 0, 'the panel\'s line goes');
    await page.context().close();
  });

  it('search finds either script', async () => {
    const page = await newPage(site.browser);
    const count = async (q) => {
      await page.goto(`${site.origin}/search?q=${encodeURIComponent(q)}`);
      await appReady(page);
      await page.waitForSelector('.search-summary');
      return page.locator('.article-list > li').count();
    };
    const hans = await count('帮县带村');
    assert.ok(hans >= 1);
    assert.equal(await count('幫縣帶村'), hans);
    await page.context().close();
  });
});
