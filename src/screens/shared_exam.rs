//! The landing page of a shared exam link: what the exam is, whether this site's question
//! bank differs from the link maker's, the link to pass on, and Start.

use mogi_core::assemble::Mode;
use mogi_core::share;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::edge::clock;
use crate::i18n::{self, Msg};
use crate::route::Route;
use crate::screens::share_panel::{LinkBox, full_link};
use crate::state::AppAction;

#[derive(Properties, PartialEq)]
pub(crate) struct SharedExamProps {
    pub(crate) payload: String,
}

#[component]
pub(crate) fn SharedExamScreen(props: &SharedExamProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let opened = use_memo(props.payload.clone(), |payload| {
        share::open_exam(bank(), payload)
    });
    // A link that does not open never gets here: the reducer turns it into a notice.
    let Ok(opened) = opened.as_ref() else {
        return html! {};
    };
    let form = &opened.form;
    let title = bank()
        .blueprint(&form.exam)
        .map(|b| b.title.get(lang).to_owned())
        .unwrap_or_default();
    let mode = match form.choices.mode {
        Mode::Exam => Msg::ModeExam,
        Mode::Practice => Msg::ModePractice,
        Mode::Custom => Msg::ModeCustom,
    };
    let minutes = form
        .duration_ms
        .map(|ms| u32::try_from(ms / 60_000).unwrap_or(u32::MAX));
    let count = u32::try_from(form.len()).unwrap_or(u32::MAX);
    let start = {
        let state = state.clone();
        let choices = opened.choices.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(AppAction::StartExam {
                choices: choices.clone(),
                now_ms: clock::now_ms(),
            });
        })
    };
    html! {
        <section class="shared-exam" aria-labelledby="shared-exam-title">
            <h1 id="shared-exam-title">{ Msg::SharedExamTitle.text(lang) }</h1>
            <p>{ Msg::SharedExamIntro.text(lang) }</p>
            <dl class="figures">
                <dt>{ Msg::ChooseExam.text(lang) }</dt>
                <dd data-testid="shared-exam-name">{ title }</dd>
                <dt>{ Msg::ChooseMode.text(lang) }</dt>
                <dd>{ mode.text(lang) }</dd>
                <dt>{ Msg::Summary.text(lang) }</dt>
                <dd data-testid="shared-exam-summary">{ i18n::questions_and_minutes(lang, count, minutes) }</dd>
            </dl>
            if let Some(diff) = &opened.difference {
                <div class="share-notice" data-testid="bank-difference">
                    if diff.same_exam() {
                        <p>{ Msg::BankChangedSameExam.text(lang) }</p>
                    } else {
                        <p>{ Msg::BankChangedOtherExam.text(lang) }</p>
                        <p>{ i18n::questions_differ(lang, diff.changed, diff.link_questions) }</p>
                    }
                    <p class="fine">{ i18n::revisions(lang, &diff.link_revision, &diff.here_revision) }</p>
                </div>
            }
            if state.exam.is_some() {
                <p class="fine" data-testid="replaces-exam">{ Msg::StartReplacesExam.text(lang) }</p>
            }
            <button class="primary" data-testid="start-shared" onclick={start}>
                { Msg::StartSharedExam.text(lang) }
            </button>
            <h2>{ Msg::ShareExam.text(lang) }</h2>
            <p class="fine">{ Msg::ShareExamHint.text(lang) }</p>
            <LinkBox link={full_link(&Route::Take(props.payload.clone()))} testid="exam-share" />
        </section>
    }
}
