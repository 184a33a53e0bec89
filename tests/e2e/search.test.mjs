// Search: find a passage in either language, accents or not, with filters,
// following a result to its paragraph, and offline.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, texts, useApp, searched } from './harness.mjs';

const app = useApp();
const visit = (address, options) => app.visit(address, options);

async function search(page, text) {
  const field = page.getByRole('searchbox');
  await field.fill(text);
  await page.waitForURL((url) => url.searchParams.get('q') === text);
  await searched(page);
}

test('accent-free words find accented ones, in both interface languages', async () => {
  for (const [locale, address, label, count, foundIn] of [
    ['fr-FR', 'fr/', 'Rechercher dans les essais', '1 passage trouvé', 'Trouvé en français'],
    ['en-US', 'en/', 'Search the essays', '1 passage found', 'Found in French'],
  ]) {
    const { page, expectNoErrors, close } = await visit(address, { locale });
    const field = page.getByRole('searchbox', { name: label });
    await field.fill('economie reelle');
    await searched(page);
    assert.equal(await page.locator('.result-count').textContent(), count);
    assert.equal(await page.locator('.found-in').textContent(), foundIn);
    assert.deepEqual([...new Set(await texts(page, '.snippet mark'))], ['économie', 'réelle']);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'economie reelle');
    // The field kept its focus through the URL updates.
    assert.equal(await field.evaluate((el) => el === document.activeElement), true);
    expectNoErrors();
    await close();
  }
});

test('a quoted phrase matches the phrase, words narrow, nothing found says so', async () => {
  const { page, expectNoErrors, close } = await visit('en/');
  await search(page, '"real economy"');
  assert.deepEqual(await texts(page, '.snippet mark'), ['real economy']);
  await search(page, '"economy real"');
  assert.equal(await page.locator('.no-match').textContent(), 'No passage matches this search.');
  await search(page, 'stopcock keynes');
  assert.equal(await page.locator('.search-hit').count(), 0);
  await search(page, "l'entreprise");
  assert.ok((await page.locator('.search-hit').count()) >= 1, 'straight apostrophe finds the typographic one');
  expectNoErrors();
  await close();
});

test('a search combines with the filters, and both live in the URL', async () => {
  const { page, expectNoErrors, close } = await visit('fr/?q=organisations');
  await searched(page);
  const all = await page.locator('.search-hit').count();
  await page.locator('.facet', { hasText: 'Vécu' }).click();
  await page.waitForURL('**/fr/?q=organisations&category=lived');
  await searched(page);
  const narrowed = await page.locator('.search-hit').count();
  assert.ok(narrowed < all, `${narrowed} < ${all}`);
  assert.equal(await page.getByRole('searchbox').inputValue(), 'organisations');
  // The language switch keeps both.
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL('**/en/?q=organisations&category=lived');
  expectNoErrors();
  await close();
});

test('a result opens the essay at the matching paragraph, in the language that matched', async () => {
  const { page, expectNoErrors, close } = await visit('fr/');
  await search(page, 'wrench stopcock');
  assert.equal(await page.locator('.found-in').textContent(), 'Trouvé en anglais');
  await page.locator('.search-hit a').click();
  // The essay marks the words found (companions.test.mjs): they are in its address.
  await page.waitForURL('**/en/the-stopcock-and-the-new-economy/?mark=wrench+stopcock#p3');
  await page.waitForFunction(() => {
    const rect = document.getElementById('p3')?.getBoundingClientRect();
    const header = document.querySelector('.site-header').getBoundingClientRect();
    return rect && Math.abs(rect.top - header.bottom) < 40;
  });
  expectNoErrors();
  await close();
});

test('the / key brings the focus to the search field', async () => {
  const { page, expectNoErrors, close } = await visit('en/');
  await page.locator('h1').click();
  await page.keyboard.press('/');
  assert.equal(await page.getByRole('searchbox').evaluate((el) => el === document.activeElement), true);
  // The index is built as the field gets the focus, before the first key
  // (fetching the search data takes a moment: wait for it, typing nothing).
  await page.waitForFunction(() => performance.getEntriesByName('essais:search-index').length === 1, null, { timeout: 10_000 });
  await page.keyboard.type('rotules');
  await searched(page);
  assert.equal(await page.getByRole('searchbox').inputValue(), 'rotules', 'the slash itself was not typed');
  expectNoErrors();
  await close();
});

test('search works offline', async (t) => {
  const session = await openPage(app.browser, {});
  t.after(() => session.close());
  const { page, context } = session;
  await page.goto(app.server.url + 'en/');
  await page.locator('.offline-ready', { hasText: 'Ready to read offline' }).waitFor();
  await context.setOffline(true);
  await page.reload();
  await page.locator('.essay-entry').first().waitFor();
  await search(page, 'Keynes');
  assert.equal(await page.locator('.search-hit').count(), 2);
  session.expectNoErrors();
});

