// The widget end to end in headless Chromium, on dist/ served with the
// strict Content-Security-Policy: what a reader does, as a reader sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, context, open, ready, firstStep, cspViolations, axeViolations, serve, servePages, buildKb, DIST, STRICT_CSP, SITE_CSP } from './browser.mjs';

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

/** A chip by its name; question answers may share the name, so look in chip groups. */
function chipButton(page, name) {
  return page.getByRole('group').getByRole('button', { name, exact: true });
}

async function chip(page, name) {
  const button = chipButton(page, name);
  await button.click();
  return button;
}

test('chips for three readers put the step an expert expects first', async () => {
  const cases = [
    [['iCloud Backup', 'iCloud storage bar is full'], /Free up iCloud storage/],
    [['Finder on a Mac', "The computer doesn't show the iPhone"], /Trust/],
    [['Apple Devices app on Windows', '“Not enough free space is available on this computer”'], /Free up space on the computer/],
  ];
  for (const [chips, expected] of cases) {
    const ctx = await context(browser);
    const { page, problems } = await embed(ctx);
    for (const name of chips) {
      const button = await chip(page, name);
      assert.equal(await button.getAttribute('aria-pressed'), 'true', name);
    }
    await assert.doesNotReject(page.waitForFunction(
      (re) => new RegExp(re).test(document.querySelector('fix-plan').shadowRoot.querySelector('ol li h3')?.textContent ?? ''),
      expected.source,
    ));
    assert.match(await firstStep(page), expected);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await ctx.close();
  }
});

test('a pasted message lights up its chips', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  await page.getByLabel('Or paste the message you see').fill('iTunes could not back up the iPhone because the backup session failed. (error -36)');
  await page.getByRole('button', { name: 'Read message' }).click();
  const itunes = chipButton(page, 'iTunes (Windows or an older Mac)');
  await assert.doesNotReject(itunes.and(page.locator('[aria-pressed="true"]')).waitFor());
  assert.equal(await chipButton(page, '“…because the backup session failed”').getAttribute('aria-pressed'), 'true');
  await ctx.close();
});

test("didn't help replans at once", async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  await chip(page, 'iCloud Backup');
  await chip(page, 'iCloud storage bar is full');
  const before = await firstStep(page);
  const plan = page.getByRole('list', { name: 'Your fix plan' });
  await plan.getByRole('listitem').first().getByRole('button', { name: "Didn't help" }).click();
  await page.waitForFunction((b) => document.querySelector('fix-plan').shadowRoot.querySelector('ol li h3')?.textContent.trim() !== b, before);
  assert.notEqual(await firstStep(page), before);
  await ctx.close();
});

test('answering the question changes the plan', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  const expected = page.getByText(/Expected time to fixed: about \d+ minutes/);
  const before = await expected.textContent();
  // Whatever the engine asks first, a real answer replans.
  const question = page.getByRole('region', { name: 'Question' });
  const asked = await question.locator('.question-text').textContent();
  await question.getByRole('button').first().click();
  await page.waitForFunction((q) => document.querySelector('fix-plan').shadowRoot.querySelector('.question-text')?.textContent !== q, asked);
  await page.waitForFunction((b) => !document.querySelector('fix-plan').shadowRoot.textContent.includes(b), before);
  assert.notEqual(await expected.textContent(), before);
  await ctx.close();
});

