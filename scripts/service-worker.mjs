// Generates the service worker over a built dist/ with Workbox (generateSW):
// every file of the app shell, the corpus and the icons precached with a
// revision, old caches cleaned up, navigations answered by the app shell.
// The Workbox runtime is inlined into the worker: nothing comes from a CDN.
//
// Usage: node scripts/service-worker.mjs <dist-dir>
// Run by Trunk's post_build hook (Trunk.toml) on every build.

import { generateSW } from 'workbox-build';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node scripts/service-worker.mjs <dist-dir>');
  process.exit(2);
}

const { count, size, warnings } = await generateSW({
  globDirectory: dist,
  // The shell and its data: the corpus index at the top of dist/, every
  // essay's body and the search data in corpus/. The entry pages in fr/…/
  // and 404.html (index.html with each page drawn in it) are not: the
  // fallback answers them with index.html and the app draws the page.
  // Installing fetches every body in the background, after the first page
  // has shown: from then on every essay reads offline, and a redeployment
  // fetches only the bodies whose content (hence name) changed.
  globPatterns: ['index.html', '*.{js,wasm,css,json,svg,png,webmanifest}', 'corpus/*.json'],
  globIgnores: ['service-worker.js', '404.html'],
  swDest: `${dist}/service-worker.js`,
  // Trunk's hashed names (essais-0123456789abcdef.js) and the corpus tool's
  // (corpus/<slug>.0123456789abcdef.json) need no cache-busting.
  dontCacheBustURLsMatching: /[-.][0-9a-f]{16}\.(js|wasm|css|json)$/,
  // Any page address (an essay, a filtered library, side by side) opened
  // offline is answered with the app shell, which then renders it.
  navigateFallback: 'index.html',
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
console.error(`service worker: ${count} files precached (${(size / 1024).toFixed(0)} KiB)`);
