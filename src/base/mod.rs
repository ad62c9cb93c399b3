//! Building blocks below the engine that know nothing of knowledge bases:
//! a small JSON reader and writer, float helpers `core` lacks, one sort,
//! and the browser build's allocator.

pub mod json;
pub(crate) mod num;
pub(crate) mod sort;

// The allocator is the browser's; its size-class arithmetic is also tested
// natively.
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) mod heap;
