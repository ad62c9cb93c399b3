//! Where problems are: diagnostics located at a file, line and column of
//! the authors' sources. Shared by validation and static analysis.

use crate::prelude::*;

use super::source::{Document, FileIndex, SourceFile, Sp};
use crate::engine::{Code, Diagnostic, Severity};

/// Where a problem is: a file and a byte range in it.
#[derive(Clone, Copy, Debug)]
pub(super) struct At {
    pub file: FileIndex,
    pub span: Option<(usize, usize)>,
}

impl At {
    pub fn of<T>(file: FileIndex, sp: &Sp<T>) -> At {
        At {
            file,
            span: sp.span,
        }
    }

    /// A problem with the whole document.
    pub const NOWHERE: At = At {
        file: None,
        span: None,
    };
}

/// The diagnostics found so far in one document.
pub(super) struct Report<'d> {
    pub doc: &'d Document,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report<'_> {
    pub fn push(&mut self, severity: Severity, code: Code, at: At, message: String, help: String) {
        let mut d = Diagnostic {
            code,
            severity,
            message,
            help,
            file: None,
            line: None,
            column: None,
            source_line: None,
        };
        if let Some(file) = at.file.and_then(|f| self.doc.files.get(f)) {
            d.file = Some(file.name.clone());
            if let Some((start, end)) = at.span {
                locate(&mut d, file, start, end);
            }
        }
        self.diagnostics.push(d);
    }

    pub fn error(&mut self, code: Code, at: At, message: String, help: impl Into<String>) {
        self.push(Severity::Error, code, at, message, help.into());
    }

    pub fn warn(&mut self, code: Code, at: At, message: String, help: impl Into<String>) {
        self.push(Severity::Warning, code, at, message, help.into());
    }
}

/// Fills in line, column and the quoted line for a byte range of `file`.
pub fn locate(d: &mut Diagnostic, file: &SourceFile, start: usize, end: usize) {
    let text = &file.text;
    let mut start = start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = end.clamp(start, line_end);
    d.file = Some(file.name.clone());
    d.line = Some(text[..start].matches('\n').count() + 1);
    d.column = Some(text[line_start..start].chars().count() + 1);
    let width = text.get(start..end).map_or(1, |s| s.chars().count());
    d.source_line = Some((text[line_start..line_end].to_string(), width));
}
