// The demo's service worker. `make dist` stamps REVISION (a hash of every
// asset) and ASSETS; each build gets its own cache, so a cache never mixes
// files of two builds, and older caches go when a new build activates.
const REVISION = '__REVISION__';
const ASSETS = ['__ASSETS__'];
const CACHE = `fixplan-${REVISION}`;
// On a slow network, answer from the cache after this long.
const NETWORK_PATIENCE_MS = 3000;

self.addEventListener('install', (event) => {
  // Past the HTTP cache: a stale copy from the last build must not slip in.
  const fresh = ASSETS.map((url) => new Request(url, { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(fresh)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('fixplan-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// Network first, so an online reader always gets one whole, current build;
// the cache (one whole build too) when the network fails or dawdles.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fromNetworkOrCache(request));
});

// One open handle for the worker's life, not one per request.
let opened = null;
const openCache = () => (opened ??= caches.open(CACHE));

async function fromNetworkOrCache(request) {
  const cache = await openCache();
  const fallback = async () => (await cache.match(request, { ignoreSearch: true }))
    ?? (request.mode === 'navigate' ? cache.match('index.html') : undefined);
  // Known to be offline: do not wait for the network to fail first.
  if (!self.navigator.onLine) {
    const cached = await fallback();
    if (cached) return cached;
  }
  const network = fetch(request);
  try {
    const response = await Promise.race([
      network,
      new Promise((_, reject) => setTimeout(() => reject(new Error('slow network')), NETWORK_PATIENCE_MS)),
    ]);
    if (response.ok || !(await cache.match(request, { ignoreSearch: true }))) return response;
    return (await fallback()) ?? response;
  } catch (err) {
    const cached = await fallback();
    if (cached) return cached;
    return network.catch(() => Response.error());
  }
}
