//! The root component: restores saved state, keeps the URL hash and storage in step with the
//! state, and shows the screen the route names.

use std::rc::Rc;

use mogi_core::bank::Lang;
use mogi_core::exam::Exam;
use mogi_core::history::Attempt;
use mogi_core::review::{Calendar, Cards};
use mogi_core::store::{self, Fault, keys};
use yew::prelude::*;

use crate::bank_data;
use crate::edge::{clock, files, location, storage, tabs};
use crate::i18n::{self, Msg};
use crate::route::Route;
use crate::screens;
use crate::state::{AppAction, AppState, Notice};

/// What every screen reads and dispatches to.
pub(crate) type AppContext = UseReducerHandle<AppState>;

/// Reads storage once, at start-up (migrating older data). Faults become notices; nothing
/// is silently discarded. An exam in progress that another live tab holds is shown but not
/// touched until the user continues here.
fn initial_state() -> AppState {
    let loaded = storage::load();
    let now_ms = clock::now_ms();
    let mut state = AppState::new(
        loaded.lang.unwrap_or_else(browser_lang),
        Route::parse(&location::current_hash()),
    );
    state.chosen_exam = loaded.chosen_exam;
    state.retention = loaded.retention;
    state.calendar = Calendar::new(clock::utc_offset_minutes(now_ms));
    if loaded.exam.is_some() {
        state.elsewhere = !tabs::claim(now_ms);
    }
    let mut state = state.restored(loaded.exam, loaded.history, loaded.cards, now_ms);
    let mut faults = loaded.faults;
    match storage::load_group() {
        Ok(group) => state.group = Rc::new(group),
        Err(fault) => faults.push(fault),
    }
    for fault in faults {
        let notice = Notice::Storage(fault);
        if !state.notices.contains(&notice) {
            state.notices.push(notice);
        }
    }
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

/// An effect's dependency that differs when the value was replaced, without comparing
/// contents (a history of many attempts on every render): the reducer replaces whatever it
/// changes.
pub(crate) struct Replaced<T>(pub(crate) Rc<T>);

impl<T> PartialEq for Replaced<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn report(state: &AppContext, result: Result<(), Fault>) {
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
            // Check the starting route (the hash may name no screen; an exam whose time ran
            // out while the page was closed already moved it to its results) and then follow
            // every change.
            dispatcher.dispatch(AppAction::Navigate(state.route.clone()));
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
        // Another tab's changes: its lock, its exam, its history.
        let state = state.clone();
        use_effect_with((), move |()| {
            let dispatcher = state.dispatcher();
            let listener = tabs::on_storage(move |key, value| {
                if let Some(action) = from_other_tab(&key, value.as_deref()) {
                    dispatcher.dispatch(action);
                }
            });
            move || drop(listener)
        });
    }
    {
        // Saved on every change, unless the exam belongs to another tab (see
        // `storage::save_exam` for when).
        let context = state.clone();
        use_effect_with(
            (state.exam.clone().map(Replaced), state.elsewhere),
            move |(exam, elsewhere)| {
                if !*elsewhere {
                    let exam = exam.as_ref().map(|e| Rc::clone(&e.0));
                    storage::save_exam(exam, move |fault| report(&context, Err(fault)));
                }
            },
        );
    }
    {
        // While this tab owns an exam in progress: hold the lock, renew it, and give it up
        // when the exam ends, the app unmounts or the page is left.
        let context = state.clone();
        let owning = state.exam.is_some() && !state.elsewhere;
        use_effect_with(owning, move |&owning| {
            let holder = owning.then(|| {
                tabs::LockHolder::hold(move |exam| {
                    context.dispatch(AppAction::OpenedElsewhere { exam });
                })
            });
            move || drop(holder)
        });
    }
    {
        // Merged with what is stored, so no stored attempt is lost; attempts found only in
        // storage come back into the app.
        let context = state.clone();
        use_effect_with(
            Replaced(Rc::clone(&state.history)),
            move |history| match storage::with(|s| store::save_history(s, &history.0)) {
                Ok(Some(merged)) => context.dispatch(AppAction::MergeHistory(merged)),
                Ok(None) => {}
                Err(fault) => report(&context, Err(fault)),
            },
        );
    }
    {
        // The review cards: written whenever they change (and once at start-up, which
        // stores a rebuilt set when the stored one was lost).
        let context = state.clone();
        use_effect_with(Replaced(Rc::clone(&state.cards)), move |cards| {
            // Merged with what is stored (another tab's cards); cards found only in storage
            // come back into the app.
            match storage::with(|s| store::save_cards(s, &cards.0)) {
                Ok(Some(merged)) => context.dispatch(AppAction::MergeCards(merged)),
                Ok(None) => {}
                Err(fault) => report(&context, Err(fault)),
            }
        });
    }
    {
        let context = state.clone();
        use_effect_with(state.retention, move |retention| {
            if let Some(retention) = retention {
                report(
                    &context,
                    storage::with(|s| store::write(s, keys::RETENTION, retention)),
                );
            }
        });
    }
    {
        // The group board (study groups).
        let context = state.clone();
        use_effect_with(Replaced(Rc::clone(&state.group)), move |group| {
            report(&context, storage::save_group(&group.0));
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
            report(
                &context,
                storage::with(|s| store::write(s, keys::LANG, lang)),
            );
        });
    }

    {
        let context = state.clone();
        use_effect_with(state.chosen_exam.clone(), move |chosen| {
            if let Some(code) = chosen {
                report(
                    &context,
                    storage::with(|s| store::write(s, keys::CHOSEN_EXAM, code)),
                );
            }
        });
    }

    // The question text this screen shows, fetched if it is not in yet.
    let missing = missing_content(&state);
    {
        let context = state.clone();
        use_effect_with(missing.clone(), move |missing| {
            if !missing.is_empty() {
                bank_data::fetch_chunks(missing.clone(), move |loaded| {
                    context.dispatch(AppAction::ContentLoaded(loaded));
                });
            }
        });
    }
    {
        // The exam's other questions follow in the background once the one on screen is in
        // (so moving on rarely waits), then the same questions in the other language (so the
        // exam can switch language offline).
        let exam = state.exam.clone();
        let lang = state.lang;
        use_effect_with(exam.as_ref().map(|e| e.form.choices.clone()), move |_| {
            if let Some(exam) = exam {
                let bank = bank_data::bank();
                let mut rest = bank.missing_chunks(lang, exam.form.question_ids());
                rest.extend(bank.missing_chunks(lang.other(), exam.form.question_ids()));
                bank_data::fetch_next_in_background(rest, |_| ());
            }
        });
    }
    let screen = match &state.route {
        _ if !missing.is_empty() => {
            html! { <ContentWait failed={state.content_failed.clone()} lang={state.lang} /> }
        }
        Route::Start | Route::NotFound(_) => html! { <screens::start::StartScreen /> },
        Route::Exam if state.exam.is_some() => html! { <screens::exam::ExamScreen /> },
        Route::Exam => html! { <screens::start::StartScreen /> },
        Route::History => html! { <screens::history::HistoryScreen /> },
        Route::Guide => html! { <screens::guide::GuideScreen /> },
        Route::Glossary(focus) => {
            html! { <screens::glossary::GlossaryScreen focus={focus.clone()} /> }
        }
        Route::Results(id) => html! { <screens::results::ResultsScreen id={id.clone()} /> },
        Route::Take(payload) => {
            html! { <screens::shared_exam::SharedExamScreen payload={payload.clone()} /> }
        }
        Route::SharedResult(payload) => {
            html! { <screens::shared_result::SharedResultScreen payload={payload.clone()} /> }
        }
        Route::Group => html! { <screens::group::GroupScreen /> },
        Route::Changes(exam) => html! { <screens::changes::ChangesScreen exam={exam.clone()} /> },
        // For the end-to-end test of the recovery screen (see `Route::TestPanic`).
        Route::TestPanic => panic!(
            "#/test/panic was opened: a panic on purpose, for the test of the recovery screen"
        ),
    };

    html! {
        <ContextProvider<AppContext> context={state}>
            <Header />
            <Notices />
            <crate::update::UpdateNotice />
            <main id="main" class="screen">{ screen }</main>
        </ContextProvider<AppContext>>
    }
}

