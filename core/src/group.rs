//! The group board's arithmetic: several members' results for one exam, and per question how
//! many of them got it right, ordered so the group sees which questions to discuss first.

use crate::score::ExamResult;
use crate::sorting;

/// One question of the exam across the members of a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionTally {
    /// 1-based position in the form.
    pub position: usize,
    pub question_id: String,
    /// Per member, in board order: whether they got it right.
    pub right: Vec<bool>,
}

impl QuestionTally {
    /// How many members got it right.
    #[must_use]
    pub fn right_count(&self) -> usize {
        self.right.iter().filter(|&&r| r).count()
    }
}

/// Every question of the members' common exam (the first member's form order) that is still
/// the question they answered (not `left_out`), fewest right first, ties in form order. Members whose results have fewer questions count as wrong
/// there. No members: no questions.
#[must_use]
pub fn questions_to_discuss(members: &[&ExamResult]) -> Vec<QuestionTally> {
    let Some(first) = members.first() else {
        return Vec::new();
    };
    let mut tallies: Vec<QuestionTally> = first
        .outcomes
        .iter()
        .enumerate()
        .filter(|(_, outcome)| !outcome.left_out)
        .map(|(i, outcome)| QuestionTally {
            position: i + 1,
            question_id: outcome.question_id.clone(),
            right: members
                .iter()
                .map(|m| {
                    m.outcomes
                        .get(i)
                        .is_some_and(|o| o.correct && o.question_id == outcome.question_id)
                })
                .collect(),
        })
        .collect();
    sorting::sort_by_key(&mut tallies, |t| (t.right_count(), t.position));
    tallies
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Outcome;

    fn result(correct: &[bool]) -> ExamResult {
        ExamResult {
            exam: "x".into(),
            mode: crate::assemble::Mode::Exam,
            bank_revision: "r".into(),
            raw_correct: 0,
            total: 0,
            scaled: 0,
            score_min: 100,
            score_max: 1000,
            pass_mark: 720,
            passed: false,
            per_domain: vec![],
            per_task: vec![],
            per_service: vec![],
            time_used_ms: 0,
            submit_reason: None,
            outcomes: correct
                .iter()
                .enumerate()
                .map(|(i, &c)| Outcome {
                    question_id: format!("q{i}"),
                    answered: true,
                    correct: c,
                    flagged: false,
                    left_out: false,
                })
                .collect(),
            left_out: 0,
        }
    }

    #[test]
    fn the_questions_fewest_got_right_come_first() {
        let a = result(&[true, false, true, false]);
        let b = result(&[true, false, false, true]);
        let c = result(&[true, true, false, false]);
        let tallies = questions_to_discuss(&[&a, &b, &c]);
        let order: Vec<(usize, usize)> = tallies
            .iter()
            .map(|t| (t.position, t.right_count()))
            .collect();
        assert_eq!(order, vec![(2, 1), (3, 1), (4, 1), (1, 3)]);
        assert_eq!(tallies[0].right, vec![false, false, true]);
        assert!(questions_to_discuss(&[]).is_empty());
    }
}
