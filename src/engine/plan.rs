//! The fix plan: greedy by P(fixes it | earlier steps failed) ÷ minutes,
//! its expected minutes to fixed, the reasons behind each step, and the
//! question whose answer saves the most expected minutes.

use crate::prelude::*;

use super::cond::{Cond, Tri};
use super::explain::{self, Reason};
use super::infer::{normalise, Firings};
use super::model::{Fix, KnowledgeBase, Risk};
use super::value::Value;
use alloc::collections::BinaryHeap;
use core::cmp::Ordering;

/// An ordered plan and its expected cost of repair.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub steps: Vec<Step>,
    /// Σ minutes × P(still broken when the step starts).
    pub expected_minutes: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub fix: usize,
    /// P(this step fixes the problem | every earlier step failed).
    pub p: f64,
    /// P(the reader gets to this step at all).
    pub reach: f64,
    pub minutes: f64,
    pub reasons: Vec<Reason>,
}

/// The question to ask next, and what asking it is worth.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub question: usize,
    /// Expected minutes to fixed if asked (its own cost included).
    pub expected_minutes: f64,
    /// Minutes saved against going on without asking.
    pub saves_minutes: f64,
}

/// The reader's position: what is known and which fixes are behind them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Situation {
    /// Observation per symptom; `None` is unknown.
    pub observed: Vec<Option<Value>>,
    /// Fixes that did not help: beliefs are conditioned on their failure.
    pub failed: Vec<usize>,
    /// Fixes the reader cannot do: dropped without conditioning.
    pub skipped: Vec<usize>,
    /// Questions already answered (or declined).
    pub asked: Vec<usize>,
}

impl Situation {
    pub fn new(kb: &KnowledgeBase) -> Situation {
        Situation {
            observed: vec![None; kb.symptoms.len()],
            ..Situation::default()
        }
    }
}

/// Which fixes may be scheduled now.
fn applicable(kb: &KnowledgeBase, situation: &Situation, firings: &Firings) -> Vec<bool> {
    let mut open = open_fixes(kb, situation);
    exclude(&mut open, firings);
    open
}

/// What a situation allows before any what-if: the belief mass with failed
/// steps conditioned on, and the fixes open before and after the rules'
/// exclusions. Computed once per recommendation and shared by the plan,
/// the question search and the posterior.
pub(crate) struct Baseline {
    pub mass: Vec<f64>,
    open: Vec<bool>,
    allowed: Vec<bool>,
}

impl Baseline {
    pub fn new(kb: &KnowledgeBase, situation: &Situation, firings: &Firings) -> Baseline {
        let open = open_fixes(kb, situation);
        let mut allowed = open.clone();
        exclude(&mut allowed, firings);
        Baseline {
            mass: firings.mass(kb, &situation.failed),
            open,
            allowed,
        }
    }
}

/// Fixes the situation allows, before rules exclude any: not the
/// escalation, not tried, `when` not false, `requires` true.
fn open_fixes(kb: &KnowledgeBase, situation: &Situation) -> Vec<bool> {
    (0..kb.fixes.len())
        .map(|f| is_open(kb, situation, f))
        .collect()
}

fn is_open(kb: &KnowledgeBase, situation: &Situation, f: usize) -> bool {
    let fix = &kb.fixes[f];
    let observed = &situation.observed;
    Some(f) != kb.escalation
        && !situation.failed.contains(&f)
        && !situation.skipped.contains(&f)
        && fix
            .when
            .as_ref()
            .is_none_or(|c| c.eval(observed) != Tri::False)
        && guard_holds(fix, observed)
}

/// Whether a fix's `requires` guard holds. A data-risk fix needs a guard
/// that is known true: the validator refuses a knowledge base with an
/// unguarded one, and the planner refuses it again here on its own, so no
/// knowledge base, however it was made, can get one offered.
pub(crate) fn guard_holds(fix: &Fix, observed: &[Option<Value>]) -> bool {
    match &fix.requires {
        Some(Cond::Const(true)) | None => fix.risk != Risk::DataRisk,
        Some(c) => c.eval(observed) == Tri::True,
    }
}

fn exclude(open: &mut [bool], firings: &Firings) {
    for (f, open) in open.iter_mut().enumerate() {
        *open = *open && !firings.is_excluded(f);
    }
}

