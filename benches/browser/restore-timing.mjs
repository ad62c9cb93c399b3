// Main-thread time of opening the demo article with a hostile share link
// (tests/e2e/browser.mjs `hostileLinks`), in headless Chromium: for each
// link, from navigation to `fixplan:ready`, the time of the engine's
// `restore` call (timed by wrapping the wasm's exports; 0 when the widget
// does not pass the link on), the time in the page's JavaScript (DevTools'
// Performance.ScriptDuration, which leaves wasm out) and the renderer main
// thread's busy time (TaskDuration), these two less those of the same page
// without a link; the busy time a page with no script at all spends on the
// same URL (the browser's own cost of a huge URL); the longest single task;
// and the median and slowest of 20 chip clicks afterwards (each the median
// of three runs, clicks pooled). Prints Markdown; it measures, it does not
// assert.
//
//   node benches/browser/restore-timing.mjs [dist-dir]   (default: dist/)
import { resolve } from 'node:path';
import { launch, context, serve, hostileLinks, median, chipClickTimes, DIST, SITE_CSP } from '../../tests/e2e/browser.mjs';

const BLANK = '<!doctype html><html lang="en"><title>No script</title><p>Nothing runs here.';

const ROOT = resolve(process.argv[2] ?? DIST);
const CLICKS = 20;
const RUNS = 3;
const ms = (n) => `${n.toFixed(0)} ms`;

/** Main-thread busy and script time (ms) of a page once it settles. */
async function cost(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => metrics.find((m) => m.name === name).value * 1000;
  return { busy: value('TaskDuration'), script: value('ScriptDuration') };
}

async function blank(browser, url) {
  const ctx = await context(browser);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  const { busy } = await cost(cdp);
  await ctx.close();
  return busy;
}

async function measure(browser, url) {
  const ctx = await context(browser);
  ctx.setDefaultTimeout(300_000);
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
    document.addEventListener('fixplan:ready', () => { window.__ready = true; });
    // Every call into the engine, timed: the glue instantiates a compiled module.
    window.__wasmMs = {};
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = async function (module, imports) {
      const result = await instantiate.call(this, module, imports);
      if (!(result instanceof WebAssembly.Instance)) return result;
      const exports = {};
      for (const [name, value] of Object.entries(result.exports)) {
        exports[name] = typeof value !== 'function' ? value : (...args) => {
          const t0 = performance.now();
          try { return value(...args); } finally { window.__wasmMs[name] = (window.__wasmMs[name] ?? 0) + performance.now() - t0; }
        };
      }
      return Object.create(WebAssembly.Instance.prototype, { exports: { value: exports } });
    };
  });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForFunction(() => window.__ready === true);
  const { busy, script } = await cost(cdp);
  const [longest, wasm] = await page.evaluate(() => [window.__longest, window.__wasmMs.engine_restore ?? 0]);
  // Clicks after the restore: each one replays what the restore left.
  const clicks = await chipClickTimes(page, CLICKS, 4);
  await ctx.close();
  return { busy, script, wasm, longest, clicks };
}

/** The median of a few runs, as the machine may be busy; clicks pooled. */
async function runs(browser, url) {
  const all = [];
  for (let i = 0; i < RUNS; i++) all.push(await measure(browser, url));
  const mid = (key) => median(all.map((r) => r[key]));
  return { busy: mid('busy'), script: mid('script'), wasm: mid('wasm'), longest: mid('longest'), clicks: all.flatMap((r) => r.clicks) };
}

const browser = await launch();
const server = await serve(ROOT, {
  csp: SITE_CSP,
  override: (p) => (p === '/blank.html' ? { status: 200, type: 'text/html', body: BLANK } : null),
});
try {
  const page = `${server.url}index.html`;
  // Twice without a link: the first warms the browser's caches.
  await measure(browser, page);
  const plain = await runs(browser, page);
  const noScript = await blank(browser, `${server.url}blank.html`);
  const longest = (m) => (m.longest ? ms(m.longest) : 'none over 50 ms');
  const rows = [];
  for (const [what, url] of Object.entries(hostileLinks(page))) {
    const m = await runs(browser, url);
    const own = [];
    for (let i = 0; i < RUNS; i++) own.push(await blank(browser, url.replace('/index.html#', '/blank.html#')));
    const browserOwn = median(own) - noScript;
    rows.push(`| ${what} | ${(url.length / 1e6).toFixed(2)} MB | ${ms(m.wasm)} | ${ms(m.script - plain.script)} | ${ms(m.busy - plain.busy)} | ${ms(browserOwn)} | ${longest(m)} | ${ms(median(m.clicks))} / ${ms(Math.max(...m.clicks))} |`);
  }
  console.log([
    `## Restoring from hostile share links (${ROOT})`,
    '',
    `To \`fixplan:ready\`: the engine's restore call; beyond the same page without a link (JS ${ms(plain.script)}, main thread ${ms(plain.busy)}), ` +
      'time in the page\'s JavaScript and on the main thread; the main-thread time a page with no script spends on the same URL; ' +
      `the longest task (long tasks are over 50 ms); ${CLICKS} chip clicks after it.`,
    '',
    '| link | size | engine restore | JS | main thread | the URL alone, no script | longest task | click median / slowest |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| none | | | | | | ${longest(plain)} | ${ms(median(plain.clicks))} / ${ms(Math.max(...plain.clicks))} |`,
    ...rows,
  ].join('\n'));
} finally {
  await browser.close();
  await server.close();
}
