// Accessibility (issue 7): axe-core (npm, run in the page) reports zero violations on the home,
// tag, article and embed views, in every theme: light and dark (from the system setting) and
// sepia (the reader's choice, stored as boot.js reads it).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useSite, newPage, appReady } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const SEED_ID = 'c6c151299a20712a';
const seed = JSON.parse(readFileSync(join(ROOT, 'public/data/articles', `${SEED_ID}.json`), 'utf8'));
const site = useSite();

const VIEWS = [
  ['home', '/', '.article-list'],
  ['tag', `/tag/${encodeURIComponent(seed.tags[0])}`, '.article-list'],
  ['article', `/article/${SEED_ID}`, 'mark.metric'],
  ['embed', `/embed/article/${SEED_ID}`, 'mark.metric'],
];

describe('axe-core', () => {
  for (const scheme of ['light', 'dark', 'sepia']) {
    for (const [name, path, ready] of VIEWS) {
      if (scheme === 'sepia' && name === 'embed') continue; // embeds take the partner's theme=light|dark|auto
      it(`${name} (${scheme}) has no violations`, async () => {
        const page = await newPage(site.browser, { colorScheme: scheme === 'dark' ? 'dark' : 'light', serviceWorkers: 'block' });
        if (scheme === 'sepia') await page.addInitScript(() => localStorage.setItem('yuedu-settings', 'theme=sepia'));
        await page.goto(site.origin + path);
        await appReady(page);
        await page.waitForSelector(ready);
        await page.waitForTimeout(300); // related list and fonts settle
        // Evaluated through the DevTools protocol: an injected <script> would be (rightly) refused
        // by the site's Content-Security-Policy.
        await page.evaluate(readFileSync(AXE, 'utf8'));
        const violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => ({
          id: v.id,
          help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`),
        })));
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
        await page.context().close();
      });
    }
  }
});
