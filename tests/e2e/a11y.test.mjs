// Accessibility of the widget in every state a reader can reach: axe-core
// (WCAG 2.2 AA) inside the shadow root, the keyboard, reflow at 320 px and at
// 200 % zoom, reduced motion and forced colours. Screenshots of the layout
// and preference checks go to target/e2e-screenshots/ for a human to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, context, open, ready, firstStep, widget, axeViolations, serve, servePages, buildKb, DIST, STRICT_CSP, SITE_CSP } from './browser.mjs';

const SHOTS = fileURLToPath(new URL('../../target/e2e-screenshots/', import.meta.url));

let browser;
let strict; // dist/ under the strict policy: embed.html, no service worker
let site; // the demo's policies: index.html registers its service worker
let missingKb; // as `strict`, but the knowledge base is a 404

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  browser = await launch();
  strict = await serve(DIST, { csp: STRICT_CSP });
  site = await serve(DIST, { csp: SITE_CSP });
  missingKb = await serve(DIST, { csp: STRICT_CSP, override: (p) => (p.endsWith('/kb/iphone-backup.json') ? { status: 404 } : null) });
});

after(async () => {
  await browser?.close();
  await Promise.all([strict?.close(), site?.close(), missingKb?.close()]);
});

// ---------------------------------------------------------------- helpers

/** A new context on `url` (a whole URL), waiting for the chips unless told not to. */
async function visit(url, { wait = true, ...options } = {}) {
  const ctx = await context(browser, options);
  ctx.setDefaultTimeout(10_000);
  const { page } = await open(ctx, url);
  if (wait) await ready(page);
  return { ctx, page };
}

/** A chip by its name; question answers may share the name, so look in chip groups. */
const chipButton = (page, name) => page.getByRole('group').getByRole('button', { name, exact: true });
const planList = (page) => page.getByRole('list', { name: 'Your fix plan' });
const question = (page) => page.getByRole('region', { name: 'Question' });

/** Two chips that leave both a plan and a question worth asking on show. */
const CHOSEN = ['iCloud Backup', 'Back Up Now works, but nightly backups never happen'];

async function chooseChips(page) {
  for (const name of CHOSEN) {
    await chipButton(page, name).click();
    await chipButton(page, name).and(page.locator('[aria-pressed="true"]')).waitFor();
  }
}

/** The whole plan on show: every step, and the first step's reasons open. */
async function expandPlan(page) {
  await page.getByRole('button', { name: /^Show all \d+ steps$/ }).click();
  await page.getByRole('button', { name: 'Show fewer steps' }).waitFor();
  await planList(page).getByRole('listitem').first().getByText('Why this step?').click();
  await planList(page).locator('details[open]').first().waitFor();
}

/** Runs `fn(host, arg)` in the page on the <fix-plan> element (its shadow root is host.shadowRoot). */
function onWidget(page, fn, arg) {
  return widget(page).evaluate(fn, arg);
}

async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

async function shot(page, name) {
  await widget(page).screenshot({ path: `${SHOTS}${name}.png`, animations: 'disabled' });
}

// ---------------------------------------------------------------- 1. axe in every state

// Each state: where to start, and what a reader does to get there.
const STATES = [
  ['empty (just loaded)', () => strict.url + 'embed.html', async () => {}],
  ['chips chosen', () => strict.url + 'embed.html', chooseChips],
  ['question shown', () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    await question(page).waitFor();
  }],
  ['plan shown (all steps, reasons open)', () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    await expandPlan(page);
  }],
  ['question answered "no" (a struck-out chip)', () => strict.url + 'embed.html', async (page) => {
    await chipButton(page, 'iCloud Backup').click();
    await question(page).getByRole('button', { name: 'No, there is room' }).click();
    await page.locator('.chip.is-no').waitFor();
  }],
  ["step didn't help (tried list)", () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    await planList(page).getByRole('listitem').first().getByRole('button', { name: "Didn't help" }).click();
    await page.getByRole('heading', { name: 'Already tried' }).waitFor();
  }],
  ['step fixed', () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    await planList(page).getByRole('listitem').first().getByRole('button', { name: 'Fixed it' }).click();
    await page.locator('.glad-text').waitFor();
  }],
  ['share link shown', () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    await page.getByRole('button', { name: 'Share link' }).click();
    await page.getByRole('textbox', { name: 'Link to this plan' }).or(page.getByText('Link copied.')).first().waitFor();
  }],
  ['plan shown, dark colour scheme (demo page)', () => site.url + 'index.html', async (page) => {
    assert.ok(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches));
    await chooseChips(page);
    await expandPlan(page);
  }, { colorScheme: 'dark' }],
  ['error (knowledge base 404)', () => missingKb.url + 'embed.html', async (page) => {
    await page.getByRole('alert').waitFor();
  }, { wait: false }],
  ['offline: demo page from its service worker', () => site.url + 'index.html', async (page, ctx) => {
    await controlled(page);
    await chooseChips(page);
    await ctx.setOffline(true);
    await page.reload();
    await ready(page);
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));
    assert.equal(await chipButton(page, CHOSEN[1]).getAttribute('aria-pressed'), 'true');
  }],
  ['offline: embed page without a worker', () => strict.url + 'embed.html', async (page, ctx) => {
    // The page is already here; the widget's next load of its knowledge base fails.
    await ctx.setOffline(true);
    await page.evaluate(() => document.querySelector('fix-plan').setAttribute('kb', 'kb/other.json'));
    await page.getByRole('alert').waitFor();
  }],
];

