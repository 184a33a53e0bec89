// Measures the side-by-side view on a long translated essay (500 blocks a
// side) in the real app in headless Chromium: the alignment alone (the
// app's `essais:align` User Timing measure) and the whole switch from the
// single text to the painted side-by-side view. Prints a Markdown table.
//
// Usage: node bench/align.mjs <dist-dir> <corpus-tool> <pages-tool> [runs]
// (scripts/bench builds the app and the tools and calls this.)

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launchBrowser } from '../tests/e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [distDir, corpusTool, pagesTool, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 9);
const BLOCKS = 500;

/** The seed pair's blocks, reused to build a long pair of realistic lengths. */
function seedBlocks(file) {
  const text = fs.readFileSync(path.join(root, 'content/essays', file), 'utf8');
  return text.split('\n+++\n')[1].trim().split('\n\n');
}

function longPair() {
  const fr = seedBlocks('le-business-modele-brise-du-business.fr.md');
  const en = seedBlocks('le-business-modele-brise-du-business.en.md');
  const left = [];
  const right = [];
  for (let i = 0; left.length < BLOCKS; i++) {
    const a = fr[i % fr.length];
    const b = en[i % en.length];
    left.push(a);
    if (i % 55 === 54) continue; // the translation drops a paragraph now and then
    const sentences = b.split('. ');
    if (i % 40 === 39 && !b.startsWith('#') && !b.startsWith('>') && sentences.length > 3) {
      // …and splits one in two
      const cut = Math.floor(sentences.length / 2);
      right.push(sentences.slice(0, cut).join('. ') + '.', sentences.slice(cut).join('. '));
    } else {
      right.push(b);
    }
  }
  return { left, right };
}

function essayFile(slug, lang, title, blocks) {
  return `+++\nslug = "${slug}"\nlang = "${lang}"\ntitle = "${title}"\ntranslation_key = "long"\nposition = ${lang === 'fr' ? 1 : 2}\ncategories = []\ntags = []\n+++\n\n${blocks.join('\n\n')}\n`;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-bench-'));
const content = path.join(work, 'content');
fs.mkdirSync(path.join(content, 'essays'), { recursive: true });
fs.copyFileSync(path.join(root, 'content/taxonomy.toml'), path.join(content, 'taxonomy.toml'));
const { left, right } = longPair();
fs.writeFileSync(path.join(content, 'essays/long.fr.md'), essayFile('long-fr', 'fr', 'Un long essai', left));
fs.writeFileSync(path.join(content, 'essays/long.en.md'), essayFile('long-en', 'en', 'A long essay', right));
const dist = path.join(work, 'dist');
fs.cpSync(distDir, dist, { recursive: true });
execFileSync(corpusTool, ['build', content, path.join(dist, 'corpus.json')], { stdio: 'inherit' });
execFileSync(pagesTool, [path.join(dist, 'corpus.json'), dist], { stdio: 'inherit' });

const server = await serveStatic(dist);
const browser = await launchBrowser();
const align = [];
const switchToSideBySide = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + 'fr/long-fr/');
  await page.locator('.essay-body p').first().waitFor();
  const started = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Côte à côte' }).click();
  await page.locator('.parallel').waitFor();
  const painted = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))));
  switchToSideBySide.push(painted - started);
  const measures = await page.evaluate(() => performance.getEntriesByName('essais:align').map((e) => e.duration));
  align.push(measures.at(-1));
  const rows = await page.locator('.parallel .pair:not(.column-heads)').count();
  if (run === 0) console.error(`aligned ${left.length} × ${right.length} blocks into ${rows} rows`);
  await context.close();
}
await browser.close();
await server.close();
fs.rmSync(work, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`| measure (${left.length} × ${right.length} blocks, ${RUNS} runs) | median | slowest |`);
console.log('|---|---|---|');
console.log(`| alignment (\`essais:align\`) | ${ms(median(align))} | ${ms(max(align))} |`);
console.log(`| click "side by side" → view painted | ${ms(median(switchToSideBySide))} | ${ms(max(switchToSideBySide))} |`);
