//! The review queue: every question a user has answered is a card with an FSRS memory state
//! ([`crate::fsrs`]), and a card is due when its chance of being recalled falls to the
//! user's desired retention.
//!
//! **Reviews.** Every answered question of every finished attempt, in any mode, is a review
//! at the time the attempt finished (the history keeps one time per attempt): a wrong answer
//! is a lapse ([`Rating::Again`]), a right one a success ([`Rating::Good`]). Mogi shows the
//! key and the explanation of every question as soon as it is graded, so a right answer on
//! the same day as a lapse of the same question is recognition of the key just read, not
//! recall: it counts as a lapse too. Unanswered questions are not reviews.
//!
//! **Cards follow the questions.** A card records the question's revision: an answer to a
//! question that has changed since ([`crate::resolve`]) is not a review of today's question,
//! and a card of another revision counts as no card, so a changed question starts a new card.
//!
//! **Storage.** [`Cards`] are stored beside the history and carried in backups. Because
//! every review comes from the history, the app replays the history at start-up
//! ([`Cards::from_history`]) and keeps the stored cards the history no longer explains (their
//! attempts were set aside as unreadable); a lost card store is rebuilt the same way.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assemble::{ExamChoices, Pool};
use crate::bank::Bank;
use crate::fsrs::{self, MemoryState, Rating};
use crate::history::Attempt;
use crate::sorting;

/// A day, in milliseconds: FSRS counts whole days since the last review.
pub const DAY_MS: u64 = 86_400_000;

/// The chance of recall at which a card falls due, as the user chose it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Retention(f64);

impl Retention {
    /// What a user may choose: below 80% reviews come too late to help, above 95% they
    /// multiply for little gain (FSRS's own advice is 70–97%).
    pub const CHOICES: [Self; 4] = [Self(0.80), Self(0.85), Self(0.90), Self(0.95)];

    /// The retention as a share (0.9 for 90%).
    #[must_use]
    pub const fn share(self) -> f64 {
        self.0
    }

    /// The retention in whole percent.
    #[must_use]
    pub fn percent(self) -> u32 {
        // In 80..=95 by construction.
        (self.0 * 100.0).round() as u32
    }
}

impl Default for Retention {
    /// FSRS's default: nine in ten due questions still answered right.
    fn default() -> Self {
        Self(0.90)
    }
}

impl TryFrom<f64> for Retention {
    type Error = String;

    fn try_from(value: f64) -> Result<Self, String> {
        Self::CHOICES
            .into_iter()
            .find(|choice| (choice.0 - value).abs() < 1e-9)
            .ok_or_else(|| format!("{value} is not a retention Mogi offers"))
    }
}

impl From<Retention> for f64 {
    fn from(retention: Retention) -> Self {
        retention.0
    }
}

/// One question's memory, as its reviews left it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CardFields")]
pub struct Card {
    /// The question's revision ([`crate::bank::Question::revision`]) when last reviewed.
    pub revision: u32,
    pub memory: MemoryState,
    pub last_review_ms: u64,
    pub reviews: u32,
    pub lapses: u32,
    /// The last review was a lapse (see the module's *Reviews*).
    pub last_lapse: bool,
}

#[derive(Deserialize)]
struct CardFields {
    revision: u32,
    memory: MemoryState,
    last_review_ms: u64,
    reviews: u32,
    lapses: u32,
    last_lapse: bool,
}

impl TryFrom<CardFields> for Card {
    type Error = String;

    fn try_from(c: CardFields) -> Result<Self, String> {
        let s = c.memory.stability;
        let d = c.memory.difficulty;
        if !(fsrs::MIN_STABILITY..=fsrs::MAX_STABILITY).contains(&s)
            || !(1.0..=10.0).contains(&d)
            || c.reviews == 0
            || c.lapses > c.reviews
        {
            return Err("a card outside FSRS's range".to_owned());
        }
        Ok(Self {
            revision: c.revision,
            memory: c.memory,
            last_review_ms: c.last_review_ms,
            reviews: c.reviews,
            lapses: c.lapses,
            last_lapse: c.last_lapse,
        })
    }
}

impl Card {
    /// Whole days from the last review to `at_ms`.
    #[must_use]
    pub fn days_since(&self, at_ms: u64) -> u32 {
        u32::try_from(at_ms.saturating_sub(self.last_review_ms) / DAY_MS).unwrap_or(u32::MAX)
    }

