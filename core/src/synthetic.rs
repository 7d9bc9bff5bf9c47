//! Synthetic banks for tests, property tests and benchmarks: many valid questions of every
//! type, with case studies, generated from a seed. Nothing here is shown to users.
//!
//! [`sample_blueprint`] is a fixture shaped like MLA-C01 (four weighted domains, three tasks
//! each, 65 questions, 100–1000 scale, pass at 720) so that tests need no TOML; the app's
//! real blueprints come from `questions/blueprints/` through the bank build.

use crate::bank::{
    Bank, Blueprint, Body, CaseStudy, Choice, Content, Difficulty, Domain, Meta, Placement,
    Question, QuestionType, Response, Skill, Task, Text,
};
use crate::exam::Answer;
use crate::rng::{Rng, Stream};

fn text(s: &str) -> Text {
    Text {
        en: s.to_owned(),
        ja: format!("{s}（日本語）"),
    }
}

/// A blueprint fixture shaped like MLA-C01; see the module documentation.
#[must_use]
pub fn sample_blueprint() -> Blueprint {
    let domain = |number: u8, weight_percent: u32| Domain {
        number,
        title: text(&format!("Domain {number}")),
        weight_percent,
        tasks: (1..=3)
            .map(|t| Task {
                id: format!("{number}.{t}"),
                title: text(&format!("Task {number}.{t}")),
                skills: (1..=2)
                    .map(|k| Skill {
                        id: format!("{number}.{t}.{k}"),
                        text: text(&format!("Skill {number}.{t}.{k}")),
                    })
                    .collect(),
            })
            .collect(),
    };
    Blueprint {
        code: "mla-c01".into(),
        title: text("Sample MLA-C01-like exam"),
        version: "synthetic".into(),
        source_url: String::new(),
        duration_minutes: 130,
        esl_extra_minutes: 30,
        scored_questions: 50,
        unscored_questions: 15,
        score_min: 100,
        score_max: 1000,
        pass_mark: 720,
        domains: vec![domain(1, 28), domain(2, 26), domain(3, 22), domain(4, 24)],
        services: [
            "Amazon S3",
            "Amazon SageMaker",
            "AWS Glue",
            "Amazon Kinesis",
            "AWS Lambda",
            "Amazon CloudWatch",
            "AWS IAM",
            "AWS KMS",
            "Amazon Bedrock",
            "Amazon EMR",
            "AWS Step Functions",
            "Amazon ECR",
        ]
        .into_iter()
        .map(String::from)
        .collect(),
        question_types: QuestionType::ALL.to_vec(),
        retired: false,
        list_order: None,
        offered: Vec::new(),
        replaces: None,
    }
}

/// A domain number drawn by blueprint weight (uniformly if all weights are zero).
fn weighted_domain(rng: &mut Rng, blueprint: &Blueprint) -> usize {
    let total: u64 = blueprint
        .domains
        .iter()
        .map(|d| u64::from(d.weight_percent))
        .sum();
    if total == 0 {
        return rng.index(blueprint.domains.len());
    }
    let mut x = rng.below(total);
    for (i, d) in blueprint.domains.iter().enumerate() {
        let w = u64::from(d.weight_percent);
        if x < w {
            return i;
        }
        x -= w;
    }
    blueprint.domains.len() - 1
}

fn choices(rng: &mut Rng, n: usize, correct: usize) -> Vec<Choice> {
    let mut flags = vec![false; n];
    for i in rng.sample_indices(n, correct) {
        flags[i] = true;
    }
    flags
        .into_iter()
        .enumerate()
        .map(|(i, correct)| Choice {
            text: text(&format!("Option {}", i + 1)),
            correct,
            why: text(if correct { "Right." } else { "Wrong." }),
        })
        .collect()
}

fn responses(n: usize) -> Vec<Response> {
    (0..n)
        .map(|i| Response {
            text: text(&format!("Response {}", i + 1)),
            why: Text::default(),
        })
        .collect()
}

