//! The group board: result links from a study group, side by side per exam (scaled
//! estimate, raw score, each domain), and per question how many got it right, fewest first,
//! so the group sees which questions to discuss. Kept in this browser only.

use mogi_core::group::questions_to_discuss;
use mogi_core::score::ExamResult;
use mogi_core::share::{self, OpenedResult};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::i18n::{self, Msg};
use crate::route::Route;
use crate::screens::share_panel::{LinkBox, full_link};
use crate::state::AppAction;

/// The members of one exam on the board: (board index, opened result).
struct ExamGroup {
    exam_link: String,
    members: Vec<(usize, OpenedResult)>,
}

/// Opens every link on the board and groups the results by exam, in the order the exams
/// first appear; returns the groups and the board indices that no longer open.
fn groups(links: &[String]) -> (Vec<ExamGroup>, Vec<usize>) {
    let mut groups: Vec<ExamGroup> = Vec::new();
    let mut unreadable = Vec::new();
    for (index, link) in links.iter().enumerate() {
        match share::open_result(bank(), link) {
            Ok(opened) => match groups.iter_mut().find(|g| g.exam_link == opened.exam_link) {
                Some(group) => group.members.push((index, opened)),
                None => groups.push(ExamGroup {
                    exam_link: opened.exam_link.clone(),
                    members: vec![(index, opened)],
                }),
            },
            Err(_) => unreadable.push(index),
        }
    }
    (groups, unreadable)
}

