//! Scenario tests: a reader's observations in, the plan's first steps checked.

use crate::prelude::*;

use crate::authoring::source::{ScenarioDoc, SourceFile, Sp};
use crate::engine::{
    did_you_mean, parse_observation, recognize, Event, Feedback, KnowledgeBase, Session,
};

/// How one scenario went.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// `file: name`, for messages.
    pub label: String,
    pub failures: Vec<String>,
    /// The plan's fix ids, in order.
    pub plan: Vec<String>,
    pub expected_minutes: f64,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

const DEFAULT_WITHIN: usize = 3;

/// Runs one scenario against a knowledge base.
pub fn run(kb: &KnowledgeBase, scenario: &ScenarioDoc, files: &[SourceFile]) -> Outcome {
    let file = scenario
        .file
        .and_then(|f| files.get(f))
        .map_or("scenario", |f| f.name.as_str());
    let mut outcome = Outcome {
        label: format!("{}/{file}: {}", kb.id, scenario.name),
        failures: Vec::new(),
        plan: Vec::new(),
        expected_minutes: 0.0,
    };
    let session = match session(kb, scenario) {
        Ok(session) => session,
        Err(problems) => {
            outcome.failures = problems;
            return outcome;
        }
    };
    let rec = session.recommend(kb);
    outcome.plan = rec
        .plan
        .steps
        .iter()
        .map(|s| kb.fixes[s.fix].id.clone())
        .collect();
    outcome.expected_minutes = rec.plan.expected_minutes;
    let position = |id: &str| outcome.plan.iter().position(|f| f == id);
    let within = scenario.within.unwrap_or(DEFAULT_WITHIN);
    let shown = |plan: &[String]| {
        plan.iter()
            .take(within.max(3))
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut failures = Vec::new();
    for id in &scenario.expect {
        match position(&id.value) {
            Some(p) if p < within => {}
            Some(p) => failures.push(format!(
                "expected {} within the first {within} steps, got it at step {} (plan: {})",
                id.value,
                p + 1,
                shown(&outcome.plan)
            )),
            None => failures.push(format!(
                "expected {} within the first {within} steps, but it is not in the plan (plan: {})",
                id.value,
                shown(&outcome.plan)
            )),
        }
    }
    for id in &scenario.absent {
        if let Some(p) = position(&id.value) {
            failures.push(format!(
                "{} must not appear, but is step {}",
                id.value,
                p + 1
            ));
        }
    }
    for (id, step) in &scenario.not_before {
        if let Some(p) = position(&id.value).filter(|p| p + 1 < *step) {
            failures.push(format!(
                "{} must not come before step {step}, but is step {}",
                id.value,
                p + 1
            ));
        }
    }
    if let Some(q) = &scenario.question {
        let asked = rec.question.map(|a| kb.questions[a.question].id.clone());
        // "none": no question is worth asking.
        let want = Some(q.value.as_str()).filter(|q| *q != "none");
        if asked.as_deref() != want {
            failures.push(format!(
                "expected question {}, got {}",
                q.value,
                asked.unwrap_or_else(|| "none".into())
            ));
        }
    }
    outcome.failures = failures;
    outcome
}

/// The scenario's observations, pasted text and failed steps as a session,
/// or the problems that kept it from being built.
pub fn session(kb: &KnowledgeBase, scenario: &ScenarioDoc) -> Result<Session, Vec<String>> {
    let mut session = Session::new(kb);
    let mut problems = Vec::new();
    let mut explicit = Vec::new();
    for text in &scenario.observe {
        let (symptom, value) = parse_observation(&text.value);
        explicit.push(symptom.clone());
        if let Err(e) = session.apply(kb, Event::Observe { symptom, value }) {
            problems.push(format!("observe '{}': {e}", text.value));
        }
    }
    if let Some(text) = &scenario.text {
        for (s, value) in recognize(kb, text).observations {
            let symptom = kb.symptoms[s].id.clone();
            if !explicit.contains(&symptom) {
                session.events.push(Event::Observe { symptom, value });
            }
        }
    }
    for fix in &scenario.failed {
        let event = Event::Feedback {
            fix: fix.value.clone(),
            outcome: Feedback::DidntHelp,
        };
        if let Err(e) = session.apply(kb, event) {
            problems.push(format!("failed: {e}"));
        }
    }
    let fixes = || kb.fixes.iter().map(|f| f.id.as_str());
    let mut named: Vec<&Sp<String>> = scenario.expect.iter().chain(&scenario.absent).collect();
    named.extend(scenario.not_before.keys());
    for id in named {
        if kb.fix_index(&id.value).is_none() {
            problems.push(format!(
                "unknown fix '{}': {}",
                id.value,
                did_you_mean(&id.value, fixes(), "check the id")
            ));
        }
    }
    if let Some(q) = scenario.question.as_ref().filter(|q| q.value != "none") {
        if kb.question_index(&q.value).is_none() {
            let ids = kb.questions.iter().map(|q| q.id.as_str());
            problems.push(format!(
                "unknown question '{}': {}",
                q.value,
                did_you_mean(&q.value, ids, "check the id")
            ));
        }
    }
    if problems.is_empty() {
        Ok(session)
    } else {
        Err(problems)
    }
}
