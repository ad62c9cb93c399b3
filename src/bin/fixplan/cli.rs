//! The commands of the `fixplan` CLI.
//!
//! check      validate a knowledge base folder and run its scenarios
//! plan       show the plan for some observations
//! recognize  show what pasted text is recognised as
//! build      write the compiled knowledge base the widget loads
//! compare    engine plans against a fixed order, over every scenario

use fixplan::authoring::{self, scenario, Loaded};
use fixplan::compiled;
use fixplan::engine::did_you_mean;
use fixplan::{
    expected_minutes_of_order, parse_observation, recognize, Event, KnowledgeBase, Session,
};
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  fixplan check <kb-dir>
  fixplan plan <kb-dir> [--observe ID | --observe ID=VALUE]... [--text \"pasted message\"] [--failed FIX]... [--json]
  fixplan recognize <kb-dir> \"text\"
  fixplan build <kb-dir> -o <file>
  fixplan compare <kb-dir> --order <fix-id,fix-id,...>";

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("plan") => plan(&args[1..]),
        Some("recognize") => recognize_cmd(&args[1..]),
        Some("build") => build(&args[1..]),
        Some("compare") => compare(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command '{other}'\n{USAGE}")),
        None => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Parsed command-line options shared by the subcommands.
#[derive(Default)]
struct Options {
    dir: Option<String>,
    observe: Vec<String>,
    failed: Vec<String>,
    text: Option<String>,
    output: Option<String>,
    order: Option<String>,
    json: bool,
    words: Vec<String>,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--observe" => o.observe.push(value("--observe")?),
            "--failed" => o.failed.push(value("--failed")?),
            "--text" => o.text = Some(value("--text")?),
            "-o" | "--output" => o.output = Some(value("-o")?),
            "--order" => o.order = Some(value("--order")?),
            "--json" => o.json = true,
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option '{flag}'\n{USAGE}"))
            }
            _ if o.dir.is_none() => o.dir = Some(arg.clone()),
            _ => o.words.push(arg.clone()),
        }
    }
    Ok(o)
}

/// Loads the folder; prints diagnostics; fails if any is an error.
fn load(o: &Options, quiet_warnings: bool) -> Result<(KnowledgeBase, Loaded), String> {
    let dir = o
        .dir
        .as_deref()
        .ok_or_else(|| format!("missing <kb-dir>\n{USAGE}"))?;
    let mut loaded = authoring::load_dir(Path::new(dir)).map_err(|e| e.to_string())?;
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    for d in &loaded.diagnostics {
        if d.is_error() || !quiet_warnings {
            eprint!("{}", d.render());
        }
    }
    match loaded.kb.take() {
        Some(kb) if errors == 0 => Ok((kb, loaded)),
        _ => Err(format!("{dir}: {errors} error(s) in the knowledge base")),
    }
}

/// The compiled form, read back as the browser will: never publish a file
/// the widget would refuse (e.g. conditions nested deeper than it reads).
fn compiled(kb: &KnowledgeBase) -> Result<String, String> {
    let json = compiled::to_json(kb);
    match compiled::from_json(&json) {
        (Some(_), _) => Ok(json),
        (None, problems) => {
            let why: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
            Err(format!(
                "the compiled form would not load: {}",
                why.join("; ")
            ))
        }
    }
}

fn check(args: &[String]) -> Result<(), String> {
    let o = options(args)?;
    let (kb, loaded) = load(&o, false)?;
    compiled(&kb)?;
    let mut failed = 0;
    for s in &loaded.scenarios {
        let outcome = scenario::run(&kb, s, &loaded.files);
        for failure in &outcome.failures {
            eprintln!("[{}] {failure}", outcome.label);
        }
        failed += usize::from(!outcome.passed());
    }
    let warnings = loaded.diagnostics.len();
    if failed > 0 {
        return Err(format!(
            "{failed} of {} scenarios failed",
            loaded.scenarios.len()
        ));
    }
    println!(
        "{} {}: {} symptoms, {} causes, {} fixes, {} questions, {} rules, {} scenarios passed{}",
        kb.id,
        kb.version,
        kb.symptoms.len(),
        kb.causes.len(),
        kb.fixes.len(),
        kb.questions.len(),
        kb.rules.len(),
        loaded.scenarios.len(),
        if warnings > 0 {
            format!(" ({warnings} warnings)")
        } else {
            String::new()
        }
    );
    Ok(())
}

/// A session from --observe, --text and --failed, with warnings for what
/// did not fit.
fn session(kb: &KnowledgeBase, o: &Options) -> Result<(Session, Vec<String>), String> {
    let mut session = Session::new(kb);
    let mut warnings = Vec::new();
    for text in &o.observe {
        let (symptom, value) = parse_observation(text);
        if kb.symptom_index(&symptom).is_none() {
            let ids = kb.symptoms.iter().map(|s| s.id.as_str());
            let hint = did_you_mean(&symptom, ids, "see the knowledge base's symptoms");
            return Err(format!("unknown symptom '{symptom}' in --observe: {hint}"));
        }
        session
            .apply(kb, Event::Observe { symptom, value })
            .map_err(|e| format!("--observe {text}: {e}"))?;
    }
    if let Some(text) = &o.text {
        for (s, value) in recognize(kb, text).observations {
            let symptom = kb.symptoms[s].id.clone();
            if let Err(e) = session.apply(kb, Event::Observe { symptom, value }) {
                warnings.push(e);
            }
        }
    }
    for fix in &o.failed {
        let event = Event::Feedback {
            fix: fix.clone(),
            outcome: fixplan::Feedback::DidntHelp,
        };
        session
            .apply(kb, event)
            .map_err(|e| format!("--failed {fix}: {e}"))?;
    }
    Ok((session, warnings))
}

