// fixplan.js: the loader and the <fix-plan> custom element.
//
// One framework-free ES module. It finds its siblings next to its own URL, so
// the folder works under any path prefix. The engine (wasm) computes every
// belief and plan; this file only draws the View and sends reader actions back.
// Rendering uses createElement/textContent only: knowledge-base text is never
// parsed as HTML, and nothing here needs more CSP than 'wasm-unsafe-eval'.

// A build step may replace this line with { 'kb/iphone-backup.json': 'sha384-…' }
// (keys are paths relative to this script).
const INTEGRITY = {};

// `make dist` bundles the wasm-bindgen glue into this file, so the engine
// starts without a second script round trip.
import * as glue from './fixplan_wasm.js';

const HERE = new URL('./', import.meta.url);
const GLUE_URL = new URL('./fixplan_wasm.js', import.meta.url);
const WASM_URL = new URL('./fixplan_wasm_bg.wasm', import.meta.url);
const DEFAULT_KB_URL = new URL('./kb/iphone-backup.json', import.meta.url);

/** The default knowledge base in the widget's language, where the build ships one. */
function defaultKb(lang) {
  const name = `kb/iphone-backup.${lang}.json`;
  return lang !== 'en' && Object.hasOwn(INTEGRITY, name) ? new URL(`./${name}`, import.meta.url) : DEFAULT_KB_URL;
}
const CSS_URL = new URL('./fixplan.css', import.meta.url);
const LINK_PREFIX = '#fixplan=';
// The most saved progress is read, from a link or storage (the engine's own
// cap, MAX_SAVED_LEN): a longer text is not decoded or parsed, so no link can
// stall the page. The widget's own saves stay far below it.
const MAX_SAVED = 64 * 1024;
const TOO_LONG = Symbol('too long');
const SHOWN_STEPS = 3;

