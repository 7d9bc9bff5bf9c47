//! The bank's long texts that no start screen shows: every skill's wording, every change
//! note of a replacing exam and every case study's scenario ([`GuideTexts`]). They ship in a
//! content chunk of their own per language (see [`crate::pack`]), not in the index the start
//! screen waits for: on the real bank they are two thirds of the index's gzipped bytes.
//!
//! [`crate::bank::Bank::new`] takes them out of the blueprints and case studies, so a bank
//! reads them the same way whether it was compiled or opened from its files: through
//! [`crate::bank::Bank::skill_text`], [`crate::bank::Bank::change_note`] and
//! [`crate::bank::Bank::scenario`].

use serde::{Deserialize, Serialize};

use super::{Bilingual, Blueprint, CaseStudy, Text};

/// The texts, each under a key naming what it belongs to ([`GuideKey`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GuideTexts(Vec<(String, Text)>);

/// What a guide text belongs to.
pub(crate) enum GuideKey<'a> {
    /// A skill of an exam's guide, by exam code and skill id.
    Skill(&'a str, &'a str),
    /// The note of a row of an exam's `[replaces]` mapping, by exam code and row position.
    ChangeNote(&'a str, usize),
    /// A case study's scenario, by case study id.
    Scenario(&'a str),
}

impl GuideKey<'_> {
    fn key(&self) -> String {
        match self {
            Self::Skill(exam, skill) => format!("skill {exam} {skill}"),
            Self::ChangeNote(exam, row) => format!("note {exam} {row}"),
            Self::Scenario(case) => format!("scenario {case}"),
        }
    }
}

impl GuideTexts {
    /// Moves the texts out of `blueprints` and `case_studies`, leaving those empty (a change
    /// row's note becomes `None`).
    pub(crate) fn take_from(blueprints: &mut [Blueprint], case_studies: &mut [CaseStudy]) -> Self {
        let mut texts = Vec::new();
        for blueprint in blueprints {
            let exam = blueprint.code.clone();
            for task in blueprint.domains.iter_mut().flat_map(|d| &mut d.tasks) {
                for skill in &mut task.skills {
                    let key = GuideKey::Skill(&exam, &skill.id).key();
                    texts.push((key, std::mem::take(&mut skill.text)));
                }
            }
            let rows = blueprint.replaces.iter_mut().flat_map(|r| &mut r.skills);
            for (row, change) in rows.enumerate() {
                if let Some(note) = change.note.take() {
                    texts.push((GuideKey::ChangeNote(&exam, row).key(), note));
                }
            }
        }
        for case in case_studies {
            let key = GuideKey::Scenario(&case.id).key();
            texts.push((key, std::mem::take(&mut case.scenario)));
        }
        Self(texts)
    }

    pub(crate) fn extend(&mut self, other: Self) {
        self.0.extend(other.0);
    }

    pub(crate) fn get(&self, key: &GuideKey<'_>) -> Option<&Text> {
        let key = key.key();
        self.0.iter().find(|(k, _)| *k == key).map(|(_, text)| text)
    }
}

impl Bilingual for GuideTexts {
    fn texts_mut(&mut self) -> Vec<&mut Text> {
        self.0.iter_mut().map(|(_, text)| text).collect()
    }
}
