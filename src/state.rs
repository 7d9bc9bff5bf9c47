//! The app's state and its reducer: which screen, which language, the exam in progress and
//! the history. The reducer is pure: time and seeds arrive inside actions, and storage is
//! written by effects in `app.rs`, never here.

use std::rc::Rc;

use mogi_core::assemble::{ExamChoices, assemble};
use mogi_core::backup::{BackupData, ImportError};
use mogi_core::bank::Lang;
use mogi_core::exam::{Action as ExamAction, Exam, Phase, SubmitReason};
use mogi_core::history::{Attempt, MergeReport, merge};
use mogi_core::review::{Calendar, Cards, Retention};
use mogi_core::share::{self, LinkKind, ShareError};
use mogi_core::store::Fault;
use yew::Reducible;

use crate::bank_data::bank;
use crate::i18n::Msg;
use crate::route::Route;

/// A message shown above the current screen until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Notice {
    TimeUp,
    Storage(Fault),
    /// The exam in progress is open in another tab; this tab writes nothing to it until
    /// the user continues here.
    Elsewhere,
    /// A backup was imported.
    Imported(MergeReport),
    /// A file was not imported; nothing changed.
    ImportRejected(ImportError),
    /// The backup file could not be made.
    ExportFailed,
    /// The history has nothing for that study choice yet.
    NothingToStudy,
    UnknownRoute,
    NoSuchResult,
    NotEnoughQuestions,
    /// A shared exam or result link could not be opened; nothing was written.
    BadLink(ShareError),
    /// That result link is already on the group board.
    OnBoard,
}

impl Notice {
    pub(crate) fn message(&self) -> Msg {
        match self {
            Self::TimeUp => Msg::NoticeTimeUp,
            Self::Storage(Fault::Unavailable) => Msg::NoticeStorageUnavailable,
            Self::Storage(Fault::Full) => Msg::NoticeStorageFull,
            Self::Storage(Fault::Corrupt { .. }) => Msg::NoticeCorrupt,
            Self::Elsewhere => Msg::NoticeElsewhere,
            Self::Imported(_) => Msg::NoticeImported,
            Self::ImportRejected(ImportError::NotJson | ImportError::Foreign) => {
                Msg::NoticeImportForeign
            }
            Self::ImportRejected(ImportError::TooNew { .. }) => Msg::NoticeImportTooNew,
            Self::ImportRejected(ImportError::TooLarge | ImportError::Invalid(_)) => {
                Msg::NoticeImportInvalid
            }
            Self::ExportFailed => Msg::NoticeExportFailed,
            Self::NothingToStudy => Msg::NoticeNothingToStudy,
            Self::UnknownRoute => Msg::NoticeUnknownRoute,
            Self::NoSuchResult => Msg::NoticeNoResult,
            Self::NotEnoughQuestions => Msg::NotEnoughQuestions,
            Self::BadLink(error) => bad_link_message(error),
            Self::OnBoard => Msg::NoticeOnBoard,
        }
    }
}

