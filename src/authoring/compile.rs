//! Validation: a [`Document`] becomes a [`KnowledgeBase`] plus every problem
//! found, each pointing at its file, line and column when known.

use crate::prelude::*;

use super::analysis;
use super::expr::{self, Literal, Name, Syntax};
use super::report::{At, Report};
use super::source::{Document, FileIndex, Sp};
use super::translate::{translate, Translation};
use crate::engine::validate::{self, Place};
use crate::engine::*;
use std::collections::HashMap;

/// Validates a document. The knowledge base is returned only when no
/// diagnostic is an error; warnings come back either way.
pub fn compile(document: Document) -> (Option<KnowledgeBase>, Vec<Diagnostic>) {
    let (kb, _, diagnostics) = compile_all(&document, &[]);
    (kb, diagnostics)
}

/// Validates a document and its translations: the knowledge base in its
/// source language and in each translation's, only when no diagnostic is
/// an error.
pub(super) fn compile_all(
    document: &Document,
    translations: &[Translation],
) -> (Option<KnowledgeBase>, Vec<KnowledgeBase>, Vec<Diagnostic>) {
    let mut c = Compiler {
        doc: document,
        report: Report {
            doc: document,
            diagnostics: Vec::new(),
        },
        ids: HashMap::new(),
        groups: HashMap::new(),
    };
    let kb = c.run();
    // The engine's validator has the last word, as it has in the browser;
    // its problems point at the item they are about. A kind of problem this
    // pass already reported, with a finer position, is not repeated.
    if let Some(kb) = kb.as_ref() {
        let reported: Vec<Code> = c.report.diagnostics.iter().map(|d| d.code).collect();
        for problem in validate(kb) {
            // A repair naming an unknown cause was dropped, so the fix may
            // seem to repair nothing: the unknown cause is the problem.
            let knock_on =
                problem.code == Code::RepairsNothing && reported.contains(&Code::UnknownCause);
            if reported.contains(&problem.code) || knock_on {
                continue;
            }
            let at = place(document, problem.place);
            let help = problem.help();
            c.report.error(problem.code, at, problem.message, help);
        }
    }
    let mut translated = Vec::new();
    if let Some(kb) = kb.as_ref() {
        for t in translations {
            let other = translate(kb, document, t, &mut c.report);
            // Translation changes texts only, so this finds nothing unless
            // the translation itself is broken (an empty text, say).
            for problem in validate(&other) {
                let at = place(document, problem.place);
                let help = problem.help();
                c.report.error(problem.code, at, problem.message, help);
            }
            translated.push(other);
        }
    }
    let mut diagnostics = c.report.diagnostics;
    diagnostics.sort_by(|a, b| {
        (a.severity, &a.file, a.line, a.column).cmp(&(b.severity, &b.file, b.line, b.column))
    });
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    if failed {
        translated.clear();
    }
    (kb.filter(|_| !failed), translated, diagnostics)
}

pub(super) struct Compiler<'d> {
    pub doc: &'d Document,
    pub report: Report<'d>,
    ids: HashMap<String, ItemRef>,
    groups: HashMap<String, usize>,
}

impl<'d> Compiler<'d> {
    fn error(&mut self, code: Code, at: At, message: String, help: impl Into<String>) {
        self.report.error(code, at, message, help);
    }

