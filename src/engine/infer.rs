//! Beliefs over causes: prior × likelihood ratios of the rules that fired,
//! conditioned on the fixes that already failed.

use crate::prelude::*;

use super::cond::Tri;
use super::model::{Effect, KnowledgeBase};
use super::value::Value;

/// The effect of every rule that fired, kept as sums and counts so that one
/// changed observation can be applied without re-running every rule.
#[derive(Clone, Debug)]
pub(crate) struct Firings {
    /// Sum of ln(likelihood ratio) per cause ("something else" last).
    log_odds: Vec<f64>,
    /// How many fired rules rule each cause out.
    ruled_out: Vec<u32>,
    /// How many fired rules exclude each fix.
    excluded: Vec<u32>,
    /// Which rules fired.
    fired: Vec<bool>,
}

impl Firings {
    pub fn new(kb: &KnowledgeBase, observed: &[Option<Value>]) -> Firings {
        let mut firings = Firings {
            log_odds: vec![0.0; kb.belief_len()],
            ruled_out: vec![0; kb.belief_len()],
            excluded: vec![0; kb.fixes.len()],
            fired: vec![false; kb.rules.len()],
        };
        for r in 0..kb.rules.len() {
            if kb.rules[r].when.eval(observed) == Tri::True {
                firings.toggle(kb, r, true);
            }
        }
        firings
    }

    fn toggle(&mut self, kb: &KnowledgeBase, rule: usize, on: bool) {
        self.fired[rule] = on;
        let sign = if on { 1.0 } else { -1.0 };
        match kb.rules[rule].effect {
            Effect::Likelihood { cause, ratio } => self.log_odds[cause] += sign * libm::log(ratio),
            Effect::RuleOut { cause } => bump(&mut self.ruled_out[cause], on),
            Effect::Exclude { fix } => bump(&mut self.excluded[fix], on),
        }
    }

    /// Re-evaluates only the rules that read `symptom`, after it changed;
    /// says whether any rule started or stopped firing, and adds the causes
    /// whose belief may have moved to `touched`.
    pub fn update(
        &mut self,
        kb: &KnowledgeBase,
        observed: &[Option<Value>],
        symptom: usize,
        touched: &mut Vec<usize>,
    ) -> bool {
        let mut changed = false;
        for &r in &kb.index().rules_by_symptom[symptom] {
            let fires = kb.rules[r].when.eval(observed) == Tri::True;
            if fires != self.fired[r] {
                self.toggle(kb, r, fires);
                changed = true;
                if let Effect::Likelihood { cause, .. } | Effect::RuleOut { cause } =
                    kb.rules[r].effect
                {
                    touched.push(cause);
                }
            }
        }
        changed
    }

    pub fn is_excluded(&self, fix: usize) -> bool {
        self.excluded[fix] > 0
    }

    pub fn fired(&self) -> impl Iterator<Item = usize> + '_ {
        self.fired
            .iter()
            .enumerate()
            .filter(|(_, f)| **f)
            .map(|(r, _)| r)
    }

    /// Unnormalised belief per cause, after the failed fixes.
    pub fn mass(&self, kb: &KnowledgeBase, failed: &[usize]) -> Vec<f64> {
        let mut mass: Vec<f64> = (0..kb.belief_len())
            .map(|c| self.cause_mass(kb, c))
            .collect();
        for (m, f) in mass.iter_mut().zip(failure_factors(kb, failed)) {
            *m *= f;
        }
        mass
    }

    /// One cause's unnormalised belief, before any failed fix.
    pub fn cause_mass(&self, kb: &KnowledgeBase, c: usize) -> f64 {
        if self.ruled_out[c] > 0 {
            return 0.0;
        }
        let prior = kb.causes.get(c).map_or(kb.other_prior, |cause| cause.prior);
        // Clamped so a pile of strong rules cannot overflow to infinity.
        prior * libm::exp(self.log_odds[c].clamp(-600.0, 600.0))
    }
}

/// Per cause, the chance it survived the failed fixes: Π (1 − repair probability).
pub(crate) fn failure_factors(kb: &KnowledgeBase, failed: &[usize]) -> Vec<f64> {
    let mut factors = vec![1.0; kb.belief_len()];
    for &f in failed {
        for &(cause, p) in &kb.fixes[f].repairs {
            factors[cause] *= 1.0 - p;
        }
    }
    factors
}

fn bump(count: &mut u32, on: bool) {
    if on {
        *count += 1;
    } else {
        *count = count.saturating_sub(1);
    }
}

/// The probability of each cause, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Posterior {
    /// P(cause | evidence), one per cause plus "something else" last; sums to 1.
    pub p: Vec<f64>,
    /// Rules that fired, in knowledge-base order.
    pub fired: Vec<usize>,
    /// Fixes excluded by a rule.
    pub excluded: Vec<usize>,
}

/// Posterior over causes given observations (indexed by symptom) and the
/// fixes already reported as not helping.
pub fn infer(kb: &KnowledgeBase, observed: &[Option<Value>], failed: &[usize]) -> Posterior {
    let firings = Firings::new(kb, observed);
    posterior(kb, &firings, failed)
}

pub(crate) fn posterior(kb: &KnowledgeBase, firings: &Firings, failed: &[usize]) -> Posterior {
    Posterior {
        p: normalise(firings.mass(kb, failed)),
        fired: firings.fired().collect(),
        excluded: (0..kb.fixes.len())
            .filter(|&f| firings.is_excluded(f))
            .collect(),
    }
}

/// Scales to sum 1; if nothing is left possible, all belief goes to
/// "something else" (the vendor's support is the answer then).
pub(crate) fn normalise(mut mass: Vec<f64>) -> Vec<f64> {
    let total: f64 = mass.iter().sum();
    if total > 0.0 && total.is_finite() {
        mass.iter_mut().for_each(|m| *m /= total);
    } else {
        let last = mass.len() - 1;
        mass.iter_mut()
            .enumerate()
            .for_each(|(c, m)| *m = if c == last { 1.0 } else { 0.0 });
    }
    mass
}
