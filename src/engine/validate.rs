//! The one validator. Authoring's `compile` and the compiled form's reader
//! both build a candidate [`KnowledgeBase`] and hand it out only when
//! [`validate`] finds no problem, so a `KnowledgeBase` value is always
//! valid, whichever side made it: a compiled file that was hand-edited or
//! written by another tool gets the same checks as the authors' TOML.
//!
//! It checks meaning, not syntax: every reference in range, every
//! condition well-typed, probabilities and costs in range, each question's
//! answer likelihoods summing to one under every cause, data-risk fixes
//! guarded, ids unique and well-formed, no ordering cycle. It never panics,
//! whatever the candidate holds.

use crate::prelude::*;

use super::cond::Cond;
use super::diagnostic::{Code, Diagnostic};
use super::model::*;
use super::value::Value;

/// How deep conditions may nest: deeper would risk the evaluator's stack.
/// Authoring flattens `and`/`or` chains, so written conditions stay shallow.
pub const MAX_CONDITION_DEPTH: usize = 64;

/// How far a question's likelihoods under one cause may sum from one: the
/// compiled form writes them rounded, and they are normalised by `compile`.
const SUM_TOLERANCE: f64 = 1e-6;

/// What a problem is about, so authoring can point at the item's source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    KnowledgeBase,
    Group(usize),
    Symptom(usize),
    Cause(usize),
    Rule(usize),
    Fix(usize),
    Question(usize),
    Synonyms(usize),
}

/// One problem the validator found.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub code: Code,
    pub place: Place,
    pub message: String,
}

impl Problem {
    /// What to do about it, one line per code.
    pub fn help(&self) -> &'static str {
        help(self.code)
    }

    /// The problem as an error with no position: what the widget logs and
    /// `fixplan verify` prints.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::error(self.code, self.message.clone(), self.help())
    }
}

/// Every problem of a candidate knowledge base; empty when it is valid.
pub fn validate(kb: &KnowledgeBase) -> Vec<Problem> {
    let mut v = Validator {
        kb,
        problems: Vec::new(),
    };
    v.ids();
    v.top();
    for (i, s) in kb.symptoms.iter().enumerate() {
        v.symptom(i, s);
    }
    for (i, c) in kb.causes.iter().enumerate() {
        v.probability(Place::Cause(i), c.prior, || {
            format!("the prior of cause '{}'", c.id)
        });
    }
    for (i, r) in kb.rules.iter().enumerate() {
        v.rule(i, r);
    }
    for (i, f) in kb.fixes.iter().enumerate() {
        v.fix(i, f);
    }
    for (i, q) in kb.questions.iter().enumerate() {
        v.question(i, q);
    }
    v.synonyms();
    v.cycles();
    v.problems
}

struct Validator<'k> {
    kb: &'k KnowledgeBase,
    problems: Vec<Problem>,
}

impl<'k> Validator<'k> {
    fn report(&mut self, code: Code, place: Place, message: String) {
        self.problems.push(Problem {
            code,
            place,
            message,
        });
    }

    fn probability(&mut self, place: Place, p: f64, what: impl FnOnce() -> String) {
        if !(0.0..=1.0).contains(&p) {
            let what = what();
            self.report(
                Code::ProbabilityOutOfRange,
                place,
                format!("{what} is {}, outside [0, 1]", Value::Number(p)),
            );
        }
    }

    fn minutes(&mut self, place: Place, minutes: f64, owner: &str) {
        if !(minutes > 0.0 && minutes.is_finite()) {
            self.report(
                Code::NonPositiveCost,
                place,
                format!("'{owner}' takes {} minutes", Value::Number(minutes)),
            );
        }
    }

