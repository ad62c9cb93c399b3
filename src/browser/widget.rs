//! The widget: one reader's session drawn into an element's shadow root.
//! The shim forwards the root's events here (`handle`); everything the
//! reader sees, stores and shares is decided and drawn in this file.

use crate::prelude::*;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CustomEvent, CustomEventInit, Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement,
    KeyboardEvent, MouseEvent, ShadowRoot, Window,
};

use super::dom::{append, clear, focus, set_hidden, Dom};
use super::store::{self, Link};
use super::strings::{self, fill, round_minutes, Strings};
use crate::compiled;
use crate::engine::view::{data_risk_observations, enables_data_risk};
use crate::engine::{
    suggest, Diagnostic, Event, Feedback, KnowledgeBase, Session, Suggestion, SymptomKind, Value,
    View,
};

/// How many "Did you mean…" suggestions the search offers.
const SUGGESTIONS: usize = 5;
/// A tap this soon after the last one, on the same spot, on a control that
/// appeared since, is the second half of a double tap: it is ignored.
const GHOST_MS: f64 = 500.0;
const GHOST_PX: f64 = 24.0;

/// The engine's serde output as plain objects, not Maps.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    message: &'a str,
    detail: String,
}

/// The elements that change; built once per widget.
struct Ui {
    body: Element,
    note: Element,
    toolbar: Element,
    undo: Element,
    copy_box: Element,
    copy_status: Element,
    copy_field: Element,
    copy_label: Element,
    copy_output: HtmlTextAreaElement,
    trail: Element,
    trail_list: Element,
    confirm: Element,
    ack: Element,
    current: Element,
    question: Element,
    search: HtmlTextAreaElement,
    suggestions: Element,
    search_result: Element,
    chips_title: Element,
    chips: Element,
    more: Element,
    later: Element,
    later_list: Element,
    support: Element,
    live: Element,
}

/// Something the reader must confirm before it counts.
struct Pending {
    events: Vec<Event>,
    /// Came from saved progress or a link, not a tap.
    restored: bool,
    /// What is being confirmed, in the reader's words.
    lines: Vec<String>,
}

#[wasm_bindgen]
pub struct Widget {
    window: Window,
    host: HtmlElement,
    kb: KnowledgeBase,
    session: Session,
    /// The session before "Start over", so Undo can bring it back.
    before_reset: Option<Session>,
    t: &'static Strings,
    key: String,
    link_prefix: String,
    view: View,
    ui: Ui,
    pending: Option<Pending>,
    /// A share link's progress, offered instead of replacing the reader's own.
    link_offer: Option<String>,
    suggestions: Vec<Suggestion>,
    /// Catalogue buttons: (symptom, value, button, lower-case label).
    catalog: Vec<(usize, Value, Element, String)>,
    last_tap: (f64, f64, f64),
    toolbar_shown: bool,
    /// The question is drawn above the step to do now.
    question_first: bool,
}

#[wasm_bindgen]
impl Widget {
    /// Draws a widget into `root` for `host`. `kb` is the compiled knowledge
    /// base's text; `key` tells this element's saved progress apart from
    /// others on the page; `saved` (after a restart) wins over storage.
    /// Throws `{message, detail}` when the knowledge base is refused.
    #[wasm_bindgen(constructor)]
    pub fn new(
        host: HtmlElement,
        root: ShadowRoot,
        kb: &str,
        lang: &str,
        key: &str,
        saved: Option<String>,
    ) -> Result<Widget, JsValue> {
        let (kb, errors) = compiled::from_json(kb);
        let errors: Vec<Diagnostic> = errors.into_iter().filter(Diagnostic::is_error).collect();
        let kb = match kb {
            Some(kb) if errors.is_empty() => kb,
            _ => {
                let detail = (errors.iter())
                    .map(|d| format!("{}: {}", d.code.as_str(), d.message))
                    .collect::<Vec<_>>()
                    .join("\n");
                return Err(to_js(&ErrorDetail {
                    message: "the knowledge base was refused",
                    detail,
                }));
            }
        };
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let doc = window
            .document()
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let t = strings::for_lang(lang);
        let dom = Dom {
            doc,
            now: now(&window),
        };
        let ui = build(&dom, t, &kb);
        let _ = root.append_child(&ui.body);
        let session = Session::new(&kb);
        let view = View::new(&kb, &session, &[], false, Vec::new());
        let suffix = if key.is_empty() {
            String::new()
        } else {
            format!("-{key}")
        };
        let mut w = Widget {
            key: format!("fixplan:{}:{}{}", kb.id, kb.version, suffix),
            link_prefix: format!("#fixplan{suffix}="),
            window,
            host,
            kb,
            session,
            before_reset: None,
            t,
            view,
            ui,
            pending: None,
            link_offer: None,
            suggestions: Vec::new(),
            catalog: Vec::new(),
            last_tap: (0.0, 0.0, f64::NEG_INFINITY),
            toolbar_shown: false,
            question_first: false,
        };
        w.build_catalog(&dom);
        let note = w.restore(saved);
        w.refresh(&[], false, Vec::new());
        w.ui.note.set_text_content(Some(&note));
        set_hidden(&w.ui.note, note.is_empty());
        #[derive(Serialize)]
        struct Ready<'a> {
            kb: &'a str,
            version: &'a str,
        }
        w.emit(
            "fixplan:ready",
            &Ready {
                kb: &w.kb.id,
                version: &w.kb.version,
            },
        );
        Ok(w)
    }

    /// One event from the shadow root: click, input or keydown.
    pub fn handle(&mut self, event: web_sys::Event) {
        #[cfg(feature = "fault-injection")]
        if super::take_panic() {
            panic!("injected fault");
        }
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        match event.type_().as_str() {
            "click" => {
                let Ok(Some(button)) = target.closest("[data-act]") else {
                    return;
                };
                if self.is_ghost(&event, &button) {
                    event.prevent_default();
                    return;
                }
                self.act(&button);
            }
            "input" if target.is_same_node(Some(&self.ui.search)) => self.suggest(),
            "keydown" => {
                let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if key.key() != "Enter" || key.shift_key() {
                    return;
                }
                if target.is_same_node(Some(&self.ui.search)) {
                    event.prevent_default();
                    self.read();
                } else if let Some(s) = target.get_attribute("data-number") {
                    event.prevent_default();
                    self.set_number(&s, &target);
                }
            }
            _ => {}
        }
    }

    /// Host API: observes `symptom = value` as if the reader had said it.
    /// An unknown symptom or a value it cannot take throws.
    pub fn observe(&mut self, symptom: &str, value: JsValue) -> Result<(), JsError> {
        let s = (self.kb.symptom_index(symptom))
            .ok_or_else(|| JsError::new(&format!("unknown symptom '{symptom}'")))?;
        // By hand, not through serde: its error messages format floats,
        // which would bring core's float formatting into the wasm.
        let value = if value.is_undefined() {
            Value::Bool(true)
        } else if let Some(b) = value.as_bool() {
            Value::Bool(b)
        } else if let Some(n) = value.as_f64() {
            Value::Number(n)
        } else if let Some(c) = value.as_string() {
            Value::Choice(c)
        } else {
            return Err(JsError::new(
                "a value is true/false, a number or a choice's text",
            ));
        };
        if !self.kb.symptoms[s].accepts(&value) {
            return Err(JsError::new(&format!("'{symptom}' cannot be {value}")));
        }
        self.tell(vec![Event::Observe {
            symptom: symptom.into(),
            value,
        }]);
        Ok(())
    }

    /// Host API: the current View, as a plain object.
    pub fn view(&self) -> JsValue {
        to_js(&self.view)
    }

    /// The session to restart from after a trap.
    pub fn saved(&self) -> String {
        self.view.session.clone()
    }

    /// A note above the widget (the shim's: a failed `kb` change, a restart).
    pub fn note(&self, text: &str) {
        self.ui.note.set_text_content(Some(text));
        set_hidden(&self.ui.note, text.is_empty());
    }

    /// Builds what reading the reader's words needs (the recogniser's
    /// lexicon), so the first keystroke does not wait for it. The shim calls
    /// it when the page is idle after the first paint.
    pub fn warm(&self) {
        let _ = self.kb.lexicon();
    }

    /// The text the shim shows after restarting this widget.
    pub fn restarted_note(&self) -> String {
        self.t.restarted.into()
    }
}