/// What the user is told about a link that cannot be opened.
fn bad_link_message(error: &ShareError) -> Msg {
    match error {
        ShareError::Empty | ShareError::Malformed => Msg::NoticeLinkMalformed,
        ShareError::Truncated => Msg::NoticeLinkTruncated,
        ShareError::TooLong { .. } => Msg::NoticeLinkTooLong,
        ShareError::UnsupportedVersion(_) => Msg::NoticeLinkVersion,
        ShareError::WrongKind {
            expected: LinkKind::Result,
        } => Msg::NoticeLinkNotResult,
        ShareError::WrongKind {
            expected: LinkKind::Exam,
        } => Msg::NoticeLinkNotExam,
        ShareError::Checksum
        | ShareError::Invalid(_)
        | ShareError::AnswerCount { .. }
        | ShareError::ImpossibleAnswer { .. } => Msg::NoticeLinkTampered,
        ShareError::UnknownExam(_) => Msg::NoticeLinkUnknownExam,
        ShareError::CannotAssemble(_) => Msg::NoticeLinkCannotAssemble,
        ShareError::DifferentQuestions { .. } => Msg::NoticeLinkOtherBank,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AppState {
    pub(crate) lang: Lang,
    pub(crate) route: Route,
    /// The exam the user chose to prepare for (a blueprint code), if they chose one; the
    /// screens fall back to the default for their language and the date ([`crate::choice`]).
    pub(crate) chosen_exam: Option<String>,
    /// The exam in progress, saved on every change so a reload resumes it.
    pub(crate) exam: Option<Rc<Exam>>,
    /// Finished attempts, oldest first.
    pub(crate) history: Rc<Vec<Attempt>>,
    /// Every answered question's review card: the history replayed, plus stored cards it no
    /// longer explains ([`mogi_core::review`]).
    pub(crate) cards: Rc<Cards>,
    /// The desired retention, if the user chose one (else the default).
    pub(crate) retention: Option<Retention>,
    /// The user's days, for the review queue (their offset from UTC, taken at start-up).
    pub(crate) calendar: Calendar,
    pub(crate) notices: Vec<Notice>,
    /// The exam in progress belongs to another tab: nothing here may change or save it
    /// until the user continues here ([`AppAction::TakeOver`]).
    pub(crate) elsewhere: bool,
    /// The group board: result link payloads, in the order they were added.
    pub(crate) group: Rc<Vec<String>>,
    /// Why the last download of question text (content chunks) failed, if it did. Which
    /// chunks a screen needs and whether they are in is the bank's to say (see `app.rs`).
    pub(crate) content_failed: Option<String>,
}

/// Everything that can happen to the app.
#[derive(Clone, Debug)]
pub(crate) enum AppAction {
    /// The URL hash changed.
    Navigate(Route),
    /// The user switched the language.
    SetLang(Lang),
    /// The user chose the exam to prepare for (a blueprint code).
    ChooseExam(String),
    /// The user chose the desired retention of the review queue.
    SetRetention(Retention),
    /// Assemble a new exam from these choices and start it now.
    StartExam { choices: ExamChoices, now_ms: u64 },
    /// An action on the exam in progress (answer, flag, move, submit, tick …).
    Exam(ExamAction),
    /// Content chunks a screen asked for arrived and were installed, or could not be had.
    ContentLoaded(Result<(), String>),
    /// Something at the edge went wrong and the user should know.
    Notify(Notice),
    /// The user closed a notice.
    Dismiss(usize),
    /// Another tab holds the exam in progress (seen at start-up, by the heartbeat or by a
    /// `storage` event); `exam` is its latest saved state, if known.
    OpenedElsewhere { exam: Option<Exam> },
    /// The other tab ended the exam in progress (nothing is stored any more).
    EndedElsewhere,
    /// The user chose to continue the exam here; `exam` and `history` are what storage holds
    /// now (the other tab's latest), `now_ms` checks the deadline.
    TakeOver {
        exam: Option<Exam>,
        history: Vec<Attempt>,
        now_ms: u64,
    },
    /// Attempts another tab stored (or storage held): added to the history, without
    /// duplicates.
    MergeHistory(Vec<Attempt>),
    /// Review cards another tab stored (or storage held): merged per question.
    MergeCards(Cards),
    /// "Share this exam" on the start screen: assemble these choices (with their fresh
    /// seed) and open the exam link's landing page, where the maker starts it too.
    ShareNewExam(ExamChoices),
    /// Result links pasted or opened for the group board (any text holding one or more
    /// links); each is checked against the bank before it is kept.
    AddToGroup(String),
    /// Take member `index` off the group board.
    RemoveFromGroup(usize),
    /// Empty the group board.
    ClearGroup,
    /// A validated backup: its attempts are merged in; its exam in progress is taken only
    /// when none is in progress here.
    Import { data: BackupData, now_ms: u64 },
}

impl AppState {
    pub(crate) fn new(lang: Lang, route: Route) -> Self {
        Self {
            lang,
            route,
            chosen_exam: None,
            exam: None,
            history: Rc::new(Vec::new()),
            cards: Rc::new(Cards::default()),
            retention: None,
            calendar: Calendar::default(),
            notices: Vec::new(),
            elsewhere: false,
            group: Rc::new(Vec::new()),
            content_failed: None,
        }
    }

    /// Puts a resumed exam, the stored history and the review cards in place (the history
    /// replayed over the stored cards); an exam whose deadline passed while the page was
    /// closed is submitted at once with the answers it had.
    pub(crate) fn restored(
        mut self,
        exam: Option<Exam>,
        history: Vec<Attempt>,
        stored_cards: Option<Cards>,
        now_ms: u64,
    ) -> Self {
        let cards = Cards::from_history(bank(), &history, self.calendar);
        self.cards = Rc::new(match stored_cards {
            Some(stored) => cards.merged(&stored),
            None => cards,
        });
        self.history = Rc::new(history);
        if let Some(exam) = exam {
            self.exam = Some(Rc::new(exam));
            if self.elsewhere {
                self.notify(Notice::Elsewhere);
            } else {
                self.apply_exam_action(ExamAction::Tick { now_ms });
            }
        }
        self
    }

    /// Adds the attempts of `incoming` this history lacks; returns how it went.
    fn merge_history(&mut self, incoming: &[Attempt]) -> MergeReport {
        let (merged, report) = merge(&self.history, incoming);
        if report.added > 0 {
            self.cards =
                Rc::new(Cards::from_history(bank(), &merged, self.calendar).merged(&self.cards));
            self.history = Rc::new(merged);
        }
        report
    }

    fn drop_notice(&mut self, notice: &Notice) {
        self.notices.retain(|n| n != notice);
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
            Rc::make_mut(&mut self.cards).record(bank(), &attempt, self.calendar);
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
            AppAction::Navigate(Route::Take(payload)) => match share::open_exam(bank(), &payload) {
                Ok(_) => next.route = Route::Take(payload),
                Err(error) => {
                    next.route = Route::Start;
                    next.notify(Notice::BadLink(error));
                }
            },
            AppAction::Navigate(Route::SharedResult(payload)) => {
                match share::open_result(bank(), &payload) {
                    Ok(_) => next.route = Route::SharedResult(payload),
                    Err(error) => {
                        next.route = Route::Group;
                        next.notify(Notice::BadLink(error));
                    }
                }
            }
            AppAction::Navigate(route) => next.route = route,
            AppAction::SetLang(lang) => next.lang = lang,
            AppAction::ChooseExam(code) => {
                if bank().blueprint(&code).is_some_and(|b| !b.retired) {
                    next.chosen_exam = Some(code);
                }
            }
            AppAction::SetRetention(retention) => next.retention = Some(retention),
            AppAction::Exam(ExamAction::Tick { .. }) if next.elsewhere => return self,
            AppAction::StartExam { .. } | AppAction::Exam(_) if next.elsewhere => {
                next.notify(Notice::Elsewhere);
            }
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
            AppAction::OpenedElsewhere { exam } => {
                if let Some(exam) = exam {
                    next.exam = Some(Rc::new(exam));
                }
                if next.elsewhere || next.exam.is_none() {
                    return self;
                }
                next.elsewhere = true;
                next.notify(Notice::Elsewhere);
            }
            AppAction::EndedElsewhere => {
                if !next.elsewhere {
                    return self;
                }
                next.elsewhere = false;
                next.exam = None;
                next.drop_notice(&Notice::Elsewhere);
                if next.route == Route::Exam {
                    next.route = Route::Start;
                }
            }
            AppAction::TakeOver {
                exam,
                history,
                now_ms,
            } => {
                next.elsewhere = false;
                next.drop_notice(&Notice::Elsewhere);
                next.merge_history(&history);
                next.exam = exam.map(Rc::new);
                if next.exam.is_some() {
                    next.apply_exam_action(ExamAction::Tick { now_ms });
                } else if next.route == Route::Exam {
                    next.route = Route::Start;
                }
            }
            AppAction::MergeCards(incoming) => {
                let merged = next.cards.as_ref().clone().merged(&incoming);
                if merged == *next.cards {
                    return self;
                }
                next.cards = Rc::new(merged);
            }
            AppAction::MergeHistory(incoming) => {
                if next.merge_history(&incoming).added == 0 {
                    return self;
                }
            }
            AppAction::Import { data, now_ms } => {
                let report = next.merge_history(&data.history);
                if let Some(cards) = &data.cards {
                    next.cards = Rc::new(next.cards.as_ref().clone().merged(cards));
                }
                next.retention = next.retention.or(data.retention);
                if next.exam.is_none()
                    && let Some(exam) = data.exam
                {
                    next.exam = Some(Rc::new(exam));
                    next.apply_exam_action(ExamAction::Tick { now_ms });
                }
                next.notify(Notice::Imported(report));
            }
            AppAction::ShareNewExam(choices) => match assemble(bank(), &choices) {
                Ok(form) => next.route = Route::Take(share::encode_exam(&form)),
                Err(_) => next.notify(Notice::NotEnoughQuestions),
            },
            AppAction::AddToGroup(text) => {
                for token in text.split_whitespace() {
                    let payload = share::payload_of(token);
                    match share::open_result(bank(), payload) {
                        Err(error) => next.notify(Notice::BadLink(error)),
                        Ok(_) if next.group.iter().any(|p| p == payload) => {
                            next.notify(Notice::OnBoard);
                        }
                        Ok(_) => {
                            Rc::make_mut(&mut next.group).push(payload.to_owned());
                        }
                    }
                }
                if text.split_whitespace().next().is_none() {
                    next.notify(Notice::BadLink(ShareError::Empty));
                }
            }
            AppAction::RemoveFromGroup(index) => {
                if index >= next.group.len() {
                    return self;
                }
                Rc::make_mut(&mut next.group).remove(index);
            }
            AppAction::ClearGroup => {
                if next.group.is_empty() {
                    return self;
                }
                next.group = Rc::new(Vec::new());
            }
            AppAction::ContentLoaded(loaded) => next.content_failed = loaded.err(),
            AppAction::Dismiss(index) => {
                if index < next.notices.len() {
                    next.notices.remove(index);
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use mogi_core::assemble::ExamChoices;
    use mogi_core::exam::Answer;

    use super::*;
    use crate::bank_data::built;

    const T0: u64 = 1_796_000_000_000;

    fn fresh() -> Rc<AppState> {
        built();
        Rc::new(AppState::new(Lang::En, Route::Start))
    }

    fn practice(count: u32, seed: u64) -> ExamChoices {
        let blueprint = *built().offered().first().expect("an exam is offered");
        let mut choices = ExamChoices::practice(blueprint, count, seed);
        choices.mode = mogi_core::assemble::Mode::Custom;
        choices.duration_minutes = Some(10);
        choices
    }

    /// The key of item `index` of the exam in progress, as an answer.
    fn key_of(state: &AppState, index: usize) -> Answer {
        let exam = state.exam.as_ref().unwrap();
        let question = built()
            .question(&exam.form.items[index].question_id)
            .unwrap();
        mogi_core::synthetic::correct_answer(question)
    }

    #[test]
    fn the_chosen_exam_must_be_one_the_bank_offers() {
        let code = built().offered().last().expect("an exam").code.clone();
        let state = fresh().reduce(AppAction::ChooseExam(code.clone()));
        assert_eq!(state.chosen_exam.as_deref(), Some(code.as_str()));
        let state = state.reduce(AppAction::ChooseExam("nope-c09".into()));
        assert_eq!(
            state.chosen_exam.as_deref(),
            Some(code.as_str()),
            "an unknown exam is ignored"
        );
    }

    #[test]
    fn an_exam_starts_is_answered_and_submitted_into_the_history() {
        let state = fresh().reduce(AppAction::StartExam {
            choices: practice(3, 11),
            now_ms: T0,
        });
        assert_eq!(state.route, Route::Exam);
        assert!(state.exam.as_ref().unwrap().is_in_progress());
        let answer = key_of(&state, 0);
        let state = state.reduce(AppAction::Exam(ExamAction::Answer { index: 0, answer }));
        assert_eq!(state.exam.as_ref().unwrap().answered_count(), 1);
        let state = state.reduce(AppAction::Exam(ExamAction::Submit {
            now_ms: T0 + 60_000,
        }));
        assert!(state.exam.is_none());
        assert_eq!(state.history.len(), 1);
        let attempt = &state.history[0];
        assert_eq!(state.route, Route::Results(attempt.id.clone()));
        assert_eq!((attempt.result.raw_correct, attempt.result.total), (1, 3));
        assert!(state.notices.is_empty());
    }

    #[test]
    fn a_deadline_passed_while_closed_submits_on_restore_and_says_time_is_up() {
        let started = fresh().reduce(AppAction::StartExam {
            choices: practice(2, 12),
            now_ms: T0,
        });
        let exam = Exam::clone(started.exam.as_ref().unwrap());
        let state = AppState::new(Lang::En, Route::Start).restored(
            Some(exam),
            Vec::new(),
            None,
            T0 + 11 * 60_000,
        );
        assert!(state.exam.is_none());
        assert_eq!(state.history.len(), 1);
        assert_eq!(
            state.history[0].result.submit_reason,
            Some(SubmitReason::TimeUp)
        );
        assert!(state.notices.contains(&Notice::TimeUp));
    }

    #[test]
    fn routes_that_name_nothing_go_somewhere_useful_and_say_so() {
        let state = fresh().reduce(AppAction::Navigate(Route::Results("nope".into())));
        assert_eq!(state.route, Route::History);
        assert_eq!(state.notices, vec![Notice::NoSuchResult]);
        let state = fresh().reduce(AppAction::Navigate(Route::NotFound("#/x".into())));
        assert_eq!(state.route, Route::Start);
        assert_eq!(state.notices, vec![Notice::UnknownRoute]);
        let state = fresh().reduce(AppAction::Navigate(Route::Take("not-a-link".into())));
        assert_eq!(state.route, Route::Start);
        assert!(matches!(state.notices[..], [Notice::BadLink(_)]));
        assert!(state.exam.is_none(), "nothing started");
    }

    #[test]
    fn another_tab_s_exam_is_left_alone_until_the_user_takes_it_over() {
        let mine = fresh().reduce(AppAction::StartExam {
            choices: practice(3, 13),
            now_ms: T0,
        });
        let exam = Exam::clone(mine.exam.as_ref().unwrap());
        let state = fresh().reduce(AppAction::OpenedElsewhere {
            exam: Some(exam.clone()),
        });
        assert!(state.elsewhere);
        let answer = key_of(&state, 0);
        let blocked = state.clone().reduce(AppAction::Exam(ExamAction::Answer {
            index: 0,
            answer: answer.clone(),
        }));
        assert_eq!(blocked.exam.as_ref().unwrap().answered_count(), 0);
        assert!(blocked.notices.contains(&Notice::Elsewhere));
        let taken = blocked.reduce(AppAction::TakeOver {
            exam: Some(exam),
            history: Vec::new(),
            now_ms: T0 + 1_000,
        });
        assert!(!taken.elsewhere);
        assert!(!taken.notices.contains(&Notice::Elsewhere));
        let answered = taken.reduce(AppAction::Exam(ExamAction::Answer { index: 0, answer }));
        assert_eq!(answered.exam.as_ref().unwrap().answered_count(), 1);
    }

    #[test]
    fn an_imported_backup_adds_only_what_is_new() {
        let done = fresh()
            .reduce(AppAction::StartExam {
                choices: practice(2, 14),
                now_ms: T0,
            })
            .reduce(AppAction::Exam(ExamAction::Submit { now_ms: T0 + 1 }));
        let data = BackupData {
            history: done.history.to_vec(),
            ..BackupData::default()
        };
        let once = done.clone().reduce(AppAction::Import {
            data: data.clone(),
            now_ms: T0 + 2,
        });
        assert_eq!(once.history.len(), 1, "already there");
        let elsewhere = fresh().reduce(AppAction::Import {
            data,
            now_ms: T0 + 2,
        });
        assert_eq!(elsewhere.history.len(), 1);
        assert!(matches!(
            elsewhere.notices[..],
            [Notice::Imported(MergeReport { added: 1, .. })]
        ));
    }

    /// A finished practice set of `count` questions with the first one answered right.
    fn one_right(count: u32, seed: u64, at_ms: u64) -> Rc<AppState> {
        let state = fresh().reduce(AppAction::StartExam {
            choices: practice(count, seed),
            now_ms: at_ms,
        });
        let answer = key_of(&state, 0);
        state
            .reduce(AppAction::Exam(ExamAction::Answer { index: 0, answer }))
            .reduce(AppAction::Exam(ExamAction::Submit { now_ms: at_ms + 1 }))
    }

    #[test]
    fn an_answered_question_becomes_a_card_and_an_unanswered_one_does_not() {
        let done = one_right(3, 21, T0);
        let form = &done.history[0].form;
        let exam = &form.exam;
        assert!(
            done.cards
                .current(built(), &form.items[0].question_id)
                .is_some()
        );
        assert!(
            done.cards
                .current(built(), &form.items[1].question_id)
                .is_none()
        );
        assert_eq!(done.cards.count(built(), exam), 1);
        // Right once: not due the same day, due after some days.
        let retention = Retention::default();
        assert!(
            done.cards
                .due(built(), exam, retention, T0 + 1, Calendar::default())
                .is_empty()
        );
        let later = T0 + 30 * mogi_core::review::DAY_MS;
        assert_eq!(
            done.cards
                .due(built(), exam, retention, later, Calendar::default())
                .len(),
            1
        );
    }

    #[test]
    fn lost_cards_are_rebuilt_from_the_history_and_stored_ones_kept() {
        let done = one_right(2, 22, T0);
        let rebuilt = AppState::new(Lang::En, Route::Start).restored(
            None,
            done.history.to_vec(),
            None,
            T0 + 5,
        );
        assert_eq!(
            rebuilt.cards, done.cards,
            "the history replayed gives the same cards"
        );
        let kept = AppState::new(Lang::En, Route::Start).restored(
            None,
            Vec::new(),
            Some(done.cards.as_ref().clone()),
            T0 + 5,
        );
        assert_eq!(kept.cards, done.cards, "cards whose attempts are gone stay");
    }

    #[test]
    fn an_imported_backup_brings_its_cards_and_retention_but_keeps_a_chosen_one() {
        let done = one_right(2, 23, T0);
        let data = BackupData {
            cards: Some(done.cards.as_ref().clone()),
            retention: Some(Retention::CHOICES[3]),
            ..BackupData::default()
        };
        let imported = fresh().reduce(AppAction::Import {
            data: data.clone(),
            now_ms: T0 + 2,
        });
        assert_eq!(imported.cards, done.cards);
        assert_eq!(imported.retention, Some(Retention::CHOICES[3]));
        let chosen = fresh()
            .reduce(AppAction::SetRetention(Retention::CHOICES[0]))
            .reduce(AppAction::Import {
                data,
                now_ms: T0 + 2,
            });
        assert_eq!(chosen.retention, Some(Retention::CHOICES[0]));
    }

    #[test]
    fn another_tabs_attempts_replay_into_the_cards_once() {
        let mine = one_right(2, 24, T0);
        let theirs = one_right(2, 25, T0 + 60_000);
        let merged = mine
            .clone()
            .reduce(AppAction::MergeHistory(theirs.history.to_vec()));
        let both = [mine.history[0].clone(), theirs.history[0].clone()];
        let replayed = Cards::from_history(built(), &both, Calendar::default());
        assert_eq!(*merged.cards, replayed);
        let again = merged
            .clone()
            .reduce(AppAction::MergeHistory(theirs.history.to_vec()));
        assert_eq!(
            again.cards, merged.cards,
            "the same attempts change nothing"
        );
        let cards = merged.reduce(AppAction::MergeCards(theirs.cards.as_ref().clone()));
        assert_eq!(*cards.cards, replayed, "their cards hold nothing newer");
    }
}
