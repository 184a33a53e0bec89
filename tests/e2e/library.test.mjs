// The library as a reader first meets it: served as static files, in their
// browser's language, with a toggle for the other one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, texts, useApp } from './harness.mjs';

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
  await page.locator('.essay-title').first().waitFor();
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
  await page.locator('.essay-title').first().waitFor();

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
  await page.locator('.essay-title').first().waitFor();
  assert.deepEqual(await texts(page, '.essay-title'), ENGLISH_TITLES);
  expectNoErrors();
  await close();
});

test('an English browser starts in English', async () => {
  const { page, expectNoErrors, close } = await openPage(app.browser, { locale: 'en-GB' });
  await page.goto(app.server.url);
  await page.locator('.essay-title').first().waitFor();
  assert.deepEqual(await texts(page, '.essay-title'), ENGLISH_TITLES);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  expectNoErrors();
  await close();
});
