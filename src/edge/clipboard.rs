//! Copying text to the clipboard: `navigator.clipboard.writeText` where the browser allows
//! it; otherwise (no API, an insecure page, permission refused) the caller hears `false` and
//! falls back to a selected read-only field the user copies from.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Starts copying `text`; `done(true)` once it is on the clipboard, `done(false)` when the
/// browser refused or has no clipboard API. Never throws.
pub(crate) fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(promise) = write_text(text) else {
        done(false);
        return;
    };
    yew::platform::spawn_local(async move {
        done(JsFuture::from(promise).await.is_ok());
    });
}

/// `navigator.clipboard.writeText(text)`, or `None` when any step is missing or throws.
fn write_text(text: &str) -> Option<js_sys::Promise> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}
