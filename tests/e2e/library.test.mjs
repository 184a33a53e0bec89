// The library as a reader first meets it: served as static files, in their
// browser's language, with a toggle for the other one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { distDir, openPage, texts, useApp, appReady } from './harness.mjs';

const app = useApp();

const FRENCH_TITLES = [
  'Franchir le mur de la réalité (social business style)',
  'Le business modèle brisé du business',
  'The Stopcock and the New Economy',
];
const ENGLISH_TITLES = [
  'Breaking the reality barrier (social business style)',
  'The Broken Business Model of Business',
  'The Stopcock and the New Economy',
];

test('a French browser sees the library in French, with all essays in blog order', async () => {
  const { page, expectNoErrors, close } = await openPage(app.browser, { locale: 'fr-FR' });
  await page.goto(app.server.url);
  await appReady(page);
  assert.deepEqual(await texts(page, '.essay-title'), FRENCH_TITLES);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.locator('h1').textContent(), 'Tous les essais');
  // The English-only essay is listed in English, with a badge saying so.
  const stopcock = page.locator('.essay-entry', { hasText: 'The Stopcock' });
  assert.equal(await stopcock.locator('.only-in').textContent(), 'en anglais seulement');
  assert.equal(await stopcock.locator('.essay-title').getAttribute('lang'), 'en');
  assert.deepEqual(await texts(page, '.essay-entry:first-child .taxonomy .category'), ['Vécu', 'Vu, lu ou entendu']);
  // The bare address became the French library's.
  assert.equal(new URL(page.url()).pathname, '/fr/');
  expectNoErrors();
  await close();
});

test('the language toggle switches interface and essays, and is remembered', async () => {
  const { page, expectNoErrors, close } = await openPage(app.browser, { locale: 'fr-FR' });
  await page.goto(app.server.url);
  await appReady(page);

  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'All essays' }).waitFor();
  assert.deepEqual(await texts(page, '.essay-title'), ENGLISH_TITLES);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.getByRole('link', { name: 'English' }).getAttribute('aria-current'), 'true');
  assert.equal(await page.locator('.only-in').count(), 0);
  assert.match(await page.title(), /Essays in French and English/);

  assert.equal(new URL(page.url()).pathname, '/en/');
  // A French browser that chose English gets English on its next visit.
  await page.goto(app.server.url);
  await appReady(page);
  assert.deepEqual(await texts(page, '.essay-title'), ENGLISH_TITLES);
  expectNoErrors();
  await close();
});

test('an English browser starts in English', async () => {
  const { page, expectNoErrors, close } = await openPage(app.browser, { locale: 'en-GB' });
  await page.goto(app.server.url);
  await appReady(page);
  assert.deepEqual(await texts(page, '.essay-title'), ENGLISH_TITLES);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  expectNoErrors();
  await close();
});

/** `length` essays (50 unless said): the seed's English essay, under as many names, all pointing at its real body. */
function longLibrary(length = 50) {
  const seed = JSON.parse(fs.readFileSync(path.join(distDir, 'corpus.json'), 'utf8'));
  const stopcock = seed.essays.find((e) => e.slug === 'the-stopcock-and-the-new-economy');
  const essays = Array.from({ length }, (_, i) => ({
    ...stopcock,
    slug: `essay-${i + 1}`,
    translation_key: `essay-${i + 1}`,
    title: `Essay number ${i + 1}`,
    position: i + 1,
  }));
  return { seed, essays };
}

