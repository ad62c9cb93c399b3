//! The fix plan: greedy by P(fixes it | earlier steps failed) ÷ minutes,
//! its expected minutes to fixed, the reasons behind each step, and the
//! question whose answer saves the most expected minutes.

use crate::expr::Tri;
use crate::infer::{normalise, Firings};
use crate::kb::KnowledgeBase;
use crate::value::Value;
use std::cmp::Ordering;

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

/// One line of "why this step", with what it rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub text: String,
    /// The rule that fired, if the reason is a rule.
    pub rule: Option<usize>,
    /// The observations behind it.
    pub symptoms: Vec<usize>,
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
    let observed = &situation.observed;
    (0..kb.fixes.len())
        .map(|f| {
            let fix = &kb.fixes[f];
            Some(f) != kb.escalation
                && !firings.is_excluded(f)
                && !situation.failed.contains(&f)
                && !situation.skipped.contains(&f)
                && fix
                    .when
                    .as_ref()
                    .is_none_or(|c| c.eval(observed) != Tri::False)
                && fix
                    .requires
                    .as_ref()
                    .is_none_or(|c| c.eval(observed) == Tri::True)
        })
        .collect()
}

/// A scheduled fix as the greedy order produced it.
struct Scheduled {
    fix: usize,
    p: f64,
    reach: f64,
    /// Belief mass per cause when the step was chosen.
    mass: Vec<f64>,
}

/// Below this, a fix is treated as unable to help.
const NEGLIGIBLE: f64 = 1e-12;

/// A question must save at least this many minutes (three seconds) to be
/// worth the reader's attention.
const MIN_SAVING: f64 = 0.05;

/// Where a fix stands while the greedy order is built.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// Not applicable, or cannot help: never scheduled, never waited for.
    Out,
    /// Waiting for fixes that must come first.
    Waiting,
    Ready,
    Done,
}

/// The greedy order over `mass`, honouring ordering constraints.
/// With `keep_mass` each step remembers the beliefs it was chosen under.
///
/// Each step scans the ready fixes for the best score; after a step only
/// the fixes sharing a cause with it are re-scored. A scan beats a heap
/// here: one broad fix would otherwise re-push most of the heap.
fn order(
    kb: &KnowledgeBase,
    mut mass: Vec<f64>,
    allowed: &[bool],
    keep_mass: bool,
) -> (Vec<Scheduled>, f64) {
    let index = kb.index();
    let n = kb.fixes.len();
    let score = |f: usize, mass: &[f64]| -> f64 {
        let fix = &kb.fixes[f];
        fix.repairs.iter().map(|&(c, r)| mass[c] * r).sum::<f64>() / fix.minutes
    };
    let mut scores: Vec<f64> = (0..n)
        .map(|f| if allowed[f] { score(f, &mass) } else { 0.0 })
        .collect();
    let mut stage: Vec<Stage> = (0..n)
        .map(|f| {
            if allowed[f] && scores[f] > NEGLIGIBLE {
                Stage::Waiting
            } else {
                Stage::Out
            }
        })
        .collect();
    let mut waiting_on: Vec<usize> = (0..n)
        .map(|f| {
            index.before[f]
                .iter()
                .filter(|&&b| stage[b] != Stage::Out)
                .count()
        })
        .collect();
    let mut ready: Vec<usize> = Vec::new();
    for f in 0..n {
        if stage[f] == Stage::Waiting && waiting_on[f] == 0 {
            stage[f] = Stage::Ready;
            ready.push(f);
        }
    }
    let start: f64 = mass.iter().sum();
    let mut remaining = start;
    let mut steps = Vec::new();
    let mut expected = 0.0;
    while !ready.is_empty() {
        // Highest efficiency first; ties go to the smaller id.
        let mut best = 0;
        for i in 1..ready.len() {
            let (f, b) = (ready[i], ready[best]);
            let better = scores[f]
                .total_cmp(&scores[b])
                .then_with(|| index.fix_rank[b].cmp(&index.fix_rank[f]));
            if better == Ordering::Greater {
                best = i;
            }
        }
        let f = ready.swap_remove(best);
        stage[f] = Stage::Done;
        let fix = &kb.fixes[f];
        let repaired: f64 = fix.repairs.iter().map(|&(c, r)| mass[c] * r).sum();
        if repaired > NEGLIGIBLE * start && start > 0.0 {
            let reach = remaining / start;
            expected += fix.minutes * reach;
            steps.push(Scheduled {
                fix: f,
                p: repaired / remaining,
                reach,
                mass: if keep_mass { mass.clone() } else { Vec::new() },
            });
            remaining -= repaired;
            for &(c, r) in &fix.repairs {
                mass[c] *= 1.0 - r;
            }
            for &(c, _) in &fix.repairs {
                for &g in &index.fixes_by_cause[c] {
                    if matches!(stage[g], Stage::Waiting | Stage::Ready) {
                        scores[g] = score(g, &mass);
                    }
                }
            }
        }
        for &s in &index.after[f] {
            if stage[s] == Stage::Waiting {
                waiting_on[s] -= 1;
                if waiting_on[s] == 0 {
                    stage[s] = Stage::Ready;
                    ready.push(s);
                }
            }
        }
    }
    if let Some(e) = kb.escalation {
        let fix = &kb.fixes[e];
        let repaired: f64 = fix.repairs.iter().map(|&(c, r)| mass[c] * r).sum();
        let reach = if start > 0.0 { remaining / start } else { 1.0 };
        expected += fix.minutes * reach;
        steps.push(Scheduled {
            fix: e,
            p: if remaining > 0.0 {
                (repaired / remaining).min(1.0)
            } else {
                0.0
            },
            reach,
            mass: if keep_mass { mass } else { Vec::new() },
        });
    }
    (steps, expected)
}

