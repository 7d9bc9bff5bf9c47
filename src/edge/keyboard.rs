//! Key presses anywhere on the page (the exam screen's shortcuts), heard on the document.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

/// Calls `handle` with every `keydown` on the page until the returned listener is dropped;
/// `None` where the page has no document.
pub(crate) fn on_keydown(handle: impl Fn(&KeyboardEvent) + 'static) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    Some(EventListener::new(&document, "keydown", move |event| {
        if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
            handle(event);
        }
    }))
}
