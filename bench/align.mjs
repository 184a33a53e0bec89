// Measures side-by-side reading of a book-length translated pair (5,000
// paragraphs a side, built from the seed essay's paragraphs, with the edits
// translators make: a paragraph dropped now and then, one split, a
// translator's note added) in the real release app in headless Chromium at
// full CPU speed:
// - `corpus build` of the pair (where the alignment now runs);
// - the click on "Côte à côte" to the first rows painted;
// - every task longer than 50 ms from then until all rows are drawn, while
//   the page is scrolled;
// - a deep link `#p4000` lands on its paragraph.
// Prints a Markdown table.
//
// Usage: node bench/align.mjs <dist-dir> <corpus-tool> <pages-tool> [runs] [paragraphs]
// (scripts/bench builds the app and the tools and calls this.)

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launchBrowser } from '../tests/e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [distDir, corpusTool, pagesTool, runsArg, paragraphsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 5);
const BLOCKS = Number(paragraphsArg ?? 5000);

/** The seed pair's blocks, reused to build a long pair of realistic lengths. */
function seedBlocks(file) {
  const text = fs.readFileSync(path.join(root, 'content/essays', file), 'utf8');
  return text.split('\n+++\n')[1].trim().split('\n\n');
}

function bookPair() {
  const fr = seedBlocks('le-business-modele-brise-du-business.fr.md');
  const en = seedBlocks('le-business-modele-brise-du-business.en.md');
  const left = [];
  const right = [];
  for (let i = 0; left.length < BLOCKS; i++) {
    const a = fr[i % fr.length];
    const b = en[i % en.length];
    left.push(a);
    if (i % 97 === 50) continue; // the translation drops a paragraph now and then
    const sentences = b.split('. ');
    if (i % 89 === 44 && !b.startsWith('#') && !b.startsWith('>') && sentences.length > 3) {
      // …splits one in two
      const cut = Math.floor(sentences.length / 2);
      right.push(sentences.slice(0, cut).join('. ') + '.', sentences.slice(cut).join('. '));
    } else {
      right.push(b);
    }
    if (i % 113 === 70) right.push('Translator’s note: the original’s idiom has no settled English equivalent, so it is rendered loosely here.');
  }
  return { left, right };
}

