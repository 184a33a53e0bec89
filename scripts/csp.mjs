// Pins the Content-Security-Policy of a built dist/: the only inline scripts
// allowed are the loader Trunk writes into index.html and boot.js, and the
// only inline style the stylesheet (both put there by inline-assets.mjs),
// each by its SHA-256, computed here after the build. The policy goes into index.html as a <meta> (before
// any script) and into dist/csp.txt for deployers who set it as a header.
//
// Usage: node scripts/csp.mjs <dist-dir>   (Trunk's first post_build hook)

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node scripts/csp.mjs <dist-dir>');
  process.exit(2);
}
const indexPath = path.join(dist, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) {
  console.error('csp: index.html already has a policy');
  process.exit(1);
}

const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length === 0) {
  console.error('csp: no inline script found: has Trunk changed its loader?');
  process.exit(1);
}
const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const hashes = inline.map(sha256);
const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]));

export const policy = [
  "default-src 'self'",
  // Trunk's loader and boot.js by hash; the app's JS from the site; WASM compilation.
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  // The stylesheet, inlined, by hash; no 'unsafe-inline' (so no style attribute).
  `style-src 'self' ${styles.join(' ')}`.trim(),
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  // The pre-rendered search field is a plain GET form to the library's own
  // address, for an Enter pressed before the app has taken over.
  "form-action 'self'",
].join('; ');

html = html.replace(/<head>/, `<head>\n  <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
fs.writeFileSync(indexPath, html);
// As a header, a deployer should add what a <meta> cannot carry.
fs.writeFileSync(path.join(dist, 'csp.txt'), `${policy}; frame-ancestors 'none'\n`);
console.error(`csp: ${inline.length} inline script(s) pinned`);
