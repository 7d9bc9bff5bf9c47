//! On a 360 px wide phone screen nothing scrolls sideways and every button and drop-down is
//! a touch target of at least 44 px, on the start, exam (every type), review and results
//! screens.

use mogi_e2e::{Browser, Engine, StaticSite};

const LAYOUT_PROBLEMS: &str = r"
    const problems = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) {
        problems.push(`scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    }
    for (const el of document.querySelectorAll('button, select, input[type=number]')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.height < 44 || r.width < 44)) {
            problems.push(`small target ${el.outerHTML.slice(0, 80)}: ${r.width}x${r.height}`);
        }
    }
    return problems;
";

async fn layout_problems(browser: &Browser, screen: &str) -> Vec<String> {
    let value = browser
        .client
        .execute(LAYOUT_PROBLEMS, vec![])
        .await
        .expect("the check runs");
    let problems: Vec<String> = serde_json::from_value(value).expect("a list");
    problems
        .into_iter()
        .map(|p| format!("{screen}: {p}"))
        .collect()
}

#[tokio::test]
async fn a_phone_sized_screen_never_scrolls_sideways_and_targets_are_large() {
    let site = StaticSite::serve();
    let browser = Browser::start(Engine::Chromium).await;
    browser
        .client
        .set_window_size(360, 740)
        .await
        .expect("a phone-sized window");
    browser.goto(&site.url("/mogi/")).await;
    browser.find("start").await;
    let mut problems = layout_problems(&browser, "start").await;

    browser.click("mode-custom").await;
    problems.extend(layout_problems(&browser, "start (custom)").await);
    browser.type_into("question-count", "20").await;
    browser.click("start").await;
    for k in 1..=20 {
        browser
            .wait_text("position", |t| t == format!("Question {k} of 20"))
            .await;
        let kind = browser
            .attribute("question", "data-type")
            .await
            .unwrap_or_default();
        problems.extend(layout_problems(&browser, &format!("exam {k} ({kind})")).await);
        browser.click("next").await;
    }
    browser.find("review-list").await;
    problems.extend(layout_problems(&browser, "review").await);
    browser.click("end").await;
    problems.extend(layout_problems(&browser, "end dialog").await);
    browser.click("confirm-end").await;
    browser.find("raw").await;
    problems.extend(layout_problems(&browser, "results").await);
    if let Ok(png) = browser.client.screenshot().await {
        let _ = std::fs::write(std::env::temp_dir().join("mogi-phone-results.png"), png);
    }
    browser.close().await;
    assert!(problems.is_empty(), "{problems:#?}");
}
