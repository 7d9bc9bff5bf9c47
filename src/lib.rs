//! Mogi: timed AWS certification mock exams in the browser.
//!
//! The exam rules live in `mogi-core`; this crate is the thin web shell around them: the
//! screens (`screens/`), the app state (`state.rs`), the message catalogue (`i18n.rs`) and the
//! browser edge (`edge/`: storage, clock, location, the service worker).

mod app;
mod bank_data;
mod choice;
mod edge;
mod i18n;
mod report;
mod route;
mod screens;
mod shortcuts;
mod state;
mod update;

pub use app::App;

use mogi_core::bank::Lang;

/// Takes the bank's index (its download began in `index.html`), then mounts the app on
/// `<body>` in place of the loading shell of `index.html`; if the index cannot be had, mounts
/// a screen that says so and offers a retry. The content chunks follow as screens need them
/// (see `app.rs`).
///
/// Instantiating the wasm, opening the index and mounting are separate tasks: shorter tasks
/// block a slow phone less than one long one. The page's loader (`web/loader.js`) has
/// started the wasm only once the shell was painted: a shell removed before its paint is
/// recorded counts as never painted.
pub fn start() {
    install_panic_hook();
    wasm_bindgen_futures::spawn_local(async move {
        edge::clock::next_task().await;
        let loaded = bank_data::load_index().await;
        edge::clock::next_task().await;
        let opened = loaded.is_ok();
        mount(loaded);
        if opened {
            fetch_whole_bank_later();
        }
    });
}

/// After this long on the first screen, the whole bank starts downloading in the background:
/// long enough for a reader who starts an exam at once to have clicked *Start* (its first
/// question then goes first), short enough that the site is soon stored for offline use.
const WHOLE_BANK_AFTER_MS: u32 = 5_000;

/// The whole bank follows in the background, the reader's language first, once the first
/// screen has had the network to itself for a while (a reader who starts an exam at once gets
/// its first question first: what a screen waits for always goes ahead of the background).
/// Once it is all in, the service worker may store the site for offline use, taking the files
/// from the browser's cache: not earlier, so its downloads do not compete with the first
/// screens.
fn fetch_whole_bank_later() {
    gloo_timers::callback::Timeout::new(WHOLE_BANK_AFTER_MS, || {
        // The language the app shows now (it keeps `<html lang>` up to date).
        let shown = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|root| root.get_attribute("lang"));
        let lang = if shown.as_deref() == Some(Lang::Ja.tag()) {
            Lang::Ja
        } else {
            Lang::En
        };
        let bank = bank_data::bank();
        let mut all = bank.missing_in(lang);
        all.extend(bank.missing_in(lang.other()));
        bank_data::fetch_in_background(all, |fetched| {
            if fetched.is_ok() {
                edge::offline::register_soon();
            }
        });
    })
    .forget();
}

/// On a panic: logs its message and shows the page's recovery screen (`window.mogiCrashed`,
/// defined by the loader, `web/loader.js`). The release build aborts on a panic
/// (`panic = "abort"`), so the wasm can draw nothing after one; without this the page would
/// stay as it was, frozen. Through yew, which would otherwise put its own hook (only a log)
/// in place of ours when it mounts the app.
fn install_panic_hook() {
    use wasm_bindgen::JsCast;
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Mogi stopped: {message}").into());
        let crashed = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"mogiCrashed".into()).ok())
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(crashed) = crashed {
            let _ = crashed.call1(&wasm_bindgen::JsValue::NULL, &message.into());
        }
    }));
}

fn mount(loaded: Result<(), String>) {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading-shell"))
    {
        shell.remove();
    }
    match loaded {
        Ok(()) => {
            yew::Renderer::<App>::new().render();
        }
        Err(reason) => {
            yew::Renderer::<screens::load_failed::LoadFailed>::with_props(
                screens::load_failed::Props { reason },
            )
            .render();
        }
    }
}

/// Installs a bank's index and all its content chunks, one after another, for this page
/// (done by [`start`]; browser tests call it with the bank the build compiled).
///
/// # Errors
/// When the files are not a bank of this app's format.
pub fn install_bank(index: &str, chunks: &[u8]) -> Result<(), String> {
    bank_data::install_index(index)?;
    if bank_data::bank().content_ready() {
        return Ok(());
    }
    bank_data::install_all_chunks(chunks)
}

/// Mounts the app inside `element` (browser tests render into a fresh element); the handle
/// unmounts it.
pub fn start_in(element: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(element).render()
}
