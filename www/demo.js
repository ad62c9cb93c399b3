// The demo page only: makes it an installable app that works offline.
// The widget itself never registers a service worker on a host's page.
//
// Under `require-trusted-types-for 'script'` a worker's URL must be a
// TrustedScriptURL: the demo page's policy allows this one URL and nothing
// else (its CSP names the policy: `trusted-types fixplan-demo`).
const SW_URL = new URL('./sw.js', import.meta.url).href;

if ('serviceWorker' in navigator) {
  const policy = globalThis.trustedTypes?.createPolicy('fixplan-demo', {
    createScriptURL(url) {
      if (url !== SW_URL) throw new TypeError(`unexpected script URL ${url}`);
      return url;
    },
  });
  navigator.serviceWorker.register(policy ? policy.createScriptURL(SW_URL) : SW_URL).catch((err) => {
    console.warn('fixplan demo: offline support is unavailable', err);
  });
}
