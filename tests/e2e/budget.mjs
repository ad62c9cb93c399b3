// The widget's budgets, measured in headless Chromium on this machine:
// transfer size of everything the widget downloads, script → interactive
// (median of fresh loads), and chip click → updated plan. Prints Markdown.
// Run by `make bench` after `make dist`; it measures, it does not assert.
import { readFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { launch, context, serve, DIST, STRICT_CSP } from './browser.mjs';

const FILES = ['fixplan.js', 'fixplan_wasm.js', 'fixplan_wasm_bg.wasm', 'fixplan.css', 'kb/iphone-backup.json'];
const LOADS = 20;
const CLICKS = 40;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

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

/** ms from the script's request to the first clickable chip, per fresh context. */
async function coldLoads(browser, url) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      document.addEventListener('fixplan:ready', () => { window.__readyAt = performance.now(); });
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__readyAt !== undefined);
    times.push(await page.evaluate(() => {
      const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/fixplan.js'));
      return window.__readyAt - script.startTime;
    }));
    await ctx.close();
  }
  return times;
}

/** ms from a chip click to the re-rendered plan (the widget renders synchronously). */
async function clicks(browser, url) {
  const ctx = await context(browser);
  const page = await ctx.newPage();
  await page.goto(url);
  await page.getByRole('group', { name: 'How do you back up?' }).waitFor();
  const times = await page.evaluate((n) => {
    const root = document.querySelector('fix-plan').shadowRoot;
    const chips = [...root.querySelectorAll('button[aria-pressed]')].slice(0, 8);
    const out = [];
    for (let i = 0; i < n; i++) {
      const chip = chips[i % chips.length];
      const t0 = performance.now();
      chip.click();
      root.querySelector('ol')?.getBoundingClientRect(); // include layout
      out.push(performance.now() - t0);
    }
    return out;
  }, CLICKS);
  await ctx.close();
  return times.slice(5); // after warm-up
}

const browser = await launch();
const server = await serve(DIST, { csp: STRICT_CSP });
try {
  const files = await sizes();
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const cold = await coldLoads(browser, server.url + 'embed.html');
  const click = await clicks(browser, server.url + 'embed.html');
  const wasm = files.find((f) => f.file.endsWith('.wasm'));
  const out = [
    '## The widget in the browser',
    '',
    `Written by \`make bench\` (\`tests/e2e/budget.mjs\`): dist/ served on loopback, headless Chromium, ${LOADS} fresh contexts.`,
    '',
    '| file | raw | gzip | brotli |',
    '| --- | ---: | ---: | ---: |',
    ...files.map((f) => `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`),
    `| **total** | ${kb(total.raw)} | **${kb(total.gzip)}** | ${kb(total.brotli)} |`,
    '',
    '| measure | median | p95 | budget |',
    '| --- | ---: | ---: | ---: |',
    `| script request → chips clickable (cold) | ${ms(median(cold))} | ${ms(p95(cold))} | ≤ 150 ms${median(cold) <= 150 ? ' ✓' : ' **missed**'} |`,
    `| chip click → updated plan | ${ms(median(click))} | ${ms(p95(click))} | ≤ 16 ms${p95(click) <= 16 ? ' ✓' : ' **missed**'} |`,
    '',
    `Transfer budget ≤ 60 KB gzip: ${total.gzip <= 60 * 1024 ? 'met' : '**missed**'} (${kb(total.gzip)}); ` +
      `wasm ≤ 150 KB raw: ${wasm.raw <= 150 * 1024 ? 'met' : '**missed**'} (${kb(wasm.raw)}).`,
  ];
  console.log(out.join('\n'));
} finally {
  await browser.close();
  await server.close();
}
