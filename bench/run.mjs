// The benchmark of issue 9: the app against the static-HTML floor, in
// headless Chromium. Prints Markdown (scripts/bench writes it into
// docs/performance.md).
//
// Usage: node bench/run.mjs <app-dist> <baseline-dir> <app-dist-2000> <build-ms-2000> [runs] [<app-dist-20000> <build-log-20000>] [<app-dist-tags>]
// (scripts/bench builds them and calls this; the 20,000-pair deployment is
// the app with that corpus's data and no entry page per essay, served with
// the plain index.html for every page address; the last, the 2,000 pairs
// with 2,000 tags and 300 more categories, is measured for its
// interactions and sizes.) ONLY=loads,
// ONLY=interactions, ONLY=search or ONLY=offline runs that part alone, over what
// scripts/bench last built.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { compress, serveCompressed } from './server.mjs';

const [appDist, baselineDir, bigDist, buildMs, runsArg, hugeDist, hugeBuildLog, tagsDist] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 7);
const INTERACTION_RUNS = Number(process.env.INTERACTION_RUNS ?? 15);
// Lighthouse's mobile profile: 4x slower CPU, 150 ms round trip, 1.6 Mbit/s down.
const CPU_SLOWDOWN = 4;
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(0)} ms`;
const ms1 = (x) => `${x.toFixed(1)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// ---------------------------------------------------------------- sizes

/** The files a first visit of `entry` (an entry page of `dist`) fetches before the app runs. */
function firstVisitFiles(dist, entry) {
  const html = fs.readFileSync(path.join(dist, entry), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?([^"#?]+\.(?:js|wasm|css))"/g)].map((m) => m[1]);
  return [entry, ...new Set(refs)];
}

function sizeRow(dir, file) {
  const data = fs.readFileSync(path.join(dir, file));
  return { file, raw: data.length, gzip: compress(data, 'gzip').length, br: compress(data, 'br').length };
}

function sizesSection() {
  const out = [];
  // The library's entry page, with the library pre-rendered in it.
  const appFiles = firstVisitFiles(appDist, 'en/index.html').map((f) => sizeRow(appDist, f));
  // The library's first screen: the seed's fits on it, so it is the whole
  // index, and the app waits for nothing else.
  const data = [sizeRow(appDist, 'first-screen.json')];
  const total = (rows) => rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, br: a.br + r.br }), { raw: 0, gzip: 0, br: 0 });
  const app = total(appFiles);
  out.push('### First-visit transfer', '');
  out.push('| File | Raw | gzip -9 | brotli -11 |', '|---|---:|---:|---:|');
  for (const r of appFiles) {
    const what = r.file === 'en/index.html' ? ' (entry page, the library pre-rendered in it)' : '';
    out.push(`| \`${r.file.replace(/-[0-9a-f]{16}/, '-<hash>')}\`${what} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.br)} |`);
  }
  out.push(`| **App itself (HTML + JS + WASM + CSS)** | **${kb(app.raw)}** | **${kb(app.gzip)}** | **${kb(app.br)}** |`);
  for (const r of data) out.push(`| \`${r.file}\` (the library's first screen: the seed's whole index) | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.br)} |`);
  const first = total([...appFiles, ...data]);
  out.push(`| **First visit, library (app + index)** | **${kb(first.raw)}** | **${kb(first.gzip)}** | **${kb(first.br)}** |`);
  // The essay page's code, a module of its own (src/essay_code.rs): not in
  // the library's first visit, the app asking for it once it runs;
  // an essay's entry page preloads it beside the app's code.
  const essayCodeFile = fs.readdirSync(appDist).find((f) => /^essais-split_essay_page-[0-9a-f]{16}\.wasm$/.test(f));
  const essayCode = sizeRow(appDist, essayCodeFile);
  out.push(`| \`${essayCode.file.replace(/-[0-9a-f]{16}/, '-<hash>')}\` (the essay page's code: asked for once the app runs; preloaded by an essay's entry page) | ${kb(essayCode.raw)} | ${kb(essayCode.gzip)} | ${kb(essayCode.br)} |`);
  // (The entry page's own preload names the essay page's code.)
  const essayFiles = new Set([...firstVisitFiles(appDist, 'en/the-stopcock-and-the-new-economy/index.html'), essayCodeFile]);
  const essayFirst = total([...essayFiles].map((f) => sizeRow(appDist, f)));
  out.push(`| **First visit, an essay (its entry page, the app, the essay page's code)** | **${kb(essayFirst.raw)}** | **${kb(essayFirst.gzip)}** | **${kb(essayFirst.br)}** |`);
  const plain = sizeRow(appDist, 'index.html');
  out.push(`| \`index.html\` (the entry page with nothing pre-rendered: the bare address, the service worker's answer) | ${kb(plain.raw)} | ${kb(plain.gzip)} | ${kb(plain.br)} |`);
  const essayPage = sizeRow(appDist, 'en/the-stopcock-and-the-new-economy/index.html');
  out.push(`| \`en/the-stopcock…/index.html\` (an essay's entry page, its text pre-rendered) | ${kb(essayPage.raw)} | ${kb(essayPage.gzip)} | ${kb(essayPage.br)} |`);
  const body = fs.readdirSync(path.join(appDist, 'corpus')).filter((f) => f.startsWith('the-stopcock'))[0];
  const essay = sizeRow(appDist, `corpus/${body}`);
  out.push(`| an essay's body (\`corpus/the-stopcock….json\`), fetched when opened | ${kb(essay.raw)} | ${kb(essay.gzip)} | ${kb(essay.br)} |`);
  const big = sizeRow(bigDist, 'corpus.json');
  out.push(`| \`corpus.json\` of the 2,000-pair corpus (4,000 versions) | ${kb(big.raw)} | ${kb(big.gzip)} | ${kb(big.br)} |`);
  if (hugeDist && fs.existsSync(path.join(hugeDist, 'first-screen.json'))) {
    for (const file of ['corpus.json', 'first-screen.json']) {
      const r = sizeRow(hugeDist, file);
      const what = file === 'corpus.json' ? 'the whole index' : 'the library\'s first screen, which its library is drawn from';
      out.push(`| \`${file}\` of the 20,000-pair corpus (${what}) | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.br)} |`);
    }
  }
  if (tagsDist && fs.existsSync(path.join(tagsDist, 'first-screen.json'))) {
    // A long-running blog's taxonomy: the panel lists 20 of its tags; each
    // filter value's first screen holds its own entries and the values they have.
    const page = sizeRow(tagsDist, 'en/index.html');
    out.push(`| \`en/index.html\` of the 2,000 pairs with 2,000 tags and 300 more categories (the library pre-rendered, 20 of each listed) | ${kb(page.raw)} | ${kb(page.gzip)} | ${kb(page.br)} |`);
    const first = sizeRow(tagsDist, 'first-screen.json');
    out.push(`| \`first-screen.json\` of the same (the taxonomy of 2,000 tags and 306 categories, the counts of those used) | ${kb(first.raw)} | ${kb(first.gzip)} | ${kb(first.br)} |`);
    const files = fs.readdirSync(path.join(tagsDist, 'first-screen'));
    const bytes = files.reduce((a, f) => a + fs.statSync(path.join(tagsDist, 'first-screen', f)).size, 0);
    const corpusBytes = fs.statSync(path.join(tagsDist, 'corpus.json')).size;
    out.push(`| \`first-screen/\` of the same: ${files.length} files, one a filter value | ${kb(bytes)} | | |`);
    out.push(`| \`corpus.json\` of the same, for comparison | ${kb(corpusBytes)} | | |`);
  }
  const searchUrl = JSON.parse(fs.readFileSync(path.join(bigDist, 'corpus.json'), 'utf8')).search_url;
  const bigSearch = sizeRow(bigDist, searchUrl);
  out.push(`| the 2,000-pair corpus's search shard list, fetched when the search field gets the focus | ${kb(bigSearch.raw)} | ${kb(bigSearch.gzip)} | ${kb(bigSearch.br)} |`);
  const base = [sizeRow(baselineDir, 'en/index.html')];
  out.push(`| Static baseline: \`en/index.html\` (its whole first visit) | ${kb(base[0].raw)} | ${kb(base[0].gzip)} | ${kb(base[0].br)} |`);
  out.push('');
  out.push(`Target for the app itself: at most 120 KB brotli. Measured: **${kb(app.br)}** (${app.br <= 120 * 1024 ? 'met' : 'missed'}).`);
  out.push('');
  return { text: out.join('\n'), appBrotli: app.br };
}

