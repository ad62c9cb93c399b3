// The widget's budgets, measured in headless Chromium on this machine:
// size of the widget's own files and of the knowledge base, script → widget
// drawn (fresh loads, and offline reloads from the demo's service worker),
// cold start on an emulated mid-range phone (benches/browser/cold-start.mjs),
// and chip click → updated step. Prints Markdown.
// Run by `make bench` after `make dist`; it measures, it does not assert.
import { readFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { launch, context, serve, clickTimes, median, p95, DIST, SITE_CSP } from './browser.mjs';
import { coldStarts, serveDist, MID_PHONE, WIDGET_FILES } from '../../benches/browser/cold-start.mjs';

// What a page downloads for the widget: its own files, then the knowledge
// base (an English page's). The glue is bundled into fixplan.js; its own
// file is fetched only to restart the engine after a failure.
const FILES = WIDGET_FILES;
const OWN = ['fixplan.js', 'fixplan_wasm_bg.wasm', 'fixplan.css'];
const LOADS = 20;
// Cold starts on the emulated phone: each takes seconds.
const PHONE_LOADS = 5;
// Enough clicks that the p95 is not one slow click.
const CLICKS = 200;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;

async function sizes() {
  const rows = [];
  for (const file of FILES) {
    const body = await readFile(join(DIST, file));
    rows.push({
      file,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}

/** A page that notes when the widget is ready (drawn by the engine, its first control showing). */
async function readyPage(ctx) {
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    document.addEventListener('fixplan:ready', () => { window.__readyAt = performance.now(); });
  });
  return page;
}

/**
 * ms from the script's request to `fixplan:ready` on the page as loaded, and
 * to the last byte of the widget's own files (to tell waiting for them
 * from compiling, parsing and rendering).
 */
async function readyAfterScript(page) {
  await page.waitForFunction(() => window.__readyAt !== undefined);
  return page.evaluate((files) => {
    const entries = performance.getEntriesByType('resource');
    const start = entries.find((e) => e.name.endsWith('/fixplan.js')).startTime;
    const widget = entries.filter((e) => e.startTime >= start && files.some((f) => e.name.endsWith(`/${f}`)));
    return { ready: window.__readyAt - start, fetched: Math.max(...widget.map((e) => e.responseEnd)) - start };
  }, FILES);
}

/** Script → ready per fresh context: nothing cached. */
async function coldLoads(browser, url) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const ctx = await context(browser);
    const page = await readyPage(ctx);
    await page.goto(url);
    times.push(await readyAfterScript(page));
    await ctx.close();
  }
  return times;
}

/**
 * Script → ready on reloads of the demo page offline, after one visit let
 * its service worker precache the build: what a returning reader gets.
 */
async function offlineLoads(browser, url) {
  const ctx = await context(browser);
  const page = await readyPage(ctx);
  await page.goto(url);
  await readyAfterScript(page);
  await page.evaluate(() => navigator.serviceWorker.ready); // active: precached
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await ctx.setOffline(true);
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    await page.reload();
    times.push(await readyAfterScript(page));
  }
  await ctx.close();
  return times;
}

/** A budget row: met, or missed and why. */
function row(what, times, limit, by, why, shown = `${limit} ms`) {
  const value = by(times);
  const verdict = value <= limit ? `≤ ${shown} ✓` : `≤ ${shown} **missed**: ${why}`;
  return `| ${what} | ${ms(median(times))} | ${ms(p95(times))} | ${verdict} |`;
}

/** Why a load missed: how much of it was the network, how much the rest. */
function loadWhy(loads, done = (l) => l.ready) {
  const fetched = median(loads.map((l) => l.fetched));
  const ready = median(loads.map(done));
  return `the widget's last file arrives at ${ms(fetched)} (median); compiling the wasm, reading the knowledge base and the first render take the other ${ms(ready - fetched)}`;
}

const sum = (files) => files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });

