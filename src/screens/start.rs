//! The start screen: pick an exam and a mode, see what it will be, start or resume.

use mogi_core::assemble::{ExamChoices, Mode};
use mogi_core::bank::{Availability, Blueprint, Day, Lang, QuestionType};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::AppContext;
use crate::bank_data::bank;
use crate::choice;
use crate::edge::clock;
use crate::i18n::{self, Msg};
use crate::route::Route;
use crate::state::AppAction;

#[derive(Clone, PartialEq)]
struct Form {
    mode: Mode,
    questions: u32,
    /// 0 means untimed.
    minutes: u32,
    esl: bool,
    /// Custom mode: the domains and question types to draw from (empty = all).
    domains: Vec<u8>,
    types: Vec<QuestionType>,
}

impl Form {
    fn choices(&self, exam: &str, seed: u64) -> Option<ExamChoices> {
        let blueprint = bank().blueprint(exam)?;
        let mut choices = ExamChoices::full_exam(blueprint, seed);
        choices.mode = self.mode;
        match self.mode {
            Mode::Exam => choices.esl_extra = self.esl,
            Mode::Practice => {
                choices.question_count = Some(self.questions);
                choices.duration_minutes = (self.minutes > 0).then_some(self.minutes);
            }
            Mode::Custom => {
                choices.question_count = Some(self.questions);
                choices.duration_minutes = (self.minutes > 0).then_some(self.minutes);
                choices.domains.clone_from(&self.domains);
                choices.types.clone_from(&self.types);
            }
        }
        Some(choices)
    }
}

/// Fetches the text of the first question of the exam `choices` give, in `lang`, while the
/// reader is on the start screen: the network is idle once the app runs, and on a slow one
/// the question then shows as soon as *Start* is pressed (or with no network by then).
fn fetch_first_question(choices: &ExamChoices, lang: Lang) {
    let Ok(form) = mogi_core::assemble::assemble(bank(), choices) else {
        return;
    };
    let first = form.items.first().map(|item| item.question_id.as_str());
    let missing = bank().missing_chunks(lang, first);
    // In the background queue, one download at a time, so that choices changed again do not
    // add downloads beside this one; *Start* takes it over if it has not begun. A failure
    // here shows nowhere: the exam's screen asks again and says so.
    crate::bank_data::fetch_next_in_background(missing, |_| ());
}

