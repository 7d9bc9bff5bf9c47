//! Running an exam: the explicit state machine from "not started" to "submitted".
//!
//! [`Exam`] is the whole state of a sitting; it is plain data (serde) so the app can save it
//! after every change and resume after the tab closes. Every change goes through
//! [`Exam::apply`] with an [`Action`]; an action that does not fit the current phase, or
//! that names a question that does not exist, changes nothing and returns `false`.
//!
//! Time comes in as data (`now_ms`, milliseconds since the Unix epoch), never from a clock.
//! The deadline is fixed when the exam starts; remaining time is always `deadline − now`,
//! never a count of ticks. Every action that carries a time (`Start`, `Submit`, `Tick`)
//! first checks the deadline: if it has passed, the exam is submitted with
//! [`SubmitReason::TimeUp`] *at the deadline*, whatever the action was. So resuming a timed
//! exam long after closing the tab (`Start` or `Tick` with a late `now_ms`) ends it fairly.
//!
//! Design choice: `apply` needs no bank. Each [`FormItem`] carries its question's
//! [`AnswerShape`], copied at assembly, and answers are validated against it. This keeps the
//! reducer self-contained and a saved exam checkable on its own.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::assemble::{AnswerShape, ExamForm, FormItem, Mode};

/// A candidate's answer to one question, always in the question's ORIGINAL indices (never
/// display positions).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// Multiple choice / multiple response: the selected option indices, sorted, no repeats.
    Choices(Vec<usize>),
    /// Ordering: per step; matching: per prompt. The chosen response index, or `None` while
    /// that slot is still empty.
    Slots(Vec<Option<usize>>),
}

/// Why an exam ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubmitReason {
    /// The candidate ended it.
    Candidate,
    /// The deadline passed.
    TimeUp,
}

/// Where a sitting is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    NotStarted,
    InProgress,
    /// Final: no action changes a submitted exam.
    Submitted {
        at_ms: u64,
        reason: SubmitReason,
    },
}

/// Everything that can happen to an exam.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Begin the exam at `now_ms`, fixing the deadline. On an exam already in progress this
    /// only checks the deadline (the resume path).
    Start { now_ms: u64 },
    /// Record an answer for question `index`; ignored if its shape does not fit the question,
    /// or if the question's verdict was revealed.
    Answer { index: usize, answer: Answer },
    /// Remove the answer to question `index` (not after its verdict was revealed).
    Clear { index: usize },
    /// Mark or unmark question `index` for review.
    ToggleFlag { index: usize },
    /// Show question `index` (and leave the review screen).
    GoTo { index: usize },
    /// Show the next question; from the last question, open the review screen.
    Next,
    /// Show the previous question.
    Previous,
    /// Show the review screen (answered, unanswered and flagged questions).
    OpenReview,
    /// Leave the review screen, back to the current question.
    CloseReview,
    /// Practice mode only: show question `index`'s verdict and explanation; its answer is
    /// locked from then on.
    Reveal { index: usize },
    /// End the exam at `now_ms` (with `TimeUp` at the deadline if that has already passed).
    Submit { now_ms: u64 },
    /// The clock moved to `now_ms`: submit with `TimeUp` at the deadline once it has passed.
    Tick { now_ms: u64 },
}

/// The state of one sitting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exam {
    /// Shared, not copied, by every state the exam passes through (each answer makes one).
    pub form: Arc<ExamForm>,
    pub phase: Phase,
    /// Per form item.
    pub answers: Vec<Option<Answer>>,
    /// Per form item: marked for review.
    pub flags: Vec<bool>,
    /// Per form item, practice mode: verdict shown (answer locked).
    pub revealed: Vec<bool>,
    /// The question on screen.
    pub current: usize,
    /// The review screen is open.
    pub reviewing: bool,
    pub started_at_ms: Option<u64>,
    /// `None` when untimed.
    pub deadline_ms: Option<u64>,
}

