//! This tab's identity and the browser's `storage` and `pagehide` events, for keeping one
//! exam in progress in one tab at a time (the lock itself is `mogi_core::store::claim`).

use gloo_events::EventListener;
use mogi_core::store::{self, keys};
use wasm_bindgen::JsCast;

use crate::edge::{clock, storage};

thread_local! {
    static TAB_ID: String = own_id();
}

/// This tab's id: kept in sessionStorage, so a reload of the same tab keeps it.
pub(crate) fn id() -> String {
    TAB_ID.with(Clone::clone)
}

fn own_id() -> String {
    // Under the site's key like the rest, though a tab's id may well be shared: locks are
    // per site anyway.
    let key = store::site_key(&storage::site(), keys::TAB);
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(id) = session
        .as_ref()
        .and_then(|s| s.get_item(&key).ok().flatten())
        .filter(|id| !id.is_empty())
    {
        return id;
    }
    let id = format!("{:016x}", clock::random_seed());
    if let Some(s) = session {
        let _ = s.set_item(&key, &id);
    }
    id
}

/// Calls `on_change(key, new_value)` whenever another tab changes one of this site's keys
/// in localStorage (`key` is the logical key, as in `mogi_core::store::keys`); other sites'
/// changes are not ours.
pub(crate) fn on_storage(
    on_change: impl Fn(String, Option<String>) + 'static,
) -> Option<EventListener> {
    let window = web_sys::window()?;
    let site = storage::site();
    Some(EventListener::new(&window, "storage", move |event| {
        if let Some(event) = event.dyn_ref::<web_sys::StorageEvent>()
            && let Some(stored) = event.key()
            && let Some(key) = store::logical_key(&site, &stored)
        {
            on_change(key.to_owned(), event.new_value());
        }
    }))
}

/// Calls `on_hide` when the page is being left (closed, reloaded, navigated away).
pub(crate) fn on_page_hide(on_hide: impl Fn() + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "pagehide", move |_| on_hide()))
}
