//! The root component: restores saved state, keeps the URL hash and storage in step with the
//! state, and shows the screen the route names.

use std::rc::Rc;

use mogi_core::bank::Lang;
use mogi_core::exam::Exam;
use mogi_core::history::Attempt;
use yew::prelude::*;

use crate::edge::{clock, location, storage};
use crate::i18n::Msg;
use crate::route::Route;
use crate::screens;
use crate::state::{AppAction, AppState, Notice};

/// What every screen reads and dispatches to.
pub(crate) type AppContext = UseReducerHandle<AppState>;

/// Reads storage once, at start-up. Faults become notices; nothing is silently discarded.
fn initial_state() -> AppState {
    let mut notices = Vec::new();
    let mut take = |fault: storage::StorageFault| {
        let notice = Notice::Storage(fault);
        if !notices.contains(&notice) {
            notices.push(notice);
        }
    };
    let lang = match storage::load::<Lang>(storage::LANG) {
        Ok(Some(lang)) => lang,
        Ok(None) => browser_lang(),
        Err(fault) => {
            take(fault);
            browser_lang()
        }
    };
    let exam = storage::load::<Exam>(storage::CURRENT_EXAM).unwrap_or_else(|f| {
        take(f);
        None
    });
    let history = storage::load::<Vec<Attempt>>(storage::HISTORY)
        .unwrap_or_else(|f| {
            take(f);
            None
        })
        .unwrap_or_default();
    let mut state = AppState::new(lang, Route::parse(&location::current_hash())).restored(
        exam,
        history,
        clock::now_ms(),
    );
    state.notices.extend(notices);
    state
}

fn browser_lang() -> Lang {
    let language = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    if language.to_ascii_lowercase().starts_with("ja") {
        Lang::Ja
    } else {
        Lang::En
    }
}

fn report(state: &AppContext, result: Result<(), storage::StorageFault>) {
    if let Err(fault) = result {
        state.dispatch(AppAction::Notify(Notice::Storage(fault)));
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);

    {
        let state = state.clone();
        use_effect_with((), move |()| {
            let dispatcher = state.dispatcher();
            // Check the starting hash (it may name no screen) and then follow every change.
            dispatcher.dispatch(AppAction::Navigate(Route::parse(&location::current_hash())));
            let listener = location::on_hash_change(move |hash| {
                dispatcher.dispatch(AppAction::Navigate(Route::parse(&hash)));
            });
            move || drop(listener)
        });
    }
    use_effect_with(state.route.clone(), |route| {
        location::set_hash(&route.to_hash());
        location::scroll_to_top();
    });
    {
        let context = state.clone();
        use_effect_with(state.exam.clone(), move |exam| {
            let saved = match exam {
                Some(exam) => storage::save(storage::CURRENT_EXAM, exam.as_ref()),
                None => storage::remove(storage::CURRENT_EXAM),
            };
            report(&context, saved);
        });
    }
    {
        let context = state.clone();
        use_effect_with(Rc::clone(&state.history), move |history| {
            report(&context, storage::save(storage::HISTORY, history.as_ref()));
        });
    }
    {
        let context = state.clone();
        use_effect_with(state.lang, move |lang| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.tag());
            }
            report(&context, storage::save(storage::LANG, lang));
        });
    }

    let screen = match &state.route {
        Route::Start | Route::NotFound(_) => html! { <screens::start::StartScreen /> },
        Route::Exam if state.exam.is_some() => html! { <screens::exam::ExamScreen /> },
        Route::Exam => html! { <screens::start::StartScreen /> },
        Route::History => html! { <screens::history::HistoryScreen /> },
        Route::Glossary(focus) => {
            html! { <screens::glossary::GlossaryScreen focus={focus.clone()} /> }
        }
        Route::Results(id) => html! { <screens::results::ResultsScreen id={id.clone()} /> },
    };

    html! {
        <ContextProvider<AppContext> context={state}>
            <Header />
            <Notices />
            <main id="main" class="screen">{ screen }</main>
        </ContextProvider<AppContext>>
    }
}

#[component]
fn Header() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let switch = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(AppAction::SetLang(lang.other())))
    };
    html! {
        <header class="topbar">
            <a class="brand" href="#/">{ Msg::AppName.text(lang) }</a>
            <nav aria-label="Mogi">
                <a href="#/">{ Msg::NavStart.text(lang) }</a>
                <a href="#/history" data-testid="nav-history">{ Msg::NavHistory.text(lang) }</a>
                <a href="#/glossary" data-testid="nav-glossary">{ Msg::NavGlossary.text(lang) }</a>
            </nav>
            <button class="lang" data-testid="lang-switch" onclick={switch}
                aria-label={Msg::LanguageSwitchLabel.text(lang)} lang={lang.other().tag()}>
                { Msg::LanguageSwitch.text(lang) }
            </button>
        </header>
    }
}

#[component]
fn Notices() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    if state.notices.is_empty() {
        return html! {};
    }
    let lang = state.lang;
    html! {
        <div class="notices" role="status" aria-live="polite">
            { for state.notices.iter().enumerate().map(|(index, notice)| {
                let state = state.clone();
                let dismiss = Callback::from(move |_| state.dispatch(AppAction::Dismiss(index)));
                html! {
                    <p class="notice" data-testid="notice">
                        <span>{ notice.message().text(lang) }</span>
                        <button onclick={dismiss}>{ Msg::Dismiss.text(lang) }</button>
                    </p>
                }
            }) }
        </div>
    }
}
