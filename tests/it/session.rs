//! Sessions: feedback, undo, saving and restoring across knowledge-base versions.

use super::{load, mini, MINI};
use fixplan::{Event, Feedback, Session, Value};

fn observe(id: &str, value: Value) -> Event {
    Event::Observe {
        symptom: id.into(),
        value,
    }
}

fn feedback(fix: &str, outcome: Feedback) -> Event {
    Event::Feedback {
        fix: fix.into(),
        outcome,
    }
}

fn first(kb: &fixplan::KnowledgeBase, s: &Session) -> String {
    kb.fixes[s.recommend(kb).plan.steps[0].fix].id.clone()
}

#[test]
fn didnt_help_replans_and_cant_do_drops_without_learning() {
    let kb = mini();
    let mut s = Session::new(&kb);
    s.apply(&kb, observe("channel", Value::Choice("icloud".into())))
        .unwrap();
    s.apply(&kb, observe("storage_full", Value::Bool(true)))
        .unwrap();
    assert_eq!(first(&kb, &s), "free_storage");
    let before = s.recommend(&kb).posterior[0];

    let mut skipped = s.clone();
    skipped
        .apply(&kb, feedback("free_storage", Feedback::CantDo))
        .unwrap();
    assert_ne!(first(&kb, &skipped), "free_storage");
    assert_eq!(
        skipped.recommend(&kb).posterior[0],
        before,
        "can't-do teaches nothing"
    );

    s.apply(&kb, feedback("free_storage", Feedback::DidntHelp))
        .unwrap();
    assert_ne!(first(&kb, &s), "free_storage");
    assert!(s.recommend(&kb).posterior[0] < before);

    s.undo();
    assert_eq!(first(&kb, &s), "free_storage");
}

#[test]
fn fixed_ends_the_session() {
    let kb = mini();
    let mut s = Session::new(&kb);
    s.apply(&kb, feedback("join_wifi", Feedback::Fixed))
        .unwrap();
    let rec = s.recommend(&kb);
    assert_eq!(rec.fixed, kb.fix_index("join_wifi"));
    assert_eq!(rec.question, None);
}

#[test]
fn answers_observe_and_retracting_reopens_the_question() {
    let kb = mini();
    let mut s = Session::new(&kb);
    let answer = Event::Answer {
        question: "ask_channel".into(),
        value: Some(Value::Choice("finder".into())),
    };
    s.apply(&kb, answer).unwrap();
    assert_eq!(first(&kb, &s), "swap_cable");
    assert_eq!(s.recommend(&kb).question, None);
    s.apply(
        &kb,
        Event::Retract {
            symptom: "channel".into(),
        },
    )
    .unwrap();
    assert!(s.recommend(&kb).question.is_some());
}

#[test]
fn unknown_ids_and_wrong_values_are_refused_with_a_hint() {
    let kb = mini();
    let mut s = Session::new(&kb);
    let e = s
        .apply(&kb, observe("storage_ful", Value::Bool(true)))
        .unwrap_err();
    assert_eq!(
        e,
        "unknown symptom 'storage_ful': did you mean 'storage_full'?"
    );
    let e = s
        .apply(&kb, observe("channel", Value::Choice("dropbox".into())))
        .unwrap_err();
    assert_eq!(e, "'dropbox' is not a possible value of 'channel'");
    let e = s.apply(&kb, feedback("nope", Feedback::Fixed)).unwrap_err();
    assert!(e.starts_with("unknown fix 'nope'"), "{e}");
    assert!(s.events.is_empty());
}

#[test]
fn save_and_restore_round_trip() {
    let kb = mini();
    let mut s = Session::new(&kb);
    s.apply(&kb, observe("channel", Value::Choice("finder".into())))
        .unwrap();
    s.apply(&kb, feedback("swap_cable", Feedback::DidntHelp))
        .unwrap();
    let restored = Session::restore(&kb, &s.to_json());
    assert_eq!(restored.session, s);
    assert!(restored.dropped.is_empty());
}

#[test]
fn restoring_against_a_changed_knowledge_base_keeps_what_fits() {
    let kb = mini();
    let mut s = Session::new(&kb);
    s.apply(&kb, observe("channel", Value::Choice("finder".into())))
        .unwrap();
    s.apply(&kb, observe("wifi_ok", Value::Bool(true))).unwrap();
    s.apply(&kb, feedback("swap_cable", Feedback::DidntHelp))
        .unwrap();
    // Version 2 renames a symptom and drops the Finder choice.
    let v2 = MINI
        .replace("version = \"1\"", "version = \"2\"")
        .replace("id = \"wifi_ok\"", "id = \"wifi_okay\"")
        .replace("when = 'wifi_ok'", "when = 'wifi_okay'");
    let kb2 = load(&[("mini.toml", &v2)]).kb.expect("v2 loads");
    let restored = Session::restore(&kb2, &s.to_json());
    assert_eq!(restored.session.events.len(), 2);
    assert_eq!(
        restored.dropped,
        vec!["unknown symptom 'wifi_ok': did you mean 'wifi_okay'?".to_string()]
    );
    assert_eq!(restored.session.kb_version, "2");
}

#[test]
fn unreadable_or_foreign_progress_starts_fresh_and_says_why() {
    let kb = mini();
    for (json, why) in [
        ("not json", "saved progress could not be read"),
        (
            "{\"format\":9,\"kb\":\"mini\",\"events\":[]}",
            "saved progress has format 9, not 1",
        ),
        (
            "{\"format\":1,\"kb\":\"printer\",\"events\":[]}",
            "saved progress belongs to 'printer', not 'mini'",
        ),
    ] {
        let r = Session::restore(&kb, json);
        assert!(r.session.events.is_empty());
        assert!(r.dropped[0].starts_with(why), "{:?}", r.dropped);
    }
    let partly = "{\"format\":1,\"kb\":\"mini\",\"events\":[{\"type\":\"observe\",\"symptom\":\"wifi_ok\",\"value\":true},{\"type\":\"dance\"}]}";
    let r = Session::restore(&kb, partly);
    assert_eq!(r.session.events.len(), 1);
    assert_eq!(r.dropped.len(), 1);
}

#[test]
fn pasted_text_becomes_observations() {
    let kb = mini();
    let found = fixplan::recognize(
        &kb,
        "iCloud Backup failed: “Not enough iCloud storage” (error −36)",
    );
    let ids: Vec<(String, Value)> = found
        .observations
        .iter()
        .map(|(s, v)| (kb.symptoms[*s].id.clone(), v.clone()))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("channel".to_string(), Value::Choice("icloud".into())),
            ("storage_full".to_string(), Value::Bool(true)),
            ("error_code".to_string(), Value::Number(-36.0)),
        ]
    );
}
