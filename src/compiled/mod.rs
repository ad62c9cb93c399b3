//! The compiled form the widget loads: a validated knowledge base with every
//! reference resolved to an index and every condition parsed. Reading it
//! checks shape and bounds only, so the browser needs neither the source
//! format nor the validator, and a damaged file is an error, never a panic.
//!
//! The file is `{"format": 5, "strings": [...], "model": [...]}`. `strings`
//! holds every text once, in the order the model first uses them; `model` is
//! one flat list of numbers, read front to back, in which a text is -2 where
//! it is first used (the next of `strings`) and its index after that. A flat
//! list keeps the browser's reader a cursor over numbers rather than a walk
//! over objects, and the repeated -2 compresses well.
//!
//! The model, in order (`s`: a text, `i`: an index, `?`: -1 for none,
//! `[x]`: a count, then that many `x`):
//! - counts of groups, symptoms, causes, rules, fixes and questions;
//! - id s, version s, lang s, title s, the wording's likely_cause s,
//!   you_reported s, said_no s and something_else s, other_prior, error_code_symptom i?, escalation i?,
//!   support_cost;
//! - each group: id s, title s;
//! - each symptom: id s, title s, group i?, \[phrase s\], then its kind:
//!   0 (yes/no), 1 unit s? (number), or 2 \[value s, title s, \[phrase s\]\] (choice);
//! - each cause: id s, title s, prior;
//! - each rule: condition, effect, why s; an effect is 0 cause i ratio
//!   (likelihood), 1 cause i (rule out) or 2 fix i (exclude);
//! - each fix: id s, title s, minutes, risk (0 safe, 1 caution, 2 data_risk),
//!   when condition?, requires condition?, \[cause i, probability\],
//!   \[after fix i\], why s?, \[step s\];
//! - each question: id s, text s, check s?, ask_when condition?, symptom i,
//!   minutes, \[label s, value?, then one likelihood per cause and one for
//!   something else\];
//! - the synonym groups: \[\[word s\]\] (format 5 added them).
//!
//! A condition is 0 (false), 1 (true), 2 symptom i (flag), 3 condition (not),
//! 4 \[condition\] (and), 5 \[condition\] (or), 6 symptom i \[value\] (in), or
//! 7 + op, symptom i, value, where op indexes `OPS`. A value is 0 then 0 or 1
//! (yes/no), 1 then a number, or 2 then a choice s.

mod read;
mod write;

pub use read::from_json;
pub use write::to_json;

use crate::engine::CmpOp;

/// Version of the compiled format; a reader refuses any other.
pub const COMPILED_FORMAT: u32 = 5;

/// Comparison operators in the order the model numbers them.
const OPS: [CmpOp; 6] = [
    CmpOp::Eq,
    CmpOp::Ne,
    CmpOp::Lt,
    CmpOp::Le,
    CmpOp::Gt,
    CmpOp::Ge,
];

/// Condition codes (`7 + op` for comparisons).
mod code {
    pub const FALSE: f64 = 0.0;
    pub const TRUE: f64 = 1.0;
    pub const FLAG: f64 = 2.0;
    pub const NOT: f64 = 3.0;
    pub const AND: f64 = 4.0;
    pub const OR: f64 = 5.0;
    pub const IN: f64 = 6.0;
    pub const COMPARE: f64 = 7.0;
    /// An optional item that is left out.
    pub const NONE: f64 = -1.0;
    /// A text used for the first time: the next one in `strings`.
    pub const NEXT_TEXT: f64 = -2.0;
}