// ---------------------------------------------------------------- loads

/** Records, from navigation start, when `selector` first appears in a painted frame. */
const PAINT_PROBE = (selector) => {
  window.__painted = null;
  const seen = () => {
    if (window.__painted !== null || !document.querySelector(selector)) return false;
    window.__painted = -1;
    // The frame that shows it: after its rAF callbacks, style, layout and paint.
    requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }, 0));
    return true;
  };
  new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
    .observe(document, { childList: true, subtree: true });
};

async function throttledPage(browser, { serviceWorkers = 'allow', context } = {}) {
  const ctx = context ?? (await browser.newContext({ serviceWorkers, locale: 'en-US' }));
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { ctx, page, cdp };
}

/** Every long task (over 50 ms) of the page: [start, duration]. */
const LONG_TASKS_PROBE = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const t of list.getEntries()) window.__longTasks.push([t.startTime, t.duration]);
  }).observe({ type: 'longtask', buffered: true });
};

async function timeTo(page, url, selector) {
  await page.addInitScript(PAINT_PROBE, selector);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__painted > 0, null, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => window.__painted);
}

/**
 * The longest task of the page from the moment corpus.json has arrived to
 * the moment the app has it whole (src/api.rs: `essais:whole-corpus`):
 * how long a click may wait while the index is read.
 */
async function longestReadingTask(page) {
  await page.waitForFunction(() => performance.getEntriesByName('essais:whole-corpus').length > 0, null, { timeout: 60_000, polling: 100 });
  return page.evaluate(() => {
    const arrived = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith('/corpus.json')).responseEnd;
    const whole = performance.getEntriesByName('essais:whole-corpus')[0];
    const during = window.__longTasks.filter(([start, duration]) => start + duration > arrived && start < whole.startTime + whole.duration);
    return Math.max(0, ...during.map(([, duration]) => duration));
  });
}

async function coldLoad(browser, url, selector, { readingTasks = false } = {}) {
  const { ctx, page } = await throttledPage(browser, { serviceWorkers: 'block' });
  try {
    if (readingTasks) await page.addInitScript(LONG_TASKS_PROBE);
    const time = await timeTo(page, url, selector);
    return readingTasks ? { time, longest: await longestReadingTask(page) } : time;
  } finally {
    await ctx.close();
  }
}

