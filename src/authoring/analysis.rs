//! Static analysis for authors: the index built with every ordering cycle
//! reported at its file and line, and the warnings that need the whole
//! knowledge base (unused symptoms, unrepaired causes, unreachable fixes,
//! useless questions).

use crate::prelude::*;

use super::report::{At, Report};
use crate::engine::index;
use crate::engine::*;
use std::collections::HashMap;

/// Builds the index and reports every ordering cycle with its file and line.
pub(super) fn build_index(
    c: &mut Report,
    kb: &KnowledgeBase,
    ids: HashMap<String, ItemRef>,
) -> Index {
    let index = index::build(kb, ids.into_iter().collect());
    for cycle in index::cycles(&index.before) {
        cycle_error(c, kb, &cycle);
    }
    index
}

fn cycle_error(c: &mut Report, kb: &KnowledgeBase, cycle: &[usize]) {
    let mut names: Vec<&str> = cycle.iter().map(|&f| kb.fixes[f].id.as_str()).collect();
    names.push(names[0]);
    let first = &c.doc.fixes[cycle[0]];
    let at = first
        .after
        .first()
        .map_or(At::of(first.file, &first.id), |a| At::of(first.file, a));
    c.error(
        Code::OrderingCycle,
        at,
        format!("ordering cycle: {} (each must come after the next)", names.join(" after ")),
        "remove one `after` entry; note that a data_risk fix always follows the safe fixes for its causes",
    );
}

/// Warnings an author wants before readers find the gaps.
pub(super) fn analyse(c: &mut Report, kb: &KnowledgeBase) {
    let mut read = vec![false; kb.symptoms.len()];
    let mut mark = |cond: &Option<Cond>| {
        let mut out = Vec::new();
        if let Some(cond) = cond {
            cond.symptoms(&mut out);
        }
        out.into_iter().for_each(|s| read[s] = true);
    };
    for fix in &kb.fixes {
        mark(&fix.when);
        mark(&fix.requires);
    }
    for q in &kb.questions {
        mark(&q.ask_when);
    }
    for rule in &kb.rules {
        rule.symptoms.iter().for_each(|&s| read[s] = true);
    }
    for q in &kb.questions {
        read[q.symptom] = true;
    }
    if let Some(s) = kb.error_code_symptom {
        read[s] = true;
    }
    let doc = c.doc;
    for (s, used) in read.iter().enumerate() {
        if !used {
            let d = &doc.symptoms[s];
            c.warn(
                Code::UnusedSymptom,
                At::of(d.file, &d.id),
                format!("no rule, fix or question reads symptom '{}'", d.id.value),
                "add a [[rule]] that uses it, or remove it",
            );
        }
    }
    for (cause, fixes) in kb
        .index
        .fixes_by_cause
        .iter()
        .enumerate()
        .take(kb.causes.len())
    {
        if fixes.iter().all(|&f| Some(f) == kb.escalation) {
            let d = &doc.causes[cause];
            c.warn(
                Code::UnrepairedCause,
                At::of(d.file, &d.id),
                format!("no fix repairs cause '{}'", d.id.value),
                "name it in some fix's `repairs`",
            );
        }
    }
    let nothing = vec![None; kb.symptoms.len()];
    for (f, fix) in kb.fixes.iter().enumerate() {
        let always_excluded = kb.rules.iter().any(|r| {
            r.symptoms.is_empty()
                && r.when.eval(&nothing) == Tri::True
                && r.effect == Effect::Exclude { fix: f }
        });
        let hopeless = fix.repairs.iter().all(|&(cause, p)| {
            p <= 0.0 || (cause < kb.causes.len() && kb.causes[cause].prior <= 0.0)
        });
        if always_excluded || hopeless || !can_open(kb, fix) {
            let d = &doc.fixes[f];
            c.warn(
                Code::UnreachableFix,
                At::of(d.file, &d.id),
                format!("fix '{}' can never be scheduled", d.id.value),
                "check its when/requires conditions, the rules that exclude it, and its causes' priors",
            );
        }
    }
    for (q, question) in kb.questions.iter().enumerate() {
        let read = !kb.index.rules_by_symptom[question.symptom].is_empty()
            || !kb.index.fixes_by_symptom[question.symptom].is_empty();
        let observes = question.answers.iter().any(|a| a.value.is_some());
        if !read || !observes {
            let d = &doc.questions[q];
            c.warn(
                Code::UselessQuestion,
                At::of(d.file, &d.id),
                format!("question '{}' can never save time", d.id.value),
                if observes {
                    format!(
                        "no rule or fix reads symptom '{}'",
                        kb.symptoms[question.symptom].id
                    )
                } else {
                    "every answer is \"don't know\": give answers a value".to_string()
                },
            );
        }
    }
}

/// Most symptoms a fix's conditions may read before the search gives up
/// (and assumes the fix can be scheduled).
const MAX_SEARCHED: usize = 6;

/// Whether some observations make `when` not false and `requires` true:
/// tries every combination of unknown and each distinguishable value of
/// the symptoms the conditions read.
fn can_open(kb: &KnowledgeBase, fix: &Fix) -> bool {
    let mut read = Vec::new();
    for cond in fix.when.iter().chain(&fix.requires) {
        cond.symptoms(&mut read);
    }
    read.sort_unstable();
    read.dedup();
    if read.len() > MAX_SEARCHED {
        return true;
    }
    let options: Vec<Vec<Option<Value>>> = read
        .iter()
        .map(|&s| {
            let mut values = vec![None];
            match &kb.symptoms[s].kind {
                SymptomKind::Bool => {
                    values.extend([Some(Value::Bool(true)), Some(Value::Bool(false))])
                }
                SymptomKind::Choice(choices) => {
                    values.extend(choices.iter().map(|c| Some(Value::Choice(c.value.clone()))))
                }
                SymptomKind::Number { .. } => {
                    let mut numbers = Vec::new();
                    for cond in fix.when.iter().chain(&fix.requires) {
                        cond.numbers(s, &mut numbers);
                    }
                    for n in numbers {
                        values.extend([n - 0.5, n, n + 0.5].map(|x| Some(Value::Number(x))));
                    }
                    values.push(Some(Value::Number(0.0)));
                }
            }
            values
        })
        .collect();
    let mut observed = vec![None; kb.symptoms.len()];
    let mut choice = vec![0; read.len()];
    loop {
        for (i, &s) in read.iter().enumerate() {
            observed[s] = options[i][choice[i]].clone();
        }
        let when_ok = fix
            .when
            .as_ref()
            .is_none_or(|c| c.eval(&observed) != Tri::False);
        let requires_ok = fix
            .requires
            .as_ref()
            .is_none_or(|c| c.eval(&observed) == Tri::True);
        if when_ok && requires_ok {
            return true;
        }
        // Next combination, like an odometer.
        let mut i = 0;
        loop {
            if i == read.len() {
                return false;
            }
            choice[i] += 1;
            if choice[i] < options[i].len() {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}
