// Sentence-level reading: side by side each sentence lights its counterpart
// (hover, tap, keyboard); in the single view each paragraph reveals its
// translation under it, remembered per essay and printed; a search hit in a
// translated essay shows the passage facing it. French and English, desktop
// and phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, openThenGoOffline, updateDistDir, useApp } from './harness.mjs';

const app = useApp();
const edited = useApp(updateDistDir);

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PAIRS = [
  ['fr-FR', 'fr/le-business-modele-brise-du-business/'],
  ['en-US', 'en/the-broken-business-model-of-business/'],
];

/** The pair numbers of the lit sentences of the row holding `#p<n>`, by cell. */
function lit(page, n) {
  return page.locator(`#p${n}`).evaluate((block) => {
    const row = block.closest('.pair');
    const pairs = (cell) => [...row.querySelectorAll(`${cell} .sentence.lit`)].map((s) => s.dataset.pair);
    return { primary: pairs('.primary'), other: pairs('.other') };
  });
}

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  for (const [locale, address] of PAIRS) {
    test(`side by side, a sentence lights its counterpart and only it (${locale}, ${name})`, async () => {
      const { page, expectNoErrors, close } = await app.visit(address + '?view=side-by-side', { locale, viewport });
      const sentences = page.locator('#p4 .sentence');
      assert.ok(await sentences.count() >= 3, 'paragraph 4 is drawn sentence by sentence');
      // Hover on a desktop, tap (a click) on a phone.
      const second = sentences.nth(1);
      if (name === 'desktop') await second.hover();
      else await second.click();
      const pair = await second.getAttribute('data-pair');
      const got = await lit(page, 4);
      assert.ok(got.other.length >= 1, 'the counterpart lights');
      assert.ok(got.other.every((p) => p === pair), `only pair ${pair} lights: ${JSON.stringify(got)}`);
      assert.ok(got.primary.every((p) => p === pair));
      // A sentence of another pair does not light, and looks it.
      const row = page.locator('#p4').locator('xpath=ancestor::div[contains(@class,"pair")][1]');
      const litOne = row.locator(`.other .sentence[data-pair="${pair}"]`).first();
      const unlit = row.locator(`.other .sentence:not([data-pair="${pair}"])`).first();
      const background = (l) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.notEqual(await background(litOne), await background(unlit));
      assert.equal(await unlit.evaluate((el) => el.classList.contains('lit')), false);
      expectNoErrors();
      await close();
    });
  }
}

test('side by side, the arrow keys go sentence by sentence and the counterpart follows', async () => {
  for (const [locale, address] of PAIRS) {
    const { page, expectNoErrors, close } = await app.visit(address + '?view=side-by-side', { locale, viewport: DESKTOP });
    const cell = page.locator('#p4').locator('xpath=ancestor::div[contains(@class,"cell")][1]');
    await cell.focus();
    // Which of the cell's sentences has the focus, and its pair.
    const active = () => page.evaluate(() => {
      const el = document.activeElement;
      const all = [...el.closest('.cell').querySelectorAll('.sentence')];
      return { index: all.indexOf(el), pair: el.dataset.pair };
    });
    for (const [key, index] of [['ArrowRight', 0], ['ArrowRight', 1], ['ArrowRight', 2], ['ArrowLeft', 1]]) {
      await page.keyboard.press(key);
      const now = await active();
      assert.equal(now.index, index, `${key} → sentence ${index + 1}`);
      const got = await lit(page, 4);
      assert.ok(got.other.length >= 1 && got.other.every((p) => p === now.pair), `${JSON.stringify(now)} ${JSON.stringify(got)}`);
    }
    // The cell says how, to screen readers.
    const hint = await cell.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')).textContent);
    assert.equal(hint, locale === 'fr-FR' ? 'Flèches gauche et droite : phrase par phrase' : 'Left and right arrows: sentence by sentence');
    expectNoErrors();
    await close();
  }
});

