//! Exams from fixed seeds, so that a test sees the same questions on every run and every
//! assertion about a question type runs every time. The exam reaches the page as a study
//! group's exam link (`#/take/…`), which carries its seed: the page assembles exactly the
//! form assembled here from the release build's own bank index.

use mogi_core::assemble::{ExamChoices, ExamForm, Mode, assemble};
use mogi_core::bank::{Bank, QuestionType};

use crate::site::dist;

/// The release build's bank, from its index file (`bank-<revision>.json`): enough to assemble.
///
/// # Panics
/// If `dist/` has no bank index or it cannot be read.
#[must_use]
pub fn release_bank() -> Bank {
    let dist = dist();
    let index = std::fs::read_dir(&dist)
        .expect("the release build")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| {
            name.starts_with("bank-") && name.ends_with(".json") && !name.contains("-content-")
        })
        .expect("a bank index in the release build");
    let text = std::fs::read_to_string(dist.join(&index)).expect("the bank index");
    mogi_core::pack::open_index(&text).unwrap_or_else(|e| panic!("{index}: {e:?}"))
}

/// A custom exam of `count` questions of `exam` (untimed, as the start screen's custom mode
/// makes it), from the first seed counting from 0 whose form `fits`; returns the link's
/// payload (after `#/take/`) and the form.
///
/// # Panics
/// If none of the first thousand seeds fits (the bank no longer has what the test needs).
#[must_use]
pub fn seeded_exam(
    exam: &str,
    count: u32,
    fits: impl Fn(&Bank, &ExamForm) -> bool,
) -> (String, ExamForm) {
    let bank = release_bank();
    let blueprint = bank
        .blueprint(exam)
        .unwrap_or_else(|| panic!("no exam {exam} in the bank"));
    for seed in 0..1000 {
        let mut choices = ExamChoices::full_exam(blueprint, seed);
        choices.mode = Mode::Custom;
        choices.question_count = Some(count);
        choices.duration_minutes = None;
        let form = assemble(&bank, &choices).unwrap_or_else(|e| panic!("{exam}: {e:?}"));
        if fits(&bank, &form) {
            return (mogi_core::share::encode_exam(&form), form);
        }
    }
    panic!("no seed below 1000 gives a {count}-question {exam} exam that fits the test");
}

/// Whether `form` has every answer format and a case-study question.
#[must_use]
pub fn has_every_format_and_a_case_study(bank: &Bank, form: &ExamForm) -> bool {
    let questions: Vec<_> = form
        .items
        .iter()
        .filter_map(|item| bank.question(&item.question_id))
        .collect();
    let formats = [
        QuestionType::MultipleChoice,
        QuestionType::MultipleResponse,
        QuestionType::Ordering,
        QuestionType::Matching,
    ];
    formats
        .iter()
        .all(|format| questions.iter().any(|q| q.format == *format))
        && questions.iter().any(|q| q.case_study.is_some())
}