impl AnswerShape {
    /// The answer in normal form if it fits this shape: choices sorted and without repeats,
    /// a single choice for multiple choice, at least one choice for multiple response, one
    /// slot per step or prompt. Slots that are all empty are no answer at all (`None`
    /// inside `Some`), i.e. [`Action::Clear`].
    #[must_use]
    pub fn normalize(self, answer: Answer) -> Option<Option<Answer>> {
        match (self, answer) {
            (Self::Single { options }, Answer::Choices(mut c)) => {
                c.sort_unstable();
                c.dedup();
                (c.len() == 1 && c[0] < options).then_some(Some(Answer::Choices(c)))
            }
            (Self::Multiple { options, .. }, Answer::Choices(mut c)) => {
                c.sort_unstable();
                c.dedup();
                (!c.is_empty() && c.iter().all(|&i| i < options))
                    .then_some(Some(Answer::Choices(c)))
            }
            (Self::Slots { slots, responses }, Answer::Slots(s)) => {
                if s.len() != slots || s.iter().flatten().any(|&r| r >= responses) {
                    None
                } else if s.iter().all(Option::is_none) {
                    Some(None)
                } else {
                    Some(Some(Answer::Slots(s)))
                }
            }
            _ => None,
        }
    }

    /// Whether a stored answer already is in normal form for this shape.
    #[must_use]
    pub fn accepts(self, answer: &Answer) -> bool {
        self.normalize(answer.clone()).as_ref() == Some(&Some(answer.clone()))
    }
}

impl Exam {
    /// A fresh, not yet started sitting of `form`.
    #[must_use]
    pub fn new(form: ExamForm) -> Self {
        let n = form.items.len();
        Self {
            form: Arc::new(form),
            phase: Phase::NotStarted,
            answers: vec![None; n],
            flags: vec![false; n],
            revealed: vec![false; n],
            current: 0,
            reviewing: false,
            started_at_ms: None,
            deadline_ms: None,
        }
    }

    /// Number of questions.
    #[must_use]
    pub fn len(&self) -> usize {
        self.form.items.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.form.items.is_empty()
    }

    #[must_use]
    pub fn mode(&self) -> Mode {
        self.form.choices.mode
    }

    #[must_use]
    pub fn is_in_progress(&self) -> bool {
        self.phase == Phase::InProgress
    }

    #[must_use]
    pub fn is_submitted(&self) -> bool {
        matches!(self.phase, Phase::Submitted { .. })
    }

    /// The form item on screen.
    #[must_use]
    pub fn current_item(&self) -> Option<&FormItem> {
        self.form.items.get(self.current)
    }

    /// Applies one action; returns whether the state changed. See the module documentation
    /// for the rules; actions that do not fit the phase or name a missing question do
    /// nothing.
    pub fn apply(&mut self, action: Action) -> bool {
        if self.is_submitted() {
            return false;
        }
        if let Action::Start { now_ms } | Action::Submit { now_ms } | Action::Tick { now_ms } =
            action
            && self.expire(now_ms)
        {
            return true;
        }
        match self.phase {
            Phase::NotStarted => match action {
                Action::Start { now_ms } => {
                    self.phase = Phase::InProgress;
                    self.started_at_ms = Some(now_ms);
                    self.deadline_ms = self.form.duration_ms.map(|d| now_ms.saturating_add(d));
                    self.current = 0;
                    self.reviewing = false;
                    true
                }
                _ => false,
            },
            Phase::InProgress => self.apply_in_progress(action),
            Phase::Submitted { .. } => false,
        }
    }

    /// Submits with `TimeUp` at the deadline if the exam is in progress and `now_ms` is at or
    /// past it.
    fn expire(&mut self, now_ms: u64) -> bool {
        match (self.phase, self.deadline_ms) {
            (Phase::InProgress, Some(deadline)) if now_ms >= deadline => {
                self.submit(deadline, SubmitReason::TimeUp);
                true
            }
            _ => false,
        }
    }

