//! The compiled question bank: blueprints, case studies and questions as the app sees them.
//!
//! The build (`mogi-bank`) turns the authored TOML files in `questions/` into this model, with
//! every text already rendered to safe HTML. The runtime only reads it. Texts in both
//! languages are in `text.rs`; content decoded only when first asked for (`Lazy`, over the
//! content chunks) in `lazy.rs`.
//!
//! Past ~600 lines of code, on purpose: the question model (types, answer formats, placements
//! in exams, revisions) and the bank's lookups are the vocabulary every other module speaks,
//! and read best in one place.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub(crate) use self::guide_texts::GuideKey;
pub use self::guide_texts::GuideTexts;
pub use self::lazy::Lazy;
pub(crate) use self::lazy::{ContentChunks, Place};
pub use self::text::{Bilingual, Lang, Text, plain_text};
pub use crate::blueprint::{
    Availability, Basis, Blueprint, ChangeKind, Day, Domain, Offer, Replacement, Skill,
    SkillChange, Task, default_exam,
};
use crate::resolve::PastRelease;

mod guide_texts;
mod lazy;
mod text;

/// The kinds of question the exam guides define.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionType {
    MultipleChoice,
    MultipleResponse,
    Ordering,
    Matching,
    CaseStudy,
}

impl QuestionType {
    pub const ALL: [Self; 5] = [
        Self::MultipleChoice,
        Self::MultipleResponse,
        Self::Ordering,
        Self::Matching,
        Self::CaseStudy,
    ];

    /// The name used in question files and messages.
    #[must_use]
    pub fn slug(self) -> &'static str {
        match self {
            Self::MultipleChoice => "multiple-choice",
            Self::MultipleResponse => "multiple-response",
            Self::Ordering => "ordering",
            Self::Matching => "matching",
            Self::CaseStudy => "case-study",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

/// Where a question sits in one exam's guide: it may belong to several exams, and each places
/// it in its own domain, task statement and skills.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    /// The blueprint's code.
    pub exam: String,
    pub domain: u8,
    pub task: String,
    /// The guide skills the question tests (ids of the blueprint's skills).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
}

/// A question of one exam, with where that exam places it: the type that lets code ask for a
/// question's domain or task without naming (and checking) the exam again.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InExam<'a> {
    pub question: &'a Question,
    pub placement: &'a Placement,
}

impl InExam<'_> {
    #[must_use]
    pub fn domain(&self) -> u8 {
        self.placement.domain
    }

    #[must_use]
    pub fn task(&self) -> &str {
        &self.placement.task
    }

    #[must_use]
    pub fn skills(&self) -> &[String] {
        &self.placement.skills
    }
}

impl std::ops::Deref for InExam<'_> {
    type Target = Question;
    fn deref(&self) -> &Question {
        self.question
    }
}

/// A scenario shared by two or more questions, each scored on its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseStudy {
    pub id: String,
    pub title: Text,
    /// Rendered HTML. Empty in a [`Bank`], which keeps it with its guide texts: read it with
    /// [`Bank::scenario`].
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub scenario: Text,
}

/// One option of a multiple-choice or multiple-response question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// Rendered HTML.
    pub text: Text,
    pub correct: bool,
    /// Why this option is right or wrong, rendered HTML.
    pub why: Text,
}

/// A response of an ordering or matching question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// Rendered HTML.
    pub text: Text,
    /// Rendered HTML; may be empty for a response whose role the main explanation covers.
    pub why: Text,
}

/// What a question asks and its key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", try_from = "BodyFields")]
pub enum Body {
    /// Exactly one correct option.
    MultipleChoice { options: Vec<Choice> },
    /// Two or more correct options; the app says how many to choose.
    MultipleResponse { options: Vec<Choice> },
    /// `order[step]` is the index in `responses` that belongs at that step; responses that
    /// appear in no step are distractors.
    Ordering {
        responses: Vec<Response>,
        order: Vec<usize>,
    },
    /// `key[prompt]` is the index in `responses` that matches that prompt; a response may
    /// match several prompts.
    Matching {
        prompts: Vec<Text>,
        responses: Vec<Response>,
        key: Vec<usize>,
    },
}