    fn run(&mut self) -> Option<KnowledgeBase> {
        let doc = self.doc;
        let meta = match &doc.knowledge_base {
            Some(meta) => meta,
            None => {
                self.error(
                    Code::MissingKnowledgeBase,
                    At::NOWHERE,
                    "no [knowledge_base] table in any file".into(),
                    "add [knowledge_base] with id, version and title to one file",
                );
                return None;
            }
        };
        for extra in &doc.duplicate_meta {
            self.error(
                Code::DuplicateKnowledgeBase,
                At::of(extra.file, &extra.id),
                format!("a second [knowledge_base] table ('{}')", extra.id.value),
                "keep exactly one [knowledge_base] table",
            );
        }
        self.register_ids();
        let groups = doc
            .groups
            .iter()
            .map(|g| Group {
                id: g.id.value.clone(),
                title: g.title.clone(),
            })
            .collect();
        let symptoms: Vec<Symptom> = doc.symptoms.iter().map(|s| self.symptom(s)).collect();
        let causes: Vec<Cause> = doc.causes.iter().map(|c| self.cause(c)).collect();
        let fixes: Vec<Fix> = doc.fixes.iter().map(|f| self.fix(f, &symptoms)).collect();
        let rules: Vec<Rule> = doc
            .rules
            .iter()
            .filter_map(|r| self.rule(r, &symptoms))
            .collect();
        let questions: Vec<Question> = doc
            .questions
            .iter()
            .filter_map(|q| self.question(q, &symptoms, causes.len()))
            .collect();
        let other_prior = match &meta.other_prior {
            Some(p) => self.probability(p, meta.file, "other_prior"),
            None => 0.05,
        };
        if other_prior <= 0.0 {
            let at = meta
                .other_prior
                .as_ref()
                .map_or(At::of(meta.file, &meta.id), |p| At::of(meta.file, p));
            self.error(
                Code::ProbabilityOutOfRange,
                at,
                "other_prior must be above 0".into(),
                "something unforeseen is always possible; 0.05 is a common choice",
            );
        }
        let error_code_symptom = meta.error_code_symptom.as_ref().and_then(|id| {
            let index = self.lookup_symptom(id, meta.file, "error_code_symptom")?;
            if !matches!(
                symptoms.get(index).map(|s| &s.kind),
                Some(SymptomKind::Number { .. })
            ) {
                self.error(
                    Code::TypeMismatch,
                    At::of(meta.file, id),
                    format!("error_code_symptom '{}' is not a number symptom", id.value),
                    "give that symptom kind = \"number\"",
                );
            }
            Some(index)
        });
        let escalation = meta
            .escalation
            .as_ref()
            .and_then(|id| self.lookup_fix(id, meta.file, "escalation"));
        let support_cost = meta.support_cost.as_ref().map_or(0.0, |c| c.value);
        let wording = meta.wording.as_ref().map_or_else(Wording::default, |w| {
            let default = Wording::default();
            Wording {
                likely_cause: w.likely_cause.clone().unwrap_or(default.likely_cause),
                you_reported: w.you_reported.clone().unwrap_or(default.you_reported),
                said_no: w.said_no.clone().unwrap_or(default.said_no),
                something_else: w.something_else.clone().unwrap_or(default.something_else),
            }
        });
        let mut kb = KnowledgeBase {
            id: meta.id.value.clone(),
            version: meta.version.value.clone(),
            lang: meta
                .lang
                .as_ref()
                .map_or_else(|| "en".into(), |l| l.value.clone()),
            title: meta.title.clone(),
            wording,
            groups,
            symptoms,
            causes,
            rules,
            fixes,
            questions,
            other_prior,
            error_code_symptom,
            escalation,
            support_cost,
            synonyms: doc.synonyms.iter().map(|g| g.words.value.clone()).collect(),
            index: Index::default(),
        };
        let ids = std::mem::take(&mut self.ids);
        kb.index = analysis::build_index(&mut self.report, &kb, ids);
        analysis::analyse(&mut self.report, &kb);
        Some(kb)
    }

    fn register_ids(&mut self) {
        let doc = self.doc;
        // Groups have their own namespace: a group may share its symptom's id.
        let mut groups: HashMap<&str, usize> = HashMap::new();
        for (i, g) in doc.groups.iter().enumerate() {
            if groups.insert(&g.id.value, i).is_some() {
                self.error(
                    Code::DuplicateId,
                    At::of(g.file, &g.id),
                    format!("duplicate group '{}'", g.id.value),
                    "group ids are unique; rename one",
                );
            }
        }
        self.groups = groups
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let mut items: Vec<(&Sp<String>, FileIndex, ItemRef)> = Vec::new();
        items.extend(
            doc.symptoms
                .iter()
                .enumerate()
                .map(|(i, x)| (&x.id, x.file, ItemRef::Symptom(i))),
        );
        items.extend(
            doc.causes
                .iter()
                .enumerate()
                .map(|(i, x)| (&x.id, x.file, ItemRef::Cause(i))),
        );
        items.extend(
            doc.fixes
                .iter()
                .enumerate()
                .map(|(i, x)| (&x.id, x.file, ItemRef::Fix(i))),
        );
        items.extend(
            doc.questions
                .iter()
                .enumerate()
                .map(|(i, x)| (&x.id, x.file, ItemRef::Question(i))),
        );
        let mut first_seen: HashMap<&str, FileIndex> = HashMap::new();
        for (id, file, item) in items {
            let at = At::of(file, id);
            if !validate::is_snake_case(&id.value) {
                self.error(
                    Code::InvalidId,
                    at,
                    format!("'{}' is not a snake_case id", id.value),
                    "ids are lowercase letters, digits and '_', starting with a letter",
                );
            }
            if id.value == "other" {
                self.error(
                    Code::ReservedId,
                    at,
                    "'other' is reserved for \"something else\"".into(),
                    "choose another id",
                );
            }
            if let Some(previous) = first_seen.get(id.value.as_str()) {
                let place = previous
                    .and_then(|f| self.doc.files.get(f))
                    .map_or(String::new(), |f| format!(" (first in {})", f.name));
                self.error(
                    Code::DuplicateId,
                    at,
                    format!("duplicate id '{}'{place}", id.value),
                    "ids are unique across the whole knowledge base; rename one",
                );
                continue;
            }
            first_seen.insert(&id.value, file);
            self.ids.insert(id.value.clone(), item);
        }
    }

