//! Data saved by a published release, the exact text it stored in a browser (an exam in
//! progress, the history, a backup), read against the bank as it is at this commit, and
//! against that bank after each kind of change authors make: a key changed, an option
//! removed, a question removed, the exam retired, a release the record does not know.
//!
//! Whatever the bank became, nothing may panic, no attempt may lose the score it was given,
//! and every item must be reported as current, changed or removed exactly as the record of
//! releases (`questions/releases.toml`) says.

use std::path::Path;

use mogi_core::assemble::{AnswerShape, Pool};
use mogi_core::backup;
use mogi_core::bank::{Bank, QuestionType};
use mogi_core::exam::{Action, Exam};
use mogi_core::guide;
use mogi_core::history::Attempt;
use mogi_core::resolve::{self, ItemStatus};
use mogi_core::score::{is_correct, score};
use mogi_core::store::{self, Loaded, MemoryStore, Store, keys};
use mogi_core::study;

/// The bank this fixture's browser had.
const RELEASE: &str = "280a6438e1ff";

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/saved")
        .join(format!("release-{RELEASE}"))
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn real_bank() -> Bank {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../questions");
    mogi_bank::compile_dir(&root)
        .unwrap_or_else(|d| panic!("the bank does not compile: {d:?}"))
        .bank
}

/// What the app reads at start-up from a browser holding the fixture.
fn loaded() -> Loaded {
    let mut browser = MemoryStore::new();
    for (key, file) in [
        (keys::HISTORY, "history.json"),
        (keys::EXAM, "exam.json"),
        (keys::LANG, "lang.json"),
    ] {
        browser.set(key, fixture(file).trim()).unwrap();
    }
    let loaded = store::load(&mut browser);
    assert_eq!(
        loaded.faults,
        Vec::new(),
        "the release's data reads as it is"
    );
    assert_eq!(loaded.history.len(), 2);
    assert!(loaded.exam.is_some());
    loaded
}

/// Everything a screen does with a stored form, through the code the screens call: resolve
/// each item, show it with its answer, grade it, practise the changed ones, and the study
/// figures. Returns the statuses.
fn walk<'a>(
    bank: &'a Bank,
    form: &mogi_core::assemble::ExamForm,
    answers: &[Option<mogi_core::exam::Answer>],
) -> Vec<ItemStatus<'a>> {
    let statuses: Vec<ItemStatus> = (0..form.len())
        .map(|i| resolve::resolve_item(bank, form, i))
        .collect();
    for (i, status) in statuses.iter().enumerate() {
        let shown = resolve::shown(bank, form, answers, i);
        assert_eq!(shown.is_some(), status.is_current(), "item {i}");
        if let Some(shown) = shown {
            let mut order = shown.order.clone();
            order.sort_unstable();
            assert_eq!(order, (0..shown.question.choices).collect::<Vec<_>>());
            let _ = is_correct(shown.question, shown.answer.as_ref());
        }
    }
    let _ = study::practise_changed(bank, form, 1);
    statuses
}

/// The record's word on a question: changed since the release?
fn changed_since_release(bank: &Bank, id: &str) -> bool {
    bank.past
        .iter()
        .find(|p| p.revision == RELEASE)
        .is_some_and(|p| p.changed.iter().any(|c| c == id))
}

/// Submits the exam in progress now and scores it.
fn finish(bank: &Bank, exam: &Exam) -> Attempt {
    let mut exam = exam.clone();
    let end = exam.started_at_ms.unwrap() + 60_000;
    assert!(exam.apply(Action::Submit { now_ms: end }));
    Attempt::record(bank, &exam, end)
}