impl Widget {
    fn dom(&self) -> Option<Dom> {
        Some(Dom {
            doc: self.window.document()?,
            now: now(&self.window),
        })
    }

    /// Reads saved progress: the link's, unless the reader has their own
    /// (then the link is offered, not taken). Returns a note for the reader.
    fn restore(&mut self, saved: Option<String>) -> String {
        let t = self.t;
        let mut note = String::new();
        let own = saved.or_else(|| store::read(&self.window, &self.key));
        let link = store::read_link(&self.window, &self.link_prefix);
        let text = match link {
            Link::Session(linked) => match &own {
                Some(mine) if *mine != linked && !mine.is_empty() => {
                    self.link_offer = Some(linked);
                    Some(mine.clone())
                }
                _ => Some(linked),
            },
            Link::Unreadable => {
                note = t.restore_failed.into();
                own
            }
            Link::TooLong => {
                note = t.link_too_long.into();
                store::write_link(&self.window, &self.link_prefix, None);
                own
            }
            Link::None => own,
        };
        if let Some(text) = text {
            note = self.load_session(&text).unwrap_or(note);
        }
        note
    }

    /// Restores `text`; holds back what a data-risk step would rest on until
    /// the reader confirms it. Returns a note when something was not read.
    fn load_session(&mut self, text: &str) -> Option<String> {
        let restored = Session::restore(&self.kb, text);
        let note = if restored.session.events.is_empty()
            && !text.is_empty()
            && !restored.dropped.is_empty()
        {
            Some(self.t.restore_failed.into())
        } else if !restored.dropped.is_empty() {
            Some(self.t.dropped.into())
        } else {
            None
        };
        self.session = restored.session;
        let (situation, _) = self.session.situation(&self.kb);
        let risky = data_risk_observations(&self.kb, &situation.observed);
        if !risky.is_empty() {
            let mut events = Vec::new();
            let mut lines = Vec::new();
            for s in risky {
                let Some(value) = situation.observed[s].clone() else {
                    continue;
                };
                lines.push(self.said_line(s, &value));
                let id = self.kb.symptoms[s].id.clone();
                let _ = self.session.apply(
                    &self.kb,
                    Event::Retract {
                        symptom: id.clone(),
                    },
                );
                events.push(Event::Observe { symptom: id, value });
            }
            self.pending = Some(Pending {
                events,
                restored: true,
                lines,
            });
        }
        note
    }

    /// What was said, in the fewest words: a choice's title, "Not: …" for a
    /// no, "Error code: -36" for a number. For suggestions and what a paste
    /// recognised, where the question it answers goes without saying.
    fn short_line(&self, s: usize, value: &Value) -> String {
        spoken(self.t, &self.kb.value_title(s, value), value)
    }

    /// "Question: answer" for a symptom that a question asks, else its label.
    fn said_line(&self, s: usize, value: &Value) -> String {
        let kb = &self.kb;
        if let Some(q) = kb.questions.iter().find(|q| q.symptom == s) {
            if let Some(a) = q.answers.iter().find(|a| a.value.as_ref() == Some(value)) {
                return format!("{} {}", q.text, a.label);
            }
        }
        self.short_line(s, value)
    }

    fn is_ghost(&mut self, event: &web_sys::Event, button: &Element) -> bool {
        let Some(mouse) = event.dyn_ref::<MouseEvent>() else {
            return false;
        };
        // Keyboard activation has no pointer position and detail 0.
        if mouse.detail() == 0 {
            return false;
        }
        let (x, y, at) = (
            f64::from(mouse.client_x()),
            f64::from(mouse.client_y()),
            now(&self.window),
        );
        let (lx, ly, lat) = self.last_tap;
        self.last_tap = (x, y, at);
        let born = (button.get_attribute("data-born"))
            .and_then(|b| b.parse::<u64>().ok())
            .map(|b| b as f64)
            .unwrap_or(0.0);
        at - lat < GHOST_MS
            && born > lat - 1.0
            && libm::fabs(x - lx) < GHOST_PX
            && libm::fabs(y - ly) < GHOST_PX
    }

