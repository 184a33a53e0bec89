// A static server for the benchmark that compresses as real hosts do:
// brotli when the browser asks for it (Chromium does, even from
// http://127.0.0.1), else gzip. Compressed bodies are made once per file and
// kept (the first request of a large file waits for its compression). Revalidation by ETag, as a CDN would.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { once } from 'node:events';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain',
};

export function compress(data, encoding) {
  return encoding === 'br'
    ? zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
    : zlib.gzipSync(data, { level: 9 });
}

/**
 * Serves `dir`. With `fallback` (a file of `dir`), an address with no file
 * gets that file, as a host configured for a single-page app answers:
 * the 20,000-pair deployment has no entry page per essay (docs/performance.md).
 */
export async function serveCompressed(dir, { fallback } = {}) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    let pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(dir, pathname);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    let stat;
    try {
      stat = fs.statSync(file);
      if (stat.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
    } catch {
      if (!fallback || pathname.startsWith('/corpus/')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      file = path.join(dir, fallback);
      stat = fs.statSync(file);
    }
    const etag = `"${stat.size}-${stat.mtimeMs}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const accepts = req.headers['accept-encoding'] ?? '';
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    const compressible = !type.startsWith('image/png');
    let body = fs.readFileSync(file);
    const headers = { 'content-type': type, etag, 'cache-control': 'no-cache' };
    if (encoding && compressible) {
      const key = `${file}:${encoding}:${etag}`;
      if (!cache.has(key)) cache.set(key, compress(body, encoding));
      body = cache.get(key);
      headers['content-encoding'] = encoding;
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${server.address().port}/`;
  // A large corpus.json (20 MB for 20,000 pairs) takes this server tens of
  // seconds to compress at brotli's quality 11, which real hosts do ahead:
  // done before anything is timed, for the encoding Chromium asks for.
  if (fs.existsSync(path.join(dir, 'corpus.json'))) {
    await fetch(url + 'corpus.json', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } }).then((r) => r.arrayBuffer());
  }
  return {
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
