// The reader's path on a phone (390×844, touch): four journeys to the step
// to do now in at most three taps and no scrolling, the widget before any
// input no taller than one screen, a double tap that records one answer,
// the keyboard's way to "Fixed it"; and the embedding contract: the host
// API, several elements, bad attributes, bad text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, context, open, ready, firstStep, serve, servePages, DIST, STRICT_CSP } from './browser.mjs';

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await serve(DIST, { csp: STRICT_CSP });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function phone(path = 'embed.html') {
  const ctx = await context(browser, PHONE);
  ctx.setDefaultTimeout(10_000);
  const { page, problems } = await open(ctx, server.url + path);
  await ready(page);
  return { ctx, page, problems };
}

/** A tap as a reader's finger makes it; waits out the double-tap guard. */
async function tap(page, locator) {
  await page.waitForTimeout(550);
  await locator.tap();
}

const widget = (page) => page.locator('fix-plan').first();

/** The step card's top and the "Fixed it" button lie inside the viewport, and the page never scrolled. */
async function assertStepInView(page, what) {
  const at = await page.evaluate(() => {
    const root = document.querySelector('fix-plan').shadowRoot;
    const card = root.querySelector('.current h3').getBoundingClientRect();
    const fixed = root.querySelector('.current .actions button').getBoundingClientRect();
    return { scrollY: window.scrollY, top: card.top, bottom: card.bottom, fixedTop: fixed.top, fixedBottom: fixed.bottom, height: innerHeight };
  });
  assert.equal(at.scrollY < 60, true, `${what}: the page scrolled by ${at.scrollY}px`);
  assert.ok(at.top >= 0 && at.bottom <= at.height, `${what}: the step's title is at ${at.top}–${at.bottom}, the screen is ${at.height}`);
  assert.ok(at.fixedTop >= 0 && at.fixedBottom <= at.height, `${what}: "Fixed it" is at ${at.fixedTop}–${at.fixedBottom}, the screen is ${at.height}`);
}

test('before any input the widget fits one phone screen: a question and a search, no plan', async () => {
  const { ctx, page } = await phone();
  const box = await widget(page).boundingBox();
  assert.ok(box.y + box.height <= 844, `the widget ends at ${box.y + box.height}px`);
  assert.equal(await widget(page).locator('.current').isVisible(), false);
  assert.equal(await widget(page).getByLabel('Describe the problem or paste the message').isVisible(), true);
  assert.equal(await widget(page).getByRole('button', { name: "I don't know" }).isVisible(), true);
  await ctx.close();
});

