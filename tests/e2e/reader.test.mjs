// The reading flows of the reader: URLs for everything, filters, essay
// pages, the language switch that keeps the reader's place, keyboard and
// screen-reader access. Each against the release build on a static server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { appReady, axeViolations, distDir, openPage, texts, useApp } from './harness.mjs';

const app = useApp();

const visit = (address, options) => app.visit(address, options);

const pathAndQuery = (page) => {
  const url = new URL(page.url());
  return decodeURIComponent(url.pathname + url.search);
};

test('filters narrow the library with AND, count what remains, and live in the URL', async () => {
  const { page, expectNoErrors, close } = await visit('fr/', { locale: 'fr-FR' });
  const facet = (name) => page.locator('.facet', { hasText: name });

  assert.equal(await page.getByRole('button', { name: 'Vécu (2 essais)' }).count(), 1);
  await facet('Vécu').click();
  await page.waitForURL('**/fr/?category=lived');
  assert.deepEqual(await texts(page, '.essay-title'), [
    'Franchir le mur de la réalité (social business style)',
    'The Stopcock and the New Economy',
  ]);
  assert.equal(await facet('Vécu').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.result-count').textContent(), '2 essais');
  // With "Vécu" chosen, "Économie réelle" would leave nothing: disabled.
  assert.equal(await facet('Économie réelle').isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Économie réelle (0 essai)' }).isDisabled(), true);

  await facet('Bureaucratie').click();
  await page.waitForURL('**/fr/?category=lived&tag=bureaucracy');
  assert.equal(await page.locator('.essay-entry').count(), 2);
  await facet('Disponible dans les deux langues').click();
  await page.waitForURL('**/fr/?category=lived&tag=bureaucracy&both=1');
  assert.deepEqual(await texts(page, '.essay-title'), ['Franchir le mur de la réalité (social business style)']);

  // Chips: one per active filter, each removable, and "clear all".
  assert.deepEqual(await texts(page, '.chip > span'), ['Vécu', 'Bureaucratie', 'Disponible dans les deux langues']);
  await page.getByRole('button', { name: 'Retirer le filtre : Bureaucratie' }).click();
  await page.waitForURL('**/fr/?category=lived&both=1');

  // Back and forward walk through the reader's steps.
  await page.goBack();
  await page.waitForURL('**/fr/?category=lived&tag=bureaucracy&both=1');
  assert.equal(await page.locator('.chip').count(), 3);
  await page.goBack();
  await page.waitForURL('**/fr/?category=lived&tag=bureaucracy');
  assert.equal(await page.locator('.essay-entry').count(), 2);
  await page.goForward();
  await page.waitForURL('**/fr/?category=lived&tag=bureaucracy&both=1');
  assert.equal(await page.locator('.essay-entry').count(), 1);

  await page.getByRole('button', { name: 'Tout effacer' }).click();
  await page.waitForURL(/\/fr\/$/);
  assert.equal(await page.locator('.essay-entry').count(), 3);
  assert.equal(await page.locator('.chip').count(), 0);
  expectNoErrors();
  await close();
});

test('links move within the app without reloading it; a new page opens at its top, a modified click is the browser’s', async () => {
  const { page, expectNoErrors, close } = await visit('en/', { locale: 'en-US', viewport: { width: 800, height: 400 } });
  await page.evaluate(() => { window.__sameApp = true; });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.getByRole('link', { name: 'The Stopcock and the New Economy' }).click();
  await page.waitForURL('**/en/the-stopcock-and-the-new-economy/');
  await page.locator('#main .essay-body #p1').waitFor();
  assert.equal(await page.evaluate(() => window.__sameApp), true, 'the app was not reloaded');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  // A tag link from the essay, then back to the essay.
  await page.locator('article .taxonomy a').first().click();
  await page.waitForURL(/\/en\/\?(category|tag)=/);
  await page.goBack();
  await page.waitForURL('**/en/the-stopcock-and-the-new-economy/');
  assert.equal(await page.evaluate(() => window.__sameApp), true);
  // Ctrl+click opens a new tab: the app leaves it to the browser.
  const [popup] = await Promise.all([
    page.context().waitForEvent('page'),
    page.locator('.site-title').click({ modifiers: ['Control'] }),
  ]);
  await popup.close();
  assert.equal(new URL(page.url()).pathname, '/en/the-stopcock-and-the-new-economy/');
  // A link to the page already shown adds no history entry: back leads to
  // the page before it.
  await page.locator('.site-title').click();
  await page.waitForURL('**/en/');
  await page.locator('.site-title').click();
  await page.goBack();
  await page.waitForURL('**/en/the-stopcock-and-the-new-economy/');
  expectNoErrors();
  await close();
});

test('a filtered library opened from a bookmark shows the same view, in English too', async () => {
  const { page, expectNoErrors, close } = await visit('en/?tag=thin-organizations&tag=sustainability', { locale: 'fr-FR' });
  assert.deepEqual(await texts(page, '.essay-title'), [
    'The Broken Business Model of Business',
    'The Stopcock and the New Economy',
  ]);
  assert.deepEqual(await texts(page, '.chip > span'), ['Thin organizations', 'Sustainability']);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  // Switching language keeps the filters.
  await page.getByRole('link', { name: 'Français' }).click();
  await page.waitForURL('**/fr/?tag=thin-organizations&tag=sustainability');
  assert.deepEqual(await texts(page, '.chip > span'), ['Organisations légères', 'Durabilité']);
  expectNoErrors();
  await close();
});

test('a filter that matches nothing says so and offers to clear', async () => {
  for (const [address, message, clear] of [
    ['fr/?category=lived&tag=real-economy', 'Aucun essai ne correspond à ces filtres.', 'Tout effacer'],
    ['en/?category=lived&tag=real-economy', 'No essay matches these filters.', 'Clear all'],
  ]) {
    const { page, expectNoErrors, close } = await visit(address);
    assert.equal(await page.locator('.no-match p').first().textContent(), message);
    await page.locator('.no-match a', { hasText: clear }).click();
    await page.locator('.essay-entry').first().waitFor();
    assert.equal(await page.locator('.essay-entry').count(), 3);
    expectNoErrors();
    await close();
  }
});

test('unknown filter values and garbage queries are ignored with a notice, never an error', async () => {
  const { page, expectNoErrors, close } = await visit('en/?tag=nope&category=%E9%zz&tag=future-of-work&junk=' + 'x'.repeat(3000));
  assert.match(await page.locator('.ignored-filters').textContent(), /^Unknown filters ignored: nope, %E9%zz$/);
  assert.deepEqual(await texts(page, '.chip > span'), ['Future of work']);
  assert.equal(await page.locator('.essay-entry').count(), 2);
  expectNoErrors();
  await close();
});

test('an essay URL opened directly renders the essay on a plain static server', async () => {
  for (const [address, lang, title, heading, quote] of [
    ['en/the-broken-business-model-of-business/', 'en', 'The Broken Business Model of Business', 'Opening the doors', '“As the organization'],
    ['fr/le-business-modele-brise-du-business/', 'fr', 'Le business modèle brisé du business', 'Ouvrir les portes', '“Alors que l’organisation'],
  ]) {
    const { page, expectNoErrors, close } = await visit(address);
    assert.equal(await page.locator('article.essay h1').textContent(), title);
    assert.equal(await page.locator('article.essay').getAttribute('lang'), lang);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    assert.equal(await page.title(), `${title} — essais`);
    assert.equal(await page.locator('.essay-body h2').first().textContent(), heading);
    assert.ok((await page.locator('.essay-body blockquote').first().textContent()).startsWith(quote));
    // The restored strike-through.
    assert.equal(await page.locator('.essay-body del').textContent(), lang === 'fr' ? 'Quelques' : 'Some');
    assert.equal(await page.locator('.notice.untranslated').count(), 0);
    expectNoErrors();
    await close();
  }
});

test('an essay with no version in the reading language shows the original with a notice', async () => {
  const { page, expectNoErrors, close } = await visit('fr/the-stopcock-and-the-new-economy/', { locale: 'fr-FR' });
  assert.equal(await page.locator('.notice.untranslated').textContent(), 'Cet essai n’existe qu’en anglais : en voici le texte original.');
  assert.equal(await page.locator('article.essay').getAttribute('lang'), 'en');
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.match(await page.locator('.essay-meta').textContent(), /Langues\u00a0: anglais · 5 min de lecture · 4 commentaires/);
  // The toggle is no dead end: the same essay, now with an English interface.
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL('**/en/the-stopcock-and-the-new-economy/');
  await page.locator('.essay-meta', { hasText: '4 comments' }).waitFor();
  assert.equal(await page.locator('.notice.untranslated').count(), 0);
  await page.getByRole('link', { name: 'Français' }).click();
  await page.waitForURL('**/fr/the-stopcock-and-the-new-economy/');
  await page.locator('.notice.untranslated').waitFor();
  expectNoErrors();
  await close();
});

test('an essay at the other language’s address shows the reader’s version', async () => {
  const { page, expectNoErrors, close } = await visit('fr/breaking-the-reality-barrier/');
  await page.waitForURL('**/fr/franchir-le-mur-de-la-realite/');
  assert.equal(await page.locator('article.essay h1').textContent(), 'Franchir le mur de la réalité (social business style)');
  expectNoErrors();
  await close();
  // The view and the place in the text come along.
  const second = await visit('en/franchir-le-mur-de-la-realite/?view=side-by-side#p4');
  await second.page.waitForURL('**/en/breaking-the-reality-barrier/?view=side-by-side#p4');
  await second.page.locator('.parallel .primary[lang="en"]').first().waitFor();
  second.expectNoErrors();
  await second.close();
});

test('switching language on an essay keeps the reader at the same paragraph', async () => {
  for (const [from, to, target, expectedPath] of [
    ['fr/le-business-modele-brise-du-business/', 'English', 12, '/en/the-broken-business-model-of-business/'],
    ['en/the-broken-business-model-of-business/', 'Français', 9, '/fr/le-business-modele-brise-du-business/'],
  ]) {
    const { page, expectNoErrors, close } = await visit(from, { locale: 'fr-FR' });
    // Bring the paragraph just below the sticky header, as a reader scrolling would.
    await page.locator(`#p${target}`).evaluate((el) => {
      const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - header);
    });
    const before = await page.evaluate(() => window.scrollY);
    assert.ok(before > 500, 'the page scrolled');
    await page.getByRole('link', { name: to }).click();
    await page.waitForURL(`**${expectedPath}#p${target}`);
    await page.locator('article.essay h1').waitFor();
    // The same paragraph is at the top of the screen (below the header) in the other language.
    await page.waitForFunction((n) => {
      const rect = document.getElementById(`p${n}`)?.getBoundingClientRect();
      const header = document.querySelector('.site-header').getBoundingClientRect();
      return rect && Math.abs(rect.top - header.bottom) < 40;
    }, target);
    expectNoErrors();
    await close();
  }
});

test('essay metadata links back to the filtered library, and previous/next follow the blog', async () => {
  const { page, expectNoErrors, close } = await visit('en/breaking-the-reality-barrier/');
  assert.equal(await page.locator('.essay-neighbours .previous').count(), 0);
  assert.equal(await page.locator('.essay-neighbours .next .neighbour-title').textContent(), 'The Broken Business Model of Business');
  await page.locator('.essay-neighbours .next').click();
  await page.waitForURL('**/en/the-broken-business-model-of-business/');
  assert.equal(await page.locator('.essay-neighbours .previous .neighbour-title').textContent(), 'Breaking the reality barrier (social business style)');
  assert.equal(await page.locator('.essay-neighbours .next .neighbour-title').textContent(), 'The Stopcock and the New Economy');

  await page.locator('article .taxonomy a', { hasText: 'Real economy' }).click();
  await page.waitForURL('**/en/?tag=real-economy');
  assert.deepEqual(await texts(page, '.essay-title'), ['The Broken Business Model of Business']);
  assert.deepEqual(await texts(page, '.chip > span'), ['Real economy']);
  expectNoErrors();
  await close();
});

test('unknown addresses get a not-found page with a way back, in the reader’s language', async () => {
  // What a host that answers unknown addresses with 404.html (most static hosts) serves.
  const notFoundPage = path.join(distDir, '404.html');
  for (const [address, locale, heading, message, back] of [
    ['fr/nope/', 'fr-FR', 'Page introuvable', 'Cet essai est introuvable. Son adresse a peut-être changé.', 'Retour à la bibliothèque'],
    ['en/nope/', 'en-US', 'Page not found', 'This essay could not be found. Its address may have changed.', 'Back to the library'],
    ['de/x/y/', 'en-US', 'Page not found', 'This address matches no page.', 'Back to the library'],
  ]) {
    const session = await openPage(app.browser, {
      locale,
      allowed: [/Failed to load resource: the server responded with a status of 404/],
    });
    const { page } = session;
    await page.route(`**/${address}`, (route) => route.fulfill({ status: 404, path: notFoundPage, contentType: 'text/html' }));
    await page.goto(app.server.url + address);
    await appReady(page);
    assert.equal(await page.locator('.not-found h1').textContent(), heading);
    assert.equal(await page.locator('.not-found p').first().textContent(), message);
    await page.getByRole('link', { name: back }).click();
    await page.locator('.essay-entry').first().waitFor();
    session.expectNoErrors();
    await session.close();
  }
});

test('the keyboard reaches everything: skip link, language, filters, essays', async () => {
  const { page, expectNoErrors, close } = await visit('en/');
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  assert.equal(await skip.textContent(), 'Skip to content');
  assert.ok((await skip.boundingBox()).y >= 0, 'the focused skip link is on screen');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

  // Tab on to the first filter and choose it with the keyboard.
  const firstFacet = page.locator('.facet').first();
  for (let i = 0; i < 10 && !(await firstFacet.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await firstFacet.evaluate((el) => el === document.activeElement), true);
  const outline = await firstFacet.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/en/?category=lived');

  // The language toggle works from the keyboard too.
  await page.getByRole('link', { name: 'Français' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL('**/fr/?category=lived');
  expectNoErrors();
  await close();
});

test('the text size control changes the text and is remembered', async () => {
  const { page, expectNoErrors, close } = await visit('en/');
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const initial = await size();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await page.getByRole('button', { name: 'Larger text' }).click();
  assert.ok((await size()) > initial);
  assert.equal(await page.getByRole('button', { name: 'Larger text' }).isDisabled(), true);
  const larger = await size();
  await page.reload();
  await appReady(page);
  assert.equal(await size(), larger);
  await page.getByRole('button', { name: 'Smaller text' }).click();
  assert.ok((await size()) < larger);
  expectNoErrors();
  await close();
});

test('the app works when localStorage throws', async () => {
  const session = await openPage(app.browser, { locale: 'fr-FR' });
  await session.context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const { page } = session;
  await page.goto(app.server.url);
  await page.waitForURL('**/fr/');
  await appReady(page);
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL('**/en/');
  await page.getByRole('button', { name: 'Larger text' }).click();
  assert.equal(await page.locator('.essay-entry').count(), 3);
  session.expectNoErrors();
  await session.close();
});

test('axe finds no missing names, landmarks or language problems', async () => {
  for (const address of ['fr/', 'en/?category=lived', 'fr/the-stopcock-and-the-new-economy/', 'en/the-broken-business-model-of-business/']) {
    for (const colorScheme of ['light', 'dark']) {
      const session = await openPage(app.browser, { bypassCSP: true });
      await session.page.emulateMedia({ colorScheme });
      await session.page.goto(app.server.url + address);
      await appReady(session.page);
      const violations = await axeViolations(session.page);
      assert.deepEqual(violations, [], `${address} (${colorScheme})`);
      session.expectNoErrors();
      await session.close();
    }
  }
});

test('on a phone the header fits one line and the filters fold behind a button', async () => {
  for (const [locale, address, toggle, facetName] of [['fr-FR', 'fr/', 'Filtrer', 'Vécu (2 essais)'], ['en-US', 'en/', 'Filter', 'As experimented (2 essays)']]) {
    const session = await openPage(app.browser, { locale, viewport: { width: 375, height: 740 } });
    const { page } = session;
    await page.goto(app.server.url + address);
    await appReady(page);
    const header = await page.locator('.site-header').boundingBox();
    assert.ok(header.height < 60, `header is ${header.height}px high`);
    assert.equal(await page.locator('.essay-entry').first().isVisible(), true);
    assert.equal(await page.getByRole('button', { name: facetName }).isVisible(), false);
    const button = page.getByRole('button', { name: toggle, exact: true });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    await page.getByRole('button', { name: facetName }).click();
    await page.waitForURL(`**/${address}?category=lived`);
    session.expectNoErrors();
    await session.close();
  }
});

test('an essay prints without the header, filters or navigation', async () => {
  const { page, expectNoErrors, close } = await visit('en/the-stopcock-and-the-new-economy/');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.locator('.essay-neighbours').isVisible(), false);
  assert.equal(await page.locator('article.essay h1').isVisible(), true);
  assert.equal(await page.locator('.essay-body p').first().isVisible(), true);
  expectNoErrors();
  await close();
});
