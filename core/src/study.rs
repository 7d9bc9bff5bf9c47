//! Studying from the history: what to practise next, and how the user stands per task
//! statement, per service and per domain.
//!
//! Every figure is per question *as last answered*: a question answered wrong once and right
//! later counts as right, so the standing moves as the user learns. Only answers to
//! questions that are still the ones answered count ([`crate::resolve`]): a question changed
//! since, or gone, is left out (a changed one is unseen again).
//!
//! [`study_choices`] turns a [`Focus`] into the [`ExamChoices`] of a practice set, using
//! [`Pool`] for the wrong, marked and unseen-first sets and the domain or task filter for
//! the weakest domain or task.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::assemble::{ExamChoices, ExamForm, Pool};
use crate::bank::{Bank, InExam};
use crate::history::Attempt;
use crate::score::Tally;
use crate::sorting;

/// A practice set of the questions of `form` that changed after it was made and are still in
/// the bank (an attempt left them out of its score), to answer them anew; `None` when there
/// are none or the exam is gone.
#[must_use]
pub fn practise_changed(bank: &Bank, form: &ExamForm, seed: u64) -> Option<ExamChoices> {
    let ids: Vec<String> = crate::resolve::changed_ids(bank, form)
        .into_iter()
        .filter(|id| bank.question(id).is_some_and(|q| q.belongs_to(&form.exam)))
        .collect();
    let blueprint = bank.blueprint(&form.exam)?;
    let count = u32::try_from(ids.len()).ok().filter(|&n| n > 0)?;
    let mut choices = ExamChoices::practice(blueprint, count, seed);
    choices.pool = Pool::Only(ids);
    Some(choices)
}

/// How one question went, over the history.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuestionRecord {
    /// Times it was asked.
    pub seen: u32,
    /// Times it was answered right.
    pub correct: u32,
    /// The last time it was asked: right?
    pub last_correct: bool,
    /// The last time it was asked: marked for review?
    pub last_flagged: bool,
    /// The first time it was answered (not only asked): right?
    pub first_answer: Option<bool>,
    /// When the last attempt that asked it finished (ms since the epoch).
    pub last_at_ms: u64,
}

/// Every question of exam `exam` that the history asked and that is still the question it
/// was ([`Attempt::current_outcomes`]), by id, in finish order. An answer given in an attempt
/// at another exam that shares the question counts too: what a learner knows follows the
/// question, not the exam it was asked in.
#[must_use]
pub fn question_records(
    bank: &Bank,
    history: &[Attempt],
    exam: &str,
) -> BTreeMap<String, QuestionRecord> {
    let mut attempts: Vec<&Attempt> = history.iter().collect();
    sorting::sort_by_key(&mut attempts, |a| a.finished_at_ms);
    let mut records: BTreeMap<String, QuestionRecord> = BTreeMap::new();
    for attempt in attempts {
        for outcome in attempt.current_outcomes(bank) {
            if !bank
                .question(&outcome.question_id)
                .is_some_and(|q| q.belongs_to(exam))
            {
                continue;
            }
            let r = records.entry(outcome.question_id.clone()).or_default();
            r.seen += 1;
            r.correct += u32::from(outcome.correct);
            r.last_correct = outcome.correct;
            r.last_flagged = outcome.flagged;
            r.last_at_ms = attempt.finished_at_ms;
            if outcome.answered && r.first_answer.is_none() {
                r.first_answer = Some(outcome.correct);
            }
        }
    }
    records
}

/// Ids of the questions (still in the bank) last answered wrong or left unanswered.
#[must_use]
pub fn wrong_ids(bank: &Bank, history: &[Attempt], exam: &str) -> Vec<String> {
    ids_where(bank, history, exam, |r| !r.last_correct)
}

/// Ids of the questions (still in the bank) marked for review the last time they were asked.
#[must_use]
pub fn marked_ids(bank: &Bank, history: &[Attempt], exam: &str) -> Vec<String> {
    ids_where(bank, history, exam, |r| r.last_flagged)
}

/// Ids of every question the history asked (a question changed since counts as unseen).
#[must_use]
pub fn seen_ids(bank: &Bank, history: &[Attempt], exam: &str) -> Vec<String> {
    question_records(bank, history, exam).into_keys().collect()
}

fn ids_where(
    bank: &Bank,
    history: &[Attempt],
    exam: &str,
    keep: impl Fn(&QuestionRecord) -> bool,
) -> Vec<String> {
    let in_bank: HashSet<&str> = bank
        .questions_for(exam)
        .map(|q| q.question.id.as_str())
        .collect();
    question_records(bank, history, exam)
        .into_iter()
        .filter(|(id, r)| keep(r) && in_bank.contains(id.as_str()))
        .map(|(id, _)| id)
        .collect()
}

