//! Reading the compiled form: shape, bounds, probabilities, costs and
//! ordering cycles are checked; every error names its list and item.

use crate::prelude::*;

use super::{code, COMPILED_FORMAT, OPS};
use crate::base::json::{self, Json};
use crate::engine::*;

/// Reads a compiled knowledge base: its shape and bounds here, then its
/// meaning by the engine's [`validate()`], exactly as authoring checks its
/// sources. The authors' warnings were shown when it was built.
pub fn from_json(text: &str) -> (Option<KnowledgeBase>, Vec<Diagnostic>) {
    let problem = |code, message, help: &str| (None, vec![Diagnostic::error(code, message, help)]);
    let rebuild = "build it with `fixplan build`";
    let json = match json::parse(text) {
        Ok(json) => json,
        Err(e) => {
            return problem(
                Code::InvalidJson,
                format!("the knowledge base is not valid JSON: {e}"),
                rebuild,
            )
        }
    };
    let format = json.get("format").and_then(Json::as_f64);
    if format != Some(f64::from(COMPILED_FORMAT)) {
        return problem(
            Code::UnsupportedFormat,
            "the knowledge base is not in this widget's compiled format".into(),
            "rebuild the knowledge base with this version of `fixplan build`",
        );
    }
    match parts(&json).and_then(|(model, strings)| read(&model, &strings)) {
        Ok(kb) => {
            let problems: Vec<Diagnostic> =
                validate(&kb).iter().map(|p| p.to_diagnostic()).collect();
            if problems.is_empty() {
                (Some(kb), problems)
            } else {
                (None, problems)
            }
        }
        Err(e) => problem(
            Code::InvalidKnowledgeBase,
            format!("the knowledge base is damaged: {e}"),
            rebuild,
        ),
    }
}

type Read<T> = Result<T, String>;

/// The file's two lists: every number of the model, every text.
fn parts<'j>(json: &'j Json) -> Read<(Vec<f64>, Vec<&'j str>)> {
    let list = |key: &str| {
        json.get(key)
            .and_then(Json::as_array)
            .ok_or_else(|| format!("'{key}' is not a list"))
    };
    let mut model = Vec::new();
    for (i, n) in list("model")?.iter().enumerate() {
        model.push(
            n.as_f64()
                .ok_or_else(|| format!("model[{i}] is not a number"))?,
        );
    }
    let mut strings = Vec::new();
    for (i, s) in list("strings")?.iter().enumerate() {
        strings.push(
            s.as_str()
                .ok_or_else(|| format!("strings[{i}] is not text"))?,
        );
    }
    Ok((model, strings))
}

/// How deep conditions may nest: deeper would risk the reader's stack, and
/// `fixplan build` flattens `and`/`or` chains, so authored ones stay shallow.
const MAX_DEPTH: usize = crate::engine::validate::MAX_CONDITION_DEPTH;

/// A cursor over the model.
#[derive(Clone, Copy)]
struct Model<'m> {
    numbers: &'m [f64],
    strings: &'m [&'m str],
    at: usize,
    depth: usize,
    /// Texts come into use in order: how many have been so far.
    next_text: usize,
}

fn show(n: f64) -> String {
    Json::Number(n).to_text()
}

