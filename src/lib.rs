//! Mogi: timed AWS certification mock exams in the browser.
//!
//! The exam rules live in `mogi-core`; this crate is the thin web shell around them: the
//! screens (`screens/`), the app state (`state.rs`), the message catalogue (`i18n.rs`) and the
//! browser edge (`edge/`: storage, clock, location).

mod app;
mod bank_data;
mod edge;
mod i18n;
mod report;
mod route;
mod screens;
mod shortcuts;
mod state;

pub use app::App;

/// At most this long the app waits for the browser to show the loading shell.
const SHELL_WAIT_MS: f64 = 1000.0;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `performance.getEntriesByName(name)`.
    #[wasm_bindgen(js_namespace = performance, js_name = getEntriesByName)]
    fn performance_entries_by_name(name: &str) -> js_sys::Array;
}

/// Mounts the app on `<body>` in place of the loading shell of `index.html`.
///
/// The app mounts in a task of its own, after the one that instantiated the wasm (two shorter
/// tasks block the page less than one long one), and, on a visible page, only once the browser
/// has shown the shell (its first contentful paint is recorded) or `SHELL_WAIT_MS` have passed.
/// On a phone the wasm arrives long after the shell is shown and nothing waits; on a fast
/// connection the wasm can be ready first, and a shell removed before its paint is recorded
/// counts as never painted (the Largest Contentful Paint would be the app's, later).
pub fn start() {
    let started = js_sys::Date::now();
    gloo_timers::callback::Timeout::new(0, move || mount_after_shell(started)).forget();
}

fn mount_after_shell(started: f64) {
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
            gloo_timers::callback::Timeout::new(10, move || mount_after_shell(started)).forget();
            return;
        }
        shell.remove();
    }
    yew::Renderer::<App>::new().render();
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