    fn act(&mut self, button: &Element) {
        let act = button.get_attribute("data-act").unwrap_or_default();
        let index = (button.get_attribute("data-i"))
            .and_then(|i| i.parse::<usize>().ok())
            .unwrap_or(usize::MAX);
        let fix = button.get_attribute("data-fix").unwrap_or_default();
        match act.as_str() {
            "answer" => self.answer(index),
            "chip" => {
                if let Some(chip) = self.view.chips.get(index).cloned() {
                    let confirm = chip.confirm.then(|| chip.label.clone());
                    self.tell_confirmed(
                        vec![Event::Observe {
                            symptom: chip.symptom,
                            value: chip.value,
                        }],
                        confirm,
                    );
                }
            }
            "cat" => self.toggle_catalog(index),
            "suggestion" => self.take_suggestion(index),
            "read" => self.read(),
            "remove" => {
                if let Some(said) = self.view.said.get(index).cloned() {
                    self.tell(vec![Event::Retract {
                        symptom: said.symptom,
                    }]);
                    self.say(self.t.noted_removed);
                    self.focus_after();
                }
            }
            // The step under the reader's finger is gone: on to the next.
            "fixed" => {
                self.feedback(fix, Feedback::Fixed);
                self.focus_step();
            }
            "didnt" => {
                self.feedback(fix, Feedback::DidntHelp);
                self.focus_step();
            }
            "cant" => {
                self.feedback(fix, Feedback::CantDo);
                self.focus_step();
            }
            "undo" => self.undo(),
            "reset" => self.start_over(),
            // The copied text shows by the button that copied it: the
            // toolbar's, or the support card's at the end of the plan.
            "share" => {
                self.place_copy_box(button);
                self.share();
            }
            "copy" => {
                self.place_copy_box(button);
                self.copy_summary();
            }
            "confirm-yes" => {
                if let Some(p) = self.pending.take() {
                    self.tell(p.events);
                    self.focus_after();
                }
            }
            "confirm-no" if self.pending.take().is_some() => {
                self.refresh(&[], false, Vec::new());
                self.focus_after();
            }
            "link-open" => {
                if let Some(linked) = self.link_offer.take() {
                    let note = self.load_session(&linked).unwrap_or_default();
                    self.note(&note);
                    self.changed(&[], false, Vec::new());
                }
            }
            "link-keep" => {
                self.link_offer = None;
                store::write_link(&self.window, &self.link_prefix, None);
                self.refresh(&[], false, Vec::new());
            }
            "set" => {
                let s = button.get_attribute("data-s").unwrap_or_default();
                let input = button
                    .previous_element_sibling()
                    .filter(|i| i.has_attribute("data-number"));
                if let Some(input) = input {
                    self.set_number(&s, &input);
                }
            }
            _ => {}
        }
    }

    fn answer(&mut self, index: usize) {
        let Some(q) = self.view.question.clone() else {
            return;
        };
        let Some(a) = q.answers.get(index) else {
            return;
        };
        let confirm = a.confirm.then(|| format!("{} {}", q.text, a.label));
        self.tell_confirmed(
            vec![Event::Answer {
                question: q.id.clone(),
                value: a.value.clone(),
            }],
            confirm,
        );
    }

    fn toggle_catalog(&mut self, index: usize) {
        let Some((s, value, _, _)) = self.catalog.get(index) else {
            return;
        };
        let (s, value) = (*s, value.clone());
        let id = self.kb.symptoms[s].id.clone();
        if self.view.observed.get(&id) == Some(&value) {
            self.tell(vec![Event::Retract { symptom: id }]);
        } else {
            // The catalogue chip stays where it is: so does focus.
            if self.confirm_needed(s, &value) {
                let line = self.kb.value_title(s, &value);
                self.tell_confirmed(vec![Event::Observe { symptom: id, value }], Some(line));
            } else {
                self.tell(vec![Event::Observe { symptom: id, value }]);
            }
        }
    }

    fn confirm_needed(&self, s: usize, value: &Value) -> bool {
        let (situation, _) = self.session.situation(&self.kb);
        enables_data_risk(&self.kb, &situation.observed, s, value)
    }

    fn take_suggestion(&mut self, index: usize) {
        let Some(found) = self.suggestions.get(index) else {
            return;
        };
        let (s, value) = (found.symptom, found.value.clone());
        let confirm = self
            .confirm_needed(s, &value)
            .then(|| self.kb.value_title(s, &value));
        self.ui.search.set_value("");
        self.suggestions.clear();
        clear(&self.ui.suggestions);
        self.tell_confirmed(
            vec![Event::Observe {
                symptom: self.kb.symptoms[s].id.clone(),
                value,
            }],
            confirm,
        );
        self.focus_after();
    }

    /// Records events, or first asks the reader to confirm (`confirm` says what).
    fn tell_confirmed(&mut self, events: Vec<Event>, confirm: Option<String>) {
        match confirm {
            Some(line) => {
                self.pending = Some(Pending {
                    events,
                    restored: false,
                    lines: vec![line],
                });
                self.render();
                if let Ok(Some(yes)) = self.ui.confirm.query_selector("button") {
                    focus(&yes);
                }
            }
            None => {
                self.tell(events);
                self.focus_after();
            }
        }
    }

    /// Records events the reader gave and shows the new plan.
    fn tell(&mut self, events: Vec<Event>) {
        let mut error = None;
        for event in events {
            if let Err(e) = self.session.apply(&self.kb, event) {
                error = Some(e);
            }
        }
        self.before_reset = None;
        self.changed(&[], false, Vec::new());
        if let Some(e) = error {
            self.view.ok = false;
            self.view.error = Some(e);
        }
        self.acknowledge();
    }

    /// "Noted. Next: …" after every answer.
    fn acknowledge(&self) {
        let t = self.t;
        let text = match (&self.view.fixed, self.view.plan.steps.first()) {
            (Some(f), _) => fill(t.glad, &f.title),
            (None, Some(step)) => fill(t.noted_next, &step.title),
            (None, None) => t.no_steps.into(),
        };
        self.say(&text);
        // The card says the rest: on a phone its buttons need the room more
        // than a line repeating its title, so the line is for screen
        // readers and the card's own label says "Noted".
        if self.view.fixed.is_some() || !self.view.plan.steps.is_empty() {
            let _ = self.ui.ack.class_list().add_1("visually-hidden");
            // Contacting support keeps its own label, "If nothing else works".
            let escalation = self.view.plan.steps.first().is_some_and(|s| s.escalation);
            if let (Ok(Some(kicker)), false) =
                (self.ui.current.query_selector(".kicker"), escalation)
            {
                kicker.set_text_content(Some(t.noted_kicker));
            }
        }
    }

    fn say(&self, text: &str) {
        self.ui.ack.set_text_content(Some(text));
        let _ = self.ui.ack.class_list().remove_1("visually-hidden");
        set_hidden(&self.ui.ack, text.is_empty());
        self.ui.live.set_text_content(Some(text));
    }

    /// After an action whose control is gone: the step to do now, else the
    /// question, else the acknowledgement.
    fn focus_after(&self) {
        // A question placed above the step is what the reader reads first.
        let question = (self
            .ui
            .question
            .query_selector(".question-text")
            .ok()
            .flatten())
        .filter(|_| !self.ui.question.has_attribute("hidden"));
        if let (Some(q), true) = (&question, self.question_first) {
            focus(q);
            return;
        }
        self.focus_step();
    }

