//! Indexes for inference and planning, and the ordering graph between fixes.

use crate::prelude::*;

use super::model::*;

/// The indexes inference and planning use, for a knowledge base whose
/// references are all in range.
// Not inlined into the reader: that made the wasm larger.
#[inline(never)]
pub(crate) fn build(kb: &KnowledgeBase, mut ids: Vec<(String, ItemRef)>) -> Index {
    crate::base::sort::sort_by(&mut ids, |a, b| a.0 < b.0);
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
        crate::base::sort::sort_by(&mut read, |a, b| a < b);
        read.dedup();
        read.into_iter().for_each(|s| fixes_by_symptom[s].push(f));
    }
    let before = ordering(kb, &fixes_by_cause);
    let mut after = vec![Vec::new(); kb.fixes.len()];
    for (f, preds) in before.iter().enumerate() {
        for &b in preds {
            after[b].push(f);
        }
    }
    let mut by_id: Vec<usize> = (0..kb.fixes.len()).collect();
    crate::base::sort::sort_by(&mut by_id, |&a, &b| kb.fixes[a].id < kb.fixes[b].id);
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
        lexicon: std::sync::OnceLock::new(),
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

/// Every ordering cycle among the fixes, each named once, as fix indices.
#[inline(never)]
pub(crate) fn cycles(before: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; before.len()];
    let mut reported = vec![false; before.len()];
    for start in 0..before.len() {
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
                            found.push(cycle);
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
    found
}
