//! The recogniser on a small knowledge base made for each mechanism, and
//! on the real one (`rules/iphone-backup`) for the messages readers paste.

use super::*;
use std::path::Path;

/// Phrases for each mechanism; codes compared with -36, 4013 and the 0xE8
/// range, as the real knowledge base writes them.
const SMALL: &str = r#"
[knowledge_base]
id = "small"
version = "1"
title = "Small"
error_code_symptom = "code"

[[synonyms]]
words = ["computer", "pc", "laptop"]

[[synonyms]]
words = ["backup", "back up"]

[[symptom]]
id = "channel"
kind = "choice"
choices = [
  { value = "icloud", title = "iCloud", phrases = ["icloud backup", "back up to icloud"] },
  { value = "finder", title = "Finder", phrases = ["finder"] },
  { value = "itunes", title = "iTunes", phrases = ["itunes"] },
  { value = "apple_devices", title = "Apple Devices", phrases = ["apple devices app", "apple geräte"] },
]

[[symptom]]
id = "not_seen"
phrases = ["computer does not see my iphone"]

[[symptom]]
id = "storage_full"
phrases = ["not enough icloud storage"]

[[symptom]]
id = "no_wifi"
phrases = ["no wifi"]

[[symptom]]
id = "hotel_wifi"
phrases = ["hotel wifi"]

[[symptom]]
id = "vpn_on"
phrases = ["vpn"]

[[symptom]]
id = "last_failed"
phrases = ["last backup could not be completed"]

[[symptom]]
id = "iphone_failed"
phrases = ["iphone backup failed"]

[[symptom]]
id = "code"
kind = "number"

[[cause]]
id = "cause"
prior = 0.5

[[rule]]
when = 'code in [-36] or code == 4013 or (code >= 0xE8000000 and code <= 0xE80000FF)'
then = { cause = "cause", likelihood_ratio = 2.0 }
"#;

fn small() -> KnowledgeBase {
    let loaded = crate::authoring::load_files(vec![("small.toml".into(), SMALL.into())]);
    let errors: Vec<String> = (loaded.diagnostics.iter())
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    loaded
        .kb
        .unwrap_or_else(|| panic!("small.toml does not load: {}", errors.concat()))
}

fn real() -> KnowledgeBase {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/iphone-backup");
    crate::authoring::load_dir(Path::new(dir))
        .ok()
        .and_then(|l| l.kb)
        .unwrap_or_else(|| panic!("{dir} does not load"))
}

/// What `recognize` applies, as `id=value`.
fn seen(kb: &KnowledgeBase, text: &str) -> Vec<String> {
    recognize(kb, text)
        .observations
        .iter()
        .map(|(s, v)| format!("{}={v}", kb.symptoms[*s].id))
        .collect()
}

fn codes(kb: &KnowledgeBase, text: &str) -> Vec<f64> {
    recognize(kb, text).codes
}

#[test]
fn codes_in_their_usual_forms() {
    let kb = small();
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
        ("ERROR: -54", &[-54.0]),
    ];
    for (text, want) in cases {
        assert_eq!(codes(&kb, text), *want, "{text}");
    }
}

#[test]
fn a_signed_32_bit_code_is_read_as_the_knowledge_base_writes_it() {
    let kb = small();
    // -402653052 and 3892314244 are both 0xE8000084; the rules compare
    // with 0xE8… numbers, so the unsigned form is the one that matches.
    for text in ["error -402653052", "Fehler -402653052", "code 3892314244"] {
        assert_eq!(codes(&kb, text), [3_892_314_244.0], "{text}");
    }
    // Small negative codes are real negatives.
    assert_eq!(codes(&kb, "error -37"), [-37.0]);
}

#[test]
fn hex_without_0x_is_a_code_when_it_looks_like_one() {
    let kb = small();
    assert_eq!(codes(&kb, "backup fails with E8000084"), [3_892_314_244.0]);
    assert_eq!(codes(&kb, "Fehlercode: e800000a"), [3_892_314_122.0]);
    // After "error", a shorter hex code too.
    assert_eq!(codes(&kb, "error 1a2b"), [6_699.0]);
    // Not a word that happens to be hex, nor a part of an id.
    assert_eq!(
        codes(&kb, "f47ac10b-58cc-4372-a567-0e02b2c3d479"),
        Vec::<f64>::new()
    );
    assert_eq!(codes(&kb, "deadbeef"), Vec::<f64>::new());
}

