//! The commands of the `fixplan` CLI and the arguments they take.
//!
//! check      validate a knowledge base folder and run its scenarios
//! plan       show the plan for some observations
//! recognize  show what pasted text is recognised as
//! build      write the compiled knowledge base the widget loads
//! compare    engine plans against a fixed order, over every scenario
//! list       a knowledge base's symptoms, fixes, questions and causes
//! verify     read a compiled knowledge base as the widget will
//!
//! Standard output is written through one lock and every write is checked:
//! a reader that closes the pipe early (`| head`) ends the program quietly.

mod eval;
mod input;
mod list;
mod plan;
mod verify;

use clap::{Args, Parser, Subcommand, ValueEnum};
use fixplan::authoring::{self, scenario, Loaded};
use fixplan::compiled;
use fixplan::engine::did_you_mean;
use fixplan::{expected_minutes_of_order, recognize, KnowledgeBase};
use serde_json::json;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Check, try and build fixplan knowledge bases (folders of TOML files).
#[derive(Parser)]
#[command(name = "fixplan", version, arg_required_else_help = true)]
#[command(after_help = "Run `fixplan <command> --help` for a command's options.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// validate a knowledge base folder and run its scenarios
    ///
    /// Prints every problem as `file:line:column: error[code]: message`, the
    /// line with a caret under the culprit, and `help:`. Exits 1 on any error
    /// or failing scenario, and otherwise prints one summary line.
    Check {
        /// the knowledge base folder (its *.toml files)
        #[arg(value_name = "kb-dir")]
        dir: PathBuf,
    },
    /// show the plan for some observations
    ///
    /// Several --text are joined with newlines. An --observe of a symptom wins
    /// over what the text suggests for it, and a `note:` line says so.
    /// --json prints steps (with risk), question, expected_minutes, causes,
    /// recognized (what the text gave), notes and warnings.
    #[command(
        after_long_help = "Examples:\n  fixplan plan rules/iphone-backup --observe channel=icloud --observe storage_full\n  pbpaste | fixplan plan rules/iphone-backup --text - --json"
    )]
    Plan(PlanArgs),
    /// show what pasted text is recognised as (JSON)
    Recognize {
        /// the knowledge base folder (its *.toml files)
        #[arg(value_name = "kb-dir")]
        dir: PathBuf,
        /// the pasted message; several words are joined with spaces, and a
        /// lone - reads standard input
        #[arg(value_name = "text", required = true)]
        text: Vec<String>,
        /// the output is always JSON; accepted for scripts that pass it
        #[arg(long, hide = true)]
        json: bool,
        /// recognise with this language's phrases (default: the knowledge base's own)
        #[arg(long, value_name = "lang")]
        lang: Option<String>,
    },
    /// write the compiled knowledge base the widget loads
    ///
    /// Validates like `check` (without running the scenarios) and refuses to
    /// write a file the widget could not load.
    Build {
        /// the knowledge base folder (its *.toml files)
        #[arg(value_name = "kb-dir")]
        dir: PathBuf,
        /// where to write the compiled JSON
        #[arg(short = 'o', long = "output", value_name = "file")]
        output: PathBuf,
        /// the language to build (one file per language; default: the
        /// language the knowledge base is written in)
        #[arg(long, value_name = "lang")]
        lang: Option<String>,
    },
    /// compare the engine's plans against a fixed order, over every scenario
    Compare {
        /// the knowledge base folder (its *.toml files)
        #[arg(value_name = "kb-dir")]
        dir: PathBuf,
        /// the fixed order to compare with: fix ids separated by commas
        #[arg(long, value_name = "fix-id,fix-id,...")]
        order: String,
    },
    /// list a knowledge base's symptoms, fixes, questions and causes
    ///
    /// Symptoms with their kind and, for choices, the values --observe
    /// accepts; fixes with minutes and risk; questions with the symptom they
    /// ask and their answers; causes with their priors ("other" is
    /// something else, the cause no fix names).
    List {
        /// the knowledge base folder (its *.toml files)
        #[arg(value_name = "kb-dir")]
        dir: PathBuf,
        /// what to list; everything when left out
        #[arg(value_enum, value_name = "kind", ignore_case = true)]
        kind: Option<Kind>,
        /// print JSON: an object with one array per kind listed
        #[arg(long)]
        json: bool,
        /// titles in this language (default: the knowledge base's own)
        #[arg(long, value_name = "lang")]
        lang: Option<String>,
    },
    /// measure the plans on the story set (stories/*.toml): chips and typed text
    ///
    /// For each language: the share of stories whose plan has an expected
    /// fix first (top-1) or among the first three steps (top-3), told by the
    /// chips the reader would tap and by the text they typed, and the
    /// stories with a harmful step among the first five. Exits 1 when a
    /// figure is below the floors the story set records.
    Eval {
        /// the knowledge base folder (its *.toml files and stories/)
        #[arg(value_name = "kb-dir")]
        dir: PathBuf,
        /// only the stories in this language (en, de)
        #[arg(long, value_name = "lang")]
        lang: Option<String>,
        /// print JSON: the figures per language and every miss
        #[arg(long)]
        json: bool,
        /// list every story that misses or has a harmful step
        #[arg(long, short = 'v')]
        verbose: bool,
    },
    /// check a compiled knowledge base exactly as the widget will before deploying it
    ///
    /// Reads a file written by `fixplan build`, prints what the widget's
    /// reader finds wrong with it, and `ok: <id> <version>` when it loads.
    /// Exits 1 on any error.
    Verify {
        /// the compiled knowledge base (JSON)
        #[arg(value_name = "file")]
        file: PathBuf,
    },
}

