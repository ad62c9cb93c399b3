//! The plan: order, expected minutes, safety, explanations, questions.

use super::{mini, observe, plan_ids};
use fixplan::{expected_minutes_of_order, infer, next_question, plan};

#[test]
fn evidence_moves_the_right_fix_first() {
    let kb = mini();
    assert_eq!(
        plan_ids(&kb, &observe(&kb, &["channel=icloud", "storage_full"]))[0],
        "free_storage"
    );
    assert_eq!(
        plan_ids(&kb, &observe(&kb, &["channel=finder"]))[0],
        "swap_cable"
    );
    assert_eq!(
        plan_ids(&kb, &observe(&kb, &["channel=finder", "error_code=-36"]))[0],
        "rename_old_backup"
    );
}

#[test]
fn cheap_likely_fix_comes_first_without_evidence() {
    // join_wifi: p 0.2*0.9 over 2 minutes beats every other ratio.
    let kb = mini();
    assert_eq!(plan_ids(&kb, &observe(&kb, &[]))[0], "join_wifi");
}

/// Defence in depth: even handed a knowledge base whose data-risk fix lost
/// its guard (the validator refuses such a file; a caller could still
/// change a value), the planner does not offer the fix.
#[test]
fn planner_never_schedules_an_unguarded_data_risk_fix() {
    let kb = mini();
    let s = observe(&kb, &["channel=finder", "other_copy"]);
    let wipe = "delete_old_backup".to_string();
    assert!(plan_ids(&kb, &s).contains(&wipe), "guard holds: offered");
    let unknown = observe(&kb, &["channel=finder"]);
    assert!(!plan_ids(&kb, &unknown).contains(&wipe), "guard unknown");
    let f = kb.fix_index("delete_old_backup").expect("in mini.toml");
    for guard in [None, Some(fixplan::engine::Cond::Const(true))] {
        let mut unguarded = kb.clone();
        unguarded.fixes[f].requires = guard.clone();
        assert!(!plan_ids(&unguarded, &s).contains(&wipe), "{guard:?}");
        assert!(!plan_ids(&unguarded, &unknown).contains(&wipe), "{guard:?}");
        // Nor as the escalation, which ends every plan.
        unguarded.escalation = Some(f);
        assert!(!plan_ids(&unguarded, &s).contains(&wipe), "{guard:?}");
    }
}

#[test]
fn inapplicable_and_unguarded_fixes_are_left_out() {
    let kb = mini();
    let ids = plan_ids(&kb, &observe(&kb, &["channel=finder"]));
    assert!(!ids.contains(&"free_storage".to_string()), "{ids:?}");
    assert!(
        !ids.contains(&"delete_old_backup".to_string()),
        "requires other_copy: {ids:?}"
    );
}

#[test]
fn data_loss_fix_never_precedes_safe_fix() {
    let kb = mini();
    let ids = plan_ids(
        &kb,
        &observe(&kb, &["channel=finder", "error_code=-36", "other_copy"]),
    );
    let safe = ids
        .iter()
        .position(|f| f == "rename_old_backup")
        .expect("safe fix planned");
    let risky = ids
        .iter()
        .position(|f| f == "delete_old_backup")
        .expect("risky fix planned");
    assert!(safe < risky, "{ids:?}");
}

#[test]
fn plan_ends_with_escalation_and_expected_minutes_add_up() {
    let kb = mini();
    let s = observe(&kb, &["channel=icloud"]);
    let p = plan(&kb, &s);
    assert_eq!(kb.fixes[p.steps.last().unwrap().fix].id, "contact_support");
    let sum: f64 = p.steps.iter().map(|s| s.minutes * s.reach).sum();
    assert!((sum - p.expected_minutes).abs() < 1e-9);
    // The engine's order is at least as good as following the fixes by id.
    let by_id: Vec<usize> = (0..kb.fixes.len()).collect();
    assert!(p.expected_minutes <= expected_minutes_of_order(&kb, &s, &by_id) + 1e-9);
}

#[test]
fn failure_is_conditioned_on() {
    let kb = mini();
    let mut s = observe(&kb, &["channel=icloud", "storage_full"]);
    let before = infer(&kb, &s.observed, &s.failed).p[0];
    s.failed.push(kb.fix_index("free_storage").unwrap());
    let after = infer(&kb, &s.observed, &s.failed).p[0];
    assert!(after < before - 0.3, "{before} -> {after}");
    assert!(!plan_ids(&kb, &s).contains(&"free_storage".to_string()));
}

#[test]
fn reasons_name_the_cause_and_the_readers_observation() {
    let kb = mini();
    let p = plan(&kb, &observe(&kb, &["channel=icloud", "storage_full"]));
    let why: Vec<&str> = p.steps[0].reasons.iter().map(|r| r.text.as_str()).collect();
    assert!(
        why[0].starts_with("Likely cause: iCloud storage is full ("),
        "{why:?}"
    );
    assert!(
        why.iter().any(|w| w.contains(
            "A full storage bar stops iCloud backups. You reported: iCloud; Storage bar is full"
        )),
        "{why:?}"
    );
}