#[test]
fn a_dropped_minus_is_restored_only_when_the_knowledge_base_lists_the_negative_code() {
    let kb = small();
    for text in [
        "error 36",
        "Fehler 36",
        "Fehler: 36",
        "it failed (36), error again",
    ] {
        assert_eq!(codes(&kb, text), [-36.0], "{text}");
    }
    assert_eq!(codes(&kb, "Fehler -36"), [-36.0]);
    // 4013 is listed as it is; 14 is listed neither way.
    assert_eq!(codes(&kb, "Fehler 4013"), [4013.0]);
    assert_eq!(codes(&kb, "error 14"), [14.0]);
}

#[test]
fn numbers_that_are_not_codes_are_left_alone() {
    let kb = small();
    for text in [
        "My iPhone 15 on iOS 17.5 with 64 GB",
        "Backed up on 2024-05-01 at 10:30",
        "It says 5 GB of 50 GB used",
        "model A2849-B",
        // Parentheses alone make no code unless the knowledge base knows
        // the number.
        "My father (81) gets this message",
    ] {
        assert_eq!(codes(&kb, text), Vec::<f64>::new(), "{text}");
    }
    assert_eq!(codes(&kb, "My father (4013) gets this"), [4013.0]);
}

#[test]
fn the_first_code_is_observed() {
    let kb = small();
    assert_eq!(seen(&kb, "Fehler 36, then error 0xE8000084"), ["code=-36"]);
}

#[test]
fn phrases_ignore_case_punctuation_quotes_and_accents() {
    let kb = small();
    assert_eq!(
        seen(&kb, "“NOT ENOUGH iCloud storage”!"),
        ["storage_full=yes"]
    );
    // Umlauts match written either way: Geräte, Geraete, Gerate.
    for text in ["Apple-Geräte", "Apple Geraete", "apple gerate"] {
        assert_eq!(seen(&kb, text), ["channel=apple_devices"], "{text}");
    }
}

#[test]
fn words_in_another_order_or_a_few_words_apart_match() {
    let kb = small();
    assert_eq!(
        seen(&kb, "Couldn't complete the last backup"),
        ["last_failed=yes"]
    );
    assert_eq!(
        seen(&kb, "the last iCloud backup could not be completed"),
        ["channel=icloud", "last_failed=yes"]
    );
    // Too far apart, or in another clause, is no match.
    assert_eq!(
        seen(&kb, "not enough, the icloud storage"),
        Vec::<String>::new()
    );
}

#[test]
fn endings_and_possessives_match_by_stem() {
    let kb = small();
    assert_eq!(
        seen(&kb, "my iPhone's backups failed"),
        ["iphone_failed=yes"]
    );
    assert_eq!(
        seen(&kb, "the iphone backup is failing"),
        ["iphone_failed=yes"]
    );
}

#[test]
fn a_synonym_matches_like_the_word() {
    let kb = small();
    assert_eq!(
        seen(&kb, "my laptop doesn't see my iPhone"),
        ["not_seen=yes"]
    );
    assert_eq!(seen(&kb, "the PC does not see my iphone"), ["not_seen=yes"]);
    // "back up" and "backup" are one word: so are "backed up" and "backing up".
    assert_eq!(seen(&kb, "Backing up to iCloud"), ["channel=icloud"]);
}

#[test]
fn one_typo_in_a_longer_word_is_forgiven() {
    let kb = small();
    for text in [
        "not enough iCluod storage",  // swapped
        "not enough icloud storgae",  // swapped
        "not enough iclod storage",   // dropped
        "not enough icloud storrage", // added
        "not enough icloud storoge",  // changed
    ] {
        assert_eq!(seen(&kb, text), ["storage_full=yes"], "{text}");
    }
    // Two in one word, or one in a short word, are not.
    assert_eq!(seen(&kb, "not enough iklaud storage"), Vec::<String>::new());
    assert_eq!(seen(&kb, "vpm"), Vec::<String>::new());
}

