/**
 * Draws the tab bar's icons (首页, 活动, 学习, 我的) as simple line icons, each in the plain colour
 * and the selected colour of app.config.ts's tabBar, and writes them as 81×81 PNGs (WeChat's
 * recommended size, well under its 40 KB cap) to miniapp/src/assets/tab/. The PNGs are committed;
 * run this only to change an icon: `node scripts/tab-icons.mjs` (Chromium at /usr/bin/chromium).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'miniapp', 'src', 'assets', 'tab');
const COLORS = { plain: '#555555', active: '#c8161d' };
const SIZE = 81;

// 24×24 line drawings (round caps and joins), drawn at 81 px.
const ICONS = {
  home: '<path d="M3.5 11 12 4l8.5 7"/><path d="M5.5 9.5V20h13V9.5"/><path d="M10 20v-5.5h4V20"/>',
  activities:
    '<rect x="3.5" y="5" width="17" height="15.5" rx="2"/><path d="M3.5 10h17"/><path d="M8 3v4M16 3v4"/><path d="M8 14.5h3M13 14.5h3M8 17.5h3"/>',
  study: '<path d="M12 6.5C10 5 7 4.5 3.5 5v14c3.5-.5 6.5 0 8.5 1.5 2-1.5 5-2 8.5-1.5V5c-3.5-.5-6.5 0-8.5 1.5z"/><path d="M12 6.5v14"/>',
  mine: '<circle cx="12" cy="8" r="4"/><path d="M4.5 20.5c.8-4 3.8-6.5 7.5-6.5s6.7 2.5 7.5 6.5"/>',
};

const svg = (body, color) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
for (const [name, body] of Object.entries(ICONS)) {
  for (const [state, color] of Object.entries(COLORS)) {
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg(body, color)}</body></html>`);
    const file = path.join(OUT, `${name}${state === 'active' ? '-active' : ''}.png`);
    await page.locator('svg').screenshot({ path: file, omitBackground: true });
    console.log(file);
  }
}
await browser.close();
