// The takeover: the page the reader sees before the app has run (the entry
// page as served, drawn at build time by the app's own components) and the
// page once the app has taken over are the same page. Nothing moves: each
// probe (a title, a paragraph) keeps its place within 1 px, on a desktop
// and on a phone; and the main content has the same elements, classes,
// attributes and text. (Layout-shift entries cannot measure this: the
// app's page is made of new nodes.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, openHeldBack, openPage, useApp } from './harness.mjs';

const app = useApp();

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

// Each address type, the reader's locale, and the probes to follow.
const PAGES = [
  { name: 'the library', address: 'fr/', locale: 'fr-FR', probes: ['main h1', '.essay-entry .excerpt', '.essay-entry:nth-child(3) .essay-title'] },
  { name: 'an essay', address: 'en/the-broken-business-model-of-business/', locale: 'en-US', probes: ['article.essay h1', '#p3', '#p12'] },
  { name: 'an essay side by side', address: 'fr/le-business-modele-brise-du-business/?view=side-by-side', locale: 'fr-FR', probes: ['article.essay h1', '#p3', '#o3', '#p12'] },
  { name: 'an untranslated essay', address: 'fr/the-stopcock-and-the-new-economy/', locale: 'fr-FR', probes: ['.notice.untranslated', 'article.essay h1', '#p4'] },
  { name: 'the not-found page', address: '404.html', locale: 'fr-FR', probes: ['.not-found h1', '.not-found p'] },
];

const heldBack = (options) => openHeldBack(app.browser, options);

/** Where each probe is in the page (document coordinates), and its text. */
function positions(page, probes) {
  return page.evaluate((probes) => probes.map((selector) => {
    const scope = document.getElementById('boot') ?? document;
    const element = scope.querySelector(selector);
    if (!element) return { selector, missing: true };
    const rect = element.getBoundingClientRect();
    return {
      selector,
      top: rect.top + window.scrollY,
      left: rect.left + window.scrollX,
      width: rect.width,
      text: element.textContent.trim().slice(0, 40),
    };
  }), probes);
}

/**
 * The main content as a list of its elements: tag, classes, every other
 * attribute and own text (comments and whitespace-only text aside). Two
 * attributes differ on purpose, and only where the app is not yet running:
 * the filter panel's controls belong to the entry page's form (the app's to
 * none: `OUTSIDE_THE_FORM` in src/components/filters.rs), and the field
 * finding a tag is disabled until the app can answer it.
 */
function mainContent(page) {
  return page.evaluate(() => {
    const scope = document.getElementById('boot') ?? document;
    const main = scope.querySelector('main');
    const out = [];
    const appOnly = (element, name) => name === 'form' || (name === 'disabled' && element.id === 'find-tag');
    const walk = (element, depth) => {
      const own = [...element.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
        .trim();
      const attributes = [...element.attributes]
        .filter((a) => a.name !== 'class' && !appOnly(element, a.name))
        .map((a) => `${a.name}="${a.value}"`)
        .sort()
        .join(' ');
      out.push(`${' '.repeat(depth)}${element.tagName.toLowerCase()}.${[...element.classList].sort().join('.')} [${attributes}] ${own}`);
      for (const child of element.children) walk(child, depth + 1);
    };
    walk(main, 0);
    return out;
  });
}

for (const { name, address, locale, probes } of PAGES) {
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    test(`nothing moves at the takeover: ${name}, ${device}`, async (t) => {
      const session = await heldBack({ locale, viewport });
      t.after(() => session.close());
      const { page } = session;
      await page.goto(app.server.url + address);
      await page.locator('#boot[data-prerendered]').waitFor();
      await page.evaluate(() => document.fonts.ready);
      const served = await positions(page, probes);
      const servedMain = device === 'desktop' ? await mainContent(page) : null;
      for (const probe of served) assert.ok(!probe.missing, `${probe.selector} is in the page as served`);

      session.release();
      await appReady(page);
      // Two frames: the app's page is in place and laid out.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const taken = await positions(page, probes);
      for (const [i, before] of served.entries()) {
        const after = taken[i];
        assert.ok(!after.missing, `${before.selector} is in the app's page`);
        assert.equal(after.text, before.text, `${before.selector}: the same text`);
        assert.ok(Math.abs(after.top - before.top) <= 1 && Math.abs(after.left - before.left) <= 1,
          `${before.selector} moved from (${before.left}, ${before.top}) to (${after.left}, ${after.top})`);
        assert.ok(Math.abs(after.width - before.width) <= 1, `${before.selector}: width ${before.width} → ${after.width}`);
      }
      if (servedMain) {
        assert.deepEqual(await mainContent(page), servedMain, 'the main content as served is the app’s');
      }
      session.expectNoErrors();
    });
  }
}

// The essay page's code is a WASM module of its own (src/essay_code.rs).
const ESSAY_CODE = /\/essais-split_essay_page-[0-9a-f]{16}\.wasm$/;

test('the essay page’s code: an essay’s entry page fetches it once, beside the app’s code; the library takes over without it', async (t) => {
  const essay = await openPage(app.browser, { serviceWorkers: 'block' });
  t.after(() => essay.close());
  const fetched = [];
  essay.page.on('request', (request) => {
    if (ESSAY_CODE.test(new URL(request.url()).pathname)) fetched.push(request.url());
  });
  await essay.page.goto(app.server.url + 'en/the-broken-business-model-of-business/');
  const preloads = await essay.page.locator('link[rel="preload"][as="fetch"]').evaluateAll((links) => links.map((l) => l.href));
  assert.ok(preloads.some((href) => ESSAY_CODE.test(new URL(href).pathname)), `preloaded: ${preloads.join(', ')}`);
  await appReady(essay.page);
  await essay.page.locator('article.essay .essay-body p').first().waitFor();
  assert.equal(fetched.length, 1, 'one fetch: the app takes the preloaded response');
  essay.expectNoErrors();

  // The library, its essay page's code held back: drawn by the app all the same.
  const library = await openPage(app.browser, { locale: 'fr-FR', serviceWorkers: 'block' });
  t.after(() => library.close());
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  let asked = false;
  await library.page.route(ESSAY_CODE, async (route) => {
    asked = true;
    await gate;
    await route.continue();
  });
  await library.page.goto(app.server.url + 'fr/');
  await appReady(library.page);
  await library.page.waitForFunction(() => document.querySelectorAll('.essay-entry').length === 3);
  assert.ok(asked, 'asked for ahead, as the app starts');
  release();
  await library.page.locator('.essay-entry .essay-title a').first().click();
  await library.page.locator('article.essay .essay-body p').first().waitFor();
  library.expectNoErrors();
});