// One typo forgiven in words of five letters or more, ranked after the
// exact matches; the essay then marks the word taken for the typo.
for (const [locale, address, query, exact, closeWord, short] of [
  ['fr-FR', 'fr/', 'norme', 'Franchir le mur de la réalité (social business style)', 'forme', 'nrme'],
  ['en-US', 'en/', 'contract', 'Breaking the reality barrier (social business style)', 'contact', 'ide'],
]) {
  test(`a typo is forgiven in words of five letters or more, after the exact matches (${locale})`, async () => {
    const { page, expectNoErrors, close } = await visit(address, { locale });
    await search(page, query);
    const hits = page.locator('.search-hit');
    const titles = await texts(page, '.search-hit .essay-title');
    assert.ok(titles.length >= 2, `exact and close matches: ${titles}`);
    assert.equal(titles[0], exact, 'the exact match first');
    const firstMarks = (await hits.first().locator('.snippet mark').allTextContents()).map((m) => m.toLowerCase());
    assert.ok(firstMarks.includes(query), `the exact word is highlighted first: ${firstMarks}`);
    // A later hit was found by the word one typo away, highlighted as such.
    const closeHit = hits.filter({ has: page.locator('.snippet mark', { hasText: new RegExp(`^${closeWord}$`, 'i') }) });
    assert.ok((await closeHit.count()) >= 1, `a hit found by "${closeWord}"`);
    // Said in words too (a highlight is not heard by a screen reader).
    assert.match(await closeHit.first().locator('.found-in').textContent(), locale === 'fr-FR'
      ? new RegExp(`^Trouvé en (français|anglais), orthographe proche : ${closeWord}$`)
      : new RegExp(`^Found in (French|English), close spelling: ${closeWord}$`));
    assert.doesNotMatch(await hits.first().locator('.found-in').textContent(), /proche|close/);
    // The essay it opens marks that word.
    await closeHit.first().locator('.essay-title a').click();
    await page.locator('mark.found').first().waitFor();
    const marked = (await texts(page, 'article.essay mark.found')).map((m) => m.toLowerCase());
    assert.ok(marked.includes(closeWord), `marked in the essay: ${marked}`);
    // A typo in a short word is not forgiven; one in a long word is.
    await page.goto(app.server.url + address);
    await search(page, short);
    assert.equal(await hits.count(), 0, `nothing for ${short}`);
    await search(page, 'stopcok');
    assert.deepEqual(await texts(page, '.search-hit .essay-title'), ['The Stopcock and the New Economy']);
    expectNoErrors();
    await close();
  });
}

test('the filters count only what the search finds, in both interface languages', async () => {
  for (const [locale, address, lived, seen] of [
    ['fr-FR', 'fr/', 'Vécu', 'Vu, lu ou entendu'],
    ['en-US', 'en/', 'As experimented', 'As seen, heard or read'],
  ]) {
    const { page, expectNoErrors, close } = await visit(address, { locale });
    const count = (label) => page.locator('.facet', { hasText: label }).locator('.facet-count').textContent();
    const disabled = (label) => page.locator('.facet', { hasText: label }).isDisabled();
    assert.deepEqual([await count(lived), await count(seen)], ['2', '2']);
    await search(page, 'stopcock');
    await page.waitForFunction((label) => [...document.querySelectorAll('.facet')]
      .find((f) => f.textContent.includes(label))?.querySelector('.facet-count')?.textContent === '0', seen);
    assert.deepEqual([await count(lived), await count(seen)], ['1', '0']);
    assert.equal(await disabled(seen), true, 'a value the search has nothing in cannot be chosen');
    await search(page, 'Keynes');
    await page.waitForFunction((label) => [...document.querySelectorAll('.facet')]
      .find((f) => f.textContent.includes(label))?.querySelector('.facet-count')?.textContent === '0', lived);
    assert.deepEqual([await count(lived), await count(seen)], ['0', '1']);
    // The count heard by a screen reader says the same.
    const heard = await page.locator('.facet', { hasText: seen }).locator('.visually-hidden').textContent();
    assert.match(heard, /1/);
    // Without the search, every essay counts again.
    await page.getByRole('searchbox').fill('');
    await page.waitForFunction((label) => [...document.querySelectorAll('.facet')]
      .find((f) => f.textContent.includes(label))?.querySelector('.facet-count')?.textContent === '2', lived);
    assert.deepEqual([await count(lived), await count(seen)], ['2', '2']);
    expectNoErrors();
    await close();
  }
});