const browser = await launch();
// The strict policy, except on the demo article, whose service worker needs one named policy.
const server = await serve(DIST, { csp: SITE_CSP });
// The phone gets the files gzip-compressed, as a host sends them.
const gzipServer = await serveDist(DIST);
try {
  const files = await sizes();
  const total = sum(files);
  const own = sum(files.filter((f) => OWN.includes(f.file)));
  const cold = await coldLoads(browser, server.url + 'embed.html');
  const offline = await offlineLoads(browser, server.url + 'index.html');
  const [phone] = await coldStarts(browser, [gzipServer.url + 'embed.html'], PHONE_LOADS);
  const click = await clickTimes(browser, server.url + 'embed.html', CLICKS);
  const wasm = files.find((f) => f.file.endsWith('.wasm'));
  const kbFile = files.find((f) => f.file.startsWith('kb/'));
  const out = [
    '## The widget in the browser',
    '',
    `Written by \`make bench\` (\`tests/e2e/budget.mjs\`): dist/ served on loopback, headless Chromium. ` +
      `Cold: ${LOADS} fresh contexts on embed.html under the strict CSP. Offline-warm: the demo page (index.html) visited once ` +
      `so its service worker precaches the build, then ${LOADS} reloads with the context offline. ` +
      `Mid phone: ${PHONE_LOADS} fresh contexts on embed.html, cache disabled, the CPU ${MID_PHONE.cpu}× slower and Slow 4G ` +
      `(${MID_PHONE.latency} ms, ${MID_PHONE.download * 8 / 1e6} Mbit/s down, ${MID_PHONE.upload * 8 / 1e3} kbit/s up) over DevTools, files sent gzip -9; ` +
      'from navigation start to the first control visible (`benches/browser/cold-start.mjs`).',
    '',
    '| file | raw | gzip | brotli |',
    '| --- | ---: | ---: | ---: |',
    ...files.filter((f) => OWN.includes(f.file)).map((f) => `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`),
    `| **the widget's own files** | ${kb(own.raw)} | **${kb(own.gzip)}** | ${kb(own.brotli)} |`,
    `| ${kbFile.file} | ${kb(kbFile.raw)} | ${kb(kbFile.gzip)} | ${kb(kbFile.brotli)} |`,
    `| total transfer | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)} |`,
    '',
    '| measure | median | p95 | budget |',
    '| --- | ---: | ---: | --- |',
    row('script request → widget drawn, `fixplan:ready` (cold)', cold.map((l) => l.ready), 150, median, loadWhy(cold)),
    row('script request → widget drawn, `fixplan:ready` (offline-warm, service worker)', offline.map((l) => l.ready), 60, median, loadWhy(offline)),
    row('navigation → first control visible (cold, emulated mid phone)', phone.map((l) => l.control), 1400, median,
      loadWhy(phone, (l) => l.control), '1.4 s'),
    row('chip click → updated step (p95)', click, 16, p95, 'each click re-runs inference, the plan and the question search in wasm, and redraws the widget'),
    '',
    '| size | value | budget |',
    '| --- | ---: | --- |',
    `| the widget's own files (script, wasm, styles), gzip | ${kb(own.gzip)} | ≤ 64 KB${own.gzip <= 64 * 1024 ? ' ✓' : ` **missed**: the wasm is ${kb(wasm.gzip)} gzip; 64 KB would need it under ${kb(64 * 1024 - (own.gzip - wasm.gzip))}`} |`,
    `| knowledge base (${kbFile.file}), gzip | ${kb(kbFile.gzip)} | — (the site's content, mostly its authored text) |`,
    `| wasm, raw | ${kb(wasm.raw)} | ≤ 150 KB${wasm.raw <= 150 * 1024 ? ' ✓' : ' **missed**: see the breakdown by crate below'} |`,
  ];
  console.log(out.join('\n'));
} finally {
  await browser.close();
  await server.close();
  await gzipServer.close();
}
