//! Light stemming for English and German, and the few word lists the
//! matcher needs: negations, stop words, and words a negation reaches
//! across. Stems only have to agree with each other, not be real words:
//! "backups", "backed" and "backing" → `back…`, "Sicherung", "sichern" and
//! "gesichert" → `sicher`. A full stemmer (Snowball) would be larger than
//! the rest of the recogniser for little gain on short messages.

use crate::prelude::*;

/// "couldn't" (apostrophes are dropped before this) → "could"; the caller
/// adds "not".
pub(super) fn contraction(word: &str) -> Option<&'static str> {
    if !word.ends_with("nt") && word != "cannot" {
        return None;
    }
    Some(match word {
        "couldnt" => "could",
        "wouldnt" => "would",
        "shouldnt" => "should",
        "doesnt" => "does",
        "dont" => "do",
        "didnt" => "did",
        "isnt" => "is",
        "wasnt" => "was",
        "arent" => "are",
        "werent" => "were",
        "hasnt" => "has",
        "havent" => "have",
        "hadnt" => "had",
        "cant" | "cannot" => "can",
        "wont" => "will",
        "aint" => "is",
        "mustnt" => "must",
        "neednt" => "need",
        _ => return None,
    })
}

/// What a word does in a sentence, as bits of [`roles`].
pub(super) const NEGATOR: u8 = 1;
/// Carries little meaning in a phrase: it counts towards the phrase's
/// length but is not needed for a match.
pub(super) const STOP: u8 = 2;
/// May stand between a negation and a yes/no phrase for the text to say
/// the phrase is false ("no VPN", "kein VPN").
pub(super) const ARTICLE: u8 = 4;
/// A negation reaches across it to the word it negates: "not *using the*
/// iTunes", "nicht *über* iTunes". A negation stops at the first other
/// word, so "doesn't show in Finder" negates "show", not Finder.
pub(super) const TRANSPARENT: u8 = 8;
/// Starts a new clause, as punctuation does: "not iTunes *but* Finder".
pub(super) const BREAKER: u8 = 16;

/// The words with a role, sorted, as one text (a table of `&str` would
/// cost the browser build 16 bytes a word). Negations ("kein", "nicht",
/// "instead", "statt") all stem to `not`, so "kein WLAN" matches a phrase
/// written "no wifi". Auxiliaries are stop words: "does not recognize" is
/// "not recognized".
pub(super) const ROLE_WORDS: &str = concat!(
    "a aber also although am an and anstatt any are as at auch auf be been bei being ",
    "benutze but by can could da das dem den der des did die do doch does durch ein eine ",
    "einem einen einer eines es even for from fur habe haben had has hat have however i ",
    "ich im in instead into is ist it its jedoch kann kein keine keinem keinen keiner ",
    "keines konnte may me mehr mein meine meinem meinen mich might mir mit must my ",
    "neither never nicht nie niemals no nor not nutze oder of on or our over per really ",
    "sei should sind so sondern statt that the these this those though through to uber ",
    "und use used uses using verwende via vom von war waren was werden were will wird ",
    "with would wurde your zu zum zur ",
);
/// Each word's roles, in the order of [`ROLE_WORDS`].
pub(super) const ROLE_FLAGS: &[u8] = &[
    14, 16, 8, 16, 10, 14, 2, 1, 12, 2, 2, 10, 8, 10, 2, 2, 8, 2, 8, 16, 10, 2, 2, 8, 14, 14, 14,
    14, 2, 2, 14, 2, 16, 2, 8, 14, 14, 14, 14, 2, 2, 2, 8, 10, 10, 2, 10, 10, 10, 10, 10, 10, 16,
    2, 2, 10, 10, 1, 8, 2, 2, 2, 2, 16, 2, 1, 1, 1, 1, 1, 1, 2, 2, 2, 8, 14, 14, 2, 2, 2, 2, 2, 10,
    2, 14, 1, 1, 1, 1, 1, 1, 1, 1, 8, 2, 10, 10, 2, 2, 8, 8, 8, 2, 2, 2, 10, 16, 1, 2, 14, 2, 2, 2,
    16, 8, 10, 8, 2, 8, 8, 8, 8, 8, 8, 10, 10, 2, 2, 2, 2, 2, 2, 2, 10, 2, 2, 2, 2, 10, 10,
];