    /// After feedback on a step: the next step (the question above it was
    /// passed over already), else the question, else the acknowledgement.
    fn focus_step(&self) {
        let target = (self.ui.current.query_selector("h3").ok().flatten())
            .filter(|_| !self.ui.current.has_attribute("hidden"))
            .or_else(|| {
                (self
                    .ui
                    .question
                    .query_selector(".question-text")
                    .ok()
                    .flatten())
                .filter(|_| !self.ui.question.has_attribute("hidden"))
            });
        match target {
            Some(el) => focus(&el),
            None => focus(&self.ui.ack),
        }
    }

    fn read(&mut self) {
        let text = self.ui.search.value();
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let (found, truncated) = self.session.paste(&self.kb, text);
        self.before_reset = None;
        self.changed(&found, truncated, Vec::new());
        let t = self.t;
        let names: Vec<String> = (self.view.recognized.iter())
            .filter_map(|r| {
                let s = self.kb.symptom_index(&r.symptom)?;
                Some(self.short_line(s, &r.value))
            })
            .collect();
        let mut message = if names.is_empty() {
            t.nothing_recognised.to_string()
        } else {
            fill(t.recognised, &names.join(", "))
        };
        if let Some(n) = self.view.truncated {
            message = format!("{message} {}", fill(t.cut, &strings::thousands(n, t)));
        }
        self.ui.search_result.set_text_content(Some(&message));
        if !names.is_empty() {
            self.ui.search.set_value("");
            self.suggestions.clear();
            clear(&self.ui.suggestions);
            self.acknowledge();
            let ack = self.ui.ack.text_content().unwrap_or_default();
            self.ui
                .live
                .set_text_content(Some(&format!("{message} {ack}")));
        } else {
            self.ui.live.set_text_content(Some(&message));
        }
    }

    /// "Did you mean…": the recogniser's ranked guesses, as the reader types;
    /// the catalogue below is filtered by the same words.
    fn suggest(&mut self) {
        let text = self.ui.search.value();
        self.suggestions = suggest(&self.kb, &text, SUGGESTIONS);
        // A guess for something already said is no help.
        let observed = self.session.situation(&self.kb).0.observed;
        self.suggestions
            .retain(|s| observed[s.symptom].as_ref() != Some(&s.value));
        self.draw_suggestions();
        // The catalogue, when the reader opens it, shows what matches; its
        // groups with nothing left and its typed fields step aside.
        let query = lower(text.trim());
        for (_, _, button, label) in &self.catalog {
            let show = query.is_empty() || query.split_whitespace().all(|w| has(label, w));
            set_hidden(button, !show);
        }
        if let Ok(Some(catalog)) = self.ui.more.query_selector(".catalog") {
            let _ = catalog
                .class_list()
                .toggle_with_force("filtering", !query.is_empty());
        }
    }

    fn draw_suggestions(&self) {
        clear(&self.ui.suggestions);
        let Some(dom) = self.dom() else { return };
        if self.suggestions.is_empty() {
            return;
        }
        append(
            &self.ui.suggestions,
            &dom.text("p", &[("class", "muted")], self.t.did_you_mean),
        );
        let list = dom.el("div", &[("class", "suggestion-list")]);
        for (i, s) in self.suggestions.iter().enumerate() {
            let text = self.short_line(s.symptom, &s.value);
            let b = dom.button(
                &text,
                "suggestion",
                &[
                    ("part", "suggestion"),
                    ("data-i", &i.to_string()),
                    ("class", "chip"),
                ],
            );
            append(&list, &b);
        }
        append(&self.ui.suggestions, &list);
    }

    fn set_number(&mut self, s: &str, input: &Element) {
        let Some(input) = input.dyn_ref::<HtmlInputElement>() else {
            return;
        };
        let Some(symptom) = self.kb.symptom_index(s) else {
            return;
        };
        let raw = input.value();
        let raw = raw.trim();
        let id = self.kb.symptoms[symptom].id.clone();
        if raw.is_empty() {
            self.tell(vec![Event::Retract { symptom: id }]);
            return;
        }
        // Error codes come signed or not, hex or decimal, "Fehler 36" too:
        // the recogniser reads them as the knowledge base lists them.
        let value = crate::engine::parse_number(raw).or_else(|| {
            let found = crate::engine::recognize(&self.kb, raw);
            found
                .observations
                .iter()
                .find(|(o, _)| *o == symptom)
                .and_then(|(_, v)| match v {
                    Value::Number(n) => Some(*n),
                    _ => None,
                })
        });
        match value {
            Some(n) => {
                input.set_custom_validity("");
                let _ = input.remove_attribute("aria-invalid");
                self.tell(vec![Event::Observe {
                    symptom: id,
                    value: Value::Number(n),
                }]);
            }
            None => {
                let _ = input.set_attribute("aria-invalid", "true");
                self.say(self.t.not_a_number);
            }
        }
    }

