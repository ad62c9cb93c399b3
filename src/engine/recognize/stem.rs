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
/// Makes the next number an error code: "error 14", "Fehler 36", "code: 9".
pub(super) const CODE_KEYWORD: u8 = 32;
/// May stand between such a word and the number: "error number 5".
pub(super) const CODE_FILLER: u8 = 64;

/// The words with a role, sorted for binary search: one lookup per word
/// instead of a chain of comparisons per list. Negations ("kein", "nicht",
/// "instead", "statt") all stem to `not`, so "kein WLAN" matches a phrase
/// written "no wifi". Auxiliaries are stop words: "does not recognize" is
/// "not recognized".
pub(super) const ROLES: &[(&str, u8)] = &[
    ("a", STOP | ARTICLE | TRANSPARENT),
    ("aber", BREAKER),
    ("also", TRANSPARENT),
    ("although", BREAKER),
    ("am", STOP | TRANSPARENT),
    ("an", STOP | ARTICLE | TRANSPARENT),
    ("and", STOP),
    ("anstatt", NEGATOR),
    ("any", ARTICLE | TRANSPARENT),
    ("are", STOP),
    ("as", STOP),
    ("at", STOP | TRANSPARENT),
    ("auch", TRANSPARENT),
    ("auf", STOP | TRANSPARENT),
    ("be", STOP),
    ("been", STOP),
    ("bei", TRANSPARENT),
    ("being", STOP),
    ("benutze", TRANSPARENT),
    ("but", BREAKER),
    ("by", STOP | TRANSPARENT),
    ("can", STOP),
    ("code", CODE_KEYWORD),
    ("could", STOP),
    ("da", TRANSPARENT),
    ("das", STOP | ARTICLE | TRANSPARENT),
    ("dem", STOP | ARTICLE | TRANSPARENT),
    ("den", STOP | ARTICLE | TRANSPARENT),
    ("der", STOP | ARTICLE | TRANSPARENT),
    ("des", STOP),
    ("did", STOP),
    ("die", STOP | ARTICLE | TRANSPARENT),
    ("do", STOP),
    ("doch", BREAKER),
    ("does", STOP),
    ("durch", TRANSPARENT),
    ("ein", STOP | ARTICLE | TRANSPARENT),
    ("eine", STOP | ARTICLE | TRANSPARENT),
    ("einem", STOP | ARTICLE | TRANSPARENT),
    ("einen", STOP | ARTICLE | TRANSPARENT),
    ("einer", STOP),
    ("eines", STOP),
    ("err", CODE_KEYWORD),
    ("errno", CODE_KEYWORD),
    ("error", CODE_KEYWORD),
    ("errorcode", CODE_KEYWORD),
    ("errors", CODE_KEYWORD),
    ("es", STOP),
    ("even", TRANSPARENT),
    ("fehler", CODE_KEYWORD),
    ("fehlercode", CODE_KEYWORD),
    ("fehlernummer", CODE_KEYWORD),
    ("for", STOP | TRANSPARENT),
    ("from", STOP | TRANSPARENT),
    ("fur", STOP),
    ("habe", STOP | TRANSPARENT),
    ("haben", STOP | TRANSPARENT),
    ("had", STOP | TRANSPARENT),
    ("has", STOP | TRANSPARENT),
    ("hat", STOP | TRANSPARENT),
    ("have", STOP | TRANSPARENT),
    ("however", BREAKER),
    ("i", STOP),
    ("ich", STOP),
    ("im", STOP | TRANSPARENT),
    ("in", STOP | TRANSPARENT),
    ("instead", NEGATOR),
    ("into", TRANSPARENT),
    ("is", STOP),
    ("ist", STOP),
    ("it", STOP),
    ("its", STOP),
    ("jedoch", BREAKER),
    ("kann", STOP),
    ("kein", NEGATOR),
    ("keine", NEGATOR),
    ("keinem", NEGATOR),
    ("keinen", NEGATOR),
    ("keiner", NEGATOR),
    ("keines", NEGATOR),
    ("konnte", STOP),
    ("may", STOP),
    ("me", STOP),
    ("mehr", TRANSPARENT),
    ("mein", STOP | ARTICLE | TRANSPARENT),
    ("meine", STOP | ARTICLE | TRANSPARENT),
    ("meinem", STOP),
    ("meinen", STOP),
    ("mich", STOP),
    ("might", STOP),
    ("mir", STOP),
    ("mit", STOP | TRANSPARENT),
    ("must", STOP),
    ("my", STOP | ARTICLE | TRANSPARENT),
    ("neither", NEGATOR),
    ("never", NEGATOR),
    ("nicht", NEGATOR),
    ("nie", NEGATOR),
    ("niemals", NEGATOR),
    ("no", NEGATOR | CODE_FILLER),
    ("nor", NEGATOR),
    ("not", NEGATOR),
    ("nr", CODE_FILLER),
    ("num", CODE_FILLER),
    ("number", CODE_FILLER),
    ("nummer", CODE_FILLER),
    ("nutze", TRANSPARENT),
    ("oder", STOP),
    ("of", STOP | TRANSPARENT),
    ("on", STOP | TRANSPARENT),
    ("or", STOP),
    ("our", STOP),
    ("over", TRANSPARENT),
    ("per", TRANSPARENT),
    ("really", TRANSPARENT),
    ("sei", STOP),
    ("should", STOP),
    ("sind", STOP),
    ("so", STOP | TRANSPARENT),
    ("sondern", BREAKER),
    ("statt", NEGATOR),
    ("that", STOP),
    ("the", STOP | ARTICLE | TRANSPARENT),
    ("these", STOP),
    ("this", STOP),
    ("those", STOP),
    ("though", BREAKER),
    ("through", TRANSPARENT),
    ("to", STOP | TRANSPARENT),
    ("uber", TRANSPARENT),
    ("und", STOP),
    ("use", TRANSPARENT),
    ("used", TRANSPARENT),
    ("uses", TRANSPARENT),
    ("using", TRANSPARENT),
    ("verwende", TRANSPARENT),
    ("via", TRANSPARENT),
    ("vom", STOP | TRANSPARENT),
    ("von", STOP | TRANSPARENT),
    ("war", STOP),
    ("waren", STOP),
    ("was", STOP),
    ("werden", STOP),
    ("were", STOP),
    ("will", STOP),
    ("wird", STOP),
    ("with", STOP | TRANSPARENT),
    ("would", STOP),
    ("wurde", STOP),
    ("your", STOP),
    ("zu", STOP),
    ("zum", STOP | TRANSPARENT),
    ("zur", STOP | TRANSPARENT),
];

/// The roles of a folded word (0 for most words).
pub(super) fn roles(word: &str) -> u8 {
    ROLES
        .binary_search_by(|(w, _)| (*w).cmp(word))
        .map_or(0, |i| ROLES[i].1)
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
            out.truncate(out.len() - cut);
            out.drain(..2);
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
        word.truncate(word.len() - suffix.len());
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
    fn roles_are_sorted_for_binary_search() {
        assert!(ROLES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(roles("the"), STOP | ARTICLE | TRANSPARENT);
        assert_eq!(roles("kein"), NEGATOR);
        assert_eq!(roles("backup"), 0);
    }

    #[test]
    fn negations_stem_alike() {
        assert_eq!(stems(&["not", "no", "kein", "nicht", "never"]), ["not"; 5]);
        assert_eq!(contraction("couldnt"), Some("could"));
        assert_eq!(contraction("cannot"), Some("can"));
        assert_eq!(contraction("could"), None);
    }
}