    /// When the chance of recall falls to `retention`: whole days (at least one) after the
    /// last review.
    #[must_use]
    pub fn due_ms(&self, retention: Retention) -> u64 {
        let days = fsrs::interval_days(self.memory.stability, retention.share())
            .round()
            .clamp(1.0, fsrs::MAX_STABILITY);
        // Whole days within a hundred years: exact in u64.
        self.last_review_ms + days as u64 * DAY_MS
    }

    /// The chance of recalling the question at `at_ms`.
    #[must_use]
    pub fn retrievability(&self, at_ms: u64) -> f64 {
        let days = at_ms.saturating_sub(self.last_review_ms) as f64 / DAY_MS as f64;
        fsrs::retrievability(self.memory, days)
    }

    /// How an answer at `at_ms` rates (see the module's *Reviews*).
    #[must_use]
    pub fn rating(card: Option<&Self>, correct: bool, at_ms: u64) -> Rating {
        let recognised = card.is_some_and(|c| c.last_lapse && c.days_since(at_ms) == 0);
        if correct && !recognised {
            Rating::Good
        } else {
            Rating::Again
        }
    }
}

/// Every card, by question id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cards(BTreeMap<String, Card>);

/// A card that is due, as the queue lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Due {
    pub question_id: String,
    pub due_ms: u64,
    /// The chance of recall now: the queue asks the most forgotten first.
    pub retrievability: f64,
}

impl Cards {
    /// The cards the history's answers make, replayed in the order the attempts finished.
    #[must_use]
    pub fn from_history(bank: &Bank, history: &[Attempt]) -> Self {
        let mut attempts: Vec<&Attempt> = history.iter().collect();
        sorting::sort_by_key(&mut attempts, |a| a.finished_at_ms);
        let mut cards = Self::default();
        for attempt in attempts {
            cards.record(bank, attempt);
        }
        cards
    }

    /// The reviews of one finished attempt.
    pub fn record(&mut self, bank: &Bank, attempt: &Attempt) {
        let at_ms = attempt.finished_at_ms;
        for outcome in attempt.current_outcomes(bank).filter(|o| o.answered) {
            let Some(question) = bank.question(&outcome.question_id) else {
                continue;
            };
            let revision = question.revision();
            let card = self
                .0
                .get(&outcome.question_id)
                .filter(|c| c.revision == revision);
            let rating = Card::rating(card, outcome.correct, at_ms);
            let lapse = rating == Rating::Again;
            let next = match card {
                Some(card) => Card {
                    revision,
                    memory: fsrs::next_state(Some(card.memory), card.days_since(at_ms), rating),
                    last_review_ms: at_ms.max(card.last_review_ms),
                    reviews: card.reviews + 1,
                    lapses: card.lapses + u32::from(lapse),
                    last_lapse: lapse,
                },
                None => Card {
                    revision,
                    memory: fsrs::next_state(None, 0, rating),
                    last_review_ms: at_ms,
                    reviews: 1,
                    lapses: u32::from(lapse),
                    last_lapse: lapse,
                },
            };
            self.0.insert(outcome.question_id.clone(), next);
        }
    }

    /// These cards, plus those of `other` for questions these have no card of (kept from
    /// the stored cards when the history no longer holds their answers, or from a backup).
    #[must_use]
    pub fn with_missing_from(mut self, other: &Self) -> Self {
        for (id, card) in &other.0 {
            self.0.entry(id.clone()).or_insert(*card);
        }
        self
    }

    /// The card of a question as it is in `bank` today: none if the question is gone or has
    /// changed since its last review.
    #[must_use]
    pub fn current(&self, bank: &Bank, question_id: &str) -> Option<&Card> {
        let question = bank.question(question_id)?;
        self.0
            .get(question_id)
            .filter(|c| c.revision == question.revision())
    }