/// A [`Body`] as written (`kind` and that kind's fields), read as one flat record: serde's
/// own reading of a tagged enum buffers every field first, which costs wasm size and time.
#[derive(Deserialize)]
struct BodyFields {
    kind: BodyKind,
    options: Option<Vec<Choice>>,
    responses: Option<Vec<Response>>,
    order: Option<Vec<usize>>,
    prompts: Option<Vec<Text>>,
    key: Option<Vec<usize>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum BodyKind {
    MultipleChoice,
    MultipleResponse,
    Ordering,
    Matching,
}

/// A field a flat record must have for its `kind`, or serde's words for its absence.
pub(crate) fn required<T>(field: Option<T>, name: &str) -> Result<T, String> {
    field.ok_or_else(|| format!("missing field `{name}`"))
}

impl TryFrom<BodyFields> for Body {
    type Error = String;

    fn try_from(fields: BodyFields) -> Result<Self, String> {
        Ok(match fields.kind {
            BodyKind::MultipleChoice => Self::MultipleChoice {
                options: required(fields.options, "options")?,
            },
            BodyKind::MultipleResponse => Self::MultipleResponse {
                options: required(fields.options, "options")?,
            },
            BodyKind::Ordering => Self::Ordering {
                responses: required(fields.responses, "responses")?,
                order: required(fields.order, "order")?,
            },
            BodyKind::Matching => Self::Matching {
                prompts: required(fields.prompts, "prompts")?,
                responses: required(fields.responses, "responses")?,
                key: required(fields.key, "key")?,
            },
        })
    }
}

impl Body {
    /// The question type as the exam guide names it (a case-study question reports its own
    /// answer format here; see [`Question::case_study`]).
    #[must_use]
    pub fn question_type(&self) -> QuestionType {
        match self {
            Self::MultipleChoice { .. } => QuestionType::MultipleChoice,
            Self::MultipleResponse { .. } => QuestionType::MultipleResponse,
            Self::Ordering { .. } => QuestionType::Ordering,
            Self::Matching { .. } => QuestionType::Matching,
        }
    }

    /// The key as indices: the correct options in ascending order, or for each step or prompt
    /// the response that belongs there.
    #[must_use]
    pub fn key(&self) -> Vec<usize> {
        match self {
            Self::MultipleChoice { options } | Self::MultipleResponse { options } => options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .map(|(i, _)| i)
                .collect(),
            Self::Ordering { order, .. } => order.clone(),
            Self::Matching { key, .. } => key.clone(),
        }
    }

    /// How many options (or responses) there are to choose from.
    #[must_use]
    pub fn choice_count(&self) -> usize {
        match self {
            Self::MultipleChoice { options } | Self::MultipleResponse { options } => options.len(),
            Self::Ordering { responses, .. } | Self::Matching { responses, .. } => responses.len(),
        }
    }

    /// How many options a multiple-response question wants ("Choose TWO").
    #[must_use]
    pub fn correct_count(&self) -> usize {
        match self {
            Self::MultipleChoice { options } | Self::MultipleResponse { options } => {
                options.iter().filter(|o| o.correct).count()
            }
            Self::Ordering { order, .. } => order.len(),
            Self::Matching { key, .. } => key.len(),
        }
    }
}

/// What a question says: its text, key and explanations. The bank file keeps it apart from the
/// question's metadata, so the app decodes it only when the question is shown or scored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// Rendered HTML.
    pub stem: Text,
    /// Why the key is right, rendered HTML.
    pub explanation: Text,
    pub references: Vec<String>,
    pub body: Body,
}

impl Content {
    /// Shown in place of a question whose content cannot be read (a damaged bank file): the
    /// exam goes on, and the question scores as wrong.
    #[must_use]
    pub fn unreadable() -> &'static Self {
        static UNREADABLE: OnceLock<Content> = OnceLock::new();
        UNREADABLE.get_or_init(|| Self {
            stem: Text {
                en: "<p>This question could not be read. Reload the page to try again.</p>".into(),
                ja: "<p>この問題を読み込めませんでした。ページを再読み込みしてください。</p>"
                    .into(),
            },
            explanation: Text::default(),
            references: Vec::new(),
            body: Body::MultipleChoice {
                options: Vec::new(),
            },
        })
    }
}

