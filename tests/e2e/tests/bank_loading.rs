//! The bank reaches the browser as several files (the index, then its content chunks): when
//! one is missing or damaged (a half-finished deploy, a download cut off), the user is told what
//! happened in both languages, nothing stored is lost, and a retry once it is whole carries on.
//! Until the app starts, the loading shell speaks the reader's language. The first question
//! waits for its own language's text only: no content downloads beside the wasm, the question
//! on screen comes before the other language, and it is fetched while the reader is still on
//! the start screen, so it shows at once even if the network is gone by *Start*.

use std::path::{Path, PathBuf};

use mogi_core::bank::Lang;
use mogi_core::pack;
use mogi_e2e::seeded::release_bank;
use mogi_e2e::{Browser, Engine, SOON, StaticSite, dist, fresh_temp_dir};

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
async fn the_first_question_waits_for_its_own_language_only() {
    // On a slow network downloads share the bandwidth: the start screen (which needs only the
    // wasm and the index) must not share it with question text, nor the first question with
    // text in the other language.
    let site = StaticSite::serve();
    let browser = Browser::start(Engine::Chromium).await;
    browser.goto(&site.url("/mogi/")).await;
    browser.start_custom_exam(3).await;
    browser
        .wait_text("position", |t| t == "Question 1 of 3")
        .await;
    // The same question in Japanese arrives in the background, after the first question.
    let japanese_part = r"(async () => {
        const index = await (await fetch(document.querySelector('meta[name=mogi-bank]').content)).json();
        const id = document.querySelector('[data-testid=question]').dataset.questionId;
        const at = index.contents[index.questions.findIndex((q) => q.id === id)];
        return { en: at[0], ja: at[1], langs: index.chunks.map(([lang]) => lang) };
    })()";
    let parts = browser
        .client
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1]; {japanese_part}.then(done, (e) => done(String(e)));"
            ),
            vec![],
        )
        .await
        .expect("the index");
    let chunk = |k: &serde_json::Value| format!("-content-{k}.json");
    let (en, ja) = (chunk(&parts["en"]), chunk(&parts["ja"]));
    browser
        .wait_until(
            "fetched the first question's Japanese text in the background",
            &format!(
                "performance.getEntriesByType('resource').some((e) => e.name.endsWith('{ja}') && e.responseEnd > 0)"
            ),
        )
        .await;
    let timing = browser
        .run(
            "const entries = performance.getEntriesByType('resource');
             const [wasm] = entries.filter((e) => e.name.endsWith('.wasm'));
             const content = entries.filter((e) => e.name.includes('-content-'))
               .map((e) => ({ name: e.name.replace(/.*-content-/, '-content-'), start: e.startTime, end: e.responseEnd }))
               .sort((a, b) => a.start - b.start);
             return { wasmEnd: wasm.responseEnd, content };",
        )
        .await;
    let content = timing["content"].as_array().expect("a list");
    let wasm_end = timing["wasmEnd"].as_f64().expect("the wasm was downloaded");
    assert!(
        content
            .iter()
            .all(|e| e["start"].as_f64() >= Some(wasm_end)),
        "no content beside the wasm: {timing}"
    );
    let on_screen = content
        .iter()
        .find(|e| e["name"].as_str() == Some(en.as_str()))
        .unwrap_or_else(|| panic!("the question on screen was fetched: {timing}"));
    let on_screen_end = on_screen["end"].as_f64().expect("an end");
    let langs = parts["langs"].as_array().expect("the chunks' languages");
    for entry in content {
        let name = entry["name"].as_str().unwrap_or_default();
        let k: usize = name
            .trim_start_matches("-content-")
            .trim_end_matches(".json")
            .parse()
            .expect("a chunk number");
        if langs[k] == "ja" {
            assert!(
                entry["start"].as_f64() >= Some(on_screen_end),
                "Japanese text only after the first question's: {timing}"
            );
        }
    }
    browser.close().await;
}

#[tokio::test]
async fn the_first_question_is_fetched_while_the_reader_is_on_the_start_screen() {
    // Without the service worker, which would store the whole site once it is in.
    let site = StaticSite::serve_dir(&build_without("no-worker", |_| false, false));
    let browser = Browser::start(Engine::Chromium).await;
    browser.goto(&site.url("/mogi/")).await;
    browser.find("start").await;
    // The whole bank follows in the background 5 s after start-up, its guide texts and
    // glossary before any question: a question's text in before the glossary was asked for
    // came from the start screen.
    let bank = release_bank();
    let names = |chunks: Vec<usize>| -> Vec<String> {
        chunks
            .into_iter()
            .map(|k| pack::chunk_file_name(&bank.revision, k))
            .collect()
    };
    let both =
        |of: &dyn Fn(Lang) -> Vec<usize>| names(Lang::ALL.into_iter().flat_map(of).collect());
    let glossary = both(&|lang| bank.missing_glossary(lang));
    let guide = both(&|lang| bank.missing_guide(lang));
    let chunks = names(bank.all_missing_chunks());
    let questions: Vec<&String> = chunks
        .iter()
        .filter(|name| !glossary.contains(name) && !guide.contains(name))
        .collect();
    browser
        .wait_for(
            "fetched question text on the start screen",
            SOON,
            async || {
                assert!(
                    glossary.iter().all(|name| site.requests(name) == 0),
                    "the background began before the start screen fetched a question"
                );
                let asked: usize = chunks.iter().map(|name| site.requests(name)).sum();
                let received = browser
                    .run(
                        "return performance.getEntriesByType('resource')
                       .filter((e) => e.name.includes('-content-') && e.responseEnd > 0).length;",
                    )
                    .await
                    .as_u64()
                    .and_then(|n| usize::try_from(n).ok());
                let question_asked = questions.iter().any(|name| site.requests(name) > 0);
                (question_asked && received == Some(asked)).then_some(())
            },
        )
        .await;
    site.go_offline();
    browser.click("start").await;
    let position = browser
        .wait_text("position", |t| t.starts_with("Question 1 of"))
        .await;
    let stem = browser.text("stem").await;
    assert!(
        stem.chars().count() > 20,
        "{position} shows with no network: {stem:?}"
    );
    assert!(browser.find_all("content-failed").await.is_empty());
    browser.close().await;
}
