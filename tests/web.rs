//! The wasm boundary, in headless Chrome: values in, JSON shape out,
//! errors as data, no panic on bad input.
#![cfg(target_arch = "wasm32")]
// Test helpers may panic: a panic is how a test reports failure.
#![allow(clippy::unwrap_used)]

use fixplan::Engine;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Built from tests/fixtures/demo/kb.toml; a native test keeps it current.
const KB: &str = include_str!("fixtures/demo.json");

fn rust(json: String) -> Value {
    serde_json::from_str(&json).unwrap()
}

fn dispatch(engine: &mut Engine, action: Value) -> Value {
    rust(engine.dispatch(&action.to_string()).unwrap())
}

#[wasm_bindgen_test]
fn catalog_lists_symptoms_for_chips() {
    let engine = Engine::new(KB);
    assert_eq!(rust(engine.errors()), json!([]));
    let catalog = rust(engine.catalog().unwrap());
    assert_eq!(catalog["id"], "demo");
    assert_eq!(
        catalog["symptoms"][0],
        json!({"id":"storage_full","title":"Storage is full","kind":"bool","group":null,"choices":[],"unit":null})
    );
    assert_eq!(catalog["symptoms"][1]["kind"], "number");
}

#[wasm_bindgen_test]
fn observing_moves_the_plan_and_the_view_has_its_shape() {
    let mut engine = Engine::new(KB);
    let view = dispatch(
        &mut engine,
        json!({"type":"observe","symptom":"storage_full","value":true}),
    );
    assert_eq!(view["ok"], true);
    assert_eq!(view["observed"], json!({"storage_full": true}));
    let step = &view["plan"]["steps"][0];
    assert_eq!(step["fix"], "free_space");
    assert_eq!(step["risk"], "safe");
    assert_eq!(step["steps"], json!(["Delete things."]));
    assert!(step["why"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("A full bar stops backups.")));
    assert!(view["plan"]["expected_minutes"].as_f64().unwrap() > 0.0);
    assert_eq!(
        view["plan"]["steps"].as_array().unwrap().last().unwrap()["escalation"],
        true
    );
    assert!(view["session"]
        .as_str()
        .unwrap()
        .starts_with("{\"format\":1,\"kb\":\"demo\""));
    // For the summary to support: the most likely causes, most likely first.
    let likely = view["likely"].as_array().unwrap();
    assert_eq!(likely[0]["title"], "No space left");
    assert!(likely[0]["p"].as_f64().unwrap() > 0.5);
    assert!(likely.iter().all(|c| c["p"].as_f64().unwrap() >= 0.05));
}

#[wasm_bindgen_test]
fn feedback_undo_and_reset() {
    let mut engine = Engine::new(KB);
    dispatch(
        &mut engine,
        json!({"type":"observe","symptom":"storage_full","value":true}),
    );
    let view = dispatch(
        &mut engine,
        json!({"type":"feedback","fix":"free_space","outcome":"didnt_help"}),
    );
    assert_eq!(view["plan"]["steps"][0]["fix"], "swap_cable");
    assert_eq!(
        view["tried"],
        json!([{"fix":"free_space","title":"Free up space","outcome":"didnt_help"}])
    );
    let view = dispatch(&mut engine, json!({"type":"undo"}));
    assert_eq!(view["plan"]["steps"][0]["fix"], "free_space");
    let view = dispatch(
        &mut engine,
        json!({"type":"feedback","fix":"free_space","outcome":"fixed"}),
    );
    assert_eq!(
        view["fixed"],
        json!({"fix":"free_space","title":"Free up space"})
    );
    let view = dispatch(&mut engine, json!({"type":"reset"}));
    assert_eq!(view["observed"], json!({}));
    assert_eq!(view["fixed"], Value::Null);
}

#[wasm_bindgen_test]
fn pasted_text_lights_up_symptoms() {
    let mut engine = Engine::new(KB);
    let view = dispatch(
        &mut engine,
        json!({"type":"paste","text":"Not enough storage (error -36)"}),
    );
    assert_eq!(view["recognized"], json!(["storage_full", "code"]));
    assert_eq!(view["observed"]["code"], -36.0);
}

#[wasm_bindgen_test]
fn unknown_ids_come_back_as_data() {
    let mut engine = Engine::new(KB);
    let view = dispatch(
        &mut engine,
        json!({"type":"observe","symptom":"storage_ful","value":true}),
    );
    assert_eq!(view["ok"], false);
    assert_eq!(
        view["error"],
        "unknown symptom 'storage_ful': did you mean 'storage_full'?"
    );
    let view = dispatch(
        &mut engine,
        json!({"type":"observe","symptom":"code","value":"abc"}),
    );
    assert_eq!(view["ok"], false);
    let view = dispatch(
        &mut engine,
        json!({"type":"feedback","fix":"nope","outcome":"fixed"}),
    );
    assert_eq!(view["ok"], false);
}

