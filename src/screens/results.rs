//! The results screen: pass or fail, the scaled estimate, raw score, time used, the
//! per-domain table, and every question with your answer, the key and the explanations.

use mogi_core::assemble::ExamChoices;
use mogi_core::bank::Lang;
use mogi_core::resolve::{self, ItemStatus};
use mogi_core::score::{Classification, ExamResult, Outcome};
use mogi_core::study;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::edge::clock;
use crate::i18n::{self, Msg};
use crate::screens::question::QuestionView;
use crate::screens::share_panel::{ShareExam, ShareResult};
use crate::state::AppAction;

/// Which questions the answer review lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AnswerFilter {
    All,
    Wrong,
    Marked,
}

impl AnswerFilter {
    fn shows(self, outcome: &Outcome) -> bool {
        match self {
            Self::All => true,
            Self::Wrong => !outcome.correct,
            Self::Marked => outcome.flagged,
        }
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct ResultsProps {
    pub(crate) id: String,
}

#[component]
pub(crate) fn ResultsScreen(props: &ResultsProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let filter = use_state(|| AnswerFilter::All);
    let lang = state.lang;
    let Some(attempt) = state.attempt(&props.id) else {
        return html! { <p>{ Msg::NoticeNoResult.text(lang) }</p> };
    };
    let result = &attempt.result;
    let practise_changed = study::practise_changed(bank(), &attempt.form, clock::random_seed());
    let start = |choices: ExamChoices| {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(AppAction::StartExam {
                choices: choices.clone(),
                now_ms: clock::now_ms(),
            });
        })
    };
    html! {
        <section class="results" aria-labelledby="results-title">
            <h1 id="results-title">{ Msg::Results.text(lang) }</h1>
            { score_card(result, lang, "") }
            if result.left_out > 0 {
                <div class="notice" role="status" data-testid="left-out">
                    <p>{ i18n::left_out(lang, result.left_out) }</p>
                    if let Some(choices) = practise_changed {
                        <button data-testid="practise-changed" onclick={start(choices)}>{ Msg::PractiseChanged.text(lang) }</button>
                    }
                </div>
            }
            <ShareResult attempt={attempt.clone()} />
            <ShareExam form={Some(attempt.form.clone())} />
            <h2 id="answers-title">{ Msg::YourAnswers.text(lang) }</h2>
            <div class="filters" role="group" aria-label={Msg::Filter.text(lang)}>
                { for [(AnswerFilter::All, Msg::All, "results-all"), (AnswerFilter::Wrong, Msg::Incorrect, "results-wrong"), (AnswerFilter::Marked, Msg::Marked, "results-marked")]
                    .into_iter().map(|(value, label, testid)| {
                        let filter = filter.clone();
                        let count = result.outcomes.iter().filter(|o| value.shows(o)).count();
                        html! {
                            <button aria-pressed={(*filter == value).to_string()} data-testid={testid}
                                onclick={Callback::from(move |_| filter.set(value))}>
                                { format!("{} ({count})", label.text(lang)) }
                            </button>
                        }
                    }) }
            </div>
            <ol class="answers" aria-labelledby="answers-title">
                { for (0..attempt.form.items.len()).filter_map(|i| {
                    let outcome = result.outcomes.get(i)?;
                    if !filter.shows(outcome) {
                        return None;
                    }
                    // Only a question that is still the one answered is shown with the answer.
                    let body = match resolve::shown(bank(), &attempt.form, &attempt.answers, i) {
                        Some(shown) => html! {
                            <QuestionView question={shown.question} order={shown.order}
                                answer={shown.answer} reveal=true {lang} />
                        },
                        None => {
                            let gone = resolve::resolve_item(bank(), &attempt.form, i) == ItemStatus::Removed;
                            html! {
                                <p class="notice" data-testid="result-question-changed">
                                    { if gone { Msg::QuestionRemovedSince.text(lang) } else { Msg::QuestionChangedSince.text(lang) } }
                                </p>
                            }
                        }
                    };
                    Some(html! {
                        <li value={(i + 1).to_string()} data-testid="result-question">{ body }</li>
                    })
                }) }
            </ol>
        </section>
    }
}

/// Pass or fail, the scaled estimate, raw score, time used and the per-domain table, for an
/// attempt of this browser's history and for a result opened from a link. `testid_prefix`
/// keeps the two apart for tests.
pub(crate) fn score_card(result: &ExamResult, lang: Lang, testid_prefix: &str) -> Html {
    let blueprint = bank().blueprint(&result.exam);
    let verdict = if result.passed { Msg::Pass } else { Msg::Fail };
    html! {
        <>
            <p class={if result.passed { "verdict right big" } else { "verdict wrong big" }} data-testid={format!("{testid_prefix}pass-fail")}>
                { verdict.text(lang) }
            </p>
            <dl class="figures">
                <dt>{ Msg::ScaledEstimate.text(lang) }</dt>
                <dd data-testid={format!("{testid_prefix}scaled")}>
                    <span class="one-line">{ format!("{} / {}", result.scaled, result.score_max) }</span>
                    { " " }<span class="one-line">{ "(" }{ Msg::PassMark.text(lang) }{ format!(" {})", result.pass_mark) }</span>
                </dd>
                <dt>{ Msg::RawScore.text(lang) }</dt>
                <dd data-testid={format!("{testid_prefix}raw")} class="one-line">{ format!("{} / {}", result.raw_correct, result.total) }</dd>
                <dt>{ Msg::TimeUsed.text(lang) }</dt>
                <dd class="one-line">{ i18n::clock(result.time_used_ms) }</dd>
            </dl>
            <p class="fine">{ Msg::ScaledEstimateNote.text(lang) }</p>
            <table class="domains stack">
                <thead><tr>
                    <th scope="col">{ Msg::Domain.text(lang) }</th>
                    <th scope="col">{ Msg::Score.text(lang) }</th>
                    <th scope="col">{ Msg::Results.text(lang) }</th>
                </tr></thead>
                <tbody>
                    { for result.per_domain.iter().map(|d| {
                        let title = blueprint.and_then(|b| b.domain(d.domain)).map(|x| x.title.get(lang).to_owned()).unwrap_or_default();
                        let share = d.tally.percent();
                        html! {
                            <tr data-testid={format!("{testid_prefix}domain")}>
                                <th scope="row" class="phrases">{ format!("{}. {title}", d.domain) }</th>
                                <td data-label={Msg::Score.text(lang)}>
                                    <span class="one-line">{ format!("{} / {}", d.tally.correct, d.tally.total) }</span>
                                    { crate::screens::bar(share) }
                                </td>
                                <td data-label={Msg::Results.text(lang)}><span class="one-line">{ classification(d.classification, lang) }</span></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </>
    }
}

fn classification(classification: Classification, lang: Lang) -> &'static str {
    match classification {
        Classification::MeetsCompetencies => Msg::MeetsCompetencies.text(lang),
        Classification::NeedsImprovement => Msg::NeedsImprovement.text(lang),
    }
}
