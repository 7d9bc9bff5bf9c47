//! The exam form and what it is made from, as exam, score, share, history and storage read
//! it: what the candidate chose ([`ExamChoices`], with its [`Mode`] and [`Pool`]), and the
//! frozen list of questions ([`ExamForm`] of [`FormItem`]s), each with the answer format it
//! accepts ([`AnswerShape`]) and its display order ([`OptionOrder`]). Invariants are checked
//! where data enters (serde `try_from`). [`crate::assemble`] builds forms.

use serde::{Deserialize, Serialize};

use crate::bank::{Blueprint, Body, Question, QuestionType, required};

/// How an exam runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Like the real exam: the blueprint's duration, no verdicts until the end.
    Exam,
    /// Study: untimed unless asked, and each question's verdict can be revealed on the spot.
    Practice,
    /// A custom selection run like an exam (verdicts at the end), timed or not.
    Custom,
}

/// Which questions may be drawn, on top of the domain, task and type filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pool {
    /// Every question of the blueprint.
    #[default]
    All,
    /// Exactly these question ids (for example those answered wrong, or flagged, before).
    Only(Vec<String>),
    /// Every question, but those whose ids are listed (already seen) are drawn only when the
    /// unseen ones do not suffice.
    UnseenFirst(Vec<String>),
}

/// What the candidate asked for on the set-up screen. Stored in the form, so a form can be
/// re-assembled (or its seed shared) later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamChoices {
    /// Blueprint code, e.g. `mla-c01`.
    pub exam: String,
    pub mode: Mode,
    /// `None`: the blueprint's full count (scored and unscored questions).
    pub question_count: Option<u32>,
    /// `None`: untimed. [`Mode::Exam`] ignores this and uses the blueprint's duration.
    pub duration_minutes: Option<u32>,
    /// Add the blueprint's extra time for non-native speakers (when timed).
    pub esl_extra: bool,
    /// Domain numbers to draw from; empty means all.
    pub domains: Vec<u8>,
    /// Task ids (`"1.2"`) to draw from; empty means all.
    pub tasks: Vec<String>,
    /// Question types to draw; empty means all.
    pub types: Vec<QuestionType>,
    pub pool: Pool,
    /// Show each question's options (or responses) in a seeded random order.
    pub shuffle_options: bool,
    pub seed: u64,
}

impl ExamChoices {
    /// The real thing: full length, the blueprint's duration, all domains, options shuffled.
    #[must_use]
    pub fn full_exam(blueprint: &Blueprint, seed: u64) -> Self {
        Self {
            exam: blueprint.code.clone(),
            mode: Mode::Exam,
            question_count: None,
            duration_minutes: Some(blueprint.duration_minutes),
            esl_extra: false,
            domains: Vec::new(),
            tasks: Vec::new(),
            types: Vec::new(),
            pool: Pool::All,
            shuffle_options: true,
            seed,
        }
    }

    /// An untimed practice set of `question_count` questions from all domains, with verdicts
    /// available per question. Narrow it by setting the filter fields afterwards.
    #[must_use]
    pub fn practice(blueprint: &Blueprint, question_count: u32, seed: u64) -> Self {
        Self {
            mode: Mode::Practice,
            question_count: Some(question_count),
            duration_minutes: None,
            ..Self::full_exam(blueprint, seed)
        }
    }

    /// The number of questions asked for (the blueprint's full count when unset).
    #[must_use]
    pub fn count(&self, blueprint: &Blueprint) -> u32 {
        self.question_count
            .unwrap_or_else(|| blueprint.total_questions())
    }

    /// The time allowed, or `None` when untimed. Exam mode always uses the blueprint's
    /// duration; the ESL extension is added whenever the exam is timed.
    #[must_use]
    pub fn duration_ms(&self, blueprint: &Blueprint) -> Option<u64> {
        let base = match self.mode {
            Mode::Exam => Some(blueprint.duration_minutes),
            Mode::Practice | Mode::Custom => self.duration_minutes,
        }?;
        let extra = if self.esl_extra {
            blueprint.esl_extra_minutes
        } else {
            0
        };
        Some((u64::from(base) + u64::from(extra)) * 60_000)
    }
}

