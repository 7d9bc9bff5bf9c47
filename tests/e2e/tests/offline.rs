//! Offline use, updates and installing, in each engine, against the release build.
//!
//! - Offline: a person opens Mogi, starts an exam, loses the network (the site's port closes
//!   and open connections are cut), reloads, reads the question in the other language (each
//!   language's text is a file of its own, stored with the rest), and finishes the exam; the
//!   score survives another reload, still offline.
//! - Updates: a new deploy (build B: every code file renamed, so pieces of A and B cannot
//!   load together) arrives while an exam of build A is in progress. The exam continues on A
//!   through reloads and no update is offered; once it ends, "Reload to update" moves the
//!   page to B whole, and B then works offline.
//! - Storing costs no second download: where the host lets browsers keep files (GitHub Pages
//!   does for ten minutes), the worker takes what the page has just downloaded from the
//!   browser's cache, so no file of the site crosses the network twice. (In Chromium and
//!   Firefox: WebKitGTK's worker fetched every file past its HTTP cache when tried.)
//! - Installing: the manifest is found, relative to the site, with icons every engine can
//!   decode; Chromium reports no installability error.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use mogi_e2e::{Browser, Engine, SOON, StaticSite, dist, fresh_temp_dir};
use serde_json::{Value, json};

/// The site's own index, as the page sees it (fetched through the worker).
const BUILD_MARKER: &str =
    "return document.querySelector('meta[name=mogi-test-build]')?.content ?? null;";

/// Fails if the page can still reach the host: a path no worker stores must not load.
async fn assert_network_gone(browser: &Browser, engine: Engine) {
    let reached = browser
        .client
        .execute_async(
            r"const done = arguments[arguments.length - 1];
              fetch('./not-stored-' + Date.now()).then(r => done('HTTP ' + r.status), e => done(null));",
            vec![],
        )
        .await
        .expect("a fetch result");
    assert!(
        reached.is_null(),
        "{engine:?}: the host still answers: {reached}"
    );
}

async fn continue_an_exam_offline(engine: Engine, path: &str) {
    let site = StaticSite::serve();
    let browser = Browser::start(engine).await;
    browser.goto(&site.url(path)).await;
    let worker = browser
        .wait_offline_ready()
        .await
        .unwrap_or_else(|e| panic!("{engine:?}: the site is not stored for offline use: {e}"));
    assert_eq!(worker, site.url(&format!("{path}sw.js")), "{engine:?}");

    browser.start_custom_exam(4).await;
    browser.answer_current_question().await;
    browser.click("next").await;
    browser
        .wait_text("position", |t| t == "Question 2 of 4")
        .await;

    site.go_offline();
    browser.reload_page().await;
    assert_network_gone(&browser, engine).await;
    // The exam is back where it was, and goes on to the end.
    browser
        .wait_text("position", |t| t == "Question 2 of 4")
        .await;
    // In Japanese too, and back: both languages' text was stored.
    let stem_in = |script: &str| {
        format!(
            "document.documentElement.lang === '{script}' && \
             /{}/.test(document.querySelector('[data-testid=stem]')?.innerText ?? '')",
            if script == "ja" {
                "[\\u3040-\\u30ff\\u4e00-\\u9fff]"
            } else {
                "[A-Za-z]{3}"
            }
        )
    };
    browser.click("lang-switch").await;
    browser
        .wait_until("showed the question in Japanese offline", &stem_in("ja"))
        .await;
    browser.click("lang-switch").await;
    browser
        .wait_until("showed the question in English again", &stem_in("en"))
        .await;
    browser
        .wait_text("position", |t| t == "Question 2 of 4")
        .await;
    for k in 2..=4 {
        browser.answer_current_question().await;
        if k < 4 {
            browser.click("next").await;
            browser
                .wait_text("position", |t| t == format!("Question {} of 4", k + 1))
                .await;
        }
    }
    browser.click("end").await;
    let counts = browser.text("end-counts").await;
    assert!(counts.contains("0 unanswered"), "{engine:?}: {counts}");
    browser.click("confirm-end").await;
    let raw = browser.wait_text("raw", |t| t.ends_with("/ 4")).await;

    browser.reload_page().await;
    assert_eq!(
        browser.wait_text("raw", |t| t.ends_with("/ 4")).await,
        raw,
        "{engine:?}: the score after an offline reload"
    );
    browser.click("nav-history").await;
    assert_eq!(browser.find_all("history-row").await.len(), 1, "{engine:?}");
    browser.close().await;
}