    fn submit(&mut self, at_ms: u64, reason: SubmitReason) {
        self.phase = Phase::Submitted { at_ms, reason };
        self.reviewing = false;
    }

    fn apply_in_progress(&mut self, action: Action) -> bool {
        let n = self.len();
        match action {
            Action::Start { .. } | Action::Tick { .. } => false,
            Action::Submit { now_ms } => {
                let at = self.started_at_ms.map_or(now_ms, |s| now_ms.max(s));
                self.submit(at, SubmitReason::Candidate);
                true
            }
            Action::Answer { index, answer } => {
                if index >= n || self.revealed[index] {
                    return false;
                }
                match self.form.items[index].shape.normalize(answer) {
                    Some(normal) => set_if_changed(&mut self.answers[index], normal),
                    None => false,
                }
            }
            Action::Clear { index } => {
                if index >= n || self.revealed[index] {
                    return false;
                }
                set_if_changed(&mut self.answers[index], None)
            }
            Action::ToggleFlag { index } => {
                if index >= n {
                    return false;
                }
                self.flags[index] = !self.flags[index];
                true
            }
            Action::GoTo { index } => {
                if index >= n {
                    return false;
                }
                let changed = self.current != index || self.reviewing;
                self.current = index;
                self.reviewing = false;
                changed
            }
            Action::Next => {
                if self.reviewing {
                    false
                } else if self.current + 1 < n {
                    self.current += 1;
                    true
                } else {
                    self.reviewing = true;
                    true
                }
            }
            Action::Previous => {
                if self.reviewing || self.current == 0 {
                    false
                } else {
                    self.current -= 1;
                    true
                }
            }
            Action::OpenReview => set_if_changed(&mut self.reviewing, true),
            Action::CloseReview => set_if_changed(&mut self.reviewing, false),
            Action::Reveal { index } => {
                if self.mode() != Mode::Practice || index >= n {
                    return false;
                }
                set_if_changed(&mut self.revealed[index], true)
            }
        }
    }

    /// Time left at `now_ms`: `None` when untimed. Before the start, the full duration; in
    /// progress, `deadline − now` (0 once past); after submission, what was left at the
    /// moment of submission.
    #[must_use]
    pub fn remaining_ms(&self, now_ms: u64) -> Option<u64> {
        match self.phase {
            Phase::NotStarted => self.form.duration_ms,
            Phase::InProgress => self.deadline_ms.map(|d| d.saturating_sub(now_ms)),
            Phase::Submitted { at_ms, .. } => self.deadline_ms.map(|d| d.saturating_sub(at_ms)),
        }
    }

    /// Time spent: from the start to `now_ms` while in progress, to the submission after it;
    /// 0 before the start.
    #[must_use]
    pub fn elapsed_ms(&self, now_ms: u64) -> u64 {
        let Some(start) = self.started_at_ms else {
            return 0;
        };
        match self.phase {
            Phase::NotStarted => 0,
            Phase::InProgress => now_ms.saturating_sub(start),
            Phase::Submitted { at_ms, .. } => at_ms.saturating_sub(start),
        }
    }

    /// Questions with an answer (a partly filled ordering or matching counts as answered).
    #[must_use]
    pub fn answered_count(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }

    #[must_use]
    pub fn flagged_count(&self) -> usize {
        self.flags.iter().filter(|&&f| f).count()
    }

    /// Indices of the questions without an answer, in form order.
    #[must_use]
    pub fn unanswered_indices(&self) -> Vec<usize> {
        (0..self.len())
            .filter(|&i| self.answers[i].is_none())
            .collect()
    }

    /// Indices of ordering or matching questions with some slots still empty.
    #[must_use]
    pub fn incomplete_indices(&self) -> Vec<usize> {
        (0..self.len())
            .filter(|&i| {
                matches!(&self.answers[i], Some(Answer::Slots(s)) if s.iter().any(Option::is_none))
            })
            .collect()
    }

