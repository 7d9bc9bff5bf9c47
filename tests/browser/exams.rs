//! Several exams in one profile: histories and maps kept apart, the default exam for a
//! reader, what changed between exams, the readiness estimate.

use crate::support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// The start screen's radio button for the exam `code`.
fn exam_radio(root: &Element, code: &str) -> HtmlInputElement {
    find(root, &format!("exam-{code}"))
        .query_selector("input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

async fn choose_exam(root: &Element, code: &str) {
    exam_radio(root, code).click();
    settle().await;
}

fn chosen(root: &Element, code: &str) -> bool {
    exam_radio(root, code).checked()
}

/// Takes a two-question custom exam of the chosen exam, answering nothing; returns the id of
/// its first question.
async fn take_two_questions(root: &Element) -> String {
    start_custom(root, "2", "0").await;
    let id = find(root, "question")
        .get_attribute("data-question-id")
        .unwrap();
    click(root, "end").await;
    click(root, "confirm-end").await;
    assert!(exists(root, "raw"), "the results are shown");
    id
}

fn points(root: &Element, testid: &str) -> u32 {
    root.query_selector_all(&format!("[data-testid='{testid}'] circle"))
        .unwrap()
        .length()
}

#[wasm_bindgen_test]
async fn two_exams_in_one_profile_keep_their_histories_and_maps_apart() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    assert!(
        chosen(&root, "mla-c02"),
        "an English reader starts on the exam AWS offers in English today"
    );
    let c02 = find(&root, "exam-mla-c02").text_content().unwrap();
    assert!(
        c02.contains("Beta") && c02.contains("85"),
        "the beta is named: {c02}"
    );
    assert!(exists(&root, "what-changed"));

    choose_exam(&root, "mla-c01").await;
    assert_eq!(stored("mogi.chosen-exam"), "mla-c01");
    let first_c01 = take_two_questions(&root).await;
    assert!(first_c01.starts_with("mla-c01-"), "{first_c01}");

    go("#/").await;
    assert!(chosen(&root, "mla-c01"), "the choice is remembered");
    choose_exam(&root, "mla-c02").await;
    take_two_questions(&root).await;
    let attempts = stored("mogi.history");
    let exams: Vec<&str> = attempts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["form"]["exam"].as_str().unwrap())
        .collect();
    assert_eq!(exams, ["mla-c01", "mla-c02"]);

    go("#/history").await;
    assert_eq!(
        root.query_selector_all("[data-testid='history-row']")
            .unwrap()
            .length(),
        2,
        "the history lists both"
    );
    assert_eq!(points(&root, "trend"), 1, "the trend is MLA-C02's alone");

    go("#/guide").await;
    assert!(
        exists(&root, "skill-1.1.7"),
        "MLA-C02's map has its new skills"
    );
    let picker: web_sys::HtmlSelectElement = find(&root, "exam-picker").dyn_into().unwrap();
    picker.set_value("mla-c01");
    picker
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert!(
        !exists(&root, "skill-1.1.7"),
        "MLA-C01's guide has no skill 1.1.7"
    );
    assert!(exists(&root, "skill-1.1.6"));
    assert_eq!(stored("mogi.chosen-exam"), "mla-c01");

    go("#/history").await;
    assert_eq!(points(&root, "trend"), 1, "the trend is MLA-C01's alone");
}

#[wasm_bindgen_test]
async fn a_japanese_reader_starts_on_the_exam_offered_in_japanese() {
    let root = mount(&[("mogi.v1.lang", "\"ja\"")]).await;
    // Until MLA-C02 is offered in Japanese (2027-01-14), MLA-C01 is.
    let today = js_sys::Date::new_0().to_iso_string().as_string().unwrap();
    let expected = if today.as_str() < "2027-01-14" {
        "mla-c01"
    } else {
        "mla-c02"
    };
    assert!(chosen(&root, expected), "{today}: {expected}");
    let status = find(&root, &format!("exam-{expected}"))
        .text_content()
        .unwrap();
    assert!(status.contains("日本語"), "{status}");
}

#[wasm_bindgen_test]
async fn what_changed_lists_new_skills_and_practises_one() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    click(&root, "what-changed").await;
    wait_for(&root, "changes-added").await;
    let added = find(&root, "changes-added");
    let rows = added
        .query_selector_all("[data-testid='change-row']")
        .unwrap()
        .length();
    assert!(rows >= 40, "AWS lists 45 added skills: {rows}");
    assert!(exists(&root, "changes-removed"));
    assert!(
        find(&root, "change-weights")
            .text_content()
            .unwrap()
            .contains("24%")
    );
    // The first added skill with questions can be practised.
    let button = added
        .query_selector("button:not([disabled])")
        .unwrap()
        .expect("an added skill with questions");
    let button: HtmlElement = button.dyn_into().unwrap();
    button.click();
    settle().await;
    let position = find(&root, "position").text_content().unwrap();
    assert!(position.starts_with("Question 1 of "), "{position}");
    // Saved after the next paint.
    wait_until("saved the exam", || is_stored("mogi.exam")).await;
    let exam = stored("mogi.exam");
    assert_eq!(exam["form"]["exam"], "mla-c02");
}

