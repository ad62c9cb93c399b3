//! What a knowledge base's phrases and synonyms become, once, when the
//! knowledge base is built: every word's stem as a *term* (a number, so
//! matching compares integers), synonyms sharing one term, each phrase as
//! its terms with weights, an index from each term to the phrases that
//! use it, and a deletion index that finds a word one typo away without
//! comparing it with every word of the knowledge base.

use crate::prelude::*;

use super::stem;
use super::text::{self, Piece, Word};
use crate::engine::model::{KnowledgeBase, SymptomKind};
use crate::engine::value::Value;

/// No term, no position.
pub(super) const NONE: u32 = u32::MAX;

/// Words longer than this are not checked for typos: no phrase word is.
const MAX_TYPO_LETTERS: usize = 24;

/// The longest phrase, in words other than stop words, that a negation
/// before it negates.
const NEGATABLE_WORDS: usize = 3;

/// How much a stop word ("the", "is", "in") counts in a phrase, against
/// other words' 1: a message that leaves it out still matches, but a
/// phrase such as "been backed up in" is not just "backed up".
const STOP_WEIGHT: f64 = 0.25;

/// A word of the text or of a phrase, as the matcher sees it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Slot {
    pub term: u32,
    /// A hash of the folded spelling: the same spelling is an exact match,
    /// the same term otherwise a stemmed or synonym one.
    pub surface: u64,
    /// The term is a guess: one typo away, or the start of a word.
    pub guessed: bool,
    /// How many words of the text it stands for: more than one for a
    /// synonym of several words ("apple devices app").
    pub words: u32,
    pub negator: bool,
    pub transparent: bool,
    pub article: bool,
    pub stop: bool,
    pub number: bool,
    /// A clause starts here: a negation before it does not reach it.
    pub clause: bool,
    /// Which clause of the text: a phrase does not span two.
    pub part: u32,
    /// Byte range in the text.
    pub start: u32,
    pub end: u32,
    /// The negation that reaches this word, if any.
    pub neg_by: u32,
}

/// A word already looked up in this text: (spelling hash, term, guessed).
pub(super) type Memo = Option<(u64, u32, bool)>;

/// What a phrase is evidence for: a yes/no symptom, or one choice.
#[derive(Clone, Copy, Debug)]
pub(super) struct Target {
    pub symptom: usize,
    pub choice: Option<usize>,
}

#[derive(Clone, Debug)]
pub(super) struct Phrase {
    pub target: u32,
    /// Its words in [`Lexicon::words`].
    pub first: u32,
    pub end: u32,
    /// How many words it has, stop words included: its matches may span
    /// a little more.
    pub slots: u32,
    /// Whether a negation before it counts against it. Only short phrases
    /// ("VPN", "hotel wifi", "changed my password") are negated by readers;
    /// a long one is a quoted message whose "could not" is the message's
    /// own: "[could not] back up the iPhone because an error occurred".
    pub negatable: bool,
    /// The sum of its words' weights.
    pub total: f64,
    /// Its own negation ("*not* enough storage"), if any, and the word
    /// after it that is not a stop word ("enough").
    pub negator: u32,
    pub negated: u32,
    pub text: String,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct PhraseWord {
    pub term: u32,
    pub surface: u64,
    /// Rarer words weigh more: ln(1 + targets / targets using the word),
    /// for each time the phrase has it.
    pub weight: f64,
    /// A negation or a number: without it the phrase means something else.
    pub required: bool,
    /// A stop word: it counts a little, and never matches on its own.
    pub stop: bool,
    /// How often the phrase has it: 1, or 2 for twice or more.
    pub count: u32,
    /// How many words it stands for ("apple devices app" is 3): a longer
    /// phrase is stronger evidence.
    pub words: u32,
    /// For a choice: the word that names it, the phrase's weightiest and
    /// one no other choice of the symptom uses. Negating it ("not
    /// *iTunes*") speaks against the choice; negating another word ("can't
    /// *back up* to iCloud") does not.
    pub names: bool,
}

/// A knowledge base's vocabulary and phrases, ready for matching.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Every stem (and umlaut spelling) of a phrase or synonym word,
    /// sorted for binary search, with its term.
    pub(super) keys: Vec<(String, u32)>,
    /// The keys by hash, then index: a lookup compares numbers, and one
    /// string at the end.
    by_hash: Vec<(u64, u32)>,
    /// The hash of each word with a role ("the", "not", "but"), with its
    /// roles, sorted. A text word whose hash is there is taken to be that
    /// word: two words share a 64-bit hash about once in 10^17 pairs.
    roles: Vec<(u64, u32)>,
    /// The hash of each key and of each of its one-letter deletions, with
    /// the key's index, sorted: two words one edit apart share an entry.
    deletions: Vec<(u64, u32)>,
    /// Synonyms of several words ("back up", "i cloud"): their terms and
    /// the group's term, by first term and then longest first.
    multi: Vec<(Vec<u32>, u32)>,
    pub(super) targets: Vec<Target>,
    pub(super) phrases: Vec<Phrase>,
    pub(super) words: Vec<PhraseWord>,
    /// For each term, its (phrase, word) pairs in `postings[at[t]..at[t + 1]]`.
    postings_at: Vec<u32>,
    postings: Vec<(u32, u32)>,
    /// The numbers the error-code symptom is compared with, sorted.
    pub(super) codes: Vec<f64>,
    /// How many terms there are.
    term_count: usize,
}

