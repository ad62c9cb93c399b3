// The widget end to end in headless Chromium, on dist/ served with the
// strict Content-Security-Policy: what a reader does, as a reader sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, context, open, ready, firstStep, tapSymptom, cspViolations, axeViolations, serve, servePages, buildKb, DIST, STRICT_CSP, SITE_CSP } from './browser.mjs';

const UNGUARDED = readFileSync(new URL('../fixtures/unguarded.json', import.meta.url), 'utf8');

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

async function embed(ctx, path = 'embed.html') {
  ctx.setDefaultTimeout(10_000);
  const opened = await open(ctx, server.url + path);
  await ready(opened.page);
  return opened;
}

/** A chip in the catalogue ("More symptoms"), by its name. */
function chipButton(page, name) {
  return page.locator('fix-plan details.more').getByRole('button', { name, exact: true, includeHidden: true });
}

async function chip(page, name) {
  await tapSymptom(page, name);
  return chipButton(page, name);
}

/** Taps an answer of the question shown; waits out the double-tap guard first. */
async function answer(page, name) {
  await page.waitForTimeout(550);
  await page.locator('fix-plan [part="question"]').getByRole('button', { name, exact: false }).first().click();
}

/** A button of the step to do now. */
async function stepButton(page, name) {
  await page.waitForTimeout(550);
  await page.locator('fix-plan .current').getByRole('button', { name }).first().click();
}

test('three readers get the step an expert expects first', async () => {
  const cases = [
    ['iCloud Backup', 'iCloud storage bar is full', /Free up iCloud storage/],
    ['Finder on a Mac', "The computer doesn't show the iPhone", /Trust/],
    ['Apple Devices app on Windows', '“Not enough free space is available on this computer”', /Free up space on the computer/],
  ];
  for (const [method, symptom, expected] of cases) {
    const ctx = await context(browser);
    const { page, problems } = await embed(ctx);
    await answer(page, method);
    const button = await chip(page, symptom);
    assert.equal(await button.getAttribute('aria-pressed'), 'true', symptom);
    await page.locator('fix-plan .current h3').filter({ hasText: expected }).waitFor();
    assert.match(await firstStep(page), expected);
    // The trail says what the reader said; the acknowledgement names the step.
    const trail = await page.locator('fix-plan [part~="said"]').allTextContents();
    assert.ok(trail.some((t) => t.includes(symptom)), trail.join(' | '));
    assert.match(await page.locator('fix-plan .ack').textContent(), /^Noted\. Next: /);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await ctx.close();
  }
});

test('a pasted message is recognised and said back', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  await page.getByLabel('Describe the problem or paste the message').fill('iTunes could not back up the iPhone because the backup session failed. (error -36)');
  await page.getByRole('button', { name: 'Read it' }).click();
  const result = page.locator('fix-plan .search-result');
  await result.filter({ hasText: 'Recognised' }).waitFor();
  assert.equal(await chipButton(page, '“…because the backup session failed”').getAttribute('aria-pressed'), 'true');
  assert.equal(await chipButton(page, 'iTunes (Windows or an older Mac)').getAttribute('aria-pressed'), 'true');
  await ctx.close();
});

test('typing suggests symptoms, messages and codes, and a suggestion is one tap', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  const search = page.getByLabel('Describe the problem or paste the message');
  await search.pressSequentially('not enough iclo');
  const suggestion = page.locator('fix-plan [part="suggestion"]').first();
  await suggestion.waitFor();
  assert.match(await suggestion.textContent(), /iCloud/);
  await suggestion.click();
  await page.locator('fix-plan .current h3').waitFor();
  assert.match(await firstStep(page), /iCloud/);
  // Error codes typed as text, hex or signed, are suggested too.
  await search.fill('');
  await search.pressSequentially('0xE8000084');
  await page.locator('fix-plan [part="suggestion"]').filter({ hasText: /E8000084/i }).first().waitFor();
  await ctx.close();
});