/** A second visit: for the app, answered by its service worker; for the baseline, by the HTTP cache. */
async function warmLoad(browser, url, selector, { app }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-warm-'));
  const ctx = await browser.newContext({ serviceWorkers: 'allow', locale: 'en-US' });
  try {
    const first = await ctx.newPage();
    await first.goto(url);
    if (app) {
      await first.waitForFunction(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return registration?.active?.state === 'activated';
      }, null, { timeout: 60_000, polling: 200 });
    } else {
      await first.waitForLoadState('load');
    }
    await first.close();
    const { page } = await throttledPage(browser, { context: ctx });
    return await timeTo(page, url, selector);
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * At 20,000 pairs, cold (the loads' profile): `click` (a selector) clicked
 * as soon as the library is drawn from its first screen, while the whole
 * index is on its way; from the click to the frame that shows every one of
 * `shown` and, if given, a new text in `changed`. The times, on how many
 * runs the whole index was not yet in, and the last run's page's resources.
 */
async function clickedOnFirstScreen(browser, server, { click, shown, changed = null }) {
  const times = [];
  let before = 0;
  let resources = [];
  for (let i = 0; i < RUNS; i++) {
    const { ctx, page } = await throttledPage(browser, { serviceWorkers: 'block' });
    try {
      await page.goto(server.url + 'en/');
      await page.locator(`body:not(:has(#boot)) .library[data-first-screen] ${click}`).first().waitFor({ timeout: 60_000 });
      const run = await page.evaluate(([click, shown, changed]) => new Promise((resolve) => {
        const text = () => (changed ? document.querySelector(changed)?.textContent : null);
        const was = text();
        const start = performance.now();
        document.querySelector(click).click();
        const frame = () => requestAnimationFrame(() => setTimeout(() => {
          if (shown.every((s) => document.querySelector(s)) && (!changed || (text() && text() !== was))) {
            resolve({ ms: performance.now() - start, whole: performance.getEntriesByName('essais:whole-corpus').length > 0 });
          } else frame();
        }, 0));
        frame();
      }), [click, shown, changed]);
      times.push(run.ms);
      if (!run.whole) before++;
      resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.encodedBodySize]));
    } finally {
      await ctx.close();
    }
  }
  return { times, before, resources };
}

/**
 * At 20,000 pairs: the library's first entry clicked as soon as the library
 * is drawn from its first screen, while the whole index is on its way (an
 * essay's entry page holds its part of the index: scripts/bench writes the
 * first entry's). From the click to the frame that shows the essay's text.
 */
async function openedFromFirstScreen(browser, server) {
  const { times, before } = await clickedOnFirstScreen(browser, server, { click: '.essay-title a', shown: ['#main .essay-body p'] });
  console.error(`bench: 20,000 pairs, the first entry opened from the first screen: ${median(times).toFixed(0)} ms`);
  return `At 20,000 pairs, the library's first entry clicked as soon as the library is drawn from its first screen: its text drawn **${ms(median(times))}** after the click (${ms(Math.min(...times))}–${ms(Math.max(...times))}), before the whole index was in on ${before} of ${RUNS} runs.`;
}

/**
 * At 20,000 pairs: the library's first filter value clicked as soon as the
 * library is drawn from its first screen, while the whole index is on its
 * way (the corpus tool writes each value's first screen: docs/corpus.md).
 * From the click to the frame that shows the filtered library's entries and
 * count.
 */
async function filteredFromFirstScreen(browser, server) {
  const { times, before, resources } = await clickedOnFirstScreen(browser, server, { click: '.facet', shown: ['.chip', '.essay-entry'], changed: '.result-count' });
  console.error(`bench: 20,000 pairs, the first filter clicked on the first screen: ${median(times).toFixed(0)} ms`);
  const screen = resources.find(([name]) => name.startsWith('/first-screen/'));
  const file = screen ? ` (its first screen, \`${screen[0].slice(1)}\`, ${kb(screen[1])} transferred)` : ' (no filtered first screen fetched)';
  return `At 20,000 pairs, the library's first filter clicked as soon as the library is drawn from its first screen: the filtered entries and count drawn **${ms(median(times))}** after the click (${ms(Math.min(...times))}–${ms(Math.max(...times))})${file}, before the whole index was in on ${before} of ${RUNS} runs.`;
}

