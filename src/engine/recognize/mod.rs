//! Pasted or typed text → observations, the way people write: any case,
//! accents, curly quotes and dashes; words in another order or a few words
//! apart; plurals, possessives and verb endings in English and German; the
//! knowledge base's synonyms; one typo in a longer word; negations ("not
//! iTunes", "kein WLAN"); and error codes in the forms people copy them
//! (`-36`, `(4013)`, `error 36`, `Fehler -36`, `0xE8000084`, `E8000084`,
//! `-402653052`).
//!
//! Each phrase match gets a confidence in [0, 1] from how much of the
//! phrase matched (rarer words weigh more), how (exactly, by stem or
//! synonym, by a typo), how long the phrase is and how spread out the
//! match is. [`recognize`] applies only what is unambiguous: a confidence
//! of at least 0.6, no negation against it, and for a choice a clear lead
//! over the next one, so the strongest choice wins rather than the first.
//! [`suggest`] ranks everything down to 0.2, for "Did you mean…" as the
//! reader types.
//!
//! The knowledge base's side (terms, weights, the typo index) is built
//! once with the knowledge base ([`Lexicon`]); reading a text is one pass,
//! linear in its length, over at most [`MAX_CHARS`] characters.

mod lexicon;
mod matcher;
mod stem;
mod text;

pub use lexicon::Lexicon;

use crate::prelude::*;

use super::model::{KnowledgeBase, SymptomKind};
use super::value::Value;
use text::{Piece, RawCode};

/// How much of a text is read. A reader's message is far shorter; a huge
/// paste (a whole log) must not freeze the page.
pub const MAX_CHARS: usize = 10_000;

/// The confidence from which a match is applied.
#[cfg(target_arch = "wasm32")]
pub(crate) use text::lower;

const APPLY: f64 = 0.6;
/// The confidence from which a match is suggested.
const FLOOR: f64 = 0.2;
/// How far a choice must lead the next one to be applied.
const MARGIN: f64 = 0.1;

/// What a pasted message says, as observations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recognized {
    /// (symptom index, value), one per symptom, in symptom order with the
    /// error code last: only what is unambiguous.
    pub observations: Vec<(usize, Value)>,
    /// Every error code found, in the knowledge base's form; the first one
    /// is the observation.
    pub codes: Vec<f64>,
    /// The text was longer than [`MAX_CHARS`] characters and only its
    /// start was read.
    pub truncated: bool,
}

/// One thing the text may say, with how sure the recogniser is.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub symptom: usize,
    pub value: Value,
    /// In [0, 1].
    pub confidence: f64,
    /// The words of the text that matched, as written, in text order.
    pub words: Vec<String>,
    /// The knowledge base's phrase they matched (empty for an error code).
    pub phrase: String,
    /// Whether [`recognize`] applies it.
    pub applied: bool,
}

/// The observations a text supports unambiguously.
pub fn recognize(kb: &KnowledgeBase, text: &str) -> Recognized {
    let (text, truncated) = cap(text);
    let mut found = recognize_uncapped(kb, text).0;
    found.truncated = truncated;
    found
}

/// [`recognize`] over the whole text, however long, with the steps it
/// took: for benchmarks and for tests that the work grows linearly.
#[doc(hidden)]
pub fn recognize_uncapped(kb: &KnowledgeBase, text: &str) -> (Recognized, usize) {
    let e = evaluate(kb, text, false);
    let observations = (e.findings.into_iter())
        .filter(|f| f.applied)
        .map(|f| (f.symptom, f.value))
        .collect();
    let found = Recognized {
        observations,
        codes: e.codes,
        truncated: false,
    };
    (found, e.reading.work)
}

