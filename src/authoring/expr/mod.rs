//! The condition language: `channel == "icloud" and not wifi_ok`.
//!
//! Text is parsed once into [`Syntax`] (names, not indices); the knowledge
//! base resolves names into a [`Cond`](crate::engine::Cond) that evaluates
//! in three-valued logic.

use crate::prelude::*;

mod lexer;
mod parser;

pub use crate::engine::CmpOp;
pub use parser::parse;

use crate::engine::Value;

/// Byte offsets into the expression text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A syntax error, with the span to put a caret under.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub help: String,
    pub span: Span,
}

/// A name as written, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A literal as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Literal {
    pub value: Value,
    pub span: Span,
}

/// A parsed condition, before its names are resolved.
#[derive(Clone, Debug, PartialEq)]
pub enum Syntax {
    Const(bool),
    /// A bare yes/no symptom.
    Flag(Name),
    Compare(Name, CmpOp, Literal),
    In(Name, Vec<Literal>),
    Not(Box<Syntax>),
    And(Box<Syntax>, Box<Syntax>),
    Or(Box<Syntax>, Box<Syntax>),
}