fn body(rng: &mut Rng, kind: QuestionType) -> Body {
    match kind {
        QuestionType::MultipleResponse => {
            let n = rng.range_inclusive(5, 6);
            let k = rng.range_inclusive(2, 3);
            Body::MultipleResponse {
                options: choices(rng, n, k),
            }
        }
        QuestionType::Ordering => {
            let steps = rng.range_inclusive(3, 5);
            let n = steps + rng.range_inclusive(0, 1);
            Body::Ordering {
                responses: responses(n),
                order: rng.sample_indices(n, steps),
            }
        }
        QuestionType::Matching => {
            let prompts = rng.range_inclusive(3, 7);
            let n = rng.range_inclusive(3, prompts.min(5));
            // Every response used at least once when there are enough prompts, some reused.
            let mut key: Vec<usize> = (0..prompts).map(|p| p % n).collect();
            rng.shuffle(&mut key);
            Body::Matching {
                prompts: (0..prompts)
                    .map(|p| text(&format!("Prompt {}", p + 1)))
                    .collect(),
                responses: responses(n),
                key,
            }
        }
        QuestionType::MultipleChoice | QuestionType::CaseStudy => Body::MultipleChoice {
            options: choices(rng, 4, 1),
        },
    }
}

/// A valid bank of exactly `question_count` questions for `blueprint`, the same for the same
/// seed. About 55% multiple choice, 15% multiple response, 10% ordering, 10% matching and
/// 10% case-study questions (in case studies of 2–4 consecutive questions whose answers are
/// multiple choice or multiple response). Domains follow the blueprint weights; each
/// question names one to three of the blueprint's services.
#[must_use]
pub fn generated_bank(blueprint: &Blueprint, question_count: usize, seed: u64) -> Bank {
    let mut rng = Rng::for_stream(seed, Stream::Synthetic);
    let code = blueprint.code.clone();
    let mut questions = Vec::with_capacity(question_count);
    let mut case_studies = Vec::new();

    let make = |rng: &mut Rng, n: usize, kind: QuestionType, case_study: Option<String>| {
        let d = weighted_domain(rng, blueprint);
        let domain = &blueprint.domains[d];
        let task = rng
            .pick(&domain.tasks)
            .map_or_else(|| format!("{}.1", domain.number), |t| t.id.clone());
        let service_count = rng.range_inclusive(1, 3);
        let services = rng
            .sample_indices(blueprint.services.len(), service_count)
            .into_iter()
            .map(|i| blueprint.services[i].clone())
            .collect();
        let difficulty = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard][rng.index(3)];
        // The skill follows from `n`, not the generator, so that banks generated before
        // skills existed keep their questions.
        let skill = format!("{task}.{}", 1 + n % 2);
        Question::new(
            Meta {
                id: format!("{code}-d{}-{n:05}", domain.number),
                placements: vec![Placement {
                    exam: code.clone(),
                    domain: domain.number,
                    task,
                    skills: vec![skill],
                }],
                services,
                difficulty,
                case_study,
                edition: 0,
                file_order: Vec::new(),
            },
            Content {
                stem: text(&format!("Synthetic question {n}")),
                explanation: text("Because the key says so."),
                references: vec!["https://docs.aws.amazon.com/".into()],
                body: body(rng, kind),
            },
        )
    };

    while questions.len() < question_count {
        let left = question_count - questions.len();
        let roll = rng.below(100);
        if roll >= 90 && left >= 2 {
            let size = rng.range_inclusive(2, left.min(4));
            let id = format!("{code}-cs-{:03}", case_studies.len() + 1);
            case_studies.push(CaseStudy {
                id: id.clone(),
                title: text(&format!("Case study {}", case_studies.len() + 1)),
                scenario: text("A company runs a synthetic ML workload."),
            });
            for _ in 0..size {
                let kind = if rng.chance(1, 4) {
                    QuestionType::MultipleResponse
                } else {
                    QuestionType::MultipleChoice
                };
                let n = questions.len();
                questions.push(make(&mut rng, n, kind, Some(id.clone())));
            }
        } else {
            let kind = match roll {
                0..55 => QuestionType::MultipleChoice,
                55..70 => QuestionType::MultipleResponse,
                70..80 => QuestionType::Ordering,
                _ => QuestionType::Matching,
            };
            let n = questions.len();
            questions.push(make(&mut rng, n, kind, None));
        }
    }

    Bank::new(
        format!("synthetic-{seed:x}-{question_count}"),
        vec![blueprint.clone()],
        case_studies,
        questions,
        Vec::new(),
    )
}

