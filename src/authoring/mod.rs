//! Authoring, native only: the TOML files support authors write, their
//! validation into a [`KnowledgeBase`](crate::engine::KnowledgeBase) with
//! diagnostics that point at file, line and column, static analysis,
//! scenarios, and synthetic knowledge bases for benchmarks and tests.

mod analysis;
mod compile;
pub mod expr;
mod load;
mod report;
pub mod scenario;
pub mod source;
pub mod stories;
pub mod synth;
pub mod translate;

pub use compile::compile;
pub use load::{load_dir, load_files, Loaded};
