// Offline above the budget: a deployment whose corpus data is larger than
// the offline budget (dist-budget: the test build with a 0.01 MB budget,
// scripts/setup.sh) saves the library, the search and the essays opened; the
// footer says what this device has and offers to save every essay. In both
// interface languages, on desktop and phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, openPage, appReady, distDir } from './harness.mjs';

const budgetDist = path.join(path.dirname(distDir), 'dist-budget');
const app = useApp(budgetDist);
const corpus = JSON.parse(fs.readFileSync(path.join(budgetDist, 'corpus.json'), 'utf8'));
const TOTAL = corpus.essays.length;
const DESKTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };

/** Every address in the page's caches, by cache. */
const cached = (page) => page.evaluate(async () => {
  const out = {};
  for (const name of await caches.keys()) {
    out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
  }
  return out;
});
const isBody = (p) => /\/corpus\/[^/_][^/]*\.json$/.test(p);

test('the plan: above the budget, bodies are not precached, the index and the search data are', () => {
  const plan = JSON.parse(fs.readFileSync(path.join(budgetDist, 'offline.json'), 'utf8'));
  assert.equal(plan.every_essay, false);
  const bodies = corpus.essays.map((e) => fs.statSync(path.join(budgetDist, e.body_url)).size);
  assert.equal(plan.essays_bytes, bodies.reduce((a, b) => a + b, 0));
  const worker = fs.readFileSync(path.join(budgetDist, 'service-worker.js'), 'utf8');
  assert.ok(worker.includes(corpus.search_url), 'the search data is precached');
  for (const essay of corpus.essays) assert.ok(!worker.includes(essay.body_url), `${essay.body_url} is not precached`);
  // Within the budget (the plain test build), every body is.
  const whole = fs.readFileSync(path.join(distDir, 'service-worker.js'), 'utf8');
  assert.equal(JSON.parse(fs.readFileSync(path.join(distDir, 'offline.json'), 'utf8')).every_essay, true);
  for (const essay of corpus.essays) assert.ok(whole.includes(essay.body_url));
});

for (const [lang, viewport, where] of [['fr', DESKTOP, 'desktop'], ['en', PHONE, 'phone']]) {
  const t = lang === 'fr'
    ? {
      saved: (n) => new RegExp(`la bibliothèque, la recherche et ${n}\u00a0essais? sur ${TOTAL}\\.`),
      save: /^Enregistrer tous les essais pour la lecture hors ligne \(\d+,\d\u00a0Mo\)$/,
      ready: 'Prêt pour la lecture hors ligne',
      offline: 'Hors ligne : la bibliothèque et les essais enregistrés sur cet appareil restent lisibles.',
      failed: 'Le texte de cet essai n’a pas pu être chargé',
      opened: 'franchir-le-mur-de-la-realite',
      notSaved: 'Cet essai n’est pas enregistré sur cet appareil : il le sera une fois ouvert en ligne (ou avec « Enregistrer tous les essais », en bas de la bibliothèque).',
    }
    : {
      saved: (n) => new RegExp(`the library, the search and ${n} of ${TOTAL} essays\\.`),
      save: /^Save every essay for offline reading \(\d+\.\d MB\)$/,
      ready: 'Ready to read offline',
      offline: 'Offline: the library and the essays saved on this device remain readable.',
      failed: 'The text of this essay could not be loaded',
      opened: 'breaking-the-reality-barrier',
      notSaved: 'This essay is not saved on this device: it will be once opened online (or with “Save every essay”, at the foot of the library).',
    };

  test(`above the budget: the essays opened read offline, the others on request (${lang}, ${where})`, async (test) => {
    const session = await openPage(app.browser, { locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport, allowed: [/Failed to load resource|ERR_INTERNET_DISCONNECTED|essais: /] });
    test.after(() => session.close());
    const { page, context } = session;
    const status = page.locator('.site-footer .offline-ready');
    const save = page.locator('.site-footer .save-every-essay');

    await page.goto(app.server.url + `${lang}/`);
    await appReady(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Nothing opened yet: the library and the search only.
    await status.filter({ hasText: t.saved(0) }).waitFor();
    assert.match((await save.textContent()).trim(), t.save);
    let caches = await cached(page);
    assert.deepEqual(Object.values(caches).flat().filter(isBody), [], 'no essay saved before one is opened');
    assert.ok(Object.values(caches).flat().some((p) => p.includes('/corpus/_search.')), 'the search data is saved');

    // An essay opened (its translation comes with it): counted on the next page.
    await page.goto(app.server.url + `${lang}/${t.opened}/`);
    await page.locator('article.essay .essay-body p').first().waitFor();
    await page.goBack();
    await appReady(page);
    await page.waitForFunction(([source]) => {
      const found = new RegExp(source).exec(document.querySelector('.site-footer .offline-ready')?.textContent ?? '');
      return found && Number(found[1]) >= 1;
    }, [t.saved('(\\d+)').source]);
    caches = await cached(page);
    const saved = (caches['essais-essays'] ?? []).filter(isBody);
    assert.ok(saved.some((p) => p.includes(`/corpus/${t.opened}.`)), `the essay opened is saved: ${saved}`);

    // Offline: the essay opened reads, one never opened says why, the library works.
    await context.setOffline(true);
    await page.goto(app.server.url + `${lang}/${t.opened}/`);
    await page.locator('article.essay .essay-body p').first().waitFor();
    assert.equal(await page.locator('.offline-notice').textContent(), t.offline);
    await page.goto(app.server.url + `${lang}/the-stopcock-and-the-new-economy/`);
    const failure = page.locator('.load-error.part');
    await failure.waitFor();
    assert.ok((await failure.textContent()).startsWith(t.failed), await failure.textContent());
    assert.equal(await page.locator('.not-saved').textContent(), t.notSaved);
    await page.locator('.site-header .site-title').click();
    await page.locator('.essay-entry').first().waitFor();

    // Back online: every essay saved on request, then all read offline.
    await context.setOffline(false);
    await save.click();
    await status.filter({ hasText: t.ready }).waitFor();
    assert.equal(await save.count(), 0, 'nothing left to save: no offer');
    caches = await cached(page);
    assert.equal((caches['essais-essays'] ?? []).filter(isBody).length, TOTAL);
    await context.setOffline(true);
    await page.goto(app.server.url + `${lang}/the-stopcock-and-the-new-economy/`);
    await page.locator('article.essay .essay-body p').first().waitFor();
    assert.equal(await page.locator('.load-error').count(), 0);
    session.expectNoErrors();
  });
}