test("didn't help replans at once, with a visible note", async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  await answer(page, 'iCloud Backup');
  await chip(page, 'iCloud storage bar is full');
  const before = await firstStep(page);
  await stepButton(page, "Didn't help");
  await page.waitForFunction((b) => document.querySelector('fix-plan').shadowRoot.querySelector('.current h3')?.textContent.trim() !== b, before);
  assert.notEqual(await firstStep(page), before);
  assert.match(await page.locator('fix-plan .ack').textContent(), new RegExp(`Noted\\. Next: ${(await firstStep(page)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const trail = await page.locator('fix-plan [part~="said"]').allTextContents();
  assert.ok(trail.includes(`${before}: didn't help`), trail.join(' | '));
  await ctx.close();
});

test('answering the question changes the plan, and no plan shows before the reader says anything', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  assert.equal(await page.locator('fix-plan .current').isVisible(), false);
  const question = page.getByRole('region', { name: 'Question' });
  const asked = await question.locator('.question-text').textContent();
  assert.equal(asked, 'How do you back up this iPhone?');
  await answer(page, 'iCloud Backup');
  await page.waitForFunction((q) => document.querySelector('fix-plan').shadowRoot.querySelector('.question-text')?.textContent !== q, asked);
  assert.equal(await page.locator('fix-plan .current').isVisible(), true);
  await ctx.close();
});

test('the summary for support says what the reader saw and tried, in the widget\'s language', async () => {
  const pages = { '/de.html': '<!doctype html><html lang="de"><title>de</title><script type="module" src="fixplan.js"></script><fix-plan></fix-plan>' };
  const host = await servePages(pages);
  const ctx = await context(browser);
  ctx.setDefaultTimeout(10_000);
  // Whether or not the clipboard took it, the text is in the copy box.
  const summaryOf = async (page, copy) => {
    await page.locator('fix-plan [part="toolbar"]').getByRole('button', { name: copy }).click();
    await page.locator('fix-plan .copy-out:not([hidden])').waitFor();
    return page.locator('fix-plan #copy-output').inputValue();
  };
  try {
    const { page } = await embed(ctx);
    await answer(page, 'iCloud Backup');
    await chip(page, 'iCloud storage bar is full');
    const first = await firstStep(page);
    await stepButton(page, "Didn't help");
    await page.locator('fix-plan [part~="said"]').filter({ hasText: `${first}: didn't help` }).waitFor();
    const english = await summaryOf(page, 'Copy summary');
    assert.match(english, /^iPhone backup is not working: troubleshooting summary\n\nWhat I see:\n/);
    assert.ok(english.includes('- How do you back up?: iCloud Backup\n'), english);
    assert.ok(english.includes('- iCloud storage bar is full: yes\n'), english);
    assert.ok(english.includes(`What I tried:\n- ${first}: didn't help\n`), english);
    assert.match(english, /\nMost likely: [^\n]+ \(\d+%\)/);
    // In German the frame is German, and so is the knowledge base's own text.
    const de = await open(ctx, host.url + 'de.html');
    await ready(de.page);
    await answer(de.page, 'iCloud');
    const german = await summaryOf(de.page, 'Zusammenfassung kopieren');
    assert.match(german, /^iPhone-Backup funktioniert nicht: Zusammenfassung der Fehlersuche\n\nWas ich sehe:\n- .+: iCloud-Backup.*\n\nWas ich versucht habe:\n- noch keine Schritte\n/);
  } finally {
    await ctx.close();
    await host.close();
  }
});

test('a doubled script tag is harmless and the host hears events', async () => {
  const doubled = '<!doctype html><html lang="en"><title>Twice</title>' +
    '<script type="module" src="fixplan.js"></script><script type="module" src="./fixplan.js?again"></script>' +
    '<fix-plan></fix-plan>';
  const host = await servePages({ '/double.html': doubled });
  const ctx = await context(browser);
  await ctx.addInitScript(() => {
    window.__events = [];
    for (const type of ['fixplan:ready', 'fixplan:change', 'fixplan:step', 'fixplan:fixed']) {
      document.addEventListener(type, (e) => window.__events.push([type, e.detail]));
    }
  });
  const { page, problems } = await open(ctx, host.url + 'double.html');
  await ready(page);
  await answer(page, 'iCloud Backup');
  await stepButton(page, 'Fixed it');
  await page.waitForFunction(() => window.__events.some(([t]) => t === 'fixplan:fixed'));
  const change = await page.evaluate(() => window.__events.find(([t]) => t === 'fixplan:change')[1]);
  assert.deepEqual(Object.keys(change).sort(), ['expected_minutes', 'first_step', 'observed']);
  assert.equal(change.observed.channel, 'icloud');
  const types = await page.evaluate(() => window.__events.map(([t]) => t));
  assert.ok(types.includes('fixplan:change'), types.join());
  assert.ok(types.includes('fixplan:step'), types.join());
  assert.ok(types.includes('fixplan:ready'), types.join());
  // The second script neither defines the element again nor starts it twice.
  assert.equal(types.filter((t) => t === 'fixplan:ready').length, 1, types.join());
  assert.deepEqual(problems, []);
  await ctx.close();
  await host.close();
});