#[tokio::test]
async fn chromium_continues_an_exam_offline() {
    continue_an_exam_offline(Engine::Chromium, "/mogi/").await;
}

#[tokio::test]
async fn chromium_continues_an_exam_offline_from_the_site_root() {
    continue_an_exam_offline(Engine::Chromium, "/").await;
}

#[tokio::test]
async fn firefox_continues_an_exam_offline() {
    continue_an_exam_offline(Engine::Firefox, "/mogi/").await;
}

#[tokio::test]
async fn webkit_continues_an_exam_offline() {
    continue_an_exam_offline(Engine::WebKit, "/mogi/").await;
}

async fn store_without_downloading_again(engine: Engine) {
    let site = StaticSite::serve();
    site.cache_for(600);
    let browser = Browser::start(engine).await;
    browser.goto(&site.url("/mogi/")).await;
    browser
        .wait_offline_ready()
        .await
        .unwrap_or_else(|e| panic!("{engine:?}: the site is not stored for offline use: {e}"));
    let mut counted = Vec::new();
    for entry in std::fs::read_dir(dist()).expect("the release build") {
        let name = entry
            .expect("a file")
            .file_name()
            .to_string_lossy()
            .into_owned();
        // The worker's own script is the browser's to check for updates.
        if name != "sw.js" {
            counted.push((site.requests(&name), name));
        }
    }
    let twice: Vec<_> = counted.iter().filter(|(n, _)| *n > 1).collect();
    assert!(
        twice.is_empty(),
        "{engine:?}: downloaded more than once: {twice:?}"
    );
    assert!(
        counted
            .iter()
            .any(|(n, name)| *n == 1 && name.ends_with(".wasm")),
        "{engine:?}: the wasm was never downloaded: {counted:?}"
    );
    browser.close().await;
}

#[tokio::test]
async fn chromium_stores_the_site_without_downloading_it_again() {
    store_without_downloading_again(Engine::Chromium).await;
}

#[tokio::test]
async fn firefox_stores_the_site_without_downloading_it_again() {
    store_without_downloading_again(Engine::Firefox).await;
}

/// A copy of the release build marked `name` in its index. With `rename`, every code file
/// gets a new name (as a new deploy's hashed names differ), so the index of one build cannot
/// load the other's files. `cargo xtask dist` then redoes the policy and the worker.
fn build_copy(name: &str, rename: bool) -> PathBuf {
    let source = dist();
    let dir = fresh_temp_dir(&format!("build-{name}"));
    let mut index = std::fs::read_to_string(source.join("index.html")).expect("index.html");
    let mut renamed = Vec::new();
    for entry in std::fs::read_dir(&source).expect("the build") {
        let file = entry
            .expect("a file")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let code = [".js", ".wasm", ".css"].iter().any(|e| file.ends_with(e)) && file != "sw.js";
        let target = if rename && code {
            format!("{name}-{file}")
        } else {
            file.clone()
        };
        std::fs::copy(source.join(&file), dir.join(&target)).expect("a copy");
        if target != file {
            renamed.push((file, target));
        }
    }
    for (old, new) in &renamed {
        index = index.replace(&format!("./{old}"), &format!("./{new}"));
    }
    index = index.replace(
        "</head>",
        &format!(r#"<meta name="mogi-test-build" content="{name}"></head>"#),
    );
    std::fs::write(dir.join("index.html"), index).expect("index.html");
    redo_dist(&dir);
    dir
}

fn redo_dist(dir: &Path) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let done = Command::new(cargo)
        .args(["--offline", "xtask", "dist"])
        .arg(dir)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("cargo runs");
    assert!(
        done.status.success(),
        "cargo xtask dist {}: {}",
        dir.display(),
        String::from_utf8_lossy(&done.stderr)
    );
}