    fn symptom(&mut self, s: &super::source::SymptomDoc) -> Symptom {
        let kind_name = s.kind.as_ref().map_or("bool", |k| k.value.as_str());
        let kind = match kind_name {
            "bool" => SymptomKind::Bool,
            "number" => SymptomKind::Number {
                unit: s.unit.clone(),
            },
            "choice" => {
                let mut seen = Vec::new();
                for choice in &s.choices {
                    if seen.contains(&&choice.value.value) {
                        self.error(
                            Code::DuplicateId,
                            At::of(s.file, &choice.value),
                            format!(
                                "choice '{}' appears twice in '{}'",
                                choice.value.value, s.id.value
                            ),
                            "list each choice once",
                        );
                    }
                    seen.push(&choice.value.value);
                }
                if s.choices.is_empty() {
                    self.error(
                        Code::MissingChoices,
                        At::of(s.file, &s.id),
                        format!("choice symptom '{}' has no choices", s.id.value),
                        "add choices = [{ value = \"...\", title = \"...\" }]",
                    );
                }
                SymptomKind::Choice(
                    s.choices
                        .iter()
                        .map(|c| Choice {
                            value: c.value.value.clone(),
                            title: c.title.clone(),
                            phrases: c.phrases.clone(),
                        })
                        .collect(),
                )
            }
            other => {
                let at = s
                    .kind
                    .as_ref()
                    .map_or(At::of(s.file, &s.id), |k| At::of(s.file, k));
                self.error(
                    Code::UnknownKind,
                    at,
                    format!("unknown symptom kind '{other}'"),
                    did_you_mean(
                        other,
                        ["bool", "number", "choice"],
                        "use bool, number or choice",
                    ),
                );
                SymptomKind::Bool
            }
        };
        if !s.choices.is_empty() && kind_name != "choice" {
            self.error(
                Code::TypeMismatch,
                At::of(s.file, &s.id),
                format!(
                    "'{}' lists choices but is not kind = \"choice\"",
                    s.id.value
                ),
                "add kind = \"choice\" or remove the choices",
            );
        }
        let group = s
            .group
            .as_ref()
            .and_then(|g| match self.groups.get(&g.value) {
                Some(i) => Some(*i),
                None => {
                    let candidates: Vec<&str> = self
                        .doc
                        .groups
                        .iter()
                        .map(|g| g.id.value.as_str())
                        .collect();
                    self.error(
                        Code::UnknownGroup,
                        At::of(s.file, g),
                        format!("unknown group '{}' in symptom '{}'", g.value, s.id.value),
                        did_you_mean(&g.value, candidates, "declare it with [[group]]"),
                    );
                    None
                }
            });
        Symptom {
            id: s.id.value.clone(),
            title: s.title.clone(),
            kind,
            group,
            phrases: s.phrases.clone(),
        }
    }

    fn cause(&mut self, c: &super::source::CauseDoc) -> Cause {
        Cause {
            id: c.id.value.clone(),
            title: c.title.clone(),
            prior: self.probability(&c.prior, c.file, &format!("prior of '{}'", c.id.value)),
        }
    }

    /// A probability in [0, 1]; out-of-range values are reported and clamped.
    pub fn probability(&mut self, p: &Sp<f64>, file: FileIndex, what: &str) -> f64 {
        if !(0.0..=1.0).contains(&p.value) {
            self.error(
                Code::ProbabilityOutOfRange,
                At::of(file, p),
                format!("{what} is {}, outside [0, 1]", p.value),
                "probabilities and weights are between 0 and 1",
            );
            return p.value.clamp(0.0, 1.0);
        }
        p.value
    }

