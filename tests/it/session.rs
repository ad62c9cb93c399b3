//! Sessions: feedback, undo, saving and restoring across knowledge-base versions.

use super::{load, mini, MINI};
use fixplan::engine::SymptomKind;
use fixplan::{
    Event, Feedback, KnowledgeBase, Plan, Recommendation, Session, Situation, Value,
    MAX_SAVED_EVENTS, MAX_SAVED_LEN, SAVED_UNDO_DEPTH, UNDO_DEPTH,
};
use proptest::prelude::*;
use std::sync::OnceLock;

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

#[test]
fn two_thousand_toggles_leave_a_short_log_and_undo_still_works() {
    let kb = mini();
    let mut s = Session::new(&kb);
    let chips = ["storage_full", "wifi_ok", "other_copy"];
    for i in 0..2000 {
        let id = chips[i % chips.len()];
        let on = (i / chips.len()) % 2 == 0;
        let event = if on {
            observe(id, Value::Bool(true))
        } else {
            Event::Retract { symptom: id.into() }
        };
        s.apply(&kb, event).unwrap();
    }
    assert!(
        s.events.len() <= 3 + 2 * UNDO_DEPTH,
        "{} events",
        s.events.len()
    );
    let saved = s.compacted(&kb, SAVED_UNDO_DEPTH).to_json();
    assert!(saved.len() < 600, "{} bytes: {saved}", saved.len());
    // The 2,000th toggle (i = 1999: wifi_ok, its 667th, so on) is undone.
    let wifi = kb.symptom_index("wifi_ok").unwrap();
    let last = s.situation(&kb);
    assert_eq!(last.0.observed[wifi], Some(Value::Bool(true)));
    let restored = Session::restore(&kb, &saved);
    assert!(restored.dropped.is_empty(), "{:?}", restored.dropped);
    assert_eq!(restored.session.situation(&kb), last);
    s.undo();
    assert_eq!(s.situation(&kb).0.observed[wifi], None);
}

#[test]
fn restoring_reads_a_bounded_amount() {
    let kb = mini();
    let step = r#"{"type":"observe","symptom":"wifi_ok","value":true}"#;
    let saved = |events: &[&str]| {
        format!(
            r#"{{"format":1,"kb":"mini","kb_version":"1","events":[{}]}}"#,
            events.join(",")
        )
    };
    // Past the text cap nothing is parsed.
    let huge = saved(&vec![step; MAX_SAVED_LEN / step.len() + 1]);
    let r = Session::restore(&kb, &huge);
    assert!(r.session.events.is_empty());
    assert_eq!(
        r.dropped,
        vec![format!(
            "saved progress of {} KB was not read: it is longer than 64 KB",
            huge.len().div_ceil(1024)
        )]
    );
    // Past the event cap, the first events are read and compacted.
    let retract = r#"{"type":"retract","symptom":"wifi_ok"}"#;
    let mut events = vec![step; MAX_SAVED_EVENTS];
    events.push(retract);
    let r = Session::restore(&kb, &saved(&events));
    assert_eq!(
        r.dropped,
        vec![format!(
            "saved progress has {} steps: only the first {MAX_SAVED_EVENTS} were read",
            MAX_SAVED_EVENTS + 1
        )]
    );
    let wifi = kb.symptom_index("wifi_ok").unwrap();
    assert_eq!(
        r.session.situation(&kb).0.observed[wifi],
        Some(Value::Bool(true))
    );
    assert!(
        r.session.events.len() <= 1 + UNDO_DEPTH,
        "{}",
        r.session.events.len()
    );
}

#[test]
fn an_overlong_id_is_dropped_with_a_short_message_and_no_suggestion() {
    let kb = mini();
    // Close to a real id, so a "did you mean" search would find it.
    let long = format!("storage_full{}", "l".repeat(990));
    let text = format!(
        r#"{{"format":1,"kb":"mini","events":[{{"type":"observe","symptom":"{long}","value":true}},{{"type":"feedback","fix":"{long}","outcome":"{long}"}}]}}"#
    );
    let r = Session::restore(&kb, &text);
    assert!(r.session.events.is_empty());
    assert_eq!(
        r.dropped[0],
        format!(
            "unknown symptom '{}…' (1002 characters; ids are at most 128)",
            &long[..40]
        )
    );
    assert!(
        r.dropped[1].starts_with(
            "unreadable step {\"type\":\"feedback\",\"fix\":\"storage_fullll…: outcome 'storage_full"
        ),
        "{}",
        r.dropped[1]
    );
    assert!(r.dropped.iter().all(|d| d.len() < 200), "{:?}", r.dropped);
    // Within the cap the near miss is still suggested.
    let mut s = Session::new(&kb);
    let e = s
        .apply(&kb, observe("storage_fulll", Value::Bool(true)))
        .unwrap_err();
    assert_eq!(
        e,
        "unknown symptom 'storage_fulll': did you mean 'storage_full'?"
    );
}

#[test]
fn saved_numbers_come_back_exactly() {
    let kb = mini();
    for n in [
        0.0000000001,
        99999999999999999999.0,
        -36.0,
        3758096516.0,
        1e300,
        5e-324,
        1.0 / 3.0,
    ] {
        let mut s = Session::new(&kb);
        s.apply(&kb, observe("error_code", Value::Number(n)))
            .unwrap();
        let restored = Session::restore(&kb, &s.to_json());
        assert!(restored.dropped.is_empty());
        let code = kb.symptom_index("error_code").unwrap();
        match &restored.session.situation(&kb).0.observed[code] {
            Some(Value::Number(back)) => assert_eq!(back.to_bits(), n.to_bits(), "{n}"),
            other => panic!("{n} came back as {other:?}"),
        }
    }
}