async function loadsSection(browser) {
  const app = await serveCompressed(path.resolve(appDist));
  const base = await serveCompressed(path.resolve(baselineDir));
  const corpus = JSON.parse(fs.readFileSync(path.join(appDist, 'corpus.json'), 'utf8'));
  const first = corpus.essays.find((e) => e.lang === 'en');
  const cases = [
    { name: 'Cold: library titles painted', path: 'en/', app: '.essay-title', base: 'h2', warm: false },
    { name: `Cold: first paragraph of an essay painted (\`en/${first.slug}/\`)`, path: `en/${first.slug}/`, app: '.essay-body p', base: 'article p', warm: false },
    // The titles above are the pre-rendered page's; these, the app's own, once it has taken the page over.
    { name: 'Cold: the app has drawn the library and taken over', path: 'en/', app: 'body:not(:has(#boot)) #main .essay-title', base: 'h2', warm: false },
    { name: 'Cold: the app has drawn the essay and taken over', path: `en/${first.slug}/`, app: 'body:not(:has(#boot)) #main .essay-body p', base: 'article p', warm: false },
    { name: 'Warm (second visit): library titles painted', path: 'en/', app: '.essay-title', base: 'h2', warm: true },
    { name: 'Warm (second visit): first paragraph painted', path: `en/${first.slug}/`, app: '.essay-body p', base: 'article p', warm: true },
  ];
  // At 20,000 pairs: the deployment has no entry pages (every address is
  // answered with index.html), so the app paints the library itself, once
  // its code and the library's first screen are in; its floor is the same
  // library as one static page (every title and excerpt: its first ones
  // paint as the page streams in).
  const hugeBaseline = huge && path.join(path.dirname(huge.dist), 'baseline-20000');
  const hugeServers = hugeBaseline && fs.existsSync(hugeBaseline)
    ? { app: await serveCompressed(path.resolve(huge.dist), huge.server), base: await serveCompressed(path.resolve(hugeBaseline)) }
    : null;
  if (hugeServers) {
    // The static library of 20,000 pairs is megabytes: compressed once
    // before anything is timed, as for corpus.json (bench/server.mjs).
    await fetch(hugeServers.base.url + 'en/', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } }).then((r) => r.arrayBuffer());
    // First from the library's first screen (`first-screen.json`), then
    // with the whole index in, when filters and search answer.
    cases.push({ name: 'Cold, 20,000 pairs: the app has drawn the library (no entry page)', path: 'en/', app: 'body:not(:has(#boot)) #main .essay-title', base: 'h2', warm: false, servers: hugeServers });
    cases.push({ name: 'Cold, 20,000 pairs: the whole index in (filters and search answer)', path: 'en/', app: 'body:not(:has(#boot)) .library:not([data-first-screen]) .essay-title', base: 'h2', warm: false, servers: hugeServers, readingTasks: true });
    // An essay opened at its address, as a link shared to a reader would
    // be: the one in the middle of the blog, whose entry page scripts/bench
    // writes (its text painted, then the page taken over, from the essay's
    // part of the index), and the next one, which has none (the app draws
    // it from the whole index). Their floor is the seed's essay as a
    // static page.
    const essays = JSON.parse(fs.readFileSync(path.join(huge.dist, 'corpus.json'), 'utf8')).essays.filter((e) => e.lang === 'en');
    const middle = essays[Math.floor(essays.length / 2)];
    const next = essays[Math.floor(essays.length / 2) + 1];
    const essayCase = (name, slug, app) => ({ name, path: `en/${slug}/`, app, basePath: `en/${first.slug}/`, base: 'article p', warm: false, servers: { app: hugeServers.app, base } });
    if (fs.existsSync(path.join(huge.dist, 'en', middle.slug, 'index.html'))) {
      cases.push(essayCase(`Cold, 20,000 pairs: an essay's first paragraph painted (\`en/${middle.slug}/\`, its entry page)`, middle.slug, '.essay-body p'));
      cases.push(essayCase('Cold, 20,000 pairs: the app has drawn that essay and taken over', middle.slug, 'body:not(:has(#boot)) #main .essay-body p'));
    }
    cases.push(essayCase(`Cold, 20,000 pairs: the app has drawn an essay with no entry page (\`en/${next.slug}/\`)`, next.slug, 'body:not(:has(#boot)) #main .essay-body p'));
  }
  const rows = [];
  const notes = [];
  if (hugeServers) notes.push(await openedFromFirstScreen(browser, hugeServers.app));
  if (hugeServers) notes.push(await filteredFromFirstScreen(browser, hugeServers.app));
  for (const c of cases) {
    const times = { app: [], base: [] };
    const longest = [];
    const servers = c.servers ?? { app, base };
    // Alternating runs, so that the machine's load falls on both alike.
    for (let i = 0; i < RUNS; i++) {
      for (const who of i % 2 ? ['base', 'app'] : ['app', 'base']) {
        const url = servers[who].url + (who === 'base' && c.basePath ? c.basePath : c.path);
        const selector = who === 'app' ? c.app : c.base;
        const readingTasks = Boolean(c.readingTasks) && who === 'app';
        const run = c.warm ? await warmLoad(browser, url, selector, { app: who === 'app' }) : await coldLoad(browser, url, selector, { readingTasks });
        if (readingTasks) longest.push(run.longest);
        times[who].push(readingTasks ? run.time : run);
      }
    }
    const a = median(times.app);
    const b = median(times.base);
    rows.push(`| ${c.name} | ${ms(a)} (${ms(Math.min(...times.app))}–${ms(Math.max(...times.app))}) | ${ms(b)} (${ms(Math.min(...times.base))}–${ms(Math.max(...times.base))}) | **${(a / b).toFixed(2)}×** |`);
    console.error(`bench: ${c.name}: app ${a.toFixed(0)} ms, baseline ${b.toFixed(0)} ms`);
    if (longest.length) {
      notes.push(`At 20,000 pairs, the longest task of the page from the arrival of \`corpus.json\` to the whole index read (a click waits at most that long): **${ms(median(longest))}** median (${ms(Math.min(...longest))}–${ms(Math.max(...longest))}).`);
      console.error(`bench: longest task while the index is read: ${median(longest).toFixed(0)} ms`);
    }
  }
  await app.close();
  await base.close();
  await hugeServers?.app.close();
  await hugeServers?.base.close();
  return [
    `### Loads (median of ${RUNS}, alternating; min–max in brackets)`,
    '',
    `CPU slowed down ${CPU_SLOWDOWN}×, network ${NETWORK.latency} ms round trip, 1.6 Mbit/s down, 750 kbit/s up (Chrome DevTools Protocol); served compressed as Chromium asks (brotli, quality 11: it offers \`br\` to 127.0.0.1 too); every cold run in a new browser context (empty cache, no service worker). Times from navigation start to the frame that shows the element.`,
    '',
    '| Measure | App | Static baseline | App / baseline |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    ...notes.flatMap((note) => [note, '']),
  ].join('\n');
}

// ---------------------------------------------------------------- interactions

/**
 * In the page: from the input event's time stamp to the first frame, after
 * it, in which `done()` holds (checked after each frame's rendering).
 */
const LATENCY_PROBE = () => {
  window.__latency = (type, done) => new Promise((resolve) => {
    const onInput = (event) => {
      removeEventListener(type, onInput, true);
      const start = event.timeStamp;
      const frame = () => requestAnimationFrame(() => setTimeout(() => {
        if (done()) resolve({ total: performance.now() - start });
        else frame();
      }, 0));
      frame();
    };
    addEventListener(type, onInput, true);
  });
};

