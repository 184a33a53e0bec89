// Side by side on a translation edited as translators edit: the update
// deployment's English "Breaking the reality barrier" leaves one paragraph
// of the French untranslated and adds a translator's note
// (scripts/setup.sh). The rows were aligned at build time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { updateDistDir, useApp } from './harness.mjs';

const app = useApp(updateDistDir);

async function visit(address, options = {}) {
  const session = await app.visit(address, options);
  await session.page.locator('.parallel').waitFor();
  return session;
}

/** Per row: the ids of its blocks in each cell, and the tops of the first ones. */
function rows(page) {
  return page.$$eval('.parallel .pair:not(.column-heads)', (rows) => rows.map((row) => {
    const cell = (selector) => {
      const blocks = [...row.querySelectorAll(`${selector} > [id]`)];
      return { ids: blocks.map((b) => b.id), top: blocks[0] ? Math.round(blocks[0].getBoundingClientRect().top) : null };
    };
    return { primary: cell('.primary'), other: cell('.other'), text: row.innerText };
  }));
}

const FR = 'fr/franchir-le-mur-de-la-realite/?view=side-by-side';

for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`a dropped paragraph and an added note each stand alone, the rest faces its translation (${name})`, async () => {
    const { page, expectNoErrors, close } = await visit(FR, { viewport });
    const got = await rows(page);
    assert.deepEqual(got.map((r) => [r.primary.ids, r.other.ids]), [
      [['p1'], ['o1']],
      [['p2'], ['o2']],
      [['p3'], ['o3']],
      [[], ['o4']],
      [['p4'], ['o5']],
      [['p5'], []],
      [['p6'], ['o6']],
    ]);
    assert.match(got[3].text, /Translator’s note/);
    assert.match(got[4].text, /Cependant, une fois que l’entreprise[\s\S]*Yet, once a company crosses the Rubicon/);
    assert.match(got[5].text, /Vous me traiterez peut-être d’idéaliste/);
    if (name === 'desktop') {
      assert.match(got[5].text, /Pas d’équivalent dans l’autre langue/, 'the empty side says so to screen readers');
      for (const row of got.filter((r) => r.primary.top !== null && r.other.top !== null)) {
        assert.equal(row.primary.top, row.other.top, `${row.primary.ids} and ${row.other.ids} start at one height`);
      }
    }
    if (name === 'phone') {
      // One column: nothing follows the untranslated paragraph, not even an empty box.
      const empty = page.locator('.parallel .pair').nth(6).locator('.cell.other');
      assert.equal(await empty.evaluate((el) => getComputedStyle(el).display), 'none');
    }
    // Every block of both texts once, in order.
    const ids = await page.$$eval('.parallel [id^="p"], .parallel [id^="o"]', (els) => els.map((e) => e.id).filter((id) => /^[po]\d+$/.test(id)));
    assert.deepEqual(ids.filter((id) => id.startsWith('p')), ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    assert.deepEqual(ids.filter((id) => id.startsWith('o')), ['o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
    expectNoErrors();
    await close();
  });
}

test('the language switch lands on the counterpart across the edits', async () => {
  // English block 5 faces French block 4 (one paragraph dropped, a note
  // added before it). A short window, so that block 5 can reach the top.
  const { page, expectNoErrors, close } = await visit('en/breaking-the-reality-barrier/?view=side-by-side', { viewport: { width: 1280, height: 400 } });
  await page.locator('#p5').evaluate((el) => {
    const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - header);
  });
  await page.getByRole('link', { name: 'Français' }).click();
  await page.waitForURL('**/fr/franchir-le-mur-de-la-realite/?view=side-by-side#p4');
  assert.match(await page.locator('#p4').innerText(), /Cependant, une fois que l’entreprise/);
  expectNoErrors();
  await close();
});