test('a long library comes 20 entries at a time, and "show more" takes the focus to the first new one', async (t) => {
  const { seed, essays } = longLibrary();
  for (const [locale, more, evenMore] of [
    ['fr-FR', 'Afficher 20 essais de plus (30 restants)', 'Afficher 10 essais de plus (10 restants)'],
    ['en-US', 'Show 20 more (30 left)', 'Show 10 more (10 left)'],
  ]) {
    const session = await openPage(app.browser, { locale, serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    await page.route(/\/(corpus|first-screen)\.json$/, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...seed, essays }) }));
    await page.goto(app.server.url);
    await appReady(page);
    assert.equal(await page.locator('.essay-entry').count(), 20);
    assert.match(await page.locator('.result-count').textContent(), /^50 essa/);
    await page.getByRole('button', { name: more }).click();
    // The entries on screen come in the click's frame, the others in the
    // next (components/essay_list.rs); the ones shown before stay.
    await page.waitForFunction(() => document.querySelectorAll('.essay-entry').length === 40);
    await page.waitForFunction(() => document.activeElement?.textContent === 'Essay number 21');
    // Every entry shown is in the browser's accessibility tree, its link
    // named, for a screen reader's list of links, however far from the
    // screen (`content-visibility: auto` on entries left those out).
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const links = new Set(nodes.filter((n) => !n.ignored && n.role?.value === 'link').map((n) => n.name?.value));
    const missing = Array.from({ length: 40 }, (_, i) => `Essay number ${i + 1}`).filter((name) => !links.has(name));
    assert.deepEqual(missing, [], 'entries missing from the accessibility tree');
    await page.keyboard.press('Enter');
    await page.locator('article.essay h1').waitFor();
    assert.equal(await page.locator('article.essay h1').textContent(), 'Essay number 21');
    await page.goBack();
    await page.locator('.essay-title').first().waitFor();
    // A filter starts the list again from the top.
    await page.getByRole('button', { name: more }).click();
    await page.waitForFunction(() => document.querySelectorAll('.essay-entry').length === 40);
    await page.locator('.facet').first().click();
    await page.locator('.chip').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.essay-entry').length === 20);
    assert.equal(await page.getByRole('button', { name: evenMore }).count(), 0);
    assert.equal(await page.getByRole('button', { name: more }).count(), 1);
    session.expectNoErrors();
  }
});

test('a large library’s counts are grouped in threes, as each language writes them', async (t) => {
  const { seed, essays } = longLibrary(1250);
  const category = essays[0].categories[0];
  // French groups with a narrow no-break space (as Intl.NumberFormat does), English with a comma.
  const group = (lang, n) => new Intl.NumberFormat(lang).format(n);
  assert.equal(group('fr', 1250), '1\u202f250');
  for (const [locale, lang, count, more, heard] of [
    ['fr-FR', 'fr', (n) => `${group('fr', n)} essais`, (n) => `Afficher 20 essais de plus (${group('fr', n)} restants)`, (n) => `(${group('fr', n)} essais)`],
    ['en-US', 'en', (n) => `${group('en', n)} essays`, (n) => `Show 20 more (${group('en', n)} left)`, (n) => `(${group('en', n)} essays)`],
  ]) {
    const session = await openPage(app.browser, { locale, serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    await page.route(/\/(corpus|first-screen)\.json$/, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...seed, essays }) }));
    await page.goto(`${app.server.url}${lang}/`);
    await appReady(page);
    assert.equal(await page.locator('.result-count').textContent(), count(1250));
    assert.equal(await page.getByRole('button', { name: more(1230) }).count(), 1);
    // The filter's count, seen and heard.
    const facet = page.locator('.facet-group.categories .facet', { has: page.locator('.facet-count', { hasText: group(lang, 1250) }) });
    assert.equal(await facet.count(), 1, `the ${category} filter counts 1250`);
    assert.equal((await facet.locator('.visually-hidden').textContent()).trim(), heard(1250));
    session.expectNoErrors();
  }
});

