//! The only file that knows the browser: wasm-bindgen exports over the pure
//! core. Conversion only; every decision is made in the core.

use crate::kb::{self, Diagnostic, KnowledgeBase, SymptomKind};
use crate::{Event, Feedback, Recommendation, Session, Value};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// A knowledge base and one reader's session.
#[wasm_bindgen]
pub struct Engine {
    kb: Option<KnowledgeBase>,
    errors: Vec<Diagnostic>,
    session: Option<Session>,
}

/// The actions that are not session events; every other action is an
/// [`Event`] in its own JSON shape (`{"type": "observe", ...}`).
#[derive(Deserialize)]
struct Control {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: String,
}

#[derive(Serialize)]
struct ErrorView {
    code: &'static str,
    message: String,
    help: String,
}

#[derive(Serialize)]
struct Catalog<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
    groups: Vec<GroupView<'a>>,
    symptoms: Vec<SymptomView<'a>>,
}

#[derive(Serialize)]
struct GroupView<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct SymptomView<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'static str,
    group: Option<&'a str>,
    choices: Vec<ChoiceView<'a>>,
    unit: Option<&'a str>,
}

#[derive(Serialize)]
struct ChoiceView<'a> {
    value: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct View {
    ok: bool,
    error: Option<String>,
    observed: serde_json::Map<String, serde_json::Value>,
    recognized: Vec<String>,
    plan: PlanView,
    question: Option<QuestionView>,
    fixed: Option<FixRef>,
    tried: Vec<Tried>,
    summary: String,
    session: String,
    dropped: Vec<String>,
}

#[derive(Serialize)]
struct PlanView {
    expected_minutes: f64,
    steps: Vec<StepView>,
}

#[derive(Serialize)]
struct StepView {
    fix: String,
    title: String,
    minutes: f64,
    p: f64,
    risk: &'static str,
    why: Vec<String>,
    steps: Vec<String>,
    escalation: bool,
}

#[derive(Serialize)]
struct QuestionView {
    id: String,
    /// The symptom the answer observes, so the widget can tie the two.
    symptom: String,
    text: String,
    saves_minutes: f64,
    answers: Vec<AnswerView>,
}

#[derive(Serialize)]
struct AnswerView {
    label: String,
    value: Option<Value>,
}

#[derive(Serialize)]
struct FixRef {
    fix: String,
    title: String,
}

#[derive(Serialize)]
struct Tried {
    fix: String,
    title: String,
    outcome: Feedback,
}

/// Values cross the boundary as JSON text: the browser's `JSON.parse` is
/// fast, and one serde_json path keeps the wasm far smaller than a second,
/// object-walking serializer would.
fn to_json<T: Serialize>(value: &T) -> Result<String, JsError> {
    serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))
}

fn not_loaded() -> JsError {
    JsError::new("the knowledge base did not load; see errors()")
}