for (const [state, url, reach, options] of STATES) {
  test(`axe: no WCAG 2.2 AA violations, ${state}`, async () => {
    const { ctx, page } = await visit(url(), options);
    try {
      await reach(page, ctx);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `axe violations (${state}):\n${violations.join('\n')}`);
    } finally {
      await ctx.close();
    }
  });
}

// ---------------------------------------------------------------- 2. keyboard

/** What has focus: described, and whether a focus indicator is drawn. */
function focusInfo(page) {
  return onWidget(page, (host) => {
    const el = host.shadowRoot.activeElement;
    if (!el) return { inside: false, what: document.activeElement?.tagName.toLowerCase() ?? 'nothing' };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !/rgba\(.*, 0\)$/.test(s.outlineColor);
    const shadow = s.boxShadow !== 'none' && !/rgba\(0, 0, 0, 0\)/.test(s.boxShadow);
    return {
      inside: true,
      visible: outline || shadow,
      what: `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 40)}"`,
      text: el.textContent.trim(),
      heading: el.matches('li.step:first-child > h3'),
    };
  });
}

test('keyboard: every Tab stop shows its focus, and focus never jumps on its own', async () => {
  const { ctx, page } = await visit(strict.url + 'embed.html');
  try {
    // Tab from the top of the page to the first plan step's "Didn't help",
    // checking the focus ring at every stop on the way (chips, paste box,
    // question answers, the "Why this step?" summary, step buttons).
    const seen = [];
    let focus;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      focus = await focusInfo(page);
      assert.ok(focus.inside, `Tab stop ${i + 1} left the widget for ${focus.what}`);
      assert.ok(focus.visible, `no visible focus indicator on ${focus.what}`);
      seen.push(focus.what);
      if (focus.text === "Didn't help") break;
    }
    assert.equal(focus.text, "Didn't help", `never reached "Didn't help"; stops: ${seen.join(', ')}`);
    assert.ok(seen.length >= 8, seen.join(', '));

    // Activating it replaces the step under the reader: focus goes to the new
    // first step's heading (with a visible ring), not to <body>.
    const before = await firstStep(page);
    await page.keyboard.press('Enter');
    await page.waitForFunction((b) => document.querySelector('fix-plan').shadowRoot.querySelector('ol li h3')?.textContent.trim() !== b, before);
    focus = await focusInfo(page);
    assert.ok(focus.inside, `focus went to ${focus.what}`);
    assert.ok(focus.heading, `focus is on ${focus.what}, not on the new first step`);
    assert.equal(focus.text, await firstStep(page));
    assert.ok(focus.visible, `no visible focus indicator on ${focus.what}`);

    // Tab goes on from there, into the new step's own buttons.
    await page.keyboard.press('Tab');
    focus = await focusInfo(page);
    assert.ok(focus.inside && focus.visible, focus.what);

    // A chip toggled from the keyboard keeps focus while the plan re-renders.
    await chipButton(page, 'iCloud Backup').focus();
    await page.keyboard.press('Space');
    await chipButton(page, 'iCloud Backup').and(page.locator('[aria-pressed="true"]')).waitFor();
    await page.waitForTimeout(200); // anything that would move focus late
    focus = await focusInfo(page);
    assert.equal(focus.text, 'iCloud Backup', `focus moved to ${focus.what}`);
    assert.ok(focus.visible);
  } finally {
    await ctx.close();
  }
});

// A two-step knowledge base, so a reader can run out of steps in two presses.
const TINY_KB = buildKb('tiny');