#[test]
fn the_strongest_choice_wins_and_a_negated_one_loses() {
    let kb = small();
    // Both are named; the longer phrase is the stronger evidence.
    assert_eq!(
        seen(&kb, "I switched from iTunes to the Apple Devices app"),
        ["channel=apple_devices"]
    );
    for text in [
        "Apple Devices app on Windows, not iTunes",
        "I use iTunes? No: not iTunes, the Apple Devices app",
        "Backup nicht über iTunes, sondern mit der Apple-Geräte-App",
        "I don't use iTunes but the Apple Devices app",
    ] {
        assert_eq!(seen(&kb, text), ["channel=apple_devices"], "{text}");
    }
    // Two single words: the negated one loses.
    assert_eq!(seen(&kb, "Finder, not iTunes"), ["channel=finder"]);
    assert_eq!(seen(&kb, "kein iTunes, nur der Finder"), ["channel=finder"]);
    // Two single words, neither negated: ambiguous, nothing applied, both
    // suggested.
    assert_eq!(seen(&kb, "Finder or iTunes"), Vec::<String>::new());
    let both: Vec<Value> = suggest(&kb, "Finder or iTunes", 5)
        .into_iter()
        .map(|s| s.value)
        .collect();
    assert_eq!(
        both,
        [
            Value::Choice("finder".into()),
            Value::Choice("itunes".into())
        ]
    );
    // A negation that reaches another word leaves the choice alone.
    assert_eq!(seen(&kb, "it doesn't show in Finder"), ["channel=finder"]);
    assert_eq!(seen(&kb, "I can't back up to iCloud"), ["channel=icloud"]);
}

#[test]
fn a_negated_yes_no_phrase_is_false_when_plainly_said_and_nothing_otherwise() {
    let kb = small();
    assert_eq!(seen(&kb, "no VPN"), ["vpn_on=no"]);
    assert_eq!(seen(&kb, "kein VPN"), ["vpn_on=no"]);
    assert_eq!(seen(&kb, "I'm not using a VPN"), Vec::<String>::new());
    assert_eq!(seen(&kb, "not in a hotel wifi"), Vec::<String>::new());
    // A phrase's own negation is no negation: "kein WLAN" is "no wifi"…
    assert_eq!(seen(&kb, "kein WLAN"), Vec::<String>::new());
    assert_eq!(seen(&kb, "no wifi for days"), ["no_wifi=yes"]);
    // … but only where it negates the same word.
    assert_eq!(seen(&kb, "not on hotel wifi"), Vec::<String>::new());
    assert_eq!(
        seen(&kb, "there's not enough iCloud storage"),
        ["storage_full=yes"]
    );
}

#[test]
fn suggestions_rank_near_misses_with_a_confidence() {
    let kb = small();
    let found = suggest(&kb, "the computer doesnt see it", 10);
    let first = found.first().expect("a suggestion");
    assert_eq!(kb.symptoms[first.symptom].id, "not_seen");
    assert!(!first.applied, "{first:?}");
    assert!(
        first.confidence > 0.2 && first.confidence < 0.6,
        "{first:?}"
    );
    assert_eq!(first.words, ["computer", "doesnt", "see"]);
    assert_eq!(first.phrase, "computer does not see my iphone");
    // What recognize applies comes first, with its confidence.
    let found = suggest(&kb, "not enough icloud storage (error -36)", 10);
    assert!(found.iter().all(|s| (0.0..=1.0).contains(&s.confidence)));
    assert!(found.windows(2).all(|w| w[0].confidence >= w[1].confidence));
    assert_eq!(found[0].value, Value::Number(-36.0));
    assert_eq!(found[0].words, ["-36"]);
    assert!(found[1].applied && kb.symptoms[found[1].symptom].id == "storage_full");
    // As the reader types, the last word may be unfinished.
    let typing = suggest(&kb, "not enough iclo", 3);
    assert_eq!(kb.symptoms[typing[0].symptom].id, "storage_full");
    assert!(!typing[0].applied);
    assert_eq!(suggest(&kb, "anything", 0), []);
}

