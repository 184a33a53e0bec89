// Whatever an editor writes, the build explains it and the page holds: the
// stress corpus (tests/stress/corpus.mjs) is built by the real tool into a
// deployment of the release build, and every essay of it is visited in both
// languages, single and side by side, with the filtered library and search,
// at a small phone's, a phone's and a laptop's width. Any console or page
// error, or a page that scrolls sideways, fails the test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appReady, deployContent, launchBrowser, openPage, serveStatic, searched } from './harness.mjs';
import { HIDDEN_WORDS, MAX_NESTING, RTL_TAG, pastTheLimit, writeStressContent } from '../stress/corpus.mjs';

const WIDTHS = [320, 390, 1280];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-stress-'));
const content = path.join(work, 'content');
const essays = writeStressContent(content);
const app = {};

before(async () => {
  const dist = deployContent(content, work);
  app.corpus = JSON.parse(fs.readFileSync(path.join(dist, 'corpus.json'), 'utf8'));
  app.server = await serveStatic(dist);
  app.browser = await launchBrowser();
});
after(async () => {
  await app.browser?.close();
  await app.server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('the stress corpus builds, and a list nested one level past the limit is refused with its line', () => {
  assert.equal(essays.length, 10);
  const refused = path.join(work, 'refused');
  fs.cpSync(content, refused, { recursive: true });
  const deep = pastTheLimit();
  fs.writeFileSync(path.join(refused, 'essays', deep.name), deep.text);
  const out = path.join(work, 'refused-out', 'corpus.json');
  const run = spawnSync('cargo', ['run', '--quiet', '--offline', '-p', 'essais-core', '--bin', 'corpus', '--', 'build', refused, out], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  assert.ok(
    run.stderr.includes(`essays/${deep.name}:${deep.line}: quotes, lists, emphasis and links nest more than ${MAX_NESTING} levels deep here; the limit is ${MAX_NESTING}`),
    run.stderr,
  );
  assert.match(run.stderr, /corpus: 1 problem\(s\)/);
  assert.ok(!fs.existsSync(out), 'nothing written');
});

/** Fails if the page is wider than the window. */
async function holds(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `${where} scrolls sideways: ${scroll}px of page in a ${width}px window`);
}

for (const width of WIDTHS) {
  test(`every stress essay, both languages, single and side by side, library and search, at ${width}px: no error, no sideways scroll`, { timeout: 600_000 }, async (t) => {
    const session = await openPage(app.browser, { viewport: { width, height: 800 }, serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    const visit = async (address) => {
      await page.goto(app.server.url + address);
      await appReady(page);
    };
    for (const lang of ['fr', 'en']) {
      await visit(`${lang}/`);
      assert.equal(await page.locator('.essay-entry').count(), 5);
      await holds(page, `${lang}/`);
      await visit(`${lang}/?tag=${RTL_TAG}`);
      assert.equal(await page.locator('.essay-entry').count(), 2, 'the right-to-left tag filters');
      await holds(page, `${lang}/?tag=${RTL_TAG}`);
      await visit(`${lang}/?tag=tag-1`);
      assert.equal(await page.locator('.essay-entry').count(), 2);
      await holds(page, `${lang}/?tag=tag-1`);
      // A snippet cut from the 200,000-character word.
      await visit(`${lang}/?q=interminable`);
      await searched(page);
      await holds(page, `the search results (${lang})`);

      for (const essay of app.corpus.essays.filter((e) => e.lang === lang)) {
        for (const view of ['', '?view=side-by-side']) {
          const address = `${lang}/${essay.slug}/${view}`;
          await visit(address);
          await page.locator(view ? '.parallel .pair:not(.column-heads) .cell' : '.essay-body > *').first().waitFor();
          assert.equal(await page.locator('article.essay h1').textContent(), essay.title, address);
          await holds(page, address);
        }
      }
    }
    session.expectNoErrors();
  });
}

test('search finds words that pasted text hides (decomposed accents, ligatures, full-width, zero-width), in both languages', async (t) => {
  const session = await openPage(app.browser, { serviceWorkers: 'block' });
  t.after(() => session.close());
  const { page } = session;
  for (const lang of ['fr', 'en']) {
    for (const [word, hidden] of HIDDEN_WORDS[lang]) {
      await page.goto(app.server.url + `${lang}/?q=${encodeURIComponent(word)}`);
      await appReady(page);
      const links = await page.locator('.search-hit .essay-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.some((href) => href.includes(`unicode-${lang}`)), `"${word}" (${hidden}) finds the ${lang} essay: ${links.join(' ')}`);
    }
  }
  session.expectNoErrors();
});

test('right-to-left text and unclosed overrides never reorder the page around them', async (t) => {
  const session = await openPage(app.browser, { viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  t.after(() => session.close());
  const { page } = session;
  for (const lang of ['fr', 'en']) {
    await page.goto(app.server.url + `${lang}/`);
    await appReady(page);
    // The Hebrew tag (with an override never closed) and its count: the
    // count stays to the right of the label, as on every other facet.
    const facet = page.locator('.facet', { hasText: 'עברית' });
    const [label, count] = await Promise.all([
      facet.locator('.facet-label').boundingBox(),
      facet.locator('.facet-count').boundingBox(),
    ]);
    assert.ok(count.x >= label.x + label.width - 1, `the count (x ${count.x}) follows the label (${label.x}–${label.x + label.width})`);
    // The essay whose title holds an unclosed override: the title is
    // closed within itself, so the site's name after it in the tab reads
    // as written.
    await page.goto(app.server.url + `${lang}/unicode-${lang}/`);
    await appReady(page);
    const title = await page.title();
    assert.ok(title.endsWith('\u202C — essais'), JSON.stringify(title));
    const heading = await page.locator('article.essay h1').textContent();
    assert.ok(heading.startsWith(lang === 'fr' ? 'Été' : 'Summer'), 'decomposed accents composed');
    assert.equal(heading.at(-1), '\u202C');
  }
  session.expectNoErrors();
});
