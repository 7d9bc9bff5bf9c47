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

/// Fetches the bank file, then mounts the app on `<body>`; if the bank cannot be had, mounts
/// a screen that says so and offers a retry.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let opened = match edge::bank_file::fetch().await {
            Ok(text) => install_bank(text),
            Err(reason) => Err(reason),
        };
        match opened {
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

/// Opens the bank file's text for this page (done by [`start`]; browser tests call it with
/// the bank the build compiled).
///
/// # Errors
/// When the text is not a bank file of this app's format.
pub fn install_bank(text: String) -> Result<(), String> {
    bank_data::install(text).map_err(|e| e.to_string())
}

/// Mounts the app inside `element` (browser tests render into a fresh element); the handle
/// unmounts it.
pub fn start_in(element: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(element).render()
}