async function measureInteraction(page, type, act, doneSource) {
  // The condition is compiled in the page: its CSP is bypassed for the benchmark's context only.
  // The listener is in place before the input: a page still busy (work an
  // earlier interaction left for later) runs input before a script sent to
  // it, so an unawaited registration could miss the event it waits for.
  await page.evaluate(([t, src]) => { window.__measured = window.__latency(t, new Function(`return (${src})`)()); }, [type, doneSource]);
  const pending = page.evaluate(() => window.__measured);
  await page.waitForTimeout(30);
  await act();
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`no change after 30 s: ${doneSource}`)), 30_000));
  return (await Promise.race([pending, timeout])).total;
}

/**
 * How fast the page's CPU is now: a fixed script (two million square roots)
 * timed in the page, CPU slowed down as for the interactions, the median of
 * three. Taken before and after each corpus's series: the corpora are
 * measured one after the other, and this shared machine's load moves over
 * minutes, so a ratio to the seed is only as good as the two series' probes
 * agree. (Measuring the corpora in turn, each page open, was tried: every
 * interaction then took 30 to 50 ms more, on the seed most, which flattered
 * the ratios: docs/performance.md, "The interactions measured again".)
 */
async function machineProbe(page) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    times.push(await page.evaluate(() => {
      const start = performance.now();
      let x = 0;
      for (let n = 0; n < 2e6; n++) x += Math.sqrt(n);
      return x > 0 ? performance.now() - start : -1;
    }));
  }
  return median(times);
}

/** Whether the app has the whole corpus (src/api.rs: `essais:whole-corpus`). */
const WHOLE_CORPUS = () => performance.getEntriesByName('essais:whole-corpus').length > 0;

async function interactions(browser, url, corpusLabel, serverOptions = {}) {
  const server = await serveCompressed(path.resolve(url), serverOptions);
  const ctx = await browser.newContext({ serviceWorkers: 'block', locale: 'en-US', viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await page.addInitScript(LATENCY_PROBE);
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  const results = {};
  const record = (name, value) => (results[name] ??= []).push(value);

  await page.goto(server.url + 'en/');
  await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 180_000 });
  await page.locator('#main .essay-title').first().waitFor({ timeout: 180_000 });
  // The library is drawn from its first screen before the whole index is
  // in; the interactions are those of the whole library.
  await page.waitForFunction(WHOLE_CORPUS, null, { timeout: 180_000 });
  // Memory once the library is shown.
  await page.waitForTimeout(500);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmBytes = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? null);
  const entries = await page.locator('.essay-entry').count();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const probeBefore = await machineProbe(page);

  // Language toggle, both ways, on the library.
  for (let i = 0; i < INTERACTION_RUNS; i++) {
    const to = i % 2 ? 'English' : 'Français';
    const before = await page.locator('.essay-title').first().textContent();
    const t = await measureInteraction(page, 'click', () => page.locator('.site-header').getByRole('link', { name: to }).click(),
      `() => document.documentElement.lang === '${to === 'English' ? 'en' : 'fr'}' && document.querySelector('.essay-title')?.textContent !== ${JSON.stringify(before)}`);
    record('Language toggle (library)', t);
  }
  // Back to English.
  if ((await page.evaluate(() => document.documentElement.lang)) !== 'en') {
    await page.locator('.site-header').getByRole('link', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  }
  // One filter, on and off: the count of essays above the list changes.
  const countText = () => page.evaluate(() => document.querySelector('.result-count, .no-match')?.textContent ?? '');
  for (let i = 0; i < INTERACTION_RUNS; i++) {
    const before = JSON.stringify(await countText());
    const t = i % 2 === 0
      ? await measureInteraction(page, 'click', () => page.locator('.facet').first().click(),
        `() => document.querySelector('.chip') && document.querySelector('.result-count, .no-match')?.textContent !== ${before}`)
      : await measureInteraction(page, 'click', () => page.locator('.chip button').first().click(),
        `() => !document.querySelector('.chip') && document.querySelector('.result-count, .no-match')?.textContent !== ${before}`);
    record('One filter click (on or off)', t);
  }
  // The search runs on the whole library.
  while (await page.locator('.chip button').count()) {
    await page.locator('.chip button').first().click();
  }
  // "Show more", clicked again and again as a reader going down the whole
  // library does (20 entries, then 40, … then 20 × (runs + 1)): its cost
  // should not grow with the entries already shown. The seed has no such
  // button (3 entries).
  for (let i = 0; i < INTERACTION_RUNS && (await page.locator('.show-more').count()); i++) {
    const before = await page.locator('.essay-entry').count();
    const t = await measureInteraction(page, 'click', () => page.locator('.show-more').click(),
      `() => document.querySelectorAll('.essay-entry').length > ${before}`);
    record('Show more (library)', t);
  }
  const entriesAfterMore = await page.locator('.essay-entry').count();
  // A long taxonomy's panel finds a tag by name (the 2,000 tags' corpus;
  // library::tags_named): a digit typed in its field after "tag 1" (the
  // generator's tags are "Tag 0" to "Tag 1999": 1,111 match, then 111),
  // then taken back, each until the line saying what matches has changed.
  if (await page.locator('#find-tag').count()) {
    await page.locator('#find-tag').focus();
    await page.keyboard.type('tag 1');
    await page.waitForFunction(() => document.querySelector('.found-tags')?.textContent !== '');
    for (let i = 0; i < INTERACTION_RUNS; i++) {
      const before = JSON.stringify(await page.locator('.found-tags').textContent());
      const t = await measureInteraction(page, 'input', () => page.keyboard.press(i % 2 ? 'Backspace' : '2'),
        `() => document.querySelector('.found-tags')?.textContent !== ${before}`);
      record('Find a tag keystroke', t);
    }
    await page.locator('#find-tag').fill('');
    // The same panel with every tag listed (unfolded): a tag chosen (the
    // list then holds only the tags that would keep some essays), then
    // taken off (every tag drawn again), each its own row.
    await page.locator('.fold-tags').click();
    await page.waitForFunction(() => document.querySelectorAll('.facet-group.tags .facet').length > 100);
    for (let i = 0; i < 2 * INTERACTION_RUNS; i++) {
      const t = i % 2 === 0
        ? await measureInteraction(page, 'click', () => page.locator('.facet-group.tags .facet').nth(5).click(),
          `() => document.querySelector('.chip') && document.querySelector('.facet-group.tags .facet[aria-pressed="true"]')`)
        : await measureInteraction(page, 'click', () => page.locator('.chip button').first().click(),
          `() => !document.querySelector('.chip') && !document.querySelector('.facet-group.tags .facet[aria-pressed="true"]')`);
      record(i % 2 === 0 ? 'A tag chosen, every tag listed' : 'That tag taken off, every tag listed', t);
    }
    while (await page.locator('.chip button').count()) {
      await page.locator('.chip button').first().click();
    }
    await page.locator('.fold-tags').click();
    await page.waitForFunction(() => document.querySelectorAll('.facet-group.tags .facet').length <= 20);
  }
  // A search keystroke: the field has the index (fetched and built when it
  // got the focus, timed apart below); the last letter of a word is typed,
  // then taken back.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const indexStart = Date.now();
  await page.locator('#search').focus();
  await page.locator('#search').fill('economie x');
  await page.waitForSelector('.search-hit, .no-match', { timeout: 180_000 });
  const indexReady = Date.now() - indexStart;
  const indexBuild = await page.evaluate(() => performance.getEntriesByName('essais:search-index').map((e) => e.duration)[0] ?? null);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // A one-letter word that is in no essay taken back, then typed again:
  // every passage of "economie", then none. (It used to be the word's last
  // letter, but a typo is forgiven now: "economi" finds what "economie"
  // finds.)
  for (let i = 0; i < INTERACTION_RUNS; i++) {
    const word = i % 2 ? 'economie x' : 'economie ';
    const before = JSON.stringify(await countText());
    const key = i % 2 ? 'x' : 'Backspace';
    const t = await measureInteraction(page, 'input', () => page.keyboard.press(key),
      `() => new URLSearchParams(location.search).get('q') === ${JSON.stringify(word)} && document.querySelector('.result-count, .no-match')?.textContent !== ${before}`);
    record('Search keystroke', t);
  }
  const hits = await page.locator('.result-count').textContent().catch(() => '');
  await page.locator('#search').fill('');

  // Opening the side-by-side view of a translated essay (its translation was fetched ahead).
  const corpus = JSON.parse(fs.readFileSync(path.join(url, 'corpus.json'), 'utf8'));
  const keys = new Map();
  for (const e of corpus.essays) keys.set(e.translation_key, (keys.get(e.translation_key) ?? 0) + 1);
  const pair = corpus.essays.find((e) => e.lang === 'en' && keys.get(e.translation_key) === 2);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.goto(server.url + `en/${pair.slug}/`);
  await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 180_000 });
  await page.locator('#main .essay-body p').first().waitFor({ timeout: 180_000 });
  await page.waitForTimeout(1000); // the translation's body arrives
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  for (let i = 0; i < INTERACTION_RUNS; i++) {
    const open = i % 2 === 0;
    const t = await measureInteraction(page, 'click', () => page.locator('.site-header .view-controls').getByRole('button', { name: open ? 'Side by side' : 'Single text' }).click(),
      open ? `() => document.querySelector('.parallel .pair:not(.column-heads)')` : `() => !document.querySelector('.parallel') && document.querySelector('.essay-body p')`);
    if (open) record('Opening the side-by-side view', t);
  }
  const blocks = await page.locator('.essay-body p, .essay-body h2').count();
  const probeAfter = await machineProbe(page);
  await ctx.close();
  await server.close();
  return { corpusLabel, results, heap, wasmBytes, entries, entriesAfterMore, hits, blocks, pair: pair.slug, indexReady, indexBuild, probe: [probeBefore, probeAfter] };
}

