// Checks that the npm package in a dist directory is coherent:
//   node scripts/check-package.mjs <dist-dir>
// - package.json: every "files", "exports", "types", "main", "module",
//   "customElements" and "sideEffects" path exists in the directory; its
//   version is Cargo.toml's.
// - custom-elements.json parses, is schema 2.0.0, declares the element of
//   the module the "." export loads, and names the same tag, class,
//   attributes, events, CSS parts and CSS properties as fixplan.d.ts; it
//   documents observe, view and the default slot.
// - fixplan.d.ts declares the global tag and event maps, the members
//   observe and view, and every field of each struct in
//   src/engine/view.rs (View, PlanView, StepView, ...) in the interface of
//   the same name, and no field the struct lacks.
// - The built files use what the types promise: each event and part name
//   is in fixplan.js or the wasm, each custom property in fixplan.css.
// - If node_modules/.bin/tsc exists, fixplan.d.ts compiles (--noEmit).
// Exits 1 with every mismatch listed. No dependencies beyond node.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node scripts/check-package.mjs <dist-dir>');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const VIEW_RS = join(root, 'src/engine/view.rs');
const CARGO_TOML = join(root, 'Cargo.toml');
const TAG = 'fix-plan';

const problems = [];
const fail = (message) => problems.push(message);
const at = (file) => join(dist, file.replace(/^\.\//, ''));
const read = (file) => readFileSync(at(file), 'utf8');

/** Parses a JSON file of the package, or records why it cannot. */
function json(file) {
  try {
    return JSON.parse(read(file));
  } catch (err) {
    fail(`${file}: ${err.code === 'ENOENT' ? 'missing' : `does not parse (${err.message})`}`);
    return null;
  }
}

/** Whether `path` (maybe with one `*`, or a trailing `/`) names something in dist. */
function present(path) {
  if (path.includes('*')) {
    const [prefix, suffix] = path.replace(/^\.\//, '').split('*');
    const dir = at(dirname(prefix + 'x'));
    return existsSync(dir) && readdirSync(dir, { recursive: true })
      .some((f) => join(relative(dist, dir), f).replaceAll('\\', '/').startsWith(prefix) &&
        String(f).endsWith(suffix) && statSync(join(dir, f)).isFile());
  }
  if (!existsSync(at(path))) return false;
  const isDir = statSync(at(path)).isDirectory();
  return path.endsWith('/') ? isDir && readdirSync(at(path)).length > 0 : true;
}

/** Every string a package.json "exports" value can resolve to. */
function targets(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(targets);
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

const sameSet = (what, a, b, aName, bName) => {
  const [sa, sb] = [new Set(a), new Set(b)];
  const onlyA = [...sa].filter((x) => !sb.has(x));
  const onlyB = [...sb].filter((x) => !sa.has(x));
  if (onlyA.length) fail(`${what}: in ${aName} but not ${bName}: ${onlyA.join(', ')}`);
  if (onlyB.length) fail(`${what}: in ${bName} but not ${aName}: ${onlyB.join(', ')}`);
  if (!sa.size && !sb.size) fail(`${what}: none found in ${aName} or ${bName}`);
};

// --- package.json --------------------------------------------------------
const pkg = json('package.json') ?? {};
if (pkg.type !== 'module') fail(`package.json: "type" is ${JSON.stringify(pkg.type)}, not "module"`);
if (Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).length) fail('package.json: the widget has no dependencies');
if (existsSync(CARGO_TOML)) {
  const cargo = readFileSync(CARGO_TOML, 'utf8').match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m)?.[1];
  if (cargo && pkg.version !== cargo) fail(`package.json: version ${pkg.version} is not Cargo.toml's ${cargo}`);
}
const files = Array.isArray(pkg.files) ? pkg.files : (fail('package.json: no "files" list'), []);
for (const f of files) if (!present(f)) fail(`package.json "files": ${f} is not in ${dist}`);
if (!pkg.exports?.['.']) fail('package.json: no "exports" entry for "."');
for (const [key, value] of Object.entries(pkg.exports ?? {})) {
  for (const t of targets(value)) {
    if (!present(t)) fail(`package.json "exports" ${key}: ${t} is not in ${dist}`);
    // npm packs only what "files" lists (and package.json itself).
    const name = t.replace(/^\.\//, '');
    if (!files.some((f) => name === f || name.startsWith(f.endsWith('/') ? f : `${f}/`))) {
      fail(`package.json "exports" ${key}: ${t} is not covered by "files"`);
    }
  }
}
for (const key of ['types', 'main', 'module', 'customElements']) {
  if (pkg[key] !== undefined && !present(pkg[key])) fail(`package.json "${key}": ${pkg[key]} is not in ${dist}`);
}
for (const f of Array.isArray(pkg.sideEffects) ? pkg.sideEffects : []) {
  if (!present(f)) fail(`package.json "sideEffects": ${f} is not in ${dist}`);
}
const entry = targets(pkg.exports?.['.']?.default ?? pkg.exports?.['.'])[0]?.replace(/^\.\//, '') ?? 'fixplan.js';
const typesFile = (pkg.exports?.['.']?.types ?? pkg.types ?? 'fixplan.d.ts').replace(/^\.\//, '');
if (pkg.types && pkg.exports?.['.']?.types && pkg.types.replace(/^\.\//, '') !== typesFile) {
  fail(`package.json: "types" (${pkg.types}) and exports["."].types (${pkg.exports['.'].types}) differ`);
}

// --- fixplan.d.ts --------------------------------------------------------
let dts = '';
try {
  dts = read(typesFile);
} catch {
  fail(`${typesFile}: missing`);
}
const code = dts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''); // comments only mention
/** The body of `interface name {...}` / `class name ... {...}` (top-level braces). */
function body(kind, name) {
  const m = new RegExp(`\\b${kind}\\s+${name}\\b[^{]*\\{`).exec(code);
  if (!m) return null;
  let depth = 1;
  let i = m.index + m[0].length;
  for (const start = i; i < code.length; i++) {
    if (code[i] === '{') depth++;
    if (code[i] === '}' && --depth === 0) return code.slice(start, i);
  }
  return null;
}
/** The quoted strings of `type name = 'a' | 'b';`. */
function union(name) {
  const m = new RegExp(`\\btype\\s+${name}\\s*=([^;]+);`).exec(code);
  if (!m) fail(`${typesFile}: no type ${name}`);
  return m ? [...m[1].matchAll(/'([^']*)'|"([^"]*)"/g)].map((x) => x[1] ?? x[2]) : [];
}
/** Property names declared at the top level of an interface or class body. */
function fields(text) {
  let depth = 0;
  let flat = '';
  for (const [i, ch] of [...text].entries()) {
    if (ch === '{' || ch === '(' || ch === '<') depth++;
    if (depth === 0) flat += ch;
    if (ch === '}' || ch === ')' || (ch === '>' && text[i - 1] !== '=')) depth--; // not an arrow's =>
  }
  return [...flat.matchAll(/(?:^|[;\n])\s*(?:readonly\s+|static\s+)*(?:'([^']+)'|(\w+))\??\s*[:(]/g)].map((m) => m[1] ?? m[2]);
}

const dtsClass = /\bexport\s+(?:declare\s+)?class\s+(\w+)\s+extends\s+HTMLElement\b/.exec(code)?.[1];
if (!dtsClass) fail(`${typesFile}: no exported class extending HTMLElement`);
const tagMap = body('interface', 'HTMLElementTagNameMap') ?? '';
const dtsTag = /['"]([a-z][\w-]*-[\w-]*)['"]\s*:\s*(\w+)/.exec(tagMap);
if (!dtsTag) fail(`${typesFile}: no HTMLElementTagNameMap entry`);
else {
  if (dtsTag[1] !== TAG) fail(`${typesFile}: HTMLElementTagNameMap names '${dtsTag[1]}', not '${TAG}'`);
  if (dtsTag[2] !== dtsClass) fail(`${typesFile}: HTMLElementTagNameMap maps to ${dtsTag[2]}, not ${dtsClass}`);
}
const classBody = (dtsClass && body('class', dtsClass)) ?? '';
const classMembers = fields(classBody);
for (const member of ['observe', 'view', 'define']) {
  if (!classMembers.includes(member)) fail(`${typesFile}: class ${dtsClass} does not declare ${member}`);
}
const dtsEvents = fields(body('interface', 'FixPlanEventMap') ?? (fail(`${typesFile}: no interface FixPlanEventMap`), ''));
for (const map of ['HTMLElementEventMap', 'GlobalEventHandlersEventMap']) {
  const m = new RegExp(`\\binterface\\s+${map}\\b([^{]*)\\{`).exec(code);
  const own = body('interface', map) ?? '';
  const covered = m && (/\bFixPlanEventMap\b/.test(m[1]) || dtsEvents.every((e) => fields(own).includes(e)));
  if (!covered) fail(`${typesFile}: ${map} is not augmented with the element's events`);
}
const dtsAttributes = union('FixPlanAttribute');
const dtsParts = union('FixPlanPart');
const dtsProperties = union('FixPlanCssProperty');

// View and its parts: each serialised struct of view.rs as the interface of the same name.
let rust = '';
try {
  rust = readFileSync(VIEW_RS, 'utf8');
} catch {
  fail(`${VIEW_RS}: missing (the check reads the View's fields from it)`);
}
const structs = [...rust.matchAll(/#\[derive\([^)]*\bSerialize\b[^)]*\)\]\s*pub struct (\w+)\s*\{([\s\S]*?)\n\}/g)];
if (rust && !structs.some(([, name]) => name === 'View')) fail(`${VIEW_RS}: no \`pub struct View\` found`);
for (const [, name, text] of structs) {
  const rustFields = [...text.matchAll(/^\s*pub\s+(\w+)\s*:/gm)].map((m) => m[1]);
  const tsBody = body('interface', name);
  if (tsBody === null) {
    fail(`${typesFile}: no interface ${name} (src/engine/view.rs serialises struct ${name})`);
    // The least the View needs: its field names somewhere in the types.
    if (name === 'View') {
      for (const f of rustFields) if (!new RegExp(`\\b${f}\\b`).test(dts)) fail(`${typesFile}: never mentions View field ${f}`);
    }
    continue;
  }
  sameSet(`interface ${name} fields`, rustFields, fields(tsBody), 'src/engine/view.rs', typesFile);
}

// --- custom-elements.json ------------------------------------------------
const manifest = json(pkg.customElements ?? 'custom-elements.json');
if (manifest) {
  if (manifest.schemaVersion !== '2.0.0') fail(`custom-elements.json: schemaVersion is ${JSON.stringify(manifest.schemaVersion)}, not "2.0.0"`);
  const mod = (manifest.modules ?? []).find((m) => m.path?.replace(/^\.?\//, '') === entry);
  const element = mod?.declarations?.find((d) => d.customElement);
  if (!mod) fail(`custom-elements.json: no module for ${entry}`);
  else if (!element) fail(`custom-elements.json: module ${entry} declares no custom element`);
  else {
    const names = (list) => (list ?? []).map((x) => x.name);
    if (element.tagName !== TAG) fail(`custom-elements.json: tagName is ${JSON.stringify(element.tagName)}, not "${TAG}"`);
    if (dtsClass && element.name !== dtsClass) fail(`custom-elements.json: class ${element.name}, ${typesFile} exports ${dtsClass}`);
    const definition = (mod.exports ?? []).find((e) => e.kind === 'custom-element-definition' && e.name === TAG);
    if (definition?.declaration?.name !== element.name) fail(`custom-elements.json: no custom-element-definition export for ${TAG} → ${element.name}`);
    if (!(mod.exports ?? []).some((e) => e.kind === 'js' && e.name === element.name)) fail(`custom-elements.json: ${element.name} is not a js export of ${entry}`);
    sameSet('attributes', names(element.attributes), dtsAttributes, 'custom-elements.json', typesFile);
    sameSet('events', names(element.events), dtsEvents, 'custom-elements.json', typesFile);
    sameSet('CSS parts', names(element.cssParts), dtsParts, 'custom-elements.json', typesFile);
    sameSet('CSS custom properties', names(element.cssProperties), dtsProperties, 'custom-elements.json', typesFile);
    const members = element.members ?? [];
    if (!members.some((m) => m.kind === 'method' && m.name === 'observe' && !m.static)) fail('custom-elements.json: no method observe');
    if (!members.some((m) => m.kind === 'field' && m.name === 'view' && m.readonly)) fail('custom-elements.json: no read-only field view');
    if (!(element.slots ?? []).some((s) => s.name === '')) fail('custom-elements.json: no default slot');
  }
}

// --- the built files use what the types promise ----------------------------
const bytes = (file) => (existsSync(at(file)) ? readFileSync(at(file)).toString('latin1') : '');
const built = bytes(entry) + bytes('fixplan_wasm_bg.wasm') + bytes('fixplan_wasm.js');
if (built) {
  if (!built.includes(`"${TAG}"`) && !built.includes(`'${TAG}'`)) fail(`${entry}: never names the tag ${TAG}`);
  for (const a of dtsAttributes) if (!built.includes(`"${a}"`)) fail(`${entry}: never names the attribute ${a}`);
  for (const e of dtsEvents) if (!built.includes(e)) fail(`the built code never dispatches ${e} (not in ${entry} or the wasm)`);
  for (const p of dtsParts) if (!built.includes(p)) fail(`the built code never sets the part ${p} (not in ${entry} or the wasm)`);
}
const css = bytes('fixplan.css');
if (css) for (const p of dtsProperties) if (!css.includes(p)) fail(`fixplan.css: never reads ${p}`);

// --- an optional type-check ------------------------------------------------
const tsc = join(root, 'node_modules/.bin/tsc');
if (!existsSync(tsc)) {
  console.log('check-package: node_modules/.bin/tsc not installed; skipped compiling the types');
} else if (existsSync(at(typesFile))) {
  try {
    execFileSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom', at(typesFile)], { stdio: 'pipe' });
  } catch (err) {
    fail(`${typesFile}: tsc --noEmit failed:\n${String(err.stdout || err.stderr || err.message).trim()}`);
  }
}

if (problems.length) {
  console.error(`check-package: ${dist} is not a coherent package (${problems.length} problem${problems.length > 1 ? 's' : ''}):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-package: ${dist} ok (${pkg.name}@${pkg.version}: ${files.length} files, ` +
  `${dtsEvents.length} events, ${dtsParts.length} parts, ${structs.length} View structs match ${typesFile})`);
