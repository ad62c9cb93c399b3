// Accessibility of the widget in every state a reader can reach: axe-core
// (WCAG 2.2 AA) inside the shadow root, the keyboard, reflow at 320 px and at
// 200 % zoom, reduced motion and forced colours. Screenshots of the layout
// and preference checks go to target/e2e-screenshots/ for a human to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, context, open, ready, firstStep, tapSymptom, widget, axeViolations, serve, servePages, buildKb, DIST, STRICT_CSP, SITE_CSP } from './browser.mjs';

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

/** The method question's answer that starts an iCloud plan. */
const METHOD = 'iCloud Backup (on the iPhone)';
/** A chip offered under "Or tap what you see" once the method is known. */
const CHIP = 'Back Up Now works, but nightly backups never happen';

const question = (page) => page.getByRole('region', { name: 'Question' });
const current = (page) => page.getByRole('region', { name: 'Do this now' });
/** The "You said" trail's entry holding `text`. */
const said = (page, text) => widget(page).locator('[part~="said"]').filter({ hasText: text });

/** Answers the method question (iCloud), so a step to do now is on show. */
async function answerMethod(page) {
  await question(page).getByRole('button', { name: METHOD, exact: true }).click();
  await current(page).getByRole('heading', { level: 3 }).waitFor();
}

/** The method answered and one of the offered chips tapped: a step, a question and a trail. */
async function chooseChips(page) {
  await answerMethod(page);
  await page.getByRole('group', { name: 'Or tap what you see' }).getByRole('button', { name: CHIP, exact: true }).click();
  await said(page, CHIP).waitFor();
}

/** The step to do now with its reasons open, and the first later step unfolded too. */
async function expandPlan(page) {
  await current(page).getByText('Why this step?').click();
  await current(page).locator('details.why[open]').waitFor();
  const later = widget(page).locator('section.later');
  await later.locator('summary').first().click();
  await later.locator('details[open]').first().waitFor();
}

/** The current step's button named `name`. */
const stepButton = (page, name) => current(page).getByRole('button', { name, exact: true });

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
  ['initial (just loaded: title, method question, search)', () => strict.url + 'embed.html', async (page) => {
    await question(page).getByRole('button', { name: METHOD, exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Describe the problem or paste the message' }).waitFor();
  }],
  ['method answered', () => strict.url + 'embed.html', answerMethod],
  ['a chip chosen', () => strict.url + 'embed.html', chooseChips],
  ['question shown, "How do I find out?" open', () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    await question(page).getByText('How do I find out?').click();
    await question(page).locator('details.check[open]').waitFor();
  }],
  ['a step open, "Why this step?" open, a later step unfolded', () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    await expandPlan(page);
  }],
  ['a "no" answer (struck out in the trail and the catalogue)', () => strict.url + 'embed.html', async (page) => {
    await answerMethod(page);
    await question(page).getByRole('button', { name: 'No, there is room', exact: true }).click();
    await widget(page).locator('[part~="said"].is-no').waitFor();
    await widget(page).locator('details.more > summary').click();
    await widget(page).locator('details.more .chip.is-no').first().waitFor();
  }],
  ["step didn't help (the trail shows it tried)", () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    const step = await firstStep(page);
    await stepButton(page, "Didn't help").click();
    await said(page, `${step}: didn't help`).waitFor();
  }],
  ['step fixed', () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    await stepButton(page, 'Fixed it').click();
    await current(page).getByRole('heading', { name: /^Glad that fixed it: / }).waitFor();
  }],
  ['share link shown', () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    await page.getByRole('toolbar').getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByRole('textbox', { name: 'Link to this plan' }).or(page.getByText('Link copied.')).first().waitFor();
  }],
  ['summary copied (or shown to copy)', () => strict.url + 'embed.html', async (page) => {
    await chooseChips(page);
    await page.getByRole('toolbar').getByRole('button', { name: 'Copy summary', exact: true }).click();
    await page.getByRole('textbox', { name: 'Summary for support' }).or(page.getByText('Summary copied.')).first().waitFor();
  }],
  ['a step open, dark colour scheme (demo page)', () => site.url + 'index.html', async (page) => {
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
    await said(page, CHIP).waitFor(); // the reader's progress came back with the page
    await current(page).getByRole('heading', { level: 3 }).waitFor();
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
      // The heading of the step to do now (or the note that none is left).
      heading: el.matches('section.current h3'),
    };
  });
}

