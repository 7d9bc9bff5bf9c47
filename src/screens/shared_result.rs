//! Someone's shared result, recomputed here from the answers in the link and shown
//! read-only. It is added to this browser's history or group board only on request.

use mogi_core::share;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::i18n::Msg;
use crate::route::Route;
use crate::screens::results::score_card;
use crate::state::AppAction;

#[derive(Properties, PartialEq)]
pub(crate) struct SharedResultProps {
    pub(crate) payload: String,
}

#[component]
pub(crate) fn SharedResultScreen(props: &SharedResultProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let opened = use_memo(props.payload.clone(), |payload| {
        share::open_result(bank(), payload)
    });
    // A link that does not open never gets here: the reducer turns it into a notice.
    let Ok(opened) = opened.as_ref() else {
        return html! {};
    };
    let attempt = opened.attempt(bank());
    let attempt_id = attempt.id.clone();
    let in_history = state.attempt(&attempt_id).is_some();
    let add_to_history = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(AppAction::MergeHistory(vec![attempt.clone()]));
        })
    };
    let add_to_group = {
        let state = state.clone();
        let payload = props.payload.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(AppAction::AddToGroup(payload.clone()));
            state.dispatch(AppAction::Navigate(Route::Group));
        })
    };
    let title = bank()
        .blueprint(&opened.form.exam)
        .map(|b| b.title.get(lang).to_owned())
        .unwrap_or_default();
    html! {
        <section class="results shared-result" aria-labelledby="shared-result-title">
            <h1 id="shared-result-title">{ Msg::SharedResultTitle.text(lang) }</h1>
            <p class="big" data-testid="shared-name">
                if opened.name.is_empty() { { Msg::Anonymous.text(lang) } } else { { opened.name.clone() } }
            </p>
            <p>{ title }</p>
            <p class="fine">{ Msg::SharedResultNote.text(lang) }</p>
            if opened.other_revision.is_some() {
                <p class="fine" data-testid="other-revision">{ Msg::OtherRevisionNote.text(lang) }</p>
            }
            { score_card(&opened.result, lang, "shared-") }
            <div class="actions">
                if in_history {
                    <p data-testid="in-history">
                        <a href={Route::Results(attempt_id).to_hash()}>
                            { Msg::AddedToHistory.text(lang) }
                        </a>
                    </p>
                } else {
                    <button data-testid="add-to-history" onclick={add_to_history}>{ Msg::AddToHistory.text(lang) }</button>
                }
                <button data-testid="add-to-group" onclick={add_to_group}>{ Msg::AddToGroup.text(lang) }</button>
                <a class="button" data-testid="take-this-exam" href={Route::Take(opened.exam_link.clone()).to_hash()}>
                    { Msg::TakeThisExam.text(lang) }
                </a>
            </div>
        </section>
    }
}
