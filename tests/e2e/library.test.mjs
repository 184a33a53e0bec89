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

/**
 * A reader's page on the library (at `address`) of the corpus `body`,
 * served as both its index and its first screen, the app ready.
 */
async function libraryOf(t, body, { locale, address = '' }) {
  const session = await openPage(app.browser, { locale, serviceWorkers: 'block' });
  t.after(() => session.close());
  await session.page.route(/\/(corpus|first-screen)\.json$/, (route) => route.fulfill({ contentType: 'application/json', body }));
  await session.page.goto(app.server.url + address);
  await appReady(session.page);
  return session;
}

test('a long library comes 20 entries at a time, and "show more" takes the focus to the first new one', async (t) => {
  const { seed, essays } = longLibrary();
  for (const [locale, more, evenMore] of [
    ['fr-FR', 'Afficher 20 essais de plus (30 restants)', 'Afficher 10 essais de plus (10 restants)'],
    ['en-US', 'Show 20 more (30 left)', 'Show 10 more (10 left)'],
  ]) {
    const session = await libraryOf(t, JSON.stringify({ ...seed, essays }), { locale });
    const { page } = session;
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
    const session = await libraryOf(t, JSON.stringify({ ...seed, essays }), { locale, address: `${lang}/` });
    const { page } = session;
    assert.equal(await page.locator('.result-count').textContent(), count(1250));
    assert.equal(await page.getByRole('button', { name: more(1230) }).count(), 1);
    // The filter's count, seen and heard.
    const facet = page.locator('.facet-group.categories .facet', { has: page.locator('.facet-count', { hasText: group(lang, 1250) }) });
    assert.equal(await facet.count(), 1, `the ${category} filter counts 1250`);
    assert.equal((await facet.locator('.visually-hidden').textContent()).trim(), heard(1250));
    session.expectNoErrors();
  }
});

// A long list of tags, or of categories, folds to the 20 most used behind a
// button (library::fold_values): the same behaviour for both, each with its
// own button and state.
const LONG_LISTS = [
  {
    title: 'a library of many tags lists the most used and folds the others behind a button, which keeps the focus and holds across filters',
    kind: 'tags', key: 'tag', id: 't', count: 60, rare: 45, fold: 'fold-tags',
    languages: [
      ['fr-FR', 'Mot', 'Afficher les 40 autres mots-clés', 'Afficher moins de mots-clés'],
      ['en-US', 'Word', 'Show 40 more tags', 'Show fewer tags'],
    ],
  },
  {
    title: 'a library of many categories folds them as it folds tags, and the list stays as the reader left it across filters',
    kind: 'categories', key: 'category', id: 'c', count: 45, rare: 44, fold: 'fold-categories',
    languages: [
      ['fr-FR', 'Rubrique', 'Afficher les 25 autres catégories', 'Afficher moins de catégories'],
      ['en-US', 'Section', 'Show 25 more categories', 'Show fewer categories'],
    ],
  },
];

