//! `Engine`: the engine without a DOM, JSON text in and out, for benchmarks
//! and authors' tools (feature `engine-api`; the shipped widget leaves it
//! out). Conversion only; every decision is made in the core.

use crate::base::json::{self, Json, Writer};
use crate::compiled;
use crate::engine::{Diagnostic, Event, KnowledgeBase, Recommendation, Session, SymptomKind};
use crate::prelude::*;
use wasm_bindgen::prelude::*;
/// A knowledge base and one reader's session.
#[wasm_bindgen]
pub struct Engine {
    kb: Option<KnowledgeBase>,
    errors: Vec<Diagnostic>,
    session: Option<Session>,
}

fn not_loaded() -> JsError {
    JsError::new("the knowledge base did not load; see errors()")
}

#[wasm_bindgen]
impl Engine {
    /// Loads a compiled knowledge base. Never throws: problems are in `errors()`.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Engine {
        let (kb, errors) = compiled::from_json(json);
        let errors = errors.into_iter().filter(Diagnostic::is_error).collect();
        let session = kb.as_ref().map(Session::new);
        Engine {
            kb,
            errors,
            session,
        }
    }

    /// Errors that kept the knowledge base from loading, as data.
    pub fn errors(&self) -> String {
        let mut w = Writer::new();
        w.begin_array();
        self.errors.iter().for_each(|d| d.write_json(&mut w));
        w.end_array();
        w.finish()
    }

    /// What the widget draws chips from; it does not change.
    pub fn catalog(&self) -> Result<String, JsError> {
        let kb = self.kb.as_ref().ok_or_else(not_loaded)?;
        let mut w = Writer::new();
        w.begin_object();
        w.key("id").string(&kb.id);
        w.key("version").string(&kb.version);
        w.key("title").string(&kb.title);
        w.key("groups");
        w.begin_array();
        for g in &kb.groups {
            w.begin_object();
            w.key("id").string(&g.id).key("title").string(&g.title);
            w.end_object();
        }
        w.end_array();
        w.key("symptoms").begin_array();
        for s in &kb.symptoms {
            w.begin_object();
            w.key("id").string(&s.id).key("title").string(&s.title);
            let (kind, unit) = match &s.kind {
                SymptomKind::Bool => ("bool", None),
                SymptomKind::Number { unit } => ("number", unit.as_deref()),
                SymptomKind::Choice(_) => ("choice", None),
            };
            w.key("kind").string(kind);
            w.key("group")
                .opt_string(s.group.map(|g| kb.groups[g].id.as_str()));
            w.key("choices").begin_array();
            if let SymptomKind::Choice(choices) = &s.kind {
                for c in choices {
                    w.begin_object();
                    w.key("value")
                        .string(&c.value)
                        .key("title")
                        .string(&c.title);
                    w.end_object();
                }
            }
            w.end_array();
            w.key("unit").opt_string(unit);
            w.end_object();
        }
        w.end_array().end_object();
        Ok(w.finish())
    }

    /// Applies one reader action and returns the new view. A malformed
    /// action throws (the caller's bug); a refused one is `ok: false`.
    pub fn dispatch(&mut self, action: &str) -> Result<String, JsError> {
        #[cfg(feature = "fault-injection")]
        if super::take_panic() {
            panic!("injected fault");
        }
        let kb = self.kb.as_ref().ok_or_else(not_loaded)?;
        let session = self.session.as_mut().ok_or_else(not_loaded)?;
        let malformed = |e: String| JsError::new(&format!("malformed action: {e}"));
        let action = json::parse(action).map_err(|e| malformed(e.to_string()))?;
        let mut recognized = Vec::new();
        let mut truncated = false;
        let outcome = match action.get("type").and_then(Json::as_str) {
            Some("paste") => {
                let text = action
                    .get("text")
                    .and_then(Json::as_str)
                    .unwrap_or_default();
                (recognized, truncated) = session.paste(kb, text);
                Ok(())
            }
            Some("undo") => {
                session.undo();
                Ok(())
            }
            Some("reset") => {
                *session = Session::new(kb);
                Ok(())
            }
            _ => {
                let event = Event::from_json(&action).map_err(malformed)?;
                session.apply(kb, event)
            }
        };
        Ok(view(
            kb,
            session,
            outcome.err(),
            (&recognized, truncated),
            &[],
        ))
    }

    /// Restores saved progress; what no longer fits is listed in `dropped`.
    pub fn restore(&mut self, saved: &str) -> Result<String, JsError> {
        let kb = self.kb.as_ref().ok_or_else(not_loaded)?;
        let restored = Session::restore(kb, saved);
        let view = view(kb, &restored.session, None, (&[], false), &restored.dropped);
        self.session = Some(restored.session);
        Ok(view)
    }

    /// Indices of the rules whose conditions hold for what the reader has
    /// observed, in knowledge-base order: for authors checking their rules
    /// and for comparing with other rule engines on the same facts.
    pub fn fired_rules(&self) -> Result<String, JsError> {
        let kb = self.kb.as_ref().ok_or_else(not_loaded)?;
        let session = self.session.as_ref().ok_or_else(not_loaded)?;
        let (situation, _) = session.situation(kb);
        let mut w = Writer::new();
        w.begin_array();
        crate::engine::infer::Firings::new(kb, &situation.observed)
            .fired()
            .for_each(|r| {
                w.number(r as f64);
            });
        w.end_array();
        Ok(w.finish())
    }

    /// The current view, without changing anything.
    pub fn view(&self) -> Result<String, JsError> {
        let kb = self.kb.as_ref().ok_or_else(not_loaded)?;
        let session = self.session.as_ref().ok_or_else(not_loaded)?;
        Ok(view(kb, session, None, (&[], false), &[]))
    }
}

