//! Every knowledge base's scenarios, through the same harness as the CLI.

use fixplan::authoring::load_dir;
use fixplan::authoring::scenario;
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
        let (again, diagnostics) = fixplan::compiled::from_json(&fixplan::compiled::to_json(&kb));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let again = again.expect("reads back");
        for s in &loaded.scenarios {
            let session = scenario::session(&kb, s)
                .unwrap_or_else(|e| panic!("{}: the scenario does not build: {e:?}", s.name));
            let (a, b) = (session.recommend(&kb), session.recommend(&again));
            // Numbers are stored to nine decimals: the same steps, question
            // and reasons, with minutes equal to far below what is shown.
            let steps = |r: &fixplan::Recommendation| -> Vec<_> {
                r.plan
                    .steps
                    .iter()
                    .map(|s| (s.fix, s.reasons.clone()))
                    .collect()
            };
            assert_eq!(steps(&a), steps(&b), "{}: plans differ", s.name);
            assert_eq!(
                a.question.map(|q| q.question),
                b.question.map(|q| q.question),
                "{}: questions differ",
                s.name
            );
            let drift = (a.plan.expected_minutes - b.plan.expected_minutes).abs();
            assert!(drift < 1e-6, "{}: expected minutes drift {drift}", s.name);
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
    let loaded = fixplan::authoring::load_files(vec![("mini.toml".into(), super::MINI.into())]);
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
    let loaded = fixplan::authoring::load_files(vec![("mini.toml".into(), text)]);
    let kb = loaded.kb.expect("valid");
    let outcome = scenario::run(&kb, &loaded.scenarios[2], &loaded.files);
    assert_eq!(outcome.label, "mini/mini.toml: wrong on purpose");
    assert_eq!(
        outcome.failures,
        vec![
            "expected join_wifi within the first 1 steps, got it at step 2 (plan: free_storage, join_wifi, contact_support)".to_string(),
            "free_storage must not appear, but is step 1".to_string(),
        ]
    );
}

/// The help article's static order (rules/iphone-backup/README.md): in no
/// scenario may the engine's plan take longer than it.
#[test]
fn the_engine_is_never_slower_than_the_help_article_order() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/iphone-backup");
    let loaded = load_dir(Path::new(dir)).expect("folder exists");
    let kb = loaded.kb.expect("valid");
    let article: Vec<usize> = [
        "free_icloud_storage",
        "free_computer_disk_space",
        "get_on_good_wifi",
        "check_cable_and_port",
        "update_ios",
        "update_computer_software",
        "restart_iphone",
        "restart_computer",
        "allow_account_changes",
        "sign_out_and_back_in",
        "contact_apple_support",
    ]
    .iter()
    .map(|id| kb.fix_index(id).expect("in the knowledge base"))
    .collect();
    let mut slower = Vec::new();
    for s in &loaded.scenarios {
        let session = scenario::session(&kb, s).expect("scenario builds");
        let (situation, _) = session.situation(&kb);
        let engine = session.recommend(&kb).plan.expected_minutes;
        let fixed = fixplan::expected_minutes_of_order(&kb, &situation, &article);
        if engine > fixed + 1e-9 {
            slower.push(format!("{}: {engine:.1} > {fixed:.1}", s.name));
        }
    }
    assert!(slower.is_empty(), "{}", slower.join("\n"));
}