/// The answer that earns credit for `question` (for tests and benchmarks).
#[must_use]
pub fn correct_answer(question: &Question) -> Answer {
    match &question.content().body {
        Body::MultipleChoice { options } | Body::MultipleResponse { options } => Answer::Choices(
            options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .map(|(i, _)| i)
                .collect(),
        ),
        Body::Ordering { order: key, .. } | Body::Matching { key, .. } => {
            Answer::Slots(key.iter().copied().map(Some).collect())
        }
    }
}

/// An answer of the right shape that earns no credit for `question` (for tests).
#[must_use]
pub fn wrong_answer(question: &Question) -> Answer {
    match &question.content().body {
        Body::MultipleChoice { options } | Body::MultipleResponse { options } => {
            // The first wrong option alone: wrong for MC, and an incomplete set for MR.
            let i = options.iter().position(|o| !o.correct).unwrap_or(0);
            Answer::Choices(vec![i])
        }
        Body::Ordering { order: key, .. } | Body::Matching { key, .. } => {
            let mut slots: Vec<Option<usize>> = key.iter().copied().map(Some).collect();
            slots[0] = None;
            Answer::Slots(slots)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::is_correct;
    use std::collections::HashSet;

    #[test]
    fn generated_bank_is_valid_and_varied() {
        let bp = sample_blueprint();
        let bank = generated_bank(&bp, 1_000, 7);
        assert_eq!(bank.questions.len(), 1_000);
        let ids: HashSet<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids.len(), 1_000, "ids are unique");
        let types: HashSet<QuestionType> =
            bank.questions.iter().map(Question::question_type).collect();
        assert_eq!(types.len(), 5);
        assert!(bank.case_studies.len() > 5);
        for q in bank.questions_for(&bp.code) {
            assert!(bp.task(q.task()).is_some());
            assert!(
                bp.domain(q.domain())
                    .unwrap()
                    .tasks
                    .iter()
                    .any(|t| t.id == q.task())
            );
            assert!(q.skills().iter().all(|s| bp.skill(s).is_some()));
            assert!(!q.services.is_empty());
            assert!(q.services.iter().all(|s| bp.services.contains(s)));
            if let Some(cs) = &q.case_study {
                assert!(bank.case_study(cs).is_some());
            }
            match &q.content().body {
                Body::MultipleChoice { options } => {
                    assert_eq!(options.len(), 4);
                    assert_eq!(q.content().body.correct_count(), 1);
                }
                Body::MultipleResponse { options } => {
                    assert!(options.len() >= 5);
                    assert!(q.content().body.correct_count() >= 2);
                }
                Body::Ordering { responses, order } => {
                    assert!((3..=5).contains(&order.len()));
                    let distinct: HashSet<_> = order.iter().collect();
                    assert_eq!(distinct.len(), order.len());
                    assert!(order.iter().all(|&i| i < responses.len()));
                }
                Body::Matching {
                    prompts,
                    responses,
                    key,
                } => {
                    assert!((3..=7).contains(&prompts.len()));
                    assert_eq!(key.len(), prompts.len());
                    assert!(key.iter().all(|&i| i < responses.len()));
                }
            }
            assert!(is_correct(q.question, Some(&correct_answer(q.question))));
            assert!(!is_correct(q.question, Some(&wrong_answer(q.question))));
        }
        for cs in &bank.case_studies {
            let n = bank
                .questions
                .iter()
                .filter(|q| q.case_study.as_deref() == Some(cs.id.as_str()))
                .count();
            assert!(n >= 2, "{} has {n} questions", cs.id);
        }
    }

    #[test]
    fn same_seed_same_bank() {
        let bp = sample_blueprint();
        assert_eq!(generated_bank(&bp, 200, 1), generated_bank(&bp, 200, 1));
        assert_ne!(
            generated_bank(&bp, 200, 1).questions,
            generated_bank(&bp, 200, 2).questions
        );
        assert_eq!(generated_bank(&bp, 0, 1).questions.len(), 0);
        assert_eq!(generated_bank(&bp, 1, 1).questions.len(), 1);
    }
}
