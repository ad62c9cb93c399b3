//! Every problem an author can make is reported with file, line, column,
//! a stable code and help, all in one pass.

use super::{load, MINI};
use fixplan::authoring;
use fixplan::compiled;

/// Appends `extra` to the mini knowledge base and returns the rendered
/// diagnostics (errors and warnings) of `extra.toml` only.
fn diagnose(extra: &str) -> String {
    let loaded = load(&[("mini.toml", MINI), ("extra.toml", extra)]);
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.file.as_deref() != Some("mini.toml"))
        .map(|d| d.render())
        .collect()
}

#[test]
fn unknown_symptom_in_a_rule_suggests_the_near_miss() {
    let out = diagnose(
        "[[rule]]\nwhen = 'storage_ful and wifi_ok'\nthen = { cause = \"icloud_full\", likelihood_ratio = 2.0 }\n",
    );
    assert_eq!(
        out,
        "extra.toml:2:9: error[unknown-symptom]: unknown symptom 'storage_ful'\n  |\n2 | when = 'storage_ful and wifi_ok'\n  |         ^^^^^^^^^^^\n  help: did you mean 'storage_full'?\n"
    );
}

#[test]
fn expression_syntax_error_points_at_the_column() {
    let out = diagnose("[[rule]]\nwhen = 'wifi_ok and (storage_full'\nthen = { cause = \"no_wifi\", rule_out = true }\n");
    assert!(
        out.starts_with("extra.toml:2:34: error[expression-syntax]: expected ')'"),
        "{out}"
    );
}

#[test]
fn duplicate_id_names_the_first_file() {
    let out = diagnose("[[cause]]\nid = \"no_wifi\"\nprior = 0.1\n");
    assert!(
        out.starts_with(
            "extra.toml:2:6: error[duplicate-id]: duplicate id 'no_wifi' (first in mini.toml)"
        ),
        "{out}"
    );
}

#[test]
fn probabilities_outside_zero_one_and_non_positive_minutes() {
    let out = diagnose("[[cause]]\nid = \"c2\"\nprior = 1.5\n\n[[fix]]\nid = \"f2\"\nminutes = 0\nrepairs = { c2 = 0.5 }\n");
    assert!(
        out.contains(
            "extra.toml:3:9: error[probability-out-of-range]: prior of 'c2' is 1.5, outside [0, 1]"
        ),
        "{out}"
    );
    assert!(
        out.contains("extra.toml:7:11: error[non-positive-cost]: 'f2' takes 0 minutes"),
        "{out}"
    );
}

#[test]
fn ordering_cycle_is_named_in_full() {
    let out = diagnose(
        "[[fix]]\nid = \"a\"\nminutes = 1\nrepairs = { no_wifi = 0.1 }\nafter = [\"b\"]\n\n[[fix]]\nid = \"b\"\nminutes = 1\nrepairs = { no_wifi = 0.1 }\nafter = [\"a\"]\n",
    );
    assert!(
        out.contains("error[ordering-cycle]: ordering cycle: a after b after a"),
        "{out}"
    );
}

#[test]
fn implicit_safety_order_counts_in_cycles() {
    // A data-risking fix follows safe fixes for its cause; `after` the other way is a cycle.
    let out = diagnose(
        "[[fix]]\nid = \"wipe_cache\"\nminutes = 1\nrisk = \"data_risk\"\nrequires = 'other_copy'\nrepairs = { no_wifi = 0.5 }\n\n[[fix]]\nid = \"toggle_wifi\"\nminutes = 1\nrepairs = { no_wifi = 0.5 }\nafter = [\"wipe_cache\"]\n",
    );
    assert!(out.contains("error[ordering-cycle]"), "{out}");
}

#[test]
fn fix_that_repairs_nothing_and_unguarded_data_risk() {
    let out = diagnose(
        "[[fix]]\nid = \"pray\"\nminutes = 1\nrisk = \"data_risk\"\nrepairs = { no_wifi = 0.0 }\n",
    );
    assert!(
        out.contains("error[repairs-nothing]: fix 'pray' repairs no cause"),
        "{out}"
    );
    assert!(out.contains("error[unguarded-data-risk]"), "{out}");
}

#[test]
fn types_and_choices_are_checked() {
    let out = diagnose(
        "[[rule]]\nwhen = 'channel == \"icluod\" or channel or error_code == \"x\" or wifi_ok < 3'\nthen = { cause = \"no_wifi\", rule_out = true }\n",
    );
    assert!(
        out.contains("error[unknown-choice]: choice 'icluod' is not a value of 'channel'"),
        "{out}"
    );
    assert!(out.contains("help: did you mean 'icloud'?"), "{out}");
    assert!(
        out.contains("error[type-mismatch]: 'channel' is not a yes/no symptom"),
        "{out}"
    );
    assert!(
        out.contains("error[type-mismatch]: choice 'x' is not a value of 'error_code'"),
        "{out}"
    );
    assert!(
        out.contains("error[type-mismatch]: 'wifi_ok' is not a number"),
        "{out}"
    );
}

