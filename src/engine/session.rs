//! A reader's session: a log of what they did, replayed against the
//! knowledge base. Undo drops the last entry; saving writes the log, so a
//! changed knowledge base can replay what still makes sense.
//!
//! The log stays bounded: its last [`UNDO_DEPTH`] events are kept as the
//! reader made them, and older ones are compacted into events that replay
//! to the same state, one per thing still in it (a retracted observation
//! leaves nothing, a changed answer only its last value). Restoring reads at most
//! [`MAX_SAVED_LEN`] bytes and [`MAX_SAVED_EVENTS`] events.

use crate::prelude::*;

use super::diagnostic::did_you_mean;
use super::model::KnowledgeBase;
use super::plan::Situation;
use super::recommend::Recommendation;
use super::value::Value;
use crate::base::json::{self, Json, Writer};

/// Version of the saved-session format.
pub const SESSION_FORMAT: u32 = 1;

/// Undo reaches back at least this many actions exactly: the last
/// `UNDO_DEPTH` events are never compacted.
pub const UNDO_DEPTH: usize = 24;

/// Events kept as they happened in saved progress (the share link and the
/// widget's storage): a few undos survive a reload, and the text stays small.
pub const SAVED_UNDO_DEPTH: usize = 4;

/// Saved progress longer than this (bytes) is not read at all.
pub const MAX_SAVED_LEN: usize = 64 * 1024;

/// Steps read from saved progress; later ones are dropped.
pub const MAX_SAVED_EVENTS: usize = 1000;

/// An unknown id longer than this (characters) is refused without looking
/// for a near miss.
pub const MAX_ID_LEN: usize = 128;

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
    /// How many leading events are a compacted summary; the rest are as the
    /// reader made them.
    summary_len: usize,
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
            summary_len: 0,
        }
    }

    /// Records an event if it makes sense for this knowledge base; otherwise
    /// says why and records nothing.
    pub fn apply(&mut self, kb: &KnowledgeBase, event: Event) -> Result<(), String> {
        check(kb, &event)?;
        self.events.push(event);
        self.compact_old(kb);
        Ok(())
    }

    /// Takes back the last event. The last [`UNDO_DEPTH`] actions come back
    /// exactly; past them, an undo takes back one compacted event.
    pub fn undo(&mut self) -> Option<Event> {
        let event = self.events.pop();
        self.summary_len = self.summary_len.min(self.events.len());
        event
    }

    /// Once more than twice [`UNDO_DEPTH`] events are uncompacted, compacts
    /// all but the last `UNDO_DEPTH`: the log stays within the knowledge
    /// base's size (see [`compact`]) plus `2 × UNDO_DEPTH`, and compacting
    /// costs O(1) per action on average.
    fn compact_old(&mut self, kb: &KnowledgeBase) {
        if self.events.len().saturating_sub(self.summary_len) <= 2 * UNDO_DEPTH {
            return;
        }
        let keep = self.events.len() - UNDO_DEPTH;
        let mut events = compact(kb, &self.events[..keep]);
        self.summary_len = events.len();
        events.extend(self.events.drain(keep..));
        self.events = events;
    }

    /// This session with all but its last `keep` events compacted: what the
    /// widget saves and shares.
    pub fn compacted(&self, kb: &KnowledgeBase, keep: usize) -> Session {
        let keep = self.events.len() - keep.min(self.events.len());
        let mut events = compact(kb, &self.events[..keep]);
        let summary_len = events.len();
        events.extend_from_slice(&self.events[keep..]);
        Session {
            format: self.format,
            kb: self.kb.clone(),
            kb_version: self.kb_version.clone(),
            events,
            summary_len,
        }
    }

    /// Replays the log into observations, answers and feedback.
    pub fn situation(&self, kb: &KnowledgeBase) -> (Situation, Option<usize>) {
        replay(kb, &self.events, |_, _| {})
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
    /// longer fits the knowledge base is dropped and listed. Reads at most
    /// [`MAX_SAVED_LEN`] bytes and the first [`MAX_SAVED_EVENTS`] events,
    /// then compacts as [`Session::apply`] does.
    pub fn restore(kb: &KnowledgeBase, text: &str) -> Restored {
        let mut restored = Restored {
            session: Session::new(kb),
            dropped: Vec::new(),
        };
        if text.len() > MAX_SAVED_LEN {
            restored.dropped.push(format!(
                "saved progress of {} KB was not read: it is longer than {} KB",
                text.len().div_ceil(1024),
                MAX_SAVED_LEN / 1024
            ));
            return restored;
        }
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
                saved
                    .get("format")
                    .map_or("none".into(), |f| shorten(&f.to_text()))
            ));
            return restored;
        }
        let saved_kb = saved.get("kb").and_then(Json::as_str).unwrap_or_default();
        if saved_kb != kb.id {
            restored.dropped.push(format!(
                "saved progress belongs to '{}', not '{}'",
                shorten(saved_kb),
                kb.id
            ));
            return restored;
        }
        let events = saved.get("events").and_then(Json::as_array).unwrap_or(&[]);
        if events.len() > MAX_SAVED_EVENTS {
            restored.dropped.push(format!(
                "saved progress has {} steps: only the first {MAX_SAVED_EVENTS} were read",
                events.len()
            ));
        }
        // One unreadable step drops only itself.
        for raw in events.iter().take(MAX_SAVED_EVENTS) {
            let event = Event::from_json(raw)
                .map_err(|e| format!("unreadable step {}: {e}", shorten(&raw.to_text())))
                .and_then(|event| check(kb, &event).map(|_| event));
            match event {
                Ok(event) => restored.session.events.push(event),
                Err(why) => restored.dropped.push(why),
            }
        }
        restored.session.compact_old(kb);
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
                            format!(
                                "outcome '{}' is not fixed, didnt_help or cant_do",
                                shorten(&outcome)
                            )
                        })?
                },
            }),
            Some(other) => Err(format!("unknown action type '{}'", shorten(other))),
            None => Err("'type' is missing".into()),
        }
    }
}

