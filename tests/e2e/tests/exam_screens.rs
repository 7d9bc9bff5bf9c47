//! A person takes a whole custom exam with every question type in each engine: once with the
//! mouse and once with the keyboard alone (the start screen's choices, then the same kind of
//! exam from a fixed seed, through its exam link, so that every type appears on every run). axe-core audits the start, exam, review and
//! results screens on the way and must find nothing.

use std::collections::BTreeSet;

use fantoccini::elements::Element;
use mogi_e2e::seeded::{has_every_format_and_a_case_study, seeded_exam};
use mogi_e2e::{Browser, Engine, SOON, StaticSite};

const QUESTIONS: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Input {
    Mouse,
    Keyboard,
}

async fn assert_accessible(browser: &Browser, screen: &str, engine: Engine) {
    let violations = browser.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "{engine:?}, {screen} screen: {violations:#?}"
    );
}

/// Answers the question on screen, of type `kind`, with `input`.
async fn answer(browser: &Browser, kind: &str, input: Input) {
    match (kind, input) {
        ("multiple-choice", Input::Mouse) => browser.click("option-0").await,
        ("multiple-choice", Input::Keyboard) => browser.press("1").await,
        ("multiple-response", Input::Mouse) => {
            browser.click("option-0").await;
            browser.click("option-1").await;
        }
        ("multiple-response", Input::Keyboard) => {
            browser.press("1").await;
            browser.press("2").await;
        }
        ("ordering" | "matching", _) => {
            for (k, select) in browser.slots().await.into_iter().enumerate() {
                let choice = response_for(&select, k).await;
                match input {
                    // Repeats a choice the driver loses, then asserts the app shows it.
                    Input::Mouse => browser.choose_response(&select, choice).await,
                    Input::Keyboard => {
                        // Arrow down from the placeholder, then Tab out of the list.
                        let keys = "\u{E015}".repeat(choice) + "\u{E004}";
                        select
                            .send_keys(&keys)
                            .await
                            .expect("arrow keys choose a response");
                        browser
                            .wait_for(
                                "showed the response chosen with the keyboard",
                                SOON,
                                async || {
                                    browser
                                        .app_shows_choice(&select, choice)
                                        .await
                                        .then_some(())
                                },
                            )
                            .await;
                    }
                }
            }
        }
        _ => panic!("unknown question type {kind}"),
    }
}

/// The entry to choose in `select`, the `k`th slot (0 is the placeholder): a different
/// response per slot where there are enough; responses may repeat.
async fn response_for(select: &Element, k: usize) -> usize {
    let responses = select
        .find_all(fantoccini::Locator::Css("option"))
        .await
        .map_or(2, |o| o.len())
        .saturating_sub(1)
        .max(1);
    k % responses + 1
}

