// A reader's companions: essays on the library's first screen, continue
// reading where one left off (with a progress bar and the minutes left),
// and the reading keys. French and English, desktop and phone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appReady, deployContent, openPage, openThenGoOffline, useApp, serveStatic } from './harness.mjs';

const app = useApp();
const DESKTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };
const BUSINESS = { fr: 'le-business-modele-brise-du-business', en: 'the-broken-business-model-of-business' };

/** The seed with 30 more tags, spread over its essays. */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-30-tags-'));
const tagged = {};
before(() => {
  const content = path.join(work, 'content');
  fs.cpSync(path.resolve('content'), content, { recursive: true });
  let taxonomy = fs.readFileSync(path.join(content, 'taxonomy.toml'), 'utf8');
  const ids = [];
  for (let i = 1; i <= 30; i++) {
    ids.push(`extra-${i}`);
    taxonomy += `\n[[tag]]\nid = "extra-${i}"\nfr = "Étiquette supplémentaire ${i}"\nen = "Additional tag ${i}"\n`;
  }
  fs.writeFileSync(path.join(content, 'taxonomy.toml'), taxonomy);
  for (const name of fs.readdirSync(path.join(content, 'essays'))) {
    const file = path.join(content, 'essays', name);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace(/^tags = \[/m, `tags = [${ids.map((id) => `"${id}"`).join(', ')}, `));
  }
  tagged.dist = deployContent(content, work);
});
after(async () => {
  await tagged.server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** Titles of the library entries entirely on the first screen. */
async function titlesOnFirstScreen(page) {
  return page.evaluate(() => [...document.querySelectorAll('.essay-entry .essay-title')]
    .filter((t) => t.getBoundingClientRect().bottom <= window.innerHeight && t.getBoundingClientRect().top >= 0)
    .map((t) => t.textContent));
}

for (const corpus of ['seed', '30 tags']) {
  test(`at 1280x720 the library's first screen shows at least two essays, in both languages (${corpus})`, async (t) => {
    let base = app.server.url;
    if (corpus !== 'seed') {
      tagged.server ??= await serveStatic(tagged.dist);
      base = tagged.server.url;
    }
    for (const lang of ['fr', 'en']) {
      const session = await openPage(app.browser, { viewport: DESKTOP, serviceWorkers: 'block' });
      t.after(() => session.close());
      await session.page.goto(base + `${lang}/`);
      await appReady(session.page);
      if (corpus !== 'seed') {
        // Folded to the 20 most used (library::fold_tags); unfolded, all 44,
        // and the page is measured so, at its top.
        assert.equal(await session.page.locator('.facet-group.tags .facet').count(), 20);
        await session.page.locator('.fold-tags').click();
        await session.page.waitForFunction(() => document.querySelectorAll('.facet-group.tags .facet').length >= 44);
        await session.page.evaluate(() => window.scrollTo(0, 0));
        // An entry lists a few tags and counts the others.
        assert.match(await session.page.locator('.essay-entry .more-tags').first().textContent(), lang === 'fr' ? /^\+ \d+ autres$/ : /^\+ \d+ more$/);
      }
      const seen = await titlesOnFirstScreen(session.page);
      assert.ok(seen.length >= 2, `${lang}: ${seen.length} titles on the first screen: ${seen.join(' | ')}`);
      // The filters are still there, beside the essays.
      const [filters, list] = await Promise.all([session.page.locator('#filters').boundingBox(), session.page.locator('.essay-list').boundingBox()]);
      assert.ok(filters.x > list.x + list.width - 1, 'the filters stand in a column to the right of the essays');
      session.expectNoErrors();
    }
  });
}

/** Scrolls the essay so that paragraph `n` is at the top, and lets the place be recorded. */
async function readTo(page, n) {
  await page.evaluate((n) => {
    const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
    const top = document.getElementById(`p${n}`).getBoundingClientRect().top + window.scrollY - header;
    window.scrollTo(0, top + 2);
  }, n);
  await page.waitForTimeout(1100);
}

/** The number of the first paragraph below the header. */
async function paragraphAtTop(page) {
  return page.evaluate(() => {
    const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
    const block = [...document.querySelectorAll('article.essay [data-block]')].find((b) => b.getBoundingClientRect().bottom > header + 1);
    return Number(block?.getAttribute('data-block'));
  });
}

for (const [lang, viewport, where] of [['fr', DESKTOP, 'desktop'], ['en', PHONE, 'phone'], ['en', DESKTOP, 'desktop'], ['fr', PHONE, 'phone']]) {
  const texts = lang === 'fr'
    ? { heading: 'Reprendre la lecture', forget: 'Oublier ces lectures', left: /^\d+ min restantes?$/, done: 'Terminé', read: /lu à \d+\u00a0%/ }
    : { heading: 'Continue reading', forget: 'Forget these', left: /^\d+ min left$/, done: 'Done', read: /\d+% read/ };

  test(`continue reading: the place is remembered, listed, reopened, overridden by #p and forgotten (${lang}, ${where})`, async (t) => {
    const session = await openPage(app.browser, { locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport, serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    const essay = BUSINESS[lang];
    await page.goto(app.server.url + `${lang}/`);
    await appReady(page);
    assert.equal(await page.locator('.continue-reading').count(), 0, 'nothing started yet');

    await page.goto(app.server.url + `${lang}/${essay}/`);
    await appReady(page);
    await page.locator('#p8').waitFor();
    // The progress bar and the minutes left follow the reading.
    const before = Number(await page.locator('.reading-progress progress').getAttribute('value'));
    assert.match(await page.locator('.minutes-left').textContent(), texts.left);
    await readTo(page, 8);
    const after = Number(await page.locator('.reading-progress progress').getAttribute('value'));
    assert.ok(after > before, `progress ${before} → ${after}`);
    assert.equal(await page.locator('.reading-progress progress').getAttribute('aria-valuetext'), await page.locator('.minutes-left').textContent());

    // The library lists it, and its link opens the essay at its place.
    await page.goto(app.server.url + `${lang}/`);
    await appReady(page);
    const line = page.locator('.continue-reading');
    await line.waitFor();
    assert.equal(await line.locator('h2').textContent(), texts.heading);
    assert.equal(await line.locator('li').count(), 1);
    assert.match(await line.locator('li').textContent(), texts.read);
    await line.locator('li a').click();
    await appReady(page);
    await page.locator('#p8').waitFor();
    await page.waitForTimeout(300);
    assert.equal(await paragraphAtTop(page), 8, 'opened at its place');

    // Opened without an address of a place: at the remembered one…
    await page.goto(app.server.url + `${lang}/${essay}/`);
    await appReady(page);
    await page.locator('#p8').waitFor();
    await page.waitForTimeout(300);
    assert.equal(await paragraphAtTop(page), 8, 'back at the remembered place');
    // …but an address with #p wins.
    await page.goto(app.server.url + `${lang}/${essay}/#p3`);
    await appReady(page);
    await page.waitForTimeout(300);
    assert.equal(await paragraphAtTop(page), 3, '#p3 wins');

    // Read to the end: finished, no longer listed; the bar says so.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(1100);
    assert.equal(await page.locator('.minutes-left').textContent(), texts.done);
    await page.goto(app.server.url + `${lang}/`);
    await appReady(page);
    assert.equal(await page.locator('.continue-reading').count(), 0, 'a finished essay is not to continue');

    // Started again, then forgotten.
    await page.goto(app.server.url + `${lang}/${essay}/#p5`);
    await appReady(page);
    await readTo(page, 6);
    await page.goto(app.server.url + `${lang}/`);
    await appReady(page);
    await page.getByRole('button', { name: texts.forget }).click();
    assert.equal(await page.locator('.continue-reading').count(), 0);
    await page.reload();
    await appReady(page);
    assert.equal(await page.locator('.continue-reading').count(), 0, 'forgotten for good');
    session.expectNoErrors();
  });
}

test('with storage unavailable, reading and the library work and nothing is listed', async (t) => {
  const session = await openPage(app.browser, { serviceWorkers: 'block' });
  t.after(() => session.close());
  const { page, context } = session;
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new Error('storage disabled'); } });
  });
  await page.goto(app.server.url + `en/${BUSINESS.en}/`);
  await appReady(page);
  await page.locator('#p8').waitFor();
  await readTo(page, 8);
  await page.goto(app.server.url + 'en/');
  await appReady(page);
  assert.equal(await page.locator('.continue-reading').count(), 0);
  assert.ok((await page.locator('.essay-entry').count()) > 0);
  session.expectNoErrors();
});

