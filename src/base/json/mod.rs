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
            "1e-6",
            "3892314244",
            "9.5",
            "0.123456789",
            "0.3333333333333333",
            "1e-10",
            "1e20",
            "1e300",
            "5e-324",
            "-0",
        ] {
            let n = parse_decimal(written).unwrap();
            assert_eq!(
                n.to_bits(),
                written.parse::<f64>().unwrap().to_bits(),
                "{written}"
            );
            assert_eq!(text(n), written);
        }
        assert_eq!(parse_decimal("2.5e-3"), Some(0.0025));
        assert_eq!(parse_decimal("1E2"), Some(100.0));
        assert_eq!(parse_decimal("1."), Some(1.0));
        assert_eq!(text(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(text(f64::NAN), "null");
        for bad in [
            "1e999", "-1e999", ".", "1.5.2", "", "-", ".5", "+1", "inf", "1e", "1e+", "0x10",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }

    /// What a reader may type or a saved session may hold comes back as the
    /// same f64, as text and inside a document.
    #[test]
    fn numbers_read_back_exactly() {
        for typed in [
            "0.0000000001",
            "99999999999999999999",
            "100000000000000000000",
            "-36",
            "3758096516",
            "1e300",
            "5e-324",
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "1.7976931348623157e308",
            "9007199254740993",
            "0.1",
            "123456789012345678901234567890",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
        ] {
            let n = parse_decimal(typed).unwrap();
            assert_eq!(
                n.to_bits(),
                typed.parse::<f64>().unwrap().to_bits(),
                "{typed}"
            );
            let written = text(n);
            assert_eq!(
                parse_decimal(&written).map(f64::to_bits),
                Some(n.to_bits()),
                "{typed} as {written}"
            );
            let doc = format!("{{\"value\":{written}}}");
            assert_eq!(
                parse(&doc)
                    .unwrap()
                    .get("value")
                    .and_then(Json::as_f64)
                    .map(f64::to_bits),
                Some(n.to_bits())
            );
        }
        assert_eq!(parse_decimal("1.7976931348623159e308"), None);
        // Halfway between 2^53 and 2^53 + 2 goes to the even one; a digit
        // past the first 800 still decides the rounding.
        assert_eq!(parse_decimal("9007199254740993"), Some(9007199254740992.0));
        let long = format!("9007199254740993.{}1", "0".repeat(1000));
        assert_eq!(parse_decimal(&long), Some(9007199254740994.0));
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

/// The reader against core's parser, and the writer against the reader.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod exact {
    use super::*;
    use proptest::prelude::*;

    fn text(n: f64) -> String {
        let mut s = String::new();
        number_into(&mut s, n);
        s
    }

    fn core(text: &str) -> Option<u64> {
        text.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(f64::to_bits)
    }

    /// `a + b` for non-negative decimals written with the same number of decimals.
    fn add_halve(a: &str, b: &str) -> String {
        let width = a.len().max(b.len());
        let (a, b) = (format!("{a:0>width$}"), format!("{b:0>width$}"));
        let point = a.find('.').unwrap();
        let digits = |s: &str| {
            s.bytes()
                .filter(|&c| c != b'.')
                .map(|c| u32::from(c - b'0'))
                .collect::<Vec<_>>()
        };
        // (a + b) * 5, then one more decimal: the midpoint, exactly.
        let (a, b) = (digits(&a), digits(&b));
        let mut out = vec![0u32; a.len() + 2];
        let mut carry = 0;
        for i in (0..a.len()).rev() {
            let x = (a[i] + b[i]) * 5 + carry;
            out[i + 2] = x % 10;
            carry = x / 10;
        }
        out[1] = carry % 10;
        out[0] = carry / 10;
        let digits: String = out.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        format!("{}.{}", &digits[..point + 1], &digits[point + 1..])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

        #[test]
        fn every_finite_f64_round_trips(bits in any::<u64>()) {
            let n = f64::from_bits(bits);
            prop_assume!(n.is_finite());
            let written = text(n);
            prop_assert_eq!(parse_decimal(&written).map(f64::to_bits), Some(bits), "{}", written);
        }

        /// Probabilities and minutes, as a compiled knowledge base holds
        /// them: most are read by checking a near guess against the writer.
        #[test]
        fn knowledge_base_numbers_round_trip(p in 0.0f64..1.0, m in 1e-5f64..1e5, k in 1u32..40) {
            for n in [p, m, p / f64::from(k), 1.0 - p] {
                let written = text(n);
                prop_assert_eq!(parse_decimal(&written).map(f64::to_bits), Some(n.to_bits()), "{}", written);
                prop_assert_eq!(parse_decimal(&written).map(f64::to_bits), core(&written), "{}", written);
            }
        }

        #[test]
        fn reads_decimals_as_core_does(int in "[0-9]{1,30}", frac in "[0-9]{0,30}", exp in -400i32..400) {
            let t = format!("{int}.{frac}e{exp}");
            prop_assert_eq!(parse_decimal(&t).map(f64::to_bits), core(&t), "{}", t);
        }

        /// Midpoints between neighbouring f64s: ties go to even, and a
        /// trailing digit far out breaks the tie.
        #[test]
        fn rounds_midpoints_as_core_does(bits in 0u64..0x7fef_ffff_ffff_ffff) {
            let (a, b) = (f64::from_bits(bits), f64::from_bits(bits + 1));
            let mid = add_halve(&format!("{a:.1100}"), &format!("{b:.1100}"));
            prop_assert_eq!(parse_decimal(&mid).map(f64::to_bits), core(&mid), "{}", mid);
            let above = format!("{mid}1");
            prop_assert_eq!(parse_decimal(&above).map(f64::to_bits), core(&above));
            let (int, frac) = mid.split_once('.').unwrap();
            let short = format!("{int}.{}", &frac[..frac.len().min(20)]);
            prop_assert_eq!(parse_decimal(&short).map(f64::to_bits), core(&short));
        }
    }
}
