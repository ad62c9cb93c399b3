//! Translations: `lang/<code>.toml` gives every reader-facing text of a
//! knowledge base in another language, keyed by item id (rules, which have
//! no id, by their text in the source language). Every text must be there:
//! a reader must never meet half their language and half another. Phrases
//! are added to the source language's, since readers paste messages in
//! whatever language their devices speak.
//!
//! ```toml
//! [knowledge_base]
//! title = "iPhone-Backup funktioniert nicht"
//!
//! [wording]
//! likely_cause = "Wahrscheinliche Ursache: {cause} ({percent} %)"
//! you_reported = "{why} (Sie sagten: {reported})"
//! said_no = "{symptom}: nein"
//!
//! [groups]
//! channel = "Wie sichern Sie?"
//!
//! [symptoms.storage_full]
//! title = "iCloud-Speicher ist voll"
//! phrases = ["nicht genügend icloud-speicher"]
//!
//! [symptoms.channel.choices.icloud]
//! title = "iCloud-Backup"
//!
//! [causes]
//! icloud_full = "Der iCloud-Speicher ist voll"
//!
//! [fixes.free_icloud_storage]
//! title = "iCloud-Speicher freigeben"
//! why = "…"
//! steps = ["…", "…"]
//!
//! [questions.ask_channel]
//! text = "Wie sichern Sie dieses iPhone?"
//! answers = ["iCloud", "Finder", "Weiß nicht"]
//!
//! [rules]
//! "A full storage bar stops iCloud backups." = "Ein voller Speicher hält iCloud-Backups an."
//! ```

use crate::prelude::*;

