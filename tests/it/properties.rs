//! Properties that hold for every knowledge base, checked on random ones.

use fixplan::authoring::compile;
use fixplan::authoring::source::{
    CauseDoc, Document, EffectDoc, FixDoc, MetaDoc, RuleDoc, Sp, SymptomDoc,
};
use fixplan::authoring::synth::{self, Shape};
use fixplan::engine::Risk;
use fixplan::engine::Tri;
use fixplan::{expected_minutes_of_order, infer, plan, Situation, Value};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Each open question's minutes saved, by planning every answer in full
/// (what `next_question` does, without its shortcuts and cut-offs).
fn savings_in_full(kb: &fixplan::KnowledgeBase, s: &Situation) -> Vec<(usize, f64)> {
    let now = plan(kb, s).expected_minutes;
    let belief = infer(kb, &s.observed, &s.failed).p;
    let open = |(q, question): &(usize, &fixplan::engine::Question)| {
        !s.asked.contains(q) && s.observed[question.symptom].is_none()
    };
    let saves = |(q, question): (usize, &fixplan::engine::Question)| {
        let mut expected = question.minutes;
        for answer in &question.answers {
            let p: f64 = answer
                .likelihood
                .iter()
                .zip(&belief)
                .map(|(l, b)| l * b)
                .sum();
            if p <= 0.0 {
                continue;
            }
            let after = match &answer.value {
                None => now,
                Some(value) => {
                    let mut answered = s.clone();
                    answered.observed[question.symptom] = Some(value.clone());
                    plan(kb, &answered).expected_minutes
                }
            };
            expected += p * after;
        }
        (q, now - expected)
    };
    kb.questions
        .iter()
        .enumerate()
        .filter(open)
        .map(saves)
        .collect()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 48,
        ..ProptestConfig::default()
    }
}

fn situation(kb: &fixplan::KnowledgeBase, seed: u64) -> Situation {
    Situation {
        observed: synth::observations(kb, seed),
        ..Situation::new(kb)
    }
}

/// A knowledge base of `n` causes and `n` fixes, fix i repairing cause i for sure.
fn single_fault(priors: &[f64], minutes: &[f64]) -> fixplan::KnowledgeBase {
    let mut doc = Document {
        knowledge_base: Some(MetaDoc {
            id: Sp::new("pc".into()),
            version: Sp::new("1".into()),
            ..MetaDoc::default()
        }),
        ..Document::default()
    };
    for (i, (&prior, &m)) in priors.iter().zip(minutes).enumerate() {
        doc.causes.push(CauseDoc {
            id: Sp::new(format!("c{i}")),
            prior: Sp::new(prior),
            ..CauseDoc::default()
        });
        let repairs = BTreeMap::from([(Sp::new(format!("c{i}")), Sp::new(1.0))]);
        doc.fixes.push(FixDoc {
            id: Sp::new(format!("f{i}")),
            minutes: Sp::new(m),
            repairs: Sp::new(repairs),
            ..FixDoc::default()
        });
    }
    compile(doc).0.expect("valid")
}

