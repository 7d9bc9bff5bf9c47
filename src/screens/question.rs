//! One question: its stem, its answer controls for the five types, and (when revealed) the
//! verdict, the key and the explanation of every option. Used while answering and in results.

use mogi_core::bank::{Body, Lang, Question, Response, Text, plain_text};
use mogi_core::exam::Answer;
use mogi_core::score::is_correct;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::bank_data::{self, bank};
use crate::i18n::{self, Msg};
use crate::report;
use crate::screens::glossary::TermCard;

#[derive(Properties, PartialEq)]
pub(crate) struct QuestionProps {
    pub(crate) question: &'static Question,
    /// Display order of the options or responses (original indices).
    pub(crate) order: Vec<usize>,
    pub(crate) answer: Option<Answer>,
    /// `None` makes the question read-only.
    #[prop_or_default]
    pub(crate) on_answer: Option<Callback<Answer>>,
    /// Show the verdict, the key and the explanations.
    #[prop_or_default]
    pub(crate) reveal: bool,
    pub(crate) lang: Lang,
}

/// Bank text is rendered to safe HTML at build time (raw HTML is a build error), so it is
/// inserted as HTML; nothing typed by a user ever goes through here.
pub(crate) fn rich(text: &Text, lang: Lang) -> Html {
    Html::from_html_unchecked(AttrValue::from(text.get(lang).to_owned()))
}

#[component]
pub(crate) fn QuestionView(props: &QuestionProps) -> Html {
    let question = props.question;
    let lang = props.lang;
    let controls = match &question.content().body {
        Body::MultipleChoice { options } | Body::MultipleResponse { options } => choice_controls(
            props,
            options
                .iter()
                .map(|o| (&o.text, o.correct, &o.why))
                .collect(),
        ),
        Body::Ordering { responses, order } => {
            slot_controls(props, responses, order.len(), order, |step| {
                format!("{} {}", Msg::Step.text(lang), step + 1)
            })
        }
        Body::Matching {
            prompts,
            responses,
            key,
        } => slot_controls(props, responses, prompts.len(), key, |prompt| {
            prompts
                .get(prompt)
                .map(|p| p.get(lang).to_owned())
                .unwrap_or_default()
        }),
    };
    let case_study = question
        .case_study
        .as_deref()
        .and_then(|id| bank().case_study(id));
    // Text fetched on demand (the glossary, the other language) shows once it is in.
    let refresh = use_force_update();
    let looked_up = use_state(|| None::<String>);
    let look_up = {
        let looked_up = looked_up.clone();
        let refresh = refresh.clone();
        Callback::from(move |e: MouseEvent| {
            // A term link in bank text opens its glossary card here, without leaving the question.
            let link = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a.term").ok().flatten());
            if let Some(id) = link
                .and_then(|a| a.get_attribute("href"))
                .and_then(|href| href.strip_prefix("#/glossary/").map(str::to_owned))
            {
                e.prevent_default();
                let refresh = refresh.clone();
                bank_data::fetch_chunks(bank().missing_glossary(lang), move |_| {
                    refresh.force_update();
                });
                looked_up.set(Some(id));
            }
        })
    };
    let close_term = {
        let looked_up = looked_up.clone();
        Callback::from(move |_| looked_up.set(None))
    };
    let term = looked_up.as_deref().and_then(|id| bank().glossary_term(id));
    let other = use_state(|| false);
    let other_failed = use_state(|| false);
    let toggle_other = {
        let other = other.clone();
        let other_failed = other_failed.clone();
        Callback::from(move |_| {
            if !*other {
                // The other language's text arrives when first asked for, if the background
                // has not brought it yet.
                let missing = bank().missing_chunks(lang.other(), [question.id.as_str()]);
                let other_failed = other_failed.clone();
                let refresh = refresh.clone();
                bank_data::fetch_chunks(missing, move |loaded| {
                    other_failed.set(loaded.is_err());
                    refresh.force_update();
                });
            }
            other.set(!*other);
        })
    };
    let other_missing = !bank()
        .missing_chunks(lang.other(), [question.id.as_str()])
        .is_empty();
    html! {
        <article class="question" data-testid="question" data-question-id={question.id.clone()}
            data-type={question.format.slug()} onclick={look_up}>
            if let Some(entry) = term {
                <aside class="term-popover" role="dialog" aria-label={entry.term.get(lang).to_owned()} data-testid="term-popover">
                    <TermCard entry={entry.clone()} {lang} />
                    <button data-testid="close-term" onclick={close_term}>{ Msg::Close.text(lang) }</button>
                </aside>
            }
            if let Some(case) = case_study {
                <details class="scenario" open=true data-testid="scenario">
                    <summary>{ Msg::CaseStudy.text(lang) }{ ": " }{ case.title.get(lang) }</summary>
                    if let Some(scenario) = bank().scenario(&case.id) { { rich(scenario, lang) } }
                </details>
            }
            <div class="stem" data-testid="stem">{ rich(&question.content().stem, lang) }</div>
            if let Body::MultipleResponse { .. } = question.content().body {
                <p class="choose"><strong>{ i18n::choose_n(lang, question.content().body.correct_count()) }</strong></p>
            }
            { controls }
            <button class="quiet" data-testid="other-language" aria-expanded={other.to_string()} onclick={toggle_other}
                lang={lang.other().tag()}>{ Msg::ShowInOtherLanguage.text(lang.other()) }</button>
            if *other && *other_failed && other_missing {
                <p class="content-wait" role="alert">{ Msg::QuestionsFailed.text(lang) }</p>
            } else if *other && other_missing {
                <p class="content-wait" role="status">{ Msg::LoadingQuestions.text(lang) }</p>
            } else if *other {
                { in_other_language(question, &props.order, lang.other()) }
            }
            if props.reveal {
                { verdict(props) }
            }
        </article>
    }
}