/** Tabs until the focused element's text is `text`, checking every stop on the way; returns the stops. */
async function tabTo(page, text, max = 40) {
  const seen = [];
  let focus;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    focus = await focusInfo(page);
    assert.ok(focus.inside, `Tab stop ${seen.length + 1} left the widget for ${focus.what}`);
    assert.ok(focus.visible, `no visible focus indicator on ${focus.what}`);
    seen.push(focus.what);
    if (focus.text === text) return seen;
  }
  assert.fail(`never reached "${text}"; stops: ${seen.join(', ')}`);
}

const currentHeading = () => document.querySelector('fix-plan').shadowRoot.querySelector('section.current h3')?.textContent.trim();

test('keyboard: every Tab stop shows its focus, and focus goes to the new step when its control is gone', async () => {
  const { ctx, page } = await visit(strict.url + 'embed.html');
  try {
    // From the top of the page to the method question's first answer, past
    // "How do I find out?", every stop with a focus ring.
    let seen = await tabTo(page, METHOD);
    assert.ok(seen.some((s) => s.includes('How do I find out?')), seen.join(', '));

    // Answering replaces the question under the reader: focus goes to what
    // they read next, with a visible ring, not to <body>: the next question
    // when it is drawn above the step (it saves more minutes than the step
    // takes), else the heading of the step to do now.
    await page.keyboard.press('Enter');
    await page.waitForFunction(currentHeading);
    let focus = await focusInfo(page);
    assert.ok(focus.inside, `after answering, focus went to ${focus.what}`);
    const first = await page.evaluate(() => {
      const root = document.querySelector('fix-plan').shadowRoot;
      const question = root.querySelector('[part="question"]:not([hidden])');
      const current = root.querySelector('section.current');
      const before = question && (question.compareDocumentPosition(current) & Node.DOCUMENT_POSITION_FOLLOWING);
      return before ? question.querySelector('.question-text').textContent.trim() : current.querySelector('h3').textContent.trim();
    });
    assert.equal(focus.text, first, `after answering, focus is on ${focus.what}, not on what comes first`);
    assert.ok(focus.visible, `no visible focus indicator on ${focus.what}`);
    await page.waitForTimeout(200); // anything that would move focus late
    assert.equal((await focusInfo(page)).text, focus.text, 'focus moved on its own after answering');

    // On through the step: its reasons, "Fixed it", "Didn't help".
    seen = await tabTo(page, "Didn't help", 10);
    assert.ok(seen.some((s) => s.includes('Why this step?')) && seen.some((s) => s.includes('Fixed it')), seen.join(', '));

    // "Didn't help" replaces the step under the reader: focus goes to the
    // next step's heading (with a visible ring), not to <body>.
    const before = await firstStep(page);
    await page.keyboard.press('Enter');
    await page.waitForFunction((b) => document.querySelector('fix-plan').shadowRoot.querySelector('section.current h3')?.textContent.trim() !== b, before);
    focus = await focusInfo(page);
    assert.ok(focus.inside, `after "Didn't help", focus went to ${focus.what}`);
    assert.ok(focus.heading, `after "Didn't help", focus is on ${focus.what}, not on the next step`);
    assert.equal(focus.text, await firstStep(page));
    assert.ok(focus.visible, `no visible focus indicator on ${focus.what}`);

    // Tab goes on from there, into the new step's own controls.
    await page.keyboard.press('Tab');
    focus = await focusInfo(page);
    assert.ok(focus.inside && focus.visible, focus.what);
  } finally {
    await ctx.close();
  }
});

