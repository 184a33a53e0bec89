// Search built ahead, in shards (docs/search.md): a query fetches the shard
// list and the few shards it needs, never a whole index, and builds
// nothing; typos, decomposed accents and the filters' counts work as they
// did with the whole index, in both interface languages, offline too; a
// shard or a passage that is missing, corrupt or of another version is
// said in the reader's language, with a retry, the library untouched.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { distDir, openPage, openThenGoOffline, searchFailed, texts, useApp, searched } from './harness.mjs';

const app = useApp();
const corpus = JSON.parse(fs.readFileSync(path.join(distDir, 'corpus.json'), 'utf8'));
const shardList = JSON.parse(fs.readFileSync(path.join(distDir, corpus.search_url), 'utf8'));
const SHARD = /\/corpus\/_search\.(shard|close)-\d+\.[0-9a-f]{8}\.json$/;
const SHARDS = shardList.shards.length + shardList.close.length;
const LOAD_FAILED = /Failed to load resource/;
const isShard = (url) => SHARD.test(new URL(url).pathname);

async function search(page, text) {
  await page.getByRole('searchbox').fill(text);
  await page.waitForURL((url) => url.searchParams.get('q') === text);
  await searched(page);
}

/** The addresses of the shards the page asks for, as it asks. */
function recordShards(page) {
  const fetched = [];
  page.on('request', (request) => {
    if (isShard(request.url())) fetched.push(new URL(request.url()).pathname);
  });
  return fetched;
}

const LANGUAGES = [
  {
    locale: 'fr-FR', address: 'fr/', close: /^Trouvé en (français|anglais), orthographe proche : keynes?$/,
    failed: 'La recherche n’a pas pu être préparée\u00a0: ',
    passages: 'Certains passages trouvés n’ont pas pu être chargés (leur résumé est affiché)\u00a0: le serveur a répondu 500.',
    retry: 'Réessayer', rotules: 'Franchir le mur de la réalité (social business style)',
  },
  {
    locale: 'en-US', address: 'en/', close: /^Found in (French|English), close spelling: keynes?$/,
    failed: 'The search could not be prepared: ',
    passages: 'Some of the passages found could not be loaded (their summary is shown): the server answered 500.',
    retry: 'Try again', rotules: 'Breaking the reality barrier (social business style)',
  },
];

test('the seed is written in several shards, each a file of corpus/', () => {
  assert.equal(shardList.version, 3);
  assert.ok(shardList.shards.length >= 2 && shardList.close.length >= 4, `${SHARDS} shards`);
  assert.equal(shardList.shards[0].from, '');
  assert.equal(shardList.close[0].from, '');
  for (const shard of [...shardList.shards, ...shardList.close]) assert.ok(fs.existsSync(path.join(distDir, shard.url)), shard.url);
  // No whole-corpus search file any more: the list is small.
  assert.ok(fs.statSync(path.join(distDir, corpus.search_url)).size < 4096);
});

