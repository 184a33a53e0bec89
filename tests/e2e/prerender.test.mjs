// The pre-rendered entry pages (drawn at build time by the app's own
// components, pages/): the words are on screen before the app's code has
// arrived, the app then takes the page over without losing anything, and
// without JavaScript the text is still there. (takeover.test.mjs checks that
// nothing moves or changes at the takeover.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appReady, axeViolations, openHeldBack, openPage, texts, useApp, searched } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const app = useApp();

const FRENCH_TITLES = [
  'Franchir le mur de la réalité (social business style)',
  'Le business modèle brisé du business',
  'The Stopcock and the New Economy',
];

const heldBack = (options) => openHeldBack(app.browser, options);

test('the library is on screen, in the address’s language, before the app has loaded', async (t) => {
  const session = await heldBack({ locale: 'en-US' });
  t.after(() => session.close());
  const { page } = session;
  await page.goto(app.server.url + 'fr/');
  await page.locator('#boot[data-prerendered="library"]').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.match(await page.title(), /^essais — /);
  assert.deepEqual(await texts(page, '#boot .essay-title'), FRENCH_TITLES);
  assert.equal(await page.locator('#boot h1').textContent(), 'Tous les essais');
  assert.equal(await page.locator('#boot .result-count').textContent(), '3 essais');
  // The other language is one ordinary link away, and a filter clicked
  // before the app has arrived is a plain form's submit button.
  assert.equal(await page.locator('#boot .language-switch a[hreflang="en"]').getAttribute('href'), '/en/');
  const facet = page.locator('#boot button.facet', { hasText: 'Vécu' });
  assert.equal(await facet.getAttribute('name'), 'category');
  assert.equal(await facet.getAttribute('value'), 'lived');
  assert.ok(!(await page.locator('#boot .boot-query').isVisible()), 'no loading line over the right list');

  session.release();
  await appReady(page);
  // One list, the app's, with its controls; the pre-rendered page is gone.
  assert.deepEqual(await texts(page, '.essay-title'), FRENCH_TITLES);
  assert.equal(await page.locator('#boot').count(), 0);
  assert.ok(await page.locator('#main').isVisible());
  assert.ok(await page.getByRole('button', { name: /plus grand/ }).isVisible());
  session.expectNoErrors();
});

test('a filter clicked before the app has arrived filters all the same', async (t) => {
  const session = await heldBack({ locale: 'fr-FR' });
  t.after(() => session.close());
  const { page } = session;
  await page.goto(app.server.url + 'fr/');
  await page.locator('#boot button.facet', { hasText: 'Bureaucratie' }).click();
  await page.waitForURL('**/fr/?tag=bureaucracy');
  session.release();
  await appReady(page);
  assert.equal(await page.locator('.facet', { hasText: 'Bureaucratie' }).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await texts(page, '.essay-title'), [FRENCH_TITLES[0], FRENCH_TITLES[2]]);
  session.expectNoErrors();
});

test('an essay’s text is on screen before the app, with its paragraph anchors', async (t) => {
  const session = await heldBack({ locale: 'fr-FR' });
  t.after(() => session.close());
  const { page } = session;
  await page.goto(app.server.url + 'en/the-stopcock-and-the-new-economy/#p9');
  await page.locator('#boot[data-prerendered="essay"]').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.title(), 'The Stopcock and the New Economy — essais');
  assert.equal(await page.locator('#boot article.essay h1').textContent(), 'The Stopcock and the New Economy');
  assert.match(await page.locator('#boot #p1').textContent(), /^For once, I would like to tell you a little story/);
  // The browser itself went to the paragraph the address names, just
  // below the sticky header.
  const header = await page.locator('#boot .site-header').evaluate((h) => h.getBoundingClientRect().bottom);
  const top = await page.locator('#boot #p9').evaluate((p) => p.getBoundingClientRect().top);
  assert.ok(top >= header - 1 && top < header + 100, `#p9 (${top}) is just below the header (${header})`);
  // The app's elements are there (mounted beside the pre-rendered page)
  // but out of sight until it takes over.
  assert.ok(!(await page.locator('body > #main').isVisible()));

  session.release();
  await appReady(page);
  await page.locator('#main .essay-body #p1').waitFor();
  assert.equal(await page.locator('#p1').count(), 1, 'one text, the app’s');
  await page.waitForFunction(() => {
    const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
    const top = document.getElementById('p9').getBoundingClientRect().top;
    return top >= header - 1 && top < header + 100;
  }, null, { timeout: 5_000 });
  session.expectNoErrors();
});

