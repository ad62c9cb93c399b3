//! A reader's session: a log of what they did, replayed against the
//! knowledge base. Undo drops the last entry; saving writes the log, so a
//! changed knowledge base can replay what still makes sense.

use crate::prelude::*;

use super::diagnostic::did_you_mean;
use super::model::KnowledgeBase;
use super::plan::Situation;
use super::recommend::Recommendation;
use super::value::Value;
use crate::base::json::{self, Json, Writer};

/// Version of the saved-session format.
pub const SESSION_FORMAT: u32 = 1;

/// One thing the reader did.
/// In JSON: `{"type": "observe", "symptom": "wifi_ok", "value": true}`,
/// `{"type": "feedback", "fix": "restart", "outcome": "didnt_help"}`, and so on.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Observe {
        symptom: String,
        value: Value,
    },
    Retract {
        symptom: String,
    },
    /// `value: None` is "I don't know": the question is not asked again.
    Answer {
        question: String,
        value: Option<Value>,
    },
    Feedback {
        fix: String,
        outcome: Feedback,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feedback {
    Fixed,
    /// Beliefs are conditioned on the step's failure.
    DidntHelp,
    /// The step is dropped without learning anything from it.
    CantDo,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub format: u32,
    pub kb: String,
    pub kb_version: String,
    pub events: Vec<Event>,
}

/// A restored session and what of the saved one could not be kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    pub session: Session,
    pub dropped: Vec<String>,
}

impl Session {
    pub fn new(kb: &KnowledgeBase) -> Session {
        Session {
            format: SESSION_FORMAT,
            kb: kb.id.clone(),
            kb_version: kb.version.clone(),
            events: Vec::new(),
        }
    }

    /// Records an event if it makes sense for this knowledge base; otherwise
    /// says why and records nothing.
    pub fn apply(&mut self, kb: &KnowledgeBase, event: Event) -> Result<(), String> {
        check(kb, &event)?;
        self.events.push(event);
        Ok(())
    }

    /// Takes back the last event.
    pub fn undo(&mut self) -> Option<Event> {
        self.events.pop()
    }

    /// Replays the log into observations, answers and feedback.
    pub fn situation(&self, kb: &KnowledgeBase) -> (Situation, Option<usize>) {
        let mut s = Situation::new(kb);
        let mut fixed = None;
        for event in &self.events {
            match event {
                Event::Observe { symptom, value } => {
                    if let Some(i) = kb.symptom_index(symptom) {
                        s.observed[i] = Some(value.clone());
                    }
                }
                Event::Retract { symptom } => {
                    if let Some(i) = kb.symptom_index(symptom) {
                        s.observed[i] = None;
                        s.asked.retain(|&q| kb.questions[q].symptom != i);
                    }
                }
                Event::Answer { question, value } => {
                    if let Some(q) = kb.question_index(question) {
                        if !s.asked.contains(&q) {
                            s.asked.push(q);
                        }
                        if let Some(value) = value {
                            s.observed[kb.questions[q].symptom] = Some(value.clone());
                        }
                    }
                }
                Event::Feedback { fix, outcome } => {
                    if let Some(f) = kb.fix_index(fix) {
                        match outcome {
                            Feedback::Fixed => fixed = Some(f),
                            Feedback::DidntHelp => push_once(&mut s.failed, f),
                            Feedback::CantDo => push_once(&mut s.skipped, f),
                        }
                    }
                }
            }
        }
        (s, fixed)
    }

    /// The plan, the next question and the posterior, from one inference.
    pub fn recommend(&self, kb: &KnowledgeBase) -> Recommendation {
        let (situation, fixed) = self.situation(kb);
        Recommendation::new(kb, situation, fixed)
    }

    pub fn to_json(&self) -> String {
        let mut w = Writer::new();
        w.begin_object();
        w.key("format").number(f64::from(self.format));
        w.key("kb").string(&self.kb);
        w.key("kb_version").string(&self.kb_version);
        w.key("events").begin_array();
        self.events.iter().for_each(|e| e.write_json(&mut w));
        w.end_array().end_object();
        w.finish()
    }

    /// Restores saved progress. Never fails: what cannot be read or no
    /// longer fits the knowledge base is dropped and listed.
    pub fn restore(kb: &KnowledgeBase, text: &str) -> Restored {
        let mut restored = Restored {
            session: Session::new(kb),
            dropped: Vec::new(),
        };
        let saved = match json::parse(text) {
            Ok(saved) => saved,
            Err(e) => {
                restored
                    .dropped
                    .push(format!("saved progress could not be read: {e}"));
                return restored;
            }
        };
        let format = saved.get("format").and_then(Json::as_f64);
        if format != Some(f64::from(SESSION_FORMAT)) {
            restored.dropped.push(format!(
                "saved progress has format {}, not {SESSION_FORMAT}",
                saved.get("format").map_or("none".into(), Json::to_text)
            ));
            return restored;
        }
        let saved_kb = saved.get("kb").and_then(Json::as_str).unwrap_or_default();
        if saved_kb != kb.id {
            restored.dropped.push(format!(
                "saved progress belongs to '{saved_kb}', not '{}'",
                kb.id
            ));
            return restored;
        }
        let events = saved.get("events").and_then(Json::as_array).unwrap_or(&[]);
        // One unreadable step drops only itself.
        for raw in events {
            let event = Event::from_json(raw)
                .map_err(|e| format!("unreadable step {}: {e}", raw.to_text()))
                .and_then(|event| check(kb, &event).map(|_| event));
            match event {
                Ok(event) => restored.session.events.push(event),
                Err(why) => restored.dropped.push(why),
            }
        }
        restored
    }
}

impl Feedback {
    const ALL: [Feedback; 3] = [Feedback::Fixed, Feedback::DidntHelp, Feedback::CantDo];

