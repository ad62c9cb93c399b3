// fixplan in the browser on synthetic knowledge bases, beside the native
// criterion figure and beside json-rules-engine on the same rules and facts.
// `make bench` runs it as `node benches/browser/run.mjs 1000 10000` after
// writing target/browser-bench/ with `cargo run --example synth_rules`; it
// prints Markdown. It measures and does not assert, except that both
// engines fire the same rules.
import { copyFile, readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { launch, context, open, serve, cspViolations, median, p95, DIST, STRICT_CSP } from '../../tests/e2e/browser.mjs';

const ROOT = new URL('../../', import.meta.url);
const OUT = new URL('target/browser-bench/', ROOT);
const SIZES = process.argv.slice(2).map(Number);
if (!SIZES.length) throw new Error('usage: run.mjs <rules>... (after synth_rules wrote them)');
const CALLS = 1_000;
const WARMUP = 50;
// json-rules-engine takes ~150 ms a run at 10,000 rules: fewer runs there.
const runs = (rules) => (rules <= 1_000 ? 200 : 40);

const ms = (n) => (n < 1 ? `${(n * 1000).toFixed(0)} µs` : `${n.toFixed(2)} ms`);

/** criterion's median for one benchmark, in ms, or null if it did not run. */
async function native(name) {
  try {
    const file = new URL(`target/criterion/${name}/new/estimates.json`, ROOT);
    return JSON.parse(await readFile(file, 'utf8')).median.point_estimate / 1e6;
  } catch {
    return null;
  }
}

// The page, the glue and wasm with the DOM-free `Engine` export (`make
// engine-api`: the shipped build without the widget's DOM is not a separate
// engine), and json-rules-engine, which ships CommonJS only: bundled into one
// ES module for the page.
for (const file of ['index.html', 'bench.mjs']) await copyFile(new URL(file, import.meta.url), new URL(file, OUT));
for (const file of ['fixplan_wasm.js', 'fixplan_wasm_bg.wasm']) await copyFile(new URL(`target/engine-api/${file}`, ROOT), new URL(file, OUT));
await build({
  entryPoints: [new URL('node_modules/json-rules-engine/dist/index.js', ROOT).pathname],
  outfile: new URL('json-rules-engine.mjs', OUT).pathname,
  bundle: true, format: 'esm', platform: 'browser', logLevel: 'warning',
});
const { version: jreVersion } = JSON.parse(await readFile(new URL('node_modules/json-rules-engine/package.json', ROOT), 'utf8'));

// Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs.
const server = await serve(OUT.pathname, {
  csp: STRICT_CSP,
  headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
});
const browser = await launch();
try {
  const ctx = await context(browser);
  ctx.setDefaultTimeout(600_000);
  const { page, problems } = await open(ctx, server.url + 'index.html');
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 10_000 }).catch(() => {
    throw new Error(`the benchmark page did not start: ${problems.join('; ') || 'no error reported'}`);
  });
  const isolated = await page.evaluate(() => window.bench.isolated);

  const dispatch = [];
  const versus = [];
  for (const rules of SIZES) {
    dispatch.push({
      rules,
      times: await page.evaluate(([r, n, w]) => window.bench.dispatchTimes(r, n, w), [rules, CALLS, WARMUP]),
      native: await native(`synthetic/recommend/${rules}`),
    });
    versus.push({ rules, ...(await page.evaluate(([r, n]) => window.bench.compare(r, n), [rules, runs(rules)])) });
  }
  const blocked = [...(await cspViolations(page)), ...problems];
  if (blocked.length) throw new Error(`the benchmark page reported problems: ${blocked.join('; ')}`);
  await ctx.close();

  const out = [
    '## The engine in the browser',
    '',
    `Written by \`make bench\` (\`benches/browser/run.mjs\`): synthetic knowledge bases (\`examples/synth_rules.rs\`, the criterion bench's shapes and seed), ` +
      `the shipped wasm on a plain page under the strict CSP in headless Chromium; timer steps ${isolated ? '5 µs (cross-origin isolated)' : '100 µs'}.`,
    '',
    `\`dispatch\`: ${CALLS.toLocaleString('en')} calls after ${WARMUP} of warm-up, alternately observing a random symptom and undoing it, ` +
      'from the criterion bench\'s observations (about half the symptoms). Each call is the widget\'s round trip: ' +
      '`JSON.stringify` of the action, infer + plan + next question in wasm, the view written as JSON and `JSON.parse`d. ' +
      'Native is criterion\'s median for the same inference + plan + question search (`synthetic/recommend`), without JSON.',
    '',
    '| rules | dispatch median | dispatch p95 | native (criterion) | browser ÷ native | budget |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...dispatch.map(({ rules, times, native: n }) => {
      const m = median(times);
      const budget = rules === 1_000
        ? `≤ 1 ms${m <= 1 ? ' ✓' : ' **missed**: the view is rebuilt (plan + question search) on every call'}`
        : '';
      return `| ${rules.toLocaleString('en')} | ${ms(m)} | ${ms(p95(times))} | ${n === null ? 'not run' : ms(n)} | ${n === null ? '' : `×${(m / n).toFixed(1)}`} | ${budget} |`;
    }),
    '',
    `### Beside json-rules-engine ${jreVersion}`,
    '',
    'Both rule sets come from one synthetic description: `examples/synth_rules.rs` writes the compiled fixplan knowledge base and ' +
      'the same rules for json-rules-engine (rule *i* has event type *i*; `and`/`or` → `all`/`any`, `not` pushed down to `equal false`). ' +
      'Every symptom is observed, true or false, so both engines see two-valued facts. Before timing, every fact set is run through both ' +
      'and the fired rules (fixplan `fired_rules()`, json-rules-engine success events) must be the same, or the run fails.',
    '',
    '- **fixplan**: `restore()` of a session observing every fact (JSON built in JS, parsed in wasm, and, like every call that changes ' +
      'observations, infer + plan + next question and the view as JSON) plus `fired_rules()` (rules re-evaluated, indices as JSON, parsed).',
    '- **fixplan, rules only**: `fired_rules()` alone with the facts already set: the rule evaluation itself plus its JSON crossing.',
    '- **json-rules-engine**: `await engine.run(facts)` on an engine built once with the rules, and its success events read.',
    '',
    '| rules | facts | rules fired (mean) | fixplan median | fixplan, rules only | json-rules-engine median (p95) | json-rules-engine ÷ fixplan | ÷ rules only | target ≥ 10× |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...versus.map(({ rules, facts, firedPerSet, times }) => {
      const [ours, only, theirs] = [median(times.fixplan), median(times.firedOnly), median(times.jre)];
      const ratio = theirs / ours;
      const met = ratio >= 10 ? '✓' : '**missed**: fixplan\'s call also plans and picks the next question';
      return `| ${rules.toLocaleString('en')} | ${facts.toLocaleString('en')} | ${Math.round(firedPerSet).toLocaleString('en')} | ${ms(ours)} (${ms(p95(times.fixplan))}) | ` +
        `${ms(only)} | ${ms(theirs)} (${ms(p95(times.jre))}) | ×${ratio.toFixed(1)} | ×${(theirs / only).toFixed(0)} | ${met} |`;
    }),
    '',
    `Runs per size, interleaved over ${versus[0].sets} fact sets: ${SIZES.map((r) => `${runs(r)} at ${r.toLocaleString('en')} rules`).join(', ')}.`,
  ];
  console.log(out.join('\n'));
} finally {
  await browser.close();
  await server.close();
}
