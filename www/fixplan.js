// fixplan.js: the <fix-plan> loader. The engine (Rust, wasm) draws the widget, keeps progress and speaks the
// reader's language; this file loads and verifies the wasm and the knowledge base and forwards events.

// `make dist` stamps { 'kb/iphone-backup.json': 'sha384-…' } here (paths relative to this script).
const INTEGRITY = {};
import * as glue from './fixplan_wasm.js'; // bundled in by `make dist`: one round trip

const here = (path) => new URL(path, import.meta.url);
const [WASM_URL, GLUE_URL, CSS_URL] = ['./fixplan_wasm_bg.wasm', './fixplan_wasm.js', './fixplan.css'].map(here);
const KB_TIMEOUT_MS = 15000; // a knowledge-base server that never answers gets a plain error
const FORWARDED = ['click', 'input', 'keydown'];
// The few words needed before the engine runs: everything else is the engine's.
const FAILED = {
  en: { kb: 'The troubleshooter could not load its knowledge base.', start: 'The troubleshooter could not start in this browser.', retry: 'Try again' },
  de: { kb: 'Die Fehlerhilfe konnte ihre Wissensbasis nicht laden.', start: 'Die Fehlerhilfe kann in diesem Browser nicht starten.', retry: 'Erneut versuchen' },
};

let [engine, wasmModule, loading, restarts, living] = [null, null, null, 0, new Set()]; // one wasm instance, every element

/** Compiles the wasm once per page (streaming, integrity-checked) and instantiates it. */
function loadEngine() {
  loading ??= (async () => {
    const response = ok(await fetch(WASM_URL, { integrity: INTEGRITY['fixplan_wasm_bg.wasm'] }));
    // Streaming compiles while the bytes arrive, but needs the wasm MIME type.
    wasmModule = response.headers.get('content-type')?.startsWith('application/wasm')
      ? await WebAssembly.compileStreaming(response) : await WebAssembly.compile(await response.arrayBuffer());
    await glue.default({ module_or_path: wasmModule });
    return (engine = glue);
  })();
  loading.catch(() => { loading = null; }); // a passing network problem: a later element retries
  return loading;
}

/** After a trap the instance's memory is suspect: every element moves to a fresh one. */
async function restartAll(err) {
  console.error('fixplan: the engine failed; restarting it', err);
  engine = await import(`${GLUE_URL.href}#instance-${++restarts}`);
  engine.initSync({ module: wasmModule });
  for (const element of living) element.restart(err);
}

const ok = (response) => { if (response.ok) return response; throw new Error(`${response.url}: HTTP ${response.status}`); };

async function fetchKb(url) {
  const integrity = INTEGRITY[url.href.startsWith(here('./').href) ? url.href.slice(here('./').href.length) : url.href];
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`${url}: no answer in ${KB_TIMEOUT_MS / 1000} s`)), KB_TIMEOUT_MS);
  try { return await ok(await fetch(url, { integrity, signal: abort.signal })).text(); } finally { clearTimeout(timer); }
}

