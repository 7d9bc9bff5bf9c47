//! How ready a learner is for a fresh exam, as an estimate with its uncertainty: from their
//! first answer to each question of the exam (a re-answer of a known question overstates
//! readiness), per domain, weighted by the blueprint.
//!
//! Each domain's share correct has a Beta posterior from a uniform prior and the domain's
//! first answers; a fresh exam's share is their weighted sum, whose mean and variance are
//! exact and whose 90% interval uses the normal approximation (the sum of several Betas is
//! close to normal once there are enough answers to show anything). The chance of passing
//! is the probability that this share reaches the share the scaled estimate
//! ([`crate::score::scaled_estimate`]) needs for the pass mark: one mapping, not a second.
//! Turning a wrong first answer into a right one never lowers the estimated share or score;
//! the chance of passing reads the whole band, so one answer can move it either way as the
//! band narrows or widens (a property test holds the first, and that more answers at the same
//! share never widen the band).

use std::collections::BTreeMap;

use crate::bank::{Bank, Blueprint};
use crate::history::Attempt;
use crate::score::scaled_estimate;
use crate::study::question_records;

/// Fewer first answers than this show no estimate: it would say more than it knows.
pub const MIN_ANSWERS: u32 = 30;

/// One domain's evidence and estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct DomainReadiness {
    pub domain: u8,
    /// First answers to questions of this domain, and how many of them were right.
    pub answers: u32,
    pub correct: u32,
    /// The posterior mean share correct (0–1).
    pub share: f64,
}

/// The estimate for a fresh exam.
#[derive(Clone, Debug, PartialEq)]
pub struct Readiness {
    pub exam: String,
    /// First answers it rests on.
    pub answers: u32,
    /// Estimated share correct on a fresh exam (0–1), and its 90% interval.
    pub share: f64,
    pub low: f64,
    pub high: f64,
    /// The scaled score the estimated share maps to.
    pub scaled: u32,
    /// The share the pass mark needs ([`pass_share`]), and the chance that a fresh exam's
    /// share reaches it (0–1).
    pub pass_share: f64,
    pub pass_chance: f64,
    pub per_domain: Vec<DomainReadiness>,
}

/// The smallest share correct whose scaled estimate reaches the pass mark.
#[must_use]
pub fn pass_share(blueprint: &Blueprint) -> f64 {
    const STEPS: u32 = 10_000;
    let needed = (0..=STEPS)
        .find(|&c| scaled_estimate(blueprint, c, STEPS) >= blueprint.pass_mark)
        .unwrap_or(STEPS);
    f64::from(needed) / f64::from(STEPS)
}

/// The estimate for `exam`; `None` for an unknown exam or fewer than [`MIN_ANSWERS`] first
/// answers.
#[must_use]
pub fn readiness(bank: &Bank, history: &[Attempt], exam: &str) -> Option<Readiness> {
    let blueprint = bank.blueprint(exam)?;
    // The first answer to each question of the exam, in an attempt at any exam that shares it
    // (what a learner knows follows the question), still the question it was.
    let first: Vec<(String, bool)> = question_records(bank, history, exam)
        .into_iter()
        .filter_map(|(id, record)| record.first_answer.map(|right| (id, right)))
        .collect();
    let answers = u32::try_from(first.len()).unwrap_or(u32::MAX);
    if answers < MIN_ANSWERS {
        return None;
    }
    let mut tally: BTreeMap<u8, (u32, u32)> = BTreeMap::new();
    for (id, right) in &first {
        if let Some(domain) = bank.question(id).and_then(|q| q.domain_in(exam)) {
            let t = tally.entry(domain).or_default();
            t.0 += 1;
            t.1 += u32::from(*right);
        }
    }
    let estimate = estimate(blueprint, &tally);
    Some(Readiness {
        exam: exam.to_owned(),
        answers,
        ..estimate
    })
}

