//! Pasted text → observations: the knowledge base's phrases, and error
//! codes in the forms people see them (`-36`, `(4013)`, `error 14`,
//! `0xE8000084`).

use crate::prelude::*;

use super::model::{KnowledgeBase, SymptomKind};
use super::value::Value;

/// What a pasted message says, as observations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recognized {
    /// (symptom index, value), in the order found, one per symptom.
    pub observations: Vec<(usize, Value)>,
    /// Every error code found; the first one is the observation.
    pub codes: Vec<f64>,
}

pub fn recognize(kb: &KnowledgeBase, text: &str) -> Recognized {
    let text = straighten(text);
    let words = words(&text);
    let mut found = Recognized::default();
    let observe = |found: &mut Recognized, s: usize, value: Value| {
        if !found.observations.iter().any(|(seen, _)| *seen == s) {
            found.observations.push((s, value));
        }
    };
    for (s, symptom) in kb.symptoms.iter().enumerate() {
        if symptom
            .phrases
            .iter()
            .any(|p| contains(&words, &self::words(&straighten(p))))
        {
            observe(&mut found, s, Value::Bool(true));
        }
        if let SymptomKind::Choice(choices) = &symptom.kind {
            let hit = choices.iter().find(|c| {
                c.phrases
                    .iter()
                    .any(|p| contains(&words, &self::words(&straighten(p))))
            });
            if let Some(choice) = hit {
                observe(&mut found, s, Value::Choice(choice.value.clone()));
            }
        }
    }
    found.codes = codes(&text);
    if let (Some(s), Some(&code)) = (kb.error_code_symptom, found.codes.first()) {
        observe(&mut found, s, Value::Number(code));
    }
    found
}

/// Lowercase, with curly quotes and dashes made plain.
fn straighten(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' => '"',
            '\u{2212}' | '\u{2013}' | '\u{2014}' => '-',
            '\u{a0}' => ' ',
            c => lower(c),
        })
        .collect()
}

/// Lowercase for the scripts support sites write in: Latin (ASCII and
/// Latin-1), Greek and Cyrillic. Core's full Unicode tables would add 10 KB
/// to the browser build for letters no phrase uses.
fn lower(c: char) -> char {
    let shift = match c {
        'A'..='Z' | '\u{c0}'..='\u{de}' if c != '\u{d7}' => 32,
        '\u{391}'..='\u{3a9}' | '\u{410}'..='\u{42f}' => 32,
        '\u{400}'..='\u{40f}' => 80,
        _ => 0,
    };
    char::from_u32(c as u32 + shift).unwrap_or(c)
}

/// Letters and digits of any script; ASCII and common punctuation are not.
fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{80}'..='\u{bf}' | '\u{d7}' | '\u{f7}' => false,
        '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ff0f}' => false,
        _ => true,
    }
}

/// Words without punctuation; apostrophes vanish, so "couldn't" is "couldnt".
fn words(text: &str) -> Vec<String> {
    text.replace('\'', "")
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn contains(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Error codes: hex, parenthesised, signed, or after "error"/"code".
fn codes(text: &str) -> Vec<f64> {
    let chars: Vec<char> = text.chars().collect();
    let mut codes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let before = if i == 0 { ' ' } else { chars[i - 1] };
        let boundary = !is_word_char(before) && before != '.' && before != '-';
        let run = |from: usize, ok: fn(char) -> bool| {
            let mut end = from;
            while end < chars.len() && ok(chars[end]) {
                end += 1;
            }
            end
        };
        // 0xE8000084
        if boundary && chars[i] == '0' && chars.get(i + 1) == Some(&'x') {
            let end = run(i + 2, |c| c.is_ascii_hexdigit());
            if end > i + 2
                && end - (i + 2) <= 8
                && !chars.get(end).is_some_and(|&c| is_word_char(c))
            {
                let hex: String = chars[i + 2..end].iter().collect();
                if let Ok(n) = u64::from_str_radix(&hex, 16) {
                    codes.push(n as f64);
                }
                i = end;
                continue;
            }
        }
        if boundary && (chars[i] == '-' || chars[i].is_ascii_digit()) {
            let negative = chars[i] == '-';
            let digits_from = if negative { i + 1 } else { i };
            let end = run(digits_from, |c| c.is_ascii_digit());
            let clean_end = !chars.get(end).is_some_and(|c| {
                is_word_char(*c)
                    || *c == '.' && chars.get(end + 1).is_some_and(char::is_ascii_digit)
            });
            if end > digits_from && end - digits_from <= 10 && clean_end {
                let digits: String = chars[digits_from..end].iter().collect();
                let in_parens = before == '(' && chars.get(end) == Some(&')');
                let after_keyword = preceded_by_keyword(&chars[..i]);
                if negative || in_parens || after_keyword {
                    if let Some(n) = crate::base::json::parse_decimal(&digits) {
                        codes.push(if negative { -n } else { n });
                    }
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    codes
}

/// Whether the text just before a number ends with "error" or "code"
/// (optionally followed by ':', '#' or "number").
fn preceded_by_keyword(before: &[char]) -> bool {
    let head: String = before.iter().collect();
    let head = head.trim_end().trim_end_matches([':', '#', '=']).trim_end();
    let head = head.strip_suffix("number").map_or(head, str::trim_end);
    let head =
        head.strip_suffix("no")
            .map_or(head, |h| if h.ends_with(' ') { h.trim_end() } else { head });
    head.ends_with("error") || head.ends_with("code")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_their_usual_forms() {
        let cases: &[(&str, &[f64])] = &[
            (
                "The operation can't be completed. (OSStatus error -36.)",
                &[-36.0],
            ),
            ("An unknown error occurred (4013).", &[4013.0]),
            ("iTunes could not back up (error 14)", &[14.0]),
            ("error code: 0xE8000084", &[3_892_314_244.0]),
            ("Error 0xE800000A then error -54", &[3_892_314_122.0, -54.0]),
            ("Error code #9", &[9.0]),
        ];
        for (text, want) in cases {
            assert_eq!(codes(&straighten(text)), *want, "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_codes_are_left_alone() {
        let cases = [
            "My iPhone 15 on iOS 17.5 with 64 GB",
            "Backed up on 2024-05-01 at 10:30",
            "It says 5 GB of 50 GB used",
            "model A2849-B",
        ];
        for text in cases {
            assert_eq!(codes(&straighten(text)), Vec::<f64>::new(), "{text}");
        }
    }

    #[test]
    fn phrases_ignore_case_punctuation_and_curly_quotes() {
        let text = straighten("iPhone Backup Failed — “Couldn’t complete the last backup.”");
        let w = words(&text);
        assert!(contains(&w, &words("couldn't complete the last backup")));
        assert!(contains(&w, &words("backup failed")));
        assert!(!contains(&w, &words("backup session failed")));
    }

    #[test]
    fn other_scripts_match_regardless_of_case() {
        let w = words(&straighten(
            "ÜBERTRAGUNG Fehlgeschlagen; РЕЗЕРВНАЯ копия, ΣΦΑΛΜΑ…",
        ));
        assert!(contains(
            &w,
            &words(&straighten("übertragung fehlgeschlagen"))
        ));
        assert!(contains(&w, &words(&straighten("резервная копия"))));
        assert!(contains(&w, &words(&straighten("σφαλμα"))));
    }
}
