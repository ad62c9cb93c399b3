// The widget in a second engine: Firefox (Debian's firefox-esr, driven by
// puppeteer-core over WebDriver BiDi), under the same strict CSP. The engine
// draws the DOM through web-sys, so this is where a browser difference in
// the DOM calls it makes would show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { servePages, DIST, STRICT_CSP } from './browser.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
let browser;
let server;

before(async () => {
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  server = await servePages({
    '/de.html': '<!doctype html><html lang="de"><meta name="viewport" content="width=device-width, initial-scale=1"><title>de</title><script type="module" src="fixplan.js"></script><fix-plan></fix-plan>',
  }, STRICT_CSP);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Text of the first match of `selector` inside the widget's shadow root. */
const text = (page, selector) => page.evaluate((s) => document.querySelector('fix-plan').shadowRoot.querySelector(s)?.textContent ?? null, selector);

/** Clicks the shadow root's button whose text starts with `label`, as a keyboard would (no pointer). */
async function press(page, label) {
  const found = await page.evaluate((l) => {
    const button = [...document.querySelector('fix-plan').shadowRoot.querySelectorAll('button')]
      .find((b) => b.textContent.trim().startsWith(l) && b.offsetParent !== null);
    button?.click();
    return Boolean(button);
  }, label);
  assert.ok(found, `no visible button "${label}"`);
}

test('Firefox: an iCloud reader gets the step to do now, replans, and the page stays clean', async () => {
  const ctx = await browser.createBrowserContext(); // its own storage
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${server.url}embed.html`);
  await page.waitForFunction(() => document.querySelector('fix-plan')?.shadowRoot?.querySelector('.body button'));
  assert.equal(await text(page, '.question-text'), 'How do you back up this iPhone?');
  await press(page, 'iCloud Backup');
  await press(page, 'Yes');
  assert.match(await text(page, '.current h3'), /Free up iCloud storage/);
  const first = await text(page, '.current h3');
  await press(page, "Didn't help");
  assert.notEqual(await text(page, '.current h3'), first);
  assert.match(await text(page, '.ack'), /^Noted\. Next: /);
  // The search suggests as the reader types, and a typed hex code is read.
  await page.evaluate(() => {
    const area = document.querySelector('fix-plan').shadowRoot.querySelector('#search');
    area.value = 'error 0xE8000084';
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await press(page, 'Read it');
  assert.match(await text(page, '.search-result'), /Recognised: .*E8000084/i);
  const view = await page.evaluate(() => document.querySelector('fix-plan').view);
  assert.equal(view.observed.channel, 'icloud');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('Firefox: a German reader gets the German widget and knowledge base, and the keyboard reaches "Hat geholfen"', async () => {
  const ctx = await browser.createBrowserContext(); // its own storage
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}de.html`);
  await page.waitForFunction(() => document.querySelector('fix-plan')?.shadowRoot?.querySelector('.body button'));
  assert.equal(await text(page, '.search-label'), 'Beschreibe das Problem oder füge die Meldung ein');
  await press(page, 'iCloud');
  await press(page, 'Ja');
  assert.match(await text(page, '.current h3'), /iCloud-Speicher freigeben/);
  assert.equal(await text(page, '.current .kicker'), 'Notiert. Jetzt tun');
  // Tab from the toolbar's first button to the step's "Hat geholfen".
  await page.evaluate(() => document.querySelector('fix-plan').shadowRoot.querySelector('[part="toolbar"] button').focus());
  let presses = 0;
  const focused = () => page.evaluate(() => document.querySelector('fix-plan').shadowRoot.activeElement?.textContent?.trim());
  while ((await focused()) !== 'Hat geholfen' && presses < 30) {
    await page.keyboard.press('Tab');
    presses += 1;
  }
  assert.ok(presses <= 15, `${presses} Tab presses`);
  await page.keyboard.press('Enter');
  assert.match(await text(page, '.current .glad'), /^Schön, dass es geklappt hat/);
  assert.deepEqual(errors, []);
  await ctx.close();
});
