//! The exam screen: question k of n, the countdown, mark for review, previous and next, the
//! navigator, the review list with its filters, keyboard shortcuts with a help overlay, and
//! ending the exam with a confirmation.

use std::cell::Cell;

use gloo_timers::callback::Interval;
use mogi_core::assemble::{AnswerShape, Mode};
use mogi_core::bank::Lang;
use mogi_core::exam::{Action as ExamAction, Answer, Exam};
use mogi_core::resolve::{self, ItemStatus};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::edge::{clock, keyboard, location};
use crate::i18n::{self, Msg};
use crate::screens::question::QuestionView;
use crate::shortcuts::{Shortcut, shortcut};
use crate::state::AppAction;

/// Time left at which the timer turns to its warning and urgent styles, and screen readers
/// are told the time.
const WARN_MS: u64 = 10 * 60 * 1000;
const URGENT_MS: u64 = 5 * 60 * 1000;

/// The threshold crossed between two readings of the time left, if any.
fn crossed_threshold(before: u64, now: u64) -> Option<u64> {
    [URGENT_MS, WARN_MS]
        .into_iter()
        .find(|&t| before > t && now <= t)
}

/// What the keyboard shortcuts act on, as of the latest render.
#[derive(Clone)]
struct Shortcuts {
    state: AppContext,
    help: UseStateHandle<bool>,
    confirming: UseStateHandle<bool>,
    announcement: UseStateHandle<String>,
    now: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReviewFilter {
    All,
    Unanswered,
    Marked,
}

#[component]
pub(crate) fn ExamScreen() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let now = use_state(clock::now_ms);
    let confirming = use_state(|| false);
    let help = use_state(|| false);
    let filter = use_state(|| ReviewFilter::All);
    let announcement = use_state(String::new);
    let last_left = use_mut_ref(|| Cell::new(u64::MAX));
    {
        // The deadline is stored; this only refreshes the display and lets the core notice
        // when it has passed. A sleeping tab cannot stretch the time.
        let now = now.clone();
        let state = state.clone();
        let announcement = announcement.clone();
        use_effect_with((), move |()| {
            let interval = Interval::new(1000, move || {
                let now_ms = clock::now_ms();
                now.set(now_ms);
                if let Some(left) = state.exam.as_ref().and_then(|e| e.remaining_ms(now_ms)) {
                    let before = last_left.borrow().replace(left);
                    if crossed_threshold(before, left).is_some() {
                        announcement.set(say_time(state.lang, left));
                    }
                }
                state.dispatch(AppAction::Exam(ExamAction::Tick { now_ms }));
            });
            move || drop(interval)
        });
    }
    {
        // One listener for the screen's life, reading what the latest render saw: not one
        // removed and added again on every answer.
        let shortcuts = Shortcuts {
            state: state.clone(),
            help: help.clone(),
            confirming: confirming.clone(),
            announcement: announcement.clone(),
            now: *now,
        };
        let latest = use_mut_ref(|| shortcuts.clone());
        *latest.borrow_mut() = shortcuts;
        use_effect_with((), move |()| {
            let listener = keyboard::on_keydown(move |event| {
                if typing_in_a_field(event) {
                    return;
                }
                let modified = event.ctrl_key() || event.alt_key() || event.meta_key();
                let Some(action) = shortcut(&event.key(), modified) else {
                    return;
                };
                let Shortcuts {
                    state,
                    help,
                    confirming,
                    announcement,
                    now,
                } = latest.borrow().clone();
                let Some(exam) = state.exam.as_ref() else {
                    return;
                };
                let dispatch = |a: ExamAction| state.dispatch(AppAction::Exam(a));
                match action {
                    Shortcut::Help => help.set(!*help),
                    Shortcut::Close => {
                        help.set(false);
                        confirming.set(false);
                    }
                    _ if *help || *confirming => return,
                    Shortcut::Next => dispatch(ExamAction::Next),
                    Shortcut::Previous => dispatch(ExamAction::Previous),
                    Shortcut::Mark => dispatch(ExamAction::ToggleFlag {
                        index: exam.current,
                    }),
                    Shortcut::Review => dispatch(if exam.reviewing {
                        ExamAction::CloseReview
                    } else {
                        ExamAction::OpenReview
                    }),
                    Shortcut::SayTime => {
                        announcement.set(match exam.remaining_ms(now.max(clock::now_ms())) {
                            Some(left) => say_time(state.lang, left),
                            None => Msg::Untimed.text(state.lang).to_owned(),
                        })
                    }
                    Shortcut::Option(position) => {
                        if let Some(answer) = option_answer(exam, position) {
                            dispatch(ExamAction::Answer {
                                index: exam.current,
                                answer,
                            });
                        }
                    }
                }
                event.prevent_default();
            });
            move || drop(listener)
        });
    }
    use_effect_with(
        state.exam.as_ref().map(|e| (e.current, e.reviewing)),
        |_| location::scroll_to_top(),
    );
    let go_to = {
        let dispatcher = state.dispatcher();
        use_callback((), move |index: usize, ()| {
            dispatcher.dispatch(AppAction::Exam(ExamAction::GoTo { index }));
        })
    };
    let Some(exam) = state.exam.clone() else {
        return html! {};
    };
    let lang = state.lang;
    let dispatch = |action: ExamAction| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(AppAction::Exam(action.clone())))
    };
    let index = exam.current;
    let total = exam.form.items.len();
    // A question changed or removed since the exam started is shown as such (and left out
    // of the score); the exam goes on with the others.
    let shown = resolve::shown(bank(), &exam.form, &exam.answers, index);
    let practice = exam.form.choices.mode == Mode::Practice;
    let revealed = exam.revealed.get(index).copied().unwrap_or(false);
    let on_answer = (!revealed).then(|| {
        let state = state.clone();
        Callback::from(move |answer: Answer| {
            state.dispatch(AppAction::Exam(ExamAction::Answer { index, answer }));
        })
    });
    let set = |handle: &UseStateHandle<bool>, value: bool| {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| handle.set(value))
    };
    let submit = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(AppAction::Exam(ExamAction::Submit {
                now_ms: clock::now_ms(),
            }));
        })
    };
    let flagged = exam.flags[index];

    html! {
        <section class="exam" aria-label={exam.form.exam.to_ascii_uppercase()}>
            <div class="exam-bar">
                <h1 class="position one-line" data-testid="position">{ i18n::question_k_of_n(lang, index + 1, total) }</h1>
                { timer(&exam, *now, lang) }
                // On a phone the bar shows the mark as a symbol; its name stays whole.
                <button class="flag one-line" data-testid="flag" aria-pressed={flagged.to_string()} onclick={dispatch(ExamAction::ToggleFlag { index })} aria-keyshortcuts="M">
                    <span aria-hidden="true">{ if flagged { "⚑" } else { "⚐" } }</span>
                    <span class="flag-label">{ " " }{ Msg::MarkForReview.text(lang) }</span>
                </button>
                <button class="quiet help one-line" data-testid="help" onclick={set(&help, true)} aria-keyshortcuts="?">{ Msg::Shortcuts.text(lang) }</button>
            </div>
            <p class="visually-hidden" aria-live="assertive" data-testid="announcement">{ (*announcement).clone() }</p>
            if exam.reviewing {
                { review_list(&exam, &state, &filter) }
            } else if let Some(shown) = shown.clone() {
                <QuestionView question={shown.question} order={shown.order}
                    answer={shown.answer} {on_answer} reveal={revealed} {lang} />
            } else {
                <p class="notice" role="status" data-testid="question-changed">{
                    if resolve::resolve_item(bank(), &exam.form, index) == ItemStatus::Removed {
                        Msg::QuestionRemovedDuringExam.text(lang)
                    } else {
                        Msg::QuestionChangedDuringExam.text(lang)
                    }
                }</p>
            }
            <div class="exam-actions">
                <button class="one-line" data-testid="previous" onclick={dispatch(ExamAction::Previous)} disabled={index == 0 || exam.reviewing} aria-keyshortcuts="P">{ Msg::Previous.text(lang) }</button>
                if practice && !revealed && shown.is_some() {
                    <button class="one-line" data-testid="check" onclick={dispatch(ExamAction::Reveal { index })} disabled={exam.answers[index].is_none()}>{ Msg::CheckAnswer.text(lang) }</button>
                }
                <button class="one-line" data-testid="next" onclick={dispatch(ExamAction::Next)} disabled={exam.reviewing} aria-keyshortcuts="N">{ Msg::Next.text(lang) }</button>
                <button class="one-line" data-testid="review" aria-pressed={exam.reviewing.to_string()} onclick={dispatch(if exam.reviewing { ExamAction::CloseReview } else { ExamAction::OpenReview })} aria-keyshortcuts="R">{ Msg::ReviewAll.text(lang) }</button>
                <button class="danger one-line" data-testid="end" onclick={set(&confirming, true)}>{ Msg::EndExam.text(lang) }</button>
            </div>
            { navigator(&exam, lang, &go_to) }
            <crate::screens::share_panel::ShareExam />
            if *confirming {
                <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="end-title" aria-describedby="end-counts">
                    <p id="end-title"><strong>{ Msg::EndExamConfirm.text(lang) }</strong></p>
                    <p id="end-counts" data-testid="end-counts">{ i18n::unanswered_and_marked(lang, total - exam.answered_count(), exam.flagged_count()) }</p>
                    <button data-testid="cancel-end" onclick={set(&confirming, false)}>{ Msg::Cancel.text(lang) }</button>
                    <button class="danger" data-testid="confirm-end" onclick={submit}>{ Msg::EndExam.text(lang) }</button>
                </div>
            }
            if *help {
                { help_overlay(lang, set(&help, false)) }
            }
        </section>
    }
}

