//! The View: everything a reader is shown after an action, as one plain,
//! serialisable value. The widget draws it (and hands it to host pages as a
//! plain object); the CLI prints it with `plan --json`. Built from one
//! [`Recommendation`], so nothing here infers or plans twice.

use crate::prelude::*;

use serde::Serialize;

use super::cond::Tri;
use super::model::{KnowledgeBase, Risk, SymptomKind};
use super::recommend::Recommendation;
use super::session::Session;
use super::value::Value;

/// How many chips the widget offers before the reader asks for more.
pub const CHIPS: usize = 8;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    /// `false` when the last action was refused; `error` says why.
    pub ok: bool,
    pub error: Option<String>,
    /// What the reader has said: symptom id → value.
    pub observed: ObservedMap,
    /// The same, in the order said, with the words to show for each.
    pub said: Vec<Said>,
    /// What the last paste or search recognised.
    pub recognized: Vec<Observation>,
    /// How many characters of a long text were read, or `None` if all were.
    pub truncated: Option<usize>,
    pub plan: PlanView,
    pub question: Option<QuestionView>,
    /// The observations most worth telling now, at most [`CHIPS`].
    pub chips: Vec<Chip>,
    pub fixed: Option<FixRef>,
    pub tried: Vec<Tried>,
    /// The causes worth naming to support; a `None` title is "something else".
    pub likely: Vec<Likely>,
    /// The session, compacted, for storage and share links.
    pub session: String,
    /// Saved steps that could not be restored.
    pub dropped: Vec<String>,
}

/// A symptom-id → value map that serialises as a plain object in id order
/// of the knowledge base (no hashing in the wasm).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObservedMap(pub Vec<(String, Value)>);