impl Session {
    /// Recognises pasted text and observes what it says, leaving alone what
    /// the reader already set. Returns the symptoms it observed, and whether
    /// the text was longer than the recogniser reads.
    pub fn paste(&mut self, kb: &KnowledgeBase, text: &str) -> (Vec<usize>, bool) {
        let (situation, _) = self.situation(kb);
        let mut observed = Vec::new();
        let found = crate::engine::recognize::recognize(kb, text);
        for (s, value) in found.observations {
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
        (observed, found.truncated)
    }

    /// The symptoms the log observes (directly or by an answer), in log
    /// order, possibly repeated: the order the reader said things in.
    pub fn observed_order<'a>(&'a self, kb: &'a KnowledgeBase) -> impl Iterator<Item = usize> + 'a {
        self.events.iter().filter_map(move |event| match event {
            Event::Observe { symptom, .. } => kb.symptom_index(symptom),
            Event::Answer {
                question,
                value: Some(_),
            } => kb.question_index(question).map(|q| kb.questions[q].symptom),
            _ => None,
        })
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

fn push_once<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Replays events into observations, answers and feedback, telling
/// `feedback` each (fix, outcome) given.
fn replay(
    kb: &KnowledgeBase,
    events: &[Event],
    mut feedback: impl FnMut(usize, Feedback),
) -> (Situation, Option<usize>) {
    let mut s = Situation::new(kb);
    let mut fixed = None;
    for event in events {
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
                    feedback(f, *outcome);
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

/// Events that replay to the same state as `events`, one per thing in it, and list
/// the same feedback in `tried`, whatever events follow them: each asked
/// question once, in order, carrying its symptom's value; every other
/// observed symptom once; each (fix, outcome) once, in the order first
/// given (a step that fixed it stays listed, as a later event may make it
/// the one that fixed it again), then the fix that fixed it last if it is
/// not already last. So at most questions + symptoms + 3 × fixes + 1 events.
fn compact(kb: &KnowledgeBase, events: &[Event]) -> Vec<Event> {
    let mut given = Vec::new();
    let (s, fixed) = replay(kb, events, |f, outcome| push_once(&mut given, (f, outcome)));
    let mut left = s.observed;
    let mut out = Vec::new();
    for &q in &s.asked {
        let question = &kb.questions[q];
        out.push(Event::Answer {
            question: question.id.clone(),
            value: left[question.symptom].take(),
        });
    }
    for (i, value) in left.into_iter().enumerate() {
        if let Some(value) = value {
            out.push(Event::Observe {
                symptom: kb.symptoms[i].id.clone(),
                value,
            });
        }
    }
    let feedback = |f: usize, outcome| Event::Feedback {
        fix: kb.fixes[f].id.clone(),
        outcome,
    };
    let mut last_fixed = None;
    for (f, outcome) in given {
        if outcome == Feedback::Fixed {
            last_fixed = Some(f);
        }
        out.push(feedback(f, outcome));
    }
    if let Some(f) = fixed.filter(|&f| last_fixed != Some(f)) {
        out.push(feedback(f, Feedback::Fixed));
    }
    out
}

/// Text quoted in a message, cut to a readable length: saved progress and
/// actions come from outside, and an id may be megabytes long.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or_default()),
        None => text.to_string(),
    }
}

/// "unknown symptom 'x': did you mean 'y'?"; an id too long to be one is
/// refused without comparing it with every id.
/// (One instance for every kind of id: `dyn` keeps the wasm small.)
fn unknown(kind: &str, id: &str, ids: &mut dyn Iterator<Item = &str>) -> String {
    let length = id.chars().count();
    if length > MAX_ID_LEN {
        return format!(
            "unknown {kind} '{}' ({length} characters; ids are at most {MAX_ID_LEN})",
            shorten(id)
        );
    }
    format!(
        "unknown {kind} '{id}': {}",
        did_you_mean(id, ids, "it is not in this knowledge base")
    )
}

/// Whether an event names things this knowledge base has.
fn check(kb: &KnowledgeBase, event: &Event) -> Result<(), String> {
    let symptom = |id: &str| {
        kb.symptom_index(id).ok_or_else(|| {
            unknown(
                "symptom",
                id,
                &mut kb.symptoms.iter().map(|s| s.id.as_str()),
            )
        })
    };
    let value_fits = |s: usize, value: &Value| {
        if kb.symptoms[s].accepts(value) {
            Ok(())
        } else {
            Err(format!(
                "'{}' is not a possible value of '{}'",
                shorten(&value.to_string()),
                kb.symptoms[s].id
            ))
        }
    };
    match event {
        Event::Observe { symptom: id, value } => value_fits(symptom(id)?, value),
        Event::Retract { symptom: id } => symptom(id).map(|_| ()),
        Event::Answer { question, value } => {
            let q = kb.question_index(question).ok_or_else(|| {
                unknown(
                    "question",
                    question,
                    &mut kb.questions.iter().map(|q| q.id.as_str()),
                )
            })?;
            match value {
                Some(value) => value_fits(kb.questions[q].symptom, value),
                None => Ok(()),
            }
        }
        Event::Feedback { fix, .. } => kb
            .fix_index(fix)
            .map(|_| ())
            .ok_or_else(|| unknown("fix", fix, &mut kb.fixes.iter().map(|f| f.id.as_str()))),
    }
}
