//! The writer: compact JSON, numbers in the shortest text that reads back exactly.

use crate::prelude::*;

use super::Json;

/// Writes compact JSON, putting the commas in itself.
pub struct Writer {
    out: String,
    comma: bool,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    pub fn new() -> Writer {
        Writer {
            out: String::new(),
            comma: false,
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn separate(&mut self) {
        if self.comma {
            self.out.push(',');
        }
    }

    fn open(&mut self, bracket: char) -> &mut Self {
        self.separate();
        self.out.push(bracket);
        self.comma = false;
        self
    }

    fn close(&mut self, bracket: char) -> &mut Self {
        self.out.push(bracket);
        self.comma = true;
        self
    }

    pub fn begin_object(&mut self) -> &mut Self {
        self.open('{')
    }

    pub fn end_object(&mut self) -> &mut Self {
        self.close('}')
    }

    pub fn begin_array(&mut self) -> &mut Self {
        self.open('[')
    }

    pub fn end_array(&mut self) -> &mut Self {
        self.close(']')
    }

    /// A member name; the next call writes its value.
    pub fn key(&mut self, key: &str) -> &mut Self {
        self.separate();
        escape_into(&mut self.out, key);
        self.out.push(':');
        self.comma = false;
        self
    }

    pub fn string(&mut self, s: &str) -> &mut Self {
        self.separate();
        escape_into(&mut self.out, s);
        self.comma = true;
        self
    }

    pub fn number(&mut self, n: f64) -> &mut Self {
        self.separate();
        number_into(&mut self.out, n);
        self.comma = true;
        self
    }

    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.raw(if b { "true" } else { "false" })
    }

    pub fn null(&mut self) -> &mut Self {
        self.raw("null")
    }

    fn raw(&mut self, text: &str) -> &mut Self {
        self.separate();
        self.out.push_str(text);
        self.comma = true;
        self
    }

    pub fn opt_string(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    pub fn strings<S: AsRef<str>>(&mut self, items: &[S]) -> &mut Self {
        self.begin_array();
        for item in items {
            self.string(item.as_ref());
        }
        self.end_array()
    }

    pub fn value(&mut self, v: &Json<'_>) -> &mut Self {
        match v {
            Json::Null => self.null(),
            Json::Bool(b) => self.bool(*b),
            Json::Number(n) => self.number(*n),
            Json::String(s) => self.string(s),
            Json::Array(items) => {
                self.begin_array();
                items.iter().for_each(|item| {
                    self.value(item);
                });
                self.end_array()
            }
            Json::Object(members) => {
                self.begin_object();
                for (k, v) in members {
                    self.key(k).value(v);
                }
                self.end_object()
            }
        }
    }
}

fn escape_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(hex_digit(c as u32 >> 4));
                out.push(hex_digit(c as u32 & 0xF));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn hex_digit(n: u32) -> char {
    char::from_digit(n, 16).unwrap_or('0')
}

/// The shortest text that reads back as the same f64: whole numbers below
/// 2^53 as integers (`3`, not `3.0`), everything else as `ryu` writes it
/// (`0.35`, `1e-10`, `1e20`, `5e-324`). Not finite (never produced by the
/// engine) becomes `null`, as JSON has no NaN.
pub fn number_into(out: &mut String, n: f64) {
    if !n.is_finite() {
        out.push_str("null");
        return;
    }
    let x = n.abs();
    if crate::base::num::is_whole(x) && x < 9_007_199_254_740_992.0 {
        if n.is_sign_negative() {
            out.push('-');
        }
        digits_into(out, x as u64);
        return;
    }
    out.push_str(ryu::Buffer::new().format_finite(n));
}

fn digits_into(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf[at..].iter().for_each(|&b| out.push(b as char));
}
