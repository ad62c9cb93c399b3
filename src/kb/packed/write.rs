//! Writing the compiled form: indices for references, prefix arrays for
//! conditions, numbers to nine decimals.

use super::{COMPILED_FORMAT, OPS};
use crate::expr::{CmpOp, Cond};
use crate::json::Writer;
use crate::kb::*;
use crate::value::Value;

/// Writes a knowledge base in the compiled format.
pub fn to_json(kb: &KnowledgeBase) -> String {
    let mut w = Writer::new();
    w.begin_object();
    w.key("format").number(f64::from(COMPILED_FORMAT));
    w.key("id").string(&kb.id);
    w.key("version").string(&kb.version);
    w.key("title").string(&kb.title);
    w.key("other_prior").number(kb.other_prior);
    w.key("error_code_symptom");
    index_or_null(&mut w, kb.error_code_symptom);
    w.key("escalation");
    index_or_null(&mut w, kb.escalation);
    w.key("groups");
    write_groups(&mut w, &kb.groups);
    w.key("symptoms").begin_array();
    kb.symptoms.iter().for_each(|s| write_symptom(&mut w, s));
    w.end_array();
    w.key("causes").begin_array();
    for c in &kb.causes {
        w.begin_object();
        w.key("id").string(&c.id).key("title").string(&c.title);
        w.key("prior").number(c.prior);
        w.end_object();
    }
    w.end_array();
    w.key("rules").begin_array();
    for r in &kb.rules {
        w.begin_object();
        w.key("when");
        write_cond(&mut w, &r.when);
        w.key("then");
        match r.effect {
            Effect::Likelihood { cause, ratio } => w
                .begin_array()
                .string("ratio")
                .number(cause as f64)
                .number(ratio),
            Effect::RuleOut { cause } => w.begin_array().string("rule_out").number(cause as f64),
            Effect::Exclude { fix } => w.begin_array().string("exclude").number(fix as f64),
        };
        w.end_array();
        w.key("why").string(&r.why);
        w.end_object();
    }
    w.end_array();
    w.key("fixes").begin_array();
    kb.fixes.iter().for_each(|f| write_fix(&mut w, f));
    w.end_array();
    w.key("questions").begin_array();
    kb.questions.iter().for_each(|q| write_question(&mut w, q));
    w.end_array();
    w.end_object();
    w.finish()
}

/// `[{"id", "title"}, ...]`: the same in the compiled form and the catalog.
pub(crate) fn write_groups(w: &mut Writer, groups: &[Group]) {
    w.begin_array();
    for g in groups {
        w.begin_object();
        w.key("id").string(&g.id).key("title").string(&g.title);
        w.end_object();
    }
    w.end_array();
}

fn index_or_null(w: &mut Writer, index: Option<usize>) {
    match index {
        Some(i) => w.number(i as f64),
        None => w.null(),
    };
}

fn write_symptom(w: &mut Writer, s: &Symptom) {
    w.begin_object();
    w.key("id").string(&s.id).key("title").string(&s.title);
    match &s.kind {
        SymptomKind::Bool => {}
        SymptomKind::Number { unit } => {
            w.key("kind").string("number");
            if let Some(unit) = unit {
                w.key("unit").string(unit);
            }
        }
        SymptomKind::Choice(choices) => {
            w.key("kind").string("choice");
            w.key("choices").begin_array();
            for c in choices {
                w.begin_object();
                w.key("value")
                    .string(&c.value)
                    .key("title")
                    .string(&c.title);
                w.key("phrases").strings(&c.phrases);
                w.end_object();
            }
            w.end_array();
        }
    }
    if let Some(g) = s.group {
        w.key("group").number(g as f64);
    }
    if !s.phrases.is_empty() {
        w.key("phrases").strings(&s.phrases);
    }
    w.end_object();
}

fn write_fix(w: &mut Writer, f: &Fix) {
    w.begin_object();
    w.key("id").string(&f.id).key("title").string(&f.title);
    w.key("minutes").number(f.minutes);
    w.key("risk").string(f.risk.as_str());
    if let Some(when) = &f.when {
        w.key("when");
        write_cond(w, when);
    }
    if let Some(requires) = &f.requires {
        w.key("requires");
        write_cond(w, requires);
    }
    w.key("repairs").begin_array();
    for &(cause, p) in &f.repairs {
        w.begin_array().number(cause as f64).number(p).end_array();
    }
    w.end_array();
    w.key("after").begin_array();
    f.after.iter().for_each(|&a| {
        w.number(a as f64);
    });
    w.end_array();
    if let Some(why) = &f.why {
        w.key("why").string(why);
    }
    w.key("steps").strings(&f.steps);
    w.end_object();
}

fn write_question(w: &mut Writer, q: &Question) {
    w.begin_object();
    w.key("id").string(&q.id).key("text").string(&q.text);
    w.key("symptom").number(q.symptom as f64);
    w.key("minutes").number(q.minutes);
    w.key("answers").begin_array();
    for a in &q.answers {
        w.begin_object();
        w.key("label").string(&a.label);
        w.key("value");
        match &a.value {
            Some(v) => write_value(w, v),
            None => {
                w.null();
            }
        }
        w.key("likelihood").begin_array();
        a.likelihood.iter().for_each(|&p| {
            w.number(p);
        });
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

pub(crate) fn write_value(w: &mut Writer, v: &Value) {
    match v {
        Value::Bool(b) => w.bool(*b),
        Value::Number(n) => w.number(*n),
        Value::Choice(c) => w.string(c),
    };
}

/// Conditions as prefix arrays: `["and", a, b]`, `["==", symptom, value]`,
/// `["flag", symptom]`, or `true` / `false`.
fn write_cond(w: &mut Writer, cond: &Cond) {
    match cond {
        Cond::Const(b) => {
            w.bool(*b);
            return;
        }
        Cond::Flag(s) => {
            w.begin_array().string("flag").number(*s as f64);
        }
        Cond::Compare(s, op, v) => {
            w.begin_array().string(op_name(*op)).number(*s as f64);
            write_value(w, v);
        }
        Cond::In(s, values) => {
            w.begin_array().string("in").number(*s as f64).begin_array();
            values.iter().for_each(|v| write_value(w, v));
            w.end_array();
        }
        Cond::Not(inner) => {
            w.begin_array().string("not");
            write_cond(w, inner);
        }
        Cond::And(parts) | Cond::Or(parts) => {
            w.begin_array().string(if matches!(cond, Cond::And(_)) {
                "and"
            } else {
                "or"
            });
            parts.iter().for_each(|p| write_cond(w, p));
        }
    }
    w.end_array();
}

fn op_name(op: CmpOp) -> &'static str {
    OPS.iter()
        .find(|(_, o)| *o == op)
        .map_or("==", |(name, _)| name)
}
