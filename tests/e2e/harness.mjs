// Shared by the end-to-end tests: a plain static server over the release
// build, Debian's Chromium driven by playwright-core, and a page that fails
// the test on any console error or uncaught exception.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = process.env.ESSAIS_DIST ?? path.join(root, 'dist');

// What every browser of the suite is started with: no sandbox (root in CI),
// and nothing that reaches for the network on its own.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Serves `dir` with Python's http.server on 127.0.0.1 and a free port: a
 * static server that knows nothing of the app, as any host would be.
 */
export async function serveStatic(dir = distDir) {
  const server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`static server did not start: ${output}`)), 10_000);
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    server.on('exit', (code) => reject(new Error(`static server exited with ${code}: ${output}`)));
  });
  server.stderr.resume();
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      server.kill();
      await once(server, 'exit');
    },
  };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A browser with a real (temporary) profile in `dir`, for what incognito contexts cannot do (installing). */
export function launchProfile(dir) {
  return chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A fresh context (empty cache and storage) and page in `locale`. Every
 * console error and page error is recorded; `expectNoErrors()` fails the test
 * on any that `allowed` patterns do not cover.
 */
export async function openPage(browser, { locale = 'en-US', allowed = [], viewport, bypassCSP = false, serviceWorkers = 'allow' } = {}) {
  // bypassCSP only for tools injected into the page (axe-core): the app
  // itself always runs under its Content-Security-Policy. serviceWorkers:
  // 'block' where a test substitutes responses (a worker would answer from
  // its precache instead).
  const context = await browser.newContext({ locale, bypassCSP, serviceWorkers, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  return {
    page,
    context,
    errors,
    expectNoErrors() {
      const unexpected = errors.filter((e) => !allowed.some((pattern) => pattern.test(e)));
      assert.deepEqual(unexpected, [], 'the page logged errors');
    },
    close: () => context.close(),
  };
}

/**
 * A page whose app code (its WASM) is held back until `release()`: what the
 * reader sees before the app runs, the page as served. No service worker,
 * so that every request goes through the route.
 */
export async function openHeldBack(browser, options = {}) {
  const session = await openPage(browser, { serviceWorkers: 'block', ...options });
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await session.page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  return { ...session, release };
}

/** Text of every element matching `selector`, trimmed. */
export async function texts(page, selector) {
  return (await page.locator(selector).allTextContents()).map((t) => t.trim());
}

const axePath = path.join(root, 'node_modules/axe-core/axe.min.js');

/** Runs axe-core on the page and returns its violations (rule id and targets). */
export async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations;
}

/**
 * Waits until the app has rendered a page (library entries, an essay, or a
 * message) and taken the place of the page pre-rendered in the entry page
 * (which has the same elements, drawn before the app runs).
 */
export async function appReady(page) {
  await page.waitForFunction(() => !document.getElementById('boot'), null, { timeout: 30_000 });
  await page.locator('.essay-entry, .search-hit, article.essay, .not-found, .load-error, .no-match').first().waitFor();
}

/**
 * Waits until a search has answered in full: nothing found, or its hits
 * drawn with their snippets and the matches one typo away among them (the
 * results are drawn before both, marked busy until then).
 */
export async function searched(page, options = {}) {
  await page.locator('.search-hit, .no-match').first().waitFor(options);
  await page.locator('.search-results[aria-busy="true"]').waitFor({ ...options, state: 'detached' });
}

/**
 * The search could not be prepared (a file of its index missing, corrupt or
 * of another version): said in an alert, `failed` then `cause`, the filters
 * still there and no hit shown (nothing half-read). Returns the alert.
 */
export async function searchFailed(page, failed, cause) {
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const message = await alert.locator('p').textContent();
  assert.ok(message.startsWith(failed), message);
  assert.match(message.slice(failed.length), cause);
  assert.ok((await page.locator('.facet').count()) > 0, 'the filters stay');
  assert.equal(await page.locator('.search-hit').count(), 0, 'nothing half-read is shown');
  return alert;
}

/**
 * Writes into `dir` the seed's content and `count` translated pairs after
 * it (`essai-<i>`/`essay-<i>`, "Essai numéro <i>"/"Essay number <i>",
 * translation key `pair-<i>`), pair `i`'s category `category(i)` and its
 * paragraphs in language `lang` `paragraphs(lang, i)`, as an editor would.
 */
export function writeSeedAndPairs(dir, count, { category, paragraphs }) {
  fs.cpSync(path.join(root, 'content'), dir, { recursive: true });
  for (let i = 1; i <= count; i++) {
    for (const [lang, slug, title, position] of [
      ['fr', `essai-${i}`, `Essai numéro ${i}`, 100 + 2 * i],
      ['en', `essay-${i}`, `Essay number ${i}`, 101 + 2 * i],
    ]) {
      fs.writeFileSync(path.join(dir, 'essays', `${slug}.${lang}.md`), [
        '+++', `slug = "${slug}"`, `lang = "${lang}"`, `title = "${title}"`, `translation_key = "pair-${i}"`,
        `position = ${position}`, `categories = ["${category(i)}"]`, 'tags = ["future-of-work"]', 'comments = 0', '+++', '',
        ...paragraphs(lang, i).flatMap((p) => [p, '']),
      ].join('\n'));
    }
  }
}

/**
 * A deployment of the release build with the corpus of `content` (a content
 * directory) in place of the seed's, written into `dir` by the same tools as
 * Trunk's hooks (corpus build, pages, service worker), `env` added to
 * theirs. Returns its path.
 */
export function deployContent(content, dir, env = {}) {
  const dist = path.join(dir, 'dist');
  fs.cpSync(distDir, dist, { recursive: true });
  for (const old of ['fr', 'en', 'essais', 'corpus']) fs.rmSync(path.join(dist, old), { recursive: true, force: true });
  const run = (pkg, bin, args) => execFileSync('cargo', ['run', '--quiet', '--offline', '-p', pkg, '--bin', bin, '--', ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  run('essais-core', 'corpus', ['build', content, path.join(dist, 'corpus.json')]);
  run('essais-pages', 'pages', [path.join(dist, 'corpus.json'), dist]);
  execFileSync('node', ['scripts/service-worker.mjs', dist], { cwd: root, stdio: 'inherit' });
  return dist;
}

/**
 * Opens `url`, waits until the app has taken over (the pre-rendered page has
 * a footer of its own until then) and has saved everything for offline
 * reading, then cuts the network.
 */
export async function openThenGoOffline(page, context, url) {
  await page.goto(url);
  await appReady(page);
  await page.locator('.offline-ready').waitFor();
  await context.setOffline(true);
}

/** The deployment in which content changed (scripts/setup.sh, build_test_deployments). */
export const updateDistDir = path.join(path.dirname(distDir), 'dist-update');

/**
 * For a test file: one static server over `dir` (dist/ unless told) and one
 * browser, started before its tests and stopped after. `visit(address,
 * options)` opens the app at `address` in a fresh context and waits until it
 * has rendered.
 */
export function useApp(dir = distDir) {
  const app = {};
  before(async () => {
    app.server = await serveStatic(dir);
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  app.visit = async (address, options = {}) => {
    const session = await openPage(app.browser, options);
    await session.page.goto(app.server.url + address);
    await appReady(session.page);
    return session;
  };
  return app;
}