#[derive(Args)]
pub struct PlanArgs {
    /// the knowledge base folder (its *.toml files)
    #[arg(value_name = "kb-dir")]
    pub dir: PathBuf,
    /// a symptom seen: ID for yes, ID=VALUE otherwise (a choice in any case); repeatable
    #[arg(long, value_name = "ID[=VALUE]")]
    pub observe: Vec<String>,
    /// a pasted message to recognise; repeatable; - reads standard input (1 MB at most)
    #[arg(long, value_name = "text", allow_hyphen_values = true)]
    pub text: Vec<String>,
    /// a fix already tried that did not help; repeatable
    #[arg(long, value_name = "fix")]
    pub failed: Vec<String>,
    /// print the plan as JSON
    #[arg(long)]
    pub json: bool,
    /// plan in this language (default: the knowledge base's own)
    #[arg(long, value_name = "lang")]
    pub lang: Option<String>,
}

/// What `list` shows.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Symptoms,
    Fixes,
    Questions,
    Causes,
}

/// Why a command stopped: a message for the author, or standard output
/// could not be written.
pub enum Failure {
    Message(String),
    Output(io::Error),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Message(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure::Message(message.to_string())
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Output(e)
    }
}

pub type Outcome = Result<(), Failure>;

/// Writes to standard error; a closed stderr is not worth a panic.
pub fn report(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(mut e) => {
            tip_for_a_stray_symptom(&mut e);
            // Help and --version exit 0, usage errors 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let mut out = io::stdout().lock();
    let result = match cli.command {
        Command::Verify { file } => return verify::verify(&file),
        Command::Check { dir } => check(&dir, &mut out),
        Command::Plan(args) => plan::plan(&args, &mut out),
        Command::Recognize {
            dir, text, lang, ..
        } => recognize_cmd(&dir, &text, lang.as_deref(), &mut out),
        Command::Build { dir, output, lang } => build(&dir, &output, lang.as_deref()),
        Command::Compare { dir, order } => compare(&dir, &order, &mut out),
        Command::List {
            dir,
            kind,
            json,
            lang,
        } => list::list(&dir, kind, json, lang.as_deref(), &mut out),
        Command::Eval {
            dir,
            lang,
            json,
            verbose,
        } => eval::eval(&dir, lang.as_deref(), json, verbose, &mut out),
    };
    let result = result.and_then(|()| Ok(out.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader closed the pipe (`| head`): it has what it wanted.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            report(&format!("error: writing the output: {e}\n"));
            ExitCode::FAILURE
        }
        Err(Failure::Message(message)) => {
            report(&format!("error: {message}\n"));
            ExitCode::FAILURE
        }
    }
}

/// `fixplan plan <kb-dir> storage_full`: the `--observe` was forgotten.
fn tip_for_a_stray_symptom(e: &mut clap::Error) {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument || std::env::args().nth(1).as_deref() != Some("plan")
    {
        return;
    }
    let tip = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) if !arg.starts_with('-') => {
            format!("to observe a symptom, write '--observe {arg}'")
        }
        _ => return,
    };
    e.insert(
        ContextKind::Suggested,
        ContextValue::StyledStrs(vec![tip.into()]),
    );
}

/// Loads the folder; prints diagnostics; fails if any is an error.
/// "en, de": the knowledge base's own language, then its translations'.
fn languages(kb: &KnowledgeBase, loaded: &Loaded) -> String {
    let mut all = vec![kb.lang.as_str()];
    all.extend(loaded.translations.iter().map(|t| t.lang.as_str()));
    all.join(", ")
}

/// The knowledge base in `lang`, or in its own language when none is asked.
pub fn in_lang<'k>(
    loaded: &'k Loaded,
    kb: &'k KnowledgeBase,
    lang: Option<&str>,
) -> Result<&'k KnowledgeBase, String> {
    match lang {
        None => Ok(kb),
        Some(lang) if lang == kb.lang => Ok(kb),
        Some(lang) => loaded.translations.iter().find(|t| t.lang == lang).ok_or_else(|| {
            format!(
                "the knowledge base has no '{lang}' texts; it is offered in {} (add lang/{lang}.toml)",
                languages(kb, loaded)
            )
        }),
    }
}