test('journey 1: an iCloud reader with full storage reaches "Free up iCloud storage" in two taps', async () => {
  const { ctx, page, problems } = await phone();
  await tap(page, widget(page).getByRole('button', { name: 'iCloud Backup' }));
  // The engine asks about the storage bar next: answering it is the second tap.
  assert.match(await widget(page).locator('.question-text').textContent(), /storage bar/);
  await tap(page, widget(page).locator('[part="question"]').getByRole('button', { name: 'Yes' }).first());
  assert.match(await firstStep(page), /Free up iCloud storage/);
  await assertStepInView(page, 'journey 1');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('journey 1 in German: the long step keeps "Hat geholfen" on screen, and the toolbar is one row', async () => {
  const host = await servePages({ '/de.html': '<!doctype html><html lang="de"><meta name="viewport" content="width=device-width, initial-scale=1"><title>de</title><script type="module" src="fixplan.js"></script><fix-plan></fix-plan>' });
  const ctx = await context(browser, PHONE);
  ctx.setDefaultTimeout(10_000);
  try {
    const { page, problems } = await open(ctx, host.url + 'de.html');
    await ready(page);
    await tap(page, widget(page).getByRole('button', { name: 'iCloud-Backup' }));
    await tap(page, widget(page).locator('[part="question"]').getByRole('button', { name: 'Ja' }).first());
    assert.match(await firstStep(page), /iCloud-Speicher freigeben/);
    await assertStepInView(page, 'German journey 1');
    assert.equal(await widget(page).locator('.current .actions').getByRole('button', { name: 'Hat geholfen' }).isVisible(), true);
    const tops = await widget(page).locator('[part="toolbar"] button').evaluateAll((bs) => bs.map((b) => Math.round(b.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `toolbar rows at ${tops}`);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
    await host.close();
  }
});

test('journey 2: a Mac reader whose Finder does not show the iPhone reaches a connection step in two taps', async () => {
  const { ctx, page } = await phone();
  await tap(page, widget(page).getByRole('button', { name: 'Finder on a Mac' }));
  await tap(page, widget(page).locator('.top-chips').getByRole('button', { name: /missing from the Finder sidebar|doesn't show the iPhone/ }).first());
  assert.match(await firstStep(page), /Trust|cable|Finder|unlock/i);
  await assertStepInView(page, 'journey 2');
  await ctx.close();
});

test('journey 3: iTunes on Windows says error -36: typed, then one tap', async () => {
  const { ctx, page } = await phone();
  await widget(page).getByLabel('Describe the problem or paste the message').fill('iTunes on Windows says error -36');
  await tap(page, widget(page).getByRole('button', { name: 'Read it' }));
  await page.locator('fix-plan .current h3').waitFor();
  assert.match(await widget(page).locator('.search-result').textContent(), /-36/);
  assert.match(await firstStep(page), /disk|drive|rename|backup folder|security|antivirus|cable|space|update/i);
  await assertStepInView(page, 'journey 3');
  await ctx.close();
});

test('journey 4: "iPhone not backed up" for weeks, method unknown, reaches a step in two taps', async () => {
  const { ctx, page } = await phone();
  await tap(page, widget(page).getByRole('button', { name: "I don't know" }));
  await page.locator('fix-plan .current h3').waitFor();
  await tap(page, widget(page).locator('.top-chips').getByRole('button').first());
  await page.locator('fix-plan .current h3').waitFor();
  await assertStepInView(page, 'journey 4');
  await ctx.close();
});

test('"More symptoms" holds the whole catalogue, filtered by what the reader types', async () => {
  const { ctx, page } = await phone();
  const more = widget(page).locator('details.more');
  await more.locator('summary').click();
  const shown = () => more.locator('.catalog button:visible').allTextContents();
  assert.ok((await shown()).length > 60, 'the whole catalogue, unfiltered');
  await widget(page).getByLabel('Describe the problem or paste the message').fill('Keychain');
  const filtered = await shown();
  assert.ok(filtered.length >= 1 && filtered.length < 5, filtered.join(' | '));
  assert.ok(filtered.every((label) => /keychain/i.test(label)), filtered.join(' | '));
  await widget(page).getByLabel('Describe the problem or paste the message').fill('');
  assert.ok((await shown()).length > 60, 'cleared: the whole catalogue again');
  await ctx.close();
});

test('two taps 120 ms apart on the same spot record one answer', async () => {
  const { ctx, page } = await phone();
  const first = widget(page).getByRole('button', { name: 'iCloud Backup' });
  const box = await first.boundingBox();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.waitForTimeout(550);
  await page.touchscreen.tap(x, y);
  await page.waitForTimeout(120);
  await page.touchscreen.tap(x, y);
  await page.waitForTimeout(300);
  const view = await page.evaluate(() => document.querySelector('fix-plan').view);
  assert.deepEqual(Object.keys(view.observed), ['channel'], JSON.stringify(view.observed));
  assert.equal(view.said.length, 1);
  await ctx.close();
});

test('from the first control, at most 15 Tab presses reach "Fixed it" of the step to do now', async () => {
  const ctx = await context(browser);
  const { page } = await open(ctx, server.url + 'embed.html');
  await ready(page);
  await widget(page).getByRole('button', { name: 'iCloud Backup' }).click();
  await page.locator('fix-plan .current h3').waitFor();
  // Start again from the widget's first control.
  await widget(page).locator('[part="toolbar"] button').first().focus();
  const focused = () => page.evaluate(() => document.querySelector('fix-plan').shadowRoot.activeElement?.textContent?.trim());
  let presses = 0;
  while ((await focused()) !== 'Fixed it' && presses < 40) {
    await page.keyboard.press('Tab');
    presses += 1;
  }
  assert.ok(presses <= 15, `${presses} Tab presses`);
  await ctx.close();
});

test('an answer that opens data-deleting steps is confirmed first, also from a share link', async () => {
  const ctx = await context(browser);
  const { page } = await open(ctx, server.url + 'embed.html');
  await ready(page);
  // The host API: a page that knows the reader's platform pre-sets it.
  await page.evaluate(() => {
    const el = document.querySelector('fix-plan');
    el.observe('channel', 'icloud');
    el.observe('storage_full', true);
  });
  assert.equal(await page.evaluate(() => document.querySelector('fix-plan').view.observed.channel), 'icloud');
  await widget(page).locator('.current').getByRole('button', { name: "Didn't help" }).click();
  // "Do you have another recent backup?" opens steps that delete data.
  const question = await page.evaluate(() => document.querySelector('fix-plan').view.question);
  assert.equal(question.symptom, 'other_copy_exists');
  const yes = question.answers.find((a) => a.value === true);
  assert.equal(yes.confirm, true);
  await page.waitForTimeout(550);
  await widget(page).locator('[part="question"]').getByRole('button', { name: yes.label, exact: true }).click();
  const confirm = widget(page).locator('.confirm');
  await confirm.getByRole('button', { name: "Yes, that's right" }).waitFor();
  assert.equal(await widget(page).locator('.current').isVisible(), false, 'the step card still asks too');
  const held = await page.evaluate(() => document.querySelector('fix-plan').view.observed);
  assert.equal(held.other_copy_exists, undefined, 'recorded before the reader confirmed');
  await confirm.getByRole('button', { name: "Yes, that's right" }).click();
  const session = await page.evaluate(() => document.querySelector('fix-plan').view);
  assert.equal(session.observed.other_copy_exists, true);
  // The same answer arriving in a share link is held back until confirmed.
  const link = `${server.url}embed.html#fixplan=${Buffer.from(session.session).toString('base64url')}`;
  const other = await context(browser);
  const { page: fresh } = await open(other, link);
  await ready(fresh);
  await widget(fresh).locator('.confirm').getByRole('button', { name: "Yes, that's right" }).waitFor();
  assert.equal(await fresh.evaluate(() => document.querySelector('fix-plan').view.observed.other_copy_exists), undefined);
  await widget(fresh).locator('.confirm').getByRole('button', { name: 'No, leave it out' }).click();
  assert.equal(await fresh.evaluate(() => document.querySelector('fix-plan').view.observed.other_copy_exists), undefined);
  assert.equal(await widget(fresh).locator('.confirm').isVisible(), false);
  await other.close();
  // An unknown symptom is the host's mistake: it throws, plainly.
  const thrown = await page.evaluate(() => { try { document.querySelector('fix-plan').observe('no_such_symptom', true); return null; } catch (e) { return e.message; } });
  assert.match(thrown, /unknown symptom 'no_such_symptom'/);
  await ctx.close();
});

test('two elements on one page keep separate progress', async () => {
  const host = await servePages({
    '/two.html': '<!doctype html><html lang="en"><title>two</title><script type="module" src="fixplan.js"></script>' +
      '<fix-plan id="a"></fix-plan><fix-plan id="b"></fix-plan>',
  });
  const ctx = await context(browser);
  try {
    const { page, problems } = await open(ctx, host.url + 'two.html');
    await page.locator('#b .body').waitFor();
    await page.locator('#a').getByRole('button', { name: 'iCloud Backup' }).click();
    await page.locator('#b').getByRole('button', { name: 'Finder on a Mac' }).click();
    await page.reload();
    await page.locator('#b .body').waitFor();
    const observed = await page.evaluate(() => ['a', 'b'].map((id) => document.getElementById(id).view.observed.channel));
    assert.deepEqual(observed, ['icloud', 'finder']);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
    await host.close();
  }
});

test('a kb URL that cannot be parsed is a plain error, not an unhandled rejection; bad text is not a crash', async () => {
  const host = await servePages({
    '/badkb.html': '<!doctype html><html lang="en"><title>bad</title><script type="module" src="fixplan.js"></script>' +
      '<fix-plan kb="http://["><a href="/help">Read the article</a></fix-plan><fix-plan id="ok"></fix-plan>',
  });
  const ctx = await context(browser);
  try {
    await ctx.addInitScript(() => {
      window.__errors = [];
      document.addEventListener('fixplan:error', (e) => window.__errors.push(e.detail));
    });
    const { page, problems } = await open(ctx, host.url + 'badkb.html');
    await page.locator('fix-plan').first().getByRole('alert').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Read the article' }).isVisible(), true);
    assert.equal((await page.evaluate(() => window.__errors)).length, 1);
    assert.deepEqual(problems.filter((p) => p.startsWith('pageerror')), []);
    // A lone surrogate set by script is text like any other.
    await page.locator('#ok .body').waitFor();
    await page.evaluate(() => {
      const area = document.getElementById('ok').shadowRoot.querySelector('#search');
      area.value = 'error \ud800 -36';
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.locator('#ok').getByRole('button', { name: 'Read it' }).click();
    await page.locator('#ok .search-result').filter({ hasText: /Recognised|No known/ }).waitFor();
    assert.equal((await page.evaluate(() => window.__errors)).length, 1, 'a second error was reported');
  } finally {
    await ctx.close();
    await host.close();
  }
});

test('a knowledge-base server that never answers gets a plain error after 15 s, and the fallback stays', async () => {
  const host = await serve(DIST, { csp: STRICT_CSP, override: (p) => (p.endsWith('/kb/iphone-backup.json') ? { hang: true } : null) });
  const ctx = await context(browser);
  try {
    await ctx.addInitScript(() => {
      window.__errors = [];
      document.addEventListener('fixplan:error', (e) => window.__errors.push(e.detail));
    });
    const { page } = await open(ctx, host.url + 'embed.html');
    await page.locator('fix-plan').getByRole('alert').waitFor({ timeout: 25_000 });
    assert.match(await page.locator('fix-plan').getByRole('alert').textContent(), /could not load its knowledge base/);
    const errors = await page.evaluate(() => window.__errors);
    assert.equal(errors.length, 1);
    assert.match(errors[0].detail, /no answer in 15 s/);
    assert.equal(await page.getByRole('link', { name: 'Read the backup help article' }).isVisible(), true);
  } finally {
    await ctx.close();
    await host.close();
  }
});

test('a kb changed to a broken one after the widget is ready keeps the working plan and says so', async () => {
  const host = await servePages({ '/kb/broken.json': '{"format":5,' });
  const ctx = await context(browser);
  try {
    const { page } = await open(ctx, host.url + 'embed.html');
    await ready(page);
    await widget(page).getByRole('button', { name: 'iCloud Backup' }).click();
    const step = await firstStep(page);
    await page.evaluate(() => document.querySelector('fix-plan').setAttribute('kb', 'kb/broken.json'));
    await widget(page).getByRole('alert').waitFor();
    assert.equal(await firstStep(page), step);
    assert.equal(await widget(page).locator('.current').isVisible(), true);
  } finally {
    await ctx.close();
    await host.close();
  }
});

test('a host that swaps pages keeps the reader’s progress: the element moved, or a new one in its place', async () => {
  const ctx = await context(browser);
  // Storage off: the moved element must keep its state by itself.
  await ctx.addInitScript(() => {
    const fail = () => { throw new DOMException('denied', 'SecurityError'); };
    Object.defineProperty(window, 'localStorage', { get: fail });
  });
  const { page, problems } = await open(ctx, server.url + 'embed.html');
  await ready(page);
  await widget(page).getByRole('button', { name: 'Finder on a Mac' }).click();
  const step = await firstStep(page);
  // Taken out and put back, as a client-side router does.
  await page.evaluate(() => {
    const el = document.querySelector('fix-plan');
    const holder = document.createElement('main');
    el.remove();
    document.body.append(holder);
    holder.append(el);
  });
  assert.equal(await firstStep(page), step);
  await widget(page).locator('.current').getByRole('button', { name: "Didn't help" }).click();
  assert.notEqual(await firstStep(page), step);
  assert.deepEqual(problems.filter((p) => !/denied|SecurityError/.test(p)), []);
  await ctx.close();
  // With storage, a new element in the new page picks up where the old one was.
  const ctx2 = await context(browser);
  const { page: tab } = await open(ctx2, server.url + 'embed.html');
  await ready(tab);
  await widget(tab).getByRole('button', { name: 'Finder on a Mac' }).click();
  const before = await firstStep(tab);
  await tab.evaluate(() => {
    document.querySelector('fix-plan').remove();
    document.body.append(document.createElement('fix-plan'));
  });
  await ready(tab);
  assert.equal(await firstStep(tab), before);
  await ctx2.close();
});
