//! Answer cues: patterns in a bank that let a test-wise learner beat chance without knowing
//! AWS, measured per exam, in both languages, and the limits the build enforces.
//!
//! - **Length.** For every multiple-choice question, the key's length rank among its options
//!   (0 = longest; options of equal length share a rank), counted in characters of each
//!   language's text without markup, and how often the key is the unique longest or the
//!   unique shortest option. By chance each rank holds about a quarter of the keys.
//! - **Multiple response.** How many questions have 2, 3 … keys, and how many have two keys
//!   next to each other in the file, against the number expected if keys were placed at
//!   random.
//! - **Position.** Where the key of each multiple-choice question stands in its file (what
//!   a reader of the files, or of an exam with shuffling off, sees), and how often two
//!   questions in a row, in bank order, put the key at the same position (by chance a
//!   quarter).
//!
//! [`check`] turns the limits below into build errors for every exam whose pool holds at
//! least [`MIN_POOL`] questions (smaller pools are too small to tell a cue from chance).
//! `questions/FORMAT.md` ("Answer cues") documents them for authors.

use std::fmt;

use std::path::PathBuf;

use mogi_core::bank::{Bank, Body, Lang, Question, Text, plain_text};

use crate::source::Diagnostic;

/// Pools smaller than this are not checked.
pub const MIN_POOL: usize = 60;
/// No length rank may hold more than this share of multiple-choice keys, in either language.
pub const MAX_RANK_PERCENT: usize = 40;
/// The key may be the unique longest (or the unique shortest) option in at most this share of
/// multiple-choice questions, in either language.
pub const MAX_UNIQUE_EXTREME_PERCENT: usize = 35;
/// Each key position may hold between these shares of multiple-choice keys.
pub const POSITION_PERCENT: (usize, usize) = (15, 35);
/// Two questions in a row may share a key position between these shares of the time.
pub const REPEAT_PERCENT: (usize, usize) = (10, 45);
/// With this many multiple-response questions or more, some must have 2 keys and some 3.
pub const MIN_RESPONSE_POOL: usize = 6;
/// At least this share of multiple-response questions put two keys side by side.
pub const MIN_ADJACENT_PERCENT: usize = 15;

/// The cues of one exam's pool.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cues {
    pub exam: String,
    pub pool: usize,
    /// Multiple-choice questions (case-study ones included).
    pub choice_questions: usize,
    /// Per language (en, ja): how many keys have length rank 0, 1, 2, 3.
    pub length_rank: [[usize; 4]; 2],
    /// Per language: keys that are the unique longest option.
    pub unique_longest: [usize; 2],
    /// Per language: keys that are the unique shortest option.
    pub unique_shortest: [usize; 2],
    /// Key position in the file: A, B, C, D.
    pub positions: [usize; 4],
    /// Consecutive multiple-choice questions (bank order) with the key at the same position.
    pub repeats: usize,
    /// Pairs of consecutive multiple-choice questions.
    pub pairs: usize,
    /// Multiple-response questions by number of keys (index = keys).
    pub response_keys: Vec<usize>,
    /// Multiple-response questions with two keys next to each other in the file.
    pub adjacent: usize,
    /// The number expected if the keys stood at random places.
    pub adjacent_expected: f64,
    /// The multiple-response questions.
    pub response_questions: usize,
}

/// Characters of a text without markup.
fn length(text: &Text, lang: Lang) -> usize {
    plain_text(text.get(lang)).chars().count()
}

/// The position in the file of each option, by option index.
fn file_positions(question: &Question) -> Vec<usize> {
    let order = question.unshuffled_order();
    let mut positions = vec![0; order.len()];
    for (position, &index) in order.iter().enumerate() {
        if let Some(slot) = positions.get_mut(index) {
            *slot = position;
        }
    }
    positions
}