fn plan(args: &[String]) -> Result<(), String> {
    let o = options(args)?;
    let (kb, _) = load(&o, true)?;
    let (session, warnings) = session(&kb, &o)?;
    let rec = session.recommend(&kb);
    let why = |s: &fixplan::Step| s.reasons.iter().map(|r| r.text.clone()).collect::<Vec<_>>();
    if o.json {
        let mut causes: Vec<(usize, f64)> = rec.posterior.iter().copied().enumerate().collect();
        causes.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let out = json!({
            "steps": rec.plan.steps.iter().map(|s| json!({
                "fix": kb.fixes[s.fix].id, "title": kb.fixes[s.fix].title,
                "minutes": s.minutes, "p": s.p, "why": why(s),
            })).collect::<Vec<_>>(),
            "question": rec.question.map(|a| {
                let q = &kb.questions[a.question];
                json!({ "id": q.id, "text": q.text, "saves_minutes": a.saves_minutes,
                        "answers": q.answers.iter().map(|x| json!({"label": x.label, "value": x.value})).collect::<Vec<_>>() })
            }),
            "expected_minutes": rec.plan.expected_minutes,
            "causes": causes.iter().filter(|(_, p)| *p > 0.0).map(|&(c, p)| json!({"id": kb.cause_id(c), "p": p})).collect::<Vec<_>>(),
            "warnings": warnings,
        });
        println!("{out:#}");
        return Ok(());
    }
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    println!(
        "Expected time to fixed: about {:.0} minutes",
        rec.plan.expected_minutes
    );
    if let Some(a) = rec.question {
        let q = &kb.questions[a.question];
        let answers: Vec<&str> = q.answers.iter().map(|x| x.label.as_str()).collect();
        println!(
            "Next question: {} [{}] (saves about {:.1} min)",
            q.text,
            answers.join(" / "),
            a.saves_minutes
        );
    }
    for (i, s) in rec.plan.steps.iter().enumerate() {
        let fix = &kb.fixes[s.fix];
        println!(
            "{:>2}. {} ({}) — about {} min, {:.0}% if reached",
            i + 1,
            fix.title,
            fix.id,
            s.minutes,
            s.p * 100.0
        );
        for reason in why(s) {
            println!("      why: {reason}");
        }
    }
    Ok(())
}

fn recognize_cmd(args: &[String]) -> Result<(), String> {
    let o = options(args)?;
    let (kb, _) = load(&o, true)?;
    let text = o.words.join(" ");
    if text.is_empty() {
        return Err(format!("missing the text to recognise\n{USAGE}"));
    }
    let found = recognize(&kb, &text);
    let observations: Vec<_> = found
        .observations
        .iter()
        .map(|(s, v)| json!({ "symptom": kb.symptoms[*s].id, "value": v }))
        .collect();
    println!(
        "{:#}",
        json!({ "observations": observations, "codes": found.codes })
    );
    Ok(())
}

fn build(args: &[String]) -> Result<(), String> {
    let o = options(args)?;
    let output = o
        .output
        .clone()
        .ok_or_else(|| format!("missing -o <file>\n{USAGE}"))?;
    let (kb, _) = load(&o, true)?;
    let json = compiled(&kb)?;
    std::fs::write(&output, &json).map_err(|e| format!("{output}: {e}"))?;
    eprintln!(
        "wrote {output} ({} bytes): {} {}",
        json.len(),
        kb.id,
        kb.version
    );
    Ok(())
}

fn compare(args: &[String]) -> Result<(), String> {
    let o = options(args)?;
    let order_text = o
        .order
        .clone()
        .ok_or_else(|| format!("missing --order\n{USAGE}"))?;
    let (kb, loaded) = load(&o, true)?;
    let mut order = Vec::new();
    for id in order_text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let ids = kb.fixes.iter().map(|f| f.id.as_str());
        let f = kb.fix_index(id).ok_or_else(|| {
            format!(
                "unknown fix '{id}' in --order: {}",
                did_you_mean(id, ids, "see the knowledge base's fixes")
            )
        })?;
        order.push(f);
    }
    let mut ratios = Vec::new();
    println!(
        "{:<60} {:>8} {:>8} {:>6}",
        "scenario", "engine", "fixed", "ratio"
    );
    for s in &loaded.scenarios {
        let Ok(session) = scenario::session(&kb, s) else {
            return Err(format!(
                "scenario '{}' does not load; run `fixplan check` first",
                s.name
            ));
        };
        let (situation, _) = session.situation(&kb);
        let engine = session.recommend(&kb).plan.expected_minutes;
        let fixed = expected_minutes_of_order(&kb, &situation, &order);
        let ratio = engine / fixed;
        ratios.push(ratio);
        println!(
            "{:<60} {:>8.1} {:>8.1} {:>6.2}",
            truncate(&s.name, 60),
            engine,
            fixed,
            ratio
        );
    }
    if ratios.is_empty() {
        return Err("no scenarios to compare".into());
    }
    let mean = ratios.iter().sum::<f64>() / ratios.len() as f64;
    println!(
        "mean ratio engine/fixed over {} scenarios: {mean:.2}",
        ratios.len()
    );
    Ok(())
}

fn truncate(text: &str, width: usize) -> String {
    text.chars().take(width).collect()
}
