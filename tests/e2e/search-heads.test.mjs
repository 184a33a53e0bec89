// The first hits from the heads of the common words' postings
// (docs/search.md): a common word's postings come in two files, the first
// essays in blog order (its head, a few KB) and the rest. A query's hits are
// drawn from the heads alone, a round trip before the rest, said to be the
// first ones, with no "show more" and the filters' counts left as they were
// until the whole answer is in; then the whole answer, which they begin. A
// head or a rest that is missing, corrupt or of another version is said,
// with a retry, as any other search file. In both interface languages. The seed's index is cut finely
// (ESSAIS_SEARCH_SIZES, core/src/bin/corpus.rs) so that its five essays'
// common words have heads, as a large corpus's do at the tool's sizes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployContent, launchBrowser, openPage, root, searchFailed, searched, serveStatic, texts } from './harness.mjs';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-heads-'));
const app = {};
// A common word of the seed whose head finds the first of its essays
// (core/tests/search_seed.rs checks the same cut over hundreds of queries).
const WORD = 'social';

before(async () => {
  app.dist = deployContent(path.join(root, 'content'), work, { ESSAIS_SEARCH_SIZES: '48,15' });
  const corpus = JSON.parse(fs.readFileSync(path.join(app.dist, 'corpus.json'), 'utf8'));
  app.list = JSON.parse(fs.readFileSync(path.join(app.dist, corpus.search_url), 'utf8'));
  app.server = await serveStatic(app.dist);
  app.browser = await launchBrowser();
});
after(async () => {
  await app.browser?.close();
  await app.server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

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
    failed: 'La recherche n’a pas pu être préparée\u00a0: ', retry: 'Réessayer',
    causes: [/^le serveur a répondu 404\.$/, /^le fichier est illisible \(ligne 1, colonne \d+\)\.$/, /^le fichier est d’une version que cette application ne sait pas lire\.$/],
  },
  {
    locale: 'en-US', address: 'en/', counting: 'First passages found; the rest is on its way…', count: /^\d+ passages? found$/,
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
    const rests = new Set(app.list.shards.filter((s) => s.head).map((s) => `/${s.url}`));
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
  test(`a head or the rest of a word's postings missing, corrupt or of another version: said, with a retry (${t.locale})`, async () => {
    const heads = new Set(app.list.shards.filter((s) => s.head).map((s) => `/${s.url.replace('/_search.shard-', '/_search.head-')}`));
    const rests = new Set(app.list.shards.filter((s) => s.head).map((s) => `/${s.url}`));
    for (const [failing, answer, cause] of [
      [heads, { status: 404, body: 'not here' }, t.causes[0]],
      [heads, { status: 200, contentType: 'application/json', body: '{"version":2,"terms":[["soc' }, t.causes[1]],
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
