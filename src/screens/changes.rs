//! What changed from the exam a blueprint replaces: weights side by side, then every skill
//! added, removed, reworded, moved or kept, with "practise this" on the new exam's questions
//! for each new skill. Built from the blueprints (`mogi_core::changes`); nothing is exam code.

use mogi_core::bank::{Basis, ChangeKind};
use mogi_core::changes::{ChangeRow, SkillRef, comparison, practise_row};
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::i18n::{self, Msg};
use crate::screens::PractiseButton;

#[derive(Properties, PartialEq)]
pub(crate) struct ChangesProps {
    /// The code of the exam that replaces another.
    pub(crate) exam: String,
}

#[component]
pub(crate) fn ChangesScreen(props: &ChangesProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let Some(c) = comparison(bank(), &state.history, &props.exam) else {
        return html! { <p data-testid="no-changes">{ Msg::NoComparison.text(lang) }</p> };
    };
    let old = c.old_exam.to_ascii_uppercase();
    let new = c.new_exam.to_ascii_uppercase();
    let practise = |row: &ChangeRow, testid: String| {
        html! { <PractiseButton choices={practise_row(bank(), &c.new_exam, row, 0)} {testid} /> }
    };
    let skills = |list: &[SkillRef], exam: &str| -> Html {
        html! {
            <ul class="change-skills">
                { for list.iter().map(|s| html! {
                    <li><strong>{ format!("{exam} {}", s.id) }</strong>{ " " }{ s.text.get(lang) }</li>
                }) }
            </ul>
        }
    };
    html! {
        <section class="changes" aria-labelledby="changes-title">
            <h1 id="changes-title">{ i18n::what_changed_title(lang, &old, &new) }</h1>
            <p>{ Msg::ChangesIntro.text(lang) }{ " " }
                <a href={c.source_url.clone()} rel="noopener" target="_blank">{ Msg::ChangesSource.text(lang) }</a>
            </p>
            <h2>{ Msg::Domains.text(lang) }</h2>
            <div class="table-scroll">
            <table data-testid="change-weights">
                <thead><tr>
                    <th scope="col">{ old.clone() }</th>
                    <th scope="col">{ new.clone() }</th>
                </tr></thead>
                <tbody>
                    { for c.weights.iter().map(|w| {
                        let cell = |side: &Option<(mogi_core::bank::Text, u32)>| side.as_ref().map_or_else(
                            || html! { <td>{ "—" }</td> },
                            |(title, weight)| html! { <td>{ format!("{}. {} ({weight}%)", w.number, title.get(lang)) }</td> },
                        );
                        html! { <tr>{ cell(&w.old) }{ cell(&w.new) }</tr> }
                    }) }
                </tbody>
            </table>
            </div>
            { for ChangeKind::ALL.iter().filter(|k| c.rows.iter().any(|r| r.kind == **k)).map(|&kind| {
                let rows: Vec<&ChangeRow> = c.rows.iter().filter(|r| r.kind == kind).collect();
                html! {
                    <section class="change-kind" data-testid={format!("changes-{}", kind.slug())}>
                        <h2>{ kind_name(kind).text(lang) }{ format!(" ({})", rows.len()) }</h2>
                        <ul class="change-rows">
                            { for rows.iter().enumerate().map(|(i, row)| html! {
                                <li data-testid="change-row">
                                    if !row.from.is_empty() { { skills(&row.from, &old) } }
                                    if !row.from.is_empty() && !row.to.is_empty() { <span aria-hidden="true">{ "↓" }</span> }
                                    if !row.to.is_empty() { { skills(&row.to, &new) } }
                                    if let Some(note) = &row.note { <p class="fine">{ note.get(lang) }</p> }
                                    <p class="fine">
                                        { match row.basis { Basis::Aws => Msg::BasisAws, Basis::Ours => Msg::BasisOurs }.text(lang) }
                                        if !row.to.is_empty() {
                                            { " · " }{ i18n::question_count(lang, row.progress.in_bank) }
                                        }
                                    </p>
                                    if !row.to.is_empty() {
                                        { practise(row, format!("practise-{}-{i}", kind.slug())) }
                                    }
                                </li>
                            }) }
                        </ul>
                    </section>
                }
            }) }
        </section>
    }
}

fn kind_name(kind: ChangeKind) -> Msg {
    match kind {
        ChangeKind::Kept => Msg::ChangeKept,
        ChangeKind::Reworded => Msg::ChangeReworded,
        ChangeKind::Moved => Msg::ChangeMoved,
        ChangeKind::Merged => Msg::ChangeMerged,
        ChangeKind::Split => Msg::ChangeSplit,
        ChangeKind::Promoted => Msg::ChangePromoted,
        ChangeKind::Added => Msg::ChangeAdded,
        ChangeKind::Removed => Msg::ChangeRemoved,
    }
}
