//! The widget's own words, in English and German. The knowledge base brings
//! its own texts in its language; these are only the widget's frame.

use crate::prelude::*;

pub struct Strings {
    pub lang: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub read: &'static str,
    pub did_you_mean: &'static str,
    pub nothing_recognised: &'static str,
    pub suggested: &'static str,
    pub more_symptoms: &'static str,
    pub other: &'static str,
    pub set: &'static str,
    pub not_a_number: &'static str,
    pub question: &'static str,
    pub how_to_check: &'static str,
    pub step_now: &'static str,
    pub noted_kicker: &'static str,
    pub caution: &'static str,
    pub data_risk: &'static str,
    pub why: &'static str,
    pub fixed: &'static str,
    pub didnt_help: &'static str,
    pub cant_do: &'static str,
    pub later: &'static str,
    pub if_nothing_else: &'static str,
    pub no_steps: &'static str,
    pub you_said: &'static str,
    pub remove: &'static str,
    pub no_prefix: &'static str,
    pub toolbar: &'static str,
    pub undo: &'static str,
    pub start_over: &'static str,
    pub share: &'static str,
    pub copy_summary: &'static str,
    /// The toolbar's copy button, where the whole name would wrap the row
    /// on a phone; its accessible name stays `copy_summary`.
    pub copy_short: &'static str,
    pub copied: &'static str,
    pub copy_fallback: &'static str,
    pub summary_label: &'static str,
    pub link_copied: &'static str,
    pub link_fallback: &'static str,
    pub link_label: &'static str,
    pub restarted: &'static str,
    pub dropped: &'static str,
    pub restore_failed: &'static str,
    pub link_too_long: &'static str,
    pub link_offer: &'static str,
    pub link_open: &'static str,
    pub link_keep: &'static str,
    pub confirm_intro: &'static str,
    pub confirm_restored: &'static str,
    pub confirm_yes: &'static str,
    pub confirm_no: &'static str,
    pub noted_removed: &'static str,
    pub start_over_done: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub summary_see: &'static str,
    pub summary_nothing: &'static str,
    pub summary_tried: &'static str,
    pub summary_no_steps: &'static str,
    pub summary_likely: &'static str,
    pub something_else: &'static str,
    pub outcome_fixed: &'static str,
    pub outcome_didnt_help: &'static str,
    pub outcome_cant_do: &'static str,
    // Templates: `{}` is filled in by `fill`.
    pub minutes: &'static str,
    pub saves: &'static str,
    pub noted_next: &'static str,
    pub recognised: &'static str,
    pub cut: &'static str,
    pub glad: &'static str,
    pub summary_title: &'static str,
    pub percent: &'static str,
}

pub const EN: Strings = Strings {
    lang: "en",
    search_label: "Describe the problem or paste the message",
    search_hint: "For example: iCloud storage is full, or error -36",
    read: "Read it",
    did_you_mean: "Did you mean…",
    nothing_recognised: "No known message found in that text. Pick what you see below instead.",
    suggested: "Or tap what you see",
    more_symptoms: "More symptoms",
    other: "More",
    set: "Set",
    not_a_number: "That is not a number. Type digits, or a code such as -36 or 0xE8000084.",
    question: "Question",
    how_to_check: "How do I find out?",
    step_now: "Do this now",
    noted_kicker: "Noted. Do this now",
    caution: "Take care: this step changes settings. Read each step before you start.",
    data_risk: "This step can delete data. Make sure another backup exists first.",
    why: "Why this step?",
    fixed: "Fixed it",
    didnt_help: "Didn't help",
    cant_do: "Can't do this",
    later: "If that doesn't help",
    if_nothing_else: "If nothing else works",
    no_steps: "There are no more steps to suggest.",
    you_said: "You said",
    remove: "Remove",
    no_prefix: "Not:",
    toolbar: "Tools",
    undo: "Undo",
    start_over: "Start over",
    share: "Share",
    copy_summary: "Copy summary",
    copy_short: "Copy summary",
    copied: "Summary copied. Paste it into your message to support.",
    copy_fallback: "Copying did not work here. The summary below is selected: press Ctrl+C (or ⌘C) to copy it.",
    summary_label: "Summary for support",
    link_copied: "Link copied. Whoever opens it sees this plan.",
    link_fallback: "Copy this link to share your progress.",
    link_label: "Link to this plan",
    restarted: "Something went wrong, so the troubleshooter restarted where you left off.",
    dropped: "Some of your earlier answers could not be restored.",
    restore_failed: "Your earlier progress could not be restored.",
    link_too_long: "This link holds more than the troubleshooter can read, so it was not opened.",
    link_offer: "This link holds someone's troubleshooting progress. Your own is kept unless you open it.",
    link_open: "Open the link's progress",
    link_keep: "Keep mine",
    confirm_intro: "Please confirm. This answer lets the plan include steps that can delete data:",
    confirm_restored: "Your earlier progress says the following. Steps that can delete data depend on it, so please confirm it is still true:",
    confirm_yes: "Yes, that's right",
    confirm_no: "No, leave it out",
    noted_removed: "Removed. The plan is updated.",
    start_over_done: "Started over. Undo brings your answers back.",
    yes: "yes",
    no: "no",
    summary_see: "What I see:",
    summary_nothing: "- nothing selected yet",
    summary_tried: "What I tried:",
    summary_no_steps: "- no steps yet",
    summary_likely: "Most likely:",
    something_else: "something else",
    outcome_fixed: "fixed it",
    outcome_didnt_help: "didn't help",
    outcome_cant_do: "couldn't do this",
    minutes: "about {} min",
    saves: "Answering can save about {} min.",
    noted_next: "Noted. Next: {}",
    recognised: "Recognised: {}.",
    cut: "Only the first {} characters were read.",
    glad: "Glad that fixed it: {}",
    summary_title: "{}: troubleshooting summary",
    percent: "{}%",
};