/// The answer format a form item accepts; kept in the form so that running an exam needs no
/// bank (see [`crate::exam::Exam::apply`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", try_from = "ShapeFields")]
pub enum AnswerShape {
    /// Multiple choice: exactly one of `options`.
    Single { options: usize },
    /// Multiple response: a non-empty set of `options`; the key has `choose` of them.
    Multiple { options: usize, choose: usize },
    /// Ordering (one slot per step) or matching (one slot per prompt): each slot holds one of
    /// `responses`, or nothing yet.
    Slots { slots: usize, responses: usize },
}

/// An [`AnswerShape`] as stored, read as one flat record (see `bank::BodyFields` for why).
#[derive(Deserialize)]
struct ShapeFields {
    kind: ShapeKind,
    options: Option<usize>,
    choose: Option<usize>,
    slots: Option<usize>,
    responses: Option<usize>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ShapeKind {
    Single,
    Multiple,
    Slots,
}

impl TryFrom<ShapeFields> for AnswerShape {
    type Error = String;

    fn try_from(fields: ShapeFields) -> Result<Self, String> {
        Ok(match fields.kind {
            ShapeKind::Single => Self::Single {
                options: required(fields.options, "options")?,
            },
            ShapeKind::Multiple => Self::Multiple {
                options: required(fields.options, "options")?,
                choose: required(fields.choose, "choose")?,
            },
            ShapeKind::Slots => Self::Slots {
                slots: required(fields.slots, "slots")?,
                responses: required(fields.responses, "responses")?,
            },
        })
    }
}

impl AnswerShape {
    /// The shape of a question, from its metadata alone.
    #[must_use]
    pub fn of_question(question: &Question) -> Self {
        let (options, key) = (question.choices, question.key.len());
        match question.format {
            QuestionType::MultipleResponse => Self::Multiple {
                options,
                choose: key,
            },
            QuestionType::Ordering | QuestionType::Matching => Self::Slots {
                slots: key,
                responses: options,
            },
            QuestionType::MultipleChoice | QuestionType::CaseStudy => Self::Single { options },
        }
    }

    /// The shape of a question body.
    #[must_use]
    pub fn of(body: &Body) -> Self {
        match body {
            Body::MultipleChoice { options } => Self::Single {
                options: options.len(),
            },
            Body::MultipleResponse { options } => Self::Multiple {
                options: options.len(),
                choose: body.correct_count(),
            },
            Body::Ordering { responses, order } => Self::Slots {
                slots: order.len(),
                responses: responses.len(),
            },
            Body::Matching {
                prompts, responses, ..
            } => Self::Slots {
                slots: prompts.len(),
                responses: responses.len(),
            },
        }
    }

    /// How many things the display order permutes (options or responses).
    #[must_use]
    pub fn choice_count(self) -> usize {
        match self {
            Self::Single { options } | Self::Multiple { options, .. } => options,
            Self::Slots { responses, .. } => responses,
        }
    }
}

/// The order in which a form item shows its options (or responses): position `i` on screen
/// shows option `self[i]`. Always a permutation of `0..n`: checked wherever one is decoded
/// (stored exams, history, backups), so a view may index by it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<usize>")]
pub struct OptionOrder(Vec<usize>);

impl OptionOrder {
    /// `order` if it is a permutation of `0..order.len()`.
    #[must_use]
    pub fn new(order: Vec<usize>) -> Option<Self> {
        let mut seen = vec![false; order.len()];
        for &i in &order {
            match seen.get_mut(i) {
                Some(slot) if !*slot => *slot = true,
                _ => return None,
            }
        }
        Some(Self(order))
    }

    /// `0..n` in order.
    #[must_use]
    pub fn identity(n: usize) -> Self {
        Self((0..n).collect())
    }
}

impl TryFrom<Vec<usize>> for OptionOrder {
    type Error = String;

    fn try_from(order: Vec<usize>) -> Result<Self, String> {
        Self::new(order).ok_or_else(|| "an option order that is not a permutation".to_owned())
    }
}

impl std::ops::Deref for OptionOrder {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        &self.0
    }
}