/// Everything the text may say, most confident first, at most `limit`:
/// what [`recognize`] applies and the near misses it does not. The last
/// word may be unfinished ("not enough iclo").
pub fn suggest(kb: &KnowledgeBase, text: &str, limit: usize) -> Vec<Suggestion> {
    let text = cap(text).0;
    let e = evaluate(kb, text, true);
    let mut ranked: Vec<(usize, &Finding)> = e.findings.iter().enumerate().collect();
    // Ties keep symptom order.
    crate::base::sort::sort_by(&mut ranked, |a, b| {
        b.1.confidence
            .total_cmp(&a.1.confidence)
            .then(a.0.cmp(&b.0))
            .is_lt()
    });
    let lex = kb.lexicon();
    let spell = |f: &Finding| -> Suggestion {
        // The words that matched, as written; "couldn't" is two words of
        // one span.
        let mut spans: Vec<(usize, usize)> = match f.phrase {
            Some((p, yes)) => {
                let at = if yes {
                    &e.reading.yes_at
                } else {
                    &e.reading.no_at
                };
                (matched(&lex.phrases[p], at).iter())
                    .filter_map(|&a| e.reading.slots.get(a as usize))
                    .map(|s| (s.start as usize, s.end as usize))
                    .collect()
            }
            None => e.code_span.into_iter().collect(),
        };
        spans.dedup();
        Suggestion {
            symptom: f.symptom,
            value: f.value.clone(),
            confidence: f.confidence,
            words: (spans.iter())
                .filter_map(|&(start, end)| text.get(start..end))
                .map(String::from)
                .collect(),
            phrase: f
                .phrase
                .map_or_else(String::new, |(p, _)| lex.phrases[p].text.clone()),
            applied: f.applied,
        }
    };
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, f)| spell(f))
        .collect()
}

/// The start of `text`, at most [`MAX_CHARS`] characters, and whether
/// that is all of it.
fn cap(text: &str) -> (&str, bool) {
    match text.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => (text.get(..end).unwrap_or(text), true),
        None => (text, false),
    }
}

/// A target's best evidence over its phrases.
#[derive(Clone, Copy, Default)]
struct Evidence {
    yes: f64,
    yes_phrase: usize,
    negated: f64,
    no: f64,
    no_phrase: usize,
}

/// One thing the text may say; [`suggest`] spells it out.
struct Finding {
    symptom: usize,
    value: Value,
    confidence: f64,
    /// The phrase, and whether its `yes` match (or its "no …" one); none
    /// for the error code.
    phrase: Option<(usize, bool)>,
    applied: bool,
}

/// Everything a text may say, in symptom order with the error code last.
struct Evaluation {
    findings: Vec<Finding>,
    codes: Vec<f64>,
    /// Where the first code is written.
    code_span: Option<(usize, usize)>,
    reading: matcher::Reading,
}

/// The positions of a phrase's best match, in text order.
fn matched(phrase: &lexicon::Phrase, at: &[u32]) -> Vec<u32> {
    let mut slots: Vec<u32> = (phrase.first..phrase.end)
        .map(|w| at[w as usize])
        .filter(|&a| a != lexicon::NONE)
        .collect();
    crate::base::sort::sort_by(&mut slots, lexicon::ascending);
    slots
}

