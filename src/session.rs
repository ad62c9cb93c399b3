//! A reader's session: a log of what they did, replayed against the
//! knowledge base. Undo drops the last entry; saving writes the log, so a
//! changed knowledge base can replay what still makes sense.

use crate::infer::{normalise, Firings};
use crate::kb::{did_you_mean, KnowledgeBase};
use crate::plan::{next_question_with, plan_with, Advice, Plan, Situation};
use crate::value::Value;
use serde::{Deserialize, Serialize};

/// Version of the saved-session format.
pub const SESSION_FORMAT: u32 = 1;

/// One thing the reader did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feedback {
    Fixed,
    /// Beliefs are conditioned on the step's failure.
    DidntHelp,
    /// The step is dropped without learning anything from it.
    CantDo,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub format: u32,
    pub kb: String,
    pub kb_version: String,
    pub events: Vec<Event>,
}

/// Everything the widget shows after an action.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    pub plan: Plan,
    pub question: Option<Advice>,
    /// P(cause), "something else" last.
    pub posterior: Vec<f64>,
    /// The fix the reader said fixed it, if any.
    pub fixed: Option<usize>,
    pub situation: Situation,
}

impl Recommendation {
    /// Infers once, then plans and weighs the questions on that inference.
    pub fn new(kb: &KnowledgeBase, situation: Situation, fixed: Option<usize>) -> Recommendation {
        let firings = Firings::new(kb, &situation.observed);
        let plan = plan_with(kb, &situation, &firings);
        let question = if fixed.is_some() {
            None
        } else {
            next_question_with(kb, &situation, &firings, plan.expected_minutes)
        };
        Recommendation {
            plan,
            question,
            posterior: normalise(firings.mass(kb, &situation.failed)),
            fixed,
            situation,
        }
    }
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
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Restores saved progress. Never fails: what cannot be read or no
    /// longer fits the knowledge base is dropped and listed.
    pub fn restore(kb: &KnowledgeBase, json: &str) -> Restored {
        let mut restored = Restored {
            session: Session::new(kb),
            dropped: Vec::new(),
        };
        #[derive(Deserialize)]
        struct Saved {
            format: u32,
            kb: String,
            // Raw, so one unreadable step drops only itself.
            #[serde(default)]
            events: Vec<Box<serde_json::value::RawValue>>,
        }
        let saved: Saved = match serde_json::from_str(json) {
            Ok(saved) => saved,
            Err(e) => {
                restored
                    .dropped
                    .push(format!("saved progress could not be read: {e}"));
                return restored;
            }
        };
        if saved.format != SESSION_FORMAT {
            restored.dropped.push(format!(
                "saved progress has format {}, not {SESSION_FORMAT}",
                saved.format
            ));
            return restored;
        }
        if saved.kb != kb.id {
            restored.dropped.push(format!(
                "saved progress belongs to '{}', not '{}'",
                saved.kb, kb.id
            ));
            return restored;
        }
        for raw in saved.events {
            let event = serde_json::from_str::<Event>(raw.get())
                .map_err(|e| format!("unreadable step {}: {e}", raw.get()))
                .and_then(|event| check(kb, &event).map(|_| event));
            match event {
                Ok(event) => restored.session.events.push(event),
                Err(why) => restored.dropped.push(why),
            }
        }
        restored
    }
}

impl Session {
    /// Recognises pasted text and observes what it says, leaving alone what
    /// the reader already set. Returns the symptoms it observed.
    pub fn paste(&mut self, kb: &KnowledgeBase, text: &str) -> Vec<usize> {
        let (situation, _) = self.situation(kb);
        let mut observed = Vec::new();
        for (s, value) in crate::recognize::recognize(kb, text).observations {
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

    /// Feedback given so far, in order: (fix, outcome).
    pub fn tried(&self, kb: &KnowledgeBase) -> Vec<(usize, Feedback)> {
        let (situation, fixed) = self.situation(kb);
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

    /// Plain text for a support agent: what the reader saw, what they tried,
    /// what looks most likely.
    /// `rec` is this session's current recommendation (it is not recomputed).
    pub fn summary(&self, kb: &KnowledgeBase, rec: &Recommendation) -> String {
        let mut out = format!("{}: troubleshooting summary\n", kb.title);
        out.push_str("\nWhat I see:\n");
        let mut any = false;
        for (s, value) in rec.situation.observed.iter().enumerate() {
            let Some(value) = value else { continue };
            any = true;
            let symptom = &kb.symptoms[s];
            let shown = match (&symptom.kind, value) {
                (crate::kb::SymptomKind::Choice(choices), Value::Choice(c)) => choices
                    .iter()
                    .find(|choice| &choice.value == c)
                    .map_or(c.clone(), |choice| choice.title.clone()),
                _ => value.to_string(),
            };
            out.push_str(&format!("- {}: {shown}\n", symptom.title));
        }
        if !any {
            out.push_str("- nothing selected yet\n");
        }
        out.push_str("\nWhat I tried:\n");
        let tried = self.tried(kb);
        for (f, outcome) in &tried {
            let said = match outcome {
                Feedback::Fixed => "fixed it",
                Feedback::DidntHelp => "did not help",
                Feedback::CantDo => "could not do this",
            };
            out.push_str(&format!("- {}: {said}\n", kb.fixes[*f].title));
        }
        if tried.is_empty() {
            out.push_str("- no steps yet\n");
        }
        let mut likely: Vec<(usize, f64)> = rec.posterior.iter().copied().enumerate().collect();
        likely.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let named: Vec<String> = likely
            .iter()
            .take(3)
            .filter(|(_, p)| *p >= 0.05)
            .map(|&(c, p)| format!("{} ({:.0}%)", kb.cause_title(c), p * 100.0))
            .collect();
        if !named.is_empty() {
            out.push_str(&format!("\nMost likely: {}\n", named.join(", ")));
        }
        out
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