#[test]
fn a_long_text_is_read_up_to_the_cap_and_says_so() {
    let kb = small();
    let head = "error -36. ";
    let filler = "nothing to see here, ".repeat(50_000);
    let text = format!("{head}{filler}error 4013");
    assert!(text.chars().count() > 1_000_000);
    let found = recognize(&kb, &text);
    assert!(found.truncated);
    // The code near the end is past the cap.
    assert_eq!(found.codes, [-36.0]);
    assert!(!recognize(&kb, head).truncated);
    // The cap counts characters and cuts on a character boundary.
    let wide = "ü".repeat(MAX_CHARS + 1);
    assert!(recognize(&kb, &wide).truncated);
    assert!(!recognize(&kb, &wide[2..]).truncated);
}

#[test]
fn the_work_grows_linearly_with_the_text() {
    let kb = real();
    // Words many phrases share, so each occurrence updates many phrases.
    let unit = "the iPhone could not back up, not enough iCloud storage on the computer. ";
    let work = |copies: usize| recognize_uncapped(&kb, &unit.repeat(copies)).1;
    let (one, two, four) = (work(200), work(400), work(800));
    assert!(one > 0);
    for (ratio, w) in [(2.0, two), (4.0, four)] {
        let grew = w as f64 / one as f64;
        assert!(
            grew < ratio * 1.05,
            "work {one} → {w} for {ratio}× the text"
        );
    }
}

#[test]
fn lowercase_covers_latin_extended_a_greek_and_cyrillic() {
    for (upper, lower_case) in [
        ('Ł', 'ł'),
        ('Ő', 'ő'),
        ('Ĺ', 'ĺ'),
        ('Ž', 'ž'),
        ('Ÿ', 'ÿ'),
        ('İ', 'i'),
        ('Ä', 'ä'),
        ('Σ', 'σ'),
        ('Ά', 'ά'),
        ('Ж', 'ж'),
        ('Ё', 'ё'),
    ] {
        assert_eq!(text::lower(upper), lower_case, "{upper}");
    }
    assert_eq!(word_key("ŁÓDŹ"), word_key("lodz"));
    assert_eq!(word_key("ΣΦΆΛΜΑ"), word_key("σφαλμα"));
    assert_eq!(word_key("Straße"), word_key("strasse"));
    assert_eq!(word_key("РЕЗЕРВНАЯ копия"), "резервная копия");
}

#[test]
fn synonym_groups_are_checked() {
    let mut kb = small();
    let problems = |kb: &KnowledgeBase| -> Vec<String> {
        crate::engine::validate(kb)
            .into_iter()
            .filter(|p| p.code == crate::engine::Code::InvalidSynonyms)
            .map(|p| p.message)
            .collect()
    };
    assert_eq!(problems(&kb), Vec::<String>::new());
    kb.synonyms.push(Vec::new());
    kb.synonyms.push(vec!["wifi".into(), " - ".into()]);
    kb.synonyms.push(vec!["Laptops".into(), "notebook".into()]);
    assert_eq!(
        problems(&kb),
        [
            "synonym group 3 lists no words",
            "synonym group 4 has a word with no letters or digits: ' - '",
            "'Laptops' is in synonym groups 1 and 5",
        ]
    );
}

#[test]
fn synonyms_survive_the_compiled_form() {
    let kb = small();
    let (again, problems) = crate::compiled::from_json(&crate::compiled::to_json(&kb));
    assert!(problems.is_empty(), "{problems:?}");
    let again = again.expect("reads back");
    assert_eq!(again.synonyms, kb.synonyms);
    let text = "my laptop doesn't see my iPhone (Fehler 36)";
    assert_eq!(recognize(&again, text), recognize(&kb, text));
    assert_eq!(seen(&again, text), ["not_seen=yes", "code=-36"]);
}

// The real knowledge base: the messages readers paste.