test('keyboard: focus never jumps on its own: a catalogue chip toggled from the keyboard keeps it', async () => {
  const { ctx, page } = await visit(strict.url + 'embed.html');
  try {
    await answerMethod(page);
    // "More symptoms" from the keyboard, then a chip in it (it stays where
    // it is): focus stays on it while the plan re-renders around it.
    await widget(page).locator('details.more > summary').focus();
    await page.keyboard.press('Enter');
    await widget(page).locator('details.more[open]').waitFor();
    const chip = widget(page).locator('details.more').getByRole('button', { name: 'iCloud storage bar is full', exact: true });
    const step = await firstStep(page);
    await chip.focus();
    await page.keyboard.press('Space');
    await chip.and(page.locator('[aria-pressed="true"]')).waitFor();
    assert.notEqual(await firstStep(page), step, 'the chip should change the step to do now');
    await page.waitForTimeout(200); // anything that would move focus late
    let focus = await focusInfo(page);
    assert.equal(focus.text, 'iCloud storage bar is full', `focus moved to ${focus.what}`);
    assert.ok(focus.visible);
    // And off again: still there.
    await page.keyboard.press('Space');
    await chip.and(page.locator('[aria-pressed="false"]')).waitFor();
    await page.waitForTimeout(200);
    focus = await focusInfo(page);
    assert.equal(focus.text, 'iCloud storage bar is full', `focus moved to ${focus.what}`);
  } finally {
    await ctx.close();
  }
});

// A two-step knowledge base, so a reader can run out of steps in two presses.
const TINY_KB = buildKb('tiny');

test("keyboard: \"Didn't help\" moves focus to the next step's heading, then to the note that no steps are left", async () => {
  const pages = {
    '/tiny.html': '<!doctype html><html lang="en"><title>Tiny</title><script type="module" src="fixplan.js"></script><fix-plan kb="kb/tiny.json"></fix-plan>',
    '/kb/tiny.json': TINY_KB,
  };
  const host = await servePages(pages);
  const ctx = await context(browser);
  ctx.setDefaultTimeout(10_000);
  try {
    const { page } = await open(ctx, host.url + 'tiny.html');
    await ready(page);
    await tapSymptom(page, 'It is broken');
    await said(page, 'It is broken').waitFor();
    const next = { 'Try the fix': 'Ask for help', 'Ask for help': 'There are no more steps to suggest.' };
    for (const step of ['Try the fix', 'Ask for help']) {
      assert.equal(await firstStep(page), step);
      await stepButton(page, "Didn't help").focus();
      await page.keyboard.press('Enter');
      await said(page, `${step}: didn't help`).waitFor();
      const focus = await focusInfo(page);
      assert.ok(focus.inside, `after "${step}": focus went to ${focus.what}`);
      assert.ok(focus.heading, `after "${step}": focus is on ${focus.what}, not on the next heading`);
      assert.equal(focus.text, next[step]);
      assert.ok(focus.visible, `no visible focus indicator on ${focus.what}`);
    }
    assert.equal(await firstStep(page), 'There are no more steps to suggest.');
  } finally {
    await ctx.close();
    await host.close();
  }
});

