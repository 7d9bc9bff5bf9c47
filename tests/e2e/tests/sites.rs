//! One site, one store: two Mogi sites on one origin (here the same build at `/mogi/` and at
//! `/`, as two forks at `user.github.io/a/` and `/b/`) share the origin's localStorage, and
//! each must keep to its own keys (core/src/store.rs, *Sites*). What a release without sites
//! stored under the bare keys is taken by the first site that opens.

use mogi_e2e::{Browser, Engine, SOON, StaticSite};
use serde_json::Value;

/// The raw stored value of `key` (not a logical key: the test reads what the browser holds).
async fn raw(browser: &Browser, key: &str) -> Value {
    browser
        .run(&format!("return localStorage.getItem({key:?});"))
        .await
}

async fn start_label(browser: &Browser, expected: &str) {
    browser.wait_text("start", |t| t == expected).await;
}

async fn two_sites_keep_apart(engine: Engine) {
    let site = StaticSite::serve();
    let browser = Browser::start(engine).await;
    // A page of the origin that is no Mogi site: what a release without sites left there,
    // Japanese chosen and an exam's unreadable copy, under the bare keys.
    browser.goto(&site.url("/mogi/not-a-page")).await;
    browser
        .run(
            r#"localStorage.clear();
               localStorage.setItem("mogi.lang", '{"version":2,"data":"ja"}');
               localStorage.setItem("mogi.corrupt.mogi.exam", "{kept");"#,
        )
        .await;

    // The first site to open takes it.
    browser.goto(&site.url("/mogi/")).await;
    start_label(&browser, "開始").await;
    assert_eq!(raw(&browser, "mogi.lang").await, Value::Null, "{engine:?}");
    assert_eq!(
        raw(&browser, "/mogi/mogi.lang").await,
        r#"{"version":2,"data":"ja"}"#,
        "{engine:?}"
    );
    assert_eq!(
        raw(&browser, "/mogi/mogi.corrupt.mogi.exam").await,
        "{kept",
        "{engine:?}"
    );

    // The other site starts afresh, in the browser's language, and its exam is its own.
    browser.goto(&site.url("/")).await;
    start_label(&browser, "Start").await;
    assert_eq!(
        browser.run("return document.documentElement.lang;").await,
        "en",
        "{engine:?}"
    );
    browser.start_custom_exam(3).await;
    browser
        .wait_for(
            &format!("{engine:?}: saved the exam under the root site's key"),
            SOON,
            async || (!raw(&browser, "/mogi.exam").await.is_null()).then_some(()),
        )
        .await;
    assert_eq!(
        raw(&browser, "/mogi/mogi.exam").await,
        Value::Null,
        "{engine:?}"
    );

    // Back at the first: still Japanese (the loading shell read its key too), no exam.
    browser.goto(&site.url("/mogi/")).await;
    start_label(&browser, "開始").await;
    assert_eq!(
        raw(&browser, "/mogi/mogi.exam").await,
        Value::Null,
        "{engine:?}"
    );
    let keys = browser
        .run("return Object.keys(localStorage).filter(k => !k.startsWith('/mogi/') && !k.startsWith('/mogi.'));")
        .await;
    assert_eq!(
        keys,
        Value::Array(Vec::new()),
        "{engine:?}: keys of no site"
    );
    browser.close().await;
}

#[tokio::test]
async fn chromium_keeps_two_sites_apart() {
    two_sites_keep_apart(Engine::Chromium).await;
}

#[tokio::test]
async fn firefox_keeps_two_sites_apart() {
    two_sites_keep_apart(Engine::Firefox).await;
}

#[tokio::test]
async fn webkit_keeps_two_sites_apart() {
    two_sites_keep_apart(Engine::WebKit).await;
}
