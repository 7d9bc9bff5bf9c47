//! The Content-Security-Policy allows only the site's own files, and the app never trips it:
//! in each engine a person takes a whole custom exam and visits every screen while a
//! `securitypolicyviolation` listener records what the policy blocked, which must be
//! nothing. First the listener is shown to work: an inline style and an inline script put
//! into the page are blocked and recorded.

use mogi_e2e::{Browser, Engine, SOON, StaticSite};

const QUESTIONS: usize = 12;

/// The bar of each domain row on the results screen: its filled width (SVG units of 100)
/// and the row's "correct / total".
async fn domain_bars(browser: &Browser) -> Vec<(String, String)> {
    let rows = browser
        .run(
            r"return [...document.querySelectorAll('[data-testid=domain]')].map(row => [
                row.querySelector('svg.bar rect')?.getAttribute('width') ?? 'none',
                row.querySelector('td').textContent.trim()]);",
        )
        .await;
    serde_json::from_value(rows).expect("pairs")
}

async fn take_an_exam_within_the_policy(engine: Engine) {
    let site = StaticSite::serve();
    let browser = Browser::start(engine).await;
    browser.goto(&site.url("/mogi/")).await;
    browser.find("start").await;
    browser.record_csp_violations().await;

    // The policy is in force and the listener hears it.
    let probe = browser
        .run(
            r"document.body.insertAdjacentHTML('beforeend', '<p id=csp-probe style=color:red>x</p>');
              const s = document.createElement('script');
              s.textContent = 'window.mogiInlineRan = true';
              document.body.append(s);
              return [getComputedStyle(document.getElementById('csp-probe')).color, window.mogiInlineRan === true];",
        )
        .await;
    assert_ne!(
        probe[0], "rgb(255, 0, 0)",
        "{engine:?}: an inline style applied"
    );
    assert_eq!(probe[1], false, "{engine:?}: an inline script ran");
    let probed = browser
        .wait_for(
            &format!("{engine:?}: reported both probes as violations"),
            SOON,
            async || Some(browser.csp_violations().await).filter(|v| v.len() >= 2),
        )
        .await;
    assert_eq!(probed.len(), 2, "{engine:?}: {probed:#?}");
    assert!(
        probed.iter().any(|v| v.starts_with("style-src")),
        "{engine:?}: {probed:#?}"
    );
    assert!(
        probed.iter().any(|v| v.starts_with("script-src")),
        "{engine:?}: {probed:#?}"
    );
    browser
        .run("document.getElementById('csp-probe').remove(); window.mogiCspViolations.length = 0;")
        .await;

    // A whole exam, its review, results, history, the guide and the glossary.
    browser.start_custom_exam(QUESTIONS).await;
    for k in 1..=QUESTIONS {
        browser.answer_current_question().await;
        if k < QUESTIONS {
            browser.click("next").await;
            browser
                .wait_text("position", |t| {
                    t == format!("Question {} of {QUESTIONS}", k + 1)
                })
                .await;
        }
    }
    browser.end_exam(QUESTIONS).await;
    let violations = browser.csp_violations().await;
    assert!(
        violations.is_empty(),
        "{engine:?}, up to the results: {violations:#?}"
    );
    // The bars the results draw without a style attribute show each domain's share.
    let bars = domain_bars(&browser).await;
    assert!(!bars.is_empty(), "{engine:?}: no domain rows");
    for (width, score) in &bars {
        let (correct, total) = score.split_once(" / ").expect("correct / total");
        let (correct, total): (u32, u32) = (correct.parse().unwrap(), total.parse().unwrap());
        assert_eq!(
            width,
            &(correct * 100 / total).to_string(),
            "{engine:?}: bar of {score}"
        );
    }
    browser.click("nav-history").await;
    browser.find("history-row").await;
    browser.find("standing-tasks").await;
    browser.click("nav-guide").await;
    browser.find("standing").await;
    browser.click("nav-glossary").await;
    browser.find("term").await;
    browser.click("nav-history").await;
    browser.click("history-open").await;
    browser.find("raw").await;

    let violations = browser.csp_violations().await;
    assert!(
        violations.is_empty(),
        "{engine:?}, after every screen: {violations:#?}"
    );
    browser.close().await;
}

#[tokio::test]
async fn chromium_takes_an_exam_within_the_policy() {
    take_an_exam_within_the_policy(Engine::Chromium).await;
}

#[tokio::test]
async fn firefox_takes_an_exam_within_the_policy() {
    take_an_exam_within_the_policy(Engine::Firefox).await;
}

#[tokio::test]
async fn webkit_takes_an_exam_within_the_policy() {
    take_an_exam_within_the_policy(Engine::WebKit).await;
}
