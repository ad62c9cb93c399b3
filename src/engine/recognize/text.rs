//! Characters and words. Phrases and pasted text go through this one
//! tokenizer, so both are folded the same way: case, accents, curly quotes
//! and dashes. Error codes are read in the same left-to-right pass, with a
//! look-behind of two characters and the previous word, never a copy of
//! the text before a number (that made long pastes quadratic).

use crate::prelude::*;

/// One word of the text, folded: `primary` with accents and umlauts
/// dropped (`geräte` → `gerate`), `alt` with umlauts spelt out
/// (`geraete`) when the word has one, so "Geräte", "Gerate" and "Geraete"
/// can all be found. Apostrophes are dropped ("iPhone's" → `iphones`).
pub(super) struct Word<'a> {
    pub primary: &'a str,
    pub alt: Option<&'a str>,
    /// Byte range in the text (a contraction's two words share it).
    pub start: usize,
    pub end: usize,
    /// Letters, counted as characters.
    pub letters: usize,
    /// Whether the word has a digit: such words match only exactly.
    pub digits: bool,
}

/// What the tokenizer hands on, in text order.
pub(super) enum Piece<'a> {
    Word(Word<'a>),
    /// Punctuation that ends a clause: neither a negation nor a phrase
    /// reaches past it.
    Break,
}

/// An error code as written, before the knowledge base's conventions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct RawCode {
    pub value: f64,
    /// A positive number that only context made a code ("error 36",
    /// "(36)"): people drop the minus, so it may stand for -36.
    pub bare: bool,
    /// Only parentheses made it a code, with no "error" or "Fehler" in the
    /// sentence: "my father (81)" is no code unless the knowledge base
    /// knows the number.
    pub weak: bool,
    pub start: usize,
    pub end: usize,
}

/// Lowercase for the scripts support sites write in: Latin (ASCII,
/// Latin-1 and Latin Extended-A), Greek and Cyrillic. Core's full Unicode
/// tables would add 10 KB to the browser build for letters no phrase uses.
pub(crate) fn lower(c: char) -> char {
    let u = c as u32;
    let shift = match u {
        0x41..=0x5a => 32,
        0xc0..=0xde if u != 0xd7 => 32,
        0x130 => return 'i',
        0x178 => return '\u{ff}',
        // Latin Extended-A pairs capital and small letters on neighbouring
        // code points: from an even one, except Ĺ..ň and Ź..ž.
        0x100..=0x137 | 0x14a..=0x177 if u % 2 == 0 => 1,
        0x139..=0x148 | 0x179..=0x17e if u % 2 == 1 => 1,
        0x386 => 38,
        0x388..=0x38a => 37,
        0x38c => 64,
        0x38e..=0x38f => 63,
        0x391..=0x3a9 => 32,
        0x410..=0x42f => 32,
        0x400..=0x40f => 80,
        _ => 0,
    };
    char::from_u32(u + shift).unwrap_or(c)
}

/// Lowercase, with curly quotes and dashes made plain: one character for
/// one, so positions in the text stay valid.
pub(super) fn straighten(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => '-',
        '\u{a0}' | '\u{2009}' | '\u{202f}' => ' ',
        c => lower(c),
    }
}

/// Letters and digits of any script; ASCII and common punctuation are not.
pub(super) fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{80}'..='\u{bf}' | '\u{d7}' | '\u{f7}' => false,
        '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ff0f}' => false,
        _ => true,
    }
}

/// Base letters of Latin Extended-A (U+0100..U+017F), in order; `*`
/// marks the ligatures ĳ and œ, which become two letters.
const EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
/// Base letters of U+00E0..U+00FF; `*` marks the special cases.
const LATIN_1: &[u8; 32] = b"aaaa*a*ceeeeiiiidnoooo**ouuu*y*y";

