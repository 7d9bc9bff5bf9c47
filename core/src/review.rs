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
//! **Days** are the user's calendar days ([`Calendar`]), starting at 4 am local time as in
//! Anki, so that a late-night session counts with its evening: FSRS counts whole days
//! between reviews, a card is due on a day, and "the same day" above is one of these.
//!
//! **Cards follow the questions.** A card records the question's revision: an answer to a
//! question that has changed since ([`crate::resolve`]) is not a review of today's question,
//! and a card of another revision counts as no card, so a changed question starts a new card.
//!
//! **Storage.** [`Cards`] are stored beside the history and carried in backups. Because
//! every review comes from the history, the app replays the history at start-up
//! ([`Cards::from_history`]) and merges it with the stored cards ([`Cards::merged`]: per
//! question, the card reviewed last, then the one with more reviews), so a card whose early
//! answers sit in attempts set aside as unreadable keeps them, and a lost card store is
//! rebuilt from the history.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assemble::{ExamChoices, Pool};
use crate::bank::Bank;
use crate::fsrs::{self, MemoryState, Rating};
use crate::history::Attempt;
use crate::sorting;

/// A day, in milliseconds.
pub const DAY_MS: u64 = 86_400_000;

/// When the user's day starts, after local midnight (Anki's default).
const DAY_STARTS_MS: i64 = 4 * 3_600_000;

/// Times (milliseconds since the epoch) are below 2^53, as JavaScript keeps them exactly:
/// a stored time beyond is refused where it enters.
pub const MAX_TIME_MS: u64 = 1 << 53;

/// The user's days: numbered from the epoch, each starting at 4 am at the user's offset
/// from UTC (taken once, at start-up: a day next to a daylight-saving change may be an hour
/// off, which moves no review by more than that hour).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    utc_offset_ms: i64,
}

impl Calendar {
    /// The calendar of a user `utc_offset_minutes` ahead of UTC (540 in Japan).
    #[must_use]
    pub fn new(utc_offset_minutes: i32) -> Self {
        Self {
            utc_offset_ms: i64::from(utc_offset_minutes) * 60_000,
        }
    }

    /// The day `at_ms` falls on.
    #[must_use]
    pub fn day(self, at_ms: u64) -> i64 {
        // Below MAX_TIME_MS, so within i64.
        let at = i64::try_from(at_ms.min(MAX_TIME_MS)).unwrap_or(i64::MAX);
        (at + self.utc_offset_ms - DAY_STARTS_MS).div_euclid(DAY_MS as i64)
    }

    /// When day `day` starts (4 am local time).
    #[must_use]
    pub fn start_ms(self, day: i64) -> u64 {
        let start = day * DAY_MS as i64 + DAY_STARTS_MS - self.utc_offset_ms;
        u64::try_from(start).unwrap_or(0)
    }
}

/// The chance of recall at which a card falls due, as the user chose it. Stored as whole
/// percent, like every number in a card: reading or writing an `f64` would add the float
/// parsing and formatting code of `core` to the wasm (about 20 KB measured).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Retention(u32);

impl Retention {
    /// What a user may choose: below 80% reviews come too late to help, above 95% they
    /// multiply for little gain (FSRS's own advice is 70–97%).
    pub const CHOICES: [Self; 4] = [Self(80), Self(85), Self(90), Self(95)];

    /// The retention as a share (0.9 for 90%).
    #[must_use]
    pub fn share(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// The retention in whole percent.
    #[must_use]
    pub const fn percent(self) -> u32 {
        self.0
    }

    /// The choice of `percent` whole percent, if it is one.
    #[must_use]
    pub fn from_percent(percent: u32) -> Option<Self> {
        Self::CHOICES.into_iter().find(|c| c.0 == percent)
    }
}

impl Default for Retention {
    /// FSRS's default: nine in ten due questions still answered right.
    fn default() -> Self {
        Self(90)
    }
}

impl TryFrom<u32> for Retention {
    type Error = &'static str;