    fn feedback(&mut self, fix: String, outcome: Feedback) {
        if self.kb.fix_index(&fix).is_none() {
            return;
        }
        self.tell(vec![Event::Feedback {
            fix: fix.clone(),
            outcome,
        }]);
        #[derive(Serialize)]
        struct Step<'a> {
            fix: &'a str,
            outcome: &'a str,
        }
        self.emit(
            "fixplan:step",
            &Step {
                fix: &fix,
                outcome: outcome.as_str(),
            },
        );
        if let Some(fixed) = &self.view.fixed {
            #[derive(Serialize)]
            struct Fixed<'a> {
                fix: &'a str,
            }
            self.emit("fixplan:fixed", &Fixed { fix: &fixed.fix });
        }
    }

    fn undo(&mut self) {
        if self.session.events.is_empty() {
            // Undoing "Start over" brings the whole session back.
            if let Some(before) = self.before_reset.take() {
                self.session = before;
            } else {
                return;
            }
        } else {
            self.session.undo();
        }
        self.pending = None;
        self.changed(&[], false, Vec::new());
        self.acknowledge();
    }

    fn start_over(&mut self) {
        let before = core::mem::replace(&mut self.session, Session::new(&self.kb));
        if !before.events.is_empty() {
            self.before_reset = Some(before);
        }
        self.pending = None;
        self.ui.search.set_value("");
        self.ui.search_result.set_text_content(None);
        self.suggestions.clear();
        clear(&self.ui.suggestions);
        self.changed(&[], false, Vec::new());
        self.say(self.t.start_over_done);
        focus(&self.ui.undo);
    }

    /// The session changed: save it, draw it, tell the host page.
    fn changed(&mut self, recognized: &[usize], truncated: bool, dropped: Vec<String>) {
        self.refresh(recognized, truncated, dropped);
        if self.session.events.is_empty() {
            store::remove(&self.window, &self.key);
        } else {
            store::write(&self.window, &self.key, &self.view.session);
        }
        // A share link in the address bar follows the reader, so a reload
        // shows where they are now, not where the link started.
        if self.link_offer.is_none() && store::link_present(&self.window, &self.link_prefix) {
            let session = (!self.session.events.is_empty()).then_some(self.view.session.as_str());
            store::write_link(&self.window, &self.link_prefix, session);
        }
        #[derive(Serialize)]
        struct Change<'a> {
            observed: &'a crate::engine::view::ObservedMap,
            expected_minutes: f64,
            first_step: Option<&'a str>,
        }
        self.emit(
            "fixplan:change",
            &Change {
                observed: &self.view.observed,
                expected_minutes: self.view.plan.expected_minutes,
                first_step: self.view.plan.steps.first().map(|s| s.fix.as_str()),
            },
        );
    }

    fn refresh(&mut self, recognized: &[usize], truncated: bool, dropped: Vec<String>) {
        self.view = View::new(&self.kb, &self.session, recognized, truncated, dropped);
        self.render();
    }

    fn emit<T: Serialize>(&self, kind: &str, detail: &T) {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&to_js(detail));
        if let Ok(event) = CustomEvent::new_with_event_init_dict(kind, &init) {
            let _ = self.host.dispatch_event(&event);
        }
    }

    // ------------------------------------------------------------ drawing

    fn render(&mut self) {
        let Some(dom) = self.dom() else { return };
        let t = self.t;
        let view = &self.view;
        let said_anything = !self.session.events.is_empty() || self.before_reset.is_some();
        // Once shown, the toolbar stays: undoing the last answer must not
        // take away the button the reader is on.
        self.toolbar_shown |= said_anything;
        set_hidden(&self.ui.toolbar, !self.toolbar_shown);
        let _ = (self.ui.undo).set_attribute(
            "aria-disabled",
            if said_anything { "false" } else { "true" },
        );
        set_hidden(&self.ui.copy_box, true);

        // The trail: what the reader said, each removable; what they tried.
        clear(&self.ui.trail_list);
        for (i, said) in view.said.iter().enumerate() {
            let li = dom.el(
                "li",
                &[
                    ("part", "said"),
                    ("class", if said.no { "said is-no" } else { "said" }),
                ],
            );
            let text = spoken(t, &said.label, &said.value);
            append(&li, &dom.text("span", &[], &text));
            let remove = format!("{}: {text}", t.remove);
            append(
                &li,
                &dom.button(
                    "×",
                    "remove",
                    &[
                        ("data-i", &i.to_string()),
                        ("aria-label", &remove),
                        ("class", "remove"),
                    ],
                ),
            );
            append(&self.ui.trail_list, &li);
        }
        for tried in &view.tried {
            let outcome = outcome_words(t, tried.outcome);
            let li = dom.text(
                "li",
                &[("part", "said"), ("class", "said tried")],
                &format!("{}: {}", tried.title, outcome),
            );
            append(&self.ui.trail_list, &li);
        }
        set_hidden(
            &self.ui.trail,
            view.said.is_empty() && view.tried.is_empty(),
        );

        // What must be confirmed first: a share link, or a data-risk answer.
        clear(&self.ui.confirm);
        if self.link_offer.is_some() {
            append(&self.ui.confirm, &dom.text("p", &[], t.link_offer));
            let row = dom.el("div", &[("class", "actions")]);
            append(&row, &dom.button(t.link_open, "link-open", &[]));
            append(&row, &dom.button(t.link_keep, "link-keep", &[]));
            append(&self.ui.confirm, &row);
        } else if let Some(p) = &self.pending {
            let intro = if p.restored {
                t.confirm_restored
            } else {
                t.confirm_intro
            };
            append(&self.ui.confirm, &dom.text("p", &[], intro));
            let list = dom.el("ul", &[]);
            for line in &p.lines {
                append(&list, &dom.text("li", &[], line));
            }
            append(&self.ui.confirm, &list);
            let row = dom.el("div", &[("class", "actions")]);
            append(
                &row,
                &dom.button(
                    t.confirm_yes,
                    "confirm-yes",
                    &[("part", "answer"), ("class", "primary")],
                ),
            );
            append(
                &row,
                &dom.button(t.confirm_no, "confirm-no", &[("part", "answer")]),
            );
            append(&self.ui.confirm, &row);
        }
        set_hidden(
            &self.ui.confirm,
            self.link_offer.is_none() && self.pending.is_none(),
        );

        // The step to do now, once the reader has said something.
        clear(&self.ui.current);
        let steps = if view.fixed.is_some() {
            &[][..]
        } else {
            &view.plan.steps[..]
        };
        // The plan shows once the reader has said something that still
        // stands: an observation, an answer (even "I don't know"), a step
        // tried. Removing the only thing said takes it away again.
        let started = {
            let (situation, fixed) = self.session.situation(&self.kb);
            situation.observed.iter().any(Option::is_some)
                || !situation.asked.is_empty()
                || !situation.failed.is_empty()
                || !situation.skipped.is_empty()
                || fixed.is_some()
        };
        if let Some(f) = &view.fixed {
            let glad = dom.text(
                "h3",
                &[("tabindex", "-1"), ("class", "glad")],
                &fill(t.glad, &f.title),
            );
            append(&self.ui.current, &glad);
            append(&self.ui.current, &dom.button(t.start_over, "reset", &[]));
        } else if started {
            match steps.first() {
                Some(step) => {
                    let card = self.step_card(&dom, step, true);
                    append(&self.ui.current, &card);
                }
                None => append(
                    &self.ui.current,
                    &dom.text("h3", &[("tabindex", "-1")], t.no_steps),
                ),
            }
        }
        // While something waits for confirmation, it is the one thing asking.
        let waiting = self.pending.is_some() || self.link_offer.is_some();
        set_hidden(
            &self.ui.current,
            (!started && view.fixed.is_none()) || waiting,
        );
        if waiting {
            set_hidden(&self.ui.ack, true);
        }
        let _ = self.ui.current.set_attribute(
            "part",
            if steps.first().is_some_and(|s| !s.escalation) || view.fixed.is_some() {
                "step current"
            } else {
                "current"
            },
        );

        // The question worth asking.
        clear(&self.ui.question);
        let show_question = view.fixed.is_none() && self.pending.is_none();
        if let (Some(q), true) = (&view.question, show_question) {
            append(
                &self.ui.question,
                &dom.text(
                    "p",
                    &[
                        ("class", "question-text"),
                        ("tabindex", "-1"),
                        ("id", "question-text"),
                    ],
                    &q.text,
                ),
            );
            // How to find out, folded: the answers stay in view on a phone.
            if let Some(check) = &q.check {
                let how = dom.el("details", &[("class", "check")]);
                append(&how, &dom.text("summary", &[], t.how_to_check));
                append(&how, &dom.text("p", &[("class", "muted")], check));
                append(&self.ui.question, &how);
            }
            let answers = dom.el(
                "div",
                &[
                    ("class", "answers"),
                    ("role", "group"),
                    ("aria-labelledby", "question-text"),
                ],
            );
            for (i, a) in q.answers.iter().enumerate() {
                append(
                    &answers,
                    &dom.button(
                        &a.label,
                        "answer",
                        &[("data-i", &i.to_string()), ("part", "answer")],
                    ),
                );
            }
            append(&self.ui.question, &answers);
            if started && q.saves_minutes >= 0.5 {
                append(
                    &self.ui.question,
                    &dom.text(
                        "p",
                        &[("class", "muted")],
                        &fill(t.saves, &round_minutes(q.saves_minutes)),
                    ),
                );
            }
        }
        set_hidden(&self.ui.question, view.question.is_none() || !show_question);
        // A question worth more minutes than the step takes comes first: a
        // reader works down the page.
        let question_first = match (&view.question, steps.first()) {
            (Some(q), Some(step)) => q.saves_minutes >= step.minutes,
            _ => false,
        };
        self.question_first = question_first && show_question;
        let place = if question_first {
            "beforebegin"
        } else {
            "afterend"
        };
        let _ = (self.ui.current).insert_adjacent_element(place, &self.ui.question);

        // The chips most worth tapping now.
        // Before the first answer the question and the search are enough;
        // which chips matter depends on the answer.
        clear(&self.ui.chips);
        let chips = if started { &view.chips[..] } else { &[][..] };
        for (i, chip) in chips.iter().enumerate() {
            append(
                &self.ui.chips,
                &dom.button(
                    &chip.label,
                    "chip",
                    &[
                        ("data-i", &i.to_string()),
                        ("part", "chip"),
                        ("class", "chip"),
                        ("aria-pressed", "false"),
                    ],
                ),
            );
        }
        set_hidden(&self.ui.chips_title, chips.is_empty());

        // The catalogue shows what is said, pressed.
        for (s, value, button, _) in &self.catalog {
            let id = &self.kb.symptoms[*s].id;
            let now = view.observed.get(id);
            let pressed = now == Some(value);
            let _ = button.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
            let _ =
                button.set_attribute("part", if pressed { "chip chip-pressed" } else { "chip" });
            let _ = button.class_list().toggle_with_force(
                "is-no",
                *value == Value::Bool(true) && now == Some(&Value::Bool(false)),
            );
        }

        // Later steps, folded; the last resort apart, for what it is.
        clear(&self.ui.later_list);
        clear(&self.ui.support);
        let mut later = 0;
        for step in steps.iter().skip(1).filter(|_| started) {
            if step.escalation {
                append(&self.ui.support, &dom.text("h3", &[], t.if_nothing_else));
                let card = self.step_card(&dom, step, false);
                append(&self.ui.support, &card);
                continue;
            }
            later += 1;
            let li = dom.el("li", &[("part", "step"), ("class", "later-step")]);
            let details = dom.el("details", &[]);
            let summary = dom.el("summary", &[]);
            append(
                &summary,
                &dom.text("span", &[("class", "later-title")], &step.title),
            );
            append(
                &summary,
                &dom.text(
                    "span",
                    &[("class", "muted")],
                    &format!(" · {}", fill(t.minutes, &round_minutes(step.minutes))),
                ),
            );
            append(&details, &summary);
            let body = self.step_body(&dom, step);
            append(&details, &body);
            append(&li, &details);
            append(&self.ui.later_list, &li);
        }
        set_hidden(&self.ui.later, later == 0 || !started);
        set_hidden(
            &self.ui.support,
            !started || !steps.iter().skip(1).any(|s| s.escalation),
        );
    }

    /// A step as a card: title, minutes, risk, what to do, why, buttons.
    fn step_card(&self, dom: &Dom, step: &crate::engine::view::StepView, current: bool) -> Element {
        let t = self.t;
        let card = dom.el(
            "article",
            &[
                ("class", &format!("step risk-{}", step.risk)),
                ("data-fix", &step.fix),
            ],
        );
        if current {
            append(
                &card,
                &dom.text(
                    "p",
                    &[("class", "kicker")],
                    if step.escalation {
                        t.if_nothing_else
                    } else {
                        t.step_now
                    },
                ),
            );
        }
        let h = dom.text("h3", &[("tabindex", "-1")], &step.title);
        append(&card, &h);
        let body = self.step_body(dom, step);
        append(&card, &body);
        card
    }

    fn step_body(&self, dom: &Dom, step: &crate::engine::view::StepView) -> Element {
        let t = self.t;
        let body = dom.el("div", &[("class", "step-body")]);
        append(
            &body,
            &dom.text(
                "p",
                &[("class", "minutes")],
                &fill(t.minutes, &round_minutes(step.minutes)),
            ),
        );
        let risk = match step.risk {
            "caution" => Some(t.caution),
            "data_risk" => Some(t.data_risk),
            _ => None,
        };
        if let Some(risk) = risk {
            append(&body, &dom.text("p", &[("class", "risk")], risk));
        }
        let how = dom.el("ol", &[("class", "how")]);
        for s in &step.steps {
            append(&how, &dom.text("li", &[], s));
        }
        append(&body, &how);
        if !step.why.is_empty() {
            let details = dom.el("details", &[("class", "why")]);
            append(&details, &dom.text("summary", &[], t.why));
            let list = dom.el("ul", &[]);
            for w in &step.why {
                append(&list, &dom.text("li", &[], w));
            }
            append(&details, &list);
            append(&body, &details);
        }
        let actions = dom.el("div", &[("class", "actions")]);
        let fix = step.fix.as_str();
        append(
            &actions,
            &dom.button(t.fixed, "fixed", &[("data-fix", fix), ("class", "primary")]),
        );
        append(
            &actions,
            &dom.button(t.didnt_help, "didnt", &[("data-fix", fix)]),
        );
        append(
            &actions,
            &dom.button(t.cant_do, "cant", &[("data-fix", fix)]),
        );
        if step.escalation {
            append(&actions, &dom.button(t.copy_summary, "copy", &[]));
        }
        append(&body, &actions);
        body
    }

    /// Every symptom, grouped, under "More symptoms".
    fn build_catalog(&mut self, dom: &Dom) {
        let t = self.t;
        let kb = &self.kb;
        let mut groups: Vec<(String, Vec<usize>)> = (kb.groups.iter().enumerate())
            .map(|(g, group)| {
                let members = (0..kb.symptoms.len())
                    .filter(|&s| kb.symptoms[s].group == Some(g))
                    .collect();
                (group.title.clone(), members)
            })
            .collect();
        let loose: Vec<usize> = (0..kb.symptoms.len())
            .filter(|&s| kb.symptoms[s].group.is_none())
            .collect();
        groups.push((t.other.into(), loose));
        let mut catalog = Vec::new();
        let container = dom.el("div", &[("class", "catalog")]);
        for (gi, (title, members)) in groups.into_iter().enumerate() {
            if members.is_empty() {
                continue;
            }
            let label_id = format!("g{gi}");
            let group = dom.el(
                "div",
                &[
                    ("role", "group"),
                    ("aria-labelledby", &label_id),
                    ("class", "group"),
                ],
            );
            append(
                &group,
                &dom.text("p", &[("id", &label_id), ("class", "group-title")], &title),
            );
            let chips = dom.el("div", &[("class", "chips")]);
            for s in members {
                let symptom = &kb.symptoms[s];
                let values: Vec<(Value, String)> = match &symptom.kind {
                    SymptomKind::Bool => vec![(Value::Bool(true), symptom.title.clone())],
                    SymptomKind::Choice(choices) => choices
                        .iter()
                        .map(|c| (Value::Choice(c.value.clone()), c.title.clone()))
                        .collect(),
                    SymptomKind::Number { unit } => {
                        let id = format!("n-{}", symptom.id);
                        let field = dom.el("div", &[("class", "number")]);
                        let text = match unit {
                            Some(u) => format!("{} ({u})", symptom.title),
                            None => symptom.title.clone(),
                        };
                        append(&field, &dom.text("label", &[("for", &id)], &text));
                        // Text, not type=number: codes come as -36 or 0xE8000084.
                        let input = dom.el(
                            "input",
                            &[
                                ("id", &id),
                                ("type", "text"),
                                ("inputmode", "text"),
                                ("autocomplete", "off"),
                                ("spellcheck", "false"),
                                ("data-number", &symptom.id),
                                ("class", "number-input"),
                            ],
                        );
                        append(&field, &input);
                        append(
                            &field,
                            &dom.button(t.set, "set", &[("data-s", &symptom.id)]),
                        );
                        append(&group, &field);
                        continue;
                    }
                };
                for (value, title) in values {
                    let i = catalog.len().to_string();
                    let b = dom.button(
                        &title,
                        "cat",
                        &[
                            ("data-i", &i),
                            ("class", "chip"),
                            ("part", "chip"),
                            ("aria-pressed", "false"),
                        ],
                    );
                    append(&chips, &b);
                    catalog.push((s, value, b, lower(&title)));
                }
            }
            append(&group, &chips);
            append(&container, &group);
        }
        append(&self.ui.more, &container);
        self.catalog = catalog;
    }

    // ------------------------------------------------------------ copy and share

    fn summary(&self) -> String {
        let t = self.t;
        let v = &self.view;
        let mut lines = vec![
            fill(t.summary_title, &self.kb.title),
            String::new(),
            t.summary_see.into(),
        ];
        let seen: Vec<String> = (v.said.iter())
            .filter_map(|s| {
                let i = self.kb.symptom_index(&s.symptom)?;
                let shown = match &s.value {
                    Value::Bool(true) => t.yes.to_string(),
                    Value::Bool(false) => t.no.to_string(),
                    Value::Number(_) => s.value.to_string(),
                    Value::Choice(_) => s.label.clone(),
                };
                Some(format!("- {}: {shown}", self.kb.symptoms[i].title))
            })
            .collect();
        if seen.is_empty() {
            lines.push(t.summary_nothing.into());
        }
        lines.extend(seen);
        lines.push(String::new());
        lines.push(t.summary_tried.into());
        if v.tried.is_empty() {
            lines.push(t.summary_no_steps.into());
        }
        for x in &v.tried {
            let outcome = outcome_words(t, x.outcome);
            lines.push(format!("- {}: {outcome}", x.title));
        }
        let likely: Vec<String> = (v.likely.iter())
            .map(|c| {
                let title = c.title.as_deref().unwrap_or(t.something_else);
                let pct = (libm::round(c.p * 100.0) as u64).to_string();
                format!("{title} ({})", fill(t.percent, &pct))
            })
            .collect();
        if !likely.is_empty() {
            lines.push(String::new());
            lines.push(format!("{} {}", t.summary_likely, likely.join(", ")));
        }
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }

    /// Moves the copy box right after the row holding `button`.
    fn place_copy_box(&self, button: &Element) {
        if let Some(row) = button.parent_element() {
            let _ = row.insert_adjacent_element("afterend", &self.ui.copy_box);
        }
    }

    fn copy_summary(&self) {
        let text = self.summary();
        self.copy(
            &text,
            self.t.summary_label,
            self.t.copied,
            self.t.copy_fallback,
            false,
        );
    }

    fn share(&self) {
        let session = self.view.session.clone();
        store::write_link(&self.window, &self.link_prefix, Some(&session));
        let url = store::link_for(&self.window, &self.link_prefix, &session);
        let navigator = self.window.navigator();
        // The system share sheet where there is one (phones).
        let can_share =
            js_sys::Reflect::has(&navigator, &JsValue::from_str("share")).unwrap_or(false);
        if can_share {
            let data = web_sys::ShareData::new();
            data.set_url(&url);
            data.set_title(&self.kb.title);
            let _ = navigator.share_with_data(&data);
            return;
        }
        self.copy(
            &url,
            self.t.link_label,
            self.t.link_copied,
            self.t.link_fallback,
            true,
        );
    }

    /// Copies `text`; where the clipboard is refused, shows it selected.
    fn copy(&self, text: &str, label: &str, ok: &str, fallback: &str, keep_field: bool) {
        let ui = &self.ui;
        ui.copy_label.set_text_content(Some(label));
        ui.copy_output.set_value(text);
        set_hidden(&ui.copy_box, false);
        set_hidden(&ui.copy_field, !keep_field);
        ui.copy_status.set_text_content(None);
        let (status, field, output) = (
            ui.copy_status.clone(),
            ui.copy_field.clone(),
            ui.copy_output.clone(),
        );
        let (ok, fallback) = (String::from(ok), String::from(fallback));
        let status2 = status.clone();
        let on_ok = Closure::once(move |_: JsValue| status.set_text_content(Some(&ok)));
        let on_err = Closure::once(move |_: JsValue| {
            status2.set_text_content(Some(&fallback));
            set_hidden(&field, false);
            let _ = output.focus();
            output.select();
        });
        let promise = self.window.navigator().clipboard().write_text(text);
        let _ = promise.then2(&on_ok, &on_err);
        // Each runs at most once; a copy is rare enough to let them go.
        on_ok.forget();
        on_err.forget();
    }
}