/// The iPhone backup knowledge base, loaded once for every case.
fn real() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/iphone-backup");
        fixplan::authoring::load_dir(std::path::Path::new(dir))
            .expect("folder exists")
            .kb
            .expect("valid")
    })
}

/// A reader's action as three random numbers: mostly a few symptoms, fixes
/// and questions over and over, as a reader toggles them, sometimes any.
fn action(kb: &KnowledgeBase, (kind, a, b): (u8, u32, u32)) -> Option<Event> {
    let pick = |n: usize| {
        let n = if a & 1 == 0 { n.min(5) } else { n };
        (a as usize >> 1) % n
    };
    let b = b as usize;
    Some(match kind {
        0..=2 => {
            let symptom = &kb.symptoms[pick(kb.symptoms.len())];
            let value = match &symptom.kind {
                SymptomKind::Bool => Value::Bool(b % 2 == 0),
                SymptomKind::Number { .. } => Value::Number([-36.0, 4013.0, 1e-10, 0.5][b % 4]),
                SymptomKind::Choice(choices) => {
                    Value::Choice(choices[b % choices.len()].value.clone())
                }
            };
            Event::Observe {
                symptom: symptom.id.clone(),
                value,
            }
        }
        3 | 4 => Event::Retract {
            symptom: kb.symptoms[pick(kb.symptoms.len())].id.clone(),
        },
        5 | 6 => {
            let question = &kb.questions[pick(kb.questions.len())];
            // Every answer, "I don't know" included, and no answer at all.
            let value = question
                .answers
                .get(b % (question.answers.len() + 1))
                .and_then(|a| a.value.clone());
            Event::Answer {
                question: question.id.clone(),
                value,
            }
        }
        7 | 8 => Event::Feedback {
            fix: kb.fixes[pick(kb.fixes.len())].id.clone(),
            outcome: [Feedback::Fixed, Feedback::DidntHelp, Feedback::CantDo][b % 3],
        },
        _ => return None, // undo
    })
}

type Seen = (Situation, Option<usize>, Vec<(usize, Feedback)>);

/// What replaying a log shows: the situation, the fix that fixed it, and
/// the feedback listed as tried, in order.
fn seen(kb: &KnowledgeBase, s: &Session) -> Seen {
    let (situation, fixed) = s.situation(kb);
    let rec = Recommendation {
        plan: Plan {
            steps: Vec::new(),
            expected_minutes: 0.0,
        },
        question: None,
        posterior: Vec::new(),
        fixed,
        situation: situation.clone(),
    };
    (situation, fixed, s.tried(kb, &rec))
}

/// The most events a compacted log can hold (see `compact`).
fn bound(kb: &KnowledgeBase) -> usize {
    kb.questions.len() + kb.symptoms.len() + 3 * kb.fixes.len() + 1 + 2 * UNDO_DEPTH
}

fn actions() -> impl Strategy<Value = Vec<(u8, u32, u32)>> {
    prop::collection::vec((0u8..10, any::<u32>(), any::<u32>()), 0..700)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A compacted session shows what the full log shows after every action,
    /// and undo takes back exactly what it would for as long as an undo
    /// stack of UNDO_DEPTH could.
    #[test]
    fn compacting_changes_nothing_the_reader_sees(ops in actions()) {
        let kb = real();
        let mut s = Session::new(kb);
        let mut full = Session::new(kb);
        let mut undoable = 0;
        for op in ops {
            match action(kb, op) {
                Some(event) => {
                    let applied = s.apply(kb, event.clone()).is_ok();
                    if applied {
                        full.events.push(event);
                        undoable = (undoable + 1).min(UNDO_DEPTH);
                    }
                }
                None if undoable > 0 => {
                    s.undo();
                    full.events.pop();
                    undoable -= 1;
                }
                None => {}
            }
            prop_assert_eq!(seen(kb, &s), seen(kb, &full));
            prop_assert!(s.events.len() <= bound(kb), "{} events", s.events.len());
        }
        for _ in 0..undoable {
            s.undo();
            full.events.pop();
            prop_assert_eq!(seen(kb, &s), seen(kb, &full));
        }
    }

    /// A restored log is compacted the same way, and what the widget saves
    /// (all but the last few events compacted) restores to the same state,
    /// with those few undos intact.
    #[test]
    fn restored_logs_compact_the_same_way(ops in actions()) {
        let kb = real();
        let mut full = Session::new(kb);
        for op in ops {
            if let Some(event) = action(kb, op) {
                full.events.push(event);
            }
        }
        for (saved, undos) in [(full.clone(), UNDO_DEPTH), (full.compacted(kb, SAVED_UNDO_DEPTH), SAVED_UNDO_DEPTH)] {
            let restored = Session::restore(kb, &saved.to_json());
            prop_assert!(restored.dropped.is_empty(), "{:?}", restored.dropped);
            let (mut s, mut full) = (restored.session, full.clone());
            prop_assert!(s.events.len() <= bound(kb), "{} events", s.events.len());
            prop_assert_eq!(seen(kb, &s), seen(kb, &full));
            for _ in 0..undos.min(full.events.len()) {
                s.undo();
                full.events.pop();
                prop_assert_eq!(seen(kb, &s), seen(kb, &full));
            }
        }
    }
}
