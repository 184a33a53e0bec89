// A corpus that cannot be had, or only in part: every failure explains itself
// in the reader's language, with a retry, and the rest of the app keeps working.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { once } from 'node:events';
import path from 'node:path';
import { distDir, openPage, texts, useApp, appReady, searched } from './harness.mjs';

const app = useApp();
// The whole index and the library's first screen, which fails alike (the
// seed's library fits on it: the app would not need the index).
const CORPUS = /\/(corpus|first-screen)\.json$/;
const LOAD_FAILED = /Failed to load resource/;

const FAILURES = [
  {
    name: 'a missing corpus (404)',
    route: (route) => route.fulfill({ status: 404, body: 'not here' }),
    fr: 'Impossible de charger les essais : le serveur a répondu 404.',
    en: 'The essays could not be loaded: the server answered 404.',
  },
  {
    name: 'a server error (500)',
    route: (route) => route.fulfill({ status: 500, body: 'oops' }),
    fr: 'Impossible de charger les essais : le serveur a répondu 500.',
    en: 'The essays could not be loaded: the server answered 500.',
  },
  {
    name: 'a network error',
    route: (route) => route.abort('connectionrefused'),
    fr: 'Impossible de charger les essais : le réseau ne répond pas.',
    en: 'The essays could not be loaded: the network is not answering.',
  },
  {
    name: 'a server that never answers',
    route: () => {}, // never fulfilled: the app gives up after 15 s
    fr: 'Impossible de charger les essais : le serveur n’a pas répondu en 15 secondes.',
    en: 'The essays could not be loaded: the server did not answer within 15 seconds.',
    timeout: 25_000,
  },
  {
    name: 'a corpus that is not JSON',
    route: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{\n"schema_version": 1,\n<html>' }),
    fr: 'Le fichier des essais est illisible (ligne 3, colonne 1).',
    en: 'The essays file is unreadable (line 3, column 1).',
  },
  {
    name: 'a corpus of a newer schema',
    route: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version": 3, "essays": {}}' }),
    fr: 'Le fichier des essais est d’une version que cette application ne sait pas lire. Rechargez la page pour obtenir la dernière version.',
    en: 'The essays file is of a version this app cannot read. Reload the page to get the latest version.',
  },
];

for (const failure of FAILURES) {
  test(`${failure.name}: a message in the reader’s language, a working header, a retry that recovers`, { timeout: 60_000 }, async (t) => {
    const session = await openPage(app.browser, { locale: 'fr-FR', allowed: [LOAD_FAILED], serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    await page.route(CORPUS, failure.route);
    await page.goto(app.server.url + 'fr/');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: failure.timeout ?? 10_000 });
    assert.equal(await alert.locator('p').textContent(), failure.fr);
    assert.equal(await alert.locator('h1').textContent(), 'Les essais n’ont pas pu être chargés');

    // The header keeps working: the message follows the language.
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL('**/en/');
    assert.equal(await alert.locator('p').textContent(), failure.en);
    await page.getByRole('button', { name: 'Larger text' }).click();

    await page.unroute(CORPUS);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.essay-title').first().waitFor();
    assert.equal(await page.locator('.essay-entry').count(), 3);
    session.expectNoErrors();
  });
}

test('one malformed essay among good ones: the good ones are shown, the bad one is named', async (t) => {
  const corpus = JSON.parse(fs.readFileSync(path.join(distDir, 'corpus.json'), 'utf8'));
  const stopcock = corpus.essays.find((e) => e.slug === 'the-stopcock-and-the-new-economy');
  delete stopcock.body_url;
  for (const [locale, address, notice] of [
    ['fr-FR', 'fr/', 'Un essai n’a pas pu être lu et n’est pas affiché : « The Stopcock and the New Economy ».'],
    ['en-US', 'en/', 'One essay could not be read and is not shown: “The Stopcock and the New Economy”.'],
  ]) {
    const session = await openPage(app.browser, { locale, serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    await page.route(CORPUS, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(corpus) }));
    await page.goto(app.server.url + address);
    await appReady(page);
    assert.equal(await page.locator('.rejected-essays').textContent(), notice);
    assert.equal((await texts(page, '.essay-title')).length, 2);
    session.expectNoErrors();
  }
});

test('an index with a byte order mark and a damaged byte reads as the browser’s text decoding read it', async (t) => {
  // The app reads fetched files as bytes (src/api.rs: `fetch_text`); a
  // browser's `text()` drops a leading byte order mark and replaces a
  // byte that is not UTF-8 with U+FFFD, and so must the app.
  const corpus = JSON.parse(fs.readFileSync(path.join(distDir, 'corpus.json'), 'utf8'));
  const stopcock = corpus.essays.find((e) => e.slug === 'the-stopcock-and-the-new-economy');
  stopcock.title = 'The Stopcock @@ the New Economy';
  const [before, after] = JSON.stringify(corpus).split('@@');
  const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]);
  for (const [locale, address] of [['fr-FR', 'fr/'], ['en-US', 'en/']]) {
    const session = await openPage(app.browser, { locale, allowed: [LOAD_FAILED], serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    // Without its first screen, the app reads the index itself, a slice at a time.
    await page.route(/\/first-screen\.json$/, (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.route(/\/corpus\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.goto(app.server.url + address);
    await page.locator('.library:not([data-first-screen]) .essay-title').first().waitFor();
    const titles = await texts(page, '.essay-title');
    assert.equal(titles.length, 3);
    assert.ok(titles.includes('The Stopcock \ufffd the New Economy'), titles.join(' | '));
    assert.equal(await page.locator('.rejected-essays').count(), 0);
    session.expectNoErrors();
  }
});

test('a crash shows a panel with a reload, in the reader’s language, instead of a frozen page', async (t) => {
  for (const [locale, address, message, reload] of [
    ['fr-FR', 'fr/the-stopcock-and-the-new-economy/', /^Une erreur inattendue a arrêté essais\./, 'Recharger la page'],
    ['en-US', 'en/', /^An unexpected error stopped essais\./, 'Reload the page'],
  ]) {
    const session = await openPage(app.browser, { locale, allowed: [/essais panicked: .*simulated crash/s, /unreachable/i] });
    t.after(() => session.close());
    const { page } = session;
    await page.goto(app.server.url + address);
    await appReady(page);
    await page.evaluate(() => {
      try {
        window.wasmBindings.simulate_crash();
      } catch {
        // The panic aborts the call; the panel is what matters.
      }
    });
    const panel = page.getByRole('alert');
    await panel.waitFor();
    assert.match(await panel.locator('p').textContent(), message);
    await panel.getByRole('link', { name: reload }).click();
    await page.waitForURL(`**/${address}`);
    await page.locator('main h1').first().waitFor();
    assert.equal(await page.locator('#crash').count(), 0);
    session.expectNoErrors();
  }
});

test('an essay whose text cannot be fetched: its title and the page stay, the reason in the reader’s language, a retry that recovers', async (t) => {
  for (const [locale, lang, message, retry] of [
    ['fr-FR', 'fr', 'Le texte de cet essai n’a pas pu être chargé\u00a0: le serveur a répondu 503.', 'Réessayer'],
    ['en-US', 'en', 'The text of this essay could not be loaded: the server answered 503.', 'Try again'],
  ]) {
    const session = await openPage(app.browser, { locale, allowed: [LOAD_FAILED], serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    let failing = true;
    await page.route('**/corpus/the-stopcock-and-the-new-economy.*.json', (route) =>
      failing ? route.fulfill({ status: 503, body: 'busy' }) : route.fallback());
    await page.goto(app.server.url + `${lang}/the-stopcock-and-the-new-economy/`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.locator('p').textContent(), message);
    assert.equal(await page.locator('article.essay h1').textContent(), 'The Stopcock and the New Economy');
    assert.ok((await page.locator('.essay-neighbours a').count()) > 0, 'the way to the other essays stays');
    failing = false;
    await alert.getByRole('button', { name: retry }).click();
    await page.locator('.essay-body p').first().waitFor();
    assert.equal(await page.getByRole('alert').count(), 0);
    session.expectNoErrors();
  }
});

test('the essay page’s code that cannot be fetched: the library works without it, an essay says why in the reader’s language, a retry draws it', async (t) => {
  // The essay page is a WASM module of its own (src/essay_code.rs), which
  // the app asks for as it starts: here it never arrives.
  const ESSAY_CODE = /\/essais-split_essay_page-[0-9a-f]{16}\.wasm$/;
  const session = await openPage(app.browser, { locale: 'fr-FR', allowed: [LOAD_FAILED, /Failed to fetch/], serviceWorkers: 'block' });
  t.after(() => session.close());
  const { page } = session;
  let failing = true;
  let asked = 0;
  await page.route(ESSAY_CODE, (route) => {
    asked += 1;
    return failing ? route.abort('connectionrefused') : route.fallback();
  });
  await page.goto(app.server.url + 'fr/');
  await appReady(page);
  // The library needs none of it: a filter narrows it.
  await page.locator('.facet').first().click();
  await page.waitForURL(/\?/);
  assert.ok((await page.locator('.essay-entry').count()) >= 1);
  assert.ok(asked >= 1, 'the app asks for the essay page’s code ahead');
  await page.goto(app.server.url + 'fr/');
  await appReady(page);
  await page.locator('.essay-entry .essay-title a').first().click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.locator('p').textContent(), 'Le texte de cet essai n’a pas pu être chargé\u00a0: le réseau ne répond pas.');
  // The header still works, and the message follows the language.
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL('**/en/**');
  assert.equal(await alert.locator('p').textContent(), 'The text of this essay could not be loaded: the network is not answering.');
  failing = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.locator('article.essay .essay-body p').first().waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  session.expectNoErrors();
});

test('search data that cannot be fetched: the library stays, the search says why and retries', async (t) => {
  const session = await openPage(app.browser, { locale: 'fr-FR', allowed: [LOAD_FAILED], serviceWorkers: 'block' });
  t.after(() => session.close());
  const { page } = session;
  let failing = true;
  await page.route('**/corpus/_search.*.json', (route) =>
    failing ? route.fulfill({ status: 500, body: 'oops' }) : route.fallback());
  await page.goto(app.server.url + 'fr/?q=rotules');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.locator('p').textContent(), 'La recherche n’a pas pu être préparée\u00a0: le serveur a répondu 500.');
  assert.ok((await page.locator('.facet').count()) > 0, 'the filters stay');
  failing = false;
  await alert.getByRole('button', { name: 'Réessayer' }).click();
  await searched(page);
  assert.deepEqual(await texts(page, '.search-hit .essay-title'), ['Franchir le mur de la réalité (social business style)']);
  session.expectNoErrors();
});

test('a large file that takes longer than 15 s to arrive, once the server has answered, is still read', { timeout: 60_000 }, async (t) => {
  // A server that answers the search data at once but sends its body over
  // 17 seconds (a slow link, a large corpus); everything else from dist/.
  const server = http.createServer(async (req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    if (/\/corpus\/_search\.[0-9a-f]+\.json$/.test(pathname)) {
      const body = fs.readFileSync(path.join(distDir, pathname));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      const half = Math.floor(body.length / 2);
      res.write(body.subarray(0, half));
      setTimeout(() => res.end(body.subarray(half)), 17_000);
      return;
    }
    const upstream = await fetch(app.server.url + pathname.slice(1));
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/html' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => { server.closeAllConnections(); server.close(); });
  const session = await openPage(app.browser, { locale: 'fr-FR', serviceWorkers: 'block' });
  t.after(() => session.close());
  const { page } = session;
  const started = Date.now();
  await page.goto(`http://127.0.0.1:${server.address().port}/fr/?q=rotules`);
  await searched(page, { timeout: 40_000 });
  assert.ok(Date.now() - started > 16_000, 'the body did take longer than the timeout');
  assert.deepEqual(await texts(page, '.search-hit .essay-title'), ['Franchir le mur de la réalité (social business style)']);
  assert.equal(await page.getByRole('alert').count(), 0);
  session.expectNoErrors();
});
