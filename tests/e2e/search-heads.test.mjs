// The first hits from the heads of the common words' postings
// (docs/search.md): a common word's postings come in two files, the first
// essays in blog order (its head, a few KB) and the rest. A query's hits are
// drawn from the heads alone, a round trip before the rest, said to be the
// first ones, with no "show more" and the filters' counts left as they were
// until the whole answer is in; then the whole answer, which they begin. A
// full page of them is already the page the whole answer shows: its
// snippets come at once, beside the rest. A head or a rest that is missing,
// corrupt or of another version is said, with a retry, as any other search
// file. In both interface languages. The index is cut finely
// (ESSAIS_SEARCH_SIZES, core/src/bin/corpus.rs) so that the seed's five
// essays' common words have heads, as a large corpus's do at the tool's
// sizes, and a word of 24 more pairs has a head of 12.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appReady, deployContent, launchBrowser, openPage, root, searchFailed, searched, serveStatic, texts, writeSeedAndPairs } from './harness.mjs';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-heads-'));
const app = {};
// A common word of the seed whose head finds the first of its essays
// (core/tests/search_seed.rs checks the same cut over hundreds of queries).
const WORD = 'social';
// A word of every essay of the 24 pairs added to the seed for a full page of
// first hits (`full`): its head holds the first 12 pairs (24 hits, more than
// a page), the rest the other 12.
const FULL_WORD = 'zythum';
const FULL_PAIRS = 24;
// A page of a search's passages (`SEARCH_PAGE_SIZE`, core/src/library.rs).
const PAGE = 10;

/** The seed's content and `FULL_PAIRS` translated pairs after it, each with `FULL_WORD`. */
function writeFullContent(dir) {
  const paragraphs = {
    fr: (n) => `Le ${FULL_WORD} du paragraphe ${n}, une boisson ancienne dont parle cet essai.`,
    en: (n) => `The ${FULL_WORD} of paragraph ${n}, an ancient drink this essay is about.`,
  };
  writeSeedAndPairs(dir, FULL_PAIRS, { category: () => 'lived', paragraphs: (lang) => [paragraphs[lang](1), paragraphs[lang](2)] });
}

/** The search files of deployment `dist`: its shard list, and the addresses of the rests and heads of the common words' postings. */
function searchFiles(dist) {
  const corpus = JSON.parse(fs.readFileSync(path.join(dist, 'corpus.json'), 'utf8'));
  const list = JSON.parse(fs.readFileSync(path.join(dist, corpus.search_url), 'utf8'));
  const withHeads = list.shards.filter((s) => s.head);
  return {
    list,
    rests: new Set(withHeads.map((s) => `/${s.url}`)),
    heads: new Set(withHeads.map((s) => `/${s.url.replace('/_search.shard-', '/_search.head-')}`)),
  };
}

