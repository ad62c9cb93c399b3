//! `fixplan eval`: the story set, told by chips and typed as the readers
//! wrote it, against the plan's first steps.

use super::{load, Failure, Outcome};
use fixplan::authoring::stories::{self, Floors};
use serde_json::json;
use std::io::Write;
use std::path::Path;

pub fn eval(
    dir: &Path,
    lang: Option<&str>,
    json: bool,
    verbose: bool,
    out: &mut impl Write,
) -> Outcome {
    let (kb, loaded) = load(dir, true)?;
    let set = stories::load_stories(dir)?;
    let chosen: Vec<_> = (set.stories.iter())
        .filter(|s| lang.is_none_or(|l| s.lang == l))
        .collect();
    if chosen.is_empty() {
        return Err(format!("{}: no stories in stories/*.toml", dir.display()).into());
    }
    let mut outcomes = Vec::new();
    for story in chosen {
        // A story is read by the knowledge base in its language, where
        // there is one; otherwise by the knowledge base's own.
        let kb = loaded.in_lang(&story.lang).unwrap_or(&kb);
        outcomes.push(stories::evaluate(kb, story)?);
    }
    let summaries = stories::summarise(&outcomes);
    let shortfalls: Vec<String> = (summaries.iter())
        .flat_map(|s| s.shortfalls(set.floors.get(&s.lang).unwrap_or(&Floors::default())))
        .collect();
    if json {
        let rows: Vec<_> = summaries
            .iter()
            .map(|s| {
                json!({
                    "lang": s.lang, "stories": s.stories,
                    "chips": { "top1": s.share(s.chips_top1), "top3": s.share(s.chips_top3), "harmful": s.chips_harmful },
                    "text": { "top1": s.share(s.text_top1), "top3": s.share(s.text_top3), "harmful": s.text_harmful },
                })
            })
            .collect();
        let misses: Vec<_> = outcomes
            .iter()
            .filter(|o| !o.chips.top3 || !o.text.top3 || !o.chips.harmful.is_empty() || !o.text.harmful.is_empty())
            .map(|o| {
                json!({
                    "id": o.id, "lang": o.lang,
                    "chips": { "top3": o.chips.top3, "first": o.chips.first, "harmful": o.chips.harmful },
                    "text": { "top3": o.text.top3, "first": o.text.first, "harmful": o.text.harmful, "recognized": o.text.observed },
                })
            })
            .collect();
        writeln!(
            out,
            "{:#}",
            json!({ "languages": rows, "misses": misses, "shortfalls": shortfalls })
        )?;
    } else {
        writeln!(out, "lang  stories  chips top-1  chips top-3  typed top-1  typed top-3  harmful (chips/typed)")?;
        for s in &summaries {
            let pct = |n: usize| format!("{:.1} %", 100.0 * s.share(n));
            writeln!(
                out,
                "{:<4}  {:>7}  {:>11}  {:>11}  {:>11}  {:>11}  {}/{}",
                s.lang,
                s.stories,
                pct(s.chips_top1),
                pct(s.chips_top3),
                pct(s.text_top1),
                pct(s.text_top3),
                s.chips_harmful,
                s.text_harmful
            )?;
        }
        if verbose {
            for o in &outcomes {
                for (how, a) in [("chips", &o.chips), ("typed", &o.text)] {
                    if a.top3 && a.harmful.is_empty() {
                        continue;
                    }
                    let why = if a.harmful.is_empty() { "miss" } else { "HARM" };
                    writeln!(
                        out,
                        "{why} [{how}] {}: first {}; observed {}{}",
                        o.id,
                        a.first.join(", "),
                        if a.observed.is_empty() {
                            "nothing".to_string()
                        } else {
                            a.observed.join(", ")
                        },
                        if a.harmful.is_empty() {
                            String::new()
                        } else {
                            format!("; harmful {}", a.harmful.join(", "))
                        }
                    )?;
                }
            }
        }
    }
    if shortfalls.is_empty() {
        Ok(())
    } else {
        Err(Failure::Message(shortfalls.join("\n")))
    }
}
