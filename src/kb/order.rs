//! Indexes for inference, the ordering graph between fixes, and the static
//! checks that need the whole knowledge base.

use super::compile::{At, Compiler};
use super::*;
use crate::expr::Tri;
use crate::value::Value;

pub(super) fn build_index(
    c: &mut Compiler,
    kb: &KnowledgeBase,
    ids: HashMap<String, ItemRef>,
) -> Index {
    let mut rules_by_symptom = vec![Vec::new(); kb.symptoms.len()];
    for (r, rule) in kb.rules.iter().enumerate() {
        for &s in &rule.symptoms {
            rules_by_symptom[s].push(r);
        }
    }
    let mut fixes_by_cause = vec![Vec::new(); kb.belief_len()];
    for (f, fix) in kb.fixes.iter().enumerate() {
        for &(cause, p) in &fix.repairs {
            if p > 0.0 && !fixes_by_cause[cause].contains(&f) {
                fixes_by_cause[cause].push(f);
            }
        }
    }
    let mut fixes_by_symptom = vec![Vec::new(); kb.symptoms.len()];
    for (f, fix) in kb.fixes.iter().enumerate() {
        let mut read = Vec::new();
        for cond in fix.when.iter().chain(&fix.requires) {
            cond.symptoms(&mut read);
        }
        read.sort_unstable();
        read.dedup();
        read.into_iter().for_each(|s| fixes_by_symptom[s].push(f));
    }
    let before = ordering(kb, &fixes_by_cause);
    report_cycles(c, kb, &before);
    let mut after = vec![Vec::new(); kb.fixes.len()];
    for (f, preds) in before.iter().enumerate() {
        for &b in preds {
            after[b].push(f);
        }
    }
    let mut by_id: Vec<usize> = (0..kb.fixes.len()).collect();
    by_id.sort_by(|&a, &b| kb.fixes[a].id.cmp(&kb.fixes[b].id));
    let mut fix_rank = vec![0; kb.fixes.len()];
    for (rank, f) in by_id.into_iter().enumerate() {
        fix_rank[f] = rank;
    }
    Index {
        ids,
        rules_by_symptom,
        fixes_by_cause,
        fixes_by_symptom,
        before,
        after,
        fix_rank,
    }
}

/// For each fix, the fixes that must precede it: its `after` list, and for
/// a data-risking fix every safe fix that repairs one of the same causes.
fn ordering(kb: &KnowledgeBase, fixes_by_cause: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut before: Vec<Vec<usize>> = kb.fixes.iter().map(|f| f.after.clone()).collect();
    for (f, fix) in kb.fixes.iter().enumerate() {
        if fix.risk != Risk::DataRisk || Some(f) == kb.escalation {
            continue;
        }
        for &(cause, p) in &fix.repairs {
            if p <= 0.0 {
                continue;
            }
            for &safe in &fixes_by_cause[cause] {
                let is_safe = kb.fixes[safe].risk == Risk::Safe && Some(safe) != kb.escalation;
                if is_safe && !before[f].contains(&safe) {
                    before[f].push(safe);
                }
            }
        }
    }
    before
}

fn report_cycles(c: &mut Compiler, kb: &KnowledgeBase, before: &[Vec<usize>]) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; kb.fixes.len()];
    let mut reported = vec![false; kb.fixes.len()];
    for start in 0..kb.fixes.len() {
        if marks[start] != Mark::New {
            continue;
        }
        // Iterative DFS keeping the path, so a cycle can be named in full.
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            if let Some(&pred) = before[node].get(*next) {
                *next += 1;
                match marks[pred] {
                    Mark::New => {
                        marks[pred] = Mark::Open;
                        path.push((pred, 0));
                    }
                    Mark::Open => {
                        let from = path.iter().position(|&(n, _)| n == pred).unwrap_or(0);
                        let cycle: Vec<usize> = path[from..].iter().map(|&(n, _)| n).collect();
                        if !cycle.iter().any(|&n| reported[n]) {
                            cycle.iter().for_each(|&n| reported[n] = true);
                            cycle_error(c, kb, &cycle);
                        }
                    }
                    Mark::Done => {}
                }
            } else {
                marks[node] = Mark::Done;
                path.pop();
            }
        }
    }
}

fn cycle_error(c: &mut Compiler, kb: &KnowledgeBase, cycle: &[usize]) {
    let mut names: Vec<&str> = cycle.iter().map(|&f| kb.fixes[f].id.as_str()).collect();
    names.push(names[0]);
    let first = &c.doc.fixes[cycle[0]];
    let at = first
        .after
        .first()
        .map_or(At::of(first.file, &first.id), |a| At::of(first.file, a));
    c.error(
        "ordering-cycle",
        at,
        format!("ordering cycle: {} (each must come after the next)", names.join(" after ")),
        "remove one `after` entry; note that a data_risk fix always follows the safe fixes for its causes",
    );
}

/// Warnings an author wants before readers find the gaps.
pub(super) fn analyse(c: &mut Compiler, kb: &KnowledgeBase) {
    let mut read = vec![false; kb.symptoms.len()];
    let mut mark = |cond: &Option<crate::expr::Cond>| {
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
                "unused-symptom",
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
                "unrepaired-cause",
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
                "unreachable-fix",
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
                "useless-question",
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
