//! The history screen: every finished attempt in this browser (newest first, each opening
//! its full result), the trend of the scaled estimate against the pass line, the trend of
//! each domain, where the user stands per task statement and per service, and the backup
//! (export to a file, import from one).

use mogi_core::backup::{self, BackupData};
use mogi_core::bank::{Blueprint, Lang};
use mogi_core::history::Attempt;
use mogi_core::score::ASSUMED_PASS_SHARE_PERCENT;
use mogi_core::study::{self, Standing};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::edge::{clock, files};
use crate::i18n::{self, Msg};
use crate::route::Route;
use crate::screens::study::mode_name;
use crate::state::{AppAction, Notice};

#[component]
pub(crate) fn HistoryScreen() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    // Trends and standings are per exam: the one the user prepares for.
    let exam = crate::choice::current_exam(&state);
    let blueprint = bank().blueprint(&exam);
    html! {
        <section class="history" aria-labelledby="history-title">
            <h1 id="history-title">{ Msg::HistoryTitle.text(lang) }</h1>
            if state.history.is_empty() {
                <p data-testid="history-empty">{ Msg::HistoryEmpty.text(lang) }</p>
            } else {
                <div class="table-scroll">
                <table class="stack" data-testid="history">
                    <thead><tr>
                        <th scope="col">{ Msg::Date.text(lang) }</th>
                        <th scope="col">{ Msg::ChooseExam.text(lang) }</th>
                        <th scope="col">{ Msg::ChooseMode.text(lang) }</th>
                        <th scope="col">{ Msg::ScaledEstimate.text(lang) }</th>
                        <th scope="col">{ Msg::RawScore.text(lang) }</th>
                        <th scope="col">{ Msg::TimeUsed.text(lang) }</th>
                        <th scope="col"><span class="visually-hidden">{ Msg::Open.text(lang) }</span></th>
                    </tr></thead>
                    <tbody>
                        { for state.history.iter().rev().map(|a| html! {
                            <tr data-testid="history-row">
                                <td data-label={Msg::Date.text(lang)}><span class="one-line">{ clock::local_date_time(a.finished_at_ms, lang) }</span></td>
                                <td data-label={Msg::ChooseExam.text(lang)}>{ a.form.exam.to_ascii_uppercase() }
                                    if bank().blueprint(&a.form.exam).is_none_or(|b| b.retired) {
                                        { " (" }{ Msg::Retired.text(lang) }{ ")" }
                                    }
                                </td>
                                <td data-label={Msg::ChooseMode.text(lang)}>{ mode_name(a.result.mode).text(lang) }</td>
                                <td data-label={Msg::ScaledEstimate.text(lang)} data-testid="history-scaled"><span class="one-line">{ a.result.scaled }{ " " }{ if a.result.passed { Msg::Pass.text(lang) } else { Msg::Fail.text(lang) } }</span></td>
                                <td data-label={Msg::RawScore.text(lang)}><span class="one-line">{ format!("{} / {}", a.result.raw_correct, a.result.total) }</span></td>
                                <td data-label={Msg::TimeUsed.text(lang)}><span class="one-line">{ i18n::clock(a.result.time_used_ms) }</span></td>
                                <td><a href={Route::Results(a.id.clone()).to_hash()} data-testid="history-open">{ Msg::Open.text(lang) }</a></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
                if let Some(blueprint) = blueprint {
                    <crate::screens::exam_picker::ExamPicker />
                    <Trends exam={blueprint.code.clone()} />
                    <Standings exam={blueprint.code.clone()} />
                }
            }
            <BackupSection />
        </section>
    }
}

/// The attempts of one exam, oldest first.
fn attempts_of<'a>(history: &'a [Attempt], exam: &'a str) -> impl Iterator<Item = &'a Attempt> {
    history.iter().filter(move |a| a.form.exam == exam)
}

#[derive(Properties, PartialEq)]
struct ExamProps {
    /// Blueprint code.
    exam: String,
}

/// A chart coordinate in tenths of an SVG user unit, written as a decimal (`123.4`): integer
/// arithmetic keeps float formatting, and the code it needs, out of the wasm.
#[derive(Clone, Copy)]
struct Tenths(usize);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// Width and height of a chart's drawing area, and its margin (it scales to the screen).
const W: usize = 3200;
const H: usize = 1400;
const PAD: usize = 280;

/// The x position of point `i` of `n`.
fn x_of(i: usize, n: usize) -> Tenths {
    Tenths(if n <= 1 {
        PAD + (W - 2 * PAD) / 2
    } else {
        PAD + (W - 2 * PAD) * i / (n - 1)
    })
}

/// The y position of `value` on a `min..=max` scale.
fn y_of(value: u32, min: u32, max: u32) -> Tenths {
    let span = max.saturating_sub(min).max(1) as usize;
    let v = (value.clamp(min, max) - min) as usize;
    Tenths(H - PAD / 2 - (H - PAD) * v / span)
}

/// `y` moved down by `tenths`, where a label's baseline goes.
fn below(y: Tenths, tenths: usize) -> Tenths {
    Tenths(y.0 + tenths)
}

/// A line chart of `values` (`None`: no point there) on `min..=max`, with a dashed line at
/// `line`.
fn chart(
    values: &[Option<u32>],
    min: u32,
    max: u32,
    line: u32,
    title: &str,
    desc: &str,
    testid: &str,
) -> Html {
    let n = values.len();
    let points: Vec<(Tenths, Tenths, u32)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (x_of(i, n), y_of(v, min, max), v)))
        .collect();
    let polyline = points
        .iter()
        .map(|(x, y, _)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    let line_y = y_of(line, min, max);
    let id = format!("{testid}-title");
    html! {
        <svg class="chart" viewBox={format!("0 0 {} {}", Tenths(W), Tenths(H))} role="img" aria-labelledby={id.clone()}
            data-testid={testid.to_owned()} preserveAspectRatio="xMidYMid meet">
            <title id={id}>{ title }</title>
            <desc>{ desc }</desc>
            <line class="axis" x1={Tenths(PAD).to_string()} x2={Tenths(W - PAD).to_string()}
                y1={Tenths(H - PAD / 2).to_string()} y2={Tenths(H - PAD / 2).to_string()} />
            <line class="pass-line" data-testid={format!("{testid}-pass")} x1={Tenths(PAD).to_string()} x2={Tenths(W - PAD).to_string()}
                y1={line_y.to_string()} y2={line_y.to_string()} />
            <text class="label" x="2" y={below(line_y, 40).to_string()}>{ line }</text>
            <text class="label" x="2" y={below(y_of(max, min, max), 40).to_string()}>{ max }</text>
            <text class="label" x="2" y={below(y_of(min, min, max), 40).to_string()}>{ min }</text>
            if points.len() > 1 {
                <polyline class="trend" points={polyline} />
            }
            { for points.iter().map(|(x, y, v)| html! {
                <circle class="point" cx={x.to_string()} cy={y.to_string()} r="4">
                    <title>{ v }</title>
                </circle>
            }) }
        </svg>
    }
}

/// The scaled estimate of every attempt with the pass line, then one small chart per domain.
#[component]
fn Trends(props: &ExamProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let Some(blueprint) = bank().blueprint(&props.exam) else {
        return html! {};
    };
    let attempts: Vec<&Attempt> = attempts_of(&state.history, &blueprint.code).collect();
    let scaled: Vec<Option<u32>> = attempts.iter().map(|a| Some(a.result.scaled)).collect();
    let summary = attempts
        .iter()
        .map(|a| a.result.scaled.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <>
            <h2 id="trend-title">{ Msg::ScoreTrend.text(lang) }</h2>
            { chart(&scaled, blueprint.score_min, blueprint.score_max, blueprint.pass_mark,
                Msg::ScoreTrend.text(lang),
                &format!("{} {summary}", Msg::ScoreTrendDesc.text(lang)), "trend") }
            <h2>{ Msg::DomainTrends.text(lang) }</h2>
            <div class="domain-trends">
                { for blueprint.domains.iter().map(|d| {
                    let values: Vec<Option<u32>> = attempts.iter().map(|a| {
                        a.result.per_domain.iter().find(|s| s.domain == d.number).map(|s| s.tally.percent())
                    }).collect();
                    let title = format!("{}. {}", d.number, d.title.get(lang));
                    html! {
                        <figure class="domain-trend">
                            <figcaption>{ title.clone() }</figcaption>
                            { chart(&values, 0, 100, ASSUMED_PASS_SHARE_PERCENT, &title,
                                &domain_desc(&values), &format!("trend-domain-{}", d.number)) }
                        </figure>
                    }
                }) }
            </div>
        </>
    }
}

fn domain_desc(values: &[Option<u32>]) -> String {
    values
        .iter()
        .map(|v| v.map_or_else(|| "–".to_owned(), |v| format!("{v}%")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where the user stands per task statement and per service (latest answer per question).
#[component]
fn Standings(props: &ExamProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let Some(blueprint) = bank().blueprint(&props.exam) else {
        return html! {};
    };
    let tasks = study::task_standings(bank(), &state.history, &props.exam);
    let services = study::service_standings(bank(), &state.history, &props.exam);
    html! {
        <>
            <h2>{ Msg::StandingTitle.text(lang) }</h2>
            <p class="fine">{ Msg::StandingHint.text(lang) }</p>
            <div class="table-scroll">
            <table class="standing-table" data-testid="standing-tasks">
                <thead><tr>
                    <th scope="col">{ Msg::TaskStatement.text(lang) }</th>
                    <th scope="col">{ Msg::SeenInBank.text(lang) }</th>
                    <th scope="col">{ Msg::RightLastAnswer.text(lang) }</th>
                </tr></thead>
                <tbody>
                    { for tasks.iter().map(|s| html! {
                        <tr>
                            <th scope="row" class="phrases">{ format!("{} {}", s.key, task_title(blueprint, &s.key, lang)) }</th>
                            <td><span class="one-line">{ format!("{} / {}", s.seen, s.in_bank) }</span></td>
                            <td>{ share(s, lang) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <div class="table-scroll">
            <table class="standing-table" data-testid="standing-services">
                <thead><tr>
                    <th scope="col">{ Msg::Service.text(lang) }</th>
                    <th scope="col">{ Msg::SeenInBank.text(lang) }</th>
                    <th scope="col">{ Msg::RightLastAnswer.text(lang) }</th>
                </tr></thead>
                <tbody>
                    { for services.iter().map(|s| html! {
                        <tr>
                            <th scope="row" lang="en">{ s.key.clone() }</th>
                            <td><span class="one-line">{ format!("{} / {}", s.seen, s.in_bank) }</span></td>
                            <td>{ share(s, lang) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </>
    }
}

fn task_title(blueprint: &Blueprint, id: &str, lang: Lang) -> String {
    blueprint
        .task(id)
        .map(|t| t.title.get(lang).to_owned())
        .unwrap_or_default()
}

/// "3 / 4 (75%)", with a bar; "not practised yet" before any answer.
fn share(s: &Standing, lang: Lang) -> Html {
    if !s.is_seen() {
        return html! { <span class="fine">{ Msg::NotPractised.text(lang) }</span> };
    }
    let percent = s.latest.percent();
    html! {
        <>
            <span class="one-line">{ format!("{} / {} ({percent}%)", s.latest.correct, s.latest.total) }</span>
            { crate::screens::bar(percent) }
        </>
    }
}

/// Export everything to a JSON file; import one (validated first, merged without
/// duplicates; a bad file changes nothing and says why).
#[component]
fn BackupSection() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let export = {
        let state = state.clone();
        Callback::from(move |_| {
            let data = BackupData {
                history: state.history.as_ref().clone(),
                lang: Some(state.lang),
                exam: state.exam.as_deref().cloned(),
                cards: Some(state.cards.as_ref().clone()),
                retention: state.retention,
            };
            let now_ms = clock::now_ms();
            let text = backup::export(&data, now_ms);
            let name = backup::file_name(&clock::iso_date(now_ms));
            if files::download(&name, "application/json", &text).is_err() {
                state.dispatch(AppAction::Notify(Notice::ExportFailed));
            }
        })
    };
    let import = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // Let the same file be chosen again later.
            input.set_value("");
            let dispatcher = dispatcher.clone();
            files::read_text(&file, move |text| {
                let action = match text.as_deref().map(backup::parse) {
                    Some(Ok(data)) => AppAction::Import {
                        data,
                        now_ms: clock::now_ms(),
                    },
                    Some(Err(error)) => AppAction::Notify(Notice::ImportRejected(error)),
                    None => AppAction::Notify(Notice::ImportRejected(backup::ImportError::NotJson)),
                };
                dispatcher.dispatch(action);
            });
        })
    };
    html! {
        <section class="backup" aria-labelledby="backup-title">
            <h2 id="backup-title">{ Msg::Backup.text(lang) }</h2>
            <p class="fine">{ Msg::BackupHint.text(lang) }</p>
            <div class="actions">
                <button data-testid="export" onclick={export}>{ Msg::Export.text(lang) }</button>
                <label class="file-button">
                    { Msg::Import.text(lang) }
                    <input type="file" accept="application/json,.json" data-testid="import-file"
                        onchange={import} />
                </label>
            </div>
        </section>
    }
}
