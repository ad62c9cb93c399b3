// The demo as an installable app: it works offline after the first visit
// with progress intact, and a new build takes over after one reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, context, open, ready, firstStep, tapSymptom, serve, DIST, STRICT_CSP, SITE_CSP, cspViolations } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A catalogue chip's pressed state ("More symptoms", open or folded). */
const pressed = (page, name) => page.evaluate((name) => {
  const chips = [...document.querySelector('fix-plan').shadowRoot.querySelectorAll('details.more button.chip')];
  return chips.find((b) => b.textContent === name)?.getAttribute('aria-pressed') ?? 'missing';
}, name);

async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('after one visit the demo works offline, with saved progress', async () => {
  const server = await serve(DIST, { csp: SITE_CSP });
  const ctx = await context(browser);
  ctx.setDefaultTimeout(10_000);
  const { page, problems } = await open(ctx, server.url + 'index.html');
  await ready(page);
  await controlled(page);
  const w = page.locator('fix-plan').first();
  await w.getByRole('button', { name: 'iCloud Backup (on the iPhone)', exact: true }).click();
  await tapSymptom(page, 'iCloud storage bar is full');
  const step = await firstStep(page);

  await ctx.setOffline(true);
  await page.reload();
  await ready(page);
  assert.equal(await pressed(page, 'iCloud Backup'), 'true');
  assert.equal(await pressed(page, 'iCloud storage bar is full'), 'true');
  assert.equal(await w.locator('.note').isHidden(), true, 'the restore left a note');
  assert.equal(await w.locator('.confirm').isHidden(), true, 'the restore asks for a confirmation');
  assert.equal(await firstStep(page), step);
  // The plan goes on offline: the step after the first one, then fixed.
  await w.locator('section.current').getByRole('button', { name: "Didn't help", exact: true }).click();
  await page.waitForFunction((before) => {
    const h = document.querySelector('fix-plan').shadowRoot.querySelector('section.current h3');
    return h && h.textContent.trim() !== before;
  }, step);
  const next = await firstStep(page);
  // Fresh buttons under the pointer: wait out the double-tap guard.
  await page.waitForTimeout(550);
  await w.locator('section.current').getByRole('button', { name: 'Fixed it', exact: true }).click();
  await w.locator('section.current').getByRole('heading', { name: `Glad that fixed it: ${next}`, exact: true }).waitFor();
  await w.locator('section.current').getByRole('button', { name: 'Start over', exact: true }).waitFor();
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await ctx.close();
  await server.close();
});

test('the embed page without our service worker fails politely offline', async () => {
  const server = await serve(DIST, { csp: STRICT_CSP });
  const ctx = await context(browser);
  ctx.setDefaultTimeout(10_000);
  const { page } = await open(ctx, server.url + 'embed.html');
  await ready(page);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  // The page is already here; the widget's next load of its knowledge base fails.
  await ctx.setOffline(true);
  await page.evaluate(() => document.querySelector('fix-plan').setAttribute('kb', 'kb/other.json'));
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByRole('alert').textContent(), 'The troubleshooter could not load its knowledge base. Try again');
  assert.equal(await page.getByRole('alert').getByRole('button', { name: 'Try again' }).isVisible(), true);
  // The widget already drawn stays, and still answers the reader.
  const w = page.locator('fix-plan').first();
  assert.equal(await w.locator('.body').count(), 1);
  await w.getByRole('button', { name: 'iCloud Backup (on the iPhone)', exact: true }).click();
  assert.ok(await firstStep(page), 'no step to do now');
  await ctx.close();
  await server.close();
});

test('a new build takes over after one reload and old caches are deleted', async () => {
  const buildB = await mkdtemp(join(tmpdir(), 'fixplan-b-'));
  await cp(DIST, buildB, { recursive: true });
  const index = join(buildB, 'index.html');
  await writeFile(index, (await readFile(index, 'utf8')).replace('<title>', '<title>Build B: '));
  // Re-stamp the worker from its template, as `make dist` does.
  await cp(new URL('../../www/sw.js', import.meta.url), join(buildB, 'sw.js'));
  execFileSync('node', [new URL('../../scripts/stamp-sw.mjs', import.meta.url).pathname, buildB]);

  // One origin throughout: the server switches from build A to build B.
  const server = await serve(DIST, { csp: SITE_CSP });
  const ctx = await context(browser);
  ctx.setDefaultTimeout(10_000);
  const { page } = await open(ctx, server.url + 'index.html');
  await ready(page);
  await controlled(page);
  const cachesA = await page.evaluate(() => caches.keys());
  server.setRoot(buildB);
  await page.reload();
  await ready(page);
  assert.match(await page.title(), /^Build B: /, 'online, one reload later');
  // B's worker installs in the background, then replaces A's cache.
  let keys = [];
  for (let i = 0; i < 150; i++) {
    keys = await page.evaluate(() => caches.keys());
    if (keys.length === 1 && !cachesA.includes(keys[0])) break;
    await page.waitForTimeout(100);
  }
  assert.equal(keys.length, 1, keys.join());
  assert.ok(!cachesA.includes(keys[0]), 'the old build\'s cache is gone');
  const cachedTitle = await page.evaluate(async () => {
    const [key] = await caches.keys();
    const hit = await (await caches.open(key)).match('index.html');
    return (await hit.text()).match(/<title>[^<]*/)[0];
  });
  assert.match(cachedTitle, /Build B: /, 'the new cache holds the new page');
  await ctx.setOffline(true);
  await page.reload();
  await ready(page);
  assert.match(await page.title(), /^Build B: /, 'offline, from the new cache');
  await ctx.close();
  await server.close();
  await rm(buildB, { recursive: true, force: true });
});