for (const [lang, viewport, where] of [['fr', DESKTOP, 'desktop'], ['en', PHONE, 'phone']]) {
  test(`reading keys: j/k step through paragraphs, t reveals the translation, ? lists the keys, none while typing (${lang}, ${where})`, async (t) => {
    const session = await openPage(app.browser, { locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport, serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    const focused = () => page.evaluate(() => document.activeElement?.closest('[data-block]')?.id ?? document.activeElement?.tagName);
    await page.goto(app.server.url + `${lang}/${BUSINESS[lang]}/`);
    await appReady(page);
    await page.locator('#p3').waitFor();
    await page.keyboard.press('j');
    assert.equal(await focused(), 'p1');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    assert.equal(await focused(), 'p3');
    await page.keyboard.press('k');
    assert.equal(await focused(), 'p2');
    // t: the translation of the paragraph the keys are on, and back.
    const reveal = page.locator('#p2 + .at-hand .reveal');
    await page.keyboard.press('t');
    assert.equal(await reveal.getAttribute('aria-expanded'), 'true');
    await page.locator('#t2 p').waitFor();
    await page.keyboard.press('t');
    assert.equal(await reveal.getAttribute('aria-expanded'), 'false');
    assert.equal(await focused(), 'p2', 'the keys stay on the paragraph');
    // ?: the list, in the reading language; Escape closes it.
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.equal(await dialog.locator('h2').textContent(), lang === 'fr' ? 'Raccourcis clavier' : 'Keyboard shortcuts');
    assert.deepEqual(await dialog.locator('kbd').allTextContents(), ['j', 'k', 't', '?']);
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('dialog').count(), 0);

    // Side by side: the row and its counterpart light up.
    await page.goto(app.server.url + `${lang}/${BUSINESS[lang]}/?view=side-by-side`);
    await appReady(page);
    await page.locator('.parallel #p2').waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    assert.equal(await focused(), 'p2');
    const lit = await page.evaluate(() => {
      const pair = document.activeElement.closest('.pair');
      const other = pair.querySelector('.cell.other');
      return getComputedStyle(other).backgroundColor;
    });
    assert.notEqual(lit, 'rgba(0, 0, 0, 0)', 'the counterpart is lit');

    // While typing in a field, the keys are letters.
    await page.evaluate(() => {
      const field = document.createElement('input');
      field.id = 'typing';
      document.querySelector('article.essay').prepend(field);
      field.focus();
    });
    await page.keyboard.type('jkt?');
    assert.equal(await page.locator('#typing').inputValue(), 'jkt?');
    assert.equal(await page.getByRole('dialog').count(), 0);
    session.expectNoErrors();
  });
}

for (const [lang, viewport, where] of [['fr', DESKTOP, 'desktop'], ['en', PHONE, 'phone']]) {
  test(`share a passage: each paragraph's link, by pointer and keyboard, copied or shared; marked on arrival (${lang}, ${where})`, async (t) => {
    const phone = where === 'phone';
    const session = await openPage(app.browser, { locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport, serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page, context } = session;
    const name = lang === 'fr' ? 'Copier le lien de ce paragraphe' : 'Copy a link to this paragraph';
    if (phone) {
      // A browser with a share sheet: the test records what it is given.
      await context.addInitScript(() => {
        window.__shared = [];
        navigator.share = async (data) => { window.__shared.push(data); };
      });
    } else {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url.replace(/\/$/, '') });
    }
    const essay = BUSINESS[lang];
    const address = `${app.server.url}${lang}/${essay}/`;
    await page.goto(address);
    await appReady(page);
    await page.locator('#p3').waitFor();
    const link = page.locator('#p3 > .passage-link');
    assert.equal(await link.getAttribute('aria-labelledby'), 'passage-link-label');
    assert.ok((await page.getByRole('button', { name, exact: true }).count()) >= 3, 'named in the reading language');
    assert.equal(await link.evaluate((b) => getComputedStyle(b).opacity), '0', 'out of the way until wanted');
    await page.locator('#p3').hover();
    await page.waitForTimeout(250);
    assert.equal(await link.evaluate((b) => getComputedStyle(b).opacity), '1', 'shown on hover');
    await link.click();
    const expected = `${address}#p3`;
    if (phone) {
      await page.waitForFunction(() => window.__shared.length === 1);
      const [shared] = await page.evaluate(() => window.__shared);
      assert.equal(shared.url, expected);
    } else {
      await page.locator('.passage-link-status.shown').waitFor();
      assert.equal(await page.locator('.passage-link-status').textContent(), lang === 'fr' ? 'Lien copié' : 'Link copied');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
      // By keyboard: to a paragraph with the reading keys, Tab to its link, Enter.
      await page.keyboard.press('j');
      const at = await page.evaluate(() => document.activeElement.id);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.closest('[data-block]')?.id + ' ' + document.activeElement.className), `${at} passage-link`);
      await page.keyboard.press('Enter');
      await page.waitForFunction((want) => navigator.clipboard.readText().then((t) => t === want), `${address}#${at}`);
    }
    // A shared link: the paragraph is marked for a moment on arrival.
    await page.goto(expected);
    await appReady(page);
    await page.locator('#p3.arrived').waitFor();
    await page.waitForTimeout(3000);
    assert.equal(await page.locator('#p3.arrived').count(), 0, 'only for a moment');
    session.expectNoErrors();
  });
}

