//! Loading a knowledge base (TOML) and a compiled one (JSON) never panics;
//! what loads can be planned, asked about and round-tripped.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let loaded = fixplan::authoring::load_files(vec![("fuzz.toml".into(), text.to_string())]);
    for d in &loaded.diagnostics {
        let _ = d.render();
    }
    if let Some(kb) = loaded.kb {
        let session = fixplan::Session::new(&kb);
        let _ = session.recommend(&kb);
        let json = fixplan::compiled::to_json(&kb);
        assert!(fixplan::compiled::from_json(&json).0.is_some(), "a valid knowledge base must round-trip");
    }
    let _ = fixplan::compiled::from_json(text);
});
