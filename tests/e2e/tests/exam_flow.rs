//! A person takes a short exam in each engine: open the app, start, answer, switch the
//! language mid-exam, finish, reload, and the score is still there and listed in the history.

use mogi_e2e::{Browser, Engine, StaticSite};

/// Switching to Japanese and back keeps the question, the answer and the marks.
async fn switch_language_mid_exam(browser: &Browser, engine: Engine) {
    browser.click("flag").await;
    let answered = browser.find_all("option-0").await.into_iter().next();
    browser.click("lang-switch").await;
    browser.wait_text("position", |t| t == "問題 2 / 3").await;
    assert_eq!(
        browser.attribute("flag", "aria-pressed").await.as_deref(),
        Some("true"),
        "{engine:?}"
    );
    if answered.is_some() {
        let option = browser.find("option-0").await;
        assert!(
            option.is_selected().await.unwrap_or(false),
            "{engine:?}: the answer survives"
        );
    }
    browser.click("lang-switch").await;
    browser
        .wait_text("position", |t| t == "Question 2 of 3")
        .await;
}

async fn take_a_short_exam_and_keep_the_score(engine: Engine, path: &str) {
    let site = StaticSite::serve();
    let browser = Browser::start(engine).await;
    browser.goto(&site.url(path)).await;
    browser.start_custom_exam(3).await;

    for k in 1..=3 {
        browser
            .wait_text("position", |t| t == format!("Question {k} of 3"))
            .await;
        browser.answer_current_question().await;
        if k == 2 {
            switch_language_mid_exam(&browser, engine).await;
        }
        if k < 3 {
            browser.click("next").await;
        }
    }
    browser.click("end").await;
    let counts = browser.text("end-counts").await;
    assert!(counts.contains("0 unanswered"), "{engine:?}: {counts}");
    browser.click("confirm-end").await;

    let raw = browser.wait_text("raw", |t| t.ends_with("/ 3")).await;
    let scaled = browser.text("scaled").await;
    assert!(
        browser.current_url().await.contains("#/results/"),
        "{engine:?}"
    );

    browser.reload().await;
    assert_eq!(
        browser.wait_text("raw", |t| t.ends_with("/ 3")).await,
        raw,
        "{engine:?}: after reload"
    );
    assert_eq!(
        browser.text("scaled").await,
        scaled,
        "{engine:?}: after reload"
    );

    browser.click("nav-history").await;
    browser.find("history").await;
    assert_eq!(
        browser.find_all("history-row").await.len(),
        1,
        "{engine:?}: one attempt listed"
    );
    browser.close().await;
}

#[tokio::test]
async fn chromium_takes_an_exam_and_keeps_the_score() {
    take_a_short_exam_and_keep_the_score(Engine::Chromium, "/mogi/").await;
}

#[tokio::test]
async fn chromium_works_from_the_site_root_too() {
    take_a_short_exam_and_keep_the_score(Engine::Chromium, "/").await;
}

#[tokio::test]
async fn firefox_takes_an_exam_and_keeps_the_score() {
    take_a_short_exam_and_keep_the_score(Engine::Firefox, "/mogi/").await;
}

#[tokio::test]
async fn webkit_takes_an_exam_and_keeps_the_score() {
    take_a_short_exam_and_keep_the_score(Engine::WebKit, "/mogi/").await;
}