impl Serialize for ObservedMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl ObservedMap {
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Observation {
    pub symptom: String,
    pub value: Value,
}

/// One item of the answer trail.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Said {
    pub symptom: String,
    pub value: Value,
    /// The symptom's title, or the chosen choice's title.
    pub label: String,
    /// `true` when the reader said this is *not* so.
    pub no: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanView {
    pub expected_minutes: f64,
    pub steps: Vec<StepView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepView {
    pub fix: String,
    pub title: String,
    pub minutes: f64,
    pub p: f64,
    pub risk: &'static str,
    pub why: Vec<String>,
    pub steps: Vec<String>,
    /// The knowledge base's last resort (contacting support).
    pub escalation: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub symptom: String,
    pub text: String,
    pub check: Option<String>,
    pub saves_minutes: f64,
    pub answers: Vec<AnswerView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnswerView {
    pub label: String,
    /// `None` is "I don't know".
    pub value: Option<Value>,
    /// Answering so lets the plan include a step that can delete data:
    /// the reader confirms first.
    pub confirm: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chip {
    pub symptom: String,
    pub value: Value,
    pub label: String,
    pub confirm: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FixRef {
    pub fix: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tried {
    pub fix: String,
    pub title: String,
    pub outcome: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Likely {
    pub title: Option<String>,
    pub p: f64,
}

impl View {
    /// The view of `session`; `recognized`, `truncated` and `dropped` come
    /// from the action that led here.
    pub fn new(
        kb: &KnowledgeBase,
        session: &Session,
        recognized: &[usize],
        truncated: bool,
        dropped: Vec<String>,
    ) -> View {
        let rec = session.recommend(kb);
        let observed = &rec.situation.observed;
        let fix_ref = |f: usize| FixRef {
            fix: kb.fixes[f].id.clone(),
            title: kb.fixes[f].title.clone(),
        };
        let plan = PlanView {
            expected_minutes: rec.plan.expected_minutes,
            steps: (rec.plan.steps.iter())
                .map(|step| {
                    let fix = &kb.fixes[step.fix];
                    StepView {
                        fix: fix.id.clone(),
                        title: fix.title.clone(),
                        minutes: step.minutes,
                        p: step.p,
                        risk: fix.risk.as_str(),
                        why: step.reasons.iter().map(|r| r.text.clone()).collect(),
                        steps: fix.steps.clone(),
                        escalation: Some(step.fix) == kb.escalation,
                    }
                })
                .collect(),
        };
        let question = rec.question.as_ref().map(|advice| {
            let q = &kb.questions[advice.question];
            QuestionView {
                id: q.id.clone(),
                symptom: kb.symptoms[q.symptom].id.clone(),
                text: q.text.clone(),
                check: q.check.clone(),
                saves_minutes: advice.saves_minutes,
                answers: (q.answers.iter())
                    .map(|a| AnswerView {
                        label: a.label.clone(),
                        value: a.value.clone(),
                        confirm: a
                            .value
                            .as_ref()
                            .is_some_and(|v| enables_data_risk(kb, observed, q.symptom, v)),
                    })
                    .collect(),
            }
        });
        View {
            ok: true,
            error: None,
            observed: ObservedMap(
                (observed.iter().enumerate())
                    .filter_map(|(s, v)| Some((kb.symptoms[s].id.clone(), v.clone()?)))
                    .collect(),
            ),
            said: said(kb, session, observed),
            recognized: (recognized.iter())
                .filter_map(|&s| {
                    Some(Observation {
                        symptom: kb.symptoms[s].id.clone(),
                        value: observed[s].clone()?,
                    })
                })
                .collect(),
            truncated: truncated.then_some(super::recognize::MAX_CHARS),
            question,
            chips: if rec.fixed.is_some() {
                Vec::new()
            } else {
                chips(kb, &rec, CHIPS)
            },
            fixed: rec.fixed.map(fix_ref),
            tried: (session.tried(kb, &rec).into_iter())
                .map(|(f, outcome)| {
                    let r = fix_ref(f);
                    Tried {
                        fix: r.fix,
                        title: r.title,
                        outcome: outcome.as_str(),
                    }
                })
                .collect(),
            likely: (rec.likely().into_iter())
                .map(|(cause, p)| Likely {
                    title: kb.causes.get(cause).map(|c| c.title.clone()),
                    p,
                })
                .collect(),
            session: session
                .compacted(kb, super::session::SAVED_UNDO_DEPTH)
                .to_json(),
            dropped,
            plan,
        }
    }
}

/// The trail: observations in the order the reader first gave them.
fn said(kb: &KnowledgeBase, session: &Session, observed: &[Option<Value>]) -> Vec<Said> {
    let mut order: Vec<usize> = Vec::new();
    for s in session.observed_order(kb) {
        if !order.contains(&s) {
            order.push(s);
        }
    }
    // Anything observed that the log does not name (it cannot happen, but
    // the trail must never hide an observation) goes last.
    for (s, v) in observed.iter().enumerate() {
        if v.is_some() && !order.contains(&s) {
            order.push(s);
        }
    }
    (order.into_iter())
        .filter_map(|s| {
            let value = observed.get(s)?.clone()?;
            Some(Said {
                symptom: kb.symptoms[s].id.clone(),
                label: kb.value_title(s, &value),
                no: value == Value::Bool(false),
                value,
            })
        })
        .collect()
}

/// Whether observing `symptom = value` makes the guard of a data-risk step
/// hold that does not hold now: such an answer is confirmed by the reader
/// before it is recorded.
pub fn enables_data_risk(
    kb: &KnowledgeBase,
    observed: &[Option<Value>],
    symptom: usize,
    value: &Value,
) -> bool {
    let mut after = observed.to_vec();
    if let Some(slot) = after.get_mut(symptom) {
        *slot = Some(value.clone());
    }
    (kb.fixes.iter())
        .filter(|f| f.risk == Risk::DataRisk)
        .filter_map(|f| f.requires.as_ref())
        .any(|guard| guard.eval(observed) != Tri::True && guard.eval(&after) == Tri::True)
}

/// The observed symptoms that make a data-risk step's guard hold: what a
/// restored session or a share link must have confirmed before it counts.
pub fn data_risk_observations(kb: &KnowledgeBase, observed: &[Option<Value>]) -> Vec<usize> {
    let mut out = Vec::new();
    for f in kb.fixes.iter().filter(|f| f.risk == Risk::DataRisk) {
        let Some(guard) = &f.requires else { continue };
        if guard.eval(observed) != Tri::True {
            continue;
        }
        let mut read = Vec::new();
        guard.symptoms(&mut read);
        for s in read {
            if observed.get(s).is_some_and(Option::is_some) && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// The observations most worth telling now, at most `limit`: each scored by
/// the evidence it would add, |ln likelihood ratio| (capped) of every rule
/// it would make fire, weighted by how much that rule's cause is in doubt
/// now, p(1 − p). A cause the
/// reader's answers have ruled out weighs nothing, so an iCloud reader is
/// not offered Finder's symptoms. The question's own symptom is left to the
/// question.
pub fn chips(kb: &KnowledgeBase, rec: &Recommendation, limit: usize) -> Vec<Chip> {
    let observed = &rec.situation.observed;
    let asked = rec
        .question
        .as_ref()
        .map(|a| kb.questions[a.question].symptom);
    let mut scored: Vec<(f64, usize, Value)> = Vec::new();
    let mut trial = observed.clone();
    // Evidence about a cause is worth most while the cause is in doubt:
    // p(1 − p), so a reader who said "the storage bar is full" is not
    // offered "Not enough iCloud storage" to confirm what is near certain.
    let uncertain = |cause: usize| {
        let p = rec.posterior.get(cause).copied().unwrap_or(0.0);
        p * (1.0 - p)
    };
    for (s, symptom) in kb.symptoms.iter().enumerate() {
        if observed[s].is_some() || Some(s) == asked {
            continue;
        }
        let values: Vec<Value> = match &symptom.kind {
            SymptomKind::Bool => vec![Value::Bool(true)],
            SymptomKind::Choice(choices) => (choices.iter())
                .map(|c| Value::Choice(c.value.clone()))
                .collect(),
            // Numbers are typed, not tapped.
            SymptomKind::Number { .. } => continue,
        };
        for value in values {
            trial[s] = Some(value.clone());
            let mut score = 0.0;
            for rule in kb.rules.iter().filter(|r| r.symptoms.contains(&s)) {
                if rule.when.eval(observed) == Tri::True || rule.when.eval(&trial) != Tri::True {
                    continue;
                }
                score += match rule.effect {
                    super::model::Effect::Likelihood { cause, ratio } => {
                        uncertain(cause) * libm::fmin(libm::fabs(libm::log(ratio)), 1.5)
                    }
                    super::model::Effect::RuleOut { cause } => uncertain(cause) * 3.0,
                    super::model::Effect::Exclude { .. } => 0.0,
                };
            }
            if score > 0.01 {
                scored.push((score, s, value));
            }
        }
        trial[s] = None;
    }
    // Best first; ties keep knowledge-base order.
    crate::base::sort::sort_by(&mut scored, |a, b| {
        b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).is_lt()
    });
    // At most three from one group on a first pass, so eight chips are not
    // eight error codes: a reader who sees a code can type it.
    let group = |s: usize| kb.symptoms[s].group;
    let mut picked: Vec<(f64, usize, Value)> = Vec::new();
    let mut rest = Vec::new();
    for item in scored {
        let same = picked
            .iter()
            .filter(|p| group(p.1) == group(item.1))
            .count();
        if same < 3 && picked.len() < limit {
            picked.push(item);
        } else {
            rest.push(item);
        }
    }
    picked.extend(rest.into_iter().take(limit.saturating_sub(picked.len())));
    (picked.into_iter())
        .map(|(_, s, value)| Chip {
            symptom: kb.symptoms[s].id.clone(),
            label: kb.value_title(s, &value),
            confirm: enables_data_risk(kb, observed, s, &value),
            value,
        })
        .collect()
}
