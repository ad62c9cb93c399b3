//! The knowledge base as authors write it: serde types for its TOML files,
//! before any validation. Native only: the browser loads the compiled form.

use crate::prelude::*;

use crate::engine::Value;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// A value and, when it came from a TOML file, its byte range there
/// (documents built in code, such as synthetic ones, have none).
#[derive(Clone, Debug, Default)]
pub struct Sp<T> {
    pub value: T,
    pub span: Option<(usize, usize)>,
}

impl<T> Sp<T> {
    pub fn new(value: T) -> Self {
        Sp { value, span: None }
    }
}

impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl<T: Eq> Eq for Sp<T> {}
impl<T: Ord> PartialOrd for Sp<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T: Ord> Ord for Sp<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = serde_spanned::Spanned::<T>::deserialize(d)?;
        let span = spanned.span();
        Ok(Sp {
            value: spanned.into_inner(),
            span: Some((span.start, span.end)),
        })
    }
}

/// One file's items, or the whole merged knowledge base.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    #[serde(default)]
    pub knowledge_base: Option<MetaDoc>,
    #[serde(default, rename = "group")]
    pub groups: Vec<GroupDoc>,
    #[serde(default, rename = "symptom")]
    pub symptoms: Vec<SymptomDoc>,
    #[serde(default, rename = "cause")]
    pub causes: Vec<CauseDoc>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleDoc>,
    #[serde(default, rename = "fix")]
    pub fixes: Vec<FixDoc>,
    #[serde(default, rename = "question")]
    pub questions: Vec<QuestionDoc>,
    #[serde(default, rename = "scenario")]
    pub scenarios: Vec<ScenarioDoc>,
    #[serde(default)]
    pub synonyms: Vec<SynonymsDoc>,
    /// The files items came from, for line and column; empty for JSON.
    #[serde(skip)]
    pub files: Vec<SourceFile>,
    /// Extra `[knowledge_base]` tables, kept to report them.
    #[serde(skip)]
    pub duplicate_meta: Vec<MetaDoc>,
}

#[derive(Clone, Debug, Default)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// Where an item was written: an index into [`Document::files`].
pub type FileIndex = Option<usize>;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaDoc {
    pub id: Sp<String>,
    pub version: Sp<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub other_prior: Option<Sp<f64>>,
    #[serde(default)]
    pub error_code_symptom: Option<Sp<String>>,
    #[serde(default)]
    pub escalation: Option<Sp<String>>,
    #[serde(default)]
    pub support_cost: Option<Sp<f64>>,
    /// The language the knowledge base's files are written in (`en`
    /// when left out); `lang/<code>.toml` files translate it.
    #[serde(default)]
    pub lang: Option<Sp<String>>,
    #[serde(default)]
    pub wording: Option<WordingDoc>,
    #[serde(skip)]
    pub file: FileIndex,
}

/// The sentences the engine fills in for its reasons.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordingDoc {
    pub likely_cause: Option<String>,
    pub you_reported: Option<String>,
    pub said_no: Option<String>,
    pub something_else: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDoc {
    pub id: Sp<String>,
    #[serde(default)]
    pub title: String,
    #[serde(skip)]
    pub file: FileIndex,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SymptomDoc {
    pub id: Sp<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub kind: Option<Sp<String>>,
    #[serde(default)]
    pub group: Option<Sp<String>>,
    #[serde(default)]
    pub choices: Vec<ChoiceDoc>,
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(skip)]
    pub file: FileIndex,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceDoc {
    pub value: Sp<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// `[[synonyms]] words = ["computer", "pc", "laptop"]`: words or phrases
/// that mean the same in pasted text.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymsDoc {
    pub words: Sp<Vec<String>>,
    #[serde(skip)]
    pub file: FileIndex,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CauseDoc {
    pub id: Sp<String>,
    #[serde(default)]
    pub title: String,
    pub prior: Sp<f64>,
    #[serde(skip)]
    pub file: FileIndex,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    pub when: Sp<String>,
    pub then: Sp<EffectDoc>,
    #[serde(default)]
    pub why: String,
    #[serde(skip)]
    pub file: FileIndex,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EffectDoc {
    #[serde(default)]
    pub cause: Option<Sp<String>>,
    #[serde(default)]
    pub likelihood_ratio: Option<Sp<f64>>,
    #[serde(default)]
    pub rule_out: Option<bool>,
    #[serde(default)]
    pub fix: Option<Sp<String>>,
    #[serde(default)]
    pub exclude: Option<bool>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixDoc {
    pub id: Sp<String>,
    #[serde(default)]
    pub title: String,
    pub minutes: Sp<f64>,
    #[serde(default)]
    pub risk: Option<Sp<String>>,
    #[serde(default)]
    pub when: Option<Sp<String>>,
    #[serde(default)]
    pub requires: Option<Sp<String>>,
    #[serde(default)]
    pub repairs: Sp<BTreeMap<Sp<String>, Sp<f64>>>,
    #[serde(default)]
    pub after: Vec<Sp<String>>,
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub steps: Vec<String>,
    #[serde(skip)]
    pub file: FileIndex,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDoc {
    pub id: Sp<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub check: Option<String>,
    #[serde(default)]
    pub ask_when: Option<Sp<String>>,
    pub symptom: Sp<String>,
    pub minutes: Sp<f64>,
    #[serde(default)]
    pub answers: Sp<Vec<AnswerDoc>>,
    #[serde(skip)]
    pub file: FileIndex,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerDoc {
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub value: Option<Sp<Value>>,
    #[serde(default)]
    pub p: Option<Sp<f64>>,
    #[serde(default)]
    pub given: BTreeMap<Sp<String>, Sp<f64>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioDoc {
    pub name: String,
    #[serde(default)]
    pub story: String,
    #[serde(default)]
    pub observe: Vec<Sp<String>>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub failed: Vec<Sp<String>>,
    #[serde(default)]
    pub expect: Vec<Sp<String>>,
    #[serde(default)]
    pub within: Option<usize>,
    #[serde(default)]
    pub absent: Vec<Sp<String>>,
    #[serde(default)]
    pub not_before: BTreeMap<Sp<String>, usize>,
    #[serde(default)]
    pub question: Option<Sp<String>>,
    #[serde(skip)]
    pub file: FileIndex,
}

impl Document {
    /// Appends another file's items, remembering which file each came from.
    pub fn absorb(&mut self, mut other: Document, file: FileIndex) {
        if let Some(mut meta) = other.knowledge_base.take() {
            meta.file = file;
            if self.knowledge_base.is_none() {
                self.knowledge_base = Some(meta);
            } else {
                self.duplicate_meta.push(meta);
            }
        }
        macro_rules! take {
            ($($field:ident),*) => {$(
                self.$field.extend(other.$field.into_iter().map(|mut item| {
                    item.file = file;
                    item
                }));
            )*};
        }
        take!(groups, symptoms, causes, rules, fixes, questions, scenarios, synonyms);
    }
}