/// How the user stands on one task statement, service or domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    /// Task id (`"1.2"`), service name, or domain number as text.
    pub key: String,
    /// Questions of this group in the bank.
    pub in_bank: u32,
    /// Of those, asked at least once.
    pub seen: u32,
    /// Of those seen, right the last time.
    pub latest: Tally,
}

impl Standing {
    /// Whether this group has been practised at all.
    #[must_use]
    pub fn is_seen(&self) -> bool {
        self.seen > 0
    }
}

/// The standings of exam `exam` grouped by `groups` (a question may be in several groups),
/// with `order` giving the groups to list (all of them, even unseen ones).
fn standings(
    bank: &Bank,
    history: &[Attempt],
    exam: &str,
    order: Vec<String>,
    groups: impl Fn(&InExam<'_>) -> Vec<String>,
) -> Vec<Standing> {
    let records = question_records(bank, history, exam);
    let mut by_key: HashMap<String, Standing> = order
        .iter()
        .map(|k| {
            (
                k.clone(),
                Standing {
                    key: k.clone(),
                    in_bank: 0,
                    seen: 0,
                    latest: Tally::default(),
                },
            )
        })
        .collect();
    for q in bank.questions_for(exam) {
        let record = records.get(&q.id);
        for key in groups(&q) {
            let Some(s) = by_key.get_mut(&key) else {
                continue;
            };
            s.in_bank += 1;
            if let Some(r) = record {
                s.seen += 1;
                s.latest.total += 1;
                s.latest.correct += u32::from(r.last_correct);
            }
        }
    }
    order
        .into_iter()
        .filter_map(|k| by_key.remove(&k))
        .collect()
}

/// Per task statement, in blueprint order.
#[must_use]
pub fn task_standings(bank: &Bank, history: &[Attempt], exam: &str) -> Vec<Standing> {
    let Some(blueprint) = bank.blueprint(exam) else {
        return Vec::new();
    };
    let order = blueprint
        .domains
        .iter()
        .flat_map(|d| &d.tasks)
        .map(|t| t.id.clone())
        .collect();
    standings(bank, history, exam, order, |q| vec![q.task().to_owned()])
}

/// Per domain, in blueprint order (the key is the domain number).
#[must_use]
pub fn domain_standings(bank: &Bank, history: &[Attempt], exam: &str) -> Vec<Standing> {
    let Some(blueprint) = bank.blueprint(exam) else {
        return Vec::new();
    };
    let order = blueprint
        .domains
        .iter()
        .map(|d| d.number.to_string())
        .collect();
    standings(bank, history, exam, order, |q| vec![q.domain().to_string()])
}

/// Per service the bank's questions name, weakest first (lowest share right, then the most
/// questions, then by name); services never asked come last, by name.
#[must_use]
pub fn service_standings(bank: &Bank, history: &[Attempt], exam: &str) -> Vec<Standing> {
    let mut names: Vec<String> = bank
        .questions_for(exam)
        .flat_map(|q| q.question.services.iter().cloned())
        .collect();
    sorting::sort(&mut names);
    names.dedup();
    let mut list = standings(bank, history, exam, names, |q| q.services.clone());
    sorting::sort_by(&mut list, |a, b| {
        b.is_seen()
            .cmp(&a.is_seen())
            .then_with(|| share_cmp(a.latest, b.latest))
            .then(b.in_bank.cmp(&a.in_bank))
            .then_with(|| a.key.cmp(&b.key))
    });
    list
}

/// Orders tallies by share right, lowest first, exactly (no rounding).
fn share_cmp(a: Tally, b: Tally) -> std::cmp::Ordering {
    (u64::from(a.correct) * u64::from(b.total)).cmp(&(u64::from(b.correct) * u64::from(a.total)))
}

/// The practised group with the lowest share right; ties go to the one listed first.
fn weakest(list: Vec<Standing>) -> Option<String> {
    list.into_iter()
        .filter(Standing::is_seen)
        .reduce(|best, s| {
            if share_cmp(s.latest, best.latest).is_lt() {
                s
            } else {
                best
            }
        })
        .map(|s| s.key)
}

/// The domain with the lowest share right (of those practised).
#[must_use]
pub fn weakest_domain(bank: &Bank, history: &[Attempt], exam: &str) -> Option<u8> {
    weakest(domain_standings(bank, history, exam)).and_then(|k| k.parse().ok())
}

/// The task statement with the lowest share right (of those practised).
#[must_use]
pub fn weakest_task(bank: &Bank, history: &[Attempt], exam: &str) -> Option<String> {
    weakest(task_standings(bank, history, exam))
}

/// What to practise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The questions last answered wrong (or left unanswered).
    Wrong,
    /// The questions last marked for review.
    Marked,
    /// Questions never asked before, then the others.
    UnseenFirst,
    /// The domain with the lowest share right.
    WeakestDomain,
    /// The task statement with the lowest share right.
    WeakestTask,
}

