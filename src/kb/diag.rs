//! Diagnostics: every problem found in a knowledge base, with where and what to do.

use crate::prelude::*;

use crate::json::Writer;
use core::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem. `code` is stable kebab-case; `message` names the culprit,
/// `help` says what to do. Position fields are 1-based and absent when the
/// knowledge base did not come from files (a compiled JSON document).
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The quoted source line and the width of the span under it.
    pub source_line: Option<(String, usize)>,
}

impl Diagnostic {
    /// An error about a whole file or document, with no position in it.
    pub fn error(code: &'static str, message: String, help: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message,
            help: help.into(),
            file: None,
            line: None,
            column: None,
            source_line: None,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `{"code", "severity", "message", "help"}` plus the position when known.
    pub fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("code").string(self.code);
        w.key("severity").string(match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        });
        w.key("message").string(&self.message);
        w.key("help").string(&self.help);
        if let Some(file) = &self.file {
            w.key("file").string(file);
        }
        for (key, n) in [("line", self.line), ("column", self.column)] {
            if let Some(n) = n {
                w.key(key).number(n as f64);
            }
        }
        w.end_object();
    }

    /// `file:line:column: error[code]: message`, the line, a caret, `help:`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if let Some(file) = &self.file {
            out.push_str(file);
            if let (Some(line), Some(column)) = (self.line, self.column) {
                out.push_str(&format!(":{line}:{column}"));
            }
            out.push_str(": ");
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{severity}[{}]: {}\n", self.code, self.message));
        if let (Some((text, width)), Some(line), Some(column)) =
            (&self.source_line, self.line, self.column)
        {
            let gutter = line.to_string().len();
            let pad = " ".repeat(gutter);
            let indent: String = text
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!(
                "{pad} |\n{line} | {text}\n{pad} | {indent}{}\n",
                "^".repeat((*width).max(1))
            ));
        }
        if !self.help.is_empty() {
            out.push_str(&format!("  help: {}\n", self.help));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Fills in line, column and the quoted line for a byte range of `file`.
#[cfg(not(target_arch = "wasm32"))]
pub fn locate(d: &mut Diagnostic, file: &super::source::SourceFile, start: usize, end: usize) {
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

/// Inputs longer than this (characters) get no suggestion: no id is that
/// long, and edit distance costs the product of the two lengths.
const LONGEST_SUGGESTED: usize = 128;

/// The closest candidate within a small edit distance, for "did you mean".
/// A candidate whose length alone differs by more than the allowed distance
/// is skipped without computing it (the distance is at least that).
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // A character is at most 4 bytes: this rejects megabytes without counting them.
    if wanted.len() > 4 * LONGEST_SUGGESTED {
        return None;
    }
    let length = wanted.chars().count();
    if length > LONGEST_SUGGESTED {
        return None;
    }
    let limit = (length / 3).max(2);
    candidates
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// "did you mean 'x'?", or a fallback hint when nothing is close.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: &str,
) -> String {
    match closest(wanted, candidates) {
        Some(c) => format!("did you mean '{c}'?"),
        None => otherwise.to_string(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["storage_full", "wifi_ok", "channel"];
        assert_eq!(closest("storage_ful", ids), Some("storage_full"));
        assert_eq!(closest("wifi", ids), None);
        assert_eq!(closest("chanel", ids), Some("channel"));
        assert_eq!(closest("battery_low", ids), None);
    }

    #[test]
    fn skipping_by_length_suggests_what_the_full_search_would() {
        let ids = [
            "a",
            "ab",
            "abc",
            "abcd",
            "abcdef",
            "wifi",
            "wifi_ok",
            "wi-fi",
            "storage",
            "storage_full",
            "ü",
            "üb",
            "über_storage",
        ];
        let full = |wanted: &str| {
            let limit = (wanted.chars().count() / 3).max(2);
            ids.iter()
                .map(|&c| (edit_distance(wanted, c), c))
                .filter(|(d, _)| *d <= limit)
                .min()
                .map(|(_, c)| c)
        };
        for wanted in ids.iter().copied().chain([
            "",
            "x",
            "abcdefgh",
            "storage_fu",
            "wif",
            "übe",
            "torage_full",
        ]) {
            assert_eq!(closest(wanted, ids), full(wanted), "{wanted}");
        }
    }

    #[test]
    fn overlong_input_gets_no_suggestion() {
        let long = "x".repeat(LONGEST_SUGGESTED + 1);
        let near = "x".repeat(LONGEST_SUGGESTED);
        assert_eq!(closest(&long, [near.as_str()]), None);
        assert_eq!(closest(&near, [long.as_str()]), Some(long.as_str()));
        let huge = "é".repeat(1000);
        assert_eq!(closest(&huge, [huge.as_str()]), None);
    }

    #[test]
    fn renders_with_a_caret_under_the_span() {
        let d = Diagnostic {
            code: "unknown-symptom",
            severity: Severity::Error,
            message: "unknown symptom 'storage_ful' in rule".into(),
            help: "did you mean 'storage_full'?".into(),
            file: Some("icloud.toml".into()),
            line: Some(7),
            column: Some(9),
            source_line: Some(("when = 'storage_ful'".into(), 11)),
        };
        assert_eq!(
            d.render(),
            "icloud.toml:7:9: error[unknown-symptom]: unknown symptom 'storage_ful' in rule\n  |\n7 | when = 'storage_ful'\n  |         ^^^^^^^^^^^\n  help: did you mean 'storage_full'?\n"
        );
    }
}
