//! The condition parser returns a syntax tree or an error, never a panic,
//! and error spans stay inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = fixplan::authoring::expr::parse(text) {
            assert!(e.span.start <= e.span.end && e.span.end <= text.len());
        }
    }
});
