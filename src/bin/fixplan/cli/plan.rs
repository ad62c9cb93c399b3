//! `fixplan plan`: the plan for some observations, as text or JSON.

use super::{in_lang, input, load, report, Outcome, PlanArgs};
use fixplan::{recognize, Event, Feedback, KnowledgeBase, Session, Step, Value, View};
use serde_json::json;
use std::io::Write;

/// A session from --observe, --text and --failed, and what came of them.
struct Built {
    session: Session,
    /// What the text was recognised as: (symptom index, value).
    recognized: Vec<(usize, Value)>,
    /// Where an explicit --observe overruled the text.
    notes: Vec<String>,
    /// Recognised observations the session refused.
    warnings: Vec<String>,
}

fn session(kb: &KnowledgeBase, args: &PlanArgs, text: Option<&str>) -> Result<Built, String> {
    let mut session = Session::new(kb);
    // The last explicit value of each symptom: the one the replay keeps.
    let mut explicit: Vec<(usize, Value)> = Vec::new();
    for arg in &args.observe {
        let (s, value) = input::observation(kb, arg)?;
        let event = Event::Observe {
            symptom: kb.symptoms[s].id.clone(),
            value: value.clone(),
        };
        session
            .apply(kb, event)
            .map_err(|e| format!("--observe {arg}: {e}"))?;
        explicit.retain(|(seen, _)| *seen != s);
        explicit.push((s, value));
    }
    let recognized = text.map_or_else(Vec::new, |t| recognize(kb, t).observations);
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    for (s, value) in &recognized {
        let id = &kb.symptoms[*s].id;
        if let Some((_, kept)) = explicit.iter().find(|(seen, _)| seen == s) {
            if kept != value {
                notes.push(format!(
                    "--observe {id}={kept} kept; the text suggested {value}"
                ));
            }
            continue;
        }
        let event = Event::Observe {
            symptom: id.clone(),
            value: value.clone(),
        };
        if let Err(e) = session.apply(kb, event) {
            warnings.push(e);
        }
    }
    for fix in &args.failed {
        let event = Event::Feedback {
            fix: fix.clone(),
            outcome: Feedback::DidntHelp,
        };
        session
            .apply(kb, event)
            .map_err(|e| format!("--failed {fix}: {e}"))?;
    }
    Ok(Built {
        session,
        recognized,
        notes,
        warnings,
    })
}

pub fn plan(args: &PlanArgs, out: &mut impl Write) -> Outcome {
    let (source, loaded) = load(&args.dir, true)?;
    let kb = in_lang(&loaded, &source, args.lang.as_deref())?;
    let text = input::texts(&args.text)?;
    let built = session(kb, args, text.as_deref())?;
    let rec = built.session.recommend(kb);
    let why = |s: &Step| s.reasons.iter().map(|r| r.text.clone()).collect::<Vec<_>>();
    if args.json {
        let mut causes: Vec<(usize, f64)> = rec.posterior.iter().copied().enumerate().collect();
        causes.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // The widget's own View, plus what only the CLI knows.
        let recognized: Vec<usize> = built.recognized.iter().map(|(s, _)| *s).collect();
        let view = View::new(kb, &built.session, &recognized, false, Vec::new());
        let mut doc = serde_json::to_value(&view).map_err(|e| e.to_string())?;
        doc["causes"] = json!(causes
            .iter()
            .filter(|(_, p)| *p > 0.0)
            .map(|&(c, p)| json!({"id": kb.cause_id(c), "p": p}))
            .collect::<Vec<_>>());
        // What the text said, even where an explicit --observe overrode it.
        doc["recognized"] = json!(built
            .recognized
            .iter()
            .map(|(s, v)| json!({"symptom": kb.symptoms[*s].id, "value": v}))
            .collect::<Vec<_>>());
        doc["notes"] = json!(built.notes);
        doc["warnings"] = json!(built.warnings);
        writeln!(out, "{doc:#}")?;
        return Ok(());
    }
    for w in &built.warnings {
        report(&format!("warning: {w}\n"));
    }
    for note in &built.notes {
        writeln!(out, "note: {note}")?;
    }
    writeln!(
        out,
        "Expected time to fixed: about {:.0} minutes",
        rec.plan.expected_minutes
    )?;
    if let Some(a) = rec.question {
        let q = &kb.questions[a.question];
        let answers: Vec<&str> = q.answers.iter().map(|x| x.label.as_str()).collect();
        writeln!(
            out,
            "Next question: {} [{}] (saves about {:.1} min)",
            q.text,
            answers.join(" / "),
            a.saves_minutes
        )?;
        if let Some(check) = &q.check {
            writeln!(out, "  to find out: {check}")?;
        }
    }
    for (i, s) in rec.plan.steps.iter().enumerate() {
        let fix = &kb.fixes[s.fix];
        writeln!(
            out,
            "{:>2}. {} ({}) — about {} min, {:.0}% if reached",
            i + 1,
            fix.title,
            fix.id,
            s.minutes,
            s.p * 100.0
        )?;
        for reason in why(s) {
            writeln!(out, "      why: {reason}")?;
        }
    }
    Ok(())
}