/// The probability that `keys` of `options` places, drawn at random, include two neighbours.
fn adjacent_probability(options: usize, keys: usize) -> f64 {
    // Placements with no two neighbours: C(options - keys + 1, keys).
    let choose = |n: usize, k: usize| -> f64 {
        if k > n {
            return 0.0;
        }
        (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
    };
    let all = choose(options, keys);
    if all == 0.0 {
        0.0
    } else {
        1.0 - choose((options + 1).saturating_sub(keys), keys) / all
    }
}

/// Measures the cues of `exam`'s pool in `bank`.
#[must_use]
pub fn measure(bank: &Bank, exam: &str) -> Cues {
    let mut cues = Cues {
        exam: exam.to_owned(),
        ..Cues::default()
    };
    let mut previous_position = None;
    for question in bank.questions_for(exam) {
        cues.pool += 1;
        let positions = file_positions(question.question);
        match &question.content().body {
            Body::MultipleChoice { options } => {
                let Some(key) = options.iter().position(|o| o.correct) else {
                    continue;
                };
                cues.choice_questions += 1;
                for (l, lang) in [Lang::En, Lang::Ja].into_iter().enumerate() {
                    let lengths: Vec<usize> =
                        options.iter().map(|o| length(&o.text, lang)).collect();
                    let mine = lengths[key];
                    let longer = lengths.iter().filter(|&&n| n > mine).count();
                    let shorter = lengths.iter().filter(|&&n| n < mine).count();
                    let equal = lengths.iter().filter(|&&n| n == mine).count();
                    cues.length_rank[l][longer.min(3)] += 1;
                    if longer == 0 && equal == 1 {
                        cues.unique_longest[l] += 1;
                    }
                    if shorter == 0 && equal == 1 {
                        cues.unique_shortest[l] += 1;
                    }
                }
                let position = positions.get(key).copied().unwrap_or(0).min(3);
                cues.positions[position] += 1;
                if let Some(before) = previous_position {
                    cues.pairs += 1;
                    cues.repeats += usize::from(before == position);
                }
                previous_position = Some(position);
            }
            Body::MultipleResponse { options } => {
                cues.response_questions += 1;
                let keys: Vec<usize> = options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, _)| positions.get(i).copied().unwrap_or(i))
                    .collect();
                if cues.response_keys.len() <= keys.len() {
                    cues.response_keys.resize(keys.len() + 1, 0);
                }
                cues.response_keys[keys.len()] += 1;
                let mut sorted = keys.clone();
                sorted.sort_unstable();
                if sorted.windows(2).any(|w| w[1] == w[0] + 1) {
                    cues.adjacent += 1;
                }
                cues.adjacent_expected += adjacent_probability(options.len(), keys.len());
            }
            Body::Ordering { .. } | Body::Matching { .. } => {}
        }
    }
    cues
}

fn share(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(0)
}

impl Cues {
    /// Every limit this pool breaks, as sentences (empty for a pool under [`MIN_POOL`]).
    #[must_use]
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.pool < MIN_POOL {
            return problems;
        }
        let n = self.choice_questions;
        for (l, lang) in ["English", "Japanese"].into_iter().enumerate() {
            for (rank, &count) in self.length_rank[l].iter().enumerate() {
                if count * 100 > n * MAX_RANK_PERCENT {
                    problems.push(format!(
                        "in {lang}, the key is the {} option in {count} of {n} multiple-choice questions ({}%; at most {MAX_RANK_PERCENT}%): make distractors as long and as specific as keys",
                        rank_name(rank),
                        share(count, n)
                    ));
                }
            }
            for (what, count) in [
                ("unique longest", self.unique_longest[l]),
                ("unique shortest", self.unique_shortest[l]),
            ] {
                if count * 100 > n * MAX_UNIQUE_EXTREME_PERCENT {
                    problems.push(format!(
                        "in {lang}, the key is the {what} option in {count} of {n} multiple-choice questions ({}%; at most {MAX_UNIQUE_EXTREME_PERCENT}%)",
                        share(count, n)
                    ));
                }
            }
        }
        let (low, high) = POSITION_PERCENT;
        for (label, &count) in ["A", "B", "C", "D"].iter().zip(&self.positions) {
            if n > 0 && (count * 100 < n * low || count * 100 > n * high) {
                problems.push(format!(
                    "the key stands at position {label} in {count} of {n} multiple-choice questions ({}%; {low}–{high}%): move options in the files (keeping their ids)",
                    share(count, n)
                ));
            }
        }
        let (low, high) = REPEAT_PERCENT;
        if self.pairs > 0
            && (self.repeats * 100 < self.pairs * low || self.repeats * 100 > self.pairs * high)
        {
            problems.push(format!(
                "consecutive multiple-choice questions share a key position {} times in {} ({}%; {low}–{high}%, a quarter by chance): the key positions follow a pattern",
                self.repeats,
                self.pairs,
                share(self.repeats, self.pairs)
            ));
        }
        let m = self.response_questions;
        if m >= MIN_RESPONSE_POOL {
            for keys in [2, 3] {
                if self.response_keys.get(keys).copied().unwrap_or(0) == 0 {
                    problems.push(format!(
                        "no multiple-response question has {keys} keys (of {m}): the number of keys must follow the scenario, not a habit"
                    ));
                }
            }
            if self.adjacent * 100 < m * MIN_ADJACENT_PERCENT {
                problems.push(format!(
                    "only {} of {m} multiple-response questions have two keys side by side in the file (at least {MIN_ADJACENT_PERCENT}%; {:.1} expected by chance)",
                    self.adjacent, self.adjacent_expected
                ));
            }
        }
        problems
    }
}

fn rank_name(rank: usize) -> &'static str {
    ["longest", "second longest", "third longest", "shortest"][rank.min(3)]
}

