//! The exam a screen shows (history, exam-guide map, study), switchable in place: each exam has
//! its own attempts, trends and map. Shown only when more than one exam is offered.

use yew::prelude::*;

use crate::app::AppContext;
use crate::choice;
use crate::i18n::Msg;
use crate::state::AppAction;

#[component]
pub(crate) fn ExamPicker() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let offered = choice::offered();
    if offered.len() < 2 {
        return html! {};
    }
    let current = choice::current_exam(&state);
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            state.dispatch(AppAction::ChooseExam(select.value()));
        })
    };
    html! {
        <label class="field exam-picker">
            { Msg::ChooseExam.text(lang) }
            <select data-testid="exam-picker" {onchange}>
                { for offered.iter().map(|b| html! {
                    <option value={b.code.clone()} selected={b.code == current}>{ format!("{} · {}", b.code.to_ascii_uppercase(), b.title.get(lang)) }</option>
                }) }
            </select>
        </label>
    }
}