test('a host page themes the widget with custom properties and ::part', async () => {
  // A host's own stylesheet, linked as the strict CSP allows.
  const css = 'fix-plan { --fixplan-accent: rgb(120, 20, 90); font-family: serif; }\n' +
    'fix-plan::part(chip) { letter-spacing: 3px; }\nfix-plan::part(chip-pressed) { text-decoration: underline; }';
  const page = '<!doctype html><html lang="en"><title>Themed</title><link rel="stylesheet" href="theme.css">' +
    '<script type="module" src="fixplan.js"></script><fix-plan></fix-plan>';
  const host = await servePages({ '/themed.html': page, '/theme.css': css });
  // No transitions, so the pressed colour is read at rest.
  const ctx = await context(browser, { reducedMotion: 'reduce' });
  try {
    const { page: tab, problems } = await open(ctx, host.url + 'themed.html');
    await ready(tab);
    const icloud = await chip(tab, 'iCloud Backup');
    await tab.waitForTimeout(200);
    const style = await icloud.evaluate((el) => {
      const s = getComputedStyle(el);
      return { spacing: s.letterSpacing, decoration: s.textDecorationLine, background: s.backgroundColor, font: s.fontFamily };
    });
    assert.deepEqual(style, { spacing: '3px', decoration: 'underline', background: 'rgb(120, 20, 90)', font: 'serif' });
    assert.deepEqual(await cspViolations(tab), []);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
    await host.close();
  }
});

test('a reload keeps the reader’s progress, and start over clears it', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  await answer(page, 'iCloud Backup');
  await chip(page, 'iCloud storage bar is full');
  const step = await firstStep(page);
  await page.reload();
  await ready(page);
  assert.equal(await chipButton(page, 'iCloud storage bar is full').getAttribute('aria-pressed'), 'true');
  assert.equal(await firstStep(page), step);
  // Start over is undoable.
  await page.locator('fix-plan [part="toolbar"]').getByRole('button', { name: 'Start over' }).click();
  assert.equal(await chipButton(page, 'iCloud storage bar is full').getAttribute('aria-pressed'), 'false');
  await page.locator('fix-plan [part="toolbar"]').getByRole('button', { name: 'Undo' }).click();
  assert.equal(await chipButton(page, 'iCloud storage bar is full').getAttribute('aria-pressed'), 'true');
  await page.locator('fix-plan [part="toolbar"]').getByRole('button', { name: 'Start over' }).click();
  await page.reload();
  await ready(page);
  assert.equal(await chipButton(page, 'iCloud storage bar is full').getAttribute('aria-pressed'), 'false');
  await ctx.close();
});

test('a share link restores the state in a new browser context', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  await answer(page, 'Finder on a Mac');
  await chip(page, "The computer doesn't show the iPhone");
  await page.getByRole('button', { name: 'Share' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#fixplan='));
  const link = page.url();
  await ctx.close();
  const other = await context(browser);
  const { page: fresh } = await open(other, link);
  await ready(fresh);
  assert.equal(await chipButton(fresh, "The computer doesn't show the iPhone").getAttribute('aria-pressed'), 'true');
  // A reader with progress of their own is asked before a link replaces it.
  await fresh.goto(fresh.url().split('#')[0]);
  await ready(fresh);
  await answer(fresh, 'iCloud Backup');
  await fresh.goto(link);
  await fresh.reload();
  await ready(fresh);
  await fresh.getByRole('button', { name: "Open the link's progress" }).waitFor();
  assert.equal(await chipButton(fresh, "The computer doesn't show the iPhone").getAttribute('aria-pressed'), 'false');
  await fresh.getByRole('button', { name: "Open the link's progress" }).click();
  assert.equal(await chipButton(fresh, "The computer doesn't show the iPhone").getAttribute('aria-pressed'), 'true');
  await other.close();
});

test('a missing knowledge base shows a plain error and keeps the fallback', async () => {
  const broken = await serve(DIST, { csp: STRICT_CSP, override: (p) => (p.endsWith('/kb/iphone-backup.json') ? { status: 404 } : null) });
  const ctx = await context(browser);
  const { page } = await open(ctx, broken.url + 'embed.html');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not/i);
  assert.equal(await page.getByRole('link', { name: 'Read the backup help article' }).isVisible(), true);
  await ctx.close();
  await broken.close();
});

