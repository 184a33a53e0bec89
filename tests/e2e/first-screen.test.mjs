// A library larger than one screen is drawn from its first screen
// (`first-screen.json`, a few kilobytes) while the whole index
// (`corpus.json`, megabytes for a large library) is still on its way: the
// first entries and the whole library's counts at once; a filter of one
// value from that value's own first screen (`first-screen/<value>.json`);
// two filters, a search or "show more" wait for the index, say so, and are
// answered once it is in.
// The deployment is the real tools' over the seed and 24 more pairs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appReady, deployContent, distDir, launchBrowser, openPage, serveStatic, texts, writeSeedAndPairs } from './harness.mjs';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-first-screen-'));
const app = {};
const EXTRA_PAIRS = 24;

/** The seed's content and `EXTRA_PAIRS` translated pairs after it, half of them "lived". */
function writeContent(dir) {
  const paragraph = (n) => `Paragraph ${n} of an essay written for the first screen's test, long enough to be an essay's opening.`;
  writeSeedAndPairs(dir, EXTRA_PAIRS, {
    category: (i) => (i % 2 ? 'lived' : 'seen-heard-read'),
    // The essay opened before the index is in is long enough to scroll.
    paragraphs: (lang, i) => Array.from({ length: i === 3 ? 40 : 2 }, (_, n) => paragraph(n + 1)),
  });
}

