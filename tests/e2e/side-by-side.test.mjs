// Side-by-side reading: aligned rows that cannot drift, highlighting of
// counterparts, swap, deep links, kept position, the phone layout, print.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, openPage, useApp } from './harness.mjs';

const app = useApp();

const visit = (address, options) => app.visit(address, options);

const FR_PAIR = 'fr/le-business-modele-brise-du-business/';
const EN_PAIR = 'en/the-broken-business-model-of-business/';

/** The top and left of the first block of each cell of every aligned row. */
function rowGeometry(page) {
  return page.$$eval('.parallel .pair:not(.column-heads)', (rows) =>
    rows.map((row) => {
      const box = (selector) => {
        const block = row.querySelector(`${selector} > [id]`);
        if (!block) return null;
        const r = block.getBoundingClientRect();
        return { top: Math.round(r.top), left: Math.round(r.left), lang: block.closest('.cell').lang };
      };
      return { primary: box('.primary'), other: box('.other') };
    }));
}

/** Whether block `id` sits at the top of the screen, just below the sticky header. */
function atTop(page, id) {
  return page.waitForFunction((id) => {
    const rect = document.getElementById(id)?.getBoundingClientRect();
    const header = document.querySelector('.site-header').getBoundingClientRect();
    return rect && Math.abs(rect.top - header.bottom) < 60;
  }, id);
}

test('each block and its translation start at the same height, reading language on the left', async () => {
  for (const [address, left, right] of [[FR_PAIR, 'fr', 'en'], [EN_PAIR, 'en', 'fr']]) {
    const { page, expectNoErrors, close } = await visit(address);
    await page.locator('.view-controls button', { hasText: left === 'fr' ? 'Côte à côte' : 'Side by side' }).click();
    await page.locator('.parallel').waitFor();
    assert.match(page.url(), /\?view=side-by-side$/);
    const rows = await rowGeometry(page);
    assert.equal(rows.length, 15, 'the seed pair aligns one to one');
    for (const [i, row] of rows.entries()) {
      assert.ok(row.primary && row.other, `row ${i + 1} has both sides`);
      assert.equal(row.primary.top, row.other.top, `row ${i + 1} starts at one height`);
      assert.ok(row.primary.left < row.other.left, `row ${i + 1}: the reading language is on the left`);
      assert.deepEqual([row.primary.lang, row.other.lang], [left, right]);
    }
    expectNoErrors();
    await close();
  }
});

test('hovering or focusing a block highlights its counterpart', async () => {
  const { page, expectNoErrors, close } = await visit(FR_PAIR + '?view=side-by-side');
  const row = page.locator('.parallel .pair:not(.column-heads)').nth(2);
  const background = (cell) => row.locator(cell).evaluate((el) => getComputedStyle(el).backgroundColor);
  const plain = await background('.other');
  await row.locator('.primary').hover();
  const hovered = await background('.other');
  assert.notEqual(hovered, plain, 'the counterpart lights up under the mouse');

  await page.mouse.move(0, 0);
  await page.locator('.site-title').focus();
  assert.equal(await background('.other'), plain);
  // Keyboard: tab from the view controls (in the header) into the rows.
  await page.locator('.view-controls button[aria-pressed="true"]').focus();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await row.locator('.primary').evaluate((el) => el === document.activeElement);
  }
  assert.ok(reached, 'the block is reachable with Tab');
  assert.notEqual(await background('.other'), plain, 'the counterpart lights up on focus');
  expectNoErrors();
  await close();
});

test('swap puts the reading language on the right, and is in the URL', async () => {
  const { page, expectNoErrors, close } = await visit(EN_PAIR + '?view=side-by-side');
  await page.getByRole('button', { name: 'Swap sides' }).click();
  await page.waitForURL('**/en/the-broken-business-model-of-business/?view=side-by-side&sides=swapped');
  await page.locator('.pair.swapped').first().waitFor();
  const [first] = await rowGeometry(page);
  assert.ok(first.primary.left > first.other.left, 'English now on the right');
  assert.equal(first.primary.top, first.other.top);
  assert.equal(await page.getByRole('button', { name: 'Swap sides' }).getAttribute('aria-pressed'), 'true');
  // The language switch keeps the view and its sides.
  await page.getByRole('link', { name: 'Français' }).click();
  await page.waitForURL('**/fr/le-business-modele-brise-du-business/?view=side-by-side&sides=swapped');
  await page.locator('.pair.swapped .primary[lang="fr"]').first().waitFor();
  expectNoErrors();
  await close();
});

test('a deep link opens the side-by-side view at its paragraph', async () => {
  const { page, expectNoErrors, close } = await visit(FR_PAIR + '?view=side-by-side#p11');
  await page.locator('.parallel').waitFor();
  await atTop(page, 'p11');
  assert.equal(await page.locator('#p11').evaluate((el) => el.closest('.cell').classList.contains('primary')), true);
  expectNoErrors();
  await close();
});