test('a knowledge base that failed to load is tried again: by the button, and by itself when back online', async () => {
  // A flaky connection: loads fail, then a slow one fails, then they work.
  let mode = 'down';
  let kbRequests = 0;
  const flaky = await serve(DIST, { csp: STRICT_CSP, override: (p) => {
    if (!p.endsWith('/kb/iphone-backup.json')) return null;
    kbRequests += 1;
    return { down: { status: 503 }, slow: { delay: 1500, status: 503 }, up: null }[mode];
  } });
  const ctx = await context(browser);
  const { page, problems } = await open(ctx, flaky.url + 'embed.html');
  const retry = page.getByRole('alert').getByRole('button', { name: 'Try again' });
  await retry.waitFor();
  // While a retry is on its way the button rests: a second tap sends nothing more.
  mode = 'slow';
  const before = kbRequests;
  await retry.click();
  assert.equal(await retry.getAttribute('aria-disabled'), 'true');
  await retry.click({ force: true }); // a real tap: no waiting for the button to wake
  await page.waitForFunction(() => document.querySelector('fix-plan').shadowRoot.querySelector('[part=error] button').ariaDisabled === 'false');
  assert.equal(kbRequests - before, 1);
  assert.equal(await retry.isVisible(), true, 'still failing: the message stays, with its button');
  mode = 'up';
  await retry.click();
  await ready(page);
  assert.equal(await page.getByRole('alert').isVisible(), false);
  await page.locator('fix-plan').getByRole('button', { name: 'iCloud Backup' }).waitFor();
  // Offline, then online again: no tap needed.
  mode = 'down';
  const again = await ctx.newPage();
  await again.goto(flaky.url + 'embed.html');
  await again.getByRole('alert').getByRole('button', { name: 'Try again' }).waitFor();
  mode = 'up';
  await ctx.setOffline(true);
  await ctx.setOffline(false);
  await again.locator('fix-plan').getByRole('button', { name: 'iCloud Backup' }).waitFor();
  assert.equal(await again.getByRole('alert').isVisible(), false);
  assert.deepEqual(problems.filter((p) => !/503|integrity|knowledge base/.test(p)), []);
  await ctx.close();
  await flaky.close();
});

test('a throwing localStorage changes nothing visible', async () => {
  const ctx = await context(browser);
  await ctx.addInitScript(() => {
    const fail = () => { throw new DOMException('quota', 'QuotaExceededError'); };
    Object.defineProperty(window, 'localStorage', { get: () => ({ getItem: fail, setItem: fail, removeItem: fail }) });
  });
  const { page, problems } = await embed(ctx);
  await answer(page, 'iCloud Backup');
  await chip(page, 'iCloud storage bar is full');
  assert.match(await firstStep(page), /Free up iCloud storage/);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(problems.filter((p) => !p.includes('quota')), []);
  await ctx.close();
});

