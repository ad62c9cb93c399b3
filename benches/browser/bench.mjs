// The engine benchmark page, driven by run.mjs under the strict CSP:
// fixplan's wasm Engine and json-rules-engine on the same synthetic rules.
// Times include each side's JS work: building its input, the call, and
// reading its answer.
import init, { Engine } from './fixplan_wasm.js';
// A CommonJS package bundled by run.mjs: its exports arrive as the default.
import rulesEngine from './json-rules-engine.mjs';

const RulesEngine = rulesEngine.Engine;

await init({ module_or_path: new URL('fixplan_wasm_bg.wasm', import.meta.url) });

async function load(rules) {
  const get = async (name) => (await fetch(name)).text();
  const [kbText, bench] = await Promise.all([get(`synthetic-${rules}.json`), get(`synthetic-${rules}.bench.json`)]);
  const engine = new Engine(kbText);
  if (engine.errors() !== '[]') throw new Error(`synthetic-${rules}.json: ${engine.errors()}`);
  const { id, version, symptoms } = JSON.parse(engine.catalog());
  // A saved session observing `facts`: one `restore` call sets them all.
  const session = (facts) => JSON.stringify({
    format: 1, kb: id, kb_version: version,
    events: Object.entries(facts).map(([symptom, value]) => ({ type: 'observe', symptom, value })),
  });
  return { engine, bench: JSON.parse(bench), session, symptoms: symptoms.map((s) => s.id) };
}

/** A seeded generator, so every run asks the same things. */
function random(seed) {
  return (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
}

/**
 * ms per `dispatch` round trip (stringify the action, infer + plan + next
 * question in wasm, parse the view), in the criterion bench's situation:
 * observe a random symptom, then undo it, so the session stays the same size.
 */
async function dispatchTimes(rules, calls, warmup) {
  const { engine, bench, session, symptoms } = await load(rules);
  engine.restore(session(bench.observed));
  const pick = random(rules);
  const times = [];
  for (let i = 0; i < warmup + calls; i++) {
    const action = i % 2 === 0
      ? { type: 'observe', symptom: symptoms[pick(symptoms.length)], value: pick(2) === 0 }
      : { type: 'undo' };
    const t0 = performance.now();
    const view = JSON.parse(engine.dispatch(JSON.stringify(action)));
    const t = performance.now() - t0;
    if (!view.ok) throw new Error(`dispatch refused ${JSON.stringify(action)}: ${view.error}`);
    if (i >= warmup) times.push(t);
  }
  engine.free();
  return times;
}

/**
 * Both engines on the same fact sets: first every set is checked to fire
 * the same rules in both (throws if not), then `runs` timed evaluations
 * each, interleaved. fixplan: `restore` with every fact (which also
 * recommends, as every call that changes observations does) and
 * `fired_rules()`; also `fired_rules()` alone on facts already set.
 * json-rules-engine: `run(facts)` and reading its success events.
 */
async function compare(rules, runs) {
  const { engine, bench, session } = await load(rules);
  const rulesEngine = new RulesEngine(bench.rules);
  const fixplanFired = (facts) => {
    engine.restore(session(facts));
    return JSON.parse(engine.fired_rules());
  };
  const jreFired = async (facts) => (await rulesEngine.run(facts)).events.map((e) => Number(e.type));

  let firedPerSet = 0;
  for (const [i, facts] of bench.facts.entries()) {
    const ours = fixplanFired(facts);
    const theirs = (await jreFired(facts)).sort((a, b) => a - b);
    const differ = ours.length !== theirs.length || ours.some((r, k) => r !== theirs[k]);
    if (differ) {
      const only = (xs, ys) => xs.filter((x) => !ys.includes(x)).slice(0, 5).join(', ') || 'none';
      throw new Error(`${rules} rules, fact set ${i}: the engines fire different rules ` +
        `(fixplan ${ours.length}, json-rules-engine ${theirs.length}; ` +
        `only fixplan: ${only(ours, theirs)}; only json-rules-engine: ${only(theirs, ours)})`);
    }
    firedPerSet += ours.length / bench.facts.length;
  }

  const times = { fixplan: [], firedOnly: [], jre: [] };
  for (let i = 0; i < runs; i++) {
    const facts = bench.facts[i % bench.facts.length];
    let t0 = performance.now();
    fixplanFired(facts);
    times.fixplan.push(performance.now() - t0);
    t0 = performance.now();
    JSON.parse(engine.fired_rules());
    times.firedOnly.push(performance.now() - t0);
    t0 = performance.now();
    await jreFired(facts);
    times.jre.push(performance.now() - t0);
  }
  engine.free();
  return { sets: bench.facts.length, facts: Object.keys(bench.facts[0]).length, firedPerSet, times };
}

window.bench = { dispatchTimes, compare, isolated: self.crossOriginIsolated };
document.documentElement.dataset.ready = 'true';