test('a library of many tags lists the most used and folds the others behind a button, which keeps the focus and holds across filters', async (t) => {
  const { seed, essays } = longLibrary(30);
  // 60 tags: t0…t24 on 30…6 essays, t25…t59 on one essay each.
  const TAGS = 60;
  const tags = Array.from({ length: TAGS }, (_, j) => ({ id: `t${j}`, label: { fr: `Mot ${j}`, en: `Word ${j}` } }));
  const tagged = essays.map((essay, i) => ({
    ...essay,
    tags: tags.map((tag) => tag.id).filter((id, j) => (j < 25 ? i < 30 - j : (j - 25) % 30 === i)),
  }));
  const body = JSON.stringify({ ...seed, taxonomy: { ...seed.taxonomy, tags }, essays: tagged });
  const range = (from, to) => Array.from({ length: to - from }, (_, j) => from + j);
  for (const [locale, word, more, fewer] of [
    ['fr-FR', 'Mot', 'Afficher les 40 autres mots-clés', 'Afficher moins de mots-clés'],
    ['en-US', 'Word', 'Show 40 more tags', 'Show fewer tags'],
  ]) {
    const session = await openPage(app.browser, { locale, serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    await page.route(/\/(corpus|first-screen)\.json$/, (route) => route.fulfill({ contentType: 'application/json', body }));
    await page.goto(app.server.url);
    await appReady(page);
    const listed = () => texts(page, '.facet-group.tags .facet-label');
    const named = (numbers) => numbers.map((j) => `${word} ${j}`);
    // Folded: the 20 most used, most first.
    assert.deepEqual(await listed(), named(range(0, 20)));
    const fold = page.locator('.facet-group.tags .fold-tags');
    assert.equal(await fold.textContent(), more);
    assert.equal(await fold.getAttribute('aria-expanded'), 'false');
    // Unfolded from the keyboard: every tag, the same 20 first, the others
    // after them in the taxonomy's order; the focus stays on the button.
    await fold.focus();
    await page.keyboard.press('Enter');
    await page.locator('.facet-group.tags .facet').nth(TAGS - 1).waitFor();
    assert.deepEqual(await listed(), named([...range(0, 20), ...range(20, TAGS)]));
    assert.equal(await fold.getAttribute('aria-expanded'), 'true');
    assert.equal(await fold.textContent(), fewer);
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'fold-tags');
    // A rare tag chosen: the panel, redrawn for it, stays unfolded.
    await page.locator('.facet-group.tags .facet', { hasText: `${word} 45` }).click();
    await page.waitForURL(/tag=t45/);
    await page.locator('.facet-group.tags .facet[aria-pressed="true"]').waitFor();
    assert.equal(await page.locator('.facet-group.tags .facet').count(), TAGS);
    // Folded again: only the tags its one essay has (t0…t9 beside t45), the
    // chosen one among them; those that would keep nothing are not listed.
    await fold.click();
    await page.waitForFunction(() => document.querySelectorAll('.facet-group.tags .facet').length < 20);
    assert.deepEqual(await listed(), named([...range(0, 10), 45]));
    assert.equal(await fold.textContent(), more.replace('40', '49'));
    session.expectNoErrors();
  }
});

test('a change draws the entries on screen first and the rest next: the entries shown stay, the reader keeps their place, none is left stale', async (t) => {
  const { seed, essays } = longLibrary();
  const session = await openPage(app.browser, { locale: 'en-US', serviceWorkers: 'block' });
  t.after(() => session.close());
  const { page } = session;
  await page.route(/\/(corpus|first-screen)\.json$/, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...seed, essays }) }));
  await page.goto(app.server.url);
  await appReady(page);
  const titles = (n) => Array.from({ length: n }, (_, i) => `Essay number ${i + 1}`);
  // "Show more" adds entries: those shown are the same elements, not drawn again.
  await page.evaluate(() => { document.querySelector('.essay-entry').keptAcrossShowMore = true; });
  await page.getByRole('button', { name: 'Show 20 more (30 left)' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.essay-entry').length === 40);
  assert.equal(await page.evaluate(() => document.querySelector('.essay-entry').keptAcrossShowMore), true);
  // Far down the list, the language toggled both ways: every entry ends in
  // the new language, in order, once, and the page has not moved in any
  // frame (the entries on screen and a margin come first: had fewer come,
  // the page, shorter for a frame, would have pulled the reader up).
  await page.evaluate(() => document.querySelectorAll('.essay-entry')[30].scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(100);
  const scrolled = await page.evaluate(() => scrollY);
  assert.ok(scrolled > 2000, `${scrolled}`);
  // (An English essay carries a badge in French, none in English.)
  for (const [to, badges] of [['Français', 40], ['English', 0]]) {
    // The scroll position of each of the frames that follow the click.
    await page.evaluate(() => {
      window.scrollEachFrame = [];
      addEventListener('click', () => {
        const frame = () => {
          window.scrollEachFrame.push(scrollY);
          if (window.scrollEachFrame.length < 10) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }, { capture: true, once: true });
    });
    await page.locator('.site-header').getByRole('link', { name: to }).click();
    await page.waitForFunction((badges) => {
      const shown = [...document.querySelectorAll('.essay-entry .only-in')];
      return document.querySelectorAll('.essay-entry').length === 40 && shown.length === badges
        && shown.every((b) => b.textContent === 'en anglais seulement');
    }, badges);
    assert.deepEqual(await texts(page, '.essay-title'), titles(40));
    await page.waitForFunction(() => window.scrollEachFrame.length === 10);
    assert.deepEqual(await page.evaluate(() => window.scrollEachFrame), Array(10).fill(scrolled), `the reader's place, frame by frame, after switching to ${to}`);
  }
  session.expectNoErrors();
});
