//! Property tests of the engine: scoring bounds and invariance, deterministic assembly that
//! meets the domain quotas, and a state machine that stays consistent under any actions.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use mogi_core::assemble::{
    AnswerShape, ExamChoices, ExamForm, Mode, assemble, domain_quotas_among,
};
use mogi_core::bank::Bank;
use mogi_core::exam::{Action, Answer, Exam, Phase};
use mogi_core::score::score;
use mogi_core::synthetic::{correct_answer, generated_bank, sample_blueprint, wrong_answer};
use proptest::prelude::*;

fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| generated_bank(&sample_blueprint(), 400, 99))
}

fn form(seed: u64, count: u32, mode: Mode, minutes: Option<u32>) -> ExamForm {
    let bank = bank();
    let bp = bank.blueprint("mla-c01").unwrap();
    let mut choices = ExamChoices::practice(bp, count, seed);
    choices.mode = mode;
    choices.duration_minutes = minutes;
    assemble(bank, &choices).unwrap()
}

/// A submitted exam where answer `i` is correct, wrong or missing by `pattern[i % len]`
/// (0 = missing, 1 = wrong, 2 = correct).
fn sat(seed: u64, count: u32, pattern: &[u8]) -> Exam {
    let bank = bank();
    let mut exam = Exam::new(form(seed, count, Mode::Exam, None));
    exam.apply(Action::Start { now_ms: 0 });
    for i in 0..exam.len() {
        let q = bank.question(&exam.form.items[i].question_id).unwrap();
        let answer = match pattern[i % pattern.len()] {
            0 => continue,
            1 => wrong_answer(q),
            _ => correct_answer(q),
        };
        assert!(exam.apply(Action::Answer { index: i, answer }));
    }
    exam.apply(Action::Submit { now_ms: 1_000 });
    exam
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Exam), Just(Mode::Practice), Just(Mode::Custom)]
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        prop::collection::vec(0_usize..8, 0..4).prop_map(Answer::Choices),
        prop::collection::vec(prop::option::of(0_usize..7), 0..8).prop_map(Answer::Slots),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    let index = 0_usize..25;
    let time = 0_u64..20_000_000;
    prop_oneof![
        time.clone().prop_map(|now_ms| Action::Start { now_ms }),
        (index.clone(), answer()).prop_map(|(index, answer)| Action::Answer { index, answer }),
        index.clone().prop_map(|index| Action::Clear { index }),
        index.clone().prop_map(|index| Action::ToggleFlag { index }),
        index.clone().prop_map(|index| Action::GoTo { index }),
        Just(Action::Next),
        Just(Action::Previous),
        Just(Action::OpenReview),
        Just(Action::CloseReview),
        index.prop_map(|index| Action::Reveal { index }),
        time.clone().prop_map(|now_ms| Action::Submit { now_ms }),
        time.prop_map(|now_ms| Action::Tick { now_ms }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn score_stays_within_the_scale(
        seed in any::<u64>(),
        count in 1_u32..66,
        pattern in prop::collection::vec(0_u8..3, 1..10),
    ) {
        let exam = sat(seed, count, &pattern);
        let result = score(bank(), &exam);
        prop_assert!((100..=1000).contains(&result.scaled));
        prop_assert_eq!(result.total, count);
        prop_assert!(result.raw_correct <= result.total);
        prop_assert_eq!(result.passed, result.scaled >= 720);
        let domain_total: u32 = result.per_domain.iter().map(|d| d.tally.total).sum();
        prop_assert_eq!(domain_total, count);
    }

    #[test]
    fn all_correct_scores_the_maximum_and_passes(seed in any::<u64>(), count in 1_u32..66) {
        let result = score(bank(), &sat(seed, count, &[2]));
        prop_assert_eq!(result.raw_correct, count);
        prop_assert_eq!(result.scaled, 1000);
        prop_assert!(result.passed);
    }

    #[test]
    fn all_wrong_or_unanswered_scores_the_minimum_and_fails(
        seed in any::<u64>(),
        count in 1_u32..66,
        pattern in prop::collection::vec(0_u8..2, 1..5),
    ) {
        let result = score(bank(), &sat(seed, count, &pattern));
        prop_assert_eq!(result.raw_correct, 0);
        prop_assert_eq!(result.scaled, 100);
        prop_assert!(!result.passed);
    }

    #[test]
    fn question_order_does_not_change_the_score(
        seed in any::<u64>(),
        count in 1_u32..66,
        pattern in prop::collection::vec(0_u8..3, 1..10),
        shuffle_seed in any::<u64>(),
    ) {
        let exam = sat(seed, count, &pattern);
        let mut permuted = exam.clone();
        let order = mogi_core::rng::Rng::new(shuffle_seed).permutation(exam.len());
        std::sync::Arc::make_mut(&mut permuted.form).items = order.iter().map(|&i| exam.form.items[i].clone()).collect();
        permuted.answers = order.iter().map(|&i| exam.answers[i].clone()).collect();
        permuted.flags = order.iter().map(|&i| exam.flags[i]).collect();
        let a = score(bank(), &exam);
        let b = score(bank(), &permuted);
        prop_assert_eq!(a.raw_correct, b.raw_correct);
        prop_assert_eq!(a.scaled, b.scaled);
        prop_assert_eq!(a.per_domain, b.per_domain);
        prop_assert_eq!(a.per_task, b.per_task);
        prop_assert_eq!(a.per_service, b.per_service);
    }

    #[test]
    fn assembly_is_deterministic_and_meets_the_quotas(
        seed in any::<u64>(),
        count in 1_u32..66,
        domains in prop::sample::subsequence(vec![1_u8, 2, 3, 4], 0..=4),
        shuffle_options in any::<bool>(),
    ) {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        let mut choices = ExamChoices::practice(bp, count, seed);
        choices.domains = domains.clone();
        choices.shuffle_options = shuffle_options;
        let a = assemble(bank, &choices).unwrap();
        let b = assemble(bank, &choices).unwrap();
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.len(), count as usize);

        let selected = if domains.is_empty() { vec![1, 2, 3, 4] } else { domains };
        let quotas = domain_quotas_among(bp, &selected, count);
        prop_assert_eq!(&a.quotas, &quotas);
        prop_assert_eq!(quotas.iter().map(|&(_, q)| q).sum::<u32>(), count);
        let mut counts: BTreeMap<u8, u32> = BTreeMap::new();
        for item in &a.items {
            let q = bank.question(&item.question_id).unwrap();
            *counts.entry(q.domain).or_default() += 1;
            let mut sorted = item.option_order.to_vec();
            sorted.sort_unstable();
            prop_assert_eq!(sorted, (0..item.shape.choice_count()).collect::<Vec<_>>());
        }
        // The bank has plenty of single questions in every domain, so quotas are met exactly.
        for (d, q) in quotas {
            prop_assert_eq!(counts.get(&d).copied().unwrap_or(0), q, "domain {}", d);
        }
    }

    #[test]
    fn any_actions_leave_a_consistent_state(
        seed in any::<u64>(),
        count in 1_u32..25,
        mode in mode(),
        minutes in prop::option::of(0_u32..200),
        actions in prop::collection::vec(action(), 0..60),
    ) {
        let mut exam = Exam::new(form(seed, count, mode, minutes));
        prop_assert!(exam.is_consistent());
        for a in actions {
            let before = exam.clone();
            let changed = exam.apply(a);
            prop_assert_eq!(changed, exam != before);
            prop_assert!(exam.is_consistent(), "{:?}", exam);
            let n = exam.len();
            prop_assert_eq!(exam.answers.len(), n);
            prop_assert_eq!(exam.flags.len(), n);
            prop_assert_eq!(exam.revealed.len(), n);
            prop_assert!(exam.current < n);
            if matches!(before.phase, Phase::Submitted { .. }) {
                prop_assert!(!changed);
                prop_assert_eq!(&exam, &before);
            }
            if let (Phase::InProgress, Some(deadline)) = (exam.phase, exam.deadline_ms) {
                prop_assert!(exam.remaining_ms(0).unwrap() <= deadline);
            }
            for (i, a) in exam.answers.iter().enumerate() {
                if let Some(a) = a {
                    prop_assert!(exam.form.items[i].shape.accepts(a));
                    if let (AnswerShape::Single { .. }, Answer::Choices(c)) = (exam.form.items[i].shape, a) {
                        prop_assert_eq!(c.len(), 1);
                    }
                }
            }
        }
    }
}