impl Model<'_> {
    fn number(&mut self) -> Read<f64> {
        let n = self.numbers.get(self.at).copied();
        self.at += 1;
        n.ok_or_else(|| "the model ends early".into())
    }

    /// The next number, if it marks a left-out optional item (-1).
    fn none(&mut self) -> bool {
        let none = self.numbers.get(self.at) == Some(&code::NONE);
        self.at += usize::from(none);
        none
    }

    fn index(&mut self, len: usize, what: &str) -> Read<usize> {
        let n = self.number()?;
        if n >= 0.0 && crate::base::num::is_whole(n) && n < len as f64 {
            Ok(n as usize)
        } else {
            Err(format!("{} is not a {what} index", show(n)))
        }
    }

    fn opt_index(&mut self, len: usize, what: &str) -> Read<Option<usize>> {
        if self.none() {
            return Ok(None);
        }
        self.index(len, what).map(Some)
    }

    /// A list's length: no more than the numbers left, so a damaged count
    /// cannot make the reader reserve much memory.
    fn count(&mut self) -> Read<usize> {
        let left = self.numbers.len().saturating_sub(self.at);
        self.index(left, "count")
    }

    fn text(&mut self) -> Read<String> {
        let i = if self.numbers.get(self.at) == Some(&code::NEXT_TEXT) {
            self.at += 1;
            self.next_text += 1;
            self.next_text - 1
        } else {
            self.index(self.next_text, "text")?
        };
        match self.strings.get(i) {
            Some(text) => Ok(text.to_string()),
            None => Err(format!("text {i} is past the end of the strings")),
        }
    }

    fn opt_text(&mut self) -> Read<Option<String>> {
        if self.none() {
            return Ok(None);
        }
        self.text().map(Some)
    }

    fn texts(&mut self, name: &str) -> Read<Vec<String>> {
        let n = self.count()?;
        self.items(name, n, Self::text)
    }

    fn probability(&mut self, what: &str) -> Read<f64> {
        let p = self.number()?;
        if (0.0..=1.0).contains(&p) {
            Ok(p)
        } else {
            Err(format!("{what} {} is not between 0 and 1", show(p)))
        }
    }

    fn positive(&mut self, what: &str) -> Read<f64> {
        let x = self.number()?;
        if x > 0.0 && x.is_finite() {
            Ok(x)
        } else {
            Err(format!("{what} {} is not a positive number", show(x)))
        }
    }

    /// `n` items, naming the failing one: `repairs[2]: …`, or with the
    /// item's id when it starts with one: `fixes[3] (swap_cable): …`.
    fn items<T>(
        &mut self,
        name: &str,
        n: usize,
        mut read: impl FnMut(&mut Self) -> Read<T>,
    ) -> Read<Vec<T>> {
        let mut out = Vec::with_capacity(n.min(self.numbers.len()));
        for i in 0..n {
            let start = *self;
            match read(self) {
                Ok(item) => out.push(item),
                Err(e) => return Err(start.name_item(e, name, i)),
            }
        }
        Ok(out)
    }

    /// Names the item that starts here. Not generic, so the message is
    /// built by one function, not one per type.
    #[inline(never)]
    fn name_item(mut self, e: String, name: &str, i: usize) -> String {
        let id = match name {
            "groups" | "symptoms" | "causes" | "fixes" | "questions" => self.text().ok(),
            _ => None,
        };
        match id {
            Some(id) => format!("{name}[{i}] ({id}): {e}"),
            None => format!("{name}[{i}]: {e}"),
        }
    }

    fn value(&mut self) -> Read<Value> {
        Ok(match self.index(3, "value kind")? {
            0 => match self.number()? {
                0.0 => Value::Bool(false),
                1.0 => Value::Bool(true),
                n => return Err(format!("{} is not 0 or 1", show(n))),
            },
            1 => Value::Number(self.number()?),
            _ => Value::Choice(self.text()?),
        })
    }

    fn cond(&mut self, sizes: &Sizes) -> Read<Cond> {
        if self.depth >= MAX_DEPTH {
            return Err("conditions are nested too deeply".into());
        }
        self.depth += 1;
        let cond = self.cond_inner(sizes);
        self.depth -= 1;
        cond
    }

    fn cond_inner(&mut self, sizes: &Sizes) -> Read<Cond> {
        let op = self.index(code::COMPARE as usize + OPS.len(), "condition code")?;
        let nested = |m: &mut Self| {
            let n = m.count()?;
            m.items("parts", n, |m| m.cond(sizes))
        };
        Ok(match op as f64 {
            code::FALSE => Cond::Const(false),
            code::TRUE => Cond::Const(true),
            code::FLAG => Cond::Flag(self.index(sizes.symptoms, "symptom")?),
            code::NOT => Cond::Not(Box::new(self.cond(sizes)?)),
            code::AND => Cond::And(nested(self)?),
            code::OR => Cond::Or(nested(self)?),
            code::IN => {
                let symptom = self.index(sizes.symptoms, "symptom")?;
                let n = self.count()?;
                Cond::In(symptom, self.items("values", n, Self::value)?)
            }
            _ => {
                let op = OPS[op - code::COMPARE as usize];
                Cond::Compare(self.index(sizes.symptoms, "symptom")?, op, self.value()?)
            }
        })
    }
}

/// How many of each item there are, for bounds checks.
struct Sizes {
    groups: usize,
    symptoms: usize,
    beliefs: usize,
    fixes: usize,
}

fn read(numbers: &[f64], strings: &[&str]) -> Read<KnowledgeBase> {
    let m = &mut Model {
        numbers,
        strings,
        at: 0,
        depth: 0,
        next_text: 0,
    };
    let mut counts = [0; 6];
    for c in &mut counts {
        *c = m.count()?;
    }
    let [groups, symptoms, causes, rules, fixes, questions] = counts;
    let sizes = Sizes {
        groups,
        symptoms,
        beliefs: causes + 1,
        fixes,
    };
    let id = m.text()?;
    let version = m.text()?;
    let lang = m.text()?;
    let title = m.text()?;
    let wording = Wording {
        likely_cause: m.text()?,
        you_reported: m.text()?,
        said_no: m.text()?,
        something_else: m.text()?,
    };
    let other_prior = m.positive("other_prior")?;
    let error_code_symptom = m.opt_index(symptoms, "symptom")?;
    let escalation = m.opt_index(fixes, "fix")?;
    let support_cost = m.number()?;
    let groups = m.items("groups", groups, |m| {
        Ok(Group {
            id: m.text()?,
            title: m.text()?,
        })
    })?;
    let symptoms = m.items("symptoms", symptoms, |m| read_symptom(m, &sizes))?;
    let causes = m.items("causes", causes, |m| {
        Ok(Cause {
            id: m.text()?,
            title: m.text()?,
            prior: m.probability("prior")?,
        })
    })?;
    let rules = m.items("rules", rules, |m| read_rule(m, &sizes))?;
    let fixes = m.items("fixes", fixes, |m| read_fix(m, &sizes))?;
    let questions = m.items("questions", questions, |m| read_question(m, &sizes))?;
    let n = m.count()?;
    let synonyms = m.items("synonyms", n, |m| m.texts("words"))?;
    if m.at != numbers.len() {
        return Err(format!(
            "{} numbers are left over after the model",
            numbers.len() - m.at
        ));
    }
    if m.next_text != strings.len() {
        return Err(format!(
            "{} of the strings are never used",
            strings.len() - m.next_text
        ));
    }
    let mut kb = KnowledgeBase {
        id,
        version,
        lang,
        title,
        wording,
        groups,
        symptoms,
        causes,
        rules,
        fixes,
        questions,
        other_prior,
        error_code_symptom,
        escalation,
        support_cost,
        synonyms,
        index: Index::default(),
    };
    kb.index = crate::engine::index::build(&kb, ids(&kb));
    Ok(kb)
}

