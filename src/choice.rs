//! Which exam the screens show: the one the user chose, while it is still offered, or else the
//! one AWS offers in the user's language today ([`mogi_core::bank::default_exam`] reads the
//! blueprints' facts; nothing here names an exam).

use mogi_core::bank::{Blueprint, Day, default_exam};

use crate::bank_data::bank;
use crate::edge::clock;
use crate::state::AppState;

/// The blueprints offered for new exams, in listing order.
pub(crate) fn offered() -> Vec<&'static Blueprint> {
    bank().offered()
}

/// Today, as the browser's clock says (UTC).
pub(crate) fn today() -> Day {
    #[allow(clippy::cast_precision_loss)] // ms since 1970 stay exact in an f64 for millennia
    Day::of_ms(clock::now_ms() as f64)
}

/// The code of the exam the screens show: the user's choice, else the exam of their latest
/// attempt, else the default for their language and today (all while still offered).
pub(crate) fn current_exam(state: &AppState) -> String {
    let offered = offered();
    let find = |code: &str| offered.iter().find(|b| b.code == code).copied();
    state
        .chosen_exam
        .as_deref()
        .and_then(find)
        .or_else(|| state.history.last().and_then(|a| find(&a.form.exam)))
        .or_else(|| default_exam(&offered, state.lang, today()))
        .map(|b| b.code.clone())
        .unwrap_or_default()
}
