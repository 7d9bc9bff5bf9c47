//! Browser tests: the app rendered into a fresh element in a real engine (Chromium, Firefox
//! ESR, WebKitGTK via wasm-bindgen-test-runner), clicked, and its DOM and localStorage read.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

thread_local! {
    static MOUNTED: std::cell::RefCell<Option<yew::AppHandle<mogi::App>>> = const { std::cell::RefCell::new(None) };
}

/// A fresh page state: the previous app unmounted, empty storage, the start route, a new
/// root element.
async fn mount(stored: &[(&str, &str)]) -> Element {
    if let Some(previous) = MOUNTED.with(|m| m.borrow_mut().take()) {
        previous.destroy();
        settle().await;
    }
    storage().clear().unwrap();
    for (key, value) in stored {
        storage().set_item(key, value).unwrap();
    }
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/")
        .unwrap();
    if let Some(old) = document().get_element_by_id("test-root") {
        old.remove();
    }
    let root = document().create_element("div").unwrap();
    root.set_id("test-root");
    document().body().unwrap().append_child(&root).unwrap();
    let handle = mogi::start_in(root.clone());
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
    settle().await;
    root
}

/// Lets yew render and run effects.
async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
    }
}

fn find(root: &Element, testid: &str) -> HtmlElement {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no [data-testid={testid}] in {}", root.inner_html()))
        .dyn_into()
        .unwrap()
}

fn exists(root: &Element, testid: &str) -> bool {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .is_some()
}

async fn click(root: &Element, testid: &str) {
    find(root, testid).click();
    settle().await;
}

async fn type_number(root: &Element, testid: &str, value: &str) {
    let input: HtmlInputElement = find(root, testid).dyn_into().unwrap();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
}

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
        storage().get_item("mogi.v1.lang").unwrap().unwrap(),
        "\"en\""
    );
}

#[wasm_bindgen_test]
async fn a_short_custom_exam_is_scored_and_kept_in_storage() {
    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    click(&root, "mode-custom").await;
    type_number(&root, "question-count", "2").await;
    click(&root, "start").await;
    assert_eq!(
        find(&root, "position").text_content().unwrap(),
        "Question 1 of 2"
    );
    assert!(
        storage()
            .get_item("mogi.v1.current-exam")
            .unwrap()
            .is_some(),
        "saved on start"
    );
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
    let history = storage().get_item("mogi.v1.history").unwrap().unwrap();
    assert!(history.contains("\"raw_correct\""), "{history}");
    assert!(
        storage()
            .get_item("mogi.v1.current-exam")
            .unwrap()
            .is_none(),
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
            .get_item("mogi.corrupt.mogi.v1.history")
            .unwrap()
            .unwrap(),
        "{not json"
    );
    assert!(exists(&root, "start"), "the start screen still works");
}

/// Walks start → exam → review → results → history in one language and returns each
/// screen's text.
async fn every_screen_text(lang: &str) -> Vec<(&'static str, String)> {
    let root = mount(&[("mogi.v1.lang", &format!("\"{lang}\""))]).await;
    let mut screens = vec![("start", chrome_text(&root))];
    click(&root, "mode-custom").await;
    type_number(&root, "question-count", "2").await;
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
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/history")
        .unwrap();
    settle_hash().await;
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

/// Lets a hash change reach the app.
async fn settle_hash() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    settle().await;
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

async fn start_custom(root: &Element, questions: &str, minutes: &str) {
    click(root, "mode-custom").await;
    type_number(root, "question-count", questions).await;
    type_number(root, "minutes", minutes).await;
    click(root, "start").await;
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
    assert_eq!(timer.class_name(), "timer");

    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    start_custom(&root, "2", "8").await;
    assert_eq!(find(&root, "timer").class_name(), "timer warning");

    let root = mount(&[("mogi.v1.lang", "\"en\"")]).await;
    start_custom(&root, "2", "4").await;
    let timer = find(&root, "timer");
    assert_eq!(timer.class_name(), "timer urgent");
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
