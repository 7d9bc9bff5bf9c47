//! Two exams in one profile: a learner takes MLA-C01 and MLA-C02 in the same browser; each has
//! its own attempts, exam-guide map and result links, and a group board keeps them apart.

use mogi_e2e::{Browser, Engine, StaticSite};

/// From the start screen: choose `code`, take a two-question custom exam answering the first
/// option, and return its result link.
async fn take_and_share(browser: &Browser, site: &StaticSite, code: &str) -> String {
    browser.goto(&site.url("/mogi/#/")).await;
    browser.click(&format!("exam-{code}")).await;
    browser
        .wait_until(
            &format!("{code} chosen"),
            &format!("document.querySelector(\"[data-testid='exam-{code}'] input:checked\")"),
        )
        .await;
    browser.start_custom_exam(2).await;
    let id = browser
        .attribute("question", "data-question-id")
        .await
        .unwrap_or_default();
    assert!(!id.is_empty());
    browser.answer_current_question().await;
    browser.click("next").await;
    browser
        .wait_text("position", |t| t == "Question 2 of 2")
        .await;
    browser.answer_current_question().await;
    browser.end_exam(2).await;
    browser.click("share-result").await;
    let url = browser.value("result-share-link").await;
    assert!(url.contains("#/result/"), "{url}");
    url
}

#[tokio::test]
async fn chromium_two_exams_keep_their_histories_maps_and_links_apart() {
    let site = StaticSite::serve();
    let browser = Browser::start(Engine::Chromium).await;
    let c01 = take_and_share(&browser, &site, "mla-c01").await;
    let c02 = take_and_share(&browser, &site, "mla-c02").await;
    assert_ne!(c01, c02);

    browser.goto(&site.url("/mogi/#/history")).await;
    let rows = browser.find_all("history-row").await;
    let mut exams = Vec::new();
    for row in rows {
        exams.push(row.text().await.unwrap_or_default());
    }
    assert_eq!(exams.len(), 2, "{exams:?}");
    assert!(
        exams[0].contains("MLA-C02") && exams[1].contains("MLA-C01"),
        "newest first: {exams:?}"
    );

    // The map of the exam chosen last (MLA-C02) has its new skills; MLA-C01's has not.
    browser.goto(&site.url("/mogi/#/guide")).await;
    browser.find("skill-1.1.7").await;
    browser
        .run(
            "const s = document.querySelector(\"[data-testid='exam-picker']\"); \
             s.value = 'mla-c01'; s.dispatchEvent(new Event('change', {bubbles: true})); return true;",
        )
        .await;
    browser
        .wait_until(
            "MLA-C01's map",
            "!document.querySelector(\"[data-testid='skill-1.1.7']\") \
                 && document.querySelector(\"[data-testid='skill-1.1.6']\")",
        )
        .await;

    // A group board with both links shows two boards, one per exam.
    browser.goto(&site.url("/mogi/#/group")).await;
    browser
        .type_into("group-paste", &format!("{c01}\n{c02}"))
        .await;
    browser.click("group-add").await;
    browser
        .wait_until(
            "two exam boards",
            "document.querySelectorAll(\"[data-testid='exam-board']\").length === 2",
        )
        .await;
    let boards = browser.find_all("exam-board").await;
    let mut titles = Vec::new();
    for board in boards {
        titles.push(board.text().await.unwrap_or_default());
    }
    assert!(titles.iter().any(|t| t.contains("MLA-C01")), "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("MLA-C02")), "{titles:?}");
    for board in browser.find_all("group-members").await {
        let members = board
            .find_all(fantoccini::Locator::Css("[data-testid='group-member']"))
            .await
            .expect("rows");
        assert_eq!(members.len(), 1, "one result per exam board");
    }
    browser.close().await;
}