fn permutations(items: Vec<usize>) -> Vec<Vec<usize>> {
    if items.len() <= 1 {
        return vec![items];
    }
    let mut all = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.clone();
        let head = rest.remove(i);
        for mut tail in permutations(rest) {
            tail.insert(0, head);
            all.push(tail);
        }
    }
    all
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn plan_never_repeats_and_holds_only_applicable_fixes(rules in 20usize..400, seed in any::<u64>()) {
        let kb = synth::knowledge_base(Shape::with_rules(rules), seed).expect("valid");
        let s = situation(&kb, seed);
        let p = plan(&kb, &s);
        let posterior = infer(&kb, &s.observed, &s.failed);
        let mut seen = Vec::new();
        for step in &p.steps {
            prop_assert!(!seen.contains(&step.fix), "repeated {}", step.fix);
            seen.push(step.fix);
            if Some(step.fix) == kb.escalation { continue; }
            let fix = &kb.fixes[step.fix];
            prop_assert!(!posterior.excluded.contains(&step.fix));
            prop_assert!(fix.when.as_ref().is_none_or(|c| c.eval(&s.observed) != Tri::False));
            prop_assert!(fix.requires.as_ref().is_none_or(|c| c.eval(&s.observed) == Tri::True));
            prop_assert!(step.p > 0.0 && step.p <= 1.0 + 1e-9);
        }
        // Support is a step like any other, in the plan exactly once.
        prop_assert_eq!(p.steps.iter().filter(|s| Some(s.fix) == kb.escalation).count(), 1);
    }

    #[test]
    fn the_next_question_saves_the_most_of_all_questions_planned_in_full(
        rules in 100usize..1500,
        seed in any::<u64>(),
        keep in 0u64..3,
    ) {
        // Many questions for the symptoms there are, so they compete.
        let shape = Shape { questions: 12, ..Shape::with_rules(rules) };
        let kb = synth::knowledge_base(shape, seed).expect("valid");
        let mut s = situation(&kb, seed);
        // Leave some symptoms unobserved, so questions are open.
        let mut rng = synth::Rng::new(seed ^ 0x5eed);
        for o in s.observed.iter_mut() {
            if rng.below(4) as u64 >= keep {
                *o = None;
            }
        }
        let full = savings_in_full(&kb, &s);
        let most = full.iter().map(|&(_, saves)| saves).fold(f64::NEG_INFINITY, f64::max);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()));
        // 0.05 minutes: the least saving worth a question (plan.rs).
        prop_assume!(!close(most, 0.05));
        match fixplan::next_question(&kb, &s) {
            Some(advice) => {
                let (_, saves) = full.iter().find(|(q, _)| *q == advice.question).copied().expect("open");
                prop_assert!(close(advice.saves_minutes, saves), "{} vs {}", advice.saves_minutes, saves);
                prop_assert!(close(saves, most) || saves > most, "{} of the most {}", saves, most);
            }
            None => prop_assert!(most < 0.05, "no question, though one saves {}", most),
        }
    }

    #[test]
    fn results_are_deterministic(rules in 20usize..400, seed in any::<u64>()) {
        let kb = synth::knowledge_base(Shape::with_rules(rules), seed).expect("valid");
        let again = synth::knowledge_base(Shape::with_rules(rules), seed).expect("valid");
        let s = situation(&kb, seed);
        prop_assert_eq!(plan(&kb, &s), plan(&again, &s));
        prop_assert_eq!(fixplan::next_question(&kb, &s), fixplan::next_question(&again, &s));
    }

    /// Kadane & Simon: with one certain fix per cause, p/c order is optimal.
    #[test]
    fn single_fault_plan_is_optimal(
        cases in prop::collection::vec((0.01f64..1.0, 1u32..60), 1..=7)
    ) {
        let priors: Vec<f64> = cases.iter().map(|c| c.0).collect();
        let minutes: Vec<f64> = cases.iter().map(|c| c.1 as f64).collect();
        let kb = single_fault(&priors, &minutes);
        let s = Situation::new(&kb);
        let engine = plan(&kb, &s).expected_minutes;
        let best = permutations((0..kb.fixes.len()).collect())
            .iter()
            .map(|order| expected_minutes_of_order(&kb, &s, order))
            .fold(f64::INFINITY, f64::min);
        prop_assert!((engine - best).abs() <= 1e-9 * best.max(1.0), "engine {} best {}", engine, best);
    }

    #[test]
    fn evidence_for_a_cause_never_lowers_it(rules in 20usize..300, seed in any::<u64>(), ratio in 1.0f64..50.0) {
        let mut doc = synth::document(Shape::with_rules(rules), seed);
        let target = (seed % doc.causes.len() as u64) as usize;
        doc.symptoms.push(SymptomDoc { id: Sp::new("extra".into()), ..SymptomDoc::default() });
        doc.rules.push(RuleDoc {
            when: Sp::new("extra".into()),
            then: Sp::new(EffectDoc { cause: Some(Sp::new(format!("c{target}"))), likelihood_ratio: Some(Sp::new(ratio)), ..EffectDoc::default() }),
            ..RuleDoc::default()
        });
        let kb = compile(doc).0.expect("valid");
        let mut s = situation(&kb, seed);
        let extra = kb.symptom_index("extra").expect("extra");
        let before = infer(&kb, &s.observed, &s.failed).p[target];
        s.observed[extra] = Some(Value::Bool(true));
        let after = infer(&kb, &s.observed, &s.failed).p[target];
        prop_assert!(after >= before - 1e-12, "{} -> {}", before, after);
    }

    #[test]
    fn data_risking_fix_never_precedes_safe_fix_for_its_cause(rules in 20usize..300, seed in any::<u64>()) {
        let mut doc = synth::document(Shape::with_rules(rules), seed);
        // Every data-risk fix is guarded by a copy the reader says exists.
        doc.symptoms.push(SymptomDoc { id: Sp::new("copy_exists".into()), ..SymptomDoc::default() });
        let n = doc.fixes.len() - 1; // the last fix is the escalation
        for (i, fix) in doc.fixes.iter_mut().take(n).enumerate() {
            if (seed >> (i % 64)) & 1 == 1 {
                fix.risk = Some(Sp::new("data_risk".into()));
                fix.requires = Some(Sp::new("copy_exists".into()));
            }
        }
        let kb = compile(doc).0.expect("valid");
        let mut s = situation(&kb, seed);
        s.observed[kb.symptom_index("copy_exists").expect("declared")] = Some(Value::Bool(true));
        let p = plan(&kb, &s);
        for (i, early) in p.steps.iter().enumerate() {
            let early = &kb.fixes[early.fix];
            if early.risk != Risk::DataRisk { continue; }
            for late in &p.steps[i + 1..] {
                if Some(late.fix) == kb.escalation { continue; }
                let late = &kb.fixes[late.fix];
                let shared = late.risk == Risk::Safe && late.repairs.iter().any(|&(c, r)| r > 0.0 && early.repairs.iter().any(|&(d, q)| d == c && q > 0.0));
                prop_assert!(!shared, "{} before {}", early.id, late.id);
            }
        }
    }
}
