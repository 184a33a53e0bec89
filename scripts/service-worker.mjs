// Generates the service worker over a built dist/ with Workbox (generateSW):
// every file of the app shell, the corpus and the icons precached with a
// revision, old caches cleaned up, navigations answered by the app shell.
// The Workbox runtime is inlined into the worker: nothing comes from a CDN.
//
// Usage: node scripts/service-worker.mjs <dist-dir>
// Run by Trunk's post_build hook (Trunk.toml) on every build.

import fs from 'node:fs';
import path from 'node:path';
import { generateSW } from 'workbox-build';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node scripts/service-worker.mjs <dist-dir>');
  process.exit(2);
}

// The offline budget (docs/offline.md): a corpus whose data (the index,
// every body, the search's shards) fits is saved whole as the app installs;
// above it, the index and the search's shards are, and each essay when it is
// opened (or all of them when the reader asks: the app's footer). The plan
// goes to the app as offline.json. ESSAIS_OFFLINE_BUDGET_MB changes the
// budget (the end-to-end tests build a deployment above a small one).
const budgetMb = Number(process.env.ESSAIS_OFFLINE_BUDGET_MB ?? 50);
if (!Number.isFinite(budgetMb) || budgetMb < 0) {
  console.error(`service worker: ESSAIS_OFFLINE_BUDGET_MB must be a number of megabytes, not ${process.env.ESSAIS_OFFLINE_BUDGET_MB}`);
  process.exit(2);
}
const BUDGET = Math.round(budgetMb * 1024 * 1024);
const bytes = (file) => fs.statSync(path.join(dist, file)).size;
const data = fs.existsSync(path.join(dist, 'corpus'))
  ? fs.readdirSync(path.join(dist, 'corpus')).filter((f) => f.endsWith('.json')).map((f) => `corpus/${f}`)
  : [];
const isSearch = (file) => path.basename(file).startsWith('_search.');
const essaysBytes = data.filter((f) => !isSearch(f)).reduce((sum, f) => sum + bytes(f), 0);
const dataBytes = data.reduce((sum, f) => sum + bytes(f), 0) + (fs.existsSync(path.join(dist, 'corpus.json')) ? bytes('corpus.json') : 0);
const everyEssay = dataBytes <= BUDGET;
fs.writeFileSync(path.join(dist, 'offline.json'), JSON.stringify({ every_essay: everyEssay, essays_bytes: essaysBytes, budget_bytes: BUDGET }));

const { count, size, warnings } = await generateSW({
  globDirectory: dist,
  // The shell and its data: the corpus index at the top of dist/, every
  // essay's body and the search's shard list and shards in corpus/
  // (corpus/_search.*.json). The entry pages in fr/…/
  // and 404.html (index.html with each page drawn in it) are not: the
  // fallback answers them with index.html and the app draws the page.
  // Installing fetches every body in the background, after the first page
  // has shown: from then on every essay reads offline, and a redeployment
  // fetches only the bodies whose content (hence name) changed.
  globPatterns: ['index.html', '*.{js,wasm,css,json,svg,png,webmanifest}', everyEssay ? 'corpus/*.json' : 'corpus/_search.*.json'],
  globIgnores: ['service-worker.js', '404.html'],
  swDest: `${dist}/service-worker.js`,
  // Trunk's hashed names (essais-0123456789abcdef.js) and the corpus tool's
  // (corpus/<slug>.01234567.json) need no cache-busting.
  dontCacheBustURLsMatching: /-[0-9a-f]{16}\.(js|wasm|css)$|^corpus\/[^/]+\.[0-9a-f]{8}\.json$/,
  // Any page address (an essay, a filtered library, side by side) opened
  // offline is answered with the app shell, which then renders it.
  navigateFallback: 'index.html',
  // Above the budget, each body is kept as it is fetched (an essay opened,
  // its translation, or "save every essay"), in a cache the app counts;
  // a body's name is its content's hash, so a kept one never goes stale.
  runtimeCaching: everyEssay ? [] : [{
    urlPattern: /\/corpus\/[^/]+\.[0-9a-f]{8}\.json$/,
    handler: 'CacheFirst',
    options: { cacheName: 'essais-essays' },
  }],
  cleanupOutdatedCaches: true,
  // A new deployment waits until the reader accepts the reload (the app
  // sends SKIP_WAITING), so old JS never runs with a new WASM or corpus.
  skipWaiting: false,
  clientsClaim: true,
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: 'production',
  // The 2,000-essay corpus of the benchmark is a few MB.
  maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
});
for (const warning of warnings) console.error(`service worker: ${warning}`);
if (warnings.length) process.exit(1);
if (count < 5) {
  console.error(`service worker: only ${count} files precached in ${dist}`);
  process.exit(1);
}
console.error(`service worker: ${count} files precached (${(size / 1024).toFixed(0)} KiB)${everyEssay ? '' : `; above the offline budget (${(dataBytes / 1048576).toFixed(1)} MB of data), essays kept as opened`}`);
