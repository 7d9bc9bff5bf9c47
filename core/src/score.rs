//! Scoring a sitting the way the exam guide describes, and the score report.
//!
//! Rules: an unanswered question is wrong (no penalty for guessing); multiple response,
//! ordering and matching earn credit only when wholly right (multiple response: exactly the
//! correct set); each case-study question is scored on its own. Every question of a form
//! counts: the real exam's unscored questions are unmarked, and a simulator cannot know which
//! they would be.
//!
//! The scaled score is an ESTIMATE. AWS does not publish how raw results map to the
//! 100–1000 scale (it equates forms of different difficulty), so [`scaled_estimate`] uses one
//! documented, assumed mapping: [`ASSUMED_PASS_SHARE_PERCENT`] correct maps to the pass mark.
//! The per-domain classification uses the same assumed share, so "meets competencies" means
//! "at or above the share that would pass".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assemble::Mode;
use crate::bank::{Bank, Blueprint, Question, QuestionType};
use crate::exam::{Answer, Exam, Phase, SubmitReason};
use crate::resolve::resolve;
use crate::sorting;

/// The share of correct answers assumed to map to the pass mark (an assumption: the real
/// scaling is not public).
pub const ASSUMED_PASS_SHARE_PERCENT: u32 = 70;

/// Correct out of total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub correct: u32,
    pub total: u32,
}

impl Tally {
    fn add(&mut self, correct: bool) {
        self.total += 1;
        if correct {
            self.correct += 1;
        }
    }

    /// Whole percent correct, rounded down (0 when empty).
    #[must_use]
    pub fn percent(self) -> u32 {
        if self.total == 0 {
            0
        } else {
            // correct <= total, so the result is at most 100.
            u32::try_from(u64::from(self.correct) * 100 / u64::from(self.total)).unwrap_or(100)
        }
    }

    /// At or above the assumed passing share.
    #[must_use]
    pub fn meets_pass_share(self) -> bool {
        u64::from(self.correct) * 100
            >= u64::from(self.total) * u64::from(ASSUMED_PASS_SHARE_PERCENT)
    }
}

/// The score report's verdict on one domain (section).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Classification {
    MeetsCompetencies,
    NeedsImprovement,
}

