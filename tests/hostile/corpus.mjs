// A hostile corpus: classic script-injection payloads in every place the
// corpus feeds the page (titles, bodies, taxonomy labels, slugs, alt text).
// Each payload, if it ever ran, would set window.__pwned or open a dialog.

const RUN = 'window.__pwned=1';

/** Markdown and HTML payloads, one per line of the table; at least 25. */
export const BODY_PAYLOADS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `<svg onload="${RUN}"></svg>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `[a link](javascript:${RUN})`,
  `![an image](javascript:${RUN})`,
  `[a reference][evil]\n\n[evil]: javascript:${RUN}`,
  `[mixed case](JaVaScRiPt:${RUN})`,
  `[entity encoded](&#106;avascript:${RUN})`,
  `[hex entity](&#x6A;avascript:${RUN})`,
  `[tab inside](java&#x09;script:${RUN})`,
  `[spaced]( javascript:${RUN} )`,
  `[vbscript](vbscript:msgbox(1))`,
  `[data url](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)`,
  `<javascript:${RUN}>`,
  `<!-- <script>${RUN}</script> -->`,
  `<style>body{display:none}</style>`,
  `<a href="javascript:${RUN}">raw anchor</a>`,
  `<div style="background:url(javascript:${RUN})">styled</div>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `<details open ontoggle="${RUN}">x</details>`,
  `<body onload=${RUN}>`,
  `<input autofocus onfocus=${RUN}>`,
  `<object data="javascript:${RUN}"></object>`,
  `<embed src="javascript:${RUN}">`,
  `<form action="javascript:${RUN}"><button>go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `<base href="javascript:${RUN}//">`,
  `<link rel=stylesheet href="data:text/css,body{display:none}">`,
  `<<script>script>${RUN}<</script>/script>`,
  `<video><source onerror="${RUN}"></video>`,
  `<marquee onstart=${RUN}>x</marquee>`,
  `"><svg/onload=${RUN}>`,
];

/** Strings for titles, labels, slugs and alt text. */
export const TEXT_PAYLOADS = [
  `<script>${RUN}</script>`,
  `"><img src=x onerror=${RUN}>`,
  `'><svg onload=${RUN}>`,
  `javascript:${RUN}`,
  `</title><script>${RUN}</script>`,
  `{{constructor.constructor('${RUN}')()}}`,
];

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A TOML basic string (JSON's escapes are valid TOML). */
const toml = (text) => JSON.stringify(text);

/**
 * The hostile corpus, as the app fetches it: `index` (corpus.json) and
 * `files` (URL → JSON text of each body and of the search data).
 *
 * The Markdown payloads go through the real corpus tool, as an editor's
 * files would. Then the built JSON is tampered with, as an attacker who can
 * write the deployed files would: hostile slugs in the index, and in every
 * body a `javascript:` link and a level-1 heading written straight into
 * the blocks, which the tool would never produce.
 */
export function hostileCorpus() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-hostile-'));
  const content = path.join(dir, 'content');
  fs.mkdirSync(path.join(content, 'essays'), { recursive: true });
  const label = (i) => `fr = ${toml(TEXT_PAYLOADS[i % TEXT_PAYLOADS.length])}\nen = ${toml(TEXT_PAYLOADS[(i + 1) % TEXT_PAYLOADS.length])}\n`;
  let taxonomy = '';
  for (const i of [0, 1, 2]) taxonomy += `[[category]]\nid = "cat-${i}"\n${label(i)}\n`;
  for (const i of [0, 1, 2, 3]) taxonomy += `[[tag]]\nid = "tag-${i}"\n${label(i + 3)}\n`;
  fs.writeFileSync(path.join(content, 'taxonomy.toml'), taxonomy);
  const chunks = [];
  for (let i = 0; i < BODY_PAYLOADS.length; i += 6) chunks.push(BODY_PAYLOADS.slice(i, i + 6));
  chunks.forEach((payloads, n) => {
    const body = payloads.map((p) => `Before the payload, ${p} after it.\n\n${p}`).join('\n\n## A heading\n\n');
    for (const [lang, title, position] of [
      ['fr', `${TEXT_PAYLOADS[n % TEXT_PAYLOADS.length]} (fr)`, 2 * n + 1],
      ['en', `${TEXT_PAYLOADS[(n + 2) % TEXT_PAYLOADS.length]} (en)`, 2 * n + 2],
    ]) {
      const front = [
        `slug = "hostile-${n}-${lang}"`,
        `lang = "${lang}"`,
        `title = ${toml(title)}`,
        `translation_key = "hostile-${n}"`,
        `position = ${position}`,
        `categories = ["cat-${n % 3}"]`,
        `tags = ["tag-${n % 4}"]`,
        `comments = ${n}`,
        lang === 'fr' ? `image_alt = ${toml(TEXT_PAYLOADS[1])}` : '',
      ].join('\n');
      fs.writeFileSync(path.join(content, 'essays', `hostile-${n}.${lang}.md`), `+++\n${front}\n+++\n\n${body}\n`);
    }
  });
  const out = path.join(dir, 'out', 'corpus.json');
  execFileSync('cargo', ['run', '--quiet', '--offline', '-p', 'essais-core', '--bin', 'corpus', '--', 'build', content, out], { stdio: 'inherit' });
  const index = JSON.parse(fs.readFileSync(out, 'utf8'));
  const files = new Map();
  for (const name of fs.readdirSync(path.join(dir, 'out', 'corpus'))) {
    const url = `corpus/${name}`;
    let text = fs.readFileSync(path.join(dir, 'out', url), 'utf8');
    if (!name.startsWith('_search')) {
      const body = JSON.parse(text);
      body.blocks.push({ h: [1, [{ t: 'A level-1 heading written into the JSON' }]] });
      body.blocks.push({ p: [{ a: { href: { url: `javascript:${RUN}`, external: false }, children: [{ t: 'a link written into the JSON' }] } }] });
      body.blocks.push({ p: [{ a: { href: { url: ` JaVa\tScRiPt:${RUN}`, external: true }, children: [{ t: 'another' }] } }] });
      text = JSON.stringify(body);
    }
    files.set(url, text);
  }
  index.essays.forEach((essay, i) => {
    if (Math.floor(i / 2) % 2) essay.slug = `"><svg onload=${RUN}>-${i}`;
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return { index, files };
}
