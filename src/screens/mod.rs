//! One file per screen. Each reads the app context and dispatches actions; the rules they
//! show come from `mogi-core`.

pub(crate) mod changes;
pub(crate) mod due;
pub(crate) mod exam;
pub(crate) mod exam_picker;
pub(crate) mod glossary;
pub(crate) mod group;
pub(crate) mod guide;
pub(crate) mod history;
pub(crate) mod load_failed;
pub(crate) mod question;
pub(crate) mod readiness;
pub(crate) mod results;
pub(crate) mod share_panel;
pub(crate) mod shared_exam;
pub(crate) mod shared_result;
pub(crate) mod start;
pub(crate) mod study;

use mogi_core::assemble::ExamChoices;
use yew::prelude::*;

use crate::app::AppContext;
use crate::edge::clock;
use crate::i18n::Msg;
use crate::state::AppAction;

#[derive(Properties, PartialEq)]
pub(crate) struct PractiseProps {
    /// The practice set (its seed is replaced by a fresh one); `None` disables the button.
    pub(crate) choices: Option<ExamChoices>,
    pub(crate) testid: String,
}

/// "Practise this": starts a practice set on exactly one part (a task, a skill, a new skill
/// of the guide), or is disabled when the bank has nothing there.
#[component]
pub(crate) fn PractiseButton(props: &PractiseProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let disabled = props.choices.is_none();
    let onclick = {
        let choices = props.choices.clone();
        Callback::from(move |_| {
            if let Some(mut choices) = choices.clone() {
                choices.seed = clock::random_seed();
                state.dispatch(AppAction::StartExam {
                    choices,
                    now_ms: clock::now_ms(),
                });
            }
        })
    };
    html! {
        <button class="small" data-testid={props.testid.clone()} {disabled} {onclick}>{ Msg::PractiseThis.text(lang) }</button>
    }
}

/// A horizontal bar filled to `percent`, drawn as SVG geometry: the Content-Security-Policy
/// (`style-src 'self'`) blocks `style` attributes, so no inline width.
pub(crate) fn bar(percent: u32) -> Html {
    let width = percent.min(100).to_string();
    html! {
        <svg class="bar" aria-hidden="true" viewBox="0 0 100 1" preserveAspectRatio="none">
            <rect width={width} height="1" />
        </svg>
    }
}
