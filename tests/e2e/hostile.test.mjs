// Nothing in the corpus can execute: every essay of a hostile corpus is
// rendered in both languages and both views under the app's CSP, and the
// test fails on a dialog, the global flag the payloads set, a CSP violation
// report, or any console or page error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distDir, openPage, serveStatic, useApp, appReady, searched } from './harness.mjs';
import { BODY_PAYLOADS, hostileCorpus } from '../hostile/corpus.mjs';

const app = useApp();
const { index: corpus, files } = hostileCorpus();
const shell = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');

/** A page serving the hostile corpus, with every address answered by the app shell (as a SPA host would). */
async function hostilePage(t, locale) {
  const session = await openPage(app.browser, { locale, serviceWorkers: 'block' });
  t.after(() => session.close());
  const { page, context } = session;
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // The first screen too: a library this small is whole in it.
  await page.route(/\/(corpus|first-screen)\.json$/, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(corpus) }));
  await page.route('**/corpus/*.json', (route) => {
    const url = `corpus/${new URL(route.request().url()).pathname.split('/').pop()}`;
    return files.has(url)
      ? route.fulfill({ contentType: 'application/json', body: files.get(url) })
      : route.fulfill({ status: 404, body: 'not in the hostile corpus' });
  });
  await page.route((url) => url.origin === new URL(app.server.url).origin && !/\.[a-z0-9]+$/i.test(url.pathname), (route) =>
    route.fulfill({ contentType: 'text/html', body: shell }));
  const check = async (where) => {
    const state = await page.evaluate(() => ({ pwned: window.__pwned ?? null, violations: window.__violations }));
    assert.equal(state.pwned, null, `a payload ran on ${where}`);
    assert.deepEqual(state.violations, [], `CSP violations on ${where}`);
    assert.deepEqual(dialogs, [], `dialogs on ${where}`);
  };
  return { ...session, check };
}

test(`the hostile corpus has at least 25 payloads`, () => {
  assert.ok(BODY_PAYLOADS.length >= 25, `${BODY_PAYLOADS.length}`);
});

for (const lang of ['fr', 'en']) {
  test(`no payload executes in the library or any essay, single or side by side (${lang})`, { timeout: 180_000 }, async (t) => {
    const { page, check, expectNoErrors } = await hostilePage(t, lang === 'fr' ? 'fr-FR' : 'en-US');
    await page.goto(app.server.url + `${lang}/`);
    await appReady(page);
    assert.equal(await page.locator('.essay-entry').count(), corpus.essays.length / 2);
    await check('the library');
    // Filter by a hostile-labelled category and tag.
    await page.locator('.facet').first().click();
    await page.locator('.chip').first().waitFor();
    await check('the filtered library');
    // Search results show passages of the hostile bodies as snippets.
    await page.locator('#search').fill('payload');
    await searched(page);
    assert.ok((await page.locator('.search-hit').count()) > 0);
    await check('the search results');

    const mine = corpus.essays.filter((e) => e.lang === lang);
    for (const essay of mine) {
      for (const view of ['', '?view=side-by-side']) {
        await page.goto(app.server.url + `${lang}/${encodeURIComponent(essay.slug)}/${view}`);
        await appReady(page);
        await page.locator('.essay-body p').first().waitFor();
        assert.equal(await page.locator('.essay-body h1').count(), 0, 'a level-1 heading in the JSON is not a second title');
        assert.equal(await page.locator('article.essay h1').textContent(), essay.title, 'the title is shown as text');
        if (view) await page.locator('.parallel').waitFor();
        // Raw HTML is shown as text, never as elements.
        // (The one input the app draws itself: Listen's "with the translation".)
        const injected = await page.locator('main script, main img, main svg, main iframe, main object, main embed, main form, main input:not(.listen input), main style, main video, main details, main marquee, main meta, main base, main link').count();
        assert.equal(injected, 0, `elements injected into ${essay.slug}${view}`);
        const hrefs = await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
        assert.ok(hrefs.every((h) => !/^\s*(javascript|vbscript|data):/i.test(h ?? '')), hrefs.join(' '));
        await check(`${essay.slug}${view}`);
      }
    }
    // Autofocus/ontoggle payloads would need interaction: tab through a page.
    for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
    await check('after keyboard interaction');
    expectNoErrors();
  });
}

