//! Reading the compiled form: shape, bounds, probabilities, costs and
//! ordering cycles are checked; every error names its list and item.

use super::{COMPILED_FORMAT, OPS};
use crate::expr::Cond;
use crate::json::{self, Json};
use crate::kb::diag::Diagnostic;
use crate::kb::*;
use crate::value::Value;

/// Reads a compiled knowledge base. Shape, bounds, probabilities, costs and
/// ordering are checked; the authors' warnings were shown when it was built.
pub fn from_json(text: &str) -> (Option<KnowledgeBase>, Vec<Diagnostic>) {
    let problem = |code, message, help: &str| (None, vec![Diagnostic::error(code, message, help)]);
    let rebuild = "build it with `fixplan build`";
    let json = match json::parse(text) {
        Ok(json) => json,
        Err(e) => {
            return problem(
                "invalid-json",
                format!("the knowledge base is not valid JSON: {e}"),
                rebuild,
            )
        }
    };
    let format = json.get("format").and_then(Json::as_f64);
    if format != Some(f64::from(COMPILED_FORMAT)) {
        return problem(
            "unsupported-format",
            "the knowledge base is not in this widget's compiled format".into(),
            "rebuild the knowledge base with this version of `fixplan build`",
        );
    }
    match read(&json) {
        Ok(kb) => (Some(kb), Vec::new()),
        Err(e) => problem(
            "invalid-knowledge-base",
            format!("the knowledge base is damaged: {e}"),
            rebuild,
        ),
    }
}

type Read<T> = Result<T, String>;

fn field<'a, 't>(obj: &'a Json<'t>, key: &str) -> Read<&'a Json<'t>> {
    obj.get(key).ok_or_else(|| format!("'{key}' is missing"))
}

fn text(obj: &Json, key: &str) -> Read<String> {
    field(obj, key)?
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("'{key}' is not text"))
}

fn opt_text(obj: &Json, key: &str) -> Read<Option<String>> {
    match obj.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(_) => text(obj, key).map(Some),
    }
}

fn number(obj: &Json, key: &str) -> Read<f64> {
    field(obj, key)?
        .as_f64()
        .ok_or_else(|| format!("'{key}' is not a number"))
}

/// A list that may be left out when empty.
fn list<'a, 't>(obj: &'a Json<'t>, key: &str) -> Read<&'a [Json<'t>]> {
    match obj.get(key) {
        None => Ok(&[]),
        Some(v) => v.as_array().ok_or_else(|| format!("'{key}' is not a list")),
    }
}

fn texts(obj: &Json, key: &str) -> Read<Vec<String>> {
    each(list(obj, key)?, key, |t| {
        t.as_str().map(str::to_string).ok_or("not text".into())
    })
}

/// Reads every item of a list, naming the failing one. A loop, not
/// `collect::<Result<_>>()`, whose adapters weigh on the browser build.
fn each<T>(items: &[Json], list: &str, read: impl Fn(&Json) -> Read<T>) -> Read<Vec<T>> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(at(read(item), list, i, item)?);
    }
    Ok(out)
}

fn index(v: &Json, len: usize, what: &str) -> Read<usize> {
    match v.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n < len as f64 => Ok(n as usize),
        _ => Err(format!("{} is not a {what} index", v.to_text())),
    }
}

fn opt_index(obj: &Json, key: &str, len: usize, what: &str) -> Read<Option<usize>> {
    match obj.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(v) => index(v, len, what).map(Some),
    }
}

fn probability(p: f64, what: &str) -> Read<f64> {
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!(
            "{what} {} is not between 0 and 1",
            Json::Number(p).to_text()
        ))
    }
}

fn positive(x: f64, what: &str) -> Read<f64> {
    if x > 0.0 && x.is_finite() {
        Ok(x)
    } else {
        Err(format!(
            "{what} {} is not a positive number",
            Json::Number(x).to_text()
        ))
    }
}

fn value(v: &Json) -> Read<Value> {
    Value::from_json(v).ok_or_else(|| format!("{} is not a value", v.to_text()))
}

/// Names an item in an error: `fixes[3] (swap_cable)`.
fn at<T>(result: Read<T>, list: &str, i: usize, item: &Json) -> Read<T> {
    result.map_err(|e| name_item(e, list, i, item))
}

/// Not generic, so the message is built by one function, not one per type.
#[inline(never)]
fn name_item(e: String, list: &str, i: usize, item: &Json) -> String {
    match item.get("id").and_then(Json::as_str) {
        Some(id) => format!("{list}[{i}] ({id}): {e}"),
        None => format!("{list}[{i}]: {e}"),
    }
}

