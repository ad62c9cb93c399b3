//! What the author types: `--observe ID[=VALUE]` checked against the
//! knowledge base, and `--text` gathered from the arguments or stdin.

use fixplan::engine::{closest, did_you_mean, SymptomKind};
use fixplan::{parse_number, KnowledgeBase, Value};
use std::io::{self, Read};

/// The most `--text -` reads: a pasted message, not a log file.
pub const STDIN_LIMIT: usize = 1 << 20;

/// An `--observe` argument as (symptom index, canonical value): a choice
/// matches in any case and is recorded as the knowledge base spells it; a
/// yes/no symptom without a value means yes; a choice or number needs one.
pub fn observation(kb: &KnowledgeBase, text: &str) -> Result<(usize, Value), String> {
    let (id, given) = match text.split_once('=') {
        Some((id, value)) => (id.trim(), Some(value.trim().trim_matches('"'))),
        None => (text.trim(), None),
    };
    let Some(s) = kb.symptom_index(id) else {
        let ids = kb.symptoms.iter().map(|s| s.id.as_str());
        let hint = did_you_mean(id, ids, "see `fixplan list <kb-dir> symptoms`");
        return Err(format!("unknown symptom '{id}' in --observe: {hint}"));
    };
    let value = match (&kb.symptoms[s].kind, given) {
        (SymptomKind::Bool, None) => Value::Bool(true),
        (SymptomKind::Bool, Some(v)) => match v.to_lowercase().as_str() {
            "yes" | "true" => Value::Bool(true),
            "no" | "false" => Value::Bool(false),
            _ => {
                return Err(format!(
                    "--observe {text}: '{v}' is not a possible value of '{id}', a yes/no symptom: \
                     write {id} (yes), {id}=yes or {id}=no"
                ))
            }
        },
        (SymptomKind::Number { unit }, given) => {
            let unit = unit
                .as_ref()
                .map_or(String::new(), |u| format!(" (in {u})"));
            let example = format!("e.g. {id}=-36 or {id}=0xE8000084");
            let Some(v) = given else {
                return Err(format!(
                    "--observe {text}: '{id}' needs a number{unit}: write {id}=NUMBER, {example}"
                ));
            };
            match parse_number(v).filter(|n| n.is_finite()) {
                Some(n) => Value::Number(n),
                None => {
                    return Err(format!(
                        "--observe {text}: '{v}' is not a number; '{id}' takes a number{unit}, {example}"
                    ))
                }
            }
        }
        (SymptomKind::Choice(choices), None) => {
            return Err(format!(
                "--observe {text}: '{id}' needs a value: write {id}=VALUE with one of: {}",
                values(choices)
            ))
        }
        (SymptomKind::Choice(choices), Some(v)) => {
            let lower = v.to_lowercase();
            let found = choices
                .iter()
                .find(|c| c.value == v)
                .or_else(|| choices.iter().find(|c| c.value.to_lowercase() == lower));
            match found {
                Some(choice) => Value::Choice(choice.value.clone()),
                None => {
                    let near = closest(&lower, choices.iter().map(|c| c.value.as_str()))
                        .map_or(String::new(), |c| format!(" (did you mean '{c}'?)"));
                    return Err(format!(
                        "--observe {text}: '{v}' is not a possible value of '{id}'{near}; \
                         the values are: {}",
                        values(choices)
                    ));
                }
            }
        }
    };
    Ok((s, value))
}

fn values(choices: &[fixplan::engine::Choice]) -> String {
    let values: Vec<&str> = choices.iter().map(|c| c.value.as_str()).collect();
    values.join(", ")
}

/// The `--text` arguments joined with newlines, `-` read from standard
/// input (once); `None` when there are none.
pub fn texts(args: &[String]) -> Result<Option<String>, String> {
    if args.is_empty() {
        return Ok(None);
    }
    if args.iter().filter(|t| *t == "-").count() > 1 {
        return Err("--text - is given more than once; standard input is read only once".into());
    }
    let mut parts = Vec::with_capacity(args.len());
    for arg in args {
        parts.push(if arg == "-" {
            read_stdin("--text -")?
        } else {
            arg.clone()
        });
    }
    Ok(Some(parts.join("\n")))
}

/// Standard input as text, refused past [`STDIN_LIMIT`].
pub fn read_stdin(what: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(STDIN_LIMIT as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{what}: reading standard input: {e}"))?;
    if bytes.len() > STDIN_LIMIT {
        return Err(format!(
            "{what}: standard input is over 1 MB ({STDIN_LIMIT} bytes); paste the message, not a whole log"
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
