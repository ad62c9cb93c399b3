//! infer + plan + next question, on the real knowledge base and on
//! synthetic ones of 100, 1,000 and 10,000 rules; recognising pasted text
//! against the real knowledge base (`make bench`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use fixplan::authoring::synth::{self, Shape};
use fixplan::{Event, Recommendation, Session, Situation};
use std::hint::black_box;
use std::path::Path;

fn real(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/iphone-backup");
    let Some(kb) = fixplan::authoring::load_dir(Path::new(dir))
        .ok()
        .and_then(|l| l.kb)
    else {
        eprintln!("skipping the real knowledge base: it does not load");
        return;
    };
    let mut session = Session::new(&kb);
    for (symptom, value) in [("channel", "icloud"), ("storage_full", "true")] {
        if kb.symptom_index(symptom).is_some() {
            let value = fixplan::Value::parse(value);
            let _ = session.apply(
                &kb,
                Event::Observe {
                    symptom: symptom.into(),
                    value,
                },
            );
        }
    }
    let mut group = c.benchmark_group("real");
    group.bench_function("iphone-backup/recommend", |b| {
        b.iter(|| black_box(session.recommend(&kb)))
    });
    let empty = Session::new(&kb);
    group.bench_function("iphone-backup/recommend-empty", |b| {
        b.iter(|| black_box(empty.recommend(&kb)))
    });
    group.finish();
}

fn synthetic(c: &mut Criterion) {
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(20);
    for rules in [100, 1_000, 10_000] {
        let Some(kb) = synth::knowledge_base(Shape::with_rules(rules), 7) else {
            panic!("synthetic knowledge base of {rules} rules does not compile");
        };
        let situation = Situation {
            observed: synth::observations(&kb, 7),
            ..Situation::new(&kb)
        };
        group.bench_with_input(BenchmarkId::new("recommend", rules), &situation, |b, s| {
            b.iter(|| black_box(Recommendation::new(&kb, s.clone(), None)))
        });
        group.bench_with_input(BenchmarkId::new("plan", rules), &situation, |b, s| {
            b.iter(|| black_box(fixplan::plan(&kb, s)))
        });
    }
    group.finish();
}

/// Rules grow tenfold while the questions stay at 10: the cost should grow
/// about linearly.
fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group.sample_size(20);
    for rules in [1_000, 10_000] {
        let shape = Shape {
            questions: 10,
            ..Shape::with_rules(rules)
        };
        let Some(kb) = synth::knowledge_base(shape, 7) else {
            panic!("synthetic knowledge base of {rules} rules does not compile");
        };
        let situation = Situation {
            observed: synth::observations(&kb, 7),
            ..Situation::new(&kb)
        };
        group.bench_with_input(
            BenchmarkId::new("recommend-10-questions", rules),
            &situation,
            |b, s| b.iter(|| black_box(Recommendation::new(&kb, s.clone(), None))),
        );
    }
    group.finish();
}

/// Readers' own words, repeated to a size: the story set's texts (English
/// and German), which mix messages, codes, negations and chatter.
fn pasted_text(dir: &Path, bytes: usize) -> String {
    let stories = fixplan::authoring::stories::load_stories(dir).unwrap_or_default();
    let mut texts: Vec<&str> = stories.stories.iter().map(|s| s.text.as_str()).collect();
    if texts.is_empty() {
        texts.push("iTunes could not back up the iPhone because an error occurred (-36).");
    }
    let mut text = String::with_capacity(bytes + 1_000);
    for t in texts.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(t);
        text.push_str("\n\n");
    }
    text
}

/// Recognising pasted text: 10 KB (about what is read: the recogniser stops
/// at 10,000 characters), 100 KB (capped, so the same work plus finding the
/// cap), and 100 KB read whole, which shows the cost per KB stays flat.
fn recognize(c: &mut Criterion) {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/iphone-backup"));
    let Some(kb) = fixplan::authoring::load_dir(dir).ok().and_then(|l| l.kb) else {
        eprintln!("skipping recognition: the real knowledge base does not load");
        return;
    };
    let mut group = c.benchmark_group("recognize");
    for kb_size in [10, 100] {
        let text = pasted_text(dir, kb_size * 1_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("capped", kb_size), &text, |b, t| {
            b.iter(|| black_box(fixplan::recognize(&kb, t)))
        });
        group.bench_with_input(BenchmarkId::new("whole", kb_size), &text, |b, t| {
            b.iter(|| black_box(fixplan::engine::recognize_uncapped(&kb, t)))
        });
    }
    let typed = "iTunes says it could not back up the iPhone, not enough space on this comp";
    group.throughput(Throughput::Bytes(typed.len() as u64));
    group.bench_function("suggest-as-typed", |b| {
        b.iter(|| black_box(fixplan::suggest(&kb, typed, 5)))
    });
    group.finish();
}

criterion_group!(benches, real, synthetic, scaling, recognize);
criterion_main!(benches);
