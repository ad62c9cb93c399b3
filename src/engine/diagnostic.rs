//! Diagnostics: every problem found in a knowledge base, with where and what to do.

use crate::prelude::*;

use crate::base::json::Writer;
use core::fmt;

/// Every problem a knowledge base can have, as a stable code. Each is
/// documented once, with an example and the fix, in `rules/README.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Code {
    /// `invalid-toml`: a file is not valid TOML, or a field has the wrong type.
    InvalidToml,
    /// `unreadable-file`: a file or folder could not be read.
    UnreadableFile,
    /// `missing-knowledge-base`: no `[knowledge_base]` table.
    MissingKnowledgeBase,
    /// `duplicate-knowledge-base`: a second `[knowledge_base]` table.
    DuplicateKnowledgeBase,
    /// `duplicate-id`: an id (or a choice value) is used twice.
    DuplicateId,
    /// `invalid-id`: an id is not snake_case.
    InvalidId,
    /// `reserved-id`: an item is called `other`.
    ReservedId,
    /// `unknown-kind`: a symptom kind other than bool, number or choice.
    UnknownKind,
    /// `missing-choices`: a choice symptom with no choices.
    MissingChoices,
    /// `type-mismatch`: a value or operator that does not fit the symptom's kind.
    TypeMismatch,
    /// `unknown-group`: a symptom names a group that does not exist.
    UnknownGroup,
    /// `unknown-symptom`: a reference to a symptom that does not exist.
    UnknownSymptom,
    /// `unknown-cause`: a reference to a cause that does not exist.
    UnknownCause,
    /// `unknown-fix`: a reference to a fix that does not exist.
    UnknownFix,
    /// `unknown-question`: a translation of a question that does not exist.
    UnknownQuestion,
    /// `unknown-choice`: a choice value the symptom does not list.
    UnknownChoice,
    /// `unknown-risk`: a risk other than safe, caution or data_risk.
    UnknownRisk,
    /// `probability-out-of-range`: a probability outside [0, 1], or one that leaves nothing possible.
    ProbabilityOutOfRange,
    /// `likelihoods-not-normalised`: a question's answer likelihoods under one cause do not sum to one.
    LikelihoodsNotNormalised,
    /// `non-positive-cost`: minutes that are not a positive number.
    NonPositiveCost,
    /// `unguarded-data-risk`: a data_risk fix without a `requires` guard.
    UnguardedDataRisk,
    /// `repairs-nothing`: a fix that repairs no cause.
    RepairsNothing,
    /// `invalid-effect`: a rule's `then` with no effect or more than one.
    InvalidEffect,
    /// `invalid-likelihood-ratio`: a likelihood ratio that is not a positive number.
    InvalidLikelihoodRatio,
    /// `missing-answers`: a question with no answers.
    MissingAnswers,
    /// `expression-syntax`: a condition that does not parse.
    ExpressionSyntax,
    /// `missing-translation`: a reader-facing text with no translation in a `lang/` file.
    MissingTranslation,
    /// `condition-too-deep`: a condition nested deeper than 64 levels.
    ConditionTooDeep,
    /// `ordering-cycle`: fixes that must each come after the other.
    OrderingCycle,
    /// `invalid-json`: a compiled file that is not JSON.
    InvalidJson,
    /// `unsupported-format`: a compiled file of another format version.
    UnsupportedFormat,
    /// `invalid-knowledge-base`: a compiled file whose structure is damaged.
    InvalidKnowledgeBase,
    /// `invalid-synonyms`: a synonym group that is empty, has a word with no
    /// letters or digits, or shares a word with another group.
    InvalidSynonyms,
    /// `unused-symptom`: warning: a symptom that no rule, fix or question reads.
    UnusedSymptom,
    /// `unrepaired-cause`: warning: a cause that no fix repairs.
    UnrepairedCause,
    /// `unreachable-fix`: warning: a fix that no situation can offer.
    UnreachableFix,
    /// `useless-question`: warning: a question whose answers cannot change the plan.
    UselessQuestion,
    /// `unused-translation`: warning: a translated rule text no rule reads.
    UnusedTranslation,
}

