//! Wall-clock time, the reader's calendar and seeds from the browser. The core receives
//! them as plain numbers; dates are formatted only here.

use mogi_core::bank::Lang;

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

fn js_date(ms: u64) -> js_sys::Date {
    // Milliseconds since 1970 stay exact in an f64 for millennia.
    #[allow(clippy::cast_precision_loss)]
    let ms = ms as f64;
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
}

fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-GB",
        Lang::Ja => "ja-JP",
    }
}

/// The reader's offset from UTC at `ms`, in minutes ahead (540 in Japan).
pub(crate) fn utc_offset_minutes(ms: u64) -> i32 {
    // getTimezoneOffset is minutes *behind* UTC, a whole number within a day.
    #[allow(clippy::cast_possible_truncation)]
    let behind = js_date(ms).get_timezone_offset() as i32;
    -behind
}

/// A date in the reader's locale form (`27/11/2026` / `2026/11/27`).
pub(crate) fn local_date(ms: u64, lang: Lang) -> String {
    String::from(js_date(ms).to_locale_date_string(locale(lang), &wasm_bindgen::JsValue::UNDEFINED))
}

/// A date and time in the reader's locale form.
pub(crate) fn local_date_time(ms: u64, lang: Lang) -> String {
    String::from(js_date(ms).to_locale_string(locale(lang), &wasm_bindgen::JsValue::UNDEFINED))
}

/// `YYYY-MM-DD` of `ms` (UTC), for file names.
pub(crate) fn iso_date(ms: u64) -> String {
    String::from(js_date(ms).to_iso_string())
        .chars()
        .take(10)
        .collect()
}
