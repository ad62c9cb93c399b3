// A panic inside the wasm must not leave a dead widget. `make test-e2e`
// builds target/faults/ with the `fault-injection` feature, whose
// test-only `arm_panic()` export makes the next action panic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, context, open, ready, cspViolations, serve, DIST, STRICT_CSP } from './browser.mjs';

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
    const chip = (name) => page.getByRole('group').getByRole('button', { name, exact: true });
    await chip('iCloud Backup').click();
    await chip('iCloud storage bar is full').click();

    // The module the widget imported: same URL, same instance.
    await page.evaluate(async () => (await import('/fixplan_wasm.js')).arm_panic());
    await chip('The backup takes many hours').click();
    await page.waitForFunction(() => window.__errors.length > 0);
    assert.deepEqual(await page.evaluate(() => window.__errors), ['the engine failed and was restarted']);
    await page.getByText(/restarted/i).first().waitFor();
    // The choices saved before the failed action are back.
    assert.equal(await chip('iCloud Backup').getAttribute('aria-pressed'), 'true');
    assert.equal(await chip('iCloud storage bar is full').getAttribute('aria-pressed'), 'true');

    // Arming the old instance again does nothing to the new one: the
    // widget really runs in a fresh instance, and it keeps working.
    await page.evaluate(async () => (await import('/fixplan_wasm.js')).arm_panic());
    await chip('The backup takes many hours').click();
    await assert.doesNotReject(page.waitForFunction(
      () => [...document.querySelector('fix-plan').shadowRoot.querySelectorAll('button[aria-pressed="true"]')]
        .some((b) => b.textContent.includes('The backup takes many hours')),
    ));
    assert.equal(await chip('The backup takes many hours').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.evaluate(() => window.__errors.length), 1);

    assert.deepEqual(await cspViolations(page), []);
    // The only console errors are the widget's own report of the panic.
    assert.ok(problems.length > 0 && problems.every((p) => /unreachable|engine failed|panicked|injected fault/i.test(p)), problems.join('\n'));
    await ctx.close();
  } finally {
    await browser.close();
    await server.close();
  }
});
