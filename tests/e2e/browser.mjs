// Shared set-up for the browser tests: the system Chromium through
// playwright-core (never a downloaded browser), a fixed locale and time
// zone, and a record of console errors and CSP violations per page.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, STRICT_CSP, SITE_CSP } from './serve.mjs';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export { STRICT_CSP, SITE_CSP };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const TYPES = { '.html': 'text/html', '.json': 'application/json', '.css': 'text/css' };

/** dist/ under the strict CSP, plus the pages and files a test adds: path → body. */
export function servePages(pages, csp = STRICT_CSP) {
  const type = (path) => TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
  return serve(DIST, { csp, override: (p) => (Object.hasOwn(pages, p) ? { status: 200, type: type(p), body: pages[p] } : null) });
}

/** A test knowledge base (tests/fixtures/<name>/), compiled by `fixplan build` as a site would. */
export function buildKb(name) {
  mkdirSync(`${ROOT}target/e2e-kb`, { recursive: true });
  const out = `${ROOT}target/e2e-kb/${name}.json`;
  execFileSync('cargo', ['run', '--quiet', '--bin', 'fixplan', '--', 'build', `tests/fixtures/${name}`, '-o', out], { cwd: ROOT, stdio: 'ignore' });
  return readFileSync(out, 'utf8');
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ARGS,
  });
}

/** A fresh context with the settings every test assumes. */
export async function context(browser, options = {}) {
  return browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1000, height: 900 }, ...options });
}

/** Opens `url`, recording console errors, page errors and CSP violations. */
export async function open(ctx, url) {
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  return { page, problems };
}

/** Waits until the widget shows its chips. */
export async function ready(page) {
  await page.locator('fix-plan').first().locator('.body').waitFor();
}

export function widget(page) {
  return page.locator('fix-plan').first();
}

/** The title of the step to do now. */
export async function firstStep(page) {
  return (await page.locator('fix-plan').first().locator('.current h3').first().textContent()).trim();
}

/** Opens "More symptoms" and taps the catalogue chip named `name` (the whole catalogue). */
export async function tapSymptom(page, name) {
  const w = page.locator('fix-plan').first();
  const more = w.locator('details.more');
  if (!(await more.evaluate((d) => d.open))) await more.locator('summary').click();
  await more.getByRole('button', { name, exact: true }).click();
  return more.getByRole('button', { name, exact: true, includeHidden: true });
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}

export { serve };

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let axeSource = null;

/**
 * axe-core's WCAG 2.2 AA violations under `selector` (the widget by
 * default), shadow tree included. The script is injected over the DevTools
 * protocol, so the page's CSP (no inline script, Trusted Types) stays in
 * force for everything else.
 */
export async function axeViolations(page, selector = 'fix-plan') {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const { violations, shadowNodes } = await page.evaluate(async ([tags, sel]) => {
    const result = await window.axe.run(document.querySelector(sel), { runOnly: { type: 'tag', values: tags } });
    const format = (target) => target.map((part) => [].concat(part).join(' >>> ')).join(' ');
    return {
      violations: result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => format(n.target)).join(', ')}`),
      // Proof that the scan reached inside: passing checks on shadow-DOM nodes.
      shadowNodes: result.passes.flatMap((v) => v.nodes).filter((n) => Array.isArray(n.target[0])).length,
    };
  }, [WCAG, selector]);
  assert.ok(shadowNodes > 0, 'axe saw nothing inside the shadow root');
  return violations;
}

/** Median and 95th percentile, as the benchmark reports give them. */
/** ms of `count` clicks on the first `take` chips, each until the plan is laid out again. */
export function chipClickTimes(page, count, take) {
  return page.evaluate(([count, take]) => {
    const root = document.querySelector('fix-plan').shadowRoot;
    const chips = [...root.querySelectorAll('button[aria-pressed]')].slice(0, take);
    const out = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      chips[i % chips.length].click();
      root.querySelector('ol')?.getBoundingClientRect();
      out.push(performance.now() - t0);
    }
    return out;
  }, [count, take]);
}

/**
 * ms from a chip click to the re-rendered plan, layout included, for `n`
 * clicks on the first eight chips of a fresh page (the widget renders
 * synchronously); the first few are warm-up and left out.
 */
export async function clickTimes(browser, url, n) {
  const ctx = await context(browser);
  const page = await ctx.newPage();
  await page.goto(url);
  await ready(page);
  const times = await chipClickTimes(page, n, 8);
  await ctx.close();
  return times.slice(5);
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
export const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

/** `pageUrl` with `session` (JSON text) as the widget's share link: base64url in the fragment. */
export function shareLink(pageUrl, session) {
  return `${pageUrl}#fixplan=${Buffer.from(session).toString('base64url')}`;
}

/**
 * Share links no reader should be able to stall the page with, for the
 * demo's knowledge base: about 2 MB of 26,000 valid steps (a chip toggled
 * over and over), one unknown id making a 1.87 MB link, and, under the
 * widget's 64 KB cap so the engine reads them, a 40,000-character unknown id
 * and 1,050 valid steps.
 */
export function hostileLinks(pageUrl) {
  const saved = (events) => JSON.stringify({ format: 1, kb: 'iphone-backup', kb_version: '1.0.0', events });
  const toggles = (n) => Array.from({ length: n }, (_, i) => (i % 2 === 0
    ? { type: 'observe', symptom: 'manual_works_auto_not', value: true }
    : { type: 'retract', symptom: 'manual_works_auto_not' }));
  const unknownId = (length) => [{ type: 'observe', symptom: 'x'.repeat(length), value: true }];
  const overhead = shareLink(pageUrl, saved(unknownId(0))).length;
  return {
    'steps, 2 MB': shareLink(pageUrl, saved(toggles(26_000))),
    'unknown id, 1.87 MB': shareLink(pageUrl, saved(unknownId(Math.floor((1_870_000 - overhead) * 3 / 4)))),
    'unknown id, 40,000 characters': shareLink(pageUrl, saved(unknownId(40_000))),
    'steps, 1,050 (under the cap)': shareLink(pageUrl, saved(toggles(1_050))),
  };
}
