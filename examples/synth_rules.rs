//! One synthetic knowledge base written twice, for the in-browser engine
//! comparison (`make bench`): the compiled fixplan knowledge base and the
//! same rules as json-rules-engine rules, plus the facts to run both on.
//!
//! `cargo run --release --example synth_rules -- <rules> <outdir>` writes
//! `<outdir>/synthetic-<rules>.json` (what `new Engine(text)` loads) and
//! `<outdir>/synthetic-<rules>.bench.json`:
//! `{"rules": [json-rules-engine rules], "observed": {...}, "facts": [{...}, ...]}`.
//! Rule `i` of one is rule `i` of the other; its event type is `"i"`.

// A benchmark generator: failing loudly is the right response to a broken setup.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use fixplan::authoring::synth::{self, Rng, Shape};
use fixplan::base::json::Writer;
use fixplan::engine::Cond;
use fixplan::{compiled, KnowledgeBase, Value};

/// How many fact sets the comparison cycles through.
const FACT_SETS: usize = 20;
/// The criterion bench's seed, so the browser runs the same knowledge base.
const SEED: u64 = 7;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [rules, outdir] = args.as_slice() else {
        panic!("usage: synth_rules <rules> <outdir>");
    };
    let rules: usize = rules.parse().expect("<rules> is a number");
    let kb = synth::knowledge_base(Shape::with_rules(rules), SEED).expect("synthetic KB compiles");
    std::fs::create_dir_all(outdir).expect("creates <outdir>");
    let path = |ext: &str| format!("{outdir}/synthetic-{rules}.{ext}");
    std::fs::write(path("json"), compiled::to_json(&kb)).expect("writes the knowledge base");

    let mut w = Writer::new();
    w.begin_object().key("rules").begin_array();
    for (i, rule) in kb.rules.iter().enumerate() {
        w.begin_object().key("conditions");
        // json-rules-engine wants all/any/not at the top of a rule.
        match &rule.when {
            Cond::And(_) | Cond::Or(_) => condition(&mut w, &kb, &rule.when, false),
            single => {
                w.begin_object().key("all").begin_array();
                condition(&mut w, &kb, single, false);
                w.end_array().end_object();
            }
        }
        w.key("event")
            .begin_object()
            .key("type")
            .string(&i.to_string());
        w.end_object().end_object();
    }
    w.end_array();

    // The criterion bench's observations (about half the symptoms), for
    // timing `dispatch` in the same situation as the native figure.
    w.key("observed").begin_object();
    for (s, value) in synth::observations(&kb, SEED).iter().enumerate() {
        if let Some(Value::Bool(b)) = value {
            w.key(&kb.symptoms[s].id).bool(*b);
        }
    }
    w.end_object();

    // Every symptom observed, true or false: fixplan treats an unobserved
    // symptom as unknown (so `not s` does not fire), json-rules-engine has
    // no unknown; with two-valued facts both engines must agree.
    let mut rng = Rng::new(SEED ^ 0xFAC7);
    w.key("facts").begin_array();
    for _ in 0..FACT_SETS {
        w.begin_object();
        for s in &kb.symptoms {
            w.key(&s.id).bool(rng.below(2) == 0);
        }
        w.end_object();
    }
    w.end_array().end_object();
    std::fs::write(path("bench.json"), w.finish()).expect("writes the rules and facts");
}

/// Writes `cond` as a json-rules-engine condition, with negation pushed
/// down to the facts (De Morgan), so `not s` reads "fact s equals false".
fn condition(w: &mut Writer, kb: &KnowledgeBase, cond: &Cond, negated: bool) {
    match cond {
        Cond::Flag(s) => {
            w.begin_object();
            w.key("fact").string(&kb.symptoms[*s].id);
            w.key("operator").string("equal");
            w.key("value").bool(!negated);
            w.end_object();
        }
        Cond::Not(inner) => condition(w, kb, inner, !negated),
        Cond::And(parts) | Cond::Or(parts) => {
            let all = matches!(cond, Cond::And(_)) != negated;
            w.begin_object()
                .key(if all { "all" } else { "any" })
                .begin_array();
            parts.iter().for_each(|p| condition(w, kb, p, negated));
            w.end_array().end_object();
        }
        // An empty `all` holds and an empty `any` does not.
        Cond::Const(b) => {
            w.begin_object()
                .key(if *b != negated { "all" } else { "any" });
            w.begin_array().end_array().end_object();
        }
        // The synthetic rules read yes/no symptoms only.
        Cond::Compare(..) | Cond::In(..) => panic!("not a synthetic condition: {cond:?}"),
    }
}
