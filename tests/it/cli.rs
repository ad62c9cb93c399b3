//! The authors' CLI, run as a real process.

use std::process::{Command, Output};

fn fixplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fixplan"))
        .args(args)
        .output()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A throwaway knowledge-base folder holding the given files.
fn folder(name: &str, files: &[(&str, &str)]) -> String {
    let dir = std::env::temp_dir().join(format!("fixplan-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, body) in files {
        std::fs::write(dir.join(file), body).unwrap();
    }
    dir.to_string_lossy().into_owned()
}

#[test]
fn check_ends_with_the_summary_line() {
    let dir = folder("ok", &[("mini.toml", super::MINI)]);
    let out = fixplan(&["check", &dir]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "mini 1: 5 symptoms, 4 causes, 6 fixes, 1 questions, 6 rules, 2 scenarios passed\n"
    );
}

#[test]
fn check_prints_every_error_with_a_caret_and_fails() {
    let broken = super::MINI
        .replace("when = 'wifi_ok'", "when = 'wifi_ko'")
        .replace("prior = 0.1", "prior = 2");
    let dir = folder("broken", &[("mini.toml", &broken)]);
    let out = fixplan(&["check", &dir]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("mini.toml:82:9: error[unknown-symptom]: unknown symptom 'wifi_ko'\n   |\n82 | when = 'wifi_ko'\n   |         ^^^^^^^\n  help: did you mean 'wifi_ok'?"), "{err}");
    assert!(err.contains("error[probability-out-of-range]"), "{err}");
    assert!(err.contains("2 error(s)"), "{err}");
}

#[test]
fn failing_scenarios_fail_the_check() {
    let wrong = super::MINI.replace("expect = [\"free_storage\"]", "expect = [\"join_wifi\"]");
    let dir = folder("scenario", &[("mini.toml", &wrong)]);
    let out = fixplan(&["check", &dir]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains(
        "[mini/mini.toml: full bar on iCloud] expected join_wifi within the first 1 steps"
    ));
}

#[test]
fn bad_invocations_get_a_message_not_a_panic() {
    for (args, want) in [
        (
            vec!["check", "/no/such/folder"],
            "no such knowledge base folder",
        ),
        (vec!["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (
            vec!["plan"],
            "required arguments were not provided:\n  <kb-dir>",
        ),
        (
            vec!["check", "rules", "--bogus"],
            "unexpected argument '--bogus'",
        ),
    ] {
        let out = fixplan(&args);
        assert!(!out.status.success(), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let dir = folder("observe", &[("mini.toml", super::MINI)]);
    let out = fixplan(&["plan", &dir, "--observe", "storage_ful"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr)
        .contains("unknown symptom 'storage_ful' in --observe: did you mean 'storage_full'?"));
}

#[test]
fn plan_json_has_the_documented_shape() {
    let dir = folder("json", &[("mini.toml", super::MINI)]);
    let out = fixplan(&[
        "plan",
        &dir,
        "--observe",
        "channel=icloud",
        "--observe",
        "storage_full",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let step = &v["steps"][0];
    assert_eq!(step["fix"], "free_storage");
    assert!(step["title"].is_string() && step["minutes"].is_number() && step["p"].is_number());
    assert!(step["why"].as_array().is_some_and(|w| !w.is_empty()));
    assert!(v["question"].is_null());
    assert!(v["expected_minutes"].as_f64().unwrap() > 0.0);
    assert_eq!(v["causes"][0]["id"], "icloud_full");
    assert!(v["warnings"].is_array());
}

#[test]
fn recognize_build_and_compare() {
    let dir = folder("tools", &[("mini.toml", super::MINI)]);
    let out = fixplan(&["recognize", &dir, "Backup failed (error -50) in Finder"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["codes"][0], -50.0);
    assert_eq!(v["observations"][0]["symptom"], "channel");

    let target = format!("{dir}/compiled.json");
    assert!(fixplan(&["build", &dir, "-o", &target]).status.success());
    let json = std::fs::read_to_string(&target).unwrap();
    assert!(fixplan::kb::from_json(&json).0.is_some());

    let out = fixplan(&[
        "compare",
        &dir,
        "--order",
        "contact_support,join_wifi,free_storage,swap_cable",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("mean ratio engine/fixed over 2 scenarios: 0."),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn build_refuses_to_write_a_file_the_widget_could_not_load() {
    let nots = "not ".repeat(80);
    let kb = format!(
        "[knowledge_base]\nid = \"deep\"\nversion = \"1\"\ntitle = \"Deep\"\n\n[[symptom]]\nid = \"s\"\ntitle = \"S\"\n\n[[cause]]\nid = \"c\"\ntitle = \"C\"\nprior = 0.5\n\n[[rule]]\nwhen = '{nots}s'\nthen = {{ cause = \"c\", likelihood_ratio = 2.0 }}\nwhy = \"deep\"\n\n[[fix]]\nid = \"f\"\ntitle = \"F\"\nminutes = 1\nrepairs = {{ c = 0.5 }}\n"
    );
    let dir = folder("deep", &[("kb.toml", &kb)]);
    let target = format!("{dir}/out.json");
    let out = fixplan(&["build", &dir, "-o", &target]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("the compiled form would not load"),
        "{}",
        text(&out.stderr)
    );
    assert!(!std::path::Path::new(&target).exists());
    let out = fixplan(&["check", &dir]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("the compiled form would not load"));
}