before(async () => {
  const content = path.join(work, 'content');
  writeContent(content);
  const dist = deployContent(content, work);
  app.dist = dist;
  app.corpus = JSON.parse(fs.readFileSync(path.join(dist, 'corpus.json'), 'utf8'));
  app.server = await serveStatic(dist);
  app.browser = await launchBrowser();
});
after(async () => {
  await app.browser?.close();
  await app.server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The library's entries (translation groups), each with its first version's categories. */
function groups(corpus) {
  const byKey = new Map();
  for (const essay of corpus.essays) {
    const first = byKey.get(essay.translation_key);
    if (!first || essay.position < first.position) byKey.set(essay.translation_key, essay);
  }
  return [...byKey.values()];
}

/** A page whose `corpus.json` is held back until `release()`. */
async function withIndexHeld(locale) {
  const session = await openPage(app.browser, { locale, serviceWorkers: 'block' });
  const held = [];
  let released = false;
  await session.page.route('**/corpus.json', (route) => (released ? route.fallback() : held.push(route)));
  return {
    ...session,
    held,
    release: async () => {
      released = true;
      for (const route of held) await route.fallback();
    },
  };
}

test('the tool writes the first screen: the first 20 entries and the whole library’s counts; an essay’s entry page preloads its body', () => {
  const first = JSON.parse(fs.readFileSync(path.join(app.dist, 'first-screen.json'), 'utf8'));
  const all = groups(app.corpus);
  assert.equal(all.length, 3 + EXTRA_PAIRS);
  assert.equal(first.whole_library.entries, all.length);
  assert.equal(groups(first).length, 20);
  assert.equal(first.whole_library.categories.lived, all.filter((e) => e.categories.includes('lived')).length);
  // Each filter value's own first screen: one file per value, the same build.
  const taxonomy = app.corpus.taxonomy;
  const files = fs.readdirSync(path.join(app.dist, 'first-screen')).sort();
  assert.deepEqual(files, [
    ...taxonomy.categories.map((c) => `category-${c.id}.json`),
    ...taxonomy.tags.map((t) => `tag-${t.id}.json`),
    'both-1.json',
  ].sort());
  const lived = JSON.parse(fs.readFileSync(path.join(app.dist, 'first-screen/category-lived.json'), 'utf8'));
  assert.equal(lived.whole_library.filter, 'category=lived');
  assert.equal(lived.whole_library.entries, first.whole_library.categories.lived);
  assert.equal(lived.whole_library.build, first.whole_library.build);
  assert.match(first.whole_library.build, /^[0-9a-f]{8}$/);
  // A value's file names only the values its library keeps and carries no
  // taxonomy (the app takes the library's): its size follows its entries,
  // not the number of tags.
  assert.deepEqual(lived.taxonomy, { categories: [], tags: [] });
  assert.ok(Object.keys(lived.whole_library.tags).length > 0);
  assert.ok(Object.values({ ...lived.whole_library.categories, ...lived.whole_library.tags }).every((n) => n > 0));
  const livedGroups = groups(app.corpus).filter((e) => e.categories.includes('lived'));
  assert.deepEqual(Object.keys(lived.whole_library.categories).sort(), [...new Set(livedGroups.flatMap((e) => e.categories))].sort());
  // The library's entry pages say so to boot.js, which preloads a filtered
  // address's first screen; a library on one screen has none to preload.
  const marker = /<meta name="essais:first-screens" content="first-screen\/">/;
  for (const page of ['en/index.html', 'fr/index.html']) assert.match(fs.readFileSync(path.join(app.dist, page), 'utf8'), marker);
  assert.doesNotMatch(fs.readFileSync(path.join(distDir, 'en/index.html'), 'utf8'), marker);
  // The library's entry page preloads the first screen only; an essay's its
  // body too, not the whole index (it holds its own part of it).
  const preloads = (page) => [...fs.readFileSync(path.join(app.dist, page), 'utf8').matchAll(/<link rel="preload" href="([^"]+\.json)"/g)].map((m) => m[1]);
  assert.deepEqual(preloads('en/index.html'), ['first-screen.json']);
  assert.deepEqual(preloads('en/essay-3/index.html').filter((u) => !u.startsWith('corpus/')), ['first-screen.json']);
  assert.equal(preloads('en/essay-3/index.html').filter((u) => u.startsWith('corpus/')).length, 1);
});

test('an essay’s entry page holds its own part of the index: its group and the two beside it', () => {
  const html = fs.readFileSync(path.join(app.dist, 'en/essay-3/index.html'), 'utf8');
  const block = html.match(/<script type="application\/json" id="essay-index" data-essay="essay-3">([^<]*)<\/script>/);
  assert.ok(block, 'the data block');
  const part = JSON.parse(block[1]);
  assert.deepEqual(part.essays.map((e) => e.translation_key).filter((k, i, all) => all.indexOf(k) === i).sort(), ['pair-2', 'pair-3', 'pair-4']);
  // The library's own entry page has none.
  assert.doesNotMatch(fs.readFileSync(path.join(app.dist, 'en/index.html'), 'utf8'), /id="essay-index"/);
});

for (const [locale, lang, slug, translation, neighbours, sideBySide] of [
  ['fr-FR', 'fr', 'essai-3', 'en/essay-3/', ['Essai numéro 2', 'Essai numéro 4'], 'Côte à côte'],
  ['en-US', 'en', 'essay-3', 'fr/essai-3/', ['Essay number 2', 'Essay number 4'], 'Side by side'],
]) {
  test(`${lang}: an essay is drawn from its part of the index before the whole arrives, and not drawn again when it does`, { timeout: 60_000 }, async (t) => {
    const session = await withIndexHeld(locale);
    t.after(() => session.close());
    const { page } = session;
    // Arrived at a paragraph, as from a link to it.
    await page.goto(`${app.server.url}${lang}/${slug}/#p5`);
    await appReady(page);
    // Taken over by the app (the pre-rendered page is gone), the index held.
    assert.ok(session.held.length >= 1, 'the app asked for the whole index');
    assert.equal(await page.locator('article.essay h1').textContent(), lang === 'fr' ? 'Essai numéro 3' : 'Essay number 3');
    assert.deepEqual((await texts(page, '.essay-neighbours .neighbour-title')).sort(), neighbours);
    // The language link leads to the translation, the reader's place kept.
    const other = page.locator('.site-header a[hreflang]:not([aria-current])');
    assert.equal(new URL(await other.getAttribute('href'), app.server.url).pathname, `/${translation}`);
    // Side by side, from the part too.
    await page.getByRole('button', { name: sideBySide }).click();
    await page.locator('.parallel .pair:not(.column-heads)').first().waitFor();
    // Read on, further down, while the index is still on its way.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const readTo = await page.evaluate(() => window.scrollY);
    assert.ok(readTo > 500, `scrolled to ${readTo}`);
    await session.release();
    await page.waitForFunction(() => performance.getEntriesByName('essais:whole-corpus').length > 0);
    // The whole index in: the page stays as drawn, the reader where they
    // were (drawn anew, it would go back to #p5).
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.scrollY), readTo);
    assert.ok((await page.locator('.parallel .pair:not(.column-heads)').count()) > 0);
    // And the way on, to an essay the part did not hold, works from the whole.
    await page.locator('.essay-neighbours a').first().click();
    await page.waitForURL((url) => !url.pathname.endsWith(`/${slug}/`));
    await page.locator('article.essay h1').waitFor();
    assert.ok(neighbours.includes(await page.locator('article.essay h1').textContent()));
    assert.equal(await page.locator('.essay-neighbours a').count(), 2, 'its own neighbours, from the whole index');
    session.expectNoErrors();
  });

  test(`${lang}: the language switch, before the whole index, draws the translation from the same part`, { timeout: 60_000 }, async (t) => {
    const session = await withIndexHeld(locale);
    t.after(() => session.close());
    const { page } = session;
    await page.goto(`${app.server.url}${lang}/${slug}/`);
    await appReady(page);
    await page.locator('.site-header a[hreflang]:not([aria-current])').click();
    await page.waitForURL((url) => url.pathname === `/${translation}`);
    await page.locator('article.essay h1', { hasText: lang === 'fr' ? 'Essay number 3' : 'Essai numéro 3' }).waitFor();
    assert.equal(await page.locator('.essay-neighbours a').count(), 2);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('essais:whole-corpus').length), 0, 'the index still held');
    session.expectNoErrors();
  });
}

