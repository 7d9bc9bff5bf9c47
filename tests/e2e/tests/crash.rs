//! A panic never freezes the page: in each engine the release build is made to panic (the
//! test route `#/test/panic`) and the loader's recovery screen must take the page's place in
//! the reader's language (English, then Japanese), with the panic's message in the console,
//! a download of the stored data, and a reload back into a working app. A trap that reaches
//! the page without the panic hook (a `WebAssembly.RuntimeError` nobody caught) brings the
//! same screen.

use mogi_e2e::{Browser, Engine, StaticSite};
use serde_json::Value;

/// The page's language as the app set it, switched to `lang` with the app's own button.
async fn use_language(browser: &Browser, lang: &str) {
    if browser.run("return document.documentElement.lang;").await != lang {
        browser.click("lang-switch").await;
    }
    browser
        .wait_until(
            &format!("in {lang}"),
            &format!("document.documentElement.lang === '{lang}'"),
        )
        .await;
}

/// From a working app: records `console.error` and every Blob URL the page makes, then
/// opens the panic route (a hash change, so the recording stays in the page).
async fn panic_here(browser: &Browser) {
    browser
        .run(
            r"window.mogiErrors = [];
              const error = console.error;
              console.error = (...args) => {
                window.mogiErrors.push(args.map(String).join(' '));
                error.apply(console, args);
              };
              window.mogiBlobs = [];
              const make = URL.createObjectURL;
              URL.createObjectURL = (blob) => { window.mogiBlobs.push(blob); return make.call(URL, blob); };
              location.hash = '#/test/panic';",
        )
        .await;
    browser.find("crashed").await;
}

/// The text of the first Blob the page made, once it has made one.
async fn first_blob_text(browser: &Browser) -> String {
    browser
        .wait_until("a Blob URL", "window.mogiBlobs.length > 0")
        .await;
    let text = browser
        .client
        .execute_async(
            r"const done = arguments[arguments.length - 1];
              window.mogiBlobs[0].text().then(done, (e) => done('unreadable: ' + e));",
            vec![],
        )
        .await
        .expect("the Blob is read");
    text.as_str().expect("text").to_owned()
}

async fn recover_in(browser: &Browser, engine: Engine, lang: &str, title: &str, reload: &str) {
    use_language(browser, lang).await;
    panic_here(browser).await;
    let heading = browser
        .run("return document.querySelector('[data-testid=crashed] h1').textContent;")
        .await;
    assert_eq!(heading, title, "{engine:?}: the screen in {lang}");
    assert_eq!(browser.text("crash-reload").await, reload, "{engine:?}");
    assert!(
        browser.find_all("start").await.is_empty(),
        "{engine:?}: the app's screen is gone"
    );
    // The hook logged the panic's message (every engine lets a page wrap console.error).
    let errors = browser.run("return window.mogiErrors;").await;
    assert!(
        errors.as_array().expect("a list").iter().any(|e| e
            .as_str()
            .is_some_and(|e| e.contains("#/test/panic was opened"))),
        "{engine:?}: the panic message was not logged: {errors}"
    );
    // The message is on the screen too, under "details" (closed), for a bug report.
    let shown = browser
        .run("return document.querySelector('[data-testid=crash-message]').textContent;")
        .await;
    assert!(
        shown.as_str().is_some_and(|s| s.contains("#/test/panic")),
        "{engine:?}: {shown}"
    );

    // The data: this site's stored values, raw, as one JSON object.
    browser.click("crash-download").await;
    let file = first_blob_text(browser).await;
    let data: serde_json::Map<String, Value> =
        serde_json::from_str(&file).unwrap_or_else(|e| panic!("{engine:?}: {e}: {file}"));
    let stored_lang = data
        .iter()
        .find(|(key, _)| key.ends_with("mogi.lang"))
        .and_then(|(_, value)| value.as_str())
        .unwrap_or_else(|| panic!("{engine:?}: no language in {file}"));
    assert!(
        stored_lang.contains(&format!("\"data\":\"{lang}\"")),
        "{engine:?}: {stored_lang}"
    );
    assert!(
        data.values().all(Value::is_string),
        "{engine:?}: values are raw text: {file}"
    );
    assert!(
        browser.find_all("crash-download-failed").await[0]
            .attr("hidden")
            .await
            .expect("an attribute")
            .is_some(),
        "{engine:?}: the download failed"
    );

    // Reload: a working app on its start page, in the same language.
    browser.click("crash-reload").await;
    browser.find("start").await;
    assert_eq!(
        browser.run("return location.hash;").await,
        "#/",
        "{engine:?}"
    );
    assert_eq!(
        browser.run("return document.documentElement.lang;").await,
        lang,
        "{engine:?}"
    );
}

async fn recover_from_a_panic(engine: Engine) {
    let site = StaticSite::serve();
    let browser = Browser::start(engine).await;
    browser.goto(&site.url("/mogi/")).await;
    browser.find("start").await;
    recover_in(
        &browser,
        engine,
        "en",
        "Mogi stopped because of an error",
        "Reload",
    )
    .await;
    recover_in(
        &browser,
        engine,
        "ja",
        "エラーのため Mogi が停止しました",
        "再読み込み",
    )
    .await;
    // The app still works after the reload: an exam starts.
    use_language(&browser, "en").await;
    browser.start_custom_exam(3).await;

    // The fallback: the wasm traps and the hook never reaches the page (here its call is
    // made to do nothing); the trap itself, a `WebAssembly.RuntimeError` thrown out of the
    // app's glue, brings the screen.
    browser.goto(&site.url("/mogi/#/history")).await;
    // A change of fragment only: WebKitGTK's driver may answer before it is committed, and a
    // hash set meanwhile would be overwritten by it. Wait for the history screen itself.
    browser
        .wait_until(
            "on the history screen",
            "location.hash === '#/history' && document.querySelector('[data-testid=history-empty]')",
        )
        .await;
    browser
        .run("window.mogiCrashed = () => {}; location.hash = '#/test/panic';")
        .await;
    browser.find("crashed").await;
    browser
        .wait_until(
            "the trap's message on the screen",
            "document.querySelector('[data-testid=crash-message]').textContent.includes('RuntimeError')",
        )
        .await;
    browser.close().await;
}

#[tokio::test]
async fn chromium_recovers_from_a_panic() {
    recover_from_a_panic(Engine::Chromium).await;
}

#[tokio::test]
async fn firefox_recovers_from_a_panic() {
    recover_from_a_panic(Engine::Firefox).await;
}

#[tokio::test]
async fn webkit_recovers_from_a_panic() {
    recover_from_a_panic(Engine::WebKit).await;
}
