//! The app's state and its reducer: which screen, which language, the exam in progress and
//! the history. The reducer is pure: time and seeds arrive inside actions, and storage is
//! written by effects in `app.rs`, never here.

use std::rc::Rc;

use mogi_core::assemble::{ExamChoices, assemble};
use mogi_core::bank::Lang;
use mogi_core::exam::{Action as ExamAction, Exam, Phase, SubmitReason};
use mogi_core::history::Attempt;
use yew::Reducible;

use crate::bank_data::bank;
use crate::edge::storage::StorageFault;
use crate::i18n::Msg;
use crate::route::Route;

/// A message shown above the current screen until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Notice {
    TimeUp,
    Storage(StorageFault),
    UnknownRoute,
    NoSuchResult,
    NotEnoughQuestions,
}

impl Notice {
    pub(crate) fn message(&self) -> Msg {
        match self {
            Self::TimeUp => Msg::NoticeTimeUp,
            Self::Storage(StorageFault::Unavailable) => Msg::NoticeStorageUnavailable,
            Self::Storage(StorageFault::Full) => Msg::NoticeStorageFull,
            Self::Storage(StorageFault::Corrupt { .. }) => Msg::NoticeCorrupt,
            Self::UnknownRoute => Msg::NoticeUnknownRoute,
            Self::NoSuchResult => Msg::NoticeNoResult,
            Self::NotEnoughQuestions => Msg::NotEnoughQuestions,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AppState {
    pub(crate) lang: Lang,
    pub(crate) route: Route,
    /// The exam in progress, saved on every change so a reload resumes it.
    pub(crate) exam: Option<Rc<Exam>>,
    /// Finished attempts, oldest first.
    pub(crate) history: Rc<Vec<Attempt>>,
    pub(crate) notices: Vec<Notice>,
}

/// Everything that can happen to the app.
#[derive(Clone, Debug)]
pub(crate) enum AppAction {
    /// The URL hash changed.
    Navigate(Route),
    /// The user switched the language.
    SetLang(Lang),
    /// Assemble a new exam from these choices and start it now.
    StartExam { choices: ExamChoices, now_ms: u64 },
    /// An action on the exam in progress (answer, flag, move, submit, tick …).
    Exam(ExamAction),
    /// Something at the edge went wrong and the user should know.
    Notify(Notice),
    /// The user closed a notice.
    Dismiss(usize),
}

impl AppState {
    pub(crate) fn new(lang: Lang, route: Route) -> Self {
        Self {
            lang,
            route,
            exam: None,
            history: Rc::new(Vec::new()),
            notices: Vec::new(),
        }
    }

    /// Puts a resumed exam and the stored history in place; an exam whose deadline passed
    /// while the page was closed is submitted at once with the answers it had.
    pub(crate) fn restored(
        mut self,
        exam: Option<Exam>,
        history: Vec<Attempt>,
        now_ms: u64,
    ) -> Self {
        self.history = Rc::new(history);
        if let Some(exam) = exam {
            self.exam = Some(Rc::new(exam));
            self.apply_exam_action(ExamAction::Tick { now_ms });
        }
        self
    }

    pub(crate) fn attempt(&self, id: &str) -> Option<&Attempt> {
        self.history.iter().find(|a| a.id == id)
    }

    fn notify(&mut self, notice: Notice) {
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }

    /// Returns whether anything changed.
    fn apply_exam_action(&mut self, action: ExamAction) -> bool {
        let Some(exam) = self.exam.as_mut() else {
            return false;
        };
        let exam = Rc::make_mut(exam);
        if !exam.apply(action) {
            return false;
        }
        if let Phase::Submitted { at_ms, reason } = exam.phase {
            let attempt = Attempt::record(bank(), exam, at_ms);
            if reason == SubmitReason::TimeUp {
                self.notify(Notice::TimeUp);
            }
            self.route = Route::Results(attempt.id.clone());
            Rc::make_mut(&mut self.history).push(attempt);
            self.exam = None;
        }
        true
    }
}

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            AppAction::Navigate(Route::NotFound(_)) => {
                next.route = Route::Start;
                next.notify(Notice::UnknownRoute);
            }
            AppAction::Navigate(Route::Results(id)) if next.attempt(&id).is_none() => {
                next.route = Route::History;
                next.notify(Notice::NoSuchResult);
            }
            AppAction::Navigate(route) => next.route = route,
            AppAction::SetLang(lang) => next.lang = lang,
            AppAction::StartExam { choices, now_ms } => match assemble(bank(), &choices) {
                Ok(form) => {
                    let mut exam = Exam::new(form);
                    exam.apply(ExamAction::Start { now_ms });
                    next.exam = Some(Rc::new(exam));
                    next.route = Route::Exam;
                }
                Err(_) => next.notify(Notice::NotEnoughQuestions),
            },
            AppAction::Exam(action) => {
                if !next.apply_exam_action(action) {
                    return self;
                }
            }
            AppAction::Notify(notice) => next.notify(notice),
            AppAction::Dismiss(index) => {
                if index < next.notices.len() {
                    next.notices.remove(index);
                }
            }
        }
        Rc::new(next)
    }
}