test('the keyboard alone completes a scenario', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  const focused = () => page.evaluate(() => document.querySelector('fix-plan').shadowRoot.activeElement?.textContent?.trim());
  for (let i = 0; i < 20 && !(await focused())?.startsWith('iCloud Backup'); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('fix-plan .current h3').waitFor();
  // Focus moved on from the answer that is gone: to the storage question,
  // drawn above the one-minute check because it saves ten.
  assert.match(await focused(), /storage bar full/);
  for (let i = 0; i < 30 && (await focused()) !== 'Fixed it'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('fix-plan .current .glad').waitFor();
  await ctx.close();
});

test('a broken knowledge base or engine fails politely', async () => {
  // A site's own knowledge base is not pinned by integrity, so a broken or
  // hand-edited one reaches the engine's reader and validator; the default
  // one is pinned, so a changed byte fails the fetch itself.
  const site = (body) => servePages({
    '/site.html': '<!doctype html><html lang="en"><title>site</title><script type="module" src="fixplan.js"></script><fix-plan kb="kb/site.json"><a href="/help">Read the backup help article</a></fix-plan>',
    '/kb/site.json': body,
  });
  const cases = [
    ['invalid JSON', () => site('{"format":5,'), 'site.html', /invalid-json: /],
    ['a knowledge base that fails validation', () => site('{"format":5,"strings":["x"],"model":[0,0,1,0,0,0,0,0,0,0.05,-1,-1,0,0,0,7]}'), 'site.html', /invalid-knowledge-base: /],
    // Well-formed, but a data-risk step lost its guard (tests/fixtures/unguarded.json):
    // the engine's validator refuses it, as `fixplan verify` does.
    ['a knowledge base with an unguarded data-risk step', () => site(UNGUARDED), 'site.html', /unguarded-data-risk: fix 'free_space' risks data/],
    ['a default knowledge base changed in transit', () => serve(DIST, { csp: STRICT_CSP, override: (p) => (p.endsWith('/kb/iphone-backup.json') ? { status: 200, type: 'application/json', body: '{"format":5,' } : null) }), 'embed.html', null],
    ['a wasm that does not load', () => serve(DIST, { csp: STRICT_CSP, override: (p) => (p.endsWith('.wasm') ? { status: 200, type: 'application/wasm', body: 'not wasm' } : null) }), 'embed.html', null],
  ];
  for (const [what, host_, path, detail] of cases) {
    const host = await host_();
    const ctx = await context(browser);
    // A failed assertion must not leave the server listening: the run would never end.
    try {
      await ctx.addInitScript(() => {
        window.__errors = [];
        document.addEventListener('fixplan:error', (e) => window.__errors.push(e.detail));
      });
      const { page } = await open(ctx, host.url + path);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 10_000 });
      assert.match(await alert.textContent(), /could not/i, what);
      assert.equal(await page.getByRole('link', { name: /Read the backup help article/ }).isVisible(), true, what);
      const errors = await page.evaluate(() => window.__errors);
      assert.equal(errors.length >= 1, true, what);
      if (detail) assert.match(errors[0].detail, detail, what);
      // The host page still works: its own script can run and change the DOM.
      assert.equal(await page.evaluate(() => { document.title = 'still alive'; return document.title; }), 'still alive');
    } finally {
      await ctx.close();
      await host.close();
    }
  }
});

test('dist works under any path prefix', async () => {
  const host = await serve(DIST, { csp: STRICT_CSP, prefix: '/help/widgets/fixplan/' });
  const ctx = await context(browser);
  const { page, problems } = await open(ctx, host.url + 'embed.html');
  await ready(page);
  await answer(page, 'iCloud Backup');
  await page.locator('fix-plan .current h3').waitFor();
  assert.deepEqual(problems, []);
  await ctx.close();
  await host.close();
});

test('no accessibility violations with a plan and a question shown', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx, 'index.html');
  await answer(page, 'iCloud Backup');
  await chip(page, 'Back Up Now works, but nightly backups never happen');
  await page.getByRole('region', { name: 'Question' }).waitFor();
  // The whole demo page, the widget's shadow tree included.
  assert.deepEqual(await axeViolations(page, 'html'), []);
  await ctx.close();
});

