//! The reader: a recursive-descent parser, depth-limited, that borrows
//! strings from the text and slices it only with `get()`.

use crate::prelude::*;

use super::{Json, JsonError};
use alloc::borrow::Cow;

/// Deep enough for any knowledge base; shallow enough that hostile input
/// cannot exhaust the stack.
pub(super) const MAX_DEPTH: usize = 64;

pub fn parse(text: &str) -> Result<Json<'_>, JsonError> {
    let mut p = Parser {
        text,
        pos: 0,
        depth: 0,
    };
    p.skip_space();
    let value = p.value()?;
    p.skip_space();
    if p.pos < text.len() {
        return Err(p.error("unexpected text after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: &'static str) -> JsonError {
        // An error can stop mid-character (a bad escape of a multibyte one).
        let mut at = self.pos.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let before = self.text.get(..at).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        JsonError {
            message,
            line,
            column,
        }
    }

    /// The text from the cursor on. `get`, not indexing: no panic path (and
    /// none of the formatting it would pull into the wasm).
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Result<(), JsonError> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn value(&mut self) -> Result<Json<'a>, JsonError> {
        match self.peek() {
            None => Err(self.error("unexpected end of input, expected a value")),
            Some(b'{') => self.nested(Parser::object),
            Some(b'[') => self.nested(Parser::array),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn nested(
        &mut self,
        inner: fn(&mut Self) -> Result<Json<'a>, JsonError>,
    ) -> Result<Json<'a>, JsonError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.depth += 1;
        self.pos += 1;
        let value = inner(self);
        self.depth -= 1;
        value
    }

    fn word(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, JsonError> {
        if self.rest().starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn array(&mut self) -> Result<Json<'a>, JsonError> {
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_space();
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self) -> Result<Json<'a>, JsonError> {
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a quoted member name"));
            }
            let key = self.string()?;
            self.expect(b':', "expected ':'")?;
            self.skip_space();
            members.push((key, self.value()?));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.pos += 1; // the opening quote
        let text: &'a str = self.text;
        let mut out: Option<String> = None;
        loop {
            let rest = &text.as_bytes()[self.pos..];
            let run = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .ok_or_else(|| self.error("unterminated string"))?;
            // The run ends at an ASCII byte, so it is whole UTF-8.
            let piece = text.get(self.pos..self.pos + run).unwrap_or_default();
            self.pos += run;
            match rest[run] {
                b'"' => {
                    self.pos += 1;
                    return Ok(match out {
                        None => Cow::Borrowed(piece),
                        Some(mut owned) => {
                            owned.push_str(piece);
                            Cow::Owned(owned)
                        }
                    });
                }
                b'\\' => {
                    self.pos += 1;
                    let owned = out.get_or_insert_with(String::new);
                    owned.push_str(piece);
                    owned.push(self.escape()?);
                }
                _ => return Err(self.error("control character in string")),
            }
        }
    }

    fn escape(&mut self) -> Result<char, JsonError> {
        let byte = self
            .peek()
            .ok_or_else(|| self.error("unterminated string"))?;
        self.pos += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    if !self.rest().starts_with("\\u") {
                        return Err(self.error("unpaired surrogate in \\u escape"));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("unpaired surrogate in \\u escape"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?
            }
            _ => return Err(self.error("invalid escape")),
        })
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))
    }

    fn number(&mut self) -> Result<Json<'a>, JsonError> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let digits = |pos: &mut usize| {
            let from = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > from
        };
        let mut pos = self.pos;
        if bytes.get(pos) == Some(&b'-') {
            pos += 1;
        }
        let mut ok = digits(&mut pos);
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            ok &= digits(&mut pos);
        }
        if matches!(bytes.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            if matches!(bytes.get(pos), Some(b'+' | b'-')) {
                pos += 1;
            }
            ok &= digits(&mut pos);
        }
        self.pos = pos;
        let n = ok
            .then(|| self.text.get(start..pos).and_then(parse_decimal))
            .flatten()
            .ok_or_else(|| self.error("invalid or out-of-range number"))?;
        Ok(Json::Number(n))
    }
}

