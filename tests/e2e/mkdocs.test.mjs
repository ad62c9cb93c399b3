// <fix-plan> in a real host that swaps pages without reloading: a MkDocs
// Material site (tests/e2e/mkdocs/) with navigation.instant. Proves that a
// reader who answers the widget, follows a nav link to another page and a
// link back (no full reload: the page's JavaScript state survives) finds the
// same step to do now and the same trail, with no page or console errors;
// and that with localStorage throwing the round trip breaks nothing and the
// widget draws again.
//
// The site is built here with MkDocs in a venv under target/mkdocs-venv
// (created with pip on the first run, about 12 s; needs python3 with venv and
// network access to PyPI), then dist/'s widget files are copied into the
// built site's fixplan/ folder. It is served with NO Content-Security-Policy:
// MkDocs Material's pages carry inline scripts that the strict policy of the
// other browser tests would block. The site is built after the server listens:
// Material only intercepts links listed in sitemap.xml, whose site_url must
// carry the served port (see mkdocs/mkdocs.yml).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, context, open, serve, DIST } from './browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VENV = join(ROOT, 'target/mkdocs-venv');
const WIDGET_FILES = ['fixplan.js', 'fixplan_wasm.js', 'fixplan_wasm_bg.wasm', 'fixplan.css', 'kb'];

/**
 * Builds the MkDocs site into `out` for pages served at `siteUrl` (setting up
 * the venv once), with the widget under fixplan/.
 */
function buildSite(out, siteUrl) {
  if (!existsSync(join(VENV, 'bin/mkdocs'))) {
    const t0 = Date.now();
    execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
    execFileSync(join(VENV, 'bin/pip'), ['install', '--quiet', 'mkdocs-material'], { stdio: 'inherit' });
    console.log(`mkdocs-material installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const t0 = Date.now();
  execFileSync(join(VENV, 'bin/mkdocs'), ['build', '--quiet', '-f', 'tests/e2e/mkdocs/mkdocs.yml', '-d', out], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SITE_URL: siteUrl, NO_MKDOCS_2_WARNING: '1' },
  });
  console.log(`mkdocs build: ${Date.now() - t0} ms`);
  for (const file of WIDGET_FILES) cpSync(join(DIST, file), join(out, 'fixplan', file), { recursive: true });
}

let browser;
let server;
let site;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'fixplan-mkdocs-'));
  server = await serve(site, {}); // no CSP: Material's inline scripts
  buildSite(site, server.url); // the port is known once the server listens
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

const METHOD = 'iCloud Backup (on the iPhone)';

async function widgetReady(page) {
  await page.locator('fix-plan .body').waitFor();
}

/** Follows the primary sidebar's nav link to the "Other" page, then the in-page link back; checks no reload. */
async function roundTrip(page) {
  await page.evaluate(() => { window.__marker = 1; });
  await page.locator('.md-sidebar--primary').getByRole('link', { name: 'Other', exact: true }).click();
  await page.waitForURL(/\/other\/$/);
  await page.getByRole('heading', { level: 1, name: 'Another page' }).waitFor();
  assert.equal(await page.locator('fix-plan').count(), 0, 'the other page has no widget');
  assert.equal(await page.evaluate(() => window.__marker), 1, 'instant navigation: no full reload');
  await page.locator('article').getByRole('link', { name: 'iPhone backup troubleshooter' }).click();
  await page.waitForURL(/\/backup\/$/);
  await widgetReady(page);
  assert.equal(await page.evaluate(() => window.__marker), 1, 'instant navigation back: no full reload');
}

test('progress survives an instant-navigation round trip in MkDocs Material', async () => {
  // Wide enough that Material shows its primary sidebar (the nav) instead of a drawer.
  const ctx = await context(browser, { viewport: { width: 1400, height: 900 } });
  ctx.setDefaultTimeout(15_000);
  const { page, problems } = await open(ctx, `${server.url}backup/`);
  await widgetReady(page);
  await page.waitForTimeout(550); // the widget's double-tap guard
  await page.locator('fix-plan [part="question"]').getByRole('button', { name: METHOD }).click();
  await page.locator('fix-plan [part~="said"]').filter({ hasText: 'iCloud Backup' }).first().waitFor();
  const step = (await page.locator('fix-plan .current h3').first().textContent()).trim();
  assert.ok(step, 'a step to do now');
  await page.evaluate(() => { document.querySelector('fix-plan').__before = true; });

  await roundTrip(page);

  // Material put a new element from the fetched page: the progress came back through storage.
  assert.equal(await page.evaluate(() => document.querySelector('fix-plan').__before), undefined);

  assert.equal((await page.locator('fix-plan .current h3').first().textContent()).trim(), step);
  const trail = await page.locator('fix-plan [part~="said"]').allTextContents();
  assert.ok(trail.some((t) => t.includes('iCloud Backup')), trail.join(' | '));
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('with localStorage throwing, the round trip adds no error to the host\'s and the widget draws again', async () => {
  const ctx = await context(browser, { viewport: { width: 1400, height: 900 } });
  ctx.setDefaultTimeout(15_000);
  await ctx.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('storage is off', 'SecurityError'); },
    });
  });
  // Material itself throws here: its inline palette script calls __md_get, whose default
  // parameter reads localStorage outside any try. That is the host's baseline, taken on
  // the page without the widget; the widget's page and the round trip must add nothing.
  const host = await open(ctx, `${server.url}other/`);
  await host.page.getByRole('heading', { level: 1, name: 'Another page' }).waitFor();
  await host.page.waitForTimeout(500);
  assert.deepEqual(host.problems, ['pageerror: storage is off'], 'Material\'s own error, as of mkdocs-material 9.8');

  const { page, problems } = await open(ctx, `${server.url}backup/`);
  await widgetReady(page);
  await page.waitForTimeout(550);
  await page.locator('fix-plan [part="question"]').getByRole('button', { name: METHOD }).click();
  await page.locator('fix-plan [part~="said"]').filter({ hasText: 'iCloud Backup' }).first().waitFor();
  assert.deepEqual(problems, host.problems, 'the page load: only the host\'s error');

  await roundTrip(page);

  // Nothing was saved, so the widget starts over: the method question is asked again.
  await page.locator('fix-plan [part="question"]').getByRole('button', { name: METHOD }).waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(problems, host.problems, 'the round trip: no error');
  await ctx.close();
});