test('HTML and script in knowledge-base text render as inert text', async () => {
  const img = '<img src=x onerror="window.__pwned=1">';
  const script = '</script><script>window.__pwned=2</script>';
  const link = '<a href="javascript:window.__pwned=3">click</a>';
  const evil = buildKb('evil'); // tests/fixtures/evil: markup in every kind of text
  const page = '<!doctype html><html lang="en"><title>Evil</title><script type="module" src="fixplan.js"></script>' +
    '<fix-plan kb="kb/evil.json"></fix-plan>';
  const host = await servePages({ '/evil.html': page, '/kb/evil.json': evil });
  const ctx = await context(browser);
  const { page: tab, problems } = await open(ctx, host.url + 'evil.html');
  await ready(tab);
  await tapSymptom(tab, `Broken ${img}`);
  await tab.getByText(`Fix ${script}`).first().waitFor();
  await tab.getByText(`Step ${link}`).first().waitFor();
  const inside = await tab.evaluate(() => {
    const root = document.querySelector('fix-plan').shadowRoot;
    return { imgs: root.querySelectorAll('img').length, scripts: root.querySelectorAll('script').length, links: [...root.querySelectorAll('a')].map((a) => a.href) };
  });
  assert.equal(inside.imgs, 0);
  assert.equal(inside.scripts, 0);
  assert.ok(inside.links.every((href) => !href.startsWith('javascript:')), inside.links.join());
  assert.equal(await tab.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(await cspViolations(tab), []);
  assert.deepEqual(problems, []);
  await ctx.close();
  await host.close();
});

test('lang chooses the interface language, falling back to the page, then English', async () => {
  const pages = {
    '/de.html': '<!doctype html><html lang="en"><title>de</title><script type="module" src="fixplan.js"></script><fix-plan lang="de"></fix-plan>',
    '/page-de.html': '<!doctype html><html lang="de-AT"><title>de</title><script type="module" src="fixplan.js"></script><fix-plan></fix-plan>',
    '/fr.html': '<!doctype html><html lang="fr"><title>fr</title><script type="module" src="fixplan.js"></script><fix-plan></fix-plan>',
  };
  const host = await servePages(pages);
  const ctx = await context(browser);
  for (const [path, label] of [['de.html', 'Beschreibe das Problem oder füge die Meldung ein'], ['page-de.html', 'Beschreibe das Problem oder füge die Meldung ein'], ['fr.html', 'Describe the problem or paste the message']]) {
    const { page } = await open(ctx, host.url + path);
    await page.getByLabel(label).waitFor({ timeout: 10_000 });
  }
  await ctx.close();
  await host.close();
});

test('German readers get German knowledge-base text end to end, and only the German file', async () => {
  const host = await servePages({ '/de.html': '<!doctype html><html lang="de"><title>de</title><script type="module" src="fixplan.js"></script><fix-plan></fix-plan>' });
  const ctx = await context(browser);
  ctx.setDefaultTimeout(10_000);
  try {
    const { page } = await open(ctx, host.url + 'de.html');
    const kbs = [];
    page.on('request', (r) => { if (r.url().includes('/kb/')) kbs.push(new URL(r.url()).pathname); });
    await page.reload();
    await ready(page);
    assert.deepEqual(kbs, ['/kb/iphone-backup.de.json']);
    await answer(page, 'iCloud');
    await chip(page, 'Der iCloud-Speicherbalken ist voll');
    const current = page.locator('fix-plan .current');
    assert.match(await firstStep(page), /iCloud-Speicher freigeben/);
    assert.match(await current.locator('.kicker').textContent(), /Jetzt tun/i);
    await current.getByText('Warum dieser Schritt?').click();
    // The engine's own reasons are worded by the German knowledge base.
    const why = await current.locator('details.why li').allTextContents();
    assert.ok(why.some((w) => /^Wahrscheinliche Ursache: .+ \(\d+ %\)$/.test(w)), why.join(' | '));
    assert.ok(why.some((w) => w.includes('Du hast angegeben: Der iCloud-Speicherbalken ist voll')), why.join(' | '));
    // A German message, pasted, is recognised.
    await page.locator('fix-plan [part="toolbar"]').getByRole('button', { name: 'Neu beginnen' }).click();
    await page.getByLabel('Beschreibe das Problem oder füge die Meldung ein').fill('Das iPhone konnte nicht gesichert werden, weil nicht genügend iCloud-Speicher verfügbar ist.');
    await page.getByRole('button', { name: 'Lesen' }).click();
    const result = page.locator('fix-plan .search-result');
    await result.filter({ hasText: 'Erkannt' }).waitFor();
    assert.equal(await result.textContent(), 'Erkannt: „Nicht genügend iCloud-Speicher“.');
    assert.equal(await chipButton(page, '„Nicht genügend iCloud-Speicher“').getAttribute('aria-pressed'), 'true');
  } finally {
    await ctx.close();
    await host.close();
  }
});

test('integrity: a tampered byte fails the load, and the published script hash works', async () => {
  const { readFile } = await import('node:fs/promises');
  const wasm = await readFile(new URL('fixplan_wasm_bg.wasm', `file://${DIST}`));
  const tampered = Buffer.from(wasm);
  tampered[tampered.length - 10] ^= 0xff;
  const kb = await readFile(new URL('kb/iphone-backup.json', `file://${DIST}`), 'utf8');
  const cases = [
    ['a wasm byte', (p) => (p.endsWith('.wasm') ? { status: 200, type: 'application/wasm', body: tampered } : null)],
    ['a knowledge-base byte', (p) => (p.endsWith('/kb/iphone-backup.json') ? { status: 200, type: 'application/json', body: kb.replace('iCloud', 'iCl0ud') } : null)],
  ];
  // The demo page preloads both files: the preloaded bytes are checked too.
  for (const [what, override, detail] of cases) {
    for (const [path, fallback] of [['embed.html', 'Read the backup help article'], ['index.html', 'Finder on a Mac']]) {
      // (index.html's fallback inside <fix-plan> is its own article link list.)
      const host = await serve(DIST, { csp: SITE_CSP, override });
      const ctx = await context(browser);
      const { page } = await open(ctx, host.url + path);
      await page.getByRole('alert').waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('fix-plan .body').count(), 0, `${what}, ${path}`);
      assert.equal(await page.locator('fix-plan').getByRole('link', { name: fallback }).isVisible(), true, `${what}, ${path}`);
      await ctx.close();
      await host.close();
    }
  }
  const sri = (await readFile(new URL('fixplan.js.sri', `file://${DIST}`), 'utf8')).trim();
  const pages = {
    '/good.html': `<!doctype html><html lang="en"><title>ok</title><script type="module" integrity="${sri}" src="fixplan.js"></script><fix-plan></fix-plan>`,
    '/bad.html': '<!doctype html><html lang="en"><title>bad</title><script type="module" integrity="sha384-AAAA" src="fixplan.js"></script><fix-plan><a href="index.html">Read the backup help article</a></fix-plan>',
  };
  const host = await servePages(pages);
  const ctx = await context(browser);
  const good = await open(ctx, host.url + 'good.html');
  await ready(good.page);
  const bad = await open(ctx, host.url + 'bad.html');
  await bad.page.waitForTimeout(500);
  assert.equal(await bad.page.evaluate(() => customElements.get('fix-plan')), undefined);
  assert.equal(await bad.page.getByRole('link', { name: 'Read the backup help article' }).isVisible(), true);
  await ctx.close();
  await host.close();
});