    fn cost(&mut self, minutes: &Sp<f64>, file: FileIndex, owner: &str) -> f64 {
        if !(minutes.value > 0.0 && minutes.value.is_finite()) {
            self.error(
                Code::NonPositiveCost,
                At::of(file, minutes),
                format!("'{owner}' takes {} minutes", minutes.value),
                "minutes must be above 0: even a glance takes time",
            );
            return 1.0;
        }
        minutes.value
    }

    fn fix(&mut self, f: &super::source::FixDoc, symptoms: &[Symptom]) -> Fix {
        let minutes = self.cost(&f.minutes, f.file, &f.id.value);
        let risk = match f.risk.as_ref().map_or("safe", |r| r.value.as_str()) {
            "safe" => Risk::Safe,
            "caution" => Risk::Caution,
            "data_risk" => Risk::DataRisk,
            other => {
                let at = f
                    .risk
                    .as_ref()
                    .map_or(At::of(f.file, &f.id), |r| At::of(f.file, r));
                self.error(
                    Code::UnknownRisk,
                    at,
                    format!("unknown risk '{other}' on fix '{}'", f.id.value),
                    did_you_mean(
                        other,
                        ["safe", "caution", "data_risk"],
                        "use safe, caution or data_risk",
                    ),
                );
                Risk::Safe
            }
        };
        let when = f
            .when
            .as_ref()
            .and_then(|w| self.condition(w, f.file, symptoms));
        let requires = f
            .requires
            .as_ref()
            .and_then(|w| self.condition(w, f.file, symptoms));
        let mut repairs = Vec::new();
        for (cause, p) in &f.repairs.value {
            let what = format!(
                "repair probability of '{}' for '{}'",
                f.id.value, cause.value
            );
            let p = self.probability(p, f.file, &what);
            if let Some(index) = self.lookup_cause(cause, f.file, &format!("fix '{}'", f.id.value))
            {
                repairs.push((index, p));
            }
        }
        let after = f
            .after
            .iter()
            .filter_map(|a| self.lookup_fix(a, f.file, &format!("`after` of '{}'", f.id.value)))
            .collect();
        Fix {
            id: f.id.value.clone(),
            title: f.title.clone(),
            minutes,
            risk,
            when,
            requires,
            repairs,
            after,
            why: f.why.clone(),
            steps: f.steps.clone(),
        }
    }

    fn rule(&mut self, r: &super::source::RuleDoc, symptoms: &[Symptom]) -> Option<Rule> {
        let when = self.condition(&r.when, r.file, symptoms);
        let effect = self.effect(&r.then, r.file);
        let (when, effect) = (when?, effect?);
        let mut read = Vec::new();
        when.symptoms(&mut read);
        read.sort_unstable();
        read.dedup();
        Some(Rule {
            when,
            effect,
            why: r.why.clone(),
            symptoms: read,
        })
    }

    fn effect(&mut self, then: &Sp<super::source::EffectDoc>, file: FileIndex) -> Option<Effect> {
        let e = &then.value;
        let at = At::of(file, then);
        let shape_help = "use { cause = \"c\", likelihood_ratio = 4.0 }, { cause = \"c\", rule_out = true } or { fix = \"f\", exclude = true }";
        match (&e.cause, &e.fix) {
            (Some(cause), None) if e.exclude.is_none() => {
                let index = self.lookup_cause(cause, file, "rule");
                match (e.likelihood_ratio.as_ref(), e.rule_out) {
                    (Some(lr), None) => {
                        if !(lr.value > 0.0 && lr.value.is_finite()) {
                            self.error(
                                Code::InvalidLikelihoodRatio,
                                At::of(file, lr),
                                format!("likelihood ratio {} is not a positive number", lr.value),
                                "ratios above 1 raise the cause, below 1 lower it; use rule_out = true to exclude it",
                            );
                            return None;
                        }
                        Some(Effect::Likelihood {
                            cause: index?,
                            ratio: lr.value,
                        })
                    }
                    (None, Some(true)) => Some(Effect::RuleOut { cause: index? }),
                    _ => {
                        self.error(Code::InvalidEffect, at, "a cause effect needs exactly one of likelihood_ratio or rule_out = true".into(), shape_help);
                        None
                    }
                }
            }
            (None, Some(fix))
                if e.likelihood_ratio.is_none()
                    && e.rule_out.is_none()
                    && e.exclude == Some(true) =>
            {
                Some(Effect::Exclude {
                    fix: self.lookup_fix(fix, file, "rule")?,
                })
            }
            _ => {
                self.error(
                    Code::InvalidEffect,
                    at,
                    "`then` must name one cause or one fix, with one effect".into(),
                    shape_help,
                );
                None
            }
        }
    }