/// Appends a lowercase character's folded spelling: to `primary` without
/// accents or umlauts, to `alt` with umlauts spelt out (ä → ae).
fn fold(c: char, primary: &mut String, alt: &mut String, umlaut: &mut bool) {
    if c.is_ascii() {
        primary.push(c);
        if *umlaut {
            alt.push(c);
        }
        return;
    }
    // `alt` differs from `primary` only from the first umlaut on: until
    // then it is not written.
    if !*umlaut {
        alt.clear();
        alt.push_str(primary);
    }
    let u = c as u32;
    let mut both = |s: &str| {
        primary.push_str(s);
        alt.push_str(s);
    };
    let base = match u {
        0xe4 | 0xf6 | 0xfc => {
            let (one, two) = match u {
                0xe4 => ("a", "ae"),
                0xf6 => ("o", "oe"),
                _ => ("u", "ue"),
            };
            primary.push_str(one);
            alt.push_str(two);
            *umlaut = true;
            return;
        }
        0xdf => return both("ss"),
        0xe6 => return both("ae"),
        0xfe => return both("th"),
        0x133 => return both("ij"),
        0x153 => return both("oe"),
        0xe0..=0xff => LATIN_1[(u - 0xe0) as usize],
        0x100..=0x17f => EXTENDED_A[(u - 0x100) as usize],
        // Greek: accents (tonos, dialytika) and the final sigma.
        0x3ac | 0x3b1 => return both("\u{3b1}"),
        0x3ad => return both("\u{3b5}"),
        0x3ae => return both("\u{3b7}"),
        0x3af | 0x390 | 0x3ca => return both("\u{3b9}"),
        0x3cc => return both("\u{3bf}"),
        0x3cd | 0x3b0 | 0x3cb => return both("\u{3c5}"),
        0x3ce => return both("\u{3c9}"),
        0x3c2 => return both("\u{3c3}"),
        0x451 => return both("\u{435}"),
        _ => {
            primary.push(c);
            alt.push(c);
            return;
        }
    };
    primary.push(char::from(base));
    alt.push(char::from(base));
}

/// Words that make the next number an error code: "error 14", "Fehler 36",
/// "code: 9"; and the ones that may sit between ("error number 5", "Fehler
/// Nr. 36").
fn is_code_keyword(word: &str) -> bool {
    matches!(
        word,
        "error"
            | "errors"
            | "err"
            | "errno"
            | "code"
            | "errorcode"
            | "fehler"
            | "fehlercode"
            | "fehlernummer"
    )
}

fn is_code_filler(word: &str) -> bool {
    matches!(word, "number" | "no" | "nr" | "num" | "nummer")
}

/// Not glued to a word, a decimal point or a dash: "2024-05-01" and
/// "17.5" hold no codes.
fn boundary(c: char) -> bool {
    !is_word_char(c) && c != '.' && c != '-'
}

/// How far the words before a number make it a code.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    None,
    /// Just after "error" or "Fehler".
    Keyword,
    /// After "error number", "Fehler Nr".
    Filler,
}

