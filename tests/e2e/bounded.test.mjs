// State that stays bounded, on the demo article: a long session keeps its
// saved progress and share link small with Undo still working, and share
// links far past what the widget reads leave it usable with a plain note.
// (How long such restores take is measured, not asserted, by
// benches/browser/restore-timing.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, context, open, ready, hostileLinks, serve, DIST, SITE_CSP } from './browser.mjs';

// FIXPLAN_DIST runs the same checks on another build, e.g. an older one.
const ROOT = process.env.FIXPLAN_DIST ?? DIST;
const TOGGLES = 2000;

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await serve(ROOT, { csp: SITE_CSP });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The widget's note, the number of plan steps, and its chips' pressed states. */
function state(page) {
  return page.evaluate(() => {
    const root = document.querySelector('fix-plan').shadowRoot;
    const note = root.querySelector('.note');
    return {
      note: note && !note.hidden ? note.textContent : '',
      steps: root.querySelectorAll('ol.plan > li').length,
      pressed: [...root.querySelectorAll('button[aria-pressed]')].map((b) => b.getAttribute('aria-pressed')),
    };
  });
}

test(`${TOGGLES} chip toggles keep saved progress and the share link under 1 KB, and Undo still works`, async () => {
  const ctx = await context(browser);
  ctx.setDefaultTimeout(60_000);
  try {
    const { page, problems } = await open(ctx, server.url + 'index.html');
    await ready(page);
    // Five chips from across the widget, clicked in turn as fast as the page
    // renders: the same path a reader's clicks take.
    const last = await page.evaluate((count) => {
      const chips = [...document.querySelector('fix-plan').shadowRoot.querySelectorAll('button[aria-pressed]')];
      const picked = [0, 3, 7, 12, 20].map((i) => chips[i % chips.length]);
      for (let i = 0; i < count; i++) picked[i % picked.length].click();
      const chip = picked[(count - 1) % picked.length];
      return { index: chips.indexOf(chip), pressed: chip.getAttribute('aria-pressed') };
    }, TOGGLES);
    const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fixplan:')).map((k) => localStorage.getItem(k)));
    assert.equal(saved.length, 1);
    assert.ok(saved[0].length <= 1024, `saved progress is ${saved[0].length} characters`);

    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.locator('fix-plan input[id$="-link"]').inputValue();
    assert.ok(link.includes('#fixplan='), link);
    assert.ok(link.length <= 1024, `the share link is ${link.length} characters`);

    await page.getByRole('button', { name: 'Undo' }).click();
    const after = await state(page);
    assert.notEqual(after.pressed[last.index], last.pressed, 'Undo did not take back the last toggle');
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('share links far past what the widget reads leave it usable, with a plain note', async () => {
  const links = hostileLinks(server.url + 'index.html');
  const notes = {
    'steps, 2 MB': 'This link holds more than the troubleshooter can read, so it was not opened.',
    'unknown id, 1.87 MB': 'This link holds more than the troubleshooter can read, so it was not opened.',
    'unknown id, 40,000 characters': 'Some of your earlier answers could not be restored.',
    'steps, 1,050 (under the cap)': 'Some of your earlier answers could not be restored.',
  };
  for (const [what, url] of Object.entries(links)) {
    const ctx = await context(browser);
    ctx.setDefaultTimeout(60_000);
    try {
      const { page } = await open(ctx, url);
      await ready(page);
      const shown = await state(page);
      assert.equal(shown.note, notes[what], what);
      assert.ok(shown.steps > 0, `${what}: no plan`);
      // The widget answers the next click, and the address bar then holds
      // the reader's small state instead of the link.
      const chip = page.getByRole('group').getByRole('button', { name: 'iCloud Backup', exact: true });
      await chip.click();
      assert.equal(await chip.getAttribute('aria-pressed'), 'true', what);
      const hash = await page.evaluate(() => location.hash.length);
      assert.ok(hash <= 1024, `${what}: the link is still ${hash} characters`);
    } finally {
      await ctx.close();
    }
  }
});

test('progress an older version stored at over 64 KB is not read, and the widget says so', async () => {
  const events = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0
    ? { type: 'observe', symptom: 'storage_full', value: true }
    : { type: 'retract', symptom: 'storage_full' }));
  const stored = JSON.stringify({ format: 1, kb: 'iphone-backup', kb_version: '1.0.0', events });
  assert.ok(stored.length > 64 * 1024);
  const ctx = await context(browser);
  ctx.setDefaultTimeout(60_000);
  await ctx.addInitScript((text) => localStorage.setItem('fixplan:iphone-backup:1.0.0', text), stored);
  try {
    const { page } = await open(ctx, server.url + 'index.html');
    await ready(page);
    const shown = await state(page);
    assert.equal(shown.note, 'Your earlier progress could not be restored.');
    assert.ok(shown.steps > 0, 'no plan');
  } finally {
    await ctx.close();
  }
});