#[test]
fn question_is_asked_only_while_it_saves_time() {
    let kb = mini();
    let advice = next_question(&kb, &observe(&kb, &[])).expect("channel question saves time");
    assert_eq!(kb.questions[advice.question].id, "ask_channel");
    assert!(advice.saves_minutes > 0.0);
    // Once the channel is known the question is moot.
    assert_eq!(next_question(&kb, &observe(&kb, &["channel=icloud"])), None);
    let mut asked = observe(&kb, &[]);
    asked.asked.push(advice.question);
    assert_eq!(next_question(&kb, &asked), None);
}

/// Support is priced: the reader's minutes plus what a contact costs the
/// site. It ends the plan where stopping self-help costs least, so a dear
/// contact keeps more self-help first, and a cheap one comes sooner.
#[test]
fn support_ends_the_plan_where_the_long_shots_begin() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/iphone-backup");
    let mut kb = fixplan::authoring::load_dir(std::path::Path::new(dir))
        .expect("folder")
        .kb
        .expect("valid");
    let s = observe(&kb, &["channel=finder"]);
    let support = |kb: &fixplan::KnowledgeBase| {
        let ids = plan_ids(kb, &s);
        assert_eq!(
            ids.last().map(String::as_str),
            Some("contact_apple_support"),
            "{ids:?}"
        );
        ids.len()
    };
    kb.support_cost = 0.0;
    let cheap = support(&kb);
    kb.support_cost = 1000.0;
    let dear = support(&kb);
    assert!(
        cheap < dear,
        "{cheap} steps before a free contact, {dear} before a dear one"
    );
    // The cut never costs time: every static order that ends at support,
    // the engine's own included, takes at least as long.
    for cost in [0.0, 30.0, 1000.0] {
        kb.support_cost = cost;
        let p = plan(&kb, &s);
        let all: Vec<usize> = (0..kb.fixes.len()).collect();
        let order: Vec<usize> = p.steps.iter().map(|st| st.fix).collect();
        for other in [all.clone(), all.iter().rev().copied().collect(), order] {
            assert!(p.expected_minutes <= expected_minutes_of_order(&kb, &s, &other) + 1e-9);
        }
    }
}

/// A question is asked only where its answer can matter for what the
/// reader has said: `ask_when` must be known true.
#[test]
fn a_question_waits_for_its_ask_when() {
    let mut kb = mini();
    let q = kb.question_index("ask_channel").expect("in mini.toml");
    assert!(next_question(&kb, &observe(&kb, &[])).is_some());
    let storage_full = kb.symptom_index("storage_full").expect("in mini.toml");
    kb.questions[q].ask_when = Some(fixplan::engine::Cond::Flag(storage_full));
    assert_eq!(
        next_question(&kb, &observe(&kb, &[])),
        None,
        "unknown: not asked"
    );
    assert_eq!(
        next_question(&kb, &observe(&kb, &["storage_full=false"])),
        None,
        "false: not asked"
    );
    let asked = next_question(&kb, &observe(&kb, &["storage_full"])).map(|a| a.question);
    assert_eq!(asked, Some(q), "true: asked");
}

/// The chips offered after an answer: evidence about what is still in
/// doubt, for the reader's own method. Once the storage bar is full, the
/// message that says the same is not offered to confirm it; an iCloud
/// reader is not offered Finder's or iTunes's symptoms.
#[test]
fn chips_ask_about_what_is_in_doubt_for_the_readers_method() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/iphone-backup");
    let kb = fixplan::authoring::load_dir(std::path::Path::new(dir))
        .expect("folder")
        .kb
        .expect("valid");
    let chips = |said: &[&str]| {
        let mut session = fixplan::Session::new(&kb);
        for s in said {
            let (symptom, value) = fixplan::parse_observation(s);
            session
                .apply(&kb, fixplan::Event::Observe { symptom, value })
                .unwrap();
        }
        let view = fixplan::View::new(&kb, &session, &[], false, Vec::new());
        assert!(view.chips.len() <= fixplan::engine::view::CHIPS);
        view.chips
            .into_iter()
            .map(|c| c.symptom)
            .collect::<Vec<_>>()
    };
    let full = chips(&["channel=icloud", "storage_full"]);
    assert!(!full.is_empty());
    assert!(
        !full.contains(&"msg_not_enough_icloud_storage".to_string()),
        "{full:?}"
    );
    let icloud = chips(&["channel=icloud"]);
    for computer_only in [
        "not_in_finder_sidebar",
        "phone_charges_only",
        "phone_not_seen",
        "itunes_no_longer_shows_phone",
    ] {
        assert!(!icloud.contains(&computer_only.to_string()), "{icloud:?}");
    }
}