/// The stem and every option in the other language, for checking a term mid-exam; a case
/// study's scenario too, folded.
fn in_other_language(question: &Question, order: &[usize], lang: Lang) -> Html {
    let case_study = question.case_study.as_deref();
    let scenario = case_study.and_then(|id| Some((bank().case_study(id)?, bank().scenario(id)?)));
    let texts: Vec<&Text> = match &question.content().body {
        Body::MultipleChoice { options } | Body::MultipleResponse { options } => order
            .iter()
            .filter_map(|&i| options.get(i).map(|o| &o.text))
            .collect(),
        Body::Ordering { responses, .. } => order
            .iter()
            .filter_map(|&i| responses.get(i).map(|r| &r.text))
            .collect(),
        Body::Matching {
            prompts, responses, ..
        } => prompts
            .iter()
            .chain(
                order
                    .iter()
                    .filter_map(|&i| responses.get(i).map(|r| &r.text)),
            )
            .collect(),
    };
    html! {
        <div class="other-lang" lang={lang.tag()} data-testid="other-language-text">
            if let Some((case, scenario)) = scenario {
                <details class="scenario" data-testid="other-language-scenario">
                    <summary>{ Msg::CaseStudy.text(lang) }{ ": " }{ case.title.get(lang) }</summary>
                    { rich(scenario, lang) }
                </details>
            }
            { rich(&question.content().stem, lang) }
            <ul>{ for texts.into_iter().map(|t| html! { <li>{ rich(t, lang) }</li> }) }</ul>
        </div>
    }
}

fn verdict(props: &QuestionProps) -> Html {
    let lang = props.lang;
    let question = props.question;
    let (class, label) = match (&props.answer, is_correct(question, props.answer.as_ref())) {
        (None, _) => ("verdict wrong", Msg::Unanswered),
        (Some(_), true) => ("verdict right", Msg::Correct),
        (Some(_), false) => ("verdict wrong", Msg::Incorrect),
    };
    html! {
        <section class="explanation" data-testid="explanation">
            <p class={class} data-testid="verdict"><strong>{ label.text(lang) }</strong></p>
            <h3>{ Msg::Explanation.text(lang) }</h3>
            { rich(&question.content().explanation, lang) }
            <h3>{ Msg::References.text(lang) }</h3>
            <ul class="references">
                { for question.content().references.iter().map(|url| html! {
                    <li><a href={url.clone()} target="_blank" rel="noopener noreferrer">{ url }</a></li>
                }) }
            </ul>
            if let Some(base) = report::ISSUES_URL {
                <ReportProblem base={base} question_id={question.id.clone()} {lang} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReportProps {
    base: &'static str,
    question_id: String,
    lang: Lang,
}

/// A note and a link that opens a prefilled issue about this question in a new tab.
#[component]
fn ReportProblem(props: &ReportProps) -> Html {
    let note = use_state(String::new);
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            note.set(area.value());
        })
    };
    let lang = props.lang;
    let url = report::report_url(
        props.base,
        &props.question_id,
        &bank().revision,
        lang,
        &note,
    );
    html! {
        <details class="report" data-testid="report">
            <summary>{ Msg::ReportProblem.text(lang) }</summary>
            <label class="field">
                { Msg::ReportNote.text(lang) }
                <textarea rows="3" value={(*note).clone()} oninput={on_note} data-testid="report-note" />
            </label>
            <a href={url} target="_blank" rel="noopener noreferrer" data-testid="report-link">{ Msg::ReportOpen.text(lang) }</a>
        </details>
    }
}

