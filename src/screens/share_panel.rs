//! Sharing widgets for several screens: a link with a Copy button (falling back to a
//! selected read-only field when the clipboard is refused), "Share this exam" and
//! "Share my result" with an optional display name.

use mogi_core::assemble::ExamForm;
use mogi_core::history::Attempt;
use mogi_core::share;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::AppContext;
use crate::edge::{clipboard, location};
use crate::i18n::Msg;
use crate::route::Route;

/// The whole address of a route on this site, to paste anywhere.
pub(crate) fn full_link(route: &Route) -> String {
    format!("{}{}", location::page_url(), route.to_hash())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Fallback,
}

#[derive(Properties, PartialEq)]
pub(crate) struct LinkBoxProps {
    pub(crate) link: String,
    /// Prefix of the `data-testid`s: `<testid>-link`, `<testid>-copy`, `<testid>-status`.
    pub(crate) testid: &'static str,
}

/// A read-only field with the link and a Copy button.
#[component]
pub(crate) fn LinkBox(props: &LinkBoxProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let copy_state = use_state(|| CopyState::Idle);
    let input = use_node_ref();
    {
        let copy_state = copy_state.clone();
        use_effect_with(props.link.clone(), move |_| copy_state.set(CopyState::Idle));
    }
    let select = {
        let input = input.clone();
        move || {
            if let Some(field) = input.cast::<HtmlInputElement>() {
                let _ = field.focus();
                field.select();
            }
        }
    };
    let copy = {
        let link = props.link.clone();
        let copy_state = copy_state.clone();
        let select = select.clone();
        Callback::from(move |_: MouseEvent| {
            let copy_state = copy_state.clone();
            let select = select.clone();
            clipboard::copy(&link, move |copied| {
                if copied {
                    copy_state.set(CopyState::Copied);
                } else {
                    select();
                    copy_state.set(CopyState::Fallback);
                }
            });
        })
    };
    let on_focus = Callback::from(move |_: FocusEvent| select());
    let id = format!("{}-link", props.testid);
    html! {
        <div class="share-link">
            <label for={id.clone()}>{ Msg::ShareLink.text(lang) }</label>
            <input id={id.clone()} type="text" readonly=true value={props.link.clone()} ref={input}
                data-testid={id} onfocus={on_focus} />
            <button type="button" data-testid={format!("{}-copy", props.testid)} onclick={copy}>
                { Msg::Copy.text(lang) }
            </button>
            <p class="fine" role="status" data-testid={format!("{}-status", props.testid)}>
                { match *copy_state {
                    CopyState::Idle => "",
                    CopyState::Copied => Msg::Copied.text(lang),
                    CopyState::Fallback => Msg::CopyFallback.text(lang),
                } }
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct ShareExamProps {
    pub(crate) form: ExamForm,
}

/// "Share this exam": opens a link that gives everyone this form.
#[component]
pub(crate) fn ShareExam(props: &ShareExamProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <div class="share">
            <button type="button" data-testid="share-exam" aria-expanded={open.to_string()} onclick={toggle}>
                { Msg::ShareExam.text(lang) }
            </button>
            if *open {
                <p class="fine">{ Msg::ShareExamHint.text(lang) }</p>
                <LinkBox link={full_link(&Route::Take(share::encode_exam(&props.form)))} testid="exam-share" />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct ShareResultProps {
    pub(crate) attempt: Attempt,
}

/// "Share my result": a display name and a link to this attempt's score card.
#[component]
pub(crate) fn ShareResult(props: &ShareResultProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let open = use_state(|| false);
    let name = use_state(String::new);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            name.set(input.value());
        })
    };
    html! {
        <div class="share">
            <button type="button" class="primary" data-testid="share-result" aria-expanded={open.to_string()} onclick={toggle}>
                { Msg::ShareResult.text(lang) }
            </button>
            if *open {
                <p class="fine">{ Msg::ShareResultHint.text(lang) }</p>
                <label class="field">
                    { Msg::DisplayName.text(lang) }
                    <input type="text" data-testid="share-name" maxlength={share::MAX_NAME_CHARS.to_string()}
                        value={(*name).clone()} oninput={on_name} autocomplete="nickname" />
                </label>
                <LinkBox link={full_link(&Route::SharedResult(share::encode_result(&props.attempt, &name)))} testid="result-share" />
            }
        </div>
    }
}
