//! The browser layer: the widget drawn by web-sys (`widget`), its words
//! (`strings`), saved progress (`store`), and the `Engine` export that
//! benchmarks and authors' tools drive with JSON text. Every decision about
//! beliefs and plans is made in the core.

mod dom;
#[cfg(feature = "engine-api")]
mod engine_api;
mod store;
mod strings;
mod widget;

#[cfg(feature = "engine-api")]
pub use engine_api::Engine;
pub use widget::Widget;

#[cfg(feature = "fault-injection")]
static PANIC_ARMED: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

/// Whether a panic was armed; disarms it.
#[cfg(feature = "fault-injection")]
fn take_panic() -> bool {
    PANIC_ARMED.swap(false, core::sync::atomic::Ordering::SeqCst)
}

/// Test builds only: the next `dispatch` panics (a trap, as a bug would).
#[cfg(feature = "fault-injection")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn arm_panic() {
    PANIC_ARMED.store(true, core::sync::atomic::Ordering::SeqCst);
}
