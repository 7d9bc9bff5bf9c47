//! "A new version of Mogi is ready": shown once a new deploy has been downloaded for offline
//! use and waits (`edge::offline`), and only while no exam is in progress in any tab, so a
//! running exam is never reloaded under the user. Choosing it reloads onto the new version.

use yew::prelude::*;

use crate::app::AppContext;
use crate::edge::offline;
use crate::i18n::Msg;

#[component]
pub(crate) fn UpdateNotice() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let ready = use_state(|| false);
    {
        let ready = ready.setter();
        use_effect_with((), move |()| {
            let watch = offline::on_update_ready(move || ready.set(true));
            move || drop(watch)
        });
    }
    // `exam` is also set while another tab holds an exam in progress.
    if !*ready || state.exam.is_some() {
        return html! {};
    }
    let lang = state.lang;
    let reload = Callback::from(|_| offline::apply_update());
    html! {
        <div class="notices" role="status">
            <p class="notice" data-testid="update-ready">
                <span>{ Msg::UpdateReady.text(lang) }</span>
                <button class="primary" data-testid="update-reload" onclick={reload}>
                    { Msg::UpdateReload.text(lang) }
                </button>
            </p>
        </div>
    }
}
