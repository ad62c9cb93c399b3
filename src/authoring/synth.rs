//! Synthetic knowledge bases of a given size, for benchmarks and property
//! tests. Deterministic: the same size and seed give the same knowledge base.

use crate::prelude::*;

use crate::authoring::compile;
use crate::authoring::source::*;
use crate::engine::{KnowledgeBase, Value};
use std::collections::BTreeMap;

/// A small deterministic generator (SplitMix64), so no dependency is needed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The shape of a synthetic knowledge base.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub rules: usize,
    pub symptoms: usize,
    pub causes: usize,
    pub fixes: usize,
    pub questions: usize,
}

impl Shape {
    /// 10,000 rules: 1,000 symptoms, 500 causes, 500 fixes, 50 questions;
    /// smaller sizes scale every count by the same factor.
    pub fn with_rules(rules: usize) -> Shape {
        let scale = |n: usize, at_least: usize| (n * rules / 10_000).max(at_least);
        Shape {
            rules,
            symptoms: scale(1_000, 4),
            causes: scale(500, 2),
            fixes: scale(500, 2),
            questions: scale(50, 1),
        }
    }
}

/// The document of a synthetic knowledge base (also written out as JSON
/// for the browser benchmark).
pub fn document(shape: Shape, seed: u64) -> Document {
    let mut rng = Rng::new(seed);
    let sym = |i: usize| format!("s{i}");
    let mut doc = Document {
        knowledge_base: Some(MetaDoc {
            id: Sp::new(format!("synthetic-{}", shape.rules)),
            version: Sp::new("1".into()),
            title: format!("Synthetic knowledge base with {} rules", shape.rules),
            other_prior: Some(Sp::new(0.05)),
            escalation: Some(Sp::new("escalate".into())),
            ..MetaDoc::default()
        }),
        ..Document::default()
    };
    doc.symptoms = (0..shape.symptoms)
        .map(|i| SymptomDoc {
            id: Sp::new(sym(i)),
            title: format!("Symptom {i}"),
            ..SymptomDoc::default()
        })
        .collect();
    doc.causes = (0..shape.causes)
        .map(|i| CauseDoc {
            id: Sp::new(format!("c{i}")),
            title: format!("Cause {i}"),
            prior: Sp::new(0.01 + rng.unit() * 0.2),
            ..CauseDoc::default()
        })
        .collect();
    for i in 0..shape.rules {
        let a = sym(rng.below(shape.symptoms));
        let b = sym(rng.below(shape.symptoms));
        let when = match rng.below(4) {
            0 => a,
            1 => format!("{a} and not {b}"),
            2 => format!("{a} or {b}"),
            _ => format!("not {a}"),
        };
        let roll = rng.below(100);
        let then = if roll < 1 {
            EffectDoc {
                fix: Some(Sp::new(format!("f{}", rng.below(shape.fixes)))),
                exclude: Some(true),
                ..EffectDoc::default()
            }
        } else {
            let ratio = if roll < 3 {
                None
            } else {
                Some(Sp::new(0.2 + rng.unit() * 9.8))
            };
            EffectDoc {
                cause: Some(Sp::new(format!("c{}", rng.below(shape.causes)))),
                rule_out: ratio.is_none().then_some(true),
                likelihood_ratio: ratio,
                ..EffectDoc::default()
            }
        };
        doc.rules.push(RuleDoc {
            when: Sp::new(when),
            then: Sp::new(then),
            why: format!("Rule {i}."),
            ..RuleDoc::default()
        });
    }
    for i in 0..shape.fixes {
        let mut repairs = BTreeMap::new();
        for _ in 0..1 + rng.below(4) {
            repairs.insert(
                Sp::new(format!("c{}", rng.below(shape.causes))),
                Sp::new(0.3 + rng.unit() * 0.7),
            );
        }
        doc.fixes.push(FixDoc {
            id: Sp::new(format!("f{i}")),
            title: format!("Fix {i}"),
            minutes: Sp::new(1.0 + rng.below(30) as f64),
            repairs: Sp::new(repairs),
            ..FixDoc::default()
        });
    }
    let mut escalate = BTreeMap::new();
    escalate.insert(Sp::new("other".to_string()), Sp::new(0.8));
    doc.fixes.push(FixDoc {
        id: Sp::new("escalate".into()),
        title: "Contact support".into(),
        minutes: Sp::new(30.0),
        repairs: Sp::new(escalate),
        ..FixDoc::default()
    });
    for q in 0..shape.questions {
        let mut given = BTreeMap::new();
        for _ in 0..3 {
            given.insert(
                Sp::new(format!("c{}", rng.below(shape.causes))),
                Sp::new(0.9),
            );
        }
        doc.questions.push(QuestionDoc {
            id: Sp::new(format!("q{q}")),
            text: format!("Question {q}?"),
            // Questions ask about the last symptoms, which observations skip.
            symptom: Sp::new(sym(shape.symptoms - 1 - q % shape.symptoms)),
            minutes: Sp::new(0.5),
            answers: Sp::new(vec![
                AnswerDoc {
                    label: "Yes".into(),
                    value: Some(Sp::new(Value::Bool(true))),
                    p: Some(Sp::new(0.3)),
                    given,
                },
                AnswerDoc {
                    label: "No".into(),
                    value: Some(Sp::new(Value::Bool(false))),
                    p: Some(Sp::new(0.7)),
                    ..AnswerDoc::default()
                },
            ]),
            ..QuestionDoc::default()
        });
    }
    doc
}

/// A compiled synthetic knowledge base (`None` only if generation is broken).
pub fn knowledge_base(shape: Shape, seed: u64) -> Option<KnowledgeBase> {
    compile(document(shape, seed)).0
}

/// About half the symptoms observed, none of those the questions ask.
pub fn observations(kb: &KnowledgeBase, seed: u64) -> Vec<Option<Value>> {
    let mut rng = Rng::new(seed ^ 0xA5A5);
    let asked: Vec<usize> = kb.questions.iter().map(|q| q.symptom).collect();
    (0..kb.symptoms.len())
        .map(|s| (!asked.contains(&s) && rng.below(2) == 0).then(|| Value::Bool(rng.below(3) > 0)))
        .collect()
}