test("keyboard: \"Didn't help\" on the last step leaves focus on the note that no steps are left", async () => {
  const pages = {
    '/tiny.html': '<!doctype html><html lang="en"><title>Tiny</title><script type="module" src="fixplan.js"></script><fix-plan kb="kb/tiny.json"></fix-plan>',
    '/kb/tiny.json': TINY_KB,
  };
  const host = await servePages(pages);
  const ctx = await context(browser);
  ctx.setDefaultTimeout(10_000);
  try {
    const { page } = await open(ctx, host.url + 'tiny.html');
    await page.getByRole('group', { name: 'What you see' }).waitFor();
    for (const step of ['Try the fix', 'Ask for help']) {
      assert.equal(await firstStep(page), step);
      await planList(page).getByRole('listitem').first().getByRole('button', { name: "Didn't help" }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('listitem').filter({ hasText: `${step}: didn't help` }).waitFor();
      const focus = await focusInfo(page);
      assert.ok(focus.inside, `after "${step}": focus went to ${focus.what}`);
      assert.ok(focus.visible, `no visible focus indicator on ${focus.what}`);
    }
    assert.equal((await focusInfo(page)).text, 'There are no more steps to suggest.');
  } finally {
    await ctx.close();
    await host.close();
  }
});

test('keyboard: Undo keeps focus when it undoes the last thing there was to undo', async () => {
  const { ctx, page } = await visit(strict.url + 'embed.html');
  try {
    const undo = page.getByRole('button', { name: 'Undo' });
    assert.equal(await undo.getAttribute('aria-disabled'), 'true');
    await chipButton(page, 'iCloud Backup').click();
    assert.equal(await undo.getAttribute('aria-disabled'), 'false');
    await undo.focus();
    await page.keyboard.press('Enter');
    await chipButton(page, 'iCloud Backup').and(page.locator('[aria-pressed="false"]')).waitFor();
    // Nothing is left to undo; the button says so, and the reader is still on it.
    assert.equal(await undo.getAttribute('aria-disabled'), 'true');
    const focus = await focusInfo(page);
    assert.equal(focus.text, 'Undo', `focus went to ${focus.what}`);
    assert.ok(focus.visible);
    await page.keyboard.press('Enter'); // harmless now
    assert.equal(await chipButton(page, 'iCloud Backup').getAttribute('aria-pressed'), 'false');
  } finally {
    await ctx.close();
  }
});

/** Every live region in the shadow root, explicit or implied by its role, with its text. */
function liveRegions(page) {
  return onWidget(page, (host) => Array.from(
    host.shadowRoot.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"], output'),
    (el) => ({ polite: el.getAttribute('aria-live') === 'polite', role: el.getAttribute('role'), text: el.textContent.trim() }),
  ));
}

test('keyboard: plan changes are announced through exactly one polite live region', async () => {
  const { ctx, page } = await visit(strict.url + 'embed.html');
  try {
    let before = await liveRegions(page);
    assert.equal(before.filter((r) => r.polite).length, 1, JSON.stringify(before));

    for (const name of ['iCloud Backup', 'iCloud storage bar is full']) {
      const step = await firstStep(page);
      await chipButton(page, name).focus();
      await page.keyboard.press('Space');
      await page.waitForFunction((s) => document.querySelector('fix-plan').shadowRoot.querySelector('ol li h3')?.textContent.trim() !== s, step);
      const now = await liveRegions(page);
      const polite = now.find((r) => r.polite);
      assert.notEqual(polite.text, before.find((r) => r.polite).text, `nothing announced after "${name}"`);
      assert.equal(polite.text, `Plan updated: first step ${await firstStep(page)}.`);
      // Only that one region speaks: the others (copy status, errors) stay as they were.
      const spoke = now.filter((r, i) => !r.polite && r.text !== before[i].text);
      assert.deepEqual(spoke, [], 'another live region changed too');
      before = now;
    }
  } finally {
    await ctx.close();
  }
});

// ---------------------------------------------------------------- 3. reflow

/** Horizontal overflow of the page, and shadow-root elements outside the widget's box. */
function overflow(page) {
  return page.evaluate(() => {
    const html = document.documentElement;
    const host = document.querySelector('fix-plan');
    const box = host.getBoundingClientRect();
    const outside = [];
    for (const el of host.shadowRoot.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // hidden, or the 1 px live region
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible') {
        outside.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${Math.round(r.left)}..${Math.round(r.right)} scroll ${el.scrollWidth}/${el.clientWidth}`);
      }
    }
    return { page: `${html.scrollWidth} > ${html.clientWidth}`, scrolls: html.scrollWidth > html.clientWidth, widget: `${Math.round(box.left)}..${Math.round(box.right)}`, outside };
  });
}

const VIEWPORTS = [
  ['320px', { viewport: { width: 320, height: 640 } }],
  // 200 % zoom of a 1280 px window: 640 CSS px, drawn with 2 device pixels each.
  ['200pct', { viewport: { width: 640, height: 512 } }],
  ['200pct-dpr2', { viewport: { width: 640, height: 512 }, deviceScaleFactor: 2 }],
];

const LAYOUT_STATES = [
  ['empty', async () => {}],
  ['question', async (page) => { await chooseChips(page); await question(page).waitFor(); }],
  ['plan', expandPlan], // after the chips of the state before
];

for (const [host, path] of [['embed', () => strict.url + 'embed.html'], ['demo', () => site.url + 'index.html']]) {
  test(`reflow: no horizontal scrolling at 320 px and at 200 % zoom (${host} page)`, async () => {
    for (const [size, options] of VIEWPORTS) {
      const { ctx, page } = await visit(path(), options);
      try {
        for (const [state, reach] of LAYOUT_STATES) {
          await reach(page);
          await shot(page, `reflow-${host}-${size}-${state}`);
          const o = await overflow(page);
          const where = `${host} page, ${size}, ${state}`;
          assert.equal(o.scrolls, false, `${where}: the page scrolls sideways (${o.page})`);
          assert.deepEqual(o.outside, [], `${where}: wider than the widget (${o.widget})`);
        }
      } finally {
        await ctx.close();
      }
    }
  });
}

// ---------------------------------------------------------------- 4. reduced motion

/** The longest transition or animation on any element (and ::before/::after) in the shadow root, in s. */
function longestMotion(page) {
  return onWidget(page, (host) => {
    const seconds = (list) => Math.max(...list.split(',').map((v) => parseFloat(v) * (v.trim().endsWith('ms') ? 0.001 : 1)));
    let longest = { s: 0, what: 'nothing' };
    for (const el of host.shadowRoot.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const cs = getComputedStyle(el, pseudo);
        const s = Math.max(seconds(cs.transitionDuration), cs.animationName === 'none' ? 0 : seconds(cs.animationDuration));
        if (s > longest.s) longest = { s, what: `${el.tagName.toLowerCase()}.${el.className}${pseudo ?? ''}` };
      }
    }
    return longest;
  });
}

test('reduced motion: nothing in the widget transitions or animates', async () => {
  const { ctx, page } = await visit(strict.url + 'embed.html');
  try {
    await chooseChips(page);
    // The stylesheet does have motion (the buttons fade), so the check below means something.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    assert.ok((await longestMotion(page)).s > 0, 'expected some motion without the preference');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const motion = await longestMotion(page);
    assert.equal(motion.s, 0, `${motion.what} moves for ${motion.s}s under prefers-reduced-motion`);
    await shot(page, 'reduced-motion');
  } finally {
    await ctx.close();
  }
});

// ---------------------------------------------------------------- 5. forced colours

/** The computed border and check mark of the shadow-root element `selector` matches. */
function looks(page, selector) {
  return onWidget(page, (host, sel) => {
    const el = host.shadowRoot.querySelector(sel);
    const cs = getComputedStyle(el);
    const mark = getComputedStyle(el, '::before');
    return {
      border: `${cs.borderTopWidth} ${cs.borderTopStyle}`,
      mark: mark.content === 'none' ? 'none' : `${mark.content} ${mark.width}x${mark.height} ${mark.borderRightWidth} ${mark.borderRightStyle}`,
    };
  }, selector);
}

test('forced colours: borders, focus ring and the pressed state survive', async () => {
  const { ctx, page } = await visit(strict.url + 'embed.html');
  try {
    await page.emulateMedia({ forcedColors: 'active' });
    assert.ok(await page.evaluate(() => matchMedia('(forced-colors: active)').matches));
    await chooseChips(page);
    const borderless = await onWidget(page, (host) => Array.from(host.shadowRoot.querySelectorAll('button'))
      .filter((b) => b.getClientRects().length > 0)
      .map((b) => [b.textContent.trim(), getComputedStyle(b)])
      .filter(([, cs]) => cs.borderTopStyle === 'none' || parseFloat(cs.borderTopWidth) === 0 || cs.borderTopColor === 'rgba(0, 0, 0, 0)')
      .map(([name]) => name));
    assert.deepEqual(borderless, [], 'buttons without a visible border');
    const pressed = await looks(page, '.chip[aria-pressed="true"]');
    const unpressed = await looks(page, '.chip[aria-pressed="false"]');
    // Told apart by more than colour: a drawn check mark, a heavier border.
    assert.notEqual(pressed.mark, 'none', 'a pressed chip has no check mark');
    assert.equal(unpressed.mark, 'none');
    assert.notEqual(pressed.border, unpressed.border);

    await chipButton(page, 'Finder on a Mac').focus();
    await page.keyboard.press('Shift+Tab'); // keyboard focus, so :focus-visible applies
    const focus = await focusInfo(page);
    assert.ok(focus.inside && focus.visible, `no focus ring in forced colours on ${focus.what}`);
    await shot(page, 'forced-colors');
  } finally {
    await ctx.close();
  }
});
