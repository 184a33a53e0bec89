// Offline and installable: open the app once, then read everything with the
// network gone; a new deployment is offered as a reload, never half-applied.
// Each flow runs with the app at / and at a sub-path (/essais/).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launchBrowser, launchProfile, openPage, appReady, searched } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Built by scripts/test (build_test_deployments): the *-update builds differ
// in one sentence of the Stopcock essay.
const DEPLOYMENTS = [
  { base: '', first: 'dist', update: 'dist-update' },
  { base: 'essais/', first: 'dist-essais', update: 'dist-essais-update' },
];
const OLD_TEXT = 'For once, I would like to tell you a little story. When';
const NEW_TEXT = 'For once, I would like to tell you a little story (second edition).';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A web root holding a copy of `dist` at `base`, served by a plain static server. */
async function deploy(dist, base) {
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-web-'));
  const target = path.join(webRoot, base);
  fs.cpSync(path.join(root, dist), target, { recursive: true });
  const server = await serveStatic(webRoot);
  return {
    url: server.url + base,
    /**
     * Copies another build over the deployed one, as a host's upload would,
     * dated a minute on: the static server answers the browser's revalidation
     * (If-Modified-Since, to the second) with 304 for a file modified in the
     * same second as the visit, which no real deployment races.
     */
    redeploy(next) {
      fs.cpSync(path.join(root, next), target, { recursive: true, force: true });
      const later = new Date(Date.now() + 60_000);
      for (const entry of fs.readdirSync(target, { recursive: true })) {
        fs.utimesSync(path.join(target, entry), later, later);
      }
    },
    async close() {
      await server.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    },
  };
}

async function waitUntilReadyOffline(page, readyText) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.locator('.offline-ready', { hasText: readyText }).waitFor();
}