/// A scheduled fix as the greedy order produced it.
struct Scheduled {
    fix: usize,
    p: f64,
    reach: f64,
    /// P(cause) for each cause the fix repairs, in `repairs` order, when
    /// the step was chosen.
    belief: Vec<f64>,
}

fn belief(fix: &crate::engine::Fix, mass: &[f64], remaining: f64) -> Vec<f64> {
    fix.repairs
        .iter()
        .map(|&(c, _)| {
            if remaining > 0.0 {
                mass[c] / remaining
            } else {
                0.0
            }
        })
        .collect()
}

/// Below this, a fix is treated as unable to help.
const NEGLIGIBLE: f64 = 1e-12;

/// A question must save at least this many minutes (half a minute), beyond
/// its own cost, to be worth the reader's attention: a question that saves
/// seconds is a distraction from the step to do now.
pub const MIN_SAVING: f64 = 0.5;

#[derive(PartialEq)]
struct Candidate {
    score: f64,
    rank: usize,
    fix: usize,
}

impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    // Highest efficiency first; ties go to the smaller id.
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.rank.cmp(&self.rank))
    }
}

/// The greedy order over `mass`, honouring ordering constraints.
/// With `keep_belief` the steps are returned, each with P(cause) of the
/// causes it repairs when it was chosen, for its reasons; without, only the
/// expected minutes are.
///
/// Lazy greedy: a failed step only lowers belief, so a fix's score only
/// falls. A score in the heap is therefore an upper bound; the top is
/// re-scored when popped and taken only if it still beats the next one.
/// Working memory for `order`, kept between the many what-if plans of one
/// question search instead of allocated for each.
#[derive(Default)]
struct Buffers {
    pending: Vec<bool>,
    waiting_on: Vec<usize>,
    heap: BinaryHeap<Candidate>,
}

fn order(
    kb: &KnowledgeBase,
    mass: &mut [f64],
    allowed: &[bool],
    escalation: Option<usize>,
    keep_belief: bool,
    buffers: &mut Buffers,
) -> (Vec<Scheduled>, f64) {
    let index = kb.index();
    let n = kb.fixes.len();
    let score = |f: usize, mass: &[f64]| -> f64 {
        let fix = &kb.fixes[f];
        fix.repairs.iter().map(|&(c, r)| mass[c] * r).sum::<f64>() / kb.cost(f)
    };
    let candidate = |f: usize, mass: &[f64]| Candidate {
        score: score(f, mass),
        rank: index.fix_rank[f],
        fix: f,
    };
    let Buffers {
        pending,
        waiting_on,
        heap,
    } = buffers;
    // Fixes that are out (inapplicable or unable to help) are never waited for.
    pending.clear();
    pending.extend((0..n).map(|f| allowed[f] && score(f, mass) > NEGLIGIBLE));
    waiting_on.clear();
    waiting_on.extend((0..n).map(|f| index.before[f].iter().filter(|&&b| pending[b]).count()));
    heap.clear();
    heap.extend(
        (0..n)
            .filter(|&f| pending[f] && waiting_on[f] == 0)
            .map(|f| candidate(f, mass)),
    );
    let start: f64 = mass.iter().sum();
    let mut remaining = start;
    let mut steps = Vec::new();
    let mut expected = 0.0;
    // Contacting support ends the plan: the reader hands over there. It is
    // priced (the reader's minutes and what a contact costs the site), and
    // goes where stopping the self-help costs least: as soon as the steps
    // left are long shots that cost more than they are likely to save.
    let reach_of = |remaining: f64| if start > 0.0 { remaining / start } else { 1.0 };
    let stop_cost = |remaining: f64| escalation.map_or(0.0, |e| kb.cost(e) * reach_of(remaining));
    let mut best = (expected + stop_cost(remaining), 0usize);
    let best_mass = &mut snapshot_if_kept(keep_belief, mass);
    while let Some(top) = heap.pop() {
        let fresh = candidate(top.fix, mass);
        if heap.peek().is_some_and(|next| fresh < *next) {
            heap.push(fresh);
            continue;
        }
        let f = top.fix;
        let fix = &kb.fixes[f];
        let repaired: f64 = fix.repairs.iter().map(|&(c, r)| mass[c] * r).sum();
        if repaired > NEGLIGIBLE * start && start > 0.0 {
            let reach = remaining / start;
            expected += kb.cost(f) * reach;
            // What-if plans need only the expected minutes.
            if keep_belief {
                steps.push(Scheduled {
                    fix: f,
                    p: repaired / remaining,
                    reach,
                    belief: belief(fix, mass, remaining),
                });
            }
            remaining -= repaired;
            for &(c, r) in &fix.repairs {
                mass[c] *= 1.0 - r;
            }
            // Ties go to trying more: self-help a support desk expects.
            let total = expected + stop_cost(remaining);
            if escalation.is_none() || total <= best.0 {
                best = (total, steps.len());
                if keep_belief {
                    best_mass.clear();
                    best_mass.extend_from_slice(mass);
                }
            }
        }
        for &s in &index.after[f] {
            if pending[s] {
                waiting_on[s] -= 1;
                if waiting_on[s] == 0 {
                    heap.push(candidate(s, mass));
                }
            }
        }
    }
    let Some(e) = escalation else {
        return (steps, expected);
    };
    steps.truncate(best.1);
    let remaining: f64 = if keep_belief {
        best_mass.iter().sum()
    } else {
        0.0
    };
    if keep_belief {
        let fix = &kb.fixes[e];
        let repaired: f64 = fix.repairs.iter().map(|&(c, r)| best_mass[c] * r).sum();
        steps.push(Scheduled {
            fix: e,
            p: if remaining > 0.0 {
                (repaired / remaining).min(1.0)
            } else {
                0.0
            },
            reach: reach_of(remaining),
            belief: belief(fix, best_mass, remaining),
        });
    }
    (steps, best.0)
}