#[test]
fn unknown_references_everywhere() {
    let out = diagnose(
        "[[fix]]\nid = \"f3\"\nminutes = 1\nrepairs = { no_wif = 0.5 }\nafter = [\"join_wif\"]\n\n[[rule]]\nwhen = 'wifi_ok'\nthen = { fix = \"swap_cabel\", exclude = true }\n",
    );
    assert!(
        out.contains("extra.toml:4:13: error[unknown-cause]: unknown cause 'no_wif' in fix 'f3'\n"),
        "{out}"
    );
    assert!(out.contains("help: did you mean 'no_wifi'?"), "{out}");
    assert!(
        out.contains("error[unknown-fix]: unknown fix 'join_wif' in `after` of 'f3'"),
        "{out}"
    );
    assert!(
        out.contains("error[unknown-fix]: unknown fix 'swap_cabel' in rule"),
        "{out}"
    );
}

#[test]
fn misspelt_fields_are_toml_errors_with_a_position() {
    let out = diagnose("[[cause]]\nid = \"c4\"\npriorr = 0.1\n");
    assert!(
        out.starts_with("extra.toml:3:1: error[invalid-toml]: unknown field `priorr`"),
        "{out}"
    );
}

#[test]
fn a_knowledge_base_needs_its_table() {
    let loaded = load(&[("a.toml", "[[cause]]\nid = \"c\"\nprior = 0.1\n")]);
    assert!(loaded.kb.is_none());
    assert_eq!(
        loaded.diagnostics[0].code.as_str(),
        "missing-knowledge-base"
    );
}

#[test]
fn static_analysis_warns_about_gaps() {
    let out = diagnose("[[symptom]]\nid = \"lonely\"\n\n[[cause]]\nid = \"orphan\"\nprior = 0.1\n");
    assert!(
        out.contains("warning[unused-symptom]: no rule, fix or question reads symptom 'lonely'"),
        "{out}"
    );
    assert!(
        out.contains("warning[unrepaired-cause]: no fix repairs cause 'orphan'"),
        "{out}"
    );
}

#[test]
fn compiled_json_round_trips_and_bad_json_is_data_not_a_panic() {
    let kb = super::mini();
    let json = compiled::to_json(&kb);
    let (again, diagnostics) = compiled::from_json(&json);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let again = again.expect("round trip");
    let s = super::observe(&kb, &["channel=icloud", "storage_full"]);
    assert_eq!(fixplan::plan(&kb, &s), fixplan::plan(&again, &s));

    for bad in [
        "",
        "{",
        "[]",
        "{\"format\":2,\"id\":\"x\",\"symptoms\":7}",
        "{\"format\":5}",
        "{\"format\":5,\"strings\":[],\"model\":[7]}",
        "{\"format\":5,\"strings\":[1],\"model\":[]}",
        "{\"format\":5,\"strings\":[],\"model\":[\"x\"]}",
    ] {
        let (kb, diagnostics) = compiled::from_json(bad);
        assert!(kb.is_none(), "{bad}");
        assert!(diagnostics[0].is_error(), "{bad}");
    }
    // Damage is named: which list, which item, what is wrong.
    let damaged = |damage: &dyn Fn(&mut fixplan::KnowledgeBase)| {
        let mut broken = kb.clone();
        damage(&mut broken);
        let (read, diagnostics) = compiled::from_json(&compiled::to_json(&broken));
        assert!(read.is_none());
        assert!(diagnostics[0].is_error());
        format!("{}: {}", diagnostics[0].code, diagnostics[0].message)
    };
    let message = damaged(&|kb| kb.fixes[1].minutes = -1.0);
    assert!(
        message.contains(&format!(
            "fixes[1] ({}): minutes -1 is not a positive number",
            kb.fixes[1].id
        )),
        "{message}"
    );
    let message = damaged(&|kb| kb.fixes[0].repairs.insert(0, (99, 0.5)));
    assert!(
        message.contains("repairs[0]: 99 is not a cause index"),
        "{message}"
    );
    let message = damaged(&|kb| kb.rules[0].when = fixplan::engine::Cond::Flag(1_000_000_000));
    assert!(
        message.contains("rules[0]: 1000000000 is not a symptom index"),
        "{message}"
    );
    let message = damaged(&|kb| kb.causes[0].prior = 7.0);
    assert!(
        message.contains("prior 7 is not between 0 and 1"),
        "{message}"
    );
    let message = damaged(&|kb| kb.questions[0].answers[0].likelihood[0] = 1.5);
    assert!(
        message.contains("answers[0]: likelihood 1.5 is not between 0 and 1"),
        "{message}"
    );
    let message = damaged(&|kb| kb.questions[0].answers[0].likelihood.push(0.5));
    assert!(message.contains("is not a"), "{message}");
    assert!(message.starts_with("invalid-knowledge-base: "), "{message}");
    // Past the shape, the engine's validator judges meaning, as it does
    // for the authors' sources.
    let message = damaged(&|kb| kb.fixes[1].id = kb.fixes[0].id.clone());
    assert!(
        message.contains(&format!(
            "duplicate-id: the id '{}' is used twice",
            kb.fixes[0].id
        )),
        "{message}"
    );
    let message = damaged(&|kb| kb.fixes[0].after.push(0));
    assert!(message.starts_with("ordering-cycle: "), "{message}");
    let message = damaged(&|kb| {
        let mut deep = fixplan::engine::Cond::Flag(0);
        for _ in 0..200 {
            deep = fixplan::engine::Cond::Not(Box::new(deep));
        }
        kb.rules[0].when = deep;
    });
    assert!(message.contains("nested too deeply"), "{message}");
    // A cut file: the model ends early.
    let json = compiled::to_json(&kb);
    let (_, diagnostics) =
        compiled::from_json(&json.replacen("\"strings\":[", "\"strings\":[\"spare\",", 1));
    assert!(
        diagnostics[0]
            .message
            .contains("1 of the strings are never used"),
        "{}",
        diagnostics[0].message
    );
    let cut = json.replacen("\"model\":[", "\"model\":[1,1,1,", 1);
    assert!(compiled::from_json(&cut).0.is_none());
}