for (const { base, first, update } of DEPLOYMENTS) {
  const where = base ? `at /${base}` : 'at /';

  test(`after one visit, everything reads offline (${where})`, async (t) => {
    const site = await deploy(first, base);
    t.after(() => site.close());
    const session = await openPage(browser, { locale: 'fr-FR' });
    t.after(() => session.close());
    const { page, context } = session;
    await page.goto(site.url);
    await appReady(page);
    await waitUntilReadyOffline(page, 'Prêt pour la lecture hors ligne');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.equal(new URL(scope).pathname, `/${base}`);

    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    assert.equal(await page.locator('.essay-entry').count(), 3);
    await page.locator('.offline-notice', { hasText: 'Hors ligne : les essais restent lisibles.' }).waitFor();

    // Filters, then an essay, by clicking.
    await page.locator('.facet', { hasText: 'Vécu' }).click();
    await page.waitForURL(`**/${base}fr/?category=lived`);
    assert.equal(await page.locator('.essay-entry').count(), 2);
    await page.getByRole('link', { name: 'The Stopcock and the New Economy' }).click();
    await page.locator('article.essay h1').waitFor();
    // Its text was never fetched by the page: the service worker fetched
    // every body in the background on the first visit.
    await page.locator('.essay-body p').first().waitFor();
    assert.match(await page.locator('.essay-body p').first().textContent(), /^For once, I would like to tell you a little story/);

    // Deep links opened with no network: the shell answers, the app renders.
    await page.goto(site.url + 'en/the-broken-business-model-of-business/?view=side-by-side#p9');
    await page.locator('.parallel').waitFor();
    assert.equal(await page.locator('.parallel .pair:not(.column-heads)').count(), 15);
    await page.goto(site.url + 'fr/?tag=sustainability&both=1');
    await appReady(page);
    assert.deepEqual(await page.locator('.essay-title').allTextContents(), ['Le business modèle brisé du business']);
    // The search data, too, is there offline.
    await page.goto(site.url + 'fr/?q=rotules');
    await searched(page);
    assert.deepEqual(await page.locator('.search-hit .essay-title').allTextContents(), ['Franchir le mur de la réalité (social business style)']);
    await page.goto(site.url + 'en/the-stopcock-and-the-new-economy/');
    await appReady(page);
    assert.equal(await page.locator('article.essay h1').textContent(), 'The Stopcock and the New Economy');
    await page.locator('.offline-notice', { hasText: 'Offline: the essays remain readable.' }).waitFor();

    await context.setOffline(false);
    await page.locator('.offline-notice').waitFor({ state: 'detached' });
    session.expectNoErrors();
  });

  test(`a new deployment is offered as a reload, then shows the new text (${where})`, async (t) => {
    const site = await deploy(first, base);
    t.after(() => site.close());
    const session = await openPage(browser, { locale: 'en-US' });
    t.after(() => session.close());
    const { page } = session;
    await page.goto(site.url + 'en/the-stopcock-and-the-new-economy/');
    await appReady(page);
    await waitUntilReadyOffline(page, 'Ready to read offline');
    assert.ok((await page.locator('#p1').textContent()).startsWith(OLD_TEXT));

    site.redeploy(update);
    // The browser checks for a new worker on navigation; the app also checks hourly.
    await page.reload();
    const notice = page.locator('.update-notice');
    await notice.waitFor();
    assert.equal((await notice.textContent()).replace(/\s+/g, ' ').trim(), 'A new version is available — reload');
    // Until the reader accepts, the old version runs whole: old text.
    assert.ok((await page.locator('#p1').textContent()).startsWith(OLD_TEXT));

    await notice.getByRole('button', { name: 'reload' }).click();
    await page.locator('#p1', { hasText: NEW_TEXT }).waitFor();
    assert.equal(await page.locator('.update-notice').count(), 0);
    session.expectNoErrors();
  });

  test(`the app is installable: manifest, icons, worker (${where})`, async (t) => {
    const site = await deploy(first, base);
    t.after(() => site.close());
    // Chromium does not install from incognito-like contexts: a real profile.
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-profile-'));
    const context = await launchProfile(profile);
    t.after(async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(site.url);
    await appReady(page);
    await waitUntilReadyOffline(page, 'Ready to read offline');
    const manifestUrl = await page.locator('link[rel="manifest"]').evaluate((l) => l.href);
    const manifest = await (await page.request.get(manifestUrl)).json();
    assert.equal(manifest.display, 'standalone');
    assert.equal(new URL(manifest.start_url, manifestUrl).pathname, `/${base}`);
    assert.match(manifest.name_localized.fr.value, /Essais en français et en anglais/);
    assert.match(manifest.name_localized.en.value, /Essays in French and English/);
    const purposes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
    for (const wanted of ['192x192 any', '512x512 any', '512x512 maskable', 'any any']) assert.ok(purposes.includes(wanted), wanted);
    for (const icon of manifest.icons) {
      const response = await page.request.get(new URL(icon.src, manifestUrl).href);
      assert.equal(response.status(), 200, icon.src);
      assert.equal(response.headers()['content-type'], icon.type, icon.src);
    }
    const appleTouch = await page.locator('link[rel="apple-touch-icon"]').evaluate((l) => l.href);
    assert.equal((await page.request.get(appleTouch)).status(), 200);
    // Chromium's own verdict.
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    assert.deepEqual(errors, []);
  });
}

test('a first visit whose app cannot load says so, with a retry', async (t) => {
  const site = await deploy('dist', '');
  t.after(() => site.close());
  const session = await openPage(browser, {
    locale: 'fr-FR',
    allowed: [/Failed to load resource|Failed to fetch|WebAssembly|TypeError/i],
  });
  const { page } = session;
  // The page arrived but its code cannot (the network dropped).
  await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
  await page.goto(site.url);
  const failed = page.locator('#boot-failed');
  await failed.waitFor();
  assert.match(await failed.textContent(), /essais n’a pas pu démarrer/);
  assert.match(await failed.textContent(), /essais could not start/);
  await page.unroute('**/*.wasm');
  await page.getByRole('button', { name: /Réessayer/ }).click();
  await appReady(page);
  assert.equal(await page.locator('.essay-entry').count(), 3);
  assert.equal(await page.locator('#boot-failed').count(), 0);
  await session.close();
});