pub fn load(dir: &Path, quiet_warnings: bool) -> Result<(KnowledgeBase, Loaded), String> {
    let mut loaded = authoring::load_dir(dir).map_err(|e| e.to_string())?;
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    for d in &loaded.diagnostics {
        if d.is_error() || !quiet_warnings {
            report(&d.render());
        }
    }
    match loaded.kb.take() {
        Some(kb) if errors == 0 => Ok((kb, loaded)),
        _ => Err(format!(
            "{}: {errors} error(s) in the knowledge base",
            dir.display()
        )),
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

fn check(dir: &Path, out: &mut impl Write) -> Outcome {
    let (kb, loaded) = load(dir, false)?;
    compiled(&kb)?;
    for translated in &loaded.translations {
        compiled(translated)?;
    }
    let mut failed = 0;
    for s in &loaded.scenarios {
        let outcome = scenario::run(&kb, s, &loaded.files);
        for failure in &outcome.failures {
            report(&format!("[{}] {failure}\n", outcome.label));
        }
        failed += usize::from(!outcome.passed());
    }
    let warnings = loaded.diagnostics.len();
    if failed > 0 {
        return Err(format!("{failed} of {} scenarios failed", loaded.scenarios.len()).into());
    }
    writeln!(
        out,
        "{} {} ({}): {} symptoms, {} causes, {} fixes, {} questions, {} rules, {} scenarios passed{}",
        kb.id,
        kb.version,
        languages(&kb, &loaded),
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
    )?;
    Ok(())
}

fn recognize_cmd(
    dir: &Path,
    words: &[String],
    lang: Option<&str>,
    out: &mut impl Write,
) -> Outcome {
    let (source, loaded) = load(dir, true)?;
    let kb = in_lang(&loaded, &source, lang)?;
    let text = match words {
        [dash] if dash == "-" => input::read_stdin("the text")?,
        _ => words.join(" "),
    };
    if text.trim().is_empty() {
        return Err("the text to recognise is empty".into());
    }
    let found = recognize(kb, &text);
    let observations: Vec<_> = found
        .observations
        .iter()
        .map(|(s, v)| json!({ "symptom": kb.symptoms[*s].id, "value": v }))
        .collect();
    // What "Did you mean…" would offer, applied or not, best first.
    let suggestions: Vec<_> = fixplan::suggest(kb, &text, 8)
        .iter()
        .map(|s| {
            json!({
                "symptom": kb.symptoms[s.symptom].id, "value": s.value,
                "confidence": (s.confidence * 100.0).round() / 100.0,
                "words": s.words, "phrase": s.phrase, "applied": s.applied,
            })
        })
        .collect();
    writeln!(
        out,
        "{:#}",
        json!({
            "observations": observations,
            "codes": found.codes,
            "suggestions": suggestions,
            "truncated": found.truncated,
        })
    )?;
    Ok(())
}

fn build(dir: &Path, output: &Path, lang: Option<&str>) -> Outcome {
    let (kb, loaded) = load(dir, true)?;
    let kb = in_lang(&loaded, &kb, lang)?;
    let json = compiled(kb)?;
    std::fs::write(output, &json).map_err(|e| format!("{}: {e}", output.display()))?;
    report(&format!(
        "wrote {} ({} bytes): {} {} ({})\n",
        output.display(),
        json.len(),
        kb.id,
        kb.version,
        kb.lang
    ));
    Ok(())
}

fn compare(dir: &Path, order_text: &str, out: &mut impl Write) -> Outcome {
    let (kb, loaded) = load(dir, true)?;
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
    writeln!(
        out,
        "{:<60} {:>8} {:>8} {:>6}",
        "scenario", "engine", "fixed", "ratio"
    )?;
    for s in &loaded.scenarios {
        let Ok(session) = scenario::session(&kb, s) else {
            return Err(format!(
                "scenario '{}' does not load; run `fixplan check` first",
                s.name
            )
            .into());
        };
        let (situation, _) = session.situation(&kb);
        let engine = session.recommend(&kb).plan.expected_minutes;
        let fixed = expected_minutes_of_order(&kb, &situation, &order);
        let ratio = engine / fixed;
        ratios.push(ratio);
        writeln!(
            out,
            "{:<60} {:>8.1} {:>8.1} {:>6.2}",
            truncate(&s.name, 60),
            engine,
            fixed,
            ratio
        )?;
    }
    if ratios.is_empty() {
        return Err("no scenarios to compare".into());
    }
    let mean = ratios.iter().sum::<f64>() / ratios.len() as f64;
    writeln!(
        out,
        "mean ratio engine/fixed over {} scenarios: {mean:.2}",
        ratios.len()
    )?;
    Ok(())
}

fn truncate(text: &str, width: usize) -> String {
    text.chars().take(width).collect()
}