use super::report::{At, Report};
use super::source::{Document, FileIndex, Sp, WordingDoc};
use crate::engine::{Code, KnowledgeBase, SymptomKind, Wording};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One `lang/<code>.toml` file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationDoc {
    #[serde(default)]
    pub knowledge_base: Option<MetaText>,
    #[serde(default)]
    pub wording: Option<WordingDoc>,
    #[serde(default)]
    pub groups: BTreeMap<Sp<String>, String>,
    #[serde(default)]
    pub symptoms: BTreeMap<Sp<String>, SymptomText>,
    #[serde(default)]
    pub causes: BTreeMap<Sp<String>, String>,
    #[serde(default)]
    pub fixes: BTreeMap<Sp<String>, FixText>,
    #[serde(default)]
    pub questions: BTreeMap<Sp<String>, QuestionText>,
    /// A rule's `why` in the source language → its translation.
    #[serde(default)]
    pub rules: BTreeMap<Sp<String>, String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaText {
    pub title: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SymptomText {
    pub title: Option<String>,
    pub unit: Option<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub choices: BTreeMap<Sp<String>, ChoiceText>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceText {
    pub title: Option<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixText {
    pub title: Option<String>,
    pub why: Option<String>,
    #[serde(default)]
    pub steps: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionText {
    pub text: Option<String>,
    pub check: Option<String>,
    #[serde(default)]
    pub answers: Vec<String>,
}

/// A language's parsed translation files and where each text came from.
#[derive(Clone, Debug)]
pub struct Translation {
    pub lang: String,
    /// The first file; a key's own file is in `files`.
    pub file: FileIndex,
    pub doc: TranslationDoc,
    /// Each translated key and the file it was written in.
    files: BTreeMap<String, FileIndex>,
    /// Keys translated in two files, to report.
    twice: Vec<(String, At)>,
}

impl Translation {
    pub fn new(lang: &str, file: FileIndex, doc: TranslationDoc) -> Translation {
        let mut t = Translation {
            lang: lang.to_string(),
            file,
            doc: TranslationDoc::default(),
            files: BTreeMap::new(),
            twice: Vec::new(),
        };
        t.absorb(doc, file);
        t
    }

    /// Adds one more file of the same language.
    pub fn absorb(&mut self, doc: TranslationDoc, file: FileIndex) {
        if doc.knowledge_base.is_some() {
            self.doc.knowledge_base = doc.knowledge_base;
        }
        if doc.wording.is_some() {
            self.doc.wording = doc.wording;
        }
        let seen = &mut self.files;
        let twice = &mut self.twice;
        let mut note = |kind: &str, key: &Sp<String>, is_twice: bool| {
            let name = format!("{kind}.{}", key.value);
            seen.entry(name.clone()).or_insert(file);
            if is_twice {
                twice.push((
                    name,
                    At {
                        file,
                        span: key.span,
                    },
                ));
            }
        };
        for (k, v) in doc.groups {
            let twice = self.doc.groups.insert(k.clone(), v).is_some();
            note("groups", &k, twice);
        }
        // An item's texts may come from several files (a later file adding
        // `check` to a question, say): only a text given twice is an error.
        for (k, v) in doc.symptoms {
            let twice = match self.doc.symptoms.get_mut(&k) {
                Some(had) => {
                    had.phrases.extend(v.phrases);
                    let mut twice = opt(&mut had.title, v.title) | opt(&mut had.unit, v.unit);
                    for (c, choice) in v.choices {
                        match had.choices.get_mut(&c) {
                            Some(had) => {
                                had.phrases.extend(choice.phrases);
                                twice |= opt(&mut had.title, choice.title);
                            }
                            None => {
                                had.choices.insert(c, choice);
                            }
                        }
                    }
                    twice
                }
                None => {
                    self.doc.symptoms.insert(k.clone(), v);
                    false
                }
            };
            note("symptoms", &k, twice);
        }
        for (k, v) in doc.causes {
            let twice = self.doc.causes.insert(k.clone(), v).is_some();
            note("causes", &k, twice);
        }
        for (k, v) in doc.fixes {
            let twice = match self.doc.fixes.get_mut(&k) {
                Some(had) => {
                    opt(&mut had.title, v.title)
                        | opt(&mut had.why, v.why)
                        | list(&mut had.steps, v.steps)
                }
                None => {
                    self.doc.fixes.insert(k.clone(), v);
                    false
                }
            };
            note("fixes", &k, twice);
        }
        for (k, v) in doc.questions {
            let twice = match self.doc.questions.get_mut(&k) {
                Some(had) => {
                    opt(&mut had.text, v.text)
                        | opt(&mut had.check, v.check)
                        | list(&mut had.answers, v.answers)
                }
                None => {
                    self.doc.questions.insert(k.clone(), v);
                    false
                }
            };
            note("questions", &k, twice);
        }
        for (k, v) in doc.rules {
            let twice = self.doc.rules.insert(k.clone(), v).is_some();
            note("rules", &k, twice);
        }
    }

    /// The file a key was first written in: `fixes`, `free_icloud_storage`.
    fn file_of(&self, kind: &str, key: &str) -> FileIndex {
        self.files
            .get(&format!("{kind}.{key}"))
            .copied()
            .unwrap_or(self.file)
    }
}

/// The knowledge base in `t.lang`. Every missing text is an error pointing
/// at the item in the source, every id the source lacks an error in the
/// translation file.
pub(super) fn translate(
    source: &KnowledgeBase,
    doc: &Document,
    t: &Translation,
    report: &mut Report,
) -> KnowledgeBase {
    let mut tr = Translator {
        t,
        doc,
        report,
        lang: &t.lang,
    };
    let mut kb = source.clone();
    kb.lang = t.lang.clone();
    let meta_at = doc
        .knowledge_base
        .as_ref()
        .map_or(At::NOWHERE, |m| At::of(m.file, &m.id));
    let title = t.doc.knowledge_base.as_ref().and_then(|m| m.title.clone());
    kb.title = tr.need(title, meta_at, "the knowledge base's title", &kb.title);
    let w = t.doc.wording.clone().unwrap_or_default();
    let from = &source.wording;
    kb.wording = Wording {
        likely_cause: tr.need(
            w.likely_cause,
            meta_at,
            "wording.likely_cause",
            &from.likely_cause,
        ),
        you_reported: tr.need(
            w.you_reported,
            meta_at,
            "wording.you_reported",
            &from.you_reported,
        ),
        said_no: tr.need(w.said_no, meta_at, "wording.said_no", &from.said_no),
        something_else: tr.need(
            w.something_else,
            meta_at,
            "wording.something_else",
            &from.something_else,
        ),
    };
    for (g, group) in kb.groups.iter_mut().enumerate() {
        let at = doc.groups.get(g).map_or(meta_at, |d| At::of(d.file, &d.id));
        let text = t.doc.groups.iter().find(|(k, _)| k.value == group.id);
        let what = format!("the title of group '{}'", group.id);
        group.title = tr.need(text.map(|(_, v)| v.clone()), at, &what, &group.title);
    }
    for (s, symptom) in kb.symptoms.iter_mut().enumerate() {
        let at = doc
            .symptoms
            .get(s)
            .map_or(meta_at, |d| At::of(d.file, &d.id));
        let text = find(&t.doc.symptoms, &symptom.id);
        let what = format!("the title of symptom '{}'", symptom.id);
        symptom.title = tr.need(
            text.and_then(|x| x.title.clone()),
            at,
            &what,
            &symptom.title,
        );
        symptom
            .phrases
            .extend(text.iter().flat_map(|x| x.phrases.iter().cloned()));
        match &mut symptom.kind {
            SymptomKind::Number { unit: Some(unit) } => {
                let what = format!("the unit of symptom '{}'", symptom.id);
                *unit = tr.need(text.and_then(|x| x.unit.clone()), at, &what, unit);
            }
            SymptomKind::Choice(choices) => {
                for choice in choices.iter_mut() {
                    let c = text.and_then(|x| find(&x.choices, &choice.value));
                    let what =
                        format!("the title of choice '{}' of '{}'", choice.value, symptom.id);
                    choice.title =
                        tr.need(c.and_then(|c| c.title.clone()), at, &what, &choice.title);
                    choice
                        .phrases
                        .extend(c.iter().flat_map(|c| c.phrases.iter().cloned()));
                }
                if let Some(text) = text {
                    for value in text.choices.keys() {
                        if !choices.iter().any(|c| c.value == value.value) {
                            tr.unknown(
                                Code::UnknownChoice,
                                "symptoms",
                                value,
                                &format!("choice of '{}'", symptom.id),
                            );
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for (c, cause) in kb.causes.iter_mut().enumerate() {
        let at = doc.causes.get(c).map_or(meta_at, |d| At::of(d.file, &d.id));
        let text = find(&t.doc.causes, &cause.id).cloned();
        let what = format!("the title of cause '{}'", cause.id);
        cause.title = tr.need(text, at, &what, &cause.title);
    }
    for (f, fix) in kb.fixes.iter_mut().enumerate() {
        let at = doc.fixes.get(f).map_or(meta_at, |d| At::of(d.file, &d.id));
        let text = find(&t.doc.fixes, &fix.id);
        let what = format!("the title of fix '{}'", fix.id);
        fix.title = tr.need(text.and_then(|x| x.title.clone()), at, &what, &fix.title);
        if let Some(why) = &fix.why {
            let what = format!("the why of fix '{}'", fix.id);
            fix.why = Some(tr.need(text.and_then(|x| x.why.clone()), at, &what, why));
        }
        if !fix.steps.is_empty() {
            let steps = text.map(|x| x.steps.clone()).filter(|s| !s.is_empty());
            let what = format!("the steps of fix '{}'", fix.id);
            if let Some(steps) = tr.need_list(steps, at, &what) {
                fix.steps = steps;
            }
        }
    }
    for (q, question) in kb.questions.iter_mut().enumerate() {
        let at = doc
            .questions
            .get(q)
            .map_or(meta_at, |d| At::of(d.file, &d.id));
        let text = find(&t.doc.questions, &question.id);
        let what = format!("the text of question '{}'", question.id);
        question.text = tr.need(text.and_then(|x| x.text.clone()), at, &what, &question.text);
        if let Some(check) = &question.check {
            let what = format!("the check of question '{}'", question.id);
            question.check = Some(tr.need(text.and_then(|x| x.check.clone()), at, &what, check));
        }
        let labels = text.map(|x| x.answers.clone()).unwrap_or_default();
        if labels.len() == question.answers.len() {
            for (answer, label) in question.answers.iter_mut().zip(labels) {
                answer.label = label;
            }
        } else {
            let what = format!(
                "the {} answer labels of question '{}' (found {})",
                question.answers.len(),
                question.id,
                labels.len()
            );
            tr.missing(at, &what);
        }
    }
    for (r, rule) in kb.rules.iter_mut().enumerate() {
        if rule.why.is_empty() {
            continue;
        }
        let at = doc
            .rules
            .get(r)
            .map_or(meta_at, |d| At::of(d.file, &d.when));
        let text = find(&t.doc.rules, &rule.why).cloned();
        let what = format!("the why of the rule \"{}\"", rule.why);
        rule.why = tr.need(text, at, &what, &rule.why);
    }
    tr.unknown_ids(source);
    // The translation's phrases are matched too.
    // Rebuilt for the translated phrases when first used.
    kb.index.lexicon = std::sync::OnceLock::new();
    kb
}

/// Takes `from` into `into`; true when both had a text.
fn opt<T>(into: &mut Option<T>, from: Option<T>) -> bool {
    match (into.is_some(), from) {
        (true, Some(_)) => true,
        (_, None) => false,
        (false, from) => {
            *into = from;
            false
        }
    }
}

fn list<T>(into: &mut Vec<T>, from: Vec<T>) -> bool {
    if from.is_empty() {
        false
    } else if into.is_empty() {
        *into = from;
        false
    } else {
        true
    }
}

fn find<'a, T>(map: &'a BTreeMap<Sp<String>, T>, key: &str) -> Option<&'a T> {
    map.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
}

struct Translator<'a, 'r, 'd> {
    t: &'a Translation,
    doc: &'a Document,
    report: &'r mut Report<'d>,
    lang: &'a str,
}

impl Translator<'_, '_, '_> {
    fn missing(&mut self, at: At, what: &str) {
        let file = self
            .t
            .file
            .and_then(|f| self.doc.files.get(f))
            .map_or_else(|| format!("lang/{}.toml", self.lang), |f| f.name.clone());
        self.report.error(
            Code::MissingTranslation,
            at,
            format!("no '{}' text for {what}", self.lang),
            format!("add it to {file}"),
        );
    }

    /// The translated text, or (reported) the source's, so one gap does
    /// not hide the next.
    fn need(&mut self, text: Option<String>, at: At, what: &str, source: &str) -> String {
        match text.filter(|t| !t.trim().is_empty()) {
            Some(text) => text,
            // Nothing to translate.
            None if source.trim().is_empty() => String::new(),
            None => {
                self.missing(at, what);
                source.to_string()
            }
        }
    }

    fn need_list(&mut self, list: Option<Vec<String>>, at: At, what: &str) -> Option<Vec<String>> {
        let list = list.filter(|l| l.iter().all(|t| !t.trim().is_empty()));
        if list.is_none() {
            self.missing(at, what);
        }
        list
    }

    fn unknown(&mut self, code: Code, kind: &str, key: &Sp<String>, what: &str) {
        self.report.error(
            code,
            At::of(self.t.file_of(kind, &key.value), key),
            format!(
                "lang/{}.toml translates {what} '{}', which the knowledge base lacks",
                self.lang, key.value
            ),
            "remove it, or fix the id",
        );
    }

    /// Ids in the translation that name nothing: a typo would otherwise
    /// leave the real item untranslated and this text unused.
    fn unknown_ids(&mut self, kb: &KnowledgeBase) {
        let d = &self.t.doc;
        let keys: Vec<(Code, &str, &Sp<String>, &str, bool)> = (d.groups.keys())
            .map(|k| {
                (
                    Code::UnknownGroup,
                    "groups",
                    k,
                    "group",
                    kb.groups.iter().any(|g| g.id == k.value),
                )
            })
            .chain(d.symptoms.keys().map(|k| {
                (
                    Code::UnknownSymptom,
                    "symptoms",
                    k,
                    "symptom",
                    kb.symptom_index(&k.value).is_some(),
                )
            }))
            .chain(d.causes.keys().map(|k| {
                (
                    Code::UnknownCause,
                    "causes",
                    k,
                    "cause",
                    kb.causes.iter().any(|c| c.id == k.value),
                )
            }))
            .chain(d.fixes.keys().map(|k| {
                (
                    Code::UnknownFix,
                    "fixes",
                    k,
                    "fix",
                    kb.fix_index(&k.value).is_some(),
                )
            }))
            .chain(d.questions.keys().map(|k| {
                (
                    Code::UnknownQuestion,
                    "questions",
                    k,
                    "question",
                    kb.question_index(&k.value).is_some(),
                )
            }))
            .collect();
        for (code, kind, key, what, known) in keys {
            if !known {
                self.unknown(code, kind, key, what);
            }
        }
        for (name, at) in &self.t.twice {
            self.report.error(
                Code::DuplicateId,
                *at,
                format!("lang/{}: {name} is translated twice", self.lang),
                "keep one of the two",
            );
        }
        for key in d.rules.keys() {
            if !kb.rules.iter().any(|r| r.why == key.value) {
                self.report.warn(
                    Code::UnusedTranslation,
                    At::of(self.t.file_of("rules", &key.value), key),
                    format!("no rule's why reads \"{}\"", key.value),
                    "the source text changed: translate the new text and remove this one",
                );
            }
        }
    }
}
