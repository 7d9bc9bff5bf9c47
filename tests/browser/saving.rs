//! When changes are written, and exams whose questions changed in a deploy.

use crate::support::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

#[wasm_bindgen_test]
async fn a_change_to_the_exam_is_saved_after_the_click_and_at_once_when_the_page_is_left() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    start_custom(&root, "2", "60").await;
    let stored = || storage().get_item(&key("mogi.exam")).unwrap();
    // A new exam too: left at once after the start, the page writes it.
    leave_page();
    let started = stored().expect("the new exam is stored when the page is left");
    let stored = || stored().unwrap();

    // Leaving the page writes a pending change at once.
    click(&root, "flag").await;
    leave_page();
    let marked = stored();
    assert_ne!(marked, started, "the mark is stored when the page is left");

    // Otherwise it is written within moments, without the page being left.
    click(&root, "flag").await;
    wait_until("stored the unmark", || stored() != marked).await;
    let unmarked = stored();
    assert_ne!(unmarked, marked, "the unmark is stored");
    assert_eq!(
        unmarked, started,
        "marked and unmarked again: as it started"
    );
}

/// A custom exam of `count` questions started through the app, then stored as if its first
/// question had been updated since it started (its recorded revision is another one) and its
/// second removed from the bank: what a browser holds when a deploy changed them mid-exam.
async fn exam_with_changed_questions(count: &str) -> (Element, serde_json::Value) {
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    start_custom(&root, count, "30").await;
    // An answer to the third question, to see it kept.
    click(&root, "next").await;
    click(&root, "next").await;
    if exists(&root, "option-0") {
        click(&root, "option-0").await;
    }
    let root = remount_after(|| {
        let mut exam = stored("mogi.exam");
        exam["form"]["items"][0]["revision"] = 1.into();
        exam["form"]["items"][1]["question_id"] = "mla-c01-d9-9999".into();
        exam["current"] = 0.into();
        let text = serde_json::json!({ "version": 2, "data": exam }).to_string();
        storage().set_item(&key("mogi.exam"), &text).unwrap();
    })
    .await;
    let saved = stored("mogi.exam");
    (root, saved)
}

#[wasm_bindgen_test]
async fn an_exam_in_progress_goes_on_when_its_questions_changed_and_leaves_them_out() {
    let (root, saved) = exam_with_changed_questions("6").await;
    assert!(notices(&root).is_empty(), "{}", notices(&root));
    if exists(&root, "resume") {
        click(&root, "resume").await;
    }
    // Question 1 changed: said so, not shown with an answer of another meaning.
    assert!(
        find(&root, "question-changed")
            .text_content()
            .unwrap()
            .contains("updated after the exam started")
    );
    assert!(!exists(&root, "question"));
    click(&root, "next").await;
    assert!(
        find(&root, "question-changed")
            .text_content()
            .unwrap()
            .contains("removed from the question bank")
    );
    // Question 3 is as it was, with its answer.
    click(&root, "next").await;
    assert!(exists(&root, "question"));
    click(&root, "end").await;
    click(&root, "confirm-end").await;
    let left_out = find(&root, "left-out").text_content().unwrap();
    assert!(left_out.contains("2 questions were left out"), "{left_out}");
    let history = stored("mogi.history");
    let attempt = &history.as_array().unwrap()[0];
    assert_eq!(attempt["result"]["left_out"], 2);
    assert_eq!(attempt["result"]["total"], 4);
    assert_eq!(
        attempt["answers"], saved["answers"],
        "every saved answer kept"
    );
    // The updated question (still in the bank) can be practised anew; the removed one not.
    click(&root, "practise-changed").await;
    assert_eq!(
        find(&root, "position").text_content().unwrap(),
        "Question 1 of 1"
    );
    assert_eq!(
        find(&root, "question").get_attribute("data-question-id"),
        saved["form"]["items"][0]["question_id"]
            .as_str()
            .map(str::to_owned)
    );
}

#[wasm_bindgen_test]
async fn a_past_attempt_keeps_its_score_and_lists_questions_changed_since() {
    let root = mount(&[("mogi.lang", r#"{"version":2,"data":"en"}"#)]).await;
    end_unanswered_exam(&root, "5").await;
    let root = remount_after(|| {
        let mut history = stored("mogi.history");
        history[0]["form"]["items"][0]["revision"] = 1.into();
        let text = serde_json::json!({ "version": 2, "data": history }).to_string();
        storage().set_item(&key("mogi.history"), &text).unwrap();
    })
    .await;
    let history = stored("mogi.history");
    let first = &history[0];
    let scaled = first["result"]["scaled"].clone();
    let id = first["id"].as_str().unwrap().to_owned();
    assert!(notices(&root).is_empty(), "{}", notices(&root));
    go(&format!("#/results/{id}")).await;
    assert_eq!(
        find(&root, "scaled").text_content().unwrap(),
        format!("{scaled} / 1000 (Pass mark 720)"),
        "the score it was given"
    );
    let listed = root
        .query_selector_all("[data-testid='result-question']")
        .unwrap();
    assert_eq!(listed.length(), 5, "every question listed");
    assert!(
        find(&root, "result-question-changed")
            .text_content()
            .unwrap()
            .contains("updated since this attempt")
    );
    assert_eq!(
        root.query_selector_all("[data-testid='result-question'] [data-testid='question']")
            .unwrap()
            .length(),
        4,
        "the others are reviewed as before"
    );
}
