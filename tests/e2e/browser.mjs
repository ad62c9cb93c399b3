// Shared set-up for the browser tests: the system Chromium through
// playwright-core (never a downloaded browser), a fixed locale and time
// zone, and a record of console errors and CSP violations per page.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { serve, STRICT_CSP, SITE_CSP } from './serve.mjs';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export { STRICT_CSP, SITE_CSP };

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
  await page.getByRole('group', { name: 'How do you back up?' }).waitFor();
}

export function widget(page) {
  return page.locator('fix-plan').first();
}

export async function firstStep(page) {
  const plan = page.getByRole('list', { name: 'Your fix plan' });
  return (await plan.getByRole('listitem').first().getByRole('heading').textContent()).trim();
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}

export { serve };