/// Every item's id, for lookups by id.
fn ids(kb: &KnowledgeBase) -> Vec<(String, ItemRef)> {
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
    items.map(|(id, item)| (id.clone(), item)).collect()
}

// The item readers stay functions of their own (`inline(never)`): inlined
// into `read`, they made the wasm larger.
#[inline(never)]
fn read_symptom(m: &mut Model, sizes: &Sizes) -> Read<Symptom> {
    let id = m.text()?;
    let title = m.text()?;
    let group = m.opt_index(sizes.groups, "group")?;
    let phrases = m.texts("phrases")?;
    let kind = match m.index(3, "symptom kind")? {
        0 => SymptomKind::Bool,
        1 => SymptomKind::Number {
            unit: m.opt_text()?,
        },
        _ => {
            let n = m.count()?;
            SymptomKind::Choice(m.items("choices", n, |m| {
                Ok(Choice {
                    value: m.text()?,
                    title: m.text()?,
                    phrases: m.texts("phrases")?,
                })
            })?)
        }
    };
    Ok(Symptom {
        id,
        title,
        kind,
        group,
        phrases,
    })
}

#[inline(never)]
fn read_rule(m: &mut Model, sizes: &Sizes) -> Read<Rule> {
    let when = m.cond(sizes)?;
    let effect = match m.index(3, "effect kind")? {
        0 => Effect::Likelihood {
            cause: m.index(sizes.beliefs, "cause")?,
            ratio: m.positive("likelihood ratio")?,
        },
        1 => Effect::RuleOut {
            cause: m.index(sizes.beliefs, "cause")?,
        },
        _ => Effect::Exclude {
            fix: m.index(sizes.fixes, "fix")?,
        },
    };
    let mut symptoms = Vec::new();
    when.symptoms(&mut symptoms);
    crate::base::sort::sort_by(&mut symptoms, |a, b| a < b);
    symptoms.dedup();
    Ok(Rule {
        when,
        effect,
        why: m.text()?,
        symptoms,
    })
}

#[inline(never)]
fn read_fix(m: &mut Model, sizes: &Sizes) -> Read<Fix> {
    let id = m.text()?;
    let title = m.text()?;
    let minutes = m.positive("minutes")?;
    let risk = match m.index(3, "risk")? {
        0 => Risk::Safe,
        1 => Risk::Caution,
        _ => Risk::DataRisk,
    };
    let mut cond = || -> Read<Option<Cond>> {
        if m.none() {
            return Ok(None);
        }
        m.cond(sizes).map(Some)
    };
    let when = cond()?;
    let requires = cond()?;
    let n = m.count()?;
    let repairs = m.items("repairs", n, |m| {
        Ok((
            m.index(sizes.beliefs, "cause")?,
            m.probability("repair probability")?,
        ))
    })?;
    let n = m.count()?;
    let after = m.items("after", n, |m| m.index(sizes.fixes, "fix"))?;
    Ok(Fix {
        id,
        title,
        minutes,
        risk,
        when,
        requires,
        repairs,
        after,
        why: m.opt_text()?,
        steps: m.texts("steps")?,
    })
}

#[inline(never)]
fn read_question(m: &mut Model, sizes: &Sizes) -> Read<Question> {
    let id = m.text()?;
    let text = m.text()?;
    let check = m.opt_text()?;
    let ask_when = if m.none() { None } else { Some(m.cond(sizes)?) };
    let symptom = m.index(sizes.symptoms, "symptom")?;
    let minutes = m.positive("minutes")?;
    let n = m.count()?;
    let answers = m.items("answers", n, |m| {
        let label = m.text()?;
        let value = if m.none() { None } else { Some(m.value()?) };
        let mut likelihood = Vec::with_capacity(sizes.beliefs.min(m.numbers.len()));
        for _ in 0..sizes.beliefs {
            likelihood.push(m.probability("likelihood")?);
        }
        Ok(Answer {
            label,
            value,
            likelihood,
        })
    })?;
    Ok(Question {
        id,
        text,
        check,
        ask_when,
        symptom,
        minutes,
        answers,
    })
}
