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
    /// The language of every text in it (`en`, `de`): `fixplan build`
    /// writes one compiled file per language.
    pub lang: String,
    pub title: String,
    /// How the engine words the reasons it writes, in `lang`.
    pub wording: Wording,
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
    /// Contacting support (the vendor): a step like any other, scheduled by
    /// its cost, and the last step when nothing else is left.
    pub escalation: Option<usize>,
    /// What a support contact costs the site, in minutes of the reader's
    /// time it is worth, added to the escalation's own minutes: the higher,
    /// the more self-help comes before support.
    pub support_cost: f64,
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
    /// The phrases and synonyms as the recogniser matches them, built on
    /// first use: it is two thirds of reading a knowledge base, and a reader
    /// who only taps never needs it (see [`KnowledgeBase::lexicon`]).
    pub(crate) lexicon: std::sync::OnceLock<super::recognize::Lexicon>,
}

/// What an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemRef {
    Symptom(usize),
    Cause(usize),
    Fix(usize),
    Question(usize),
}

/// The sentences the engine fills in for "why this step?", so its reasons
/// come in the knowledge base's own language. `{cause}`, `{percent}`,
/// `{why}`, `{reported}` and `{symptom}` are replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct Wording {
    /// "Likely cause: {cause} ({percent}%)"
    pub likely_cause: String,
    /// "{why} You reported: {reported}"
    pub you_reported: String,
    /// How a "no" reads among what the reader reported: "{symptom}: no".
    pub said_no: String,
    /// The cause no fix names: "something else".
    pub something_else: String,
}

impl Default for Wording {
    fn default() -> Wording {
        Wording {
            likely_cause: "Likely cause: {cause} ({percent}%)".into(),
            you_reported: "{why} You reported: {reported}".into(),
            said_no: "{symptom}: no".into(),
            something_else: "something else".into(),
        }
    }
}

impl Wording {
    /// `template` with each `{name}` replaced by its value.
    pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        // `split_once`, not slicing: a slice's panic path would bring core's
        // character formatting into the browser build.
        while let Some((before, after)) = rest.split_once('{') {
            out.push_str(before);
            let known = after.split_once('}').and_then(|(name, tail)| {
                let value = values.iter().find(|(n, _)| *n == name)?.1;
                Some((value, tail))
            });
            match known {
                Some((value, tail)) => {
                    out.push_str(value);
                    rest = tail;
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
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
    /// One line on how to find the answer, for a reader who does not know.
    pub check: Option<String>,
    /// Asked only when this is definitely true: when the answer can matter
    /// for what the reader has said, and is not already implied by it.
    pub ask_when: Option<Cond>,
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

    /// The recogniser's lexicon, built the first time a text is read. The
    /// widget's `warm` calls it when the page is idle, so the first
    /// keystroke does not pay for it either.
    pub(crate) fn lexicon(&self) -> &super::recognize::Lexicon {
        self.index
            .lexicon
            .get_or_init(|| super::recognize::Lexicon::new(self))
    }

    /// The words for "symptom = value" as the reader picked it: a choice's
    /// title, else the symptom's title.
    pub fn value_title(&self, symptom: usize, value: &Value) -> String {
        let s = &self.symptoms[symptom];
        match (&s.kind, value) {
            (SymptomKind::Choice(choices), Value::Choice(v)) => (choices.iter())
                .find(|c| &c.value == v)
                .map_or_else(|| s.title.clone(), |c| c.title.clone()),
            _ => s.title.clone(),
        }
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
            .map_or(self.wording.something_else.as_str(), |c| c.title.as_str())
    }

    /// Number of belief entries: every cause plus "something else".
    /// What a step costs when ordering the plan: its minutes, and for the
    /// escalation the support contact's cost as well.
    pub fn cost(&self, fix: usize) -> f64 {
        let minutes = self.fixes[fix].minutes;
        if Some(fix) == self.escalation {
            minutes + self.support_cost
        } else {
            minutes
        }
    }

    pub fn belief_len(&self) -> usize {
        self.causes.len() + 1
    }

    pub fn index(&self) -> &Index {
        &self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_fills_known_names_and_keeps_the_rest() {
        let filled = Wording::fill(
            "Likely: {cause} ({percent}%) {unknown} {",
            &[("cause", "Bad cable"), ("percent", "57")],
        );
        assert_eq!(filled, "Likely: Bad cable (57%) {unknown} {");
        assert_eq!(Wording::fill("{a}{a}", &[("a", "x")]), "xx");
    }
}