impl Bilingual for Content {
    fn texts_mut(&mut self) -> Vec<&mut Text> {
        let mut texts = vec![&mut self.stem, &mut self.explanation];
        match &mut self.body {
            Body::MultipleChoice { options } | Body::MultipleResponse { options } => {
                for option in options {
                    texts.extend([&mut option.text, &mut option.why]);
                }
            }
            Body::Ordering { responses, .. } => {
                for response in responses {
                    texts.extend([&mut response.text, &mut response.why]);
                }
            }
            Body::Matching {
                prompts, responses, ..
            } => {
                texts.extend(prompts.iter_mut());
                for response in responses {
                    texts.extend([&mut response.text, &mut response.why]);
                }
            }
        }
        texts
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id, e.g. `mla-c01-d2-0007`; never reused for another question.
    pub id: String,
    /// The exams this question belongs to, and where each places it (at least one, one per
    /// exam, in code order).
    pub placements: Vec<Placement>,
    pub services: Vec<String>,
    pub difficulty: Difficulty,
    /// Id of the case study this question belongs to, if any.
    pub case_study: Option<String>,
    /// The answer format (never [`QuestionType::CaseStudy`]), known without the content.
    pub format: QuestionType,
    /// How many options or responses the content has (see [`Body::choice_count`]).
    pub choices: usize,
    /// The key (see [`Body::key`]): scoring needs no content.
    pub key: Vec<usize>,
    /// Raised by an author when an edit changes what an existing answer means although the
    /// option ids and the key stay (see [`Question::revision`]); 0 for most questions.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub edition: u32,
    /// The options (or responses) in the order the question file lists them, as indices:
    /// the order shown when options are not shuffled. Empty when it is the id order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub file_order: Vec<usize>,
    #[serde(skip)]
    content: Lazy<Content>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Question {
    /// A question whose content is at hand (the bank compiler, tests).
    #[must_use]
    pub fn new(meta: Meta, content: Content) -> Self {
        Self {
            id: meta.id,
            placements: meta.placements,
            services: meta.services,
            difficulty: meta.difficulty,
            case_study: meta.case_study,
            format: content.body.question_type(),
            choices: content.body.choice_count(),
            key: content.body.key(),
            edition: meta.edition,
            file_order: meta.file_order,
            content: Lazy::ready(content),
        }
    }

    /// What an answer to this question means, as a number: a hash of its answer format, its
    /// option count, its key and its edition. It changes exactly when a saved answer could
    /// mean something else (options added or removed, the key or the type changed, or the
    /// author raised the edition); rewording or moving options in the file keeps it.
    ///
    /// Saved forms record it per item (see [`crate::resolve`]). The formula is part of the
    /// stored data: never change it (a golden test holds it).
    #[must_use]
    pub fn revision(&self) -> u32 {
        let mut hash = FNV_START;
        hash = fnv(hash, self.format.slug().as_bytes());
        for n in std::iter::once(self.choices)
            .chain(std::iter::once(usize::MAX))
            .chain(self.key.iter().copied())
        {
            hash = fnv(hash, &(n as u64).to_le_bytes());
        }
        fnv(hash, &self.edition.to_le_bytes())
    }

    /// Where `exam` places this question, if it belongs to that exam.
    #[must_use]
    pub fn placement(&self, exam: &str) -> Option<&Placement> {
        self.placements.iter().find(|p| p.exam == exam)
    }

    /// This question as a question of `exam`, if it belongs to it.
    #[must_use]
    pub fn in_exam<'a>(&'a self, exam: &str) -> Option<InExam<'a>> {
        self.placement(exam).map(|placement| InExam {
            question: self,
            placement,
        })
    }

    #[must_use]
    pub fn belongs_to(&self, exam: &str) -> bool {
        self.placement(exam).is_some()
    }

    /// The codes of the exams this question belongs to.
    pub fn exams(&self) -> impl Iterator<Item = &str> {
        self.placements.iter().map(|p| p.exam.as_str())
    }

    /// The question's domain in `exam`, if it belongs to that exam.
    #[must_use]
    pub fn domain_in(&self, exam: &str) -> Option<u8> {
        self.placement(exam).map(|p| p.domain)
    }

    /// The question's task statement in `exam`, if it belongs to that exam.
    #[must_use]
    pub fn task_in(&self, exam: &str) -> Option<&str> {
        self.placement(exam).map(|p| p.task.as_str())
    }

    /// The display order when options are not shuffled: the file's order.
    #[must_use]
    pub fn unshuffled_order(&self) -> Vec<usize> {
        if self.file_order.len() == self.choices {
            self.file_order.clone()
        } else {
            (0..self.choices).collect()
        }
    }

    /// The text, key and explanations, decoded on first use.
    #[must_use]
    pub fn content(&self) -> &Content {
        self.content.get().unwrap_or_else(|| Content::unreadable())
    }

    pub(crate) fn set_content_source(&mut self, source: Lazy<Content>) {
        self.content = source;
    }