/// Multiple choice (radios) and multiple response (checkboxes with a count).
fn choice_controls(props: &QuestionProps, options: Vec<(&Text, bool, &Text)>) -> Html {
    let lang = props.lang;
    let multiple = matches!(props.question.content().body, Body::MultipleResponse { .. });
    let chosen: Vec<usize> = match &props.answer {
        Some(Answer::Choices(c)) => c.clone(),
        _ => Vec::new(),
    };
    let wanted = props.question.content().body.correct_count();
    let name = format!("q-{}", props.question.id);
    let letters = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
    html! {
        <fieldset class="options" disabled={props.on_answer.is_none()}>
            <legend class="visually-hidden">{ Msg::YourAnswer.text(lang) }</legend>
            if multiple {
                <p class="count" aria-live="polite" data-testid="selected-count">{ i18n::selected_of(lang, chosen.len(), wanted) }</p>
            }
            // The order comes checked against the question (mogi_core::resolve); `get` still
            // keeps a question whose content could not be read (no options) from panicking.
            { for props.order.iter().enumerate().filter_map(|(position, &original)| {
                let &(text, correct, why) = options.get(original)?;
                let checked = chosen.contains(&original);
                let onchange = props.on_answer.clone().map(|on_answer| {
                    let chosen = chosen.clone();
                    Callback::from(move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        let mut next = if multiple { chosen.clone() } else { Vec::new() };
                        next.retain(|&i| i != original);
                        if input.checked() {
                            next.push(original);
                        }
                        next.sort_unstable();
                        on_answer.emit(Answer::Choices(next));
                    })
                });
                let mark = match (props.reveal, correct) {
                    (true, true) => "option key",
                    (true, false) if checked => "option chosen-wrong",
                    _ => "option",
                };
                Some(html! {
                    <div class={mark}>
                        <label>
                            <input type={if multiple { "checkbox" } else { "radio" }} name={name.clone()}
                                data-testid={format!("option-{position}")} checked={checked} {onchange} />
                            <span class="letter" aria-hidden="true">{ letters.get(position).copied().unwrap_or('·') }</span>
                            <span class="text">{ rich(text, lang) }</span>
                        </label>
                        if props.reveal {
                            <p class="why">
                                <strong>{ if correct { Msg::Correct.text(lang) } else { Msg::Incorrect.text(lang) } }{ ": " }</strong>
                                { rich(why, lang) }
                            </p>
                        }
                    </div>
                })
            }) }
        </fieldset>
    }
}

/// Ordering (one drop-down per step) and matching (one drop-down per prompt).
fn slot_controls(
    props: &QuestionProps,
    responses: &[Response],
    slots: usize,
    key: &[usize],
    slot_label: impl Fn(usize) -> String,
) -> Html {
    let lang = props.lang;
    let filled: Vec<Option<usize>> = match &props.answer {
        Some(Answer::Slots(s)) if s.len() == slots => s.clone(),
        _ => vec![None; slots],
    };
    html! {
        <div class="slots">
            { for (0..slots).map(|slot| {
                let id = format!("slot-{}-{slot}", props.question.id);
                let onchange = props.on_answer.clone().map(|on_answer| {
                    let filled = filled.clone();
                    Callback::from(move |e: Event| {
                        let select: HtmlSelectElement = e.target_unchecked_into();
                        let mut next = filled.clone();
                        if let Some(place) = next.get_mut(slot) {
                            *place = select.value().parse::<usize>().ok();
                        }
                        on_answer.emit(Answer::Slots(next));
                    })
                });
                let current = filled.get(slot).copied().flatten();
                html! {
                    <div class="slot">
                        <label for={id.clone()}>{ slot_label(slot) }</label>
                        <select id={id} data-testid={format!("slot-{slot}")} disabled={props.on_answer.is_none()} {onchange}>
                            <option value="" selected={current.is_none()}>{ Msg::SelectPlaceholder.text(lang) }</option>
                            { for props.order.iter().filter_map(|&original| Some(html! {
                                <option value={original.to_string()} selected={current == Some(original)}>
                                    { plain(&responses.get(original)?.text, lang) }
                                </option>
                            })) }
                        </select>
                        if props.reveal {
                            <p class="why">
                                <strong>{ Msg::KeyAnswer.text(lang) }{ ": " }</strong>
                                { key.get(slot).and_then(|&k| responses.get(k)).map(|r| plain(&r.text, lang)).unwrap_or_default() }
                            </p>
                        }
                    </div>
                }
            }) }
            if props.reveal {
                <ul class="whys">
                    { for responses.iter().filter(|r| !r.why.get(lang).is_empty()).map(|r| html! {
                        <li><strong>{ plain(&r.text, lang) }{ ": " }</strong>{ rich(&r.why, lang) }</li>
                    }) }
                </ul>
            }
        </div>
    }
}

/// A response's text without markup, for `<option>` elements, which cannot hold HTML.
fn plain(text: &Text, lang: Lang) -> String {
    plain_text(text.get(lang))
}