function interactionsSection(runs) {
  // Every interaction measured on any corpus, in the order measured ("show
  // more" is not on the seed's page).
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.results)))];
  const cell = (r, name, f) => (r.results[name] ? ms1(f(r.results[name])) : 'none');
  const out = [
    `### Interactions (${INTERACTION_RUNS} runs each, CPU slowed down ${CPU_SLOWDOWN}×)`,
    '',
    'From the input event\'s time stamp to the first frame rendered after the page shows the change (a `requestAnimationFrame` then a task; the frame itself waits for the display\'s next 16.7 ms tick, so even an instant handler measures a few ms). The corpora are measured one after the other; each one\'s series is framed by a probe of the machine\'s speed (below each corpus): where the probes differ, so did the machine, and the ratios between corpora are off by as much.',
    '',
    `| Interaction | ${runs.map((r) => `${r.corpusLabel}: median`).join(' | ')} | ${runs.map((r) => `${r.corpusLabel}: slowest`).join(' | ')} |`,
    `|---|${runs.map(() => '---:').join('|')}|${runs.map(() => '---:').join('|')}|`,
  ];
  for (const name of names) {
    out.push(`| ${name} | ${runs.map((r) => cell(r, name, median)).join(' | ')} | ${runs.map((r) => cell(r, name, (v) => Math.max(...v))).join(' | ')} |`);
  }
  out.push('');
  for (const r of runs) {
    out.push(`- ${r.corpusLabel}: the library showed ${r.entries} entries${r.results['Show more (library)'] ? `, then ${r.entriesAfterMore} after ${r.results['Show more (library)'].length} clicks on "show more"` : ''}; the search for "economie" showed "${r.hits || 'nothing'}"; the side-by-side essay was \`${r.pair}\` (${r.blocks} blocks on the page). The first search of the visit (CPU and network at full speed): ${ms(r.indexReady)} from the focus to the first results (the shard list, the query's shards, the hits' bodies), of which setting up the index from the shard list ${r.indexBuild === null ? 'not measured' : ms(r.indexBuild)}. The machine's probe (a fixed script, CPU slowed down ${CPU_SLOWDOWN}×): ${ms1(r.probe[0])} before the series, ${ms1(r.probe[1])} after.`);
  }
  out.push('', '### Memory after the library has loaded', '', '| Corpus | JS heap used | WASM linear memory |', '|---|---:|---:|');
  for (const r of runs) out.push(`| ${r.corpusLabel} | ${kb(r.heap.usedSize)} | ${r.wasmBytes === null ? 'not measured' : kb(r.wasmBytes)} |`);
  out.push('');
  return out.join('\n');
}