    fn ids(&mut self) {
        let kb = self.kb;
        let items = (kb.symptoms.iter().enumerate())
            .map(|(i, s)| (s.id.as_str(), Place::Symptom(i)))
            .chain((kb.causes.iter().enumerate()).map(|(i, c)| (c.id.as_str(), Place::Cause(i))))
            .chain((kb.fixes.iter().enumerate()).map(|(i, f)| (f.id.as_str(), Place::Fix(i))))
            .chain(
                (kb.questions.iter().enumerate()).map(|(i, q)| (q.id.as_str(), Place::Question(i))),
            );
        let mut seen: Vec<&str> = Vec::new();
        for (id, place) in items {
            if !is_snake_case(id) {
                self.report(
                    Code::InvalidId,
                    place,
                    format!("'{id}' is not a snake_case id"),
                );
            }
            if id == "other" {
                self.report(
                    Code::ReservedId,
                    place,
                    "'other' is reserved for \"something else\"".into(),
                );
            }
            seen.push(id);
        }
        sort_dedup_report(self, seen, Place::KnowledgeBase, "");
        let groups = kb.groups.iter().map(|g| g.id.as_str()).collect();
        sort_dedup_report(self, groups, Place::KnowledgeBase, "group ");
    }

    fn top(&mut self) {
        let kb = self.kb;
        if !(kb.other_prior > 0.0 && kb.other_prior <= 1.0) {
            self.report(
                Code::ProbabilityOutOfRange,
                Place::KnowledgeBase,
                format!(
                    "other_prior is {}, not above 0 and at most 1",
                    Value::Number(kb.other_prior)
                ),
            );
        }
        if let Some(s) = kb.error_code_symptom {
            match kb.symptoms.get(s) {
                Some(symptom) if matches!(symptom.kind, SymptomKind::Number { .. }) => {}
                Some(symptom) => self.report(
                    Code::TypeMismatch,
                    Place::KnowledgeBase,
                    format!(
                        "error_code_symptom '{}' is not a number symptom",
                        symptom.id
                    ),
                ),
                None => self.report(
                    Code::UnknownSymptom,
                    Place::KnowledgeBase,
                    format!("error_code_symptom {s} is not a symptom"),
                ),
            }
        }
        if !(kb.support_cost >= 0.0 && kb.support_cost.is_finite()) {
            self.report(
                Code::NonPositiveCost,
                Place::KnowledgeBase,
                format!(
                    "support_cost is {}, not a number of minutes from 0 up",
                    Value::Number(kb.support_cost)
                ),
            );
        }
        if let Some(f) = kb.escalation.filter(|&f| f >= kb.fixes.len()) {
            self.report(
                Code::UnknownFix,
                Place::KnowledgeBase,
                format!("escalation {f} is not a fix"),
            );
        }
    }

    fn symptom(&mut self, i: usize, s: &Symptom) {
        let place = Place::Symptom(i);
        if let Some(g) = s.group.filter(|&g| g >= self.kb.groups.len()) {
            self.report(
                Code::UnknownGroup,
                place,
                format!("symptom '{}' names group {g}, which does not exist", s.id),
            );
        }
        if let SymptomKind::Choice(choices) = &s.kind {
            if choices.is_empty() {
                self.report(
                    Code::MissingChoices,
                    place,
                    format!("choice symptom '{}' has no choices", s.id),
                );
            }
            let values = choices.iter().map(|c| c.value.as_str()).collect();
            sort_dedup_report(self, values, place, "choice ");
        }
    }

    fn rule(&mut self, i: usize, r: &Rule) {
        let place = Place::Rule(i);
        self.condition(place, &r.when, "the rule's `when`");
        let beliefs = self.kb.belief_len();
        match r.effect {
            Effect::Likelihood { cause, ratio } => {
                self.cause_index(place, cause, beliefs, "the rule");
                if !(ratio > 0.0 && ratio.is_finite()) {
                    self.report(
                        Code::InvalidLikelihoodRatio,
                        place,
                        format!(
                            "likelihood ratio {} is not a positive number",
                            Value::Number(ratio)
                        ),
                    );
                }
            }
            Effect::RuleOut { cause } => self.cause_index(place, cause, beliefs, "the rule"),
            Effect::Exclude { fix } => {
                if fix >= self.kb.fixes.len() {
                    self.report(
                        Code::UnknownFix,
                        place,
                        format!("the rule excludes fix {fix}, which does not exist"),
                    );
                }
            }
        }
    }