    /// Indices of the questions marked for review, in form order.
    #[must_use]
    pub fn flagged_indices(&self) -> Vec<usize> {
        (0..self.len()).filter(|&i| self.flags[i]).collect()
    }

    /// Whether the state hangs together: one answer, flag and reveal per item, `current` in
    /// range (or 0 for an empty form), every answer of the right shape, reveals only in
    /// practice mode, and times set as the phase requires. Use it on state loaded from
    /// storage before trusting it.
    #[must_use]
    pub fn is_consistent(&self) -> bool {
        let n = self.len();
        let lengths = self.answers.len() == n && self.flags.len() == n && self.revealed.len() == n;
        if !lengths {
            return false;
        }
        let current_ok = if n == 0 {
            self.current == 0
        } else {
            self.current < n
        };
        let answers_ok = self
            .answers
            .iter()
            .zip(&self.form.items)
            .all(|(a, item)| a.as_ref().is_none_or(|a| item.shape.accepts(a)));
        let reveals_ok = self.mode() == Mode::Practice || !self.revealed.iter().any(|&r| r);
        let deadline_ok = match (self.started_at_ms, self.form.duration_ms) {
            (Some(s), Some(d)) => self.deadline_ms == Some(s.saturating_add(d)),
            _ => self.deadline_ms.is_none(),
        };
        let times_ok = match self.phase {
            Phase::NotStarted => self.started_at_ms.is_none(),
            Phase::InProgress => self.started_at_ms.is_some(),
            Phase::Submitted { at_ms, .. } => {
                self.started_at_ms.is_some_and(|s| at_ms >= s)
                    && self.deadline_ms.is_none_or(|d| at_ms <= d)
                    && !self.reviewing
            }
        };
        current_ok && answers_ok && reveals_ok && deadline_ok && times_ok
    }
}