/// The build marker of the page, and every script, style sheet and wasm it loaded.
async fn loaded(browser: &Browser) -> (Option<String>, Vec<String>) {
    let marker = browser.run(BUILD_MARKER).await.as_str().map(str::to_owned);
    let resources = browser
        .run(
            r"return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname.split('/').pop())
                .filter(n => /\.(js|wasm|css)$/.test(n));",
        )
        .await;
    (marker, serde_json::from_value(resources).expect("names"))
}

async fn assert_whole(browser: &Browser, engine: Engine, build: &str) {
    let (marker, resources) = loaded(browser).await;
    assert_eq!(marker.as_deref(), Some(build), "{engine:?}: the index");
    assert!(!resources.is_empty(), "{engine:?}: nothing loaded?");
    for name in &resources {
        let of_b = name.starts_with("B-");
        assert_eq!(
            of_b,
            build == "B",
            "{engine:?}: {name} loaded with build {build}'s index"
        );
    }
}

async fn new_version_waiting(browser: &Browser) -> bool {
    let waiting = browser
        .client
        .execute_async(
            r"const done = arguments[arguments.length - 1];
              navigator.serviceWorker.getRegistration().then(r => done(!!(r && r.waiting)), () => done(false));",
            vec![],
        )
        .await
        .expect("a registration probe");
    waiting == Value::Bool(true)
}

async fn update_without_breaking_an_exam(engine: Engine) {
    let (a, b) = (build_copy("A", false), build_copy("B", true));
    let site = StaticSite::serve_dir(&a);
    // As on GitHub Pages: the browser may still hold A's index.html when B's worker installs,
    // and must not store it as B's.
    site.cache_for(600);
    let browser = Browser::start(engine).await;
    browser.goto(&site.url("/mogi/")).await;
    browser
        .wait_offline_ready()
        .await
        .unwrap_or_else(|e| panic!("{engine:?}: {e}"));
    browser.start_custom_exam(3).await;
    browser.answer_current_question().await;

    // B is deployed. The reload finds it; it downloads and waits.
    site.switch_to(&b);
    browser.reload_page().await;
    browser
        .wait_text("position", |t| t == "Question 1 of 3")
        .await;
    browser
        .wait_for(
            &format!("{engine:?}: finished downloading build B"),
            Duration::from_secs(30),
            async || new_version_waiting(&browser).await.then_some(()),
        )
        .await;
    // The exam goes on, on A, whole (B's host has none of A's code files), and no update is
    // offered while it is in progress; not after another reload either.
    assert_whole(&browser, engine, "A").await;
    browser.reload_page().await;
    browser
        .wait_text("position", |t| t == "Question 1 of 3")
        .await;
    assert_whole(&browser, engine, "A").await;
    for k in 1..=3 {
        browser.answer_current_question().await;
        if k < 3 {
            browser.click("next").await;
        }
    }
    assert!(
        browser.find_all("update-ready").await.is_empty(),
        "{engine:?}: an update was offered during the exam"
    );
    let raw = browser.end_exam(3).await;

    // Now it is offered; choosing it loads B, whole, with the score kept.
    browser.find("update-ready").await;
    browser.click("update-reload").await;
    browser
        .wait_for(
            &format!("{engine:?}: moved from A to build B after the update"),
            SOON,
            async || (browser.run(BUILD_MARKER).await.as_str() == Some("B")).then_some(()),
        )
        .await;
    assert_eq!(
        browser.wait_text("raw", |t| t.ends_with("/ 3")).await,
        raw,
        "{engine:?}"
    );
    assert_whole(&browser, engine, "B").await;
    assert!(
        browser.find_all("update-ready").await.is_empty(),
        "{engine:?}"
    );
    let caches = browser
        .client
        .execute_async(
            r"const done = arguments[arguments.length - 1];
              caches.keys().then(k => done(k.filter(n => n.startsWith('mogi '))));",
            vec![],
        )
        .await
        .expect("the cache names");
    assert_eq!(
        caches.as_array().map(Vec::len),
        Some(1),
        "{engine:?}: A's cache is gone: {caches}"
    );

    // B works offline too.
    site.go_offline();
    browser.reload_page().await;
    assert_eq!(
        browser.wait_text("raw", |t| t.ends_with("/ 3")).await,
        raw,
        "{engine:?}"
    );
    assert_whole(&browser, engine, "B").await;
    browser.close().await;
    let _ = std::fs::remove_dir_all(a);
    let _ = std::fs::remove_dir_all(b);
}