impl Lexicon {
    // Not inlined into its one caller, `KnowledgeBase::lexicon`: that made the wasm larger.
    #[inline(never)]
    pub(crate) fn new<'k>(kb: &'k KnowledgeBase) -> Lexicon {
        let mut lex = Lexicon::default();
        let mut texts: Vec<(u32, &str)> = Vec::new();
        for (s, symptom) in kb.symptoms.iter().enumerate() {
            let mut add = |choice, phrases: &'k [String]| {
                if !phrases.is_empty() {
                    let t = lex.targets.len() as u32;
                    lex.targets.push(Target { symptom: s, choice });
                    texts.extend(phrases.iter().map(|p| (t, p.as_str())));
                }
            };
            match &symptom.kind {
                SymptomKind::Bool => add(None, &symptom.phrases),
                SymptomKind::Choice(choices) => {
                    for (c, choice) in choices.iter().enumerate() {
                        add(Some(c), &choice.phrases);
                    }
                }
                SymptomKind::Number { .. } => {}
            }
        }
        let synonyms = &kb.synonyms;
        let group_terms = lex.terms(texts.iter().map(|&(_, p)| p), synonyms);
        lex.multi_words(synonyms, &group_terms);
        for &(t, p) in &texts {
            lex.phrase(t, p);
        }
        lex.weigh();
        lex.index();
        lex.codes = codes(kb);
        lex
    }

    /// Gives every word a term: one per stem, one per synonym group.
    /// Returns each group's term.
    fn terms<'t>(
        &mut self,
        phrases: impl Iterator<Item = &'t str>,
        synonyms: &[Vec<String>],
    ) -> Vec<u32> {
        let entries = || synonyms.iter().flatten().map(String::as_str);
        // Each word's keys: its stem, and its stem with umlauts spelt out.
        let mut words: Vec<(String, Option<String>)> = Vec::new();
        let mut each = |text: &str| {
            let mut buf = String::new();
            text::tokenize(text, None, &mut |piece| {
                if let Piece::Word(w) = piece {
                    stem::stem(w.primary, &mut buf);
                    let alt = w.alt.map(|a| {
                        let mut s = String::new();
                        stem::stem(a, &mut s);
                        s
                    });
                    words.push((buf.clone(), alt));
                }
            });
        };
        phrases.for_each(&mut each);
        entries().for_each(&mut each);
        let mut keys: Vec<String> = Vec::new();
        for (key, alt) in &words {
            keys.push(key.clone());
            keys.extend(alt.iter().cloned());
        }
        crate::base::sort::sort_by(&mut keys, ascending);
        keys.dedup();
        let find = |k: &str| keys.binary_search_by(|x| x.as_str().cmp(k)).ok();
        // Union-find over keys, then one node per synonym group.
        let mut parent: Vec<usize> = (0..keys.len() + synonyms.len()).collect();
        for (key, alt) in &words {
            if let (Some(a), Some(b)) = (find(key), alt.as_deref().and_then(find)) {
                union(&mut parent, a, b);
            }
        }
        for (g, group) in synonyms.iter().enumerate() {
            for entry in group {
                let single = single_key(entry);
                if let Some(k) = single.as_deref().and_then(find) {
                    union(&mut parent, keys.len() + g, k);
                }
            }
        }
        // Terms numbered in key order, so they do not depend on the order
        // of the files.
        let mut term = vec![NONE; parent.len()];
        let mut next = 0;
        let mut term_of = |parent: &mut Vec<usize>, node: usize| {
            let root = root(parent, node);
            if term[root] == NONE {
                term[root] = next;
                next += 1;
            }
            term[root]
        };
        self.keys = Vec::with_capacity(keys.len());
        for (k, key) in keys.into_iter().enumerate() {
            let t = term_of(&mut parent, k);
            self.keys.push((key, t));
        }
        self.by_hash = (self.keys.iter().enumerate())
            .map(|(k, (key, _))| (hash_str(key), k as u32))
            .collect();
        crate::base::sort::sort_by(&mut self.by_hash, ascending);
        self.roles = stem::role_words()
            .map(|(w, r)| (hash_str(w), u32::from(r)))
            .collect();
        crate::base::sort::sort_by(&mut self.roles, ascending);
        let base = self.keys.len();
        let groups = (0..synonyms.len())
            .map(|g| term_of(&mut parent, base + g))
            .collect();
        self.term_count = next as usize;
        groups
    }

    /// Synonyms of more than one word, found by their terms.
    fn multi_words(&mut self, synonyms: &[Vec<String>], group_terms: &[u32]) {
        // Collected aside: while `multi` is empty, `slots` merges nothing.
        let mut multi: Vec<(Vec<u32>, u32)> = Vec::new();
        for (g, group) in synonyms.iter().enumerate() {
            for entry in group {
                let slots = self.slots(entry, false);
                if slots.len() > 1 && slots.iter().all(|s| s.term != NONE) {
                    multi.push((slots.iter().map(|s| s.term).collect(), group_terms[g]));
                }
            }
        }
        // By first term, then longest first: sorted as (key, index) pairs,
        // the one kind of sort the lexicon uses.
        let mut order: Vec<(u64, u32)> = (multi.iter().enumerate())
            .map(|(i, (terms, _))| {
                let key = u64::from(terms[0]) << 32 | u64::from(u32::MAX - terms.len() as u32);
                (key, i as u32)
            })
            .collect();
        crate::base::sort::sort_by(&mut order, ascending);
        self.multi = order
            .iter()
            .map(|&(_, i)| multi[i as usize].clone())
            .collect();
    }

    fn phrase(&mut self, target: u32, text: &str) {
        let slots = self.slots(text, false);
        let first = self.words.len() as u32;
        let mut negator = NONE;
        for s in &slots {
            if s.term == NONE {
                continue;
            }
            // A word twice ("back up the iPhone because the backup …")
            // is one word that wants two occurrences.
            let seen = &mut self.words[first as usize..];
            if let Some(w) = seen.iter_mut().find(|w| w.term == s.term) {
                w.count = 2;
                continue;
            }
            if s.negator {
                negator = self.words.len() as u32;
            }
            self.words.push(PhraseWord {
                term: s.term,
                surface: s.surface,
                weight: if s.stop { STOP_WEIGHT } else { 1.0 },
                required: s.negator || s.number,
                stop: s.stop,
                count: 1,
                words: s.words,
                names: true,
            });
        }
        if self.words.len() as u32 == first {
            return;
        }
        let end = self.words.len() as u32;
        let after = slots
            .iter()
            .skip_while(|s| !s.negator)
            .skip(1)
            .find(|s| !s.stop && !s.negator);
        let negated = after
            .and_then(|s| (first..end).find(|&w| self.words[w as usize].term == s.term))
            .unwrap_or(NONE);
        let content = self.words[first as usize..]
            .iter()
            .filter(|w| !w.stop)
            .count();
        self.phrases.push(Phrase {
            target,
            first,
            end,
            slots: slots.len() as u32,
            negatable: content <= NEGATABLE_WORDS,
            total: 0.0,
            negator,
            negated,
            text: text.to_string(),
        });
    }

    /// Weights by rarity across targets, and which words of a choice no
    /// other choice of its symptom uses.
    fn weigh(&mut self) {
        let terms = self.term_count;
        let mut count = vec![0u32; terms];
        let mut seen = vec![NONE; terms];
        // (symptom and term, target) for every word of a choice.
        let mut choice_words: Vec<(u64, u32)> = Vec::new();
        let key = |symptom: usize, term: u32| (symptom as u64) << 32 | u64::from(term);
        for p in &self.phrases {
            let target = self.targets[p.target as usize];
            for w in &self.words[p.first as usize..p.end as usize] {
                let t = w.term as usize;
                if seen[t] != p.target {
                    seen[t] = p.target;
                    count[t] += 1;
                }
                if target.choice.is_some() {
                    choice_words.push((key(target.symptom, w.term), p.target));
                }
            }
        }
        crate::base::sort::sort_by(&mut choice_words, ascending);
        choice_words.dedup();
        let n = self.targets.len() as f64;
        for p in &mut self.phrases {
            let target = self.targets[p.target as usize];
            let mut total = 0.0;
            for w in &mut self.words[p.first as usize..p.end as usize] {
                w.weight *= libm::log(1.0 + n / f64::from(count[w.term as usize].max(1)));
                total += w.weight * f64::from(w.count);
                if target.choice.is_some() {
                    let key = key(target.symptom, w.term);
                    let from = choice_words.partition_point(|x| x.0 < key);
                    let users = choice_words[from..]
                        .iter()
                        .take_while(|x| x.0 == key)
                        .count();
                    w.names = users <= 1;
                }
            }
            p.total = total;
            if target.choice.is_some() {
                let words = &mut self.words[p.first as usize..p.end as usize];
                let top = (words.iter())
                    .filter(|w| !w.stop)
                    .fold(0.0, |top: f64, w| top.max(w.weight));
                for w in words {
                    w.names &= !w.stop && w.weight >= top * (1.0 - 1e-9);
                }
            }
        }
    }

    fn index(&mut self) {
        let terms = self.term_count;
        let mut at = vec![0u32; terms + 1];
        for w in &self.words {
            at[w.term as usize + 1] += 1;
        }
        for t in 0..terms {
            at[t + 1] += at[t];
        }
        let mut fill = at.clone();
        self.postings = vec![(0, 0); self.words.len()];
        for (p, phrase) in self.phrases.iter().enumerate() {
            for w in phrase.first..phrase.end {
                let t = self.words[w as usize].term as usize;
                self.postings[fill[t] as usize] = (p as u32, w);
                fill[t] += 1;
            }
        }
        self.postings_at = at;
        // The deletion index for typos: letters only, as digits must match.
        for (k, (key, _)) in self.keys.iter().enumerate() {
            let letters: Vec<char> = key.chars().collect();
            if (4..=MAX_TYPO_LETTERS).contains(&letters.len())
                && letters.iter().all(|c| !c.is_ascii_digit())
            {
                self.deletions.push((hash(&letters, None), k as u32));
                for skip in 0..letters.len() {
                    self.deletions.push((hash(&letters, Some(skip)), k as u32));
                }
            }
        }
        crate::base::sort::sort_by(&mut self.deletions, ascending);
        self.deletions.dedup();
    }

    /// The (phrase, word) pairs that use a term.
    pub(super) fn postings(&self, term: u32) -> &[(u32, u32)] {
        let t = term as usize;
        match (self.postings_at.get(t), self.postings_at.get(t + 1)) {
            (Some(&a), Some(&b)) => self.postings.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(super) fn find(&self, key: &str) -> u32 {
        let h = hash_str(key);
        let from = self.by_hash.partition_point(|e| e.0 < h);
        (self.by_hash[from..].iter())
            .take_while(|e| e.0 == h)
            .map(|&(_, k)| &self.keys[k as usize])
            .find(|(k, _)| k == key)
            .map_or(NONE, |k| k.1)
    }

    /// A word's roles, by the hash of its spelling.
    fn roles(&self, h: u64) -> u8 {
        match self.roles.binary_search_by(|e| e.0.cmp(&h)) {
            Ok(i) => self.roles[i].1 as u8,
            Err(_) => 0,
        }
    }

    /// The term of a known word one edit (a letter changed, added, dropped,
    /// or two swapped) from `stem`; the lowest if several are.
    pub(super) fn near(&self, stem: &str) -> u32 {
        let mut letters = ['\0'; MAX_TYPO_LETTERS];
        let mut len = 0;
        for c in stem.chars() {
            if len == MAX_TYPO_LETTERS {
                return NONE;
            }
            letters[len] = c;
            len += 1;
        }
        if len < 4 {
            return NONE;
        }
        let word = &letters[..len];
        let mut best = NONE;
        for skip in core::iter::once(None).chain((0..len).map(Some)) {
            let h = hash(word, skip);
            let from = self.deletions.partition_point(|d| d.0 < h);
            for &(_, k) in self.deletions[from..].iter().take_while(|d| d.0 == h) {
                let (key, term) = &self.keys[k as usize];
                if term < &best && one_edit(word, key) {
                    best = *term;
                }
            }
        }
        best
    }

    /// The term of the first known word that starts with `start`: the
    /// word the reader is still typing.
    pub(super) fn completion(&self, start: &str) -> u32 {
        let from = self.keys.partition_point(|k| k.0.as_str() < start);
        match self.keys.get(from) {
            Some((key, term)) if key.starts_with(start) => *term,
            _ => NONE,
        }
    }

    /// A word as a slot: its term by stem, by umlaut spelling, or (when
    /// `guess`) by one typo.
    ///
    /// `memo` remembers recent words by spelling (a text repeats its words
    /// far more than it brings new ones); empty, it remembers nothing.
    pub(super) fn slot(&self, w: &Word, buf: &mut String, guess: bool, memo: &mut [Memo]) -> Slot {
        let surface = hash_str(w.primary);
        let roles = self.roles(surface);
        let has = |role| roles & role != 0;
        // An umlaut spelling may find what the plain one does not.
        let key = surface ^ u64::from(w.alt.is_some());
        let remembered = memo
            .len()
            .checked_sub(1)
            .map(|m| &mut memo[key as usize & m]);
        let (term, guessed) = match remembered.as_deref() {
            Some(&Some((h, term, guessed))) if h == key => (term, guessed),
            _ => {
                stem::stem_known(w.primary, has(stem::NEGATOR), buf);
                let mut term = self.find(buf);
                if term == NONE {
                    if let Some(alt) = w.alt {
                        let mut s = String::new();
                        stem::stem(alt, &mut s);
                        term = self.find(&s);
                    }
                }
                let mut guessed = false;
                if term == NONE && guess && !w.digits && w.letters >= 5 {
                    term = self.near(buf);
                    guessed = term != NONE;
                }
                if let Some(entry) = remembered {
                    *entry = Some((key, term, guessed));
                }
                (term, guessed)
            }
        };
        Slot {
            term,
            surface,
            guessed,
            words: 1,
            negator: has(stem::NEGATOR),
            transparent: has(stem::TRANSPARENT),
            article: has(stem::ARTICLE),
            stop: has(stem::STOP),
            number: w.digits,
            clause: has(stem::BREAKER),
            part: 0,
            start: w.start as u32,
            end: w.end as u32,
            neg_by: NONE,
        }
    }

    /// A phrase or synonym as slots, synonyms of several words merged.
    fn slots(&self, text: &str, guess: bool) -> Vec<Slot> {
        let mut slots = Vec::new();
        let mut buf = String::new();
        text::tokenize(text, None, &mut |piece| {
            if let Piece::Word(w) = piece {
                slots.push(self.slot(&w, &mut buf, guess, &mut []));
            }
        });
        self.merge(&mut slots);
        slots
    }

    /// Replaces each synonym of several words ("back up") by one slot with
    /// its group's term, longest first.
    pub(super) fn merge(&self, slots: &mut Vec<Slot>) {
        if self.multi.is_empty() {
            return;
        }
        let (mut i, mut out) = (0, 0);
        while i < slots.len() {
            let mut slot = slots[i];
            if let Some((len, term)) = self.multi_at(&slots[i..]) {
                let last = &slots[i + len - 1];
                slot.end = last.end;
                slot.term = term;
                for s in &slots[i + 1..i + len] {
                    slot.surface = slot.surface.rotate_left(5) ^ s.surface;
                    slot.guessed |= s.guessed;
                    slot.words += s.words;
                }
                (slot.negator, slot.transparent, slot.article, slot.stop) =
                    (false, false, false, false);
                i += len;
            } else {
                i += 1;
            }
            slots[out] = slot;
            out += 1;
        }
        slots.truncate(out);
    }

    fn multi_at(&self, slots: &[Slot]) -> Option<(usize, u32)> {
        let first = slots.first()?.term;
        if first == NONE {
            return None;
        }
        let from = self.multi.partition_point(|m| m.0[0] < first);
        self.multi[from..]
            .iter()
            .take_while(|m| m.0[0] == first)
            .find(|(terms, _)| {
                terms.len() <= slots.len()
                    && terms
                        .iter()
                        .zip(slots)
                        .enumerate()
                        .all(|(k, (&t, s))| t == s.term && (k == 0 || !s.clause))
            })
            .map(|(terms, term)| (terms.len(), *term))
    }
}

/// A synonym entry's key when it is one word.
fn single_key(entry: &str) -> Option<String> {
    let mut key = None;
    let mut count = 0;
    text::tokenize(entry, None, &mut |piece| {
        if let Piece::Word(w) = piece {
            let mut s = String::new();
            stem::stem(w.primary, &mut s);
            key = Some(s);
            count += 1;
        }
    });
    key.filter(|_| count == 1)
}

fn root(parent: &mut [usize], mut node: usize) -> usize {
    while parent[node] != node {
        parent[node] = parent[parent[node]];
        node = parent[node];
    }
    node
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (root(parent, a), root(parent, b));
    // The lower node stays the root: terms do not depend on the order.
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    parent[high] = low;
}

/// FNV-1a over the letters, leaving out the one at `skip`.
fn hash(letters: &[char], skip: Option<usize>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, &c) in letters.iter().enumerate() {
        if Some(i) != skip {
            h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

pub(super) fn hash_str(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in word.chars() {
        h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether `b` is at most one substitution, insertion, deletion or swap
/// of neighbours away from `a`: one pass, no table.
fn one_edit(a: &[char], b: &str) -> bool {
    let mut letters = ['\0'; MAX_TYPO_LETTERS + 1];
    let mut len = 0;
    for c in b.chars() {
        if len == letters.len() {
            return false;
        }
        letters[len] = c;
        len += 1;
    }
    let b = &letters[..len];
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let i = long.iter().zip(short).take_while(|(x, y)| x == y).count();
    if i == short.len() {
        return true;
    }
    if long.len() > short.len() {
        return long[i + 1..] == short[i..];
    }
    long[i + 1..] == short[i + 1..]
        || i + 1 < long.len()
            && long[i] == short[i + 1]
            && long[i + 1] == short[i]
            && long[i + 2..] == short[i + 2..]
}

/// The numbers the knowledge base compares its error-code symptom with.
fn codes(kb: &KnowledgeBase) -> Vec<f64> {
    let mut out = Vec::new();
    if let Some(s) = kb.error_code_symptom {
        for rule in &kb.rules {
            rule.when.numbers(s, &mut out);
        }
        for fix in &kb.fixes {
            for cond in fix.when.iter().chain(&fix.requires) {
                cond.numbers(s, &mut out);
            }
        }
        for q in kb.questions.iter().filter(|q| q.symptom == s) {
            for a in &q.answers {
                if let Some(Value::Number(n)) = a.value {
                    out.push(n);
                }
            }
        }
    }
    out.retain(|n| n.is_finite());
    crate::base::sort::sort_by(&mut out, ascending);
    out.dedup();
    out
}

/// `a < b`, as one function: each sort instantiated once per element type
/// keeps the browser build small.
pub(super) fn ascending<T: PartialOrd>(a: &T, b: &T) -> bool {
    a < b
}
