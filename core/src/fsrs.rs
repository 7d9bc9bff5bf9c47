//! The FSRS-6 memory model (Free Spaced Repetition Scheduler, version 6), with its published
//! default parameters: how a review changes a question's memory state (stability and
//! difficulty), how likely the user is to recall it after some days, and when to ask again
//! for a desired chance of recall.
//!
//! Written here rather than taken from the `fsrs` crate: that crate also trains parameters
//! and brings ndarray and rayon; a bare wasm of its scheduler measured 82 KB gzip, where
//! these few formulas cost almost nothing. A host test (`core/tests/fsrs_crate.rs`) checks
//! every state and interval against the crate itself over many random review sequences.
//!
//! Days are whole days since the last review, as the crate counts them: a review on the same
//! day (0 days) follows FSRS's short-term formula.

/// FSRS-6's default parameters `w0 … w20`, fitted to many users' reviews.
pub const DEFAULT_PARAMETERS: [f64; 21] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

/// Stability never falls below this many days, nor rises above [`MAX_STABILITY`].
pub const MIN_STABILITY: f64 = 0.001;
/// A hundred years.
pub const MAX_STABILITY: f64 = 36_500.0;
const MIN_DIFFICULTY: f64 = 1.0;
const MAX_DIFFICULTY: f64 = 10.0;

/// How a review went, on FSRS's four-point scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rating {
    /// Forgotten (a lapse).
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    fn grade(self) -> f64 {
        f64::from(self as u8)
    }
}

/// What FSRS knows of one item's memory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MemoryState {
    /// Days until the chance of recall falls to 90%.
    pub stability: f64,
    /// 1 (easy) to 10 (hard).
    pub difficulty: f64,
}

const W: &[f64; 21] = &DEFAULT_PARAMETERS;

fn decay() -> f64 {
    -W[20]
}

/// Chosen so that recall is 90% after `stability` days.
fn factor() -> f64 {
    0.9f64.powf(1.0 / decay()) - 1.0
}

/// The chance of recalling an item in `state` after `days` days.
#[must_use]
pub fn retrievability(state: MemoryState, days: f64) -> f64 {
    (days / state.stability * factor() + 1.0).powf(decay())
}

/// Days after which the chance of recall falls to `desired_retention` (not rounded).
#[must_use]
pub fn interval_days(stability: f64, desired_retention: f64) -> f64 {
    stability / factor() * (desired_retention.powf(1.0 / decay()) - 1.0)
}

fn initial_difficulty(rating: f64) -> f64 {
    W[4] - (W[5] * (rating - 1.0)).exp() + 1.0
}

/// The state after a review rated `rating`, `days` whole days after the last one (`None`:
/// the first review).
#[must_use]
pub fn next_state(previous: Option<MemoryState>, days: u32, rating: Rating) -> MemoryState {
    let g = rating.grade();
    let Some(previous) = previous else {
        return MemoryState {
            stability: W[rating as usize - 1],
            difficulty: initial_difficulty(g).clamp(MIN_DIFFICULTY, MAX_DIFFICULTY),
        };
    };
    let s = previous.stability.clamp(MIN_STABILITY, MAX_STABILITY);
    let d = previous.difficulty.clamp(MIN_DIFFICULTY, MAX_DIFFICULTY);
    let stability = if days == 0 {
        // Short-term: a same-day review changes stability a little, never raising it on a
        // lapse nor lowering it on a success.
        let growth = (W[17] * (g - 3.0 + W[18])).exp() * s.powf(-W[19]);
        s * if g >= 2.0 { growth.max(1.0) } else { growth }
    } else {
        let r = retrievability(
            MemoryState {
                stability: s,
                difficulty: d,
            },
            f64::from(days),
        );
        if rating == Rating::Again {
            let after =
                W[11] * d.powf(-W[12]) * ((s + 1.0).powf(W[13]) - 1.0) * ((1.0 - r) * W[14]).exp();
            after.min(s / (W[17] * W[18]).exp())
        } else {
            let hard = if rating == Rating::Hard { W[15] } else { 1.0 };
            let easy = if rating == Rating::Easy { W[16] } else { 1.0 };
            s * (W[8].exp()
                * (11.0 - d)
                * s.powf(-W[9])
                * (((1.0 - r) * W[10]).exp() - 1.0)
                * hard
                * easy
                + 1.0)
        }
    };
    // Difficulty moves towards hard on a lapse and easy on a success, less near the ends,
    // and reverts slightly towards the difficulty of an item first rated easy.
    let damped = d + (10.0 - d) * (-W[6] * (g - 3.0)) / 9.0;
    let reverted = W[7] * (initial_difficulty(4.0) - damped) + damped;
    MemoryState {
        stability: stability.clamp(MIN_STABILITY, MAX_STABILITY),
        difficulty: reverted.clamp(MIN_DIFFICULTY, MAX_DIFFICULTY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_review_takes_the_initial_state_of_its_rating() {
        let good = next_state(None, 0, Rating::Good);
        assert!((good.stability - 2.3065).abs() < 1e-9);
        assert!((good.difficulty - 2.118_104).abs() < 1e-5);
        let again = next_state(None, 0, Rating::Again);
        assert!((again.stability - 0.212).abs() < 1e-9);
        assert!((again.difficulty - 6.4133).abs() < 1e-9);
    }

    #[test]
    fn recall_is_ninety_percent_after_stability_days() {
        let state = MemoryState {
            stability: 12.0,
            difficulty: 5.0,
        };
        assert!((retrievability(state, 12.0) - 0.9).abs() < 1e-9);
        assert!((interval_days(12.0, 0.9) - 12.0).abs() < 1e-9);
        assert!(interval_days(12.0, 0.95) < 12.0, "higher retention, sooner");
        assert!(interval_days(12.0, 0.8) > 12.0);
    }

    #[test]
    fn success_after_a_delay_lengthens_and_a_lapse_shortens() {
        let first = next_state(None, 0, Rating::Good);
        let success = next_state(Some(first), 3, Rating::Good);
        let lapse = next_state(Some(first), 3, Rating::Again);
        assert!(success.stability > first.stability);
        assert!(lapse.stability < first.stability);
        assert!(lapse.difficulty > first.difficulty);
    }
}
