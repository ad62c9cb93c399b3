//! Reading a knowledge base folder of TOML files (native builds only).

use crate::prelude::*;

use super::compile::compile_all;
use super::source::{Document, ScenarioDoc, SourceFile};
use super::translate::{Translation, TranslationDoc};
use crate::engine::{Code, Diagnostic, KnowledgeBase};
use std::path::Path;

/// A loaded knowledge base: present only when no diagnostic is an error.
#[derive(Debug)]
pub struct Loaded {
    /// In the language its files are written in.
    pub kb: Option<KnowledgeBase>,
    /// In each language of `lang/*.toml`, in file name order.
    pub translations: Vec<KnowledgeBase>,
    pub diagnostics: Vec<Diagnostic>,
    pub scenarios: Vec<ScenarioDoc>,
    pub files: Vec<SourceFile>,
}

/// Loads `dir/*.toml`, `dir/scenarios/*.toml` and the translations in
/// `dir/lang/<code>.toml` or `dir/lang/<code>/*.toml`, in name order.
pub fn load_dir(dir: &Path) -> Result<Loaded, crate::Error> {
    let io = |e: std::io::Error, path: &Path| crate::Error::Io(format!("{}: {e}", path.display()));
    if !dir.is_dir() {
        return Err(crate::Error::Io(format!(
            "{}: no such knowledge base folder",
            dir.display()
        )));
    }
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    // A big translation may be split like the sources: lang/<code>/*.toml.
    let mut folders = vec![dir.to_path_buf(), dir.join("scenarios"), dir.join("lang")];
    if let Ok(entries) = std::fs::read_dir(dir.join("lang")) {
        let mut langs: Vec<_> = (entries.filter_map(|e| e.ok().map(|e| e.path())))
            .filter(|p| p.is_dir())
            .collect();
        langs.sort();
        folders.extend(langs);
    }
    for sub in folders {
        if !sub.is_dir() {
            continue;
        }
        let mut paths: Vec<_> = std::fs::read_dir(&sub)
            .map_err(|e| io(e, &sub))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((name, text)),
                Err(e) => unreadable.push(plain_error(
                    Code::UnreadableFile,
                    &name,
                    format!("cannot read the file: {e}"),
                )),
            }
        }
    }
    let mut loaded = load_files(files);
    loaded.diagnostics.extend(unreadable);
    if loaded.diagnostics.iter().any(Diagnostic::is_error) {
        loaded.kb = None;
        loaded.translations.clear();
    }
    Ok(loaded)
}

impl Loaded {
    /// The knowledge base in `lang`: the source's own or a translation.
    pub fn in_lang(&self, lang: &str) -> Option<&KnowledgeBase> {
        self.kb
            .iter()
            .chain(&self.translations)
            .find(|kb| kb.lang == lang)
    }

    /// Every language the knowledge base is offered in, its own first.
    pub fn languages(&self) -> Vec<&str> {
        (self.kb.iter().chain(&self.translations))
            .map(|kb| kb.lang.as_str())
            .collect()
    }
}

/// Loads a knowledge base from (file name, TOML text) pairs.
pub fn load_files(files: Vec<(String, String)>) -> Loaded {
    let mut document = Document::default();
    let mut translations = Vec::new();
    let mut syntax_errors = Vec::new();
    for (i, (name, text)) in files.iter().enumerate() {
        // `lang/de.toml` and `lang/de/*.toml` translate the knowledge base
        // into `de`.
        if let Some(path) = name
            .strip_prefix("lang/")
            .and_then(|n| n.strip_suffix(".toml"))
        {
            let lang = path.split('/').next().unwrap_or(path);
            match toml::from_str::<TranslationDoc>(text) {
                Ok(doc) => match translations
                    .iter_mut()
                    .find(|t: &&mut Translation| t.lang == lang)
                {
                    Some(t) => t.absorb(doc, Some(i)),
                    None => translations.push(Translation::new(lang, Some(i), doc)),
                },
                Err(e) => syntax_errors.push((i, e)),
            }
            continue;
        }
        match toml::from_str::<Document>(text) {
            Ok(part) => document.absorb(part, Some(i)),
            Err(e) => syntax_errors.push((i, e)),
        }
    }
    document.files = files
        .into_iter()
        .map(|(name, text)| SourceFile { name, text })
        .collect();
    let files = document.files.clone();
    let scenarios = std::mem::take(&mut document.scenarios);
    let (kb, translations, mut diagnostics) = if syntax_errors.is_empty() {
        compile_all(&document, &translations)
    } else {
        (None, Vec::new(), Vec::new())
    };
    for (i, e) in syntax_errors {
        let file = &files[i];
        let mut d = plain_error(
            Code::InvalidToml,
            &file.name,
            e.message().trim().to_string(),
        );
        if let Some(span) = e.span() {
            super::report::locate(&mut d, file, span.start, span.end);
        }
        diagnostics.insert(0, d);
    }
    Loaded {
        kb,
        translations,
        diagnostics,
        scenarios,
        files,
    }
}

fn plain_error(code: Code, file: &str, message: String) -> Diagnostic {
    let help = match code {
        Code::InvalidToml => "check the TOML syntax and the field names in rules/README.md",
        _ => "check the file's permissions and encoding (UTF-8)",
    };
    Diagnostic {
        file: Some(file.to_string()),
        ..Diagnostic::error(code, message, help)
    }
}
