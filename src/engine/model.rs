//! The knowledge model: symptoms, causes, rules, fixes and questions,
//! validated and indexed for inference.
//!
//! Items refer to each other by index; "something else" is the cause with
//! index `causes.len()`, so belief vectors have `causes.len() + 1` entries.

use crate::prelude::*;

use super::cond::Cond;
use super::value::Value;

/// A valid knowledge base: authoring's `compile` and the compiled form's
/// reader both hand one out only after [`validate`](super::validate())
/// found no problem.
#[derive(Clone, Debug)]
pub struct KnowledgeBase {
    pub id: String,
    pub version: String,
    pub title: String,
    pub groups: Vec<Group>,
    pub symptoms: Vec<Symptom>,
    pub causes: Vec<Cause>,
    pub rules: Vec<Rule>,
    pub fixes: Vec<Fix>,
    pub questions: Vec<Question>,
    /// Prior weight of "something else", the cause no fix names.
    pub other_prior: f64,
    /// The number symptom that receives error codes found in pasted text.
    pub error_code_symptom: Option<usize>,
    /// The fix that always ends a plan (contact the vendor).
    pub escalation: Option<usize>,
    /// Groups of words or phrases that mean the same in pasted text
    /// (`["computer", "pc", "laptop"]`), so a phrase written with one
    /// matches a message written with another.
    pub synonyms: Vec<Vec<String>>,
    pub(crate) index: Index,
}

/// Lookups derived from the items, built once when a knowledge base is made.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Every id and what it names, sorted by id for binary search (a
    /// hash map would add its hasher and table code to the browser build).
    pub ids: Vec<(String, ItemRef)>,
    /// Rules that read each symptom, so one answer re-evaluates only those.
    pub rules_by_symptom: Vec<Vec<usize>>,
    /// Fixes that repair each cause (and "something else" last).
    pub fixes_by_cause: Vec<Vec<usize>>,
    /// Fixes whose `when` or `requires` reads each symptom.
    pub fixes_by_symptom: Vec<Vec<usize>>,
    /// Fixes that must come before each fix when both are applicable.
    pub before: Vec<Vec<usize>>,
    /// The inverse of `before`: fixes that wait for each fix.
    pub after: Vec<Vec<usize>>,
    /// Each fix's position when fixes are sorted by id: deterministic ties.
    pub fix_rank: Vec<usize>,
    /// The phrases and synonyms as the recogniser matches them.
    pub(crate) lexicon: super::recognize::Lexicon,
}

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemRef {
    Symptom(usize),
    Cause(usize),
    Fix(usize),
    Question(usize),
}

#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SymptomKind {
    Bool,
    Number { unit: Option<String> },
    Choice(Vec<Choice>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: String,
    pub title: String,
    pub phrases: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Symptom {
    pub id: String,
    pub title: String,
    pub kind: SymptomKind,
    pub group: Option<usize>,
    pub phrases: Vec<String>,
}

impl Symptom {
    /// Whether `value` is something this symptom can be observed as.
    pub fn accepts(&self, value: &Value) -> bool {
        match (&self.kind, value) {
            (SymptomKind::Bool, Value::Bool(_)) => true,
            (SymptomKind::Number { .. }, Value::Number(n)) => n.is_finite(),
            (SymptomKind::Choice(choices), Value::Choice(c)) => {
                choices.iter().any(|choice| &choice.value == c)
            }
            _ => false,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Cause {
    pub id: String,
    pub title: String,
    pub prior: f64,
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub when: Cond,
    pub effect: Effect,
    pub why: String,
    /// The symptoms the condition reads, without repeats.
    pub symptoms: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Effect {
    Likelihood { cause: usize, ratio: f64 },
    RuleOut { cause: usize },
    Exclude { fix: usize },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Risk {
    Safe,
    Caution,
    DataRisk,
}

impl Risk {
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Safe => "safe",
            Risk::Caution => "caution",
            Risk::DataRisk => "data_risk",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Fix {
    pub id: String,
    pub title: String,
    pub minutes: f64,
    pub risk: Risk,
    /// Skipped when definitely false.
    pub when: Option<Cond>,
    /// Offered only when definitely true.
    pub requires: Option<Cond>,
    /// (cause index, P(this fix repairs the problem | cause)); the index
    /// `causes.len()` is "something else".
    pub repairs: Vec<(usize, f64)>,
    pub after: Vec<usize>,
    pub why: Option<String>,
    pub steps: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub symptom: usize,
    pub minutes: f64,
    pub answers: Vec<Answer>,
}

#[derive(Clone, Debug)]
pub struct Answer {
    pub label: String,
    /// What answering observes; `None` for "I don't know".
    pub value: Option<Value>,
    /// P(this answer | cause), one entry per cause plus "something else".
    pub likelihood: Vec<f64>,
}

impl KnowledgeBase {
    /// Looks up what an id names.
    pub fn item(&self, id: &str) -> Option<ItemRef> {
        let ids = &self.index.ids;
        ids.binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()
            .map(|i| ids[i].1)
    }

    pub fn symptom_index(&self, id: &str) -> Option<usize> {
        match self.item(id) {
            Some(ItemRef::Symptom(i)) => Some(i),
            _ => None,
        }
    }

    pub fn fix_index(&self, id: &str) -> Option<usize> {
        match self.item(id) {
            Some(ItemRef::Fix(i)) => Some(i),
            _ => None,
        }
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        match self.item(id) {
            Some(ItemRef::Question(i)) => Some(i),
            _ => None,
        }
    }

    /// The id of a cause index, "other" for something else.
    pub fn cause_id(&self, cause: usize) -> &str {
        self.causes.get(cause).map_or("other", |c| c.id.as_str())
    }

    pub fn cause_title(&self, cause: usize) -> &str {
        self.causes
            .get(cause)
            .map_or("something else", |c| c.title.as_str())
    }

    /// Number of belief entries: every cause plus "something else".
    pub fn belief_len(&self) -> usize {
        self.causes.len() + 1
    }

    pub fn index(&self) -> &Index {
        &self.index
    }
}