impl fmt::Display for Cues {
    /// The cue report of `cargo xtask stats`: markdown tables.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.choice_questions;
        writeln!(
            f,
            "Multiple choice: {n} questions (case-study ones included).\n"
        )?;
        writeln!(f, "| key length rank | en | ja |")?;
        writeln!(f, "| --- | --- | --- |")?;
        for rank in 0..4 {
            writeln!(
                f,
                "| {} | {} ({}%) | {} ({}%) |",
                rank_name(rank),
                self.length_rank[0][rank],
                share(self.length_rank[0][rank], n),
                self.length_rank[1][rank],
                share(self.length_rank[1][rank], n)
            )?;
        }
        for (what, counts) in [
            ("longest", self.unique_longest),
            ("shortest", self.unique_shortest),
        ] {
            writeln!(
                f,
                "| key is the unique {what} | {} ({}%) | {} ({}%) |",
                counts[0],
                share(counts[0], n),
                counts[1],
                share(counts[1], n)
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "Key position in the files: A {}, B {}, C {}, D {}; consecutive questions share it {} times in {} ({}%, a quarter by chance).\n",
            self.positions[0],
            self.positions[1],
            self.positions[2],
            self.positions[3],
            self.repeats,
            self.pairs,
            share(self.repeats, self.pairs)
        )?;
        let counts: Vec<String> = self
            .response_keys
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c > 0)
            .map(|(keys, c)| format!("{c} with {keys} keys"))
            .collect();
        writeln!(
            f,
            "Multiple response: {} questions ({}); {} with two keys side by side in the file ({:.1} expected by chance).\n",
            self.response_questions,
            if counts.is_empty() {
                "none".to_owned()
            } else {
                counts.join(", ")
            },
            self.adjacent,
            self.adjacent_expected
        )?;
        let problems = self.problems();
        if self.pool < MIN_POOL {
            writeln!(
                f,
                "Limits: not checked (a pool of {} is under {MIN_POOL}).",
                self.pool
            )
        } else if problems.is_empty() {
            writeln!(f, "Limits: all met.")
        } else {
            for problem in problems {
                writeln!(f, "- OVER: {problem}")?;
            }
            Ok(())
        }
    }
}

/// Build errors for every exam whose cues break a limit, reported at its blueprint file
/// (`blueprint_files`: the paths of the blueprint files, named by code).
pub(crate) fn check(bank: &Bank, blueprint_files: &[&PathBuf], diagnostics: &mut Vec<Diagnostic>) {
    for blueprint in &bank.blueprints {
        let file = blueprint_files
            .iter()
            .find(|path| {
                path.file_stem()
                    .is_some_and(|stem| *stem == *blueprint.code)
            })
            .map_or_else(|| PathBuf::from(&blueprint.code), |path| (*path).clone());
        for problem in measure(bank, &blueprint.code).problems() {
            diagnostics.push(Diagnostic::new(
                file.clone(),
                1,
                format!("answer cue: {problem}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn even() -> Cues {
        Cues {
            exam: "x".into(),
            pool: 130,
            choice_questions: 100,
            length_rank: [[25; 4]; 2],
            unique_longest: [20, 20],
            unique_shortest: [20, 20],
            positions: [25; 4],
            repeats: 25,
            pairs: 99,
            response_keys: vec![0, 0, 10, 5],
            adjacent: 5,
            adjacent_expected: 6.0,
            response_questions: 15,
        }
    }

    #[test]
    fn a_pool_without_cues_passes_and_each_cue_is_named() {
        assert_eq!(even().problems(), Vec::<String>::new());
        let mut second = even();
        second.length_rank[0] = [5, 55, 20, 20];
        let problems = second.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("in English, the key is the second longest option in 55 of 100")
        );
        let mut habit = even();
        habit.response_keys = vec![0, 0, 15];
        habit.adjacent = 0;
        habit.repeats = 2;
        habit.positions = [40, 20, 20, 20];
        habit.unique_longest[1] = 36;
        let problems = habit.problems().join("\n");
        for needle in [
            "no multiple-response question has 3 keys",
            "only 0 of 15",
            "share a key position 2 times in 99",
            "position A in 40 of 100",
            "in Japanese, the key is the unique longest option in 36 of 100",
        ] {
            assert!(problems.contains(needle), "{needle}: {problems}");
        }
        let mut small = habit;
        small.pool = 59;
        assert!(small.problems().is_empty(), "pools under 60 are not judged");
    }

    #[test]
    fn adjacency_by_chance_matches_counting() {
        // 2 keys among 5 places: 4 of the 10 placements are neighbours.
        assert!((adjacent_probability(5, 2) - 0.4).abs() < 1e-9);
        // 3 among 5: only {0,2,4} has no neighbours, 9 of 10 do.
        assert!((adjacent_probability(5, 3) - 0.9).abs() < 1e-9);
        assert!((adjacent_probability(4, 1)).abs() < 1e-9);
    }
}
