//! The wasm boundary and the widget, in headless Chrome: values in, JSON
//! shape out, errors as data, no panic on bad input; then the widget's DOM
//! as a reader meets it, driven by real events in a real shadow root.
//! (Natively, only the check that the widget tests' evil fixture is current.)
// Test helpers may panic: a panic is how a test reports failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

/// Built from tests/fixtures/evil/kb.toml (markup in every kind of text);
/// kept current the way tests/it keeps demo.json current.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_widget_tests_evil_fixture_is_the_build_of_its_source() {
    let root = env!("CARGO_MANIFEST_DIR");
    let loaded =
        fixplan::authoring::load_dir(std::path::Path::new(&format!("{root}/tests/fixtures/evil")))
            .expect("fixture folder");
    let built = fixplan::compiled::to_json(&loaded.kb.expect("valid"));
    let checked_in = std::fs::read_to_string(format!("{root}/tests/fixtures/evil.json")).unwrap();
    assert_eq!(
        built, checked_in,
        "rebuild it: cargo run -- build tests/fixtures/evil -o tests/fixtures/evil.json"
    );
}

/// The `Engine` export: JSON text in, JSON text out.
#[cfg(target_arch = "wasm32")]
mod engine {
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
}

/// The `Widget` export: the DOM it draws into a shadow root, driven the way
/// the shim drives it (the root's click and input events go to `handle`).
#[cfg(target_arch = "wasm32")]
mod widget {
    use std::cell::RefCell;
    use std::rc::Rc;

    use fixplan::Widget;
    use js_sys::Reflect;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::*;
    use web_sys::{Element, HtmlElement, HtmlTextAreaElement, ShadowRoot};

    const DEMO: &str = include_str!("fixtures/demo.json");
    /// Markup and script in every kind of text; see the native test above.
    const EVIL: &str = include_str!("fixtures/evil.json");
    /// Well-formed but unsafe: tests/it checks it is refused natively.
    const UNGUARDED: &str = include_str!("fixtures/unguarded.json");

    /// A widget in a host element on the page, as the shim sets it up.
    struct Mounted {
        host: HtmlElement,
        root: ShadowRoot,
        widget: Rc<RefCell<Widget>>,
        _listener: Closure<dyn FnMut(web_sys::Event)>,
    }

    impl Drop for Mounted {
        fn drop(&mut self) {
            self.host.remove();
        }
    }

    /// A host `<div>` appended to the body, with an open shadow root.
    fn host() -> (HtmlElement, ShadowRoot) {
        let doc = web_sys::window().unwrap().document().unwrap();
        let host: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
        doc.body().unwrap().append_child(&host).unwrap();
        // Through JS: ShadowRootInit is not among the crate's web-sys features.
        let init = js_sys::Object::new();
        Reflect::set(&init, &"mode".into(), &"open".into()).unwrap();
        let attach: js_sys::Function = Reflect::get(&host, &"attachShadow".into())
            .unwrap()
            .unchecked_into();
        let root: ShadowRoot = attach.call1(&host, &init).unwrap().unchecked_into();
        (host, root)
    }

