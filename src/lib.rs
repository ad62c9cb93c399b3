//! fixplan: symptoms in, the fix plan that gets a reader fixed soonest out.
//!
//! ```
//! use fixplan::{authoring, compiled, plan, Situation};
//!
//! let source = r#"
//! [knowledge_base]
//! id = "demo"
//! version = "1"
//! title = "Demo"
//! escalation = "call_support"
//!
//! [[symptom]]
//! id = "storage_full"
//! title = "Storage is full"
//!
//! [[cause]]
//! id = "no_space"
//! title = "No space left"
//! prior = 0.3
//!
//! [[cause]]
//! id = "bad_cable"
//! title = "Bad cable"
//! prior = 0.3
//!
//! [[rule]]
//! when = "storage_full"
//! then = { cause = "no_space", likelihood_ratio = 9.0 }
//! why = "A full bar stops backups."
//!
//! [[fix]]
//! id = "free_space"
//! title = "Free up space"
//! minutes = 10
//! repairs = { no_space = 0.9 }
//!
//! [[fix]]
//! id = "swap_cable"
//! title = "Try another cable"
//! minutes = 5
//! repairs = { bad_cable = 0.9 }
//!
//! [[fix]]
//! id = "call_support"
//! title = "Contact support"
//! minutes = 30
//! repairs = { other = 0.8 }
//! "#;
//! let loaded = authoring::load_files(vec![("demo.toml".into(), source.into())]);
//! assert!(loaded.diagnostics.is_empty());
//! let kb = loaded.kb.expect("valid");
//! // What the browser loads: `fixplan build` writes this compiled form.
//! let (read_back, _) = compiled::from_json(&compiled::to_json(&kb));
//! assert!(read_back.is_some());
//!
//! let mut situation = Situation::new(&kb);
//! assert_eq!(kb.fixes[plan(&kb, &situation).steps[0].fix].id, "swap_cable");
//!
//! let storage_full = kb.symptom_index("storage_full").unwrap();
//! situation.observed[storage_full] = Some(fixplan::Value::Bool(true));
//! assert_eq!(kb.fixes[plan(&kb, &situation).steps[0].fix].id, "free_space");
//! ```
//!
//! # Overview
//! The crate is in layers, each using only those listed before it:
//! - [`base`]: JSON, float helpers and a sort, knowing nothing of the model;
//! - [`engine`]: the knowledge model ([`KnowledgeBase`]: symptoms, causes
//!   with priors, rules, fixes and questions), [`engine::validate()`], which
//!   every knowledge base passes before anyone can hold it, [`infer`] (a
//!   posterior over causes), [`plan()`] (fixes by probability of success over
//!   minutes, conditioning on each failure), [`next_question`] (the question
//!   worth asking), [`Recommendation`] (all of it from one inference),
//!   [`Session`] (a reader's actions), [`recognize()`] (pasted messages
//!   into observations) and [`suggest()`] (ranked guesses as the reader
//!   types). Pure: no I/O, no clock, no browser;
//! - [`compiled`]: the compiled knowledge base the browser loads;
//! - `authoring` (native only): the TOML sources authors write, their
//!   diagnostics, static analysis, scenarios and synthetic knowledge bases;
//! - `browser` (wasm32 only): the wasm-bindgen exports.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// The core needs only `alloc`; std comes in for the CLI and, through
// serde-wasm-bindgen, the browser.
#![no_std]

#[macro_use]
extern crate alloc;
extern crate std;

/// What every module would get from std's prelude.
mod prelude {
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
}

// The layers, each depending only on those above it:
// - `base`: JSON, float helpers, a sort, the browser's allocator;
// - `engine`: the model, the validator, inference, planning, sessions;
// - `compiled`: the compiled knowledge base the browser loads (read + write);
// - `authoring` (native only): TOML sources, diagnostics, analysis, scenarios;
// - `browser` (wasm32 only): the wasm-bindgen exports.
// These declarations are the only place the two builds differ.
pub mod base;
pub mod compiled;
pub mod engine;

#[cfg(not(target_arch = "wasm32"))]
pub mod authoring;
#[cfg(target_arch = "wasm32")]
mod browser;

pub use engine::{
    expected_minutes_of_order, infer, next_question, parse_number, parse_observation, plan,
    recognize, suggest, Advice, Event, Feedback, KnowledgeBase, Plan, Posterior, Reason,
    Recognized, Recommendation, Restored, Session, Situation, Step, Suggestion, Value, View,
    MAX_ID_LEN, MAX_SAVED_EVENTS, MAX_SAVED_LEN, SAVED_UNDO_DEPTH, SESSION_FORMAT, UNDO_DEPTH,
};

#[cfg(target_arch = "wasm32")]
#[cfg(feature = "engine-api")]
pub use browser::Engine;
#[cfg(target_arch = "wasm32")]
pub use browser::Widget;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: base::heap::SizeClasses = base::heap::SizeClasses::new();

/// The few failures that are not diagnostics or warnings.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    Io(alloc::string::String),
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Error::Io(message) => f.write_str(message),
        }
    }
}

impl core::error::Error for Error {}
