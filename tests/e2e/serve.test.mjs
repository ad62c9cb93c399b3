// The test server itself: it must serve only the folder it was given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './serve.mjs';

test('the test server never serves a sibling folder whose name starts with its root', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'fixplan-serve-'));
  await mkdir(join(parent, 'dist'));
  await mkdir(join(parent, 'dist-x'));
  await writeFile(join(parent, 'dist', 'inside.txt'), 'inside');
  await writeFile(join(parent, 'dist-x', 'secret.txt'), 'secret');
  const server = await serve(join(parent, 'dist'));
  try {
    const inside = await fetch(server.url + 'inside.txt');
    assert.equal(inside.status, 200);
    assert.equal(await inside.text(), 'inside');
    for (const path of ['..%2Fdist-x/secret.txt', '..%2F..%2Fdist-x%2Fsecret.txt', '%2E%2E/dist-x/secret.txt']) {
      const response = await fetch(server.url + path);
      assert.notEqual(await response.text(), 'secret', path);
      assert.ok(response.status === 403 || response.status === 404, `${path}: ${response.status}`);
    }
  } finally {
    await server.close();
    await rm(parent, { recursive: true, force: true });
  }
});
