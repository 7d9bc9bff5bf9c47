//! Mogi: timed AWS certification mock exams in the browser.
//!
//! The exam rules live in `mogi-core`; this crate is the thin web shell around them: the
//! screens (`screens/`), the app state (`state.rs`), the message catalogue (`i18n.rs`) and the
//! browser edge (`edge/`: storage, clock, location, the service worker).

mod app;
mod bank_data;
mod edge;
mod i18n;
mod report;
mod route;
mod screens;
mod shortcuts;
mod state;
mod update;

pub use app::App;

/// At most this long the app waits for the browser to show the loading shell.
const SHELL_WAIT_MS: f64 = 1000.0;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `performance.getEntriesByName(name)`.
    #[wasm_bindgen(js_namespace = performance, js_name = getEntriesByName)]
    fn performance_entries_by_name(name: &str) -> js_sys::Array;
}

/// Takes the bank's index (its download began in `index.html`), starts fetching the content
/// chunks (all of a small bank; the service worker is registered once they are in), then
/// mounts the app on `<body>` in place of the loading shell of `index.html`; if the index
/// cannot be had, mounts a screen that says so and offers a retry.
///
/// The app mounts in a task of its own, after the one that instantiated the wasm (two shorter
/// tasks block the page less than one long one), and, on a visible page, only once the browser
/// has shown the shell (its first contentful paint is recorded) or `SHELL_WAIT_MS` have passed:
/// a shell removed before its paint is recorded counts as never painted.
pub fn start() {
    let started = js_sys::Date::now();
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = bank_data::load_index().await;
        if loaded.is_ok() {
            // Once the questions are in, the service worker may store the site for offline
            // use: not earlier, so its downloads do not compete with the first screens.
            bank_data::prefetch(|fetched| {
                if fetched.is_ok() {
                    edge::offline::register_soon();
                }
            });
        }
        mount_after_shell(started, loaded);
    });
}

fn mount_after_shell(started: f64, loaded: Result<(), String>) {
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(shell) = document
        .as_ref()
        .and_then(|d| d.get_element_by_id("loading-shell"))
    {
        let wait = document.as_ref().is_some_and(|d| !d.hidden())
            && paint_timing_supported()
            && performance_entries_by_name("first-contentful-paint").length() == 0
            && js_sys::Date::now() - started < SHELL_WAIT_MS;
        if wait {
            gloo_timers::callback::Timeout::new(10, move || mount_after_shell(started, loaded))
                .forget();
            return;
        }
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

/// Whether the browser records paint timing (`PerformanceObserver.supportedEntryTypes`).
fn paint_timing_supported() -> bool {
    use wasm_bindgen::JsCast;
    let get = |target: &wasm_bindgen::JsValue, name: &str| {
        js_sys::Reflect::get(target, &name.into()).ok()
    };
    get(&js_sys::global(), "PerformanceObserver")
        .and_then(|observer| get(&observer, "supportedEntryTypes"))
        .and_then(|types| types.dyn_into::<js_sys::Array>().ok())
        .is_some_and(|types| types.includes(&"paint".into(), 0))
}

/// Mounts the app inside `element` (browser tests render into a fresh element); the handle
/// unmounts it.
pub fn start_in(element: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(element).render()
}