    fn try_from(percent: u32) -> Result<Self, Self::Error> {
        Self::from_percent(percent).ok_or("not a retention Mogi offers")
    }
}

impl From<Retention> for u32 {
    fn from(retention: Retention) -> Self {
        retention.0
    }
}

/// One question's memory, as its reviews left it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StoredCard", into = "StoredCard")]
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

/// A card as stored: the memory state in thousandths (of a day for stability), integers for
/// the reason given at [`Retention`].
#[derive(Serialize, Deserialize)]
struct StoredCard {
    revision: u32,
    /// Stability in thousandths of a day.
    stability: u32,
    /// Difficulty in thousandths.
    difficulty: u32,
    last_review_ms: u64,
    reviews: u32,
    lapses: u32,
    last_lapse: bool,
}

impl From<Card> for StoredCard {
    fn from(c: Card) -> Self {
        // Within FSRS's ranges (at most 36,500 days and 10), so within u32 in thousandths.
        let thousandths = |x: f64| (x * 1000.0).round() as u32;
        Self {
            revision: c.revision,
            stability: thousandths(c.memory.stability),
            difficulty: thousandths(c.memory.difficulty),
            last_review_ms: c.last_review_ms,
            reviews: c.reviews,
            lapses: c.lapses,
            last_lapse: c.last_lapse,
        }
    }
}

impl TryFrom<StoredCard> for Card {
    type Error = &'static str;

    fn try_from(c: StoredCard) -> Result<Self, Self::Error> {
        let memory = MemoryState {
            stability: f64::from(c.stability) / 1000.0,
            difficulty: f64::from(c.difficulty) / 1000.0,
        };
        if !(fsrs::MIN_STABILITY..=fsrs::MAX_STABILITY).contains(&memory.stability)
            || !(1.0..=10.0).contains(&memory.difficulty)
            || c.last_review_ms >= MAX_TIME_MS
            || c.reviews == 0
            || c.lapses > c.reviews
        {
            return Err("a card outside FSRS's range");
        }
        Ok(Self {
            revision: c.revision,
            memory,
            last_review_ms: c.last_review_ms,
            reviews: c.reviews,
            lapses: c.lapses,
            last_lapse: c.last_lapse,
        })
    }
}

impl Card {
    /// Whole days (of `calendar`) from the last review to `at_ms`.
    #[must_use]
    pub fn days_since(&self, at_ms: u64, calendar: Calendar) -> u32 {
        let days = calendar.day(at_ms) - calendar.day(self.last_review_ms);
        u32::try_from(days.max(0)).unwrap_or(u32::MAX)
    }

    /// The day the chance of recall falls to `retention`: whole days after the last review,
    /// at least the next day.
    #[must_use]
    pub fn due_day(&self, retention: Retention, calendar: Calendar) -> i64 {
        let days = fsrs::interval_days(self.memory.stability, retention.share())
            .round()
            .clamp(1.0, fsrs::MAX_STABILITY);
        // Whole days within a hundred years: exact in i64.
        calendar.day(self.last_review_ms) + days as i64
    }

    /// The chance of recalling the question at `at_ms`.
    #[must_use]
    pub fn retrievability(&self, at_ms: u64) -> f64 {
        let days = at_ms.saturating_sub(self.last_review_ms) as f64 / DAY_MS as f64;
        fsrs::retrievability(self.memory, days)
    }

    /// How an answer at `at_ms` rates (see the module's *Reviews*).
    #[must_use]
    pub fn rating(card: Option<&Self>, correct: bool, at_ms: u64, calendar: Calendar) -> Rating {
        let recognised = card.is_some_and(|c| c.last_lapse && c.days_since(at_ms, calendar) == 0);
        if correct && !recognised {
            Rating::Good
        } else {
            Rating::Again
        }
    }

