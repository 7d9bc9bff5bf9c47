//! Study groups in two browser profiles: one makes an exam link, the other opens it and gets
//! the same exam; both finish and share their results; the result links open side by side
//! in a group board with the right figures.

use mogi_e2e::{Browser, Engine, StaticSite};

const QUESTIONS: usize = 4;

/// The value of a read-only link field.
/// Takes the exam on screen: records each stem, answers each question with option or response
/// `pick`, ends it; returns the stems, raw and scaled score.
async fn take(browser: &Browser, pick: usize) -> (Vec<String>, String, String) {
    let mut stems = Vec::new();
    for k in 1..=QUESTIONS {
        browser
            .wait_text("position", |t| t == format!("Question {k} of {QUESTIONS}"))
            .await;
        stems.push(browser.text("stem").await);
        browser.answer_current_question_with(pick).await;
        if k < QUESTIONS {
            browser.click("next").await;
        }
    }
    let raw = browser.end_exam(QUESTIONS).await;
    let scaled = browser.text("scaled").await;
    (stems, raw, scaled)
}

async fn share_result(browser: &Browser, name: &str) -> String {
    browser.click("share-result").await;
    if !name.is_empty() {
        browser.type_into("share-name", name).await;
    }
    let url = browser.value("result-share-link").await;
    assert!(url.contains("#/result/"), "{url}");
    url
}

fn first_number(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn chromium_two_profiles_share_an_exam_and_compare_results_on_a_group_board() {
    let site = StaticSite::serve();
    let aiko = Browser::start(Engine::Chromium).await;
    let ben = Browser::start(Engine::Chromium).await;

    // Aiko makes a short custom exam and shares it before starting.
    aiko.goto(&site.url("/mogi/")).await;
    aiko.click("mode-custom").await;
    aiko.type_into("question-count", &QUESTIONS.to_string())
        .await;
    aiko.wait_text("summary", |t| t.contains(&format!("{QUESTIONS} questions")))
        .await;
    aiko.click("share-new-exam").await;
    let exam_link = aiko.value("exam-share-link").await;
    assert!(
        exam_link.starts_with(&site.url("/mogi/#/take/")),
        "{exam_link}"
    );
    println!("exam link: {} characters", exam_link.len());
    aiko.click("start-shared").await;
    let (aiko_stems, aiko_raw, aiko_scaled) = take(&aiko, 0).await;

    // Ben, in another profile, opens the link: same exam, same order.
    ben.goto(&exam_link).await;
    let summary = ben.text("shared-exam-summary").await;
    assert!(
        summary.contains(&format!("{QUESTIONS} questions")),
        "{summary}"
    );
    assert!(
        ben.find_all("bank-difference").await.is_empty(),
        "same bank"
    );
    ben.click("start-shared").await;
    let (ben_stems, ben_raw, ben_scaled) = take(&ben, 1).await;
    assert_eq!(
        ben_stems, aiko_stems,
        "identical questions in identical order"
    );

    let aiko_link = share_result(&aiko, "Aiko <b>").await;
    let ben_link = share_result(&ben, "").await;
    println!(
        "result links: {} and {} characters",
        aiko_link.len(),
        ben_link.len()
    );

    // Ben opens Aiko's result: her score card, read-only, nothing saved.
    ben.goto(&aiko_link).await;
    assert_eq!(ben.text("shared-name").await, "Aiko <b>");
    assert_eq!(ben.text("shared-raw").await, aiko_raw);
    assert_eq!(ben.text("shared-scaled").await, aiko_scaled);
    assert!(ben.find_all("add-to-history").await.len() == 1);

    // Aiko puts both results on a group board.
    aiko.goto(&site.url("/mogi/#/group")).await;
    aiko.find("group-empty").await;
    aiko.type_into("group-paste", &format!("{aiko_link}\n{ben_link}"))
        .await;
    aiko.click("group-add").await;
    aiko.wait_text("group-members", |t| t.contains("Anonymous"))
        .await;
    let names: Vec<String> = texts(&aiko, "member-name").await;
    assert_eq!(names, vec!["Aiko <b>".to_owned(), "Anonymous".to_owned()]);
    assert_eq!(
        texts(&aiko, "member-raw").await,
        vec![aiko_raw.clone(), ben_raw.clone()]
    );
    let scaled: Vec<String> = texts(&aiko, "member-scaled")
        .await
        .iter()
        .map(|t| first_number(t))
        .collect();
    assert_eq!(
        scaled,
        vec![first_number(&aiko_scaled), first_number(&ben_scaled)]
    );

    // Per question: how many of the two got it right, fewest first; the counts add up.
    let rights: Vec<usize> = texts(&aiko, "discuss-right")
        .await
        .iter()
        .map(|t| first_number(t).parse().expect("a count"))
        .collect();
    assert_eq!(rights.len(), QUESTIONS);
    assert!(rights.windows(2).all(|w| w[0] <= w[1]), "{rights:?}");
    let raw_sum: usize = [&aiko_raw, &ben_raw]
        .iter()
        .map(|r| first_number(r).parse::<usize>().expect("a raw score"))
        .sum();
    assert_eq!(rights.iter().sum::<usize>(), raw_sum);

    // The board is kept: a reload shows it again.
    aiko.reload().await;
    aiko.wait_text("group-members", |t| t.contains("Anonymous"))
        .await;
    assert_eq!(aiko.find_all("group-member").await.len(), 2);

    aiko.close().await;
    ben.close().await;
}

async fn texts(browser: &Browser, testid: &str) -> Vec<String> {
    let mut out = Vec::new();
    for element in browser.find_all(testid).await {
        out.push(element.text().await.unwrap_or_default());
    }
    out
}
