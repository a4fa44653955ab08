// Metrics highlights in the seed article, in headless Chromium against the release dist/:
// every figure marked inline with its data, the same figures the native extractor finds,
// cards that jump to their sentence, the money chart, and the extraction timing measure.
import { before, after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startSite, launchBrowser, newPage, assertNoCspViolations } from './harness.mjs';

const SEED_ID = 'c6c151299a20712a';
const seed = JSON.parse(readFileSync(join(ROOT, 'public/data/articles', `${SEED_ID}.json`), 'utf8'));

let site, browser, page;
before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.goto(`${site.origin}/article/${SEED_ID}`);
  await page.waitForSelector('mark.metric');
});
after(async () => {
  await browser?.close();
  await site?.stop();
  assertNoCspViolations();
});

const marks = () => page.locator('.article-body mark.metric').evaluateAll((els) =>
  els.map((el) => ({ text: el.textContent, id: el.id, title: el.title, ...el.dataset })));

describe('metrics in the seed article', () => {
  it('marks the figures that matter, with their value, unit, kind and qualifier', async () => {
    const found = await marks();
    const get = (text) => found.find((m) => m.text === text) ?? assert.fail(`${text} is not marked`);
    assert.deepEqual(
      (({ value, unit, kind, qualifier }) => ({ value, unit, kind, qualifier }))(get('9500万元')),
      { value: '95000000', unit: '元', kind: 'money', qualifier: 'exact' });
    const over = get('3500多万元');
    assert.equal(over.qualifier, 'over');
    assert.equal(over.upper, '36000000');
    for (const text of ['200余万元', '60多万元', '360余万元', '900万元', '100万元', '37个', '15000多个', '145家', '12场',
      '18次', '22次', '16次', '600余人(次)', '8批次', '600人次', '9名']) get(text);
    assert.equal(get('600余人(次)').unit, '人次');
    assert.match(get('145家').title, /企业/);
  });

  it('marks no dates, years, ordinals or names', async () => {
    for (const m of await marks()) assert.doesNotMatch(m.text, /年|月|日|832|4\+N/, m.text);
  });

  it('marks exactly what the native extractor finds (wasm and native agree)', async () => {
    const texts = seed.body.flatMap((b) => b.lines ?? (b.type === 'lead' ? [b.lead, b.text] : b.text ? [b.text] : []));
    const out = execFileSync(join(ROOT, 'target/release/yuedu'), ['metrics'], { input: texts.join('\n') + '\n' });
    const native = out.toString().trim().split('\n').flatMap((l) => JSON.parse(l).map((m) => m.text));
    assert.deepEqual((await marks()).map((m) => m.text), native);
  });

  it('shows the most important figures as cards: money first, then people and jobs', async () => {
    const cards = await page.locator('.metric-card').evaluateAll((els) => els.map((el) => el.innerText.replace(/\s+/g, ' ')));
    assert.ok(cards.length >= 4 && cards.length <= 6, cards.join(' | '));
    assert.match(cards[0], /9,500万元/);
    assert.match(cards[0], /财政资金/);
    assert.ok(cards.some((c) => /3,500万元以上/.test(c)), cards.join(' | '));
    assert.ok(cards.some((c) => /15,000个以上/.test(c) && /岗位/.test(c)), cards.join(' | '));
  });

  it('a card jumps to its figure in the text and briefly emphasises its sentence', async () => {
    const card = page.locator('.metric-card', { hasText: '3,500万元以上' });
    const target = (await card.getAttribute('href')).slice(1);
    await card.click();
    await page.waitForFunction((id) => document.activeElement?.id === id, target);
    const mark = page.locator(`#${target}`);
    assert.equal(await mark.textContent(), '3500多万元');
    assert.ok(await mark.evaluate((el) => el.parentElement.classList.contains('flash')));
    assert.ok(await mark.isVisible());
  });

  it('draws the money chart with open-ended bars for 多/余', async () => {
    const rows = page.locator('.money-chart .chart-row');
    assert.ok((await rows.count()) >= 5);
    const over = rows.filter({ hasText: '3,500万元以上' });
    assert.equal(await over.getAttribute('data-qualifier'), 'over');
    assert.equal(await over.locator('rect.bar-spread').count(), 1);
    const exact = rows.filter({ hasText: '9,500万元' });
    assert.equal(await exact.locator('rect.bar-spread').count(), 0);
  });

  it('records the extraction time as a performance measure', async () => {
    // The static page came with its marks (rendered natively); an article the app renders
    // itself is extracted in the browser: go home and back in the app.
    await page.locator('.site-header a.brand').click();
    await page.getByRole('link', { name: seed.title }).click();
    await page.waitForSelector('.article-body mark.metric');
    const duration = await page.evaluate(() => performance.getEntriesByName('yuedu:metrics')[0]?.duration);
    assert.equal(typeof duration, 'number');
    console.log(`# yuedu:metrics extraction in Chromium: ${duration.toFixed(3)} ms`);
  });

  it('kept the console free of errors', () => {
    assert.deepEqual(page.problems, []);
  });
});