for (const t of LANGUAGES) {
  test(`a query fetches only the shards it needs; typos and decomposed accents as before (${t.locale})`, async () => {
    const { page, expectNoErrors, close } = await app.visit(t.address, { locale: t.locale, serviceWorkers: 'block' });
    const fetched = recordShards(page);
    await search(page, 'economie reelle');
    assert.equal(await page.locator('.search-hit').count(), 1);
    assert.deepEqual([...new Set(await texts(page, '.snippet mark'))], ['économie', 'réelle']);
    assert.ok(fetched.length >= 1 && fetched.length < SHARDS / 2, `${fetched.length} of ${SHARDS} shards for two words`);
    // What is in is kept: the same words again fetch nothing.
    await search(page, 'stopcock');
    const known = fetched.length;
    await search(page, 'economie reelle');
    assert.equal(await page.locator('.search-hit').count(), 1);
    // Typed with decomposed accents (as some systems write them): the same
    // words, found the same, nothing more fetched.
    await search(page, 'e\u0301conomie re\u0301elle');
    assert.equal(await page.locator('.search-hit').count(), 1);
    assert.deepEqual([...new Set(await texts(page, '.snippet mark'))], ['économie', 'réelle']);
    assert.equal(fetched.length, known, 'words searched before fetch no shard again');
    // Two letters swapped in a long word: the words one typo away come from
    // the shards too, and the essays they find are those of the right word.
    await search(page, 'Keynes');
    const exact = await texts(page, '.search-hit .essay-title');
    assert.ok(exact.length >= 1);
    await search(page, 'Kenyes');
    assert.deepEqual(await texts(page, '.search-hit .essay-title'), exact);
    for (const line of await texts(page, '.search-hit .found-in')) assert.match(line, t.close);
    assert.equal(new Set(fetched).size, fetched.length, 'no shard fetched twice');
    // The filters count what the sharded search finds.
    await search(page, 'stopcock');
    await page.waitForFunction(() => [...document.querySelectorAll('.facet .facet-count')].some((c) => c.textContent === '0'));
    expectNoErrors();
    await close();
  });

  test(`hits are shown before their passages, exact ones before those one typo away (${t.locale})`, async (tt) => {
    const session = await openPage(app.browser, { locale: t.locale, serviceWorkers: 'block' });
    tt.after(() => session.close());
    const { page } = session;
    // Held back until released: the bodies (the snippets), and the shards
    // asked for once the first ones are in (the postings of the words one
    // typo away: "aside" is in one essay, words one typo away from it in
    // others, in a shard of their own).
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    let shardsIn = 0;
    page.on('requestfinished', (request) => { if (isShard(request.url())) shardsIn++; });
    const held = [];
    await page.route('**/corpus/*.json', async (route) => {
      const url = route.request().url();
      const body = !new URL(url).pathname.includes('/_search.');
      if (body || (isShard(url) && shardsIn > 0)) {
        held.push(url);
        await released;
      }
      await route.fallback();
    });
    await page.goto(app.server.url + t.address);
    await page.locator('.essay-entry').first().waitFor();
    await page.getByRole('searchbox').fill('aside');
    // The exact match, with its essay's summary, the list marked busy.
    const hits = page.locator('.search-hit');
    await hits.first().waitFor();
    await page.locator('.search-results[aria-busy="true"]').waitFor();
    assert.equal(await hits.count(), 1);
    assert.ok(held.some(isShard), 'the close words\' shard is held back');
    const title = await hits.first().locator('.essay-title').textContent();
    const slug = new URL(await hits.first().locator('.essay-title a').getAttribute('href'), app.server.url).pathname.split('/')[2];
    const excerpt = corpus.essays.find((e) => e.slug === slug).excerpt;
    assert.equal((await hits.first().locator('.snippet.pending').textContent()).trim(), excerpt.trim());
    assert.equal(await page.locator('.snippet mark').count(), 0);
    assert.doesNotMatch(await hits.first().locator('.found-in').textContent(), /proche|close/);
    release();
    await searched(page);
    // Then the passage, and the matches one typo away after it.
    assert.ok((await hits.count()) > 1, 'the close matches added');
    assert.equal(await hits.first().locator('.essay-title').textContent(), title);
    assert.deepEqual([...new Set((await hits.first().locator('.snippet mark').allTextContents()).map((m) => m.toLowerCase()))], ['aside']);
    assert.equal(await page.locator('.snippet.pending').count(), 0);
    assert.match(await hits.last().locator('.found-in').textContent(), /orthographe proche|close spelling/);
    session.expectNoErrors();
  });

  test(`sharded search offline: words, typos, decomposed accents and counts (${t.locale})`, async (tt) => {
    const session = await openPage(app.browser, { locale: t.locale });
    tt.after(() => session.close());
    const { page, context } = session;
    await openThenGoOffline(page, context, app.server.url + t.address);
    await page.reload();
    await page.locator('.essay-entry').first().waitFor();
    await search(page, 'rotulles');
    assert.deepEqual(await texts(page, '.search-hit .essay-title'), [t.rotules]);
    await search(page, 'e\u0301conomie re\u0301elle');
    assert.deepEqual([...new Set(await texts(page, '.snippet mark'))], ['économie', 'réelle']);
    await search(page, 'Kenyes');
    assert.ok((await page.locator('.search-hit').count()) >= 1);
    await page.waitForFunction(() => [...document.querySelectorAll('.facet .facet-count')].some((c) => c.textContent === '0'));
    session.expectNoErrors();
  });

  for (const [name, answer, cause] of [
    ['missing', { status: 404, body: 'not here' }, t.locale === 'fr-FR' ? /^le serveur a répondu 404\.$/ : /^the server answered 404\.$/],
    ['corrupt', { status: 200, contentType: 'application/json', body: '{"version":3,"terms":[["econ' },
      t.locale === 'fr-FR' ? /^le fichier est illisible \(ligne 1, colonne \d+\)\.$/ : /^the file is unreadable \(line 1, column \d+\)\.$/],
    ['of another version', { status: 200, contentType: 'application/json', body: '{"version":99,"terms":[],"close":[]}' },
      t.locale === 'fr-FR' ? /^le fichier est d’une version que cette application ne sait pas lire\.$/ : /^the file is of a version this app cannot read\.$/],
  ]) {
    test(`a shard that is ${name}: the search says why and retries, the library stays (${t.locale})`, async (tt) => {
      const session = await openPage(app.browser, { locale: t.locale, allowed: [LOAD_FAILED], serviceWorkers: 'block' });
      tt.after(() => session.close());
      const { page } = session;
      let failing = true;
      await page.route((url) => SHARD.test(url.pathname), (route) => (failing ? route.fulfill(answer) : route.fallback()));
      await page.goto(app.server.url + `${t.address}?q=rotules`);
      const alert = await searchFailed(page, t.failed, cause);
      failing = false;
      await alert.getByRole('button', { name: t.retry }).click();
      await searched(page);
      assert.deepEqual(await texts(page, '.search-hit .essay-title'), [t.rotules]);
      assert.equal(await page.getByRole('alert').count(), 0);
      session.expectNoErrors();
    });
  }

  test(`a hit whose passages cannot be had shows its summary, says why, and retries (${t.locale})`, async (tt) => {
    const session = await openPage(app.browser, { locale: t.locale, allowed: [LOAD_FAILED], serviceWorkers: 'block' });
    tt.after(() => session.close());
    const { page } = session;
    let failing = true;
    await page.route('**/corpus/franchir-le-mur-de-la-realite.*.json', (route) =>
      (failing ? route.fulfill({ status: 500, body: 'oops' }) : route.fallback()));
    await page.goto(app.server.url + `${t.address}?q=rotules`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.locator('p').textContent(), t.passages);
    // The hit is there, with the essay's summary in place of the passage.
    assert.deepEqual(await texts(page, '.search-hit .essay-title'), [t.rotules]);
    const excerpt = corpus.essays.find((e) => e.slug === 'franchir-le-mur-de-la-realite').excerpt;
    assert.equal((await page.locator('.search-hit .snippet').textContent()).trim(), excerpt.trim());
    failing = false;
    await alert.getByRole('button', { name: t.retry }).click();
    await page.locator('.search-hit .snippet mark').first().waitFor();
    assert.ok((await texts(page, '.search-hit .snippet mark')).includes('rotules'));
    assert.equal(await page.getByRole('alert').count(), 0);
    session.expectNoErrors();
  });
}