    fn question(
        &mut self,
        q: &super::source::QuestionDoc,
        symptoms: &[Symptom],
        n_causes: usize,
    ) -> Option<Question> {
        let minutes = self.cost(&q.minutes, q.file, &q.id.value);
        let symptom =
            self.lookup_symptom(&q.symptom, q.file, &format!("question '{}'", q.id.value));
        let answers = &q.answers.value;
        if answers.is_empty() {
            let at = if q.answers.span.is_some() {
                At::of(q.file, &q.answers)
            } else {
                At::of(q.file, &q.id)
            };
            self.error(
                Code::MissingAnswers,
                at,
                format!("question '{}' has no answers", q.id.value),
                "add answers = [{ label = \"Yes\", value = true }, ...]",
            );
            return None;
        }
        // Weights w(answer, cause): `given` overrides the answer's `p`.
        let mut weights = vec![vec![0.0; n_causes + 1]; answers.len()];
        let mut compiled = Vec::new();
        for (a, answer) in answers.iter().enumerate() {
            let base = match &answer.p {
                Some(p) => self.probability(p, q.file, &format!("p of answer '{}'", answer.label)),
                None => 1.0,
            };
            weights[a].iter_mut().for_each(|w| *w = base);
            for (cause, p) in &answer.given {
                let p = self.probability(
                    p,
                    q.file,
                    &format!("p of answer '{}' given '{}'", answer.label, cause.value),
                );
                if let Some(c) =
                    self.lookup_cause(cause, q.file, &format!("question '{}'", q.id.value))
                {
                    weights[a][c] = p;
                }
            }
            if let (Some(value), Some(s)) = (&answer.value, symptom.and_then(|s| symptoms.get(s))) {
                if !s.accepts(&value.value) {
                    self.error(
                        Code::TypeMismatch,
                        At::of(q.file, value),
                        format!(
                            "answer '{}' is not a possible value of symptom '{}'",
                            value.value, s.id
                        ),
                        expected_values(s),
                    );
                }
            }
            compiled.push(Answer {
                label: answer.label.clone(),
                value: answer.value.as_ref().map(|v| v.value.clone()),
                likelihood: Vec::new(),
            });
        }
        for c in 0..=n_causes {
            let total: f64 = weights.iter().map(|w| w[c]).sum();
            if total <= 0.0 {
                self.error(
                    Code::ProbabilityOutOfRange,
                    At::of(q.file, &q.id),
                    format!(
                        "no answer of '{}' is possible under cause '{}'",
                        q.id.value,
                        self.cause_name(c)
                    ),
                    "give at least one answer a p above 0 for every cause",
                );
                return None;
            }
            for (answer, w) in compiled.iter_mut().zip(&weights) {
                answer.likelihood.push(w[c] / total);
            }
        }
        let ask_when = match &q.ask_when {
            Some(w) => Some(self.condition(w, q.file, symptoms)?),
            None => None,
        };
        Some(Question {
            id: q.id.value.clone(),
            text: q.text.clone(),
            check: q.check.clone(),
            ask_when,
            symptom: symptom?,
            minutes,
            answers: compiled,
        })
    }

    fn cause_name(&self, c: usize) -> &str {
        self.doc
            .causes
            .get(c)
            .map_or("other", |c| c.id.value.as_str())
    }

