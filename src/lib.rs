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

/// Mounts the app on `<body>` and registers the service worker (offline use, updates).
pub fn start() {
    edge::offline::register();
    yew::Renderer::<App>::new().render();
}

/// Mounts the app inside `element` (browser tests render into a fresh element); the handle
/// unmounts it.
pub fn start_in(element: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(element).render()
}