/// The mass where the best plan hands over to support, kept only when the
/// plan's steps are (what-if plans need only their expected minutes).
fn snapshot_if_kept(keep_belief: bool, mass: &[f64]) -> Vec<f64> {
    if keep_belief {
        mass.to_vec()
    } else {
        Vec::new()
    }
}

/// The plan for a situation, with reasons for every step.
pub fn plan(kb: &KnowledgeBase, situation: &Situation) -> Plan {
    let firings = Firings::new(kb, &situation.observed);
    plan_with(
        kb,
        situation,
        &firings,
        &Baseline::new(kb, situation, &firings),
    )
}

pub(crate) fn plan_with(
    kb: &KnowledgeBase,
    situation: &Situation,
    firings: &Firings,
    base: &Baseline,
) -> Plan {
    let mut mass = base.mass.clone();
    let (scheduled, expected_minutes) = order(
        kb,
        &mut mass,
        &base.allowed,
        escalation(kb, situation),
        true,
        &mut Buffers::default(),
    );
    let raised = explain::raised_by(kb, firings);
    let steps = scheduled
        .into_iter()
        .map(|s| Step {
            fix: s.fix,
            p: s.p,
            reach: s.reach,
            minutes: kb.fixes[s.fix].minutes,
            reasons: explain::reasons(kb, &raised, s.fix, &s.belief, &situation.observed),
        })
        .collect();
    Plan {
        steps,
        expected_minutes,
    }
}

/// Expected minutes to fixed for a situation, without building reasons.
fn expected_minutes(kb: &KnowledgeBase, situation: &Situation, base: &Baseline) -> f64 {
    let mut mass = base.mass.clone();
    order(
        kb,
        &mut mass,
        &base.allowed,
        escalation(kb, situation),
        false,
        &mut Buffers::default(),
    )
    .1
}

/// The escalation step, unless the reader already tried it or cannot.
fn escalation(kb: &KnowledgeBase, situation: &Situation) -> Option<usize> {
    kb.escalation.filter(|&e| {
        !situation.failed.contains(&e)
            && !situation.skipped.contains(&e)
            && (kb.fixes[e].risk != Risk::DataRisk
                || guard_holds(&kb.fixes[e], &situation.observed))
    })
}

/// The unasked question whose answer is expected to save the most minutes,
/// counting its own cost; `None` when no question saves time.
pub fn next_question(kb: &KnowledgeBase, situation: &Situation) -> Option<Advice> {
    let firings = Firings::new(kb, &situation.observed);
    let base = Baseline::new(kb, situation, &firings);
    let now = expected_minutes(kb, situation, &base);
    next_question_with(kb, situation, &firings, &base, now)
}

