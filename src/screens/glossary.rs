//! The glossary screen: every in-scope service and exam term in both languages, searchable
//! in either, with when each is the right choice on the exam; and the card a question shows
//! when a term in its text is looked up.

use mogi_core::bank::{GlossaryEntry, Lang, TermKind};
use mogi_core::sorting;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::i18n::Msg;
use crate::route::Route;
use crate::screens::question::rich;

#[derive(Properties, PartialEq)]
pub(crate) struct GlossaryProps {
    /// The entry the URL names, shown first.
    pub(crate) focus: Option<String>,
}

/// Whether `entry` matches every word of `query`, in either language.
pub(crate) fn matches(entry: &GlossaryEntry, query: &str) -> bool {
    let haystack = lowercase(
        &[
            &entry.term.en,
            &entry.term.ja,
            &entry.definition.en,
            &entry.definition.ja,
            entry.service.as_deref().unwrap_or_default(),
        ]
        .join("\n"),
    );
    lowercase(query)
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// `text` in lower case by the browser's Unicode tables (`String.prototype.toLowerCase`):
/// Rust's own would put those tables in the wasm.
fn lowercase(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

#[component]
pub(crate) fn GlossaryScreen(props: &GlossaryProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let query = use_state(String::new);
    let on_search = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            query.set(input.value());
        })
    };
    // One glossary for every exam: questions of any exam link any entry.
    let focused = props
        .focus
        .as_deref()
        .and_then(|id| bank().glossary_term(id));
    // Each term lowercased once, not at every comparison.
    let mut shown: Vec<(String, &GlossaryEntry)> = bank()
        .glossary()
        .iter()
        .filter(|e| matches(e, &query))
        .map(|e| (lowercase(e.term.get(lang)), e))
        .collect();
    sorting::sort_by(&mut shown, |a, b| a.0.cmp(&b.0));
    html! {
        <section class="glossary" aria-labelledby="glossary-title">
            <h1 id="glossary-title">{ Msg::GlossaryTitle.text(lang) }</h1>
            <p>{ Msg::GlossaryIntro.text(lang) }</p>
            <label class="field">
                { Msg::Search.text(lang) }
                <input type="search" data-testid="glossary-search" value={(*query).clone()} oninput={on_search} />
            </label>
            if let Some(entry) = focused {
                <TermCard entry={entry.clone()} {lang} focused=true />
            }
            <p class="fine" data-testid="glossary-count" aria-live="polite">{ format!("{} / {}", shown.len(), bank().glossary().len()) }</p>
            if shown.is_empty() {
                <p>{ Msg::GlossaryNone.text(lang) }</p>
            }
            <div class="terms">
                { for shown.into_iter().map(|(_, entry)| html! { <TermCard entry={entry.clone()} {lang} /> }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct TermCardProps {
    pub(crate) entry: GlossaryEntry,
    pub(crate) lang: Lang,
    #[prop_or_default]
    pub(crate) focused: bool,
}

/// One entry: the term in both languages, what it is, when it is the answer, what it is
/// confused with, and its AWS documentation.
#[component]
pub(crate) fn TermCard(props: &TermCardProps) -> Html {
    let entry = &props.entry;
    let lang = props.lang;
    let kind = match entry.kind {
        TermKind::Service => Msg::KindService,
        TermKind::Feature => Msg::KindFeature,
        TermKind::Concept => Msg::KindConcept,
    };
    let other = entry.term.get(lang.other());
    html! {
        <article class={classes!("term-card", props.focused.then_some("focused"))}
            data-testid={if props.focused { "term-focused" } else { "term" }} data-term-id={entry.id.clone()}>
            <h2>
                { entry.term.get(lang) }
                if other != entry.term.get(lang) {
                    <span class="other" lang={lang.other().tag()}>{ format!(" / {other}") }</span>
                }
            </h2>
            <p class="fine">
                { kind.text(lang) }
                if let Some(service) = &entry.service { { " · " }{ service } }
                if !entry.tasks.is_empty() { { " · " }{ Msg::TaskStatements.text(lang) }{ format!(" {} ", entry.exam.to_ascii_uppercase()) }{ entry.tasks.join(", ") } }
            </p>
            { rich(&entry.definition, lang) }
            <h3>{ Msg::OnTheExam.text(lang) }</h3>
            { rich(&entry.on_the_exam, lang) }
            if !entry.confused_with.is_empty() {
                <p>
                    <strong>{ Msg::ConfusedWith.text(lang) }{ ": " }</strong>
                    { for entry.confused_with.iter().filter_map(|id| bank().glossary_term(id)).map(|other| html! {
                        <><a href={Route::Glossary(Some(other.id.clone())).to_hash()}>{ other.term.get(lang) }</a>{ " " }</>
                    }) }
                </p>
            }
            <p><a href={entry.reference.clone()} target="_blank" rel="noopener noreferrer">{ Msg::AwsDocs.text(lang) }</a></p>
        </article>
    }
}
