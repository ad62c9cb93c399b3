//! Writing the compiled form (native only: `fixplan build`). The layout is
//! described in the module above.

use crate::prelude::*;

use super::{code, COMPILED_FORMAT, OPS};
use crate::base::json::Writer;
use crate::engine::*;
use alloc::collections::BTreeMap;

/// Writes a knowledge base in the compiled format.
pub fn to_json(kb: &KnowledgeBase) -> String {
    let mut out = Model::default();
    out.write(kb);
    let mut w = Writer::new();
    w.begin_object();
    w.key("format").number(f64::from(COMPILED_FORMAT));
    w.key("strings").strings(&out.strings);
    w.key("model").begin_array();
    out.numbers.iter().for_each(|&n| {
        w.number(n);
    });
    w.end_array().end_object();
    w.finish()
}

#[derive(Default)]
struct Model<'k> {
    numbers: Vec<f64>,
    strings: Vec<&'k str>,
    /// Where each text already is in `strings`: each is written once.
    seen: BTreeMap<&'k str, usize>,
}

impl<'k> Model<'k> {
    fn n(&mut self, n: f64) {
        self.numbers.push(n);
    }

    fn index(&mut self, i: usize) {
        self.n(i as f64);
    }

    fn opt_index(&mut self, i: Option<usize>) {
        self.n(i.map_or(code::NONE, |i| i as f64));
    }

    fn text(&mut self, s: &'k str) {
        let next = self.strings.len();
        let i = *self.seen.entry(s).or_insert(next);
        if i == next {
            // Texts are listed in the order they are first used, so a new
            // one is just "the next": one repeated number, which compresses
            // far better than a fresh index each time.
            self.strings.push(s);
            self.n(code::NEXT_TEXT);
        } else {
            self.index(i);
        }
    }

    fn opt_text(&mut self, s: Option<&'k str>) {
        match s {
            Some(s) => self.text(s),
            None => self.n(code::NONE),
        }
    }

    fn texts(&mut self, items: &'k [String]) {
        self.index(items.len());
        items.iter().for_each(|s| self.text(s));
    }

    fn write(&mut self, kb: &'k KnowledgeBase) {
        for len in [
            kb.groups.len(),
            kb.symptoms.len(),
            kb.causes.len(),
            kb.rules.len(),
            kb.fixes.len(),
            kb.questions.len(),
        ] {
            self.index(len);
        }
        self.text(&kb.id);
        self.text(&kb.version);
        self.text(&kb.lang);
        self.text(&kb.title);
        self.text(&kb.wording.likely_cause);
        self.text(&kb.wording.you_reported);
        self.text(&kb.wording.said_no);
        self.text(&kb.wording.something_else);
        self.n(kb.other_prior);
        self.opt_index(kb.error_code_symptom);
        self.opt_index(kb.escalation);
        self.n(kb.support_cost);
        for g in &kb.groups {
            self.text(&g.id);
            self.text(&g.title);
        }
        kb.symptoms.iter().for_each(|s| self.symptom(s));
        for c in &kb.causes {
            self.text(&c.id);
            self.text(&c.title);
            self.n(c.prior);
        }
        for r in &kb.rules {
            self.cond(&r.when);
            match r.effect {
                Effect::Likelihood { cause, ratio } => {
                    self.n(0.0);
                    self.index(cause);
                    self.n(ratio);
                }
                Effect::RuleOut { cause } => {
                    self.n(1.0);
                    self.index(cause);
                }
                Effect::Exclude { fix } => {
                    self.n(2.0);
                    self.index(fix);
                }
            }
            self.text(&r.why);
        }
        kb.fixes.iter().for_each(|f| self.fix(f));
        kb.questions.iter().for_each(|q| self.question(q));
        self.index(kb.synonyms.len());
        kb.synonyms.iter().for_each(|g| self.texts(g));
    }

    fn symptom(&mut self, s: &'k Symptom) {
        self.text(&s.id);
        self.text(&s.title);
        self.opt_index(s.group);
        self.texts(&s.phrases);
        match &s.kind {
            SymptomKind::Bool => self.n(0.0),
            SymptomKind::Number { unit } => {
                self.n(1.0);
                self.opt_text(unit.as_deref());
            }
            SymptomKind::Choice(choices) => {
                self.n(2.0);
                self.index(choices.len());
                for c in choices {
                    self.text(&c.value);
                    self.text(&c.title);
                    self.texts(&c.phrases);
                }
            }
        }
    }

    fn fix(&mut self, f: &'k Fix) {
        self.text(&f.id);
        self.text(&f.title);
        self.n(f.minutes);
        self.n(match f.risk {
            Risk::Safe => 0.0,
            Risk::Caution => 1.0,
            Risk::DataRisk => 2.0,
        });
        for cond in [&f.when, &f.requires] {
            match cond {
                Some(c) => self.cond(c),
                None => self.n(code::NONE),
            }
        }
        self.index(f.repairs.len());
        for &(cause, p) in &f.repairs {
            self.index(cause);
            self.n(p);
        }
        self.index(f.after.len());
        f.after.iter().for_each(|&a| self.index(a));
        self.opt_text(f.why.as_deref());
        self.texts(&f.steps);
    }

    fn question(&mut self, q: &'k Question) {
        self.text(&q.id);
        self.text(&q.text);
        self.opt_text(q.check.as_deref());
        match &q.ask_when {
            Some(c) => self.cond(c),
            None => self.n(code::NONE),
        }
        self.index(q.symptom);
        self.n(q.minutes);
        self.index(q.answers.len());
        for a in &q.answers {
            self.text(&a.label);
            match &a.value {
                Some(v) => self.value(v),
                None => self.n(code::NONE),
            }
            a.likelihood.iter().for_each(|&p| self.n(p));
        }
    }

    fn value(&mut self, v: &'k Value) {
        match v {
            Value::Bool(b) => {
                self.n(0.0);
                self.n(if *b { 1.0 } else { 0.0 });
            }
            Value::Number(x) => {
                self.n(1.0);
                self.n(*x);
            }
            Value::Choice(c) => {
                self.n(2.0);
                self.text(c);
            }
        }
    }

    fn cond(&mut self, cond: &'k Cond) {
        match cond {
            Cond::Const(b) => self.n(if *b { code::TRUE } else { code::FALSE }),
            Cond::Flag(s) => {
                self.n(code::FLAG);
                self.index(*s);
            }
            Cond::Compare(s, op, v) => {
                let op = OPS.iter().position(|o| o == op).unwrap_or(0);
                self.n(code::COMPARE + op as f64);
                self.index(*s);
                self.value(v);
            }
            Cond::In(s, values) => {
                self.n(code::IN);
                self.index(*s);
                self.index(values.len());
                values.iter().for_each(|v| self.value(v));
            }
            Cond::Not(inner) => {
                self.n(code::NOT);
                self.cond(inner);
            }
            Cond::And(parts) | Cond::Or(parts) => {
                self.n(if matches!(cond, Cond::And(_)) {
                    code::AND
                } else {
                    code::OR
                });
                self.index(parts.len());
                parts.iter().for_each(|p| self.cond(p));
            }
        }
    }
}