async fn take_a_whole_custom_exam(engine: Engine, input: Input) {
    // MLA-C01 uses every answer format (its successor only two); the seed gives a form with
    // each of them and a case study, so every check below runs on every run.
    let (link, _) = seeded_exam(
        "mla-c01",
        QUESTIONS as u32,
        has_every_format_and_a_case_study,
    );
    let site = StaticSite::serve();
    let browser = Browser::start(engine).await;
    browser.goto(&site.url("/mogi/")).await;
    browser.find("start").await;
    assert_accessible(&browser, "start", engine).await;

    // The start screen's choices, with the mouse or the keyboard alone.
    match input {
        Input::Mouse => browser.click("exam-mla-c01").await,
        Input::Keyboard => browser
            .client
            .find(fantoccini::Locator::Css(
                "[data-testid='exam-mla-c01'] input",
            ))
            .await
            .expect("the exam's radio")
            .send_keys(" ")
            .await
            .expect("space ticks a radio"),
    }
    browser
        .wait_until(
            "MLA-C01 chosen",
            "document.querySelector(\"[data-testid='exam-mla-c01'] input:checked\")",
        )
        .await;
    match input {
        Input::Mouse => browser.click("mode-custom").await,
        Input::Keyboard => browser
            .find("mode-custom")
            .await
            .send_keys(" ")
            .await
            .expect("space ticks a radio"),
    }
    browser
        .type_into("question-count", &QUESTIONS.to_string())
        .await;
    browser
        .wait_text("summary", |t| t.contains(&format!("{QUESTIONS} questions")))
        .await;

    // The same kind of exam from a fixed seed, through its exam link.
    browser
        .goto(&format!("{}#/take/{link}", site.url("/mogi/")))
        .await;
    match input {
        Input::Mouse => browser.click("start-shared").await,
        Input::Keyboard => browser
            .find("start-shared")
            .await
            .send_keys("\u{E007}")
            .await
            .expect("Enter presses a button"),
    }

    let mut kinds = BTreeSet::new();
    let mut case_study = false;
    for k in 1..=QUESTIONS {
        browser
            .wait_text("position", |t| t == format!("Question {k} of {QUESTIONS}"))
            .await;
        if k == 1 {
            assert_accessible(&browser, "exam", engine).await;
        }
        let kind = browser
            .attribute("question", "data-type")
            .await
            .expect("a typed question");
        if !browser.find_all("scenario").await.is_empty() {
            // The scenario comes in a chunk of its own, fetched with the question's.
            let shown = browser.text("scenario").await;
            assert!(
                shown.chars().count() > 200,
                "{engine:?}: the case study's scenario: {shown}"
            );
            case_study = true;
        }
        answer(&browser, &kind, input).await;
        if kind == "multiple-response" {
            let count = browser.text("selected-count").await;
            assert!(count.starts_with("2 of"), "{engine:?} {input:?}: {count}");
        }
        kinds.insert(kind.clone());
        if k == 2 {
            match input {
                Input::Mouse => browser.click("flag").await,
                Input::Keyboard => browser.press("m").await,
            }
            browser.wait_text("nav-1", |t| t.contains('⚑')).await;
        }
        // The navigator shows the answer saved before the test moves on.
        browser
            .wait_text(&format!("nav-{}", k - 1), |t| t.contains('●'))
            .await;
        match input {
            Input::Mouse => browser.click("next").await,
            Input::Keyboard => browser.press("n").await,
        }
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "matching",
            "multiple-choice",
            "multiple-response",
            "ordering"
        ],
        "{engine:?} {input:?}: every answer format appears"
    );
    assert!(case_study, "{engine:?} {input:?}: a case study appears");

    // Next on the last question opens the review screen.
    browser.find("review-list").await;
    assert_eq!(browser.find_all("review-row").await.len(), QUESTIONS);
    assert_accessible(&browser, "review", engine).await;
    browser.click("filter-marked").await;
    assert_eq!(
        browser.find_all("review-row").await.len(),
        1,
        "{engine:?}: one marked"
    );
    browser.click("filter-unanswered").await;
    assert_eq!(
        browser.find_all("review-row").await.len(),
        0,
        "{engine:?}: all answered"
    );

    match input {
        Input::Mouse => {
            browser.click("end").await;
            browser.click("confirm-end").await;
        }
        Input::Keyboard => {
            browser
                .find("end")
                .await
                .send_keys("\u{E007}")
                .await
                .expect("Enter presses a button");
            let counts = browser.text("end-counts").await;
            assert!(counts.contains("1 marked"), "{engine:?}: {counts}");
            browser
                .find("confirm-end")
                .await
                .send_keys("\u{E007}")
                .await
                .expect("Enter confirms");
        }
    }
    browser
        .wait_text("raw", |t| t.ends_with(&format!("/ {QUESTIONS}")))
        .await;
    assert_accessible(&browser, "results", engine).await;
    browser.click("results-marked").await;
    assert_eq!(
        browser.find_all("result-question").await.len(),
        1,
        "{engine:?}: the marked one"
    );
    browser.close().await;
}

#[tokio::test]
async fn chromium_mouse() {
    take_a_whole_custom_exam(Engine::Chromium, Input::Mouse).await;
}

#[tokio::test]
async fn chromium_keyboard() {
    take_a_whole_custom_exam(Engine::Chromium, Input::Keyboard).await;
}

#[tokio::test]
async fn firefox_mouse() {
    take_a_whole_custom_exam(Engine::Firefox, Input::Mouse).await;
}

#[tokio::test]
async fn firefox_keyboard() {
    take_a_whole_custom_exam(Engine::Firefox, Input::Keyboard).await;
}

#[tokio::test]
async fn webkit_mouse() {
    take_a_whole_custom_exam(Engine::WebKit, Input::Mouse).await;
}

#[tokio::test]
async fn webkit_keyboard() {
    take_a_whole_custom_exam(Engine::WebKit, Input::Keyboard).await;
}