impl Classification {
    /// The verdict for a domain's tally: meets competencies at or above the assumed passing
    /// share ([`ASSUMED_PASS_SHARE_PERCENT`]).
    #[must_use]
    pub fn of(tally: Tally) -> Self {
        if tally.meets_pass_share() {
            Self::MeetsCompetencies
        } else {
            Self::NeedsImprovement
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainScore {
    pub domain: u8,
    pub tally: Tally,
    pub classification: Classification,
}

/// A tally for a task id or a service name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupScore {
    pub key: String,
    pub tally: Tally,
}

/// How one form item went, in form order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub question_id: String,
    pub answered: bool,
    pub correct: bool,
    pub flagged: bool,
    /// Left out of every tally: the question changed after the form was made, or is gone
    /// (see [`crate::resolve`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub left_out: bool,
}

/// The score report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamResult {
    pub exam: String,
    pub mode: Mode,
    pub bank_revision: String,
    pub raw_correct: u32,
    pub total: u32,
    /// An ESTIMATE on the exam's scale; see [`scaled_estimate`].
    pub scaled: u32,
    pub score_min: u32,
    pub score_max: u32,
    pub pass_mark: u32,
    pub passed: bool,
    /// Blueprint domain order; only domains with questions in the form.
    pub per_domain: Vec<DomainScore>,
    /// Blueprint task order; only tasks with questions in the form.
    pub per_task: Vec<GroupScore>,
    /// By service name; a question counts for each service it names.
    pub per_service: Vec<GroupScore>,
    /// From the start to the submission; 0 when not submitted.
    pub time_used_ms: u64,
    pub submit_reason: Option<SubmitReason>,
    pub outcomes: Vec<Outcome>,
    /// Questions left out of the score because they changed or were removed after the form
    /// was made (the outcomes marked `left_out`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub left_out: u32,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Whether `answer` earns credit for `question`. `None` (unanswered) is wrong; an answer of
/// the wrong shape is wrong. Indices are the question's original ones.
#[must_use]
pub fn is_correct(question: &Question, answer: Option<&Answer>) -> bool {
    let Some(answer) = answer else {
        return false;
    };
    let key = &question.key;
    match (question.format, answer) {
        (
            QuestionType::MultipleChoice | QuestionType::MultipleResponse,
            Answer::Choices(chosen),
        ) => {
            let mut chosen = chosen.clone();
            chosen.sort_unstable();
            chosen.dedup();
            !key.is_empty() && chosen == *key
        }
        (QuestionType::Ordering | QuestionType::Matching, Answer::Slots(slots)) => {
            slots.len() == key.len() && slots.iter().zip(key).all(|(s, k)| *s == Some(*k))
        }
        _ => false,
    }
}

/// The scaled score ESTIMATE for `correct` out of `total`. The real mapping is not public;
/// this one is piecewise linear through three assumed points:
///
/// - 0% correct ↦ `score_min`,
/// - [`ASSUMED_PASS_SHARE_PERCENT`] (70%) correct ↦ `pass_mark`,
/// - 100% correct ↦ `score_max`,
///
/// rounded down (so a share just below 70% stays below the pass mark) and clamped to the
/// scale. An empty exam scores `score_min`.
#[must_use]
pub fn scaled_estimate(blueprint: &Blueprint, correct: u32, total: u32) -> u32 {
    let min = u64::from(blueprint.score_min);
    let max = u64::from(blueprint.score_max).max(min);
    let pass = u64::from(blueprint.pass_mark).clamp(min, max);
    if total == 0 {
        return blueprint.score_min;
    }
    let c = u64::from(correct.min(total));
    let t = u64::from(total);
    let p = u64::from(ASSUMED_PASS_SHARE_PERCENT);
    // share = c / t; pass share = p / 100.
    let scaled = if c * 100 <= p * t {
        // min + (pass − min) · share / pass_share
        min + (pass - min) * c * 100 / (p * t)
    } else {
        // pass + (max − pass) · (share − pass_share) / (1 − pass_share)
        pass + (max - pass) * (c * 100 - p * t) / ((100 - p) * t)
    };
    u32::try_from(scaled.clamp(min, max)).unwrap_or(u32::MAX)
}

/// Scores a sitting (normally a submitted one) against the bank. A form item that is no
/// longer the question it was (changed or removed since the form was made, see
/// [`crate::resolve`]) is left out of every tally, reported as not correct and left out in
/// `outcomes`, and counted in `left_out`.
#[must_use]
pub fn score(bank: &Bank, exam: &Exam) -> ExamResult {
    let blueprint = bank.blueprint(&exam.form.exam);

    let mut overall = Tally::default();
    let mut domains: BTreeMap<u8, Tally> = BTreeMap::new();
    let mut tasks: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut services: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut outcomes = Vec::with_capacity(exam.len());

    for (i, item) in exam.form.items.iter().enumerate() {
        let answer = exam.answers.get(i).and_then(Option::as_ref);
        let question = resolve(bank, &exam.form.bank_revision, item).current();
        let correct = question.is_some_and(|q| is_correct(q, answer));
        if let Some(q) = question {
            overall.add(correct);
            if let Some(at) = q.placement(&exam.form.exam) {
                domains.entry(at.domain).or_default().add(correct);
                tasks.entry(at.task.as_str()).or_default().add(correct);
            }
            for s in &q.services {
                services.entry(s.as_str()).or_default().add(correct);
            }
        }
        outcomes.push(Outcome {
            question_id: item.question_id.clone(),
            answered: answer.is_some(),
            correct,
            flagged: exam.flags.get(i).copied().unwrap_or(false),
            left_out: question.is_none(),
        });
    }

    // Blueprint order first, then anything the blueprint does not know, by number / id.
    let domain_order: Vec<u8> =
        blueprint.map_or_else(Vec::new, |b| b.domains.iter().map(|d| d.number).collect());
    let task_order: Vec<&str> = blueprint.map_or_else(Vec::new, |b| {
        b.domains
            .iter()
            .flat_map(|d| &d.tasks)
            .map(|t| t.id.as_str())
            .collect()
    });
    let mut per_domain: Vec<DomainScore> = domains
        .iter()
        .map(|(&domain, &tally)| DomainScore {
            domain,
            tally,
            classification: Classification::of(tally),
        })
        .collect();
    sorting::sort_by_key(&mut per_domain, |d| position(&domain_order, &d.domain));
    let mut per_task = group_scores(&tasks);
    sorting::sort_by_key(&mut per_task, |t| position(&task_order, &t.key.as_str()));
    let per_service = group_scores(&services);

    let (score_min, score_max, pass_mark) =
        blueprint.map_or((0, 0, 0), |b| (b.score_min, b.score_max, b.pass_mark));
    let scaled = blueprint.map_or(0, |b| scaled_estimate(b, overall.correct, overall.total));
    let (time_used_ms, submit_reason) = match exam.phase {
        Phase::Submitted { at_ms, reason } => (
            at_ms.saturating_sub(exam.started_at_ms.unwrap_or(at_ms)),
            Some(reason),
        ),
        Phase::NotStarted | Phase::InProgress => (0, None),
    };

    ExamResult {
        exam: exam.form.exam.clone(),
        mode: exam.form.choices.mode,
        bank_revision: exam.form.bank_revision.clone(),
        raw_correct: overall.correct,
        total: overall.total,
        scaled,
        score_min,
        score_max,
        pass_mark,
        passed: blueprint.is_some() && scaled >= pass_mark,
        per_domain,
        per_task,
        per_service,
        time_used_ms,
        submit_reason,
        left_out: u32::try_from(outcomes.iter().filter(|o| o.left_out).count()).unwrap_or(u32::MAX),
        outcomes,
    }
}

/// Where `key` sits in `order`; unknown keys go last.
fn position<T: PartialEq>(order: &[T], key: &T) -> usize {
    order.iter().position(|k| k == key).unwrap_or(usize::MAX)
}

fn group_scores(tallies: &BTreeMap<&str, Tally>) -> Vec<GroupScore> {
    tallies
        .iter()
        .map(|(&key, &tally)| GroupScore {
            key: key.to_owned(),
            tally,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::{ExamChoices, assemble};
    use crate::bank::{Body, Choice, Content, Difficulty, Meta, Placement, Response, Text};
    use crate::exam::Action;
    use crate::synthetic::{correct_answer, generated_bank, sample_blueprint};

    fn question(body: Body) -> Question {
        Question::new(
            Meta {
                id: "q".into(),
                placements: vec![Placement {
                    exam: "mla-c01".into(),
                    domain: 1,
                    task: "1.1".into(),
                    skills: Vec::new(),
                }],
                services: vec![],
                difficulty: Difficulty::Easy,
                case_study: None,
                edition: 0,
                file_order: Vec::new(),
            },
            Content {
                stem: Text::default(),
                explanation: Text::default(),
                references: vec![],
                body,
            },
        )
    }

    fn options(correct: &[bool]) -> Vec<Choice> {
        correct
            .iter()
            .map(|&c| Choice {
                text: Text::default(),
                correct: c,
                why: Text::default(),
            })
            .collect()
    }

    fn responses(n: usize) -> Vec<Response> {
        (0..n)
            .map(|_| Response {
                text: Text::default(),
                why: Text::default(),
            })
            .collect()
    }

    #[test]
    fn multiple_choice() {
        let q = question(Body::MultipleChoice {
            options: options(&[false, false, true, false]),
        });
        assert!(is_correct(&q, Some(&Answer::Choices(vec![2]))));
        assert!(!is_correct(&q, Some(&Answer::Choices(vec![1]))));
        assert!(!is_correct(&q, Some(&Answer::Choices(vec![1, 2]))));
        assert!(!is_correct(&q, None), "unanswered is wrong");
        assert!(!is_correct(&q, Some(&Answer::Slots(vec![Some(2)]))));
    }

    #[test]
    fn multiple_response_needs_exactly_the_correct_set() {
        let q = question(Body::MultipleResponse {
            options: options(&[true, false, true, false, false]),
        });
        assert!(is_correct(&q, Some(&Answer::Choices(vec![0, 2]))));
        assert!(is_correct(&q, Some(&Answer::Choices(vec![2, 0]))));
        assert!(!is_correct(&q, Some(&Answer::Choices(vec![0]))), "partial");
        assert!(
            !is_correct(&q, Some(&Answer::Choices(vec![0, 1, 2]))),
            "extra"
        );
        assert!(!is_correct(&q, Some(&Answer::Choices(vec![]))));
    }

    #[test]
    fn ordering_needs_every_step_right_and_ignores_distractors() {
        let q = question(Body::Ordering {
            responses: responses(5),
            order: vec![3, 0, 4],
        });
        assert!(is_correct(
            &q,
            Some(&Answer::Slots(vec![Some(3), Some(0), Some(4)]))
        ));
        assert!(!is_correct(
            &q,
            Some(&Answer::Slots(vec![Some(0), Some(3), Some(4)]))
        ));
        assert!(!is_correct(
            &q,
            Some(&Answer::Slots(vec![Some(3), Some(0), None]))
        ));
        assert!(!is_correct(
            &q,
            Some(&Answer::Slots(vec![Some(3), Some(0), Some(1)])),
        ));
        assert!(!is_correct(
            &q,
            Some(&Answer::Slots(vec![Some(3), Some(0)]))
        ));
        assert!(!is_correct(&q, Some(&Answer::Choices(vec![3, 0, 4]))));
    }

    #[test]
    fn matching_needs_every_pair_and_allows_reuse() {
        let q = question(Body::Matching {
            prompts: vec![Text::default(); 3],
            responses: responses(2),
            key: vec![1, 1, 0],
        });
        assert!(is_correct(
            &q,
            Some(&Answer::Slots(vec![Some(1), Some(1), Some(0)]))
        ));
        assert!(!is_correct(
            &q,
            Some(&Answer::Slots(vec![Some(1), Some(0), Some(0)]))
        ));
    }

    fn bp() -> Blueprint {
        sample_blueprint()
    }

    #[test]
    fn scaled_estimate_hits_the_three_anchor_points() {
        let b = bp();
        assert_eq!(scaled_estimate(&b, 0, 50), 100);
        assert_eq!(scaled_estimate(&b, 35, 50), 720, "70% ↦ pass mark");
        assert_eq!(scaled_estimate(&b, 50, 50), 1000);
        assert_eq!(scaled_estimate(&b, 0, 0), 100);
        assert_eq!(scaled_estimate(&b, 99, 50), 1000, "clamped");
    }

    #[test]
    fn scaled_estimate_is_linear_between_anchors_and_rounds_down() {
        let b = bp();
        // 50% of 70% of the way from 100 to 720 = 410 (35% correct).
        assert_eq!(scaled_estimate(&b, 7, 20), 410);
        // 85% correct: halfway from 720 to 1000 = 860.
        assert_eq!(scaled_estimate(&b, 17, 20), 860);
        // Just under 70% stays under the pass mark.
        assert!(scaled_estimate(&b, 45, 65) < 720);
        assert!(scaled_estimate(&b, 46, 65) >= 720);
        // Monotonic.
        let scores: Vec<u32> = (0..=65).map(|c| scaled_estimate(&b, c, 65)).collect();
        assert!(scores.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn scaled_estimate_survives_odd_blueprints() {
        let mut b = bp();
        b.pass_mark = 50; // below the scale
        assert_eq!(scaled_estimate(&b, 35, 50), 100);
        b.pass_mark = 5_000; // above the scale
        assert_eq!(scaled_estimate(&b, 49, 50), 1000);
        assert!(scaled_estimate(&b, 34, 50) < 1000);
    }

    #[test]
    fn classification_uses_the_pass_share() {
        assert!(
            Tally {
                correct: 7,
                total: 10
            }
            .meets_pass_share()
        );
        assert!(
            !Tally {
                correct: 6,
                total: 10
            }
            .meets_pass_share()
        );
        assert_eq!(
            Tally {
                correct: 2,
                total: 3
            }
            .percent(),
            66
        );
        assert_eq!(Tally::default().percent(), 0);
    }

    fn sitting(seed: u64) -> (Bank, Exam) {
        let bank = generated_bank(&sample_blueprint(), 300, seed);
        let bp = bank.blueprint("mla-c01").unwrap();
        let form = assemble(&bank, &ExamChoices::full_exam(bp, seed)).unwrap();
        let mut exam = Exam::new(form);
        exam.apply(Action::Start { now_ms: 1_000 });
        (bank, exam)
    }

    #[test]
    fn full_marks_and_no_marks() {
        let (bank, mut exam) = sitting(3);
        let result = score(&bank, &exam);
        assert_eq!(result.raw_correct, 0);
        assert_eq!(result.total, 65);
        assert_eq!(result.scaled, 100);
        assert!(!result.passed);
        assert!(result.outcomes.iter().all(|o| !o.answered && !o.correct));
        assert!(
            result
                .per_domain
                .iter()
                .all(|d| d.classification == Classification::NeedsImprovement)
        );

        for i in 0..exam.len() {
            let q = bank.question(&exam.form.items[i].question_id).unwrap();
            assert!(exam.apply(Action::Answer {
                index: i,
                answer: correct_answer(q),
            }));
        }
        exam.apply(Action::ToggleFlag { index: 0 });
        exam.apply(Action::Submit { now_ms: 61_000 });
        let result = score(&bank, &exam);
        assert_eq!(result.raw_correct, 65);
        assert_eq!(result.scaled, 1000);
        assert!(result.passed);
        assert_eq!(result.time_used_ms, 60_000);
        assert_eq!(result.submit_reason, Some(SubmitReason::Candidate));
        assert!(result.outcomes[0].flagged);
        assert_eq!(
            result
                .per_domain
                .iter()
                .map(|d| d.domain)
                .collect::<Vec<_>>(),
            vec![1, 2, 3, 4]
        );
        assert!(
            result
                .per_domain
                .iter()
                .all(|d| d.classification == Classification::MeetsCompetencies)
        );
        let task_total: u32 = result.per_task.iter().map(|t| t.tally.total).sum();
        assert_eq!(task_total, 65);
        assert!(
            result
                .per_service
                .iter()
                .all(|s| s.tally.correct == s.tally.total)
        );
        assert!(result.per_service.windows(2).all(|w| w[0].key < w[1].key));
    }

    #[test]
    fn domains_are_classified_separately() {
        let (bank, mut exam) = sitting(4);
        // Answer only domain-1 questions correctly.
        for i in 0..exam.len() {
            let q = bank.question(&exam.form.items[i].question_id).unwrap();
            if q.placements[0].domain == 1 {
                exam.apply(Action::Answer {
                    index: i,
                    answer: correct_answer(q),
                });
            }
        }
        let result = score(&bank, &exam);
        for d in &result.per_domain {
            let want = if d.domain == 1 {
                Classification::MeetsCompetencies
            } else {
                Classification::NeedsImprovement
            };
            assert_eq!(d.classification, want, "domain {}", d.domain);
        }
        assert_eq!(result.raw_correct, result.per_domain[0].tally.total);
        assert!(!result.passed);
    }

    #[test]
    fn questions_missing_from_the_bank_are_left_out() {
        let (mut bank, exam) = sitting(5);
        let gone = exam.form.items[0].question_id.clone();
        bank.questions.retain(|q| q.id != gone);
        let result = score(&bank, &exam);
        assert_eq!(result.total, 64);
        assert_eq!(result.outcomes.len(), 65);
    }
}