/// Where each word of [`ROLE_WORDS`] starts, computed at compile time, so
/// [`roles`] can search the sorted list instead of splitting it per call.
const ROLE_STARTS: [u16; ROLE_FLAGS.len()] = {
    let bytes = ROLE_WORDS.as_bytes();
    let mut starts = [0u16; ROLE_FLAGS.len()];
    let (mut i, mut n, mut in_word) = (0, 0, false);
    while i < bytes.len() {
        if bytes[i] == b' ' {
            in_word = false;
        } else if !in_word {
            starts[n] = i as u16;
            n += 1;
            in_word = true;
        }
        i += 1;
    }
    starts
};

/// The `k`th word of [`ROLE_WORDS`], as bytes (empty past the end).
fn role_word(k: usize) -> &'static [u8] {
    let bytes = ROLE_WORDS.as_bytes();
    let start = ROLE_STARTS.get(k).map_or(bytes.len(), |&s| s as usize);
    let rest = bytes.get(start..).unwrap_or_default();
    let len = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
    rest.get(..len).unwrap_or_default()
}

/// The roles of a folded word (0 for most words): a binary search of the
/// sorted list. It runs for every word of every phrase when a knowledge
/// base is read, where a scan that split the list each time was a third of
/// the reading time (callgrind); the matcher looks roles up by hash
/// ([`super::Lexicon`]).
pub(super) fn roles(word: &str) -> u8 {
    let word = word.as_bytes();
    // No role word is longer than 8 letters.
    if word.len() > 8 {
        return 0;
    }
    let (mut lo, mut hi) = (0, ROLE_STARTS.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        match role_word(mid).cmp(word) {
            core::cmp::Ordering::Less => lo = mid + 1,
            core::cmp::Ordering::Greater => hi = mid,
            core::cmp::Ordering::Equal => return ROLE_FLAGS.get(mid).copied().unwrap_or(0),
        }
    }
    0
}

/// Every word with a role, and its roles.
pub(super) fn role_words() -> impl Iterator<Item = (&'static str, u8)> {
    ROLE_WORDS
        .split(' ')
        .filter(|w| !w.is_empty())
        .zip(ROLE_FLAGS.iter().copied())
}

pub(super) fn is_negator(word: &str) -> bool {
    roles(word) & NEGATOR != 0
}

/// Writes the stem of a folded word into `out`. Words with digits or
/// letters outside ASCII (Greek, Cyrillic) are kept as they are.
pub(super) fn stem(word: &str, out: &mut String) {
    stem_known(word, is_negator(word), out);
}

/// [`stem`] when the caller already knows whether the word is a negation.
pub(super) fn stem_known(word: &str, negator: bool, out: &mut String) {
    out.clear();
    if negator {
        out.push_str("not");
        return;
    }
    out.push_str(word);
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    // German participles: "gesichert" → "sicher", "gelöscht" → "losch".
    if out.len() >= 7 && out.starts_with("ge") {
        let cut = if out.ends_with('t') {
            1
        } else if out.ends_with("en") {
            2
        } else {
            0
        };
        if cut > 0 && out.len() - 2 - cut >= 4 {
            // Popped and rebuilt, not sliced: a slice's panic path would
            // bring core's character formatting into the browser build.
            for _ in 0..cut {
                out.pop();
            }
            *out = out.chars().skip(2).collect();
            return;
        }
    }
    if replace(out, "ically", "ic", 4)
        || cut(out, "ungen", 4)
        || cut(out, "ung", 4)
        || replace(out, "ies", "y", 3)
    {
        return;
    }
    if cut(out, "ing", 3) || cut(out, "ed", 3) {
        // "stopped" → "stop", but "installed" keeps its "ll".
        let b = out.as_bytes();
        let n = b.len();
        if n >= 2 && b[n - 1] == b[n - 2] && b"bdgmnprt".contains(&b[n - 1]) {
            out.pop();
        }
        return;
    }
    if out.ends_with("ern") && out.len() >= 5 {
        // "sichern" → "sicher", "Fehlern" → "fehler"
        out.pop();
        return;
    }
    if cut(out, "en", 4) {
        return;
    }
    if out.len() >= 4
        && out.ends_with('s')
        && !out.ends_with("ss")
        && !out.ends_with("us")
        && !out.ends_with("is")
    {
        out.pop();
    }
    if out.ends_with("iert") {
        out.pop();
    }
    if out.len() >= 4 && out.ends_with('e') {
        out.pop();
    }
}