fn typing_in_a_field(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match target.tag_name().as_str() {
        "SELECT" | "TEXTAREA" => true,
        "INPUT" => !matches!(
            target.get_attribute("type").as_deref(),
            Some("radio" | "checkbox")
        ),
        _ => false,
    }
}

/// The answer that choosing the option at display `position` gives: a new single choice, or
/// a toggle for multiple response. Ordering and matching are answered with their drop-downs.
fn option_answer(exam: &Exam, position: usize) -> Option<Answer> {
    let item = exam.current_item()?;
    // A question changed since the exam started is not shown, so no key answers it.
    resolve::resolve(bank(), &exam.form.bank_revision, item).current()?;
    let original = *item.option_order.get(position)?;
    match item.shape {
        AnswerShape::Single { .. } => Some(Answer::Choices(vec![original])),
        AnswerShape::Multiple { .. } => {
            let mut chosen = match &exam.answers[exam.current] {
                Some(Answer::Choices(c)) => c.clone(),
                _ => Vec::new(),
            };
            if let Some(at) = chosen.iter().position(|&c| c == original) {
                chosen.remove(at);
            } else {
                chosen.push(original);
                chosen.sort_unstable();
            }
            Some(Answer::Choices(chosen))
        }
        AnswerShape::Slots { .. } => None,
    }
}

