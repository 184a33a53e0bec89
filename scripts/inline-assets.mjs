// Puts the stylesheet and boot.js into index.html itself, so that the first
// paint of a (pre-rendered) entry page waits for nothing but the page: no
// round trip for a render-blocking stylesheet or script, no sharing the link
// with the app's WASM download (docs/performance.md). Both are small (about
// 4 KB compressed together). The Content-Security-Policy then pins them by
// hash (scripts/csp.mjs, the next hook), and the separate files go.
//
// Usage: node scripts/inline-assets.mjs <dist-dir>   (Trunk's first post_build hook)

import fs from 'node:fs';
import path from 'node:path';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node scripts/inline-assets.mjs <dist-dir>');
  process.exit(2);
}
const indexPath = path.join(dist, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

/** Replaces the one tag matching `pattern` by `wrap(content of the file it names)`. */
function inline(pattern, what, wrap, closing) {
  const matches = [...html.matchAll(pattern)];
  if (matches.length !== 1) {
    console.error(`inline-assets: expected one ${what} in index.html, found ${matches.length}`);
    process.exit(1);
  }
  const [tag, href] = matches[0];
  const file = path.join(dist, path.basename(href));
  const content = fs.readFileSync(file, 'utf8');
  if (content.toLowerCase().includes(closing)) {
    console.error(`inline-assets: ${path.basename(file)} contains ${closing}: cannot be inlined`);
    process.exit(1);
  }
  html = html.replace(tag, () => wrap(content.trim()));
  fs.rmSync(file);
}

inline(/<link rel="stylesheet" href="([^"]+\.css)"[^>]*>/g, 'stylesheet', (css) => `<style>${css}</style>`, '</style');
inline(/<script src="([^"]*boot\.js)"><\/script>/g, 'boot.js', (js) => `<script>${js}</script>`, '</script');
fs.writeFileSync(indexPath, html);