// The first search of a visit as a reader on a slow phone link has it:
// network and CPU throttled as for the loads, the field focused (which
// fetches the shard list), then a two-word query typed at once: from the
// input to the frame that shows the first hits, and every file the query
// fetched (shards and the hits' bodies), as transferred.
const FIRST_QUERY = 'economie reelle';
async function firstSearch(browser, url, corpusLabel, serverOptions = {}) {
  const server = await serveCompressed(path.resolve(url), serverOptions);
  const rounds = [];
  for (let run = 0; run < 3; run++) {
    const ctx = await browser.newContext({ serviceWorkers: 'block', locale: 'en-US', bypassCSP: true });
    const page = await ctx.newPage();
    await page.addInitScript(LATENCY_PROBE);
    await page.goto(server.url + 'en/');
    await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 180_000 });
    await page.locator('#main .essay-title').first().waitFor({ timeout: 180_000 });
    await page.waitForFunction(WHOLE_CORPUS, null, { timeout: 180_000 });
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const listAt = Date.now();
    await page.locator('#search').focus();
    await page.waitForFunction(() => performance.getEntriesByName('essais:search-index').length === 1, null, { timeout: 120_000 });
    const listMs = Date.now() - listAt;
    const listBytes = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/corpus\/_search\.[0-9a-f]{8}\.json$/.test(e.name)).reduce((a, e) => a + e.encodedBodySize, 0));
    const files = [];
    let inFlight = 0;
    const onRequest = (request) => { if (new URL(request.url()).pathname.includes('/corpus/')) inFlight++; };
    const onFinished = async (request) => {
      if (!new URL(request.url()).pathname.includes('/corpus/')) return;
      const sizes = await request.sizes().catch(() => null);
      files.push({ url: request.url(), bytes: sizes ? sizes.responseBodySize : 0 });
      inFlight--;
    };
    page.on('request', onRequest);
    page.on('requestfinished', onFinished);
    await page.locator('#search').evaluate((el, q) => { el.value = q; }, FIRST_QUERY.slice(0, -1));
    // Three moments from the last key, each the first frame that shows it:
    // the first hits (titles and summaries), every hit shown with its
    // snippet, then the whole answer: the page with the matches one typo
    // away among them, counted.
    await page.evaluate(() => {
      window.__search = new Promise((resolve) => {
        addEventListener('input', (event) => {
          const times = {};
          const frame = () => requestAnimationFrame(() => setTimeout(() => {
            const now = performance.now() - event.timeStamp;
            if (times.hits === undefined && document.querySelector('.search-hit')) times.hits = now;
            if (times.hits !== undefined && times.snippets === undefined && !document.querySelector('.search-hit .snippet.pending')) times.snippets = now;
            if (times.snippets !== undefined && !document.querySelector('.search-results[aria-busy="true"]')) resolve({ ...times, whole: now });
            else frame();
          }, 0));
          frame();
        }, { capture: true, once: true });
      });
    });
    await page.waitForTimeout(30);
    await page.keyboard.type(FIRST_QUERY.slice(-1));
    const { hits: t, snippets: tSnippets, whole: tWhole } = await page.evaluate(() => window.__search);
    // Every file the query asked for, the bodies of what faces each hit
    // included (they may still be coming when the hits show): until none
    // is in flight for half a second.
    for (let quiet = 0; quiet < 5; quiet = inFlight === 0 ? quiet + 1 : 0) await page.waitForTimeout(100);
    page.off('request', onRequest);
    page.off('requestfinished', onFinished);
    const shards = files.filter((f) => f.url.includes('/_search.'));
    rounds.push({ t, tSnippets, tWhole, listMs, listBytes, shards: shards.length, shardBytes: shards.reduce((a, f) => a + f.bytes, 0), bodies: files.length - shards.length, bodyBytes: files.filter((f) => !f.url.includes('/_search.')).reduce((a, f) => a + f.bytes, 0) });
    await ctx.close();
  }
  await server.close();
  const m = (key) => median(rounds.map((r) => r[key]));
  return `| ${corpusLabel} | ${ms(m('listMs'))} (${kb(m('listBytes'))}) | ${ms(m('t'))} | ${ms(m('tSnippets'))} | ${ms(m('tWhole'))} | ${m('shards')} shards, ${kb(m('shardBytes'))} | ${m('bodies')} bodies, ${kb(m('bodyBytes'))} | **${kb(m('shardBytes') + m('bodyBytes'))}** |`;
}

