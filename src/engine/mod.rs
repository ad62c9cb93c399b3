//! The engine: the knowledge model, the validator that makes every
//! [`KnowledgeBase`] value valid, inference, planning, explanations,
//! recognising pasted text, and a reader's session. It is what the browser
//! and the CLI both run: pure, `no_std` with `alloc`, no I/O, no clock.
//!
//! The entry point is [`Recommendation`]: a situation in, the plan, the
//! question worth asking and the posterior out (through [`Session`] for a
//! reader's log of actions).

mod cond;
mod diagnostic;
mod explain;
pub(crate) mod index;
pub(crate) mod infer;
mod model;
mod plan;
pub(crate) mod recognize;
mod recommend;
mod session;
pub mod validate;
mod value;
pub mod view;

pub use cond::{CmpOp, Cond, Tri};
pub use diagnostic::{closest, did_you_mean, Code, Diagnostic, Severity};
pub use explain::Reason;
pub use infer::{infer, Posterior};
pub use model::*;
pub use plan::{expected_minutes_of_order, next_question, plan, Advice, Plan, Situation, Step};
pub use recognize::{recognize, recognize_uncapped, suggest, Recognized, Suggestion, MAX_CHARS};
pub use recommend::Recommendation;
pub use session::{
    Event, Feedback, Restored, Session, MAX_ID_LEN, MAX_SAVED_EVENTS, MAX_SAVED_LEN,
    SAVED_UNDO_DEPTH, SESSION_FORMAT, UNDO_DEPTH,
};
pub use validate::validate;
pub use value::{parse_number, parse_observation, Value};
pub use view::View;
