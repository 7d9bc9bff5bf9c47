//! Offline use and updates: registers the service worker (`sw.js`, written into the build by
//! `cargo xtask dist` from `web/sw.js`), tells the app when a new version has been downloaded
//! and is waiting, and moves to it when the user asks.
//!
//! A new version never takes over by itself: the pages open keep running the version they
//! loaded, whole, until the user chooses "reload" (offered only with no exam in progress) or
//! closes every tab of the site. Where service workers are unavailable (an insecure address,
//! some private modes) nothing happens and the app works online as before; a debug build
//! (`trunk serve`, rebuilt on every change) removes any worker instead of registering one.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    RegistrationOptions, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState,
};

const SCRIPT: &str = "./sw.js";
/// The message `sw.js` answers with `skipWaiting()`.
const SKIP_WAITING: &str = "skip-waiting";

/// `navigator.serviceWorker`, where the browser offers it.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let container = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    if container.is_undefined() || container.is_null() {
        return None;
    }
    container.dyn_into().ok()
}

fn warn(what: &str, error: &JsValue) {
    web_sys::console::warn_2(&JsValue::from_str(what), error);
}

/// Registers the worker a little later (after the screen the user is waiting for has had its
/// turn; see [`register`]).
pub(crate) fn register_soon() {
    gloo_timers::callback::Timeout::new(REGISTER_DELAY_MS, register).forget();
}

/// How long after the questions are in the worker starts storing the site.
const REGISTER_DELAY_MS: u32 = 1_000;

/// Registers the worker for the page's own directory (`./`), so the site works offline
/// from `/` and from any subpath alike.
fn register() {
    let Some(container) = container() else {
        return;
    };
    if cfg!(debug_assertions) {
        yew::platform::spawn_local(unregister(container));
        return;
    }
    let options = RegistrationOptions::new();
    options.set_scope("./");
    let registering = container.register_with_options(SCRIPT, &options);
    yew::platform::spawn_local(async move {
        if let Err(error) = JsFuture::from(registering).await {
            warn("Mogi: offline use is unavailable:", &error);
        }
    });
}

/// A debug build is rebuilt on every change; a worker would keep serving an older build.
async fn unregister(container: ServiceWorkerContainer) {
    let Ok(found) = JsFuture::from(container.get_registration()).await else {
        return;
    };
    if let Some(unregistering) = found
        .dyn_into::<ServiceWorkerRegistration>()
        .ok()
        .and_then(|r| r.unregister().ok())
    {
        let _ = JsFuture::from(unregistering).await;
    }
}

/// Keeps the listeners of [`on_update_ready`]; dropping it stops them.
pub(crate) struct UpdateWatch {
    _listeners: Rc<RefCell<Vec<EventListener>>>,
}

/// Calls `on_ready` when a new version has been downloaded and waits to take over (at once
/// if one was already waiting when the page loaded).
pub(crate) fn on_update_ready(on_ready: impl Fn() + 'static) -> Option<UpdateWatch> {
    let container = container()?;
    let listeners = Rc::new(RefCell::new(Vec::new()));
    yew::platform::spawn_local(watch(
        container,
        Rc::new(on_ready),
        Rc::downgrade(&listeners),
    ));
    Some(UpdateWatch {
        _listeners: listeners,
    })
}

async fn watch(
    container: ServiceWorkerContainer,
    on_ready: Rc<dyn Fn()>,
    listeners: Weak<RefCell<Vec<EventListener>>>,
) {
    // Resolves once a version is active; there is nothing to update before that.
    let Ok(ready) = container.ready() else {
        return;
    };
    let Ok(registration) = JsFuture::from(ready).await else {
        return;
    };
    let registration: ServiceWorkerRegistration = registration.unchecked_into();
    // A worker waiting while no version controls the page is the first install, not an update.
    let is_update = {
        let container = container.clone();
        move || container.controller().is_some()
    };
    if registration.waiting().is_some() && is_update() {
        on_ready();
    }
    // A worker being installed now or later: ready once it is installed.
    let follow: Rc<dyn Fn(ServiceWorker)> = {
        let listeners = listeners.clone();
        Rc::new(move |worker: ServiceWorker| {
            let on_ready = on_ready.clone();
            let is_update = is_update.clone();
            let installing = worker.clone();
            let listener = EventListener::new(&worker, "statechange", move |_| {
                if installing.state() == ServiceWorkerState::Installed && is_update() {
                    on_ready();
                }
            });
            if let Some(listeners) = listeners.upgrade() {
                listeners.borrow_mut().push(listener);
            }
        })
    };
    if let Some(worker) = registration.installing() {
        follow(worker);
    }
    let found = EventListener::new(&registration.clone(), "updatefound", move |_| {
        if let Some(worker) = registration.installing() {
            follow(worker);
        }
    });
    if let Some(listeners) = listeners.upgrade() {
        listeners.borrow_mut().push(found);
    }
}

/// Moves this page to the waiting version: asks it to take over and reloads once it has.
/// With none waiting (another tab already moved), reloads onto the current one.
pub(crate) fn apply_update() {
    let Some(container) = container() else {
        reload();
        return;
    };
    yew::platform::spawn_local(async move {
        let waiting = JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
            .and_then(|r| r.waiting());
        let Some(waiting) = waiting else {
            reload();
            return;
        };
        EventListener::once(&container, "controllerchange", |_| reload()).forget();
        if let Err(error) = waiting.post_message(&JsValue::from_str(SKIP_WAITING)) {
            warn("Mogi: the new version did not answer:", &error);
            reload();
        }
    });
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