#[tokio::test]
async fn chromium_updates_to_a_new_deploy_whole_and_never_mid_exam() {
    update_without_breaking_an_exam(Engine::Chromium).await;
}

#[tokio::test]
async fn firefox_updates_to_a_new_deploy_whole_and_never_mid_exam() {
    update_without_breaking_an_exam(Engine::Firefox).await;
}

#[tokio::test]
async fn webkit_updates_to_a_new_deploy_whole_and_never_mid_exam() {
    update_without_breaking_an_exam(Engine::WebKit).await;
}

/// The manifest the page links, with every address resolved against it, and the natural
/// width of each icon as this engine decodes it (0 when it cannot).
async fn manifest_and_icons(browser: &Browser) -> Value {
    browser
        .client
        .execute_async(
            r"const done = arguments[arguments.length - 1];
              (async () => {
                const link = document.querySelector('link[rel=manifest]');
                const response = await fetch(link.href);
                const manifest = await response.json();
                const at = s => new URL(s, response.url).href;
                const icons = await Promise.all(manifest.icons.map(icon => new Promise(ok => {
                  const img = new Image();
                  img.onload = () => ok({ ...icon, width: img.naturalWidth });
                  img.onerror = () => ok({ ...icon, width: 0 });
                  img.src = at(icon.src);
                })));
                const touch = document.querySelector('link[rel=apple-touch-icon]');
                done({ manifest, start: at(manifest.start_url), scope: at(manifest.scope), icons,
                       touch: touch && touch.href, page: location.href.split('#')[0] });
              })().catch(e => done({ error: String(e) }));",
            vec![],
        )
        .await
        .expect("the manifest")
}

async fn offer_an_installable_app(engine: Engine) {
    let site = StaticSite::serve();
    let browser = Browser::start(engine).await;
    browser.goto(&site.url("/mogi/#/history")).await;
    browser.find("history-empty").await;
    let found = manifest_and_icons(&browser).await;
    assert!(found["error"].is_null(), "{engine:?}: {found}");
    let site_dir = site.url("/mogi/");
    assert_eq!(found["start"], json!(site_dir), "{engine:?}");
    assert_eq!(found["scope"], json!(site_dir), "{engine:?}");
    assert_eq!(found["manifest"]["short_name"], "Mogi");
    assert_eq!(found["manifest"]["name"], "Mogi — AWS mock exams");
    assert_eq!(found["touch"], json!(site.url("/mogi/icon-192.png")));
    let icons = found["icons"].as_array().expect("icons");
    for icon in icons {
        let size = icon["sizes"].as_str().unwrap_or_default();
        let width = icon["width"].as_u64().unwrap_or(0);
        match size.split_once('x') {
            Some((w, _)) => assert_eq!(width.to_string(), w, "{engine:?}: {icon}"),
            None => assert!(width > 0, "{engine:?}: {icon}"),
        }
    }
    assert!(
        icons
            .iter()
            .any(|i| i["purpose"] == "maskable" && i["sizes"] == "512x512"),
        "{engine:?}"
    );
    if engine == Engine::Chromium {
        browser.wait_offline_ready().await.expect("a worker");
        let manifest = browser
            .chromium_devtools("Page.getAppManifest", json!({}))
            .await;
        assert_eq!(manifest["errors"], json!([]), "{manifest}");
        let errors = browser
            .chromium_devtools("Page.getInstallabilityErrors", json!({}))
            .await;
        assert_eq!(
            errors["installabilityErrors"],
            json!([]),
            "Chromium: {errors}"
        );
    }
    browser.close().await;
}

#[tokio::test]
async fn chromium_offers_an_installable_app() {
    offer_an_installable_app(Engine::Chromium).await;
}

#[tokio::test]
async fn firefox_offers_an_installable_app() {
    offer_an_installable_app(Engine::Firefox).await;
}

#[tokio::test]
async fn webkit_offers_an_installable_app() {
    offer_an_installable_app(Engine::WebKit).await;
}