const STRINGS = {
  en: {
    kbError: 'The troubleshooter could not load its knowledge base.',
    startError: 'The troubleshooter could not start in this browser.',
    restarted: 'Something went wrong, so the troubleshooter restarted where you left off.',
    other: 'More',
    details: 'Tell us more',
    showAll: (n) => `Show all ${n} steps`,
    showFewer: 'Show fewer steps',
    pasteLabel: 'Or paste the message you see',
    paste: 'Read message',
    recognised: (list) => `Recognised: ${list}.`,
    nothingRecognised: 'No known message found in that text. Pick what you see above instead.',
    pasteCut: (n) => `Only the first ${n.toLocaleString('en')} characters were read.`,
    set: 'Set',
    question: 'Question',
    saves: (n) => `Answering can save about ${n} min.`,
    expected: (n) => `Expected time to fixed: about ${n} ${n === 1 ? 'minute' : 'minutes'}`,
    plan: 'Your fix plan',
    minutes: (n) => `about ${n} min`,
    caution: 'Take care: this step changes settings. Read each step before you start.',
    dataRisk: 'This step can delete data. Make sure another backup exists first.',
    why: 'Why this step?',
    fixed: 'Fixed it',
    didntHelp: "Didn't help",
    cantDo: "Can't do this",
    glad: (title) => `Glad that fixed it: ${title}`,
    noSteps: 'There are no more steps to suggest.',
    tried: 'Already tried',
    outcome: { fixed: 'fixed it', didnt_help: "didn't help", cant_do: "couldn't do this" },
    undo: 'Undo',
    startOver: 'Start over',
    copySummary: 'Copy summary',
    copied: 'Summary copied. Paste it into your message to support.',
    copyFallback: 'Copying did not work here. The summary below is selected: press Ctrl+C (or ⌘C) to copy it.',
    summaryLabel: 'Summary for support',
    share: 'Share link',
    linkCopied: 'Link copied. Whoever opens it sees this plan.',
    linkFallback: 'Copy this link to share your progress.',
    linkLabel: 'Link to this plan',
    dropped: 'Some of your earlier answers could not be restored.',
    restoreFailed: 'Your earlier progress could not be restored.',
    linkTooLong: 'This link holds more than the troubleshooter can read, so it was not opened.',
    planUpdated: (title) => `Plan updated: first step ${title}.`,
    yes: 'yes',
    no: 'no',
    summaryTitle: (title) => `${title}: troubleshooting summary`,
    summarySee: 'What I see:',
    summaryNothing: '- nothing selected yet',
    summaryTried: 'What I tried:',
    summaryNoSteps: '- no steps yet',
    summaryLikely: 'Most likely:',
    somethingElse: 'something else',
    percent: (n) => `${n}%`,
  },
  de: {
    kbError: 'Die Fehlerhilfe konnte ihre Wissensbasis nicht laden.',
    startError: 'Die Fehlerhilfe kann in diesem Browser nicht starten.',
    restarted: 'Etwas ist schiefgelaufen, daher wurde die Fehlerhilfe mit deinem letzten Stand neu gestartet.',
    other: 'Weiteres',
    details: 'Weitere Angaben',
    showAll: (n) => `Alle ${n} Schritte zeigen`,
    showFewer: 'Weniger Schritte zeigen',
    pasteLabel: 'Oder füge die angezeigte Meldung ein',
    paste: 'Meldung lesen',
    recognised: (list) => `Erkannt: ${list}.`,
    nothingRecognised: 'In diesem Text wurde keine bekannte Meldung gefunden. Wähle stattdessen oben aus, was du siehst.',
    pasteCut: (n) => `Nur die ersten ${n.toLocaleString('de')} Zeichen wurden gelesen.`,
    set: 'Übernehmen',
    question: 'Frage',
    saves: (n) => `Die Antwort kann etwa ${n} Min. sparen.`,
    expected: (n) => `Erwartete Zeit bis zur Lösung: etwa ${n} ${n === 1 ? 'Minute' : 'Minuten'}`,
    plan: 'Dein Lösungsplan',
    minutes: (n) => `etwa ${n} Min.`,
    caution: 'Vorsicht: Dieser Schritt ändert Einstellungen. Lies jeden Schritt, bevor du beginnst.',
    dataRisk: 'Dieser Schritt kann Daten löschen. Sorge zuerst für ein weiteres Backup.',
    why: 'Warum dieser Schritt?',
    fixed: 'Hat geholfen',
    didntHelp: 'Hat nicht geholfen',
    cantDo: 'Geht bei mir nicht',
    glad: (title) => `Schön, dass es geklappt hat: ${title}`,
    noSteps: 'Es gibt keine weiteren Schritte.',
    tried: 'Schon versucht',
    outcome: { fixed: 'hat geholfen', didnt_help: 'hat nicht geholfen', cant_do: 'ging nicht' },
    undo: 'Rückgängig',
    startOver: 'Neu beginnen',
    copySummary: 'Zusammenfassung kopieren',
    copied: 'Zusammenfassung kopiert. Füge sie in deine Nachricht an den Support ein.',
    copyFallback: 'Kopieren hat hier nicht funktioniert. Die Zusammenfassung unten ist markiert: Drücke Strg+C (oder ⌘C).',
    summaryLabel: 'Zusammenfassung für den Support',
    share: 'Link teilen',
    linkCopied: 'Link kopiert. Wer ihn öffnet, sieht diesen Plan.',
    linkFallback: 'Kopiere diesen Link, um deinen Stand zu teilen.',
    linkLabel: 'Link zu diesem Plan',
    dropped: 'Einige deiner früheren Angaben konnten nicht wiederhergestellt werden.',
    restoreFailed: 'Dein früherer Stand konnte nicht wiederhergestellt werden.',
    linkTooLong: 'Dieser Link enthält mehr, als die Fehlerhilfe lesen kann, daher wurde er nicht geöffnet.',
    planUpdated: (title) => `Plan aktualisiert: erster Schritt ${title}.`,
    yes: 'ja',
    no: 'nein',
    summaryTitle: (title) => `${title}: Zusammenfassung der Fehlersuche`,
    summarySee: 'Was ich sehe:',
    summaryNothing: '- noch nichts ausgewählt',
    summaryTried: 'Was ich versucht habe:',
    summaryNoSteps: '- noch keine Schritte',
    summaryLikely: 'Am wahrscheinlichsten:',
    somethingElse: 'etwas anderes',
    percent: (n) => `${n} %`,
  },
};

// ---------------------------------------------------------------- loading

/**
 * The engine takes and returns JSON text across the wasm boundary (one call
 * per action, and no serializer in the wasm); this gives the widget objects.
 */