    pub(crate) fn content_place(&self, lang: Lang) -> Option<&Place> {
        self.content.place(lang)
    }

    /// The type a user sees: a case-study question is a case study whatever its answer format.
    #[must_use]
    pub fn question_type(&self) -> QuestionType {
        if self.case_study.is_some() {
            QuestionType::CaseStudy
        } else {
            self.format
        }
    }
}

/// FNV-1a, 32 bits: small, portable and stable, for the hashes that stored data keeps.
pub(crate) const FNV_START: u32 = 0x811c_9dc5;

pub(crate) fn fnv(hash: u32, bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(hash, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Everything about a question except its content, for [`Question::new`].
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    pub id: String,
    pub placements: Vec<Placement>,
    pub services: Vec<String>,
    pub difficulty: Difficulty,
    pub case_study: Option<String>,
    /// See [`Question::edition`].
    pub edition: u32,
    /// See [`Question::file_order`].
    pub file_order: Vec<usize>,
}

/// What a glossary entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// An in-scope AWS service.
    Service,
    /// A feature of a service (SageMaker Model Monitor).
    Feature,
    /// An ML or MLOps idea (data drift, F1 score).
    Concept,
}

/// One entry of a blueprint's glossary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    /// Unique within its exam; question text links to it as `glossary:<id>`.
    pub id: String,
    /// The blueprint code the entry belongs to.
    pub exam: String,
    pub kind: TermKind,
    /// For a service or feature: the service's name in the blueprint's list.
    pub service: Option<String>,
    pub tasks: Vec<String>,
    /// Plain text.
    pub term: Text,
    /// Rendered HTML.
    pub definition: Text,
    /// When it is the right choice on the exam; rendered HTML.
    pub on_the_exam: Text,
    pub confused_with: Vec<String>,
    pub reference: String,
}

/// Each language's glossary keeps every term in both languages (a card names the term in the
/// other language too, and terms are short); definitions come per language.
impl Bilingual for Vec<GlossaryEntry> {
    fn texts_mut(&mut self) -> Vec<&mut Text> {
        self.iter_mut()
            .flat_map(|entry| [&mut entry.definition, &mut entry.on_the_exam])
            .collect()
    }
}

/// Everything compiled in at build time.
#[derive(Clone, Debug, Default)]
pub struct Bank {
    /// A short digest of the compiled content; changes whenever any question changes.
    pub revision: String,
    pub blueprints: Vec<Blueprint>,
    pub case_studies: Vec<CaseStudy>,
    pub questions: Vec<Question>,
    /// Banks published before forms recorded question revisions (see [`crate::resolve`]).
    pub past: Vec<PastRelease>,
    glossary: Lazy<Vec<GlossaryEntry>>,
    /// Skill wordings, change notes and scenarios, taken out of the blueprints and case
    /// studies ([`GuideTexts`]).
    guide: Lazy<GuideTexts>,
    /// The content chunks the lazy parts read from, when the bank came from bank files.
    content_chunks: Option<ContentChunks>,
    /// Position of each question by id, built on first lookup (banks run to 10,000 questions).
    by_id: OnceLock<HashMap<String, usize>>,
}

/// Two banks are equal when what they say is equal, wherever their content is read from.
impl PartialEq for Bank {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && self.blueprints == other.blueprints
            && self.case_studies == other.case_studies
            && self.questions == other.questions
            && self.past == other.past
            && self.glossary == other.glossary
            && self.guide == other.guide
    }
}

impl Bank {
    /// The bank of these parts. The skills' wordings, the change notes and the scenarios move
    /// out of the blueprints and case studies into the bank's guide texts (see
    /// [`GuideTexts`]).
    #[must_use]
    pub fn new(
        revision: String,
        mut blueprints: Vec<Blueprint>,
        mut case_studies: Vec<CaseStudy>,
        questions: Vec<Question>,
        glossary: Vec<GlossaryEntry>,
    ) -> Self {
        let guide = GuideTexts::take_from(&mut blueprints, &mut case_studies);
        Self {
            revision,
            blueprints,
            case_studies,
            questions,
            past: Vec::new(),
            glossary: Lazy::ready(glossary),
            guide: Lazy::ready(guide),
            content_chunks: None,
            by_id: OnceLock::new(),
        }
    }

