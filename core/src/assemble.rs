//! Building an exam form: from what the candidate chose ([`ExamChoices`]) and the per-domain
//! plan ([`domain_quotas`]) to the frozen list of questions with their display order
//! ([`ExamForm`]). The form types live in [`crate::form`] and are re-exported here.
//!
//! Assembly is a pure function of the bank, the choices and the seed inside them: the same
//! three give the same form on every machine (see [`crate::rng`]).
//!
//! The steps, in order:
//!
//! 1. **Filter**: questions of the blueprint, then the domain, task, type and pool filters.
//! 2. **Units**: every question is a unit of one, except case-study questions, which form one
//!    block per case study (its remaining questions, in bank order). A block is placed as a
//!    whole and each of its questions counts on its own, towards the count and towards its own
//!    domain.
//! 3. **Quotas**: the count is split among the planning domains (the selected domains that
//!    have at least one candidate) in proportion to their blueprint weights, by largest
//!    remainder, ties to the lower domain number.
//! 4. **Selection** over the units in a seeded random order (unseen units first for
//!    [`Pool::UnseenFirst`]): first one unit of each question type when it fits the quotas
//!    and takes at most a fifth of the form (so a form shows a mix of types); then every unit
//!    that fits the quotas; then, when some domain ran short, any unit that fits the count
//!    (filling from other domains); finally, if only case-study blocks larger than the gap
//!    remain, the first questions of one block.
//! 5. **Order**: the chosen units are shuffled (blocks as units, their questions staying
//!    consecutive), and each question gets a display permutation of its options or responses.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use crate::bank::{Bank, Blueprint, InExam, QuestionType};
use crate::rng::{Rng, Stream};
use crate::sorting;

pub use crate::form::{AnswerShape, ExamChoices, ExamForm, FormItem, Mode, OptionOrder, Pool};

/// Why a form could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssembleError {
    /// No blueprint has this code.
    UnknownExam(String),
    /// The blueprint has no domain with this number.
    UnknownDomain(u8),
    /// The blueprint has no task with this id.
    UnknownTask(String),
    /// A form needs at least one question.
    ZeroQuestions,
    /// Fewer questions pass the filters than were asked for.
    NotEnoughQuestions { requested: u32, available: u32 },
}

impl fmt::Display for AssembleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownExam(code) => write!(f, "unknown exam \"{code}\""),
            Self::UnknownDomain(n) => write!(f, "the exam has no domain {n}"),
            Self::UnknownTask(id) => write!(f, "the exam has no task {id}"),
            Self::ZeroQuestions => write!(f, "choose at least one question"),
            Self::NotEnoughQuestions {
                requested,
                available,
            } => write!(
                f,
                "{requested} questions requested, but only {available} match the choices"
            ),
        }
    }
}

impl std::error::Error for AssembleError {}

/// The planned number of questions per domain of the blueprint for a form of `count`
/// questions: proportional to the weights, by largest remainder, ties to the lower domain
/// number. The quotas sum to `count` (when the blueprint has at least one domain).
#[must_use]
pub fn domain_quotas(blueprint: &Blueprint, count: u32) -> Vec<(u8, u32)> {
    let all: Vec<u8> = blueprint.domains.iter().map(|d| d.number).collect();
    domain_quotas_among(blueprint, &all, count)
}

/// Like [`domain_quotas`], but only among `domains` (in blueprint order; numbers the
/// blueprint lacks are ignored). When the selected weights sum to zero, the domains share
/// equally.
#[must_use]
pub fn domain_quotas_among(blueprint: &Blueprint, domains: &[u8], count: u32) -> Vec<(u8, u32)> {
    let selected: Vec<(u8, u64)> = blueprint
        .domains
        .iter()
        .filter(|d| domains.contains(&d.number))
        .map(|d| (d.number, u64::from(d.weight_percent)))
        .collect();
    if selected.is_empty() {
        return Vec::new();
    }
    let weight_sum: u64 = selected.iter().map(|&(_, w)| w).sum();
    let weights: Vec<(u8, u64)> = if weight_sum == 0 {
        selected.iter().map(|&(n, _)| (n, 1)).collect()
    } else {
        selected
    };
    let total_weight: u64 = weights.iter().map(|&(_, w)| w).sum();
    let count64 = u64::from(count);
    let mut quotas: Vec<(u8, u64, u64)> = weights
        .iter()
        .map(|&(n, w)| (n, count64 * w / total_weight, count64 * w % total_weight))
        .collect();
    let assigned: u64 = quotas.iter().map(|&(_, q, _)| q).sum();
    let mut by_remainder: Vec<usize> = (0..quotas.len()).collect();
    sorting::sort_by(&mut by_remainder, |&a, &b| {
        quotas[b]
            .2
            .cmp(&quotas[a].2)
            .then(quotas[a].0.cmp(&quotas[b].0))
    });
    // Fewer seats are left than domains, since each floor loses less than one seat.
    let left = count64 - assigned;
    for &i in by_remainder
        .iter()
        .take(usize::try_from(left).unwrap_or(usize::MAX))
    {
        quotas[i].1 += 1;
    }
    quotas
        .into_iter()
        .map(|(n, q, _)| (n, u32::try_from(q).unwrap_or(u32::MAX)))
        .collect()
}