fn say_time(lang: Lang, left_ms: u64) -> String {
    format!("{} {}", Msg::TimeRemaining.text(lang), i18n::clock(left_ms))
}

fn timer(exam: &Exam, now_ms: u64, lang: Lang) -> Html {
    let Some(left) = exam.remaining_ms(now_ms) else {
        return html! { <span class="timer one-line" data-testid="timer">{ Msg::Untimed.text(lang) }</span> };
    };
    let class = match left {
        l if l <= URGENT_MS => "timer one-line urgent",
        l if l <= WARN_MS => "timer one-line warning",
        _ => "timer one-line",
    };
    // Not a live region: screen readers hear the time at the thresholds and on request only.
    html! {
        <span class={class} data-testid="timer" role="timer" aria-label={say_time(lang, left)}>
            { i18n::clock(left) }
        </span>
    }
}

fn help_overlay(lang: Lang, close: Callback<MouseEvent>) -> Html {
    let rows = [
        ("1–9, A–I", Msg::ShortcutOption),
        ("N", Msg::Next),
        ("P", Msg::Previous),
        ("M", Msg::MarkForReview),
        ("R", Msg::ReviewAll),
        ("T", Msg::ShortcutTime),
        ("?", Msg::Shortcuts),
        ("Esc", Msg::Close),
    ];
    html! {
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay">
            <h2 id="help-title">{ Msg::Shortcuts.text(lang) }</h2>
            <dl class="keys">
                { for rows.iter().map(|(key, what)| html! {
                    <><dt><kbd>{ *key }</kbd></dt><dd>{ what.text(lang) }</dd></>
                }) }
            </dl>
            <button data-testid="close-help" onclick={close}>{ Msg::Close.text(lang) }</button>
        </div>
    }
}

