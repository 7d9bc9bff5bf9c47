//! The exam screen: question k of n, the countdown, mark for review, previous and next, the
//! navigator, the review list and ending the exam with a confirmation.

use gloo_timers::callback::Interval;
use mogi_core::assemble::Mode;
use mogi_core::exam::{Action as ExamAction, Answer, Exam};
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::edge::clock;
use crate::i18n::{self, Msg};
use crate::screens::question::QuestionView;
use crate::state::AppAction;

/// Milliseconds left below which the timer turns to its warning styles.
const WARN_MS: u64 = 10 * 60 * 1000;
const URGENT_MS: u64 = 5 * 60 * 1000;

#[component]
pub(crate) fn ExamScreen() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let now = use_state(clock::now_ms);
    let confirming = use_state(|| false);
    {
        // The deadline is stored; this only refreshes the display and lets the core notice
        // when it has passed. A sleeping tab cannot stretch the time.
        let now = now.clone();
        let state = state.clone();
        use_effect_with((), move |()| {
            let interval = Interval::new(1000, move || {
                let now_ms = clock::now_ms();
                now.set(now_ms);
                state.dispatch(AppAction::Exam(ExamAction::Tick { now_ms }));
            });
            move || drop(interval)
        });
    }
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
    let item = &exam.form.items[index];
    let Some(question) = bank().question(&item.question_id) else {
        return html! {};
    };
    let practice = exam.form.choices.mode == Mode::Practice;
    let revealed = exam.revealed.get(index).copied().unwrap_or(false);
    let on_answer = (!revealed).then(|| {
        let state = state.clone();
        Callback::from(move |answer: Answer| {
            state.dispatch(AppAction::Exam(ExamAction::Answer { index, answer }));
        })
    });
    let end = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let cancel_end = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
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
        <section class="exam" aria-label={exam.form.exam.clone()}>
            <div class="exam-bar">
                <span data-testid="position">{ i18n::question_k_of_n(lang, index + 1, total) }</span>
                { timer(&exam, *now, lang) }
            </div>
            if exam.reviewing {
                { review_list(&exam, &state) }
            } else {
                <QuestionView question={question} order={item.option_order.clone()}
                    answer={exam.answers[index].clone()} {on_answer} reveal={revealed} {lang} />
            }
            <div class="exam-actions">
                <button data-testid="previous" onclick={dispatch(ExamAction::Previous)} disabled={index == 0}>{ Msg::Previous.text(lang) }</button>
                <button data-testid="flag" aria-pressed={flagged.to_string()} onclick={dispatch(ExamAction::ToggleFlag { index })}>
                    { if flagged { "⚑ " } else { "⚐ " } }{ Msg::MarkForReview.text(lang) }
                </button>
                if practice && !revealed {
                    <button data-testid="check" onclick={dispatch(ExamAction::Reveal { index })} disabled={exam.answers[index].is_none()}>{ Msg::CheckAnswer.text(lang) }</button>
                }
                <button data-testid="next" onclick={dispatch(ExamAction::Next)} disabled={index + 1 == total}>{ Msg::Next.text(lang) }</button>
                <button data-testid="review" onclick={dispatch(if exam.reviewing { ExamAction::CloseReview } else { ExamAction::OpenReview })}>{ Msg::ReviewAll.text(lang) }</button>
                <button class="danger" data-testid="end" onclick={end}>{ Msg::EndExam.text(lang) }</button>
            </div>
            { navigator(&exam, &state) }
            if *confirming {
                <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="end-title" aria-describedby="end-counts">
                    <p id="end-title"><strong>{ Msg::EndExamConfirm.text(lang) }</strong></p>
                    <p id="end-counts" data-testid="end-counts">{ i18n::unanswered_and_marked(lang, total - exam.answered_count(), exam.flagged_count()) }</p>
                    <button onclick={cancel_end}>{ Msg::Cancel.text(lang) }</button>
                    <button class="danger" data-testid="confirm-end" onclick={submit}>{ Msg::EndExam.text(lang) }</button>
                </div>
            }
        </section>
    }
}

fn timer(exam: &Exam, now_ms: u64, lang: mogi_core::bank::Lang) -> Html {
    let Some(left) = exam.remaining_ms(now_ms) else {
        return html! { <span class="timer">{ Msg::Untimed.text(lang) }</span> };
    };
    let class = match left {
        l if l <= URGENT_MS => "timer urgent",
        l if l <= WARN_MS => "timer warning",
        _ => "timer",
    };
    html! {
        <span class={class} data-testid="timer">
            <span class="visually-hidden">{ Msg::TimeRemaining.text(lang) }{ " " }</span>
            { i18n::clock(left) }
        </span>
    }
}

fn navigator(exam: &Exam, state: &AppContext) -> Html {
    let lang = state.lang;
    html! {
        <nav class="navigator" aria-label={Msg::ReviewAll.text(lang)}>
            { for (0..exam.form.items.len()).map(|i| {
                let state = state.clone();
                let go = Callback::from(move |_| state.dispatch(AppAction::Exam(ExamAction::GoTo { index: i })));
                let answered = exam.answers[i].is_some();
                let mut class = classes!("cell", answered.then_some("answered"), exam.flags[i].then_some("flagged"));
                if i == exam.current { class.push("current"); }
                let status = format!(
                    "{}: {}{}",
                    i18n::question_k_of_n(lang, i + 1, exam.form.items.len()),
                    if answered { Msg::Answered.text(lang) } else { Msg::Unanswered.text(lang) },
                    if exam.flags[i] { format!(", {}", Msg::Marked.text(lang)) } else { String::new() },
                );
                html! {
                    <button class={class} onclick={go} data-testid={format!("nav-{i}")} aria-label={status}
                        aria-current={(i == exam.current).then_some("step")}>
                        { i + 1 }{ if exam.flags[i] { "⚑" } else { "" } }
                    </button>
                }
            }) }
        </nav>
    }
}

fn review_list(exam: &Exam, state: &AppContext) -> Html {
    let lang = state.lang;
    html! {
        <ol class="review" data-testid="review-list">
            { for exam.form.items.iter().enumerate().map(|(i, _)| {
                let state = state.clone();
                let go = Callback::from(move |_| state.dispatch(AppAction::Exam(ExamAction::GoTo { index: i })));
                html! {
                    <li>
                        <button onclick={go}>{ i18n::question_k_of_n(lang, i + 1, exam.form.items.len()) }</button>
                        { " " }{ if exam.answers[i].is_some() { Msg::Answered.text(lang) } else { Msg::Unanswered.text(lang) } }
                        if exam.flags[i] { { " · " }{ Msg::Marked.text(lang) } }
                    </li>
                }
            }) }
        </ol>
    }
}
