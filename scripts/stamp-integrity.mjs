// Bakes the sha384 of the wasm and the default knowledge base into
// dist/fixplan.js, so a tampered byte fails the load instead of running;
// bundles the wasm-bindgen glue into it and minifies it and the styles; then writes the
// script's own hash for a host's <script integrity=...>. Run by `make dist`,
// before the service worker is stamped.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const pinned = {};
// Every language's knowledge base the build ships: the widget picks its own.
const kbs = (await readdir(join(dist, 'kb'))).filter((f) => f.endsWith('.json')).map((f) => `kb/${f}`);
for (const asset of ['fixplan_wasm_bg.wasm', ...kbs.sort()]) {
  pinned[asset] = sri(await readFile(join(dist, asset)));
}
const script = join(dist, 'fixplan.js');
const source = await readFile(script, 'utf8');
const marker = 'const INTEGRITY = {};';
if (!source.includes(marker)) throw new Error(`${script}: no '${marker}' line to stamp`);
const stamped = source.replace(marker, `const INTEGRITY = ${JSON.stringify(pinned)};`);
await writeFile(script, stamped);
const options = { format: 'esm', target: 'es2022', minify: true, legalComments: 'none' };
await build({ ...options, entryPoints: [script], bundle: true, outfile: script, allowOverwrite: true, logLevel: 'warning' });
const css = join(dist, 'fixplan.css');
await writeFile(css, (await transform(await readFile(css, 'utf8'), { loader: 'css', minify: true })).code);
// The glue's own file stays for restarting the engine after a failure.
const glue = join(dist, 'fixplan_wasm.js');
await writeFile(glue, (await transform(await readFile(glue, 'utf8'), options)).code);
const own = sri(await readFile(script));
await writeFile(join(dist, 'fixplan.js.sri'), `${own}\n`);
console.log(`fixplan.js integrity: ${own}`);
