//! Splits condition text into tokens with byte spans.

use crate::prelude::*;

use super::{CmpOp, ParseError, Span};
use crate::engine::parse_number;

#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    Ident(String),
    Number(f64),
    Str(String),
    Cmp(CmpOp),
    And,
    Or,
    Not,
    In,
    True,
    False,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

impl Token {
    pub fn describe(&self) -> String {
        match self {
            Token::Ident(name) => format!("name '{name}'"),
            Token::Number(n) => format!("number {n}"),
            Token::Str(s) => format!("text \"{s}\""),
            Token::Cmp(_) => "a comparison".into(),
            Token::And => "'and'".into(),
            Token::Or => "'or'".into(),
            Token::Not => "'not'".into(),
            Token::In => "'in'".into(),
            Token::True => "'true'".into(),
            Token::False => "'false'".into(),
            Token::LParen => "'('".into(),
            Token::RParen => "')'".into(),
            Token::LBracket => "'['".into(),
            Token::RBracket => "']'".into(),
            Token::Comma => "','".into(),
        }
    }
}

pub fn lex(text: &str) -> Result<Vec<(Token, Span)>, ParseError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let span = |end: usize| Span { start, end };
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let token = match c {
            b'(' => Token::LParen,
            b')' => Token::RParen,
            b'[' => Token::LBracket,
            b']' => Token::RBracket,
            b',' => Token::Comma,
            b'=' | b'!' | b'<' | b'>' => {
                let double = bytes.get(i + 1) == Some(&b'=');
                let op = match (c, double) {
                    (b'=', true) => CmpOp::Eq,
                    (b'!', true) => CmpOp::Ne,
                    (b'<', true) => CmpOp::Le,
                    (b'>', true) => CmpOp::Ge,
                    (b'<', false) => CmpOp::Lt,
                    (b'>', false) => CmpOp::Gt,
                    _ => {
                        return Err(ParseError {
                            message: format!("'{}' is not an operator", c as char),
                            help: "compare with '==' or '!=', negate with 'not'".into(),
                            span: span(i + 1),
                        })
                    }
                };
                i += if double { 2 } else { 1 };
                tokens.push((Token::Cmp(op), span(i)));
                continue;
            }
            b'"' => {
                let close = text[i + 1..].find('"').ok_or_else(|| ParseError {
                    message: "text is not closed".into(),
                    help: "add the closing '\"'".into(),
                    span: span(text.len()),
                })?;
                let end = i + 1 + close + 1;
                tokens.push((Token::Str(text[i + 1..end - 1].to_string()), span(end)));
                i = end;
                continue;
            }
            b'-' | b'0'..=b'9' => {
                let end = scan(bytes, i + 1, |b| b.is_ascii_alphanumeric() || b == b'.');
                let number = parse_number(&text[i..end]).ok_or_else(|| ParseError {
                    message: format!("'{}' is not a number", &text[i..end]),
                    help: "write numbers like -36, 2.5 or 0xE8000084".into(),
                    span: span(end),
                })?;
                tokens.push((Token::Number(number), span(end)));
                i = end;
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let end = scan(bytes, i, |b| b.is_ascii_alphanumeric() || b == b'_');
                let word = &text[i..end];
                let token = match word {
                    "and" => Token::And,
                    "or" => Token::Or,
                    "not" => Token::Not,
                    "in" => Token::In,
                    "true" => Token::True,
                    "false" => Token::False,
                    _ => Token::Ident(word.to_string()),
                };
                tokens.push((token, span(end)));
                i = end;
                continue;
            }
            _ => {
                let width = text[i..].chars().next().map_or(1, char::len_utf8);
                return Err(ParseError {
                    message: format!("unexpected character '{}'", &text[i..i + width]),
                    help: "conditions use names, numbers, \"text\", ==, !=, <, >, in [..], and, or, not"
                        .into(),
                    span: span(i + width),
                });
            }
        };
        i += 1;
        tokens.push((token, span(i)));
    }
    Ok(tokens)
}

fn scan(bytes: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    from + bytes[from..].iter().take_while(|&&b| keep(b)).count()
}