for (const { title, kind, key, id, count, rare, fold: foldClass, languages } of LONG_LISTS) {
  test(title, async (t) => {
    const { seed, essays } = longLibrary(30);
    // `count` values: the first 25 on 30…6 essays, the others on one essay
    // each (value 25 + i on essay i, modulo 30).
    const values = Array.from({ length: count }, (_, j) => ({ id: `${id}${j}`, label: { fr: `${languages[0][1]} ${j}`, en: `${languages[1][1]} ${j}` } }));
    const given = essays.map((essay, i) => ({
      ...essay,
      [kind]: values.map((v) => v.id).filter((_, j) => (j < 25 ? i < 30 - j : (j - 25) % 30 === i)),
    }));
    const body = JSON.stringify({ ...seed, taxonomy: { ...seed.taxonomy, [kind]: values }, essays: given });
    const range = (from, to) => Array.from({ length: to - from }, (_, j) => from + j);
    // The one essay with the rare value has the first values down to those
    // on more than its place.
    const withRare = [...range(0, Math.min(25, 30 - ((rare - 25) % 30))), rare];
    const facets = `.facet-group.${kind} .facet`;
    for (const [locale, word, more, fewer] of languages) {
      const session = await libraryOf(t, body, { locale });
      const { page } = session;
      const listed = () => texts(page, `.facet-group.${kind} .facet-label`);
      const named = (numbers) => numbers.map((j) => `${word} ${j}`);
      // Folded: the 20 most used, most first.
      assert.deepEqual(await listed(), named(range(0, 20)));
      const fold = page.locator(`.facet-group.${kind} .${foldClass}`);
      assert.equal(await fold.textContent(), more);
      assert.equal(await fold.getAttribute('aria-expanded'), 'false');
      // Unfolded from the keyboard: every value, the same 20 first, the
      // others after them in the taxonomy's order; the focus stays on the
      // button.
      await fold.focus();
      await page.keyboard.press('Enter');
      await page.locator(facets).nth(count - 1).waitFor();
      assert.deepEqual(await listed(), named(range(0, count)));
      assert.equal(await fold.getAttribute('aria-expanded'), 'true');
      assert.equal(await fold.textContent(), fewer);
      assert.equal(await page.evaluate(() => document.activeElement?.className), foldClass);
      // A rare value chosen: only the values its one essay has, the chosen
      // one among them. The others would keep nothing: unfolded or not,
      // they are not listed (in a taxonomy of thousands, a wall of
      // disabled buttons that took a second to draw), and with none left
      // to unfold there is no button.
      await page.locator(facets, { hasText: `${word} ${rare}` }).click();
      await page.waitForURL(new RegExp(`${key}=${id}${rare}`));
      await page.locator(`${facets}[aria-pressed="true"]`).waitFor();
      assert.deepEqual(await listed(), named(withRare));
      assert.equal(await fold.count(), 0);
      assert.equal(await page.locator('.essay-entry').count(), 1);
      // Taken off: every value again, the list still unfolded as the reader
      // left it; then folded again, the 20 most used.
      await page.locator('.chip button').click();
      await page.waitForURL((url) => !url.search.includes(`${key}=`));
      await page.locator(facets).nth(count - 1).waitFor();
      assert.deepEqual(await listed(), named(range(0, count)));
      assert.equal(await fold.textContent(), fewer);
      // The most used chosen, then the browser's back: the panel is drawn
      // again for each, and the focus left on its button stays there.
      await page.locator(facets).first().click();
      await page.waitForURL(new RegExp(`${key}=${id}0(&|$)`));
      await fold.focus();
      await page.goBack();
      await page.waitForURL((url) => !url.search.includes(`${key}=`));
      await page.waitForFunction(() => !document.querySelector('#filters .facet[aria-pressed="true"]'));
      await page.waitForFunction((c) => document.activeElement?.className === c, foldClass);
      assert.equal(await fold.textContent(), fewer);
      await fold.click();
      await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 20, facets);
      assert.deepEqual(await listed(), named(range(0, 20)));
      assert.equal(await fold.textContent(), more);
      session.expectNoErrors();
    }
  });
}

test('a long list of tags has a field that finds a tag by name, case and accents aside, and holds what it found across a choice', async (t) => {
  const { seed, essays } = longLibrary(30);
  // 50 tags "Mot j"/"Word j" on fewer and fewer essays, and three whose
  // names the reader will look for (one written with a combining accent).
  const tags = [
    ...Array.from({ length: 50 }, (_, j) => ({ id: `t${j}`, label: { fr: `Mot ${j}`, en: `Word ${j}` } })),
    { id: 'economie', label: { fr: 'Économie réelle', en: 'Real economy' } },
    { id: 'ecologie', label: { fr: 'E\u0301cologie', en: 'Ecology' } },
    { id: 'autonomie', label: { fr: 'Autonomie', en: 'Autonomy' } },
  ];
  const tagged = essays.map((essay, i) => ({
    ...essay,
    tags: [
      ...tags.slice(0, 50).map((tag) => tag.id).filter((_, j) => i < 30 - (j % 30)),
      ...(i < 3 ? ['economie'] : []),
      ...(i < 2 ? ['ecologie', 'autonomie'] : []),
    ],
  }));
  const body = JSON.stringify({ ...seed, taxonomy: { ...seed.taxonomy, tags }, essays: tagged });
  for (const [locale, group, field, typed, found, status, many, manyStatus, none] of [
    ['fr-FR', 'Mots-clés', 'Trouver un mot-clé', 'ÉCO', ['Économie réelle', 'E\u0301cologie'], '2 mots-clés correspondent',
      'mot', '20 des 50 mots-clés qui correspondent : précisez le nom', 'Aucun mot-clé ne correspond'],
    ['en-US', 'Tags', 'Find a tag', 'ECO', ['Real economy', 'Ecology'], '2 tags match',
      'word', '20 of 50 matching tags shown: type more of the name', 'No tag matches'],
  ]) {
    const session = await libraryOf(t, body, { locale });
    const { page } = session;
    const listed = () => texts(page, '.facet-group.tags .facet-label');
    const fold = page.locator('.facet-group.tags .fold-tags');
    const statusLine = page.locator('.facet-group.tags .found-tags');
    // The tags are a group named as a legend would name it; in the app no
    // control of the panel belongs to its form, and no fieldset holds them
    // (Chromium then took seconds to draw thousands of tags:
    // docs/performance.md, "Many tags, continued").
    const tagGroup = page.getByRole('group', { name: group, exact: true });
    assert.equal(await tagGroup.count(), 1);
    assert.equal(await page.locator('#filters fieldset').count(), 0);
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#filters .facet, #find-tag')].filter((el) => el.form).length), 0);
    const findField = tagGroup.getByLabel(field);
    assert.equal(await findField.isEnabled(), true);
    // Typed in capitals, accented or not: the names that hold it, those
    // where it starts a word, the most used first; the list folded away.
    await findField.focus();
    await page.keyboard.type(typed);
    await page.waitForFunction((n) => document.querySelectorAll('.facet-group.tags .facet').length === n, found.length);
    assert.deepEqual(await listed(), found);
    assert.equal(await statusLine.getAttribute('role'), 'status');
    assert.equal(await statusLine.textContent(), status);
    assert.equal(await fold.isVisible(), false);
    // Enter in the field chooses nothing (it would send the panel's form
    // by its first button, a category).
    const before = page.url();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(page.url(), before);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'find-tag');
    // A found tag chosen from the keyboard: the panel, redrawn, keeps the
    // field's text, the tags found, and the focus on the tag chosen.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/tag=economie/);
    await page.locator('.facet-group.tags .facet[aria-pressed="true"]').waitFor();
    assert.equal(await findField.inputValue(), typed);
    assert.deepEqual(await listed(), found);
    await page.waitForFunction(() => document.activeElement?.getAttribute('value') === 'economie');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed')), 'true');
    // Back in the field, typing on: a beginning many names share lists the
    // 20 most used and says how many more there are.
    await findField.fill(many);
    await page.waitForFunction((text) => document.querySelector('.found-tags')?.textContent === text, manyStatus);
    assert.equal((await listed()).length, 20);
    await findField.fill('xyz');
    await page.waitForFunction((text) => document.querySelector('.found-tags')?.textContent === text, none);
    assert.equal((await listed()).length, 0);
    // Emptied: the folded list and its button again.
    await findField.fill('');
    await fold.waitFor();
    assert.equal((await listed()).length, 21, 'the 20 most used and the chosen tag');
    assert.equal(await statusLine.textContent(), '');
    session.expectNoErrors();
  }
});

