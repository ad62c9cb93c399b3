//! `fixplan`: the knowledge-base author's tool (native builds only).

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// There is no CLI in the browser, but wasm test builds compile every binary.
#[cfg(target_arch = "wasm32")]
fn main() {}