/// Why a study set cannot be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StudyError {
    /// The exam is not in the bank.
    UnknownExam,
    /// The history has nothing for this focus (no wrong or marked questions, nothing
    /// practised yet).
    NothingToPractise,
}

/// The choices of a practice set (verdicts per question, untimed, options shuffled) of at
/// most `count` questions for `focus`: fewer when fewer questions fit.
///
/// # Errors
/// See [`StudyError`].
pub fn study_choices(
    bank: &Bank,
    history: &[Attempt],
    exam: &str,
    focus: Focus,
    count: u32,
    seed: u64,
) -> Result<ExamChoices, StudyError> {
    let blueprint = bank.blueprint(exam).ok_or(StudyError::UnknownExam)?;
    let mut choices = ExamChoices::practice(blueprint, count, seed);
    let available = |keep: &dyn Fn(&InExam<'_>) -> bool| -> u32 {
        u32::try_from(bank.questions_for(exam).filter(|q| keep(q)).count()).unwrap_or(u32::MAX)
    };
    let fit = match focus {
        Focus::Wrong | Focus::Marked => {
            let ids = if focus == Focus::Wrong {
                wrong_ids(bank, history, exam)
            } else {
                marked_ids(bank, history, exam)
            };
            let n = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            choices.pool = Pool::Only(ids);
            n
        }
        Focus::UnseenFirst => {
            choices.pool = Pool::UnseenFirst(seen_ids(bank, history, exam));
            available(&|_| true)
        }
        Focus::WeakestDomain => {
            let domain =
                weakest_domain(bank, history, exam).ok_or(StudyError::NothingToPractise)?;
            choices.domains = vec![domain];
            available(&|q| q.domain() == domain)
        }
        Focus::WeakestTask => {
            let task = weakest_task(bank, history, exam).ok_or(StudyError::NothingToPractise)?;
            let n = available(&|q| q.task() == task);
            choices.tasks = vec![task];
            n
        }
    };
    if fit == 0 {
        return Err(StudyError::NothingToPractise);
    }
    choices.question_count = Some(count.clamp(1, fit));
    Ok(choices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::assemble;
    use crate::bank::Question;
    use crate::exam::{Action, Exam};
    use crate::synthetic::{correct_answer, generated_bank, sample_blueprint, wrong_answer};

    /// Sits a practice set of `n` questions; `right(i)` says whether question `i` is
    /// answered right; `flag(i)` whether it is marked.
    fn sit(
        bank: &Bank,
        choices: &ExamChoices,
        at: u64,
        right: impl Fn(usize, &Question) -> bool,
        flag: impl Fn(usize) -> bool,
    ) -> Attempt {
        let mut exam = Exam::new(assemble(bank, choices).unwrap());
        exam.apply(Action::Start { now_ms: at });
        for i in 0..exam.len() {
            let q = bank.question(&exam.form.items[i].question_id).unwrap();
            let answer = if right(i, q) {
                correct_answer(q)
            } else {
                wrong_answer(q)
            };
            exam.apply(Action::Answer { index: i, answer });
            if flag(i) {
                exam.apply(Action::ToggleFlag { index: i });
            }
        }
        exam.apply(Action::Submit { now_ms: at + 1_000 });
        Attempt::record(bank, &exam, at + 1_000)
    }

    fn bank() -> Bank {
        generated_bank(&sample_blueprint(), 200, 11)
    }

    #[test]
    fn wrong_and_marked_follow_the_latest_answer() {
        let bank = bank();
        let bp = &bank.blueprints[0];
        let choices = ExamChoices::practice(bp, 10, 1);
        let first = sit(&bank, &choices, 1_000, |i, _| i % 2 == 0, |i| i < 3);
        let ids: Vec<String> = first
            .form
            .items
            .iter()
            .map(|i| i.question_id.clone())
            .collect();
        let mut wrong = wrong_ids(&bank, std::slice::from_ref(&first), "mla-c01");
        wrong.sort();
        let mut expected: Vec<String> = ids.iter().skip(1).step_by(2).cloned().collect();
        expected.sort();
        assert_eq!(wrong, expected);
        assert_eq!(
            marked_ids(&bank, std::slice::from_ref(&first), "mla-c01").len(),
            3
        );

        // The same form again, all right and nothing marked: nothing left to practise.
        let second = sit(&bank, &choices, 5_000, |_, _| true, |_| false);
        let history = vec![second, first];
        assert!(wrong_ids(&bank, &history, "mla-c01").is_empty());
        assert!(marked_ids(&bank, &history, "mla-c01").is_empty());
        assert_eq!(
            study_choices(&bank, &history, "mla-c01", Focus::Wrong, 10, 3),
            Err(StudyError::NothingToPractise)
        );
        assert_eq!(seen_ids(&bank, &history, "mla-c01").len(), 10);
        assert!(seen_ids(&bank, &history, "other").is_empty());
    }

    #[test]
    fn practising_the_wrong_ones_draws_exactly_those() {
        let bank = bank();
        let bp = &bank.blueprints[0];
        let attempt = sit(
            &bank,
            &ExamChoices::practice(bp, 12, 4),
            1_000,
            |i, _| i >= 4,
            |_| false,
        );
        let history = vec![attempt];
        let wrong: HashSet<String> = wrong_ids(&bank, &history, "mla-c01").into_iter().collect();
        let choices = study_choices(&bank, &history, "mla-c01", Focus::Wrong, 20, 9).unwrap();
        assert_eq!(
            choices.question_count,
            Some(u32::try_from(wrong.len()).unwrap()),
            "capped to what there is"
        );
        let form = assemble(&bank, &choices).unwrap();
        let drawn: HashSet<String> = form.items.iter().map(|i| i.question_id.clone()).collect();
        assert_eq!(drawn, wrong);
    }

    #[test]
    fn unseen_questions_come_first() {
        let bank = bank();
        let bp = &bank.blueprints[0];
        let attempt = sit(
            &bank,
            &ExamChoices::practice(bp, 30, 4),
            1_000,
            |_, _| true,
            |_| false,
        );
        let seen: HashSet<String> = seen_ids(&bank, std::slice::from_ref(&attempt), "mla-c01")
            .into_iter()
            .collect();
        let choices =
            study_choices(&bank, &[attempt], "mla-c01", Focus::UnseenFirst, 20, 5).expect("a set");
        let form = assemble(&bank, &choices).unwrap();
        assert!(form.items.iter().all(|i| !seen.contains(&i.question_id)));
    }

    #[test]
    fn the_weakest_domain_and_task_are_found_and_practised() {
        let bank = bank();
        let bp = &bank.blueprints[0];
        // Everything right except the questions of domain 3.
        let attempt = sit(
            &bank,
            &ExamChoices::practice(bp, 40, 2),
            1_000,
            |_, q| q.placements[0].domain != 3,
            |_| false,
        );
        let history = vec![attempt];
        assert_eq!(weakest_domain(&bank, &history, "mla-c01"), Some(3));
        let task = weakest_task(&bank, &history, "mla-c01").unwrap();
        assert!(task.starts_with("3."), "{task}");
        let choices =
            study_choices(&bank, &history, "mla-c01", Focus::WeakestDomain, 5, 1).unwrap();
        assert_eq!(choices.domains, vec![3]);
        let form = assemble(&bank, &choices).unwrap();
        assert!(
            form.items
                .iter()
                .all(|i| bank.question(&i.question_id).unwrap().placements[0].domain == 3)
        );
        let choices = study_choices(&bank, &history, "mla-c01", Focus::WeakestTask, 5, 1).unwrap();
        assert_eq!(choices.tasks, vec![task]);
        assert!(assemble(&bank, &choices).is_ok());
        assert_eq!(
            study_choices(&bank, &[], "mla-c01", Focus::WeakestTask, 5, 1),
            Err(StudyError::NothingToPractise),
            "no history, no weakest task"
        );
    }

    #[test]
    fn standings_cover_every_task_and_service_and_count_the_latest_answers() {
        let bank = bank();
        let bp = &bank.blueprints[0];
        let attempt = sit(
            &bank,
            &ExamChoices::practice(bp, 20, 8),
            1_000,
            |_, q| q.placements[0].domain == 1,
            |_| false,
        );
        let history = vec![attempt];
        let tasks = task_standings(&bank, &history, "mla-c01");
        assert_eq!(tasks.len(), 12, "every task statement, seen or not");
        assert_eq!(tasks[0].key, "1.1");
        let in_bank: u32 = tasks.iter().map(|t| t.in_bank).sum();
        assert_eq!(in_bank as usize, bank.questions_for("mla-c01").count());
        let seen: u32 = tasks.iter().map(|t| t.seen).sum();
        assert_eq!(seen, 20);
        for t in &tasks {
            if t.key.starts_with("1.") {
                assert_eq!(t.latest.correct, t.latest.total, "{t:?}");
            } else {
                assert_eq!(t.latest.correct, 0, "{t:?}");
            }
        }
        let services = service_standings(&bank, &history, "mla-c01");
        assert!(!services.is_empty());
        let first_unseen = services
            .iter()
            .position(|s| !s.is_seen())
            .unwrap_or(services.len());
        assert!(
            services[..first_unseen]
                .windows(2)
                .all(|w| { share_cmp(w[0].latest, w[1].latest).is_le() })
        );
    }
}