for (const [locale, lang, slug, failed, retry] of [
  ['fr-FR', 'fr', 'essai-3', 'Les essais n’ont pas pu être chargés', 'Réessayer'],
  ['en-US', 'en', 'essay-3', 'The essays could not be loaded', 'Try again'],
]) {
  test(`${lang}: an index that fails leaves the essay drawn from its part; the next page says why, with a retry`, { timeout: 60_000 }, async (t) => {
    const session = await openPage(app.browser, { locale, serviceWorkers: 'block', allowed: [/Failed to load resource/] });
    t.after(() => session.close());
    const { page } = session;
    let failing = true;
    await page.route('**/corpus.json', (route) => (failing ? route.fulfill({ status: 500, body: 'oops' }) : route.fallback()));
    await page.goto(`${app.server.url}${lang}/${slug}/`);
    await appReady(page);
    await page.waitForFunction(() => performance.getEntriesByName('essais:whole-corpus').length > 0);
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.equal(await page.locator('article.essay h1').count(), 1, 'the essay stays');
    await page.locator('.essay-neighbours a').first().click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.ok((await alert.textContent()).includes(failed), await alert.textContent());
    failing = false;
    await alert.getByRole('button', { name: retry }).click();
    await page.locator('article.essay h1').waitFor();
    assert.equal(await page.locator('.essay-neighbours a').count(), 2);
    session.expectNoErrors();
  });
}