/// Takes a custom exam of `count` questions of the chosen exam, answering each with its first
/// option, and ends it.
async fn take_answering_first_options(root: &Element, count: usize) {
    start_custom(root, &count.to_string(), "0").await;
    answer_first_options_and_end(root, count).await;
}

/// Answers each of the `count` questions of the exam on screen with its first option, and
/// ends it.
async fn answer_first_options_and_end(root: &Element, count: usize) {
    for k in 0..count {
        if exists(root, "option-0") {
            click(root, "option-0").await;
        }
        if k + 1 < count {
            click(root, "next").await;
        }
    }
    click(root, "end").await;
    click(root, "confirm-end").await;
    assert!(exists(root, "raw"), "the results are shown");
}

#[wasm_bindgen_test]
async fn readiness_appears_after_thirty_first_answers_and_not_before() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    assert!(!exists(&root, "readiness"), "nothing to go on yet");
    take_answering_first_options(&root, 10).await;
    go("#/").await;
    assert!(!exists(&root, "readiness"), "10 first answers are too few");
    take_answering_first_options(&root, 40).await;
    go("#/").await;
    let band = find(&root, "readiness").text_content().unwrap();
    assert!(band.contains("Chance to pass"), "{band}");
    let basis = find(&root, "readiness-basis").text_content().unwrap();
    assert!(basis.contains("first answer"), "{basis}");
    go("#/guide").await;
    assert!(exists(&root, "readiness"), "the map shows it too");
}

/// Moves every stored review 30 days into the past: the attempts' finish times (which the
/// cards are replayed from) and the stored cards.
fn thirty_days_earlier() {
    const DAYS_30: u64 = 30 * 86_400_000;
    let mut history = stored("mogi.history");
    for attempt in history.as_array_mut().unwrap() {
        let at = attempt["finished_at_ms"].as_u64().unwrap();
        attempt["finished_at_ms"] = (at - DAYS_30).into();
    }
    let mut cards = stored("mogi.cards");
    for card in cards.as_object_mut().unwrap().values_mut() {
        let at = card["last_review_ms"].as_u64().unwrap();
        card["last_review_ms"] = (at - DAYS_30).into();
    }
    for (logical, data) in [("mogi.history", history), ("mogi.cards", cards)] {
        let envelope = serde_json::json!({ "version": 2, "data": data });
        storage()
            .set_item(&key(logical), &envelope.to_string())
            .unwrap();
    }
}

#[wasm_bindgen_test]
async fn answered_questions_fall_due_later_and_a_review_set_takes_the_due_ones() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    assert!(!exists(&root, "due"), "nothing answered, nothing to review");
    // The English default exam (MLA-C02) has choice questions only: all 14 get answered.
    take_answering_first_options(&root, 14).await;
    assert_eq!(
        stored("mogi.cards").as_object().unwrap().len(),
        14,
        "each answered question is a stored card"
    );
    go("#/").await;
    let status = find(&root, "due-status").text_content().unwrap();
    assert!(status.contains("Nothing is due today; next on"), "{status}");

    // A month later every card is due: a review of 10, then the other 4.
    let root = remount_after(thirty_days_earlier).await;
    assert_eq!(
        find(&root, "due-status").text_content().unwrap(),
        "14 questions are due today."
    );
    assert!(!exists(&root, "review-20"), "no cap above what is due");
    click(&root, "review-10").await;
    assert!(
        exists(&root, "check"),
        "a review is a practice set: verdict per answer"
    );
    assert_eq!(
        find(&root, "position").text_content().unwrap(),
        "Question 1 of 10"
    );
    answer_first_options_and_end(&root, 10).await;
    go("#/").await;
    assert_eq!(
        find(&root, "due-status").text_content().unwrap(),
        "4 questions are due today."
    );
    assert!(!exists(&root, "review-10"), "no cap above what is due");
    click(&root, "review-all").await;
    assert_eq!(
        find(&root, "position").text_content().unwrap(),
        "Question 1 of 4"
    );
    answer_first_options_and_end(&root, 4).await;
    go("#/").await;
    let status = find(&root, "due-status").text_content().unwrap();
    assert!(
        status.contains("Nothing is due today"),
        "all reviewed: {status}"
    );

    // The desired retention is a stored setting.
    let select: web_sys::HtmlSelectElement = find(&root, "retention").dyn_into().unwrap();
    assert_eq!(select.value(), "90", "90% until chosen");
    select.set_value("95");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(stored("mogi.retention"), serde_json::json!(95));
}