test('the index and the essay’s body come while the app’s code is on its way, fetched once', async (t) => {
  const session = await heldBack({ locale: 'en-US' });
  t.after(() => session.close());
  const { page } = session;
  const corpus = JSON.parse(fs.readFileSync(path.join(root, 'dist/corpus.json'), 'utf8'));
  const slug = 'the-broken-business-model-of-business';
  const body = corpus.essays.find((e) => e.slug === slug).body_url;
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const arrived = (file) => page.waitForResponse((r) => new URL(r.url()).pathname === `/${file}` && r.ok());
  // The seed's library fits on its first screen: that is its whole index.
  const both = Promise.all([arrived('first-screen.json'), arrived(body)]);
  await page.goto(app.server.url + `en/${slug}/`);
  // The WASM is held back, so the app cannot have asked for them (without
  // the preloads this waits forever): the page did, and it is still the
  // pre-rendered one.
  await both;
  assert.equal(await page.locator('#boot[data-prerendered="essay"]').count(), 1);

  session.release();
  await appReady(page);
  await page.locator('#main .essay-body #p1').waitFor();
  // The app's own fetches took the responses already there: one request each.
  const count = (file) => requested.filter((p) => p === `/${file}`).length;
  assert.equal(count('first-screen.json'), 1, 'first-screen.json requested once');
  assert.equal(count(body), 1, `${body} requested once`);
  session.expectNoErrors();
});

test('an untranslated essay at the other language’s address comes with its notice', async (t) => {
  const session = await heldBack({ locale: 'fr-FR' });
  t.after(() => session.close());
  const { page } = session;
  await page.goto(app.server.url + 'fr/the-stopcock-and-the-new-economy/');
  await page.locator('#boot[data-prerendered="essay"]').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.match(await page.locator('#boot .notice.untranslated').textContent(), /^Cet essai n’existe qu’en anglais/);
  assert.equal(await page.locator('#boot article.essay').getAttribute('lang'), 'en');
  session.release();
  await appReady(page);
  session.expectNoErrors();
});

test('a filtered or searched library does not show the unfiltered list meanwhile', async (t) => {
  const session = await heldBack({ locale: 'fr-FR' });
  t.after(() => session.close());
  const { page } = session;
  await page.goto(app.server.url + 'fr/?tag=sustainability&both=1');
  await page.locator('#boot[data-prerendered="library"]').waitFor();
  assert.ok(!(await page.locator('#boot .essay-list').isVisible()));
  assert.equal(await page.locator('#boot .boot-query').textContent(), 'Chargement des essais…');
  assert.ok(await page.locator('#boot .boot-query').isVisible());
  session.release();
  await appReady(page);
  assert.deepEqual(await texts(page, '.essay-title'), ['Le business modèle brisé du business']);
  session.expectNoErrors();
});

test('what the reader typed in the search field before the app took over is kept', async (t) => {
  const session = await heldBack({ locale: 'fr-FR' });
  t.after(() => session.close());
  const { page } = session;
  await page.goto(app.server.url + 'fr/');
  await page.locator('#boot #search').waitFor();
  await page.locator('#boot #search').fill('rotules');
  session.release();
  await appReady(page);
  await page.waitForURL('**/fr/?q=rotules');
  await searched(page);
  assert.deepEqual(await texts(page, '.search-hit .essay-title'), ['Franchir le mur de la réalité (social business style)']);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
  assert.equal(await page.locator('#search').inputValue(), 'rotules');
  session.expectNoErrors();
});

test('if the app cannot load, the pre-rendered text stays, under the notice', async (t) => {
  const session = await openPage(app.browser, {
    locale: 'en-US',
    serviceWorkers: 'block',
    bypassCSP: true, // for axe-core only
    allowed: [/Failed to load resource|Failed to fetch|WebAssembly|TypeError/i],
  });
  t.after(() => session.close());
  const { page } = session;
  await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
  await page.goto(app.server.url + 'en/the-broken-business-model-of-business/');
  await page.locator('#boot-failed').waitFor();
  assert.match(await page.locator('#boot-failed').textContent(), /essais could not start/);
  assert.ok(await page.locator('#boot .essay-body #p1').isVisible());
  assert.deepEqual(await axeViolations(page), []);
  session.expectNoErrors();
});

test('without JavaScript, the library and the essays are still there to read', async (t) => {
  const context = await app.browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(app.server.url + 'fr/');
  assert.deepEqual(await texts(page, '.essay-title'), FRENCH_TITLES);
  assert.match(await page.locator('noscript').first().textContent(), /Sans JavaScript ni WebAssembly/);
  await page.getByRole('link', { name: 'Le business modèle brisé du business' }).click();
  await page.waitForURL('**/fr/le-business-modele-brise-du-business/');
  // The page also holds its side-by-side rendering, hidden: the text shown is the single one.
  const shown = (selector) => page.locator(selector).filter({ visible: true });
  assert.equal(await shown('article.essay h1').textContent(), 'Le business modèle brisé du business');
  assert.ok((await shown('.essay-body > [data-block]').count()) > 10);
  // The language toggle leads to the translation.
  await shown('.language-switch a[hreflang="en"]').click();
  await page.waitForURL('**/en/the-broken-business-model-of-business/');
  assert.equal(await shown('article.essay h1').textContent(), 'The Broken Business Model of Business');
});

