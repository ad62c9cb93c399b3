//! Recursive descent: `or` binds loosest, then `and`, then `not`.

use crate::prelude::*;

use super::lexer::{lex, Token};
use super::{Literal, Name, ParseError, Span, Syntax};
use crate::engine::Value;

/// Parses condition text such as `channel in ["finder", "itunes"] and not wifi_ok`.
pub fn parse(text: &str) -> Result<Syntax, ParseError> {
    let tokens = lex(text)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        end: text.len(),
    };
    if parser.tokens.is_empty() {
        return Err(ParseError {
            message: "the condition is empty".into(),
            help: "write a condition such as `storage_full` or `channel == \"icloud\"`".into(),
            span: Span { start: 0, end: 0 },
        });
    }
    let syntax = parser.or()?;
    match parser.peek() {
        None => Ok(syntax),
        Some((token, span)) => Err(ParseError {
            message: format!("unexpected {} after a complete condition", token.describe()),
            help: "join conditions with 'and' or 'or'".into(),
            span,
        }),
    }
}

struct Parser {
    tokens: Vec<(Token, Span)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<(Token, Span)> {
        self.tokens.get(self.pos).cloned()
    }

    fn bump(&mut self) -> Option<(Token, Span)> {
        let token = self.peek();
        self.pos += 1;
        token
    }