    /// The current cards of exam `exam`'s questions.
    fn of_exam<'a>(
        &'a self,
        bank: &'a Bank,
        exam: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Card)> {
        self.0.iter().filter_map(move |(id, card)| {
            let question = bank.question(id)?;
            (card.revision == question.revision() && question.belongs_to(exam))
                .then_some((id.as_str(), card))
        })
    }

    /// How many of exam `exam`'s questions have a card.
    #[must_use]
    pub fn count(&self, bank: &Bank, exam: &str) -> usize {
        self.of_exam(bank, exam).count()
    }

    /// Exam `exam`'s cards due by `until_ms` (the end of the user's day), the least likely
    /// to be recalled at `now_ms` first.
    #[must_use]
    pub fn due(
        &self,
        bank: &Bank,
        exam: &str,
        retention: Retention,
        now_ms: u64,
        until_ms: u64,
    ) -> Vec<Due> {
        let mut due: Vec<Due> = self
            .of_exam(bank, exam)
            .filter_map(|(id, card)| {
                let due_ms = card.due_ms(retention);
                (due_ms <= until_ms).then(|| Due {
                    question_id: id.to_owned(),
                    due_ms,
                    retrievability: card.retrievability(now_ms),
                })
            })
            .collect();
        // Ids are unique, so the order is total; retrievabilities are finite.
        sorting::sort_by(&mut due, |a, b| {
            a.retrievability
                .total_cmp(&b.retrievability)
                .then_with(|| a.question_id.cmp(&b.question_id))
        });
        due
    }

    /// When the next card of exam `exam` falls due after `after_ms`, and how many fall due
    /// within that day.
    #[must_use]
    pub fn next_due(
        &self,
        bank: &Bank,
        exam: &str,
        retention: Retention,
        after_ms: u64,
    ) -> Option<(u64, usize)> {
        let later: Vec<u64> = self
            .of_exam(bank, exam)
            .map(|(_, card)| card.due_ms(retention))
            .filter(|&due| due > after_ms)
            .collect();
        let first = *later.iter().min()?;
        let day_end = after_ms + (first - after_ms).div_ceil(DAY_MS) * DAY_MS;
        Some((first, later.iter().filter(|&&d| d <= day_end).count()))
    }
}