test('the summary for support says what the reader saw and tried, in the widget\'s language', async () => {
  const pages = { '/de.html': '<!doctype html><html lang="de"><title>de</title><script type="module" src="fixplan.js"></script><fix-plan></fix-plan>' };
  const host = await servePages(pages);
  const ctx = await context(browser);
  ctx.setDefaultTimeout(10_000);
  // Whether or not the clipboard took it, the text is in the summary box.
  const summaryOf = async (page, copy) => {
    await page.getByRole('button', { name: copy }).click();
    await page.locator('fix-plan .copy-out:not([hidden]) [role="status"]').first().waitFor();
    return page.locator('fix-plan textarea[id$="-summary"]').inputValue();
  };
  try {
    const { page } = await embed(ctx);
    await chip(page, 'iCloud Backup');
    await chip(page, 'iCloud storage bar is full');
    const first = await firstStep(page);
    await page.getByRole('list', { name: 'Your fix plan' }).getByRole('listitem').first().getByRole('button', { name: "Didn't help" }).click();
    await page.getByRole('listitem').filter({ hasText: `${first}: didn't help` }).waitFor();
    const english = await summaryOf(page, 'Copy summary');
    assert.match(english, /^iPhone backup is not working: troubleshooting summary\n\nWhat I see:\n/);
    assert.ok(english.includes('- How do you back up?: iCloud Backup\n'), english);
    assert.ok(english.includes('- iCloud storage bar is full: yes\n'), english);
    assert.ok(english.includes(`What I tried:\n- ${first}: didn't help\n`), english);
    assert.match(english, /\nMost likely: [^\n]+ \(\d+%\)/);
    // In German the frame is German, and so is the knowledge base's own text.
    const de = await open(ctx, host.url + 'de.html');
    const german = await summaryOf(de.page, 'Zusammenfassung kopieren');
    assert.match(german, /^iPhone-Backup funktioniert nicht: Zusammenfassung der Fehlersuche\n\nWas ich sehe:\n- noch nichts ausgewählt\n\nWas ich versucht habe:\n- noch keine Schritte\n/);
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
  await chip(page, 'iCloud Backup');
  const plan = page.getByRole('list', { name: 'Your fix plan' });
  await plan.getByRole('listitem').first().getByRole('button', { name: 'Fixed it' }).click();
  await page.waitForFunction(() => window.__events.some(([t]) => t === 'fixplan:fixed'));
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
  await chip(page, 'iCloud Backup');
  await chip(page, 'iCloud storage bar is full');
  const step = await firstStep(page);
  await page.reload();
  await ready(page);
  assert.equal(await chipButton(page, 'iCloud storage bar is full').getAttribute('aria-pressed'), 'true');
  assert.equal(await firstStep(page), step);
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.reload();
  await ready(page);
  assert.equal(await chipButton(page, 'iCloud storage bar is full').getAttribute('aria-pressed'), 'false');
  await ctx.close();
});

test('a share link restores the state in a new browser context', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  await chip(page, 'Finder on a Mac');
  await chip(page, "The computer doesn't show the iPhone");
  await page.getByRole('button', { name: 'Share link' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#fixplan='));
  const link = page.url();
  await ctx.close();
  const other = await context(browser);
  const { page: fresh } = await open(other, link);
  await ready(fresh);
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

test('a throwing localStorage changes nothing visible', async () => {
  const ctx = await context(browser);
  await ctx.addInitScript(() => {
    const fail = () => { throw new DOMException('quota', 'QuotaExceededError'); };
    Object.defineProperty(window, 'localStorage', { get: () => ({ getItem: fail, setItem: fail, removeItem: fail }) });
  });
  const { page, problems } = await embed(ctx);
  await chip(page, 'iCloud Backup');
  await chip(page, 'iCloud storage bar is full');
  assert.match(await firstStep(page), /Free up iCloud storage/);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(problems.filter((p) => !p.includes('quota')), []);
  await ctx.close();
});

test('the keyboard alone completes a scenario', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx);
  const pressed = async (name) => chipButton(page, name).getAttribute('aria-pressed');
  // Tab to the first chip of the first group, then on through the chips.
  for (let i = 0; i < 40 && (await page.evaluate(() => document.querySelector('fix-plan').shadowRoot.activeElement?.textContent?.trim())) !== 'iCloud Backup'; i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Space');
  assert.equal(await pressed('iCloud Backup'), 'true');
  // Shift+Tab comes back to the same chip: focus stays where the reader left it.
  const focused = () => page.evaluate(() => document.querySelector('fix-plan').shadowRoot.activeElement?.textContent?.trim());
  await page.keyboard.press('Tab');
  assert.notEqual(await focused(), 'iCloud Backup');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'iCloud Backup');
  for (let i = 0; i < 80 && (await page.evaluate(() => document.querySelector('fix-plan').shadowRoot.activeElement?.textContent?.trim())) !== 'Fixed it'; i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Start over' }).waitFor();
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
  await chip(page, 'iCloud Backup');
  assert.deepEqual(problems, []);
  await ctx.close();
  await host.close();
});

test('no accessibility violations with a plan and a question shown', async () => {
  const ctx = await context(browser);
  const { page } = await embed(ctx, 'index.html');
  await chip(page, 'iCloud Backup');
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
  await tab.getByRole('group', { name: `Group ${script}` }).waitFor();
  await tab.getByRole('group').getByRole('button', { name: `Broken ${img}`, exact: true }).click();
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
  for (const [path, label] of [['de.html', 'Oder füge die angezeigte Meldung ein'], ['page-de.html', 'Oder füge die angezeigte Meldung ein'], ['fr.html', 'Or paste the message you see']]) {
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
    await page.getByRole('group', { name: 'Wie sicherst du dein iPhone?' }).waitFor();
    assert.deepEqual(kbs, ['/kb/iphone-backup.de.json']);
    await chip(page, 'iCloud-Backup');
    await chip(page, 'Der iCloud-Speicherbalken ist voll');
    const plan = page.getByRole('list', { name: 'Dein Lösungsplan' });
    const first = plan.getByRole('listitem').first();
    assert.match(await first.getByRole('heading').textContent(), /iCloud-Speicher freigeben/);
    await first.getByText('Warum dieser Schritt?').click();
    // The engine's own reasons are worded by the German knowledge base.
    const why = await first.locator('details li').allTextContents();
    assert.ok(why.some((w) => /^Wahrscheinliche Ursache: .+ \(\d+ %\)$/.test(w)), why.join(' | '));
    assert.ok(why.some((w) => w.includes('(du hast angegeben: Der iCloud-Speicherbalken ist voll)')), why.join(' | '));
    // A German message, pasted, is recognised.
    await page.getByRole('button', { name: 'Neu beginnen' }).click();
    await page.getByLabel('Oder füge die angezeigte Meldung ein').fill('Das iPhone konnte nicht gesichert werden, weil nicht genügend iCloud-Speicher verfügbar ist.');
    await page.getByRole('button', { name: 'Meldung lesen' }).click();
    const result = page.locator('fix-plan .paste-result');
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
      const host = await serve(DIST, { csp: SITE_CSP, override });
      const ctx = await context(browser);
      const { page } = await open(ctx, host.url + path);
      await page.getByRole('alert').waitFor({ timeout: 10_000 });
      assert.equal(await page.getByRole('group', { name: 'How do you back up?' }).count(), 0, `${what}, ${path}`);
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
    await page.getByLabel('Or paste the message you see').fill(text);
    await page.getByRole('button', { name: 'Read message' }).click();
    const result = page.locator('fix-plan .paste-result');
    await result.filter({ hasText: 'characters were read' }).waitFor();
    assert.match(await result.textContent(), /^Recognised: .+\. Only the first 10,000 characters were read\.$/);
    // A short paste says nothing about a cap.
    await page.getByLabel('Or paste the message you see').fill('error -36');
    await page.getByRole('button', { name: 'Read message' }).click();
    await result.filter({ hasNotText: 'characters were read' }).waitFor();
  } finally {
    await ctx.close();
  }
});