/// A group of questions placed together: one question, or a case study's questions.
struct Unit<'a> {
    questions: Vec<InExam<'a>>,
    /// 0 = preferred, 1 = already seen ([`Pool::UnseenFirst`]).
    tier: u8,
}

impl Unit<'_> {
    fn question_type(&self) -> QuestionType {
        self.questions[0].question_type()
    }
}

/// Builds a form from the bank for these choices. See the module documentation for the
/// steps; the result depends only on the arguments.
///
/// # Errors
///
/// [`AssembleError`] when the exam, a domain or a task is unknown, when zero questions are
/// asked for, or when fewer questions match the filters than asked for.
pub fn assemble(bank: &Bank, choices: &ExamChoices) -> Result<ExamForm, AssembleError> {
    let blueprint = bank
        .blueprint(&choices.exam)
        .ok_or_else(|| AssembleError::UnknownExam(choices.exam.clone()))?;
    if let Some(&n) = choices
        .domains
        .iter()
        .find(|&&n| blueprint.domain(n).is_none())
    {
        return Err(AssembleError::UnknownDomain(n));
    }
    if let Some(t) = choices.tasks.iter().find(|t| blueprint.task(t).is_none()) {
        return Err(AssembleError::UnknownTask(t.clone()));
    }
    let count = choices.count(blueprint);
    if count == 0 {
        return Err(AssembleError::ZeroQuestions);
    }

    let candidates = filter(bank, blueprint, choices);
    let available = u32::try_from(candidates.len()).unwrap_or(u32::MAX);
    if available < count {
        return Err(AssembleError::NotEnoughQuestions {
            requested: count,
            available,
        });
    }

    // Planning domains: selected, and with at least one candidate.
    let planning: Vec<u8> = blueprint
        .domains
        .iter()
        .map(|d| d.number)
        .filter(|n| choices.domains.is_empty() || choices.domains.contains(n))
        .filter(|n| candidates.iter().any(|q| q.domain() == *n))
        .collect();
    let quotas = domain_quotas_among(blueprint, &planning, count);

    let seen: HashSet<&str> = match &choices.pool {
        Pool::UnseenFirst(ids) => ids.iter().map(String::as_str).collect(),
        Pool::All | Pool::Only(_) => HashSet::new(),
    };
    let mut units = make_units(&candidates, &seen);
    let mut selection_rng = Rng::for_stream(choices.seed, Stream::Selection);
    selection_rng.shuffle(&mut units);
    // Stable: the seeded order survives within each tier.
    sorting::sort_by_key(&mut units, |u| u.tier);

    let chosen = select(&units, &quotas, count);

    let mut order_rng = Rng::for_stream(choices.seed, Stream::Order);
    let mut chosen = chosen;
    order_rng.shuffle(&mut chosen);

    let mut options_rng = Rng::for_stream(choices.seed, Stream::Options);
    let items = chosen
        .iter()
        .flat_map(|unit| unit.iter())
        .map(|q| {
            let shape = AnswerShape::of_question(q.question);
            let n = shape.choice_count();
            let order = if choices.shuffle_options {
                options_rng.permutation(n)
            } else {
                q.unshuffled_order()
            };
            FormItem {
                question_id: q.id.clone(),
                option_order: OptionOrder::new(order).unwrap_or_else(|| OptionOrder::identity(n)),
                shape,
                revision: Some(q.revision()),
            }
        })
        .collect();

    Ok(ExamForm {
        exam: blueprint.code.clone(),
        bank_revision: bank.revision.clone(),
        choices: choices.clone(),
        items,
        quotas,
        duration_ms: choices.duration_ms(blueprint),
    })
}