fn read(json: &Json) -> Read<KnowledgeBase> {
    let groups = each(list(json, "groups")?, "groups", |g| {
        Ok(Group {
            id: text(g, "id")?,
            title: text(g, "title")?,
        })
    })?;
    let symptoms = each(list(json, "symptoms")?, "symptoms", |s| {
        read_symptom(s, groups.len())
    })?;
    let causes = each(list(json, "causes")?, "causes", |c| {
        Ok(Cause {
            id: text(c, "id")?,
            title: text(c, "title")?,
            prior: probability(number(c, "prior")?, "prior")?,
        })
    })?;
    let fix_count = list(json, "fixes")?.len();
    let sizes = Sizes {
        symptoms: symptoms.len(),
        beliefs: causes.len() + 1,
        fixes: fix_count,
    };
    let rules = each(list(json, "rules")?, "rules", |r| read_rule(r, &sizes))?;
    let fixes = each(list(json, "fixes")?, "fixes", |f| read_fix(f, &sizes))?;
    let questions = each(list(json, "questions")?, "questions", |q| {
        read_question(q, &sizes)
    })?;
    let mut kb = KnowledgeBase {
        id: text(json, "id")?,
        version: text(json, "version")?,
        title: text(json, "title")?,
        groups,
        symptoms,
        causes,
        rules,
        fixes,
        questions,
        other_prior: positive(number(json, "other_prior")?, "other_prior")?,
        error_code_symptom: opt_index(json, "error_code_symptom", sizes.symptoms, "symptom")?,
        escalation: opt_index(json, "escalation", sizes.fixes, "fix")?,
        index: Index::default(),
    };
    if let Some(s) = kb.error_code_symptom {
        if !matches!(kb.symptoms[s].kind, SymptomKind::Number { .. }) {
            return Err("error_code_symptom is not a number symptom".into());
        }
    }
    let ids = register_ids(&kb)?;
    kb.index = crate::kb::index::build(&kb, ids);
    if let Some(cycle) = crate::kb::index::cycles(&kb.index.before).first() {
        let names: Vec<&str> = cycle.iter().map(|&f| kb.fixes[f].id.as_str()).collect();
        return Err(format!("ordering cycle among {}", names.join(", ")));
    }
    Ok(kb)
}

/// How many of each item there are, for bounds checks.
struct Sizes {
    symptoms: usize,
    beliefs: usize,
    fixes: usize,
}

fn register_ids(kb: &KnowledgeBase) -> Read<Vec<(String, ItemRef)>> {
    let items = (kb.symptoms.iter().enumerate())
        .map(|(i, s)| (&s.id, ItemRef::Symptom(i)))
        .chain(
            kb.causes
                .iter()
                .enumerate()
                .map(|(i, c)| (&c.id, ItemRef::Cause(i))),
        )
        .chain(
            kb.fixes
                .iter()
                .enumerate()
                .map(|(i, f)| (&f.id, ItemRef::Fix(i))),
        )
        .chain((kb.questions.iter().enumerate()).map(|(i, q)| (&q.id, ItemRef::Question(i))));
    let mut ids: Vec<(String, ItemRef)> = items.map(|(id, item)| (id.clone(), item)).collect();
    crate::sort::sort_by(&mut ids, |a, b| a.0 < b.0);
    match ids.windows(2).find(|pair| pair[0].0 == pair[1].0) {
        Some(pair) => Err(format!("the id '{}' is used twice", pair[0].0)),
        None => Ok(ids),
    }
}

fn read_symptom(s: &Json, groups: usize) -> Read<Symptom> {
    let kind = match opt_text(s, "kind")?.as_deref() {
        None | Some("bool") => SymptomKind::Bool,
        Some("number") => SymptomKind::Number {
            unit: opt_text(s, "unit")?,
        },
        Some("choice") => SymptomKind::Choice(each(list(s, "choices")?, "choices", |c| {
            Ok(Choice {
                value: text(c, "value")?,
                title: text(c, "title")?,
                phrases: texts(c, "phrases")?,
            })
        })?),
        Some(other) => return Err(format!("kind '{other}' is not bool, number or choice")),
    };
    Ok(Symptom {
        id: text(s, "id")?,
        title: text(s, "title")?,
        kind,
        group: opt_index(s, "group", groups, "group")?,
        phrases: texts(s, "phrases")?,
    })
}

