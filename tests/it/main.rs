#![cfg(not(target_arch = "wasm32"))]
//! One integration binary: the crate is linked once for every suite.

// Test helpers may panic: a panic is how a test reports failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod diagnostics;
mod planner;
mod properties;
mod scenarios;
mod session;

use fixplan::authoring::{load_files, Loaded};
use fixplan::{KnowledgeBase, Situation};

pub const MINI: &str = include_str!("mini.toml");

/// Loads TOML files given as (name, text); panics with the rendered
/// diagnostics if the knowledge base has errors.
pub fn load(files: &[(&str, &str)]) -> Loaded {
    load_files(
        files
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect(),
    )
}

pub fn mini() -> KnowledgeBase {
    let loaded = load(&[("mini.toml", MINI)]);
    let rendered: Vec<String> = loaded.diagnostics.iter().map(|d| d.render()).collect();
    loaded
        .kb
        .unwrap_or_else(|| panic!("mini.toml does not load:\n{}", rendered.concat()))
}

/// A situation from `id` / `id=value` observations.
pub fn observe(kb: &KnowledgeBase, observations: &[&str]) -> Situation {
    let mut s = Situation::new(kb);
    for text in observations {
        let (id, value) = fixplan::parse_observation(text);
        let i = kb
            .symptom_index(&id)
            .unwrap_or_else(|| panic!("no symptom {id}"));
        s.observed[i] = Some(value);
    }
    s
}

/// The plan's fix ids for some observations.
pub fn plan_ids(kb: &KnowledgeBase, situation: &Situation) -> Vec<String> {
    fixplan::plan(kb, situation)
        .steps
        .iter()
        .map(|s| kb.fixes[s.fix].id.clone())
        .collect()
}
