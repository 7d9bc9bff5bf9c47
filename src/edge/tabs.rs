//! This tab's identity and the browser's `storage` and `pagehide` events, for keeping one
//! exam in progress in one tab at a time (the lock itself is `mogi_core::store::claim`).

use gloo_events::EventListener;
use wasm_bindgen::JsCast;

use crate::edge::clock;

const SESSION_KEY: &str = "mogi.tab";

thread_local! {
    static TAB_ID: String = own_id();
}

/// This tab's id: kept in sessionStorage, so a reload of the same tab keeps it.
pub(crate) fn id() -> String {
    TAB_ID.with(Clone::clone)
}

fn own_id() -> String {
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(id) = session
        .as_ref()
        .and_then(|s| s.get_item(SESSION_KEY).ok().flatten())
        .filter(|id| !id.is_empty())
    {
        return id;
    }
    let id = format!("{:016x}", clock::random_seed());
    if let Some(s) = session {
        let _ = s.set_item(SESSION_KEY, &id);
    }
    id
}

/// Calls `on_change(key, new_value)` whenever another tab changes localStorage.
pub(crate) fn on_storage(
    on_change: impl Fn(String, Option<String>) + 'static,
) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        if let Some(event) = event.dyn_ref::<web_sys::StorageEvent>()
            && let Some(key) = event.key()
        {
            on_change(key, event.new_value());
        }
    }))
}

/// Calls `on_hide` when the page is being left (closed, reloaded, navigated away).
pub(crate) fn on_page_hide(on_hide: impl Fn() + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "pagehide", move |_| on_hide()))
}
