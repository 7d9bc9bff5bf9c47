//! "Study from your history", a section of the start screen: practise the questions
//! answered wrong, the marked ones, unseen questions first, or the weakest domain or task
//! statement, as a practice set with an explanation after each question.

use mogi_core::assemble::Mode;
use mogi_core::study::{self, Focus};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::edge::clock;
use crate::i18n::Msg;
use crate::state::{AppAction, Notice};

/// The name of a mode as the start screen gives it.
pub(crate) fn mode_name(mode: Mode) -> Msg {
    match mode {
        Mode::Exam => Msg::ModeExam,
        Mode::Practice => Msg::ModePractice,
        Mode::Custom => Msg::ModeCustom,
    }
}

#[component]
pub(crate) fn StudyFromHistory() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let count = use_state(|| 10_u32);
    let lang = state.lang;
    if state.history.is_empty() {
        return html! {};
    }
    let exam = crate::choice::current_exam(&state);
    let Some(blueprint) = bank().blueprint(&exam) else {
        return html! {};
    };
    let history = &state.history;
    let wrong = study::wrong_ids(bank(), history, &exam).len();
    let marked = study::marked_ids(bank(), history, &exam).len();
    let seen = study::seen_ids(bank(), history, &exam).len();
    let unseen = bank().questions_for(&exam).count().saturating_sub(seen);
    let domain = study::weakest_domain(bank(), history, &exam)
        .and_then(|n| blueprint.domain(n))
        .map(|d| format!("{}. {}", d.number, d.title.get(lang)));
    let task = study::weakest_task(bank(), history, &exam)
        .and_then(|id| blueprint.task(&id))
        .map(|t| format!("{} {}", t.id, t.title.get(lang)));

    let start = |focus: Focus| {
        let state = state.clone();
        let exam = exam.clone();
        let count = *count;
        Callback::from(move |_| {
            let action = match study::study_choices(
                bank(),
                &state.history,
                &exam,
                focus,
                count,
                clock::random_seed(),
            ) {
                Ok(choices) => AppAction::StartExam {
                    choices,
                    now_ms: clock::now_ms(),
                },
                Err(_) => AppAction::Notify(Notice::NothingToStudy),
            };
            state.dispatch(action);
        })
    };
    let set_count = {
        let count = count.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(value) = input.value().parse::<u32>() {
                count.set(value.clamp(1, 200));
            }
        })
    };
    let choice = |focus: Focus, label: Msg, detail: String, enabled: bool, testid: &'static str| {
        html! {
            <li>
                <button data-testid={testid} disabled={!enabled} onclick={start(focus)}>
                    <strong>{ label.text(lang) }</strong>
                    if !detail.is_empty() { <br /><small>{ detail }</small> }
                </button>
            </li>
        }
    };
    html! {
        <section class="study" aria-labelledby="study-title" data-testid="study">
            <h2 id="study-title">{ Msg::StudyTitle.text(lang) }</h2>
            <p class="fine">{ Msg::StudyHint.text(lang) }</p>
            <label class="field">
                { Msg::QuestionCount.text(lang) }
                <input type="number" min="1" max="200" data-testid="study-count"
                    value={count.to_string()} oninput={set_count} />
            </label>
            <ul class="study-choices">
                { choice(Focus::Wrong, Msg::StudyWrong, format!("({wrong})"), wrong > 0, "study-wrong") }
                { choice(Focus::Marked, Msg::StudyMarked, format!("({marked})"), marked > 0, "study-marked") }
                { choice(Focus::UnseenFirst, Msg::StudyUnseen, format!("({unseen})"), true, "study-unseen") }
                { choice(Focus::WeakestDomain, Msg::StudyWeakestDomain, domain.clone().unwrap_or_default(), domain.is_some(), "study-weakest-domain") }
                { choice(Focus::WeakestTask, Msg::StudyWeakestTask, task.clone().unwrap_or_default(), task.is_some(), "study-weakest-task") }
            </ul>
        </section>
    }
}
