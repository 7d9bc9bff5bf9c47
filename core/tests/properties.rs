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
            *counts.entry(q.domain_in(&bp.code).unwrap()).or_default() += 1;
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

/// How a stored exam may have been damaged or crafted: each a well-formed JSON value in the
/// wrong place.
#[derive(Clone, Debug)]
enum Damage {
    Order {
        item: usize,
        order: Vec<usize>,
    },
    Shape {
        item: usize,
        kind: u8,
        a: usize,
        b: usize,
    },
    QuestionId {
        item: usize,
        id: String,
    },
    Revision {
        item: usize,
        revision: u32,
    },
    Answer {
        item: usize,
        answer: Answer,
    },
    AnswerCount(usize),
    ExamCode(String),
    BankRevision(String),
    Current(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let item = 0_usize..12;
    prop_oneof![
        (item.clone(), prop::collection::vec(0_usize..9, 0..9))
            .prop_map(|(item, order)| Damage::Order { item, order }),
        (item.clone(), 0_u8..3, 0_usize..9, 0_usize..9)
            .prop_map(|(item, kind, a, b)| Damage::Shape { item, kind, a, b }),
        (
            item.clone(),
            prop_oneof![
                Just("nope".to_owned()),
                (0_u32..400).prop_map(|n| format!("mla-c01-d1-{n:05}")),
                (0_u32..400).prop_map(|n| format!("mla-c01-d3-{n:05}")),
            ]
        )
            .prop_map(|(item, id)| Damage::QuestionId { item, id }),
        (item.clone(), any::<u32>())
            .prop_map(|(item, revision)| Damage::Revision { item, revision }),
        (item, answer()).prop_map(|(item, answer)| Damage::Answer { item, answer }),
        (0_usize..16).prop_map(Damage::AnswerCount),
        prop_oneof![Just("mla-c01"), Just("aif-c01"), Just("")]
            .prop_map(|c| Damage::ExamCode(c.to_owned())),
        prop_oneof![Just("other"), Just("synthetic-99-400")]
            .prop_map(|r| Damage::BankRevision(r.to_owned())),
        (0_usize..16).prop_map(Damage::Current),
    ]
}

fn apply_damage(exam: &mut serde_json::Value, damage: &Damage) {
    let items = exam["form"]["items"].as_array().map_or(0, Vec::len).max(1);
    match damage {
        Damage::Order { item, order } => {
            exam["form"]["items"][item % items]["option_order"] = serde_json::json!(order);
        }
        Damage::Shape { item, kind, a, b } => {
            exam["form"]["items"][item % items]["shape"] = match kind {
                0 => serde_json::json!({"kind": "single", "options": a}),
                1 => serde_json::json!({"kind": "multiple", "options": a, "choose": b}),
                _ => serde_json::json!({"kind": "slots", "slots": a, "responses": b}),
            };
        }
        Damage::QuestionId { item, id } => {
            exam["form"]["items"][item % items]["question_id"] = serde_json::json!(id);
        }
        Damage::Revision { item, revision } => {
            exam["form"]["items"][item % items]["revision"] = serde_json::json!(revision);
        }
        Damage::Answer { item, answer } => {
            let answers = exam["answers"].as_array_mut().unwrap();
            if let Some(slot) = answers.get_mut(item % items) {
                *slot = serde_json::to_value(answer).unwrap();
            }
        }
        Damage::AnswerCount(n) => {
            let answers = exam["answers"].as_array_mut().unwrap();
            answers.resize(*n, serde_json::Value::Null);
        }
        Damage::ExamCode(code) => {
            exam["form"]["exam"] = serde_json::json!(code);
            exam["form"]["choices"]["exam"] = serde_json::json!(code);
        }
        Damage::BankRevision(revision) => {
            exam["form"]["bank_revision"] = serde_json::json!(revision);
        }
        Damage::Current(n) => exam["current"] = serde_json::json!(n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A stored exam damaged in any of these ways is either set aside as corrupt (with a
    /// notice) or read, and what is read goes through every path the screens take (resolve,
    /// show, grade, submit, score, study) without a panic; what is shown always fits.
    #[test]
    fn a_damaged_stored_exam_never_panics_and_never_shows_what_does_not_fit(
        seed in 0_u64..1_000,
        damages in prop::collection::vec(damage(), 1..6),
    ) {
        use mogi_core::history::Attempt;
        use mogi_core::resolve;
        use mogi_core::store::{self, Fault, MemoryStore, Store, keys};

        let bank = bank();
        let mut exam = Exam::new(form(seed, 12, Mode::Practice, Some(30)));
        exam.apply(Action::Start { now_ms: 1_000 });
        let mut value = serde_json::to_value(&exam).unwrap();
        for d in &damages {
            apply_damage(&mut value, d);
        }
        let mut browser = MemoryStore::new();
        browser.set(keys::EXAM, &store::encode(&value)).unwrap();
        let loaded = store::load(&mut browser);
        let Some(exam) = loaded.exam else {
            prop_assert!(
                loaded.faults.iter().any(|f| matches!(f, Fault::Corrupt { .. })),
                "an exam that is not read is reported: {:?}",
                loaded.faults
            );
            return Ok(());
        };
        for i in 0..exam.len() {
            if let Some(shown) = resolve::shown(bank, &exam.form, &exam.answers, i) {
                let mut order = shown.order.clone();
                order.sort_unstable();
                prop_assert_eq!(order, (0..shown.question.choices).collect::<Vec<_>>());
                prop_assert_eq!(shown.question.choices, shown.question.content().body.choice_count());
                if let Some(answer) = &shown.answer {
                    prop_assert!(exam.form.items[i].shape.accepts(answer));
                }
            }
        }
        let mut finished = exam.clone();
        finished.apply(Action::Submit { now_ms: 2_000 });
        let attempt = Attempt::record(bank, &finished, 2_000);
        let stale = resolve::stale_count(bank, &exam.form);
        prop_assert_eq!(attempt.result.left_out as usize, stale);
        prop_assert_eq!(attempt.result.total as usize + stale, exam.len());
        let history = [attempt];
        let _ = mogi_core::study::task_standings(bank, &history, &exam.form.exam);
        let _ = mogi_core::study::practise_changed(bank, &exam.form, seed);
        let _ = mogi_core::guide::guide_map(bank, &history, &exam.form.exam);
    }
}

/// Per domain of the sample blueprint: (first answers, right ones).
fn tallies() -> impl Strategy<Value = BTreeMap<u8, (u32, u32)>> {
    prop::collection::vec((0_u32..80, 0.0_f64..=1.0), 4).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (n, share))| {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let k = (f64::from(n) * share).round() as u32;
                (u8::try_from(i + 1).unwrap(), (n, k.min(n)))
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The same answers with one more of them right (a wrong one turned right).
    #[test]
    fn more_right_answers_never_lower_readiness(t in tallies(), domain in 1_u8..=4) {
        let bp = sample_blueprint();
        let before = mogi_core::readiness::estimate(&bp, &t);
        let mut more = t.clone();
        let e = more.entry(domain).or_default();
        prop_assume!(e.1 < e.0);
        e.1 += 1;
        let after = mogi_core::readiness::estimate(&bp, &more);
        prop_assert!(after.share >= before.share - 1e-12);
        prop_assert!(after.scaled >= before.scaled);
        prop_assert!(after.low <= after.share && after.share <= after.high);
    }

    #[test]
    fn more_answers_at_the_same_share_never_widen_the_interval(
        t in tallies(),
        factor in 2_u32..5,
    ) {
        let bp = sample_blueprint();
        let before = mogi_core::readiness::estimate(&bp, &t);
        let scaled: BTreeMap<u8, (u32, u32)> =
            t.iter().map(|(&d, &(n, k))| (d, (n * factor, k * factor))).collect();
        let after = mogi_core::readiness::estimate(&bp, &scaled);
        prop_assert!(
            after.high - after.low <= before.high - before.low + 1e-12,
            "{:?} → {:?}", (before.low, before.high), (after.low, after.high)
        );
    }
}