/** A content file's front matter (plain ASCII values: JSON strings are TOML strings). */
function FrontMatter({ slug, lang, title, key, position }) {
  const q = JSON.stringify;
  return `+++\nslug = ${q(slug)}\nlang = ${q(lang)}\ntitle = ${q(title)}\ntranslation_key = ${q(key)}\nposition = ${position}\ncategories = []\ntags = []\n+++\n\n`;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-bench-'));
const content = path.join(work, 'content');
fs.mkdirSync(path.join(content, 'essays'), { recursive: true });
fs.copyFileSync(path.join(root, 'content/taxonomy.toml'), path.join(content, 'taxonomy.toml'));
const { left, right } = bookPair();
fs.writeFileSync(path.join(content, 'essays/long.fr.md'), FrontMatter({ slug: 'long-fr', lang: 'fr', title: 'Un long livre', key: 'long', position: 1 }) + left.join('\n\n') + '\n');
fs.writeFileSync(path.join(content, 'essays/long.en.md'), FrontMatter({ slug: 'long-en', lang: 'en', title: 'A long book', key: 'long', position: 2 }) + right.join('\n\n') + '\n');
const dist = path.join(work, 'dist');
fs.cpSync(distDir, dist, { recursive: true });
const buildStart = process.hrtime.bigint();
execFileSync(corpusTool, ['build', content, path.join(dist, 'corpus.json')], { stdio: 'inherit' });
const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
execFileSync(pagesTool, [path.join(dist, 'corpus.json'), dist], { stdio: 'inherit' });
const report = execFileSync(corpusTool, ['align', content], { encoding: 'utf8' });
const rowCount = Number(/: (\d+) rows/.exec(report)[1]);
const toCheck = Number(/(\d+) to check/.exec(report)[1]);

const server = await serveStatic(dist);
const browser = await launchBrowser();
const firstRows = [];
const allRows = [];
const longest = [];
const overBudget = [];
const clickTask = [];
let deepLink = '';
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + 'fr/long-fr/');
  await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 120_000 });
  await page.locator('.essay-body p').first().waitFor();
  // Long tasks from the click on.
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask' });
  });
  // The click is dispatched in the page and timed there: Playwright's own
  // click first checks the button's position over several frames, which on
  // a page of 5,000 paragraphs took seconds of its own (measured: 4.3 s
  // through Playwright against 0.24 s in the page, with no long task in
  // between).
  const { started, painted } = await page.evaluate(() => new Promise((resolve) => {
    const button = [...document.querySelectorAll('.view-controls button')].find((b) => b.textContent.includes('Côte à côte'));
    const started = performance.now();
    button.click();
    const check = () => {
      if (document.querySelector('.parallel .pair:not(.column-heads)')) {
        requestAnimationFrame(() => setTimeout(() => resolve({ started, painted: performance.now() }), 0));
      } else {
        setTimeout(check, 5);
      }
    };
    check();
  }));
  firstRows.push(painted - started);
  // Scroll while the rest is drawn, until every row is there.
  await page.evaluate((rows) => new Promise((resolve) => {
    const step = () => {
      window.scrollBy(0, 700);
      if (document.querySelectorAll('.parallel .pair:not(.column-heads)').length >= rows) resolve();
      else setTimeout(step, 50);
    };
    step();
  }), rowCount);
  const done = await page.evaluate(() => performance.now());
  allRows.push(done - started);
  // The click's own task is the first paint; what counts after it is
  // whether the page stays responsive.
  const all = await page.evaluate(() => window.longTasks);
  const tasks = all.filter((t) => t.start >= painted);
  clickTask.push(Math.max(0, ...all.filter((t) => t.start >= started && t.start < painted).map((t) => t.duration)));
  longest.push(Math.max(0, ...tasks.map((t) => t.duration)));
  overBudget.push(tasks.length);
  await context.close();
}
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + 'fr/long-fr/?view=side-by-side#p4000');
  await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 120_000 });
  const top = await page.waitForFunction(() => {
    const rect = document.getElementById('p4000')?.getBoundingClientRect();
    const header = document.querySelector('.site-header').getBoundingClientRect();
    return rect && Math.abs(rect.top - header.bottom) < 60 && rect.top;
  }, null, { timeout: 60_000 }).then(() => true, () => false);
  deepLink = top ? 'lands on its paragraph' : '**does not land on its paragraph**';
  await context.close();
}
await browser.close();
await server.close();
if (process.env.KEEP) console.error(`kept ${work}`); else fs.rmSync(work, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`A pair of ${left.length} × ${right.length} paragraphs, aligned at build time into ${rowCount} rows (${toCheck} flagged for an editor to check); ${RUNS} runs, CPU not slowed down.`);
console.log();
console.log('| measure | median | slowest |');
console.log('|---|---:|---:|');
console.log(`| \`corpus build\` of the pair (parsing, alignment, writing) | ${ms(buildMs)} | (one run) |`);
console.log(`| click "Côte à côte" → first rows painted | ${ms(median(firstRows))} | ${ms(max(firstRows))} |`);
console.log(`| longest task from the click to the first paint (the single text taken down, the first rows drawn) | ${ms(median(clickTask))} | ${ms(max(clickTask))} |`);
console.log(`| click → all ${rowCount} rows drawn (page scrolled meanwhile) | ${ms(median(allRows))} | ${ms(max(allRows))} |`);
console.log(`| longest task after the first paint | ${ms(median(longest))} | ${ms(max(longest))} |`);
console.log(`| tasks over 50 ms after the first paint | ${median(overBudget)} | ${max(overBudget)} |`);
console.log();
console.log(`Deep link \`#p4000\` side by side: ${deepLink}.`);