test('the stylesheet inlined in every entry page, minified, holds every rule of style/main.css', async (t) => {
  // The pages tool minifies the stylesheet before inlining it (its comments
  // and spaces were a fifth of the library's entry page). A minifier that joined or dropped
  // something (a descendant space before a pseudo-class, a calc() operator's
  // spaces) would change a rule: the browser's own parse of both must agree.
  const source = fs.readFileSync(path.join(root, 'style/main.css'), 'utf8');
  const session = await openPage(app.browser);
  t.after(() => session.close());
  const { page } = session;
  await page.goto(app.server.url + 'en/');
  const served = await page.evaluate(() => document.querySelector('head style').textContent);
  assert.ok(served.length < source.length * 0.8, `minified: ${served.length} bytes against ${source.length}`);
  assert.ok(!served.includes('/*'), 'no comment left');
  // Custom properties and var() fallbacks keep their tokens as written, so
  // the space after a comma in a font list stays in the CSSOM: it is the
  // one difference allowed (no meaning; quoted strings are checked apart).
  const rules = await page.evaluate(([a, b]) => {
    const texts = (css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return [...sheet.cssRules].map((rule) => rule.cssText.replace(/,\s+/g, ','));
    };
    return { source: texts(a), served: texts(b) };
  }, [source, served]);
  assert.ok(rules.source.length > 100, `${rules.source.length} rules read from style/main.css`);
  assert.deepEqual(rules.served, rules.source);
  for (const quoted of source.replace(/\/\*[\s\S]*?\*\//g, '').match(/"[^"\n]*"/g)) {
    assert.ok(served.includes(quoted), `${quoted} kept as written`);
  }
  session.expectNoErrors();
});

test('the page’s icon is a small PNG on every page, also when Chromium fetches it again', async (t) => {
  // Chromium fetches the page's icon again at every change of address (a
  // search key, a filter, the language toggle). An SVG icon is then built
  // into a whole document on the page's thread, 14-29 ms at 4x CPU, which
  // on a slow network lands just as a search's first files arrive
  // (docs/performance.md, "The page's icon a PNG").
  const dist = path.join(root, 'dist');
  const pages = ['index.html', '404.html', 'en/index.html', 'fr/index.html', 'en/the-stopcock-and-the-new-economy/index.html'];
  for (const file of pages) {
    const html = fs.readFileSync(path.join(dist, file), 'utf8');
    const icons = [...html.matchAll(/<link rel="icon"[^>]*>/g)].map((m) => m[0]);
    assert.equal(icons.length, 1, `${file}: one icon`);
    assert.match(icons[0], /href="(\/|\.\.\/)*favicon-32\.png" type="image\/png" sizes="32x32"/, `${file}: ${icons[0]}`);
  }
  const session = await openPage(app.browser, { serviceWorkers: 'block' });
  t.after(() => session.close());
  const { page, context } = session;
  // Playwright does not report the browser's icon fetches: the protocol
  // does. (The touch and manifest icons are other files, for other uses.)
  const cdp = await context.newCDPSession(page);
  const icons = [];
  cdp.on('Network.responseReceived', ({ response }) => {
    const { pathname } = new URL(response.url);
    if (/favicon/.test(pathname)) icons.push([pathname, response.mimeType]);
  });
  await cdp.send('Network.enable');
  await page.goto(app.server.url + 'en/');
  await appReady(page);
  await page.locator('#search').fill('economy');
  await page.waitForURL(/q=economy/);
  await page.locator('.site-header').getByRole('link', { name: 'Français' }).click();
  await page.waitForURL('**/fr/**');
  await expectSoon(() => icons.length > 0, 'the icon fetched');
  for (const [url, type] of icons) {
    assert.equal(url, '/favicon-32.png');
    assert.equal(type, 'image/png');
  }
  const size = await page.evaluate(async () => {
    const image = new Image();
    image.src = 'favicon-32.png';
    await image.decode();
    return [image.naturalWidth, image.naturalHeight];
  });
  assert.deepEqual(size, [32, 32]);
  session.expectNoErrors();
});

async function expectSoon(condition, what) {
  for (let i = 0; i < 50 && !condition(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(condition(), what);
}

test('the entry pages do not repeat index.html’s comments', () => {
  // They explain its markup to whoever edits it; the pages tool takes them
  // out, as every entry page repeated them (485 bytes). Leptos's own
  // markers in the drawn page (`<!--<() />-->`) stay.
  const source = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  assert.ok((source.match(/<!--/g) ?? []).length >= 2, 'index.html has comments to take out');
  for (const file of ['index.html', '404.html', 'en/index.html', 'fr/the-stopcock-and-the-new-economy/index.html']) {
    const html = fs.readFileSync(path.join(root, 'dist', file), 'utf8');
    const comments = (html.match(/<!--[\s\S]*?-->/g) ?? []).filter((c) => !c.startsWith('<!--<'));
    assert.deepEqual(comments, [], file);
  }
});
