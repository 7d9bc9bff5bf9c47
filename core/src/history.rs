//! Finished attempts as they are kept in a user's history: the form, the answers and the
//! score report, enough to show the result again, review every question and study from it.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::assemble::ExamForm;
use crate::bank::Bank;
use crate::exam::{Answer, Exam};
use crate::resolve::resolve;
use crate::score::{ExamResult, Outcome, score};
use crate::sorting;

/// One finished exam.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Unique within a history; used in result links (`#/results/<id>`).
    pub id: String,
    pub finished_at_ms: u64,
    pub form: ExamForm,
    pub answers: Vec<Option<Answer>>,
    pub flags: Vec<bool>,
    pub result: ExamResult,
}

impl Attempt {
    /// Scores a submitted exam and records it. The id is derived from the data, so the same
    /// sitting always gets the same id.
    #[must_use]
    pub fn record(bank: &Bank, exam: &Exam, finished_at_ms: u64) -> Self {
        Self {
            id: attempt_id(finished_at_ms, exam.form.choices.seed),
            finished_at_ms,
            form: ExamForm::clone(&exam.form),
            answers: exam.answers.clone(),
            flags: exam.flags.clone(),
            result: score(bank, exam),
        }
    }
}

impl Attempt {
    /// The outcomes whose questions are still the ones answered ([`crate::resolve`]): what
    /// the user knows today. Outcomes of changed or removed questions are skipped.
    pub fn current_outcomes<'a>(&'a self, bank: &'a Bank) -> impl Iterator<Item = &'a Outcome> {
        self.result
            .outcomes
            .iter()
            .zip(&self.form.items)
            .filter(|(outcome, item)| {
                !outcome.left_out
                    && outcome.question_id == item.question_id
                    && resolve(bank, &self.form.bank_revision, item).is_current()
            })
            .map(|(outcome, _)| outcome)
    }
}

/// How merging attempts went (an import, another tab's history).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Attempts that were new here.
    pub added: usize,
    /// Attempts this history already had (or that appeared twice in the file).
    pub already: usize,
}

/// `local` plus the attempts of `incoming` it lacks (by id), oldest first. Local attempts
/// win over incoming ones with the same id.
#[must_use]
pub fn merge(local: &[Attempt], incoming: &[Attempt]) -> (Vec<Attempt>, MergeReport) {
    let mut ids: HashSet<&str> = HashSet::new();
    let mut merged: Vec<Attempt> = Vec::with_capacity(local.len() + incoming.len());
    for a in local {
        if ids.insert(a.id.as_str()) {
            merged.push(a.clone());
        }
    }
    let mut report = MergeReport::default();
    for a in incoming {
        if ids.insert(a.id.as_str()) {
            merged.push(a.clone());
            report.added += 1;
        } else {
            report.already += 1;
        }
    }
    // Stable: attempts finished at the same moment keep their order.
    sorting::sort_by_key(&mut merged, |a| a.finished_at_ms);
    (merged, report)
}

fn attempt_id(finished_at_ms: u64, seed: u64) -> String {
    format!("{finished_at_ms:x}-{:04x}", seed & 0xffff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::{ExamChoices, assemble};
    use crate::exam::Action;
    use crate::synthetic::{generated_bank, sample_blueprint};

    #[test]
    fn a_recorded_attempt_keeps_answers_and_the_score() {
        let blueprint = sample_blueprint();
        let bank = generated_bank(&blueprint, 200, 7);
        let blueprint = &bank.blueprints[0];
        let form = assemble(&bank, &ExamChoices::practice(blueprint, 5, 42)).unwrap();
        let mut exam = Exam::new(form);
        exam.apply(Action::Start { now_ms: 1_000 });
        exam.apply(Action::ToggleFlag { index: 1 });
        exam.apply(Action::Submit { now_ms: 61_000 });
        let attempt = Attempt::record(&bank, &exam, 61_000);
        assert_eq!(attempt.answers.len(), 5);
        assert!(attempt.flags[1]);
        assert_eq!(attempt.result.total, 5);
        assert_eq!(attempt.result.raw_correct, 0, "nothing answered");
        assert_eq!(attempt.result.time_used_ms, 60_000);
        assert_eq!(
            attempt.id,
            Attempt::record(&bank, &exam, 61_000).id,
            "stable id"
        );
    }
}