    fn cause_index(&mut self, place: Place, cause: usize, beliefs: usize, owner: &str) {
        if cause >= beliefs {
            self.report(
                Code::UnknownCause,
                place,
                format!("{owner} names cause {cause}, which does not exist"),
            );
        }
    }

    fn fix(&mut self, i: usize, f: &Fix) {
        let place = Place::Fix(i);
        self.minutes(place, f.minutes, &f.id);
        if let Some(when) = &f.when {
            self.condition(place, when, &format!("`when` of fix '{}'", f.id));
        }
        if let Some(requires) = &f.requires {
            self.condition(place, requires, &format!("`requires` of fix '{}'", f.id));
        }
        // A guard that is always true guards nothing.
        let guarded = f
            .requires
            .as_ref()
            .is_some_and(|r| !matches!(r, Cond::Const(true)));
        if f.risk == Risk::DataRisk && !guarded {
            let what = match f.requires {
                Some(_) => "its `requires` guard is always true",
                None => "has no `requires` condition",
            };
            self.report(
                Code::UnguardedDataRisk,
                place,
                format!("fix '{}' risks data but {what}", f.id),
            );
        }
        let beliefs = self.kb.belief_len();
        let owner = format!("fix '{}'", f.id);
        for &(cause, p) in &f.repairs {
            self.cause_index(place, cause, beliefs, &owner);
            self.probability(place, p, || {
                format!("the repair probability of '{}' for cause {cause}", f.id)
            });
        }
        if !f.repairs.iter().any(|&(_, p)| p > 0.0) {
            self.report(
                Code::RepairsNothing,
                place,
                format!("fix '{}' repairs no cause", f.id),
            );
        }
        for &after in &f.after {
            if after >= self.kb.fixes.len() {
                self.report(
                    Code::UnknownFix,
                    place,
                    format!(
                        "fix '{}' comes after fix {after}, which does not exist",
                        f.id
                    ),
                );
            }
        }
    }

    fn question(&mut self, i: usize, q: &Question) {
        let place = Place::Question(i);
        self.minutes(place, q.minutes, &q.id);
        if let Some(c) = &q.ask_when {
            self.condition(place, c, &format!("`ask_when` of question '{}'", q.id));
        }
        let symptom = self.kb.symptoms.get(q.symptom);
        if symptom.is_none() {
            self.report(
                Code::UnknownSymptom,
                place,
                format!(
                    "question '{}' asks symptom {}, which does not exist",
                    q.id, q.symptom
                ),
            );
        }
        if q.answers.is_empty() {
            self.report(
                Code::MissingAnswers,
                place,
                format!("question '{}' has no answers", q.id),
            );
            return;
        }
        let beliefs = self.kb.belief_len();
        for a in &q.answers {
            if let (Some(value), Some(s)) = (&a.value, symptom) {
                if !s.accepts(value) {
                    self.report(
                        Code::TypeMismatch,
                        place,
                        format!(
                            "answer '{}' of '{}' is {} '{value}', not a possible value of '{}'",
                            a.label,
                            q.id,
                            value.kind_name(),
                            s.id
                        ),
                    );
                }
            }
            if a.likelihood.len() != beliefs {
                self.report(
                    Code::LikelihoodsNotNormalised,
                    place,
                    format!(
                        "answer '{}' of '{}' has {} likelihoods, not one per cause and one for something else ({beliefs})",
                        a.label,
                        q.id,
                        a.likelihood.len()
                    ),
                );
                return;
            }
            for &p in &a.likelihood {
                self.probability(place, p, || {
                    format!("a likelihood of answer '{}' of '{}'", a.label, q.id)
                });
            }
        }
        for cause in 0..beliefs {
            let sum: f64 = q.answers.iter().map(|a| a.likelihood[cause]).sum();
            let off = (sum - 1.0).abs();
            if off.is_nan() || off > SUM_TOLERANCE {
                self.report(
                    Code::LikelihoodsNotNormalised,
                    place,
                    format!(
                        "the answers of '{}' are {} likely in all under cause '{}', not 1",
                        q.id,
                        Value::Number(sum),
                        self.kb.cause_id(cause)
                    ),
                );
            }
        }
    }

