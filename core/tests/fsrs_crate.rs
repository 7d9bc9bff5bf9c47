//! Mogi's FSRS-6 formulas ([`mogi_core::fsrs`]) against the `fsrs` crate, the reference
//! implementation, with the same default parameters: over many random review sequences,
//! every memory state and every interval agree.

use fsrs::{DEFAULT_PARAMETERS, FSRS, MemoryState as Reference};
use mogi_core::fsrs::{self as ours, MemoryState, Rating};
use proptest::prelude::*;

const RATINGS: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

/// Relative difference, for values the crate computes in f32.
fn close(ours: f64, theirs: f32) -> bool {
    let theirs = f64::from(theirs);
    (ours - theirs).abs() <= 1e-3 * theirs.abs().max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn states_and_intervals_agree_with_the_reference(
        reviews in prop::collection::vec((0usize..4, 0u32..400), 1..12),
        retention_choice in 0usize..4,
    ) {
        let reference = FSRS::new(&DEFAULT_PARAMETERS).expect("default parameters");
        let retention = [0.80, 0.85, 0.90, 0.95][retention_choice];
        let mut mine: Option<MemoryState> = None;
        let mut theirs: Option<Reference> = None;
        for (step, &(rating, days)) in reviews.iter().enumerate() {
            let rating = RATINGS[rating];
            // The first review has no elapsed days.
            let days = if step == 0 { 0 } else { days };
            let next = reference
                .next_states(theirs, retention as f32, days)
                .expect("finite states");
            let expected = match rating {
                Rating::Again => next.again,
                Rating::Hard => next.hard,
                Rating::Good => next.good,
                Rating::Easy => next.easy,
            };
            let got = ours::next_state(mine, days, rating);
            prop_assert!(
                close(got.stability, expected.memory.stability)
                    && close(got.difficulty, expected.memory.difficulty),
                "step {step} ({rating:?} after {days} days): ours {got:?}, theirs {:?}",
                expected.memory
            );
            let interval = ours::interval_days(got.stability, retention);
            prop_assert!(
                close(interval, expected.interval),
                "step {step}: interval ours {interval}, theirs {}",
                expected.interval
            );
            // Carry each implementation's own state forward.
            mine = Some(got);
            theirs = Some(expected.memory);
        }
    }
}

#[test]
fn retrievability_agrees_with_the_reference() {
    for (stability, days) in [(0.5, 1.0), (2.3065, 2.0), (12.0, 30.0), (300.0, 10.0)] {
        let state = MemoryState {
            stability,
            difficulty: 5.0,
        };
        let theirs = fsrs::current_retrievability(
            Reference {
                stability: stability as f32,
                difficulty: 5.0,
            },
            days as f32,
            DEFAULT_PARAMETERS[20],
        );
        assert!(close(ours::retrievability(state, days), theirs));
    }
}
