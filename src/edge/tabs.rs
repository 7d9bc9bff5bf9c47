//! One exam in progress in one tab at a time: this tab's identity, the tab lock as the app
//! uses it (take, renew, give up, take over; the rules are `mogi_core::store::claim`), and the
//! browser's `storage` and `pagehide` events.

use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use mogi_core::exam::Exam;
use mogi_core::history::Attempt;
use mogi_core::store::{self, Claim, HEARTBEAT_MS, TabLock, keys};
use wasm_bindgen::JsCast;

use crate::edge::{clock, storage};

/// Takes (or renews) the lock for this tab at `now_ms`; `false` when another live tab holds
/// it.
pub(crate) fn claim(now_ms: u64) -> bool {
    let claim = storage::with(|s| store::claim(s, &id(), now_ms, false));
    matches!(claim, Claim::Mine)
}

/// The user chose to continue here: takes the lock whoever holds it, and returns what storage
/// holds now (the other tab's latest exam and history).
pub(crate) fn take_over(now_ms: u64) -> (Option<Exam>, Vec<Attempt>) {
    storage::with(|s| {
        store::claim(s, &id(), now_ms, true);
        (
            store::read::<Exam>(s, keys::EXAM).ok().flatten(),
            store::read::<Vec<Attempt>>(s, keys::HISTORY)
                .ok()
                .flatten()
                .unwrap_or_default(),
        )
    })
}

/// The exam in progress as stored (another tab's latest).
pub(crate) fn stored_exam() -> Option<Exam> {
    storage::with(|s| store::read::<Exam>(s, keys::EXAM))
        .ok()
        .flatten()
}

/// Whether a lock value another tab wrote names another tab than this one (`None` when the
/// lock is gone or unreadable).
pub(crate) fn held_by_another(lock: Option<&str>) -> Option<bool> {
    let lock = store::decode::<TabLock>(keys::LOCK, lock?).ok()?;
    Some(lock.tab != id())
}

/// Holds the lock while it lives: renewed every [`HEARTBEAT_MS`], given up when dropped or
/// when the page is left. `lost` hears when another tab has taken it, with that tab's exam.
pub(crate) struct LockHolder {
    _heartbeat: Interval,
    _page_hide: Option<EventListener>,
}

impl LockHolder {
    pub(crate) fn hold(lost: impl Fn(Option<Exam>) + 'static) -> Self {
        let beat = move || {
            if !claim(clock::now_ms()) {
                lost(stored_exam());
            }
        };
        beat();
        Self {
            _heartbeat: Interval::new(u32::try_from(HEARTBEAT_MS).unwrap_or(u32::MAX), beat),
            _page_hide: on_page_hide(release),
        }
    }
}

impl Drop for LockHolder {
    fn drop(&mut self) {
        release();
    }
}

/// Gives the lock up if this tab holds it.
fn release() {
    storage::with(|s| store::release(s, &id()));
}

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
