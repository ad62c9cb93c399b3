//! fixplan: symptoms in, the fix plan that gets a reader fixed soonest out.
//!
//! ```
//! use fixplan::{kb, plan, Situation};
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
//! let loaded = kb::load_files(vec![("demo.toml".into(), source.into())]);
//! assert!(loaded.diagnostics.is_empty());
//! let kb = loaded.kb.expect("valid");
//! // What the browser loads: `fixplan build` writes this compiled form.
//! let (compiled, _) = kb::from_json(&kb::to_json(&kb));
//! assert!(compiled.is_some());
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
//! A knowledge base ([`kb`]) holds symptoms, causes with priors, rules in a
//! small condition language ([`expr`]), fixes and questions. [`infer`] turns
//! observations into a posterior over causes; [`plan()`] orders the fixes by
//! probability of success over minutes, conditioning on each failure;
//! [`next_question`] finds the question worth asking. [`Session`] keeps a
//! reader's actions, and [`recognize()`] turns pasted messages into
//! observations. Everything here is pure: no I/O, no clock, no browser.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// The core needs only `alloc`. The shipped wasm (feature `bare`) leaves std
// out, and with it std's panic hook and payload handling (2 KB of the wasm).
#![no_std]

#[macro_use]
extern crate alloc;
#[cfg(not(feature = "bare"))]
extern crate std;

#[cfg(all(feature = "bare", not(target_arch = "wasm32")))]
compile_error!("the `bare` feature is for the wasm32 build only");

/// What every module would get from std's prelude.
mod prelude {
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
}

/// The shipped wasm has no std to unwind or print: a panic traps at once,
/// and the widget restarts the engine in a fresh instance.
#[cfg(all(feature = "bare", target_arch = "wasm32"))]
#[panic_handler]
fn trap(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

mod explain;
pub mod expr;
#[cfg(any(target_arch = "wasm32", test))]
mod heap;
mod infer;
pub mod json;
pub mod kb;
mod num;
mod plan;
mod recognize;
#[cfg(not(target_arch = "wasm32"))]
pub mod scenario;
mod session;
mod sort;
#[cfg(not(target_arch = "wasm32"))]
pub mod synth;
mod value;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use infer::{infer, Posterior};
pub use kb::KnowledgeBase;
pub use plan::{
    expected_minutes_of_order, next_question, plan, Advice, Plan, Reason, Situation, Step,
};
pub use recognize::{recognize, Recognized};
pub use session::{
    Event, Feedback, Recommendation, Restored, Session, MAX_ID_LEN, MAX_SAVED_EVENTS,
    MAX_SAVED_LEN, SAVED_UNDO_DEPTH, SESSION_FORMAT, UNDO_DEPTH,
};
pub use value::{parse_number, parse_observation, Value};
#[cfg(target_arch = "wasm32")]
pub use wasm::Engine;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: heap::SizeClasses = heap::SizeClasses::new();

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