#[component]
pub(crate) fn StartScreen() -> Html {
    let state = use_context::<AppContext>().expect("App provides the context");
    let lang = state.lang;
    // A retired exam is no longer offered; attempts at it stay in the history.
    let blueprints = choice::offered();
    let exam = choice::current_exam(&state);
    let today = choice::today();
    let form = use_state(|| Form {
        mode: Mode::Exam,
        questions: 10,
        minutes: 0,
        esl: false,
        domains: Vec::new(),
        types: Vec::new(),
    });
    // The seed of the exam *Start* will begin, drawn when the screen opens so that its first
    // question can be fetched while the reader is still here.
    let seed = use_state(clock::random_seed);
    let asked_before = use_mut_ref(|| false);
    {
        let upcoming = state.exam.is_none().then(|| form.choices(&exam, *seed));
        use_effect_with((upcoming.flatten(), lang), move |(upcoming, lang)| {
            let upcoming = upcoming.clone().map(|choices| (choices, *lang));
            // Drawing the exam takes about 60 ms of a slow phone's CPU (measured under the
            // bench's 4× slowdown), so it waits until the screen has been up for less than a
            // reader's reaction time rather than delay a first click; after a change of
            // choices, until they have settled, so that typing a number does not fetch a
            // question per keystroke.
            let delay_ms = if asked_before.replace(true) { 600 } else { 250 };
            let later = gloo_timers::callback::Timeout::new(delay_ms, move || {
                if let Some((choices, lang)) = upcoming {
                    fetch_first_question(&choices, lang);
                }
            });
            move || drop(later)
        });
    }

    let Some(blueprint) = bank().blueprint(&exam) else {
        return html! { <p>{ Msg::NotEnoughQuestions.text(lang) }</p> };
    };
    let preview = form.choices(&exam, 0);
    let (count, minutes) = preview.as_ref().map_or((0, None), |c| {
        (
            c.question_count
                .unwrap_or_else(|| blueprint.total_questions()),
            c.duration_ms(blueprint)
                .map(|ms| u32::try_from(ms / 60_000).unwrap_or(u32::MAX)),
        )
    });

    let set_mode = |mode: Mode| {
        let form = form.clone();
        Callback::from(move |_| {
            form.set(Form {
                mode,
                ..(*form).clone()
            })
        })
    };
    let set_number = |apply: fn(&mut Form, u32)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(value) = input.value().parse::<u32>() {
                let mut next = (*form).clone();
                apply(&mut next, value);
                form.set(next);
            }
        })
    };
    let toggle_esl = {
        let form = form.clone();
        Callback::from(move |_| {
            form.set(Form {
                esl: !form.esl,
                ..(*form).clone()
            })
        })
    };
    let start = {
        let state = state.clone();
        let form = form.clone();
        let exam = exam.clone();
        let seed = seed.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(choices) = form.choices(&exam, *seed) {
                state.dispatch(AppAction::StartExam {
                    choices,
                    now_ms: clock::now_ms(),
                });
            }
        })
    };
    // Study groups: the same choices with a fresh seed, as a link everyone can open.
    let share_exam = {
        let state = state.clone();
        let form = form.clone();
        let exam = exam.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(choices) = form.choices(&exam, clock::random_seed()) {
                state.dispatch(AppAction::ShareNewExam(choices));
            }
        })
    };
    let resume = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(AppAction::Navigate(Route::Exam)))
    };

    let mode_option = |mode: Mode, name: Msg, hint: Msg, testid: &'static str| {
        html! {
            <label class="mode">
                <input type="radio" name="mode" data-testid={testid} checked={form.mode == mode}
                    onchange={set_mode(mode)} />
                <span><strong>{ name.text(lang) }</strong><br /><small>{ hint.text(lang) }</small></span>
            </label>
        }
    };

    html! {
        <section class="start" aria-labelledby="start-title">
            <h1 id="start-title">{ Msg::AppName.text(lang) }</h1>
            <p>{ Msg::Tagline.text(lang) }</p>
            if state.exam.is_some() {
                <button class="primary" data-testid="resume" onclick={resume}>{ Msg::ResumeExam.text(lang) }</button>
            }
            <crate::screens::due::DueReviews exam={exam.clone()} />
            <form onsubmit={start}>
                <fieldset>
                    <legend>{ Msg::ChooseExam.text(lang) }</legend>
                    { for blueprints.iter().map(|b| {
                        let choose = {
                            let state = state.clone();
                            let code = b.code.clone();
                            Callback::from(move |_| state.dispatch(AppAction::ChooseExam(code.clone())))
                        };
                        html! {
                            <label class="mode exam-choice" data-testid={format!("exam-{}", b.code)}>
                                <input type="radio" name="exam" checked={b.code == exam} onchange={choose} />
                                <span>
                                    <strong>{ b.title.get(lang) }</strong>
                                    { availability(b, lang, today) }
                                </span>
                            </label>
                        }
                    }) }
                </fieldset>
                <fieldset>
                    <legend>{ Msg::ChooseMode.text(lang) }</legend>
                    { mode_option(Mode::Exam, Msg::ModeExam, Msg::ModeExamHint, "mode-exam") }
                    { mode_option(Mode::Practice, Msg::ModePractice, Msg::ModePracticeHint, "mode-practice") }
                    { mode_option(Mode::Custom, Msg::ModeCustom, Msg::ModeCustomHint, "mode-custom") }
                </fieldset>
                if form.mode == Mode::Exam {
                    <label class="check">
                        <input type="checkbox" data-testid="esl" checked={form.esl} onchange={toggle_esl} />
                        { Msg::EslExtra.text(lang) }
                    </label>
                } else {
                    <label class="field">
                        { Msg::QuestionCount.text(lang) }
                        <input type="number" min="1" max={blueprint.total_questions().to_string()}
                            data-testid="question-count" value={form.questions.to_string()}
                            oninput={set_number(|f, v| f.questions = v)} />
                    </label>
                }
                if form.mode != Mode::Exam {
                    <label class="field">
                        { Msg::DurationMinutes.text(lang) }
                        <input type="number" min="0" max="600" data-testid="minutes"
                            value={form.minutes.to_string()} oninput={set_number(|f, v| f.minutes = v)} />
                    </label>
                }
                if form.mode == Mode::Custom {
                    <fieldset>
                        <legend>{ Msg::Domains.text(lang) }</legend>
                        { for blueprint.domains.iter().map(|d| {
                            let number = d.number;
                            let form = form.clone();
                            let checked = form.domains.contains(&number);
                            let toggle = Callback::from(move |_| {
                                let mut next = (*form).clone();
                                toggle_in(&mut next.domains, number);
                                form.set(next);
                            });
                            html! {
                                <label class="check">
                                    <input type="checkbox" checked={checked} onchange={toggle} data-testid={format!("domain-{number}")} />
                                    { format!("{number}. {} ({}%)", d.title.get(lang), d.weight_percent) }
                                </label>
                            }
                        }) }
                        <p class="fine">{ Msg::EmptyMeansAll.text(lang) }</p>
                    </fieldset>
                    <fieldset>
                        <legend>{ Msg::QuestionTypes.text(lang) }</legend>
                        { for blueprint.question_types.iter().map(|&kind| {
                            let form = form.clone();
                            let checked = form.types.contains(&kind);
                            let toggle = Callback::from(move |_| {
                                let mut next = (*form).clone();
                                toggle_in(&mut next.types, kind);
                                form.set(next);
                            });
                            html! {
                                <label class="check">
                                    <input type="checkbox" checked={checked} onchange={toggle} data-testid={format!("type-{}", kind.slug())} />
                                    { type_name(kind).text(lang) }
                                </label>
                            }
                        }) }
                        <p class="fine">{ Msg::EmptyMeansAll.text(lang) }</p>
                    </fieldset>
                }
                <p class="summary" data-testid="summary">
                    <strong>{ Msg::Summary.text(lang) }{ ": " }</strong>
                    { i18n::questions_and_minutes(lang, count, minutes) }
                    { " · " }{ Msg::PassMark.text(lang) }{ format!(" {}/{}", blueprint.pass_mark, blueprint.score_max) }
                </p>
                <button type="submit" class="primary" data-testid="start">{ Msg::StartExam.text(lang) }</button>
                <button type="button" data-testid="share-new-exam" onclick={share_exam}>{ Msg::ShareExam.text(lang) }</button>
            </form>
            <crate::screens::readiness::ReadinessBand exam={exam.clone()} />
            <crate::screens::study::StudyFromHistory />
            <p class="fine" lang={Lang::En.tag()}>{ format!("{} · {}", blueprint.version, bank().revision) }</p>
        </section>
    }
}

