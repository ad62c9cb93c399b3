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

/// Words that negate what follows. They all stem to `not`, so "kein WLAN"
/// matches a phrase written "no wifi". "instead (of)" and "statt" negate
/// the way people name the method they do *not* use.
pub(super) fn is_negator(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "no"
            | "never"
            | "nor"
            | "neither"
            | "instead"
            | "nicht"
            | "kein"
            | "keine"
            | "keinen"
            | "keinem"
            | "keiner"
            | "keines"
            | "nie"
            | "niemals"
            | "statt"
            | "anstatt"
    )
}

/// Words that carry little meaning in a phrase: they count towards its
/// length but are not needed for a match.
pub(super) fn is_stopword(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "to"
            | "of"
            | "in"
            | "on"
            | "at"
            | "is"
            | "are"
            | "am"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "my"
            | "your"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "it"
            | "its"
            | "and"
            | "or"
            | "for"
            | "with"
            | "from"
            | "by"
            | "as"
            | "so"
            | "i"
            | "me"
            | "der"
            | "die"
            | "das"
            | "den"
            | "dem"
            | "des"
            | "ein"
            | "eine"
            | "einen"
            | "einem"
            | "einer"
            | "eines"
            | "ist"
            | "sind"
            | "war"
            | "waren"
            | "mein"
            | "meine"
            | "meinen"
            | "meinem"
            | "zu"
            | "zum"
            | "zur"
            | "im"
            | "auf"
            | "mit"
            | "von"
            | "vom"
            | "und"
            | "oder"
            | "fur"
            | "es"
            | "ich"
            | "mir"
            | "mich"
            // Auxiliaries: "does not recognize" is "not recognized".
            | "do" | "does" | "did" | "can" | "could" | "will" | "would" | "should" | "has"
            | "have" | "had" | "must" | "may" | "might" | "kann" | "konnte" | "wird" | "wurde"
            | "werden" | "hat" | "habe" | "haben" | "sei"
    )
}

/// Words a negation reaches across to the word it negates: "not *using
/// the* iTunes", "nicht *über* iTunes". A negation stops at the first
/// other word, so "doesn't show in Finder" negates "show", not Finder.
pub(super) fn is_transparent(word: &str) -> bool {
    is_article(word)
        || matches!(
            word,
            "to" | "in"
                | "on"
                | "at"
                | "with"
                | "via"
                | "through"
                | "over"
                | "by"
                | "from"
                | "for"
                | "into"
                | "of"
                | "using"
                | "use"
                | "used"
                | "uses"
                | "have"
                | "has"
                | "had"
                | "even"
                | "really"
                | "also"
                | "uber"
                | "mit"
                | "per"
                | "durch"
                | "im"
                | "am"
                | "auf"
                | "zum"
                | "zur"
                | "vom"
                | "von"
                | "bei"
                | "benutze"
                | "nutze"
                | "verwende"
                | "habe"
                | "hat"
                | "haben"
                | "auch"
                | "mehr"
                | "so"
                | "da"
        )
}

/// The only words allowed between a negation and a yes/no phrase for the
/// text to say the phrase is false ("no VPN", "kein VPN").
pub(super) fn is_article(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "any"
            | "my"
            | "ein"
            | "eine"
            | "einen"
            | "einem"
            | "der"
            | "die"
            | "das"
            | "den"
            | "dem"
            | "mein"
            | "meine"
    )
}

/// Words that start a new clause, as punctuation does: "not iTunes *but*
/// the Apple Devices app".
pub(super) fn is_breaker(word: &str) -> bool {
    matches!(
        word,
        "but" | "however" | "though" | "although" | "aber" | "sondern" | "jedoch" | "doch"
    )
}

/// Writes the stem of a folded word into `out`. Words with digits or
/// letters outside ASCII (Greek, Cyrillic) are kept as they are.
pub(super) fn stem(word: &str, out: &mut String) {
    out.clear();
    if is_negator(word) {
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
    fn negations_stem_alike() {
        assert_eq!(stems(&["not", "no", "kein", "nicht", "never"]), ["not"; 5]);
        assert_eq!(contraction("couldnt"), Some("could"));
        assert_eq!(contraction("cannot"), Some("can"));
        assert_eq!(contraction("could"), None);
    }
}