/// A review set: the due questions of exam `exam` (at most `cap`, the least likely to be
/// recalled first) as a practice set (verdict after each answer, untimed); `None` when none
/// is due.
#[must_use]
pub fn review_choices(
    bank: &Bank,
    due: &[Due],
    exam: &str,
    cap: Option<usize>,
    seed: u64,
) -> Option<ExamChoices> {
    let blueprint = bank.blueprint(exam)?;
    let ids: Vec<String> = due
        .iter()
        .take(cap.unwrap_or(usize::MAX))
        .map(|d| d.question_id.clone())
        .collect();
    let count = u32::try_from(ids.len()).ok().filter(|&n| n > 0)?;
    let mut choices = ExamChoices::practice(blueprint, count, seed);
    choices.pool = Pool::Only(ids);
    Some(choices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::assemble;
    use crate::exam::{Action, Exam};
    use crate::synthetic::{correct_answer, generated_bank, sample_blueprint, wrong_answer};

    const T0: u64 = 1_800_000_000_000;

    /// A practice set of `n` questions finished at `at_ms`, question `i` answered right when
    /// `right(i)`.
    fn sit(bank: &Bank, ids: &[String], at_ms: u64, right: impl Fn(usize) -> bool) -> Attempt {
        let exam_code = &bank.blueprints[0].code;
        let blueprint = bank.blueprint(exam_code).unwrap();
        let mut choices = ExamChoices::practice(blueprint, ids.len() as u32, 7);
        choices.pool = Pool::Only(ids.to_vec());
        let form = assemble(bank, &choices).unwrap();
        let mut exam = Exam::new(form);
        exam.apply(Action::Start {
            now_ms: at_ms - 1000,
        });
        for i in 0..ids.len() {
            let item = &exam.form.items[i];
            let q = bank.question(&item.question_id).unwrap();
            let answer = if right(i) {
                correct_answer(q)
            } else {
                wrong_answer(q)
            };
            exam.apply(Action::Answer { index: i, answer });
        }
        exam.apply(Action::Submit { now_ms: at_ms });
        Attempt::record(bank, &exam, at_ms)
    }

    fn bank() -> (Bank, Vec<String>) {
        let bank = generated_bank(&sample_blueprint(), 60, 3);
        let ids = bank
            .questions
            .iter()
            .take(5)
            .map(|q| q.id.clone())
            .collect();
        (bank, ids)
    }

    #[test]
    fn an_answered_question_falls_due_later_and_a_wrong_one_sooner() {
        let (bank, ids) = bank();
        let attempt = sit(&bank, &ids[..2], T0, |i| i == 0);
        let cards = Cards::from_history(&bank, &[attempt]);
        let exam = &bank.blueprints[0].code;
        let right = cards.current(&bank, &ids[0]).unwrap();
        let wrong = cards.current(&bank, &ids[1]).unwrap();
        assert!(right.due_ms(Retention::default()) > wrong.due_ms(Retention::default()));
        assert!(
            cards
                .due(&bank, exam, Retention::default(), T0, T0)
                .is_empty(),
            "nothing due at once"
        );
        let next_day = cards.due(&bank, exam, Retention::default(), T0 + DAY_MS, T0 + DAY_MS);
        assert_eq!(next_day.len(), 1, "the wrong one is due the next day");
        assert_eq!(next_day[0].question_id, ids[1]);
        let later = T0 + 10 * DAY_MS;
        assert_eq!(
            cards
                .due(&bank, exam, Retention::default(), later, later)
                .len(),
            2
        );
    }

    #[test]
    fn a_right_answer_the_day_of_a_lapse_is_a_lapse_and_a_day_later_a_success() {
        let (bank, ids) = bank();
        let first = sit(&bank, &ids[..1], T0, |_| false);
        let same_day = sit(&bank, &ids[..1], T0 + 3_600_000, |_| true);
        let cards = Cards::from_history(&bank, &[first.clone(), same_day]);
        let card = cards.current(&bank, &ids[0]).unwrap();
        assert_eq!((card.reviews, card.lapses), (2, 2));
        let next_day = sit(&bank, &ids[..1], T0 + DAY_MS + 1, |_| true);
        let cards = Cards::from_history(&bank, &[first, next_day]);
        let card = cards.current(&bank, &ids[0]).unwrap();
        assert_eq!((card.reviews, card.lapses), (2, 1));
        assert!(!card.last_lapse);
    }

    #[test]
    fn higher_retention_brings_reviews_sooner() {
        let (bank, ids) = bank();
        let cards = Cards::from_history(&bank, &[sit(&bank, &ids, T0, |_| true)]);
        let card = cards.current(&bank, &ids[0]).unwrap();
        assert!(card.due_ms(Retention::CHOICES[3]) < card.due_ms(Retention::CHOICES[0]));
    }

    #[test]
    fn a_changed_question_starts_a_new_card() {
        let (bank, ids) = bank();
        let cards = Cards::from_history(&bank, &[sit(&bank, &ids[..1], T0, |_| true)]);
        let mut changed = bank.clone();
        let q = changed
            .questions
            .iter_mut()
            .find(|q| q.id == ids[0])
            .unwrap();
        q.edition += 1;
        assert!(cards.current(&changed, &ids[0]).is_none());
        let exam = &bank.blueprints[0].code;
        let later = T0 + 100 * DAY_MS;
        assert!(
            cards
                .due(&changed, exam, Retention::default(), later, later)
                .is_empty()
        );
    }

    #[test]
    fn the_review_set_takes_the_most_forgotten_first_up_to_the_cap() {
        let (bank, ids) = bank();
        let attempt = sit(&bank, &ids, T0, |i| i % 2 == 0);
        let cards = Cards::from_history(&bank, &[attempt]);
        let exam = &bank.blueprints[0].code;
        let later = T0 + 30 * DAY_MS;
        let due = cards.due(&bank, exam, Retention::default(), later, later);
        assert_eq!(due.len(), 5);
        assert!(
            due.windows(2)
                .all(|w| w[0].retrievability <= w[1].retrievability)
        );
        let choices = review_choices(&bank, &due, exam, Some(2), 1).unwrap();
        assert_eq!(choices.question_count, Some(2));
        assert_eq!(
            choices.pool,
            Pool::Only(vec![due[0].question_id.clone(), due[1].question_id.clone()])
        );
        let form = assemble(&bank, &choices).unwrap();
        assert_eq!(form.items.len(), 2);
        assert!(review_choices(&bank, &[], exam, None, 1).is_none());
    }

    #[test]
    fn stored_cards_round_trip_and_out_of_range_ones_are_refused() {
        let (bank, ids) = bank();
        let cards = Cards::from_history(&bank, &[sit(&bank, &ids, T0, |i| i == 1)]);
        let text = serde_json::to_string(&cards).unwrap();
        assert_eq!(serde_json::from_str::<Cards>(&text).unwrap(), cards);
        let bad = text.replacen("\"reviews\":1", "\"reviews\":0", 1);
        assert!(serde_json::from_str::<Cards>(&bad).is_err());
        assert!(serde_json::from_str::<Retention>("0.9").is_ok());
        assert!(serde_json::from_str::<Retention>("1.5").is_err());
    }

    #[test]
    fn cards_the_history_no_longer_explains_are_kept() {
        let (bank, ids) = bank();
        let old = Cards::from_history(&bank, &[sit(&bank, &ids[..2], T0, |_| true)]);
        let now = Cards::from_history(&bank, &[sit(&bank, &ids[1..3], T0 + DAY_MS * 3, |_| false)]);
        let kept = now.clone().with_missing_from(&old);
        assert_eq!(kept.current(&bank, &ids[0]), old.current(&bank, &ids[0]));
        assert_eq!(kept.current(&bank, &ids[1]), now.current(&bank, &ids[1]));
    }
}
