// A panic inside the wasm must not leave a dead widget. `make test-e2e`
// builds target/faults/ with the `fault-injection` feature, whose
// test-only `arm_panic()` export makes the next action panic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, context, open, ready, tapSymptom, cspViolations, serve, DIST, STRICT_CSP } from './browser.mjs';

const file = (path) => readFile(fileURLToPath(new URL(path, import.meta.url)));

test('a panic in the engine restarts it in a fresh instance, keeping the reader’s choices', async () => {
  // The faults build is not the one dist/ pins by hash, so serve the
  // unstamped script from www/ with it.
  const bodies = {
    '/fixplan.js': { type: 'text/javascript', body: await file('../../www/fixplan.js') },
    '/fixplan_wasm.js': { type: 'text/javascript', body: await file('../../target/faults/fixplan_wasm.js') },
    '/fixplan_wasm_bg.wasm': { type: 'application/wasm', body: await file('../../target/faults/fixplan_wasm_bg.wasm') },
  };
  const server = await serve(DIST, { csp: STRICT_CSP, override: (p) => (bodies[p] ? { status: 200, ...bodies[p] } : null) });
  const browser = await launch();
  try {
    const ctx = await context(browser);
    ctx.setDefaultTimeout(10_000);
    const { page, problems } = await open(ctx, server.url + 'embed.html');
    await ready(page);
    await page.evaluate(() => {
      window.__errors = [];
      document.addEventListener('fixplan:error', (e) => window.__errors.push(e.detail.message));
    });
    const w = page.locator('fix-plan').first();
    // Catalogue chips ("More symptoms", open or folded): built once per
    // widget, so each shows whether the reader has said it.
    const pressed = (name) => page.evaluate((name) => {
      const chips = [...document.querySelector('fix-plan').shadowRoot.querySelectorAll('details.more button.chip')];
      return chips.find((b) => b.textContent === name)?.getAttribute('aria-pressed') ?? 'missing';
    }, name);
    await w.getByRole('button', { name: 'iCloud Backup (on the iPhone)', exact: true }).click();
    await tapSymptom(page, 'iCloud storage bar is full');
    assert.equal(await pressed('iCloud Backup'), 'true');
    assert.equal(await pressed('iCloud storage bar is full'), 'true');
    const mounted = await w.locator('.body').elementHandle();

    // The module the widget imported: same URL, same instance.
    await page.evaluate(async () => (await import('/fixplan_wasm.js')).arm_panic());
    await tapSymptom(page, 'The backup takes many hours');
    await page.waitForFunction(() => window.__errors.length > 0);
    assert.deepEqual(await page.evaluate(() => window.__errors), ['the engine failed and was restarted']);
    await w.locator('.note').getByText('Something went wrong, so the troubleshooter restarted where you left off.', { exact: true }).waitFor();
    // A new widget drew itself in place of the old one, not beside it.
    assert.equal(await mounted.evaluate((el) => el.isConnected), false, 'the trapped widget is still on the page');
    assert.equal(await w.locator('.body').count(), 1);
    // The choices saved before the failed action are back; the failed one is not.
    assert.equal(await pressed('iCloud Backup'), 'true');
    assert.equal(await pressed('iCloud storage bar is full'), 'true');
    assert.equal(await pressed('The backup takes many hours'), 'false');
    assert.deepEqual(await w.locator('li[part=said] > span').allTextContents(), ['iCloud Backup', 'iCloud storage bar is full']);

    // Arming the old instance again does nothing to the new one: the
    // widget really runs in a fresh instance, and it keeps working.
    await page.evaluate(async () => (await import('/fixplan_wasm.js')).arm_panic());
    await tapSymptom(page, 'The backup takes many hours');
    await assert.doesNotReject(page.waitForFunction(
      () => [...document.querySelector('fix-plan').shadowRoot.querySelectorAll('details.more button[aria-pressed="true"]')]
        .some((b) => b.textContent.includes('The backup takes many hours')),
    ));
    assert.equal(await pressed('The backup takes many hours'), 'true');
    assert.equal(await page.evaluate(() => window.__errors.length), 1);
    // And it saves as before: what is stored is what the widget shows.
    const { saved, session } = await page.evaluate(() => ({
      saved: localStorage.getItem('fixplan:iphone-backup:1.0.0'),
      session: document.querySelector('fix-plan').view.session,
    }));
    assert.equal(saved, session);
    assert.equal((JSON.parse(saved).events ?? []).length, 3, saved);

    assert.deepEqual(await cspViolations(page), []);
    // The only console errors are the widget's own report of the panic.
    assert.ok(problems.length > 0 && problems.every((p) => /unreachable|engine failed|panicked|injected fault/i.test(p)), problems.join('\n'));
    await ctx.close();
  } finally {
    await browser.close();
    await server.close();
  }
});