/// The questions that pass every filter, in bank order.
fn filter<'a>(bank: &'a Bank, blueprint: &'a Blueprint, choices: &ExamChoices) -> Vec<InExam<'a>> {
    let only: Option<HashSet<&str>> = match &choices.pool {
        Pool::Only(ids) => Some(ids.iter().map(String::as_str).collect()),
        Pool::All | Pool::UnseenFirst(_) => None,
    };
    bank.questions_for(&blueprint.code)
        .filter(|q| choices.domains.is_empty() || choices.domains.contains(&q.domain()))
        .filter(|q| choices.tasks.is_empty() || choices.tasks.iter().any(|t| t == q.task()))
        .filter(|q| choices.types.is_empty() || choices.types.contains(&q.question_type()))
        .filter(|q| only.as_ref().is_none_or(|ids| ids.contains(q.id.as_str())))
        .collect()
}

/// Groups candidates into units, in order of first appearance in the bank.
fn make_units<'a>(candidates: &[InExam<'a>], seen: &HashSet<&str>) -> Vec<Unit<'a>> {
    let mut units: Vec<Unit<'a>> = Vec::new();
    let mut block_of: BTreeMap<&str, usize> = BTreeMap::new();
    for &q in candidates {
        match &q.question.case_study {
            Some(cs) => {
                if let Some(&i) = block_of.get(cs.as_str()) {
                    units[i].questions.push(q);
                } else {
                    block_of.insert(cs.as_str(), units.len());
                    units.push(Unit {
                        questions: vec![q],
                        tier: 0,
                    });
                }
            }
            None => units.push(Unit {
                questions: vec![q],
                tier: 0,
            }),
        }
    }
    for unit in &mut units {
        if unit.questions.iter().any(|q| seen.contains(q.id.as_str())) {
            unit.tier = 1;
        }
    }
    units
}

