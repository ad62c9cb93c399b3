// Types for fixplan.js, the <fix-plan> loader. The View types mirror
// src/engine/view.rs field for field (serialised JSON-compatibly: Option is
// null, the `observed` map is a plain object, a Value is boolean | number | string).

/** What a reader observed about one symptom: yes/no, a number or a choice's id. */
export type Value = boolean | number | string;

/** A fix's risk to the reader's data. */
export type Risk = 'safe' | 'caution' | 'data_risk';

/** How trying a fix went. */
export type Outcome = 'fixed' | 'didnt_help' | 'cant_do';

/** Everything the reader is shown after an action, as a plain object. */
export interface View {
  /** `false` when the last action was refused; `error` says why. */
  ok: boolean;
  error: string | null;
  /** What the reader has said: symptom id → value, in knowledge-base order. */
  observed: Record<string, Value>;
  /** The same, in the order said, with the words to show for each. */
  said: Said[];
  /** What the last paste or search recognised. */
  recognized: Observation[];
  /** How many characters of a long text were read, or null if all were. */
  truncated: number | null;
  plan: PlanView;
  question: QuestionView | null;
  /** The observations most worth telling now (at most 8). */
  chips: Chip[];
  fixed: FixRef | null;
  tried: Tried[];
  /** The causes worth naming to support; a null title is "something else". */
  likely: Likely[];
  /** The session, compacted, for storage and share links. */
  session: string;
  /** Saved steps that could not be restored. */
  dropped: string[];
}

/** One recognised observation. */
export interface Observation {
  symptom: string;
  value: Value;
}

/** One item of the answer trail. */
export interface Said {
  symptom: string;
  value: Value;
  /** The symptom's title, or the chosen choice's title. */
  label: string;
  /** `true` when the reader said this is *not* so. */
  no: boolean;
}

/** The plan: steps in the order to try them. */
export interface PlanView {
  expected_minutes: number;
  steps: StepView[];
}

/** One step of the plan. */
export interface StepView {
  /** The fix's id. */
  fix: string;
  title: string;
  minutes: number;
  /** The probability this step fixes it. */
  p: number;
  risk: Risk;
  why: string[];
  steps: string[];
  /** The knowledge base's last resort (contacting support). */
  escalation: boolean;
}

/** The question most worth asking now. */
export interface QuestionView {
  id: string;
  symptom: string;
  text: string;
  check: string | null;
  saves_minutes: number;
  answers: AnswerView[];
}

/** One answer to a question. */
export interface AnswerView {
  label: string;
  /** null is "I don't know". */
  value: Value | null;
  /** Answering so allows a step that can delete data: the reader confirms first. */
  confirm: boolean;
}

/** An observation offered as a tap. */
export interface Chip {
  symptom: string;
  value: Value;
  label: string;
  confirm: boolean;
}

/** A fix, by id and title. */
export interface FixRef {
  fix: string;
  title: string;
}

/** A fix the reader tried, and how it went. */
export interface Tried {
  fix: string;
  title: string;
  outcome: Outcome;
}

/** A likely cause. */
export interface Likely {
  /** null is "something else". */
  title: string | null;
  p: number;
}

/** `fixplan:ready`: the engine is up with this knowledge base. */
export interface FixPlanReadyDetail {
  kb: string;
  version: string;
}

/** `fixplan:change`: after every action that changes the view. */
export interface FixPlanChangeDetail {
  observed: Record<string, Value>;
  expected_minutes: number;
  /** The first step's fix id, or null when the plan is empty. */
  first_step: string | null;
}

/** `fixplan:step`: the reader reported on a step. */
export interface FixPlanStepDetail {
  fix: string;
  outcome: Outcome;
}

/** `fixplan:fixed`: the reader's problem is fixed. */
export interface FixPlanFixedDetail {
  fix: string;
}

/** `fixplan:error`: the engine or knowledge base failed to load, or the engine restarted. */
export interface FixPlanErrorDetail {
  /** Plain English, for logs. */
  message: string;
  /** The underlying error's message. */
  detail: string;
}

/** The element's events: bubbling, composed CustomEvents. */
export interface FixPlanEventMap {
  'fixplan:ready': CustomEvent<FixPlanReadyDetail>;
  'fixplan:change': CustomEvent<FixPlanChangeDetail>;
  'fixplan:step': CustomEvent<FixPlanStepDetail>;
  'fixplan:fixed': CustomEvent<FixPlanFixedDetail>;
  'fixplan:error': CustomEvent<FixPlanErrorDetail>;
}

/** The element's attributes. */
export type FixPlanAttribute = 'kb' | 'lang';

/** The shadow parts, a stable API for `fix-plan::part(...)`. */
export type FixPlanPart =
  | 'search'
  | 'suggestion'
  | 'chip'
  | 'chip-pressed'
  | 'question'
  | 'answer'
  | 'step'
  | 'current'
  | 'trail'
  | 'said'
  | 'toolbar'
  | 'error';

/** The custom properties the widget's styles read. */
export type FixPlanCssProperty =
  | '--fixplan-accent'
  | '--fixplan-bg'
  | '--fixplan-fg'
  | '--fixplan-muted'
  | '--fixplan-radius'
  | '--fixplan-font';

/**
 * The `<fix-plan>` troubleshooter. Attributes: `kb` (knowledge-base URL,
 * relative to the page; default the bundled one) and `lang` (else the
 * nearest `lang` ancestor or the document's). The default slot is shown
 * until the engine is up, and when it cannot start.
 */
export class FixPlanElement extends HTMLElement {
  static observedAttributes: FixPlanAttribute[];
  /**
   * Registers the element under `tag` in `registry` (a fresh subclass per
   * tag); a tag already defined is left alone. Returns the tag's constructor.
   */
  static define(tag?: string, registry?: CustomElementRegistry): CustomElementConstructor;
  /**
   * Tells the widget something the page knows, as if the reader had said it
   * (`value` defaults to `true`). Throws an Error for an unknown symptom or a
   * value it cannot take, and before `fixplan:ready`.
   */
  observe(symptom: string, value?: Value): void;
  /** The current view as a plain object; null until `fixplan:ready`. */
  readonly view: View | null;
  /** @internal Called by the loader after an engine restart. */
  restart(err: unknown): void;

  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: FixPlanElement, ev: HTMLElementEventMap[K]) => any,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: FixPlanElement, ev: HTMLElementEventMap[K]) => any,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'fix-plan': FixPlanElement;
  }
  interface HTMLElementEventMap extends FixPlanEventMap {}
  /** The events bubble and are composed, so document and window see them too. */
  interface GlobalEventHandlersEventMap extends FixPlanEventMap {}
}
