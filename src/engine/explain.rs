//! "Why this step?": the causes a step addresses and the reader's own
//! observations and rules that made those causes likely.

use crate::prelude::*;

use super::infer::Firings;
use super::model::{Effect, KnowledgeBase, SymptomKind, Wording};
use super::value::Value;

/// One line of "why this step", with what it rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub text: String,
    /// The rule that fired, if the reason is a rule.
    pub rule: Option<usize>,
    /// The observations behind it.
    pub symptoms: Vec<usize>,
}

/// A cause must carry this share of a step's chance to be named.
const LEADING_SHARE: f64 = 0.25;
const MAX_CAUSES: usize = 2;
const MAX_RULES: usize = 3;

/// For each cause, the fired rules that raised it: (rule, likelihood ratio).
/// Built once per plan, not once per step.
pub(crate) fn raised_by(kb: &KnowledgeBase, firings: &Firings) -> Vec<Vec<(usize, f64)>> {
    let mut raised = vec![Vec::new(); kb.belief_len()];
    for r in firings.fired() {
        if let Effect::Likelihood { cause, ratio } = kb.rules[r].effect {
            if ratio > 1.0 {
                raised[cause].push((r, ratio));
            }
        }
    }
    raised
}

/// `belief` is P(cause) for each of the fix's `repairs`, in order, when
/// the step was chosen.
pub(crate) fn reasons(
    kb: &KnowledgeBase,
    raised: &[Vec<(usize, f64)>],
    fix: usize,
    belief: &[f64],
    observed: &[Option<Value>],
) -> Vec<Reason> {
    let f = &kb.fixes[fix];
    let mut shares: Vec<(usize, f64, f64)> = f
        .repairs
        .iter()
        .zip(belief)
        .map(|(&(c, r), &p)| (c, p * r, p))
        .filter(|&(_, share, _)| share > 0.0)
        .collect();
    let step_total: f64 = shares.iter().map(|s| s.1).sum();
    crate::base::sort::sort_by(&mut shares, |a, b| {
        b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)).is_lt()
    });
    let leading: Vec<(usize, f64)> = shares
        .iter()
        .filter(|s| s.1 >= LEADING_SHARE * step_total)
        .take(MAX_CAUSES)
        .map(|s| (s.0, s.2))
        .collect();

    let mut reasons = Vec::new();
    if let Some(why) = f.why.as_deref().filter(|w| !w.is_empty()) {
        reasons.push(Reason {
            text: why.to_string(),
            rule: None,
            symptoms: Vec::new(),
        });
    }
    for &(c, p) in &leading {
        let percent = super::value::percent(p).to_string();
        reasons.push(Reason {
            text: Wording::fill(
                &kb.wording.likely_cause,
                &[("cause", kb.cause_title(c)), ("percent", &percent)],
            ),
            rule: None,
            symptoms: Vec::new(),
        });
    }
    let mut raising: Vec<(usize, f64)> = leading
        .iter()
        .flat_map(|&(c, _)| raised[c].iter().copied())
        .collect();
    crate::base::sort::by_weight_desc(&mut raising);
    for (r, _) in raising.into_iter().take(MAX_RULES) {
        let rule = &kb.rules[r];
        // Only what the reader said: a rule may read symptoms (`a or b`)
        // that were never observed.
        let said: Vec<usize> = (rule.symptoms.iter().copied())
            .filter(|&s| observed.get(s).is_some_and(Option::is_some))
            .collect();
        let seen: Vec<String> = said
            .iter()
            .filter_map(|&s| reported(kb, s, observed))
            .collect();
        let text = if seen.is_empty() {
            rule.why.clone()
        } else {
            let reported = seen.join("; ");
            Wording::fill(
                &kb.wording.you_reported,
                &[("why", &rule.why), ("reported", &reported)],
            )
        };
        reasons.push(Reason {
            text,
            rule: Some(r),
            symptoms: said,
        });
    }
    reasons
}

/// An observation as the reader would recognise it: the choice they made,
/// the symptom they saw, or the symptom with its value.
fn reported(kb: &KnowledgeBase, s: usize, observed: &[Option<Value>]) -> Option<String> {
    let symptom = kb.symptoms.get(s)?;
    let value = observed.get(s)?.as_ref()?;
    Some(match (&symptom.kind, value) {
        (SymptomKind::Choice(_), Value::Choice(_)) => kb.value_title(s, value),
        (_, Value::Bool(true)) => symptom.title.clone(),
        (_, Value::Bool(false)) => {
            Wording::fill(&kb.wording.said_no, &[("symptom", &symptom.title)])
        }
        (SymptomKind::Number { unit: Some(unit) }, value) => {
            format!("{}: {value} {unit}", symptom.title)
        }
        (_, value) => format!("{}: {value}", symptom.title),
    })
}