/// Picks units (in the given order of preference) to make exactly `count` questions,
/// honouring the quotas when the candidates allow. Returns each chosen unit's questions.
fn select<'a>(units: &[Unit<'a>], quotas: &[(u8, u32)], count: u32) -> Vec<Vec<InExam<'a>>> {
    let count = count as usize;
    let quota_of = |domain: u8| -> usize {
        quotas
            .iter()
            .find(|&&(n, _)| n == domain)
            .map_or(0, |&(_, q)| q as usize)
    };
    let mut taken_per_domain: BTreeMap<u8, usize> = BTreeMap::new();
    let mut total = 0_usize;
    let mut taken = vec![false; units.len()];
    let mut chosen: Vec<Vec<InExam<'a>>> = Vec::new();

    let fits_quotas = |unit: &Unit<'_>, per_domain: &BTreeMap<u8, usize>| -> bool {
        let mut need: BTreeMap<u8, usize> = BTreeMap::new();
        for q in &unit.questions {
            *need.entry(q.domain()).or_insert(0) += 1;
        }
        need.iter()
            .all(|(&d, &n)| per_domain.get(&d).copied().unwrap_or(0) + n <= quota_of(d))
    };

    let mut take = |i: usize,
                    units: &[Unit<'a>],
                    taken: &mut [bool],
                    per_domain: &mut BTreeMap<u8, usize>,
                    total: &mut usize| {
        taken[i] = true;
        for q in &units[i].questions {
            *per_domain.entry(q.domain()).or_insert(0) += 1;
        }
        *total += units[i].questions.len();
        chosen.push(units[i].questions.clone());
    };

    // Pass 0: one unit of each type, from the preferred tier, when it fits and is small.
    for ty in QuestionType::ALL {
        if let Some(i) = (0..units.len()).find(|&i| {
            let u = &units[i];
            !taken[i]
                && u.tier == 0
                && u.question_type() == ty
                && u.questions.len() * 5 <= count
                && total + u.questions.len() <= count
                && fits_quotas(u, &taken_per_domain)
        }) {
            take(i, units, &mut taken, &mut taken_per_domain, &mut total);
        }
    }
    // Pass 1: everything that fits the quotas.
    for i in 0..units.len() {
        if total == count {
            break;
        }
        if !taken[i]
            && total + units[i].questions.len() <= count
            && fits_quotas(&units[i], &taken_per_domain)
        {
            take(i, units, &mut taken, &mut taken_per_domain, &mut total);
        }
    }
    // Pass 2: fill short domains from anything that fits the count.
    for i in 0..units.len() {
        if total == count {
            break;
        }
        if !taken[i] && total + units[i].questions.len() <= count {
            take(i, units, &mut taken, &mut taken_per_domain, &mut total);
        }
    }
    // Pass 3: only blocks larger than the gap are left; take the start of the first one.
    if total < count
        && let Some(i) = (0..units.len()).find(|&i| !taken[i])
    {
        let gap = count - total;
        chosen.push(units[i].questions[..gap].to_vec());
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{generated_bank, sample_blueprint};

    fn bank() -> Bank {
        generated_bank(&sample_blueprint(), 400, 1)
    }

    fn domain_counts(bank: &Bank, form: &ExamForm) -> BTreeMap<u8, u32> {
        let mut counts = BTreeMap::new();
        for item in &form.items {
            *counts
                .entry(bank.question(&item.question_id).unwrap().placements[0].domain)
                .or_insert(0) += 1;
        }
        counts
    }

    #[test]
    fn quotas_for_mla_c01_full_exam_use_largest_remainder() {
        // 65 × 28/26/22/24 % = 18.2, 16.9, 14.3, 15.6 → floors 63, remainders give D2 and D4 one.
        assert_eq!(
            domain_quotas(&sample_blueprint(), 65),
            vec![(1, 18), (2, 17), (3, 14), (4, 16)]
        );
        assert_eq!(
            domain_quotas(&sample_blueprint(), 50),
            vec![(1, 14), (2, 13), (3, 11), (4, 12)]
        );
    }

    #[test]
    fn quota_ties_go_to_the_lower_domain_number() {
        let mut bp = sample_blueprint();
        for d in &mut bp.domains {
            d.weight_percent = 25;
        }
        assert_eq!(domain_quotas(&bp, 6), vec![(1, 2), (2, 2), (3, 1), (4, 1)]);
        assert_eq!(domain_quotas(&bp, 0), vec![(1, 0), (2, 0), (3, 0), (4, 0)]);
    }

    #[test]
    fn quotas_among_selected_domains_are_proportional_among_them() {
        let bp = sample_blueprint();
        // 28 : 22 over 10 questions = 5.6 : 4.4 → 6 : 4.
        assert_eq!(domain_quotas_among(&bp, &[3, 1], 10), vec![(1, 6), (3, 4)]);
        let mut zero = bp.clone();
        for d in &mut zero.domains {
            d.weight_percent = 0;
        }
        assert_eq!(domain_quotas_among(&zero, &[1, 2], 3), vec![(1, 2), (2, 1)]);
        assert!(domain_quotas_among(&bp, &[9], 3).is_empty());
    }

    #[test]
    fn full_exam_has_the_blueprint_count_quotas_and_duration() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        let form = assemble(&bank, &ExamChoices::full_exam(bp, 7)).unwrap();
        assert_eq!(form.len(), 65);
        assert_eq!(form.quotas, domain_quotas(bp, 65));
        let counts = domain_counts(&bank, &form);
        for (d, q) in &form.quotas {
            assert_eq!(counts.get(d).copied().unwrap_or(0), *q, "domain {d}");
        }
        assert_eq!(form.duration_ms, Some(130 * 60_000));
        assert_eq!(form.bank_revision, bank.revision);
        let ids: HashSet<&str> = form.items.iter().map(|i| i.question_id.as_str()).collect();
        assert_eq!(ids.len(), 65, "no question twice");
    }

    #[test]
    fn full_exam_mixes_question_types() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        for seed in 0..10 {
            let form = assemble(&bank, &ExamChoices::full_exam(bp, seed)).unwrap();
            let types: HashSet<QuestionType> = form
                .items
                .iter()
                .map(|i| bank.question(&i.question_id).unwrap().question_type())
                .collect();
            assert_eq!(types.len(), 5, "seed {seed}: {types:?}");
        }
    }

    #[test]
    fn same_inputs_same_form_and_seeds_differ() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        let a = assemble(&bank, &ExamChoices::full_exam(bp, 3)).unwrap();
        let b = assemble(&bank, &ExamChoices::full_exam(bp, 3)).unwrap();
        let c = assemble(&bank, &ExamChoices::full_exam(bp, 4)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a.items, c.items);
    }

    /// Golden value: a change here means the same seed now gives a different exam.
    #[test]
    fn golden_form_for_seed_1() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        let form = assemble(&bank, &ExamChoices::full_exam(bp, 1)).unwrap();
        let head: Vec<(&str, &[usize])> = form
            .items
            .iter()
            .take(3)
            .map(|i| (i.question_id.as_str(), &*i.option_order))
            .collect();
        assert_eq!(head, GOLDEN_HEAD_SEED_1);
    }

    const GOLDEN_HEAD_SEED_1: [(&str, &[usize]); 3] = [
        ("mla-c01-d1-00364", &[1, 4, 3, 0, 2, 5]),
        ("mla-c01-d3-00100", &[2, 0, 3, 1]),
        ("mla-c01-d2-00091", &[2, 3, 0, 1]),
    ];

    #[test]
    fn case_study_questions_are_consecutive_in_bank_order() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        let position: BTreeMap<&str, usize> = bank
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        for seed in 0..20 {
            let form = assemble(&bank, &ExamChoices::full_exam(bp, seed)).unwrap();
            let cs: Vec<Option<&str>> = form
                .items
                .iter()
                .map(|i| bank.question(&i.question_id).unwrap().case_study.as_deref())
                .collect();
            let mut finished: HashSet<&str> = HashSet::new();
            for (k, c) in cs.iter().enumerate() {
                if let Some(c) = c {
                    assert!(!finished.contains(c), "case study {c} split (seed {seed})");
                    let next = cs.get(k + 1).copied().flatten();
                    if next == Some(*c) {
                        let here = position[form.items[k].question_id.as_str()];
                        let there = position[form.items[k + 1].question_id.as_str()];
                        assert!(here < there, "bank order within case study");
                    } else {
                        finished.insert(c);
                    }
                }
            }
        }
    }

    #[test]
    fn a_short_domain_is_filled_from_the_others() {
        let mut bank = bank();
        // Keep only 3 questions of domain 3 (none in case studies).
        let mut kept = 0;
        bank.questions.retain(|q| {
            if q.placements[0].domain != 3 {
                return true;
            }
            if q.case_study.is_none() && kept < 3 {
                kept += 1;
                return true;
            }
            false
        });
        let bp = bank.blueprint("mla-c01").unwrap().clone();
        let form = assemble(&bank, &ExamChoices::full_exam(&bp, 5)).unwrap();
        assert_eq!(form.len(), 65);
        let counts = domain_counts(&bank, &form);
        assert_eq!(counts[&3], 3);
        for (d, q) in domain_quotas(&bp, 65) {
            if d != 3 {
                assert!(counts[&d] >= q, "domain {d}: {} < {q}", counts[&d]);
            }
        }
        let again = assemble(&bank, &ExamChoices::full_exam(&bp, 5)).unwrap();
        assert_eq!(form, again);
    }

    #[test]
    fn filters_restrict_and_quotas_follow_selected_domains() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        let mut choices = ExamChoices::practice(bp, 10, 2);
        choices.domains = vec![1, 3];
        let form = assemble(&bank, &choices).unwrap();
        assert_eq!(form.quotas, vec![(1, 6), (3, 4)]);
        let counts = domain_counts(&bank, &form);
        assert_eq!(counts.get(&1), Some(&6));
        assert_eq!(counts.get(&3), Some(&4));

        let mut choices = ExamChoices::practice(bp, 5, 2);
        choices.tasks = vec!["2.3".into()];
        choices.types = vec![QuestionType::MultipleChoice, QuestionType::Ordering];
        let form = assemble(&bank, &choices).unwrap();
        assert_eq!(form.quotas, vec![(2, 5)]);
        for item in &form.items {
            let q = bank.question(&item.question_id).unwrap();
            assert_eq!(q.placements[0].task, "2.3");
            assert!(matches!(
                q.question_type(),
                QuestionType::MultipleChoice | QuestionType::Ordering
            ));
        }
    }

    #[test]
    fn pool_only_uses_exactly_those_ids() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        let ids: Vec<String> = bank
            .questions
            .iter()
            .filter(|q| q.case_study.is_none())
            .step_by(7)
            .take(12)
            .map(|q| q.id.clone())
            .collect();
        let mut choices = ExamChoices::practice(bp, 12, 9);
        choices.pool = Pool::Only(ids.clone());
        let form = assemble(&bank, &choices).unwrap();
        let mut got: Vec<String> = form.items.iter().map(|i| i.question_id.clone()).collect();
        got.sort();
        let mut want = ids.clone();
        want.sort();
        assert_eq!(got, want);

        choices.question_count = Some(13);
        assert_eq!(
            assemble(&bank, &choices),
            Err(AssembleError::NotEnoughQuestions {
                requested: 13,
                available: 12
            })
        );
    }

    #[test]
    fn pool_unseen_first_prefers_unseen_questions() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        // Everything but 20 single questions has been seen.
        let unseen: HashSet<String> = bank
            .questions
            .iter()
            .filter(|q| q.case_study.is_none())
            .step_by(5)
            .take(20)
            .map(|q| q.id.clone())
            .collect();
        let seen: Vec<String> = bank
            .questions
            .iter()
            .filter(|q| !unseen.contains(&q.id))
            .map(|q| q.id.clone())
            .collect();
        let mut choices = ExamChoices::practice(bp, 30, 4);
        choices.pool = Pool::UnseenFirst(seen);
        let form = assemble(&bank, &choices).unwrap();
        assert_eq!(form.len(), 30);
        let drawn_unseen = form
            .items
            .iter()
            .filter(|i| unseen.contains(&i.question_id))
            .count();
        assert_eq!(drawn_unseen, 20, "every unseen question comes first");
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        let mut c = ExamChoices::full_exam(bp, 1);
        c.exam = "xyz".into();
        assert_eq!(
            assemble(&bank, &c),
            Err(AssembleError::UnknownExam("xyz".into()))
        );
        let mut c = ExamChoices::practice(bp, 0, 1);
        assert_eq!(assemble(&bank, &c), Err(AssembleError::ZeroQuestions));
        c.question_count = Some(5);
        c.domains = vec![7];
        assert_eq!(assemble(&bank, &c), Err(AssembleError::UnknownDomain(7)));
        c.domains = vec![];
        c.tasks = vec!["9.9".into()];
        assert_eq!(
            assemble(&bank, &c),
            Err(AssembleError::UnknownTask("9.9".into()))
        );
        c.tasks = vec![];
        c.question_count = Some(10_000);
        let err = assemble(&bank, &c).unwrap_err();
        assert_eq!(
            err,
            AssembleError::NotEnoughQuestions {
                requested: 10_000,
                available: 400
            }
        );
        assert_eq!(
            err.to_string(),
            "10000 questions requested, but only 400 match the choices"
        );
    }

    #[test]
    fn option_orders_are_permutations_and_identity_without_shuffle() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        let mut choices = ExamChoices::full_exam(bp, 11);
        let form = assemble(&bank, &choices).unwrap();
        let mut any_moved = false;
        for item in &form.items {
            let q = bank.question(&item.question_id).unwrap();
            assert_eq!(item.shape, AnswerShape::of(&q.content().body));
            let mut sorted = item.option_order.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..item.shape.choice_count()).collect::<Vec<_>>());
            any_moved |= *item.option_order != *sorted;
        }
        assert!(any_moved);
        choices.shuffle_options = false;
        let plain = assemble(&bank, &choices).unwrap();
        for item in &plain.items {
            assert!(item.option_order.iter().enumerate().all(|(i, &o)| i == o));
        }
        // Option shuffling does not change which questions are chosen, nor their order.
        let ids = |f: &ExamForm| -> Vec<String> {
            f.items.iter().map(|i| i.question_id.clone()).collect()
        };
        assert_eq!(ids(&form), ids(&plain));
    }

    #[test]
    fn a_gap_smaller_than_any_block_takes_the_start_of_a_block() {
        let bank = bank();
        let bp = bank.blueprint("mla-c01").unwrap();
        let mut choices = ExamChoices::practice(bp, 3, 1);
        choices.types = vec![QuestionType::CaseStudy];
        // Blocks have 2–4 questions; some seed needs a partial block to make exactly 3.
        for seed in 0..30 {
            choices.seed = seed;
            let form = assemble(&bank, &choices).unwrap();
            assert_eq!(form.len(), 3);
        }
    }
}