    /// Which of two cards of one question to keep: the one reviewed last, then the one with
    /// more reviews (it saw answers the other did not).
    fn newer(self, other: Self) -> Self {
        if (other.last_review_ms, other.reviews) > (self.last_review_ms, self.reviews) {
            other
        } else {
            self
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
    /// The day it fell due ([`Calendar::day`]).
    pub due_day: i64,
    /// The chance of recall now: the queue asks the most forgotten first.
    pub retrievability: f64,
}

impl Cards {
    /// The cards the history's answers make, replayed in the order the attempts finished.
    #[must_use]
    pub fn from_history(bank: &Bank, history: &[Attempt], calendar: Calendar) -> Self {
        let mut attempts: Vec<&Attempt> = history.iter().collect();
        sorting::sort_by_key(&mut attempts, |a| a.finished_at_ms);
        let mut cards = Self::default();
        for attempt in attempts {
            cards.record(bank, attempt, calendar);
        }
        cards
    }

    /// The reviews of one finished attempt.
    pub fn record(&mut self, bank: &Bank, attempt: &Attempt, calendar: Calendar) {
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
            let rating = Card::rating(card, outcome.correct, at_ms, calendar);
            let lapse = rating == Rating::Again;
            let next = match card {
                Some(card) => Card {
                    revision,
                    memory: fsrs::next_state(
                        Some(card.memory),
                        card.days_since(at_ms, calendar),
                        rating,
                    ),
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

    /// These cards and `other`'s: per question, the card reviewed last, then the one with
    /// more reviews (see the module's *Storage*).
    #[must_use]
    pub fn merged(mut self, other: &Self) -> Self {
        for (id, card) in &other.0 {
            self.0
                .entry(id.clone())
                .and_modify(|mine| *mine = mine.newer(*card))
                .or_insert(*card);
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

    /// Exam `exam`'s cards due on the day of `now_ms` or before, the least likely to be
    /// recalled now first.
    #[must_use]
    pub fn due(
        &self,
        bank: &Bank,
        exam: &str,
        retention: Retention,
        now_ms: u64,
        calendar: Calendar,
    ) -> Vec<Due> {
        let today = calendar.day(now_ms);
        let mut due: Vec<Due> = self
            .of_exam(bank, exam)
            .filter_map(|(id, card)| {
                let due_day = card.due_day(retention, calendar);
                (due_day <= today).then(|| Due {
                    question_id: id.to_owned(),
                    due_day,
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

    /// The next day after the day of `now_ms` on which cards of exam `exam` fall due, and
    /// how many.
    #[must_use]
    pub fn next_due(
        &self,
        bank: &Bank,
        exam: &str,
        retention: Retention,
        now_ms: u64,
        calendar: Calendar,
    ) -> Option<(i64, usize)> {
        let today = calendar.day(now_ms);
        let later: Vec<i64> = self
            .of_exam(bank, exam)
            .map(|(_, card)| card.due_day(retention, calendar))
            .filter(|&day| day > today)
            .collect();
        let first = *later.iter().min()?;
        Some((first, later.iter().filter(|&&d| d == first).count()))
    }
}

/// A review set: the due questions of exam `exam` (at most `cap`: the least likely to be
/// recalled are taken; the set shuffles them like any other) as a practice set (verdict after each answer, untimed); `None` when none
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

    /// Noon UTC.
    const T0: u64 = 1_800_014_400_000 - 1_800_014_400_000 % DAY_MS + DAY_MS / 2;
    const UTC: Calendar = Calendar { utc_offset_ms: 0 };

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

    /// `bank` with question `id` changed in meaning (its author raised the edition).
    fn with_new_edition(bank: &Bank, id: &str) -> Bank {
        let mut changed = bank.clone();
        let q = changed.questions.iter_mut().find(|q| q.id == id).unwrap();
        q.edition += 1;
        changed
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
        let cards = Cards::from_history(&bank, &[attempt], UTC);
        let exam = &bank.blueprints[0].code;
        let right = cards.current(&bank, &ids[0]).unwrap();
        let wrong = cards.current(&bank, &ids[1]).unwrap();
        assert!(
            right.due_day(Retention::default(), UTC) > wrong.due_day(Retention::default(), UTC)
        );
        assert!(
            cards
                .due(&bank, exam, Retention::default(), T0, UTC)
                .is_empty(),
            "nothing due at once"
        );
        let next_day = cards.due(&bank, exam, Retention::default(), T0 + DAY_MS, UTC);
        assert_eq!(next_day.len(), 1, "the wrong one is due the next day");
        assert_eq!(next_day[0].question_id, ids[1]);
        let later = T0 + 10 * DAY_MS;
        assert_eq!(
            cards
                .due(&bank, exam, Retention::default(), later, UTC)
                .len(),
            2
        );
    }

    #[test]
    fn a_right_answer_the_day_of_a_lapse_is_a_lapse_and_a_day_later_a_success() {
        let (bank, ids) = bank();
        let first = sit(&bank, &ids[..1], T0, |_| false);
        let same_day = sit(&bank, &ids[..1], T0 + 3_600_000, |_| true);
        let cards = Cards::from_history(&bank, &[first.clone(), same_day], UTC);
        let card = cards.current(&bank, &ids[0]).unwrap();
        assert_eq!((card.reviews, card.lapses), (2, 2));
        let next_day = sit(&bank, &ids[..1], T0 + DAY_MS + 1, |_| true);
        let cards = Cards::from_history(&bank, &[first, next_day], UTC);
        let card = cards.current(&bank, &ids[0]).unwrap();
        assert_eq!((card.reviews, card.lapses), (2, 1));
        assert!(!card.last_lapse);
    }

    #[test]
    fn higher_retention_brings_reviews_sooner() {
        let (bank, ids) = bank();
        let cards = Cards::from_history(&bank, &[sit(&bank, &ids, T0, |_| true)], UTC);
        let card = cards.current(&bank, &ids[0]).unwrap();
        assert!(
            card.due_day(Retention::CHOICES[3], UTC) < card.due_day(Retention::CHOICES[0], UTC)
        );
    }

    #[test]
    fn a_changed_question_starts_a_new_card() {
        let (bank, ids) = bank();
        let cards = Cards::from_history(&bank, &[sit(&bank, &ids[..1], T0, |_| true)], UTC);
        let changed = with_new_edition(&bank, &ids[0]);
        assert!(cards.current(&changed, &ids[0]).is_none());
        let exam = &bank.blueprints[0].code;
        let later = T0 + 100 * DAY_MS;
        assert!(
            cards
                .due(&changed, exam, Retention::default(), later, UTC)
                .is_empty()
        );
    }

    #[test]
    fn the_review_set_takes_the_most_forgotten_first_up_to_the_cap() {
        let (bank, ids) = bank();
        let attempt = sit(&bank, &ids, T0, |i| i % 2 == 0);
        let cards = Cards::from_history(&bank, &[attempt], UTC);
        let exam = &bank.blueprints[0].code;
        let later = T0 + 30 * DAY_MS;
        let due = cards.due(&bank, exam, Retention::default(), later, UTC);
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
        let cards = Cards::from_history(&bank, &[sit(&bank, &ids, T0, |i| i == 1)], UTC);
        let text = serde_json::to_string(&cards).unwrap();
        let back = serde_json::from_str::<Cards>(&text).unwrap();
        for (id, card) in &cards.0 {
            let stored = back.0[id];
            assert!((stored.memory.stability - card.memory.stability).abs() <= 0.0005);
            assert!((stored.memory.difficulty - card.memory.difficulty).abs() <= 0.0005);
            assert_eq!(
                stored.due_day(Retention::default(), UTC),
                card.due_day(Retention::default(), UTC)
            );
        }
        let bad = text.replacen("\"reviews\":1", "\"reviews\":0", 1);
        assert!(serde_json::from_str::<Cards>(&bad).is_err());
        assert_eq!(
            serde_json::from_str::<Retention>("90").ok(),
            Some(Retention::default())
        );
        assert!(serde_json::from_str::<Retention>("0.9").is_err());
        assert!(serde_json::from_str::<Retention>("150").is_err());
        assert_eq!(Retention::from_percent(85), Some(Retention::CHOICES[1]));
        assert_eq!(Retention::from_percent(99), None);
    }

    #[test]
    fn cards_the_history_no_longer_explains_are_kept() {
        let (bank, ids) = bank();
        let old = Cards::from_history(&bank, &[sit(&bank, &ids[..2], T0, |_| true)], UTC);
        let now = Cards::from_history(
            &bank,
            &[sit(&bank, &ids[1..3], T0 + DAY_MS * 3, |_| false)],
            UTC,
        );
        let kept = now.clone().merged(&old);
        assert_eq!(kept.current(&bank, &ids[0]), old.current(&bank, &ids[0]));
        assert_eq!(kept.current(&bank, &ids[1]), now.current(&bank, &ids[1]));
    }

    #[test]
    fn days_are_the_users_calendar_days_starting_at_four_in_the_morning() {
        let (bank, ids) = bank();
        let tokyo = Calendar::new(540);
        // 20:00 in Tokyo on T0's day (T0 is noon UTC, 21:00 in Tokyo).
        let evening = T0 - 3_600_000;
        let lapse = sit(&bank, &ids[..1], evening, |_| false);
        let next_morning = sit(&bank, &ids[..1], evening + 13 * 3_600_000, |_| true);
        let cards = Cards::from_history(&bank, &[lapse.clone(), next_morning], tokyo);
        let card = cards.current(&bank, &ids[0]).unwrap();
        assert_eq!(
            (card.reviews, card.lapses),
            (2, 1),
            "09:00 the next day is another day"
        );
        let after_midnight = sit(&bank, &ids[..1], evening + 5 * 3_600_000, |_| true);
        let cards = Cards::from_history(&bank, &[lapse.clone(), after_midnight], tokyo);
        let card = cards.current(&bank, &ids[0]).unwrap();
        assert_eq!(
            (card.reviews, card.lapses),
            (2, 2),
            "01:00 still counts with the evening"
        );
        // Due the next day from its start at 4 am, not 24 hours later.
        let cards = Cards::from_history(&bank, &[lapse], tokyo);
        let exam = &bank.blueprints[0].code;
        let at_four = tokyo.start_ms(tokyo.day(evening) + 1);
        assert!(
            cards
                .due(&bank, exam, Retention::default(), at_four - 1, tokyo)
                .is_empty()
        );
        assert_eq!(
            cards
                .due(&bank, exam, Retention::default(), at_four, tokyo)
                .len(),
            1
        );
        assert_eq!(
            cards.next_due(&bank, exam, Retention::default(), evening, tokyo),
            Some((tokyo.day(evening) + 1, 1))
        );
    }

    #[test]
    fn an_answer_to_a_changed_question_is_its_first_review() {
        let (bank, ids) = bank();
        let before = sit(&bank, &ids[..1], T0, |_| false);
        let changed = with_new_edition(&bank, &ids[0]);
        let after = sit(&changed, &ids[..1], T0 + 2 * DAY_MS, |_| true);
        let cards = Cards::from_history(&changed, &[before, after], UTC);
        let card = cards.current(&changed, &ids[0]).unwrap();
        assert_eq!((card.reviews, card.lapses), (1, 0));
    }

    #[test]
    fn merging_keeps_per_question_the_card_reviewed_last_then_the_one_with_more_reviews() {
        let (bank, ids) = bank();
        let first = sit(&bank, &ids[..1], T0, |_| true);
        let second = sit(&bank, &ids[..1], T0 + 3 * DAY_MS, |_| true);
        let both = Cards::from_history(&bank, &[first.clone(), second.clone()], UTC);
        let only_second = Cards::from_history(&bank, &[second], UTC);
        let only_first = Cards::from_history(&bank, &[first], UTC);
        let card = |c: &Cards| *c.current(&bank, &ids[0]).unwrap();
        assert_eq!(
            card(&only_second.clone().merged(&both)),
            card(&both),
            "more reviews"
        );
        assert_eq!(card(&both.clone().merged(&only_second)), card(&both));
        assert_eq!(
            card(&only_first.merged(&only_second)),
            card(&only_second),
            "later"
        );
    }

    #[test]
    fn a_stored_time_beyond_what_javascript_keeps_exactly_is_refused() {
        let card = |at: u64| {
            format!(
                r#"{{"q": {{"revision": 1, "stability": 2000, "difficulty": 3000, "last_review_ms": {at}, "reviews": 1, "lapses": 0, "last_lapse": false}}}}"#
            )
        };
        assert!(serde_json::from_str::<Cards>(&card(T0)).is_ok());
        assert!(serde_json::from_str::<Cards>(&card(u64::MAX)).is_err());
    }
}