    fn eat(&mut self, want: &Token) -> bool {
        let hit = matches!(self.peek(), Some((ref t, _)) if t == want);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn expected(&self, what: &str, help: &str) -> ParseError {
        match self.peek() {
            Some((token, span)) => ParseError {
                message: format!("expected {what}, found {}", token.describe()),
                help: help.into(),
                span,
            },
            None => ParseError {
                message: format!("expected {what}, found the end of the condition"),
                help: help.into(),
                span: Span {
                    start: self.end,
                    end: self.end,
                },
            },
        }
    }

    fn or(&mut self) -> Result<Syntax, ParseError> {
        let mut left = self.and()?;
        while self.eat(&Token::Or) {
            left = Syntax::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Syntax, ParseError> {
        let mut left = self.not()?;
        while self.eat(&Token::And) {
            left = Syntax::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Syntax, ParseError> {
        if self.eat(&Token::Not) {
            return Ok(Syntax::Not(Box::new(self.not()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Syntax, ParseError> {
        let help = "a condition starts with a symptom name, 'not', 'true', 'false' or '('";
        match self.peek() {
            Some((Token::LParen, _)) => {
                self.pos += 1;
                let inner = self.or()?;
                if !self.eat(&Token::RParen) {
                    return Err(self.expected("')'", "close the parenthesis"));
                }
                Ok(inner)
            }
            Some((Token::True, _)) => {
                self.pos += 1;
                Ok(Syntax::Const(true))
            }
            Some((Token::False, _)) => {
                self.pos += 1;
                Ok(Syntax::Const(false))
            }
            Some((Token::Ident(text), span)) => {
                self.pos += 1;
                self.after_name(Name { text, span })
            }
            _ => Err(self.expected("a condition", help)),
        }
    }

    fn after_name(&mut self, name: Name) -> Result<Syntax, ParseError> {
        match self.peek() {
            Some((Token::Cmp(op), _)) => {
                self.pos += 1;
                let literal = self.literal()?;
                Ok(Syntax::Compare(name, op, literal))
            }
            Some((Token::In, _)) => {
                self.pos += 1;
                Ok(Syntax::In(name, self.list()?))
            }
            Some((Token::Not, _))
                if matches!(self.tokens.get(self.pos + 1), Some((Token::In, _))) =>
            {
                self.pos += 2;
                Ok(Syntax::Not(Box::new(Syntax::In(name, self.list()?))))
            }
            _ => Ok(Syntax::Flag(name)),
        }
    }

    fn list(&mut self) -> Result<Vec<Literal>, ParseError> {
        if !self.eat(&Token::LBracket) {
            return Err(self.expected("'['", "write a list like [\"finder\", \"itunes\"]"));
        }
        let mut items = Vec::new();
        loop {
            if self.eat(&Token::RBracket) {
                break;
            }
            items.push(self.literal()?);
            if self.eat(&Token::RBracket) {
                break;
            }
            if !self.eat(&Token::Comma) {
                return Err(self.expected("',' or ']'", "separate list items with commas"));
            }
        }
        if items.is_empty() {
            return Err(self.expected_previous("a non-empty list", "list at least one value"));
        }
        Ok(items)
    }

    fn expected_previous(&self, what: &str, help: &str) -> ParseError {
        let span = self.tokens[self.pos.saturating_sub(1)].1;
        ParseError {
            message: format!("expected {what}"),
            help: help.into(),
            span,
        }
    }

    fn literal(&mut self) -> Result<Literal, ParseError> {
        let help = "compare with a number (-36), \"text\", true or false";
        let value = match self.peek() {
            Some((Token::Number(n), _)) => Value::Number(n),
            Some((Token::Str(s), _)) => Value::Choice(s),
            Some((Token::True, _)) => Value::Bool(true),
            Some((Token::False, _)) => Value::Bool(false),
            Some((Token::Ident(name), span)) => {
                return Err(ParseError {
                    message: format!("expected a value, found name '{name}'"),
                    help: format!("put text in double quotes: \"{name}\""),
                    span,
                })
            }
            _ => return Err(self.expected("a value", help)),
        };
        let (_, span) = self.bump().unwrap_or((Token::Comma, Span::default()));
        Ok(Literal { value, span })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders syntax compactly, so each case is one line.
    fn show(s: &Syntax) -> String {
        match s {
            Syntax::Const(b) => b.to_string(),
            Syntax::Flag(n) => n.text.clone(),
            Syntax::Compare(n, op, l) => format!("({} {:?} {})", n.text, op, l.value),
            Syntax::In(n, ls) => {
                let items: Vec<String> = ls.iter().map(|l| l.value.to_string()).collect();
                format!("({} in [{}])", n.text, items.join(","))
            }
            Syntax::Not(a) => format!("!{}", show(a)),
            Syntax::And(a, b) => format!("({} & {})", show(a), show(b)),
            Syntax::Or(a, b) => format!("({} | {})", show(a), show(b)),
        }
    }

    fn check(text: &str, expect: &str) {
        match parse(text) {
            Ok(s) => assert_eq!(show(&s), expect, "{text}"),
            Err(e) => {
                let caret = format!("{}{}", " ".repeat(e.span.start), "^");
                assert_eq!(format!("{}\n{caret}", e.message), expect, "{text}");
            }
        }
    }

    #[test]
    fn precedence_is_or_then_and_then_not() {
        check("a or b and not c", "(a | (b & !c))");
        check("(a or b) and c", "((a | b) & c)");
        check("not not a", "!!a");
    }

    #[test]
    fn comparisons_and_lists() {
        check(r#"channel == "icloud""#, "(channel Eq icloud)");
        check(
            "error_code in [-36, -50, 0xE8000084]",
            "(error_code in [-36,-50,3892314244])",
        );
        check("free_gb < 5", "(free_gb Lt 5)");
        check(r#"channel not in ["finder"]"#, "!(channel in [finder])");
    }

    #[test]
    fn errors_point_at_the_column() {
        check(
            "a and",
            "expected a condition, found the end of the condition\n     ^",
        );
        check("a b", "unexpected name 'b' after a complete condition\n  ^");
        check(
            "channel == icloud",
            "expected a value, found name 'icloud'\n           ^",
        );
        check("a = 1", "'=' is not an operator\n  ^");
        check("x in []", "expected a non-empty list\n      ^");
        check(
            "(a or b",
            "expected ')', found the end of the condition\n       ^",
        );
        check(r#"c == "open"#, "text is not closed\n     ^");
        check("", "the condition is empty\n^");
        check("a & b", "unexpected character '&'\n  ^");
    }
}