/// The content chunks the screen for `state` needs in the reader's language and the bank does
/// not have yet: an exam needs the question on screen, a result its exam's questions, the
/// other screens that show question text or glossary entries the whole bank and the glossary,
/// the comparison of two exams the skills' wordings, and the rest only the index.
fn missing_content(state: &AppState) -> Vec<usize> {
    let bank = bank_data::bank();
    let lang = state.lang;
    match &state.route {
        Route::Exam => state.exam.as_ref().map_or_else(Vec::new, |exam| {
            let on_screen = exam.form.items.get(exam.current);
            bank.missing_chunks(lang, on_screen.map(|i| i.question_id.as_str()))
        }),
        Route::Results(id) => state.attempt(id).map_or_else(Vec::new, |attempt| {
            bank.missing_chunks(lang, attempt.form.question_ids())
        }),
        Route::SharedResult(_) | Route::Group | Route::Guide | Route::Glossary(_) => {
            bank.missing_in(lang)
        }
        Route::Changes(_) => bank.missing_guide(lang),
        Route::Start | Route::NotFound(_) | Route::History | Route::Take(_) | Route::TestPanic => {
            Vec::new()
        }
    }
}

#[derive(Properties, PartialEq)]
struct ContentWaitProps {
    failed: Option<String>,
    lang: Lang,
}

