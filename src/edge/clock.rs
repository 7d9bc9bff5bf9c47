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