    pub fn as_str(self) -> &'static str {
        match self {
            Feedback::Fixed => "fixed",
            Feedback::DidntHelp => "didnt_help",
            Feedback::CantDo => "cant_do",
        }
    }
}

impl Event {
    pub fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            Event::Observe { symptom, value } => {
                w.key("type").string("observe");
                w.key("symptom").string(symptom);
                w.key("value");
                value.write_json(w);
            }
            Event::Retract { symptom } => {
                w.key("type").string("retract");
                w.key("symptom").string(symptom);
            }
            Event::Answer { question, value } => {
                w.key("type").string("answer");
                w.key("question").string(question);
                w.key("value");
                match value {
                    Some(v) => v.write_json(w),
                    None => {
                        w.null();
                    }
                }
            }
            Event::Feedback { fix, outcome } => {
                w.key("type").string("feedback");
                w.key("fix").string(fix);
                w.key("outcome").string(outcome.as_str());
            }
        }
        w.end_object();
    }

    /// Reads an event; the error says what is wrong with it.
    pub fn from_json(json: &Json) -> Result<Event, String> {
        let text = |key: &str| {
            json.get(key)
                .and_then(Json::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("'{key}' is missing or not text"))
        };
        let value = |v: Option<&Json>| match v {
            Some(Json::Null) | None => Ok(None),
            Some(v) => Value::from_json(v)
                .map(Some)
                .ok_or("'value' must be true, false, a number or text".to_string()),
        };
        match json.get("type").and_then(Json::as_str) {
            Some("observe") => Ok(Event::Observe {
                symptom: text("symptom")?,
                value: value(json.get("value"))?.ok_or("'value' is missing")?,
            }),
            Some("retract") => Ok(Event::Retract {
                symptom: text("symptom")?,
            }),
            Some("answer") => Ok(Event::Answer {
                question: text("question")?,
                value: value(json.get("value"))?,
            }),
            Some("feedback") => Ok(Event::Feedback {
                fix: text("fix")?,
                outcome: {
                    let outcome = text("outcome")?;
                    Feedback::ALL
                        .into_iter()
                        .find(|f| f.as_str() == outcome)
                        .ok_or_else(|| {
                            format!("outcome '{outcome}' is not fixed, didnt_help or cant_do")
                        })?
                },
            }),
            Some(other) => Err(format!("unknown action type '{other}'")),
            None => Err("'type' is missing".into()),
        }
    }
}

impl Session {
    /// Recognises pasted text and observes what it says, leaving alone what
    /// the reader already set. Returns the symptoms it observed.
    pub fn paste(&mut self, kb: &KnowledgeBase, text: &str) -> Vec<usize> {
        let (situation, _) = self.situation(kb);
        let mut observed = Vec::new();
        for (s, value) in crate::engine::recognize::recognize(kb, text).observations {
            if situation.observed[s].is_some() {
                continue;
            }
            let event = Event::Observe {
                symptom: kb.symptoms[s].id.clone(),
                value,
            };
            if self.apply(kb, event).is_ok() {
                observed.push(s);
            }
        }
        observed
    }

    /// Feedback given so far, in order: (fix, outcome). `rec` is this
    /// session's current recommendation, so the log is not replayed again.
    pub fn tried(&self, kb: &KnowledgeBase, rec: &Recommendation) -> Vec<(usize, Feedback)> {
        let (situation, fixed) = (&rec.situation, rec.fixed);
        let mut tried = Vec::new();
        for event in &self.events {
            if let Event::Feedback { fix, outcome } = event {
                let Some(f) = kb.fix_index(fix) else { continue };
                // Undone or superseded feedback is not in the replayed state.
                let current = match outcome {
                    Feedback::Fixed => fixed == Some(f),
                    Feedback::DidntHelp => situation.failed.contains(&f),
                    Feedback::CantDo => situation.skipped.contains(&f),
                };
                if current && !tried.contains(&(f, *outcome)) {
                    tried.push((f, *outcome));
                }
            }
        }
        tried
    }
}

fn push_once(list: &mut Vec<usize>, item: usize) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Whether an event names things this knowledge base has.
fn check(kb: &KnowledgeBase, event: &Event) -> Result<(), String> {
    let symptom = |id: &str| {
        kb.symptom_index(id).ok_or_else(|| {
            let ids = kb.symptoms.iter().map(|s| s.id.as_str());
            format!(
                "unknown symptom '{id}': {}",
                did_you_mean(id, ids, "it is not in this knowledge base")
            )
        })
    };
    let value_fits = |s: usize, value: &Value| {
        if kb.symptoms[s].accepts(value) {
            Ok(())
        } else {
            Err(format!(
                "'{value}' is not a possible value of '{}'",
                kb.symptoms[s].id
            ))
        }
    };
    match event {
        Event::Observe { symptom: id, value } => value_fits(symptom(id)?, value),
        Event::Retract { symptom: id } => symptom(id).map(|_| ()),
        Event::Answer { question, value } => {
            let q = kb.question_index(question).ok_or_else(|| {
                let ids = kb.questions.iter().map(|q| q.id.as_str());
                format!(
                    "unknown question '{question}': {}",
                    did_you_mean(question, ids, "it is not in this knowledge base")
                )
            })?;
            match value {
                Some(value) => value_fits(kb.questions[q].symptom, value),
                None => Ok(()),
            }
        }
        Event::Feedback { fix, .. } => kb.fix_index(fix).map(|_| ()).ok_or_else(|| {
            let ids = kb.fixes.iter().map(|f| f.id.as_str());
            format!(
                "unknown fix '{fix}': {}",
                did_you_mean(fix, ids, "it is not in this knowledge base")
            )
        }),
    }
}