test('a filter chosen or removed from the keyboard keeps the focus where the reader was', async (t) => {
  for (const [locale, heading] of [['fr-FR', 'Tous les essais'], ['en-US', 'All essays']]) {
    const session = await openPage(app.browser, { locale, serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    await page.goto(app.server.url);
    await appReady(page);
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName, name: el?.getAttribute('name'), value: el?.getAttribute('value'), pressed: el?.getAttribute('aria-pressed'), chip: !!el?.closest('.chip'), text: el?.textContent };
    });
    const waitFocused = (check) => page.waitForFunction(check, null, { timeout: 5000 });
    // A category chosen, then unchosen, with Enter: the focus stays on its
    // button, redrawn pressed, then not.
    const category = page.locator('.facet-group.categories .facet').first();
    const value = await category.getAttribute('value');
    await category.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`category=${value}`));
    await waitFocused(() => document.activeElement?.getAttribute('aria-pressed') === 'true');
    assert.deepEqual(await focused(), { ...(await focused()), tag: 'BUTTON', name: 'category', value, pressed: 'true' });
    await page.keyboard.press('Space');
    await page.waitForURL((url) => !url.search.includes('category='));
    await waitFocused(() => document.activeElement?.getAttribute('aria-pressed') === 'false');
    assert.equal((await focused()).value, value);
    // Tab goes on from there, to the next value, not from the page's top.
    await page.keyboard.press('Tab');
    assert.equal((await focused()).name, 'category');
    assert.notEqual((await focused()).value, value);
    // Two values chosen, then their chips removed one by one: the focus goes
    // to the chip now in the removed one's place, then to the heading.
    await page.keyboard.press('Enter');
    await waitFocused(() => document.activeElement?.getAttribute('aria-pressed') === 'true');
    await page.locator('.facet-group.languages .facet').focus();
    await page.keyboard.press('Enter');
    await page.locator('.chip').nth(1).waitFor();
    await page.locator('.chip button').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.chip').length === 1);
    await waitFocused(() => !!document.activeElement?.closest('.chip'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('.chip'));
    await waitFocused(() => document.activeElement?.tagName === 'H1');
    assert.equal((await focused()).text, heading);
    // "Clear all" gone with the chips: the heading too.
    await page.locator('.facet-group.categories .facet').first().click();
    await page.locator('.clear-all').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('.chip'));
    await waitFocused(() => document.activeElement?.tagName === 'H1');
    // On a phone the panel folds behind its button once a value is chosen:
    // the focus goes to that button, not to the page's top.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.filters-toggle').click();
    await page.locator('.facet-group.categories .facet').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`category=${value}`));
    await waitFocused(() => document.activeElement?.classList.contains('filters-toggle'));
    assert.equal(await page.locator('.filters-toggle').getAttribute('aria-expanded'), 'false');
    session.expectNoErrors();
  }
});

test('a change draws the entries on screen first and the rest next: the entries shown stay, the reader keeps their place, none is left stale', async (t) => {
  const { seed, essays } = longLibrary();
  const session = await libraryOf(t, JSON.stringify({ ...seed, essays }), { locale: 'en-US' });
  const { page } = session;
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
