//! The URL hash: reading it, setting it, and hearing when it changes.

use gloo_events::EventListener;

pub(crate) fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The page's address without its fragment, to put a shared link's `#/…` after.
pub(crate) fn page_url() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// Sets the hash (adding a history entry) unless it already has that value.
pub(crate) fn set_hash(hash: &str) {
    if current_hash() == hash || (hash == "#/" && current_hash().is_empty()) {
        return;
    }
    if let Some(window) = web_sys::window() {
        // Failing to set the hash only loses the deep link; the screen is already right.
        let _ = window.location().set_hash(hash);
    }
}

/// Calls `on_change` with the new hash whenever the user or a link changes it.
pub(crate) fn on_hash_change(on_change: impl Fn(String) + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "hashchange", move |_| {
        on_change(current_hash());
    }))
}

/// Shows the top of the page, as a new screen or a new question should start.
pub(crate) fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Loads the page again (the retry after a failed start).
pub(crate) fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