before(async () => {
  app.dist = deployContent(path.join(root, 'content'), path.join(work, 'seed'), { ESSAIS_SEARCH_SIZES: '18,6' });
  Object.assign(app, searchFiles(app.dist));
  app.server = await serveStatic(app.dist);
  const content = path.join(work, 'full', 'content');
  writeFullContent(content);
  const dist = deployContent(content, path.join(work, 'full'), { ESSAIS_SEARCH_SIZES: '150,72' });
  app.full = { dist, ...searchFiles(dist), server: await serveStatic(dist) };
  app.browser = await launchBrowser();
});
after(async () => {
  await app.browser?.close();
  await app.server?.close();
  await app.full?.server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** Holds back the rest of every common word's postings on `page` until `release()`; `held` lists those asked for. */
async function holdRests(page, rests) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const held = [];
  await page.route('**/corpus/_search.*.json', async (route) => {
    const url = new URL(route.request().url()).pathname;
    if (rests.has(url)) {
      held.push(url);
      await released;
    }
    await route.fallback();
  });
  return { held, release };
}

test('cut finely, the seed\'s common words have heads, each beside its shard', () => {
  const withHeads = app.list.shards.filter((s) => s.head);
  assert.ok(withHeads.length > 10, `${withHeads.length} heads`);
  for (const shard of withHeads) {
    const head = shard.url.replace('/_search.shard-', '/_search.head-');
    assert.ok(fs.existsSync(path.join(app.dist, head)), head);
  }
});

const LANGUAGES = [
  {
    locale: 'fr-FR', address: 'fr/', counting: 'Premiers passages trouvés ; la suite arrive…', count: /^\d+ passages? trouvés?$/,
    more: (n) => `Afficher ${n} passages de plus`,
    failed: 'La recherche n’a pas pu être préparée\u00a0: ', retry: 'Réessayer',
    causes: [/^le serveur a répondu 404\.$/, /^le fichier est illisible \(ligne 1, colonne \d+\)\.$/, /^le fichier est d’une version que cette application ne sait pas lire\.$/],
  },
  {
    locale: 'en-US', address: 'en/', counting: 'First passages found; the rest is on its way…', count: /^\d+ passages? found$/,
    more: (n) => `Show ${n} more passages`,
    failed: 'The search could not be prepared: ', retry: 'Try again',
    causes: [/^the server answered 404\.$/, /^the file is unreadable \(line 1, column \d+\)\.$/, /^the file is of a version this app cannot read\.$/],
  },
];

for (const t of LANGUAGES) {
  test(`the first hits come from the common words' heads, then the whole answer (${t.locale})`, async (tt) => {
    const session = await openPage(app.browser, { locale: t.locale, serviceWorkers: 'block' });
    tt.after(() => session.close());
    const { page } = session;
    // The rest of every common word's postings is held back until released.
    const { held, release } = await holdRests(page, app.rests);
    await page.goto(app.server.url + t.address);
    await page.locator('.essay-entry').first().waitFor();
    const countsBefore = await texts(page, '.facet .facet-count');
    await page.getByRole('searchbox').fill(WORD);
    // The first hits, from the heads alone: said as such, the list busy,
    // no "show more" (how many there are is not known yet), the filters'
    // counts as they were (they would be far too low).
    const hits = page.locator('.search-hit');
    await hits.first().waitFor();
    assert.ok(held.length > 0, 'the rest of the word\'s postings was asked for, and is held back');
    assert.equal((await page.locator('.result-count').textContent()).trim(), t.counting);
    await page.locator('.search-results[aria-busy="true"]').waitFor();
    assert.equal(await page.locator('.show-more').count(), 0);
    const first = await texts(page, '.search-hit .essay-title');
    assert.deepEqual(await texts(page, '.facet .facet-count'), countsBefore);
    // Then the whole answer, which they begin.
    release();
    await searched(page);
    const all = await texts(page, '.search-hit .essay-title');
    assert.ok(all.length > first.length, `${first.length} first hits, ${all.length} in all`);
    assert.deepEqual(all.slice(0, first.length), first);
    assert.match((await page.locator('.result-count').textContent()).trim(), t.count);
    await page.waitForFunction((before) => JSON.stringify([...document.querySelectorAll('.facet .facet-count')].map((c) => c.textContent)) !== before, JSON.stringify(countsBefore));
    session.expectNoErrors();
  });
}

for (const t of LANGUAGES) {
  test(`a key asks for its files before the page redraws for it, each once (${t.locale})`, async (tt) => {
    const session = await openPage(app.browser, { locale: t.locale, serviceWorkers: 'block' });
    tt.after(() => session.close());
    const { page } = session;
    // Every search file asked for, with how many of the library's entries
    // the page showed at that moment.
    await page.addInitScript(() => {
      const fetch = window.fetch;
      window.__asked = [];
      window.fetch = function (input, init) {
        const url = new URL(typeof input === 'string' ? input : input.url, location.href).pathname;
        if (url.includes('/_search.')) window.__asked.push({ url, entries: document.querySelectorAll('.essay-entry').length });
        return fetch.call(this, input, init);
      };
    });
    await page.goto(app.server.url + t.address);
    await appReady(page);
    await page.getByRole('searchbox').focus();
    await page.waitForFunction(() => performance.getEntriesByName('essais:search-index').length === 1);
    const entries = await page.locator('.essay-entry').count();
    assert.ok(entries > 0);
    await page.getByRole('searchbox').fill(WORD);
    await searched(page);
    const asked = await page.evaluate(() => window.__asked);
    // The key's own files (the heads of its common words, with its other
    // words' shards) were asked for while the library's entries were
    // still drawn: before the redraw the key causes (the entries taken
    // away), which held the requests back (docs/performance.md).
    const own = asked.filter((a) => app.heads.has(a.url));
    assert.ok(own.length > 0, `the word's heads asked for: ${JSON.stringify(asked)}`);
    for (const a of own) assert.equal(a.entries, entries, `${a.url} asked for after the page redrew`);
    // The key asks, then the change of address it makes asks again: no
    // file is fetched twice.
    const urls = asked.map((a) => a.url);
    assert.deepEqual(urls, [...new Set(urls)], 'a search file asked for twice');
    session.expectNoErrors();
  });
}

for (const t of LANGUAGES) {
  test(`a full page of first hits is final: their snippets come beside the rest of the postings (${t.locale})`, async (tt) => {
    const session = await openPage(app.browser, { locale: t.locale, serviceWorkers: 'block' });
    tt.after(() => session.close());
    const { page } = session;
    const { held, release } = await holdRests(page, app.full.rests);
    const bodies = [];
    page.on('request', (request) => {
      const url = new URL(request.url()).pathname;
      if (url.startsWith('/corpus/') && !url.startsWith('/corpus/_search.')) bodies.push(url);
    });
    await page.goto(app.full.server.url + t.address);
    await page.locator('.essay-entry').first().waitFor();
    await page.getByRole('searchbox').fill(FULL_WORD);
    // A full page from the heads alone: nothing still to come can take a
    // place on it, so its snippets are fetched at once and drawn, the word
    // marked in each, while the rest is held back and the count waits.
    const hits = page.locator('.search-hit');
    await hits.first().waitFor();
    assert.equal(await hits.count(), PAGE, 'a full page of first hits');
    await page.locator('.search-hit .snippet.pending').first().waitFor({ state: 'detached' });
    assert.equal(await page.locator('.search-hit .snippet mark').count(), PAGE, 'every hit with its snippet');
    assert.ok(held.length > 0, 'the rest of the word\'s postings was asked for, and is held back');
    assert.ok(bodies.length >= PAGE, `${bodies.length} bodies fetched while the rest is held back`);
    assert.equal((await page.locator('.result-count').textContent()).trim(), t.counting);
    await page.locator('.search-results[aria-busy="true"]').waitFor();
    const first = await texts(page, '.search-hit .essay-title');
    // Then the whole answer: the same page, now counted in full, with more.
    release();
    await searched(page);
    assert.deepEqual(await texts(page, '.search-hit .essay-title'), first);
    assert.match((await page.locator('.result-count').textContent()).trim(), t.count);
    assert.equal((await page.locator('.result-count').textContent()).trim().match(/^\d+/)[0], String(2 * FULL_PAIRS));
    assert.equal(await page.locator('.show-more').count(), 1);
    session.expectNoErrors();
  });
}

for (const t of LANGUAGES) {
  test(`a head or the rest of a word's postings missing, corrupt or of another version: said, with a retry (${t.locale})`, async () => {
    const { heads, rests } = app;
    for (const [failing, answer, cause] of [
      [heads, { status: 404, body: 'not here' }, t.causes[0]],
      [heads, { status: 200, contentType: 'application/json', body: '{"version":3,"terms":[["soc' }, t.causes[1]],
      [rests, { status: 200, contentType: 'application/json', body: '{"version":99,"terms":[],"close":[]}' }, t.causes[2]],
    ]) {
      const session = await openPage(app.browser, { locale: t.locale, allowed: [/Failed to load resource/], serviceWorkers: 'block' });
      const { page } = session;
      let broken = true;
      await page.route((url) => failing.has(url.pathname), (route) => (broken ? route.fulfill(answer) : route.fallback()));
      await page.goto(app.server.url + `${t.address}?q=${WORD}`);
      const alert = await searchFailed(page, t.failed, cause);
      broken = false;
      await alert.getByRole('button', { name: t.retry }).click();
      await searched(page);
      assert.ok((await page.locator('.search-hit').count()) > 0);
      assert.match((await page.locator('.result-count').textContent()).trim(), t.count);
      assert.equal(await page.getByRole('alert').count(), 0);
      session.expectNoErrors();
      await session.close();
    }
  });
}

for (const t of LANGUAGES) {
  test(`a search shows its passages a page of ten at a time; "show more" adds ten, from the keyboard, and a new search starts again at ten (${t.locale})`, async (tt) => {
    const session = await openPage(app.browser, { locale: t.locale, serviceWorkers: 'block' });
    tt.after(() => session.close());
    const { page } = session;
    await page.goto(app.full.server.url + `${t.address}?q=${FULL_WORD}`);
    await searched(page);
    const hits = page.locator('.search-hit');
    const all = 2 * FULL_PAIRS;
    for (let shown = PAGE; shown < all; shown += PAGE) {
      assert.equal(await hits.count(), shown);
      const next = Math.min(PAGE, all - shown);
      const more = page.getByRole('button', { name: t.more(next) });
      await more.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.querySelectorAll('.search-hit').length === n, shown + next);
      // The reader goes on from the first passage added, not from the top
      // of the page (the button they pressed is gone or moved).
      await page.waitForFunction((n) => document.activeElement === document.querySelector(`.search-results > li:nth-child(${n}) a`), shown + 1);
      await searched(page);
    }
    assert.equal(await hits.count(), all);
    assert.equal(await page.locator('.show-more').count(), 0);
    // Every snippet of the pages added, drawn.
    await page.locator('.search-hit .snippet.pending').first().waitFor({ state: 'detached' });
    assert.equal(await page.locator('.search-hit .snippet mark').count(), all);
    // Another search: its first page only.
    await page.getByRole('searchbox').fill(`${FULL_WORD} paragraph`);
    await page.waitForFunction((n) => document.querySelectorAll('.search-hit').length === n, PAGE);
    await searched(page);
    assert.equal(await hits.count(), PAGE);
    assert.equal(await page.locator('.show-more').count(), 1);
    session.expectNoErrors();
  });
}
