//! The start screen, taking an exam, every screen's text in both languages, the timer,
//! keyboard shortcuts, the exam-guide map and the glossary.

use crate::support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement};

#[wasm_bindgen_test]
async fn the_start_screen_summarises_a_full_exam() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    let summary = find(&root, "summary").text_content().unwrap();
    assert!(summary.contains("65 questions · 130 minutes"), "{summary}");
    assert!(summary.contains("720/1000"), "{summary}");
}

#[wasm_bindgen_test]
async fn the_start_screen_speaks_japanese_when_chosen() {
    let root = mount(&[("mogi.v1.lang", "\"ja\"")]).await;
    assert_eq!(find(&root, "start").text_content().unwrap(), "開始");
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .unwrap(),
        "ja"
    );
    click(&root, "lang-switch").await;
    assert_eq!(find(&root, "start").text_content().unwrap(), "Start");
    assert_eq!(
        storage().get_item(&key("mogi.lang")).unwrap().unwrap(),
        r#"{"version":2,"data":"en"}"#
    );
}

#[wasm_bindgen_test]
async fn a_short_custom_exam_is_scored_and_kept_in_storage() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    click(&root, "mode-custom").await;
    type_into(&root, "question-count", "2").await;
    click(&root, "start").await;
    assert_eq!(
        find(&root, "position").text_content().unwrap(),
        "Question 1 of 2"
    );
    // Written after the next paint, not in the click.
    wait_until("saved the exam on start", || is_stored("mogi.exam")).await;
    if exists(&root, "option-0") {
        click(&root, "option-0").await;
    }
    click(&root, "next").await;
    assert_eq!(
        find(&root, "position").text_content().unwrap(),
        "Question 2 of 2"
    );
    click(&root, "end").await;
    click(&root, "confirm-end").await;
    let raw = find(&root, "raw").text_content().unwrap();
    assert!(raw.ends_with("/ 2"), "{raw}");
    let history = storage().get_item(&key("mogi.history")).unwrap().unwrap();
    assert!(history.contains("\"raw_correct\""), "{history}");
    assert!(
        storage().get_item(&key("mogi.exam")).unwrap().is_none(),
        "no exam left in progress"
    );
}

#[wasm_bindgen_test]
async fn a_corrupt_history_is_kept_aside_and_the_app_goes_on() {
    let root = mount(&[("mogi.v1.lang", "\"en\""), ("mogi.v1.history", "{not json")]).await;
    assert!(
        find(&root, "notice")
            .text_content()
            .unwrap()
            .contains("could not be read")
    );
    assert_eq!(
        storage()
            .get_item(&key("mogi.corrupt.mogi.v1.history"))
            .unwrap()
            .unwrap(),
        "{not json"
    );
    assert!(exists(&root, "start"), "the start screen still works");
    assert!(
        exists(&root, "download-corrupt"),
        "the text can be downloaded"
    );
}

/// Walks start → exam → review → results → history in one language and returns each
/// screen's text.
async fn every_screen_text(lang: &str) -> Vec<(&'static str, String)> {
    let root = mount(&[("mogi.v1.lang", &format!("\"{lang}\""))]).await;
    let mut screens = vec![("start", chrome_text(&root))];
    click(&root, "mode-custom").await;
    type_into(&root, "question-count", "2").await;
    click(&root, "start").await;
    if exists(&root, "option-0") {
        click(&root, "option-0").await;
    }
    screens.push(("exam", chrome_text(&root)));
    click(&root, "review").await;
    screens.push(("review", chrome_text(&root)));
    click(&root, "end").await;
    click(&root, "confirm-end").await;
    screens.push(("results", chrome_text(&root)));
    go("#/history").await;
    screens.push(("history", chrome_text(&root)));
    screens
}

/// The interface's own text: the screen without the questions' content, which may quote
/// English names in Japanese text.
fn chrome_text(root: &Element) -> String {
    let copy: Element = root.clone_node_with_deep(true).unwrap().dyn_into().unwrap();
    let questions = copy.query_selector_all("[data-testid='question']").unwrap();
    for i in 0..questions.length() {
        let question: Element = questions.item(i).unwrap().dyn_into().unwrap();
        question.remove();
    }
    copy.text_content().unwrap()
}

#[wasm_bindgen_test]
async fn every_screen_renders_in_english() {
    let expected = [
        ("start", "Mode"),
        ("exam", "Question 1 of 2"),
        ("review", "Unanswered"),
        ("results", "Scaled score (estimate)"),
        ("history", "Your attempts"),
    ];
    for ((screen, text), (_, phrase)) in every_screen_text("en").await.into_iter().zip(expected) {
        assert!(text.contains(phrase), "{screen}: {text}");
        assert!(!text.contains("問題"), "{screen} shows Japanese: {text}");
    }
}

