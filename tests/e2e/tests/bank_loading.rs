//! The bank reaches the browser as several files (the index, then its content chunks): when
//! one is missing or damaged (a half-finished deploy, a download cut off), the user is told what
//! happened in both languages, nothing stored is lost, and a retry once it is whole carries on.
//! Until the app starts, the loading shell speaks the reader's language; a small bank's content
//! downloads after the wasm, so the start screen does not wait for it.

use std::path::{Path, PathBuf};

use mogi_e2e::{Browser, Engine, StaticSite, dist, fresh_temp_dir};

/// A copy of the release build without the files whose names satisfy `drop`, with every
/// content chunk cut to half if `cut_content`, and without the service worker (which would
/// otherwise answer from its cache).
fn build_without(name: &str, drop: impl Fn(&str) -> bool, cut_content: bool) -> PathBuf {
    let copy = fresh_temp_dir(name);
    for entry in std::fs::read_dir(dist()).expect("the release build") {
        let entry = entry.expect("a file");
        let file = entry.file_name().into_string().expect("a UTF-8 name");
        if drop(&file) || file == "sw.js" {
            continue;
        }
        let mut bytes = std::fs::read(entry.path()).expect("a readable file");
        if cut_content && is_content(&file) {
            bytes.truncate(bytes.len() / 2);
        }

        std::fs::write(copy.join(&file), bytes).expect("copied");
    }
    copy
}

fn is_content(name: &str) -> bool {
    name.starts_with("bank-") && name.contains("-content-")
}

async fn content_damaged_then_whole(engine: Engine, partial: &Path) {
    let site = StaticSite::serve_dir(partial);
    let browser = Browser::start(engine).await;
    browser.goto(&site.url("/mogi/")).await;
    // The start screen needs only the index.
    browser.click("mode-custom").await;
    browser.type_into("question-count", "3").await;
    browser
        .wait_text("summary", |t| t.contains("3 questions"))
        .await;
    browser.click("start").await;
    let failed = browser.text("content-failed").await;
    assert!(
        failed.contains("could not be loaded") && failed.contains("where the index expects"),
        "{engine:?}: {failed}"
    );

    // The deploy completes; the retry picks up the exam that was started.
    site.switch_to(&dist());
    browser.reload_page().await;
    browser
        .wait_text("position", |t| t == "Question 1 of 3")
        .await;
    browser.answer_current_question().await;
    browser.close().await;
}

#[tokio::test]
async fn damaged_content_is_reported_and_a_retry_resumes_the_exam() {
    let partial = build_without("cut-content", |_| false, true);
    for engine in [Engine::Chromium, Engine::Firefox, Engine::WebKit] {
        content_damaged_then_whole(engine, &partial).await;
    }
    let _ = std::fs::remove_dir_all(&partial);
}

#[tokio::test]
async fn a_missing_index_shows_a_bilingual_failure_screen() {
    let partial = build_without(
        "no-index",
        |name| name.starts_with("bank-") && !is_content(name),
        false,
    );
    let site = StaticSite::serve_dir(&partial);
    let browser = Browser::start(Engine::Chromium).await;
    browser.goto(&site.url("/mogi/")).await;
    let screen = browser.text("load-failed").await;
    assert!(screen.contains("could not be loaded"), "{screen}");
    assert!(screen.contains("読み込めませんでした"), "{screen}");
    let shell = browser
        .run("return document.getElementById('loading-shell') !== null")
        .await;
    assert_eq!(
        shell,
        serde_json::Value::Bool(false),
        "the loading shell is gone"
    );
    browser.close().await;
    let _ = std::fs::remove_dir_all(&partial);
}

/// The shell's language is `lang`: the page says so, and its visible text has `shown` and
/// not `hidden`.
async fn assert_shell(browser: &Browser, lang: &str, shown: &str, hidden: &str) {
    let shell = browser
        .run(
            "return [document.documentElement.lang, \
             document.getElementById('loading-shell').innerText]",
        )
        .await;
    assert_eq!(shell[0], lang, "{shell}");
    let text = shell[1].as_str().unwrap_or_default();
    assert!(text.contains(shown) && !text.contains(hidden), "{text}");
}

#[tokio::test]
async fn the_loading_shell_speaks_the_readers_language() {
    // Without its wasm the app never starts, and the shell stays.
    let stalled = build_without("no-wasm", |name| name.ends_with(".wasm"), false);
    let site = StaticSite::serve_dir(&stalled);
    let browser = Browser::start(Engine::Chromium).await;
    // An English browser.
    browser.goto(&site.url("/mogi/")).await;
    assert_shell(&browser, "en", "Loading…", "読み込み中").await;

    // Japanese chosen in Mogi before (as the app stores it) wins over the browser's language.
    browser
        .run(r#"localStorage.setItem("mogi.lang", '{"version":2,"data":"ja"}')"#)
        .await;
    browser.reload_page().await;
    assert_shell(&browser, "ja", "読み込み中", "Loading").await;
    browser.close().await;
    let _ = std::fs::remove_dir_all(&stalled);
}

#[tokio::test]
async fn a_small_banks_content_downloads_after_the_wasm_not_beside_it() {
    // On a slow network the two would share the bandwidth, and the start screen (which needs
    // only the wasm and the index) would wait for question text no one has asked for yet.
    let site = StaticSite::serve();
    let browser = Browser::start(Engine::Chromium).await;
    browser.goto(&site.url("/mogi/")).await;
    browser.find("start").await;
    let timing = browser
        .run(
            "const [wasm] = performance.getEntriesByType('resource').filter(e => e.name.endsWith('.wasm'));
             const content = performance.getEntriesByType('resource').filter(e => e.name.includes('-content-'));
             return { wasmEnd: wasm.responseEnd, contentStarts: content.map(e => e.startTime) };",
        )
        .await;
    let wasm_end = timing["wasmEnd"].as_f64().expect("the wasm was downloaded");
    let starts: Vec<f64> = timing["contentStarts"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(serde_json::Value::as_f64)
        .collect();
    assert_eq!(starts.len(), 1, "one content chunk, fetched once: {timing}");
    assert!(starts[0] >= wasm_end, "{timing}");
    browser.close().await;
}