/// "iCloud Backup", "Not: Wi-Fi loads pages", "Error code: -36": what was
/// said, in the fewest words.
fn spoken(t: &Strings, label: &str, value: &Value) -> String {
    match value {
        Value::Bool(false) => format!("{} {label}", t.no_prefix),
        Value::Number(_) => format!("{label}: {value}"),
        _ => label.into(),
    }
}

/// A tried step's outcome in the reader's language.
fn outcome_words(t: &Strings, outcome: &str) -> &'static str {
    match outcome {
        "fixed" => t.outcome_fixed,
        "didnt_help" => t.outcome_didnt_help,
        _ => t.outcome_cant_do,
    }
}

/// Whether `text` contains `part`: bytes compared in place, where `str::contains`
/// would bring core's two-way substring search (1.5 KB) for a list of chips.
fn has(text: &str, part: &str) -> bool {
    part.is_empty() || (text.as_bytes().windows(part.len())).any(|w| w == part.as_bytes())
}

/// Lower case without std's Unicode tables: the recogniser's own folding.
fn lower(text: &str) -> String {
    text.chars().map(crate::engine::recognize::lower).collect()
}

fn now(window: &Window) -> f64 {
    window.performance().map_or(0.0, |p| p.now())
}

/// The widget's frame, built once.
fn build(dom: &Dom, t: &Strings, kb: &KnowledgeBase) -> Ui {
    let body = dom.el("div", &[("class", "body"), ("lang", t.lang)]);
    let title = dom.text("h2", &[("class", "title"), ("tabindex", "-1")], &kb.title);
    let note = dom.el("p", &[("class", "note"), ("hidden", "")]);

    let toolbar = dom.el(
        "div",
        &[
            ("part", "toolbar"),
            ("class", "toolbar"),
            ("role", "toolbar"),
            ("aria-label", t.toolbar),
            ("hidden", ""),
        ],
    );
    let undo = dom.button(t.undo, "undo", &[]);
    append(&toolbar, &undo);
    append(&toolbar, &dom.button(t.start_over, "reset", &[]));
    append(&toolbar, &dom.button(t.share, "share", &[]));
    append(
        &toolbar,
        &dom.button(t.copy_short, "copy", &[("aria-label", t.copy_summary)]),
    );

    let copy_box = dom.el("div", &[("class", "copy-out"), ("hidden", "")]);
    let copy_status = dom.el("p", &[("class", "status"), ("role", "status")]);
    let copy_field = dom.el("div", &[("class", "field")]);
    let copy_label = dom.el("label", &[("for", "copy-output")]);
    let copy_output: HtmlTextAreaElement = dom
        .el(
            "textarea",
            &[("id", "copy-output"), ("readonly", ""), ("rows", "6")],
        )
        .unchecked_into();
    append(&copy_field, &copy_label);
    append(&copy_field, &copy_output);
    append(&copy_box, &copy_status);
    append(&copy_box, &copy_field);

    let trail = dom.el(
        "section",
        &[
            ("part", "trail"),
            ("class", "trail"),
            ("aria-labelledby", "trail-title"),
            ("hidden", ""),
        ],
    );
    append(
        &trail,
        &dom.text(
            "h3",
            &[("id", "trail-title"), ("class", "trail-title")],
            t.you_said,
        ),
    );
    let trail_list = dom.el("ul", &[("class", "trail-list")]);
    append(&trail, &trail_list);

    let confirm = dom.el(
        "div",
        &[("class", "confirm"), ("role", "group"), ("hidden", "")],
    );
    let ack = dom.el("p", &[("class", "ack"), ("tabindex", "-1"), ("hidden", "")]);
    let current = dom.el(
        "section",
        &[
            ("class", "current"),
            ("aria-label", t.step_now),
            ("hidden", ""),
        ],
    );
    let question = dom.el(
        "section",
        &[
            ("part", "question"),
            ("class", "question"),
            ("aria-label", t.question),
            ("hidden", ""),
        ],
    );

    let tell = dom.el("div", &[("class", "tell")]);
    append(
        &tell,
        &dom.text(
            "label",
            &[("for", "search"), ("class", "search-label")],
            t.search_label,
        ),
    );
    let search: HtmlTextAreaElement = dom
        .el(
            "textarea",
            &[
                ("id", "search"),
                ("part", "search"),
                ("rows", "2"),
                ("class", "search"),
                ("placeholder", t.search_hint),
                ("autocomplete", "off"),
                ("spellcheck", "false"),
                ("maxlength", "1048576"),
            ],
        )
        .unchecked_into();
    append(&tell, &search);
    // Suggestions right under the field, where the reader looks while typing.
    let suggestions = dom.el("div", &[("class", "suggestions")]);
    append(&tell, &suggestions);
    let read_row = dom.el("div", &[("class", "read-row")]);
    append(&read_row, &dom.button(t.read, "read", &[]));
    append(&tell, &read_row);
    let search_result = dom.el("p", &[("class", "search-result"), ("aria-live", "off")]);
    append(&tell, &search_result);

    let chips_title = dom.text(
        "p",
        &[("class", "chips-title"), ("id", "chips-title")],
        t.suggested,
    );
    let chips = dom.el(
        "div",
        &[
            ("class", "chips top-chips"),
            ("role", "group"),
            ("aria-labelledby", "chips-title"),
        ],
    );
    let more = dom.el("details", &[("class", "more")]);
    append(&more, &dom.text("summary", &[], t.more_symptoms));

    let later = dom.el(
        "section",
        &[
            ("class", "later"),
            ("aria-labelledby", "later-title"),
            ("hidden", ""),
        ],
    );
    append(&later, &dom.text("h3", &[("id", "later-title")], t.later));
    let later_list = dom.el("ol", &[("class", "later-list")]);
    append(&later, &later_list);
    let support = dom.el(
        "section",
        &[("class", "support"), ("part", "step"), ("hidden", "")],
    );
    let live = dom.el(
        "p",
        &[("class", "visually-hidden"), ("aria-live", "polite")],
    );

    for el in [
        &title,
        &note,
        &toolbar,
        &copy_box,
        &trail,
        &confirm,
        &ack,
        &current,
        &question,
        &tell,
        &chips_title,
        &chips,
        &more,
        &later,
        &support,
        &live,
    ] {
        append(&body, el);
    }
    Ui {
        body,
        note,
        toolbar,
        undo,
        copy_box,
        copy_status,
        copy_field,
        copy_label,
        copy_output,
        trail,
        trail_list,
        confirm,
        ack,
        current,
        question,
        search,
        suggestions,
        search_result,
        chips_title,
        chips,
        more,
        later,
        later_list,
        support,
        live,
    }
}