    pub(crate) fn reading_from(
        mut self,
        chunks: ContentChunks,
        glossary: Lazy<Vec<GlossaryEntry>>,
        guide: Lazy<GuideTexts>,
    ) -> Self {
        self.glossary = glossary;
        self.guide = guide;
        self.content_chunks = Some(chunks);
        self
    }

    /// Adds `blueprint` to a bank built from its parts (not opened from bank files), its
    /// texts moved to the guide texts as [`Bank::new`] does (tests and tools; pushing onto
    /// `blueprints` would leave its skills without wordings).
    pub fn add_blueprint(&mut self, mut blueprint: Blueprint) {
        let added = GuideTexts::take_from(std::slice::from_mut(&mut blueprint), &mut []);
        let mut texts = self.guide.get().cloned().unwrap_or_default();
        texts.extend(added);
        self.guide = Lazy::ready(texts);
        self.blueprints.push(blueprint);
    }

    /// The guide texts, decoded on first use; `None` while their chunk is missing.
    pub(crate) fn guide_texts(&self) -> Option<&GuideTexts> {
        self.guide.get()
    }

    /// The wording of skill `skill` of exam `exam`; `None` while its chunk is missing, or
    /// for no such skill.
    #[must_use]
    pub fn skill_text(&self, exam: &str, skill: &str) -> Option<&Text> {
        self.guide.get()?.get(&GuideKey::Skill(exam, skill))
    }

    /// The note of row `row` (in the blueprint's order) of exam `exam`'s `[replaces]` mapping;
    /// `None` for a row without one, or while its chunk is missing.
    #[must_use]
    pub fn change_note(&self, exam: &str, row: usize) -> Option<&Text> {
        self.guide.get()?.get(&GuideKey::ChangeNote(exam, row))
    }

    /// The scenario of case study `case_study`, rendered HTML; `None` while its chunk is
    /// missing, or for no such case study.
    #[must_use]
    pub fn scenario(&self, case_study: &str) -> Option<&Text> {
        self.guide.get()?.get(&GuideKey::Scenario(case_study))
    }

    /// The chunks still missing before the skills' wordings, change notes and scenarios can
    /// be read in `lang`.
    #[must_use]
    pub fn missing_guide(&self, lang: Lang) -> Vec<usize> {
        self.missing_among(std::iter::once(self.guide.place(lang)))
    }

    /// Whether every question's content, the glossary and the guide texts can be read now in
    /// both languages
    /// (a bank opened from bank files needs its content chunks installed first; see
    /// [`crate::pack`]).
    #[must_use]
    pub fn content_ready(&self) -> bool {
        self.all_missing_chunks().is_empty()
    }

    /// How many content chunks the bank reads from (0 when its content is at hand).
    #[must_use]
    pub fn chunk_count(&self) -> usize {
        self.content_chunks.as_ref().map_or(0, ContentChunks::len)
    }

