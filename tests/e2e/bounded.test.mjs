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

/**
 * The widget's note, the question it asks, the step to do now, and the
 * catalogue chips' pressed states.
 */
function state(page) {
  return page.evaluate(() => {
    const root = document.querySelector('fix-plan').shadowRoot;
    const note = root.querySelector('.note');
    const question = root.querySelector('section[part=question]');
    const current = root.querySelector('section.current');
    return {
      note: note && !note.hidden ? note.textContent : '',
      question: question && !question.hidden ? question.querySelector('.question-text')?.textContent ?? '' : '',
      step: current && !current.hidden ? current.querySelector('h3')?.textContent.trim() ?? '' : '',
      pressed: [...root.querySelectorAll('details.more button.chip[aria-pressed]')].map((b) => b.getAttribute('aria-pressed')),
    };
  });
}

const METHOD_QUESTION = 'How do you back up this iPhone?';
// Plain yes/no observations none of which makes a data-deleting step
// possible, so no tap waits for a confirmation.
const TOGGLED = [
  'The backup takes many hours',
  'iCloud storage bar is full',
  'Low Power Mode is on (yellow battery)',
  'A VPN, proxy or content filter is on',
  'The iPhone is on the charger overnight',
];

test(`${TOGGLES} chip toggles keep saved progress and the share link under 1 KB, and Undo still works`, async () => {
  const ctx = await context(browser);
  ctx.setDefaultTimeout(60_000);
  try {
    const { page, problems } = await open(ctx, server.url + 'index.html');
    await ready(page);
    const w = page.locator('fix-plan').first();
    await w.getByRole('button', { name: 'iCloud Backup (on the iPhone)', exact: true }).click();
    await w.locator('section.current h3').waitFor();
    // Five catalogue chips ("More symptoms"), clicked in turn as fast as the
    // page renders: the same path a reader's clicks take (from script, so
    // the double-tap guard does not apply).
    const last = await page.evaluate(([count, names]) => {
      const root = document.querySelector('fix-plan').shadowRoot;
      const chips = [...root.querySelectorAll('details.more button.chip[aria-pressed]')];
      const picked = names.map((name) => chips.find((b) => b.textContent === name));
      if (picked.some((b) => !b)) throw new Error(`missing chips: ${names.filter((_, i) => !picked[i]).join(', ')}`);
      const before = picked.map((b) => b.getAttribute('aria-pressed'));
      for (let i = 0; i < count; i++) picked[i % picked.length].click();
      const chip = picked[(count - 1) % picked.length];
      return {
        index: chips.indexOf(chip),
        pressed: chip.getAttribute('aria-pressed'),
        // Each chip was toggled count / 5 times: an even number leaves it as it was.
        unchanged: picked.every((b, i) => b.getAttribute('aria-pressed') === before[i]),
        confirm: !root.querySelector('.confirm').hidden,
      };
    }, [TOGGLES, TOGGLED]);
    assert.equal(last.confirm, false, 'a toggle asked for a confirmation');
    assert.ok(last.unchanged, 'the chips did not follow the clicks');
    assert.equal(last.pressed, 'false');
    const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fixplan:')).map((k) => localStorage.getItem(k)));
    assert.equal(saved.length, 1);
    assert.ok(saved[0].length <= 1024, `saved progress is ${saved[0].length} characters`);
    // What is saved still holds the first answer.
    assert.match(saved[0], /"question":"ask_channel","value":"icloud"/);

    await w.locator('[part=toolbar]').getByRole('button', { name: 'Share', exact: true }).click();
    const link = await w.locator('#copy-output').inputValue();
    assert.ok(link.includes('#fixplan='), link);
    assert.ok(link.length <= 1024, `the share link is ${link.length} characters`);
    const hash = await page.evaluate(() => location.hash);
    assert.ok(link.endsWith(hash) && hash.length > 0, 'the address bar holds the same link');

    await w.locator('[part=toolbar]').getByRole('button', { name: 'Undo', exact: true }).click();
    const after = await state(page);
    assert.notEqual(after.pressed[last.index], last.pressed, 'Undo did not take back the last toggle');
    assert.ok(after.step, 'no step to do now after Undo');
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
    // Its only step is refused, so nothing of it was restored.
    'unknown id, 40,000 characters': 'Your earlier progress could not be restored.',
    // The first 1,000 steps are read, the rest dropped.
    'steps, 1,050 (under the cap)': 'Some of your earlier answers could not be restored.',
  };
  for (const [what, url] of Object.entries(links)) {
    const ctx = await context(browser);
    ctx.setDefaultTimeout(60_000);
    try {
      const { page, problems } = await open(ctx, url);
      await ready(page);
      const shown = await state(page);
      assert.equal(shown.note, notes[what], what);
      assert.equal(shown.question, METHOD_QUESTION, `${what}: the widget does not ask its first question`);
      // The widget answers the next tap, and the address bar then holds
      // nothing of the link, or the reader's small state instead of it.
      const w = page.locator('fix-plan').first();
      await w.getByRole('button', { name: 'iCloud Backup (on the iPhone)', exact: true }).click();
      await w.locator('section.current h3').waitFor();
      assert.ok((await state(page)).step, `${what}: no step to do now`);
      const hash = await page.evaluate(() => location.hash.length);
      assert.ok(hash <= 1024, `${what}: the link is still ${hash} characters`);
      assert.deepEqual(problems, [], what);
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
    assert.equal(shown.question, METHOD_QUESTION, 'the widget does not ask its first question');
    // It works, and the reader's new progress replaces the oversized text.
    const w = page.locator('fix-plan').first();
    await w.getByRole('button', { name: 'iCloud Backup (on the iPhone)', exact: true }).click();
    await w.locator('section.current h3').waitFor();
    const saved = await page.evaluate(() => localStorage.getItem('fixplan:iphone-backup:1.0.0'));
    assert.ok(saved.length < 1024, `saved progress is still ${saved.length} characters`);
  } finally {
    await ctx.close();
  }
});
