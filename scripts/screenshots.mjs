// Screenshots of the widget's states for looking at them: start, answered, why, didn't help, fixed,
// searching, More symptoms and a failed load; phone (390×844, touch) and desktop (1280×900), light and
// dark, English and German. Run after `make dist`:
//   node scripts/screenshots.mjs [out folder, default target/screenshots] [states, comma-separated]
import { mkdirSync } from 'node:fs';
import { launch, context, serve, DIST, STRICT_CSP } from '../tests/e2e/browser.mjs';

const OUT = process.argv[2] ?? 'target/screenshots';
const only = process.argv[3]; // optional state filter
mkdirSync(OUT, { recursive: true });
// A host page that follows the reader's colour scheme, under the strict CSP (no inline styles).
const page = (lang) => `<!doctype html><html lang="${lang}"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>fixplan</title><script type="module" src="fixplan.js"></script><fix-plan><a href="index.html">help</a></fix-plan>`;
let down = false; // the "error" state: the knowledge base fails to load
const server = await serve(DIST, { csp: STRICT_CSP, override: (p) => {
  if (p === '/en.html') return { status: 200, type: 'text/html', body: page('en') };
  if (p === '/de.html') return { status: 200, type: 'text/html', body: page('de') };
  if (down && p.includes('/kb/')) return { status: 503 };
  return null;
} });
const browser = await launch();
const W = { en: { icloud: 'iCloud Backup', why: 'Why this step?', didnt: "Didn't help", fixed: 'Fixed it', more: 'More symptoms', search: 'Describe the problem or paste the message' },
            de: { icloud: 'iCloud-Backup', why: 'Warum dieser Schritt?', didnt: 'Hat nicht geholfen', fixed: 'Hat geholfen', more: 'Weitere Symptome', search: 'Beschreibe das Problem oder füge die Meldung ein' } };
const states = {
  start: async () => {},
  answered: async (p, w) => { await p.locator('fix-plan').getByRole('button', { name: w.icloud }).first().click(); await p.waitForTimeout(600); await p.locator('fix-plan [part~=question] button:visible').first().click(); },
  why: async (p, w) => { await states.answered(p, w); await p.locator('fix-plan').getByText(w.why).first().click(); },
  didnt: async (p, w) => { await states.answered(p, w); await p.waitForTimeout(600); await p.locator('fix-plan .current').getByRole('button', { name: w.didnt }).click(); },
  fixed: async (p, w) => { await states.answered(p, w); await p.waitForTimeout(600); await p.locator('fix-plan .current').getByRole('button', { name: w.fixed }).click(); },
  searching: async (p, w) => { await p.locator('fix-plan').getByLabel(w.search).fill('icloud full'); await p.waitForTimeout(300); },
  more: async (p, w) => { await p.locator('fix-plan').getByText(w.more).first().click(); },
  error: async () => {},
};
for (const [state, act] of Object.entries(states)) {
  if (only && !only.split(',').includes(state)) continue;
  for (const lang of ['en', 'de']) for (const scheme of ['light', 'dark']) for (const size of ['phone', 'desktop']) {
    const opts = size === 'phone' ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } };
    const ctx = await context(browser, { ...opts, colorScheme: scheme });
    ctx.setDefaultTimeout(5000);
    const p = await ctx.newPage();
    down = state === 'error';
    await p.goto(server.url + lang + '.html');
    try {
      if (state === 'error') await p.locator('fix-plan [part=error]').waitFor();
      else await p.locator('fix-plan .body').waitFor();
      await act(p, W[lang]);
      await p.waitForTimeout(250);
      await p.screenshot({ path: `${OUT}/${state}-${lang}-${scheme}-${size}.png` });
    } catch (e) { console.log('FAIL', state, lang, scheme, size, e.message.split('\n')[0]); }
    await ctx.close();
  }
}
await browser.close(); await server.close();
console.log('done');
