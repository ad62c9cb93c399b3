//! The story set: readers' problems in their own words, each with what
//! they would tap, the fixes an expert would try first and the steps that
//! must not be offered. It measures the engine (`fixplan eval`); the
//! scenarios pin its behaviour. Stories live in `<kb>/stories/*.toml`.

use crate::prelude::*;

use crate::engine::{parse_observation, recognize, KnowledgeBase, Recommendation, Situation};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One reader's story.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub id: String,
    pub lang: String,
    #[serde(default)]
    pub source: String,
    /// What the reader typed or pasted, in their own words.
    pub text: String,
    /// The chips this reader would tap: `id` or `id=value`.
    #[serde(default)]
    pub chips: Vec<String>,
    /// Fixes an expert would try first: a hit is any of them in the top 3.
    pub expect: Vec<String>,
    /// Fixes that must not be among the first five steps.
    #[serde(default)]
    pub never: Vec<String>,
}

/// The least a knowledge base accepts, per language: shares of stories
/// with an expected fix in the top 3, and stories with a harmful step.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Floors {
    #[serde(default)]
    pub chips_top3: f64,
    #[serde(default)]
    pub text_top3: f64,
    /// Stories allowed a harmful step in the top 5, chips and text together.
    #[serde(default)]
    pub harmful: usize,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoryFile {
    #[serde(default)]
    story: Vec<Story>,
    #[serde(default)]
    floors: BTreeMap<String, Floors>,
}

/// Every story of a knowledge base folder and the floors it records.
#[derive(Debug, Default)]
pub struct StorySet {
    pub stories: Vec<Story>,
    pub floors: BTreeMap<String, Floors>,
}

/// Reads `dir/stories/*.toml` in name order.
pub fn load_stories(dir: &Path) -> Result<StorySet, String> {
    let folder = dir.join("stories");
    let mut set = StorySet::default();
    if !folder.is_dir() {
        return Ok(set);
    }
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: StoryFile =
            toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))?;
        set.stories.extend(file.story);
        for (lang, floors) in file.floors {
            set.floors.insert(lang, floors);
        }
    }
    let mut ids: Vec<&str> = set.stories.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(format!("story '{}' appears twice", pair[0]));
    }
    Ok(set)
}

/// How one way of telling the story did: the plan's first steps.
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    /// The first five steps' fix ids.
    pub first: Vec<String>,
    pub top1: bool,
    pub top3: bool,
    /// `never` fixes among the first five steps.
    pub harmful: Vec<String>,
    /// What was observed: the chips, or what the text was recognised as.
    pub observed: Vec<String>,
}

/// A story told both ways.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub id: String,
    pub lang: String,
    pub chips: Attempt,
    pub text: Attempt,
}

/// Plans a story from its chips and from its text. Unknown ids in the
/// story are an error: the set must name what the knowledge base has.
pub fn evaluate(kb: &KnowledgeBase, story: &Story) -> Result<Outcome, String> {
    for id in story.expect.iter().chain(&story.never) {
        if kb.fix_index(id).is_none() {
            return Err(format!("story '{}': no fix '{id}'", story.id));
        }
    }
    let mut chips = Situation::new(kb);
    for chip in &story.chips {
        let (id, value) = parse_observation(chip);
        let Some(s) = kb.symptom_index(&id) else {
            return Err(format!("story '{}': no symptom '{id}'", story.id));
        };
        if !kb.symptoms[s].accepts(&value) {
            return Err(format!(
                "story '{}': '{chip}' is not a possible value",
                story.id
            ));
        }
        chips.observed[s] = Some(value);
    }
    let chips = attempt(kb, story, chips, story.chips.clone());
    let found = recognize(kb, &story.text);
    let mut text = Situation::new(kb);
    let mut observed = Vec::new();
    for (s, value) in found.observations {
        observed.push(format!("{}={value}", kb.symptoms[s].id));
        text.observed[s] = Some(value);
    }
    let text = attempt(kb, story, text, observed);
    Ok(Outcome {
        id: story.id.clone(),
        lang: story.lang.clone(),
        chips,
        text,
    })
}

fn attempt(kb: &KnowledgeBase, story: &Story, s: Situation, observed: Vec<String>) -> Attempt {
    let plan = Recommendation::new(kb, s, None).plan;
    let first: Vec<String> = (plan.steps.iter().take(5))
        .map(|step| kb.fixes[step.fix].id.clone())
        .collect();
    let within = |n: usize| first.iter().take(n).any(|id| story.expect.contains(id));
    Attempt {
        top1: within(1),
        top3: within(3),
        harmful: (first.iter())
            .filter(|id| story.never.contains(id))
            .cloned()
            .collect(),
        first,
        observed,
    }
}

/// The figures for one language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub lang: String,
    pub stories: usize,
    pub chips_top1: usize,
    pub chips_top3: usize,
    pub text_top1: usize,
    pub text_top3: usize,
    /// Stories with a harmful step in the first five, by chips and by text.
    pub chips_harmful: usize,
    pub text_harmful: usize,
}

impl Summary {
    pub fn share(&self, n: usize) -> f64 {
        if self.stories == 0 {
            0.0
        } else {
            n as f64 / self.stories as f64
        }
    }

    /// What falls short of the floors, in words; empty when none does.
    pub fn shortfalls(&self, floors: &Floors) -> Vec<String> {
        let mut short = Vec::new();
        for (what, n, floor) in [
            ("chips top-3", self.chips_top3, floors.chips_top3),
            ("typed top-3", self.text_top3, floors.text_top3),
        ] {
            if self.share(n) + 1e-9 < floor {
                short.push(format!(
                    "{}: {what} {:.1} % is below its floor of {:.1} %",
                    self.lang,
                    100.0 * self.share(n),
                    100.0 * floor
                ));
            }
        }
        let harmful = self.chips_harmful + self.text_harmful;
        if harmful > floors.harmful {
            short.push(format!(
                "{}: {harmful} harmful step(s) in a top 5, more than the {} allowed",
                self.lang, floors.harmful
            ));
        }
        short
    }
}

/// Per-language figures, in language order.
pub fn summarise(outcomes: &[Outcome]) -> Vec<Summary> {
    let mut by_lang: BTreeMap<&str, Summary> = BTreeMap::new();
    for o in outcomes {
        let s = by_lang.entry(o.lang.as_str()).or_insert_with(|| Summary {
            lang: o.lang.clone(),
            ..Summary::default()
        });
        s.stories += 1;
        s.chips_top1 += usize::from(o.chips.top1);
        s.chips_top3 += usize::from(o.chips.top3);
        s.text_top1 += usize::from(o.text.top1);
        s.text_top3 += usize::from(o.text.top3);
        s.chips_harmful += usize::from(!o.chips.harmful.is_empty());
        s.text_harmful += usize::from(!o.text.harmful.is_empty());
    }
    by_lang.into_values().collect()
}
