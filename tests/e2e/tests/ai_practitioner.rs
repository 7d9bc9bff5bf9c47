//! The AI Practitioner exam end to end, as its blueprint states it: the start screen offers it
//! with its own length, time and pass mark (65 questions, 90 minutes, ESL +30, 700), a whole
//! exam is taken, and the results score it against its own five domains.

use mogi_e2e::{Browser, Engine, StaticSite};

#[tokio::test]
async fn chromium_an_ai_practitioner_exam_end_to_end() {
    let site = StaticSite::serve();
    let browser = Browser::start(Engine::Chromium).await;
    browser.goto(&site.url("/mogi/#/")).await;
    browser.click("exam-aif-c01").await;
    let summary = browser
        .wait_text("summary", |t| t.contains("65 questions · 90 minutes"))
        .await;
    assert!(summary.contains("700/1000"), "{summary}");
    browser
        .client
        .find(fantoccini::Locator::Css("input[data-testid='esl']"))
        .await
        .expect("the ESL +30 choice")
        .click()
        .await
        .expect("a checkbox");
    browser
        .wait_text("summary", |t| t.contains("65 questions · 120 minutes"))
        .await;
    browser.click("start").await;
    for k in 1..=65 {
        browser
            .wait_text("position", |t| t == format!("Question {k} of 65"))
            .await;
        let id = browser
            .attribute("question", "data-question-id")
            .await
            .unwrap_or_default();
        assert!(
            id.starts_with("aif-c01-"),
            "an AI Practitioner question: {id}"
        );
        // Choices are clicked; drop-downs (ordering, matching) are left for the whole-exam
        // tests of every answer format: an unanswered question is scored like any other.
        if !browser.find_all("option-0").await.is_empty() {
            browser.answer_current_question().await;
        }
        if k < 65 {
            browser.click("next").await;
        }
    }
    browser.end_exam(65).await;
    let scaled = browser.text("scaled").await;
    assert!(
        scaled.contains("/ 1000") && scaled.contains("700"),
        "{scaled}"
    );
    assert_eq!(browser.find_all("domain").await.len(), 5, "five domains");
    browser.close().await;
}