#[test]
fn the_readme_example_is_recognised() {
    let kb = real();
    assert_eq!(
        seen(&kb, "Couldn’t complete the last backup"),
        ["msg_last_backup_failed=yes"]
    );
}

#[test]
fn the_apple_devices_app_not_itunes_is_the_apple_devices_app() {
    let kb = real();
    for text in [
        "I back up with the Apple Devices app on Windows, not iTunes",
        "Apple Devices app … not iTunes",
        "Nicht mehr iTunes, sondern die neue Apple-Geräte-App",
    ] {
        let found = seen(&kb, text);
        assert!(
            found.contains(&"channel=apple_devices".to_string()),
            "{text}: {found:?}"
        );
        assert!(
            !found.contains(&"channel=itunes".to_string()),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn german_messages_are_recognised() {
    let kb = real();
    let cases = [
        ("Nicht genügend iCloud-Speicher", "msg_not_enough_icloud_storage=yes"),
        (
            "Das iPhone kann nicht gesichert werden, da nicht genügend iCloud-Speicherplatz verfügbar ist.",
            "msg_not_enough_icloud_storage=yes",
        ),
        (
            "Das letzte Backup konnte nicht\nabgeschlossen werden.",
            "msg_last_backup_failed=yes",
        ),
        ("Fehler -36 beim Sichern", "error_code=-36"),
        ("Fehler 36 beim Sichern", "error_code=-36"),
    ];
    for (text, want) in cases {
        let found = seen(&kb, text);
        assert!(found.contains(&want.to_string()), "{text}: {found:?}");
    }
}

#[test]
fn the_real_knowledge_base_reads_each_code_form() {
    let kb = real();
    for text in [
        "Could not connect (0xE8000084)",
        "error E8000084",
        "error -402653052",
        "Fehler 3892314244",
    ] {
        assert_eq!(codes(&kb, text), [3_892_314_244.0], "{text}");
    }
}

#[test]
fn a_translations_phrases_are_matched_too() {
    let de = r#"
[knowledge_base]
title = "Klein"

[wording]
likely_cause = "Ursache: {cause} ({percent} %)"
you_reported = "{why} Du hast angegeben: {reported}"
said_no = "{symptom}: nein"
something_else = "etwas anderes"

[symptoms.channel.choices.icloud]
title = "iCloud"

[symptoms.channel.choices.finder]
title = "Finder"

[symptoms.channel.choices.itunes]
title = "iTunes"

[symptoms.channel.choices.apple_devices]
title = "Apple-Geräte"

[symptoms.storage_full]
phrases = ["speicher ist voll"]
"#;
    let loaded = crate::authoring::load_files(vec![
        ("small.toml".into(), SMALL.into()),
        ("lang/de.toml".into(), de.into()),
    ]);
    let errors: Vec<String> = (loaded.diagnostics.iter())
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    assert!(errors.is_empty(), "{}", errors.concat());
    let german = loaded.in_lang("de").expect("the German knowledge base");
    let text = "Der Speicher ist voll";
    assert_eq!(seen(german, text), ["storage_full=yes"]);
    assert_eq!(seen(&small(), text), Vec::<String>::new());
}

#[test]
fn the_lexicon_is_built_on_first_use_not_when_the_knowledge_base_is_read() {
    // Reading a knowledge base is on the widget's path to its first paint;
    // the lexicon is two thirds of that work and only reading text needs it.
    let kb = real();
    let (read, _) = crate::compiled::from_json(&crate::compiled::to_json(&kb));
    let read = read.unwrap_or_else(|| panic!("the compiled form reads back"));
    assert!(read.index.lexicon.get().is_none());
    // Tapping and planning leave it alone.
    let situation = crate::engine::Situation::new(&read);
    let _ = crate::engine::plan(&read, &situation);
    assert!(read.index.lexicon.get().is_none());
    // The first text builds it once, and reads as a lexicon built up front would.
    assert_eq!(
        seen(&read, "iCloud storage is full"),
        seen(&kb, "iCloud storage is full")
    );
    assert!(read.index.lexicon.get().is_some());
}
