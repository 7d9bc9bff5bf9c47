//! Whether a stored form item is still the question it was: the one place that answers it.
//!
//! Forms live a long time (the exam in progress, every attempt in the history, backups,
//! links) and the bank changes under them with every deploy. Before anything shows, scores or
//! counts a stored item, it asks [`resolve`]:
//!
//! - **Removed**: the bank has no question with that id (ids are never reused).
//! - **Changed**: the question is there, but a saved answer to it may mean something else
//!   now: its answer shape differs from the one the item recorded, or its
//!   [`Question::revision`] (answer format, option count, key, edition) is not the one the
//!   item was answered against.
//! - **Current**: everything else. Rewording a question or moving its options in the file
//!   keeps it current, since answers name options by id.
//!
//! Items written before forms recorded revisions have none. They are matched through the
//! bank's record of past releases ([`PastRelease`], from `questions/releases.toml`): an item
//! of a recorded release is current unless its question is listed as changed since; an item
//! of the running bank's own revision is current; an item of any other revision cannot be
//! told apart, and counts as changed.
//!
//! A current item is safe to show: its option order is a permutation of exactly the
//! question's options (the order is checked against the item's shape when decoded, and the
//! shape here against the question's), and its answer, if any, fits that shape.

use serde::{Deserialize, Serialize};

use crate::assemble::{AnswerShape, ExamForm, FormItem};
use crate::bank::{Bank, Question};
use crate::exam::Answer;

/// A bank published before forms recorded question revisions: its revision, and the
/// questions whose meaning has changed since (or that are gone).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastRelease {
    pub revision: String,
    /// Ids, sorted.
    pub changed: Vec<String>,
}

/// What a stored form item is in the running bank.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ItemStatus<'a> {
    /// The same question: its answers, option order and score still hold.
    Current(&'a Question),
    /// Updated since the item was stored: its saved answer cannot be read against it.
    Changed(&'a Question),
    /// No longer in the bank.
    Removed,
}

impl<'a> ItemStatus<'a> {
    /// The question, when the item still is it.
    #[must_use]
    pub fn current(self) -> Option<&'a Question> {
        match self {
            Self::Current(question) => Some(question),
            Self::Changed(_) | Self::Removed => None,
        }
    }

    #[must_use]
    pub fn is_current(self) -> bool {
        matches!(self, Self::Current(_))
    }
}

/// What `item`, stored in a form assembled from bank revision `form_revision`, is in `bank`.
#[must_use]
pub fn resolve<'a>(bank: &'a Bank, form_revision: &str, item: &FormItem) -> ItemStatus<'a> {
    let Some(question) = bank.question(&item.question_id) else {
        return ItemStatus::Removed;
    };
    let same_shape = AnswerShape::of_question(question) == item.shape;
    let same_meaning = match item.revision {
        Some(revision) => revision == question.revision(),
        None if form_revision == bank.revision => true,
        None => bank.past.iter().any(|past| {
            past.revision == form_revision
                && past
                    .changed
                    .binary_search_by(|id| id.as_str().cmp(&question.id))
                    .is_err()
        }),
    };
    if same_shape && same_meaning {
        ItemStatus::Current(question)
    } else {
        ItemStatus::Changed(question)
    }
}

/// [`resolve`] for item `index` of `form` (`Removed` past its end).
#[must_use]
pub fn resolve_item<'a>(bank: &'a Bank, form: &ExamForm, index: usize) -> ItemStatus<'a> {
    form.items.get(index).map_or(ItemStatus::Removed, |item| {
        resolve(bank, &form.bank_revision, item)
    })
}

/// A form item ready to show: the question, the order of its options and the saved answer,
/// checked to fit one another.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown<'a> {
    pub question: &'a Question,
    /// A permutation of the question's options (or responses).
    pub order: Vec<usize>,
    /// `None` also when the saved answer does not fit the question's shape.
    pub answer: Option<Answer>,
}

/// Item `index` of `form` with its saved answer from `answers`, if it is current.
#[must_use]
pub fn shown<'a>(
    bank: &'a Bank,
    form: &ExamForm,
    answers: &[Option<Answer>],
    index: usize,
) -> Option<Shown<'a>> {
    let item = form.items.get(index)?;
    let question = resolve(bank, &form.bank_revision, item).current()?;
    let answer = answers
        .get(index)
        .and_then(Option::as_ref)
        .filter(|a| item.shape.accepts(a))
        .cloned();
    Some(Shown {
        question,
        order: item.option_order.to_vec(),
        answer,
    })
}

/// The ids of the form's questions that changed since it was assembled and are still in
/// the bank (to practise them anew), in form order.
#[must_use]
pub fn changed_ids(bank: &Bank, form: &ExamForm) -> Vec<String> {
    form.items
        .iter()
        .filter(|item| {
            matches!(
                resolve(bank, &form.bank_revision, item),
                ItemStatus::Changed(_)
            )
        })
        .map(|item| item.question_id.clone())
        .collect()
}

/// How many of the form's items are not current (changed or removed).
#[must_use]
pub fn stale_count(bank: &Bank, form: &ExamForm) -> usize {
    form.items
        .iter()
        .filter(|item| !resolve(bank, &form.bank_revision, item).is_current())
        .count()
}
