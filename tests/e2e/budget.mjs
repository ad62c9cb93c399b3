// The widget's budgets, measured in headless Chromium on this machine:
// transfer size of everything the widget downloads, script → interactive
// (fresh loads, and offline reloads from the demo's service worker), and
// chip click → updated plan. Prints Markdown.
// Run by `make bench` after `make dist`; it measures, it does not assert.
import { readFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { launch, context, serve, clickTimes, median, p95, DIST, STRICT_CSP, SITE_CSP } from './browser.mjs';

// What a page downloads for the widget. The glue is bundled into fixplan.js;
// its own file is fetched only to restart the engine after a failure.
const FILES = ['fixplan.js', 'fixplan_wasm_bg.wasm', 'fixplan.css', 'kb/iphone-backup.json'];
const LOADS = 20;
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

/** A page that notes when the widget is ready (chips clickable). */
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
function row(what, times, limit, by, why) {
  const value = by(times);
  const verdict = value <= limit ? `≤ ${limit} ms ✓` : `≤ ${limit} ms **missed**: ${why}`;
  return `| ${what} | ${ms(median(times))} | ${ms(p95(times))} | ${verdict} |`;
}

/** Why a load missed: how much of it was the network, how much the rest. */
function loadWhy(loads) {
  const fetched = median(loads.map((l) => l.fetched));
  const ready = median(loads.map((l) => l.ready));
  return `the widget's last file arrives at ${ms(fetched)} (median); compiling the wasm, reading the knowledge base and the first render take the other ${ms(ready - fetched)}`;
}

const browser = await launch();
// The strict policy, except on the demo article, whose service worker needs one named policy.
const server = await serve(DIST, { csp: SITE_CSP });
try {
  const files = await sizes();
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const cold = await coldLoads(browser, server.url + 'embed.html');
  const offline = await offlineLoads(browser, server.url + 'index.html');
  const click = await clickTimes(browser, server.url + 'embed.html', CLICKS);
  const wasm = files.find((f) => f.file.endsWith('.wasm'));
  const kbFile = files.find((f) => f.file.startsWith('kb/'));
  const out = [
    '## The widget in the browser',
    '',
    `Written by \`make bench\` (\`tests/e2e/budget.mjs\`): dist/ served on loopback, headless Chromium. ` +
      `Cold: ${LOADS} fresh contexts on embed.html under the strict CSP. Offline-warm: the demo page (index.html) visited once ` +
      `so its service worker precaches the build, then ${LOADS} reloads with the context offline.`,
    '',
    '| file | raw | gzip | brotli |',
    '| --- | ---: | ---: | ---: |',
    ...files.map((f) => `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`),
    `| **total** | ${kb(total.raw)} | **${kb(total.gzip)}** | ${kb(total.brotli)} |`,
    '',
    '| measure | median | p95 | budget |',
    '| --- | ---: | ---: | --- |',
    row('script request → chips clickable (cold)', cold.map((l) => l.ready), 150, median, loadWhy(cold)),
    row('script request → chips clickable (offline-warm, service worker)', offline.map((l) => l.ready), 60, median, loadWhy(offline)),
    row('chip click → updated plan (p95)', click, 16, p95, 'each click re-runs inference, the plan and the question search in wasm'),
    '',
    '| size | value | budget |',
    '| --- | ---: | --- |',
    `| transfer, gzip | ${kb(total.gzip)} | ≤ 60 KB${total.gzip <= 60 * 1024 ? ' ✓' : ` **missed**: the wasm is ${kb(wasm.gzip)} and the knowledge base, mostly its authored text, ${kb(kbFile.gzip)} gzip; 60 KB would need the wasm under ${kb(60 * 1024 - (total.gzip - wasm.gzip))}`} |`,
    `| wasm, raw | ${kb(wasm.raw)} | ≤ 150 KB${wasm.raw <= 150 * 1024 ? ' ✓' : ' **missed**: see the breakdown by crate below'} |`,
  ];
  console.log(out.join('\n'));
} finally {
  await browser.close();
  await server.close();
}