test('keyboard: Undo keeps focus, also when it undoes the last thing there was to undo', async () => {
  const { ctx, page } = await visit(strict.url + 'embed.html');
  try {
    const undo = page.getByRole('toolbar').getByRole('button', { name: 'Undo', exact: true });
    await chooseChips(page); // two things said
    assert.equal(await undo.getAttribute('aria-disabled'), 'false');
    await undo.focus();
    await page.keyboard.press('Enter');
    await said(page, CHIP).waitFor({ state: 'detached' });
    let focus = await focusInfo(page);
    assert.equal(focus.text, 'Undo', `after the first Undo, focus went to ${focus.what}`);
    assert.ok(focus.visible);

    await page.keyboard.press('Enter');
    await said(page, 'iCloud Backup').waitFor({ state: 'detached' });
    await page.waitForTimeout(200); // anything that would move focus late
    // Nothing is left to undo; the button says so, and the reader is still on it.
    focus = await focusInfo(page);
    assert.equal(focus.text, 'Undo', `after undoing everything, focus went to ${focus.what}`);
    assert.ok(focus.visible);
    assert.equal(await undo.getAttribute('aria-disabled'), 'true');
    await page.keyboard.press('Enter'); // harmless now
    await question(page).getByRole('button', { name: METHOD, exact: true }).waitFor();
    assert.equal(await widget(page).locator('[part~="said"]').count(), 0);
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

    // Each action, from the keyboard, changes the step to do now.
    const actions = [
      ['the method answer', () => question(page).getByRole('button', { name: METHOD, exact: true })],
      ['"Didn\'t help"', () => stepButton(page, "Didn't help")],
      ['"Didn\'t help" again', () => stepButton(page, "Didn't help")],
    ];
    for (const [what, control] of actions) {
      const step = await current(page).isVisible() ? await firstStep(page) : null;
      await control().focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((s) => {
        const h = document.querySelector('fix-plan').shadowRoot.querySelector('section.current h3');
        return h && h.textContent.trim() !== s;
      }, step);
      const now = await liveRegions(page);
      assert.equal(now.filter((r) => r.polite).length, 1, JSON.stringify(now));
      const polite = now.find((r) => r.polite);
      assert.notEqual(polite.text, before.find((r) => r.polite).text, `nothing announced after ${what}`);
      assert.equal(polite.text, `Noted. Next: ${await firstStep(page)}`);
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
  ['initial', async () => {}],
  ['question', async (page) => { await chooseChips(page); await question(page).waitFor(); }],
  ['step', async (page) => { // after the chip of the state before: every fold open
    await expandPlan(page);
    await question(page).getByText('How do I find out?').click();
    await widget(page).locator('details.more > summary').click();
    await widget(page).locator('details.more[open]').waitFor();
  }],
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
    await widget(page).locator('details.more > summary').click();
    await widget(page).locator('details.more[open]').waitFor();
    const borderless = await onWidget(page, (host) => Array.from(host.shadowRoot.querySelectorAll('button'))
      .filter((b) => b.getClientRects().length > 0)
      .map((b) => [b.getAttribute('aria-label') || b.textContent.trim(), getComputedStyle(b)])
      .filter(([, cs]) => cs.borderTopStyle === 'none' || parseFloat(cs.borderTopWidth) === 0 || cs.borderTopColor === 'rgba(0, 0, 0, 0)')
      .map(([name]) => name));
    const pressed = await looks(page, 'details.more .chip[aria-pressed="true"]');
    const unpressed = await looks(page, 'details.more .chip[aria-pressed="false"]:not(.is-no)');
    // Told apart by more than colour: a drawn check mark, a heavier border.
    assert.notEqual(pressed.mark, 'none', 'a pressed chip has no check mark');
    assert.equal(unpressed.mark, 'none');
    assert.notEqual(pressed.border, unpressed.border);

    await page.getByRole('textbox', { name: 'Describe the problem or paste the message' }).focus();
    await page.keyboard.press('Shift+Tab'); // keyboard focus, so :focus-visible applies
    let focus = await focusInfo(page);
    assert.ok(focus.inside && focus.visible, `no focus ring in forced colours on ${focus.what}`);
    // A heading the widget moves focus to (after a keyboard action) shows its ring too.
    await onWidget(page, (host) => host.shadowRoot.querySelector('section.current h3').focus());
    focus = await focusInfo(page);
    assert.ok(focus.heading && focus.visible, `no focus ring in forced colours on ${focus.what}`);
    // Every button shows its edge (checked last, so the checks above report too).
    assert.deepEqual(borderless, [], 'buttons without a visible border');
    await shot(page, 'forced-colors');
  } finally {
    await ctx.close();
  }
});
