// A stress corpus: what an editor who pastes from anywhere may write, at
// the sizes the build allows (core/src/limits.rs) and the Unicode that
// editors meet. Written as content/ sources, built by the real tool
// (tests/e2e/stress.test.mjs); one more source, past the nesting limit,
// must be refused with its line.

import fs from 'node:fs';
import path from 'node:path';

/** The build's limits (core/src/limits.rs), as the corpus reaches them. */
export const MAX_NESTING = 24;
export const MAX_TITLE_CHARS = 2_000;

/** Words the search must find although the text hides them (see `unicode`). */
export const HIDDEN_WORDS = {
  fr: [
    ['zephyrin', 'full-width letters'],
    ['éphémère', 'decomposed accents'],
    ['parallaxe', 'a zero-width space inside'],
    ['fichier', 'a ligature'],
  ],
  en: [
    ['quixotic', 'full-width letters'],
    ['café', 'a decomposed accent'],
    ['parallax', 'a zero-width joiner inside'],
    ['floor', 'a ligature'],
  ],
};

/** The tag whose label is right-to-left text with an override never closed. */
export const RTL_TAG = 'rtl';

const toml = (text) => JSON.stringify(text);
const RLO = '\u202E';

/** Deterministic words (no Math.random: a failure must reproduce). */
function* words(seed) {
  const pool = ['lumière', 'rivière', 'silence', 'matin', 'papier', 'voyage', 'mesure', 'regard', 'hiver', 'jardin', 'morning', 'river', 'paper', 'journey', 'measure', 'window', 'winter', 'garden'];
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield pool[x % pool.length];
  }
}