test('an essay’s part of the index that cannot be read is passed over: the page waits for the whole index', { timeout: 60_000 }, async (t) => {
  for (const broken of ['{"schema_version":2,"essays":[{"slug"', '{"schema_version":99,"taxonomy":{"categories":[],"tags":[]},"essays":[],"search_url":""}']) {
    const session = await withIndexHeld('en-US');
    t.after(() => session.close());
    const { page } = session;
    await page.route('**/en/essay-3/', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/(<script type="application\/json" id="essay-index"[^>]*>)[^<]*/, (_, open) => open + broken);
      assert.ok(html.includes(broken));
      await route.fulfill({ response, body: html });
    });
    await page.goto(`${app.server.url}en/essay-3/`);
    // The pre-rendered page reads meanwhile; the app has not taken it over.
    await page.locator('#boot article.essay h1').waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.locator('#boot').count(), 1, 'not taken over without the index');
    await session.release();
    await appReady(page);
    assert.equal(await page.locator('article.essay h1').textContent(), 'Essay number 3');
    assert.equal(await page.locator('.essay-neighbours a').count(), 2);
    session.expectNoErrors();
    await session.close();
  }
});

/** The groups of `corpus` that have every one of `categories` and `tags`. */
function kept(corpus, { categories = [], tags = [] }) {
  return groups(corpus).filter((e) => categories.every((c) => e.categories.includes(c)) && tags.every((t) => e.tags.includes(t)));
}

for (const [locale, lang, count, loading, more, futureOfWork] of [
  ['fr-FR', 'fr', (n) => `${n} essais`, 'Chargement des essais…', 'Afficher 7 essais de plus (7 restants)', 'Futur du travail'],
  ['en-US', 'en', (n) => `${n} essays`, 'Loading the essays…', 'Show 7 more (7 left)', 'Future of work'],
]) {
  test(`${lang}: the library is drawn before the whole index arrives; one filter is drawn from its own first screen, two filters and "show more" wait for the index, then are answered`, { timeout: 60_000 }, async (t) => {
    const session = await withIndexHeld(locale);
    t.after(() => session.close());
    const { page } = session;
    const all = groups(app.corpus);
    await page.goto(`${app.server.url}${lang}/`);
    await appReady(page);
    // Drawn by the app (the pre-rendered page is gone), the index still held.
    assert.ok(session.held.length >= 1, 'the app asked for the whole index');
    assert.equal(await page.locator('.library[data-first-screen]').count(), 1);
    assert.equal(await page.locator('.essay-entry').count(), 20);
    assert.equal(await page.locator('.result-count').textContent(), count(all.length));
    const lived = all.filter((e) => e.categories.includes('lived')).length;
    const facet = page.locator('.facet-group.categories .facet').first();
    assert.equal(await facet.locator('.facet-count').textContent(), String(lived));
    assert.equal(await page.getByRole('button', { name: more }).count(), 1);

    // "Show more" before the index: the new entries come with it, and the focus with them.
    await page.getByRole('button', { name: more }).click();
    assert.equal(await page.locator('.essay-entry').count(), 20);
    // One filter before the index: drawn from that value's own first
    // screen (a few kilobytes, asked once), its entries and the panel's
    // counts those of the filtered library.
    const asked = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await facet.click();
    await page.waitForURL(/category=lived/);
    await page.locator('.result-count', { hasText: count(lived) }).waitFor();
    assert.equal(await page.locator('.library[data-first-screen]').count(), 1, 'the index still held');
    assert.equal(await page.locator('.library-results .status', { hasText: loading }).count(), 0);
    // (In the reading language, or the original where it has none.)
    const livedTitles = app.corpus.essays.filter((e) => e.categories.includes('lived')).map((e) => e.title);
    const shown = await texts(page, '.essay-title');
    assert.equal(shown.length, Math.min(lived, 20));
    assert.deepEqual(shown.filter((title) => !livedTitles.includes(title)), [], 'only essays of the category');
    assert.equal(await facet.locator('.facet-count').textContent(), String(lived));
    assert.equal(await facet.getAttribute('aria-pressed'), 'true');
    const tag = page.locator('.facet-group.tags .facet', { hasText: futureOfWork });
    const both = kept(app.corpus, { categories: ['lived'], tags: ['future-of-work'] }).length;
    assert.ok(both > 0 && both < lived);
    assert.equal(await tag.locator('.facet-count').textContent(), String(both));
    assert.deepEqual(asked.filter((p) => p.startsWith('/first-screen/')), ['/first-screen/category-lived.json']);

    // A second value before the index: said to be loading, nothing stale listed.
    await tag.click();
    await page.waitForURL(/tag=future-of-work/);
    await page.locator('.library-results .status', { hasText: loading }).waitFor();
    assert.equal(await page.locator('.essay-entry').count(), 0);

    await session.release();
    await page.locator('.result-count', { hasText: count(both) }).waitFor();
    assert.equal(await page.locator('.essay-entry').count(), Math.min(both, 20));
    assert.equal(await page.locator('.library-results .status', { hasText: loading }).count(), 0);
    assert.equal(await page.locator('.library[data-first-screen]').count(), 0);
    session.expectNoErrors();
  });
}