#[wasm_bindgen_test]
async fn every_screen_renders_in_japanese() {
    let expected = [
        ("start", "モード"),
        ("exam", "問題 1 / 2"),
        ("review", "未解答"),
        ("results", "スケールスコア（推定）"),
        ("history", "受験履歴"),
    ];
    let english = [
        "Question",
        "Mode",
        "Previous",
        "Next",
        "Results",
        "Correct answers",
        "Your attempts",
    ];
    for ((screen, text), (_, phrase)) in every_screen_text("ja").await.into_iter().zip(expected) {
        assert!(text.contains(phrase), "{screen}: {text}");
        for word in english {
            assert!(
                !text.contains(word),
                "{screen} shows the English {word:?}: {text}"
            );
        }
    }
}

async fn press(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().dispatch_event(&event).unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn the_timer_warns_at_ten_and_five_minutes_left() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    start_custom(&root, "2", "60").await;
    let timer = find(&root, "timer");
    assert!(
        timer.text_content().unwrap().starts_with("1:00:00")
            || timer.text_content().unwrap().starts_with("0:59:5")
    );
    let warns = |timer: &HtmlElement| {
        let classes = timer.class_name();
        let has = |name: &str| classes.split_whitespace().any(|c| c == name);
        (has("warning"), has("urgent"))
    };
    assert_eq!(warns(&timer), (false, false));

    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    start_custom(&root, "2", "8").await;
    assert_eq!(warns(&find(&root, "timer")), (true, false));

    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    start_custom(&root, "2", "4").await;
    let timer = find(&root, "timer");
    assert_eq!(warns(&timer), (false, true));
    assert!(timer.text_content().unwrap().starts_with("0:0"), "h:mm:ss");
}

#[wasm_bindgen_test]
async fn shortcuts_answer_mark_move_and_show_their_help() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    start_custom(&root, "3", "0").await;
    press("?").await;
    assert!(exists(&root, "help-overlay"));
    press("n").await;
    assert_eq!(
        find(&root, "position").text_content().unwrap(),
        "Question 1 of 3",
        "help is open: keys wait"
    );
    press("Escape").await;
    assert!(!exists(&root, "help-overlay"));
    press("m").await;
    assert_eq!(
        find(&root, "flag").get_attribute("aria-pressed").unwrap(),
        "true"
    );
    press("t").await;
    assert!(
        find(&root, "announcement")
            .text_content()
            .unwrap()
            .contains("Time remaining")
            || find(&root, "announcement")
                .text_content()
                .unwrap()
                .contains("Untimed")
    );
    press("n").await;
    assert_eq!(
        find(&root, "position").text_content().unwrap(),
        "Question 2 of 3"
    );
    press("p").await;
    assert_eq!(
        find(&root, "position").text_content().unwrap(),
        "Question 1 of 3"
    );
    press("r").await;
    assert!(exists(&root, "review-list"));
}

#[wasm_bindgen_test]
async fn the_exam_guide_map_shows_standing_and_drills_a_task() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    go("#/guide").await;
    let task = find(&root, "task-1.1");
    let standing = task
        .query_selector("[data-testid='standing']")
        .unwrap()
        .unwrap();
    assert!(
        standing.text_content().unwrap().starts_with("0 of "),
        "nothing seen yet"
    );
    assert!(
        task.text_content().unwrap().contains("Parquet")
            || task.text_content().unwrap().contains("Ingest")
    );
    click(&root, "practise-1.1").await;
    let position = find(&root, "position").text_content().unwrap();
    assert!(position.starts_with("Question 1 of "), "{position}");
    let question = root
        .query_selector("[data-testid='question']")
        .unwrap()
        .unwrap();
    let id = question.get_attribute("data-question-id").unwrap();
    assert!(
        ["mla-c01-d1-", "mla-c01-cs-", "mla-c02-d1-"]
            .iter()
            .any(|prefix| id.starts_with(prefix)),
        "a task 1.1 question: {id}"
    );
}

#[wasm_bindgen_test]
async fn the_glossary_searches_in_either_language_and_opens_an_entry() {
    let root = mount(&[("mogi.v1.lang", "\"ja\"")]).await;
    go("#/glossary").await;
    let all = root
        .query_selector_all("[data-testid='term']")
        .unwrap()
        .length();
    assert!(all > 80, "every service and the exam terms: {all}");
    type_into(&root, "glossary-search", "Firehose").await;
    let found = root
        .query_selector_all("[data-testid='term']")
        .unwrap()
        .length();
    assert!(found >= 1 && found < all, "{found}");
    type_into(&root, "glossary-search", "過学習").await;
    assert!(
        root.query_selector_all("[data-testid='term']")
            .unwrap()
            .length()
            >= 1,
        "Japanese search"
    );
    go("#/glossary/data-drift").await;
    assert!(
        find(&root, "term-focused")
            .text_content()
            .unwrap()
            .contains("ドリフト")
    );
}
