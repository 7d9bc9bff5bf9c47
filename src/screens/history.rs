//! The history screen: every finished attempt in this browser, newest first.

use yew::prelude::*;

use crate::app::AppContext;
use crate::i18n::{self, Msg};
use crate::route::Route;

#[component]
pub(crate) fn HistoryScreen() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    html! {
        <section class="history" aria-labelledby="history-title">
            <h1 id="history-title">{ Msg::HistoryTitle.text(lang) }</h1>
            if state.history.is_empty() {
                <p data-testid="history-empty">{ Msg::HistoryEmpty.text(lang) }</p>
            } else {
                <table data-testid="history">
                    <thead><tr>
                        <th scope="col">{ Msg::Date.text(lang) }</th>
                        <th scope="col">{ Msg::ChooseExam.text(lang) }</th>
                        <th scope="col">{ Msg::ScaledEstimate.text(lang) }</th>
                        <th scope="col">{ Msg::RawScore.text(lang) }</th>
                        <th scope="col"><span class="visually-hidden">{ Msg::Open.text(lang) }</span></th>
                    </tr></thead>
                    <tbody>
                        { for state.history.iter().rev().map(|a| html! {
                            <tr data-testid="history-row">
                                <td>{ date(a.finished_at_ms, lang) }</td>
                                <td>{ a.form.exam.to_uppercase() }</td>
                                <td data-testid="history-scaled">{ a.result.scaled }{ " " }{ if a.result.passed { Msg::Pass.text(lang) } else { Msg::Fail.text(lang) } }</td>
                                <td>{ format!("{} / {}", a.result.raw_correct, a.result.total) }</td>
                                <td><a href={Route::Results(a.id.clone()).to_hash()}>{ Msg::Open.text(lang) }</a></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

/// The date in the reader's locale form.
fn date(ms: u64, lang: i18n::Lang) -> String {
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string(
        if lang == i18n::Lang::Ja {
            "ja-JP"
        } else {
            "en-GB"
        },
        &wasm_bindgen::JsValue::UNDEFINED,
    ))
}