    /// `key` keeps each test's saved progress apart (one page runs them all).
    fn try_mount(
        kb: &str,
        lang: &str,
        key: &str,
        saved: Option<String>,
    ) -> Result<Mounted, (JsValue, ShadowRoot)> {
        let (host, root) = host();
        let widget = match Widget::new(host.clone(), root.clone(), kb, lang, key, saved) {
            Ok(w) => Rc::new(RefCell::new(w)),
            Err(e) => {
                host.remove();
                return Err((e, root));
            }
        };
        let forward = widget.clone();
        let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            forward.borrow_mut().handle(e)
        });
        for kind in ["click", "input", "keydown"] {
            root.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref())
                .unwrap();
        }
        Ok(Mounted {
            host,
            root,
            widget,
            _listener: listener,
        })
    }

    fn mount(kb: &str, lang: &str, key: &str) -> Mounted {
        try_mount(kb, lang, key, None).unwrap_or_else(|(e, _)| panic!("refused: {e:?}"))
    }

    /// An object's own keys.
    fn keys(object: &JsValue) -> Vec<String> {
        let keys = Reflect::own_keys(object).unwrap();
        keys.iter().map(|k| k.as_string().unwrap()).collect()
    }

    impl Mounted {
        fn all(&self, selector: &str) -> Vec<Element> {
            let list = self.root.query_selector_all(selector).unwrap();
            (0..list.length())
                .filter_map(|i| list.item(i))
                .map(|n| n.unchecked_into())
                .collect()
        }

        fn one(&self, selector: &str) -> Element {
            let found = self.all(selector);
            assert_eq!(
                found.len(),
                1,
                "{selector}: {}",
                self.texts(selector).join(" | ")
            );
            found.into_iter().next().unwrap()
        }

        fn text(&self, selector: &str) -> String {
            self.one(selector).text_content().unwrap_or_default()
        }

        fn texts(&self, selector: &str) -> Vec<String> {
            (self.all(selector).iter())
                .map(|e| e.text_content().unwrap_or_default())
                .collect()
        }

        fn hidden(&self, selector: &str) -> bool {
            self.one(selector).has_attribute("hidden")
        }

        /// The button under `selector` whose text is `label`.
        fn button(&self, selector: &str, label: &str) -> HtmlElement {
            let found: Vec<Element> = (self.all(selector).into_iter())
                .filter(|b| b.text_content().as_deref() == Some(label))
                .collect();
            assert_eq!(found.len(), 1, "{selector} \"{label}\"");
            found.into_iter().next().unwrap().unchecked_into()
        }

        /// A click as a keyboard or `click()` gives it: detail 0.
        fn click(&self, selector: &str, label: &str) {
            self.button(selector, label).click();
        }

        fn focused(&self) -> Option<Element> {
            self.root.active_element()
        }

        fn current_step(&self) -> String {
            assert!(!self.hidden(".current"), "no step shown");
            self.text(".current article.step h3")
        }

        fn observed(&self) -> JsValue {
            Reflect::get(&self.widget.borrow().view(), &"observed".into()).unwrap()
        }
    }

    #[wasm_bindgen_test]
    fn before_any_input_there_is_a_search_and_no_plan() {
        let w = mount(DEMO, "en", "before");
        assert_eq!(w.one(".body").get_attribute("lang").as_deref(), Some("en"));
        assert_eq!(w.text("h2.title"), "Demo");
        assert!(w.hidden(".current"));
        assert_eq!(w.texts(".current h3"), Vec::<String>::new());
        assert!(w.hidden(".later") && w.hidden(".support"));
        assert!(w.hidden(".toolbar") && w.hidden(".trail") && w.hidden(".note"));
        // The demo asks nothing: no question is drawn, hidden or not.
        assert!(w.hidden(".question"));
        assert_eq!(w.all(".question *").len(), 0);
        assert_eq!(
            w.text("label.search-label"),
            "Describe the problem or paste the message"
        );
        let search = w.one("textarea#search");
        assert_eq!(w.one("label[for=search]"), w.one("label.search-label"));
        assert_eq!(
            search.get_attribute("placeholder").as_deref(),
            Some("For example: iCloud storage is full, or error -36")
        );
        // No chips before the first answer; the catalogue holds every symptom.
        assert!(w.hidden(".chips-title"));
        assert_eq!(w.all(".top-chips button").len(), 0);
        assert_eq!(
            w.texts(".more .catalog button[data-act=cat]"),
            ["Storage is full"]
        );
        assert_eq!(w.text(".more .number label"), "Error code");
        assert_eq!(w.texts("button[aria-pressed=true]"), Vec::<String>::new());
    }

    #[wasm_bindgen_test]
    fn a_catalogue_chip_draws_the_step_and_the_trail() {
        let w = mount(DEMO, "en", "chip");
        w.click(".catalog button[data-act=cat]", "Storage is full");
        assert_eq!(w.current_step(), "Free up space");
        // The card's label says the answer was noted.
        assert_eq!(w.text(".current .kicker"), "Noted. Do this now");
        assert_eq!(w.texts(".current ol.how li"), ["Delete things."]);
        assert!(w
            .texts(".current details.why li")
            .iter()
            .any(|why| why.contains("A full bar stops backups.")));
        assert_eq!(
            w.texts(".current .actions button"),
            ["Fixed it", "Didn't help", "Can't do this"]
        );
        assert_eq!(
            w.one(".current article.step")
                .get_attribute("data-fix")
                .as_deref(),
            Some("free_space")
        );
        // The trail says it back, with a way to take it back.
        assert!(!w.hidden(".trail"));
        assert_eq!(w.text(".trail h3"), "You said");
        assert_eq!(w.texts(".trail-list li.said span"), ["Storage is full"]);
        let remove = w.one(".trail-list button.remove");
        assert_eq!(
            remove.get_attribute("aria-label").as_deref(),
            Some("Remove: Storage is full")
        );
        assert_eq!(remove.get_attribute("data-act").as_deref(), Some("remove"));
        // The chip shows it is pressed; the rest of the plan is folded below.
        assert_eq!(
            w.texts(".catalog button[aria-pressed=true]"),
            ["Storage is full"]
        );
        assert!(!w.hidden(".toolbar"));
        assert_eq!(w.texts(".later-list .later-title"), ["Try another cable"]);
        assert!(!w.hidden(".support"));
        assert_eq!(w.text(".support article.step h3"), "Contact support");
        assert_eq!(w.text(".ack"), "Noted. Next: Free up space");
        // A catalogue chip stays where it is, so focus is not moved.
        assert!(
            w.focused().is_none(),
            "{:?}",
            w.focused().map(|f| f.outer_html())
        );

        // Taking it back through its remove button.
        w.one(".trail-list button.remove")
            .unchecked_into::<HtmlElement>()
            .click();
        // Nothing said any more: no plan either.
        assert!(w.hidden(".trail") && w.hidden(".current"));
        assert_eq!(
            w.texts(".catalog button[aria-pressed=true]"),
            Vec::<String>::new()
        );
        assert_eq!(w.text(".ack"), "Removed. The plan is updated.");
        // Its button is gone: focus goes on, not back to the page.
        let focused = w.focused().expect("focus stays in the widget");
        assert_eq!(focused.get_attribute("tabindex").as_deref(), Some("-1"));
        assert_eq!(keys(&w.observed()).len(), 0);
    }

    #[wasm_bindgen_test]
    fn didnt_help_moves_focus_to_the_next_step_and_undo_brings_it_back() {
        let w = mount(DEMO, "en", "didnt");
        w.widget
            .borrow_mut()
            .observe("storage_full", JsValue::TRUE)
            .unwrap();
        assert_eq!(w.current_step(), "Free up space");
        // The host page's call does not take focus from wherever it is.
        assert!(w.focused().is_none());

        w.click(".current .actions button", "Didn't help");
        assert_eq!(w.current_step(), "Try another cable");
        let heading = w.one(".current h3");
        assert_eq!(heading.get_attribute("tabindex").as_deref(), Some("-1"));
        assert_eq!(w.focused(), Some(heading));
        assert_eq!(
            w.texts(".trail-list li.tried"),
            ["Free up space: didn't help"]
        );
        assert_eq!(w.text(".ack"), "Noted. Next: Try another cable");
        assert!(w.hidden(".later"), "{:?}", w.texts(".later-list li"));

        w.click(".toolbar button", "Undo");
        assert_eq!(w.current_step(), "Free up space");
        assert_eq!(w.texts(".trail-list li.tried"), Vec::<String>::new());
        assert_eq!(w.texts(".trail-list li.said span"), ["Storage is full"]);
        assert_eq!(w.texts(".later-list .later-title"), ["Try another cable"]);

        // Undo again: back to before any input; the toolbar stays.
        w.click(".toolbar button", "Undo");
        assert!(w.hidden(".current") && w.hidden(".trail"));
        assert!(!w.hidden(".toolbar"));
        assert_eq!(
            w.one(".toolbar button[data-act=undo]")
                .get_attribute("aria-disabled")
                .as_deref(),
            Some("true")
        );
    }

    #[wasm_bindgen_test]
    fn fixed_it_says_so_and_start_over_is_undone_by_undo() {
        let w = mount(DEMO, "en", "fixed");
        w.click(".catalog button[data-act=cat]", "Storage is full");
        w.click(".current .actions button", "Fixed it");
        assert_eq!(
            w.text(".current h3.glad"),
            "Glad that fixed it: Free up space"
        );
        assert_eq!(w.focused(), Some(w.one(".current h3.glad")));
        assert!(w.hidden(".later") && w.hidden(".support"));

        w.click(".toolbar button", "Start over");
        assert!(w.hidden(".current") && w.hidden(".trail"));
        assert_eq!(w.focused(), Some(w.one(".toolbar button[data-act=undo]")));
        w.click(".toolbar button", "Undo");
        assert_eq!(
            w.text(".current h3.glad"),
            "Glad that fixed it: Free up space"
        );
        assert_eq!(w.texts(".trail-list li.said span"), ["Storage is full"]);
    }

    #[wasm_bindgen_test]
    fn a_pasted_message_and_a_typed_code_are_said_back() {
        let w = mount(DEMO, "en", "paste");
        let search: HtmlTextAreaElement = w.one("#search").unchecked_into();
        search.set_value("Not enough storage (error -36)");
        w.click("button[data-act=read]", "Read it");
        assert_eq!(
            w.text(".search-result"),
            "Recognised: Storage is full, Error code: -36."
        );
        assert_eq!(search.value(), "");
        assert_eq!(
            w.texts(".trail-list li.said span"),
            ["Storage is full", "Error code: -36"]
        );
        assert_eq!(
            (w.all(".trail-list button.remove").iter())
                .map(|b| b.get_attribute("aria-label").unwrap_or_default())
                .collect::<Vec<_>>(),
            ["Remove: Storage is full", "Remove: Error code: -36"]
        );
        // A number the reader types into the catalogue's field.
        let w = mount(DEMO, "en", "typed");
        let field: web_sys::HtmlInputElement = w.one("input#n-code").unchecked_into();
        field.set_value("abc");
        w.click(".number button", "Set");
        assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
        assert!(w.hidden(".current"));
        field.set_value("-36");
        w.click(".number button", "Set");
        assert_eq!(w.current_step(), "Try another cable");
        assert_eq!(w.texts(".trail-list li.said span"), ["Error code: -36"]);
    }

    #[wasm_bindgen_test]
    fn typing_suggests_and_a_suggestion_is_one_tap() {
        let w = mount(DEMO, "en", "suggest");
        let search: HtmlTextAreaElement = w.one("#search").unchecked_into();
        search.set_value("not enough stor");
        let input = web_sys::Event::new("input").unwrap();
        input.init_event_with_bubbles("input", true);
        search.dispatch_event(&input).unwrap();
        assert_eq!(w.text(".suggestions p"), "Did you mean…");
        w.click(".suggestions button", "Storage is full");
        assert_eq!(w.current_step(), "Free up space");
        assert_eq!(w.focused(), Some(w.one(".current h3")));
        assert_eq!(search.value(), "");
        assert_eq!(w.all(".suggestions *").len(), 0);
    }

    #[wasm_bindgen_test]
    fn german_readers_get_the_german_frame() {
        let w = mount(DEMO, "de", "german");
        assert_eq!(w.one(".body").get_attribute("lang").as_deref(), Some("de"));
        assert_eq!(
            w.text("label.search-label"),
            "Beschreibe das Problem oder füge die Meldung ein"
        );
        assert_eq!(w.text(".more summary"), "Weitere Symptome");
        assert_eq!(w.text("button[data-act=read]"), "Lesen");
        w.click(".catalog button[data-act=cat]", "Storage is full");
        // The frame is German; the knowledge base's own text stays as written.
        assert_eq!(w.current_step(), "Free up space");
        assert_eq!(w.text(".current .kicker"), "Notiert. Jetzt tun");
        assert_eq!(
            w.texts(".current .actions button"),
            ["Hat geholfen", "Hat nicht geholfen", "Geht bei mir nicht"]
        );
        assert_eq!(w.text(".current .minutes"), "etwa 10 Min.");
        assert_eq!(w.text(".trail h3"), "Deine Angaben");
        assert_eq!(
            w.one(".trail-list button.remove")
                .get_attribute("aria-label")
                .as_deref(),
            Some("Entfernen: Storage is full")
        );
        assert_eq!(
            w.texts(".toolbar button"),
            ["Rückgängig", "Neu beginnen", "Teilen", "Kopieren"]
        );
        // Short on screen, whole to a screen reader.
        assert_eq!(
            w.one(".toolbar button[data-act=copy]")
                .get_attribute("aria-label")
                .as_deref(),
            Some("Zusammenfassung kopieren")
        );
        assert_eq!(
            w.one(".toolbar").get_attribute("aria-label").as_deref(),
            Some("Werkzeuge")
        );
        assert_eq!(w.text(".ack"), "Notiert. Als Nächstes: Free up space");
        w.click(".current .actions button", "Hat nicht geholfen");
        assert_eq!(
            w.texts(".trail-list li.tried"),
            ["Free up space: hat nicht geholfen"]
        );
        // A regional tag is German too; an unknown one is English.
        let w = mount(DEMO, "de-AT", "german-at");
        assert_eq!(w.text("button[data-act=read]"), "Lesen");
        let w = mount(DEMO, "fr", "french");
        assert_eq!(w.text("button[data-act=read]"), "Read it");
    }

    /// No element, attribute or script comes from knowledge-base text.
    fn assert_inert(w: &Mounted) {
        assert_eq!(
            w.all("img, script, a, iframe, [onerror], [href]").len(),
            0,
            "{}",
            w.root.inner_html()
        );
        let pwned = Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
        assert!(pwned.is_undefined(), "{pwned:?}");
    }

    #[wasm_bindgen_test]
    fn markup_in_the_knowledge_base_stays_text() {
        const IMG: &str = r#"<img src=x onerror="window.__pwned=1">"#;
        const SCRIPT: &str = "</script><script>window.__pwned=2</script>";
        const LINK: &str = r#"<a href="javascript:window.__pwned=3">click</a>"#;
        let w = mount(EVIL, "en", "evil");
        assert_inert(&w);
        assert_eq!(w.text("h2.title"), format!("Evil {IMG}"));
        // Before any input: the question, and no plan.
        assert!(w.hidden(".current"));
        assert!(!w.hidden(".question"));
        assert_eq!(w.text(".question-text"), format!("Question {IMG}?"));
        assert_eq!(
            w.texts(".question .answers button"),
            [format!("Yes {SCRIPT}"), format!("No {LINK}")]
        );
        assert_eq!(w.text(".catalog .group-title"), format!("Group {SCRIPT}"));
        assert_eq!(
            w.texts(".catalog button[data-act=cat]"),
            [format!("Broken {IMG}")]
        );

        w.click(".question .answers button", &format!("Yes {SCRIPT}"));
        assert_inert(&w);
        assert_eq!(w.current_step(), format!("Fix {SCRIPT}"));
        assert_eq!(w.focused(), Some(w.one(".current h3")));
        assert_eq!(
            w.texts(".current ol.how li"),
            [format!("Step {LINK}"), "javascript:window.__pwned=4".into()]
        );
        let why = w.texts(".current details.why li");
        assert!(why.contains(&format!("Why {IMG}")), "{why:?}");
        assert!(
            why.iter().any(|w| w.contains(&format!("Because {SCRIPT}"))),
            "{why:?}"
        );
        assert_eq!(
            w.texts(".trail-list li.said span"),
            [format!("Broken {IMG}")]
        );
        assert_eq!(
            w.one(".trail-list button.remove")
                .get_attribute("aria-label"),
            Some(format!("Remove: Broken {IMG}"))
        );
        assert_eq!(w.text(".support article.step h3"), format!("Support {IMG}"));
        assert_eq!(w.text(".ack"), format!("Noted. Next: Fix {SCRIPT}"));

        w.click(".current .actions button", "Didn't help");
        assert_inert(&w);
        assert_eq!(w.current_step(), format!("Support {IMG}"));
        assert_eq!(w.text(".current .kicker"), "If nothing else works");
        assert_eq!(w.focused(), Some(w.one(".current h3")));
        assert_eq!(
            w.texts(".trail-list li.tried"),
            [format!("Fix {SCRIPT}: didn't help")]
        );
    }

    #[wasm_bindgen_test]
    fn a_refused_knowledge_base_throws_an_object_naming_the_diagnostic() {
        for (kb, code) in [
            (UNGUARDED, "unguarded-data-risk"),
            ("{", ""),
            ("", ""),
            ("{\"format\":7}", ""),
        ] {
            let Err((error, root)) = try_mount(kb, "en", "refused", None) else {
                panic!("accepted: {kb}");
            };
            let message = Reflect::get(&error, &"message".into()).unwrap();
            assert_eq!(
                message.as_string().as_deref(),
                Some("the knowledge base was refused"),
                "{kb}"
            );
            let detail = Reflect::get(&error, &"detail".into())
                .unwrap()
                .as_string()
                .unwrap();
            assert!(!detail.is_empty(), "{kb}");
            assert!(detail.starts_with(code), "{detail}");
            assert!(!error.is_instance_of::<js_sys::Map>());
            // Nothing is drawn for a refused knowledge base.
            assert_eq!(root.child_element_count(), 0, "{}", root.inner_html());
        }
    }

    #[wasm_bindgen_test]
    fn the_view_is_a_plain_object_and_the_host_api_checks_its_input() {
        let w = mount(DEMO, "en", "view");
        {
            let mut widget = w.widget.borrow_mut();
            assert!(widget.observe("storage_ful", JsValue::TRUE).is_err());
            assert!(widget.observe("storage_full", "yes".into()).is_err());
            assert!(widget
                .observe("storage_full", js_sys::Object::new().into())
                .is_err());
            assert!(widget.observe("code", JsValue::from_f64(-36.0)).is_ok());
        }
        assert_eq!(w.current_step(), "Try another cable");
        let observed = w.observed();
        assert!(observed.is_object());
        assert!(!observed.is_instance_of::<js_sys::Map>());
        assert_eq!(keys(&observed), ["code"]);
        assert_eq!(
            Reflect::get(&observed, &"code".into()).unwrap().as_f64(),
            Some(-36.0)
        );
        let view = w.widget.borrow().view();
        assert!(!view.is_instance_of::<js_sys::Map>());
        let plan = Reflect::get(&view, &"plan".into()).unwrap();
        assert!(!plan.is_instance_of::<js_sys::Map>());
        let steps: js_sys::Array = Reflect::get(&plan, &"steps".into())
            .unwrap()
            .unchecked_into();
        assert!(js_sys::Array::is_array(&steps));
        let first = Reflect::get(&steps.get(0), &"fix".into()).unwrap();
        assert_eq!(first.as_string().as_deref(), Some("swap_cable"));
        assert_eq!(
            Reflect::get(&view, &"ok".into()).unwrap().as_bool(),
            Some(true)
        );
        // A note from the host page shows, and goes again.
        w.widget.borrow().note("Restarted <b>here</b>");
        assert!(!w.hidden(".note"));
        assert_eq!(w.text(".note"), "Restarted <b>here</b>");
        assert_eq!(w.all(".note *").len(), 0);
        w.widget.borrow().note("");
        assert!(w.hidden(".note"));
    }

    #[wasm_bindgen_test]
    fn saved_progress_draws_the_same_plan_again() {
        let w = mount(DEMO, "en", "saved-from");
        w.click(".catalog button[data-act=cat]", "Storage is full");
        w.click(".current .actions button", "Didn't help");
        let saved = w.widget.borrow().saved();
        assert!(
            saved.starts_with("{\"format\":1,\"kb\":\"demo\""),
            "{saved}"
        );
        drop(w);
        let w =
            try_mount(DEMO, "en", "saved-to", Some(saved)).unwrap_or_else(|(e, _)| panic!("{e:?}"));
        assert_eq!(w.current_step(), "Try another cable");
        assert_eq!(w.texts(".trail-list li.said span"), ["Storage is full"]);
        assert_eq!(
            w.texts(".trail-list li.tried"),
            ["Free up space: didn't help"]
        );
        assert!(w.hidden(".note"));
        // Unreadable progress: a fresh start, and a plain note saying so.
        let w = try_mount(DEMO, "en", "saved-garbage", Some("garbage".into()))
            .unwrap_or_else(|(e, _)| panic!("{e:?}"));
        assert!(w.hidden(".current"));
        assert!(!w.hidden(".note"));
        assert_eq!(
            w.text(".note"),
            "Your earlier progress could not be restored."
        );
    }
}