/// Everything the widget draws after an action, as JSON text.
fn view(
    kb: &KnowledgeBase,
    session: &Session,
    error: Option<String>,
    // What a paste recognised, and whether its end went unread (the
    // recogniser reads at most `MAX_CHARS` characters).
    (recognized, truncated): (&[usize], bool),
    dropped: &[String],
) -> String {
    let (situation, fixed) = session.situation(kb);
    let rec = Recommendation::new(kb, situation, fixed);
    let mut w = Writer::new();
    w.begin_object();
    w.key("ok").bool(error.is_none());
    w.key("error").opt_string(error.as_deref());
    w.key("observed").begin_object();
    for (s, value) in rec.situation.observed.iter().enumerate() {
        if let Some(value) = value {
            w.key(&kb.symptoms[s].id);
            value.write_json(&mut w);
        }
    }
    w.end_object();
    w.key("recognized").begin_array();
    recognized.iter().for_each(|&s| {
        w.string(&kb.symptoms[s].id);
    });
    w.end_array();
    // How much of a paste was read, when not all of it: the reader is told.
    w.key("truncated");
    if truncated {
        w.number(crate::engine::MAX_CHARS as f64);
    } else {
        w.bool(false);
    }
    w.key("plan").begin_object();
    w.key("expected_minutes").number(rec.plan.expected_minutes);
    w.key("steps").begin_array();
    for step in &rec.plan.steps {
        let fix = &kb.fixes[step.fix];
        w.begin_object();
        w.key("fix").string(&fix.id).key("title").string(&fix.title);
        w.key("minutes").number(step.minutes);
        w.key("p").number(step.p);
        w.key("risk").string(fix.risk.as_str());
        w.key("why").begin_array();
        step.reasons.iter().for_each(|r| {
            w.string(&r.text);
        });
        w.end_array();
        w.key("steps").strings(&fix.steps);
        w.key("escalation").bool(Some(step.fix) == kb.escalation);
        w.end_object();
    }
    w.end_array().end_object();
    w.key("question");
    match &rec.question {
        Some(advice) => {
            let q = &kb.questions[advice.question];
            w.begin_object();
            w.key("id").string(&q.id);
            w.key("symptom").string(&kb.symptoms[q.symptom].id);
            w.key("text").string(&q.text);
            if let Some(check) = &q.check {
                w.key("check").string(check);
            }
            w.key("saves_minutes").number(advice.saves_minutes);
            w.key("answers").begin_array();
            for a in &q.answers {
                w.begin_object();
                w.key("label").string(&a.label).key("value");
                match &a.value {
                    Some(v) => v.write_json(&mut w),
                    None => {
                        w.null();
                    }
                }
                w.end_object();
            }
            w.end_array().end_object();
        }
        None => {
            w.null();
        }
    }
    let fix_ref = |w: &mut Writer, f: usize| {
        w.key("fix").string(&kb.fixes[f].id);
        w.key("title").string(&kb.fixes[f].title);
    };
    w.key("fixed");
    match rec.fixed {
        Some(f) => {
            w.begin_object();
            fix_ref(&mut w, f);
            w.end_object();
        }
        None => {
            w.null();
        }
    }
    w.key("tried").begin_array();
    for (f, outcome) in session.tried(kb, &rec) {
        w.begin_object();
        fix_ref(&mut w, f);
        w.key("outcome").string(outcome.as_str());
        w.end_object();
    }
    w.end_array();
    w.key("likely").begin_array();
    for (cause, p) in rec.likely() {
        w.begin_object();
        // "Something else" has no title here: the widget says it in its language.
        w.key("title")
            .opt_string(kb.causes.get(cause).map(|c| c.title.as_str()));
        w.key("p").number(p);
        w.end_object();
    }
    w.end_array();
    // Compacted whole but for the last few undos: small enough for a link.
    let saved = session.compacted(kb, crate::SAVED_UNDO_DEPTH);
    w.key("session").string(&saved.to_json());
    w.key("dropped").strings(dropped);
    w.end_object();
    w.finish()
}