fn set_if_changed<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        false
    } else {
        *slot = value;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::{ExamChoices, assemble};
    use crate::synthetic::{generated_bank, sample_blueprint};

    const T0: u64 = 1_700_000_000_000;
    const MIN: u64 = 60_000;

    fn form(mode: Mode, minutes: Option<u32>) -> ExamForm {
        let bank = generated_bank(&sample_blueprint(), 300, 2);
        let bp = bank.blueprint("mla-c01").unwrap();
        let mut choices = ExamChoices::practice(bp, 20, 5);
        choices.mode = mode;
        choices.duration_minutes = minutes;
        assemble(&bank, &choices).unwrap()
    }

    fn started(mode: Mode, minutes: Option<u32>) -> Exam {
        let mut e = Exam::new(form(mode, minutes));
        assert!(e.apply(Action::Start { now_ms: T0 }));
        e
    }

    /// A valid answer for item `i`.
    fn some_answer(e: &Exam, i: usize) -> Answer {
        match e.form.items[i].shape {
            AnswerShape::Single { .. } | AnswerShape::Multiple { .. } => Answer::Choices(vec![0]),
            AnswerShape::Slots { slots, .. } => Answer::Slots(vec![Some(0); slots]),
        }
    }

    fn index_of(e: &Exam, f: impl Fn(AnswerShape) -> bool) -> usize {
        e.form.items.iter().position(|i| f(i.shape)).unwrap()
    }

    #[test]
    fn new_exam_is_not_started_and_consistent() {
        let e = Exam::new(form(Mode::Exam, None));
        assert_eq!(e.phase, Phase::NotStarted);
        assert_eq!(e.len(), 20);
        assert_eq!(e.answered_count(), 0);
        assert_eq!(e.unanswered_indices().len(), 20);
        assert_eq!(e.remaining_ms(T0), Some(130 * MIN));
        assert!(e.is_consistent());
    }

    #[test]
    fn actions_before_start_do_nothing() {
        let mut e = Exam::new(form(Mode::Exam, None));
        let before = e.clone();
        for a in [
            Action::Answer {
                index: 0,
                answer: some_answer(&e, 0),
            },
            Action::ToggleFlag { index: 0 },
            Action::Next,
            Action::GoTo { index: 3 },
            Action::OpenReview,
            Action::Submit { now_ms: T0 },
            Action::Tick { now_ms: T0 },
        ] {
            assert!(!e.apply(a));
        }
        assert_eq!(e, before);
    }

    #[test]
    fn start_fixes_the_deadline_and_remaining_is_deadline_minus_now() {
        let e = started(Mode::Exam, None);
        assert_eq!(e.started_at_ms, Some(T0));
        assert_eq!(e.deadline_ms, Some(T0 + 130 * MIN));
        assert_eq!(e.remaining_ms(T0 + MIN), Some(129 * MIN));
        assert_eq!(e.remaining_ms(T0 + 200 * MIN), Some(0));
        assert_eq!(e.elapsed_ms(T0 + 5), 5);
        let untimed = started(Mode::Practice, None);
        assert_eq!(untimed.deadline_ms, None);
        assert_eq!(untimed.remaining_ms(T0), None);
    }

    #[test]
    fn starting_twice_does_nothing_before_the_deadline() {
        let mut e = started(Mode::Exam, None);
        assert!(!e.apply(Action::Start { now_ms: T0 + MIN }));
        assert_eq!(e.started_at_ms, Some(T0));
    }

    #[test]
    fn tick_submits_at_the_deadline_with_time_up() {
        let mut e = started(Mode::Custom, Some(10));
        assert!(!e.apply(Action::Tick {
            now_ms: T0 + 10 * MIN - 1
        }));
        assert!(e.apply(Action::Tick {
            now_ms: T0 + 10 * MIN + 777
        }));
        assert_eq!(
            e.phase,
            Phase::Submitted {
                at_ms: T0 + 10 * MIN,
                reason: SubmitReason::TimeUp
            }
        );
        assert_eq!(e.remaining_ms(T0 + 99 * MIN), Some(0));
        assert_eq!(e.elapsed_ms(T0 + 99 * MIN), 10 * MIN);
        assert!(e.is_consistent());
    }

    #[test]
    fn resuming_after_the_deadline_submits_at_the_deadline() {
        let mut e = started(Mode::Exam, None);
        e.apply(Action::ToggleFlag { index: 1 });
        // The tab was closed; it reopens three hours later and the app dispatches Start.
        assert!(e.apply(Action::Start {
            now_ms: T0 + 180 * MIN
        }));
        assert_eq!(
            e.phase,
            Phase::Submitted {
                at_ms: T0 + 130 * MIN,
                reason: SubmitReason::TimeUp
            }
        );
        // A late Submit is also time-up.
        let mut late = started(Mode::Exam, None);
        assert!(late.apply(Action::Submit {
            now_ms: T0 + 131 * MIN
        }));
        assert!(matches!(
            late.phase,
            Phase::Submitted {
                reason: SubmitReason::TimeUp,
                ..
            }
        ));
    }

    #[test]
    fn untimed_exams_never_time_out() {
        let mut e = started(Mode::Practice, None);
        assert!(!e.apply(Action::Tick { now_ms: u64::MAX }));
        assert!(e.is_in_progress());
    }

    #[test]
    fn candidate_submit_ends_the_exam_and_nothing_changes_after() {
        let mut e = started(Mode::Exam, None);
        e.apply(Action::OpenReview);
        assert!(e.apply(Action::Submit { now_ms: T0 + MIN }));
        assert_eq!(
            e.phase,
            Phase::Submitted {
                at_ms: T0 + MIN,
                reason: SubmitReason::Candidate
            }
        );
        assert!(!e.reviewing);
        let frozen = e.clone();
        for a in [
            Action::Start { now_ms: T0 },
            Action::Answer {
                index: 0,
                answer: some_answer(&e, 0),
            },
            Action::Clear { index: 0 },
            Action::ToggleFlag { index: 0 },
            Action::GoTo { index: 2 },
            Action::Next,
            Action::Previous,
            Action::OpenReview,
            Action::CloseReview,
            Action::Reveal { index: 0 },
            Action::Submit {
                now_ms: T0 + 2 * MIN,
            },
            Action::Tick { now_ms: u64::MAX },
        ] {
            assert!(!e.apply(a));
        }
        assert_eq!(e, frozen);
    }

    #[test]
    fn answers_are_validated_against_the_shape() {
        let mut e = started(Mode::Exam, None);
        let mc = index_of(&e, |s| matches!(s, AnswerShape::Single { .. }));
        let AnswerShape::Single { options } = e.form.items[mc].shape else {
            unreachable!()
        };
        let answer = |index, answer| Action::Answer { index, answer };
        assert!(!e.apply(answer(mc, Answer::Choices(vec![]))));
        assert!(!e.apply(answer(mc, Answer::Choices(vec![0, 1]))));
        assert!(!e.apply(answer(mc, Answer::Choices(vec![options]))));
        assert!(!e.apply(answer(mc, Answer::Slots(vec![Some(0)]))));
        assert!(e.apply(answer(mc, Answer::Choices(vec![1]))));
        assert!(
            !e.apply(answer(mc, Answer::Choices(vec![1, 1]))),
            "same answer"
        );
        assert_eq!(e.answers[mc], Some(Answer::Choices(vec![1])));

        let mr = index_of(&e, |s| matches!(s, AnswerShape::Multiple { .. }));
        assert!(e.apply(answer(mr, Answer::Choices(vec![3, 0, 3]))));
        assert_eq!(e.answers[mr], Some(Answer::Choices(vec![0, 3])), "sorted");
        assert!(!e.apply(answer(mr, Answer::Choices(vec![]))));
        assert!(!e.apply(answer(mr, Answer::Choices(vec![99]))));

        let slots = index_of(&e, |s| matches!(s, AnswerShape::Slots { .. }));
        let AnswerShape::Slots {
            slots: k,
            responses,
        } = e.form.items[slots].shape
        else {
            unreachable!()
        };
        assert!(!e.apply(answer(slots, Answer::Slots(vec![Some(0); k + 1]))));
        assert!(!e.apply(answer(slots, Answer::Slots(vec![Some(responses); k]))));
        assert!(!e.apply(answer(slots, Answer::Choices(vec![0]))));
        let mut partial = vec![None; k];
        partial[0] = Some(responses - 1);
        assert!(e.apply(answer(slots, Answer::Slots(partial))));
        assert_eq!(e.incomplete_indices(), vec![slots]);
        // All slots emptied again = no answer.
        assert!(e.apply(answer(slots, Answer::Slots(vec![None; k]))));
        assert_eq!(e.answers[slots], None);

        assert!(!e.apply(answer(999, Answer::Choices(vec![0]))));
        assert_eq!(e.answered_count(), 2);
        assert!(e.is_consistent());
    }

    #[test]
    fn clear_removes_an_answer() {
        let mut e = started(Mode::Exam, None);
        let a = some_answer(&e, 0);
        assert!(!e.apply(Action::Clear { index: 0 }));
        e.apply(Action::Answer {
            index: 0,
            answer: a,
        });
        assert!(e.apply(Action::Clear { index: 0 }));
        assert_eq!(e.answers[0], None);
        assert!(!e.apply(Action::Clear { index: 20 }));
    }

    #[test]
    fn flags_toggle_and_count() {
        let mut e = started(Mode::Exam, None);
        assert!(e.apply(Action::ToggleFlag { index: 2 }));
        assert!(e.apply(Action::ToggleFlag { index: 5 }));
        assert_eq!(e.flagged_count(), 2);
        assert_eq!(e.flagged_indices(), vec![2, 5]);
        assert!(e.apply(Action::ToggleFlag { index: 2 }));
        assert_eq!(e.flagged_indices(), vec![5]);
        assert!(!e.apply(Action::ToggleFlag { index: 20 }));
    }

    #[test]
    fn navigation_and_review() {
        let mut e = started(Mode::Exam, None);
        assert!(!e.apply(Action::Previous));
        assert!(e.apply(Action::Next));
        assert_eq!(e.current, 1);
        assert!(e.apply(Action::Previous));
        assert_eq!(e.current, 0);
        assert!(e.apply(Action::GoTo { index: 19 }));
        assert!(!e.apply(Action::GoTo { index: 19 }));
        assert!(!e.apply(Action::GoTo { index: 20 }));
        // Next from the last question opens the review screen.
        assert!(e.apply(Action::Next));
        assert!(e.reviewing);
        assert!(!e.apply(Action::Next));
        assert!(!e.apply(Action::Previous));
        assert!(!e.apply(Action::OpenReview));
        assert!(e.apply(Action::CloseReview));
        assert!(!e.apply(Action::CloseReview));
        assert!(e.apply(Action::OpenReview));
        // Choosing a question on the review screen goes there.
        assert!(e.apply(Action::GoTo { index: 19 }));
        assert!(!e.reviewing);
        assert_eq!(e.current, 19);
    }

    #[test]
    fn reveal_only_in_practice_and_it_locks_the_answer() {
        let mut exam = started(Mode::Exam, None);
        assert!(!exam.apply(Action::Reveal { index: 0 }));
        let mut custom = started(Mode::Custom, None);
        assert!(!custom.apply(Action::Reveal { index: 0 }));

        let mut p = started(Mode::Practice, None);
        let a = some_answer(&p, 0);
        p.apply(Action::Answer {
            index: 0,
            answer: a.clone(),
        });
        assert!(p.apply(Action::Reveal { index: 0 }));
        assert!(!p.apply(Action::Reveal { index: 0 }));
        assert!(!p.apply(Action::Clear { index: 0 }));
        assert!(!p.apply(Action::Answer {
            index: 0,
            answer: Answer::Choices(vec![1]),
        }));
        assert_eq!(p.answers[0], Some(a));
        // Flags still work on a revealed question.
        assert!(p.apply(Action::ToggleFlag { index: 0 }));
        assert!(!p.apply(Action::Reveal { index: 99 }));
        assert!(p.is_consistent());
    }

    #[test]
    fn exam_round_trips_through_json() {
        let mut e = started(Mode::Practice, Some(30));
        let a = some_answer(&e, 3);
        e.apply(Action::Answer {
            index: 3,
            answer: a,
        });
        e.apply(Action::ToggleFlag { index: 4 });
        e.apply(Action::Reveal { index: 3 });
        let json = serde_json::to_string(&e).unwrap();
        let back: Exam = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
        assert!(back.is_consistent());
        let action = Action::Answer {
            index: 1,
            answer: Answer::Slots(vec![Some(1), None]),
        };
        let json = serde_json::to_string(&action).unwrap();
        assert_eq!(serde_json::from_str::<Action>(&json).unwrap(), action);
    }

    #[test]
    fn inconsistent_state_is_detected() {
        let e = started(Mode::Exam, None);
        let mut bad = e.clone();
        bad.flags.pop();
        assert!(!bad.is_consistent());
        let mut bad = e.clone();
        bad.current = 20;
        assert!(!bad.is_consistent());
        let mut bad = e.clone();
        bad.revealed[0] = true;
        assert!(!bad.is_consistent());
        let mut bad = e.clone();
        bad.answers[0] = Some(Answer::Choices(vec![99]));
        assert!(!bad.is_consistent());
        let mut bad = e;
        bad.deadline_ms = Some(1);
        assert!(!bad.is_consistent());
    }
}
