//! The one place that touches localStorage: a thin [`Store`] over it for the schema,
//! migrations and faults in `mogi_core::store`, under this site's keys ([`SiteStore`]: the
//! page's directory before every key, so two Mogi sites on one origin keep apart).
//!
//! When localStorage cannot be used at all (disabled, some private modes), the app keeps
//! everything in a [`MemoryStore`] for this page's life and says results will not be kept.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use mogi_core::exam::Exam;
use mogi_core::store::{self, Fault, Loaded, MemoryStore, SiteStore, Store, StoreError, keys};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

struct LocalStore(web_sys::Storage);

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get_item(key).map_err(|_| StoreError::Unavailable)
    }

    /// localStorage refuses a write almost only for lack of room (`QuotaExceededError`, or
    /// Firefox's `NS_ERROR_DOM_QUOTA_REACHED`); any refusal keeps the old value.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0
            .set_item(key, value)
            .map_err(|_| StoreError::QuotaExceeded)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.0.remove_item(key).map_err(|_| StoreError::Unavailable)
    }
}

enum Backend {
    Local(SiteStore<LocalStore>),
    Memory(MemoryStore),
}

thread_local! {
    static BACKEND: RefCell<Option<Backend>> = const { RefCell::new(None) };
}

/// localStorage itself. gloo-storage panics when storage is disabled, so this goes through
/// web-sys, where every refusal is `None`.
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// This site's path: the directory of the page's URL (`/mogi/` for `/mogi/index.html`).
pub(crate) fn site() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    store::site_of_path(&path)
}

/// Runs `f` on the backend: localStorage, or memory when it is unavailable (chosen once).
fn with_backend<R>(f: impl FnOnce(&mut Backend) -> R) -> R {
    BACKEND.with(|cell| {
        let mut backend = cell.borrow_mut();
        let backend = backend.get_or_insert_with(|| match local_storage() {
            Some(storage) if storage.get_item(keys::LANG).is_ok() => {
                Backend::Local(SiteStore::new(LocalStore(storage), &site()))
            }
            _ => Backend::Memory(MemoryStore::new()),
        });
        f(backend)
    })
}

/// Runs `f` on the store (this site's keys of localStorage, or memory).
pub(crate) fn with<R>(f: impl FnOnce(&mut dyn Store) -> R) -> R {
    with_backend(|backend| match backend {
        Backend::Local(store) => f(store),
        Backend::Memory(store) => f(store),
    })
}

/// Whether the app is working in memory only.
pub(crate) fn in_memory() -> bool {
    with(|_| ());
    BACKEND.with(|cell| matches!(*cell.borrow(), Some(Backend::Memory(_))))
}

/// Everything stored, migrated (first the values of a release without sites, into this
/// site's keys); in memory only, [`Fault::Unavailable`] among the faults.
pub(crate) fn load() -> Loaded {
    let moved = with_backend(|backend| match backend {
        Backend::Local(store) => store.move_unscoped(),
        Backend::Memory(_) => Vec::new(),
    });
    let mut loaded = with(store::load);
    for fault in moved {
        if !loaded.faults.contains(&fault) {
            loaded.faults.push(fault);
        }
    }
    if in_memory() && !loaded.faults.contains(&Fault::Unavailable) {
        loaded.faults.insert(0, Fault::Unavailable);
    }
    loaded
}

/// The result payloads on the group board (none stored: an empty board).
pub(crate) fn load_group() -> Result<Vec<String>, Fault> {
    with(|s| store::read::<Vec<String>>(s, keys::GROUP)).map(Option::unwrap_or_default)
}

/// Keeps the group board; an empty board is removed.
pub(crate) fn save_group(links: &[String]) -> Result<(), Fault> {
    if links.is_empty() {
        with(|s| store::remove(s, keys::GROUP))
    } else {
        with(|s| store::write(s, keys::GROUP, &links))
    }
}

/// A change to the exam in progress not yet written, and where to report a failure.
struct PendingExam {
    exam: Rc<Exam>,
    on_fault: Box<dyn Fn(Fault)>,
}

thread_local! {
    static PENDING_EXAM: RefCell<Option<PendingExam>> = const { RefCell::new(None) };
    static LEAVE_GUARD: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
}

/// Keeps the exam in progress (`None`: there is none). The end of an exam is written at once.
/// A new exam and every change to one (an answer, a mark, a move) are written after the next
/// paint, so the click that made it does not wait for localStorage (serialising a new exam
/// took some 15 ms of the click on *Start*); a later change replaces one still pending, and
/// leaving or hiding the page writes what is pending. A write that fails is passed to
/// `on_fault`.
pub(crate) fn save_exam(exam: Option<Rc<Exam>>, on_fault: impl Fn(Fault) + 'static) {
    match exam {
        Some(exam) => {
            let pending = PendingExam {
                exam,
                on_fault: Box::new(on_fault),
            };
            let first = PENDING_EXAM.with(|p| p.borrow_mut().replace(pending).is_none());
            if first {
                write_after_paint();
            }
        }
        None => {
            PENDING_EXAM.with(|p| p.borrow_mut().take());
            if let Err(fault) = with(|s| store::save_exam(s, None)) {
                on_fault(fault);
            }
        }
    }
}

/// Writes the pending change to the exam, if any.
fn write_pending_exam() {
    if let Some(pending) = PENDING_EXAM.with(|p| p.borrow_mut().take())
        && let Err(fault) = with(|s| store::save_exam(s, Some(&pending.exam)))
    {
        (pending.on_fault)(fault);
    }
}

fn write_after_paint() {
    guard_leaving();
    let Some(window) = web_sys::window() else {
        write_pending_exam();
        return;
    };
    let after_paint = Closure::once_into_js(|| Timeout::new(0, write_pending_exam).forget());
    let _ = window.request_animation_frame(after_paint.unchecked_ref());
    // A hidden page paints no frames.
    Timeout::new(250, write_pending_exam).forget();
}

/// Writes a pending change when the page is hidden or left (once per page).
fn guard_leaving() {
    LEAVE_GUARD.with(|guard| {
        let mut guard = guard.borrow_mut();
        if !guard.is_empty() {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        guard.push(EventListener::new(&window, "pagehide", |_| {
            write_pending_exam()
        }));
        if let Some(document) = window.document() {
            guard.push(EventListener::new(&document, "visibilitychange", |_| {
                write_pending_exam();
            }));
        }
    });
}