fn evaluate(kb: &KnowledgeBase, text: &str, typing: bool) -> Evaluation {
    let lex = kb.lexicon();
    let reading = matcher::read(lex, text, typing);
    let mut evidence = vec![Evidence::default(); lex.targets.len()];
    for (p, phrase) in lex.phrases.iter().enumerate() {
        let (b, e) = (reading.best[p], &mut evidence[phrase.target as usize]);
        if b.yes > e.yes {
            (e.yes, e.yes_phrase) = (b.yes, p);
        }
        e.negated = e.negated.max(b.negated);
        if b.no > e.no {
            (e.no, e.no_phrase) = (b.no, p);
        }
    }
    // A yes/no match whose words all belong to a clearly stronger match of
    // another symptom is explained by it: "could not restore the iPhone
    // because the backup was corrupt" does not also say "… back up the
    // iPhone because the backup was corrupt".
    let spans: Vec<Vec<u32>> = (0..lex.targets.len())
        .map(|t| {
            let e = &evidence[t];
            if lex.targets[t].choice.is_none() && e.yes >= APPLY {
                matched(&lex.phrases[e.yes_phrase], &reading.yes_at)
            } else {
                Vec::new()
            }
        })
        .collect();
    let explained = |t: usize| {
        !spans[t].is_empty()
            && (0..spans.len()).any(|a| {
                evidence[a].yes >= evidence[t].yes + MARGIN
                    && spans[t].iter().all(|p| spans[a].binary_search(p).is_ok())
            })
    };
    let mut findings = Vec::new();
    let mut i = 0;
    while i < lex.targets.len() {
        let symptom = lex.targets[i].symptom;
        let end = i + lex.targets[i..]
            .iter()
            .take_while(|t| t.symptom == symptom)
            .count();
        match &kb.symptoms[symptom].kind {
            SymptomKind::Choice(choices) => {
                // The strongest choice, if it leads clearly; a negated
                // choice ("not iTunes") is no candidate.
                let candidate = |t: &usize| {
                    let e = &evidence[*t];
                    e.yes >= FLOOR && e.yes > e.negated
                };
                // The best (the first of equals) and the runner-up.
                let (mut best, mut second) = (None::<usize>, 0.0);
                for t in (i..end).filter(candidate) {
                    let yes = evidence[t].yes;
                    match best {
                        Some(b) if yes <= evidence[b].yes => second = f64::max(second, yes),
                        _ => {
                            second = best.map_or(second, |b| evidence[b].yes);
                            best = Some(t);
                        }
                    }
                }
                let clear = best.filter(|&b| {
                    let yes = evidence[b].yes;
                    yes >= APPLY && second <= yes - MARGIN
                });
                for t in (i..end).filter(candidate) {
                    let Some(choice) = lex.targets[t].choice.and_then(|c| choices.get(c)) else {
                        continue;
                    };
                    findings.push(Finding {
                        symptom,
                        value: Value::Choice(choice.value.clone()),
                        confidence: evidence[t].yes,
                        phrase: Some((evidence[t].yes_phrase, true)),
                        applied: clear == Some(t),
                    });
                }
            }
            _ => {
                let e = evidence[i];
                if e.yes >= FLOOR && e.yes > e.negated {
                    findings.push(Finding {
                        symptom,
                        value: Value::Bool(true),
                        confidence: e.yes,
                        phrase: Some((e.yes_phrase, true)),
                        applied: e.yes >= APPLY && !explained(i),
                    });
                }
                // "no VPN": false, only when nothing says yes.
                if e.no >= FLOOR && e.yes < APPLY {
                    findings.push(Finding {
                        symptom,
                        value: Value::Bool(false),
                        confidence: e.no,
                        phrase: Some((e.no_phrase, false)),
                        applied: e.no >= APPLY && e.yes < FLOOR,
                    });
                }
            }
        }
        i = end;
    }
    let listed = |n: f64| lex.codes.binary_search_by(|x| x.total_cmp(&n)).is_ok();
    let raw: Vec<&RawCode> = (reading.codes.iter())
        .filter(|c| !c.weak || listed(c.value) || listed(-c.value))
        .collect();
    let codes: Vec<f64> = raw.iter().map(|c| normalise(lex, c)).collect();
    let code_span = raw.first().map(|c| (c.start, c.end));
    if let (Some(s), Some(&code)) = (kb.error_code_symptom, codes.first()) {
        findings.push(Finding {
            symptom: s,
            value: Value::Number(code),
            confidence: 1.0,
            phrase: None,
            applied: true,
        });
    }
    Evaluation {
        findings,
        codes,
        code_span,
        reading,
    }
}

/// A code in the form the knowledge base's conditions use. A 32-bit code
/// can be printed signed or unsigned (-402653052 is 0xE8000084); people
/// drop the minus ("error 36" for -36). Each is read as the knowledge base
/// lists it, and otherwise in the form its conditions write such codes.
fn normalise(lex: &Lexicon, raw: &RawCode) -> f64 {
    const TWO_24: f64 = 16_777_216.0;
    const TWO_31: f64 = 2_147_483_648.0;
    const TWO_32: f64 = 4_294_967_296.0;
    let listed = |n: f64| lex.codes.binary_search_by(|x| x.total_cmp(&n)).is_ok();
    let v = raw.value;
    if raw.bare && !listed(v) && listed(-v) {
        return -v;
    }
    // Small negative codes (-36) are real negatives, never 32-bit aliases.
    let other = if (-TWO_31..=-TWO_24).contains(&v) {
        v + TWO_32
    } else if (TWO_31..TWO_32).contains(&v) {
        v - TWO_32
    } else {
        return v;
    };
    if listed(v) {
        return v;
    }
    if listed(other) {
        return other;
    }
    let unsigned = lex.codes.iter().any(|&n| n >= TWO_31);
    let signed = lex.codes.iter().any(|&n| n <= -TWO_24);
    if v < 0.0 && unsigned && !signed || v > 0.0 && signed && !unsigned {
        other
    } else {
        v
    }
}

/// A synonym's words as the recogniser compares them (folded and
/// stemmed), empty when it has no letters or digits: for the validator.
pub(crate) fn word_key(word: &str) -> String {
    let (mut key, mut buf) = (String::new(), String::new());
    text::tokenize(word, None, &mut |piece| {
        if let Piece::Word(w) = piece {
            stem::stem(w.primary, &mut buf);
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(&buf);
        }
    });
    key
}

#[cfg(test)]
mod tests;