fn toggle_in<T: PartialEq + Ord>(list: &mut Vec<T>, value: T) {
    if let Some(at) = list.iter().position(|v| *v == value) {
        list.remove(at);
    } else {
        list.push(value);
        mogi_core::sorting::sort(list);
    }
}

/// Whether the user can sit the exam in their language now, and what they should know about
/// the form AWS delivers (a beta, a planned date), from the blueprint's facts; and a link to
/// what changed when the exam replaces another.
fn availability(blueprint: &Blueprint, lang: Lang, today: Day) -> Html {
    let status = match blueprint.availability(lang, today) {
        Availability::Now { until: None } => Some(Msg::OfferedNow.text(lang).to_owned()),
        Availability::Now { until: Some(day) } => {
            Some(format!("{} {day}", Msg::OfferedUntil.text(lang)))
        }
        Availability::From(day) => Some(format!("{} {day}", Msg::OfferedFrom.text(lang))),
        Availability::Ended(day) => Some(format!("{} {day}", Msg::OfferedEnded.text(lang))),
        Availability::Unknown => None,
    };
    // The note of the period that applies to this language now, or of the next one.
    let note = blueprint
        .offer_for(lang, today)
        .and_then(|o| o.note.as_ref());
    html! {
        <>
            if let Some(status) = status {
                <small class="exam-status" data-testid="exam-status">{ status }</small>
            }
            if let Some(note) = note {
                <small class="exam-note" data-testid="exam-note">{ note.get(lang) }</small>
            }
            if let Some(replaces) = &blueprint.replaces {
                <small>
                    <a href={Route::Changes(blueprint.code.clone()).to_hash()} data-testid="what-changed">
                        { i18n::what_changed(lang, &replaces.exam.to_ascii_uppercase()) }
                    </a>
                </small>
            }
        </>
    }
}

/// The question type's name as the exam guide gives it.
pub(crate) fn type_name(kind: QuestionType) -> Msg {
    match kind {
        QuestionType::MultipleChoice => Msg::TypeMultipleChoice,
        QuestionType::MultipleResponse => Msg::TypeMultipleResponse,
        QuestionType::Ordering => Msg::TypeOrdering,
        QuestionType::Matching => Msg::TypeMatching,
        QuestionType::CaseStudy => Msg::TypeCaseStudy,
    }
}
