//! Runs `recommend` on the default knowledge base many times, for profilers:
//! `cargo build --profile profiling --example profile && valgrind --tool=callgrind target/profiling/examples/profile 50`

// A profiling driver: failing loudly is the right response to a broken setup.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use fixplan::{Event, Session, Value};
fn main() {
    let loaded =
        fixplan::authoring::load_dir(std::path::Path::new("rules/iphone-backup")).expect("loads");
    let kb = loaded.kb.expect("valid");
    let mut s = Session::new(&kb);
    s.apply(
        &kb,
        Event::Observe {
            symptom: "channel".into(),
            value: Value::Choice("icloud".into()),
        },
    )
    .unwrap();
    s.apply(
        &kb,
        Event::Observe {
            symptom: "storage_full".into(),
            value: Value::Bool(true),
        },
    )
    .unwrap();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let t = std::time::Instant::now();
    let mut total = 0.0;
    for _ in 0..n {
        total += s.recommend(&kb).plan.expected_minutes;
    }
    eprintln!("{:?} per call ({total})", t.elapsed() / n as u32);
}