fn read_rule(r: &Json, sizes: &Sizes) -> Read<Rule> {
    let when = read_cond(field(r, "when")?, sizes)?;
    let then = field(r, "then")?.as_array().ok_or("'then' is not a list")?;
    let arg = |i: usize, len: usize, what: &str| -> Read<usize> {
        index(then.get(i).unwrap_or(&Json::Null), len, what)
    };
    let effect = match then.first().and_then(Json::as_str) {
        Some("ratio") => Effect::Likelihood {
            cause: arg(1, sizes.beliefs, "cause")?,
            ratio: positive(
                then.get(2).and_then(Json::as_f64).unwrap_or(f64::NAN),
                "likelihood ratio",
            )?,
        },
        Some("rule_out") => Effect::RuleOut {
            cause: arg(1, sizes.beliefs, "cause")?,
        },
        Some("exclude") => Effect::Exclude {
            fix: arg(1, sizes.fixes, "fix")?,
        },
        _ => return Err("'then' is not ratio, rule_out or exclude".into()),
    };
    let mut symptoms = Vec::new();
    when.symptoms(&mut symptoms);
    crate::sort::sort_by(&mut symptoms, |a, b| a < b);
    symptoms.dedup();
    Ok(Rule {
        when,
        effect,
        why: text(r, "why")?,
        symptoms,
    })
}

fn read_fix(f: &Json, sizes: &Sizes) -> Read<Fix> {
    let risk = match text(f, "risk")?.as_str() {
        "safe" => Risk::Safe,
        "caution" => Risk::Caution,
        "data_risk" => Risk::DataRisk,
        other => return Err(format!("risk '{other}' is not safe, caution or data_risk")),
    };
    let cond = |key: &str| -> Read<Option<Cond>> {
        match f.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(c) => read_cond(c, sizes).map(Some),
        }
    };
    let repairs = each(list(f, "repairs")?, "repairs", |pair| {
        match pair.as_array() {
            Some([cause, p]) => Ok((
                index(cause, sizes.beliefs, "cause")?,
                probability(p.as_f64().unwrap_or(f64::NAN), "repair probability")?,
            )),
            _ => Err("not a [cause, probability] pair".into()),
        }
    })?;
    let after = each(list(f, "after")?, "after", |a| index(a, sizes.fixes, "fix"))?;
    Ok(Fix {
        id: text(f, "id")?,
        title: text(f, "title")?,
        minutes: positive(number(f, "minutes")?, "minutes")?,
        risk,
        when: cond("when")?,
        requires: cond("requires")?,
        repairs,
        after,
        why: opt_text(f, "why")?,
        steps: texts(f, "steps")?,
    })
}

fn read_question(q: &Json, sizes: &Sizes) -> Read<Question> {
    let answers = each(list(q, "answers")?, "answers", |a| {
        let likelihood = each(list(a, "likelihood")?, "likelihood", |p| {
            probability(p.as_f64().unwrap_or(f64::NAN), "likelihood")
        })?;
        if likelihood.len() != sizes.beliefs {
            return Err(format!(
                "an answer has {} likelihoods, not one per cause and one for something else ({})",
                likelihood.len(),
                sizes.beliefs
            ));
        }
        let value = match field(a, "value")? {
            Json::Null => None,
            v => Some(value(v)?),
        };
        Ok(Answer {
            label: text(a, "label")?,
            value,
            likelihood,
        })
    })?;
    Ok(Question {
        id: text(q, "id")?,
        text: text(q, "text")?,
        symptom: index(field(q, "symptom")?, sizes.symptoms, "symptom")?,
        minutes: positive(number(q, "minutes")?, "minutes")?,
        answers,
    })
}

fn read_cond(c: &Json, sizes: &Sizes) -> Read<Cond> {
    let bad = || format!("{} is not a condition", c.to_text());
    let parts = match c {
        Json::Bool(b) => return Ok(Cond::Const(*b)),
        Json::Array(parts) => parts,
        _ => return Err(bad()),
    };
    let head = parts.first().and_then(Json::as_str).ok_or_else(bad)?;
    let symptom = || {
        index(
            parts.get(1).unwrap_or(&Json::Null),
            sizes.symptoms,
            "symptom",
        )
    };
    let nested = || each(&parts[1..], head, |p| read_cond(p, sizes));
    Ok(match (head, parts.len()) {
        ("flag", 2) => Cond::Flag(symptom()?),
        ("in", 3) => Cond::In(
            symptom()?,
            each(parts[2].as_array().ok_or_else(bad)?, "in", value)?,
        ),
        ("not", 2) => Cond::Not(Box::new(read_cond(&parts[1], sizes)?)),
        ("and", _) => Cond::And(nested()?),
        ("or", _) => Cond::Or(nested()?),
        (op, 3) => match OPS.iter().find(|(name, _)| *name == op) {
            Some(&(_, op)) => Cond::Compare(symptom()?, op, value(&parts[2])?),
            None => return Err(bad()),
        },
        _ => return Err(bad()),
    })
}