function sentence(gen, n) {
  const w = [];
  for (let i = 0; i < n; i++) w.push(gen.next().value);
  const s = w.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function essay({ slug, lang, title, key, position, categories = ['stress'], tags = [], body }) {
  const front = [
    `slug = ${toml(slug)}`,
    `lang = ${toml(lang)}`,
    `title = ${toml(title)}`,
    `translation_key = ${toml(key)}`,
    `position = ${position}`,
    `categories = ${JSON.stringify(categories)}`,
    `tags = ${JSON.stringify(tags)}`,
  ].join('\n');
  return { name: `${key}.${lang}.md`, text: `+++\n${front}\n+++\n\n${body.trim()}\n` };
}

/** Lists inside lists, `depth` deep (each item on its own line). */
function nestedList(depth, word) {
  let out = '';
  for (let d = 0; d < depth; d++) out += `${'  '.repeat(d)}- ${word} ${d + 1}\n`;
  return out;
}

/** Quotes, then lists, then emphasis inside the last item: `depth` levels in all. */
function mixedNesting(depth, word) {
  const quotes = Math.floor(depth / 3);
  const lists = Math.floor(depth / 3);
  const q = '> '.repeat(quotes);
  let inner = word;
  for (let e = 0; e < depth - quotes - lists; e++) {
    const delim = ['*', '**', '~~'][e % 3];
    inner = `${delim}x${e} ${inner} x${e}${delim}`;
  }
  let out = '';
  for (let d = 0; d < lists; d++) out += `${q}${'  '.repeat(d)}- ${d + 1 === lists ? inner : `${word} ${d + 1}`}\n`;
  return out;
}

const LONG_WORD = 'anticonstitutionnellement'.repeat(8_000); // 200,000 characters
const LONG_URL = `https://example.org/${'chemin/'.repeat(700)}fin`;

/** The stress content: taxonomy and essays, as files to write under content/. */
export function stressContent() {
  let taxonomy = '[[category]]\nid = "stress"\nfr = "Contraintes"\nen = "Stress"\n\n';
  taxonomy += `[[category]]\nid = "long-label"\nfr = ${toml('Catégorie' + 'x'.repeat(150))}\nen = ${toml('Category' + 'x'.repeat(150))}\n\n`;
  const tags = [];
  for (let i = 1; i <= 300; i++) {
    const id = `tag-${i}`;
    tags.push(id);
    taxonomy += `[[tag]]\nid = "${id}"\nfr = "étiquette ${i}"\nen = "label ${i}"\n\n`;
  }
  taxonomy += `[[tag]]\nid = "${RTL_TAG}"\nfr = ${toml(`עברית ${RLO}à rebours`)}\nen = ${toml(`עברית ${RLO}backwards`)}\n\n`;

  const files = [];
  const pair = (key, position, fr, en) => {
    files.push(essay({ key, position, lang: 'fr', slug: `${key}-fr`, ...fr }));
    files.push(essay({ key, position: position + 1, lang: 'en', slug: `${key}-en`, ...en }));
  };

  // A book: 5,000 paragraphs facing 5,000.
  const book = (lang, seed) => {
    const gen = words(seed);
    const out = [];
    for (let i = 0; i < 5_000; i++) {
      if (i % 500 === 0) out.push(`## ${lang === 'fr' ? 'Chapitre' : 'Chapter'} ${i / 500 + 1}`);
      out.push(`${sentence(gen, 12)} ${i + 1}. ${sentence(gen, 9)}`);
    }
    return out.join('\n\n');
  };
  pair('book', 1, { title: 'Un livre entier', body: book('fr', 7) }, { title: 'A whole book', body: book('en', 7) });

  // Words and addresses without a break, everywhere they can stand.
  const longBody = (lang) => [
    `${lang === 'fr' ? 'Un paragraphe interminable' : 'An interminable paragraph'} : ${LONG_WORD}.`,
    `## ${'Titre'.repeat(400)}`,
    `[${LONG_URL}](${LONG_URL}) ${lang === 'fr' ? 'et sans lien' : 'and unlinked'} <${LONG_URL}>`,
    '```\n' + 'let x = "' + 'y'.repeat(5_000) + '";\n```',
    `> ${'citation'.repeat(500)}`,
    `- ${'item'.repeat(1_000)}\n- \`${'code'.repeat(1_000)}\``,
  ].join('\n\n');
  pair('long-word', 3,
    { title: `Le mot sans fin ${'m'.repeat(300)}`, body: longBody('fr'), categories: ['stress', 'long-label'], tags: ['tag-1'] },
    { title: `The endless word ${'w'.repeat(300)}`, body: longBody('en'), categories: ['stress', 'long-label'], tags: ['tag-1'] });

  // Every tag, and a title at the limit.
  const longTitle = (word) => {
    let t = '';
    while (t.length < MAX_TITLE_CHARS) t += `${word} `;
    return t.slice(0, MAX_TITLE_CHARS - 1) + '.';
  };
  pair('many-tags', 5,
    { title: longTitle('Un titre très long'), body: 'Un essai qui porte toutes les étiquettes.\n\nUne seconde phrase pour la forme.', tags: [...tags, RTL_TAG] },
    { title: longTitle('A very long title'), body: 'An essay that carries every tag.\n\nA second sentence for good measure.', tags: [...tags, RTL_TAG] });

  // Nesting at the limit, of every kind.
  const nesting = (word) => [
    word === 'niveau' ? 'Des listes dans des listes, puis des citations, puis un mélange.' : 'Lists in lists, then quotes, then a mix.',
    nestedList(MAX_NESTING, word),
    `${'> '.repeat(MAX_NESTING)}${word}`,
    mixedNesting(MAX_NESTING, word),
  ].join('\n\n');
  pair('nesting', 7, { title: 'Imbrications', body: nesting('niveau') }, { title: 'Nesting', body: nesting('level') });

  // Unicode as editors meet it: decomposed accents, ligatures, full-width
  // forms, zero-width characters, bidirectional text and controls.
  pair('unicode', 9,
    {
      title: `E\u0301te\u0301 ${RLO}à l’envers`,
      tags: [RTL_TAG],
      body: [
        `Un ｚｅｐｈｙｒｉｎ, un e\u0301phe\u0301me\u0300re, une para\u200Bllaxe et un ﬁchier.`,
        `De l’hébreu, שלום עולם, de l’arabe, مرحبا بالعالم, puis ${RLO}un renversement jamais fermé`,
        `\u2067Un isolement jamais fermé, puis la suite.`,
        `Des jointures : 👩\u200D💻, des cé\u00ADsures, \u202Dforcé \u202Erenversé\u202C et fini.`,
      ].join('\n\n'),
    },
    {
      title: `Summer ${RLO}upside down`,
      tags: [RTL_TAG],
      body: [
        `A ｑｕｉｘｏｔｉｃ cafe\u0301, a para\u200Dllax and a ﬂoor.`,
        `Hebrew, שלום עולם, Arabic, مرحبا بالعالم, then ${RLO}an override never closed`,
        `\u2067An isolate never closed, then the rest.`,
        `Joiners: 👩\u200D💻, soft hy\u00ADphens, \u202Dforced \u202Ereversed\u202C and done.`,
      ].join('\n\n'),
    });

  return { taxonomy, files };
}

/** Writes the stress content into `dir` (taxonomy.toml, essays/). */
export function writeStressContent(dir) {
  const { taxonomy, files } = stressContent();
  fs.mkdirSync(path.join(dir, 'essays'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'taxonomy.toml'), taxonomy);
  for (const { name, text } of files) fs.writeFileSync(path.join(dir, 'essays', name), text);
  return files.map(({ name }) => name);
}

/**
 * An essay nested one level past the limit: its file name, text and the
 * line the build must name (that of the level past the limit).
 */
export function pastTheLimit() {
  const body = `Trop profond.\n\n${nestedList(MAX_NESTING + 1, 'niveau')}`;
  const { text } = essay({ slug: 'too-deep', lang: 'fr', title: 'Trop profond', key: 'too-deep', position: 99, body });
  const line = text.split('\n').findIndex((l) => l.includes(`niveau ${MAX_NESTING + 1}`)) + 1;
  return { name: 'too-deep.fr.md', text, line };
}