/// Powers of ten that are exact in an f64.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Significant digits kept: no two neighbouring f64s have a midpoint with
/// more (767), so a nonzero digit standing for the rest rounds the same.
const MAX_DIGITS: usize = 800;

/// Reads `-12`, `0.35`, `2.5e-3`: JSON's number syntax (a fraction may be
/// empty, as in `1.`), correctly rounded to the nearest f64, so every
/// number the writer writes reads back as the same f64. Out of range is `None`.
/// The f64 of a number that our own writer wrote (the shortest round-trip
/// text, often 17 digits, beyond the exact fast path): a near guess from
/// two roundings is the answer when writing it gives back the same text,
/// because the shortest text of x always reads back as x. Anything else
/// (`None`) goes to the exact reader. Most numbers of a compiled knowledge
/// base are short; the 4 % that are not took a third of reading it.
fn written_shortest(text: &str, digits: &[u8], exponent: i64) -> Option<f64> {
    if digits.len() > 19 || !(-22..=22).contains(&exponent) {
        return None;
    }
    let mantissa = digits.iter().fold(0u64, |n, &d| n * 10 + u64::from(d));
    let magnitude = mantissa as f64;
    let guess = if exponent >= 0 {
        magnitude * EXACT_POW10[exponent as usize]
    } else {
        magnitude / EXACT_POW10[(-exponent) as usize]
    };
    let guess = if text.starts_with('-') { -guess } else { guess };
    let mut written = String::new();
    super::write::number_into(&mut written, guess);
    (written == text).then_some(guess.abs())
}

pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa_text, exponent_text) = match rest.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (rest, None),
    };
    let (int, frac) = mantissa_text.split_once('.').unwrap_or((mantissa_text, ""));
    if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut exponent: i64 = 0;
    if let Some(e) = exponent_text {
        let (sign, digits) = match (e.strip_prefix('-'), e.strip_prefix('+')) {
            (Some(digits), _) => (-1, digits),
            (_, Some(digits)) => (1, digits),
            _ => (1, e),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let written = digits
            .bytes()
            .fold(0i64, |n, b| (n * 10 + i64::from(b - b'0')).min(100_000));
        exponent = sign * written;
    }
    // The significant digits, without leading zeros; value = digits × 10^exponent.
    let mut digits: Vec<u8> = Vec::new();
    let mut rest_nonzero = false;
    exponent -= frac.len() as i64;
    for b in int.bytes().chain(frac.bytes()).map(|b| b - b'0') {
        if digits.is_empty() && b == 0 {
            continue;
        }
        if digits.len() < MAX_DIGITS {
            digits.push(b);
        } else {
            rest_nonzero |= b != 0;
            exponent += 1;
        }
    }
    if rest_nonzero {
        digits.push(1);
        exponent -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exponent += 1;
    }
    let magnitude = digits.len() as i64 + exponent; // value < 10^magnitude
    let value = if digits.is_empty() || magnitude < -400 {
        0.0
    } else if magnitude > 400 {
        return None;
    } else {
        let mantissa = digits
            .iter()
            .take(20)
            .fold(0u64, |n, &d| n.wrapping_mul(10).wrapping_add(u64::from(d)));
        if digits.len() <= 16 && mantissa < (1 << 53) && (0..=22).contains(&exponent) {
            // Both exact: one correctly rounded operation (Clinger's fast path).
            mantissa as f64 * EXACT_POW10[exponent as usize]
        } else if digits.len() <= 16 && mantissa < (1 << 53) && (-22..0).contains(&exponent) {
            mantissa as f64 / EXACT_POW10[(-exponent) as usize]
        } else if let Some(x) = written_shortest(text, &digits, exponent) {
            x
        } else {
            crate::base::num::decimal_to_f64(&digits, exponent as i32)?
        }
    };
    value
        .is_finite()
        .then_some(if negative { -value } else { value })
}