test('the sample host pages lay out at a phone\'s width, not a 980 px desktop one', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    for (const path of ['embed.html', 'index.html']) {
      const page = await ctx.newPage();
      await page.goto(server.url + path);
      await ready(page);
      assert.equal(await page.evaluate(() => window.innerWidth), 390, path);
      await page.close();
    }
  } finally {
    await ctx.close();
  }
});

test('a 1 MB paste is read up to the cap, and the reader is told', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  try {
    const text = `This iPhone cannot be backed up because there is not enough iCloud storage available. ${'log line '.repeat(120_000)}`;
    await page.getByLabel('Describe the problem or paste the message').fill(text);
    await page.getByRole('button', { name: 'Read it' }).click();
    const result = page.locator('fix-plan .search-result');
    await result.filter({ hasText: 'characters were read' }).waitFor();
    assert.match(await result.textContent(), /^Recognised: .+\. Only the first 10,000 characters were read\.$/);
    // A short paste says nothing about a cap.
    await page.locator('fix-plan [part="toolbar"]').getByRole('button', { name: 'Start over' }).click();
    await page.getByLabel('Describe the problem or paste the message').fill('error -36');
    await page.getByRole('button', { name: 'Read it' }).click();
    await result.filter({ hasNotText: 'characters were read' }).waitFor();
  } finally {
    await ctx.close();
  }
});
