//! The exam-guide map: every domain, task statement, skill and in-scope service of the
//! blueprint with how the user is doing on it, and "practise this" for any part.

use mogi_core::bank::Lang;
use mogi_core::guide::{Progress, drill, guide_map};
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::i18n::{self, Msg};
use crate::screens::PractiseButton;

#[component]
pub(crate) fn GuideScreen() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let exam = crate::choice::current_exam(&state);
    let Some(map) = guide_map(bank(), &state.history, &exam) else {
        return html! {};
    };
    let practise = |progress: &Progress, testid: String| {
        html! { <PractiseButton choices={drill(bank(), &exam, progress, 0)} {testid} /> }
    };
    html! {
        <section class="guide" aria-labelledby="guide-title">
            <h1 id="guide-title">{ Msg::GuideTitle.text(lang) }</h1>
            <p>{ Msg::GuideIntro.text(lang) }</p>
            <crate::screens::exam_picker::ExamPicker />
            <crate::screens::readiness::ReadinessBand exam={exam.clone()} />
            { for map.domains.iter().map(|domain| html! {
                <section class="guide-domain">
                    <h2>{ format!("{}. {} ({}%)", domain.number, domain.title.get(lang), domain.weight_percent) }</h2>
                    { standing(&domain.progress, lang) }
                    { for domain.tasks.iter().map(|task| html! {
                        <article class="guide-task" data-testid={format!("task-{}", task.id)}>
                            <h3>{ format!("{} {}", task.id, task.title.get(lang)) }</h3>
                            { standing(&task.progress, lang) }
                            { practise(&task.progress, format!("practise-{}", task.id)) }
                            if !task.skills.is_empty() {
                                <details>
                                    <summary>{ Msg::Skills.text(lang) }{ format!(" ({})", task.skills.len()) }</summary>
                                    <ul class="guide-skills">
                                        { for task.skills.iter().map(|skill| html! {
                                            <li data-testid={format!("skill-{}", skill.id)}>
                                                <strong>{ &skill.id }</strong>{ " " }{ skill.text.get(lang) }{ " — " }
                                                { standing(&skill.progress, lang) }
                                                { practise(&skill.progress, format!("practise-skill-{}", skill.id)) }
                                            </li>
                                        }) }
                                    </ul>
                                </details>
                            }
                            <details>
                                <summary>{ Msg::Services.text(lang) }{ format!(" ({})", task.services.len()) }</summary>
                                <ul class="guide-services">
                                    { for task.services.iter().map(|service| html! {
                                        <li>
                                            <strong>{ &service.name }</strong>{ " — " }
                                            { standing(&service.progress, lang) }
                                        </li>
                                    }) }
                                </ul>
                            </details>
                        </article>
                    }) }
                </section>
            }) }
        </section>
    }
}

/// "7 of 12 seen · 71% right · last practised …", or that the bank has nothing here yet.
fn standing(progress: &Progress, lang: Lang) -> Html {
    if !progress.has_questions() {
        return html! { <span class="standing none" data-testid="standing">{ Msg::NoQuestionsYet.text(lang) }</span> };
    }
    let accuracy = progress.accuracy_percent();
    let class = match accuracy {
        None => "standing unseen",
        Some(a) if a >= 70 => "standing good",
        Some(_) => "standing weak",
    };
    html! {
        <span class={class} data-testid="standing">
            { i18n::seen_of(lang, progress.seen, progress.in_bank) }
            if let Some(a) = accuracy { { format!(" · {a}% ") }{ Msg::RightLastTime.text(lang) } }
            if let Some(at) = progress.last_practised_ms { { " · " }{ Msg::LastPractised.text(lang) }{ " " }{ crate::edge::clock::local_date(at, lang) } }
        </span>
    }
}