/// In place of a screen while its question text is on its way, or after it failed.
#[component]
fn ContentWait(props: &ContentWaitProps) -> Html {
    let lang = props.lang;
    match &props.failed {
        Some(why) => html! {
            <section class="content-wait" data-testid="content-failed" role="alert">
                <p>{ Msg::QuestionsFailed.text(lang) }</p>
                <p><button class="primary" onclick={Callback::from(|_| location::reload())}>{ Msg::TryAgain.text(lang) }</button></p>
                <p class="fine">{ why }</p>
            </section>
        },
        _ => html! {
            <p class="content-wait" data-testid="content-loading" role="status" aria-live="polite">{ Msg::LoadingQuestions.text(lang) }</p>
        },
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
    let nav = html! {
        <nav aria-label="Mogi">
            <a href="#/">{ Msg::NavStart.text(lang) }</a>
            <a href="#/history" data-testid="nav-history">{ Msg::NavHistory.text(lang) }</a>
            <a href="#/group" data-testid="nav-group">{ Msg::NavGroup.text(lang) }</a>
            <a href="#/guide" data-testid="nav-guide">{ Msg::NavGuide.text(lang) }</a>
            <a href="#/glossary" data-testid="nav-glossary">{ Msg::NavGlossary.text(lang) }</a>
        </nav>
    };
    // While an exam runs the site's navigation folds away, as on the real exam; it stays
    // reachable, and says that leaving does not stop the clock.
    let in_exam = state.route == Route::Exam && state.exam.is_some();
    html! {
        <header class="topbar">
            <a class="brand" href="#/">{ Msg::AppName.text(lang) }</a>
            if in_exam {
                <details class="menu" data-testid="exam-menu">
                    <summary>{ Msg::Menu.text(lang) }</summary>
                    <p class="fine">{ Msg::LeavingKeepsTheClock.text(lang) }</p>
                    { nav }
                </details>
            } else {
                { nav }
            }
            // The accessible name starts with the visible label (WCAG 2.5.3), each part in its
            // own language.
            <button class="lang one-line" data-testid="lang-switch" onclick={switch}>
                <span lang={lang.other().tag()}>{ Msg::LanguageSwitch.text(lang) }</span>
                <span class="visually-hidden">{ format!(" ({})", Msg::LanguageSwitchLabel.text(lang)) }</span>
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
                let text = match notice {
                    Notice::Imported(report) => i18n::imported(lang, report.added, report.already),
                    _ => notice.message().text(lang).to_owned(),
                };
                html! {
                    <p class="notice" data-testid="notice">
                        <span>{ text }</span>
                        <NoticeAction notice={notice.clone()} />
                        <button data-testid="dismiss" onclick={dismiss}>{ Msg::Dismiss.text(lang) }</button>
                    </p>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NoticeActionProps {
    notice: Notice,
}

/// The way out a notice offers: download data that could not be read, or continue an exam
/// that another tab holds.
#[component]
fn NoticeAction(props: &NoticeActionProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    match &props.notice {
        Notice::Storage(Fault::Corrupt {
            key,
            kept_aside: true,
        }) => {
            let key = key.clone();
            let state = state.clone();
            let download = Callback::from(move |_| {
                let text = storage::with(|s| s.get(&store::corrupt_key(&key)))
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                let name = format!("{}.txt", store::corrupt_key(&key));
                if files::download(&name, "text/plain", &text).is_err() {
                    state.dispatch(AppAction::Notify(Notice::ExportFailed));
                }
            });
            html! {
                <button data-testid="download-corrupt" onclick={download}>
                    { Msg::DownloadCorrupt.text(lang) }
                </button>
            }
        }
        Notice::Elsewhere => {
            let take_over = Callback::from(move |_| {
                let now_ms = clock::now_ms();
                let (exam, history) = tabs::take_over(now_ms);
                state.dispatch(AppAction::TakeOver {
                    exam,
                    history,
                    now_ms,
                });
            });
            html! {
                <button class="primary" data-testid="take-over" onclick={take_over}>
                    { Msg::TakeOver.text(lang) }
                </button>
            }
        }
        _ => html! {},
    }
}

/// What a change another tab made to storage means here.
fn from_other_tab(key: &str, value: Option<&str>) -> Option<AppAction> {
    match key {
        keys::LOCK => match tabs::held_by_another(value) {
            Some(true) => Some(AppAction::OpenedElsewhere {
                exam: tabs::stored_exam(),
            }),
            Some(false) => None,
            None => tabs::stored_exam()
                .is_none()
                .then_some(AppAction::EndedElsewhere),
        },
        keys::EXAM => Some(
            match value.and_then(|v| store::decode::<Exam>(keys::EXAM, v).ok()) {
                Some(exam) => AppAction::OpenedElsewhere { exam: Some(exam) },
                None => AppAction::EndedElsewhere,
            },
        ),
        keys::HISTORY => value
            .and_then(|v| store::decode::<Vec<Attempt>>(keys::HISTORY, v).ok())
            .map(AppAction::MergeHistory),
        keys::CARDS => value
            .and_then(|v| store::decode::<Cards>(keys::CARDS, v).ok())
            .map(AppAction::MergeCards),
        _ => None,
    }
}
