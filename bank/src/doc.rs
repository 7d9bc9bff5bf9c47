//! The authored TOML files as deserialised, before validation: every field optional and
//! spanned, so that a missing field or a bad value is reported with its line and the rest of
//! the file is still checked. Unknown fields are refused.

use serde::Deserialize;
use toml::Spanned;

type S<T> = Spanned<T>;
type List<T> = Option<S<Vec<S<T>>>>;

/// A `{ en, ja }` pair (`[stem]` with `en = …`, or `why.en = …`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextDoc {
    pub en: Option<S<String>>,
    pub ja: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlueprintDoc {
    pub code: Option<S<String>>,
    pub version: Option<S<String>>,
    pub source_url: Option<S<String>>,
    pub duration_minutes: Option<S<u32>>,
    pub esl_extra_minutes: Option<S<u32>>,
    pub scored_questions: Option<S<u32>>,
    pub unscored_questions: Option<S<u32>>,
    pub score_min: Option<S<u32>>,
    pub score_max: Option<S<u32>>,
    pub pass_mark: Option<S<u32>>,
    pub question_types: List<String>,
    pub title: Option<S<TextDoc>>,
    pub domains: List<DomainDoc>,
    pub services: List<String>,
    /// No longer offered for new exams (kept so that attempts at it stay readable).
    pub retired: Option<S<bool>>,
    /// Where the start screen lists the exam (lower first).
    pub list_order: Option<S<u32>>,
    /// When and in which languages AWS offers the exam.
    pub offered: List<OfferDoc>,
    /// What changed from the exam this one replaces.
    pub replaces: Option<S<ReplacesDoc>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferDoc {
    pub languages: List<String>,
    pub from: Option<S<String>>,
    pub until: Option<S<String>>,
    pub note: Option<S<TextDoc>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplacesDoc {
    pub exam: Option<S<String>>,
    pub source_url: Option<S<String>>,
    pub skills: List<SkillChangeDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillChangeDoc {
    pub from: List<String>,
    pub to: List<String>,
    pub kind: Option<S<String>>,
    pub basis: Option<S<String>>,
    pub note: Option<S<TextDoc>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainDoc {
    pub number: Option<S<i64>>,
    pub weight_percent: Option<S<u32>>,
    pub title: Option<S<TextDoc>>,
    pub tasks: List<TaskDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskDoc {
    pub id: Option<S<String>>,
    pub title: Option<S<TextDoc>>,
    /// The skills the exam guide names for the task, with ids.
    pub skills: List<SkillDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillDoc {
    pub id: Option<S<String>>,
    pub en: Option<S<String>>,
    pub ja: Option<S<String>>,
}

/// `[exams.<code>]` of a question: where that exam's guide places it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementDoc {
    pub domain: Option<S<i64>>,
    pub task: Option<S<String>>,
    pub skills: List<String>,
}

/// A question file, or one `[[questions]]` entry of a case study.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDoc {
    pub id: Option<S<String>>,
    /// `[exams.<code>]` tables, one per exam the question belongs to (in code order).
    pub exams: Option<S<std::collections::BTreeMap<String, S<PlacementDoc>>>>,
    pub services: List<String>,
    pub difficulty: Option<S<String>>,
    #[serde(rename = "type")]
    pub kind: Option<S<String>>,
    pub references: List<String>,
    pub stem: Option<S<TextDoc>>,
    pub explanation: Option<S<TextDoc>>,
    pub options: List<OptionDoc>,
    pub responses: List<ResponseDoc>,
    pub prompts: List<PromptDoc>,
    /// Raised when an edit changes what a saved answer means without changing ids or key.
    pub edition: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDoc {
    pub id: Option<S<i64>>,
    pub correct: Option<S<bool>>,
    pub en: Option<S<String>>,
    pub ja: Option<S<String>>,
    pub why: Option<S<TextDoc>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseDoc {
    pub id: Option<S<i64>>,
    pub step: Option<S<i64>>,
    pub en: Option<S<String>>,
    pub ja: Option<S<String>>,
    pub why: Option<S<TextDoc>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptDoc {
    pub en: Option<S<String>>,
    pub ja: Option<S<String>>,
    #[serde(rename = "match")]
    pub matches: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseStudyDoc {
    pub id: Option<S<String>>,
    #[serde(rename = "type")]
    pub kind: Option<S<String>>,
    pub title: Option<S<TextDoc>>,
    pub scenario: Option<S<TextDoc>>,
    pub questions: List<QuestionDoc>,
}

/// A glossary file: `questions/glossary/<code>/*.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryDoc {
    pub terms: List<TermDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermDoc {
    pub id: Option<S<String>>,
    pub kind: Option<S<String>>,
    pub service: Option<S<String>>,
    pub tasks: List<String>,
    pub term: Option<S<TextDoc>>,
    pub definition: Option<S<TextDoc>>,
    pub exam: Option<S<TextDoc>>,
    pub confused_with: List<String>,
    pub reference: Option<S<String>>,
}