#[test]
fn contradictory_conditions_make_a_fix_unreachable() {
    let out = diagnose(
        "[[fix]]\nid = \"never\"\nminutes = 1\nrequires = 'wifi_ok and not wifi_ok'\nrepairs = { no_wifi = 0.5 }\n\n[[fix]]\nid = \"narrow\"\nminutes = 1\nrequires = 'error_code > 3 and error_code < 4 and channel == \"finder\"'\nrepairs = { no_wifi = 0.5 }\n\n[[fix]]\nid = \"gone\"\nminutes = 1\nrequires = 'error_code > 3 and error_code < 3'\nrepairs = { no_wifi = 0.5 }\n",
    );
    assert!(
        out.contains("warning[unreachable-fix]: fix 'never' can never be scheduled"),
        "{out}"
    );
    assert!(!out.contains("fix 'narrow'"), "{out}");
    assert!(
        out.contains("warning[unreachable-fix]: fix 'gone' can never be scheduled"),
        "{out}"
    );
}

#[test]
fn a_question_nothing_listens_to_is_flagged() {
    let out = diagnose(
        "[[symptom]]\nid = \"mood\"\n\n[[question]]\nid = \"ask_mood\"\nsymptom = \"mood\"\nminutes = 1\nanswers = [{ label = \"Fine\", value = true }]\n",
    );
    assert!(
        out.contains("warning[useless-question]: question 'ask_mood' can never save time"),
        "{out}"
    );
    assert!(
        out.contains("help: no rule or fix reads symptom 'mood'"),
        "{out}"
    );
}

#[test]
fn the_browser_tests_fixture_is_the_build_of_its_source() {
    let root = env!("CARGO_MANIFEST_DIR");
    let loaded =
        fixplan::authoring::load_dir(std::path::Path::new(&format!("{root}/tests/fixtures/demo")))
            .expect("fixture folder");
    let built = compiled::to_json(&loaded.kb.expect("valid"));
    let checked_in = std::fs::read_to_string(format!("{root}/tests/fixtures/demo.json")).unwrap();
    assert_eq!(
        built, checked_in,
        "rebuild it: cargo run -- build tests/fixtures/demo -o tests/fixtures/demo.json"
    );
}

/// The browser tests' well-formed but unsafe file: the demo fixture with
/// its first fix turned into an unguarded data-risk step, as a hand edit or
/// another tool could leave it. The widget must refuse it.
#[test]
fn the_browser_tests_unguarded_fixture_is_current_and_refused() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut kb = compiled::from_json(
        &std::fs::read_to_string(format!("{root}/tests/fixtures/demo.json")).unwrap(),
    )
    .0
    .expect("the demo fixture loads");
    kb.fixes[0].risk = fixplan::engine::Risk::DataRisk;
    kb.fixes[0].requires = None;
    let built = compiled::to_json(&kb);
    let checked_in = std::fs::read_to_string(format!("{root}/tests/fixtures/unguarded.json"))
        .unwrap_or_default();
    if std::env::var_os("FIXPLAN_WRITE_FIXTURES").is_some() {
        std::fs::write(format!("{root}/tests/fixtures/unguarded.json"), &built).unwrap();
    } else {
        assert_eq!(
            built, checked_in,
            "rewrite it: FIXPLAN_WRITE_FIXTURES=1 cargo test --test it unguarded_fixture"
        );
    }
    let (read, diagnostics) = compiled::from_json(&built);
    assert!(read.is_none());
    assert_eq!(diagnostics[0].code.as_str(), "unguarded-data-risk");
}

