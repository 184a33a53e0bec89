// One-off profiler (not committed): language toggles on the library.
import path from 'node:path';
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { serveCompressed } from './server.mjs';
const [dist, what = 'toggle', n = '10'] = process.argv.slice(2);
const browser = await launchBrowser();
const server = await serveCompressed(path.resolve(dist));
const ctx = await browser.newContext({ serviceWorkers: 'block', locale: 'en-US', viewport: { width: 1280, height: 900 }, bypassCSP: true });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await page.goto(server.url + (what === 'side' ? process.argv[5] : 'en/'));
await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 60000 });
await page.waitForTimeout(1500);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
await cdp.send('Profiler.start');
for (let i = 0; i < Number(n); i++) {
  if (what === 'toggle') {
    const to = i % 2 ? 'English' : 'Français';
    await page.locator('.site-header').getByRole('link', { name: to }).click();
    await page.waitForFunction((l) => document.documentElement.lang === l, to === 'English' ? 'en' : 'fr');
  } else if (what === 'filter') {
    if (i % 2 === 0) { await page.locator('.facet').first().click(); await page.waitForSelector('.chip'); }
    else { await page.locator('.chip button').first().click(); await page.waitForFunction(() => !document.querySelector('.chip')); }
  } else {
    const open = i % 2 === 0;
    await page.locator('.site-header .view-controls').getByRole('button', { name: open ? /Side by side|Côte/ : /Single|seul/ }).click();
    await page.waitForFunction((o) => o ? !!document.querySelector('.parallel .pair:not(.column-heads)') : !document.querySelector('.parallel'), open);
  }
  await page.waitForTimeout(400);
}
const { profile } = await cdp.send('Profiler.stop');
await cdp.send('Tracing.end');
await done;
// Self time by function.
const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const nd = byId.get(profile.samples[i]);
  const name = `${nd.callFrame.functionName || '(anon)'} ${nd.callFrame.url.split('/').pop()}`;
  self.set(name, (self.get(name) ?? 0) + profile.timeDeltas[i] / 1000);
}
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40);
for (const [k, v] of top) console.log(v.toFixed(1).padStart(8), k);
// Main-thread event totals.
const totals = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  if (!['UpdateLayoutTree', 'Layout', 'Paint', 'FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'PrePaint', 'Layerize', 'ParseHTML', 'RunMicrotasks', 'v8.run', 'Commit', 'HitTest'].includes(e.name)) continue;
  totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
}
console.log('--- timeline totals (ms, all', n, 'runs; nested events overlap)');
for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1])) console.log(v.toFixed(1).padStart(8), k);
await browser.close(); await server.close();
