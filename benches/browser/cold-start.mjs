// Cold start on an emulated mid-range phone, for two builds of dist/ side by
// side: navigation start → the widget's first control visible (the first
// visible button in fix-plan's shadow root: the method question's answers,
// for the widget drawn by the engine), on embed.html. Each load is a fresh
// context with the cache disabled, the CPU slowed 4× and Slow 4G (150 ms,
// 1.6 Mbit/s down, 750 kbit/s up) over DevTools; the builds are loaded
// interleaved, and the median of the loads is reported per build.
// Files go over the wire gzip-compressed, as a host serves them; `--raw`
// sends them as they are on disk.
//   node benches/browser/cold-start.mjs <distA/> <distB/> [loads] [--raw]
// `tests/e2e/budget.mjs` imports coldStart() and serveDist() for its cold start row.
import { gzipSync } from 'node:zlib';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, context, serve, median, SITE_CSP } from '../../tests/e2e/browser.mjs';

/** A mid-range phone: 4× slower CPU than this machine, Slow 4G. Bytes per second. */
export const MID_PHONE = { cpu: 4, latency: 150, download: 200_000, upload: 93_750 };
/** A phone's screen: the widget lays out at phone width. */
const PHONE_VIEWPORT = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const TIMEOUT_MS = 60_000;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json',
  '.png': 'image/png', '.svg': 'image/svg+xml',
};

/**
 * `dir` served with the site's CSP by tests/e2e/serve.mjs. With `gzip`
 * every response body is gzip -9 (made once per file), as a host would
 * send it: Slow 4G then carries what a reader really downloads.
 */
export async function serveDist(dir, { gzip = true } = {}) {
  if (!gzip) return serve(dir, { csp: SITE_CSP });
  const root = resolve(dir);
  const cache = new Map();
  const gz = (body) => gzipSync(body, { level: 9 });
  const override = (path) => {
    let file = path === '/' || path.endsWith('/') ? `${path}index.html` : path;
    file = normalize(join(root, file)); // serve.mjs has decoded the path
    if (!file.startsWith(root + sep)) return { status: 403, type: 'text/plain', body: gz('forbidden') };
    return cache.get(file) ?? { status: 404, type: 'text/plain', body: gz('not found') };
  };
  // Compressed up front, so compressing never counts in a load.
  const walk = async (d) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const file = join(d, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if ((await stat(file)).isFile()) {
        cache.set(file, { status: 200, type: TYPES[extname(file)] ?? 'application/octet-stream', body: gz(await readFile(file)) });
      }
    }
  };
  await walk(root);
  return serve(dir, { csp: SITE_CSP, override, headers: { 'content-encoding': 'gzip', vary: 'accept-encoding' } });
}

/** What the widget downloads on an English page: its own files and the knowledge base. */
export const WIDGET_FILES = ['fixplan.js', 'fixplan_wasm_bg.wasm', 'fixplan.css', 'kb/iphone-backup.json'];

/**
 * One cold load of `url` on the emulated phone: ms from navigation start to
 * the first visible button in fix-plan's shadow root (`control`), to
 * `fixplan:ready` (`ready`), to the widget script's request (`script`) and
 * to the last byte of the widget's files (`fetched`).
 */
export async function coldStart(browser, url, phone = MID_PHONE) {
  const ctx = await context(browser, PHONE_VIEWPORT);
  try {
    const page = await ctx.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.addInitScript(() => {
      document.addEventListener('fixplan:ready', () => { window.__readyAt ??= performance.now(); });
    });
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: phone.latency, downloadThroughput: phone.download, uploadThroughput: phone.upload,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: phone.cpu });
    await page.goto(url, { waitUntil: 'commit' });
    // Polled every frame: the moment a reader could see the control.
    const control = await (await page.waitForFunction(() => {
      const root = document.querySelector('fix-plan')?.shadowRoot;
      if (!root) return false;
      for (const b of root.querySelectorAll('button')) {
        if (b.offsetParent !== null && b.checkVisibility()) return performance.now();
      }
      return false;
    }, null, { polling: 'raf' })).jsonValue();
    await page.waitForFunction(() => window.__readyAt !== undefined);
    const { ready, script, fetched } = await page.evaluate((files) => {
      const entries = performance.getEntriesByType('resource');
      const widget = entries.filter((e) => files.some((f) => e.name.endsWith(`/${f}`)));
      return {
        ready: window.__readyAt,
        script: entries.find((e) => e.name.endsWith('/fixplan.js'))?.startTime ?? NaN,
        fetched: Math.max(...widget.map((e) => e.responseEnd)),
      };
    }, WIDGET_FILES);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return { control, ready, script, fetched };
  } finally {
    await ctx.close();
  }
}

/** `loads` cold loads of each url, interleaved (the order alternating per round). */
export async function coldStarts(browser, urls, loads, phone = MID_PHONE) {
  const results = urls.map(() => []);
  for (let round = 0; round < loads; round++) {
    const order = urls.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order) results[i].push(await coldStart(browser, urls[i], phone));
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const raw = args.includes('--raw');
  const [a, b, loads = '5'] = args.filter((x) => x !== '--raw');
  if (!a || !b) throw new Error('usage: cold-start.mjs <distA/> <distB/> [loads] [--raw]');
  const builds = [{ name: 'A', dir: a }, { name: 'B', dir: b }];
  const browser = await launch();
  try {
    for (const build of builds) build.server = await serveDist(build.dir, { gzip: !raw });
    const results = await coldStarts(browser, builds.map((x) => `${x.server.url}embed.html`), Number(loads));
    const ms = (n) => `${Math.round(n)} ms`;
    console.log(`Cold start, emulated mid-range phone (CPU 4× slower, Slow 4G: ${MID_PHONE.latency} ms, ` +
      `${MID_PHONE.download * 8 / 1e6} Mbit/s down, ${MID_PHONE.upload * 8 / 1e3} kbit/s up), cache disabled, fresh context per load, ` +
      `embed.html, files ${raw ? 'uncompressed' : 'gzip -9'}; ${loads} loads per build, interleaved.\n`);
    console.log('| build | navigation → first control visible (median) | min | max | navigation → last byte of the widget\'s files (median) | navigation → fixplan:ready (median) | script request → fixplan:ready (median) |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    builds.forEach(({ name, dir }, i) => {
      const r = results[i];
      const control = r.map((x) => x.control);
      console.log(`| ${name} (${dir}) | **${ms(median(control))}** | ${ms(Math.min(...control))} | ${ms(Math.max(...control))} | ` +
        `${ms(median(r.map((x) => x.fetched)))} | ${ms(median(r.map((x) => x.ready)))} | ${ms(median(r.map((x) => x.ready - x.script)))} |`);
    });
  } finally {
    await browser.close();
    for (const build of builds) await build.server?.close();
  }
}