    fn lookup(
        &mut self,
        id: &Sp<String>,
        file: FileIndex,
        owner: &str,
        want: &'static str,
    ) -> Option<ItemRef> {
        let found = self.ids.get(&id.value).copied();
        let matches = |item: &ItemRef| {
            want == match item {
                ItemRef::Symptom(_) => "symptom",
                ItemRef::Cause(_) => "cause",
                ItemRef::Fix(_) => "fix",
                ItemRef::Question(_) => "question",
            }
        };
        if let Some(item) = found.filter(matches) {
            return Some(item);
        }
        let doc = self.doc;
        let candidates: Vec<&str> = match want {
            "symptom" => doc.symptoms.iter().map(|x| x.id.value.as_str()).collect(),
            "cause" => doc
                .causes
                .iter()
                .map(|x| x.id.value.as_str())
                .chain(["other"])
                .collect(),
            _ => doc.fixes.iter().map(|x| x.id.value.as_str()).collect(),
        };
        let help = match found {
            Some(_) => format!("'{}' is not a {want}", id.value),
            None => did_you_mean(
                &id.value,
                candidates,
                &format!("declare it with [[{want}]]"),
            ),
        };
        let code = match want {
            "symptom" => Code::UnknownSymptom,
            "cause" => Code::UnknownCause,
            _ => Code::UnknownFix,
        };
        self.error(
            code,
            At::of(file, id),
            format!("unknown {want} '{}' in {owner}", id.value),
            help,
        );
        None
    }

    fn lookup_symptom(&mut self, id: &Sp<String>, file: FileIndex, owner: &str) -> Option<usize> {
        match self.lookup(id, file, owner, "symptom")? {
            ItemRef::Symptom(i) => Some(i),
            _ => None,
        }
    }

    fn lookup_fix(&mut self, id: &Sp<String>, file: FileIndex, owner: &str) -> Option<usize> {
        match self.lookup(id, file, owner, "fix")? {
            ItemRef::Fix(i) => Some(i),
            _ => None,
        }
    }

    /// A cause index; "other" is `causes.len()`.
    fn lookup_cause(&mut self, id: &Sp<String>, file: FileIndex, owner: &str) -> Option<usize> {
        if id.value == "other" {
            return Some(self.doc.causes.len());
        }
        match self.lookup(id, file, owner, "cause")? {
            ItemRef::Cause(i) => Some(i),
            _ => None,
        }
    }

    /// Parses and resolves condition text, reporting errors at their column.
    fn condition(
        &mut self,
        text: &Sp<String>,
        file: FileIndex,
        symptoms: &[Symptom],
    ) -> Option<Cond> {
        // Offsets inside the string start after its opening quote(s).
        let base = text.span.map(|(start, _)| {
            let source = file
                .and_then(|f| self.doc.files.get(f))
                .map_or("", |f| f.text.as_str());
            let rest = source.get(start..).unwrap_or("");
            start
                + if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
                    3
                } else {
                    1
                }
        });
        let at = |span: expr::Span| At {
            file,
            span: base.map(|b| (b + span.start, b + span.end.max(span.start + 1))),
        };
        let syntax = match expr::parse(&text.value) {
            Ok(s) => s,
            Err(e) => {
                let at = at(e.span);
                self.error(Code::ExpressionSyntax, at, e.message, e.help);
                return None;
            }
        };
        let mut ok = true;
        let cond = self.resolve(&syntax, symptoms, &mut ok, &at);
        ok.then_some(cond)
    }

    fn resolve(
        &mut self,
        s: &Syntax,
        symptoms: &[Symptom],
        ok: &mut bool,
        at: &dyn Fn(expr::Span) -> At,
    ) -> Cond {
        match s {
            Syntax::Const(b) => Cond::Const(*b),
            Syntax::Not(inner) => Cond::Not(Box::new(self.resolve(inner, symptoms, ok, at))),
            Syntax::And(a, b) => flatten(
                true,
                self.resolve(a, symptoms, ok, at),
                self.resolve(b, symptoms, ok, at),
            ),
            Syntax::Or(a, b) => flatten(
                false,
                self.resolve(a, symptoms, ok, at),
                self.resolve(b, symptoms, ok, at),
            ),
            Syntax::Flag(name) => {
                let Some(i) = self.name(name, symptoms, ok, at) else {
                    return Cond::Const(false);
                };
                if symptoms[i].kind != SymptomKind::Bool {
                    *ok = false;
                    self.error(
                        Code::TypeMismatch,
                        at(name.span),
                        format!("'{}' is not a yes/no symptom", name.text),
                        format!("compare it instead; {}", expected_values(&symptoms[i])),
                    );
                }
                Cond::Flag(i)
            }
            Syntax::Compare(name, op, literal) => {
                let Some(i) = self.name(name, symptoms, ok, at) else {
                    return Cond::Const(false);
                };
                if op.is_ordering() && !matches!(symptoms[i].kind, SymptomKind::Number { .. }) {
                    *ok = false;
                    self.error(
                        Code::TypeMismatch,
                        at(name.span),
                        format!("'{}' is not a number, so it cannot be ordered", name.text),
                        "use == or != instead",
                    );
                }
                self.literal(&symptoms[i], literal, ok, at);
                Cond::Compare(i, *op, literal.value.clone())
            }
            Syntax::In(name, literals) => {
                let Some(i) = self.name(name, symptoms, ok, at) else {
                    return Cond::Const(false);
                };
                for literal in literals {
                    self.literal(&symptoms[i], literal, ok, at);
                }
                Cond::In(i, literals.iter().map(|l| l.value.clone()).collect())
            }
        }
    }

    fn name(
        &mut self,
        name: &Name,
        symptoms: &[Symptom],
        ok: &mut bool,
        at: &dyn Fn(expr::Span) -> At,
    ) -> Option<usize> {
        match self.ids.get(&name.text) {
            Some(ItemRef::Symptom(i)) if *i < symptoms.len() => Some(*i),
            other => {
                *ok = false;
                let help = match other {
                    Some(_) => {
                        format!("'{}' is not a symptom; conditions read symptoms", name.text)
                    }
                    None => did_you_mean(
                        &name.text,
                        symptoms.iter().map(|s| s.id.as_str()),
                        "declare it with [[symptom]]",
                    ),
                };
                self.error(
                    Code::UnknownSymptom,
                    at(name.span),
                    format!("unknown symptom '{}'", name.text),
                    help,
                );
                None
            }
        }
    }

    fn literal(
        &mut self,
        symptom: &Symptom,
        literal: &Literal,
        ok: &mut bool,
        at: &dyn Fn(expr::Span) -> At,
    ) {
        if symptom.accepts(&literal.value) {
            return;
        }
        *ok = false;
        let (code, help) = match (&symptom.kind, &literal.value) {
            (SymptomKind::Choice(choices), Value::Choice(c)) => (
                Code::UnknownChoice,
                did_you_mean(
                    c,
                    choices.iter().map(|c| c.value.as_str()),
                    &expected_values(symptom),
                ),
            ),
            _ => (Code::TypeMismatch, expected_values(symptom)),
        };
        self.error(
            code,
            at(literal.span),
            format!(
                "{} '{}' is not a value of '{}'",
                literal.value.kind_name(),
                literal.value,
                symptom.id
            ),
            help,
        );
    }
}

