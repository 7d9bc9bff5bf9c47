//! Wall-clock time and seeds from the browser. The core receives both as plain numbers.

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> u64 {
    // Date.now() is a non-negative integer number of milliseconds well within u64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let now = js_sys::Date::now() as u64;
    now
}

/// A fresh seed for a new exam; a shared link carries its own seed instead.
pub(crate) fn random_seed() -> u64 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let high = (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let low = (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
    (high << 32) ^ low ^ now_ms()
}

/// Resolves in a later task (`setTimeout(0)`), so the browser can paint and answer input in
/// between: start-up is cut into tasks this way, as one long task blocks a slow phone.
pub(crate) async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