/// One question of a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FormItemFields")]
pub struct FormItem {
    pub question_id: String,
    /// Display permutation of exactly the shape's options or responses. Prompts and steps are
    /// never reordered, and answers always use the options' own indices (their ids), so the
    /// key keeps its meaning.
    pub option_order: OptionOrder,
    /// The accepted answer format, copied from the question.
    pub shape: AnswerShape,
    /// [`Question::revision`] when the form was assembled; `None` in forms written before
    /// it was recorded (see [`crate::resolve`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
}

/// A [`FormItem`] as stored, before its option order is checked against its shape.
#[derive(Deserialize)]
struct FormItemFields {
    question_id: String,
    option_order: OptionOrder,
    shape: AnswerShape,
    #[serde(default)]
    revision: Option<u32>,
}

impl TryFrom<FormItemFields> for FormItem {
    type Error = String;

    fn try_from(fields: FormItemFields) -> Result<Self, String> {
        if fields.option_order.len() != fields.shape.choice_count() {
            return Err(format!(
                "question {}: an option order of {} for {} options",
                fields.question_id,
                fields.option_order.len(),
                fields.shape.choice_count()
            ));
        }
        Ok(Self {
            question_id: fields.question_id,
            option_order: fields.option_order,
            shape: fields.shape,
            revision: fields.revision,
        })
    }
}

/// A frozen exam: the questions in the order they are shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamForm {
    pub exam: String,
    /// The bank revision the form was assembled from; a saved form whose revision differs
    /// from the running bank may refer to changed questions.
    pub bank_revision: String,
    pub choices: ExamChoices,
    pub items: Vec<FormItem>,
    /// The planned number of questions per domain (see [`domain_quotas`]).
    pub quotas: Vec<(u8, u32)>,
    /// The time allowed, from [`ExamChoices::duration_ms`]; `None` when untimed.
    pub duration_ms: Option<u64>,
}

impl ExamForm {
    /// The ids of the form's questions, in exam order.
    pub fn question_ids(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|item| item.question_id.as_str())
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::sample_blueprint;

    #[test]
    fn duration_depends_on_mode_and_esl() {
        let bp = sample_blueprint();
        let mut c = ExamChoices::full_exam(&bp, 1);
        c.duration_minutes = Some(5);
        assert_eq!(c.duration_ms(&bp), Some(130 * 60_000));
        c.esl_extra = true;
        assert_eq!(c.duration_ms(&bp), Some(160 * 60_000));
        let mut p = ExamChoices::practice(&bp, 10, 1);
        assert_eq!(p.duration_ms(&bp), None);
        p.esl_extra = true;
        assert_eq!(p.duration_ms(&bp), None);
        p.mode = Mode::Custom;
        p.duration_minutes = Some(20);
        assert_eq!(p.duration_ms(&bp), Some(50 * 60_000));
        assert_eq!(p.count(&bp), 10);
        assert_eq!(c.count(&bp), 65);
    }

    #[test]
    fn choices_serialize_in_kebab_case() {
        let bp = sample_blueprint();
        let mut c = ExamChoices::practice(&bp, 10, 1);
        c.pool = Pool::UnseenFirst(vec!["a".into()]);
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains("\"mode\":\"practice\""), "{json}");
        assert!(json.contains("\"unseen-first\""), "{json}");
        let back: ExamChoices = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn an_answer_shape_reads_as_stored_and_a_missing_field_is_named() {
        for shape in [
            AnswerShape::Single { options: 4 },
            AnswerShape::Multiple {
                options: 5,
                choose: 2,
            },
            AnswerShape::Slots {
                slots: 3,
                responses: 4,
            },
        ] {
            let json = serde_json::to_string(&shape).unwrap();
            assert_eq!(serde_json::from_str::<AnswerShape>(&json).unwrap(), shape);
        }
        assert_eq!(
            serde_json::from_str::<AnswerShape>(r#"{"kind":"multiple","options":5,"choose":2}"#)
                .unwrap(),
            AnswerShape::Multiple {
                options: 5,
                choose: 2
            }
        );
        let error = serde_json::from_str::<AnswerShape>(r#"{"kind":"slots","slots":3}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("missing field `responses`"), "{error}");
    }
}
