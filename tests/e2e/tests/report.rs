//! A report to keep: a result prints without the interface (no navigation, no buttons), one
//! question a page, as the browser's "Save as PDF" would print it.

use mogi_e2e::{Browser, Engine, StaticSite};
use serde_json::json;

#[tokio::test]
async fn chromium_a_result_prints_without_the_interface() {
    let site = StaticSite::serve();
    let browser = Browser::start(Engine::Chromium).await;
    browser.goto(&site.url("/mogi/#/")).await;
    browser.start_custom_exam(3).await;
    browser.end_exam(3).await;
    browser
        .chromium_devtools("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await;
    let shown = browser
        .run(
            "const visible = el => el && getComputedStyle(el).display !== 'none';
             const questions = [...document.querySelectorAll(\"[data-testid='result-question']\")];
             return {
                 topbar: visible(document.querySelector('.topbar')),
                 buttons: [...document.querySelectorAll('button')].filter(visible).length,
                 questions: questions.filter(visible).length,
                 breaks: questions.slice(1).map(q => getComputedStyle(q).breakBefore),
                 raw: visible(document.querySelector(\"[data-testid='raw']\")),
             };",
        )
        .await;
    assert_eq!(shown["topbar"], json!(false), "no navigation: {shown}");
    assert_eq!(shown["buttons"], json!(0), "no buttons: {shown}");
    assert_eq!(shown["questions"], json!(3), "every question: {shown}");
    assert_eq!(
        shown["breaks"],
        json!(["page", "page"]),
        "a question a page: {shown}"
    );
    assert_eq!(shown["raw"], json!(true), "the score: {shown}");
    browser
        .chromium_devtools("Emulation.setEmulatedMedia", json!({ "media": "" }))
        .await;
    browser.close().await;
}
