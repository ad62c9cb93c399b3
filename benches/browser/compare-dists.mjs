// Chip click → updated plan for two builds of dist/, side by side: the same
// page, interleaved runs, medians and p95 over all clicks. For checking that
// a change (an allocator, a build flag) does not slow the widget down.
//   node benches/browser/compare-dists.mjs <distA/> <distB/> [rounds]
import { launch, serve, clickTimes, median, p95, SITE_CSP } from '../../tests/e2e/browser.mjs';

const [a, b, rounds = '6'] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: compare-dists.mjs <distA/> <distB/> [rounds]');
const CLICKS = 300;

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
      build.times.push(...(await clickTimes(browser, build.server.url + 'embed.html', CLICKS)));
    }
  }
  console.log('| build | clicks | median | p95 |\n| --- | ---: | ---: | ---: |');
  for (const { name, dir, times } of builds) {
    console.log(`| ${name} (${dir}) | ${times.length} | ${median(times).toFixed(2)} ms | ${p95(times).toFixed(2)} ms |`);
  }
} finally {
  await browser.close();
  for (const build of builds) await build.server?.close();
}
