//! Every knowledge base's scenarios, through the same harness as the CLI.

use fixplan::kb::load_dir;
use fixplan::scenario;
use std::path::Path;

/// Runs every scenario against the knowledge base as compiled from source
/// and, with `compiled`, as the browser loads it (written and read back).
fn run_all(dir: &str) -> (usize, Vec<String>) {
    run_all_as(dir, false)
}

fn run_all_as(dir: &str, compiled: bool) -> (usize, Vec<String>) {
    let loaded = load_dir(Path::new(dir)).expect("folder exists");
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    assert!(errors.is_empty(), "{}", errors.concat());
    let mut kb = loaded.kb.expect("valid");
    if compiled {
        let (again, diagnostics) = fixplan::kb::from_json(&fixplan::kb::to_json(&kb));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let again = again.expect("reads back");
        for s in &loaded.scenarios {
            let Ok(session) = scenario::session(&kb, s) else {
                continue;
            };
            let (a, b) = (session.recommend(&kb), session.recommend(&again));
            // Numbers are stored exactly: the same recommendation, to the bit.
            assert_eq!(a, b, "{}: recommendations differ", s.name);
        }
        kb = again;
    }
    let mut failures = Vec::new();
    for s in &loaded.scenarios {
        let outcome = scenario::run(&kb, s, &loaded.files);
        failures.extend(
            outcome
                .failures
                .iter()
                .map(|f| format!("[{}] {f}", outcome.label)),
        );
    }
    (loaded.scenarios.len(), failures)
}

#[test]
fn mini_scenarios_pass() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it");
    let loaded = fixplan::kb::load_files(vec![("mini.toml".into(), super::MINI.into())]);
    let kb = loaded.kb.expect("valid");
    assert_eq!(loaded.scenarios.len(), 2);
    for s in &loaded.scenarios {
        let outcome = scenario::run(&kb, s, &loaded.files);
        assert!(outcome.passed(), "{dir}: {:?}", outcome.failures);
    }
}

#[test]
fn iphone_backup_scenarios_pass() {
    let (count, failures) = run_all(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/iphone-backup"));
    assert!(count > 0, "no scenarios found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn iphone_backup_scenarios_pass_on_the_compiled_form_the_browser_loads() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/iphone-backup");
    let (count, failures) = run_all_as(dir, true);
    assert!(count > 0, "no scenarios found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_failing_scenario_says_what_and_where() {
    let text = super::MINI.to_string()
        + "\n[[scenario]]\nname = \"wrong on purpose\"\nobserve = [\"channel=icloud\", \"storage_full\"]\nexpect = [\"join_wifi\"]\nwithin = 1\nabsent = [\"free_storage\"]\n";
    let loaded = fixplan::kb::load_files(vec![("mini.toml".into(), text)]);
    let kb = loaded.kb.expect("valid");
    let outcome = scenario::run(&kb, &loaded.scenarios[2], &loaded.files);
    assert_eq!(outcome.label, "mini/mini.toml: wrong on purpose");
    assert_eq!(
        outcome.failures,
        vec![
            "expected join_wifi within the first 1 steps, got it at step 2 (plan: free_storage, join_wifi, rename_old_backup)".to_string(),
            "free_storage must not appear, but is step 1".to_string(),
        ]
    );
}