fn check_everything(bank: &Bank) {
    let loaded = loaded();
    for attempt in &loaded.history {
        let statuses = walk(bank, &attempt.form, &attempt.answers);
        for (item, status) in attempt.form.items.iter().zip(&statuses) {
            let expected_current = bank.question(&item.question_id).is_some()
                && !changed_since_release(bank, &item.question_id);
            assert_eq!(
                status.is_current(),
                expected_current,
                "{}",
                item.question_id
            );
        }
        // Only outcomes of questions still current count towards what the user knows.
        let current = attempt.current_outcomes(bank).count();
        assert_eq!(current, statuses.iter().filter(|s| s.is_current()).count());
    }
    let exam = loaded.exam.expect("in progress");
    walk(bank, &exam.form, &exam.answers);
    let attempt = finish(bank, &exam);
    let stale = resolve::stale_count(bank, &exam.form);
    assert_eq!(attempt.result.left_out as usize, stale);
    assert_eq!(attempt.result.total as usize, exam.len() - stale);
    let _ = study::task_standings(bank, &loaded.history, "mla-c01");
    let _ = guide::guide_map(bank, &loaded.history, "mla-c01");
    let restored = backup::parse(&fixture("backup.json")).expect("the release's backup imports");
    assert_eq!(restored.history.len(), 2);
    assert!(restored.exam.is_some());
}

#[test]
fn the_bank_at_this_commit_reads_the_release_s_data_as_the_record_says() {
    let bank = real_bank();
    assert!(
        bank.past.iter().any(|p| p.revision == RELEASE),
        "questions/releases.toml records the release the fixture came from"
    );
    check_everything(&bank);
}

#[test]
fn the_release_s_attempts_keep_their_scores_and_read_as_they_did() {
    let bank = real_bank();
    let loaded = loaded();
    let first = &loaded.history[0];
    // The fixture's full exam: 65 questions, every third answered with the key.
    assert_eq!(first.result.total, 65);
    assert_eq!(first.result.left_out, 0);
    if bank.past.iter().all(|p| p.changed.is_empty()) {
        // Nothing changed yet: every outcome regrades as it was graded.
        for (i, outcome) in first.result.outcomes.iter().enumerate() {
            let shown = resolve::shown(&bank, &first.form, &first.answers, i).unwrap();
            assert_eq!(
                is_correct(shown.question, shown.answer.as_ref()),
                outcome.correct
            );
        }
    }
}

/// The ids of one multiple-choice question, one multiple-response question and one ordering
/// question that the history's full exam and the exam in progress both hold, and that are
/// still as the release had them.
fn shared_ids(loaded: &Loaded, bank: &Bank) -> (String, String, String) {
    let exam = loaded.exam.as_ref().unwrap();
    let full = &loaded.history[0];
    let both = |kind: QuestionType| {
        exam.form
            .question_ids()
            .find(|id| {
                full.form.question_ids().any(|other| other == *id)
                    && bank.question(id).is_some_and(|q| q.format == kind)
                    && !changed_since_release(bank, id)
            })
            .unwrap_or_else(|| panic!("no shared {kind:?}"))
            .to_owned()
    };
    (
        both(QuestionType::MultipleChoice),
        both(QuestionType::MultipleResponse),
        both(QuestionType::Ordering),
    )
}

#[test]
fn questions_edited_or_removed_after_the_release_are_reported_and_left_out_never_misread() {
    let loaded = loaded();
    let mut bank = real_bank();
    let (rekeyed, fewer, removed) = shared_ids(&loaded, &bank);
    let exam = loaded.exam.clone().unwrap();
    // What the bank at this commit already changed since the release (by the record).
    let already = resolve::stale_count(&bank, &exam.form);
    for question in &mut bank.questions {
        if question.id == rekeyed {
            // The author fixed the key.
            question.key = vec![(question.key[0] + 1) % question.choices];
        } else if question.id == fewer {
            // The author removed an option.
            question.choices -= 1;
            question.key.retain(|&k| k < question.choices);
        }
    }
    bank.questions.retain(|q| q.id != removed);
    // What `questions/releases.toml` would now say of the release.
    for past in &mut bank.past {
        past.changed
            .extend([rekeyed.clone(), fewer.clone(), removed.clone()]);
        past.changed.sort();
    }
    bank.revision = "edited".into();

    let statuses = walk(&bank, &exam.form, &exam.answers);
    let status_of = |id: &str| {
        let i = exam.form.question_ids().position(|q| q == id).unwrap();
        statuses[i]
    };
    assert!(matches!(status_of(&rekeyed), ItemStatus::Changed(_)));
    assert!(matches!(status_of(&fewer), ItemStatus::Changed(_)));
    assert_eq!(status_of(&removed), ItemStatus::Removed);
    assert_eq!(
        statuses.iter().filter(|s| !s.is_current()).count(),
        already + 3
    );

    // The exam goes on: answers elsewhere are kept, and the result leaves the three out.
    let attempt = finish(&bank, &exam);
    assert_eq!(attempt.answers, exam.answers, "nothing answered is dropped");
    assert_eq!(attempt.result.left_out as usize, already + 3);
    assert_eq!(attempt.result.total as usize, 30 - already - 3);
    assert_eq!(
        attempt
            .result
            .outcomes
            .iter()
            .filter(|o| o.left_out)
            .count(),
        already + 3
    );

    // History: the attempts keep their scores; their reviews skip the changed questions.
    let full = &loaded.history[0];
    let before = full.result.clone();
    walk(&bank, &full.form, &full.answers);
    assert_eq!(full.result, before);
    let practise = study::practise_changed(&bank, &full.form, 5).expect("two are still there");
    let Pool::Only(ids) = practise.pool else {
        panic!("a practice set of exactly those questions")
    };
    assert!(ids.contains(&rekeyed) && ids.contains(&fewer));
    assert!(
        !ids.contains(&removed),
        "the removed one cannot be practised"
    );
    let records = study::question_records(&bank, &loaded.history, "mla-c01");
    for id in [&rekeyed, &fewer, &removed] {
        assert!(!records.contains_key(id), "{id} counts as unseen again");
    }
    check_everything(&bank);
}

