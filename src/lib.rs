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

/// Fetches the bank's index, then mounts the app on `<body>` (which fetches the content file
/// next); if the index cannot be had, mounts a screen that says so and offers a retry.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        match bank_data::load_index().await {
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
    });
}

/// Installs a bank's index and content file for this page (done by [`start`]; browser tests
/// call it with the bank the build compiled).
///
/// # Errors
/// When the files are not a bank of this app's format.
pub fn install_bank(index: &str, content: Vec<u8>) -> Result<(), String> {
    bank_data::install_index(index)?;
    if bank_data::bank().content_ready() {
        return Ok(());
    }
    bank_data::install_content(content)
}

/// Mounts the app inside `element` (browser tests render into a fresh element); the handle
/// unmounts it.
pub fn start_in(element: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(element).render()
}