test('a filter’s first screen that is missing, unreadable or of another build is not drawn: the filter waits for the index, then is answered', { timeout: 60_000 }, async (t) => {
  const file = JSON.parse(fs.readFileSync(path.join(app.dist, 'first-screen/category-lived.json'), 'utf8'));
  const lived = kept(app.corpus, { categories: ['lived'] }).length;
  const otherBuild = JSON.stringify({ ...file, whole_library: { ...file.whole_library, build: '00000000' } });
  for (const answer of [
    { status: 404, body: 'not here' },
    { status: 200, contentType: 'application/json', body: '{"essays": [' },
    { status: 200, contentType: 'application/json', body: otherBuild },
  ]) {
    const session = await withIndexHeld('en-US');
    t.after(() => session.close());
    const { page } = session;
    await page.route('**/first-screen/category-lived.json', (route) => route.fulfill(answer));
    // Opened at the filtered address, as from a shared link.
    await page.goto(`${app.server.url}en/?category=lived`);
    // Taken over, waiting (nothing for `appReady` to see until the index is in).
    await page.waitForFunction(() => !document.getElementById('boot'));
    await page.locator('.library-results .status', { hasText: 'Loading the essays…' }).waitFor();
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/first-screen/category-lived.json')));
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.essay-entry').count(), 0, `nothing drawn from ${answer.body.slice(0, 20)}`);
    await session.release();
    await page.locator('.result-count', { hasText: `${lived} essays` }).waitFor();
    assert.equal(await page.locator('.library[data-first-screen]').count(), 0);
    await session.close();
  }
});

test('a filtered address opened before the index is drawn from that filter’s first screen, fetched beside the app’s code', { timeout: 60_000 }, async (t) => {
  const session = await withIndexHeld('fr-FR');
  t.after(() => session.close());
  const { page } = session;
  const seen = kept(app.corpus, { categories: ['seen-heard-read'] }).length;
  // The app's code held back: the page itself (boot.js) asks for the file.
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
  const file = '/first-screen/category-seen-heard-read.json';
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const arrived = page.waitForResponse((r) => new URL(r.url()).pathname === file && r.ok());
  await page.goto(`${app.server.url}fr/?category=seen-heard-read`);
  await arrived;
  assert.equal(await page.locator('#boot[data-prerendered="library"]').count(), 1, 'not taken over yet');
  release();
  await appReady(page);
  // The app's own fetch took the response already there.
  assert.equal(requested.filter((p) => p === file).length, 1, `${file} requested once`);
  await page.locator('.result-count', { hasText: `${seen} essais` }).waitFor();
  assert.equal(await page.locator('.essay-entry').count(), Math.min(seen, 20));
  assert.equal(await page.locator('.library[data-first-screen]').count(), 1, 'the index still held');
  assert.equal(await page.locator('.chip').count(), 1);
  session.expectNoErrors();
});

