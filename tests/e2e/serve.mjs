// A static file server for dist/: the demo (`make demo`) and the browser tests.
// Loopback only; optional Content-Security-Policy header on every response.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; " +
  "img-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; object-src 'none'; " +
  "require-trusted-types-for 'script'; trusted-types 'none'";

/**
 * The demo article's policy: the same, except that one named Trusted Types
 * policy may exist, to hand the service worker's URL to `register`.
 */
export const DEMO_CSP = STRICT_CSP.replace("trusted-types 'none'", 'trusted-types fixplan-demo');

/** The strict policy everywhere but on the demo article (index.html). */
export const SITE_CSP = (path) => (path.endsWith('/') || path.endsWith('/index.html') ? DEMO_CSP : STRICT_CSP);

/**
 * Serves `root` on 127.0.0.1. Options: `port` (0 picks one), `csp` (header
 * value, a function of the path giving one, or null), `prefix` (a path the files appear under, e.g. "/help/fixplan/"),
 * `override(path)` returning `{ status, body, type }`, `{ hang: true }` or `{ delay: ms }` (then the file) to simulate failures,
 * `headers` added to every response.
 */
export async function serve(root, { port = 0, csp = null, prefix = '/', override = null, headers: extra = {} } = {}) {
  let base = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    const headers = { 'cache-control': 'no-cache', ...extra };
    const policy = typeof csp === 'function' ? csp(path) : csp;
    if (policy) headers['content-security-policy'] = policy;
    const forced = override?.(path);
    if (forced?.hang) return; // a server that never answers: the connection stays open
    if (forced?.delay) await new Promise((done) => setTimeout(done, forced.delay)); // a slow network
    if (forced?.status) {
      res.writeHead(forced.status, { ...headers, 'content-type': forced.type ?? 'text/plain' });
      res.end(forced.body ?? '');
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204, headers).end();
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    path = path.slice(prefix.length);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const file = normalize(join(base, path));
    // Whole path components: `/..%2Fdist-x/f` must not reach a sibling `dist-x`.
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403, headers).end('forbidden');
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const { port: bound } = server.address();
  return {
    url: `http://127.0.0.1:${bound}${prefix}`,
    /** Serves another folder from now on: a new build on the same origin. */
    setRoot: (dir) => { base = resolve(dir); },
    close: () => new Promise((ok) => {
      server.closeAllConnections?.();
      server.close(ok);
    }),
  };
}

// `node tests/e2e/serve.mjs dist 8000`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = 'dist', port = '8000'] = process.argv.slice(2);
  const { url } = await serve(root, { port: Number(port), csp: SITE_CSP });
  console.log(`serving ${root} at ${url} (Ctrl-C to stop)`);
}
