//! `fixplan list`: what a knowledge base holds, without reading its TOML.

use super::{in_lang, load, Kind, Outcome};
use fixplan::engine::{Answer, SymptomKind};
use fixplan::KnowledgeBase;
use serde_json::{json, Map, Value as Json};
use std::io::Write;
use std::path::Path;

const ALL: [Kind; 4] = [Kind::Symptoms, Kind::Fixes, Kind::Questions, Kind::Causes];

pub fn list(
    dir: &Path,
    kind: Option<Kind>,
    json: bool,
    lang: Option<&str>,
    out: &mut impl Write,
) -> Outcome {
    let (source, loaded) = load(dir, true)?;
    let kb = in_lang(&loaded, &source, lang)?;
    let kinds: &[Kind] = match &kind {
        Some(kind) => std::slice::from_ref(kind),
        None => &ALL,
    };
    if json {
        let mut doc = Map::new();
        for &kind in kinds {
            doc.insert(name(kind).to_string(), Json::Array(items(kb, kind)));
        }
        writeln!(out, "{:#}", Json::Object(doc))?;
        return Ok(());
    }
    for (i, &kind) in kinds.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let (header, rows) = table(kb, kind);
        writeln!(out, "{} ({})", name(kind), rows.len())?;
        write_table(out, &header, &rows)?;
    }
    Ok(())
}

fn name(kind: Kind) -> &'static str {
    match kind {
        Kind::Symptoms => "symptoms",
        Kind::Fixes => "fixes",
        Kind::Questions => "questions",
        Kind::Causes => "causes",
    }
}

/// "yes/no", "number", "number (unit)" or "choice".
fn kind_name(kind: &SymptomKind) -> String {
    match kind {
        SymptomKind::Bool => "yes/no".into(),
        SymptomKind::Number { unit: None } => "number".into(),
        SymptomKind::Number { unit: Some(unit) } => format!("number ({unit})"),
        SymptomKind::Choice(_) => "choice".into(),
    }
}

fn choice_values(kind: &SymptomKind) -> Vec<&str> {
    match kind {
        SymptomKind::Choice(choices) => choices.iter().map(|c| c.value.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// An answer as `value: label`; "I don't know" answers have no value.
fn answer_text(answer: &Answer) -> String {
    match &answer.value {
        Some(value) => format!("{value}: {}", answer.label),
        None => format!("(no value): {}", answer.label),
    }
}

/// Every cause with its prior, then "other" (something else).
fn causes(kb: &KnowledgeBase) -> impl Iterator<Item = (&str, f64, &str)> {
    let other = kb.causes.len();
    let named = kb
        .causes
        .iter()
        .map(|c| (c.id.as_str(), c.prior, c.title.as_str()));
    named.chain(std::iter::once((
        kb.cause_id(other),
        kb.other_prior,
        kb.cause_title(other),
    )))
}

fn table(kb: &KnowledgeBase, kind: Kind) -> (Vec<&'static str>, Vec<Vec<String>>) {
    match kind {
        Kind::Symptoms => (
            vec!["id", "kind", "values", "title"],
            kb.symptoms
                .iter()
                .map(|s| {
                    vec![
                        s.id.clone(),
                        kind_name(&s.kind),
                        choice_values(&s.kind).join(", "),
                        s.title.clone(),
                    ]
                })
                .collect(),
        ),
        Kind::Fixes => (
            vec!["id", "minutes", "risk", "title"],
            kb.fixes
                .iter()
                .map(|f| {
                    vec![
                        f.id.clone(),
                        f.minutes.to_string(),
                        f.risk.as_str().to_string(),
                        f.title.clone(),
                    ]
                })
                .collect(),
        ),
        Kind::Questions => (
            vec!["id", "symptom", "answers"],
            kb.questions
                .iter()
                .map(|q| {
                    let answers: Vec<String> = q.answers.iter().map(answer_text).collect();
                    vec![
                        q.id.clone(),
                        kb.symptoms[q.symptom].id.clone(),
                        answers.join(" | "),
                    ]
                })
                .collect(),
        ),
        Kind::Causes => (
            vec!["id", "prior", "title"],
            causes(kb)
                .map(|(id, prior, title)| {
                    vec![id.to_string(), prior.to_string(), title.to_string()]
                })
                .collect(),
        ),
    }
}

fn items(kb: &KnowledgeBase, kind: Kind) -> Vec<Json> {
    match kind {
        Kind::Symptoms => kb
            .symptoms
            .iter()
            .map(|s| {
                let (kind, unit) = match &s.kind {
                    SymptomKind::Bool => ("bool", None),
                    SymptomKind::Number { unit } => ("number", unit.as_deref()),
                    SymptomKind::Choice(_) => ("choice", None),
                };
                json!({ "id": s.id, "kind": kind, "unit": unit,
                        "values": choice_values(&s.kind), "title": s.title })
            })
            .collect(),
        Kind::Fixes => kb
            .fixes
            .iter()
            .map(|f| json!({ "id": f.id, "minutes": f.minutes, "risk": f.risk.as_str(), "title": f.title }))
            .collect(),
        Kind::Questions => kb
            .questions
            .iter()
            .map(|q| {
                let answers: Vec<Json> = q
                    .answers
                    .iter()
                    .map(|a| json!({ "label": a.label, "value": a.value }))
                    .collect();
                json!({ "id": q.id, "symptom": kb.symptoms[q.symptom].id,
                        "text": q.text, "answers": answers })
            })
            .collect(),
        Kind::Causes => causes(kb)
            .map(|(id, prior, title)| json!({ "id": id, "prior": prior, "title": title }))
            .collect(),
    }
}

/// Columns padded to their widest cell, two spaces apart; the last column
/// is not padded, so long titles do not push the others.
fn write_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> Outcome {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header: Vec<String> = header.iter().map(|h| h.to_uppercase()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::from(" ");
        for (cell, w) in row.iter().zip(&widths) {
            line.push(' ');
            line.push_str(cell);
            let pad = w.saturating_sub(cell.chars().count()) + 1;
            line.extend(std::iter::repeat_n(' ', pad));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