pub const DE: Strings = Strings {
    lang: "de",
    search_label: "Beschreibe das Problem oder füge die Meldung ein",
    search_hint: "Zum Beispiel: iCloud-Speicher ist voll, oder Fehler -36",
    read: "Lesen",
    did_you_mean: "Meintest du…",
    nothing_recognised: "In diesem Text wurde keine bekannte Meldung gefunden. Wähle stattdessen unten aus, was du siehst.",
    suggested: "Oder tippe an, was du siehst",
    more_symptoms: "Weitere Symptome",
    other: "Weiteres",
    set: "Übernehmen",
    not_a_number: "Das ist keine Zahl. Gib Ziffern ein oder einen Code wie -36 oder 0xE8000084.",
    question: "Frage",
    how_to_check: "Wie finde ich das heraus?",
    step_now: "Jetzt tun",
    noted_kicker: "Notiert. Jetzt tun",
    caution: "Vorsicht: Dieser Schritt ändert Einstellungen. Lies jeden Schritt, bevor du beginnst.",
    data_risk: "Dieser Schritt kann Daten löschen. Sorge zuerst für ein weiteres Backup.",
    why: "Warum dieser Schritt?",
    fixed: "Hat geholfen",
    didnt_help: "Hat nicht geholfen",
    cant_do: "Geht bei mir nicht",
    later: "Falls das nicht hilft",
    if_nothing_else: "Wenn nichts anderes hilft",
    no_steps: "Es gibt keine weiteren Schritte.",
    you_said: "Deine Angaben",
    remove: "Entfernen",
    no_prefix: "Nicht:",
    toolbar: "Werkzeuge",
    undo: "Rückgängig",
    start_over: "Neu beginnen",
    share: "Teilen",
    copy_summary: "Zusammenfassung kopieren",
    copy_short: "Kopieren",
    copied: "Zusammenfassung kopiert. Füge sie in deine Nachricht an den Support ein.",
    copy_fallback: "Kopieren hat hier nicht funktioniert. Die Zusammenfassung unten ist markiert: Drücke Strg+C (oder ⌘C).",
    summary_label: "Zusammenfassung für den Support",
    link_copied: "Link kopiert. Wer ihn öffnet, sieht diesen Plan.",
    link_fallback: "Kopiere diesen Link, um deinen Stand zu teilen.",
    link_label: "Link zu diesem Plan",
    restarted: "Etwas ist schiefgelaufen, daher wurde die Fehlerhilfe mit deinem letzten Stand neu gestartet.",
    dropped: "Einige deiner früheren Angaben konnten nicht wiederhergestellt werden.",
    restore_failed: "Dein früherer Stand konnte nicht wiederhergestellt werden.",
    link_too_long: "Dieser Link enthält mehr, als die Fehlerhilfe lesen kann, daher wurde er nicht geöffnet.",
    link_offer: "Dieser Link enthält den Stand einer anderen Fehlersuche. Dein eigener bleibt erhalten, solange du ihn nicht öffnest.",
    link_open: "Stand aus dem Link öffnen",
    link_keep: "Meinen behalten",
    confirm_intro: "Bitte bestätige. Mit dieser Antwort kann der Plan Schritte enthalten, die Daten löschen können:",
    confirm_restored: "Dein früherer Stand sagt Folgendes. Schritte, die Daten löschen können, hängen davon ab. Bitte bestätige, dass es noch stimmt:",
    confirm_yes: "Ja, stimmt",
    confirm_no: "Nein, weglassen",
    noted_removed: "Entfernt. Der Plan ist aktualisiert.",
    start_over_done: "Neu begonnen. Mit „Rückgängig“ kommen deine Angaben zurück.",
    yes: "ja",
    no: "nein",
    summary_see: "Was ich sehe:",
    summary_nothing: "- noch nichts ausgewählt",
    summary_tried: "Was ich versucht habe:",
    summary_no_steps: "- noch keine Schritte",
    summary_likely: "Am wahrscheinlichsten:",
    something_else: "etwas anderes",
    outcome_fixed: "hat geholfen",
    outcome_didnt_help: "hat nicht geholfen",
    outcome_cant_do: "ging nicht",
    minutes: "etwa {} Min.",
    saves: "Die Antwort kann etwa {} Min. sparen.",
    noted_next: "Notiert. Als Nächstes: {}",
    recognised: "Erkannt: {}.",
    cut: "Nur die ersten {} Zeichen wurden gelesen.",
    glad: "Schön, dass es geklappt hat: {}",
    summary_title: "{}: Zusammenfassung der Fehlersuche",
    percent: "{} %",
};

/// The strings for a language tag ("de-AT" is German); English otherwise.
pub fn for_lang(tag: &str) -> &'static Strings {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("de") {
        &DE
    } else {
        &EN
    }
}

/// A template with its one `{}` filled. The knowledge base's filler, so the
/// browser build carries one (`replacen` would add core's substring search).
pub fn fill(template: &str, value: &str) -> String {
    crate::engine::Wording::fill(template, &[("", value)])
}

/// Whole minutes, at least one.
pub fn round_minutes(minutes: f64) -> String {
    let m = libm::round(minutes);
    let m = if m.is_finite() && m >= 1.0 {
        m as u64
    } else {
        1
    };
    m.to_string()
}

/// 10000 as "10,000" (English) or "10.000" (German).
pub fn thousands(n: usize, t: &Strings) -> String {
    let digits = n.to_string();
    let sep = if t.lang == "de" { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}
