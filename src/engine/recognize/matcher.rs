//! Reading a text against a lexicon in one pass: each word's term is
//! looked up once, negations mark the words they reach, and each
//! occurrence of a term updates only the phrases that use it. A phrase
//! matches when its words occur within a short window, in any order, so
//! "Couldn't complete the last backup" matches "the last backup could not
//! be completed". The work is the text's length times a constant of the
//! knowledge base (how many phrases share a word), never its square.

use crate::prelude::*;

use super::lexicon::{Lexicon, Memo, Phrase, Slot, NONE};
use super::text::{self, Piece, RawCode};

/// How much a phrase word counts, by how it was matched.
const EXACT: f64 = 1.0;
/// The same stem ("completed" for "complete") or a synonym.
const STEMMED: f64 = 0.9;
/// One typo away, or the start of the word being typed.
const GUESSED: f64 = 0.7;

/// How many words a match may spread beyond the phrase's own length.
const SLACK: u32 = 3;
/// What each word inside a match that is not the phrase's costs: more
/// for a word with meaning than for "the" or "is".
const INTRUDER: f64 = 0.85;
const STOP_INTRUDER: f64 = 0.95;
/// What words in another order than the phrase's cost.
const REORDERED: f64 = 0.85;

/// How far a negation reaches over words like "using the" or "über".
const NEGATION_REACH: u32 = 4;

/// The best evidence found for one phrase.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Best {
    /// A match that nothing negates.
    pub yes: f64,
    /// A match a negation reaches ("not iTunes").
    pub negated: f64,
    /// A negated match that plainly says the phrase is false: complete,
    /// and right after the negation ("no VPN").
    pub no: f64,
}

/// What reading a text found.
pub(super) struct Reading {
    pub slots: Vec<Slot>,
    pub codes: Vec<RawCode>,
    /// Per phrase.
    pub best: Vec<Best>,
    /// Per phrase word: its position in the phrase's best `yes` and `no`
    /// matches, or NONE.
    pub yes_at: Vec<u32>,
    pub no_at: Vec<u32>,
    /// Steps taken, for tests that check the work grows linearly.
    pub work: usize,
}

/// Reads `text`. With `typing`, a last word the text ends in may be
/// unfinished and is matched by its start.
#[inline(never)]
pub(super) fn read(lex: &Lexicon, text: &str, typing: bool) -> Reading {
    let mut slots = Vec::new();
    let mut codes = Vec::new();
    let mut buf = String::new();
    let mut last = String::new();
    // A power of two: a word's slot is its hash's low bits.
    let mut memo: Vec<Memo> = vec![None; 1024];
    let (mut clause, mut part) = (true, 0);
    let mut work = text.len();
    let open = text::tokenize(text, Some(&mut codes), &mut |piece| match piece {
        Piece::Break => clause = true,
        Piece::Word(w) => {
            let mut slot = lex.slot(&w, &mut buf, true, &mut memo);
            slot.clause |= clause;
            part += u32::from(slot.clause);
            slot.part = part;
            clause = false;
            if typing && !w.digits {
                last.clear();
                last.push_str(w.primary);
            }
            slots.push(slot);
        }
    });
    if let Some(slot) = slots
        .last_mut()
        .filter(|s| typing && open && s.term == NONE)
    {
        if last.len() >= 3 {
            slot.term = lex.completion(&last);
            slot.guessed = true;
        }
    }
    lex.merge(&mut slots);
    negations(&mut slots);
    let mut stops_before = Vec::with_capacity(slots.len() + 1);
    stops_before.push(0);
    for s in &slots {
        stops_before.push(stops_before[stops_before.len() - 1] + u32::from(s.stop));
    }

    let mut best = vec![Best::default(); lex.phrases.len()];
    let mut seen = vec![NONE; lex.words.len()];
    // The occurrence before `seen`, for words a phrase has twice.
    let mut before = vec![NONE; lex.words.len()];
    let mut quality = vec![0.0; lex.words.len()];
    let mut yes_at = vec![NONE; lex.words.len()];
    let mut no_at = vec![NONE; lex.words.len()];
    for (pos, slot) in slots.iter().enumerate() {
        if slot.term == NONE {
            continue;
        }
        for &(p, w) in lex.postings(slot.term) {
            let (p, w) = (p as usize, w as usize);
            let word = &lex.words[w];
            before[w] = seen[w];
            seen[w] = pos as u32;
            quality[w] = if slot.guessed {
                GUESSED
            } else if slot.surface == word.surface {
                EXACT
            } else {
                STEMMED
            };
            // A match is judged where a word with meaning ends it: a stop
            // word adds little and occurs everywhere.
            if slot.stop {
                continue;
            }
            let phrase = &lex.phrases[p];
            let words = phrase.first as usize..phrase.end as usize;
            work += words.len();
            let Some(found) = window(
                lex,
                phrase,
                pos as u32,
                &slots,
                &stops_before,
                (&seen, &before),
                &quality,
            ) else {
                continue;
            };
            let b = &mut best[p];
            let keep = |at: &mut [u32]| {
                for i in words.clone() {
                    at[i] = if found.covers(seen[i], pos as u32, &slots) {
                        seen[i]
                    } else {
                        NONE
                    };
                }
            };
            if !found.negated && found.confidence > b.yes {
                b.yes = found.confidence;
                keep(&mut yes_at);
            } else if found.negated {
                b.negated = b.negated.max(found.confidence);
                if found.plainly_false && found.confidence > b.no {
                    b.no = found.confidence;
                    keep(&mut no_at);
                }
            }
        }
    }
    Reading {
        slots,
        codes,
        best,
        yes_at,
        no_at,
        work,
    }
}

