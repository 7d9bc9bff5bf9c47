//! The review queue of the exam a screen shows: how many answered questions are due today
//! (FSRS, [`mogi_core::review`]), a review set of them in one click (at most 10, 20 or all,
//! the least likely to be recalled first), and the desired retention that schedules them.

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

/// The sizes a review set may be capped at (`None`: all due questions).
const CAPS: [Option<usize>; 3] = [Some(10), Some(20), None];

#[component]
pub(crate) fn DueReviews(props: &DueProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let cap = use_state(|| Some(20usize));
    let lang = state.lang;
    let exam = &props.exam;
    let retention = state.retention.unwrap_or_default();
    let now_ms = clock::now_ms();
    let until_ms = clock::end_of_local_day_ms(now_ms);
    let cards = &state.cards;
    let due = cards.due(bank(), exam, retention, now_ms, until_ms);

    let start = {
        let state = state.clone();
        let exam = exam.clone();
        let due = due.clone();
        let cap = *cap;
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
            let chosen = select
                .value()
                .parse::<f64>()
                .ok()
                .and_then(|v| Retention::try_from(v).ok());
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
        match cards.next_due(bank(), exam, retention, until_ms) {
            Some((at_ms, n)) => i18n::next_due(lang, &clock::local_date(at_ms, lang), n),
            None => Msg::DueNothingYet.text(lang).to_owned(),
        }
    } else {
        i18n::due_today(lang, due.len())
    };
    let in_set = cap.map_or(due.len(), |c| c.min(due.len()));

    html! {
        <section class="due" data-testid="due" aria-labelledby="due-title">
            <h2 id="due-title">{ format!("{} · {}", Msg::DueTitle.text(lang), exam.to_ascii_uppercase()) }</h2>
            <p data-testid="due-status">{ status }</p>
            if !due.is_empty() {
                <fieldset class="caps">
                    <legend>{ Msg::DueCap.text(lang) }</legend>
                    { for CAPS.into_iter().map(|choice| {
                        let label = choice.map_or_else(|| format!("{} ({})", Msg::DueCapAll.text(lang), due.len()), |n| n.to_string());
                        let testid = choice.map_or_else(|| "due-cap-all".to_owned(), |n| format!("due-cap-{n}"));
                        let set = {
                            let cap = cap.clone();
                            Callback::from(move |_| cap.set(choice))
                        };
                        html! {
                            <label class="check">
                                <input type="radio" name="due-cap" data-testid={testid} checked={*cap == choice} onchange={set} />
                                { label }
                            </label>
                        }
                    }) }
                </fieldset>
                <button class="primary" data-testid="start-review" onclick={start}>
                    { format!("{} ({in_set})", Msg::StartReview.text(lang)) }
                </button>
            }
            <label class="field">
                { Msg::Retention.text(lang) }
                <select data-testid="retention" onchange={set_retention}>
                    { for Retention::CHOICES.into_iter().map(|choice| html! {
                        <option value={choice.share().to_string()} selected={choice == retention}>
                            { format!("{}%", choice.percent()) }
                        </option>
                    }) }
                </select>
            </label>
            <p class="fine">{ Msg::RetentionHint.text(lang) }</p>
        </section>
    }
}