#[test]
fn data_from_a_release_the_record_does_not_know_is_changed_not_misread() {
    let mut bank = real_bank();
    bank.past.clear();
    bank.revision = "unrecorded".into();
    let loaded = loaded();
    let exam = loaded.exam.clone().unwrap();
    let statuses = walk(&bank, &exam.form, &exam.answers);
    assert!(
        statuses.iter().all(|s| !s.is_current()),
        "changed, or removed since"
    );
    assert!(statuses.iter().any(|s| matches!(s, ItemStatus::Changed(_))));
    let attempt = finish(&bank, &exam);
    assert_eq!(attempt.result.left_out as usize, exam.len());
    assert_eq!(attempt.result.total, 0);
    for attempt in &loaded.history {
        walk(&bank, &attempt.form, &attempt.answers);
        assert_eq!(attempt.current_outcomes(&bank).count(), 0);
    }
}

#[test]
fn a_retired_exam_is_not_offered_and_its_attempts_stay_readable() {
    let mut bank = real_bank();
    for blueprint in &mut bank.blueprints {
        blueprint.retired = true;
    }
    assert_eq!(bank.offered().len(), 0);
    let loaded = loaded();
    let blueprint = bank.blueprint(&loaded.history[0].form.exam).expect("kept");
    assert!(!blueprint.title.en.is_empty());
    assert!(
        blueprint
            .domain(loaded.history[0].result.per_domain[0].domain)
            .is_some()
    );
    check_everything(&bank);
}

#[test]
fn forms_written_now_carry_revisions_and_need_no_record() {
    let mut bank = real_bank();
    let blueprint = bank.blueprints[0].clone();
    let form = mogi_core::assemble::assemble(
        &bank,
        &mogi_core::assemble::ExamChoices::full_exam(&blueprint, 3),
    )
    .unwrap();
    assert!(form.items.iter().all(|item| item.revision.is_some()));
    let mut exam = Exam::new(form);
    exam.apply(Action::Start { now_ms: 1 });
    let first_single = exam
        .form
        .items
        .iter()
        .position(|i| matches!(i.shape, AnswerShape::Single { .. }))
        .unwrap();
    let id = exam.form.items[first_single].question_id.clone();
    // A later bank, with no record of this one, rewords everything but keys this question anew.
    bank.past.clear();
    bank.revision = "later".into();
    for question in &mut bank.questions {
        if question.id == id {
            question.key = vec![(question.key[0] + 1) % question.choices];
        }
    }
    let statuses = walk(&bank, &exam.form, &exam.answers);
    for (i, status) in statuses.iter().enumerate() {
        assert_eq!(status.is_current(), i != first_single, "item {i}");
    }
    let result = score(&bank, &exam);
    assert_eq!(result.left_out, 1);
}