/// The plan for a situation, with reasons for every step.
pub fn plan(kb: &KnowledgeBase, situation: &Situation) -> Plan {
    let firings = Firings::new(kb, &situation.observed);
    plan_with(kb, situation, &firings)
}

pub(crate) fn plan_with(kb: &KnowledgeBase, situation: &Situation, firings: &Firings) -> Plan {
    let mass = firings.mass(kb, &situation.failed);
    let allowed = applicable(kb, situation, firings);
    let (scheduled, expected_minutes) = order(kb, mass, &allowed, true);
    let steps = scheduled
        .into_iter()
        .map(|s| Step {
            fix: s.fix,
            p: s.p,
            reach: s.reach,
            minutes: kb.fixes[s.fix].minutes,
            reasons: crate::explain::reasons(kb, firings, s.fix, &s.mass),
        })
        .collect();
    Plan {
        steps,
        expected_minutes,
    }
}

/// Expected minutes to fixed for a situation, without building reasons.
fn expected_minutes(kb: &KnowledgeBase, situation: &Situation, firings: &Firings) -> f64 {
    let mass = firings.mass(kb, &situation.failed);
    let allowed = applicable(kb, situation, firings);
    order(kb, mass, &allowed, false).1
}

/// The unasked question whose answer is expected to save the most minutes,
/// counting its own cost; `None` when no question saves time.
pub fn next_question(kb: &KnowledgeBase, situation: &Situation) -> Option<Advice> {
    let firings = Firings::new(kb, &situation.observed);
    next_question_with(kb, situation, &firings)
}

pub(crate) fn next_question_with(
    kb: &KnowledgeBase,
    situation: &Situation,
    firings: &Firings,
) -> Option<Advice> {
    let now = expected_minutes(kb, situation, firings);
    let belief = normalise(firings.mass(kb, &situation.failed));
    let mut best: Option<Advice> = None;
    let mut scratch = situation.clone();
    for (q, question) in kb.questions.iter().enumerate() {
        if situation.asked.contains(&q) || situation.observed[question.symptom].is_some() {
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
                    let mut changed = firings.clone();
                    let moved = changed.update(kb, &scratch.observed, question.symptom);
                    // An answer that fires no new rule and gates no fix leaves the plan as it is.
                    let minutes = if moved || kb.index().fixes_reading[question.symptom] {
                        expected_minutes(kb, &scratch, &changed)
                    } else {
                        now
                    };
                    scratch.observed[question.symptom] = None;
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
/// order (skipping what does not apply to them), then the escalation.
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
    let steps = fixes
        .iter()
        .copied()
        .filter(|&f| allowed.get(f).copied().unwrap_or(false))
        .chain(kb.escalation);
    for f in steps {
        let remaining: f64 = mass.iter().sum();
        expected += kb.fixes[f].minutes * remaining / start;
        for &(c, r) in &kb.fixes[f].repairs {
            mass[c] *= 1.0 - r;
        }
    }
    expected
}