/// `now` is the expected minutes of the current plan.
pub(crate) fn next_question_with(
    kb: &KnowledgeBase,
    situation: &Situation,
    firings: &Firings,
    base: &Baseline,
    now: f64,
) -> Option<Advice> {
    let Baseline {
        mass: base_mass,
        open,
        allowed: base_allowed,
    } = base;
    let belief = normalise(base_mass.clone());
    let survived = crate::engine::infer::failure_factors(kb, &situation.failed);
    let mut best: Option<Advice> = None;
    let mut scratch = situation.clone();
    let escalate = escalation(kb, situation);
    // Buffers and one copy of the firings, moved to each answer and back,
    // rather than fresh ones per answer: an answer moves few causes.
    let mut allowed = open.clone();
    let mut mass = base_mass.clone();
    let mut touched = Vec::new();
    let mut buffers = Buffers::default();
    let mut what_if = firings.clone();
    for (q, question) in kb.questions.iter().enumerate() {
        // Not once answered or known, and only where it can matter.
        let relevant = question
            .ask_when
            .as_ref()
            .is_none_or(|c| c.eval(&situation.observed) == Tri::True);
        if situation.asked.contains(&q)
            || situation.observed[question.symptom].is_some()
            || !relevant
        {
            continue;
        }
        let mut expected = question.minutes;
        for answer in &question.answers {
            let p: f64 = answer
                .likelihood
                .iter()
                .zip(&belief)
                .map(|(l, b)| l * b)
                .sum();
            if p <= 0.0 {
                continue;
            }
            let after = match &answer.value {
                None => now,
                Some(value) => {
                    scratch.observed[question.symptom] = Some(value.clone());
                    touched.clear();
                    let moved =
                        what_if.update(kb, &scratch.observed, question.symptom, &mut touched);
                    // An answer that fires no new rule and gates no fix leaves the plan as it is.
                    let gated = &kb.index().fixes_by_symptom[question.symptom];
                    let minutes = if moved || !gated.is_empty() {
                        allowed.copy_from_slice(open);
                        for &f in gated {
                            allowed[f] = is_open(kb, &scratch, f);
                        }
                        exclude(&mut allowed, &what_if);
                        mass.copy_from_slice(base_mass);
                        for &c in &touched {
                            mass[c] = what_if.cause_mass(kb, c) * survived[c];
                        }
                        // Rules that only move causes already out of the
                        // picture leave beliefs, fixes and so the plan as now.
                        if allowed == *base_allowed
                            && touched.iter().all(|&c| mass[c] == base_mass[c])
                        {
                            now
                        } else {
                            order(kb, &mut mass, &allowed, escalate, false, &mut buffers).1
                        }
                    } else {
                        now
                    };
                    scratch.observed[question.symptom] = None;
                    if moved {
                        what_if.update(kb, &scratch.observed, question.symptom, &mut touched);
                    }
                    minutes
                }
            };
            expected += p * after;
        }
        let saves = now - expected;
        let better = best
            .as_ref()
            .is_none_or(|b| saves > b.saves_minutes + 1e-12);
        if saves >= MIN_SAVING && better {
            best = Some(Advice {
                question: q,
                expected_minutes: expected,
                saves_minutes: saves,
            });
        }
    }
    best
}

/// Expected minutes to fixed when the reader follows `fixes` in the given
/// order (skipping what does not apply to them) up to the escalation, where
/// the order puts it or else last.
pub fn expected_minutes_of_order(
    kb: &KnowledgeBase,
    situation: &Situation,
    fixes: &[usize],
) -> f64 {
    let firings = Firings::new(kb, &situation.observed);
    let allowed = applicable(kb, situation, &firings);
    let mut mass = firings.mass(kb, &situation.failed);
    let start: f64 = mass.iter().sum();
    if start <= 0.0 {
        return 0.0;
    }
    let mut expected = 0.0;
    let escalate = escalation(kb, situation);
    let steps = fixes
        .iter()
        .copied()
        .filter(|&f| allowed.get(f).copied().unwrap_or(false) || Some(f) == escalate)
        .chain(escalate.filter(|e| !fixes.contains(e)));
    for f in steps {
        let remaining: f64 = mass.iter().sum();
        expected += kb.cost(f) * remaining / start;
        // The reader hands over to support: nothing after it counts.
        if Some(f) == escalate {
            break;
        }
        for &(c, r) in &kb.fixes[f].repairs {
            mass[c] *= 1.0 - r;
        }
    }
    expected
}