test('the pages the tool pre-renders from the hostile corpus run nothing and inject nothing', { timeout: 180_000 }, async (t) => {
  // The built app with the hostile corpus (tampered JSON included) in place
  // of the seed's, and its entry pages written by the real tool.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essais-hostile-pages-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const dist = path.join(dir, 'dist');
  fs.cpSync(distDir, dist, { recursive: true });
  for (const old of ['fr', 'en', 'essais', 'corpus']) fs.rmSync(path.join(dist, old), { recursive: true, force: true });
  fs.mkdirSync(path.join(dist, 'corpus'));
  fs.writeFileSync(path.join(dist, 'corpus.json'), JSON.stringify(corpus));
  for (const [url, text] of files) fs.writeFileSync(path.join(dist, url), text);
  execFileSync('cargo', ['run', '--quiet', '--offline', '-p', 'essais-pages', '--bin', 'pages', '--', path.join(dist, 'corpus.json'), dist], { stdio: 'inherit' });
  const server = await serveStatic(dist);
  t.after(() => server.close());

  const addresses = ['fr/', 'en/', ...corpus.essays.filter((e) => /^[a-z0-9-]+$/.test(e.slug)).map((e) => `${e.lang}/${e.slug}/`)];
  assert.ok(addresses.length >= 6, addresses.join(' '));
  for (const address of addresses) {
    // Only the pre-rendered page: the app's code never arrives.
    const session = await openPage(app.browser, { serviceWorkers: 'block', allowed: [/Failed to load resource|Failed to fetch|WebAssembly|TypeError/i] });
    const { page, context } = session;
    const dialogs = [];
    page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
    await page.goto(server.url + address);
    await page.locator('#boot[data-prerendered]').waitFor({ state: 'attached' });
    await page.locator('#boot-failed').waitFor();
    const kind = await page.locator('#boot').getAttribute('data-prerendered');
    if (kind === 'essay') {
      assert.equal(await page.locator('#boot .essay-body h1').count(), 0, `a level-1 heading in the JSON on ${address}`);
      assert.ok((await page.locator('#boot .essay-body p').count()) > 0, address);
    } else {
      assert.equal(await page.locator('#boot .essay-entry').count(), corpus.essays.length / 2, address);
    }
    const injected = await page.locator('#boot :is(script, img, svg, iframe, object, embed, video, details, marquee, meta, base, link, style)').count();
    assert.equal(injected, 0, `elements injected into the pre-rendered ${address}`);
    const attributes = await page.locator('#boot *').evaluateAll((all) => all.flatMap((el) => [...el.attributes].map((a) => a.name)));
    assert.ok(attributes.every((name) => !/^on/i.test(name)), `event-handler attributes on ${address}`);
    const hrefs = await page.locator('#boot a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.every((h) => !/^\s*(javascript|vbscript|data):/i.test(h ?? '')), hrefs.join(' '));
    const state = await page.evaluate(() => ({ pwned: window.__pwned ?? null, violations: window.__violations }));
    assert.equal(state.pwned, null, `a payload ran on ${address}`);
    assert.deepEqual(state.violations, [], `CSP violations on ${address}`);
    assert.deepEqual(dialogs, [], `dialogs on ${address}`);
    session.expectNoErrors();
    await session.close();
  }
});

test('the policy blocks a script injected into the page', async (t) => {
  const { page } = await hostilePage(t, 'en-US');
  await page.goto(app.server.url + 'en/');
  await appReady(page);
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = "inline"';
    document.head.append(script);
    await new Promise((r) => setTimeout(r, 50));
    return { pwned: window.__pwned ?? null, violations: window.__violations };
  });
  assert.equal(ran.pwned, null);
  assert.equal(ran.violations.length, 1);
  assert.match(ran.violations[0], /^script-src/);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(policy, /unsafe-inline/);
});
