//! Observed values and the `id=value` notation shared by the CLI and scenarios.

use crate::prelude::*;

use core::fmt;

/// What a reader observed about one symptom.
// Authors write values as plain TOML (`true`, `-36`, `"icloud"`);
// `authoring::source` implements serde's traits for that.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Number(f64),
    Choice(String),
}

impl Value {
    /// `true`/`false`, a number or text; `None` for anything else.
    pub fn from_json(json: &crate::base::json::Json) -> Option<Value> {
        use crate::base::json::Json;
        match json {
            Json::Bool(b) => Some(Value::Bool(*b)),
            Json::Number(n) => Some(Value::Number(*n)),
            Json::String(s) => Some(Value::Choice(s.to_string())),
            _ => None,
        }
    }

    /// The JSON `from_json` reads.
    pub(crate) fn write_json(&self, w: &mut crate::base::json::Writer) {
        match self {
            Value::Bool(b) => w.bool(*b),
            Value::Number(n) => w.number(*n),
            Value::Choice(c) => w.string(c),
        };
    }

    /// Reads `true`, `false`, a number (decimal or `0x` hex) or else a choice.
    pub fn parse(text: &str) -> Value {
        let text = text.trim();
        match text {
            "true" | "yes" => return Value::Bool(true),
            "false" | "no" => return Value::Bool(false),
            _ => {}
        }
        parse_number(text)
            .map(Value::Number)
            .unwrap_or_else(|| Value::Choice(text.trim_matches('"').to_string()))
    }

    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Bool(_) => "yes/no",
            Value::Number(_) => "number",
            Value::Choice(_) => "choice",
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{}", if *b { "yes" } else { "no" }),
            Value::Number(n) => {
                // Not `{n}`: core's float formatting would double the wasm.
                let mut text = String::new();
                crate::base::json::number_into(&mut text, *n);
                f.write_str(&text)
            }
            Value::Choice(c) => write!(f, "{c}"),
        }
    }
}

/// A probability as a whole percentage. Integer formatting keeps core's
/// float formatting out of the browser build.
pub(crate) fn percent(p: f64) -> u32 {
    crate::base::num::round_u64(p.clamp(0.0, 1.0) * 100.0) as u32
}

/// Parses `-36`, `4013`, `2.5` and `0xE8000084` (hex is read as unsigned).
pub fn parse_number(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let magnitude = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        u64::from_str_radix(hex, 16).ok()? as f64
    } else {
        if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        crate::base::json::parse_decimal(digits)?
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// An observation written as `id` (true) or `id=value`.
pub fn parse_observation(text: &str) -> (String, Value) {
    match text.split_once('=') {
        Some((id, value)) => (id.trim().to_string(), Value::parse(value)),
        None => (text.trim().to_string(), Value::Bool(true)),
    }
}

/// A value as authors write it: `true`, a number, or a choice's text.
impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Plain {
            Bool(bool),
            Number(f64),
            Choice(String),
        }
        Ok(match Plain::deserialize(d)? {
            Plain::Bool(b) => Value::Bool(b),
            Plain::Number(n) => Value::Number(n),
            Plain::Choice(c) => Value::Choice(c),
        })
    }
}

/// The same plain form, for the View and the CLI's JSON output.
impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => s.serialize_f64(*n),
            Value::Choice(c) => s.serialize_str(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observations_read_like_a_person_writes_them() {
        assert_eq!(
            parse_observation("wifi_ok"),
            ("wifi_ok".into(), Value::Bool(true))
        );
        assert_eq!(
            parse_observation("wifi_ok=no"),
            ("wifi_ok".into(), Value::Bool(false))
        );
        assert_eq!(parse_observation("error_code=-36").1, Value::Number(-36.0));
        assert_eq!(
            parse_observation("error_code=0xE8000084").1,
            Value::Number(3_892_314_244.0)
        );
        assert_eq!(
            parse_observation("channel=finder").1,
            Value::Choice("finder".into())
        );
    }

    #[test]
    fn text_that_only_looks_numeric_is_not_a_number() {
        assert_eq!(parse_number("-"), None);
        assert_eq!(parse_number("0xZZ"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("1e999"), None);
    }
}