/// Numbers a reader types come back exactly: in the view, in the saved
/// session, and after restoring it.
#[wasm_bindgen_test]
fn numbers_cross_the_boundary_exactly() {
    let mut engine = Engine::new(KB);
    for (typed, written) in [
        ("0.0000000001", "1e-10"),
        ("99999999999999999999", "1e20"),
        ("-36", "-36"),
        ("3758096516", "3758096516"),
        ("1e300", "1e300"),
        ("5e-324", "5e-324"),
    ] {
        let action = format!(r#"{{"type":"observe","symptom":"code","value":{typed}}}"#);
        let view = engine.dispatch(&action).unwrap();
        assert!(view.contains(&format!(r#""code":{written}}}"#)), "{view}");
        let session = rust(view)["session"].as_str().unwrap().to_string();
        assert!(
            session.contains(&format!(r#""value":{written}}}"#)),
            "{session}"
        );
        let restored = rust(engine.restore(&session).unwrap());
        assert_eq!(restored["session"], session.as_str());
        assert_eq!(restored["dropped"], json!([]));
    }
}

#[wasm_bindgen_test]
fn malformed_actions_throw_and_leave_the_engine_usable() {
    let mut engine = Engine::new(KB);
    assert!(engine.dispatch(r#"{"kind":"observe"}"#).is_err());
    assert!(engine.dispatch("3").is_err());
    assert!(engine.dispatch("").is_err());
    let view = dispatch(
        &mut engine,
        json!({"type":"observe","symptom":"storage_full","value":true}),
    );
    assert_eq!(view["ok"], true);
}

#[wasm_bindgen_test]
fn a_bad_knowledge_base_is_reported_not_thrown() {
    let damaged = KB.replace("\"model\":[", "\"model\":[7,");
    assert_ne!(damaged, KB);
    for bad in [
        "",
        "{",
        "{\"format\":1,\"document\":{}}",
        "{\"format\":7}",
        &damaged,
    ] {
        let engine = Engine::new(bad);
        let errors = rust(engine.errors());
        assert!(!errors.as_array().unwrap().is_empty(), "{bad}");
        assert!(errors[0]["code"].is_string() && errors[0]["message"].is_string());
        assert!(engine.catalog().is_err());
        assert!(engine.view().is_err());
    }
}

#[wasm_bindgen_test]
fn restore_keeps_what_fits_and_lists_the_rest() {
    let mut engine = Engine::new(KB);
    let saved = r#"{"format":1,"kb":"demo","kb_version":"0","events":[
        {"type":"observe","symptom":"storage_full","value":true},
        {"type":"observe","symptom":"gone","value":true}]}"#;
    let view = rust(engine.restore(saved).unwrap());
    assert_eq!(view["observed"], json!({"storage_full": true}));
    assert_eq!(view["dropped"].as_array().unwrap().len(), 1);
    let view = rust(engine.restore("garbage").unwrap());
    assert_eq!(view["observed"], json!({}));
    assert!(view["dropped"][0]
        .as_str()
        .unwrap()
        .starts_with("saved progress could not be read"));
}

#[wasm_bindgen_test]
fn fired_rules_follow_the_observations() {
    let mut engine = Engine::new(KB);
    assert_eq!(rust(engine.fired_rules().unwrap()), json!([]));
    dispatch(
        &mut engine,
        json!({"type":"observe","symptom":"code","value":-36}),
    );
    assert_eq!(rust(engine.fired_rules().unwrap()), json!([1]));
    dispatch(
        &mut engine,
        json!({"type":"observe","symptom":"storage_full","value":true}),
    );
    assert_eq!(rust(engine.fired_rules().unwrap()), json!([0, 1]));
}

/// The size-class allocator (src/base/heap.rs) and the compacted session
/// log: over one long session, never reset, memory stops growing.
#[wasm_bindgen_test]
fn memory_stops_growing_over_a_long_session() {
    let mut engine = Engine::new(KB);
    let actions = [
        json!({"type":"observe","symptom":"storage_full","value":true}),
        json!({"type":"paste","text":"Not enough storage (error -36)"}),
        json!({"type":"feedback","fix":"free_space","outcome":"didnt_help"}),
        json!({"type":"undo"}),
        json!({"type":"observe","symptom":"storage_full","value":false}),
        json!({"type":"retract","symptom":"storage_full"}),
    ];
    let mut run = |times: usize| {
        for _ in 0..times {
            for action in &actions {
                engine.dispatch(&action.to_string()).unwrap();
            }
        }
        core::arch::wasm32::memory_size(0)
    };
    let warm = run(200);
    assert_eq!(run(2000), warm, "pages of memory after 2,000 more rounds");
}

/// Big, over-aligned and interleaved allocations keep their contents.
#[wasm_bindgen_test]
fn the_allocator_keeps_blocks_apart() {
    #[repr(align(4096))]
    struct Page([u8; 4096]);
    let big: Vec<u32> = (0..1_000_000).collect();
    let pages: Vec<Box<Page>> = (0..8u8).map(|i| Box::new(Page([i; 4096]))).collect();
    let mut small: Vec<Vec<u8>> = (0..2000).map(|i| vec![i as u8; i % 300]).collect();
    small.retain(|v| v.len() % 3 == 0);
    let refill: Vec<String> = (0..500).map(|i| "x".repeat(i % 200)).collect();
    for (i, p) in pages.iter().enumerate() {
        assert_eq!(p.as_ref() as *const Page as usize % 4096, 0);
        assert!(p.0.iter().all(|&b| b == i as u8));
    }
    assert!(big.iter().enumerate().all(|(i, &v)| v == i as u32));
    for v in &small {
        assert!(v.iter().all(|&b| b == v[0]));
    }
    assert!(refill.iter().enumerate().all(|(i, s)| s.len() == i % 200));
}