    /// The chunks still missing before these questions can be read in `lang`, in the order
    /// first needed, each once: a question of a case study needs the guide texts' chunk too,
    /// for its scenario. Unknown ids need nothing.
    #[must_use]
    pub fn missing_chunks<'a>(
        &self,
        lang: Lang,
        question_ids: impl IntoIterator<Item = &'a str>,
    ) -> Vec<usize> {
        self.missing_among(
            question_ids
                .into_iter()
                .filter_map(|id| self.question(id))
                .flat_map(|q| {
                    let scenario = q.case_study.as_ref().and(self.guide.place(lang));
                    [q.content.place(lang), scenario]
                }),
        )
    }

    /// The chunks still missing before the glossary can be read in `lang`.
    #[must_use]
    pub fn missing_glossary(&self, lang: Lang) -> Vec<usize> {
        self.missing_among(std::iter::once(self.glossary.place(lang)))
    }

    /// Every chunk of `lang` not yet installed: the guide texts', the glossary's, then the
    /// questions' in bank order.
    #[must_use]
    pub fn missing_in(&self, lang: Lang) -> Vec<usize> {
        let mut missing = self.missing_guide(lang);
        missing.extend(self.missing_glossary(lang));
        for chunk in self.missing_chunks(lang, self.questions.iter().map(|q| q.id.as_str())) {
            if !missing.contains(&chunk) {
                missing.push(chunk);
            }
        }
        missing
    }

    fn missing_among<'a>(&self, places: impl Iterator<Item = Option<&'a Place>>) -> Vec<usize> {
        let Some(chunks) = &self.content_chunks else {
            return Vec::new();
        };
        let mut missing = Vec::new();
        for place in places.flatten() {
            if !chunks.is_set(place.chunk) && !missing.contains(&place.chunk) {
                missing.push(place.chunk);
            }
        }
        missing
    }

    /// Whether content chunk `chunk` exists and is not installed yet.
    #[must_use]
    pub fn missing_chunk(&self, chunk: usize) -> bool {
        self.content_chunks
            .as_ref()
            .is_some_and(|chunks| chunk < chunks.len() && !chunks.is_set(chunk))
    }

    /// Every chunk not yet installed, of both languages.
    #[must_use]
    pub fn all_missing_chunks(&self) -> Vec<usize> {
        self.content_chunks
            .as_ref()
            .map_or_else(Vec::new, |chunks| {
                (0..chunks.len()).filter(|&k| !chunks.is_set(k)).collect()
            })
    }

    pub(crate) fn content_chunks(&self) -> Option<&ContentChunks> {
        self.content_chunks.as_ref()
    }

    #[must_use]
    pub fn blueprint(&self, code: &str) -> Option<&Blueprint> {
        self.blueprints.iter().find(|b| b.code == code)
    }

    #[must_use]
    pub fn question(&self, id: &str) -> Option<&Question> {
        let by_id = self.by_id.get_or_init(|| {
            self.questions
                .iter()
                .enumerate()
                .map(|(i, q)| (q.id.clone(), i))
                .collect()
        });
        // `questions` is public: a bank changed after the lookup table was built (tests do
        // that) falls back to a search rather than trusting a stale position.
        by_id
            .get(id)
            .and_then(|&i| self.questions.get(i))
            .filter(|q| q.id == id)
            .or_else(|| self.questions.iter().find(|q| q.id == id))
    }

    #[must_use]
    pub fn case_study(&self, id: &str) -> Option<&CaseStudy> {
        self.case_studies.iter().find(|c| c.id == id)
    }

    /// Every glossary entry of every exam, decoded on first use (empty if not readable yet).
    #[must_use]
    pub fn glossary(&self) -> &[GlossaryEntry] {
        self.glossary.get().map_or(&[], Vec::as_slice)
    }

    /// A glossary entry by id (ids are unique in the bank: a question of any exam may link
    /// an entry written for another).
    #[must_use]
    pub fn glossary_term(&self, id: &str) -> Option<&GlossaryEntry> {
        self.glossary().iter().find(|t| t.id == id)
    }

    /// The blueprints offered for new exams (not retired), in the order the start screen lists
    /// them (`list_order`, then bank order).
    #[must_use]
    pub fn offered(&self) -> Vec<&Blueprint> {
        let mut offered: Vec<&Blueprint> = self.blueprints.iter().filter(|b| !b.retired).collect();
        crate::sorting::sort_by_key(&mut offered, |b| b.list_order.unwrap_or(u32::MAX));
        offered
    }

    /// Questions that belong to a blueprint, in bank order, each with where it sits there.
    pub fn questions_for<'a>(&'a self, code: &'a str) -> impl Iterator<Item = InExam<'a>> + 'a {
        self.questions.iter().filter_map(move |q| q.in_exam(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_reads_the_renderer_s_entities() {
        assert_eq!(
            plain_text(
                "<p>A <code>S3</code> bucket &amp; more</p><p>Next &lt;b&gt; &#39;x&#39; &quot;y&quot;</p>"
            ),
            "A S3 bucket & more Next <b> 'x' \"y\""
        );
        assert_eq!(
            plain_text("a &copy; b"),
            "a &copy; b",
            "no other entity is written"
        );
        assert_eq!(plain_text("<ul><li>one</li><li>two</li></ul>"), "one two");
        assert_eq!(plain_text("日本語<strong>太字</strong>"), "日本語太字");
    }

    #[test]
    fn a_body_reads_as_written_and_a_missing_field_is_named() {
        let body = Body::Matching {
            prompts: vec![Text::default()],
            responses: vec![Response {
                text: Text::default(),
                why: Text::default(),
            }],
            key: vec![0],
        };
        let json = serde_json::to_string(&body).unwrap();
        assert!(json.starts_with(r#"{"kind":"matching","#), "{json}");
        assert_eq!(serde_json::from_str::<Body>(&json).unwrap(), body);
        let error = serde_json::from_str::<Body>(r#"{"kind":"ordering","responses":[]}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("missing field `order`"), "{error}");
        assert!(serde_json::from_str::<Body>(r#"{"kind":"essay","options":[]}"#).is_err());
    }
}
