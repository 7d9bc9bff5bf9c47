//! The exam-guide map: domains → task statements → the guide's skills and the in-scope
//! services, each with how the user is doing from their history, and the exact questions to
//! drill for any part. A part with no questions in the bank says so instead of looking
//! mastered. What the user knows about a question counts in every exam that shares it.

use std::collections::BTreeMap;

use crate::assemble::{ExamChoices, Pool};
use crate::bank::{Bank, TermKind, Text};
use crate::history::Attempt;
use crate::sorting;
use crate::study::{QuestionRecord, question_records};

/// How the user is doing on one part of the guide.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Questions of this part in the bank.
    pub in_bank: u32,
    /// Of those, asked at least once.
    pub seen: u32,
    /// Of those seen, right the last time they were asked.
    pub right_last_time: u32,
    /// When a question of this part was last answered (ms since the epoch).
    pub last_practised_ms: Option<u64>,
    /// The questions to drill for this part, in bank order.
    pub question_ids: Vec<String>,
}

impl Progress {
    /// Share right of the questions seen, in percent; `None` before any is seen.
    #[must_use]
    pub fn accuracy_percent(&self) -> Option<u32> {
        (self.seen > 0).then(|| self.right_last_time * 100 / self.seen)
    }

    /// Whether the bank has anything to practise here.
    #[must_use]
    pub fn has_questions(&self) -> bool {
        self.in_bank > 0
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceNode {
    pub name: String,
    pub progress: Progress,
}

/// One skill of the guide and the questions that test it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkillNode {
    pub id: String,
    pub text: Text,
    pub progress: Progress,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskNode {
    pub id: String,
    pub title: Text,
    pub skills: Vec<SkillNode>,
    pub progress: Progress,
    /// Services its questions name and services the glossary ties to it, by name.
    pub services: Vec<ServiceNode>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainNode {
    pub number: u8,
    pub title: Text,
    pub weight_percent: u32,
    pub progress: Progress,
    pub tasks: Vec<TaskNode>,
}

/// The map of one blueprint's exam guide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuideMap {
    pub exam: String,
    pub domains: Vec<DomainNode>,
}

/// The standing on the questions `ids`, from each one's record ([`question_records`]).
pub(crate) fn progress<'a>(
    ids: impl Iterator<Item = &'a str>,
    records: &BTreeMap<String, QuestionRecord>,
) -> Progress {
    let mut p = Progress::default();
    for id in ids {
        p.in_bank += 1;
        p.question_ids.push(id.to_owned());
        if let Some(r) = records.get(id) {
            p.seen += 1;
            p.right_last_time += u32::from(r.last_correct);
            p.last_practised_ms = p.last_practised_ms.max(Some(r.last_at_ms));
        }
    }
    p
}

/// The map of `exam`'s guide with the user's standing from `history`; `None` for an unknown
/// exam.
#[must_use]
pub fn guide_map(bank: &Bank, history: &[Attempt], exam: &str) -> Option<GuideMap> {
    let blueprint = bank.blueprint(exam)?;
    // What the user knows about a question counts in every exam that shares it.
    let last = question_records(bank, history, exam);
    let questions: Vec<_> = bank.questions_for(exam).collect();
    let domains = blueprint
        .domains
        .iter()
        .map(|domain| {
            let in_domain = questions.iter().filter(|q| q.domain() == domain.number);
            let tasks = domain
                .tasks
                .iter()
                .map(|task| {
                    let in_task: Vec<_> =
                        questions.iter().filter(|q| q.task() == task.id).collect();
                    let mut names: Vec<&str> = in_task
                        .iter()
                        .flat_map(|q| q.services.iter().map(String::as_str))
                        .collect();
                    names.extend(
                        bank.glossary()
                            .iter()
                            .filter(|t| t.exam == exam && t.kind == TermKind::Service)
                            .filter(|t| t.tasks.contains(&task.id))
                            .filter_map(|t| t.service.as_deref()),
                    );
                    sorting::sort(&mut names);
                    names.dedup();
                    let services = names
                        .into_iter()
                        .map(|name| ServiceNode {
                            name: name.to_owned(),
                            progress: progress(
                                in_task
                                    .iter()
                                    .filter(|q| q.services.iter().any(|s| s == name))
                                    .map(|q| q.id.as_str()),
                                &last,
                            ),
                        })
                        .collect();
                    TaskNode {
                        id: task.id.clone(),
                        title: task.title.clone(),
                        skills: task
                            .skills
                            .iter()
                            .map(|skill| SkillNode {
                                id: skill.id.clone(),
                                text: bank
                                    .skill_text(exam, &skill.id)
                                    .cloned()
                                    .unwrap_or_default(),
                                progress: progress(
                                    in_task
                                        .iter()
                                        .filter(|q| q.skills().contains(&skill.id))
                                        .map(|q| q.id.as_str()),
                                    &last,
                                ),
                            })
                            .collect(),
                        progress: progress(in_task.iter().map(|q| q.id.as_str()), &last),
                        services,
                    }
                })
                .collect();
            DomainNode {
                number: domain.number,
                title: domain.title.clone(),
                weight_percent: domain.weight_percent,
                progress: progress(in_domain.map(|q| q.id.as_str()), &last),
                tasks,
            }
        })
        .collect();
    Some(GuideMap {
        exam: exam.to_owned(),
        domains,
    })
}

/// A practice drill on exactly the questions of one part of the map.
#[must_use]
pub fn drill(bank: &Bank, exam: &str, progress: &Progress, seed: u64) -> Option<ExamChoices> {
    let blueprint = bank.blueprint(exam)?;
    let count = u32::try_from(progress.question_ids.len())
        .ok()
        .filter(|&n| n > 0)?;
    let mut choices = ExamChoices::practice(blueprint, count, seed);
    choices.pool = Pool::Only(progress.question_ids.clone());
    Some(choices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::assemble;
    use crate::exam::{Action, Exam};
    use crate::synthetic::{correct_answer, generated_bank, sample_blueprint, wrong_answer};

    /// A history of one practice attempt on the first four questions of task 1.1: the first
    /// two right, the third wrong, the fourth unanswered.
    fn fixture() -> (Bank, Vec<Attempt>) {
        let blueprint = sample_blueprint();
        let bank = generated_bank(&blueprint, 300, 11);
        let code = bank.blueprints[0].code.clone();
        let ids: Vec<String> = bank
            .questions_for(&code)
            .filter(|q| q.task() == "1.1" && q.case_study.is_none())
            .take(4)
            .map(|q| q.id.clone())
            .collect();
        let mut choices = ExamChoices::practice(&bank.blueprints[0], 4, 5);
        choices.pool = Pool::Only(ids);
        let form = assemble(&bank, &choices).expect("four questions");
        let mut exam = Exam::new(form);
        exam.apply(Action::Start { now_ms: 1_000 });
        let by_order: Vec<String> = exam
            .form
            .items
            .iter()
            .map(|i| i.question_id.clone())
            .collect();
        let mut sorted = by_order.clone();
        sorted.sort();
        for (index, id) in by_order.iter().enumerate() {
            let question = bank.question(id).expect("in the bank");
            let rank = sorted.iter().position(|s| s == id).expect("sorted");
            let answer = match rank {
                0 | 1 => Some(correct_answer(question)),
                2 => Some(wrong_answer(question)),
                _ => None,
            };
            if let Some(answer) = answer {
                exam.apply(Action::Answer { index, answer });
            }
        }
        exam.apply(Action::Submit { now_ms: 50_000 });
        let attempt = Attempt::record(&bank, &exam, 50_000);
        (bank, vec![attempt])
    }

    #[test]
    fn a_task_shows_questions_seen_accuracy_and_when_last_practised() {
        let (bank, history) = fixture();
        let code = &bank.blueprints[0].code;
        let map = guide_map(&bank, &history, code).expect("a known exam");
        let task = &map.domains[0].tasks[0];
        assert_eq!(task.id, "1.1");
        let in_bank = bank
            .questions_for(code)
            .filter(|q| q.task() == "1.1")
            .count();
        assert_eq!(task.progress.in_bank as usize, in_bank);
        assert_eq!(task.progress.seen, 4);
        assert_eq!(task.progress.right_last_time, 2);
        assert_eq!(task.progress.accuracy_percent(), Some(50));
        assert_eq!(task.progress.last_practised_ms, Some(50_000));
        let other = &map.domains[1].tasks[0];
        assert_eq!(other.progress.seen, 0);
        assert_eq!(
            other.progress.accuracy_percent(),
            None,
            "unseen is not 0% and not mastered"
        );
        assert_eq!(map.domains[0].progress.seen, 4);
    }

    #[test]
    fn services_carry_their_own_standing_and_empty_parts_say_so() {
        let (mut bank, history) = fixture();
        let code = bank.blueprints[0].code.clone();
        bank.questions.retain(|q| q.task_in(&code) != Some("4.3"));
        let map = guide_map(&bank, &history, &code).expect("a known exam");
        let empty = map.domains[3]
            .tasks
            .iter()
            .find(|t| t.id == "4.3")
            .expect("task 4.3");
        assert!(!empty.progress.has_questions());
        let task = &map.domains[0].tasks[0];
        let seen: u32 = task.services.iter().map(|s| s.progress.seen).sum();
        assert!(seen >= 4, "each of the four questions names a service");
        for service in &task.services {
            assert!(service.progress.in_bank <= task.progress.in_bank);
        }
    }

    #[test]
    fn practise_this_drills_exactly_that_part() {
        let (bank, history) = fixture();
        let code = &bank.blueprints[0].code;
        let map = guide_map(&bank, &history, code).expect("a known exam");
        let task = &map.domains[0].tasks[0];
        let choices = drill(&bank, code, &task.progress, 9).expect("questions to drill");
        let form = assemble(&bank, &choices).expect("a drill");
        let mut asked: Vec<&str> = form.items.iter().map(|i| i.question_id.as_str()).collect();
        asked.sort_unstable();
        let mut expected: Vec<&str> = task
            .progress
            .question_ids
            .iter()
            .map(String::as_str)
            .collect();
        expected.sort_unstable();
        assert_eq!(asked, expected);
        assert!(
            drill(&bank, code, &Progress::default(), 9).is_none(),
            "nothing to drill"
        );
    }
}
