//! Sharing widgets for several screens: a link with a Copy button (falling back to a
//! selected read-only field when the clipboard is refused), "Share this exam" and
//! "Share my result" with an optional display name.

use mogi_core::assemble::ExamForm;
use mogi_core::history::Attempt;
use mogi_core::share;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
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
    /// The form to share; none for the exam in progress, which is read from the app rather
    /// than copied on every render of the exam screen.
    #[prop_or_default]
    pub(crate) form: Option<ExamForm>,
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
            if let Some(form) = props.form.as_ref().or(state.exam.as_ref().map(|e| &*e.form)).filter(|_| *open) {
                <p class="fine">{ Msg::ShareExamHint.text(lang) }</p>
                <LinkBox link={full_link(&Route::Take(share::encode_exam(form)))} testid="exam-share" />
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
                <LinkBox link={full_link(&Route::SharedResult(share::encode_result(bank(), &props.attempt, &name)))} testid="result-share" />
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use mogi_core::assemble::{AnswerShape, ExamChoices, assemble};
    use mogi_core::exam::{Action, Answer, Exam};

    use super::*;
    use crate::bank_data::built as bank;

    /// With the real bank: a full 65-question exam with every question answered (the
    /// longest answers: every option of a multiple response, every slot filled) and a
    /// 40-character Japanese name still makes a result link a chat app takes whole.
    #[test]
    fn a_full_result_link_with_the_real_bank_fits_in_2000_characters() {
        let bank = bank();
        let blueprint = &bank.blueprints[0];
        let prefix = "https://example-user.github.io/mogi/#/result/";
        let name = "試".repeat(share::MAX_NAME_CHARS);
        let mut longest = 0;
        let mut longest_exam = 0;
        for seed in 0..40 {
            let form = assemble(bank, &ExamChoices::full_exam(blueprint, seed)).unwrap();
            assert_eq!(form.len(), 65);
            let mut exam = Exam::new(form);
            exam.apply(Action::Start {
                now_ms: 1_780_000_000_000,
            });
            for index in 0..exam.len() {
                let answer = match exam.form.items[index].shape {
                    AnswerShape::Single { options } => Answer::Choices(vec![options - 1]),
                    AnswerShape::Multiple { options, .. } => {
                        Answer::Choices((0..options).collect())
                    }
                    AnswerShape::Slots { slots, responses } => {
                        Answer::Slots((0..slots).map(|s| Some(s % responses)).collect())
                    }
                };
                assert!(exam.apply(Action::Answer { index, answer }));
            }
            exam.apply(Action::Submit {
                now_ms: 1_780_000_000_000 + 7_799_999,
            });
            let attempt = Attempt::record(bank, &exam, 1_780_000_000_000 + 7_799_999);
            longest_exam = longest_exam.max(share::encode_exam(&attempt.form).len());
            let link = format!("{prefix}{}", share::encode_result(bank, &attempt, &name));
            longest = longest.max(link.len());
            let opened = share::open_result(bank, link.split("#/result/").nth(1).unwrap()).unwrap();
            assert_eq!(opened.result.raw_correct, attempt.result.raw_correct);
        }
        println!("longest full-exam result link with the real bank: {longest} characters");
        println!("longest full-exam exam link payload: {longest_exam} characters");
        assert!(longest <= 2_000, "{longest}");
    }
}