function firstSearchSection(rows) {
  return ['### The first search of a visit', '',
    `The field focused (the shard list fetched), then "${FIRST_QUERY}" typed, with the loads' network and CPU profile (median of 3 visits, no service worker): from the last key to the frame that shows the first hits (titles, and the essays' summaries until their bodies are in), to the frame that shows every hit shown with its snippet, then to the frame that shows the whole answer (the page with the matches one typo away among them, counted), and what the query fetched, as transferred (brotli). Targets (20,000 pairs): first results within 300 ms, at most 150 KB.`, '',
    '| Corpus | focus → shard list (its size) | key → first hits | key → their snippets | key → whole answer | the query\'s shards | the hits\' bodies (snippets) | the query in all |', '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows, ''].join('\n');
}

// What reading offline takes on the reader's device: the service worker
// installed (every file it precaches), then the origin's storage as the
// browser counts it (navigator.storage.estimate), CPU and network at full
// speed.
async function offlineStorage(browser, url, corpusLabel, serverOptions = {}) {
  const server = await serveCompressed(path.resolve(url), serverOptions);
  const ctx = await browser.newContext({ locale: 'en-US' });
  const page = await ctx.newPage();
  const start = Date.now();
  await page.goto(server.url + 'en/');
  // The app's own footer (the pre-rendered page has one too until takeover).
  await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 180_000 });
  // Within the offline budget every essay is saved ("Ready to read
  // offline"); above it, the library and the search (the footer counts the
  // essays on the device): docs/offline.md.
  await page.locator('.offline-ready', { hasText: /Ready to read offline|On this device for offline reading/ }).waitFor({ timeout: 600_000 });
  const seconds = (Date.now() - start) / 1000;
  const { usage, quota } = await page.evaluate(() => navigator.storage.estimate());
  await ctx.close();
  await server.close();
  const plan = JSON.parse(fs.readFileSync(path.join(url, 'offline.json'), 'utf8'));
  const saved = plan.every_essay ? 'every essay' : 'the index and the search (essays as opened)';
  return `| ${corpusLabel} | ${saved} | ${(usage / 1024 / 1024).toFixed(1)} MB | ${seconds.toFixed(1)} s | ${(quota / 1024 / 1024 / 1024).toFixed(1)} GB |`;
}

// ---------------------------------------------------------------- main

const browser = await launchBrowser();
// The 20,000-pair deployment has no entry pages: its page addresses are
// answered with index.html.
const huge = hugeDist && fs.existsSync(hugeDist) ? { dist: hugeDist, label: '20,000 pairs', server: { fallback: 'index.html' } } : null;
const corpora = [{ dist: appDist, label: 'Seed (5 essays)', server: {} }, { dist: bigDist, label: '2,000 pairs', server: {} }, ...(huge ? [huge] : [])].filter((c) => fs.existsSync(c.dist));
// The same 2,000 pairs with 2,000 tags and 300 more categories: for the
// interactions (and sizes) only.
const manyTags = tagsDist && fs.existsSync(tagsDist) ? [{ dist: tagsDist, label: '2,000 pairs, 2,000 tags, 306 categories', server: {} }] : [];
const interactionRuns = async () => {
  const runs = [];
  for (const c of [...corpora, ...manyTags]) runs.push(await interactions(browser, c.dist, c.label, c.server));
  return runs;
};
const searchRows = async () => {
  const rows = [];
  for (const c of corpora) rows.push(await firstSearch(browser, c.dist, c.label, c.server));
  return rows;
};
if (process.env.ONLY === 'interactions') {
  console.log(interactionsSection(await interactionRuns()));
  await browser.close();
  process.exit(0);
}
if (process.env.ONLY === 'search') {
  console.log(firstSearchSection(await searchRows()));
  await browser.close();
  process.exit(0);
}
if (process.env.ONLY === 'loads') {
  console.log(await loadsSection(browser));
  await browser.close();
  process.exit(0);
}
const offlineSection = async () => {
  const storage = [];
  for (const c of corpora) storage.push(await offlineStorage(browser, c.dist, c.label, c.server));
  return ['### Offline storage', '', 'The service worker installed on a first visit (within the 50 MB offline budget it saves every essay and the search\'s shards; above it, the index and the shards: docs/offline.md), then `navigator.storage.estimate()`; CPU and network at full speed, served by the benchmark\'s server.', '',
    '| Corpus | saved at install | storage used | first visit → saved | quota offered (this headless profile) |', '|---|---|---:|---:|---:|',
    ...storage, ''].join('\n');
};
if (process.env.ONLY === 'offline') {
  console.log(await offlineSection());
  await browser.close();
  process.exit(0);
}
const sizes = sizesSection();
console.log(sizes.text);
console.log(await loadsSection(browser));
console.log(interactionsSection(await interactionRuns()));
console.log(firstSearchSection(await searchRows()));
console.log(await offlineSection());
console.log(`### The corpus tool\n\n\`corpus build\` of the 2,000-pair corpus (4,000 Markdown files): **${(Number(buildMs) / 1000).toFixed(1)} s** wall clock (parsing, validating, aligning, writing 4,000 bodies and the search's shards).\n`);
if (huge && hugeBuildLog && fs.existsSync(hugeBuildLog)) {
  // GNU time's report of the 20,000-pair build.
  const log = fs.readFileSync(hugeBuildLog, 'utf8');
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(log);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(log)?.[1]) * 1024;
  const shards = fs.readdirSync(path.join(hugeDist, 'corpus')).filter((f) => f.startsWith('_search.'));
  const shardBytes = shards.reduce((a, f) => a + fs.statSync(path.join(hugeDist, 'corpus', f)).size, 0);
  console.log(`\`corpus build\` of the 20,000-pair corpus (40,000 Markdown files): **${seconds.toFixed(1)} s** wall clock, **${(rss / 1e9).toFixed(2)} GB** peak memory (targets: 30 s, 2 GB); ${shards.length - 1} search shards, ${(shardBytes / 1048576).toFixed(1)} MB.\n`);
}
await browser.close();