fn navigator(exam: &Exam, lang: Lang, go: &Callback<usize>) -> Html {
    let total = exam.form.items.len();
    html! {
        <nav class="navigator" aria-label={Msg::Navigator.text(lang)}>
            { for (0..total).map(|index| html! {
                <NavCell key={index} {index} {total} answered={exam.answers[index].is_some()}
                    flagged={exam.flags[index]} current={index == exam.current} {lang} go={go.clone()} />
            }) }
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct NavCellProps {
    index: usize,
    total: usize,
    answered: bool,
    flagged: bool,
    current: bool,
    lang: Lang,
    /// The same callback on every render (callbacks compare by identity), so that it never
    /// makes a cell differ.
    go: Callback<usize>,
}

/// One button of the navigator: its own component, so that answering or marking a question
/// re-renders only its cell (and the current one), not all 65.
#[component]
fn NavCell(props: &NavCellProps) -> Html {
    let &NavCellProps {
        index,
        total,
        answered,
        flagged,
        current,
        lang,
        ..
    } = props;
    let onclick = props.go.reform(move |_: MouseEvent| index);
    let class = classes!(
        "cell",
        answered.then_some("answered"),
        flagged.then_some("flagged"),
        current.then_some("current")
    );
    let status = format!(
        "{}: {}{}",
        i18n::question_k_of_n(lang, index + 1, total),
        if answered {
            Msg::Answered.text(lang)
        } else {
            Msg::Unanswered.text(lang)
        },
        if flagged {
            format!(", {}", Msg::Marked.text(lang))
        } else {
            String::new()
        },
    );
    html! {
        <button class={class} {onclick} data-testid={format!("nav-{index}")} aria-label={status}
            aria-current={current.then_some("step")}>
            { index + 1 }
            <span aria-hidden="true">{ if answered { "●" } else { "○" } }{ if flagged { "⚑" } else { "" } }</span>
        </button>
    }
}

fn review_list(exam: &Exam, state: &AppContext, filter: &UseStateHandle<ReviewFilter>) -> Html {
    let lang = state.lang;
    let choose = |value: ReviewFilter| {
        let filter = filter.clone();
        Callback::from(move |_| filter.set(value))
    };
    let shown = |i: usize| match **filter {
        ReviewFilter::All => true,
        ReviewFilter::Unanswered => exam.answers[i].is_none(),
        ReviewFilter::Marked => exam.flags[i],
    };
    let tab = |value: ReviewFilter, label: String, testid: &'static str| {
        html! {
            <button aria-pressed={(**filter == value).to_string()} data-testid={testid} onclick={choose(value)}>{ label }</button>
        }
    };
    let unanswered = exam.len() - exam.answered_count();
    html! {
        <section class="review" aria-labelledby="review-title">
            <h2 id="review-title">{ Msg::ReviewAll.text(lang) }</h2>
            <div class="filters" role="group" aria-label={Msg::Filter.text(lang)}>
                { tab(ReviewFilter::All, format!("{} ({})", Msg::All.text(lang), exam.len()), "filter-all") }
                { tab(ReviewFilter::Unanswered, format!("{} ({unanswered})", Msg::Unanswered.text(lang)), "filter-unanswered") }
                { tab(ReviewFilter::Marked, format!("{} ({})", Msg::Marked.text(lang), exam.flagged_count()), "filter-marked") }
            </div>
            <ol class="review-list" data-testid="review-list">
                { for (0..exam.len()).filter(|&i| shown(i)).map(|i| {
                    let state = state.clone();
                    let go = Callback::from(move |_| state.dispatch(AppAction::Exam(ExamAction::GoTo { index: i })));
                    html! {
                        <li data-testid="review-row">
                            <button class="one-line" onclick={go} aria-label={i18n::question_k_of_n(lang, i + 1, exam.len())}>{ format!("{}", i + 1) }</button>
                            { " " }{ if exam.answers[i].is_some() { Msg::Answered.text(lang) } else { Msg::Unanswered.text(lang) } }
                            if exam.flags[i] { { " · ⚑ " }{ Msg::Marked.text(lang) } }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_readers_hear_the_time_only_when_a_threshold_is_crossed() {
        assert_eq!(crossed_threshold(WARN_MS + 1, WARN_MS), Some(WARN_MS));
        assert_eq!(
            crossed_threshold(URGENT_MS + 500, URGENT_MS - 500),
            Some(URGENT_MS)
        );
        assert_eq!(crossed_threshold(WARN_MS - 1000, WARN_MS - 2000), None);
        assert_eq!(crossed_threshold(u64::MAX, 3_600_000), None);
        assert_eq!(
            crossed_threshold(u64::MAX, 60_000),
            Some(URGENT_MS),
            "resumed late: say it once"
        );
    }
}