/// The text of rendered question HTML, cut to about `max` characters.
fn excerpt(html: &str, max: usize) -> String {
    let text = mogi_core::bank::plain_text(html);
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.chars().count() <= max {
        joined
    } else {
        let cut: String = joined.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

#[component]
pub(crate) fn GroupScreen() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let pasted = use_node_ref();
    let board = use_memo(std::rc::Rc::clone(&state.group), |links| groups(links));
    let (exam_groups, unreadable) = &*board;
    let add = {
        let state = state.clone();
        let pasted = pasted.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(field) = pasted.cast::<HtmlTextAreaElement>() {
                state.dispatch(AppAction::AddToGroup(field.value()));
                field.set_value("");
            }
        })
    };
    let clear = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(AppAction::ClearGroup))
    };
    let remove = |index: usize| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(AppAction::RemoveFromGroup(index)))
    };
    html! {
        <section class="group" aria-labelledby="group-title">
            <h1 id="group-title">{ Msg::GroupTitle.text(lang) }</h1>
            <p>{ Msg::GroupIntro.text(lang) }</p>
            <form onsubmit={add}>
                <label class="field" for="group-paste">{ Msg::PasteLinks.text(lang) }</label>
                <textarea id="group-paste" rows="3" data-testid="group-paste" ref={pasted} />
                <button type="submit" data-testid="group-add">{ Msg::AddLinks.text(lang) }</button>
            </form>
            if state.group.is_empty() {
                <p data-testid="group-empty">{ Msg::GroupEmpty.text(lang) }</p>
            }
            { for unreadable.iter().map(|&index| html! {
                <p class="notice" data-testid="group-unreadable">
                    <span>{ Msg::BoardEntryUnreadable.text(lang) }</span>
                    <button onclick={remove(index)}>{ Msg::Remove.text(lang) }</button>
                </p>
            }) }
            { for exam_groups.iter().map(|group| html! {
                <ExamBoard group_members={group.members.iter().map(|(i, m)| (*i, m.name.clone(), m.result.clone())).collect::<Vec<_>>()}
                    exam_link={group.exam_link.clone()} on_remove={Callback::from({
                        let state = state.clone();
                        move |index: usize| state.dispatch(AppAction::RemoveFromGroup(index))
                    })} />
            }) }
            if !state.group.is_empty() {
                <button data-testid="group-clear" onclick={clear}>{ Msg::ClearBoard.text(lang) }</button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ExamBoardProps {
    /// (board index, display name, result), in board order.
    group_members: Vec<(usize, String, ExamResult)>,
    exam_link: String,
    on_remove: Callback<usize>,
}

/// One exam's members side by side and the questions to discuss.
#[component]
fn ExamBoard(props: &ExamBoardProps) -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    let Some((_, _, first)) = props.group_members.first() else {
        return html! {};
    };
    let blueprint = bank().blueprint(&first.exam);
    let title = blueprint
        .map(|b| b.title.get(lang).to_owned())
        .unwrap_or_default();
    let domains: Vec<u8> = first.per_domain.iter().map(|d| d.domain).collect();
    let results: Vec<&ExamResult> = props.group_members.iter().map(|(_, _, r)| r).collect();
    let discuss = questions_to_discuss(&results);
    let name = |n: &str| {
        if n.is_empty() {
            Msg::Anonymous.text(lang).to_owned()
        } else {
            n.to_owned()
        }
    };
    html! {
        <article class="exam-board" data-testid="exam-board">
            <h2>{ title }</h2>
            <div class="table-scroll">
            <table data-testid="group-members">
                <thead><tr>
                    <th scope="col">{ Msg::Member.text(lang) }</th>
                    <th scope="col">{ Msg::ScaledEstimate.text(lang) }</th>
                    <th scope="col">{ Msg::RawScore.text(lang) }</th>
                    { for domains.iter().map(|d| {
                        let full = blueprint.and_then(|b| b.domain(*d)).map(|x| x.title.get(lang).to_owned()).unwrap_or_default();
                        html! { <th scope="col" title={full}>{ format!("{} {d}", Msg::Domain.text(lang)) }</th> }
                    }) }
                    <th scope="col"><span class="visually-hidden">{ Msg::Remove.text(lang) }</span></th>
                </tr></thead>
                <tbody>
                    { for props.group_members.iter().map(|(index, member, result)| {
                        let index = *index;
                        let on_remove = props.on_remove.clone();
                        html! {
                            <tr data-testid="group-member">
                                <th scope="row" data-testid="member-name">{ name(member) }</th>
                                <td data-testid="member-scaled">{ result.scaled }{ " " }{ if result.passed { Msg::Pass.text(lang) } else { Msg::Fail.text(lang) } }</td>
                                <td data-testid="member-raw">{ format!("{} / {}", result.raw_correct, result.total) }</td>
                                { for domains.iter().map(|d| {
                                    let tally = result.per_domain.iter().find(|x| x.domain == *d).map(|x| x.tally).unwrap_or_default();
                                    html! { <td data-testid="member-domain">{ format!("{} / {}", tally.correct, tally.total) }</td> }
                                }) }
                                <td><button data-testid="member-remove" onclick={Callback::from(move |_: MouseEvent| on_remove.emit(index))}>{ Msg::Remove.text(lang) }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <h3>{ Msg::QuestionsToDiscuss.text(lang) }</h3>
            <div class="table-scroll">
            <table data-testid="group-questions">
                <thead><tr>
                    <th scope="col">{ Msg::QuestionLabel.text(lang) }</th>
                    <th scope="col">{ Msg::RightCount.text(lang) }</th>
                    { for props.group_members.iter().map(|(_, member, _)| html! { <th scope="col">{ name(member) }</th> }) }
                </tr></thead>
                <tbody>
                    { for discuss.iter().map(|q| {
                        let question = bank().question(&q.question_id);
                        let stem = question.map(|q| excerpt(q.content().stem.get(lang), 90)).unwrap_or_default();
                        let place = question
                            .and_then(|q| q.task_in(&first.exam))
                            .map(|task| format!("{task} · "))
                            .unwrap_or_default();
                        html! {
                            <tr data-testid="discuss-row">
                                <th scope="row">
                                    <span data-testid="discuss-position">{ format!("{} {}", Msg::QuestionLabel.text(lang), q.position) }</span>
                                    <br /><small>{ place }{ stem }</small>
                                </th>
                                <td data-testid="discuss-right">{ i18n::members_right(lang, q.right_count(), q.right.len()) }</td>
                                { for q.right.iter().map(|&right| html! {
                                    <td>{ if right { Msg::Correct.text(lang) } else { Msg::Incorrect.text(lang) } }</td>
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <h3>{ Msg::ShareExam.text(lang) }</h3>
            <LinkBox link={full_link(&Route::Take(props.exam_link.clone()))} testid="board-exam" />
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_plain_text() {
        assert_eq!(
            excerpt("<p>A <code>S3</code> bucket &amp; more</p>", 50),
            "A S3 bucket & more"
        );
        assert_eq!(excerpt("<p>abcdef</p>", 3), "abc…");
    }
}
