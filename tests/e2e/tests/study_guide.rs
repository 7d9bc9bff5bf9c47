//! Studying from the exam guide: open the map, start a drill from a task statement, and look
//! a term up from inside a question without leaving it.

use fantoccini::Locator;
use mogi_e2e::{Browser, Engine, StaticSite};

#[tokio::test]
async fn a_drill_from_the_map_and_a_term_looked_up_inside_a_question() {
    let site = StaticSite::serve();
    let browser = Browser::start(Engine::Chromium).await;
    browser.goto(&site.url("/mogi/#/guide")).await;
    let standing = browser
        .find("task-2.3")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(
        standing.contains("0 of"),
        "nothing practised yet: {standing}"
    );
    // The skills' wordings come in a chunk of their own, not with the index.
    let wording = skill_wording(&browser, ".guide-skills li").await;
    assert!(wording.len() > 20, "a skill's wording: {wording:?}");
    browser.click("practise-2.3").await;
    let position = browser
        .wait_text("position", |t| t.starts_with("Question 1 of"))
        .await;
    let total: usize = position
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count");

    let mut looked_up = false;
    for k in 1..=total {
        browser
            .wait_text("position", |t| t.starts_with(&format!("Question {k} of")))
            .await;
        browser.answer_current_question().await;
        browser.click("check").await;
        browser.find("explanation").await;
        if !looked_up
            && let Ok(term) = browser
                .client
                .find(Locator::Css("[data-testid='question'] a.term"))
                .await
        {
            let word = term.text().await.unwrap_or_default();
            term.click().await.expect("a term link");
            let card = browser.text("term-popover").await;
            assert!(!card.is_empty(), "the card for {word:?}");
            assert!(
                browser.current_url().await.ends_with("#/exam"),
                "still in the question"
            );
            browser.click("close-term").await;
            looked_up = true;
        }
        if k < total {
            browser.click("next").await;
        }
    }
    assert!(
        looked_up,
        "some explanation of task 2.3 links a glossary term"
    );
    browser.click("end").await;
    browser.click("confirm-end").await;
    browser.find("raw").await;
    browser.goto(&site.url("/mogi/#/guide")).await;
    let standing = browser
        .find("task-2.3")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(
        standing.contains(&format!("{total} of {total}")),
        "every question seen: {standing}"
    );
    // Opened anew (a new page has only the index), the comparison waits for the wordings.
    browser.goto(&site.url("/mogi/#/changes/mla-c02")).await;
    browser.reload_page().await;
    browser.find("change-weights").await;
    let wording = skill_wording(&browser, ".change-skills li").await;
    assert!(
        wording.len() > 20,
        "a compared skill's wording: {wording:?}"
    );
    browser.close().await;
}

/// The text of the first `selector` item after its id (`<strong>`), up to its standing.
async fn skill_wording(browser: &Browser, selector: &str) -> String {
    let script = format!(
        "const li = document.querySelector({selector:?}); \
         if (!li) return ''; \
         const id = li.querySelector('strong').textContent; \
         return li.textContent.slice(id.length).split(' — ')[0].trim();"
    );
    browser
        .run(&script)
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}