test('a sentence the translator added lights nothing and says so on focus', async () => {
  // The update deployment's English business essay has one more sentence in
  // paragraph 4 (scripts/setup.sh).
  for (const [locale, address, says] of [
    ['en-US', 'en/the-broken-business-model-of-business/', 'This sentence has no counterpart in the other language'],
    ['fr-FR', 'fr/le-business-modele-brise-du-business/', 'Cette phrase n’a pas d’équivalent dans l’autre langue'],
  ]) {
    const { page, expectNoErrors, close } = await edited.visit(address + '?view=side-by-side', { locale, viewport: DESKTOP });
    const alone = page.locator('.sentence.alone', { hasText: 'A word from the translator' });
    await alone.click();
    assert.equal(await alone.evaluate((el) => el === document.activeElement), true);
    assert.equal(await page.locator('.sentence.lit').count(), 0, 'nothing lights');
    assert.equal(await alone.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')).textContent), says);
    assert.ok((await alone.evaluate((el) => getComputedStyle(el, '::after').content)).includes(says), 'and shows it');
    expectNoErrors();
    await close();
  }
});

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`the single view reveals a paragraph's translation under it, remembered, all at once, printed (${name})`, async () => {
    for (const [locale, address, show, hide, showAll, hideAll, code, lang, opening] of [
      ['fr-FR', 'fr/le-business-modele-brise-du-business/', 'Afficher la traduction EN', 'Masquer la traduction EN', 'Afficher les traductions', 'Masquer les traductions', 'EN', 'en', 'Every day, we can see new evidences'],
      ['en-US', 'en/the-broken-business-model-of-business/', 'Show translation FR', 'Hide translation FR', 'Show translations', 'Hide translations', 'FR', 'fr', 'Jour après jour'],
    ]) {
      const { page, expectNoErrors, close } = await app.visit(address, { locale, viewport });
      const reveal = page.getByRole('button', { name: show, exact: true }).first();
      assert.equal(await reveal.locator('.reveal-code').textContent(), code, 'the button shows the language code');
      assert.equal(await reveal.getAttribute('aria-expanded'), 'false');
      await reveal.click();
      const first = page.locator('#t1');
      // The translation's text, not the status shown while it is fetched.
      await first.locator('p:not(.status)').first().waitFor();
      assert.equal(await first.getAttribute('lang'), lang);
      assert.match(await first.textContent(), new RegExp(`^${opening}`));
      assert.equal(await page.locator('#t1').locator('xpath=..').locator('.reveal').getAttribute('aria-expanded'), 'true');
      await page.getByRole('button', { name: hide, exact: true }).first().waitFor();
      // Still open when the reader comes back.
      await page.reload();
      await page.locator('#t1 p').waitFor();
      assert.equal(await page.locator('.revealed:not(:empty)').count(), 1);
      // The whole essay at once.
      await page.getByRole('button', { name: showAll }).click();
      const buttons = await page.locator('.reveal').count();
      await page.waitForFunction((n) => document.querySelectorAll('.revealed p, .revealed h2, .revealed blockquote').length >= n, buttons);
      assert.equal(await page.getByRole('button', { name: hideAll }).getAttribute('aria-pressed'), 'true');
      // Printed: the translations, not the controls.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.reveal').first().isVisible(), false);
      assert.equal(await page.locator('#t1 p').isVisible(), true);
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: hideAll }).click();
      assert.equal(await page.locator('.revealed:not(:empty)').count(), 0);
      expectNoErrors();
      await close();
    }
  });

  test(`a search hit in a translated essay shows the passage facing it, both opening the essay there (${name})`, async () => {
    for (const [locale, address, query, label, counterpartLang, opening, target] of [
      ['fr-FR', 'fr/', 'rotules', 'En regard, en anglais', 'en', 'You may perhaps call me an idealist', '/en/breaking-the-reality-barrier/#p5'],
      ['en-US', 'en/', 'kneecaps', 'Facing it, in French', 'fr', 'Vous me traiterez peut-être', '/fr/franchir-le-mur-de-la-realite/#p5'],
    ]) {
      const { page, expectNoErrors, close } = await app.visit(address, { locale, viewport });
      await page.getByRole('searchbox').fill(query);
      const hit = page.locator('.search-hit').first();
      await hit.locator('.counterpart').waitFor();
      assert.equal(await hit.locator('.counterpart-label').textContent(), label);
      const counterpart = hit.locator('.counterpart-text');
      assert.equal(await counterpart.getAttribute('lang'), counterpartLang);
      assert.match(await counterpart.textContent(), new RegExp(`^${opening}`));
      assert.ok((await counterpart.getAttribute('href')).endsWith(target), await counterpart.getAttribute('href'));
      assert.match(await hit.locator('h2 a').getAttribute('href'), /#p5$/, 'the hit opens its essay there');
      await counterpart.click();
      await page.waitForURL(`**${target}`);
      await page.locator('#p5').waitFor();
      assert.match(await page.locator('#p5').textContent(), new RegExp(`^${opening}`));
      expectNoErrors();
      await close();
    }
  });
}

test('offline, the translations at hand, the sentence pairs and the paired search hits still work', async (t) => {
  const session = await openPage(app.browser, { locale: 'fr-FR', viewport: DESKTOP });
  t.after(() => session.close());
  const { page, context } = session;
  await openThenGoOffline(page, context, app.server.url + 'fr/');
  // A paired search hit.
  await page.reload();
  await page.getByRole('searchbox').fill('rotules');
  await page.locator('.search-hit .counterpart-text').waitFor();
  // The translation at hand, opened from there.
  await page.goto(app.server.url + 'fr/le-business-modele-brise-du-business/');
  await page.getByRole('button', { name: 'Afficher la traduction EN', exact: true }).first().click();
  await page.locator('#t1 p').waitFor();
  // A sentence and its counterpart.
  await page.goto(app.server.url + 'fr/le-business-modele-brise-du-business/?view=side-by-side');
  await page.locator('#p4 .sentence').first().hover();
  assert.ok((await lit(page, 4)).other.length >= 1);
  session.expectNoErrors();
});
