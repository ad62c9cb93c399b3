//! What the browser reads never panics: a compiled knowledge base, saved
//! progress and reader actions, all from untrusted text. A compiled knowledge
//! base that loads can be planned for after a damaged session is restored.
#![no_main]

use libfuzzer_sys::fuzz_target;

const DEMO: &str = include_str!("../../tests/fixtures/demo.json");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let (Some(kb), _) = fixplan::compiled::from_json(text) {
        let _ = fixplan::Session::new(&kb).recommend(&kb);
    }
    let (Some(demo), _) = fixplan::compiled::from_json(DEMO) else { panic!("the demo fixture loads") };
    let restored = fixplan::Session::restore(&demo, text);
    let mut session = restored.session;
    let _ = session.recommend(&demo);
    if let Ok(action) = fixplan::base::json::parse(text) {
        if let Ok(event) = fixplan::Event::from_json(&action) {
            let _ = session.apply(&demo, event);
            let _ = session.recommend(&demo).likely();
        }
    }
    let _ = session.paste(&demo, text);
});