/// The estimate from each domain's (first answers, right ones), by domain number.
#[must_use]
pub fn estimate(blueprint: &Blueprint, tally: &BTreeMap<u8, (u32, u32)>) -> Readiness {
    let total_weight: f64 = blueprint
        .domains
        .iter()
        .map(|d| f64::from(d.weight_percent))
        .sum::<f64>()
        .max(1.0);
    let (mut mean, mut variance) = (0.0, 0.0);
    let mut per_domain = Vec::new();
    for domain in &blueprint.domains {
        let (n, k) = tally.get(&domain.number).copied().unwrap_or_default();
        let k = k.min(n);
        let (a, b) = (1.0 + f64::from(k), 1.0 + f64::from(n - k));
        let share = a / (a + b);
        let var = a * b / ((a + b).powi(2) * (a + b + 1.0));
        let w = f64::from(domain.weight_percent) / total_weight;
        mean += w * share;
        variance += w * w * var;
        per_domain.push(DomainReadiness {
            domain: domain.number,
            answers: n,
            correct: k,
            share,
        });
    }
    let sd = variance.sqrt();
    // 90%: ±1.645 standard deviations.
    let (low, high) = ((mean - 1.645 * sd).max(0.0), (mean + 1.645 * sd).min(1.0));
    let pass_share = pass_share(blueprint);
    let pass_chance = if sd > 0.0 {
        1.0 - normal_cdf((pass_share - mean) / sd)
    } else if mean >= pass_share {
        1.0
    } else {
        0.0
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=10_000
    let scaled = scaled_estimate(blueprint, (mean * 10_000.0).round() as u32, 10_000);
    Readiness {
        exam: blueprint.code.clone(),
        answers: tally.values().map(|t| t.0).sum(),
        share: mean,
        low,
        high,
        scaled,
        pass_share,
        pass_chance,
        per_domain,
    }
}

/// The standard normal distribution function, from the error function (Abramowitz and Stegun
/// 7.1.26, absolute error under 1.5e-7): one small function, where a statistics crate would
/// bring far more into the wasm than this needs.
fn normal_cdf(z: f64) -> f64 {
    let x = z / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-x * x).exp();
    let erf = if x >= 0.0 { erf } else { -erf };
    0.5 * (1.0 + erf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::{ExamChoices, Pool, assemble};
    use crate::exam::{Action, Exam};
    use crate::synthetic::{correct_answer, generated_bank, sample_blueprint, wrong_answer};

    /// An attempt at the questions `ids` (in that order), answering right where `right(i)`.
    fn attempt(bank: &Bank, ids: &[String], at: u64, right: impl Fn(usize) -> bool) -> Attempt {
        let mut choices =
            ExamChoices::practice(&bank.blueprints[0], u32::try_from(ids.len()).unwrap(), 1);
        choices.pool = Pool::Only(ids.to_vec());
        choices.shuffle_options = false;
        let form = assemble(bank, &choices).expect("a form");
        let mut exam = Exam::new(form);
        exam.apply(Action::Start { now_ms: at });
        for index in 0..exam.len() {
            let id = exam.form.items[index].question_id.clone();
            let question = bank.question(&id).unwrap();
            let k = ids.iter().position(|x| *x == id).unwrap();
            let answer = if right(k) {
                correct_answer(question)
            } else {
                wrong_answer(question)
            };
            exam.apply(Action::Answer { index, answer });
        }
        exam.apply(Action::Submit { now_ms: at + 1_000 });
        Attempt::record(bank, &exam, at + 1_000)
    }

    fn setup() -> (Bank, Vec<String>) {
        let bank = generated_bank(&sample_blueprint(), 300, 4);
        let ids = bank
            .questions_for("mla-c01")
            .filter(|q| q.case_study.is_none())
            .map(|q| q.question.id.clone())
            .collect();
        (bank, ids)
    }

    #[test]
    fn nothing_is_estimated_below_the_minimum_of_first_answers() {
        let (bank, ids) = setup();
        let few = attempt(&bank, &ids[..29], 1_000, |_| true);
        assert!(readiness(&bank, std::slice::from_ref(&few), "mla-c01").is_none());
        // Answering the same 29 again adds no first answers.
        let again = attempt(&bank, &ids[..29], 5_000, |_| true);
        assert!(readiness(&bank, &[few, again], "mla-c01").is_none());
        assert!(readiness(&bank, &[], "nope-c00").is_none());
    }

    #[test]
    fn a_fixed_history_gives_a_fixed_estimate_and_re_answers_do_not_count() {
        let (bank, ids) = setup();
        let first = attempt(&bank, &ids[..60], 1_000, |i| i % 2 == 0);
        let r = readiness(&bank, std::slice::from_ref(&first), "mla-c01").expect("60 answers");
        assert_eq!(r.answers, 60);
        assert!((r.share - 0.5).abs() < 0.06, "{}", r.share);
        assert!(r.low < r.share && r.share < r.high);
        assert!(
            r.pass_chance < 0.05,
            "half right is far from 70%: {}",
            r.pass_chance
        );
        assert!(r.scaled < 720);
        // Getting them all right the second time is not evidence of readiness.
        let second = attempt(&bank, &ids[..60], 9_000, |_| true);
        let r2 = readiness(&bank, &[first, second], "mla-c01").expect("still 60");
        assert_eq!(r2.answers, 60);
        assert!((r2.share - r.share).abs() < 1e-12);
    }

    #[test]
    fn mostly_right_is_likely_to_pass() {
        let (bank, ids) = setup();
        let good = attempt(&bank, &ids[..120], 1_000, |i| i % 10 != 0);
        let r = readiness(&bank, &[good], "mla-c01").expect("120 answers");
        assert!(r.share > 0.8, "{}", r.share);
        assert!(r.pass_chance > 0.95, "{}", r.pass_chance);
        assert!(r.scaled > 720);
    }

    #[test]
    fn the_normal_distribution_function_is_accurate() {
        for (z, p) in [(0.0, 0.5), (1.645, 0.95), (-1.96, 0.025), (2.326, 0.99)] {
            assert!((normal_cdf(z) - p).abs() < 5e-4, "{z}: {}", normal_cdf(z));
        }
    }
}