    /// Every symptom in range, every operator and literal fitting its
    /// symptom's kind, and no deeper than the evaluator allows.
    fn condition(&mut self, place: Place, cond: &Cond, what: &str) {
        // An explicit stack: a hostile, deeply nested condition cannot
        // overflow the validator's own stack.
        let mut stack = vec![(cond, 1usize)];
        let mut too_deep = false;
        while let Some((c, depth)) = stack.pop() {
            if depth > MAX_CONDITION_DEPTH {
                too_deep = true;
                continue;
            }
            match c {
                Cond::Const(_) => {}
                Cond::Flag(s) => {
                    if let Some(symptom) = self.symptom_of(place, *s, what) {
                        if symptom.kind != SymptomKind::Bool {
                            self.report(
                                Code::TypeMismatch,
                                place,
                                format!("in {what}: '{}' is not a yes/no symptom", symptom.id),
                            );
                        }
                    }
                }
                Cond::Compare(s, op, literal) => {
                    if let Some(symptom) = self.symptom_of(place, *s, what) {
                        if op.is_ordering() && !matches!(symptom.kind, SymptomKind::Number { .. }) {
                            self.report(
                                Code::TypeMismatch,
                                place,
                                format!(
                                    "in {what}: '{}' is not a number, so it cannot be ordered",
                                    symptom.id
                                ),
                            );
                        }
                        self.literal(place, symptom, literal, what);
                    }
                }
                Cond::In(s, literals) => {
                    if let Some(symptom) = self.symptom_of(place, *s, what) {
                        for literal in literals {
                            self.literal(place, symptom, literal, what);
                        }
                    }
                }
                Cond::Not(inner) => stack.push((inner, depth + 1)),
                Cond::And(parts) | Cond::Or(parts) => {
                    stack.extend(parts.iter().map(|p| (p, depth + 1)))
                }
            }
        }
        if too_deep {
            self.report(
                Code::ConditionTooDeep,
                place,
                format!("{what} is nested more than {MAX_CONDITION_DEPTH} deep"),
            );
        }
    }

    fn symptom_of(&mut self, place: Place, s: usize, what: &str) -> Option<&'k Symptom> {
        let kb = self.kb;
        let symptom = kb.symptoms.get(s);
        if symptom.is_none() {
            self.report(
                Code::UnknownSymptom,
                place,
                format!("{what} reads symptom {s}, which does not exist"),
            );
        }
        symptom
    }

    fn literal(&mut self, place: Place, symptom: &Symptom, literal: &Value, what: &str) {
        if symptom.accepts(literal) {
            return;
        }
        let code = match (&symptom.kind, literal) {
            (SymptomKind::Choice(_), Value::Choice(_)) => Code::UnknownChoice,
            _ => Code::TypeMismatch,
        };
        self.report(
            code,
            place,
            format!(
                "in {what}: {} '{literal}' is not a value of '{}'",
                literal.kind_name(),
                symptom.id
            ),
        );
    }

    /// Each group lists at least one word, every word has letters or
    /// digits, and no word is in two groups: the recogniser would otherwise
    /// have to pick one meaning for it.
    fn synonyms(&mut self) {
        let mut keys: Vec<(String, usize, &str)> = Vec::new();
        for (i, group) in self.kb.synonyms.iter().enumerate() {
            let place = Place::Synonyms(i);
            if group.is_empty() {
                self.report(
                    Code::InvalidSynonyms,
                    place,
                    format!("synonym group {} lists no words", i + 1),
                );
            }
            for word in group {
                let key = super::recognize::word_key(word);
                if key.is_empty() {
                    self.report(
                        Code::InvalidSynonyms,
                        place,
                        format!(
                            "synonym group {} has a word with no letters or digits: '{word}'",
                            i + 1
                        ),
                    );
                } else {
                    keys.push((key, i, word));
                }
            }
        }
        // Sorted, so a hostile file with many words costs n log n.
        crate::base::sort::sort_by(&mut keys, |a, b| (&a.0, a.1) < (&b.0, b.1));
        let mut reported: Option<&str> = None;
        for pair in keys.windows(2) {
            let ((key, first, _), (next, second, word)) = (&pair[0], &pair[1]);
            if key == next && first != second && reported != Some(key.as_str()) {
                reported = Some(key);
                self.report(
                    Code::InvalidSynonyms,
                    Place::Synonyms(*second),
                    format!(
                        "'{word}' is in synonym groups {} and {}",
                        first + 1,
                        second + 1
                    ),
                );
            }
        }
    }

    fn cycles(&mut self) {
        let kb = self.kb;
        let n = kb.fixes.len();
        // The index is built from references this validator may have just
        // found out of range: only look for cycles when they are all valid.
        if kb.index.before.len() != n || kb.index.before.iter().flatten().any(|&f| f >= n) {
            return;
        }
        for cycle in super::index::cycles(&kb.index.before) {
            let mut names: Vec<&str> = cycle.iter().map(|&f| kb.fixes[f].id.as_str()).collect();
            if let Some(&first) = names.first() {
                names.push(first);
            }
            let place = cycle
                .first()
                .map_or(Place::KnowledgeBase, |&f| Place::Fix(f));
            self.report(
                Code::OrderingCycle,
                place,
                format!(
                    "ordering cycle: {} (each must come after the next)",
                    names.join(" after ")
                ),
            );
        }
    }
}