for (const [lang, viewport, where, word, count] of [['fr', DESKTOP, 'desktop', 'entreprises', /^\d+ mots? trouvés? pour «\u00a0entreprises\u00a0»/], ['en', PHONE, 'phone', 'organizations', /^\d+ match(es)? for “organizations”/]]) {
  test(`an essay opened from a search result marks the words found, steps through them, clears them; the link carries them (${lang}, ${where})`, async (t) => {
    const session = await openPage(app.browser, { locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport, serviceWorkers: 'block' });
    t.after(() => session.close());
    const { page } = session;
    await page.goto(app.server.url + `${lang}/?q=${word}`);
    await appReady(page);
    const hit = page.locator('.search-hit .essay-title a').first();
    const href = await hit.getAttribute('href');
    assert.match(href, new RegExp(`\\?mark=${word}(#p\\d+)?$`));
    await hit.click();
    await page.locator('article.essay mark.found').first().waitFor();
    const marks = await page.locator('article.essay .essay-body mark.found').allTextContents();
    assert.ok(marks.length >= 1 && marks.every((m) => m.toLowerCase().startsWith(word.slice(0, 6))), marks.join(' '));
    await page.waitForFunction((n) => /\d+/.exec(document.querySelector('.found-count').textContent)?.[0] === String(n), marks.length);
    assert.match(await page.locator('.found-count').textContent(), count);
    // Next, next, previous: the current mark moves, and is counted.
    const next = page.locator('.found-next');
    await next.click();
    assert.equal(await page.locator('mark.found.current').count(), 1);
    assert.match(await page.locator('.found-count').textContent(), new RegExp(`\\(1/${marks.length}\\)$`));
    if (marks.length > 1) {
      await next.click();
      assert.match(await page.locator('.found-count').textContent(), new RegExp(`\\(2/${marks.length}\\)$`));
      await page.locator('.found-previous').click();
    }
    assert.match(await page.locator('.found-count').textContent(), new RegExp(`\\(1/${marks.length}\\)$`));
    // The link is shareable: opened afresh, the marks are there.
    const shared = page.url();
    const other = await openPage(app.browser, { locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport, serviceWorkers: 'block' });
    t.after(() => other.close());
    await other.page.goto(shared);
    await appReady(other.page);
    await other.page.locator('article.essay mark.found').first().waitFor();
    assert.equal(await other.page.locator('article.essay .essay-body mark.found').count(), marks.length);
    other.expectNoErrors();
    // Cleared: no marks, and not in the URL.
    await page.locator('.found-clear').click();
    await page.waitForFunction(() => !location.search.includes('mark='));
    assert.equal(await page.locator('mark.found').count(), 0);
    assert.equal(await page.locator('.found-marks').count(), 0);
    session.expectNoErrors();
  });
}