/// Drops `suffix` when at least `keep` letters stay.
fn cut(word: &mut String, suffix: &str, keep: usize) -> bool {
    replace(word, suffix, "", keep)
}

fn replace(word: &mut String, suffix: &str, with: &str, keep: usize) -> bool {
    if word.ends_with(suffix) && word.len() >= suffix.len() + keep {
        for _ in 0..suffix.len() {
            word.pop();
        }
        word.push_str(with);
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(words: &[&str]) -> Vec<String> {
        words
            .iter()
            .map(|w| {
                let mut out = String::new();
                stem(w, &mut out);
                out
            })
            .collect()
    }

    #[test]
    fn english_endings_share_a_stem() {
        for group in [
            &["backup", "backups"][..],
            &["back", "backed", "backing"],
            &["iphone", "iphones"],
            &["complete", "completed", "completes"],
            &["update", "updated", "updating", "updates"],
            &["stop", "stopped", "stops", "stopping"],
            &["device", "devices"],
            &["automatic", "automatically"],
        ] {
            let s = stems(group);
            assert!(s.iter().all(|x| *x == s[0]), "{group:?} → {s:?}");
        }
        assert_eq!(
            stems(&["installed", "status", "access"]),
            ["install", "status", "access"]
        );
    }

    #[test]
    fn german_endings_share_a_stem() {
        for group in [
            &["sicherung", "sicherungen", "sichern", "gesichert"][..],
            &["speicher", "speichern", "gespeichert"],
            &["fehler", "fehlern"],
            &["gerat", "gerate"],
            &["loschen", "geloscht"],
        ] {
            let s = stems(group);
            assert!(s.iter().all(|x| *x == s[0]), "{group:?} → {s:?}");
        }
        // Short words and other scripts are left alone.
        assert_eq!(
            stems(&["geht", "резервная", "0xe8000084"]),
            ["geht", "резервная", "0xe8000084"]
        );
    }

    #[test]
    fn every_word_with_a_role_has_its_roles() {
        let words: Vec<&str> = role_words().map(|(w, _)| w).collect();
        assert_eq!(words.len(), ROLE_FLAGS.len());
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(roles("the"), STOP | ARTICLE | TRANSPARENT);
        assert_eq!(roles("kein"), NEGATOR);
        assert_eq!(roles("backup"), 0);
        // The binary search finds every word, first and last included, and
        // nothing between them.
        for (w, r) in role_words() {
            assert_eq!(roles(w), r, "{w}");
            assert_eq!(
                roles(&format!("{w}x")),
                role_words()
                    .find(|(v, _)| *v == format!("{w}x"))
                    .map_or(0, |(_, r)| r)
            );
        }
        assert_eq!(roles(""), 0);
        assert_eq!(roles("zzz"), 0);
    }

    #[test]
    fn negations_stem_alike() {
        assert_eq!(stems(&["not", "no", "kein", "nicht", "never"]), ["not"; 5]);
        assert_eq!(contraction("couldnt"), Some("could"));
        assert_eq!(contraction("cannot"), Some("can"));
        assert_eq!(contraction("could"), None);
    }
}