/// `a and b and c` as one three-part `and`, not nested pairs: a long chain
/// stays shallow in the compiled form, whose reader limits nesting.
fn flatten(is_and: bool, a: Cond, b: Cond) -> Cond {
    let mut parts = Vec::new();
    for c in [a, b] {
        match c {
            Cond::And(inner) if is_and => parts.extend(inner),
            Cond::Or(inner) if !is_and => parts.extend(inner),
            c => parts.push(c),
        }
    }
    if is_and {
        Cond::And(parts)
    } else {
        Cond::Or(parts)
    }
}

fn expected_values(s: &Symptom) -> String {
    match &s.kind {
        SymptomKind::Bool => format!("'{}' is yes/no: use true or false", s.id),
        SymptomKind::Number { .. } => format!("'{}' is a number", s.id),
        SymptomKind::Choice(choices) => {
            let names: Vec<String> = choices.iter().map(|c| format!("\"{}\"", c.value)).collect();
            format!("'{}' is one of {}", s.id, names.join(", "))
        }
    }
}

/// Where the item a validator problem is about was written.
fn place(doc: &Document, place: Place) -> At {
    let item = match place {
        Place::KnowledgeBase => doc.knowledge_base.as_ref().map(|m| (m.file, m.id.span)),
        Place::Group(i) => doc.groups.get(i).map(|x| (x.file, x.id.span)),
        Place::Symptom(i) => doc.symptoms.get(i).map(|x| (x.file, x.id.span)),
        Place::Cause(i) => doc.causes.get(i).map(|x| (x.file, x.id.span)),
        Place::Rule(i) => doc.rules.get(i).map(|x| (x.file, x.when.span)),
        Place::Fix(i) => doc.fixes.get(i).map(|x| (x.file, x.id.span)),
        Place::Question(i) => doc.questions.get(i).map(|x| (x.file, x.id.span)),
        Place::Synonyms(i) => doc.synonyms.get(i).map(|x| (x.file, x.words.span)),
    };
    item.map_or(At::NOWHERE, |(file, span)| At { file, span })
}
