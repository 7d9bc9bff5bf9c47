//! The review queue of the exam a screen shows: how many answered questions are due today
//! (FSRS, [`mogi_core::review`]), a review set of them in one click (10, 20 or all, the least
//! likely to be recalled first), and the desired retention that schedules them.

use mogi_core::review::{self, Retention};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::edge::clock;
use crate::i18n::{self, Msg};
use crate::state::AppAction;

#[derive(Properties, PartialEq)]
pub(crate) struct DueProps {
    pub(crate) exam: String,
}

/// The sizes a review set may be capped at, besides all due questions.
const CAPS: [usize; 2] = [10, 20];

#[component]
pub(crate) fn DueReviews(props: &DueProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let exam = &props.exam;
    let retention = state.retention.unwrap_or_default();
    let now_ms = clock::now_ms();
    let calendar = state.calendar;
    let cards = &state.cards;
    let due = cards.due(bank(), exam, retention, now_ms, calendar);

    let start = |cap: Option<usize>| {
        let state = state.clone();
        let exam = exam.clone();
        let due = due.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(choices) =
                review::review_choices(bank(), &due, &exam, cap, clock::random_seed())
            {
                state.dispatch(AppAction::StartExam {
                    choices,
                    now_ms: clock::now_ms(),
                });
            }
        })
    };
    let set_retention = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            // Whole percents (see `Retention`).
            let chosen = select
                .value()
                .parse::<u32>()
                .ok()
                .and_then(Retention::from_percent);
            if let Some(retention) = chosen {
                state.dispatch(AppAction::SetRetention(retention));
            }
        })
    };

    // Until the first answer there is nothing to schedule: the block stays away.
    if cards.count(bank(), exam) == 0 {
        return html! {};
    }
    let status = if due.is_empty() {
        match cards.next_due(bank(), exam, retention, now_ms, calendar) {
            Some((day, n)) => {
                i18n::next_due(lang, &clock::local_date(calendar.start_ms(day), lang), n)
            }
            // Every card is due today or later, so there is always a next day.
            None => String::new(),
        }
    } else {
        i18n::due_today(lang, due.len())
    };

    html! {
        <section class="due" data-testid="due" aria-labelledby="due-title">
            <h2 id="due-title">{ format!("{} · {}", Msg::DueTitle.text(lang), exam.to_ascii_uppercase()) }</h2>
            <p data-testid="due-status">{ status }</p>
            // A new set would replace the exam in progress: resume or end that one first.
            if !due.is_empty() && state.exam.is_none() {
                // One click starts a review set: capped at 10 or 20 when more are due, or all.
                <p class="caps">
                    { for CAPS.into_iter().filter(|&cap| cap < due.len()).map(|cap| html! {
                        <button data-testid={format!("review-{cap}")} onclick={start(Some(cap))}>
                            { i18n::review_n(lang, cap) }
                        </button>
                    }) }
                    <button class="primary" data-testid="review-all" onclick={start(None)}>
                        { i18n::review_all(lang, due.len()) }
                    </button>
                </p>
            }
            <label class="field">
                { Msg::Retention.text(lang) }
                <select data-testid="retention" onchange={set_retention}>
                    { for Retention::CHOICES.into_iter().map(|choice| html! {
                        <option value={choice.percent().to_string()} selected={choice == retention}>
                            { format!("{}%", choice.percent()) }
                        </option>
                    }) }
                </select>
            </label>
            <p class="fine">{ Msg::DueHow.text(lang) }{ " " }{ Msg::RetentionHint.text(lang) }</p>
        </section>
    }
}
