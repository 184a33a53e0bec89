// Renders the app icons (PNG) from public/icon.svg, and the page's icon
// (public/favicon-32.png) from public/favicon.svg, with Debian's Chromium.
// The PNGs are committed; run this again only when the mark changes:
//   node scripts/make-icons.mjs
// Maskable: the mark shrunk into the 80% safe zone on a full-bleed background.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mark = fs.readFileSync(path.join(root, 'public/icon.svg'), 'utf8');
const favicon = fs.readFileSync(path.join(root, 'public/favicon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage();
const render = async (file, size, maskable, svg = mark) => {
  await page.setViewportSize({ width: size, height: size });
  const inner = maskable
    ? `<div style="width:${size}px;height:${size}px;background:#1f1b16;display:grid;place-items:center">
         <div style="width:${size * 0.8}px;height:${size * 0.8}px">${svg}</div></div>`
    : `<div style="width:${size}px;height:${size}px">${svg}</div>`;
  await page.setContent(`<html><body style="margin:0;background:transparent">${inner}</body></html>`);
  await page.addStyleTag({ content: 'svg{width:100%;height:100%;display:block}' });
  await page.screenshot({ path: path.join(root, 'public', file), omitBackground: !maskable });
};
await render('icon-192.png', 192, false);
await render('icon-512.png', 512, false);
await render('icon-maskable-512.png', 512, true);
await render('apple-touch-icon.png', 180, true);
// The page's icon is a PNG, not the SVG itself: Chromium fetches the icon
// again at every change of address (each search key, filter and language
// toggle) and builds an SVG icon into a whole document on the page's
// thread each time, 14-29 ms at 4x CPU (docs/performance.md, "The page's
// icon a PNG").
await render('favicon-32.png', 32, false, favicon);
await browser.close();