/// Reports each repeated name once.
fn sort_dedup_report(v: &mut Validator, mut names: Vec<&str>, place: Place, kind: &str) {
    crate::base::sort::sort_by(&mut names, |a, b| a < b);
    let mut reported: Option<&str> = None;
    for pair in names.windows(2) {
        if pair[0] == pair[1] && reported != Some(pair[0]) {
            reported = Some(pair[0]);
            v.report(
                Code::DuplicateId,
                place,
                format!("the {kind}id '{}' is used twice", pair[0]),
            );
        }
    }
}

/// Lowercase letters, digits and '_', starting with a letter.
pub fn is_snake_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What to do about each code, as `rules/README.md` says at more length.
pub fn help(code: Code) -> &'static str {
    match code {
        Code::DuplicateId => "ids are unique across the whole knowledge base; rename one",
        Code::InvalidId => "ids are lowercase letters, digits and '_', starting with a letter",
        Code::ReservedId => "'other' is reserved for \"something else\"; choose another id",
        Code::MissingChoices => "add choices = [{ value = \"...\", title = \"...\" }]",
        Code::TypeMismatch => "compare each symptom with values of its own kind",
        Code::UnknownChoice => "use one of the symptom's listed choices",
        Code::ProbabilityOutOfRange => "probabilities and weights are between 0 and 1",
        Code::LikelihoodsNotNormalised => {
            "rebuild with `fixplan build`, which normalises each question's answers per cause"
        }
        Code::NonPositiveCost => "minutes must be above 0: even a glance takes time",
        Code::UnguardedDataRisk => {
            "add requires = '...' naming what must be true first, e.g. that another copy exists"
        }
        Code::RepairsNothing => "add repairs = { cause_id = 0.8 } naming what it can fix",
        Code::InvalidLikelihoodRatio => {
            "ratios above 1 raise the cause, below 1 lower it; use rule_out = true to exclude it"
        }
        Code::MissingAnswers => "add answers = [{ label = \"Yes\", value = true }, ...]",
        Code::ConditionTooDeep => "split the condition, or write long chains as a and b and c",
        Code::OrderingCycle => {
            "remove one `after` entry; a data_risk fix always follows the safe fixes for its causes"
        }
        Code::InvalidSynonyms => {
            "list words or phrases that mean the same, e.g. words = [\"computer\", \"pc\"]; put each word in one group"
        }
        Code::UnknownSymptom | Code::UnknownCause | Code::UnknownFix | Code::UnknownGroup => {
            "a reference points past the end of its list: rebuild with `fixplan build`"
        }
        _ => "rebuild the knowledge base with `fixplan build`",
    }
}