#[test]
fn a_long_chain_of_conditions_stays_shallow_in_the_compiled_form() {
    let flags: Vec<String> = (0..150).map(|i| format!("s{i}")).collect();
    let mut text = String::from("[knowledge_base]\nid = \"long\"\nversion = \"1\"\ntitle = \"Long\"\n\n[[cause]]\nid = \"c\"\ntitle = \"C\"\nprior = 0.5\n\n[[fix]]\nid = \"f\"\ntitle = \"F\"\nminutes = 1\nrepairs = { c = 0.5 }\n");
    for f in &flags {
        text += &format!("\n[[symptom]]\nid = \"{f}\"\ntitle = \"{f}\"\n");
    }
    text += &format!(
        "\n[[rule]]\nwhen = '{}'\nthen = {{ cause = \"c\", likelihood_ratio = 2.0 }}\nwhy = \"all of them\"\n",
        flags.join(" and ")
    );
    text += &format!(
        "\n[[rule]]\nwhen = '{}'\nthen = {{ cause = \"c\", likelihood_ratio = 2.0 }}\nwhy = \"any of them\"\n",
        flags.join(" or ")
    );
    let loaded = authoring::load_files(vec![("long.toml".into(), text)]);
    let built = loaded.kb.expect("valid");
    let (again, diagnostics) = compiled::from_json(&compiled::to_json(&built));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(again.expect("reads back").rules.len(), 2);
}

/// A compiled file that passes the shape checks but means something unsafe
/// or wrong is refused by the same validator authoring runs.
#[test]
fn compiled_file_that_is_well_formed_but_invalid_is_refused() {
    let kb = super::mini();
    let damaged = |damage: &dyn Fn(&mut fixplan::KnowledgeBase)| {
        let mut broken = kb.clone();
        damage(&mut broken);
        let (read, diagnostics) = compiled::from_json(&compiled::to_json(&broken));
        assert!(read.is_none(), "{diagnostics:?}");
        diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let wipe = kb.fix_index("delete_old_backup").expect("in mini.toml");
    let out = damaged(&|kb| kb.fixes[wipe].requires = None);
    assert!(
        out.contains("unguarded-data-risk: fix 'delete_old_backup' risks data"),
        "{out}"
    );
    let out = damaged(&|kb| kb.fixes[wipe].requires = Some(fixplan::engine::Cond::Const(true)));
    assert!(out.contains("unguarded-data-risk"), "{out}");
    // A literal of the wrong type: a number compared with a choice symptom.
    let channel = kb.symptom_index("channel").expect("in mini.toml");
    let out = damaged(&|kb| {
        kb.rules[0].when = fixplan::engine::Cond::Compare(
            channel,
            fixplan::engine::CmpOp::Eq,
            fixplan::Value::Number(3.0),
        )
    });
    assert!(
        out.contains("type-mismatch: in the rule's `when`: number '3' is not a value of 'channel'"),
        "{out}"
    );
    let out = damaged(&|kb| {
        kb.rules[0].when = fixplan::engine::Cond::Compare(
            channel,
            fixplan::engine::CmpOp::Eq,
            fixplan::Value::Choice("icluod".into()),
        )
    });
    assert!(out.contains("unknown-choice: "), "{out}");
    // Likelihoods that no longer sum to one under a cause.
    let out = damaged(&|kb| {
        let answer = &mut kb.questions[0].answers[0];
        answer.likelihood[0] = (answer.likelihood[0] + 0.3).min(1.0) - 0.2;
    });
    assert!(
        out.contains("likelihoods-not-normalised: the answers of"),
        "{out}"
    );
    // An answer whose value the symptom cannot take.
    let out = damaged(&|kb| kb.questions[0].answers[0].value = Some(fixplan::Value::Number(-1.0)));
    assert!(out.contains("type-mismatch: answer"), "{out}");
}

/// Every diagnostic code is documented once, as a heading of its own, in
/// the authors' guide.
#[test]
fn every_code_is_documented_once_in_the_authors_guide() {
    let guide = include_str!("../../rules/README.md");
    for code in fixplan::engine::Code::ALL {
        let heading = format!("### `{}` — ", code.as_str());
        assert_eq!(guide.matches(&heading).count(), 1, "{heading}");
    }
}