/// Marks the words each negation reaches: the first word after it that is
/// not an article or a preposition, and those in between, within its
/// clause.
fn negations(slots: &mut [Slot]) {
    let mut by = NONE;
    let mut reach = 0;
    for (i, slot) in slots.iter_mut().enumerate() {
        if slot.clause {
            by = NONE;
        }
        if slot.negator {
            by = i as u32;
            reach = NEGATION_REACH;
            continue;
        }
        if by != NONE {
            slot.neg_by = by;
            reach -= 1;
            if !slot.transparent || reach == 0 {
                by = NONE;
            }
        }
    }
}

/// A phrase's match in the window that ends at a position.
struct Found {
    confidence: f64,
    negated: bool,
    plainly_false: bool,
    window: u32,
    part: u32,
}

impl Found {
    fn covers(&self, at: u32, pos: u32, slots: &[Slot]) -> bool {
        at != NONE && pos - at < self.window && slots[at as usize].part == self.part
    }
}

/// The phrase's words seen within its window ending at `pos`: how much of
/// the phrase they cover, and whether a negation from outside the phrase
/// reaches them.
fn window(
    lex: &Lexicon,
    phrase: &Phrase,
    pos: u32,
    slots: &[Slot],
    stops_before: &[u32],
    (seen, before): (&[u32], &[u32]),
    quality: &[f64],
) -> Option<Found> {
    let window = phrase.slots + SLACK;
    let part = slots[pos as usize].part;
    let near = |at: u32| at != NONE && pos - at < window && slots[at as usize].part == part;
    let words = phrase.first as usize..phrase.end as usize;
    let (mut weight, mut n, mut first) = (0.0, 0, pos);
    // Positions matched, and how many of them are stop words.
    let (mut matched, mut matched_stops) = (0, 0);
    let (mut previous, mut in_order) = (0, true);
    // The earliest negation reaching a matched word (for a choice, the word
    // that names it: "not *iTunes*", not "can't *back up* to iCloud").
    let choice = lex.targets[phrase.target as usize].choice.is_some();
    let mut negation = NONE;
    for w in words.clone() {
        let (word, at) = (&lex.words[w], seen[w]);
        if near(at) {
            if !choice || word.names {
                negation = negation.min(slots[at as usize].neg_by);
            }
            let copies = if word.count > 1 && near(before[w]) {
                first = first.min(before[w]);
                2
            } else {
                1
            };
            weight += word.weight * quality[w] * f64::from(copies);
            matched += copies;
            first = first.min(at);
            if word.stop {
                matched_stops += copies;
            } else {
                n += word.words;
                // Stop words repeat too often to say anything about order.
                in_order &= at >= previous;
                previous = at;
            }
        } else if word.required {
            return None;
        }
    }
    if n == 0 {
        return None;
    }
    // The phrase's negation must negate the same word in the text: "no
    // wifi" is not "not on hotel wifi".
    if phrase.negator != NONE && phrase.negated != NONE {
        let (by, word) = (seen[phrase.negator as usize], seen[phrase.negated as usize]);
        if near(by) && near(word) {
            let between = slots.get(by as usize + 1..word as usize);
            if by > word || !between.is_some_and(|b| b.iter().all(|s| s.stop || s.transparent)) {
                return None;
            }
        }
    }
    // A negation inside the match belongs to a phrase that has one ("*not*
    // enough storage", "can*not* be backed up"); one before it, or inside a
    // phrase without one ("backup is *not* off"), negates the phrase.
    let own = phrase.negator != NONE && negation >= first;
    let negation = Some(negation).filter(|&by| by != NONE && !own && phrase.negatable);
    let coverage = weight / phrase.total;
    // Words in the span that are not the phrase's (each matched word has
    // a position of its own: their terms differ).
    let intruders = (pos + 1 - first).saturating_sub(matched);
    // Stop words in the span, less the phrase's own (a phrase's stop word
    // may match a text word that is not one, through a synonym).
    let stops = (stops_before[pos as usize + 1] - stops_before[first as usize])
        .saturating_sub(matched_stops)
        .min(intruders);
    let factor = power(STOP_INTRUDER, stops) * power(INTRUDER, intruders - stops);
    let size = 1.0 - 0.2 / f64::from(n);
    let order = if in_order { 1.0 } else { REORDERED };
    let confidence = coverage * coverage * size * factor * order;
    let plainly_false = negation.is_some_and(|by| {
        coverage >= 0.95
            && intruders == 0
            && by < first
            && slots[by as usize + 1..first as usize]
                .iter()
                .all(|s| s.article)
    });
    Some(Found {
        confidence,
        negated: negation.is_some(),
        plainly_false,
        window,
        part,
    })
}

/// `x` to a small power (a match spans at most its window).
fn power(x: f64, n: u32) -> f64 {
    (0..n).fold(1.0, |p, _| p * x)
}