test('switching between single and side by side keeps the reader’s place', async () => {
  for (const [address, sideBySide, single, target] of [[FR_PAIR, 'Côte à côte', 'Un seul texte', 12], [EN_PAIR, 'Side by side', 'Single text', 9]]) {
    const { page, expectNoErrors, close } = await visit(address);
    const scrollTo = (id) => page.locator(`#${id}`).evaluate((el) => {
      const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - header);
    });
    await scrollTo(`p${target}`);
    await page.getByRole('button', { name: sideBySide }).click();
    await page.waitForURL(`**?view=side-by-side#p${target}`);
    await page.locator('.parallel').waitFor();
    await atTop(page, `p${target}`);

    await page.getByRole('button', { name: single }).click();
    await page.waitForURL(new RegExp(`/#p${target}$`));
    await page.locator('.parallel').waitFor({ state: 'detached' });
    await atTop(page, `p${target}`);
    expectNoErrors();
    await close();
  }
});

test('switching language side by side keeps the paragraph, by alignment', async () => {
  const { page, expectNoErrors, close } = await visit(EN_PAIR + '?view=side-by-side');
  await page.locator('#p13').evaluate((el) => {
    const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - header);
  });
  await page.getByRole('link', { name: 'Français' }).click();
  await page.waitForURL('**/fr/le-business-modele-brise-du-business/?view=side-by-side#p13');
  await atTop(page, 'p13');
  expectNoErrors();
  await close();
});

test('on a phone each block is followed by its translation, which can be hidden', async () => {
  for (const [locale, address, hideOne, showOne, hideAll, showAll] of [
    ['fr-FR', FR_PAIR, 'Masquer la traduction', 'Afficher la traduction', 'Masquer les traductions', 'Afficher les traductions'],
    ['en-US', EN_PAIR, 'Hide translation', 'Show translation', 'Hide translations', 'Show translations'],
  ]) {
    const session = await openPage(app.browser, { locale, viewport: { width: 390, height: 800 } });
    const { page } = session;
    await page.goto(app.server.url + address + '?view=side-by-side');
    // The served page is side by side too: wait for the app's own.
    await appReady(page);
    await page.locator('.parallel').waitFor();
    const [first] = await rowGeometry(page);
    assert.ok(first.other.top > first.primary.top, 'the translation follows its block');
    assert.ok(Math.abs(first.other.left - first.primary.left) < 40, 'in one column');
    const row = page.locator('.parallel .pair:not(.column-heads)').first();
    assert.equal(await row.locator('.other').isVisible(), true);

    await row.getByRole('button', { name: hideOne }).click();
    assert.equal(await row.locator('.other').isVisible(), false);
    assert.equal(await page.locator('.parallel .pair:not(.column-heads)').nth(1).locator('.other').isVisible(), true);
    await row.getByRole('button', { name: showOne }).click();
    assert.equal(await row.locator('.other').isVisible(), true);

    await page.getByRole('button', { name: hideAll }).click();
    assert.equal(await page.locator('.parallel .other:visible').count(), 0);
    await page.getByRole('button', { name: showAll }).click();
    assert.equal(await page.locator('.parallel .other:visible').count(), 15);
    session.expectNoErrors();
    await session.close();
  }
});

test('an essay without translation explains why there is no side by side', async () => {
  for (const [address, message] of [
    ['en/the-stopcock-and-the-new-economy/?view=side-by-side', 'No side-by-side reading: this essay has no translation.'],
    ['fr/the-stopcock-and-the-new-economy/', 'Pas de lecture côte à côte : cet essai n’a pas de traduction.'],
  ]) {
    const { page, expectNoErrors, close } = await visit(address);
    assert.equal(await page.locator('.view-controls.no-translation').textContent(), message);
    assert.equal(await page.locator('.view-controls button').count(), 0);
    assert.equal(await page.locator('.parallel').count(), 0);
    assert.ok((await page.locator('.essay-body p').count()) > 5, 'the essay is shown alone');
    expectNoErrors();
    await close();
  }
});

test('side by side prints as two columns, even on narrow paper', async () => {
  const session = await openPage(app.browser, { viewport: { width: 600, height: 900 } });
  const { page } = session;
  await page.goto(app.server.url + EN_PAIR + '?view=side-by-side');
  await appReady(page);
  await page.locator('.parallel').waitFor();
  await page.emulateMedia({ media: 'print' });
  const rows = await rowGeometry(page);
  assert.ok(rows.every((r) => r.primary.top === r.other.top && r.primary.left < r.other.left));
  assert.equal(await page.locator('.view-controls').isVisible(), false);
  session.expectNoErrors();
  await session.close();
});
