//! The engine's entry point: a reader's situation in, everything the widget
//! shows after an action out, from one inference.

use crate::prelude::*;

use super::infer::{normalise, Firings};
use super::model::KnowledgeBase;
use super::plan::{next_question_with, plan_with, Advice, Baseline, Plan, Situation};

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
    /// The causes worth naming to a support agent: the three most likely,
    /// if at least 5 % likely, as (cause, probability); "something else"
    /// is `causes.len()`.
    pub fn likely(&self) -> Vec<(usize, f64)> {
        let mut likely: Vec<(usize, f64)> = self.posterior.iter().copied().enumerate().collect();
        crate::base::sort::by_weight_desc(&mut likely);
        likely.truncate(3);
        likely.retain(|&(_, p)| p >= 0.05);
        likely
    }

    /// Infers once, then plans and weighs the questions on that inference.
    pub fn new(kb: &KnowledgeBase, situation: Situation, fixed: Option<usize>) -> Recommendation {
        let firings = Firings::new(kb, &situation.observed);
        let base = Baseline::new(kb, &situation, &firings);
        let plan = plan_with(kb, &situation, &firings, &base);
        let question = if fixed.is_some() {
            None
        } else {
            next_question_with(kb, &situation, &firings, &base, plan.expected_minutes)
        };
        Recommendation {
            plan,
            question,
            posterior: normalise(base.mass),
            fixed,
            situation,
        }
    }
}
