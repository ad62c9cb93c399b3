//! The authors' CLI, run as a real process.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn fixplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fixplan"))
        .args(args)
        .output()
        .expect("runs")
}

/// Runs with `stdin` on standard input; with `close_stdout`, the reading end
/// of its standard output is closed before it is given any input, so its
/// first write meets a closed pipe.
fn fixplan_fed(args: &[&str], stdin: &[u8], close_stdout: bool) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fixplan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if close_stdout {
        drop(child.stdout.take());
    }
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // A writer thread: the program may stop reading (and exit) early.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("waits");
    writer.join().unwrap();
    out
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
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
        "mini 1 (en): 5 symptoms, 4 causes, 6 fixes, 1 questions, 6 rules, 2 scenarios passed\n"
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
    let step = &v["plan"]["steps"][0];
    assert_eq!(step["fix"], "free_storage");
    assert!(step["title"].is_string() && step["minutes"].is_number() && step["p"].is_number());
    assert!(step["why"].as_array().is_some_and(|w| !w.is_empty()));
    assert!(v["question"].is_null());
    assert!(v["plan"]["expected_minutes"].as_f64().unwrap() > 0.0);
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
    assert!(fixplan::compiled::from_json(&json).0.is_some());

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
    // The validator the widget runs refuses it at its source line.
    assert!(
        text(&out.stderr).contains("kb.toml:16:8: error[condition-too-deep]"),
        "{}",
        text(&out.stderr)
    );
    assert!(!std::path::Path::new(&target).exists());
    let out = fixplan(&["check", &dir]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("error[condition-too-deep]"));
}

