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

const label = (i) => ({ fr: TEXT_PAYLOADS[i % TEXT_PAYLOADS.length], en: TEXT_PAYLOADS[(i + 1) % TEXT_PAYLOADS.length] });

/** The corpus.json (schema 1): translated pairs, so both views are exercised. */
export function hostileCorpus() {
  const categories = [0, 1, 2].map((i) => ({ id: `cat-${i}`, label: label(i) }));
  const tags = [0, 1, 2, 3].map((i) => ({ id: `tag-${i}`, label: label(i + 3) }));
  const essays = [];
  const chunks = [];
  for (let i = 0; i < BODY_PAYLOADS.length; i += 6) chunks.push(BODY_PAYLOADS.slice(i, i + 6));
  chunks.forEach((payloads, n) => {
    const body = payloads.map((p) => `Before the payload, ${p} after it.\n\n${p}`).join('\n\n## A heading\n\n');
    const key = `hostile-${n}`;
    const slug = n % 2 ? `"><svg onload=${RUN}>-${n}` : `hostile-${n}`;
    const common = { translation_key: key, categories: [`cat-${n % 3}`], tags: [`tag-${n % 4}`], comments: n, word_count: 100 };
    essays.push({ ...common, slug: `${slug}-fr`, lang: 'fr', title: `${TEXT_PAYLOADS[n % TEXT_PAYLOADS.length]} (fr)`, body, position: 2 * n + 1, image_alt: TEXT_PAYLOADS[1] });
    essays.push({ ...common, slug: `${slug}-en`, lang: 'en', title: `${TEXT_PAYLOADS[(n + 2) % TEXT_PAYLOADS.length]} (en)`, body, position: 2 * n + 2 });
  });
  return { schema_version: 1, taxonomy: { categories, tags }, essays };
}