/**
 * Speech synthesis replaced by a recording stub: each utterance is kept
 * (text, language, voice, rate) and ends only when the test says so
 * (`__endUtterance()`), so the test can look at the page meanwhile.
 */
function speechStub() {
  return (voices) => {
    window.__spoken = [];
    window.__calls = [];
    let current = null;
    window.SpeechSynthesisUtterance = class {
      constructor(text) { Object.assign(this, { text, lang: '', rate: 1, voice: null, onend: null }); }
    };
    Object.defineProperty(window, 'speechSynthesis', {
      value: {
        getVoices: () => voices.map(([name, lang]) => ({ name, lang, default: false })),
        speak(u) { current = u; window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name, rate: u.rate }); },
        cancel() { window.__calls.push('cancel'); current = null; },
        pause() { window.__calls.push('pause'); },
        resume() { window.__calls.push('resume'); },
      },
    });
    window.__endUtterance = () => { const u = current; current = null; u?.onend?.(); };
  };
}

const VOICES = [['Amélie', 'fr-FR'], ['Daniel', 'en-GB']];

for (const [lang, viewport, where] of [['fr', DESKTOP, 'desktop'], ['en', PHONE, 'phone']]) {
  const other = lang === 'fr' ? 'en' : 'fr';
  const t = lang === 'fr'
    ? { listen: 'Écouter', both: /avec la traduction/, side: 'Côte à côte', pause: 'Pause', resume: 'Reprendre', stop: 'Arrêter', voice: 'Amélie', otherVoice: 'Daniel', tag: 'fr-FR', otherTag: 'en-GB' }
    : { listen: 'Listen', both: /with the translation/, side: 'Side by side', pause: 'Pause', resume: 'Resume', stop: 'Stop', voice: 'Daniel', otherVoice: 'Amélie', tag: 'en-GB', otherTag: 'fr-FR' };

  test(`listen: read aloud sentence by sentence, marked, paused, faster, then with the translation in its own voice (${lang}, ${where})`, async (test) => {
    const session = await openPage(app.browser, { locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport, serviceWorkers: 'block' });
    test.after(() => session.close());
    const { page, context } = session;
    await context.addInitScript(speechStub(), VOICES);
    await page.goto(app.server.url + `${lang}/${BUSINESS[lang]}/`);
    await appReady(page);
    await page.locator('#p2').waitFor();
    const spoken = () => page.evaluate(() => window.__spoken);
    const marked = () => page.evaluate(() => {
      const h = CSS.highlights.get('reading-aloud');
      return h ? [...h].map((r) => r.toString()) : [];
    });

    await page.getByRole('button', { name: t.listen, exact: true }).click();
    await page.waitForFunction(() => window.__spoken.length === 1);
    let said = await spoken();
    assert.equal(said[0].lang, t.tag);
    assert.equal(said[0].voice, t.voice);
    const first = await page.locator('#p1').evaluate((p) => p.textContent);
    assert.ok(first.startsWith(said[0].text), `the first sentence of the text: ${said[0].text}`);
    assert.deepEqual(await marked(), [said[0].text], 'the sentence being read is marked');
    // Seen marked: the highlight's style is in the page while reading
    // aloud (and only then: it slows every change of the page).
    const markStyle = () => page.evaluate(() => getComputedStyle(document.getElementById('p1'), '::highlight(reading-aloud)').backgroundColor);
    const markRules = () => page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r.cssText.startsWith('::highlight(reading-aloud)')).length);
    assert.equal(await markRules(), 1, 'the highlight style is in the page');
    assert.notEqual(await markStyle(), 'rgba(0, 0, 0, 0)', 'the marked sentence has a background');
    // The next sentence when one ends; pause and resume; faster from the next.
    await page.evaluate(() => window.__endUtterance());
    await page.waitForFunction(() => window.__spoken.length === 2);
    assert.deepEqual(await marked(), [(await spoken())[1].text]);
    await page.getByRole('button', { name: t.pause, exact: true }).click();
    await page.getByRole('button', { name: t.resume, exact: true }).click();
    assert.deepEqual((await page.evaluate(() => window.__calls)).filter((c) => c !== 'cancel'), ['pause', 'resume']);
    await page.locator('.listen-speed select').selectOption('150');
    await page.evaluate(() => window.__endUtterance());
    await page.waitForFunction(() => window.__spoken.length === 3);
    assert.equal((await spoken())[2].rate, 1.5);
    await page.getByRole('button', { name: t.stop, exact: true }).click();
    assert.deepEqual(await marked(), [], 'stopped: nothing marked');
    assert.equal(await markRules(), 0, 'stopped: the highlight style is gone');
    await page.evaluate(() => window.__endUtterance());
    await page.waitForTimeout(100);
    assert.equal((await spoken()).length, 3, 'nothing more after a stop');

    // With the translation: each paragraph, then what faces it, in the
    // translation's language and voice.
    await page.evaluate(() => { window.__spoken.length = 0; });
    await page.getByText(t.both).click();
    await page.getByRole('button', { name: t.listen, exact: true }).click();
    // Until the reading has come back from the translation to the text.
    for (let n = 1; n < 80; n++) {
      await page.waitForFunction((n) => window.__spoken.length === n, n);
      const langs = (await spoken()).map((u) => u.lang);
      if (langs.lastIndexOf(t.tag) > langs.indexOf(t.otherTag) && langs.includes(t.otherTag)) break;
      await page.evaluate(() => window.__endUtterance());
    }
    said = await spoken();
    const langs = said.map((u) => u.lang);
    const switchAt = langs.indexOf(t.otherTag);
    assert.ok(switchAt > 0, `the translation follows the first paragraph: ${langs.join(' ')}`);
    assert.ok(said.slice(0, switchAt).every((u) => u.voice === t.voice));
    assert.ok(said.filter((u) => u.lang === t.otherTag).every((u) => u.voice === t.otherVoice), 'each in its own voice');
    assert.ok(langs.slice(switchAt).includes(t.tag), 'then back to the text');

    // A switch to side by side does not stop the reading: the next sentence
    // follows, marked in the view now shown.
    const cancels = async () => (await page.evaluate(() => window.__calls)).filter((c) => c === 'cancel').length;
    const cancelled = await cancels();
    await page.locator('.view-controls button', { hasText: t.side }).click();
    await page.locator('.parallel .pair:not(.column-heads)').first().waitFor();
    const before = (await spoken()).length;
    await page.evaluate(() => window.__endUtterance());
    await page.waitForFunction((n) => window.__spoken.length === n + 1, before);
    assert.equal(await cancels(), cancelled, 'the switch did not stop the reading');
    assert.deepEqual(await marked(), [(await spoken()).at(-1).text]);
    assert.equal(await page.locator('.parallel .reading-aloud').count(), 1, 'marked side by side');
    await page.getByRole('button', { name: t.stop, exact: true }).click();
    session.expectNoErrors();
  });

  test(`listen: a language without a voice is said so, and nothing is read (${lang}, ${where})`, async (test) => {
    const session = await openPage(app.browser, { locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport, serviceWorkers: 'block' });
    test.after(() => session.close());
    const { page, context } = session;
    // Only a voice for the other language.
    await context.addInitScript(speechStub(), VOICES.filter(([, tag]) => !tag.startsWith(lang)));
    await page.goto(app.server.url + `${lang}/${BUSINESS[lang]}/`);
    await appReady(page);
    await page.getByRole('button', { name: t.listen, exact: true }).click();
    const status = page.locator('.listen-status');
    await status.waitFor();
    assert.equal(await status.textContent(), lang === 'fr'
      ? 'Aucune voix française sur cet appareil : la lecture à voix haute n’est pas possible.'
      : 'No English voice on this device: the text cannot be read aloud.');
    assert.deepEqual(await page.evaluate(() => window.__spoken), []);
    session.expectNoErrors();
  });
}

test('offline, the place is still remembered and listed', async (t) => {
  const session = await openPage(app.browser, { locale: 'fr-FR', viewport: DESKTOP });
  t.after(() => session.close());
  const { page, context } = session;
  await openThenGoOffline(page, context, app.server.url + 'fr/');
  await page.goto(app.server.url + `fr/${BUSINESS.fr}/`);
  await appReady(page);
  await page.locator('#p8').waitFor();
  await readTo(page, 8);
  await page.goto(app.server.url + 'fr/');
  await appReady(page);
  await page.locator('.continue-reading li a').click();
  await appReady(page);
  await page.locator('#p8').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await paragraphAtTop(page), 8);
  session.expectNoErrors();
});