#[test]
fn every_command_has_its_own_help() {
    for (command, mentions) in [
        ("check", &["<kb-dir>", "scenarios"][..]),
        (
            "plan",
            &["<kb-dir>", "--observe", "--text", "--failed", "--json"],
        ),
        ("recognize", &["<kb-dir>", "<text>", "standard input"]),
        ("build", &["<kb-dir>", "-o, --output <file>"]),
        ("compare", &["<kb-dir>", "--order"]),
        (
            "list",
            &["<kb-dir>", "symptoms, fixes, questions, causes", "--json"],
        ),
        (
            "verify",
            &[
                "<file>",
                "check a compiled knowledge base exactly as the widget will before deploying it",
            ],
        ),
    ] {
        let out = fixplan(&[command, "--help"]);
        assert!(out.status.success(), "{command}: {}", text(&out.stderr));
        let help = text(&out.stdout);
        assert!(
            help.contains(&format!("Usage: fixplan {command}")),
            "{help}"
        );
        for word in mentions {
            assert!(help.contains(word), "{command} --help lacks {word}: {help}");
        }
    }
    let out = fixplan(&["--help"]);
    assert!(out.status.success());
    for command in [
        "check",
        "plan",
        "recognize",
        "build",
        "compare",
        "list",
        "verify",
    ] {
        assert!(
            text(&out.stdout).contains(&format!("  {command} ")),
            "{command}"
        );
    }
    let out = fixplan(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        format!("fixplan {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_options_and_stray_arguments_are_usage_errors() {
    let dir = folder("stray", &[("mini.toml", super::MINI)]);
    for (args, want) in [
        (
            vec!["plan", &dir, "storage_full"],
            "unexpected argument 'storage_full'",
        ),
        (
            vec!["plan", &dir, "--observ", "x"],
            "unexpected argument '--observ'",
        ),
        (
            vec!["list", &dir, "fixes", "extra"],
            "unexpected argument 'extra'",
        ),
        (vec!["build", &dir], "--output <file>"),
        (
            vec!["compare", &dir, "--order"],
            "a value is required for '--order",
        ),
    ] {
        let out = fixplan(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // The forgotten --observe gets a tip.
    let out = fixplan(&["plan", &dir, "storage_full"]);
    assert!(text(&out.stderr).contains("--observe storage_full"));
}

/// The row of a `list` table whose first column is `id`, split into columns.
fn row(listing: &str, id: &str) -> Vec<String> {
    let line = listing
        .lines()
        .find(|l| l.split_whitespace().next() == Some(id))
        .unwrap_or_else(|| panic!("no row {id} in\n{listing}"));
    line.trim()
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn list_shows_each_kind_as_a_table_or_json() {
    let dir = folder("list", &[("mini.toml", super::MINI)]);
    let all = fixplan(&["list", &dir]);
    assert!(all.status.success(), "{}", text(&all.stderr));
    let all = text(&all.stdout);
    for heading in ["symptoms (5)", "fixes (6)", "questions (1)", "causes (5)"] {
        assert!(all.lines().any(|l| l == heading), "{heading}: {all}");
    }

    let symptoms = text(&fixplan(&["list", &dir, "symptoms"]).stdout);
    assert!(!symptoms.contains("fixes ("), "{symptoms}");
    assert_eq!(
        row(&symptoms, "channel"),
        ["channel", "choice", "icloud, finder"]
    );
    assert_eq!(
        row(&symptoms, "storage_full"),
        ["storage_full", "yes/no", "Storage bar is full"]
    );
    assert_eq!(
        row(&symptoms, "error_code"),
        ["error_code", "number", "Error code"]
    );

    let fixes = text(&fixplan(&["list", &dir, "fixes"]).stdout);
    assert_eq!(
        row(&fixes, "delete_old_backup"),
        [
            "delete_old_backup",
            "3",
            "data_risk",
            "Delete the old backup"
        ]
    );
    let questions = text(&fixplan(&["list", &dir, "questions"]).stdout);
    assert_eq!(
        row(&questions, "ask_channel"),
        ["ask_channel", "channel", "icloud: iCloud | finder: Finder"]
    );
    let causes = text(&fixplan(&["list", &dir, "causes"]).stdout);
    assert_eq!(
        row(&causes, "icloud_full"),
        ["icloud_full", "0.2", "iCloud storage is full"]
    );
    assert_eq!(row(&causes, "other"), ["other", "0.05", "something else"]);

    let v = json(&fixplan(&["list", &dir, "--json"]));
    assert_eq!(v["symptoms"][0]["id"], "channel");
    assert_eq!(v["symptoms"][0]["kind"], "choice");
    assert_eq!(
        v["symptoms"][0]["values"],
        serde_json::json!(["icloud", "finder"])
    );
    assert_eq!(v["symptoms"][1]["kind"], "bool");
    assert_eq!(v["fixes"][4]["risk"], "data_risk");
    assert_eq!(v["fixes"][4]["minutes"], 3.0);
    assert_eq!(v["questions"][0]["symptom"], "channel");
    assert_eq!(v["questions"][0]["answers"][1]["value"], "finder");
    assert_eq!(v["causes"][4]["id"], "other");
    let fixes_only = json(&fixplan(&["list", &dir, "fixes", "--json"]));
    let keys: Vec<&String> = fixes_only.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["fixes"]);
}

#[test]
fn choice_values_match_in_any_case_and_are_recorded_as_spelt() {
    let dir = folder("case", &[("mini.toml", super::MINI)]);
    let v = json(&fixplan(&[
        "plan",
        &dir,
        "--observe",
        "channel=ICloud",
        "--observe",
        "storage_full",
        "--json",
    ]));
    assert_eq!(v["plan"]["steps"][0]["fix"], "free_storage");
    // The rule `channel == "icloud"` fired: the value was made canonical.
    assert_eq!(v["causes"][0]["id"], "icloud_full");
}

#[test]
fn a_wrong_choice_lists_the_possible_values() {
    let dir = folder("choice", &[("mini.toml", super::MINI)]);
    let out = fixplan(&["plan", &dir, "--observe", "channel=icloud_x"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("'icloud_x' is not a possible value of 'channel' (did you mean 'icloud'?); the values are: icloud, finder"),
        "{err}"
    );
}

#[test]
fn a_choice_needs_a_value_and_a_yes_no_symptom_does_not() {
    let dir = folder("novalue", &[("mini.toml", super::MINI)]);
    let out = fixplan(&["plan", &dir, "--observe", "channel"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("'channel' needs a value: write channel=VALUE with one of: icloud, finder"),
        "{err}"
    );
    assert!(!err.contains("'yes'"), "{err}");

    let out = fixplan(&["plan", &dir, "--observe", "error_code"]);
    assert!(text(&out.stderr).contains("'error_code' needs a number"));

    let v = json(&fixplan(&[
        "plan",
        &dir,
        "--observe",
        "channel=finder",
        "--observe",
        "other_copy",
        "--observe",
        "wifi_ok=NO",
        "--observe",
        "error_code=-36",
        "--json",
    ]));
    let fixes: Vec<&str> = v["plan"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["fix"].as_str().unwrap())
        .collect();
    // `other_copy` alone means yes: the fix that requires it is offered.
    assert!(fixes.contains(&"delete_old_backup"), "{fixes:?}");
}

#[test]
fn several_texts_are_joined() {
    let dir = folder("texts", &[("mini.toml", super::MINI)]);
    let v = json(&fixplan(&[
        "plan",
        &dir,
        "--text",
        "Backing up in Finder",
        "--text",
        "-36 again",
        "--json",
    ]));
    assert_eq!(
        v["recognized"],
        serde_json::json!([
            { "symptom": "channel", "value": "finder" },
            { "symptom": "error_code", "value": -36.0 },
        ])
    );
}

#[test]
fn text_dash_reads_standard_input_up_to_a_limit() {
    let dir = folder("stdin", &[("mini.toml", super::MINI)]);
    let message = b"The backup failed (error -36) in Finder";
    let v = json(&fixplan_fed(
        &["plan", &dir, "--text", "-", "--json"],
        message,
        false,
    ));
    assert_eq!(v["recognized"][0]["value"], "finder");
    assert_eq!(v["recognized"][1]["value"], -36.0);
    assert_eq!(v["plan"]["steps"][0]["fix"], "rename_old_backup");

    let v = json(&fixplan_fed(&["recognize", &dir, "-"], message, false));
    assert_eq!(v["codes"][0], -36.0);

    let huge = vec![b'a'; (1 << 20) + 1];
    let out = fixplan_fed(&["plan", &dir, "--text", "-"], &huge, false);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--text -: standard input is over 1 MB"),
        "{}",
        text(&out.stderr)
    );
    let out = fixplan_fed(&["plan", &dir, "--text", "-"], &huge[1..], false);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn an_explicit_observation_beats_the_text_and_says_so() {
    let dir = folder("beats", &[("mini.toml", super::MINI)]);
    let args = [
        "plan",
        &dir,
        "--observe",
        "channel=icloud",
        "--text",
        "It fails in Finder",
    ];
    let out = fixplan(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plan = text(&out.stdout);
    assert_eq!(
        plan.lines()
            .filter(|l| l.starts_with("note:"))
            .collect::<Vec<_>>(),
        ["note: --observe channel=icloud kept; the text suggested finder"],
        "{plan}"
    );
    // The plan is iCloud's: the cable fix applies to Finder only.
    assert!(!plan.contains("swap_cable"), "{plan}");

    let v = json(&fixplan(&[&args[..], &["--json"]].concat()));
    assert_eq!(
        v["notes"],
        serde_json::json!(["--observe channel=icloud kept; the text suggested finder"])
    );
    assert_eq!(v["recognized"][0]["value"], "finder");
    assert!(v["plan"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["fix"] != "swap_cable"));

    // Agreeing with the text is not worth a note.
    let out = fixplan(&[
        "plan",
        &dir,
        "--observe",
        "channel=finder",
        "--text",
        "Finder",
    ]);
    assert!(!text(&out.stdout).contains("note:"));
}

#[test]
fn a_closed_standard_output_ends_quietly() {
    let dir = folder("pipe", &[("mini.toml", super::MINI)]);
    let message = b"The backup failed (error -36) in Finder";
    for args in [
        &["plan", &dir, "--text", "-"][..],
        &["plan", &dir, "--text", "-", "--json"],
        &["recognize", &dir, "-"],
    ] {
        let out = fixplan_fed(args, message, true);
        let err = text(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn plan_json_has_what_the_text_gave_and_each_steps_risk() {
    let dir = folder("risk", &[("mini.toml", super::MINI)]);
    let v = json(&fixplan(&[
        "plan",
        &dir,
        "--observe",
        "other_copy",
        "--json",
    ]));
    assert_eq!(v["recognized"], serde_json::json!([]));
    assert_eq!(v["notes"], serde_json::json!([]));
    let v = json(&fixplan(&[
        "plan",
        &dir,
        "--observe",
        "other_copy",
        "--text",
        "error -36",
        "--json",
    ]));
    assert_eq!(
        v["recognized"],
        serde_json::json!([{ "symptom": "error_code", "value": -36.0 }])
    );
    let risks: Vec<(&str, &str)> = v["plan"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["fix"].as_str().unwrap(), s["risk"].as_str().unwrap()))
        .collect();
    assert!(
        risks.contains(&("delete_old_backup", "data_risk")),
        "{risks:?}"
    );
    assert!(risks.contains(&("rename_old_backup", "safe")), "{risks:?}");
}

#[test]
fn verify_reads_a_compiled_file_as_the_widget_will() {
    let dir = folder("verify", &[("mini.toml", super::MINI)]);
    let target = format!("{dir}/mini.json");
    assert!(fixplan(&["build", &dir, "-o", &target]).status.success());
    let out = fixplan(&["verify", &target]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ok: mini 1\n");

    let whole = std::fs::read_to_string(&target).unwrap();
    let damaged = format!("{dir}/damaged.json");
    std::fs::write(&damaged, &whole[..whole.len() / 2]).unwrap();
    let out = fixplan(&["verify", &damaged]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "{damaged}: error[invalid-json]: the knowledge base is not valid JSON"
        )),
        "{err}"
    );
    assert!(err.contains("help: build it with `fixplan build`"), "{err}");

    std::fs::write(&damaged, r#"{"format": 1}"#).unwrap();
    let out = fixplan(&["verify", &damaged]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error[unsupported-format]"));

    // Well-formed but unsafe: the data-risk fix has lost its guard.
    let mut kb = super::mini();
    let wipe = kb.fix_index("delete_old_backup").unwrap();
    kb.fixes[wipe].requires = None;
    std::fs::write(&damaged, fixplan::compiled::to_json(&kb)).unwrap();
    let out = fixplan(&["verify", &damaged]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("error[unguarded-data-risk]: fix 'delete_old_backup' risks data"),
        "{err}"
    );

    let out = fixplan(&["verify", &format!("{dir}/missing.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("missing.json"));
}

#[test]
fn eval_scores_chips_and_typed_stories_against_the_floors() {
    let stories = "[floors.en]\nchips_top3 = 1.0\ntext_top3 = 0.5\n\n\
        [[story]]\nid = \"full\"\nlang = \"en\"\ntext = \"my icloud backup fails, the storage is full\"\n\
        chips = [\"channel=icloud\", \"storage_full\"]\nexpect = [\"free_storage\"]\nnever = [\"delete_old_backup\"]\n\n\
        [[story]]\nid = \"vague\"\nlang = \"en\"\ntext = \"it does not work\"\nchips = [\"channel=finder\", \"error_code=-36\"]\nexpect = [\"rename_old_backup\"]\n";
    let dir = folder("eval", &[("mini.toml", super::MINI)]);
    std::fs::create_dir_all(format!("{dir}/stories")).unwrap();
    std::fs::write(format!("{dir}/stories/en.toml"), stories).unwrap();
    let out = fixplan(&["eval", &dir, "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let en = &report["languages"][0];
    assert_eq!(en["stories"], 2);
    assert_eq!(en["chips"]["top3"], 1.0, "{report:#}");
    // The vague text recognises nothing, so only the first typed story hits.
    assert_eq!(en["text"]["top3"], 0.5, "{report:#}");
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A floor above what is measured fails the command, naming the figure.
    std::fs::write(
        format!("{dir}/stories/en.toml"),
        stories.replace("text_top3 = 0.5", "text_top3 = 0.9"),
    )
    .unwrap();
    let out = fixplan(&["eval", &dir]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("en: typed top-3 50.0 % is below its floor of 90.0 %"),
        "{}",
        text(&out.stderr)
    );
    // A story naming a fix the knowledge base lacks is an error.
    std::fs::write(
        format!("{dir}/stories/en.toml"),
        stories.replace(
            "expect = [\"rename_old_backup\"]",
            "expect = [\"rename_old_bakup\"]",
        ),
    )
    .unwrap();
    let out = fixplan(&["eval", &dir]);
    assert!(text(&out.stderr).contains("story 'vague': no fix 'rename_old_bakup'"));
}

#[test]
fn a_translation_builds_its_own_file_and_every_gap_is_an_error() {
    let de = include_str!("mini.de.toml");
    let dir = folder("lang", &[("mini.toml", super::MINI)]);
    std::fs::create_dir_all(format!("{dir}/lang")).unwrap();
    std::fs::write(format!("{dir}/lang/de.toml"), de).unwrap();
    let out = fixplan(&["check", &dir]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("mini 1 (en, de): "),
        "{}",
        text(&out.stdout)
    );
    // German texts end to end, the engine's own reasons included.
    let out = fixplan(&[
        "plan",
        &dir,
        "--lang",
        "de",
        "--observe",
        "channel=icloud",
        "--observe",
        "storage_full",
    ]);
    let plan = text(&out.stdout);
    assert!(
        plan.contains("1. iCloud-Speicher freigeben (free_storage)"),
        "{plan}"
    );
    assert!(
        plan.contains("why: Wahrscheinliche Ursache: Der iCloud-Speicher ist voll ("),
        "{plan}"
    );
    assert!(
        plan.contains("Ein voller Speicherbalken hält iCloud-Backups an. (Sie sagten: iCloud; Speicherbalken ist voll)"),
        "{plan}"
    );
    // German messages are recognised in the German build.
    let out = fixplan(&[
        "plan",
        &dir,
        "--lang",
        "de",
        "--text",
        "Nicht genügend iCloud-Speicher",
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["recognized"][0]["symptom"], "storage_full", "{json:#}");
    // recognize and list speak the language too.
    let out = fixplan(&[
        "recognize",
        &dir,
        "--lang",
        "de",
        "nicht genügend icloud-speicher",
    ]);
    assert!(
        text(&out.stdout).contains("\"storage_full\""),
        "{}",
        text(&out.stdout)
    );
    let out = fixplan(&["list", &dir, "fixes", "--lang", "de"]);
    assert!(
        text(&out.stdout).contains("iCloud-Speicher freigeben"),
        "{}",
        text(&out.stdout)
    );
    // One file per language.
    let target = format!("{dir}/mini.de.json");
    let out = fixplan(&["build", &dir, "--lang", "de", "-o", &target]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let read = fixplan::compiled::from_json(&std::fs::read_to_string(&target).unwrap())
        .0
        .unwrap();
    assert_eq!(
        (read.lang.as_str(), read.fixes[0].title.as_str()),
        ("de", "iCloud-Speicher freigeben")
    );
    let out = fixplan(&["build", &dir, "--lang", "fr", "-o", &target]);
    assert!(
        text(&out.stderr).contains("no 'fr' texts; it is offered in en, de"),
        "{}",
        text(&out.stderr)
    );
    // A gap is an error at the untranslated item; a typo'd id is one too.
    let gappy = de
        .replace(
            "[fixes.join_wifi]\ntitle = \"Mit dem WLAN verbinden\"\n",
            "",
        )
        .replace("[symptoms.wifi_ok]", "[symptoms.wifi_okay]");
    std::fs::write(format!("{dir}/lang/de.toml"), gappy).unwrap();
    let out = fixplan(&["check", &dir]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("error[missing-translation]: no 'de' text for the title of fix 'join_wifi'"),
        "{err}"
    );
    assert!(err.contains("help: add it to lang/de.toml"), "{err}");
    assert!(
        err.contains("error[missing-translation]: no 'de' text for the title of symptom 'wifi_ok'"),
        "{err}"
    );
    assert!(
        err.contains("lang/de.toml:26:11: error[unknown-symptom]: lang/de.toml translates symptom 'wifi_okay'"),
        "{err}"
    );
    // A big translation may be split in files, like the sources; a text
    // translated in two of them is an error.
    std::fs::remove_file(format!("{dir}/lang/de.toml")).unwrap();
    std::fs::create_dir_all(format!("{dir}/lang/de")).unwrap();
    let (first, second) = de.split_at(de.find("[fixes.free_storage]").unwrap());
    std::fs::write(format!("{dir}/lang/de/a.toml"), first).unwrap();
    std::fs::write(format!("{dir}/lang/de/b.toml"), second).unwrap();
    let out = fixplan(&["check", &dir]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    std::fs::write(
        format!("{dir}/lang/de/c.toml"),
        "[fixes.join_wifi]\ntitle = \"WLAN\"\n",
    )
    .unwrap();
    let out = fixplan(&["check", &dir]);
    assert!(
        text(&out.stderr).contains(
            "lang/de/c.toml:1:8: error[duplicate-id]: lang/de: fixes.join_wifi is translated twice"
        ),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn recognize_shows_its_suggestions_and_what_it_left_unread() {
    let dir = folder("suggest", &[("mini.toml", super::MINI)]);
    let out = fixplan(&["recognize", &dir, "not enough icloud storage"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["truncated"], false);
    let first = &json["suggestions"][0];
    assert_eq!(first["symptom"], "storage_full", "{json:#}");
    assert_eq!(first["applied"], true, "{json:#}");
    // A text past the cap is read up to it, and says so.
    let long = "x ".repeat(6_000);
    let out = fixplan(&["recognize", &dir, &long]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["truncated"], true);
}