impl Code {
    /// Every code, in the order `rules/README.md` documents them.
    pub const ALL: &'static [Code] = &[
        Code::InvalidToml,
        Code::UnreadableFile,
        Code::MissingKnowledgeBase,
        Code::DuplicateKnowledgeBase,
        Code::DuplicateId,
        Code::InvalidId,
        Code::ReservedId,
        Code::UnknownKind,
        Code::MissingChoices,
        Code::TypeMismatch,
        Code::UnknownGroup,
        Code::UnknownSymptom,
        Code::UnknownCause,
        Code::UnknownFix,
        Code::UnknownQuestion,
        Code::UnknownChoice,
        Code::UnknownRisk,
        Code::ProbabilityOutOfRange,
        Code::LikelihoodsNotNormalised,
        Code::NonPositiveCost,
        Code::UnguardedDataRisk,
        Code::RepairsNothing,
        Code::InvalidEffect,
        Code::InvalidLikelihoodRatio,
        Code::MissingAnswers,
        Code::ExpressionSyntax,
        Code::MissingTranslation,
        Code::ConditionTooDeep,
        Code::OrderingCycle,
        Code::InvalidJson,
        Code::UnsupportedFormat,
        Code::InvalidKnowledgeBase,
        Code::InvalidSynonyms,
        Code::UnusedSymptom,
        Code::UnrepairedCause,
        Code::UnreachableFix,
        Code::UselessQuestion,
        Code::UnusedTranslation,
    ];

    /// The stable kebab-case name shown to authors: `type-mismatch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidToml => "invalid-toml",
            Code::UnreadableFile => "unreadable-file",
            Code::MissingKnowledgeBase => "missing-knowledge-base",
            Code::DuplicateKnowledgeBase => "duplicate-knowledge-base",
            Code::DuplicateId => "duplicate-id",
            Code::InvalidId => "invalid-id",
            Code::ReservedId => "reserved-id",
            Code::UnknownKind => "unknown-kind",
            Code::MissingChoices => "missing-choices",
            Code::TypeMismatch => "type-mismatch",
            Code::UnknownGroup => "unknown-group",
            Code::UnknownSymptom => "unknown-symptom",
            Code::UnknownCause => "unknown-cause",
            Code::UnknownFix => "unknown-fix",
            Code::UnknownQuestion => "unknown-question",
            Code::UnknownChoice => "unknown-choice",
            Code::UnknownRisk => "unknown-risk",
            Code::ProbabilityOutOfRange => "probability-out-of-range",
            Code::LikelihoodsNotNormalised => "likelihoods-not-normalised",
            Code::NonPositiveCost => "non-positive-cost",
            Code::UnguardedDataRisk => "unguarded-data-risk",
            Code::RepairsNothing => "repairs-nothing",
            Code::InvalidEffect => "invalid-effect",
            Code::InvalidLikelihoodRatio => "invalid-likelihood-ratio",
            Code::MissingAnswers => "missing-answers",
            Code::ExpressionSyntax => "expression-syntax",
            Code::MissingTranslation => "missing-translation",
            Code::ConditionTooDeep => "condition-too-deep",
            Code::OrderingCycle => "ordering-cycle",
            Code::InvalidJson => "invalid-json",
            Code::UnsupportedFormat => "unsupported-format",
            Code::InvalidKnowledgeBase => "invalid-knowledge-base",
            Code::InvalidSynonyms => "invalid-synonyms",
            Code::UnusedSymptom => "unused-symptom",
            Code::UnrepairedCause => "unrepaired-cause",
            Code::UnreachableFix => "unreachable-fix",
            Code::UselessQuestion => "useless-question",
            Code::UnusedTranslation => "unused-translation",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem. `code` is stable ([`Code`]); `message` names the culprit,
/// `help` says what to do. Position fields are 1-based and absent when the
/// knowledge base did not come from files (a compiled JSON document).
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
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
    pub fn error(code: Code, message: String, help: impl Into<String>) -> Diagnostic {
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
        w.key("code").string(self.code.as_str());
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
            code: Code::UnknownSymptom,
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
