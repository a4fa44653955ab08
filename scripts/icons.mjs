// Draws the app icons (committed in public/icons/) with the system Chromium, from the same
// brand mark as the header: 阅 in white on the accent red. Re-run after changing the mark:
//   node scripts/icons.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ROOT } from '../tests/e2e/harness.mjs';

const out = join(ROOT, 'public/icons');
mkdirSync(out, { recursive: true });
// `any`: a rounded tile with a margin. `maskable`: full bleed; the glyph stays inside the
// central 80% circle that every mask shape keeps.
const page = (size, maskable) => `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:${size}px;height:${size}px;display:grid;place-items:center;background:${maskable ? '#9b2c2c' : 'transparent'}">
<div style="width:${maskable ? size : size * 0.9}px;height:${maskable ? size : size * 0.9}px;border-radius:${maskable ? 0 : size * 0.2}px;background:#9b2c2c;display:grid;place-items:center">
<span style="color:#fff;font:700 ${size * (maskable ? 0.42 : 0.58)}px/1 'Noto Sans CJK SC','Noto Sans CJK',sans-serif">阅</span></div></div></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['maskable-512.png', 512, true], ['apple-touch-icon.png', 180, true]]) {
  const p = await browser.newPage({ viewport: { width: size, height: size } });
  await p.setContent(page(size, maskable));
  await p.screenshot({ path: join(out, name), omitBackground: true });
  await p.close();
  console.log(`wrote public/icons/${name}`);
}
await browser.close();