test('"show more" on the first screen: the entries and the focus come once the index is in', { timeout: 60_000 }, async (t) => {
  const session = await withIndexHeld('en-US');
  t.after(() => session.close());
  const { page } = session;
  await page.goto(`${app.server.url}en/`);
  await appReady(page);
  await page.getByRole('button', { name: 'Show 7 more (7 left)' }).click();
  // Said to be coming, not offered again.
  await page.locator('.library-results .status', { hasText: 'Loading the essays…' }).waitFor();
  assert.equal(await page.locator('.show-more').count(), 0);
  assert.equal(await page.locator('.essay-entry').count(), 20);
  await session.release();
  await page.locator('.essay-entry').nth(26).waitFor();
  assert.equal(await page.locator('.essay-entry').count(), 27);
  await page.waitForFunction(() => document.activeElement?.closest('.essay-list > li:nth-child(21)'), null, { timeout: 5_000 });
  assert.deepEqual((await texts(page, '.essay-list > li:nth-child(21) .essay-title')).length, 1);
  session.expectNoErrors();
});

for (const [locale, lang, title, next, loading] of [
  ['fr-FR', 'fr', 'Essai numéro 3', 'Essai numéro 4', 'Chargement des essais…'],
  ['en-US', 'en', 'Essay number 3', 'Essay number 4', 'Loading the essays…'],
]) {
  test(`${lang}: an essay opened before the whole index is drawn from its own part, fetched from its entry page, and so is the next`, { timeout: 60_000 }, async (t) => {
    const session = await withIndexHeld(locale);
    t.after(() => session.close());
    const { page } = session;
    const asked = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(`${app.server.url}${lang}/`);
    await appReady(page);
    assert.equal(await page.locator('.library[data-first-screen]').count(), 1);
    // From the library's first screen.
    await page.locator('.essay-title a', { hasText: title }).click();
    await page.locator('article.essay h1', { hasText: title }).waitFor();
    const entryPage = (slug) => asked.filter((p) => p === `/${lang}/${slug}/`).length;
    const [slug3, slug4] = lang === 'fr' ? ['essai-3', 'essai-4'] : ['essay-3', 'essay-4'];
    assert.equal(entryPage(slug3), 1, 'its entry page fetched once');
    assert.equal(await page.locator('.essay-neighbours a').count(), 2);
    // Its text, all forty paragraphs.
    await page.locator('#main .essay-body p').nth(39).waitFor();
    // Then the next essay, whose own neighbours that part does not hold.
    await page.locator('.essay-neighbours a', { hasText: next }).click();
    await page.locator('article.essay h1', { hasText: next }).waitFor();
    assert.equal(entryPage(slug4), 1);
    assert.equal(await page.locator('.essay-neighbours a').count(), 2, 'both its neighbours, from its own part');
    // Back to the first: drawn from the part already held, not asked again.
    await page.goBack();
    await page.locator('article.essay h1', { hasText: title }).waitFor();
    assert.equal(entryPage(slug3), 1);
    assert.equal(await page.locator('#main .status', { hasText: loading }).count(), 0);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('essais:whole-corpus').length), 0, 'the index still held');
    await session.release();
    await page.waitForFunction(() => performance.getEntriesByName('essais:whole-corpus').length > 0);
    assert.equal(await page.locator('article.essay h1').textContent(), title);
    session.expectNoErrors();
  });
}

test('an essay whose entry page holds no part of the index waits for the whole index, then opens', { timeout: 60_000 }, async (t) => {
  const session = await withIndexHeld('en-US');
  t.after(() => session.close());
  const { page } = session;
  // As a host that answers the address with the app's index.html would.
  await page.route('**/en/essay-3/', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script type="application\/json" id="essay-index"[^>]*>[^<]*<\/script>/, '');
    assert.doesNotMatch(html, /id="essay-index"/);
    await route.fulfill({ response, body: html });
  });
  await page.goto(`${app.server.url}en/`);
  await appReady(page);
  await page.locator('.essay-title a', { hasText: 'Essay number 3' }).click();
  await page.waitForURL(/\/en\/essay-3\//);
  await page.locator('#main .status', { hasText: 'Loading the essays…' }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('article.essay h1').count(), 0);
  await session.release();
  await page.locator('article.essay h1', { hasText: 'Essay number 3' }).waitFor();
  session.expectNoErrors();
});
