//! A small JSON reader and writer. The browser build reads the compiled
//! knowledge base, actions and saved sessions, and writes its views, with
//! this instead of serde: derived (de)serializers and float formatting were
//! most of the wasm's size.

use crate::prelude::*;

mod read;
mod write;

pub use read::{parse, parse_decimal};
pub use write::{number_into, Writer};

use alloc::borrow::Cow;
use core::fmt;

/// A parsed JSON value. Strings borrow from the text unless they hold
/// escapes, so reading a knowledge base allocates little. Object members
/// keep their order; lookups are linear, which suits the small objects the
/// engine reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(f64),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// Why text is not JSON, and where (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub message: &'static str,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.message, self.line, self.column
        )
    }
}

impl<'a> Json<'a> {
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Writes the value back as compact JSON.
    pub fn to_text(&self) -> String {
        let mut w = Writer::new();
        w.value(self);
        w.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::read::MAX_DEPTH;
    use super::*;

    fn text(n: f64) -> String {
        let mut s = String::new();
        number_into(&mut s, n);
        s
    }

    #[test]
    fn numbers_round_trip_as_written() {
        for written in [
            "0",
            "1",
            "-36",
            "0.35",
            "0.05",
            "2.5",
            "0.000001",
            "3892314244",
            "9.5",
            "0.123456789",
        ] {
            let n = parse_decimal(written).unwrap();
            assert_eq!(n, written.parse::<f64>().unwrap(), "{written}");
            assert_eq!(text(n), written);
        }
        assert_eq!(parse_decimal("2.5e-3"), Some(0.0025));
        assert_eq!(parse_decimal("1E2"), Some(100.0));
        assert_eq!(text(1.0 / 3.0), "0.333333333");
        assert_eq!(text(f64::NAN), "null");
        assert_eq!(parse_decimal("1e999"), None);
        assert_eq!(parse_decimal("."), None);
        assert_eq!(parse_decimal("1.5.2"), None);
    }

    #[test]
    fn strings_escape_and_unescape() {
        let tricky = "quote \" back \\ newline \n tab \t bell \u{7} emoji 😀 </script>";
        let mut w = Writer::new();
        w.string(tricky);
        let written = w.finish();
        assert_eq!(parse(&written), Ok(Json::String(tricky.into())));
        assert_eq!(
            parse(r#""\ud83d\ude00 \u00e9""#),
            Ok(Json::String("😀 é".into()))
        );
    }

    #[test]
    fn documents_parse_and_write_back() {
        let text = r#"{"a":[1,true,null,"x",{"b":-0.5}],"c":{}}"#;
        let json = parse(text).unwrap();
        assert_eq!(json.get("c"), Some(&Json::Object(vec![])));
        assert_eq!(json.to_text(), text);
    }

    #[test]
    fn bad_json_says_where() {
        let err = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!((err.line, err.column), (2, 8));
        // Found by fuzzing: a backslash before a multibyte character.
        assert_eq!(parse("\"\\\u{6cf}").unwrap_err().message, "invalid escape");
        for bad in [
            "",
            "[1,]",
            "{\"a\" 1}",
            "\"open",
            "[1] 2",
            "01x",
            "\"\\x\"",
            "\"\\ud800\"",
            "-",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }
}
