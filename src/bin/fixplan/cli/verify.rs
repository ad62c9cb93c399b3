//! `fixplan verify`: a compiled knowledge base read exactly as the widget
//! reads it, before it is deployed.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// Reads `path` with the widget's reader; prints its diagnostics to stderr
/// as `check` does and `ok: <id> <version>` when it loads. Exits 1 on any
/// error.
pub fn verify(path: &Path) -> ExitCode {
    let mut stderr = io::stderr().lock();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            let _ = writeln!(stderr, "error: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let (kb, diagnostics) = fixplan::compiled::from_json(&text);
    let mut errors = 0;
    for d in &diagnostics {
        let mut d = d.clone();
        // The reader's diagnostics are about the whole document: name it.
        if d.file.is_none() {
            d.file = Some(path.display().to_string());
        }
        errors += usize::from(d.is_error());
        let _ = write!(stderr, "{}", d.render());
    }
    match kb {
        Some(kb) if errors == 0 => {
            // A closed stdout changes nothing about the verdict.
            let _ = writeln!(io::stdout().lock(), "ok: {} {}", kb.id, kb.version);
            ExitCode::SUCCESS
        }
        _ => {
            let _ = writeln!(
                stderr,
                "error: {}: the widget would not load this knowledge base ({} error(s))",
                path.display(),
                errors.max(1)
            );
            ExitCode::FAILURE
        }
    }
}