/// Cuts `text` into words once, calling `each` in order, and, when `codes`
/// is given, reads the error codes on the way. Returns whether the text
/// ends inside a word (the reader may still be typing it).
///
/// `each` is a trait object: a generic tokenizer would be compiled once
/// per caller, several kilobytes each in the browser build.
pub(super) fn tokenize(
    text: &str,
    mut codes: Option<&mut Vec<RawCode>>,
    each: &mut dyn FnMut(Piece<'_>),
) -> bool {
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, straighten(c)))
        .collect();
    let at = |i: usize| chars.get(i).map_or(' ', |&(_, c)| c);
    let before = |i: usize| if i == 0 { ' ' } else { at(i - 1) };
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let (mut primary, mut alt, mut hex) = (String::new(), String::new(), String::new());
    let mut context = Context::None;
    // Only spaces and ':', '#' or '=' between a keyword and its number.
    let mut gap_ok = true;
    // Whether the sentence so far says "error" or "Fehler".
    let mut mentioned = false;
    // Line breaks since the last word: one is a wrapped line, two a break.
    let mut newlines = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if !is_word_char(c) {
            newlines += usize::from(c == '\n');
            // Not ':', which joins "Error: -54" and "Fehler: 36".
            let end = matches!(c, '.' | '!' | '?') || c == '\n' && newlines == 2;
            if end || matches!(c, ',' | ';') {
                each(Piece::Break);
            }
            mentioned &= !end;
            gap_ok &= matches!(c, ' ' | '\t' | '\r' | '\n' | ':' | '#' | '=')
                || c == '.' && context == Context::Filler;
            i += 1;
            continue;
        }
        newlines = 0;
        let start = i;
        while i < chars.len()
            && (is_word_char(chars[i].1) || chars[i].1 == '\'' && is_word_char(at(i + 1)))
        {
            i += 1;
        }
        let end = i;
        primary.clear();
        alt.clear();
        let (mut umlaut, mut digits, mut letters) = (false, false, 0);
        for &(_, c) in &chars[start..end] {
            if c == '\'' {
                continue;
            }
            digits |= c.is_ascii_digit();
            letters += usize::from(!c.is_ascii_digit());
            fold(c, &mut primary, &mut alt, &mut umlaut);
        }
        let keyword = context != Context::None && gap_ok;
        let mut code = None;
        if let Some(codes) = codes.as_deref_mut() {
            code = read_code(
                &primary,
                keyword,
                before(start),
                before(start.wrapping_sub(1)),
                (at(end), at(end + 1)),
            );
            if let Some((value, bare, hex_digits)) = code {
                let dash = usize::from(value < 0.0 && !bare);
                codes.push(RawCode {
                    value,
                    bare,
                    weak: bare && !keyword && !mentioned,
                    start: byte(start - dash),
                    end: byte(end),
                });
                if hex_digits {
                    // Hex without "0x" is spelt with it, as phrases write it.
                    hex.clear();
                    hex.push_str("0x");
                    hex.push_str(primary.strip_prefix("0x").unwrap_or(&primary));
                }
            }
        }
        let names_code = is_code_keyword(&primary);
        mentioned |= names_code;
        context = if names_code {
            Context::Keyword
        } else if context != Context::None && is_code_filler(&primary) {
            Context::Filler
        } else {
            Context::None
        };
        gap_ok = true;
        let word = |primary, alt, letters| {
            Piece::Word(Word {
                primary,
                alt,
                start: byte(start),
                end: byte(end),
                letters,
                digits,
            })
        };
        if matches!(code, Some((_, _, true))) {
            each(word(&hex, None, 0));
        } else if let Some(base) = super::stem::contraction(&primary) {
            // "couldn't" is "could not": the negation is a word of its own.
            each(word(base, None, base.len()));
            each(word("not", None, 3));
        } else {
            each(word(&primary, umlaut.then_some(alt.as_str()), letters));
        }
    }
    chars.last().is_some_and(|&(_, c)| is_word_char(c))
}

/// The code a word spells, if any: (value, bare, written as hex without
/// "0x"). `prev` and `prev2` are the two characters before the word,
/// `next` the two after it.
fn read_code(
    word: &str,
    keyword: bool,
    prev: char,
    prev2: char,
    next: (char, char),
) -> Option<(f64, bool, bool)> {
    let hex = |s: &str| -> Option<f64> {
        let mut n: u64 = 0;
        for c in s.chars() {
            n = n * 16 + u64::from(c.to_digit(16)?);
        }
        Some(n as f64)
    };
    if let Some(body) = word.strip_prefix("0x") {
        if (1..=8).contains(&body.len()) {
            return hex(body).map(|n| (n, false, false));
        }
        return None;
    }
    let all_hex = word.bytes().all(|b| b.is_ascii_hexdigit());
    let has_letter = word.bytes().any(|b| b.is_ascii_alphabetic());
    let has_digit = word.bytes().any(|b| b.is_ascii_digit());
    if all_hex && has_letter && has_digit && boundary(prev) && boundary(next.0) {
        // E8000084: eight digits with the top bit set, the way codes such
        // as 0xE8000084 are printed; shorter ones only after "error".
        let top = word.starts_with(|c: char| matches!(c, '8'..='9' | 'a'..='f'));
        if word.len() == 8 && top || keyword && word.len() <= 8 {
            return hex(word).map(|n| (n, false, true));
        }
        return None;
    }
    if !has_digit || has_letter || word.len() > 10 {
        return None;
    }
    // "17.5" and "1,234" are not codes.
    if matches!(next.0, '.' | ',') && next.1.is_ascii_digit() {
        return None;
    }
    let n = word.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64;
    if prev == '-' {
        return boundary(prev2).then_some((-n, false, false));
    }
    let parenthesised = prev == '(' && next.0 == ')';
    (boundary(prev) && (parenthesised || keyword)).then_some((n, true, false))
}
