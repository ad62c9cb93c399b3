// Stamps dist/sw.js with the build's revision (a hash of every asset) and
// the list of assets to precache. Run by `make dist`.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const dist = process.argv[2] ?? 'dist';

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

const assets = (await files(dist))
  .map((f) => relative(dist, f).split('\\').join('/'))
  .filter((f) => f !== 'sw.js')
  .sort();
const hash = createHash('sha256');
for (const asset of assets) {
  hash.update(asset);
  hash.update(await readFile(join(dist, asset)));
}
const revision = hash.digest('hex').slice(0, 16);
const sw = (await readFile(join(dist, 'sw.js'), 'utf8'))
  .replace("'__REVISION__'", JSON.stringify(revision))
  .replace("['__ASSETS__']", JSON.stringify(['./', ...assets]));
await writeFile(join(dist, 'sw.js'), sw);
console.log(`sw.js: revision ${revision}, ${assets.length + 1} assets`);