#[wasm_bindgen]
impl Engine {
    /// Loads a compiled knowledge base. Never throws: problems are in `errors()`.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Engine {
        let (kb, errors) = kb::from_json(json);
        let errors = errors.into_iter().filter(Diagnostic::is_error).collect();
        let session = kb.as_ref().map(Session::new);
        Engine {
            kb,
            errors,
            session,
        }
    }

    /// Errors that kept the knowledge base from loading, as data.
    pub fn errors(&self) -> Result<String, JsError> {
        let errors: Vec<ErrorView> = self
            .errors
            .iter()
            .map(|d| ErrorView {
                code: d.code,
                message: d.message.clone(),
                help: d.help.clone(),
            })
            .collect();
        to_json(&errors)
    }

    /// What the widget draws chips from; it does not change.
    pub fn catalog(&self) -> Result<String, JsError> {
        let kb = self.kb.as_ref().ok_or_else(not_loaded)?;
        let symptoms = kb
            .symptoms
            .iter()
            .map(|s| SymptomView {
                id: &s.id,
                title: &s.title,
                kind: match s.kind {
                    SymptomKind::Bool => "bool",
                    SymptomKind::Number { .. } => "number",
                    SymptomKind::Choice(_) => "choice",
                },
                group: s.group.map(|g| kb.groups[g].id.as_str()),
                choices: match &s.kind {
                    SymptomKind::Choice(choices) => choices
                        .iter()
                        .map(|c| ChoiceView {
                            value: &c.value,
                            title: &c.title,
                        })
                        .collect(),
                    _ => Vec::new(),
                },
                unit: match &s.kind {
                    SymptomKind::Number { unit } => unit.as_deref(),
                    _ => None,
                },
            })
            .collect();
        to_json(&Catalog {
            id: &kb.id,
            version: &kb.version,
            title: &kb.title,
            groups: kb
                .groups
                .iter()
                .map(|g| GroupView {
                    id: &g.id,
                    title: &g.title,
                })
                .collect(),
            symptoms,
        })
    }

    /// Applies one reader action and returns the new view. A malformed
    /// action throws (the caller's bug); a refused one is `ok: false`.
    pub fn dispatch(&mut self, action: &str) -> Result<String, JsError> {
        let kb = self.kb.as_ref().ok_or_else(not_loaded)?;
        let session = self.session.as_mut().ok_or_else(not_loaded)?;
        let malformed = |e: serde_json::Error| JsError::new(&format!("malformed action: {e}"));
        let control: Control = serde_json::from_str(action).map_err(malformed)?;
        let mut recognized = Vec::new();
        let outcome = match control.kind.as_str() {
            "paste" => {
                recognized = session.paste(kb, &control.text);
                Ok(())
            }
            "undo" => {
                session.undo();
                Ok(())
            }
            "reset" => {
                *session = Session::new(kb);
                Ok(())
            }
            _ => {
                let event: Event = serde_json::from_str(action).map_err(malformed)?;
                session.apply(kb, event)
            }
        };
        let mut view = view(kb, session, outcome.err(), Vec::new());
        view.recognized = recognized
            .into_iter()
            .map(|s| kb.symptoms[s].id.clone())
            .collect();
        to_json(&view)
    }

    /// Restores saved progress; what no longer fits is listed in `dropped`.
    pub fn restore(&mut self, saved: &str) -> Result<String, JsError> {
        let kb = self.kb.as_ref().ok_or_else(not_loaded)?;
        let restored = Session::restore(kb, saved);
        let view = view(kb, &restored.session, None, restored.dropped);
        self.session = Some(restored.session);
        to_json(&view)
    }

    /// The current view, without changing anything.
    pub fn view(&self) -> Result<String, JsError> {
        let kb = self.kb.as_ref().ok_or_else(not_loaded)?;
        let session = self.session.as_ref().ok_or_else(not_loaded)?;
        to_json(&view(kb, session, None, Vec::new()))
    }
}

fn view(
    kb: &KnowledgeBase,
    session: &Session,
    error: Option<String>,
    dropped: Vec<String>,
) -> View {
    let (situation, fixed) = session.situation(kb);
    let rec = Recommendation::new(kb, situation, fixed);
    let summary = session.summary(kb, &rec);
    let observed = rec
        .situation
        .observed
        .iter()
        .enumerate()
        .filter_map(|(s, v)| {
            let v = serde_json::to_value(v.as_ref()?).ok()?;
            Some((kb.symptoms[s].id.clone(), v))
        })
        .collect();
    let steps = rec
        .plan
        .steps
        .iter()
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
        .collect();
    let question = rec.question.map(|advice| {
        let q = &kb.questions[advice.question];
        QuestionView {
            id: q.id.clone(),
            symptom: kb.symptoms[q.symptom].id.clone(),
            text: q.text.clone(),
            saves_minutes: advice.saves_minutes,
            answers: q
                .answers
                .iter()
                .map(|a| AnswerView {
                    label: a.label.clone(),
                    value: a.value.clone(),
                })
                .collect(),
        }
    });
    let fix_ref = |f: usize| FixRef {
        fix: kb.fixes[f].id.clone(),
        title: kb.fixes[f].title.clone(),
    };
    View {
        ok: error.is_none(),
        error,
        observed,
        recognized: Vec::new(),
        plan: PlanView {
            expected_minutes: rec.plan.expected_minutes,
            steps,
        },
        question,
        fixed: rec.fixed.map(fix_ref),
        tried: session
            .tried(kb)
            .into_iter()
            .map(|(f, outcome)| Tried {
                fix: kb.fixes[f].id.clone(),
                title: kb.fixes[f].title.clone(),
                outcome,
            })
            .collect(),
        summary,
        session: session.to_json(),
        dropped,
    }
}