class Engine {
  #inner;
  constructor(glue, kbText) { this.#inner = new glue.Engine(kbText); }
  errors() { return JSON.parse(this.#inner.errors()); }
  catalog() { return JSON.parse(this.#inner.catalog()); }
  view() { return JSON.parse(this.#inner.view()); }
  restore(saved) { return JSON.parse(this.#inner.restore(saved)); }
  dispatch(action) { return JSON.parse(this.#inner.dispatch(JSON.stringify(action))); }
  free() { this.#inner.free(); }
}

let wasmReady = null;
let wasmModule = null;
let restarts = 0;

/** Loads and instantiates the engine once per page; every element shares it. */
function loadWasm() {
  if (!wasmReady) {
    wasmReady = (async () => {
      const integrity = INTEGRITY[relativeName(WASM_URL)];
      // Compiles while the bytes stream in; integrity pins a build's hash.
      wasmModule = await compileWasm(fetch(WASM_URL, integrity ? { integrity } : undefined));
      await glue.default({ module_or_path: wasmModule });
      return glue;
    })();
    // A failed load may be a passing network problem: let a later element retry.
    wasmReady.catch(() => { wasmReady = null; });
  }
  return wasmReady;
}

async function compileWasm(fetching) {
  const response = await fetching;
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  // Streaming compiles while bytes arrive, but needs the wasm MIME type.
  if (response.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * A new glue module with its own wasm instance: after a trap the old
 * instance's memory may be half-updated. This loads the glue's own file
 * (`dist/` keeps it beside the bundle); the fragment makes a new module
 * instance each time, and the compiled wasm is reused.
 */
async function freshInstance() {
  const glue = await import(`${GLUE_URL.href}#instance-${++restarts}`);
  glue.initSync({ module: wasmModule });
  return glue;
}

/** Fetches a text file; `integrity` (SRI) is passed when a build supplied one. */
async function fetchText(url, integrity) {
  const response = await fetch(url, integrity ? { integrity } : undefined);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

function relativeName(url) {
  const href = String(url);
  return href.startsWith(HERE.href) ? href.slice(HERE.href.length) : href;
}

/** Marks which stage failed, so the reader gets the right plain sentence. */
function stage(promise, key) {
  return promise.catch((err) => { throw Object.assign(new Error(String(err?.message ?? err)), { key, cause: err }); });
}

// ---------------------------------------------------------------- storage and links

// Storage is a nicety: private modes, full quotas and sandboxed frames throw,
// and the widget must keep working without a trace.
function readStored(key) {
  try { return localStorage.getItem(key); } catch { return null; }
}
function writeStored(key, value) {
  try { localStorage.setItem(key, value); } catch { /* progress just isn't kept */ }
}
function removeStored(key) {
  try { localStorage.removeItem(key); } catch { /* nothing to clear */ }
}

function toBase64url(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromBase64url(code) {
  const binary = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * The shared session in the URL: a string, `undefined` if absent, `null` if
 * unreadable, TOO_LONG if over the cap (base64 holds 3 bytes in 4 characters).
 */
function readLink() {
  const hash = location.hash;
  if (!hash.startsWith(LINK_PREFIX)) return undefined;
  if (hash.length - LINK_PREFIX.length > Math.ceil(MAX_SAVED / 3) * 4) return TOO_LONG;
  try { return fromBase64url(hash.slice(LINK_PREFIX.length)); } catch { return null; }
}
function linkFor(session) {
  const url = new URL(location.href);
  url.hash = LINK_PREFIX.slice(1) + toBase64url(session);
  return url.href;
}
/** Puts the session in the address bar, or takes it out (null). */
function writeLink(session) {
  const url = session == null ? location.pathname + location.search : linkFor(session);
  try { history.replaceState(history.state, '', url); } catch { /* the address bar stays as it was */ }
}

// ---------------------------------------------------------------- small DOM helpers

/** createElement with attributes; children are nodes or plain text (never HTML). */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

function round(minutes) {
  return Math.max(1, Math.round(Number(minutes) || 0));
}

function langOf(element) {
  const own = element.getAttribute('lang') || element.closest('[lang]')?.getAttribute('lang')
    || document.documentElement.lang || 'en';
  const primary = own.toLowerCase().split('-')[0];
  return Object.hasOwn(STRINGS, primary) ? primary : 'en';
}

let uid = 0;

// ---------------------------------------------------------------- the element

export class FixPlanElement extends HTMLElement {
  static observedAttributes = ['kb', 'lang'];

  /** Registers the element; a tag that is already defined is left alone. */
  static define(tag = 'fix-plan', registry = customElements) {
    const existing = registry.get(tag);
    if (existing) return existing;
    try {
      registry.define(tag, this);
      return this;
    } catch (err) {
      // One constructor can back only one tag: other tags get a subclass.
      if (err?.name !== 'NotSupportedError') throw err;
      const Tagged = class extends this {};
      registry.define(tag, Tagged);
      return Tagged;
    }
  }

  #id = `fp${++uid}`;
  #started = false;
  #dirty = new Set();
  #generation = 0;
  #t = STRINGS.en;
  #engine = null;
  #kbText = '';
  #catalog = null;
  #view = null;
  #saved = null;       // the last session string known good: restored or saved
  #expanded = false;   // the reader asked to see every step of a long plan
  #note = '';          // a restore or recovery note, kept across language changes
  #ui = {};
  #chips = [];
  #numbers = [];

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.#ui.slot = h('slot');
    this.#ui.error = h('p', { role: 'alert', part: 'error', class: 'error', hidden: true });
    this.#ui.body = h('div', { class: 'body', hidden: true });
    root.append(h('link', { rel: 'stylesheet', href: CSS_URL.href }), this.#ui.slot, this.#ui.error, this.#ui.body);
  }

  connectedCallback() {
    // A moved element keeps its engine; only the first connection loads.
    if (this.#started) return;
    this.#started = true;
    this.#load();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#started) return;
    // Several attribute writes in one task cost one re-init.
    if (this.#dirty.size === 0) queueMicrotask(() => this.#flush());
    this.#dirty.add(name);
  }

  #flush() {
    const kbChanged = this.#dirty.has('kb');
    this.#dirty.clear();
    if (kbChanged) this.#load();
    else if (this.#catalog) this.#guard(() => { this.#build(); this.#render(this.#view); });
  }

  // ------------------------------------------------------------ lifecycle

  async #load() {
    const generation = ++this.#generation;
    this.#t = STRINGS[langOf(this)];
    // Until the engine is ready, the light-DOM fallback is what the reader has.
    this.#ui.slot.hidden = false;
    this.#ui.body.hidden = true;
    this.#ui.error.hidden = true;
    // The base without its fragment: parsing a share link megabytes long would take a while.
    const kbUrl = new URL(this.getAttribute('kb') || defaultKb(langOf(this)).href, document.baseURI.split('#', 1)[0]);
    let glue, text, engine;
    try {
      [glue, text] = await Promise.all([
        stage(loadWasm(), 'startError'),
        stage(fetchText(kbUrl, INTEGRITY[relativeName(kbUrl)]), 'kbError'),
      ]);
      if (generation !== this.#generation) return; // a newer `kb` won the race
      engine = await stage(Promise.resolve().then(() => new Engine(glue, text)), 'startError');
      const errors = Array.from(engine.errors() ?? []);
      if (errors.length) {
        engine.free?.();
        const detail = errors.map((e) => `${e.code}: ${e.message}; ${e.help}`).join('\n');
        throw Object.assign(new Error(detail), { key: 'kbError', cause: errors });
      }
    } catch (err) {
      if (generation === this.#generation) this.#fail(err.key ?? 'startError', err);
      return;
    }
    // Nothing the start throws reaches the host page.
    this.#start(engine, text).catch((err) => this.#fail('startError', err));
  }

  async #start(engine, text) {
    this.#freeEngine();
    this.#engine = engine;
    this.#kbText = text;
    this.#catalog = engine.catalog();
    const view = await this.#restore();
    this.#build();
    this.#render(view);
    this.#ui.error.hidden = true;
    this.#ui.slot.hidden = true;
    this.#ui.body.hidden = false;
    this.#emit('fixplan:ready', { kb: this.#catalog.id, version: this.#catalog.version });
  }

  /** The share link wins over stored progress; nothing stored is wiped here. */
  async #restore() {
    this.#note = '';
    this.#saved = null;
    const link = readLink();
    let saved = typeof link === 'string' ? link : readStored(this.#storageKey());
    if (link === null) this.#note = this.#t.restoreFailed;
    if (link === TOO_LONG) {
      this.#note = this.#t.linkTooLong;
      writeLink(null); // out of the address bar now, rather than on the reader's first click
    }
    if (saved != null && saved.length > MAX_SAVED) {
      saved = null; // stored by an older version, before the log was compacted
      this.#note ||= this.#t.restoreFailed;
    }
    if (saved == null) return this.#engine.view();
    let view;
    try {
      view = this.#engine.restore(saved);
    } catch (err) {
      console.error('fixplan: restoring saved progress failed', err);
      await this.#freshEngine();
      this.#note = this.#t.restoreFailed;
      return this.#engine.view();
    }
    if (!view.ok) this.#note = this.#t.restoreFailed;
    else {
      this.#saved = saved;
      if (view.dropped?.length) {
        this.#note ||= this.#t.dropped;
        console.warn('fixplan: not restored:', view.dropped);
      }
    }
    return view;
  }

  #fail(key, err) {
    console.error(`fixplan: ${STRINGS.en[key]}`, err?.cause ?? err);
    this.#ui.error.textContent = this.#t[key];
    this.#ui.error.hidden = false;
    this.#ui.slot.hidden = false; // the fallback link stays useful
    this.#ui.body.hidden = true;
    this.#emit('fixplan:error', { message: STRINGS.en[key], detail: String(err?.message ?? err) });
  }

  #freeEngine() {
    try { this.#engine?.free?.(); } catch { /* a trapped instance may refuse */ }
    this.#engine = null;
  }

  #storageKey() {
    return `fixplan:${this.#catalog.id}:${this.#catalog.version}`;
  }

  /** Runs a handler; nothing it throws reaches the host page. */
  #guard(fn) {
    try { return fn(); } catch (err) { this.#fail('startError', err); return undefined; }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  // ------------------------------------------------------------ actions

  /** Sends one reader action to the engine, saves, renders and reports. */
  #dispatch(action) {
    if (!this.#engine) return null; // restarting after a failure
    const before = this.#view;
    let view;
    try {
      view = this.#engine.dispatch(action);
    } catch (err) {
      this.#recover(err);
      return null;
    }
    if (!view.ok) console.warn('fixplan: action refused', action, view.error);
    else if (action.type === 'reset') {
      removeStored(this.#storageKey());
      this.#saved = null;
    } else {
      writeStored(this.#storageKey(), view.session);
      this.#saved = view.session;
    }
    // A share link in the address bar follows the reader, so a reload shows
    // where they are now, not where the link started.
    if (view.ok && location.hash.startsWith(LINK_PREFIX)) writeLink(action.type === 'reset' ? null : view.session);
    this.#note = '';
    this.#render(view, before);
    this.#emit('fixplan:change', {
      observed: view.observed,
      expected_minutes: view.plan.expected_minutes,
      first_step: view.plan.steps[0]?.fix ?? null,
    });
    return view;
  }

  /** A trap leaves the engine unusable: start a fresh one from the last good state. */
  async #recover(err) {
    console.error('fixplan: the engine failed; restarting it', err);
    this.#emit('fixplan:error', { message: 'the engine failed and was restarted', detail: String(err?.message ?? err) });
    try {
      await this.#freshEngine();
    } catch (e) {
      this.#fail('startError', e);
      return;
    }
    this.#guard(() => {
      const view = this.#saved ? this.#engine.restore(this.#saved) : this.#engine.view();
      this.#note = this.#t.restarted;
      this.#render(view);
    });
  }

  /** After a trap the wasm instance is suspect: the engine moves to a new one. */
  async #freshEngine() {
    this.#freeEngine();
    this.#engine = new Engine(await freshInstance(), this.#kbText);
  }

  #feedback(fix, outcome) {
    const view = this.#dispatch({ type: 'feedback', fix, outcome });
    if (!view) return;
    this.#emit('fixplan:step', { fix, outcome });
    if (view.fixed) {
      this.#emit('fixplan:fixed', { fix: view.fixed.fix });
      this.#ui.gladText.focus();
    } else if (outcome !== 'fixed') {
      // The reader acted, and the step under their pointer is gone: go to the new first one.
      this.#focusPlan();
    }
  }

  /** The first step's heading, or with no steps left the note that says so. */
  #focusPlan() {
    (this.#ui.plan.querySelector('h3') ?? this.#ui.empty).focus();
  }

  #answer(question, value) {
    const view = this.#dispatch({ type: 'answer', question, value });
    if (!view) return;
    // The answer buttons are gone; continue where the reader would look next.
    if (view.question) this.#ui.questionText.focus();
    else this.#focusPlan();
  }

  #paste() {
    const text = this.#ui.pasteBox.value.trim();
    if (!text) return;
    const view = this.#dispatch({ type: 'paste', text });
    if (!view) return;
    const names = view.recognized.map((id) => this.#describe(id, view.observed[id]));
    const found = names.length ? this.#t.recognised(names.join(', ')) : this.#t.nothingRecognised;
    // A paste past the engine's cap is read only in part: say so.
    const message = view.truncated ? `${found} ${this.#t.pasteCut(view.truncated)}` : found;
    this.#ui.pasteResult.textContent = message;
    this.#say(`${message} ${this.#ui.live.textContent}`.trim());
  }

  #startOver() {
    this.#ui.pasteBox.value = '';
    this.#ui.pasteResult.textContent = '';
    this.#expanded = false;
    this.#dispatch({ type: 'reset' });
  }

  /** Copies `text`; where the clipboard is refused, shows it selected instead. */
  async #copy(text, { box, field, output, status }, okText, fallbackText, keepField) {
    box.hidden = false;
    output.value = text;
    try {
      await navigator.clipboard.writeText(text);
      field.hidden = !keepField;
      status.textContent = okText;
    } catch {
      // No clipboard here (insecure page, denied permission).
      field.hidden = false;
      status.textContent = fallbackText;
      output.focus();
      output.select();
    }
  }

  #copySummary() {
    this.#copy(this.#summary(), this.#ui.summary, this.#t.copied, this.#t.copyFallback, false);
  }

  /** Plain text for a support agent, in the widget's language: what the reader sees, what they tried, what looks likely. */
  #summary() {
    const t = this.#t;
    const view = this.#view;
    const shown = (symptom, value) => (value === true ? t.yes : value === false ? t.no
      : symptom.choices.find((c) => c.value === value)?.title ?? String(value));
    const seen = this.#catalog.symptoms.filter((s) => Object.hasOwn(view.observed, s.id))
      .map((s) => `- ${s.title}: ${shown(s, view.observed[s.id])}`);
    const tried = view.tried.map((x) => `- ${x.title}: ${t.outcome[x.outcome] ?? x.outcome}`);
    const lines = [t.summaryTitle(this.#catalog.title), '', t.summarySee, ...(seen.length ? seen : [t.summaryNothing]),
      '', t.summaryTried, ...(tried.length ? tried : [t.summaryNoSteps])];
    const likely = view.likely.map((c) => `${c.title ?? t.somethingElse} (${t.percent(Math.round(c.p * 100))})`);
    if (likely.length) lines.push('', `${t.summaryLikely} ${likely.join(', ')}`);
    return `${lines.join('\n')}\n`;
  }

  #shareLink() {
    writeLink(this.#view.session);
    // The link stays in view: a reader may paste it somewhere later.
    this.#copy(linkFor(this.#view.session), this.#ui.share, this.#t.linkCopied, this.#t.linkFallback, true);
  }

  // ------------------------------------------------------------ building (once per catalog and language)

  #build() {
    const t = (this.#t = STRINGS[langOf(this)]);
    const cat = this.#catalog;
    const u = this.#ui;
    this.#chips = [];
    this.#numbers = [];

    // Order: the first group and the paste box, then the question and the plan,
    // then the long tail of details. The plan stays near the top, so a reader
    // (and a keyboard user) reaches it without passing ninety chips.
    const [first, ...rest] = this.#groups().map((g) => this.#buildGroup(g));
    u.title = h('h2', { class: 'title', tabindex: -1 }, cat.title);
    u.note = h('p', { class: 'note', hidden: true });

    u.pasteBox = h('textarea', { id: `${this.#id}-paste`, rows: 2, class: 'paste-box' });
    u.pasteResult = h('p', { class: 'paste-result' });
    const paste = h('div', { class: 'paste' },
      h('label', { for: `${this.#id}-paste` }, t.pasteLabel), u.pasteBox,
      this.#button(t.paste, () => this.#paste()), u.pasteResult);

    u.questionText = h('p', { class: 'question-text', tabindex: -1 });
    u.questionCheck = h('p', { class: 'muted question-check', hidden: true });
    u.answers = h('div', { class: 'answers' });
    u.questionSaves = h('p', { class: 'muted' });
    u.question = h('section', { role: 'region', 'aria-label': t.question, part: 'question', class: 'question', hidden: true },
      u.questionText, u.questionCheck, u.answers, u.questionSaves);

    u.gladText = h('p', { class: 'glad-text', tabindex: -1 });
    // This button disappears with the success box, so focus goes to the top.
    u.glad = h('div', { class: 'glad', hidden: true }, u.gladText,
      this.#button(t.startOver, () => { this.#startOver(); u.title.focus(); }));

    u.expected = h('p', { class: 'expected' });
    u.plan = h('ol', { class: 'plan', part: 'plan', 'aria-label': t.plan });
    u.more = this.#button('', () => { this.#expanded = !this.#expanded; this.#renderPlan(this.#view); }, { class: 'more-steps', 'aria-expanded': 'false' });
    u.empty = h('p', { class: 'muted', tabindex: -1, hidden: true }, t.noSteps);

    u.summary = this.#copyBox('summary', t.summaryLabel, h('textarea', { readonly: true, rows: 8 }));

    u.tried = h('ul', { class: 'tried' });
    u.triedBox = h('div', { class: 'tried-box', hidden: true }, h('h3', {}, t.tried), u.tried);

    u.share = this.#copyBox('link', t.linkLabel, h('input', { type: 'text', readonly: true }));
    // aria-disabled, not disabled: undoing the last step must not drop the
    // reader's focus to <body> by disabling the button they are on.
    u.undo = this.#button(t.undo, () => { if (u.undo.getAttribute('aria-disabled') !== 'true') this.#dispatch({ type: 'undo' }); });
    u.startOver = this.#button(t.startOver, () => this.#startOver());
    const tools = h('div', { class: 'tools' }, u.undo, this.#button(t.share, () => this.#shareLink()), u.startOver);

    const main = h('div', { class: 'main' }, first ?? null, paste, u.question, u.glad, u.expected, u.plan, u.more, u.empty,
      u.triedBox, tools, u.share.box);
    const details = h('div', { class: 'details', hidden: !rest.length }, h('h3', { class: 'details-title' }, t.details), ...rest);
    u.live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    u.body.replaceChildren(u.title, u.note, h('div', { class: 'layout' }, main, details), u.live);
  }

  /** A real button (Space and Enter for free) whose handler cannot throw into the page. */
  #button(label, onClick, attrs = {}) {
    const b = h('button', { type: 'button', ...attrs }, label);
    b.addEventListener('click', () => this.#guard(onClick));
    return b;
  }

  /** A status line and a labelled read-only field, for copied text. */
  #copyBox(name, label, output) {
    output.id = `${this.#id}-${name}`;
    const field = h('div', { class: 'field', hidden: true }, h('label', { for: output.id }, label), output);
    const status = h('p', { class: 'status', role: 'status' });
    return { box: h('div', { class: 'copy-out', hidden: true }, status, field), field, output, status };
  }

  /** Catalog groups in order, then any ungrouped symptoms under "More". */
  #groups() {
    const cat = this.#catalog;
    const groups = cat.groups.map((g) => ({ ...g, symptoms: cat.symptoms.filter((s) => s.group === g.id) }));
    const loose = cat.symptoms.filter((s) => !s.group || !cat.groups.some((g) => g.id === s.group));
    if (loose.length) groups.push({ id: '_other', title: this.#t.other, symptoms: loose });
    return groups.filter((g) => g.symptoms.length);
  }

  #buildGroup(group) {
    const labelId = `${this.#id}-g-${group.id}`;
    const chips = h('div', { class: 'chips' });
    const extras = [];
    for (const symptom of group.symptoms) {
      if (symptom.kind === 'number') extras.push(this.#buildNumber(symptom));
      else if (symptom.kind === 'choice') {
        for (const choice of symptom.choices ?? []) {
          // The contract says `value`; accept `id` too, which the engine used at one point.
          const value = choice.value ?? choice.id;
          chips.append(this.#buildChip(choice.title, symptom, value));
        }
      } else chips.append(this.#buildChip(symptom.title, symptom, undefined));
    }
    return h('div', { role: 'group', 'aria-labelledby': labelId, class: 'group' },
      h('p', { id: labelId, class: 'group-title' }, group.title), chips, ...extras);
  }

  #buildChip(label, symptom, value) {
    const chip = this.#button(label, () => {
      const now = this.#view.observed[symptom.id];
      const mine = value === undefined ? now === true : now === value;
      this.#dispatch(mine ? { type: 'retract', symptom: symptom.id }
        : { type: 'observe', symptom: symptom.id, value: value === undefined ? true : value });
    }, { class: 'chip', part: 'chip', 'aria-pressed': 'false' });
    this.#chips.push({ chip, symptom, value });
    return chip;
  }

  #buildNumber(symptom) {
    const id = `${this.#id}-n-${symptom.id}`;
    const input = h('input', { id, type: 'number', step: 'any', inputmode: 'decimal', class: 'number-input' });
    const set = () => {
      const raw = input.value.trim();
      const value = Number(raw);
      if (raw === '') this.#dispatch({ type: 'retract', symptom: symptom.id });
      else if (Number.isFinite(value)) this.#dispatch({ type: 'observe', symptom: symptom.id, value });
    };
    input.addEventListener('keydown', (event) => { if (event.key === 'Enter') this.#guard(set); });
    this.#numbers.push({ input, symptom });
    const unit = symptom.unit ? ` (${symptom.unit})` : '';
    return h('div', { class: 'number' }, h('label', { for: id }, symptom.title + unit), input, this.#button(this.#t.set, set));
  }

  // ------------------------------------------------------------ rendering (in place, per View)

  #render(view, before = this.#view) {
    this.#view = view;
    this.#renderInputs(view);
    this.#renderQuestion(view);
    this.#renderPlan(view);
    const u = this.#ui;
    u.triedBox.hidden = !view.tried.length;
    u.tried.replaceChildren(...view.tried.map((x) => h('li', {}, `${x.title}: ${this.#t.outcome[x.outcome] ?? x.outcome}`)));
    u.note.textContent = this.#note;
    u.note.hidden = !this.#note;
    u.undo.setAttribute('aria-disabled', String(!Object.keys(view.observed).length && !view.tried.length));
    // A copied summary or link describes the old state: put them away.
    u.summary.box.hidden = true;
    if (before !== view) u.share.box.hidden = true;
    if (before && before !== view) this.#announceChange(before, view);
  }

  #renderInputs(view) {
    for (const { chip, symptom, value } of this.#chips) {
      const now = view.observed[symptom.id];
      const pressed = value === undefined ? now === true : now === value;
      chip.setAttribute('aria-pressed', String(pressed));
      chip.setAttribute('part', pressed ? 'chip chip-pressed' : 'chip');
      // An explicit "no" (from a question) looks different from "not said".
      chip.classList.toggle('is-no', value === undefined && now === false);
    }
    for (const { input, symptom } of this.#numbers) {
      const now = view.observed[symptom.id];
      if (this.shadowRoot.activeElement !== input) input.value = typeof now === 'number' ? String(now) : '';
    }
  }

  #renderQuestion(view) {
    const u = this.#ui;
    const q = view.question;
    u.question.hidden = !q || Boolean(view.fixed);
    if (!q) return;
    u.questionText.textContent = q.text;
    // How to find out, for a reader who does not know yet.
    u.questionCheck.textContent = q.check ?? '';
    u.questionCheck.hidden = !q.check;
    u.answers.replaceChildren(...q.answers.map((a) => this.#button(a.label, () => this.#answer(q.id, a.value ?? null))));
    u.questionSaves.textContent = q.saves_minutes >= 0.5 ? this.#t.saves(round(q.saves_minutes)) : '';
  }

  #renderPlan(view) {
    const u = this.#ui;
    const t = this.#t;
    const fixed = Boolean(view.fixed);
    u.glad.hidden = !fixed;
    u.startOver.hidden = fixed; // one "Start over" at a time: the success box has its own
    u.gladText.textContent = fixed ? t.glad(view.fixed.title) : '';
    const steps = fixed ? [] : view.plan.steps;
    u.expected.hidden = fixed || !steps.length;
    u.expected.textContent = t.expected(round(view.plan.expected_minutes));
    u.plan.hidden = fixed || !steps.length;
    u.empty.hidden = fixed || steps.length > 0;
    // A long plan shows its first steps and the last resort; the rest on request.
    const folded = !this.#expanded && steps.length > SHOWN_STEPS + 1;
    // Rebuilt steps keep an open "Why this step?" open.
    const open = new Set(Array.from(u.plan.querySelectorAll('details[open]'), (d) => d.closest('li.step').dataset.fix));
    // Folded steps are not built at all: most clicks never unfold them.
    const shown = steps.map((step, i) => [step, i]).filter(([, i]) => !folded || i < SHOWN_STEPS || i === steps.length - 1);
    u.plan.replaceChildren(...shown.map(([step, i]) => {
      const li = this.#buildStep(step, open.has(step.fix));
      li.setAttribute('value', String(i + 1)); // numbering survives the fold
      return li;
    }));
    u.more.hidden = fixed || steps.length <= SHOWN_STEPS + 1;
    u.more.setAttribute('aria-expanded', String(!folded));
    u.more.textContent = folded ? t.showAll(steps.length) : t.showFewer;
  }

  #buildStep(step, whyOpen) {
    const t = this.#t;
    const say = (label, outcome) => this.#button(label, () => this.#feedback(step.fix, outcome));
    const risk = { caution: t.caution, data_risk: t.dataRisk }[step.risk];
    const actions = h('div', { class: 'actions' }, say(t.fixed, 'fixed'), say(t.didntHelp, 'didnt_help'), say(t.cantDo, 'cant_do'),
      step.escalation ? this.#button(t.copySummary, () => this.#copySummary()) : null);
    const li = h('li', { class: `step risk-${step.risk}`, part: 'step', 'data-fix': step.fix },
      h('h3', { tabindex: -1 }, step.title),
      h('p', { class: 'minutes' }, t.minutes(round(step.minutes))),
      risk ? h('p', { class: 'risk' }, risk) : null,
      h('ol', { class: 'how' }, ...step.steps.map((s) => h('li', {}, s))),
      step.why.length ? h('details', { open: whyOpen }, h('summary', {}, t.why), h('ul', {}, ...step.why.map((w) => h('li', {}, w)))) : null,
      actions);
    // The escalation step carries the summary box, so the copied text sits by its button.
    if (step.escalation) li.append(this.#ui.summary.box);
    return li;
  }

  #say(text) {
    this.#ui.live.textContent = text;
  }

  /** One polite sentence when the plan's first step (or the outcome) changes. */
  #announceChange(before, view) {
    const first = view.plan.steps[0];
    if (view.fixed && !before.fixed) this.#say(this.#t.glad(view.fixed.title));
    else if (!view.fixed && first && first.fix !== before.plan.steps[0]?.fix) this.#say(this.#t.planUpdated(first.title));
    else this.#say('');
  }

  /** "Error -36" or "How do you back up?: iCloud Backup", for the recognition note. */
  #describe(id, value) {
    const symptom = this.#catalog.symptoms.find((s) => s.id === id);
    if (!symptom) return id;
    if (symptom.kind === 'choice') {
      const choice = symptom.choices.find((c) => (c.value ?? c.id) === value);
      return choice ? choice.title : symptom.title;
    }
    if (symptom.kind === 'number') return `${symptom.title}: ${value}`;
    return value === false ? `${symptom.title}: ${this.#t.no}` : symptom.title;
  }
}

if (globalThis.customElements) FixPlanElement.define();