export class FixPlanElement extends HTMLElement {
  static observedAttributes = ['kb', 'lang'];
  /** Registers the element under `tag` (a subclass: one constructor backs one tag); a defined tag is left alone. */
  static define(tag = 'fix-plan', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, class extends this {});
    return registry.get(tag);
  }
  #widget = null; #kbText = ''; #kbAttr = null; #generation = 0; #message = document.createTextNode('');
  #saved = null; // the last session known good, for a restart
  #error = Object.assign(document.createElement('p'), { role: 'alert', hidden: true, part: 'error' });
  #slot = document.createElement('slot'); // the host's fallback, until the engine is up
  #retry = Object.assign(document.createElement('button'), { type: 'button', onclick: () => this.#retry.ariaDisabled !== 'true' && this.#load() });
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const css = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: CSS_URL.href });
    this.#error.append(this.#message, ' ', this.#retry);
    root.append(css, this.#slot, this.#error);
    for (const type of FORWARDED) root.addEventListener(type, (event) => this.#call((w) => w.handle(event)));
  }
  // A flaky connection: back online, a failed load tries again by itself.
  connectedCallback() { living.add(this); if (!this.#generation) this.#load(); addEventListener('online', this.#online); }
  disconnectedCallback() { living.delete(this); removeEventListener('online', this.#online); } // kept whole: a page swap may put it back
  #online = () => { if (!this.#error.hidden) this.#load(); };
  attributeChangedCallback(name, before, after) { if (before !== after && this.#generation) queueMicrotask(() => this.#load()); }
  /** Host API: tell the widget something the page knows, e.g. the reader's platform. */
  observe(symptom, value) {
    if (!this.#widget) throw new Error('fixplan: not ready yet; wait for fixplan:ready');
    return this.#call((w) => w.observe(String(symptom), value), true);
  }
  /** Host API: the current view as a plain object (null until ready). */
  get view() { return this.#widget ? this.#call((w) => w.view()) ?? null : null; }
  #lang() {
    const tag = (this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en').toLowerCase().split('-')[0];
    return Object.hasOwn(FAILED, tag) ? tag : 'en';
  }
  async #load() {
    this.#retry.ariaDisabled = 'true'; // "Try again" rests until this load has ended
    const [generation, own, name] = [++this.#generation, this.getAttribute('kb'), `kb/iphone-backup.${this.#lang()}.json`];
    try {
      const kbUrl = new URL(own || (Object.hasOwn(INTEGRITY, name) ? name : 'kb/iphone-backup.json'), own ? document.baseURI.split('#', 1)[0] : here('./'));
      const [, text] = await Promise.all([
        loadEngine().catch((err) => { throw Object.assign(err, { key: 'start' }); }),
        fetchKb(kbUrl).catch((err) => { throw Object.assign(new Error(String(err?.message ?? err)), { key: 'kb' }); }),
      ]);
      if (generation !== this.#generation) return; // a newer `kb` or `lang` won the race
      // A new language keeps the reader's progress even where storage is off.
      this.#mount(text, this.#widget && own !== this.#kbAttr ? null : this.#saved);
      this.#kbAttr = own;
    } catch (err) {
      if (generation === this.#generation) this.#fail(err.key ?? 'kb', err);
    }
  }
  #mount(text, saved) {
    const old = this.shadowRoot.querySelector('.body');
    let widget;
    try { widget = new engine.Widget(this, this.shadowRoot, text, this.#lang(), this.id, saved); } catch (err) {
      throw err instanceof WebAssembly.RuntimeError ? err : Object.assign(new Error(err?.detail ?? String(err)), { key: 'kb' });
    }
    old?.remove();
    try { this.#widget?.free(); } catch { /* a trapped instance may refuse */ }
    [this.#widget, this.#kbText, this.#saved] = [widget, text, widget.saved()];
    this.#slot.hidden = this.#error.hidden = true;
    // Ready for the first keystroke; not after a trap, which must not come back by itself.
    if (!restarts) (globalThis.requestIdleCallback ?? setTimeout)(() => this.#call((w) => w.warm()));
  }
  #fail(key, err) {
    console.error(`fixplan: ${FAILED.en[key]}`, err);
    [this.#message.data, this.#retry.textContent, this.#retry.ariaDisabled] = [FAILED[this.#lang()][key], FAILED[this.#lang()].retry, 'false'];
    this.#error.hidden = false;
    // A working widget stays usable under the message; otherwise the fallback shows.
    this.#slot.hidden = Boolean(this.#widget);
    this.#emit('fixplan:error', { message: FAILED.en[key], detail: String(err?.message ?? err) });
  }
  /** Runs `fn` on the widget; a trap restarts the engine, nothing else reaches the page. */
  #call(fn, rethrow = false) {
    try {
      const result = this.#widget && fn(this.#widget);
      if (this.#widget) this.#saved = this.#widget.saved();
      return result;
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError) restartAll(err).catch((e) => this.#fail('start', e));
      else if (rethrow) throw err;
      else console.error('fixplan:', err);
    }
  }
  /** Called by restartAll: the same reader's state in the fresh instance. */
  restart(err) {
    if (!this.#kbText) return;
    this.#widget = null; // the old one lives in the trapped instance
    try {
      this.#mount(this.#kbText, this.#saved);
      this.#widget.note(this.#widget.restarted_note());
      this.#emit('fixplan:error', { message: 'the engine failed and was restarted', detail: String(err?.message ?? err) });
    } catch (e) { this.#fail('start', e); }
  }
  #emit(type, detail) { this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail })); }
}

if (globalThis.customElements) FixPlanElement.define();
