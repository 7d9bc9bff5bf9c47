//! Shown instead of the app when the question bank cannot be loaded (offline on a first
//! visit, a half-finished deploy): what happened, in both languages, and a way to retry.
//! Nothing stored is touched.

use yew::prelude::*;

use crate::edge::location;

#[derive(Properties, PartialEq)]
pub(crate) struct Props {
    /// The technical reason, shown for a bug report.
    pub reason: String,
}

#[component]
pub(crate) fn LoadFailed(props: &Props) -> Html {
    html! {
        <main class="screen load-failed" data-testid="load-failed">
            <h1>{ "Mogi" }</h1>
            <p lang="en">{ "The questions could not be loaded. Check the connection and try again; your answers and history are safe in this browser." }</p>
            <p lang="ja">{ "問題を読み込めませんでした。接続を確認してもう一度お試しください。解答と履歴はこのブラウザーに保存されたままです。" }</p>
            <p><button class="primary" data-testid="retry-load" onclick={Callback::from(|_| location::reload())}>
                <span lang="en">{ "Try again" }</span>{ " / " }<span lang="ja">{ "再試行" }</span>
            </button></p>
            <p class="fine" data-testid="load-failed-reason">{ &props.reason }</p>
        </main>
    }
}
