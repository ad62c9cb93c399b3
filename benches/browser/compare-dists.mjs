// Chip click → updated plan for two builds of dist/, side by side: the same
// page, interleaved runs, medians and p95 over all clicks. For checking that
// a change (an allocator, a build flag, a rebuilt widget) does not slow the
// widget down. `--throttle N` slows the CPU N× over DevTools once the page is
// ready (4: a mid-range phone), so only the clicks run slowed.
//   node benches/browser/compare-dists.mjs <distA/> <distB/> [rounds] [--throttle N]
import { launch, context, serve, ready, chipClickTimes, median, p95, SITE_CSP } from '../../tests/e2e/browser.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--throttle');
const throttle = at >= 0 ? Number(args.splice(at, 2)[1]) : 1;
const [a, b, rounds = '6'] = args;
if (!a || !b || !(throttle >= 1)) throw new Error('usage: compare-dists.mjs <distA/> <distB/> [rounds] [--throttle N]');
const CLICKS = 300;
// The first few clicks warm up the page and are left out, as clickTimes does.
const WARM_UP = 5;

/** `CLICKS` chip clicks on a fresh page of `url`, the CPU slowed `throttle`× once it is ready. */
async function clickTimes(browser, url) {
  const ctx = await context(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    await ready(page);
    if (throttle !== 1) {
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    return (await chipClickTimes(page, CLICKS, 8)).slice(WARM_UP);
  } finally {
    await ctx.close();
  }
}

const browser = await launch();
const builds = [{ name: 'A', dir: a }, { name: 'B', dir: b }];
try {
  for (const build of builds) {
    build.server = await serve(build.dir, { csp: SITE_CSP });
    build.times = [];
  }
  for (let round = 0; round < Number(rounds); round++) {
    // Alternate which build goes first, so drift hits both alike.
    for (const build of round % 2 ? [...builds].reverse() : builds) {
      build.times.push(...(await clickTimes(browser, build.server.url + 'embed.html')));
    }
  }
  console.log(`CPU ${throttle === 1 ? 'unthrottled' : `${throttle}× slower`}, ${rounds} rounds of ${CLICKS} clicks (${WARM_UP} warm-up left out) per build.\n`);
  console.log('| build | clicks | median | p95 |\n| --- | ---: | ---: | ---: |');
  for (const { name, dir, times } of builds) {
    console.log(`| ${name} (${dir}) | ${times.length} | ${median(times).toFixed(2)} ms | ${p95(times).toFixed(2)} ms |`);
  }
} finally {
  await browser.close();
  for (const build of builds) await build.server?.close();
}
